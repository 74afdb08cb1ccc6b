"""The wide layout: one row per report, meta columns then every cell column (`columns.cell_columns`).

A second table of the same shape holds each cell's state (the xlsx `states` sheet,
`FILE.states.csv`, `FILE.states.parquet`), so a 0 read from a blank and a 0 read from a printed
"0" can be told apart.
"""

from __future__ import annotations

from typing import Any

from .columns import (
    DOC, DUPLICATE_OF, FINAL_STATUS, ORGAN, ORGAN_NORMALISED, PATH, YEAR, Column, cell_columns, cell_value, number,
)
from .reports import Report

META: tuple[Column, ...] = (
    DOC, PATH,
    Column("sha256", "SHA-256", "str"),
    ORGAN, ORGAN_NORMALISED, YEAR,
    Column("template", "格式", "str"),
    Column("status", "提取状态", "str"),
    FINAL_STATUS,
    Column("engine", "引擎", "str"),
    Column("reviewed", "审核结论", "str"),
    Column("violations", "违规条数", "int"),
    DUPLICATE_OF,
)
META_COLUMNS = tuple(c.name for c in META)


def columns() -> list[Column]:
    """Every column of the wide table, in order."""
    return [*META, *(Column(c.name, c.zh, c.kind) for c in cell_columns())]


def _meta(r: Report) -> dict[str, Any]:
    return {"doc": r.doc, "path": r.path, "sha256": r.sha256, "organ": r.organ,
            "organ_normalised": r.organ_normalised, "year": r.year, "template": r.template, "status": r.status,
            "final_status": r.final_status, "engine": r.engine, "reviewed": r.reviewed or None,
            "violations": len(r.violations), "duplicate_of": " | ".join(r.duplicate_of) or None}


def row(r: Report) -> dict[str, Any]:
    """One report's values (cells of the other format, and a failed report's cells, are None)."""
    out = _meta(r)
    for col in cell_columns():
        out[col.name] = number(cell_value(r, col)[0], col.kind) if r.template in col.templates else None
    return out


def state_row(r: Report) -> dict[str, Any]:
    """One report's cell states (None where the report's format has no such cell)."""
    out = _meta(r)
    for col in cell_columns():
        out[col.name] = cell_value(r, col)[1] if r.template in col.templates else None
    return out


def state_columns() -> list[Column]:
    return [*META, *(Column(c.name, c.zh, "str") for c in cell_columns())]


__all__ = ["META", "META_COLUMNS", "columns", "row", "state_columns", "state_row"]
