"""What every engine returns: a `Reading` (the record plus what the engine is unsure of).

An engine never judges its own output against the identities: that is the rules' job. It only
says which cells it could not settle (`doubts`) and where it read each cell (`provenance`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ..document import Document
from ..schema import Report2019, Report2021


#: why an engine left a cell (or a report field) unsettled; the review page names each
#: (`review/names.DOUBTS`), and a test keeps the two lists the same
DoubtReason = Literal[
    # the layout reader
    "ambiguous_split", "row_total_broken", "ambiguous_column", "label_placement", "unreadable",
    "duplicate_row", "merged_row", "missing_title", "too_many_readings", "cells_do_not_fit", "missing_row",
    "bracketed_number", "column_not_printed", "unknown_mark", "dash_or_one",
    # scans
    "low_confidence", "ocr_disagreement", "ocr_noise", "ocr_letter", "unconfirmed_scan",
    # the model engines
    "unread", "unchecked", "not_in_source", "disagreement", "model_model", "model_refused", "model_unchecked",
]


class Doubt(BaseModel):
    """A cell the engine could not settle: why, and the values the text allows."""

    model_config = ConfigDict(frozen=True)

    reason: DoubtReason
    candidates: list[Any] = Field(default_factory=list)
    detail: str = ""
    #: those of the candidates the print does not show but that are worked out from cells it
    #: does (a 总计 the table leaves out: its row's sum): a suggestion for a person, never a
    #: value read; left out of a result line when empty
    derived: list[Any] = Field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON form of a result line: `derived` only when some candidate is (older lines
        keep their shape; `exclude_if` would need pydantic 2.11)."""
        return self.model_dump(mode="json", exclude=None if self.derived else _NOT_DERIVED)


_NOT_DERIVED = {"derived"}


@dataclass(slots=True)
class Provenance:
    """Where a cell was read: offsets in Document.text, and/or a locator in the original file.

    A plain dataclass, not a model: a reading holds one per cell (about 200), and building them
    as pydantic models was a tenth of the layout reader's time (not frozen either: a frozen
    dataclass sets each field through object.__setattr__). Pydantic still validates one given
    as a dict (a stored line read back)."""

    start: int | None = None
    end: int | None = None
    locator: dict[str, Any] | None = None
    #: what besides the print settled the cell: [{"kind": "narrative", "text": …, "start": …, "end": …}]
    evidence: list[dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form of a result line: the fields that are set."""
        return _PROVENANCE_JSON.dump_python(self, mode="json", exclude_none=True)


_PROVENANCE_JSON = TypeAdapter(Provenance)


class Usage(BaseModel):
    """Model accounting for one document (zeros for engines that call no model)."""

    calls: int = 0
    retries: int = 0
    questions: int = 0  # regions a model was asked about (auto); 0 for a whole-report reading
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    cost: float | None = None

    def add(self, other: "Usage") -> "Usage":
        return Usage(
            calls=self.calls + other.calls,
            retries=self.retries + other.retries,
            questions=self.questions + other.questions,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            seconds=self.seconds + other.seconds,
            cost=None if self.cost is None and other.cost is None else (self.cost or 0) + (other.cost or 0),
        )


class Reading(BaseModel):
    """An engine's output for one document."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    record: Report2019 | Report2021 | None
    engine: str
    doubts: dict[str, Doubt] = Field(default_factory=dict)
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    #: which engine gave each cell, where engines were mixed (auto); empty when one engine did all
    cell_engines: dict[str, str] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    #: model name, prompt version, mode … whatever identifies how the reading was made
    settings: dict[str, Any] = Field(default_factory=dict)
    #: engine-specific trace (attempts of a repair pass, the reader's candidates …)
    trace: list[dict[str, Any]] = Field(default_factory=list)
    #: the model was asked and failed (auto kept the reader's reading): what failed, short, no secrets
    model_error: str | None = None
    #: what kind of failure (`extractor.errors.MODEL_FAILURE_KINDS`): unreachable, timeout, auth …
    model_error_kind: str | None = None


class Engine(Protocol):
    """Turns a loaded document into a `Reading`."""

    name: str

    def read(self, doc: Document) -> Reading: ...

    def settings(self) -> dict[str, Any]:
        """What identifies this engine's results (for re-run skipping): model, prompt version …"""
        ...
