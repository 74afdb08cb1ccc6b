"""The store as a wide table: one row per report, one column per cell key, plus the violations.

    export(store, "results.xlsx", fmt="xlsx")   # sheets "reports" and "violations"
    export(store, "results.csv", fmt="csv")     # results.csv + results.violations.csv
    export(store, "results.jsonl", fmt="jsonl") # one line per report, violations inside

Rows are the current record of every document (failed ones too, with empty cells). A report
a reviewer resolved carries the decided values, and the `reviewed` column says how.
"""

from __future__ import annotations

import csv
import json
import os
from typing import Any, Iterator

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from . import catalogue
from .errors import XxgkError
from .store import DocumentRow, RecordRow, ReviewItemRow, Store

FORMATS = ("csv", "xlsx", "jsonl")
META_COLUMNS = ("doc", "path", "sha256", "organ", "year", "template", "status", "engine", "reviewed", "violations")
VIOLATION_COLUMNS = ("doc", "organ", "year", "template", "rule", "severity", "keys", "expected", "found", "message")


def cell_columns() -> list[str]:
    """Every cell key of both format versions, in catalogue order (a 2019 report leaves 2021-only cells empty)."""
    return [f.key for f in catalogue.fields()]


def rows(store: Store) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(report row, its violations) for every current record."""
    with store.session() as s:
        records = s.scalars(
            select(RecordRow).where(RecordRow.current.is_(True))
            .options(selectinload(RecordRow.document).load_only(DocumentRow.id, DocumentRow.name, DocumentRow.sha256),
                     selectinload(RecordRow.violations),
                     selectinload(RecordRow.item).selectinload(ReviewItemRow.decisions))
            .order_by(RecordRow.path, RecordRow.id)
        ).all()
        for r in records:
            values, reviewed = dict(r.values), ""
            violations = [dict(rule=v.rule, severity=v.severity, keys=list(v.keys), expected=v.expected,
                               found=v.found, message=v.message) for v in r.violations]
            if r.item is not None and r.item.decisions:
                decision = r.item.decisions[-1]
                values, reviewed = dict(decision.values), decision.outcome
                violations = list(decision.violations)
            row = {"doc": r.document.name, "path": r.path, "sha256": r.document.sha256, "organ": r.organ,
                   "year": r.year, "template": r.template, "status": r.status, "engine": r.engine,
                   "reviewed": reviewed, "violations": len(violations), **values}
            meta = {k: row[k] for k in ("doc", "organ", "year", "template")}
            yield row, [{**meta, **v} for v in violations]


def export(store: Store, out: str, *, fmt: str) -> tuple[int, int]:
    """Write the table; returns (reports, violations) written."""
    if fmt not in FORMATS:
        raise XxgkError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    data = list(rows(store))
    columns = [*META_COLUMNS, *cell_columns()]
    n_violations = sum(len(v) for _, v in data)
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    if fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for row, violations in data:
                fields = {k: row.get(k) for k in cell_columns() if k in row}
                line = {k: row[k] for k in META_COLUMNS} | {"fields": fields, "violation_list": violations}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        with open(out, "w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens Chinese correctly
            w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            w.writeheader()
            for row, _ in data:
                w.writerow(row)
        with open(violations_path(out), "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=VIOLATION_COLUMNS, extrasaction="ignore")
            w.writeheader()
            for _, violations in data:
                for v in violations:
                    w.writerow({**v, "keys": " ".join(v["keys"])})
    else:
        _xlsx(out, columns, data)
    return len(data), n_violations


def violations_path(out: str) -> str:
    stem, _ = os.path.splitext(out)
    return stem + ".violations.csv"


def _xlsx(out: str, columns: list[str], data: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    reports = wb.create_sheet("reports")
    reports.append(columns)
    for row, _ in data:
        reports.append([_cell(row.get(c)) for c in columns])
    sheet = wb.create_sheet("violations")
    sheet.append(list(VIOLATION_COLUMNS))
    for _, violations in data:
        for v in violations:
            sheet.append([_cell(" ".join(v["keys"]) if c == "keys" else v.get(c)) for c in VIOLATION_COLUMNS])
    labels = wb.create_sheet("cells")  # what each column means, in the format's own words
    labels.append(["key", "section", "row", "column", "templates"])
    for f in catalogue.fields():
        labels.append([f.key, f.section, f.row, f.column, ",".join(f.templates)])
    wb.save(out)


def _cell(value: Any) -> Any:
    """openpyxl takes numbers and strings; anything else (lists, dicts) becomes JSON text."""
    if value is None or isinstance(value, (int, float, str)):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
