"""Cells → cell values: rows found by their labels, numbers assigned to the row's columns.

A table is read into a `TableRead`: a value, what was printed and where, for every cell it
could settle, and a `Doubt` for every cell it could not (missing row, cells that do not fit
the row, a run of digits that splits more than one way). Digit runs are split with the
table's identities; rows of 表三 that still split several ways are settled, where possible,
by the column identities of the whole table (`settle_requests`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Sequence

from ... import catalogue
from ...document import LOW_CONFIDENCE
from ..base import Doubt
from ._cells import Cell, digits_of, parse_number
from ._split import Check, group_total_check, row_total_check, splits
from .labels import OTHER_PARENT, PARENT, RowPatterns, table4_keys

#: most combinations of ambiguous 表三 rows tried against the column identities
MAX_COMBINATIONS = 20000


# not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building the ~170 reads of a report 4× slower; reads are never changed after creation
@dataclass(slots=True)
class Read:
    """One cell's value with what was printed (None when plain) and where."""

    value: Any
    printed: str | None
    start: int | None
    end: int | None
    locator: dict[str, Any] | None = None


@dataclass
class TableRead:
    """What was read of one table: settled cells, doubts, and rows still to settle."""

    reads: dict[str, Read] = field(default_factory=dict)
    doubts: dict[str, Doubt] = field(default_factory=dict)
    #: rows of 表三 with several candidate splits: row → list of options (one Read per column)
    options: dict[str, list[list[Read]]] = field(default_factory=dict)
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
        return _zero(key), text, Doubt(reason="unreadable", detail=f"not a number: {text!r}")
    value, problem = _value(key, num.value)
    if problem:
        return _zero(key), text, Doubt(reason="unreadable", detail=f"{problem}: printed {text!r}")
    return value, (None if num.plain else text.strip()), None


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
            if prior is None:
                rows[current.row] = current
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
                many = patterns.match_all(joined) if len(phrase) > 1 else ()
                current = RowCells(row, phrase[-1], block=many if len(many) > 1 else ())
            elif current is None or current.cells or row == PARENT:
                close()
            phrase = []
        if current is not None:
            current.cells.append(cell)
    close()
    return rows, dupes


def _edges(cells: list[Cell]) -> list[Cell]:
    """Drop blanks at both ends unless they are certainly cells (one per line, HTML)."""
    a, b = 0, len(cells)
    while b > a and cells[b - 1].kind == "blank" and not cells[b - 1].firm:
        b -= 1
    while a < b and cells[a].kind == "blank" and not cells[a].firm:
        a += 1
    return cells[a:b]


_UNIT = re.compile(r"\s*(万元|元)$")


def _run(cells: list[Cell]) -> tuple[str, list[int], str] | None:
    """The digits of a row's number cells run together, each character's offset, and a final unit."""
    chars: list[str] = []
    offsets: list[int] = []
    unit = ""
    for j, c in enumerate(cells):
        if c.kind != "num":
            if c.firm and c.text:
                return None
            continue
        t = digits_of(c.text)
        m = _UNIT.search(t)
        if m:
            if j != len(cells) - 1:
                return None
            unit, t = m.group(1), t[: m.start()]
        for i, ch in enumerate(t):
            if ch.isdigit() or ch == ".":
                chars.append(ch)
                offsets.append(c.start + i)
            elif ch in " ,":
                continue
            else:
                return None  # a sign: not a plain run of digits
    return ("".join(chars), offsets, unit) if chars else None


def _split_reads(keys: Sequence[str], run: tuple[str, list[int], str], check: Check | None) -> list[list[Read]]:
    digits, offsets, unit = run
    dec = [k in _DECIMAL for k in keys]
    out: list[list[Read]] = []
    for parts in splits(digits, len(keys), decimal=dec, check=check):
        reads: list[Read] = []
        pos = 0
        ok = True
        for key, p in zip(keys, parts):
            value, _, problem = _interpret(key, p)  # cached: the same short parts recur
            if problem:
                ok = False
                break
            last = key == keys[-1]
            reads.append(Read(value, p + unit if last and unit else None, offsets[pos],
                              offsets[pos + len(p) - 1] + 1 + (len(unit) if last else 0)))
            pos += len(p)
        if ok:
            out.append(reads)
    return out


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


def resolve(keys: Sequence[str], cells: list[Cell], *, glued: bool, check: Check | None,
            into: TableRead, row: str, cols: list[float] | None = None, flush: bool = False) -> None:
    """Assign a row's cells to its keys, or record why they cannot be assigned.

    `flush`: the table's full rows start right after their label (no spacer column), so a
    blank just after a label is a cell.
    """
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
    run = _run(core) if glued and len(core) < n else None
    options = _split_reads(keys, run, check) if run else []
    if len(options) == 1:
        for key, read in zip(keys, options[0]):
            into.reads[key] = read
        return
    if options:
        into.options[row] = options
        return
    detail = f"{len(core)} cells for {n} columns: " + " | ".join(c.text or "·" for c in core)[:200]
    span = (core[0].start, core[-1].end) if core else (None, None)
    for key in keys:
        into.reads[key] = Read(_zero(key), None, *span)
        into.doubts[key] = Doubt(reason="cells_do_not_fit" if core else "missing_row", detail=detail)


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
    both close it are no reading at all.
    """
    n = len(keys)
    nums = [c for c in core if c.kind == "num"]
    found: list[list[Cell]] = []
    left = cells[:n]
    in_left = {id(c) for c in left}
    # without an identity to confirm it, a leading blank could be a spacer column: only
    # rows that start with their first number are read left-aligned
    if len(left) == n and all(c.line == left[0].line for c in left) and all(id(c) in in_left for c in nums) \
            and (check is not None or left[0].kind == "num" or flush):
        found.append(left)
    lead = cells[: cells.index(core[0])]
    right = (lead + core)[-n:]
    if check is not None and len(right) == n and right not in found:
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
        into.reads[key] = Read(_zero(key), None, None, None)
        into.doubts[key] = Doubt(reason=reason, detail=detail)


# ---------------------------------------------------------------- tables


def read_rows(cells: Sequence[Cell], patterns: RowPatterns, *, template: str, table: str, glued: bool) -> TableRead:
    """Read 表二 or 表三 from its cells."""
    out = TableRead()
    blocks: list[RowCells] = []
    rows, dupes = collect_rows(cells, patterns, blocks)
    out.found = bool(rows)
    if not rows:
        return out
    for block in blocks:
        _unfold(block, rows, patterns, table, out)
    widths = {len(k) for k in patterns.columns.values()}
    flush = _flush(rows.values(), patterns)
    cols = {n: anchors([rc.cells for rc in rows.values()], n) for n in widths}
    for row, keys in patterns.columns.items():
        check = row_total_check(len(keys)) if table == "requests" else None
        rc = rows.get(row)
        if rc is None:
            continue
        resolve(keys, rc.cells, glued=glued, check=check, into=out, row=row, cols=cols[len(keys)], flush=flush)
        if row in dupes:
            for k in keys:
                out.doubts[k] = Doubt(reason="duplicate_row", detail="row printed twice with different numbers")
    # 2021 reports that print one （六）其他处理 row instead of its three sub-rows
    others = ("other_no_correction", "other_unpaid_fee", "other_misc")
    if table == "requests" and template == "2021" and not any(r in rows for r in others) and OTHER_PARENT in rows:
        parent = TableRead()
        keys = patterns.columns["other_misc"]
        resolve(keys, rows[OTHER_PARENT].cells, glued=glued, check=row_total_check(7), into=parent, row="other_misc")
        zero = not parent.doubts and not parent.options and all(parent.reads[k].value == 0 for k in keys)
        for r in others:
            for k, pk in zip(patterns.columns[r], keys):
                pr = parent.reads.get(pk)
                out.reads[k] = Read(0, pr.printed if pr else None, pr.start if pr else None, pr.end if pr else None,
                                    pr.locator if pr else None)
                if not zero:
                    out.doubts[k] = Doubt(reason="merged_row", detail="（六）其他处理 printed as one row, not three"
                                          + (f"; the row prints {pr.value} here" if pr else ""))
    for row, keys in patterns.columns.items():
        if keys[0] not in out.reads and row not in out.options:
            missing(keys, out, detail=f"row {catalogue.field(keys[0]).row} not found")
    return out


def _unfold(block: RowCells, rows: dict[str, RowCells], patterns: RowPatterns, table: str, out: TableRead) -> None:
    """Rows whose labels came first and numbers after them all: find each row's cells.

    pdfminer reads a table column by column (and may put 总计 before 其他). Readings tried:
    column by column, the same with the last two columns swapped, and row by row. In 表三
    only those under which every row's total closes count; in 表二 (no identities) the
    column-by-column reading is taken, and rows where another reading differs are doubts.
    """
    names = [r for r in block.block if r in patterns.columns or r == OTHER_PARENT]
    width = {len(patterns.columns.get(r, patterns.columns.get("other_misc", ()))) for r in names}
    values = [c for c in block.cells if c.kind == "num" or (c.kind == "blank" and c.firm)]
    if len(names) < 2 or len(width) != 1:
        return
    n = width.pop()
    k = len(names)
    if len(values) != k * n:
        return
    by_col = [[values[j * k + i] for j in range(n)] for i in range(k)]
    readings = [by_col, [r[:-2] + [r[-1], r[-2]] for r in by_col] if n == 7 else by_col,
                [values[i * n:(i + 1) * n] for i in range(k)]]
    if table == "requests":
        check = row_total_check(n)
        keys = patterns.columns["new"]
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
            if [c.text for c in by_col[i]] != [c.text for c in readings[2][i]]:
                for key in patterns.columns.get(name, ()):
                    out.doubts[key] = Doubt(reason="cells_do_not_fit",
                                            detail="labels printed before all their numbers: read column by column")
    for name, cells in zip(names, chosen):
        rows[name] = RowCells(name, block.label, list(cells))


def read_appeals(cells: Sequence[Cell], *, glued: bool) -> TableRead:
    """Read 表四: the 15 numbers after its header words."""
    out = TableRead()
    keys = table4_keys()
    first = next((i for i, c in enumerate(cells) if c.kind == "num"), None)
    if first is None:
        # a 表四 printed all blank: the blanks after its last header word
        last = max((i for i, c in enumerate(cells) if c.kind == "text"), default=-1)
        tail = list(cells[last + 1:])
        if len(tail) >= len(keys) or any(c.fill for c in tail):
            out.found = True
            resolve(keys, tail, glued=glued, check=group_total_check(), into=out, row="appeals")
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
    data = exact[-1] if exact else max(runs, key=lambda r: sum(len(c.text) for c in r if c.kind == "num"))
    out.found = True
    resolve(keys, data, glued=glued, check=group_total_check(), into=out, row="appeals")
    if "appeals" in out.options:
        _ambiguous(keys, out.options.pop("appeals"), out)
    return out


def _ambiguous(keys: Sequence[str], options: list[list[Read]], out: TableRead) -> None:
    """Several splits survive: the first goes in the record, every key they disagree on is a doubt."""
    for i, key in enumerate(keys):
        values = []
        for opt in options:
            if opt[i].value not in values:
                values.append(opt[i].value)
        out.reads[key] = options[0][i]
        if len(values) > 1:
            out.doubts[key] = Doubt(reason="ambiguous_split", candidates=[_json(v) for v in values],
                                    detail=f"{len(options)} splits of the run fit the table")


def _json(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


def settle_table2(out: TableRead, columns: dict[str, tuple[str, ...]]) -> None:
    """表二 has no identities: a run that splits several ways stays ambiguous."""
    for row, options in list(out.options.items()):
        _ambiguous(columns[row], options, out)
        del out.options[row]


def settle_requests(out: TableRead, template: str) -> None:
    """Choose among the candidate splits of 表三's rows with the column identities.

    Only combinations under which every column balances (一 + 二 = 七 + 四) and every
    outcome column sums to （七）总计 survive; when none does (the printed table itself is
    wrong), every candidate stays. Cells on which the survivors disagree are doubts.
    """
    if not out.options:
        return
    cols = catalogue.APPLICANT_COLUMNS
    rows = list(out.options)
    combos = list(itertools.islice(itertools.product(*(out.options[r] for r in rows)), MAX_COMBINATIONS))
    outcome = catalogue.outcome_rows(template)  # type: ignore[arg-type]

    def value(row: str, ci: int, combo) -> Any:
        if row in out.options:
            return combo[rows.index(row)][ci].value
        r = out.reads.get(f"requests.{row}.{cols[ci]}")
        return None if r is None else r.value

    def fits(combo) -> bool:
        for ci in range(len(cols)):
            new, old, done, fwd = (value(r, ci, combo) for r in ("new", "carried_over", "total", "carried_forward"))
            if None not in (new, old, done, fwd) and new + old != done + fwd:
                return False
            parts = [value(r, ci, combo) for r in outcome]
            if done is not None and None not in parts and sum(parts) != done:
                return False
        return True

    good = [c for c in combos if fits(c)] or combos
    for i, row in enumerate(rows):
        keys = [f"requests.{row}.{c}" for c in cols]
        opts: list[list[Read]] = []
        for c in good:
            if c[i] not in opts:
                opts.append(c[i])
        _ambiguous(keys, opts, out)
    out.options.clear()
