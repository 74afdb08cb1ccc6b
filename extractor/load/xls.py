"""Old binary workbooks (`.xls`, Excel 97–2003 BIFF, and WPS `.et` saved in that format) read with
xlrd (≥ 2, which reads only this format): stored values, never formulas run or macros looked
at; merged ranges become spans (a range's one value kept in another cell than its top-left is
the range's, `_lift_merged`), and each sheet is laid out as an .xlsx sheet is (`_sheets`)."""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..errors import InputError
from ._build import TextBuilder
from ._common import file_sha256
from ._sheets import add_sheet, check_size


def load_xls(path: str) -> Document:
    """Read a binary workbook into a Document: each sheet's lines and tables, in sheet order."""
    try:
        import xlrd
    except ImportError as e:  # a core dependency; an install without it says what is missing
        raise InputError(path, "reading an .xls workbook needs the xlrd package (pip install 'xlrd>=2.0.1')") from e
    try:
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    except Exception as e:  # xlrd raises XLRDError, CompDocError, struct/Index errors on damaged files
        raise InputError(path, f"not a readable Excel 97–2003 workbook (.xls/.et) ({type(e).__name__}: {e}); "
                               "save it as .xlsx or PDF") from e
    tb = TextBuilder()
    n_table = 0
    try:
        for k in range(book.nsheets):
            try:
                sh = book.sheet_by_index(k)
            except Exception as e:
                raise InputError(path, f"sheet {k + 1} of the .xls workbook cannot be read ({type(e).__name__}: {e})") from e
            check_size(path, sh.name, sh.nrows, sh.ncols)
            merges = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sh.merged_cells]  # xlrd: 0-based, ends excluded
            rows = [[_value(book, sh.cell(r, c)) for c in range(sh.row_len(r))] for r in range(sh.nrows)]
            n_table = add_sheet(sh.name, _lift_merged(rows, merges), merges, sh.ncols, tb, n_table)
            book.unload_sheet(k)
    finally:
        book.release_resources()
    if not tb.text.strip():
        raise InputError(path, "the workbook holds no text")
    return Document(path=path, text=tb.text, format="xls", sha256=file_sha256(path), tables=tb.tables)


def _lift_merged(rows: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> list[list[Any]]:
    """Each merged range whose top-left cell is empty while one other cell of the range holds a
    value (some exporters keep it there) given that value in its top-left cell, the one
    `_sheets` reads; a range with several values, or none, stays as Excel shows it: empty."""
    def at(r: int, c: int) -> Any:
        return rows[r - 1][c - 1] if r <= len(rows) and c <= len(rows[r - 1]) else None

    for r0, c0, r1, c1 in merges:
        if at(r0, c0) not in (None, "") or r0 > len(rows):
            continue
        values = [v for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (v := at(r, c)) not in (None, "")]
        if len(values) == 1:
            row = rows[r0 - 1]
            row.extend([None] * (c0 - len(row)))
            row[c0 - 1] = values[0]
    return rows


def _value(book: Any, cell: Any) -> Any:
    """A cell's stored value as Python: text, a float, a date, True/False; errors and blanks empty."""
    import xlrd

    t = cell.ctype
    if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if t == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if t == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):  # a date out of Excel's range: the stored number, as a sheet with no format shows it
            return cell.value
    return cell.value
