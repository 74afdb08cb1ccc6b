"""The outcome for one document: record, violations, status, and the JSON line we print.

Status is decided in one place (`decide_status`): `verified` only when every cell was read
unambiguously and no error-level rule fails; `failed` when there is no record; else `review`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

from pydantic import BaseModel, Field

from rules.base import Violation

from .cellstate import CellState, cell_states
from .engines.base import Doubt, Provenance, Usage
from .flat import dump_value, to_flat
from .schema import Report2019, Report2021

Status = Literal["verified", "review", "failed"]
ReasonKind = Literal["error", "doubt", "disagreement", "model_error", "missing_table"]


@dataclass(frozen=True)
class ReviewReason:
    """One reason a result goes to review. The store keeps it as its `str()` form, which `parse`
    reads back: `error:outcome_sum:requests.total`, `doubt:requests.new.total:ambiguous_split`,
    `model_error:timeout`, `missing_table:active`."""

    kind: ReasonKind
    #: the rule id (error), the cell key (doubt, disagreement), the failure kind or the table
    subject: str
    #: a doubt's reason
    detail: str | None = None

    def __str__(self) -> str:
        return ":".join(p for p in (self.kind, self.subject, self.detail) if p is not None)

    @classmethod
    def parse(cls, text: str) -> "ReviewReason":
        kind, _, rest = text.partition(":")
        if kind in ("doubt", "disagreement"):
            key, _, detail = rest.partition(":")
            return cls(kind, key, detail or None)  # type: ignore[arg-type]
        return cls(kind, rest)  # type: ignore[arg-type]

    @property
    def sends_to_review(self) -> bool:
        """A model that failed is a reason a reviewer sees, not one that unsettles a reading."""
        return self.kind != "model_error"


class Result(BaseModel):
    doc: str
    path: str
    sha256: str | None = None
    status: Status
    engine: str | None = None
    template: str | None = None
    year: int | None = None
    organ: str | None = None
    record: Report2019 | Report2021 | None = None
    violations: list[Violation] = Field(default_factory=list)
    doubts: dict[str, Doubt] = Field(default_factory=dict)
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    cell_engines: dict[str, str] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    settings: dict[str, Any] = Field(default_factory=dict)
    error: str | None = None
    #: the model was asked and failed (the reader's reading may still be here): never reused
    model_error: str | None = None
    model_error_kind: str | None = None
    seconds: float = 0.0

    @property
    def fields(self) -> dict[str, Any]:
        return to_flat(self.record) if self.record is not None else {}

    def states(self, fields: Mapping[str, Any] | None = None) -> dict[str, CellState]:
        """Cell key → its state (`extractor.cellstate`): read, blank, doubt, missing, model …
        (`fields`: the record's flat view, when the caller has it already)."""
        if self.record is None:
            return {}
        return cell_states(self.template, self.fields if fields is None else fields, printed=self.record.printed,
                           doubts=self.doubts, cell_engines=self.cell_engines, engine=self.engine)

    def review_reasons(self) -> list[ReviewReason]:
        """Why this result goes to review (see `review_reasons`)."""
        return review_reasons(self.record, self.violations, self.doubts, self.model_error_kind
                              if self.model_error is not None else None)

    def failed_rules(self) -> dict[str, list[str]]:
        """Cell key → the ids of the failed rules it takes part in (only cells with one)."""
        return rules_by_cell(self.violations)

    def to_line(self, *, provenance: bool = True) -> dict[str, Any]:
        """The JSON line of `xxgk extract`: the flat keys plus everything a reviewer needs."""
        fields = self.fields  # flattened once for the values and their states
        line: dict[str, Any] = {
            "doc": self.doc,
            "path": self.path,
            "template": self.template,
            "year": self.year,
            "organ": self.organ,
            "status": self.status,
            "engine": self.engine,
            "fields": {k: dump_value(v) for k, v in fields.items()},
            "printed": dict(self.record.printed) if self.record is not None else {},
            "state": self.states(fields),
            "failed_rules": self.failed_rules(),
            "violations": [v.model_dump(mode="json") for v in self.violations],
            "doubts": {k: d.to_json() for k, d in self.doubts.items()},
            "usage": self.usage.model_dump(mode="json"),
            "seconds": round(self.seconds, 4),
        }
        if self.cell_engines:
            line["cell_engines"] = self.cell_engines
        if self.settings:
            line["settings"] = self.settings
        if provenance and self.provenance:
            line["provenance"] = {k: p.to_json() for k, p in self.provenance.items()}
        if self.sha256:
            line["sha256"] = self.sha256
        if self.error is not None:
            line["error"] = self.error
        if self.model_error is not None:
            line["model_error"] = self.model_error
            line["model_error_kind"] = self.model_error_kind
        return line


def rules_by_cell(violations: list[Violation]) -> dict[str, list[str]]:
    """Cell key → ids of the violated rules naming it, in the order the rules found them."""
    out: dict[str, list[str]] = {}
    for v in violations:
        for key in v.keys:
            ids = out.setdefault(key, [])
            if v.rule not in ids:
                ids.append(v.rule)
    return out


def review_reasons(record: Any, violations: list[Violation], doubts: dict[str, Doubt],
                   model_error_kind: str | None = None) -> list[ReviewReason]:
    """Every reason a reading goes to review: error violations, unsettled cells, disagreements,
    tables not found, and a model that failed (shown to the reviewer, not a reason on its own)."""
    reasons = [ReviewReason("error", v.rule) for v in violations if v.severity == "error"]
    for key, doubt in doubts.items():
        reasons.append(ReviewReason("disagreement" if doubt.reason == "disagreement" else "doubt", key, doubt.reason))
    if model_error_kind is not None:
        reasons.append(ReviewReason("model_error", model_error_kind))
    if record is not None:
        # a table not found is a doubt about the whole table
        reasons += [ReviewReason("missing_table", t) for t in ("active", "requests", "review") if getattr(record, t) is None]
    return reasons


def decide_status(record: Any, violations: list[Violation], doubts: dict[str, Doubt],
                  values: Mapping[str, Any] | None = None) -> Status:
    """The one place that decides verified / review / failed, from the reasons for review
    (`values`: the record's flat view, when the caller has it already)."""
    if record is None:
        return "failed"
    # `review_reasons` without a model error, none of them built: each reason it would give (an
    # error violation, a doubt, a table not found) sends the record to review
    if doubts or any(v.severity == "error" for v in violations) \
            or record.active is None or record.requests is None or record.review is None:
        return "review"
    if None in (to_flat(record) if values is None else values).values():  # (ints and Decimals: in C)
        return "review"  # a cell not settled (engines list it in doubts; this holds even if one forgot)
    return "verified"
