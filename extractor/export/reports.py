"""The store's reports as the exports see them: final values, per-cell states, final status, duplicates.

One `Report` per current record. A resolved review item gives the decided values; a cell whose
decided value differs from the extracted one is `edited`; everything else keeps the state
`extractor.cellstate` derives from the stored record, so an unsettled cell stays null and `doubt`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable, Mapping

from .. import organs
from ..cellstate import CellState, cell_states
from ..store import CurrentRecord, Store

#: review outcome → final status (a report nobody decided keeps its extraction status)
FINAL_BY_OUTCOME = {"extraction_corrected": "corrected", "report_wrong": "confirmed-as-printed"}
FINAL_STATUSES = ("verified", "corrected", "confirmed-as-printed", "open", "failed")


def final_status(status: str, outcome: str | None) -> str:
    """verified / corrected / confirmed-as-printed / open (a review not decided yet) / failed."""
    if outcome in FINAL_BY_OUTCOME:
        return FINAL_BY_OUTCOME[outcome]
    return status if status in ("verified", "failed") else "open"


@dataclass
class Report:
    """One stored report, ready for any layout."""

    record_id: int
    doc: str
    path: str
    sha256: str
    organ: str | None
    organ_normalised: str | None
    year: int | None
    template: str | None
    status: str
    engine: str | None
    created_at: datetime
    values: dict[str, Any]  # final: decided if reviewed, else extracted
    extracted: dict[str, Any]
    printed: dict[str, str]
    states: dict[str, CellState]
    violations: list[dict[str, Any]]  # those that remain with the final values
    line: dict[str, Any]  # the line `xxgk extract` printed
    decision: dict[str, Any] | None = None
    duplicate_of: tuple[str, ...] = field(default=())

    @property
    def reviewed(self) -> str:
        return self.decision["outcome"] if self.decision else ""

    @property
    def final_status(self) -> str:
        return final_status(self.status, self.decision["outcome"] if self.decision else None)

    @property
    def failed_rules(self) -> dict[str, list[str]]:
        """Cell key → ids of the remaining violations naming it."""
        out: dict[str, list[str]] = {}
        for v in self.violations:
            for key in v.get("keys") or ():
                ids = out.setdefault(key, [])
                if v["rule"] not in ids:
                    ids.append(v["rule"])
        return out

    @property
    def edited(self) -> list[str]:
        return [k for k, s in self.states.items() if s == "edited"]


def collect(store: Store, aliases: Mapping[str, str] | None = None) -> list[Report]:
    """Every current record of the store, in path order, with duplicates marked."""
    table = organs.default_aliases() if aliases is None else aliases
    reports = [_report(r, table) for r in store.current_records()]
    mark_duplicates(reports)
    return reports


def _report(r: CurrentRecord, aliases: Mapping[str, str]) -> Report:
    extracted = dict(r.values)
    values = extracted
    violations = [dict(rule=v.rule, severity=v.severity, keys=list(v.keys), expected=v.expected,
                       found=v.found, message=v.message) for v in r.violations]
    decision = None
    last = r.review.decisions[-1] if r.review is not None and r.review.decisions else None
    if last is not None:
        values, violations = dict(last.values), [dict(v) for v in last.violations]
        decision = {"outcome": last.outcome, "reviewer": last.reviewer, "comment": last.comment,
                    "decided_at": last.decided_at.isoformat() if last.decided_at else None}
    edited = [k for k, v in values.items() if decision is not None and extracted.get(k) != v]
    states = cell_states(r.template, values, printed=r.printed, doubts=r.doubts.keys(),
                         cell_engines=r.cell_engines, engine=r.engine, edited=edited)
    return Report(
        record_id=r.record_id, doc=r.doc, path=r.path, sha256=r.sha256, organ=r.organ,
        organ_normalised=organs.normalise(r.organ, aliases), year=r.year, template=r.template, status=r.status,
        engine=r.engine, created_at=r.created_at, values=values, extracted=extracted,
        printed=dict(r.printed), states=states, violations=violations, line=dict(r.line),
        decision=decision,
    )


def _groups(reports: Iterable[Report]) -> list[list[Report]]:
    """Reports of one normalised body and year, two or more to a group (failed ones never group)."""
    by: dict[tuple[str, int], list[Report]] = defaultdict(list)
    for r in reports:
        if r.organ_normalised and r.year is not None and r.status != "failed":
            by[(r.organ_normalised, r.year)].append(r)
    return [g for g in by.values() if len(g) > 1]


def mark_duplicates(reports: list[Report]) -> None:
    """Each report of a body and year stored twice names the other files in `duplicate_of`."""
    for group in _groups(reports):
        for r in group:
            r.duplicate_of = tuple(o.doc if o.doc != r.doc else o.path for o in group if o is not r)


def keeper(group: Iterable[Report]) -> Report:
    """Of one body and year's reports, the one to keep: a reviewed one, else the newest reading."""
    return max(group, key=lambda r: (r.decision is not None, r.decision["decided_at"] if r.decision else "",
                                     r.created_at, r.record_id))


def dedupe(reports: list[Report]) -> list[Report]:
    """One report per normalised body and year (`keeper`), the rest dropped; order kept."""
    dropped = {id(r) for g in _groups(reports) for r in g if r is not keeper(g)}
    return [r for r in reports if id(r) not in dropped]


__all__ = ["FINAL_STATUSES", "Report", "collect", "dedupe", "final_status", "keeper", "mark_duplicates"]
