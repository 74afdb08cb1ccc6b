"""Spreadsheets (`.xlsx`, as sites export a report's tables to Excel): sheets to lines and tables.

Each sheet is read row by row (openpyxl, values only: formulas are never evaluated, their saved
results are read). Runs of rows separated by blank rows are blocks; a block's leading rows that
hold one filled cell, merged across columns or not (a title, a heading), are lines of text, the rest is one table whose merged
ranges are its row and column spans. Numbers print as the sheet stores them (3.0 as 3). An old
binary `.xls` (or WPS `.et`) cannot be read and says so, naming what to do.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from ..document import Document, SourceCell
from ..errors import InputError
from . import limits
from ._build import TextBuilder
from ._common import file_sha256
from ._package import check_package


def load_xlsx(path: str) -> Document:
    """Read a workbook into a Document: each sheet's lines and tables, in sheet order."""
    _check_package(path)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises several types for a damaged package
        raise InputError(path, f"not a readable .xlsx ({type(e).__name__}: {e})") from e
    tb = TextBuilder()
    n_table = 0
    try:
        for ws in wb.worksheets:
            if ws.max_row * ws.max_column > limits.MAX_TABLE_SLOTS:
                raise InputError(path, f"sheet {ws.title!r} spans {ws.max_row} rows × {ws.max_column} columns, "
                                       f"more than the {limits.MAX_TABLE_SLOTS} slots a table may have")
            n_table = _sheet(ws, tb, n_table)
    finally:
        wb.close()
    if not tb.text.strip():
        raise InputError(path, "the workbook holds no text")
    return Document(path=path, text=tb.text, format="xlsx", sha256=file_sha256(path), tables=tb.tables)


def _check_package(path: str) -> None:
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "old binary Excel/WPS workbook (.xls/.et) cannot be read; save it as .xlsx "
                               "(or `libreoffice --headless --convert-to xlsx FILE`)")
    check_package(path, main_part="xl/workbook.xml", kind="an Excel workbook", suffix=".xlsx",
                  not_zip="not a readable spreadsheet (neither .xlsx nor an HTML table)")


def _text(v: Any) -> str:
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


def _sheet(ws: Any, tb: TextBuilder, n_table: int) -> int:
    """One sheet's blocks into `tb`; returns the tables counted so far."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # top-left (row, col) → (rows, cols)
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered.update((r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)
                       if (r, c) != (rng.min_row, rng.min_col))
    rows: list[tuple[int, list[tuple[int, str]]]] = []
    for r, row in enumerate(ws.iter_rows(values_only=True), 1):
        cells = [(c, _text(v)) for c, v in enumerate(row, 1) if (r, c) not in covered]
        rows.append((r, cells))
    block: list[tuple[int, list[tuple[int, str]]]] = []
    for r, cells in rows + [(0, [])]:
        if any(t for _, t in cells) or any((r, c) in covered for c in range(1, ws.max_column + 1)):
            block.append((r, cells))
            continue
        n_table = _block(block, spans, tb, n_table, ws.title)
        block = []
    return n_table


def _block(block: list[tuple[int, list[tuple[int, str]]]], spans: dict[tuple[int, int], tuple[int, int]],
           tb: TextBuilder, n_table: int, sheet: str) -> int:
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
            out.append(SourceCell(row=r - top, col=c - left, text=t, rowspan=min(rs, rest[-1][0] - r + 1), colspan=cs,
                                  locator={"sheet": sheet, "row": r, "col": c}))
    tb.add_table(out)
    return n_table + 1
