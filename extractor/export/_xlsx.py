"""XLSX sheets for typed columns: frozen header row, autofilter, number formats, text kept as text.

Every string is written as a string cell (openpyxl would otherwise store text starting with "="
as a formula), so a file name or a printed cell can never run in Excel.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from ..errors import ExportError
from .columns import Column

MAX_ROWS = 1_048_576  # Excel's limit, header included
NUMBER_FORMATS = {"int": "0", "float": "0.00##"}
_WIDTHS = {"doc": 30, "path": 30, "organ": 24, "organ_normalised": 24, "row": 30, "column": 18, "message": 60}


def add_sheet(wb: Any, title: str, columns: Sequence[Column], rows: Iterable[dict[str, Any]],
              header: Sequence[str]) -> int:
    """Append one sheet to a write-only workbook; returns the rows written (refused, before anything
    is written, when Excel could not open them)."""
    rows = list(rows)
    if len(rows) + 1 > MAX_ROWS:
        raise ExportError(f"sheet {title!r} would have {len(rows)} rows, more than Excel's {MAX_ROWS - 1}; "
                          "export as --format csv or parquet")
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, c in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(c.name, 12)
    ws.append([_text(ws, h) for h in header])
    for row in rows:
        ws.append([_cell(ws, row.get(c.name), c) for c in columns])
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{len(rows) + 1}"
    return len(rows)


def _text(ws: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _cell(ws: Any, value: Any, col: Column) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return _text(ws, value)
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = NUMBER_FORMATS.get(col.kind, "General")
    return cell


__all__ = ["MAX_ROWS", "add_sheet"]
