"""Tables → cell values: 表二 and 表三 by their rows, 表四 by its groups, then settled together.

A table is read into a `TableRead`: a value, what was printed and where, for every cell it
could settle, and a `Doubt` (value None) for every cell it could not (missing row, cells that do
not fit the row, a number that is not one). A row whose layout leaves several readings (digits
run together, spaces only between some cells, a blank cell that left no character) keeps them
all as options; `settle` then hands the table to the solver, which keeps the combinations under
which the table's identities hold: a cell they agree on is settled, the others are doubts with
every candidate.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import product
from math import prod
from typing import Any, Callable, Sequence

from ... import catalogue
from ...identities import identities
from ..base import Doubt
from . import columns
from ._cells import Cell, any_slotted, display_width, lines_in_order, parse_number
from .cellvalue import json_value, zero
from .evidence import narrow
from .grid import FORMULA
from .labels import OTHER_PARENT, RowPatterns, table4_keys
from .lines import (a_cell_a_line, join_tails, labels_first, numeral_list, numerals_in_words, tidy, without_parent_pieces, without_serials,
                    words_a_line)
from .realign import is_stuck, realign
from .rows import RowCells, collect_rows, cut_label, no_stray_numbers, row_reading, total_named_first, unfold
from .merged import unrepeated
from .colorder import no_total, printed_order, total_first
from .colwords import BARE_CHANGE, EXTRA_HEAD, REMARK_HEADS, heads_named
from .order import by_order
from .slices import stitch
from .sparse import appeals as sparse_appeals, blank_rows, may_be_sparse, unfilled
from .transposed import untransposed
from .t2transposed import t2_untransposed
from .downcols import rows_across
from .t4groups import labelled_groups
from .rowread import TableRead, anchors, edges, inside, missing, resolve, starts_flush, unsettled
from .solve import Read, RowReadings, Solution, TooHard, solve


def read_rows(cells: Sequence[Cell], patterns: RowPatterns, *, template: str, table: str, glued: bool,
              align: str | None = None, sparse_doc: bool = False) -> TableRead:
    """Read 表二 or 表三 from its cells (`align`: how the document's numbers line up, `columns.alignment`;
    `sparse_doc`: another table of the document prints a cell a line, its empty cells left out)."""
    out = TableRead()
    blocks: list[RowCells] = []
    # (before tidy, which drops header words)
    subtotal = table == "requests" and "小计" in "".join([c.text for c in cells]) \
        and any(c.kind == "text" and "小计" in c.text for c in cells)
    untotalled = False
    if table == "active":
        cells = rows_across(cells, patterns)  # sections printed column by column, a cell a line
        cells = t2_untransposed(cells, patterns)  # sections on their side: measures as rows
    original = cells  # (the header lines, before tidy drops them)
    if table == "requests":
        lines = lines_in_order(cells)  # (both reshapers look at the lines: made once)
        stitched = stitch(cells, lines=lines)  # a wide table printed in vertical slices, one after the other
        # turned on its side: applicants as rows
        cells = untransposed(stitched, patterns, lines=lines if stitched is cells else None)
        reordered = total_first(cells, patterns)  # the 总计 column printed first
        # else the seven named on one header line in another order than the format's
        patterns = reordered if reordered is not patterns else printed_order(cells, patterns)
        untotalled = no_total(cells, patterns)  # no 总计 column at all (checked against the rows below)
    cells = unrepeated(cells)  # a merged cell's copies in the columns it spans (docling)
    cells = without_notes(cells)  # a note under the table: its numbers and words are no row's
    if table == "requests":
        cells = without_parent_pieces(cells)  # a merged parent wrapped down the lines of its rows
    cells, cuts = tidy(labels_first(cells), patterns)
    # (counts in Chinese numerals inside a list's words, `自然人二十一个、…`: a line per row, no number
    # cell, yet neither form: its rows are no blank ones)
    named = numerals_in_words(cells)
    sparse = not named and (a_cell_a_line(cells, max(len(keys) for keys in patterns.columns.values())) or (
        sparse_doc and may_be_sparse(cells)))
    # no number at all, each word alone on its line: a viewer's copy of a table of empty cells,
    # or a table nobody filled (`words_a_line`): its rows are read as the copy's are, below
    empty = not sparse and not named and words_a_line(cells)
    blanks: list[tuple[str, Cell]] = []
    if sparse or empty:  # a cell a line, an empty cell no line: a row of empty cells is its label alone
        cells, blanks = blank_rows(cells, patterns)
    rows, dupes = collect_rows(cells, patterns, blocks)
    if len(rows) < len(patterns.columns) or blocks or dupes:
        # a row not found, or labels run together: a wrapped label's tail may stand after its numbers
        joined = join_tails(cells, patterns)
        if joined is not cells:
            cells, blocks = joined, []
            rows, dupes = collect_rows(cells, patterns, blocks)
    if len(rows) < len(patterns.columns) and not blocks:
        by_order(cells, patterns, rows, template)  # a damaged label where the row order pins it
    if named:
        # a row whose label cell holds its counts in numerals (not cut out of the words) has no
        # cell after it: not a row of blanks printed as nothing, a row not read
        for row in [r for r, rc in rows.items() if numeral_list(rc.label.text) and not rc.cells]:
            del rows[row]
    out.sparse = sparse
    # a cell a line whose numbers never run cells together (no `023`: no number starts with 0):
    # a number alone on its line is one cell
    whole = sparse and not any(c.kind == "num" and _RUN_TOGETHER.match(c.text) for c in cells)
    if (sparse or empty) and (rows or blanks) and not any(c.kind == "num" for c in cells):
        out.found = True
        out.unfilled = empty
        unfilled([k for keys in patterns.columns.values() for k in keys], out, cells[0].start if cells else None,
                 "表二" if table == "active" else "表三")
        return out
    # space-aligned: the numbers line up, or (too few numbers to show it) the header words stand
    # in columns set out by spaces (asked only where a rule needs it: `laid_out` reads every cell)
    if not sparse and not any(c.kind == "num" for c in cells) \
            and (align is not None or columns.laid_out(original)) \
            and 2 * len(_labels_alone(cells, patterns)) >= len(patterns.columns):
        # space-aligned text whose table prints its row labels, a line each, and no number at all
        # (`pdftotext -layout` of a table that leaves its zeros blank): as a copy a cell a line
        out.found = True
        unfilled([k for keys in patterns.columns.values() for k in keys], out, cells[0].start,
                 "表二" if table == "active" else "表三", why="a blank cell is only spaces in this text")
        return out
    out.found = bool(rows)
    if not rows:
        return out
    for name, label in blanks:
        if name not in rows:
            rows[name] = RowCells(name, label, [])
    if subtotal:
        drop_subtotals(rows, patterns)
    if table == "active":
        patterns = _t2_printed_order(rows, patterns, original)
    if table in ("active", "requests") and _too_many(rows, patterns):
        # a row printing more cells than its columns: columns the report added, under their heads?
        extras = extra_columns(original)
        if extras:
            between: set[int] = set()
            slotted = drop_extra_slots(rows, patterns, extra_slots(original, extras, between))
            # a row under heads between the format's columns that its tab cells do not place (two
            # numbers in one, `0 23`: a PDF's words run together) keeps its cells: a doubt
            drop_extra_columns({r: rc for r, rc in rows.items() if r not in slotted}, patterns,
                               {line: k for line, k in extras.items() if line not in between}, cells)
    if table == "requests":
        total_named_first(rows, patterns)
    for block in blocks if not named else ():  # (labels run together with counts in their words: no block)
        unfold(block, rows, patterns, table, out, template)
    if table == "active" and "regulations" not in rows and no_stray_numbers(cells, rows):
        # 规章 are made only by governments with legislative power (立法法): the reports of
        # other organs often leave the row out. Nothing printed is read as blank, as a blank
        # cell is, when no number in the table is left without a row to hold it.
        first = next(iter(rows.values())).label
        rows["regulations"] = RowCells("regulations", Cell("text", "", first.start, first.start), [])
    unprinted: list[str] = []
    if untotalled:
        patterns, unprinted = _without_totals(rows, patterns)
    widths = {len(k) for k in patterns.columns.values()}
    # how the rows start and where their columns stand: asked for only when a row is not placed
    # by its grid (in a clean tab or pipe table none is)
    flush: bool | None = None
    cols: dict[int, list[float] | None] = {}
    grids = _grids(rows, patterns, cells, widths)
    by_line = columns.by_line(cells) if any(grids.values()) else {}
    for row, keys in patterns.columns.items():
        rc = rows.get(row)
        if rc is None:
            continue
        grid = grids.get(len(keys))
        placed = columns.by_slot(rc.cells, grid, len(keys), by_line.get(rc.cells[0].line, ()) if rc.cells else ()) \
            if grid else None
        if placed is not None and row not in dupes:
            out.take(keys, placed)  # a tab or pipe grid puts each cell in its column
            continue
        if flush is None:
            flush = starts_flush(rows.values(), patterns)
        if len(keys) not in cols:
            cols[len(keys)] = anchors([r.cells for r in rows.values()], len(keys))
        on_line: Sequence[Cell] = ()
        if cols[len(keys)] is not None and rc.cells:  # space-aligned: what else the row's line prints
            if not by_line:
                by_line = columns.by_line(cells)
            on_line = by_line.get(rc.cells[-1].line, ())
        resolve(keys, rc.cells, glued=glued, idents=inside(keys, template), into=out, row=row,
                cols=cols[len(keys)], flush=flush, aligned=align is not None, sparse=sparse, on_line=on_line,
                whole=whole)
        if row in dupes:
            out.options.pop(row, None)
            # every print's values are candidates (the first print's first)
            prints = [r for again in rc.again for r in row_reading(keys, again.cells, template, row)]
            for j, k in enumerate(keys):
                read = out.reads.get(k)
                out.reads[k] = Read(None, None, read.start if read else None, read.end if read else None)
                values = [json_value(read.value)] if read and read.value is not None else []
                for other in prints:
                    if other[j].value is not None and json_value(other[j].value) not in values:
                        values.append(json_value(other[j].value))
                out.doubts[k] = Doubt(reason="duplicate_row", detail="row printed twice with different numbers",
                                      candidates=values)
    for cut in cuts:
        if cut.row not in dupes:
            cut_label(cut, patterns.columns[cut.row], template, out)
    # 2021 reports that print one （六）其他处理 row instead of its three sub-rows
    others = ("other_no_correction", "other_unpaid_fee", "other_misc")
    if table == "requests" and template == "2021" and not any(r in rows for r in others) and OTHER_PARENT in rows:
        parent = TableRead()
        keys = patterns.columns["other_misc"]
        resolve(keys, rows[OTHER_PARENT].cells, glued=glued, idents=inside(keys, template), into=parent,
                row="other_misc")
        zero = not parent.doubts and not parent.options and all(parent.reads[k].value == 0 for k in keys)
        for r in others:
            for k, pk in zip(patterns.columns[r], keys):
                pr = parent.reads.get(pk)
                out.reads[k] = Read(0 if zero else None, pr.printed if pr else None, pr.start if pr else None,
                                    pr.end if pr else None, pr.locator if pr else None)
                if not zero:
                    out.doubts[k] = Doubt(reason="merged_row", detail="（六）其他处理 printed as one row, not three"
                                          + (f"; the row prints {pr.value} here" if pr else ""))
    for row, keys in patterns.columns.items():
        if keys[0] not in out.reads and row not in out.options:
            missing(keys, out, detail=f"row {catalogue.field(keys[0]).row} not found")
    for key in unprinted:  # the header names no 总计 column: the total is not printed, never summed in
        read = out.reads.get(key)
        if read is None or read.value is None:
            missing([key], out, reason="column_not_printed",
                    detail="表三's header names no 总计 column and the rows print six numbers: the total is not printed")
    # space-aligned text that prints a blank cell as nothing shows it in a row of the table that
    # prints fewer numbers than columns, each standing in a column (read by position)
    blanks_shown = align is not None and any(
        0 < len(nums) < len(keys) and all(c.col is not None for c in nums)
        for row, keys in patterns.columns.items() if row in rows and row not in dupes
        for nums in [[c for c in rows[row].cells if c.kind == "num"]])
    for n in widths:
        group = [(keys, rows[row].cells, rows[row].label) for row, keys in patterns.columns.items()
                 if len(keys) == n and row in rows and row not in dupes]
        if any(is_stuck(out, keys) for keys, _, _ in group):
            wider = [c for row, keys in patterns.columns.items() if len(keys) != n and row in rows
                     for c in rows[row].cells if c.kind == "num"]
            realign(group, cells, out, align=align, name=f"{table}:{n}", template=template, others=wider)
    if align is not None or (any(d.reason == "missing_row" and not d.candidates for d in out.doubts.values())
                             and columns.laid_out(original)):
        # (with no alignment told, a lone label's row is a doubt: `shown` is False)
        _blank_rows_alone(rows, patterns, cells, out, dupes, shown=blanks_shown)
    return out


#: a number cell whose digits are several cells run together for sure: it starts with 0 (`023`, `000`)
_RUN_TOGETHER = re.compile(r"\s*[+-]?0\d")


def _blank_rows_alone(rows: dict[str, RowCells], patterns: RowPatterns, cells: Sequence[Cell], out: TableRead,
                      dupes: Any, *, shown: bool) -> None:
    """In a table whose blank cells are printed as nothing (space-aligned text, `pdftotext
    -layout` of a table that leaves its zeros blank), a row left with no cell (or not found)
    whose label is printed on a line of its own, nothing after it, is a row of blank cells
    (before: `missing_row`, no candidate). (The row's label as found may be a later line's:
    labels on lines of their own run into the next row's.) When no row of the table shows
    blanks printed as nothing (`shown` False: its other rows print every cell), such a row stays
    a doubt, its blanks (0) the candidate: its numbers may have been lost."""
    alone = _labels_alone(cells, patterns)
    for row, keys in patterns.columns.items():
        rc = rows.get(row)
        doubt = out.doubts.get(keys[0])
        if row in dupes or doubt is None or doubt.reason != "missing_row" or row not in alone or (
                rc is not None and any(c.kind == "num" or c.printed for c in rc.cells)):
            continue
        end = alone[row].end
        if shown:
            out.take(keys, [Cell("blank", "", end, end, alone[row].line)] * len(keys))
            continue
        for k in keys:
            out.doubts[k] = Doubt(reason="missing_row", candidates=[json_value(zero(k))],
                                  detail="its label printed alone on its line, no number after it: a row of blank "
                                  "cells, or its numbers lost (no other row of the table prints a blank as nothing)")


def _labels_alone(cells: Sequence[Cell], patterns: RowPatterns) -> dict[str, Cell]:
    """Row → the last cell of the first line that prints its label and nothing else."""
    alone: dict[str, Cell] = {}
    for line in lines_in_order(cells):
        if all(c.kind == "text" for c in line):
            row = patterns.match("".join(c.text for c in line))
            if row is not None and row in patterns.columns:
                alone.setdefault(row, line[-1])
    return alone


#: at most this many sums offered for a 总计 not printed (its row's cells' candidates combined)
_MAX_DERIVED = 8


def derive_unprinted(out: TableRead) -> None:
    """A 表三 总计 the table does not print (`column_not_printed`), or a 表三/表四 总计 printed as a
    spreadsheet formula the file holds no result for (`=SUM(C5:H5)`, `grid.FORMULA`), stays
    null; its doubt offers its row's sum as a candidate marked `derived` (worked out, not
    printed) when every other cell of the row is settled or has candidates (all their sums,
    when they are few). Called once the table is settled: the sum of the cells as finally read."""
    for key, doubt in list(out.doubts.items()):
        if doubt.candidates or not key.endswith(".total"):
            continue
        if doubt.reason == "column_not_printed":
            why = "the sum of the row's printed cells, worked out, not read"
        elif doubt.reason == "unreadable" and (r := out.reads.get(key)) is not None and r.printed \
                and FORMULA.match(r.printed.strip()):
            why = "the sum of the row's other cells, worked out, not read (the file holds no result for its formula)"
        else:
            continue
        total, parts = catalogue.summed_cells(key.rsplit(".", 1)[0])
        if total != key:
            continue
        pools: list[list[Any]] = []
        for part in parts:
            d = out.doubts.get(part)
            read = out.reads.get(part)
            pool = list(d.candidates) if d is not None else [] if read is None or read.value is None \
                else [json_value(read.value)]
            if not pool or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pool):
                break
            pools.append(pool)
        if len(pools) != len(parts) or prod(len(p) for p in pools) > 64:
            continue
        sums = sorted({sum(combo) for combo in product(*pools)})
        if len(sums) > _MAX_DERIVED:
            continue
        out.doubts[key] = Doubt(reason=doubt.reason, candidates=sums, derived=sums,
                                detail=f"{doubt.detail}; the candidate is {why}")


def _without_totals(rows: dict[str, RowCells], patterns: RowPatterns) -> tuple[RowPatterns, list[str]]:
    """`patterns` without the 总计 key of each seven-column row, and those keys, when the rows bear
    out a header that names no 总计: no row prints seven cells or more, and most print six."""
    sevens = {row: keys for row, keys in patterns.columns.items() if len(keys) == 7 and keys[-1].endswith(".total")}
    counts = [_printed_width(rows[row].cells) for row in sevens if row in rows and not rows[row].block]
    if not counts or max(counts) >= 7 or 2 * sum(n == 6 for n in counts) <= len(counts):
        return patterns, []
    columns = {row: keys[:-1] if row in sevens else keys for row, keys in patterns.columns.items()}
    return replace(patterns, columns=columns, _seen={}, _seen_all={}), [keys[-1] for keys in sevens.values()]


def _printed_width(cells: Sequence[Cell]) -> int:
    """A row's cells from its first printed one (empty cells before it pad its label's columns)."""
    for i, c in enumerate(cells):
        if c.kind != "blank" or c.text:
            return len(cells) - i
    return 0


def _grids(rows: dict[str, RowCells], patterns: RowPatterns, cells: Sequence[Cell],
           widths: set[int]) -> dict[int, dict[int, int] | None]:
    """Row width → the table's cell grid (cell index on the line → column), for tab and pipe
    tables whose rows agree on it: there a number's column is its cell, whatever the row's
    empty cells (a spacer column, a 0 printed as nothing) do to a count of its cells."""
    if not any_slotted(cells):
        return {}
    lines = columns.lines_of(cells)
    out: dict[int, dict[int, int] | None] = {}
    for n in widths:
        of_width = [rc.cells for row, rc in rows.items() if len(patterns.columns.get(row, ())) == n]
        out[n] = columns.slot_map(of_width, n, lines) if of_width else None
    return out


def read_appeals(cells: Sequence[Cell], *, glued: bool, template: str, align: str | None = None,
                 sparse: bool = False) -> TableRead:
    """Read 表四: the 15 numbers after its header words (`align`: as in `read_rows`; `sparse`: the
    document's other tables print a cell a line and leave empty cells out, `sparse.appeals`)."""
    out = TableRead()
    keys = table4_keys()
    idents = inside(keys, template)
    cells = without_notes(without_serials(cells))
    if sum([c.kind == "num" for c in cells]) > len(keys):  # (most 表四s print their fifteen and no more)
        extras = extra_columns(cells)
        if extras:
            cells = _t4_without_extras(cells, extras, len(keys))
    if sparse and sparse_appeals(keys, cells, glued=glued, idents=idents, into=out):
        return out
    first = next((i for i, c in enumerate(cells) if c.kind == "num"), None)
    if first is None:
        # a 表四 printed all blank: the blanks after its last header word
        last = max((i for i, c in enumerate(cells) if c.kind == "text"), default=-1)
        tail = list(cells[last + 1:])
        if len(tail) >= len(keys) or any(c.fill for c in tail):
            out.found = True
            resolve(keys, tail, glued=glued, idents=idents, into=out, row="appeals")
        elif (align is not None or columns.laid_out(cells)) and "行政复议" in (words := "".join(c.text for c in cells if c.kind == "text")) \
                and "行政诉讼" in words and words.count("总计") >= 3:
            # space-aligned text printing 表四's header (its groups, their three 总计; the other
            # column words may wrap) and no number, its blanks only spaces: every cell blank, or
            # a table nobody filled
            out.found = True
            unfilled(keys, out, cells[0].start, "表四", why="a blank cell is only spaces in this text")
        return out
    # runs of value cells between text cells; the data row is the run of 15 cells (a year in
    # a heading is a run too), else the run with the most digits
    runs: list[list[Cell]] = []
    current: list[Cell] = []
    for i, c in enumerate(cells):
        # (a year before 年, `2024年` leading a row, is the row's label: it ends the run before it)
        if c.kind == "text" or (c.kind == "num" and i + 1 < len(cells) and cells[i + 1].kind == "text"
                                and cells[i + 1].text[:1] == "年" and _YEAR.fullmatch(c.text)):
            if current:
                runs.append(current)
            current = []
        else:
            current.append(c)
    if current:
        runs.append(current)
    runs = [r for r in runs if any(c.kind == "num" for c in r)]
    runs = [part for r in runs for part in _by_lines(r, len(keys))]
    out.found = True
    placed = _by_header(cells, len(keys))
    if placed is not None:
        out.take(keys, placed)
        return out
    exact = [r for r in runs if len(edges(r)) == len(keys)]
    groups = None if exact else _appeal_groups(cells)
    if groups is None and not exact and (labelled := labelled_groups(cells)) is not None:
        _take_labelled(keys, labelled, out)
        return out
    if groups is not None:
        for g, run in enumerate(groups):
            part = keys[5 * g:5 * g + 5]
            resolve(part, run, glued=glued, idents=inside(part, template), into=out, row=catalogue.APPEAL_GROUPS[g],
                    aligned=align is not None)
        return out
    if len(exact) > 1:
        chosen = _this_years_run(exact, cells)
        if chosen is None:
            _runs_disagree(keys, exact, out, glued=glued, idents=idents)
            return out
        exact = [chosen]
    data = exact[-1] if exact else max(runs, key=lambda r: sum(len(c.text) for c in r if c.kind == "num"))
    stray = [c for r in runs if r is not data for c in r if c.kind == "num" and not _YEAR.fullmatch(c.text)]
    if stray and not exact:
        # numbers set apart by text (`0,1,0,1,2`, a unit after each): which run is the row, and
        # what the others are, is no reading; one run padded with dropped blanks would be a guess
        unsettled(keys, edges(data), out, "cells_do_not_fit",
                  f"表四's numbers printed apart by text: {' | '.join(c.text for r in runs for c in r)[:200]}")
        return out
    resolve(keys, data, glued=glued, idents=idents, into=out, row="appeals", aligned=align is not None)
    realign([(keys, data, None)], cells, out, align=align, name="appeals", template=template)
    return out


def _t4_without_extras(cells: Sequence[Cell], extras: dict[int, int], n: int) -> Sequence[Cell]:
    """表四's lines under a header naming k columns after the format's (`上年同期`) without their
    last k cells, where the line prints exactly a group's five cells (groups as rows) or the
    table's fifteen, and those k more. A tab or pipe line under heads in tab cells of their own
    (`extra_slots`: `总计 | 上年` after each group) loses the cells in those tab cells instead,
    when it then prints exactly five or fifteen."""
    drop: set[int] = set()
    slots = extra_slots(cells, extras)
    for line, at in slots.items():
        printed = [c for c in cells if c.line == line and (c.kind == "num" or (c.kind == "blank" and c.printed))]
        gone = [c for c in printed if at.holds(c)]
        if gone and all(at.placed(c) for c in printed) and len(printed) - len(gone) in (5, n):
            drop.update(id(c) for c in gone)
    for line, k in extras.items():
        if k <= 0 or line in slots:
            continue
        if k <= 0:
            continue
        printed = [c for c in cells if c.line == line and (c.kind == "num" or (c.kind == "blank" and c.printed))]
        if len(printed) - k in (5, n):
            drop.update(id(c) for c in printed[len(printed) - k:])
    return [c for c in cells if id(c) not in drop] if drop else cells


def _by_lines(run: list[Cell], n: int) -> list[list[Cell]]:
    """A run of 表四's cells over several lines that each print exactly its n cells (rows with no
    label: this year's and last year's) as one run a line; any other run as it is."""
    if len(run) < 2 * n or run[0].line < 0 or len(edges(run)) == n:
        return [run]
    lines: dict[int, list[Cell]] = {}
    for c in run:
        lines.setdefault(c.line, []).append(c)
    parts = list(lines.values())
    if len(parts) < 2 or any(len(edges(p)) != n for p in parts):
        return [run]
    return parts


def _run_label(run: list[Cell], cells: Sequence[Cell], at: dict[int, int]) -> tuple[str, int | None]:
    """What leads a run of 表四's cells on its line: ("this", None) for 本年/本年度, ("last", None)
    for 上年/去年, ("year", Y) for `2024年`, ("", None) for anything else."""
    i = at[id(run[0])]
    before = cells[i - 1] if i > 0 else None
    if before is None or before.kind != "text" or before.line != run[0].line:
        return "", None
    text = before.text.strip(" \t|｜")
    if _THIS_YEAR.fullmatch(text):
        return "this", None
    if EXTRA_HEAD.fullmatch(text) and text[:1] in "上去":
        return "last", None
    prev = cells[i - 2] if i > 1 else None
    if text == "年" and prev is not None and prev.kind == "num" and _YEAR.fullmatch(prev.text) and prev.line == run[0].line:
        return "year", int(prev.text)
    return "", None


def _this_years_run(exact: list[list[Cell]], cells: Sequence[Cell]) -> list[Cell] | None:
    """Of several runs of 表四's fifteen cells: the one to read. Runs printing the same numbers
    (the table printed twice) are one; else the run led by 本年 when the others are led by
    上年, or by the later of two years a year apart (`2024年` over `2023年`). None: the print
    does not say which row is the report's year (its cells are then doubts)."""
    if len({tuple(c.text for c in r) for r in exact}) == 1:
        return exact[-1]
    at = {id(c): i for i, c in enumerate(cells)}
    labels = [_run_label(r, cells, at) for r in exact]
    kinds = [k for k, _ in labels]
    if kinds.count("this") == 1 and kinds.count("last") == len(exact) - 1:
        return exact[kinds.index("this")]
    years = [y for _, y in labels]
    if all(y is not None for y in years) and len(exact) == 2 and abs(years[0] - years[1]) == 1:  # type: ignore[operator]
        return exact[0] if years[0] > years[1] else exact[1]  # type: ignore[operator]
    return None


def _runs_disagree(keys: tuple[str, ...], exact: list[list[Cell]], out: TableRead, *, glued: bool,
                   idents: Any) -> None:
    """表四 printed as several rows of fifteen whose numbers differ, none named the report's year:
    a cell they agree on is read, the others are doubts holding every row's value."""
    reads = []
    for run in exact:
        scratch = TableRead()
        resolve(keys, run, glued=glued, idents=idents, into=scratch, row="appeals")
        reads.append(scratch)
    for k in keys:
        values = [r.reads[k].value if k in r.reads and k not in r.doubts else None for r in reads]
        first = reads[-1].reads.get(k)
        if None not in values and len(set(values)) == 1 and first is not None:
            out.reads[k] = first
            continue
        out.reads[k] = Read(None, None, first.start if first else None, first.end if first else None)
        out.doubts[k] = Doubt(reason="duplicate_row", detail="表四 printed as several rows of different numbers, "
                              "none named this year's", candidates=sorted({json_value(v) for v in values if v is not None}))


def _take_labelled(keys: tuple[str, ...], groups: list[list[Cell] | None], out: TableRead) -> None:
    """表四's groups read from their (result, number) pairs (`t4groups.labelled_groups`): each
    number is the cell its label and its group's name say, as printed (a group whose results do
    not add up to its 总计 stays as printed: the rules flag it). A group that could not be pinned
    is doubts, never a guess."""
    for g, cells in enumerate(groups):
        part = keys[5 * g:5 * g + 5]
        if cells is None:
            unsettled(part, [], out, "cells_do_not_fit",
                      f"表四's {catalogue.APPEAL_GROUPS[g]} group printed as (result, number) pairs with a "
                      "result missing or named twice")
        else:
            out.take(part, cells)


#: a year printed in 表四's heading or header (`2023年`): no cell of the table
_YEAR = re.compile(r"(?:19|20)\d\d")
#: a note under a table (`注：本表统计时间为2022年1月1日至…`, `说明：`, `注1：`)
_NOTE = re.compile(r"(?:注|说明)\s*[0-9１-９]?\s*[：:]")


def without_notes(cells: Sequence[Cell]) -> Sequence[Cell]:
    """The cells without a note (`注：`, `说明：` opening a text cell) and the rest of its line: a
    note's dates, counts and row words (`注：本年新收申请中，当面申请3件`) are no cells of the table
    it stands under (flattened text puts it on the table's last line)."""
    words = "".join([c.text for c in cells])  # (a cheap test first: most tables have no note)
    if "注" not in words and "说明" not in words:
        return cells
    cut: dict[int, int] = {}  # line → index of its first note cell
    for i, c in enumerate(cells):
        if c.kind == "text" and c.line not in cut and ("注" in c.text or "说明" in c.text) \
                and _NOTE.match(c.text.lstrip()):
            cut[c.line] = i
    if not cut:
        return cells
    return [c for i, c in enumerate(cells) if c.line not in cut or i < cut[c.line]]
#: a 表四 column's own header word (its groups' names are on other cells)
_T4_COLUMN = re.compile(r"(?:结果)?(?:维持|纠正)|其他(?:结果)?|尚未审结|总计")
#: a result's word (the lines of 表四's header that name its columns, not its groups)
_T4_RESULT = re.compile(r"(?:结果)?(?:维持|纠正)|尚未审结")
def _t4_result(word: str) -> int | None:
    """The place of a 表四 column word among a group's five (维持 0, 纠正 1, 其他 2, 尚未审结 3, 总计 4)."""
    if not _T4_COLUMN.fullmatch(word):
        return None
    for i, key in enumerate(("维持", "纠正", "其他", "尚未审结", "总计")):
        if key in word:
            return i
    return None


#: a column after 表四's fifteen adding its groups up (`合计`): not one of the format's
_T4_GRAND = re.compile(r"合计|总计|共计|合计数")


def _by_header(cells: Sequence[Cell], n: int) -> list[Cell] | None:
    """表四 in a tab or pipe grid: its numbers under the header cells that name their columns.

    The 15 column words (结果维持 … 总计) stand in 15 cells of the grid; a number belongs to the
    column whose word is in its cell, whatever the empty cells around it (a spacer column, a 0
    printed as nothing). None unless there are exactly 15 such cells and one line of numbers
    all under them. A 合计/总计 right of them on a line naming no result (the groups' line: 复议
    and 诉讼 added up, a column the format does not have) is no column: its number is dropped."""
    slots = sorted({c.slot for c in cells if c.kind == "text" and c.slot is not None
                    and _T4_COLUMN.fullmatch(c.text.strip())})
    if len(slots) > n:
        results = {c.line for c in cells if c.kind == "text" and _T4_RESULT.fullmatch(c.text.strip())}
        grand = {c.slot for c in cells if c.kind == "text" and c.slot is not None and c.line not in results
                 and _T4_GRAND.fullmatch(c.text.strip())}
        slots = [s for s in slots if s not in grand]
        if grand and len(slots) == n and min(grand) > slots[-1]:
            cells = [c for c in cells if c.kind == "text" or c.slot not in grand]
    elif len(slots) == n:
        grand = {c.slot for c in cells if c.kind == "text" and c.slot is not None and c.slot > slots[-1]
                 and _T4_GRAND.fullmatch(c.text.strip())}
        if grand:
            cells = [c for c in cells if c.kind == "text" or c.slot not in grand]
    if len(slots) != n:
        return None
    grid = {s: j for j, s in enumerate(slots)}
    # each group's five by their words (结果纠正 printed before 结果维持 is 纠正's), when every group
    # names each result once; else in the format's order
    words: dict[int, set[int]] = {}
    for c in cells:
        if c.kind == "text" and c.slot in grid:
            place = _t4_result(c.text.strip())
            if place is not None:
                words.setdefault(c.slot, set()).add(place)
    if all(len(words.get(s, ())) == 1 for s in slots) and n % 5 == 0:
        places = [next(iter(words[s])) for s in slots]
        if all(sorted(places[g:g + 5]) == [0, 1, 2, 3, 4] for g in range(0, n, 5)):
            grid = {s: 5 * (j // 5) + places[j] for j, s in enumerate(slots)}
    lines = {c.line for c in cells if c.kind == "num"}
    if len(lines) != 1:
        return None
    return columns.by_slot(cells, grid, n)


#: 表四's groups by their printed names, the more specific first (行政诉讼（复议后起诉） names 复议 too)
_APPEAL_GROUP = (
    (1, re.compile(r"未经复议|直接起诉")),
    (2, re.compile(r"复议后")),
    (0, re.compile(r"行政复议")),
)


def _appeal_groups(cells: Sequence[Cell]) -> list[list[Cell]] | None:
    """表四 printed as three tables of five cells (a converter's one table per group): each
    group's run of cells, found by the group's name printed before it, or in printed order
    when no run is named. None unless exactly the three groups are there."""
    runs: list[tuple[int | None, list[Cell]]] = []
    said: list[str] = []
    current: list[Cell] = []
    for c in [*cells, None]:
        if c is not None and c.kind != "text":
            current.append(c)
            continue
        if any(x.kind == "num" for x in current):  # blanks alone (a border's padding) end no run
            if len(edges(current)) == 5:
                runs.append((_appeal_group("".join(said)), current))
            said = []
        current = []
        if c is not None:
            said.append(c.text)
    if len(runs) != 3:
        return None
    named = [g for g, _ in runs]
    if all(g is None for g in named):
        return [run for _, run in runs]
    if sorted(g for g in named if g is not None) != [0, 1, 2]:
        return None
    return [run for _, run in sorted(runs, key=lambda r: r[0])]  # type: ignore[arg-type, return-value]


def _appeal_group(text: str) -> int | None:
    """The group whose name ends last in the text before a run (None: no group named)."""
    best: tuple[int, int] | None = None
    for g, pat in _APPEAL_GROUP:
        for m in pat.finditer(text):
            if best is None or m.end() > best[0]:
                best = (m.end(), g)
    return best[1] if best else None


def settle(out: TableRead, template: str, stated: Callable[[set[str]], dict[str, list]] | None = None) -> None:
    """Settle the rows left with several readings, together, under the table's identities.

    The solver keeps the combinations under which every identity holds (all of them when none
    does: a report wrong in print); a cell they agree on is settled, any other is a doubt with
    every candidate. 表二 has no identities: only what the report's prose states of a cell
    (`stated`, asked only when needed, and only of the cells of the rows to settle) narrows its
    rows' readings, and the cells it settles carry the sentence as their evidence.
    """
    if not out.options:
        return
    rows = dict(out.options)
    out.options.clear()
    said: dict[str, list] = {}
    hinted: dict[str, tuple[set, list]] = {}  # cell → (values last year agrees with, its claims)
    if stated is not None:
        everything = stated({key for readings in rows.values() for key in readings.keys})
        firm = {k: [c for c in cs if c.settles] for k, cs in everything.items()}
        hints = {k: [c for c in cs if not c.settles] for k, cs in everything.items()}
        for row, readings in rows.items():
            kept, used = narrow(readings.keys, readings.readings, firm)
            if used:
                rows[row] = replace(readings, readings=kept)
                for claim in used:
                    said.setdefault(claim.key, []).append(claim)
            agree, used = narrow(readings.keys, rows[row].readings, hints)
            if used:
                for i, key in enumerate(readings.keys):
                    hinted[key] = ({r[i].value for r in agree}, used)
    fixed = {k: r.value for k, r in out.reads.items() if k not in out.doubts}
    why: dict[str, str] = {}
    try:
        solution = solve(rows, fixed, identities(template))
        for row, readings in rows.items():
            if readings.wider and not solution.consistent.get(row, True):
                solution, why[row] = _reserve(rows, row, fixed, template, solution)
    except TooHard as exc:
        # too many combinations to try together: each row alone still says what its print allows
        # (a cell all of its row's readings agree on is that in any combination; any other is a
        # doubt with every value its row's readings give it)
        for readings in rows.values():
            for i, key in enumerate(readings.keys):
                values = list(dict.fromkeys(r[i].value for r in readings.readings))
                read = readings.readings[0][i]
                if len(values) == 1:
                    out.reads[key] = read
                    continue
                out.reads[key] = Read(None, None, read.start, read.end, read.locator)
                out.doubts[key] = Doubt(reason="too_many_readings", candidates=[json_value(v) for v in values],
                                        detail=f"{exc}; the candidates are its row's readings")
        return
    for row, readings in rows.items():
        for key in readings.keys:
            values = solution.cells[key]
            read = solution.reads[key]
            if len(values) == 1:
                out.reads[key] = read  # every reading kept gives it the same value: that is the print
                if key in said or any(k in said for k in readings.keys):
                    read.evidence = [c.evidence() for k in readings.keys for c in said.get(k, ())]
                continue
            out.reads[key] = Read(None, None, read.start, read.end, read.locator)
            reason = readings.reason or ("row_total_broken" if readings.broken else "ambiguous_split")
            detail = why.get(row) or _why(row, readings, solution)
            if key in hinted:  # a hint, never a settlement: last year's figures may be restated
                preferred, claims_ = hinted[key]
                values = sorted(values, key=lambda v: v not in preferred)
                detail += "; first the candidate(s) " + ", ".join(c.evidence()["text"] for c in claims_) + " agrees with"
            out.doubts[key] = Doubt(reason=reason, candidates=[json_value(v) for v in values], detail=detail)


def _reserve(rows: dict[str, RowReadings], row: str, fixed: dict[str, Any], template: str,
             solution: Solution) -> tuple[Solution, str]:
    """A row whose readings keep no identity: when its reserve readings do, the page's columns
    and the identities disagree, and every reading of both stays a candidate."""
    held = rows[row]
    alt = solve({**rows, row: RowReadings(held.keys, held.wider or [], reason=held.reason)}, fixed, identities(template))
    if not alt.consistent.get(row):
        return solution, ""
    cells = {k: vs + [v for v in alt.cells.get(k, []) if v not in vs]
             for k, vs in solution.cells.items()}
    return (Solution(cells, solution.reads, solution.consistent, solution.combinations),
            f"the evenly spaced columns break an identity that {alt.combinations[row]} other placement(s) of the "
            f"numbers keep: the page and the identities disagree, both kept")


def _why(row: str, readings: RowReadings, solution) -> str:
    """Why a cell stayed unsettled, for the reviewer: the row's print and what the solver found."""
    n = len(readings.readings)
    if readings.reason == "ambiguous_column":
        if not solution.consistent[row]:
            return f"no placement of the numbers under the page's columns keeps every identity; {n} placements kept"
        return (f"the page does not show which column each number stands in: {solution.combinations[row]} "
                f"placement(s) of the numbers keep every identity")
    drops = f", assuming {readings.dropped} blank cell(s) printed as nothing" if readings.dropped else ""
    printed = f"the row prints {readings.printed!r}: " if readings.printed else ""
    printed = f"{readings.why}: " if readings.why else printed
    if readings.broken:
        return f"{printed}no reading of the row keeps its own total; {n} readings of its print kept"
    if not solution.consistent[row]:
        return f"{printed}no combination of the rows' readings keeps every identity; {n} readings of this row kept{drops}"
    return f"{printed}{solution.combinations[row]} readings of the table keep every identity{drops}"


#: a text of its own (a line of the joined texts) that is an added column's head, or `年` after a year
_EXTRA_ANY = re.compile(r"(?m)^[ \t|｜]*(?:" + EXTRA_HEAD.pattern + r"|年)[ \t|｜]*$")
#: `extra_columns`: the table's columns printed twice, this year's then last year's
TWO_YEARS = -1
_THIS_YEAR = re.compile(r"本年度?|今年")


#: a line that starts a 表二 section (its own header words follow): the extra columns counted so
#: far are no longer the ones above
_SECTION = re.compile(r"信息内容|第二十条")


def _too_many(rows: dict[str, RowCells], patterns: RowPatterns) -> bool:
    """Does a row print more cells (numbers and marks) than it has columns?"""
    for row, rc in rows.items():
        n = len(patterns.columns.get(row, ()))
        if n and sum([c.kind == "num" or (c.kind == "blank" and bool(c.text)) for c in rc.cells]) > n:
            return True
    return False


def _t2_printed_order(rows: dict[str, RowCells], patterns: RowPatterns, cells: Sequence[Cell]) -> RowPatterns:
    """`patterns` with a 表二 row's keys in the order its section's header (`信息内容 …`, the last
    such header before the row) names the row's columns, when it names each once in another
    order than the format's (`信息内容  本年废止件数  本年制发件数  现行有效件数`): read in the
    format's order, nothing in 表二 would show the swap. Heads of columns the report adds
    (`上年数`, `同比增减`: `extra_columns` drops their cells) name none of the format's and are
    passed over. Text tables only (a grid's cells carry no line); rows under a header that does
    not name every column once keep the format's order."""
    heads = _t2_heads(rows, cells)
    if not heads:
        return patterns
    columns = dict(patterns.columns)
    changed = False
    for row, rc in rows.items():
        keys = patterns.columns.get(row, ())
        above = [words for start, words in heads if start < rc.label.start]
        if len(keys) < 2 or not above:
            continue
        suffixes = tuple(k.rsplit(".", 1)[1] for k in keys)
        words = [t for t in above[-1] if not _added_head(t.strip(" \t|｜"), suffixes)]
        named = heads_named(words, suffixes)  # (remembered: `column_named`)
        if None in named or sorted(named) != sorted(suffixes) or tuple(named) == suffixes:  # type: ignore[type-var]
            continue
        prefix = keys[0].rsplit(".", 1)[0]
        columns[row] = tuple(f"{prefix}.{n}" for n in named)
        changed = True
    return replace(patterns, columns=columns, _seen={}, _seen_all={}) if changed else patterns


def _added_head(text: str, suffixes: tuple[str, ...]) -> bool:
    """Is `text` the head of a column the report adds (`上年数`), not one of `suffixes`' (a 2019
    section's 本年增/减 printed `增减`)?"""
    return EXTRA_HEAD.fullmatch(text) is not None and not ("change" in suffixes and BARE_CHANGE.fullmatch(text))


def _t2_heads(rows: dict[str, RowCells], cells: Sequence[Cell]) -> list[tuple[int, list[str]]]:
    """Each 表二 section header's (start, words): the text cells after a `信息内容` cell up to the
    end of its line or a row's label (one flattened line: `信息内容 新制定 现行有效 废止 规章 0 0 0`),
    none when a number follows the words on their line before any label (a line with numbers
    is no header)."""
    labels = {rc.label.start for rc in rows.values()}
    out: list[tuple[int, list[str]]] = []
    start, line, words = -1, -1, list[str]()
    for c in cells:
        if start >= 0 and (c.line != line or c.start in labels):
            out.append((start, words))
            start = -1
        if start < 0:
            if c.kind == "text" and c.line >= 0 and _CONTENT.fullmatch(c.text.strip(" \t|｜")):
                start, line, words = c.start, c.line, []
        elif c.kind == "num":
            start = -1
        elif c.kind == "text" and not _CONTENT.fullmatch(c.text.strip(" \t|｜")):
            words.append(c.text)
    if start >= 0:
        out.append((start, words))
    return out


#: the first header cell of a 表二 section (its column words follow it)
_CONTENT = re.compile(r"信息内容|项目|类别")


def extra_columns(cells: Sequence[Cell]) -> dict[int, int]:
    """Lines of text tables under a header line naming columns the format does not have (last
    year's figures, the change from them) after its own: {line: how many such columns}. A line
    with no number counts them anew when it names one; a 表二 section's header line resets them.
    A line naming this year then last year (`本年 … 上年`, `2024年 … 2023年`) over the columns
    printed twice gives `TWO_YEARS`."""
    # (most tables name none: one search over the short texts joined, no Python call a cell)
    if _EXTRA_ANY.search("\n".join([c.text for c in cells if c.kind == "text" and len(c.text) <= 12])) is None:
        return {}
    by_line: dict[int, list[Cell]] = {}
    for c in cells:
        if c.line >= 0:
            by_line.setdefault(c.line, []).append(c)
    out: dict[int, int] = {}
    k = 0
    for line in sorted(by_line):
        row = by_line[line]
        years = [int(c.text) for c in row if c.kind == "num" and _YEAR.fullmatch(c.text)]
        if not any(c.kind == "num" for c in row) or (years and len(years) == sum(c.kind == "num" for c in row)):
            texts = [c.text.strip(" \t|｜") for c in row if c.kind == "text"]
            heads = sum(1 for t in texts if EXTRA_HEAD.fullmatch(t))
            if heads:  # a 备注 column beside them is one more (its `无` a printed cell)
                heads += sum(1 for t in texts if t in REMARK_HEADS)
            this = next((i for i, t in enumerate(texts) if _THIS_YEAR.fullmatch(t)), None)
            if (len(years) == 2 and years[1] == years[0] - 1 and texts.count("年") == 2) or (
                    this is not None and heads == 1 and any(EXTRA_HEAD.fullmatch(t) for t in texts[this + 1:])):
                k = TWO_YEARS  # 本年 | 上年 over the table's columns printed twice
            elif years:
                continue
            elif heads:
                k = heads
            elif any(c.kind == "text" and _SECTION.search(c.text) for c in row):
                k = 0
            continue
        if k:
            out[line] = k
    return out


class ExtraAt:
    """Where the added columns stand on a line under their heads: tab cells (`slots`, a tab or
    pipe table) or display columns (`spans`, space-aligned text: a number whose right edge falls
    after a head's left edge and up to the next head's left edge stands under it)."""

    __slots__ = ("slots", "spans")

    def __init__(self, slots: frozenset[int] = frozenset(), spans: tuple[tuple[int, float], ...] = ()):
        self.slots = slots
        self.spans = spans

    def placed(self, c: Cell) -> bool:
        """The cell's place on its line is known (its tab cell, its display column)."""
        return (c.slot if self.slots else c.col) is not None

    def holds(self, c: Cell) -> bool:
        if self.slots:
            return c.slot in self.slots
        return c.col is not None and any(lo < c.col <= hi for lo, hi in self.spans)

    def beyond(self, c: Cell) -> bool:
        """The cell stands right of the first added column and not in one: a format column
        printed after an added one."""
        if self.slots:
            return c.slot is not None and c.slot > min(self.slots) and c.slot not in self.slots
        return c.col is not None and c.col > min(lo for lo, _ in self.spans) and not self.holds(c)


def extra_slots(cells: Sequence[Cell], extras: dict[int, int], between: set[int] | None = None) -> dict[int, ExtraAt]:
    """Lines of tab or pipe tables under header lines naming an added column (`上年数`, `上年同期`)
    at a tab cell of its own: {line: the slots of such heads}. The heads may stand between the
    format's columns (`本年制发件数 | 上年数 | 本年废止件数`, `自然人 | 上年同期 | 商业企业`), where
    cutting cells off a row's end would read the added column into a format cell. A header line
    naming none keeps the slots above; a header's lines add theirs up (表三's header is three lines,
    表四's heads stand on two); a 表二 section's line resets them. Lines `extras` finds under a
    table printed for two years (`本年 | 上年`, `TWO_YEARS`) have none: their 上年 heads a group.
    Space-aligned text (`pdftotext -layout`) gives each such head its span of display columns
    instead: from its left edge to the left edge of the next header word to its right in the
    header's lines (the format's next column), every line of numbers below.
    `between` gets the other lines under tab heads standing between the format's columns (a head
    of the format's right of one): their tab cells do not place their cells (a PDF's words run
    together, `0 23`), and cutting their end would read the added column into a format cell."""
    by_line: dict[int, list[Cell]] = {}
    for c in cells:
        if c.line >= 0:
            by_line.setdefault(c.line, []).append(c)
    out: dict[int, ExtraAt] = {}
    slots: frozenset[int] = frozenset()
    spans: tuple[tuple[int, float], ...] = ()
    width = -1  # the header's last tab cell
    block: set[int] = set()  # the heads of the header lines since the last line with numbers
    bare: set[int] = set()  # (their bare 增减 heads, `_bare_added`)
    heads: list[Cell] = []  # (space-aligned) those heads' cells
    bare_heads: list[Cell] = []
    words: list[Cell] = []  # every header word of those lines
    block_width = -1
    formats: set[int] = set()  # the slots of the header's other words (the format's heads)
    header = False  # (the line above was a header line: its heads and this line's are one header's)
    for line in sorted(by_line):
        row = by_line[line]
        last = max((c.slot for c in row if c.slot is not None), default=-1)
        if not any(c.kind == "num" for c in row):
            if not header:
                block, bare, block_width, heads, bare_heads, words = set(), set(), -1, [], [], []
            for c in row:
                if c.kind != "text":
                    continue
                words.append(c)
                t = c.text.strip(" \t|｜")
                if not EXTRA_HEAD.fullmatch(t):
                    continue
                if c.slot is not None:
                    (bare if BARE_CHANGE.fullmatch(t) else block).add(c.slot)
                elif c.col is not None:
                    (bare_heads if BARE_CHANGE.fullmatch(t) else heads).append(c)
            if block:  # a 备注 column beside added ones is one more (`extra_columns` counts it so)
                block.update(c.slot for c in row if c.kind == "text" and c.slot is not None
                             and c.text.strip(" \t|｜") in REMARK_HEADS)
            block_width = max(block_width, last)
            more = _bare_added(words)
            if block or (bare and more):
                slots, width = frozenset(block | bare) if more else frozenset(block), block_width
                formats = {c.slot for c in words if c.slot is not None and c.slot not in slots}
            elif heads or (bare_heads and more):
                spans = _spans(heads + bare_heads if more else heads, [c for c in words if c.col is not None])
            elif any(c.kind == "text" and _SECTION.search(c.text) for c in row):
                slots, spans = frozenset(), ()
            header = True
            continue
        header = False
        if extras.get(line) == TWO_YEARS:
            continue
        # only a line as wide as its header: a row whose label takes one tab cell more than the
        # header's (`三、本年度办理结果 | （一）予以公开`) has its cells a tab cell off the heads
        if slots and last == width:
            out[line] = ExtraAt(slots=slots)
        elif spans and last < 0:
            out[line] = ExtraAt(spans=spans)
        elif between is not None and slots and max(formats, default=-1) > min(slots):
            between.add(line)
    return _lined_up(out, by_line)


def _lined_up(out: dict[int, ExtraAt], by_line: dict[int, list[Cell]]) -> dict[int, ExtraAt]:
    """`out` without the space-aligned lines whose added columns' numbers do not line up: text
    whose cells are only set a few spaces apart (`规章  0  0  3  5`) does not place a number under
    a head by where it stands; a column does, its numbers sharing an edge (right, left or centre)."""
    spans = {at.spans for at in out.values() if at.spans}
    if not spans:
        return out
    bad = set()
    for sp in spans:
        lines = [ln for ln, at in out.items() if at.spans == sp]
        for span in sp:
            held = [c for ln in lines for c in by_line[ln] if c.kind == "num" and c.col is not None
                    and span[0] < c.col <= span[1]]
            if not held:
                continue
            rights = {c.col for c in held}
            lefts = {(c.col or 0) - display_width(c.text) for c in held}
            mids = [(c.col or 0) - display_width(c.text) / 2 for c in held]
            if len(rights) > 1 and len(lefts) > 1 and max(mids) - min(mids) > 1:
                bad.add(sp)
    return {ln: at for ln, at in out.items() if at.spans not in bad}


#: 2019 表二's header words: its 本年增/减 column (a bare 增减 may be it, printed short)
_T2_2019_PRIOR = re.compile(r"上一年")
_T2_2019_CHANGE = re.compile(r"本年增[/／]减")


def _bare_added(words: list[Cell]) -> bool:
    """A bare 增减 head in this header is an added column: the header is not 2019 表二's (no
    上一年项目数量), or it names that 本年增/减 column besides."""
    texts = [c.text for c in words]
    return not any(_T2_2019_PRIOR.search(t) for t in texts) or any(_T2_2019_CHANGE.search(t) for t in texts)


def _spans(heads: list[Cell], words: list[Cell]) -> tuple[tuple[int, float], ...]:
    """Each added head's display columns: its left edge, up to the next header word's left edge."""
    lefts = sorted({(c.col or 0) - display_width(c.text) for c in words})
    out = []
    for h in heads:
        lo = (h.col or 0) - display_width(h.text)
        hi = next((x for x in lefts if x >= (h.col or 0)), float("inf"))
        out.append((lo, hi))
    return tuple(out)


def drop_extra_slots(rows: dict[str, RowCells], patterns: RowPatterns, slots: dict[int, ExtraAt]) -> set[str]:
    """Rows under an added column's head (`extra_slots`) lose their cells in its tab cells (its
    display columns), when every printed cell of the row has its place and the row then prints
    exactly its own columns. The rows cut, and the rows printing a cell after such a head that
    could not be cut (they stay as printed, a doubt when they do not fit): neither is cut again
    at its end."""
    done = set()
    for row, rc in rows.items():
        keys = patterns.columns.get(row, ())
        printed = [c for c in rc.cells if c.kind == "num" or (c.kind == "blank" and c.printed)]
        if not printed or not keys or len({c.line for c in printed}) != 1:
            continue
        at = slots.get(printed[0].line)
        if at is None or not all(at.placed(c) for c in printed):
            continue
        gone = [c for c in printed if at.holds(c)]
        if gone and len(printed) - len(gone) == len(keys):
            rc.cells = [c for c in rc.cells if not any(c is g for g in gone)]
            done.add(row)
        elif any(at.beyond(c) for c in printed):
            done.add(row)  # an added column between its own: cutting its end would misplace a cell
    return done


#: a change's arrow before its figure (`↑29.5%`): text that starts the last extra column's cell
_ARROW = re.compile(r"[↑↓▲▼△▽]")


def drop_extra_columns(rows: dict[str, RowCells], patterns: RowPatterns, extras: dict[int, int],
                       cells: Sequence[Cell]) -> None:
    """A row under a header that names k columns after the format's (`上年同期`, `同比增减`) loses
    the cells it prints beyond its own columns: all k of them; fewer only in a tab or pipe row
    (its blank cells are kept) closed early by text (`4.9%`, `↑29.5%`), or when the row's line
    goes on with an arrow that starts the last extra cell (`448  ↓6.2%`). A row printing its own
    number of cells or fewer is left as printed (a doubt when it does not fit)."""
    after = {id(c): cells[i + 1] for i, c in enumerate(cells[:-1])}
    for row, rc in rows.items():
        keys = patterns.columns.get(row, ())
        printed = [c for c in rc.cells if c.kind == "num" or (c.kind == "blank" and c.printed)]
        if not printed or not keys:
            continue
        k = extras.get(printed[0].line, 0)
        n = len(printed)
        if k == TWO_YEARS:
            # this year's cells, then last year's: only a row printing exactly both is cut
            if n == 2 * len(keys) and len({c.line for c in printed}) == 1:
                rc.cells = rc.cells[:rc.cells.index(printed[len(keys)])]
            continue
        if not k or n <= len(keys) or n > len(keys) + k or len({c.line for c in printed}) != 1:
            continue
        if n < len(keys) + k and not all(c.bordered for c in rc.cells):
            closer = after.get(id(rc.cells[-1])) if rc.cells else None
            if n != len(keys) + k - 1 or closer is None or closer.line != printed[0].line \
                    or not _ARROW.fullmatch(closer.text.strip()):
                continue
        cut = rc.cells.index(printed[len(keys)])
        rc.cells = rc.cells[:cut]


def drop_subtotals(rows: dict[str, RowCells], patterns: RowPatterns) -> None:
    """表三 printed with a 小计 column after the five 法人或其他组织 columns (its header names it):
    a row with one printed cell too many loses that cell when it is their sum (whether the row's
    total closes is the rules' to judge); a row where it is not stays as printed (no reading)."""
    for row, rc in rows.items():
        keys = patterns.columns.get(row, ())
        printed = [c for c in rc.cells if c.kind == "num" or (c.kind == "blank" and c.printed)]
        if len(keys) != 7 or len(printed) != 8:
            continue
        values = []
        for c in printed:
            num = parse_number(c.text) if c.kind == "num" else None
            if c.kind == "num" and num is None:
                break
            values.append(0 if num is None else num.value)
        else:
            if values[6] == sum(values[1:6]):
                rc.cells = [c for c in rc.cells if c is not printed[6]]

