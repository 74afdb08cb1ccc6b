"""One row's cells → its cells' reads, or its readings for the solver, or why it cannot be read.

The layout first (one cell per printed cell, spacers, aligned columns, a tab or pipe row with
blanks at an end); when that leaves no single reading and the row prints fewer cells than it has
columns in text that lost its borders, every reading of its pieces under the row's own
identities (`solve.row_readings`). A `TableRead` collects what a table's rows gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from itertools import combinations, combinations_with_replacement
from math import comb
from typing import Any, Callable, Sequence

from ...identities import Identity, identities
from ..base import Doubt, DoubtReason
from ._cells import Cell, parse_number
from .cellvalue import _DECIMAL, _interpret as interpret, cell_read, json_value, part_value, zero
from .labels import RowPatterns
from .solve import Read, RowReadings, TooHard, by_identities, fewest_drops, pieces, row_readings


#: `part_value` remembered (a pure function of a key and a few digits): the solver asks it of
#: the same pairs over and over, each answer a new Decimal otherwise
cut_value = lru_cache(maxsize=16384)(part_value)

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
    #: the table prints a cell a line, its empty cells left out (`lines.a_cell_a_line`)
    sparse: bool = False
    #: the table prints no number at all, its words each alone on a line (`lines.words_a_line`):
    #: every cell a doubt whose one candidate is 0 (`sparse.unfilled`); no sign, unlike `sparse`,
    #: that another table's label alone is a row of empty cells, but 表四 may read as `sparse`
    unfilled: bool = False

    def take(self, keys: Sequence[str], cells: Sequence[Cell]) -> None:
        """Settle a row from its cells, one per key (any old doubt of the row goes)."""
        reads, doubts = self.reads, self.doubts
        new = object.__new__
        for key, cell in zip(keys, cells):
            # not a scan (nor a lone `一` that may be a dash): `cell_read` without its call (a table's every cell)
            if cell.confidence is None and not cell.dash_or_one:
                # Read(value, printed, start, end, locator), its fields set here: a class call runs
                # its __init__ in a frame of its own, a third of the cost of a table's every cell
                reads[key] = r = new(Read)
                r.start = cell.start
                r.end = cell.end
                r.locator = cell.locator
                r.dropped = False
                r.evidence = None
                if cell.kind == "blank":
                    r.value = zero(key)
                    r.printed = cell.text
                    if doubts:
                        doubts.pop(key, None)
                    continue
                text = cell.text
                if text.isdigit() and text.isascii():
                    # plain digits (most cells): what `interpret` makes of them, without its call
                    r.value = Decimal(text) if key in _DECIMAL else int(text)
                    r.printed = None
                    if doubts:
                        doubts.pop(key, None)
                    continue
                r.value, r.printed, doubt = interpret(key, text)
                if doubts:
                    doubts.pop(key, None)
                if doubt is not None:
                    doubts[key] = doubt
                continue
            read, doubt = cell_read(key, cell)
            reads[key] = read
            if doubts:  # most tables have none yet: no pop per cell
                doubts.pop(key, None)
            if doubt is not None:
                doubts[key] = doubt


def edges(cells: list[Cell]) -> list[Cell]:
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
        if len(nums) == n and _all_placed(nums, cells):
            for i, c in enumerate(nums):
                edges[i].append(c.col)  # type: ignore[arg-type]
    if not edges[0]:
        return None
    out: list[float] = [sorted(e)[len(e) // 2] for e in edges]
    return out if all(b > a for a, b in zip(out, out[1:])) else None


def _align(cells: list[Cell], nums: list[Cell], cols: list[float], on_line: Sequence[Cell] = ()) -> list[Cell] | None:
    """Numbers placed under the columns whose right edge they share; the other cells blank.
    None when a number stands later on the row's line, past text that closed the row (`27 △  6
    571`: its blanks would be a guess, as `columns.by_slot` says of a tab row)."""
    if any(c.col is None for c in nums):
        return None
    if on_line:
        end = cells[-1].end
        if any(c.kind == "num" and c.start >= end for c in on_line if c.line == nums[-1].line):
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
            aligned: bool = False, sparse: bool = False, on_line: Sequence[Cell] = (), whole: bool = False) -> None:
    """Assign a row's cells to its keys, keep its readings for `settle`, or say why it cannot.

    The layout first (one cell per printed cell, spacers, aligned columns); when that leaves
    no single reading and the row prints fewer cells than it has columns, the print lost cell
    borders: every reading of its pieces that keeps the row's own identities is kept.
    `flush`: the table's full rows start right after their label (no spacer column), so a
    blank just after a label is a cell. `aligned`: the page shows its columns (space-aligned
    text), so numbers standing in them lost no border: `realign` reads them by column.
    `sparse`: the table prints a cell a line and an empty cell leaves no line (a PDF viewer's
    copy), so any number of a row's cells may have left nothing. `on_line`: the table's cells
    on the row's lines (none: not asked). `whole`: such a copy none of whose numbers runs cells
    together (`023`): each number is one cell.
    """
    check = _prefix_check(tuple(keys), idents)
    core = edges(cells)  # blanks at the ends may be padding, unless they are firm cells
    if len(core) > len(keys) and (_rule_readings(keys, core, check, into, row) if any(c.rule for c in core)
                                  else _split_readings(keys, core, check, into, row)):
        return
    chosen = _choose(keys, cells, core, glued=glued, check=check, cols=cols, flush=flush, on_line=on_line)
    if chosen is not None:
        into.take(keys, chosen)
        return
    n = len(keys)
    if core and len(core) < n and _comma_readings(keys, core, check, into, row):
        return
    # fewer cells than columns (none at all: a label printed with no numbers after it) in
    # text that lost its cell borders
    row_pieces = pieces(core) if len(core) < n and _lost_borders(core) and not _label_alone(cells) and not (
        aligned and not sparse and all(c.col is not None for c in core if c.kind == "num")) else None
    if row_pieces is not None and whole:
        # a cell a line, no number running cells together: `48` is 48 in one of the row's
        # cells, not 4 and 8
        row_pieces = [p if p.blank or p.atomic else replace(p, atomic=True) for p in row_pieces]
    least = fewest_drops(keys, row_pieces) if row_pieces is not None else 0
    if row_pieces is not None and core and not sparse and least > n // 2:
        # more than half of the row's cells left no character while it prints some: no dropped
        # blanks but a row that does not fit (a stray number, numbers read as label text)
        row_pieces = None
    if row_pieces is not None:
        try:
            readings = row_readings(keys, row_pieces, idents, value=cut_value, least=least)
        except TooHard as exc:
            unsettled(keys, core, into, "too_many_readings", str(exc))
            return _placement_candidates(keys, row_pieces, into)
        if len(readings.readings) == 1 and not readings.broken:
            for key, read in zip(keys, readings.readings[0]):
                into.reads[key] = read
            return
        if readings.readings:
            into.options[row] = readings
            return
    detail = f"{len(core)} cells for {n} columns: " + " | ".join(c.text or "·" for c in core)[:200]
    unsettled(keys, core, into, "cells_do_not_fit" if core else "missing_row", detail)


#: most readings of one row's `1`s tried (which of them are rules): past it, the row's doubt
_RULE_COMBINATIONS = 64


def _rule_readings(keys: Sequence[str], core: list[Cell], check: Check | None, into: TableRead, row: str) -> bool:
    """A row of an OCR'd ruled table printing more cells than it has columns, a lone `1` standing
    where a rule stands (`Cell.rule`, `| 0 1 0 | 2`): each reading that takes as many of those
    `1`s for rules as the row has cells too many (`_offer`). In reserve (`wider`, tried when no
    reading keeps the table's identities): each such `1` read as a digit of the number one space
    beside it (`5 1` as 51, an OCR's split digits) instead. False: no reading (the row then says
    why it does not fit)."""
    n = len(keys)
    extra = len(core) - n
    ones = [i for i, c in enumerate(core) if c.rule]
    if extra > len(ones) or comb(len(ones), extra) > _RULE_COMBINATIONS:
        return False
    options = [[c for i, c in enumerate(core) if i not in drop] for drop in combinations(ones, extra)]
    return _offer(keys, core, options, check, into, row, settle=True, wider=_merged(core, ones, extra),
                  why="a lone 1 where a rule stands is the rule or a cell")


def _split_readings(keys: Sequence[str], core: list[Cell], check: Check | None, into: TableRead, row: str) -> bool:
    """A row of plain numbers printing more cells than it has columns, some two of them one space
    apart (`9   4   1 2   3`: an OCR's space inside a number, character segmentation): each
    reading that joins as many of those pairs as the row has cells too many (a pair whose first
    piece is 0 is none: no number starts so). The row's identities and then the table's choose
    (`_offer`); one reading alone settles the row only where its line parts cells wider apart
    (two spaces or more: one space is no column's gap there), else its cells are doubts with the
    reading's values. False: no such pair (the row then says why it does not fit)."""
    n = len(keys)
    extra = len(core) - n
    if any(c.kind != "num" or c.bordered for c in core):
        return False
    gaps = [b.start - a.end if a.line == b.line else 0 for a, b in zip(core, core[1:])]
    tight = [i for i, g in enumerate(gaps) if g == 1 and core[i].text.isdigit() and core[i + 1].text.isdigit()
             and core[i].text != "0"]
    if extra > len(tight) or comb(len(tight), extra) > _RULE_COMBINATIONS:
        return False
    options = []
    for joins in combinations(tight, extra):
        cells: list[Cell] = []
        for i, c in enumerate(core):
            if i - 1 in joins:
                p = cells[-1]
                cells[-1] = Cell("num", p.text + c.text, p.start, c.end, c.line)
            else:
                cells.append(c)
        options.append(cells)
    # (a line printing two spaces or more somewhere, `行政许可   94 87`, has its columns' gaps wider:
    # the tokenizer gave its cells a display column)
    wide = any(g >= 2 for g in gaps) or all(c.col is not None for c in core)
    return _offer(keys, core, options, check, into, row, settle=wide,
                  why="a space inside a number (OCR) or between two cells")


def _comma_readings(keys: Sequence[str], core: list[Cell], check: Check | None, into: TableRead, row: str) -> bool:
    """A row with fewer cells than columns whose numbers hold a `，` before three digits
    (`746|12|0|0|10|1，769`: a list's mark between two cells, or a thousands separator): each
    reading that takes as many of those marks for cells' borders as the row lacks cells. Never
    settled by the print alone (`1，191` may be one number and a blank left no mark): the row's
    and the table's identities choose among several; one reading settles the row only when the
    row's own identities hold under it and under no reading that takes fewer marks for borders
    and blank cells for the rest (`_other_reading`), else it is a doubt with its values."""
    marks = [(i, j) for i, c in enumerate(core) if c.kind == "num" and ("，" in c.text or "," in c.text)
             and _COMMA_NUMBER.fullmatch(c.text) for j, ch in enumerate(c.text) if ch == "，" or ch == ","]
    short = len(keys) - len(core)
    if not marks or short > len(marks) or comb(len(marks), short) > _RULE_COMBINATIONS:
        return False
    options = [_cut(core, cuts) for cuts in combinations(marks, short)]
    # settled only where the row's own identities leave the other readings none: fewer marks taken
    # for borders and a blank cell (printed as nothing) put anywhere for each mark not taken
    settle = check is not None and not _other_reading(keys, core, marks, short, check)
    return _offer(keys, core, options, check, into, row, settle=settle,
                  why="a ， before three digits parts two cells or is a thousands separator")


def _other_reading(keys: Sequence[str], core: list[Cell], marks: list[tuple[int, int]], short: int,
                   check: Check) -> bool:
    """Does a reading that takes fewer of the marks for borders, a blank cell (printed as nothing)
    put anywhere for each mark not taken, keep the row's identities? (True past 4096 tried.)"""
    tried = 0
    for taken in range(short):
        for cuts in combinations(marks, taken):
            cells = _cut(core, cuts)
            for at in combinations_with_replacement(range(len(cells) + 1), short - taken):
                tried += 1
                padded = list(cells)
                for k in sorted(at, reverse=True):
                    padded.insert(k, Cell("blank", "", core[0].start, core[0].start))
                if tried > 4096 or passes(keys, padded, check):
                    return True
    return False


def _cut(core: list[Cell], cuts: Sequence[tuple[int, int]]) -> list[Cell]:
    """The row's cells with the number cells parted at the marks `cuts` ((cell, offset) pairs)."""
    cells: list[Cell] = []
    for i, c in enumerate(core):
        at = 0
        for j in sorted(j for k, j in cuts if k == i):
            cells.append(Cell("num", c.text[at:j], c.start + at, c.start + j, c.line))
            at = j + 1
        cells.append(c if at == 0 else Cell("num", c.text[at:], c.start + at, c.end, c.line))
    return cells


#: a number with `，` or `,` before each group of three digits (`1，769`, `12，345，678`,
#: `77,132,470`: a list's three cells or one number), the same mark throughout
_COMMA_NUMBER = re.compile(r"[0-9]{1,3}(?:(?:，[0-9]{3})+|(?:,[0-9]{3})+)")


def _offer(keys: Sequence[str], core: list[Cell], options: list[list[Cell]], check: Check | None, into: TableRead,
           row: str, *, settle: bool, why: str, wider: Sequence[list[Cell]] = ()) -> bool:
    """A row's readings of its print (`options`, n cells each): those that keep the row's own
    identities (all of them, `broken`, when none does) go to the table's solver, the print alone
    not saying which is the row; one reading alone settles the row when `settle` (else each of
    its cells is a doubt with the reading's value as candidate). `wider`: readings held in reserve
    (`RowReadings.wider`). False when a cell of a reading is no plain value."""
    kept = [cells for cells in options if check is None or passes(keys, cells, check)]
    broken = not kept and check is not None
    readings: list[list[Read]] = []
    for cells in kept or options:
        reading = _reading(keys, cells)
        if reading is None:
            return False
        if not any(all(a.value == b.value for a, b in zip(reading, r)) for r in readings):
            readings.append(reading)
    printed = " ".join(c.text for c in core)
    if len(readings) == 1 and not broken:
        if settle:
            for key, read in zip(keys, readings[0]):
                into.reads[key] = read
                into.doubts.pop(key, None)
        else:
            for key, read in zip(keys, readings[0]):
                into.reads[key] = Read(None, None, read.start, read.end, read.locator)
                into.doubts[key] = Doubt(reason="cells_do_not_fit", candidates=[json_value(read.value)],
                                         detail=f"{len(core)} cells for {len(keys)} columns: {printed!r}; {why}")
        return True
    more = [r for cells in wider if (r := _reading(keys, cells)) is not None
            and (check is None or passes(keys, cells, check))]
    into.options[row] = RowReadings(tuple(keys), readings, broken=broken, printed=printed, wider=more or None,
                                    why=f"the row prints {printed!r}: {why}")
    return True


def _reading(keys: Sequence[str], cells: Sequence[Cell]) -> list[Read] | None:
    """The reads of a row's cells, one per key; None when a cell is no plain value (a doubt)."""
    out = []
    for key, cell in zip(keys, cells):
        read, doubt = cell_read(key, cell)
        if doubt is not None or read.value is None:
            return None
        out.append(read)
    return out


def _merged(core: list[Cell], ones: list[int], extra: int) -> list[list[Cell]]:
    """The row's cells with `extra` of its rule `1`s read as a digit of the plain number one space
    before or after it (`5 1` → 51, `1 5` → 15), the others as cells (at most one reading each)."""
    out: list[list[Cell]] = []
    for picked in combinations(ones, extra):
        cells = list(core)
        gone: set[int] = set()
        for i in picked:
            one = core[i]
            nb = next((j for j in (i - 1, i + 1) if 0 <= j < len(core) and j not in gone and j not in picked
                       and core[j].kind == "num" and core[j].text.isdigit() and core[j].line == one.line
                       and abs((one.start - core[j].end) if j < i else (core[j].start - one.end)) == 1), None)
            if nb is None:
                break
            a, b = (core[nb], one) if nb < i else (one, core[nb])
            cells[nb] = Cell("num", a.text + b.text, a.start, b.end, one.line)
            gone.add(i)
        else:
            out.append([c for i, c in enumerate(cells) if i not in gone])
        if len(out) >= _RULE_COMBINATIONS:
            break
    return out


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
    return all(c.kind == "blank" and c.bordered for c in cells) and not edges(cells)


def _placement_candidates(keys: Sequence[str], row: Sequence[Any], into: TableRead) -> None:
    """A row with too many readings to list (`TooHard`) whose printed pieces are each one number
    for sure (`Piece.atomic`: alone on its line, a separator, a measure word): each cell's
    doubt gets every value the placements of the pieces in their order give it, a dropped
    blank (0) between them, the identities aside (a superset of the readings that keep them).
    Pieces that may be several numbers run together: no candidates (their cuts are too many)."""
    k, n = len(row), len(keys)
    if not row or k > n or not all(p.atomic and not p.blank for p in row):
        return
    for c, key in enumerate(keys):
        values: list[Any] = []
        if n > k and (z := cut_value(key, "0", "")) is not None:
            values.append(z)
        # piece i can stand in cell c: i pieces before it fit the c cells before, the rest after
        for i in range(max(0, c - (n - k)), min(c, k - 1) + 1):
            v = cut_value(key, row[i].chars, row[i].sign)
            if v is not None and v not in values:
                values.append(v)
        old = into.doubts[key]
        into.doubts[key] = Doubt(reason=old.reason, detail=old.detail + "; the candidates are the values the row's "
                                 "numbers, in their order, give the cell", candidates=[json_value(v) for v in values])


def unsettled(keys: Sequence[str], core: list[Cell], into: TableRead, reason: DoubtReason, detail: str) -> None:
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


#: `prefix_check` by the identities' tuple itself (`solve.by_identities`: no Identity hashed per row)
_prefix_check = by_identities(prefix_check)


@cache
def inside(keys: tuple[str, ...], template: str) -> tuple[Identity, ...]:
    """The identities whose cells all lie in `keys` (a 表三 row's total, 表四's group totals)."""
    own = set(keys)
    return tuple(i for i in identities(template) if own.issuperset(i.keys))


def _choose(keys: Sequence[str], cells: list[Cell], core: list[Cell], *, glued: bool, check: Check | None,
            cols: list[float] | None, flush: bool = False, on_line: Sequence[Cell] = ()) -> list[Cell] | None:
    """The row's cells, one per key, when the layout leaves a single reading; else None
    (`core`: the cells without padding blanks at the ends, `edges(cells)`)."""
    n = len(keys)
    if len(core) == n:
        return core  # (most rows: their numbers are not counted)
    nums = [c for c in core if c.kind == "num"]
    if len(core) > n:
        marked = [c for c in core if c.printed]
        if len(marked) == n and len(nums) < n:
            return marked  # empty spacers between numbers and printed blanks (`—`, `/`, `无`)
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
        aligned = _align(cells, nums, cols, on_line)  # space-aligned text: numbers under their columns
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
        found = [f for f in found if passes(keys, f, check)]
    if len(found) == 1 or (found and all(f == found[0] for f in found)):
        return found[0]
    return None


def starts_flush(rows, patterns: RowPatterns) -> bool:
    """Do the rows that print every cell on their label's line start right after the label?"""
    seen = False
    for rc in rows:
        keys = patterns.columns.get(rc.row)
        if not keys or not rc.cells or rc.cells[0].line != rc.label.line or rc.label.line < 0:
            continue
        core = edges(rc.cells)
        if len(core) == len(keys) and _numbers_on(core, rc.label.line):
            if rc.cells[0] is not core[0]:
                return False  # a spacer (or a blank) between the label and the first number
            seen = True
    return seen


# (plain loops, asked of every row: Python 3.11 reads a cell's slot in a few specialised steps,
# where `map(attrgetter(…))` takes a generic lookup a cell and a generator a frame switch)

def _all_placed(nums: Sequence[Cell], cells: Sequence[Cell]) -> bool:
    """Every number has a display column, and no cell is label text."""
    for c in nums:
        if c.col is None:
            return False
    for c in cells:
        if c.kind == "text":
            return False
    return True


def _numbers_on(core: Sequence[Cell], line: int) -> bool:
    """Every cell is a number on `line`."""
    for c in core:
        if c.kind != "num" or c.line != line:
            return False
    return True


def passes(keys: Sequence[str], cells: list[Cell], check: Check) -> bool:
    values: list[Decimal] = []
    for cell in cells:
        num = parse_number(cell.text) if cell.kind == "num" else None
        if cell.kind == "num" and num is None:
            return False
        values.append(num.value if num else Decimal(0))
        if not check(values):
            return False
    return True


def missing(keys: Sequence[str], into: TableRead, reason: DoubtReason = "missing_row", detail: str = "") -> None:
    for key in keys:
        into.reads[key] = Read(None, None, None, None)
        into.doubts[key] = Doubt(reason=reason, detail=detail)
