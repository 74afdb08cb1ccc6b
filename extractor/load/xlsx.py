"""Spreadsheets (`.xlsx`, as sites export a report's tables to Excel): sheets to lines and tables.

Each sheet is read row by row (openpyxl, values only: formulas are never evaluated, their saved
results are read; a formula saved without a result reads as its formula text, a doubt, see
`_formulas`) and laid out as `_sheets` says. What Excel neither shows nor prints is not read:
hidden sheets, hidden rows and hidden columns (`_hidden`). Numbers print as the sheet stores them (3.0 as
3). A sheet is read over the cells it uses (`_used`: empty cells that only carry a style do not
count); a merged range whose one value sits in a cell other than its top-left takes that value
(`_merged_values`); a title only in the document properties is the first line
(`_properties_title`). An old binary `.xls` (or WPS `.et`) is read by `xls.py`.
"""

from __future__ import annotations

import re
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
        shown = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]  # a hidden sheet is neither shown nor printed
        title = _properties_title(wb, shown)
        if title:
            tb.add_line([title])
        lifted = _merged_values(path, shown)
        for ws in shown:
            n_rows, n_cols = _used(ws)
            check_size(path, ws.title, n_rows, n_cols)
            merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
            rows = ws.iter_rows(max_row=n_rows, max_col=n_cols, values_only=True) if n_rows and n_cols else iter(())
            rows = _with_formulas(rows, {**lifted.get(ws.title, {}), **unresolved.get(ws.title, {})})
            n_table = add_sheet(ws.title, rows, merges, n_cols, tb, n_table, hidden=_hidden(ws, n_cols))
    finally:
        wb.close()
    if not tb.text.strip():
        raise InputError(path, "the workbook holds no text")
    return Document(path=path, text=tb.text, format="xlsx", sha256=file_sha256(path), tables=tb.tables)


def _with_formulas(rows: Iterable[tuple[Any, ...]], unresolved: dict[tuple[int, int], Any]) -> Iterator[tuple[Any, ...]]:
    """A sheet's rows with each formula cell that holds no result to read given its formula's
    text (`_formulas`): openpyxl reads such a cell as empty (or as a placeholder 0); and each
    merged range's value put in its top-left cell (`_merged_values`)."""
    for r, row in enumerate(rows, 1):
        if unresolved and any((r, c) in unresolved for c in range(1, len(row) + 1)):
            row = tuple(unresolved.get((r, c), v) for c, v in enumerate(row, 1))
        yield row


def _used(ws: Any) -> tuple[int, int]:
    """The rows and columns a sheet uses: up to its last cell holding a value or its last merged
    range. Excel's own extent (`max_row`, `max_column`) also counts empty cells that only carry a
    style (a border or fill given to whole columns or rows): thousands of them would make a sheet
    too big to read and slow, and they show nothing."""
    n_rows = n_cols = 0
    for (r, c), cell in ws._cells.items():  # openpyxl's stored cells: no cell is created by looking
        if cell.value is not None and cell.value != "":
            n_rows, n_cols = max(n_rows, r), max(n_cols, c)
    for m in ws.merged_cells.ranges:
        n_rows, n_cols = max(n_rows, m.max_row), max(n_cols, m.max_col)
    return n_rows, n_cols


#: a workbook title that names a report (document properties, core.xml's title)
_REPORT_TITLE = re.compile(r"政府信息公开.{0,12}年度?报告")


def _properties_title(wb: Any, sheets: list[Any]) -> str:
    """The workbook's title from its document properties (File → Properties, `docProps/core.xml`)
    when it names a report and no shown cell does: the title a workbook holding only the tables
    carries (what WPS and Excel print in the window's title bar). A cell naming the report wins."""
    title = " ".join(str(getattr(wb.properties, "title", None) or "").split())
    if not _REPORT_TITLE.search(title):
        return ""
    for ws in sheets:
        for cell in ws._cells.values():
            if isinstance(cell.value, str) and _REPORT_TITLE.search(cell.value):
                return ""
    return title


def _merged_values(path: str, sheets: list[Any]) -> dict[str, dict[tuple[int, int], Any]]:
    """Per sheet, the value of each merged range whose top-left cell is empty while one other cell
    of the range holds a value (LibreOffice and some exporters keep it there): (top row, left
    column) → that value. openpyxl empties every cell of a range but the top-left one, so the
    file is read again (read-only, values as stored) for these ranges only. A range with several
    values, or none, stays as Excel shows it: empty."""
    wanted = {ws.title: [m for m in ws.merged_cells.ranges if ws.cell(m.min_row, m.min_col).value in (None, "")]
              for ws in sheets}
    wanted = {k: v for k, v in wanted.items() if v}
    if not wanted:
        return {}
    import openpyxl

    out: dict[str, dict[tuple[int, int], Any]] = {}
    with open(path, "rb") as f:
        wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
        try:
            for title, ranges in wanted.items():
                ws = wb[title]
                for m in ranges:
                    values = [v for row in ws.iter_rows(min_row=m.min_row, max_row=m.max_row, min_col=m.min_col,
                                                        max_col=m.max_col, values_only=True)
                              for v in row if v is not None and v != ""]
                    if len(values) == 1:
                        out.setdefault(title, {})[(m.min_row, m.min_col)] = values[0]
        finally:
            wb.close()
    return out


def _hidden(ws: Any, n_cols: int) -> Hidden:
    """A sheet's hidden rows and columns (1-based), as Excel's row and column properties say
    (hidden, or folded away in an outline): Excel shows and prints the sheet without them."""
    rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
    cols: set[int] = set()
    for d in ws.column_dimensions.values():
        if d.hidden and d.min is not None and d.max is not None:
            cols.update(range(d.min, min(d.max, n_cols) + 1))
    return rows, cols
