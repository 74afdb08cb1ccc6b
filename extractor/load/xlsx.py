"""Spreadsheets (`.xlsx`, as sites export a report's tables to Excel): sheets to lines and tables.

Each sheet is read row by row (openpyxl, values only: formulas are never evaluated, their saved
results are read) and laid out as `_sheets` says. Numbers print as the sheet stores them (3.0 as
3). An old binary `.xls` (or WPS `.et`) is read by `xls.py`.
"""

from __future__ import annotations

from ..document import Document
from ..errors import InputError
from ._build import TextBuilder
from ._common import file_sha256
from ._package import check_package
from ._sheets import add_sheet, check_size


def load_xlsx(path: str) -> Document:
    """Read a workbook into a Document: each sheet's lines and tables, in sheet order."""
    check_package(path, main_part="xl/workbook.xml", kind="an Excel workbook", suffix=".xlsx",
                  not_zip="not a readable spreadsheet (neither .xlsx, .xls nor an HTML table)")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises several types for a damaged package
        raise InputError(path, f"not a readable .xlsx ({type(e).__name__}: {e})") from e
    tb = TextBuilder()
    n_table = 0
    try:
        for ws in wb.worksheets:
            check_size(path, ws.title, ws.max_row, ws.max_column)
            merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
            n_table = add_sheet(ws.title, ws.iter_rows(values_only=True), merges, ws.max_column, tb, n_table)
    finally:
        wb.close()
    if not tb.text.strip():
        raise InputError(path, "the workbook holds no text")
    return Document(path=path, text=tb.text, format="xlsx", sha256=file_sha256(path), tables=tb.tables)
