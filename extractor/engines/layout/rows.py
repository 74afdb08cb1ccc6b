"""Label phrases → the rows of a table and the cells printed after each label.

`collect_rows` walks the cell stream: a label phrase opens a row, the numbers and blanks after
it are its cells. `unfold` handles labels printed before all their numbers (pdfminer's column
by column, converters' loose labels, run-together labels of rows that printed nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ._cells import Cell, parse_number
from ..base import Doubt
from .cellvalue import cell_read, json_value, zero
from .colwords import applicants_named, names_applicant, names_column
from .labels import OTHER_PARENT, PARENT, RowPatterns
from .lines import Cut
from .rowread import TableRead, edges, inside, passes, prefix_check, resolve
from .solve import Read, RowReadings


@dataclass
class RowCells:
    """A row as printed: its label and the number and blank cells after it."""

    row: str
    label: Cell
    cells: list[Cell] = field(default_factory=list)
    #: several row labels printed one after another, their numbers after them all (pdfminer
    #: gives a table column by column): the rows, in printed order
    block: tuple[str, ...] = ()
    #: the row printed again with other numbers (a sub-unit's table after the report's): each print
    #: after this one, whose values are candidates of the row's `duplicate_row` doubts
    again: list["RowCells"] = field(default_factory=list)


def collect_rows(cells: Sequence[Cell], patterns: RowPatterns,
                 blocks: list[RowCells] | None = None) -> tuple[dict[str, RowCells], list[str]]:
    """Walk the cells: a label phrase opens a row, the numbers and blanks after it are its cells.

    Consecutive text cells form one phrase (labels broken over lines, a parent label beside
    its first child). Text after a row's numbers closes the row. Returns rows by name and
    the names of rows printed twice with different cells.
    """
    rows: dict[str, RowCells] = {}
    dupes: list[str] = []
    weak: set[str] = set()  # rows in dupes only for prints of one number each (prose)
    current: RowCells | None = None
    last: str | None = None  # the row opened last
    phrase: list[Cell] = []

    def close() -> None:
        nonlocal current
        if current is not None and current.cells and current.block and blocks is not None:
            blocks.append(current)
        if current is not None and current.cells:
            prior = rows.get(current.row)
            if prior is None or (bare(prior) and not bare(current)):
                # a label printed with nothing but a border after it (a Markdown heading above
                # the table that repeats it) is the same row as the label printed with numbers
                rows[current.row] = current
            elif bare(current):
                pass
            elif [c.text for c in prior.cells if c.kind == "num"] != [c.text for c in current.cells if c.kind == "num"]:
                # the label's words in prose before the table (`主动公开规章13件`, `规范性文件类1条`)
                # print one number for a row of several: the print whose cells fill the row is
                # the row's, when the other's numbers are too few for it
                n = len(patterns.columns.get(current.row, ()))
                fit_prior, fit_current = _fills(prior, n), _fills(current, n)
                if fit_current is False and fit_prior is True:
                    pass
                elif fit_prior is False and fit_current is True and (
                        current.row not in dupes or current.row in weak):
                    rows[current.row] = current
                    if current.row in dupes:
                        dupes.remove(current.row)
                    weak.discard(current.row)
                elif current.row not in dupes:
                    dupes.append(current.row)
                    prior.again.append(current)
                    if fit_prior is False and fit_current is False:
                        weak.add(current.row)  # (every print so far one number for the row)
                else:
                    prior.again.append(current)
        current = None

    for cell in cells:
        if cell.kind == "text":
            if current is not None and current.cells:
                if _next_column(cell, current, patterns):
                    continue  # 表二 as prose: the words of the row's next column, then its count
                if cell.bordered and _UNIT_CELL.fullmatch(cell.text.strip()) and not any(
                        c.kind == "num" or c.printed for c in current.cells):
                    continue  # a 单位 column's measure word between the label and the numbers
                close()
            phrase.append(cell)
            continue
        if phrase:
            # (most phrases are one cell: its text, no list and join)
            joined = phrase[0].text if len(phrase) == 1 else "".join([c.text for c in phrase])
            row = patterns.match(joined)
            label = phrase[-1]
            if (row is None or row == PARENT) and len(phrase) > 1 and _UNIT_CELL.fullmatch(label.text.strip()):
                # a 单位 column's measure word after the label (`7.属于行政执法桉卷 | 件 | 0 …`):
                # the label matched without it (a damaged label's near match fails with it)
                label = phrase[-2]
                row = patterns.match("".join([c.text for c in phrase[:-1]])) or row
            if row is None and last == "other_unpaid_fee" and joined.strip() == "其他":
                row = "other_misc"  # （六）3.其他 printed without its number, after the row above it
            elif row is None and last in _BEFORE_TOTAL and _bare_total(joined, phrase):
                row = "total"  # （七）总计 without its enumerator, right after （六） (a header's 总计 is not)
            if row is not None and row != PARENT:
                close()
                many = patterns.match_all(joined)
                current = RowCells(row, label, block=many if len(many) > 1 else ())
                last = row
            elif current is None or current.cells or row == PARENT:
                close()
            phrase = []
        if current is not None:
            current.cells.append(cell)
    close()
    return rows, dupes


def _bare_total(joined: str, phrase: list[Cell]) -> bool:
    """Is the phrase before a row's numbers a bare `总计` (`合计`): all of it, or its last cell
    (words before it a remark the row above ends with: `同比增长1%`), a 单位 column's measure word
    after it (`总计 | 件 | 21 | …`) left out?"""
    if joined.strip() in ("总计", "合计"):
        return True
    last = phrase[-2:-1] if len(phrase) > 1 and _UNIT_CELL.fullmatch(phrase[-1].text.strip()) else phrase[-1:]
    return bool(last) and last[0].text.strip(" \t|｜") in ("总计", "合计")


#: the rows printed right before 表三's （七）总计 (2019's （六）其他处理; 2021's （六）3.其他)
_BEFORE_TOTAL = ("other", "other_misc")
#: a cell holding only a measure word: a 单位 (计量单位) column's, between a row's label (and
#: the blank label cells after it) and its numbers (`一、本年新收… |  |  | 件 | 95 | …`)
_UNIT_CELL = re.compile(r"(?:[（(])?(?:件|个|项|条|次|万元|元)(?:[）)])?")


def _next_column(cell: Cell, rc: RowCells, patterns: RowPatterns) -> bool:
    """Does text after a 表二 row's numbers name the row's next column (`，本年增/减`), or after a
    表三 row's numbers, in a row whose label ends `：自然人`, the next applicant column (`，商业企业`)?"""
    keys = patterns.columns.get(rc.row, ())
    if not keys:
        return False
    active = keys[0].startswith("active.")
    if not active:
        label = rc.label.text
        if not keys[0].startswith("requests.") or ("自然人" not in label and "计" not in label):
            return False  # (most rows: no list of named counts, no count of cells, no regex asked)
    done = sum(c.kind == "num" or (c.kind == "blank" and c.printed) for c in rc.cells)
    if done >= len(keys):
        return False
    if active:
        return names_column(cell.text, keys[done].rsplit(".", 1)[1])
    # the list in a cell of its own after the label's (a Word table's `label | 自然人3件，商业企业0件，…`):
    # the cell's first name is the label's last piece, the cell border in place of the colon
    named = applicants_named(label) or ("first" if label.strip(" \t：:") == "自然人" else None)
    if named == "total":
        keys = (keys[-1], *keys[:-1])
    return named is not None and names_applicant(cell.text, keys[done].rsplit(".", 1)[1])


def total_named_first(rows: dict[str, RowCells], patterns: RowPatterns) -> None:
    """表三 rows written as lists with the total first (`予以公开：总计5件（其中自然人3件，…）`): the
    total's cell put after the others, where the table prints it (only when the row prints exactly
    its cells: else it stays as printed and does not fit)."""
    for row, rc in rows.items():
        keys = patterns.columns.get(row, ())
        label = rc.label.text
        if "计" not in label or not keys or not keys[0].startswith("requests.") or applicants_named(label) != "total":
            continue
        printed = [c for c in rc.cells if c.kind == "num" or (c.kind == "blank" and c.printed)]
        if len(printed) == len(keys):
            rc.cells = printed[1:] + printed[:1]


#: a count as prose prints it: digits and a measure word
_PROSE_COUNT = re.compile(r"\d+(?:件|个|项|条|次)")


def _fills(rc: RowCells, n: int) -> bool | None:
    """True: the row prints exactly its n cells, each a number or a mark; False: it prints, where
    the row has three cells or more, one count written as prose writes it (after the label's
    words, with its measure word: `主动公开规章13件`); None: neither (a run of digits to split)."""
    printed = [c for c in rc.cells if c.kind == "num" or (c.kind == "blank" and c.printed)]
    if len(printed) == n and all(c.kind == "blank" or c.text.isdigit() or parse_number(c.text) for c in printed):
        return True
    if n >= 3 and len(printed) == 1 and rc.cells[0] is printed[0] and printed[0].glued \
            and _PROSE_COUNT.fullmatch(printed[0].text):
        return False
    return None


def bare(rc: RowCells) -> bool:
    """A label followed only by the border padding of a bordered line: it printed no cell."""
    return len(rc.cells) < 3 \
        and all(c.kind == "blank" and c.bordered and not c.firm and not c.fill for c in rc.cells)


def no_stray_numbers(cells: Sequence[Cell], rows: dict[str, RowCells]) -> bool:
    """Every number cell of the table belongs to one of the rows found."""
    held = {id(c) for rc in rows.values() for c in rc.cells}
    return all(id(c) in held for c in cells if c.kind == "num")


def cut_label(cut: Cut, keys: tuple[str, ...], template: str, out: TableRead) -> None:
    """A row printed blank under a parent's line of numbers keeps both readings (its blanks, or
    those numbers with its label cut off the parent's) for the table's identities to choose."""
    if any(k in out.doubts or k not in out.reads for k in keys):
        return
    blank = [out.reads[k] for k in keys]
    other = row_reading(keys, cut.cells, template, cut.row)
    if not other or [r.value for r in other[0]] == [r.value for r in blank]:
        return
    for k in keys:
        del out.reads[k]
    out.options[cut.row] = RowReadings(keys, [blank, *other], reason="label_placement",
                                       why=f"label {cut.printed!r} printed with no numbers under a line of numbers "
                                           "that may be its own")


def row_reading(keys: tuple[str, ...], cells: list[Cell], template: str, row: str) -> list[list[Read]]:
    """Every reading of `cells` as the row `keys` (none when they do not fit it)."""
    scratch = TableRead()
    resolve(keys, cells, glued=False, idents=inside(keys, template), into=scratch, row=row)
    if scratch.doubts:
        return []
    if row in scratch.options:
        return [] if scratch.options[row].broken else scratch.options[row].readings
    return [[scratch.reads[k] for k in keys]]


def _bordered_rows(block: RowCells, n: int, k: int) -> list[list[Cell]] | None:
    """The rows of numbers after a block of labels, when each sits on bordered lines: every line
    cut into rows of n cells. None when the numbers are not on such lines, or when the last label
    shares a line with only some of them (then the earlier labels printed no numbers)."""
    cells = block.cells
    if not cells or not all(c.bordered and c.line >= 0 for c in cells):
        return None
    lines: dict[int, list[Cell]] = {}
    for c in cells:
        lines.setdefault(c.line, []).append(c)
    for line, line_cells in list(lines.items()):
        if len(line_cells) < n and all(c.kind == "blank" and not c.text for c in line_cells):
            del lines[line]  # the border padding of the next label's line
    if not lines:
        return None
    if block.label.line in lines and len(lines) > 1:
        return None
    out: list[list[Cell]] = []
    for line_cells in lines.values():
        values = _line_values(line_cells, n)
        if values is None:
            return None
        out.extend(values[i:i + n] for i in range(0, len(values), n))
    if block.label.line in lines and len(out) != k:
        return None
    return out


def _line_values(cells: list[Cell], n: int) -> list[Cell] | None:
    """The value cells of one bordered line: without a pipe row's padding at both ends and its
    empty label cell; None unless they are whole rows of n cells."""
    last = len(cells)
    for a, b in ((2, last - 1), (0, last - 1), (1, last), (0, last)):  # |  | v…v |, v…v |, \tv…v, v…v
        values = cells[a:b]
        dropped = cells[:a] + cells[b:]
        if values and len(values) % n == 0 and all(c.kind == "blank" and not c.text for c in dropped):
            return values
    core = edges(cells)
    return core if core and len(core) % n == 0 else None


def _place_labels(names: list[str], chunks: list[list[Cell]], block: RowCells, rows: dict[str, RowCells],
           patterns: RowPatterns, out: TableRead, template: str) -> None:
    """Labels printed apart from their rows of numbers: as many rows as labels are theirs in
    order. Otherwise each label may take any row an order-keeping placement gives it (or none:
    printed blank), and the table's identities choose among them."""
    k, m = len(names), len(chunks)
    if k == m:
        for name, cells in zip(names, chunks):
            rows[name] = RowCells(name, block.label, cells)
        return
    for i, name in enumerate(names):
        rows.pop(name, None)
        if name not in patterns.columns:
            continue
        keys = patterns.columns[name]
        lo, hi = (max(0, i - (k - m)), min(i, m - 1)) if m < k else (i, i + m - k)
        readings = [r for j in range(lo, hi + 1) for r in row_reading(keys, chunks[j], template, name)]
        if m < k:
            readings.append([Read(zero(key), None, None, None) for key in keys])
        distinct: dict[tuple, list[Read]] = {}
        for r in readings:
            distinct.setdefault(tuple(x.value for x in r), r)
        if distinct:
            out.options[name] = RowReadings(keys, list(distinct.values()), reason="label_placement",
                                            why=f"{k} labels printed apart from {m} rows of numbers")


def _undecided_layout(names: list[str], readings: list[list[list[Cell]]], patterns: RowPatterns, out: TableRead,
                      *, broken: bool) -> None:
    """The rows `names` of labels printed first, read by none of `readings` for sure (`unfold`):
    each cell null with the values its readings give it as candidates."""
    detail = ("labels printed first, numbers after: no reading of their order (column by column, "
              "row by row) keeps every row's total, the candidates are each reading's"
              if broken else "labels printed first, numbers after: several readings of their order keep the row "
              "totals, the candidates are each one's")
    for i, name in enumerate(names):
        keys = patterns.columns.get(name)
        if keys is None:
            continue
        for j, key in enumerate(keys):
            reads = [cell_read(key, rd[i][j]) for rd in readings]
            values = list(dict.fromkeys(r.value for r, d in reads if d is None and r.value is not None))
            first = reads[0][0]
            if not broken and len(values) == 1 and all(d is None for _, d in reads):
                out.reads[key] = first
                continue
            out.reads[key] = Read(None, None, first.start, first.end, first.locator)
            out.doubts[key] = Doubt(reason="row_total_broken" if broken else "ambiguous_column",
                                    candidates=[json_value(v) for v in values], detail=detail)


def unfold(block: RowCells, rows: dict[str, RowCells], patterns: RowPatterns, table: str, out: TableRead,
            template: str) -> None:
    """Rows whose labels came first and numbers after them all: find each row's cells.

    On bordered lines (Markdown whose converter printed the labels apart, or two rows' numbers
    on one line) each line holds whole rows, read left to right: see `_place_labels`.
    Otherwise pdfminer reads a table column by column (and may put 总计 before 其他). Readings tried:
    column by column, the same with the last two columns swapped, and row by row. In 表三
    only those under which every row's total closes count; in 表二 (no identities) the
    column-by-column reading is taken, and rows where another reading differs are doubts.
    """
    names = [r for r in block.block if r in patterns.columns or r == OTHER_PARENT]
    # 2021: （六）其他处理 printed beside its first sub-row's label holds no numbers of its own
    names = [r for i, r in enumerate(names)
             if not (r == OTHER_PARENT and names[i + 1:i + 2] == ["other_no_correction"])]
    width = {len(patterns.columns.get(r, patterns.columns.get("other_misc", ()))) for r in names}
    values = [c for c in block.cells if c.kind == "num" or (c.kind == "blank" and c.firm)]
    if len(names) < 2 or len(width) != 1 or bare(block):
        return  # (bare: labels in a bordered table with no cell after them; their numbers are elsewhere)
    n = width.pop()
    k = len(names)
    chunks = _bordered_rows(block, n, k)
    if chunks is not None:
        return _place_labels(names, chunks, block, rows, patterns, out, template)
    if len(values) != k * n:
        if len(edges(block.cells)) <= n:
            # labels one after another, then one row's worth of numbers: the rows before the
            # last printed no characters at all (text that lost its cells), so each is read
            # as a row of blank cells, and the table's identities check them with the rest
            for name in names[:-1]:
                if name in patterns.columns and name not in rows:
                    rows[name] = RowCells(name, block.label, [])
        return
    by_col = [[values[j * k + i] for j in range(n)] for i in range(k)]
    readings = [by_col, [r[:-2] + [r[-1], r[-2]] for r in by_col] if n == 7 else by_col,
                [values[i * n:(i + 1) * n] for i in range(k)]]
    if table == "requests":
        keys = patterns.columns["new"]
        check = prefix_check(keys, inside(keys, template))
        fitting = [rd for rd in readings if check is None or all(passes(keys, r, check) for r in rd)]
        texts = {tuple(tuple(c.text for c in r) for r in rd) for rd in fitting}
        if len(texts) != 1:
            for name in names:
                rows.pop(name, None)
            # no reading keeps every row total (a report wrong in print), or several do: each
            # cell is a doubt with every value the readings considered give it (a cell they all
            # agree on is read, when some reading keeps the totals); never one layout's numbers
            # mixed row by row with another's
            _undecided_layout(names, fitting or readings, patterns, out, broken=not fitting)
            return
        chosen = fitting[0]
    else:
        chosen = by_col
        for i, name in enumerate(names):
            if [c.text for c in by_col[i]] != [c.text for c in readings[2][i]] and name in patterns.columns:
                # no identity in 表二 to choose: both readings stay, the cells they differ on are doubts
                keys = patterns.columns[name]
                both = [[cell_read(k, c)[0] for k, c in zip(keys, cells)] for cells in (by_col[i], readings[2][i])]
                out.options[name] = RowReadings(keys, [r for r in both if all(x.value is not None for x in r)])
                rows.pop(name, None)
    for name, cells in zip(names, chosen):
        if name not in out.options:
            rows[name] = RowCells(name, block.label, list(cells))
