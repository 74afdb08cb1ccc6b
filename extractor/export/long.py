"""The long layout: one row per report × cell, with the cell's Chinese labels, printed text and state.

Only the cells of the report's own format are listed (a 2019 report has no 2021-only rows);
a failed report has no cells and so no rows here (it is in the wide layout and in jsonl).
`value` is one number column for counts and amounts alike (float in Parquet; counts are whole and
written without `.0` in CSV). `printed` is the text as printed when it was not a plain number (a
mark, a sign, a unit); null otherwise, and for a cell printed empty (its state says `blank`).
"""

from __future__ import annotations

from typing import Any, Iterator

from .columns import (
    DOC, DUPLICATE_OF, FINAL_STATUS, ORGAN, ORGAN_NORMALISED, PATH, YEAR, Column, cell_value, number, template_columns,
)
from .reports import Report

COLUMNS: tuple[Column, ...] = (
    DOC, PATH, ORGAN, ORGAN_NORMALISED, YEAR,
    Column("format", "格式", "str"),
    Column("table", "表", "str"),
    Column("row", "行", "str"),
    Column("column", "列", "str"),
    Column("key", "键", "str"),
    Column("value", "数值", "float"),
    Column("printed", "原文", "str"),
    Column("unit", "单位", "str"),
    Column("state", "状态", "str"),
    Column("failed_rules", "未通过的规则", "str"),
    FINAL_STATUS, DUPLICATE_OF,
)


def rows(reports: list[Report]) -> Iterator[dict[str, Any]]:
    """Every cell of every report, table by table (the wide layout's column order)."""
    for r in reports:
        base = {"doc": r.doc, "path": r.path, "organ": r.organ, "organ_normalised": r.organ_normalised,
                "year": r.year, "format": r.template, "final_status": r.final_status,
                "duplicate_of": " | ".join(r.duplicate_of) or None}
        failed = r.failed_rules
        for col in template_columns(r.template):
            value, state = cell_value(r, col)
            yield {**base, "table": col.table, "row": col.row, "column": col.column, "key": col.name,
                   "value": number(value, col.kind), "printed": r.printed.get(col.key) or None, "unit": col.unit,
                   "state": state, "failed_rules": " ".join(failed.get(col.key, ())) or None}


__all__ = ["COLUMNS", "rows"]
