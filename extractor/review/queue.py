"""The review queue over the store: list and filter items, edit cells, re-check, resolve.

A review item is a stored record the rules or the engine flagged (an error-level violation, a
cell the reader could not settle, a reader/model disagreement, a table not found). Edits are
validated by the schema (`extractor.flat.from_flat`): a bad value raises `ReviewError` with a
message naming the cell, and nothing is stored. Closing an item records who decided what and
when: "extraction corrected" (the reader was wrong, the values were fixed) or "report wrong"
(the printed report itself breaks the rules; the printed numbers stay as printed).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

from pydantic import ValidationError

import rules
from rules.base import Violation

from .. import catalogue
from ..cellstate import BLANK_MARKS, cell_states
from ..errors import CatalogueError, ReviewError
from ..flat import dump_value, from_flat, to_flat
from ..schema import Report2019, Report2021
from ..store import REOPENED, Decision, ItemFilter, ItemLine, Store, StoredDecision, closed_error
from ._numbers import parse_cell

OUTCOMES: dict[str, str] = {
    "extraction_corrected": "提取有误，已更正",
    "report_wrong": "报告本身印错（按原样保留）",
}
#: how the history names a row that is not a closing decision
HISTORY: dict[str, str] = {**OUTCOMES, REOPENED: "重新打开"}
#: `superseded`: closed without a decision because its report was extracted again (`--force`)
STATES = ("open", "resolved", "superseded", "all")


#: one line of the queue: the store's own record of it (its id, report, reasons, last outcome)
ItemSummary = ItemLine


@dataclass
class ItemDetail:
    """Everything the report page shows for one item."""

    summary: ItemSummary
    record_id: int
    values: dict[str, Any]  # the reviewer's working values (or the extracted ones)
    extracted: dict[str, Any]
    printed: dict[str, str]
    provenance: dict[str, dict[str, Any]]
    doubts: dict[str, dict[str, Any]]
    violations: list[Violation]  # of the working values, re-checked now
    text: str | None
    source_html: str | None
    edits: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    #: the working values as stored (None until a reviewer saved some): a write checks they still are
    stored_values: dict[str, Any] | None = None
    #: each cell's state (`extractor.cellstate`) under the working values
    states: dict[str, str] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return self.summary.template or "2019"


def list_items(
    store: Store, *, state: str = "open", rule: str | None = None, template: str | None = None,
    organ: str | None = None, batch: int | None = None,
) -> list[ItemSummary]:
    """The queue, filtered; `rule` matches a base rule id (`balance`) or a reason prefix."""
    if state not in STATES:
        raise ReviewError(f"unknown state {state!r}; choose one of {', '.join(STATES)}")
    which = ItemFilter(state=state, rule=rule, template=template, organ=organ, batch=batch)
    return store.review_items(which)


def counts(items: list[ItemSummary]) -> dict[str, Counter]:
    """How many items per rule (or reason kind), format version, organ and batch."""
    by: dict[str, Counter] = {"rule": Counter(), "template": Counter(), "organ": Counter(), "batch": Counter(),
                              "state": Counter()}
    for it in items:
        kinds = set(it.rules) | {r.split(":")[0] for r in it.reasons if not r.startswith("error:")}
        by["rule"].update(kinds)
        by["template"][it.template or "?"] += 1
        by["organ"][it.organ or "?"] += 1
        by["batch"][it.run_id] += 1
        by["state"][it.state] += 1
    return by


def batches(store: Store) -> dict[int, str]:
    """Run id → a short description (label, engine, date) for the batch filter."""
    return {b.id: f"#{b.id} {b.label or b.engine} {b.started_at:%Y-%m-%d %H:%M}" for b in store.batches()}


def get_item(store: Store, item_id: int) -> ItemDetail:
    """One item with its record, edits and decisions; `UnknownItemError` when there is none."""
    item = store.item(item_id)
    values = item.values
    detail = ItemDetail(
        summary=item.line, record_id=item.record_id, values=values, extracted=dict(item.extracted),
        printed=dict(item.printed), provenance=dict(item.provenance), doubts=dict(item.doubts),
        violations=[], text=item.text, source_html=item.source_html,
        edits=[{"key": e.key, "old": e.old, "new": e.new, "reviewer": e.reviewer, "at": e.at} for e in item.edits],
        decisions=[_decision(d) for d in item.decisions],
        stored_values=dict(item.stored_values) if item.stored_values is not None else None,
    )
    detail.states = dict(cell_states(
        item.line.template, values, printed=detail.printed, doubts=detail.doubts, cell_engines=item.cell_engines,
        engine=item.engine, edited=[k for k, v in values.items() if v != detail.extracted.get(k)]))
    if detail.summary.template:
        record = _record(detail.summary, values, detail.printed)
        detail.violations = rules.check(rules.facts_from_record(record, text=detail.text))
    return detail


def _decision(d: StoredDecision) -> dict[str, Any]:
    return {"outcome": d.outcome, "label": HISTORY.get(d.outcome, d.outcome), "reviewer": d.reviewer,
            "comment": d.comment, "at": d.decided_at, "violations": list(d.violations)}


def _record(summary: ItemSummary, values: Mapping[str, Any], printed: Mapping[str, str]) -> Report2019 | Report2021:
    try:
        return from_flat(catalogue.as_template(summary.template), values, organ=summary.organ, year=summary.year,
                         printed=printed)
    except (CatalogueError, ValueError) as exc:  # a stored item of no known format version
        raise ReviewError(f"{summary.doc}: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise ReviewError(f"数值不符合格式要求：{problems}") from exc


def check_values(detail: ItemDetail, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[Violation]]:
    """Merge a reviewer's inputs over the working values, validate, and re-run the rules.

    Returns the new flat values (JSON-ready) and the violations they give. Raises `ReviewError`
    for a value the schema refuses; nothing is stored here.
    """
    template = detail.template
    allowed = set(catalogue.keys(template))  # type: ignore[arg-type]
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ReviewError(f"cells not in the {template} format: {', '.join(unknown[:5])}")
    merged: dict[str, Any] = {k: detail.values.get(k) for k in catalogue.keys(template)}  # type: ignore[arg-type]
    for key, value in raw.items():
        merged[key] = parse_cell(key, _blank_is_zero(key, value, detail.printed))
    record = _record(detail.summary, merged, detail.printed)
    return ({k: dump_value(v) for k, v in to_flat(record).items()},
            rules.check(rules.facts_from_record(record, text=detail.text)))


def _blank_is_zero(key: str, value: Any, printed: Mapping[str, str]) -> Any:
    """An empty input of a cell printed blank (or —, /, 无) is 0, the format's convention: the
    page shows such a cell empty, marked 空白, rather than as a grey 0."""
    if isinstance(value, str) and not value.strip() and key in printed and printed[key].strip() in BLANK_MARKS:
        return "0"
    return value


def save_values(store: Store, item_id: int, raw: Mapping[str, Any], *, reviewer: str) -> list[Violation]:
    """Validate and store a reviewer's edits (each changed cell logged); returns the new violations."""
    detail = get_item(store, item_id)
    _still_open(detail)
    values, violations = check_values(detail, raw)
    if any(detail.values.get(k) != v for k, v in values.items()):
        store.write_review(item_id, seen=detail.stored_values, base=detail.values, values=values, reviewer=reviewer)
    return violations


def resolve(
    store: Store, item_id: int, *, outcome: str, reviewer: str, comment: str = "",
    values: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Close an item: any last edits and the decision (who, when, what, why), in one transaction.
    `ReviewConflictError` when it is closed already, or closed or changed by someone else meanwhile."""
    if outcome not in OUTCOMES:
        raise ReviewError(f"unknown outcome {outcome!r}; choose one of {', '.join(OUTCOMES)}")
    if not reviewer.strip():
        raise ReviewError("a decision needs the reviewer's name")
    detail = get_item(store, item_id)
    _still_open(detail)
    final, violations = check_values(detail, values or {})
    if outcome == "extraction_corrected" and final == detail.extracted:
        raise ReviewError("“提取有误，已更正”需要至少改动一个单元格；若报告本身印错，请选“报告本身印错”")
    decision = Decision(outcome=outcome, reviewer=reviewer.strip(), comment=comment.strip(), values=final,
                        violations=[v.model_dump(mode="json") for v in violations])
    at = store.write_review(item_id, seen=detail.stored_values, base=detail.values, values=final,
                            reviewer=reviewer, decision=decision)
    return {"outcome": outcome, "label": OUTCOMES[outcome], "reviewer": decision.reviewer,
            "comment": decision.comment, "at": at, "violations": decision.violations}


def _still_open(detail: ItemDetail) -> None:
    """Refuse at once an item already closed (the write checks it again, in its transaction)."""
    if detail.summary.state != "open":
        last = detail.decisions[-1] if detail.decisions else {}
        raise closed_error(detail.summary.id, detail.summary.state, last.get("outcome"), last.get("reviewer"))


def reopen(store: Store, item_id: int, *, reviewer: str, comment: str = "") -> dict[str, Any]:
    """Open a resolved item again (its decisions and edits stay; the reopen joins the history).
    `ReviewConflictError` when it is not resolved."""
    if not reviewer.strip():
        raise ReviewError("reopening needs the reviewer's name")
    detail = get_item(store, item_id)
    at = store.reopen_review(item_id, reviewer=reviewer.strip(), comment=comment.strip(),
                             values=dict(detail.values),
                             violations=[v.model_dump(mode="json") for v in detail.violations])
    return {"outcome": REOPENED, "label": HISTORY[REOPENED], "reviewer": reviewer.strip(),
            "comment": comment.strip(), "at": at}


def neighbours(store: Store, item_id: int, **filters: Any) -> tuple[int | None, int | None]:
    """(previous, next) open item around `item_id` in the filtered queue's order, wrapping
    around; the item itself never counts (after resolving it, "next" is where to go)."""
    ids = [i.id for i in list_items(store, state="open", **filters) if i.id != item_id]
    if not ids:
        return None, None
    before = [i for i in ids if i < item_id]
    after = [i for i in ids if i > item_id]
    return (before[-1] if before else ids[-1]), (after[0] if after else ids[0])


@dataclass
class Progress:
    """How far the queue is: open items, closing decisions today (local time), per reviewer."""

    open: int
    resolved: int
    today: int
    reviewers: list[tuple[str, int, int]]  # (reviewer, decisions today, decisions in all)


def progress(store: Store, *, now: datetime | None = None) -> Progress:
    """Counts for the queue's head; a reopened and again resolved item counts each decision."""
    local = (now or datetime.now(timezone.utc)).astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    states = store.item_states()
    today: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for decided in store.decisions_made(OUTCOMES):
        who, at = decided.reviewer, decided.at
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)  # SQLite drops the zone: stored as UTC
        total[who] += 1
        if at >= midnight:
            today[who] += 1
    return Progress(open=states.get("open", 0), resolved=states.get("resolved", 0), today=sum(today.values()),
                    reviewers=[(w, today[w], n) for w, n in sorted(total.items(), key=lambda x: (-today[x[0]], -x[1]))])
