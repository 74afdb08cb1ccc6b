"""What a workbook's sheet becomes, whichever file holds it (.xlsx through openpyxl, .xls
through xlrd): runs of rows separated by blank rows are blocks; a block's leading rows that
hold one filled cell, merged across columns or not (a title, a heading), are lines of text, the
rest is one table whose merged ranges are its row and column spans."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from collections.abc import Callable, Collection, Iterable
from typing import Any

from ..document import SourceCell
from ..errors import InputError
from . import limits
from ._build import TextBuilder

#: a merged range as (first row, first column, last row, last column), 1-based as Excel counts
Merge = tuple[int, int, int, int]


def cell_text(v: Any) -> str:
    """A stored value as the sheet shows it: 3.0 as 3, 0.1 as 0.1 (not 0.1000000000000000055)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        d = Decimal(repr(v))
        return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    return str(v).strip()


def date_text(v: Any) -> str | None:
    """A date or time a table cell holds, as the Excel expression that makes it (`=DATE(2024,3,12)`,
    `=TIME(3,12,0)`); None for any other value. A count typed as `3-12` or `3/12` is stored as a
    date: the number is not in the file (the month, the day or the year would each be a guess), so
    the cell reads like a formula whose result the file does not hold, a doubt (`_formulas`), whose
    candidates are the month and the day (`layout.cellvalue`)."""
    if isinstance(v, _dt.datetime) and (v.hour, v.minute, v.second) == (0, 0, 0) or type(v) is _dt.date:
        return f"=DATE({v.year},{v.month},{v.day})"
    if isinstance(v, _dt.datetime):
        return f"=DATE({v.year},{v.month},{v.day})+TIME({v.hour},{v.minute},{v.second})"
    if isinstance(v, _dt.time):
        return f"=TIME({v.hour},{v.minute},{v.second})"
    return None


def check_size(path: str, title: str, n_rows: int, n_cols: int) -> None:
    if n_rows * n_cols > limits.MAX_TABLE_SLOTS:
        raise InputError(path, f"sheet {title!r} spans {n_rows} rows × {n_cols} columns, "
                               f"more than the {limits.MAX_TABLE_SLOTS} slots a table may have")


def add_sheet(title: str, rows: Iterable[Iterable[Any]], merges: Iterable[Merge], n_cols: int,
              tb: TextBuilder, n_table: int, hidden: Hidden = (frozenset(), frozenset())) -> int:
    """One sheet's blocks into `tb` (`rows`: each row's stored values, the first row first);
    returns the tables counted so far. `hidden` rows and columns (1-based) are left out as if
    they were not there (`_visible`): the sheet is read as Excel shows and prints it, so a
    hidden helper column or a hidden older row neither adds cells nor splits a table."""
    rows, merges, n_cols, origin = _visible(rows, merges, n_cols, hidden)
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # top-left (row, col) → (rows, cols)
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merges:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    lines: list[tuple[int, list[tuple[int, str]]]] = []
    dates: dict[tuple[int, int], str] = {}  # a table's date cells as their expression (`date_text`)
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row, 1):
            if (r, c) not in covered:
                cells.append((c, cell_text(v)))
                if isinstance(v, (_dt.date, _dt.time)):
                    dates[(r, c)] = date_text(v) or cell_text(v)
        lines.append((r, cells))
    block: list[tuple[int, list[tuple[int, str]]]] = []
    for r, cells in lines + [(0, [])]:
        if any(t for _, t in cells) or any((r, c) in covered for c in range(1, n_cols + 1)):
            block.append((r, cells))
            continue
        n_table = _block(block, spans, tb, n_table, title, origin, dates)
        block = []
    return n_table


#: a sheet's hidden rows and hidden columns, 1-based
Hidden = tuple[Collection[int], Collection[int]]
#: (row, column) as read → (row, column) in the sheet, 1-based
Origin = Callable[[int, int], tuple[int, int]]


def _same(r: int, c: int) -> tuple[int, int]:
    return r, c


def _visible(rows: Iterable[Iterable[Any]], merges: Iterable[Merge], n_cols: int,
             hidden: Hidden) -> tuple[Iterable[Iterable[Any]], list[Merge], int, Origin]:
    """The sheet without its hidden rows and columns, renumbered; merged ranges shrunk to their
    shown rows and columns (a range whose top-left cell is hidden, or with nothing shown, is
    dropped); and where each cell read lies in the sheet (for the cells' locators)."""
    hidden_rows, hidden_cols = hidden
    if not hidden_rows and not hidden_cols:
        return rows, list(merges), n_cols, _same
    shown_cols = [c for c in range(1, n_cols + 1) if c not in hidden_cols]
    shown_rows: list[int] = []
    kept: list[list[Any]] = []
    for r, row in enumerate(rows, 1):
        if r not in hidden_rows:
            values = list(row)
            shown_rows.append(r)
            kept.append([values[c - 1] if c <= len(values) else None for c in shown_cols])
    new_row = {r: k for k, r in enumerate(shown_rows, 1)}
    new_col = {c: k for k, c in enumerate(shown_cols, 1)}
    out: list[Merge] = []
    for r0, c0, r1, c1 in merges:
        if r0 not in new_row or c0 not in new_col:
            continue
        rs = [new_row[r] for r in range(r0, r1 + 1) if r in new_row]
        cs = [new_col[c] for c in range(c0, c1 + 1) if c in new_col]
        if len(rs) > 1 or len(cs) > 1:
            out.append((rs[0], cs[0], rs[-1], cs[-1]))

    def origin(r: int, c: int) -> tuple[int, int]:
        return shown_rows[r - 1], shown_cols[c - 1]

    return kept, out, len(shown_cols), origin


def _block(block: list[tuple[int, list[tuple[int, str]]]], spans: dict[tuple[int, int], tuple[int, int]],
           tb: TextBuilder, n_table: int, sheet: str, origin: Origin = _same,
           dates: dict[tuple[int, int], str] | None = None) -> int:
    """A block's leading one-cell rows as lines, the rest as one table (a date cell in the table
    as its expression, `date_text`; a date on a line of its own reads as the date)."""
    k = 0
    while k < len(block):
        r, cells = block[k]
        filled = [(c, t) for c, t in cells if t]
        if len(filled) == 1 and spans.get((r, filled[0][0]), (1, 1))[0] == 1:
            tb.add_line([filled[0][1]])
            k += 1
        else:
            break
    rest = block[k:]
    if not rest:
        return n_table
    top = rest[0][0]
    used = [c for _, cells in rest for c, t in cells if t]
    left, right = min(used, default=1), max(used, default=1)
    out: list[SourceCell] = []
    for r, cells in rest:
        for c, t in cells:
            if c < left or c > right:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            sheet_r, sheet_c = origin(r, c)
            if dates and (r, c) in dates:
                t = dates[(r, c)]
            out.append(SourceCell(row=r - top, col=c - left, text=t, rowspan=min(rs, rest[-1][0] - r + 1), colspan=cs,
                                  locator={"sheet": sheet, "row": sheet_r, "col": sheet_c}))
    tb.add_table(out)
    return n_table + 1
