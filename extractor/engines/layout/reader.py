"""Cells → cell values: rows found by their labels, numbers assigned to the row's columns.

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
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, Callable, Sequence

from ... import catalogue
from ...document import LOW_CONFIDENCE
from ...identities import Identity, identities
from ..base import Doubt
from . import columns
from ._cells import Cell, parse_number
from .labels import OTHER_PARENT, PARENT, RowPatterns, table4_keys
from .evidence import Claim, narrow
from .lines import Cut, tidy
from .solve import Read, RowReadings, Solution, TooHard, pieces, row_readings, solve

#: a check on the values of a row's first cells (called after each cell); False: no reading
Check = Callable[[Sequence[Any]], bool]


@dataclass
class TableRead:
    """What was read of one table: settled cells, doubts, and rows still to settle."""

    reads: dict[str, Read] = field(default_factory=dict)
    doubts: dict[str, Doubt] = field(default_factory=dict)
    #: rows with several readings (or none that keeps the row's own total), for `settle`
    options: dict[str, RowReadings] = field(default_factory=dict)
    found: bool = False


# ---------------------------------------------------------------- single cells


_DECIMAL = {f.key for f in catalogue.fields() if f.type == "decimal"}
_SIGNED = {f.key for f in catalogue.fields() if f.signed}


def _zero(key: str) -> Any:
    return Decimal(0) if key in _DECIMAL else 0


def _value(key: str, n: Decimal) -> tuple[Any, str | None]:
    """The schema value of a number for a key, or a reason it cannot be one."""
    if key in _DECIMAL:
        return (n if n >= 0 else None), (None if n >= 0 else "negative")
    if n != n.to_integral_value():
        return None, "not_a_count"
    if n < 0 and key not in _SIGNED:
        return None, "negative"
    return int(n), None


def cell_read(key: str, cell: Cell) -> tuple[Read, Doubt | None]:
    """Read one cell for a key: blanks are 0 (printed kept); anything unreadable is a doubt."""
    if cell.kind == "blank":
        read, doubt = Read(_zero(key), cell.text, cell.start, cell.end, cell.locator), None
    else:
        value, printed, doubt = _interpret(key, cell.text)
        read = Read(value, printed, cell.start, cell.end, cell.locator)
    if doubt is None and cell.confidence is not None and cell.confidence < LOW_CONFIDENCE:
        doubt = Doubt(reason="low_confidence", detail=f"OCR confidence {cell.confidence:.2f} for {cell.text!r}")
    return read, doubt


@lru_cache(maxsize=16384)
def _interpret(key: str, text: str) -> tuple[Any, str | None, Doubt | None]:
    """A number cell's value for a key, its printed text when not plain, or why it is no value."""
    num = parse_number(text)
    if num is None:
        return None, text, Doubt(reason="unreadable", detail=f"not a number: {text!r}")
    value, problem = _value(key, num.value)
    if problem:
        return None, text, Doubt(reason="unreadable", detail=f"{problem}: printed {text!r}")
    return value, (None if num.plain else text.strip()), None


@lru_cache(maxsize=16384)
def part_value(key: str, digits: str, sign: str) -> Any:
    """The value of a number cut from a run (`digits`, its printed sign) for a key; None when
    the key cannot hold it (a point in a count, a negative count)."""
    value, problem = _value(key, Decimal(digits) if sign != "-" else -Decimal(digits))
    return None if problem else value


# ---------------------------------------------------------------- rows


@dataclass
class RowCells:
    """A row as printed: its label and the number and blank cells after it."""

    row: str
    label: Cell
    cells: list[Cell] = field(default_factory=list)
    #: several row labels printed one after another, their numbers after them all (pdfminer
    #: gives a table column by column): the rows, in printed order
    block: tuple[str, ...] = ()


def collect_rows(cells: Sequence[Cell], patterns: RowPatterns,
                 blocks: list[RowCells] | None = None) -> tuple[dict[str, RowCells], list[str]]:
    """Walk the cells: a label phrase opens a row, the numbers and blanks after it are its cells.

    Consecutive text cells form one phrase (labels broken over lines, a parent label beside
    its first child). Text after a row's numbers closes the row. Returns rows by name and
    the names of rows printed twice with different cells.
    """
    rows: dict[str, RowCells] = {}
    dupes: list[str] = []
    current: RowCells | None = None
    phrase: list[Cell] = []

    def close() -> None:
        nonlocal current
        if current is not None and current.cells and current.block and blocks is not None:
            blocks.append(current)
        if current is not None and current.cells:
            prior = rows.get(current.row)
            if prior is None or (_bare(prior) and not _bare(current)):
                # a label printed with nothing but a border after it (a Markdown heading above
                # the table that repeats it) is the same row as the label printed with numbers
                rows[current.row] = current
            elif _bare(current):
                pass
            elif [c.text for c in prior.cells if c.kind == "num"] != [c.text for c in current.cells if c.kind == "num"]:
                dupes.append(current.row)
        current = None

    for cell in cells:
        if cell.kind == "text":
            if current is not None and current.cells:
                close()
            phrase.append(cell)
            continue
        if phrase:
            joined = "".join([c.text for c in phrase])
            row = patterns.match(joined)
            if row is not None and row != PARENT:
                close()
                many = patterns.match_all(joined)
                current = RowCells(row, phrase[-1], block=many if len(many) > 1 else ())
            elif current is None or current.cells or row == PARENT:
                close()
            phrase = []
        if current is not None:
            current.cells.append(cell)
    close()
    return rows, dupes


def _bare(rc: RowCells) -> bool:
    """A label followed only by the border padding of a bordered line: it printed no cell."""
    return all(c.kind == "blank" and c.bordered and not c.firm and not c.fill for c in rc.cells) \
        and len(rc.cells) < 3


def _edges(cells: list[Cell]) -> list[Cell]:
    """Drop blanks at both ends unless they are certainly cells (one per line, HTML)."""
    a, b = 0, len(cells)
    while b > a and cells[b - 1].kind == "blank" and not cells[b - 1].firm:
        b -= 1
    while a < b and cells[a].kind == "blank" and not cells[a].firm:
        a += 1
    return cells[a:b]


def anchors(rows: Sequence[list[Cell]], n: int) -> list[float] | None:
    """Right edges of the value columns in space-aligned text, from rows printing every cell."""
    edges: list[list[int]] = [[] for _ in range(n)]
    for cells in rows:
        nums = [c for c in cells if c.kind == "num"]
        if len(nums) == n and all(c.col is not None for c in nums) and not any(c.kind == "text" for c in cells):
            for i, c in enumerate(nums):
                edges[i].append(c.col)  # type: ignore[arg-type]
    if not edges[0]:
        return None
    out = [sorted(e)[len(e) // 2] for e in edges]
    return out if all(b > a for a, b in zip(out, out[1:])) else None


def _align(cells: list[Cell], nums: list[Cell], cols: list[float]) -> list[Cell] | None:
    """Numbers placed under the columns whose right edge they share; the other cells blank."""
    if any(c.col is None for c in nums):
        return None
    gap = min((b - a for a, b in zip(cols, cols[1:])), default=8)
    slots: list[Cell | None] = [None] * len(cols)
    last = -1
    for c in nums:
        i = min(range(len(cols)), key=lambda k: abs(cols[k] - c.col))  # type: ignore[operator]
        if abs(cols[i] - c.col) > max(1, gap // 3) or i <= last:  # type: ignore[operator]
            return None
        slots[i] = c
        last = i
    at = nums[0].start
    return [s if s is not None else Cell("blank", "", at, at) for s in slots]


def resolve(keys: Sequence[str], cells: list[Cell], *, glued: bool, idents: Sequence[Identity],
            into: TableRead, row: str, cols: list[float] | None = None, flush: bool = False,
            aligned: bool = False) -> None:
    """Assign a row's cells to its keys, keep its readings for `settle`, or say why it cannot.

    The layout first (one cell per printed cell, spacers, aligned columns); when that leaves
    no single reading and the row prints fewer cells than it has columns, the print lost cell
    borders: every reading of its pieces that keeps the row's own identities is kept.
    `flush`: the table's full rows start right after their label (no spacer column), so a
    blank just after a label is a cell. `aligned`: the page shows its columns (space-aligned
    text), so numbers standing in them lost no border: `realign` reads them by column.
    """
    check = prefix_check(tuple(keys), tuple(idents))
    chosen = _choose(keys, cells, glued=glued, check=check, cols=cols, flush=flush)
    if chosen is not None:
        for key, cell in zip(keys, chosen):
            read, doubt = cell_read(key, cell)
            into.reads[key] = read
            if doubt:
                into.doubts[key] = doubt
        return
    n = len(keys)
    core = _edges(cells)
    # fewer cells than columns (none at all: a label printed with no numbers after it) in
    # text that lost its cell borders
    row_pieces = pieces(core) if len(core) < n and _lost_borders(core) and not _label_alone(cells) and not (
        aligned and all(c.col is not None for c in core if c.kind == "num")) else None
    if row_pieces is not None:
        try:
            readings = row_readings(keys, row_pieces, idents, value=part_value)
        except TooHard as exc:
            return _unsettled(keys, core, into, "too_many_readings", str(exc))
        if len(readings.readings) == 1 and not readings.broken:
            for key, read in zip(keys, readings.readings[0]):
                into.reads[key] = read
            return
        if readings.readings:
            into.options[row] = readings
            return
    detail = f"{len(core)} cells for {n} columns: " + " | ".join(c.text or "·" for c in core)[:200]
    _unsettled(keys, core, into, "cells_do_not_fit" if core else "missing_row", detail)


def _lost_borders(core: list[Cell]) -> bool:
    """Text whose cells ran together: no border drawn (tab, pipe, grid), and at most one space
    between cells. Wider gaps are space-aligned columns (PDF text), where a blank cell is a
    gap, not a missing character, and digits apart are apart for sure."""
    for a, b in zip(core, core[1:]):
        if a.end is None or b.start is None or b.start - a.end > 1:
            return False
    return not any(c.bordered for c in core)


def _label_alone(cells: list[Cell]) -> bool:
    """A label in a bordered table with no cell after it: its numbers, if any, are elsewhere
    (a converter detached them), so it is no row of blanks."""
    if not cells or not cells[0].bordered:  # the common case first: text with no borders at all
        return False
    return all(c.kind == "blank" and c.bordered for c in cells) and not _edges(cells)


def _unsettled(keys: Sequence[str], core: list[Cell], into: TableRead, reason: str, detail: str) -> None:
    """Every cell of the row a doubt with no candidate, pointing at what the row printed."""
    span = (core[0].start, core[-1].end) if core else (None, None)
    for key in keys:
        into.reads[key] = Read(None, None, *span)
        into.doubts[key] = Doubt(reason=reason, detail=detail)


@cache
def prefix_check(keys: tuple[str, ...], idents: tuple[Identity, ...]) -> Check | None:
    """A check on a row's first cells: each identity inside the row, once its cells are in."""
    index = {k: i for i, k in enumerate(keys)}
    due: dict[int, list[tuple[list[int], list[int]]]] = {}
    for ident in idents:
        due.setdefault(max(index[k] for k in ident.keys) + 1, []).append(
            ([index[k] for k in ident.parts], [index[k] for k in ident.totals]))
    if not due:
        return None

    def check(values: Sequence[Any]) -> bool:
        for plus, minus in due.get(len(values), ()):
            if sum(values[i] for i in plus) != sum(values[i] for i in minus):
                return False
        return True

    return check


@cache
def inside(keys: tuple[str, ...], template: str) -> tuple[Identity, ...]:
    """The identities whose cells all lie in `keys` (a 表三 row's total, 表四's group totals)."""
    own = set(keys)
    return tuple(i for i in identities(template) if own.issuperset(i.keys))


def _choose(keys: Sequence[str], cells: list[Cell], *, glued: bool, check: Check | None,
            cols: list[float] | None, flush: bool = False) -> list[Cell] | None:
    """The row's cells, one per key, when the layout leaves a single reading; else None."""
    n = len(keys)
    core = _edges(cells)  # blanks at the ends may be padding, unless they are firm cells
    nums = [c for c in core if c.kind == "num"]
    if len(core) == n:
        return core
    if len(core) > n:
        if all(c.kind == "blank" for c in core[n:]):
            return core[:n]  # trailing firm blanks (the next row's placeholders)
        if len(nums) == n:
            return nums  # blanks were spacers between the numbers
        if nums and all(_is_zero(c) for c in nums):
            return core[:n]  # 13 zeros in a 7-column row: every reading gives zeros
        return None
    if not nums:
        fill = next((c for c in cells if c.fill), None)
        if fill is not None:
            return [fill] * n  # space-aligned text: the row's cells are all printed blank
        if sum(not c.fill for c in cells) >= n:
            return cells[:n]  # a tab or pipe row printed all blank: every cell is 0
        return None
    if cols is not None and len(cols) == n:
        aligned = _align(cells, nums, cols)  # space-aligned text: numbers under their columns
        if aligned is not None:
            return aligned
    if not glued:
        return _pieces(keys, cells, core, check, flush=flush)
    return None


def _is_zero(cell: Cell) -> bool:
    num = parse_number(cell.text)
    return num is not None and num.value == 0


def _pieces(keys: Sequence[str], cells: list[Cell], core: list[Cell], check: Check | None, *,
            flush: bool = False) -> list[Cell] | None:
    """Tab or pipe rows with blank cells at an end: blanks are cells when the line says so.

    Left-aligned: the row's first n pieces on the label's line hold every number. Right-
    aligned: the blanks before the numbers fill the row up to its last number (the 总计).
    In 表三 an alignment counts only when the row's total closes it; two that differ and
    both close it are no reading at all. A run of spaces (`fill`, space-aligned text) stands for
    any number of blank cells, never for one: a reading that counts it as one is none.
    """
    n = len(keys)
    nums = [c for c in core if c.kind == "num"]
    found: list[list[Cell]] = []
    left = cells[:n]
    in_left = {id(c) for c in left}
    # without an identity to confirm it, a leading blank could be a spacer column: only
    # rows that start with their first number are read left-aligned
    if len(left) == n and all(c.line == left[0].line and not c.fill for c in left) \
            and all(id(c) in in_left for c in nums) and (check is not None or left[0].kind == "num" or flush):
        found.append(left)
    lead = cells[: cells.index(core[0])]
    right = (lead + core)[-n:]
    if check is not None and len(right) == n and right not in found and not any(c.fill for c in right):
        found.append(right)
    if check is not None:
        found = [f for f in found if _passes(keys, f, check)]
    if len(found) == 1 or (found and all(f == found[0] for f in found)):
        return found[0]
    return None


def _flush(rows, patterns: RowPatterns) -> bool:
    """Do the rows that print every cell on their label's line start right after the label?"""
    seen = False
    for rc in rows:
        keys = patterns.columns.get(rc.row)
        if not keys or not rc.cells or rc.cells[0].line != rc.label.line or rc.label.line < 0:
            continue
        core = _edges(rc.cells)
        if len(core) == len(keys) and all(c.kind == "num" for c in core) and all(c.line == rc.label.line for c in core):
            if rc.cells[0] is not core[0]:
                return False  # a spacer (or a blank) between the label and the first number
            seen = True
    return seen


def _passes(keys: Sequence[str], cells: list[Cell], check: Check) -> bool:
    values: list[Decimal] = []
    for cell in cells:
        num = parse_number(cell.text) if cell.kind == "num" else None
        if cell.kind == "num" and num is None:
            return False
        values.append(num.value if num else Decimal(0))
        if not check(values):
            return False
    return True


def missing(keys: Sequence[str], into: TableRead, reason: str = "missing_row", detail: str = "") -> None:
    for key in keys:
        into.reads[key] = Read(None, None, None, None)
        into.doubts[key] = Doubt(reason=reason, detail=detail)


# ---------------------------------------------------------------- columns the page shows


def realign(rows: Sequence[tuple[Sequence[str], list[Cell], Cell | None]], cells: Sequence[Cell], into: TableRead, *,
            align: str | None, name: str, template: str, others: Sequence[Cell] = ()) -> None:
    """Read by the page's columns the rows of one width left as `cells_do_not_fit`.

    `rows`: (keys, cells, label) of every row of that width in the table, the evidence of where
    its columns stand (`columns`); `others`: the numbers of its rows of other widths. A tab grid
    places each number for sure. Space-aligned columns may leave several placements; a placement
    is the table's, never one row's, so they go to `settle` as readings of all the stuck rows at
    once, the evenly spaced ones first. A row still stuck whose numbers stand apart (spaces, no
    columns shown) gets every order-keeping placement of them, row by row.
    """
    stuck = [(keys, cs) for keys, cs, _ in rows if _stuck(into, keys)]
    if not stuck:
        return
    lines = columns.lines_of(cells)
    n = len(rows[0][0])
    grid = columns.slot_map([cs for _, cs, _ in rows], n, lines)
    if grid is not None:
        for keys, cs in stuck:
            placed = columns.by_slot(cs, grid, n)
            if placed is not None:
                _read_cells(keys, placed, into)
        return
    if align is not None:
        _by_position(rows, stuck, lines, into, align, name, others)
    for keys, cs in stuck:
        if _stuck(into, keys):
            _apart(keys, cs, into, template)


def _stuck(into: TableRead, keys: Sequence[str]) -> bool:
    doubt = into.doubts.get(keys[0])
    return doubt is not None and doubt.reason == "cells_do_not_fit"


def _read_cells(keys: Sequence[str], cells: Sequence[Cell], into: TableRead) -> None:
    """Settle a row from its cells, one per key (the row's old doubts go)."""
    for key, cell in zip(keys, cells):
        read, doubt = cell_read(key, cell)
        into.reads[key] = read
        into.doubts.pop(key, None)
        if doubt:
            into.doubts[key] = doubt


def _by_position(rows: Sequence[tuple[Sequence[str], list[Cell], Cell | None]],
                 stuck: list[tuple[Sequence[str], list[Cell]]], lines: columns.Lines, into: TableRead, align: str,
                 name: str, others: Sequence[Cell]) -> None:
    """Space-aligned rows: the stuck rows read under every placement of the numbers that the
    page's columns allow (rows read in full pin their numbers' columns; the labels' right
    edge is the wall the first column stands after)."""
    n = len(rows[0][0])
    evidence = [(keys, nums) for keys, cs, _ in rows for nums in [[c for c in cs if c.kind == "num"]]
                if nums and all(c.col is not None for c in nums)]
    todo = [(keys, nums) for keys, cs in stuck for nums in [[c for c in cs if c.kind == "num"]]
            if nums and all(c.col is not None and c.line == nums[0].line for c in nums)]
    if not todo:
        return
    stuck_keys = {keys[0] for keys, _ in stuck}
    pins = [(c, j) for keys, nums in evidence if keys[0] not in stuck_keys for j, key in enumerate(keys)
            for c in nums if key not in into.doubts and into.reads.get(key) and into.reads[key].start == c.start]
    # the rows' own lines: their numbers' and their labels' (a blank row's label line holds its blank run)
    on = {c.line for _, cs, label in rows for c in (*cs, *([label] if label else [])) if c is label or c.kind == "num"}
    wall = max((lines.wall[ln] for ln in on if ln in lines.wall), default=-1)  # -1: no label, a number may start the line
    # where the rows' blank cells, printed as spaces, end: the table's right edge
    where = columns.placements([nums for _, nums in evidence], pins, n, wall, align,
                               [c for c in others if c.col is not None], lines.blank_end(on))
    even = _readings(todo, where.even)
    spare = _readings(todo, where.any or [])
    known = {tuple(r.value for r in reading) for reading in even}
    spare = [r for r in spare if tuple(x.value for x in r) not in known]
    if not even:
        even, spare = spare, []
    if not even:
        return
    keys_all = tuple(k for keys, _ in todo for k in keys)
    for key in keys_all:
        into.doubts.pop(key, None)
    if len(even) == 1 and not spare:
        into.reads.update(zip(keys_all, even[0]))
        return
    for key in keys_all:
        into.reads.pop(key, None)
    into.options[f"{name}:columns"] = RowReadings(keys_all, even, wider=spare or None, reason="ambiguous_column")


def _apart(keys: Sequence[str], cells: list[Cell], into: TableRead, template: str) -> None:
    """A row of whole numbers set apart by spaces, fewer than its columns, in no column the page
    shows: every order-keeping placement of them (blanks elsewhere) that keeps the row's own
    identities is a reading, for `settle` (each printed number is one cell: the space is sure)."""
    core = _edges(cells)
    nums = [c for c in core if c.kind == "num"]
    if not nums or len(nums) != len(core) or len(nums) >= len(keys) or any(c.col is None or c.bordered for c in nums):
        return
    row_pieces = pieces(nums)
    if row_pieces is None:
        return
    try:
        readings = row_readings(keys, [replace(p, atomic=True) for p in row_pieces], inside(tuple(keys), template),
                                value=part_value)
    except TooHard:
        return
    if not readings.readings:
        return
    readings.reason = "ambiguous_column"
    for key in keys:
        into.doubts.pop(key, None)
    if len(readings.readings) == 1 and not readings.broken:
        into.reads.update(zip(keys, readings.readings[0]))
        return
    for key in keys:
        into.reads.pop(key, None)
    into.options[keys[0].rsplit(".", 1)[0]] = readings


def _readings(todo: list[tuple[Sequence[str], list[Cell]]], placements: Sequence[dict[int, int]]) -> list[list[Read]]:
    """The stuck rows' readings under each placement (cell id → column), distinct by value; a
    placement that puts a number where its key cannot hold it (a decimal count) is none."""
    out: list[list[Read]] = []
    seen: set[tuple] = set()
    for where in placements:
        reading: list[Read] = []
        for keys, nums in todo:
            slots: list[Cell | None] = [None] * len(keys)
            for c in nums:
                slots[where[id(c)]] = c
            at = nums[0].start
            for key, c in zip(keys, slots):
                read, doubt = cell_read(key, c if c is not None else Cell("blank", "", at, at))
                if doubt is not None or read.value is None:
                    break
                reading.append(read)
            else:
                continue
            break
        else:
            sig = tuple(r.value for r in reading)
            if sig not in seen:
                seen.add(sig)
                out.append(reading)
    return out


# ---------------------------------------------------------------- tables


def read_rows(cells: Sequence[Cell], patterns: RowPatterns, *, template: str, table: str, glued: bool,
              align: str | None = None) -> TableRead:
    """Read 表二 or 表三 from its cells (`align`: how the document's numbers line up, `columns.alignment`)."""
    out = TableRead()
    blocks: list[RowCells] = []
    cells, cuts = tidy(cells, patterns)
    rows, dupes = collect_rows(cells, patterns, blocks)
    out.found = bool(rows)
    if not rows:
        return out
    for block in blocks:
        _unfold(block, rows, patterns, table, out, template)
    if table == "active" and "regulations" not in rows and _no_stray_numbers(cells, rows):
        # 规章 are made only by governments with legislative power (立法法): the reports of
        # other organs often leave the row out. Nothing printed is read as blank, as a blank
        # cell is, when no number in the table is left without a row to hold it.
        first = next(iter(rows.values())).label
        rows["regulations"] = RowCells("regulations", Cell("text", "", first.start, first.start), [])
    widths = {len(k) for k in patterns.columns.values()}
    flush = _flush(rows.values(), patterns)
    cols = {n: anchors([rc.cells for rc in rows.values()], n) for n in widths}
    for row, keys in patterns.columns.items():
        rc = rows.get(row)
        if rc is None:
            continue
        resolve(keys, rc.cells, glued=glued, idents=inside(keys, template), into=out, row=row,
                cols=cols[len(keys)], flush=flush, aligned=align is not None)
        if row in dupes:
            out.options.pop(row, None)
            for k in keys:
                read = out.reads.get(k)
                out.reads[k] = Read(None, None, read.start if read else None, read.end if read else None)
                out.doubts[k] = Doubt(reason="duplicate_row", detail="row printed twice with different numbers",
                                      candidates=[_json(read.value)] if read and read.value is not None else [])
    for cut in cuts:
        if cut.row not in dupes:
            _cut_label(cut, patterns.columns[cut.row], template, out)
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
    for n in widths:
        group = [(keys, rows[row].cells, rows[row].label) for row, keys in patterns.columns.items()
                 if len(keys) == n and row in rows and row not in dupes]
        if any(_stuck(out, keys) for keys, _, _ in group):
            others = [c for row, keys in patterns.columns.items() if len(keys) != n and row in rows
                      for c in rows[row].cells if c.kind == "num"]
            realign(group, cells, out, align=align, name=f"{table}:{n}", template=template, others=others)
    return out


def _no_stray_numbers(cells: Sequence[Cell], rows: dict[str, RowCells]) -> bool:
    """Every number cell of the table belongs to one of the rows found."""
    held = {id(c) for rc in rows.values() for c in rc.cells}
    return all(id(c) in held for c in cells if c.kind == "num")


def _cut_label(cut: Cut, keys: tuple[str, ...], template: str, out: TableRead) -> None:
    """A row printed blank under a parent's line of numbers keeps both readings (its blanks, or
    those numbers with its label cut off the parent's) for the table's identities to choose."""
    if any(k in out.doubts or k not in out.reads for k in keys):
        return
    blank = [out.reads[k] for k in keys]
    other = _row_reading(keys, cut.cells, template, cut.row)
    if not other or [r.value for r in other[0]] == [r.value for r in blank]:
        return
    for k in keys:
        del out.reads[k]
    out.options[cut.row] = RowReadings(keys, [blank, *other], reason="label_placement",
                                       why=f"label {cut.printed!r} printed with no numbers under a line of numbers "
                                           "that may be its own")


def _row_reading(keys: tuple[str, ...], cells: list[Cell], template: str, row: str) -> list[list[Read]]:
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
    core = _edges(cells)
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
        readings = [r for j in range(lo, hi + 1) for r in _row_reading(keys, chunks[j], template, name)]
        if m < k:
            readings.append([Read(_zero(key), None, None, None) for key in keys])
        distinct: dict[tuple, list[Read]] = {}
        for r in readings:
            distinct.setdefault(tuple(x.value for x in r), r)
        if distinct:
            out.options[name] = RowReadings(keys, list(distinct.values()), reason="label_placement",
                                            why=f"{k} labels printed apart from {m} rows of numbers")


def _unfold(block: RowCells, rows: dict[str, RowCells], patterns: RowPatterns, table: str, out: TableRead,
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
    if len(names) < 2 or len(width) != 1 or _bare(block):
        return  # (bare: labels in a bordered table with no cell after them; their numbers are elsewhere)
    n = width.pop()
    k = len(names)
    chunks = _bordered_rows(block, n, k)
    if chunks is not None:
        return _place_labels(names, chunks, block, rows, patterns, out, template)
    if len(values) != k * n:
        if len(_edges(block.cells)) <= n:
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
        fitting = [rd for rd in readings if all(_passes(keys, r, check) for r in rd)]
        texts = {tuple(tuple(c.text for c in r) for r in rd) for rd in fitting}
        if len(texts) != 1:
            for name in names:
                rows.pop(name, None)  # no reading: the rows are missing, hence doubts
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


def read_appeals(cells: Sequence[Cell], *, glued: bool, template: str, align: str | None = None) -> TableRead:
    """Read 表四: the 15 numbers after its header words (`align`: as in `read_rows`)."""
    out = TableRead()
    keys = table4_keys()
    idents = inside(keys, template)
    first = next((i for i, c in enumerate(cells) if c.kind == "num"), None)
    if first is None:
        # a 表四 printed all blank: the blanks after its last header word
        last = max((i for i, c in enumerate(cells) if c.kind == "text"), default=-1)
        tail = list(cells[last + 1:])
        if len(tail) >= len(keys) or any(c.fill for c in tail):
            out.found = True
            resolve(keys, tail, glued=glued, idents=idents, into=out, row="appeals")
        return out
    # runs of value cells between text cells; the data row is the run of 15 cells (a year in
    # a heading is a run too), else the run with the most digits
    runs: list[list[Cell]] = []
    current: list[Cell] = []
    for c in cells:
        if c.kind == "text":
            if current:
                runs.append(current)
            current = []
        else:
            current.append(c)
    if current:
        runs.append(current)
    runs = [r for r in runs if any(c.kind == "num" for c in r)]
    exact = [r for r in runs if len(_edges(r)) == len(keys)]
    out.found = True
    groups = None if exact else _appeal_groups(cells)
    if groups is not None:
        for g, run in enumerate(groups):
            part = keys[5 * g:5 * g + 5]
            resolve(part, run, glued=glued, idents=inside(part, template), into=out, row=catalogue.APPEAL_GROUPS[g],
                    aligned=align is not None)
        return out
    data = exact[-1] if exact else max(runs, key=lambda r: sum(len(c.text) for c in r if c.kind == "num"))
    resolve(keys, data, glued=glued, idents=idents, into=out, row="appeals", aligned=align is not None)
    realign([(keys, data, None)], cells, out, align=align, name="appeals", template=template)
    return out


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
            if len(_edges(current)) == 5:
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


def _json(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


def settle(out: TableRead, template: str, stated: Callable[[], dict[str, list[Claim]]] | None = None) -> None:
    """Settle the rows left with several readings, together, under the table's identities.

    The solver keeps the combinations under which every identity holds (all of them when none
    does: a report wrong in print); a cell they agree on is settled, any other is a doubt with
    every candidate. 表二 has no identities: only what the report's prose states of a cell
    (`stated`, asked for only when needed) narrows its rows' readings, and the cells it settles
    carry the sentence as their evidence.
    """
    if not out.options:
        return
    rows = dict(out.options)
    out.options.clear()
    said: dict[str, list[Claim]] = {}
    if stated is not None:
        prose = stated()
        for row, readings in rows.items():
            kept, used = narrow(readings.keys, readings.readings, prose)
            if used:
                rows[row] = replace(readings, readings=kept)
                for claim in used:
                    said.setdefault(claim.key, []).append(claim)
    fixed = {k: r.value for k, r in out.reads.items() if k not in out.doubts}
    why: dict[str, str] = {}
    try:
        solution = solve(rows, fixed, identities(template))
        for row, readings in rows.items():
            if readings.wider and not solution.consistent.get(row, True):
                solution, why[row] = _reserve(rows, row, fixed, template, solution)
    except TooHard as exc:
        for readings in rows.values():
            first = readings.readings[0]
            for key, read in zip(readings.keys, first):
                out.reads[key] = Read(None, None, read.start, read.end, read.locator)
                out.doubts[key] = Doubt(reason="too_many_readings", detail=str(exc))
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
            out.doubts[key] = Doubt(reason=reason, candidates=[_json(v) for v in values],
                                    detail=why.get(row) or _why(row, readings, solution))


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
