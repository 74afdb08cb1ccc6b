"""The store's reports as the checks across reports see them (reviewed values win), and what the
across page shows of each finding: every report it names, linked to its review item, with its
own values beside its name (a finding's message may name the years in another order)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from rules.across_reports import Finding, ReportFacts

from .. import catalogue
from ..store import CurrentRecord, Store

#: at most this many differing cells are shown per report of a finding
SHOWN_KEYS = 4


def stored_reports(store: Store) -> list[ReportFacts]:
    """Every current, readable record: a resolved item's decided values, else the working or
    extracted ones (a reopened item is being reviewed again: its working values)."""
    records = sorted((r for r in store.current_records(with_text=True) if r.status != "failed"),
                     key=lambda r: r.record_id)
    return [ReportFacts(doc=r.doc, organ=r.organ, year=r.year, template=r.template, values=_values(r), text=r.text)
            for r in records]


def _values(r: CurrentRecord) -> dict[str, Any]:
    review = r.review
    if review is not None and review.state == "resolved" and review.decisions:
        return dict(review.decisions[-1].values)
    if review is not None and review.values is not None:
        return dict(review.values)
    return dict(r.values)


def item_ids(store: Store) -> dict[str, int]:
    """Report file name → its review item (current records only; a verified report has none)."""
    return store.item_ids_by_document()


@dataclass(frozen=True)
class Shown:
    """One report of a finding: its name, year, item (None: not in the queue), and its values."""

    doc: str
    year: int | None
    item: int | None
    values: list[tuple[str, Any]]  # (cell label, value)


def finding_rows(finding: Finding, reports: Iterable[ReportFacts], items: dict[str, int]) -> list[Shown]:
    """The reports of a finding in its own order. A carry-over pairs each report with its own cell
    (last year's 四、结转, this year's 二、上年结转); other findings show each report's value of
    the cells they name."""
    by_doc = {r.doc: r for r in reports}
    paired = finding.rule.startswith("carry_over") and len(finding.keys) == len(finding.docs)
    out = []
    for i, doc in enumerate(finding.docs):
        r = by_doc.get(doc)
        keys = [finding.keys[i]] if paired else [k for k in finding.keys if k != "template"][:SHOWN_KEYS]
        values = [(_label(k), r.values.get(k) if r else None) for k in keys]
        out.append(Shown(doc=doc, year=r.year if r else None, item=items.get(doc), values=values))
    return out


def _label(key: str) -> str:
    try:
        f = catalogue.field(key)
    except KeyError:
        return key
    return f"{f.row} / {f.column}"
