"""The store as tables a researcher loads in pandas or Excel (see docs/data.md).

    export(store, "results.xlsx", fmt="xlsx")                    # wide: sheets reports, states, violations, cells
    export(store, "cells.parquet", fmt="parquet", layout="long") # one row per report × cell
    export(store, "results.csv", fmt="csv", labels="zh", dedupe=True)
    export(store, "results.jsonl", fmt="jsonl")                  # extract's lines, review applied

Rows are the current record of every document (failed ones too in wide and jsonl). A report a
reviewer resolved carries the decided values; `final_status` says verified, corrected,
confirmed-as-printed, open or failed. Each cell's state (`extractor.cellstate`) goes with it.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Sequence

from .. import organs
from ..errors import ExportError
from . import jsonl, long, wide
from ._tabular import pyarrow_modules, write_csv, write_parquet
from .columns import DOC, FINAL_STATUS, ORGAN, ORGAN_NORMALISED, PATH, YEAR, Column, cell_columns
from .reports import FINAL_STATUSES, Report, collect, final_status
from .reports import dedupe as one_per_body_year

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
LAYOUTS = ("wide", "long")
LABELS = ("en", "zh")
META_COLUMNS = wide.META_COLUMNS
VIOLATIONS: tuple[Column, ...] = (
    DOC, ORGAN, YEAR,
    Column("template", "格式", "str"), Column("rule", "规则", "str"), Column("severity", "级别", "str"),
    Column("keys", "单元格", "str"), Column("expected", "应为", "str"), Column("found", "实为", "str"),
    Column("message", "说明", "str"), PATH, ORGAN_NORMALISED, FINAL_STATUS,
)
VIOLATION_COLUMNS = tuple(c.name for c in VIOLATIONS)
CATALOGUE: tuple[Column, ...] = (
    Column("key", "键", "str"), Column("section", "表", "str"), Column("row", "行", "str"),
    Column("column", "列", "str"), Column("templates", "格式", "str"), Column("unit", "单位", "str"),
)


def export(
    store: Any, out: str, *, fmt: str, layout: str = "wide", labels: str = "en", dedupe: bool = False,
    aliases: Mapping[str, str] | str | None = None,
) -> tuple[int, int]:
    """Write the export (and its side files); returns (reports, violations) written.

    `aliases`: an organ alias table, or the path of an alias file (`extractor.organs`)."""
    for value, allowed, what in ((fmt, FORMATS, "format"), (layout, LAYOUTS, "layout"), (labels, LABELS, "labels")):
        if value not in allowed:
            raise ExportError(f"unknown export {what} {value!r}; choose one of {', '.join(allowed)}")
    if fmt == "parquet":
        pyarrow_modules()  # a missing extra is said before any work
    table = organs.aliases(aliases) if isinstance(aliases, str) or aliases is None else aliases
    reports = collect(store, table)
    if dedupe:
        reports = one_per_body_year(reports)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    violations = list(violation_rows(reports))
    if fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for r in reports:
                fh.write(json.dumps(jsonl.line(r), ensure_ascii=False, default=str) + "\n")
        return len(reports), len(violations)
    tables = sheets(reports, layout, violations)
    if fmt == "xlsx":
        _write_xlsx(out, tables, labels)
    else:
        write = write_csv if fmt == "csv" else write_parquet
        for title, columns, rows in tables:
            path = out if title in ("reports", "long") else side_path(out, title)
            write(path, columns, rows, header(columns, labels))
    return len(reports), len(violations)


def sheets(reports: list[Report], layout: str, violations: list[dict[str, Any]]
           ) -> list[tuple[str, Sequence[Column], Iterable[dict[str, Any]]]]:
    """(name, columns, rows) of each table of a layout: the main one first."""
    if layout == "long":
        return [("long", long.COLUMNS, long.rows(reports)), ("violations", VIOLATIONS, violations)]
    return [("reports", wide.columns(), map(wide.row, reports)),
            ("states", wide.state_columns(), map(wide.state_row, reports)),
            ("violations", VIOLATIONS, violations)]


def header(columns: Sequence[Column], labels: str) -> list[str]:
    return [c.zh if labels == "zh" else c.name for c in columns]


def side_path(out: str, table: str) -> str:
    """`results.csv` → `results.violations.csv` (and `.states.csv`)."""
    stem, ext = os.path.splitext(out)
    return f"{stem}.{table}{ext}"


def violations_path(out: str) -> str:
    return side_path(out, "violations")


def violation_rows(reports: Iterable[Report]) -> Iterable[dict[str, Any]]:
    for r in reports:
        meta = {"doc": r.doc, "path": r.path, "organ": r.organ, "organ_normalised": r.organ_normalised,
                "year": r.year, "template": r.template, "final_status": r.final_status}
        for v in r.violations:
            yield {**meta, "rule": v["rule"], "severity": v["severity"], "keys": " ".join(v.get("keys") or ()),
                   "expected": _text(v.get("expected")), "found": _text(v.get("found")), "message": v["message"]}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _write_xlsx(out: str, tables: list[tuple[str, Sequence[Column], Iterable[dict[str, Any]]]], labels: str) -> None:
    from openpyxl import Workbook

    from ._xlsx import add_sheet

    wb = Workbook(write_only=True)
    for title, columns, rows in tables:
        add_sheet(wb, title, columns, rows, header(columns, labels))
    if tables[0][0] == "reports":  # what each wide column means, in the format's own words
        cells = [{"key": c.name, "section": c.table, "row": c.row, "column": c.column,
                  "templates": ",".join(c.templates), "unit": c.unit} for c in cell_columns()]
        add_sheet(wb, "cells", CATALOGUE, cells, header(CATALOGUE, labels))
    wb.save(out)


def written_files(out: str, fmt: str, layout: str) -> list[str]:
    """The files an export writes (the main one first), for the CLI's summary."""
    if fmt in ("jsonl", "xlsx"):
        return [out]
    return [out, *(side_path(out, t) for t in (("states", "violations") if layout == "wide" else ("violations",)))]


__all__ = [
    "FINAL_STATUSES", "FORMATS", "LABELS", "LAYOUTS", "META_COLUMNS", "VIOLATION_COLUMNS", "Report", "collect",
    "export", "one_per_body_year", "final_status", "side_path", "violations_path", "written_files",
]
