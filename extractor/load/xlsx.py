"""Spreadsheets (`.xlsx`, as sites export a report's tables to Excel): sheets to lines and tables.

Each sheet is read row by row (openpyxl, values only: formulas are never evaluated, their saved
results are read; a formula saved without a result reads as its formula text, a doubt, see
`_formulas`) and laid out as `_sheets` says. What Excel neither shows nor prints is not read:
hidden sheets, hidden rows and hidden columns (`_hidden`). Numbers print as the sheet stores them (3.0 as
3). An old binary `.xls` (or WPS `.et`) is read by `xls.py`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document
from ..errors import InputError
from ._build import TextBuilder
from ._common import file_sha256
from ._package import check_package
from ._formulas import unresolved_formulas
from ._sheets import Hidden, add_sheet, check_size


def load_xlsx(path: str) -> Document:
    """Read a workbook into a Document: each sheet's lines and tables, in sheet order."""
    check_package(path, main_part="xl/workbook.xml", kind="an Excel workbook", suffix=".xlsx",
                  not_zip="not a readable spreadsheet (neither .xlsx, .xls nor an HTML table)")
    import openpyxl

    try:
        # opened as a file: openpyxl refuses a workbook by its name's suffix (an .xlsx that a site
        # or a zip names .xls or .et is still the same package)
        with open(path, "rb") as f:
            wb = openpyxl.load_workbook(f, data_only=True)
    except Exception as e:  # openpyxl raises several types for a damaged package
        raise InputError(path, f"not a readable .xlsx ({type(e).__name__}: {e})") from e
    try:
        unresolved = unresolved_formulas(path)
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as e:
        raise InputError(path, f"not a readable .xlsx ({type(e).__name__}: {e})") from e
    tb = TextBuilder()
    n_table = 0
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue  # a hidden sheet is neither shown nor printed (`_sheets` hides the same way)
            check_size(path, ws.title, ws.max_row, ws.max_column)
            merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
            rows = _with_formulas(ws.iter_rows(values_only=True), unresolved.get(ws.title, {}))
            n_table = add_sheet(ws.title, rows, merges, ws.max_column, tb, n_table, hidden=_hidden(ws))
    finally:
        wb.close()
    if not tb.text.strip():
        raise InputError(path, "the workbook holds no text")
    return Document(path=path, text=tb.text, format="xlsx", sha256=file_sha256(path), tables=tb.tables)


def _with_formulas(rows: Iterable[tuple[Any, ...]], unresolved: dict[tuple[int, int], str]) -> Iterator[tuple[Any, ...]]:
    """A sheet's rows with each formula cell that holds no result to read given its formula's
    text (`_formulas`): openpyxl reads such a cell as empty (or as a placeholder 0)."""
    for r, row in enumerate(rows, 1):
        if unresolved and any((r, c) in unresolved for c in range(1, len(row) + 1)):
            row = tuple(unresolved.get((r, c), v) for c, v in enumerate(row, 1))
        yield row


def _hidden(ws: Any) -> Hidden:
    """A sheet's hidden rows and columns (1-based), as Excel's row and column properties say
    (hidden, or folded away in an outline): Excel shows and prints the sheet without them."""
    rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
    cols: set[int] = set()
    for d in ws.column_dimensions.values():
        if d.hidden and d.min is not None and d.max is not None:
            cols.update(range(d.min, min(d.max, ws.max_column) + 1))
    return rows, cols
