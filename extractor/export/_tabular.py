"""CSV and Parquet writers for a list of typed columns.

CSV is UTF-8 with a BOM (Excel shows Chinese), integers without `.0`, empty for null. Text from a
report (file names, organ names, printed cells, rule messages) that Excel would run as a formula
(starting with =, +, -, @, tab or CR) is written with a leading apostrophe, unless it is a plain
number ("+5", "-3") or a blank mark ("-"). Parquet keeps the types (int64 columns read back as
pandas' nullable Int64) and needs the `parquet` extra (pyarrow).
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any, Iterable, Sequence

from ..cellstate import BLANK_MARKS
from ..errors import ExportError
from .columns import Column

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def safe_text(value: str) -> str:
    """Text Excel will show as text: a would-be formula gets a leading apostrophe."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value) and value.strip() not in BLANK_MARKS:
        return "'" + value
    return value


def write_csv(path: str, columns: Sequence[Column], rows: Iterable[dict[str, Any]], header: Sequence[str]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([safe_text(h) for h in header])
        for row in rows:
            w.writerow([_csv_cell(row.get(c.name)) for c in columns])
            n += 1
    return n


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    return value


_ARROW = {"int": "int64", "float": "float64", "str": "string"}
_PANDAS = {"int": ("int64", "Int64"), "float": ("float64", "Float64"), "str": ("unicode", "object")}


def pyarrow_modules() -> tuple[Any, Any]:
    """(pyarrow, pyarrow.parquet), or an `ExportError` naming the extra to install."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ExportError(
            "Parquet export needs pyarrow: pip install 'xxgk-extractor[parquet]' (or choose --format csv or xlsx)"
        ) from exc
    return pyarrow, pyarrow.parquet


def write_parquet(path: str, columns: Sequence[Column], rows: Iterable[dict[str, Any]], header: Sequence[str]) -> int:
    """A typed Parquet file; pandas metadata makes columns read back as nullable Int64 and Float64 (no int turned float)."""
    pa, pq = pyarrow_modules()
    data: dict[str, list[Any]] = {h: [] for h in header}
    for row in rows:
        for c, h in zip(columns, header):
            data[h].append(row.get(c.name))
    meta = {
        "index_columns": [], "column_indexes": [], "creator": {"library": "xxgk-extractor"},
        "pandas_version": "2.0.0",
        "columns": [{"name": h, "field_name": h, "pandas_type": _PANDAS[c.kind][0], "numpy_type": _PANDAS[c.kind][1],
                     "metadata": None} for c, h in zip(columns, header)],
    }
    schema = pa.schema([pa.field(h, getattr(pa, _ARROW[c.kind])()) for c, h in zip(columns, header)])
    schema = schema.with_metadata({b"pandas": json.dumps(meta, ensure_ascii=False).encode("utf-8")})
    table = pa.Table.from_pydict(data, schema=schema)
    pq.write_table(table, path)
    return table.num_rows


__all__ = ["pyarrow_modules", "safe_text", "write_csv", "write_parquet"]
