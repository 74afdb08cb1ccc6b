"""What the store hands out: plain frozen records, never its row classes or a session.

Callers (the review queue, the exports, the checks across reports, the gold export) read and
write the store only through `Store`'s methods, which take and return these; what SQL runs,
and on which tables, stays inside `extractor.store`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Decision:
    """How a reviewer closes an item (what `Store.write_review` is given)."""

    outcome: str
    reviewer: str
    comment: str
    values: dict[str, Any]
    violations: list[dict[str, Any]]


@dataclass(frozen=True)
class StoredDecision:
    """A row of an item's decision history: a closing decision, or a reopen (`REOPENED`)."""

    outcome: str
    reviewer: str
    comment: str
    values: dict[str, Any]
    violations: tuple[dict[str, Any], ...]
    decided_at: datetime


@dataclass(frozen=True)
class CellEdit:
    """One cell a reviewer changed: from what, to what, who and when."""

    key: str
    old: Any
    new: Any
    reviewer: str
    at: datetime


@dataclass(frozen=True)
class Decided:
    """A closing decision as the queue's progress counts it: who, and when."""

    reviewer: str
    at: datetime


@dataclass(frozen=True)
class Batch:
    """One extraction run, as the queue's batch filter names it."""

    id: int
    label: str | None
    engine: str
    started_at: datetime


@dataclass(frozen=True)
class ItemFilter:
    """Which review items a queue shows. `state` is open, resolved, superseded or all; `rule`
    matches a base rule id (`balance`) or a reason prefix; the others match exactly."""

    state: str = "open"
    rule: str | None = None
    template: str | None = None
    organ: str | None = None
    batch: int | None = None

    def matches(self, line: ItemLine) -> bool:
        """Whether a queue line passes every filter but the state (the store selects that)."""
        rule = self.rule
        if rule and rule not in line.rules and not any(r.split(":")[0] == rule or r.startswith(rule)
                                                       for r in line.reasons):
            return False
        if self.template and line.template != self.template:
            return False
        if self.organ and (line.organ or "") != self.organ:
            return False
        return self.batch is None or line.run_id == self.batch


@dataclass(frozen=True)
class ItemLine:
    """A review item as one line of the queue: its report, why it is there, its last outcome."""

    id: int
    state: str
    doc: str
    path: str
    organ: str | None
    year: int | None
    template: str | None
    run_id: int
    rules: tuple[str, ...]
    reasons: tuple[str, ...]
    outcome: str | None  # of its latest decision-history row, None when it has none


@dataclass(frozen=True)
class ItemRecord:
    """A review item with everything its record and report hold, its edits and its decisions."""

    line: ItemLine
    record_id: int
    sha256: str
    engine: str | None
    extracted: dict[str, Any]
    #: the reviewer's working values as stored, None until a cell was edited
    stored_values: dict[str, Any] | None
    printed: dict[str, str]
    provenance: dict[str, Any]
    doubts: dict[str, Any]
    cell_engines: dict[str, str]
    text: str | None
    source_html: str | None
    edits: tuple[CellEdit, ...]
    decisions: tuple[StoredDecision, ...]

    @property
    def values(self) -> dict[str, Any]:
        """The working values: the reviewer's, else the extracted ones (a fresh copy)."""
        return dict(self.stored_values if self.stored_values is not None else self.extracted)

    @property
    def last_decision(self) -> StoredDecision | None:
        return self.decisions[-1] if self.decisions else None


@dataclass(frozen=True)
class StoredViolation:
    """A rule the record broke as extracted."""

    rule: str
    severity: str
    keys: tuple[str, ...]
    expected: Any
    found: Any
    message: str


@dataclass(frozen=True)
class ReviewState:
    """Where a record's review item stands: its state, working values and decision history."""

    id: int
    state: str
    values: dict[str, Any] | None
    decisions: tuple[StoredDecision, ...]

    @property
    def last_decision(self) -> StoredDecision | None:
        return self.decisions[-1] if self.decisions else None


@dataclass(frozen=True)
class CurrentRecord:
    """A current record (the latest reading of a document under its setting), with its review."""

    record_id: int
    doc: str
    path: str
    sha256: str
    organ: str | None
    year: int | None
    template: str | None
    status: str
    engine: str | None
    created_at: datetime
    values: dict[str, Any]  # as extracted
    printed: dict[str, str]
    doubts: dict[str, Any]
    cell_engines: dict[str, str]
    line: dict[str, Any]  # the JSON line `xxgk extract` printed
    violations: tuple[StoredViolation, ...]
    review: ReviewState | None  # None: the record went to no review
    text: str | None = None  # the report's text, only when asked for (`with_text=True`)
