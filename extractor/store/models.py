"""The store's tables, as SQLAlchemy 2 models.

One row per document (by content hash), per extraction run, per record (a document read under
one engine setting), per violation, per review item, per cell edit and per reviewer decision.
Values, printed text, provenance and doubts of a record are JSON columns keyed by flat cell key,
so a record is one row whatever the format version. The shape here must match the migrations
in `_migrations.py` (a test compares them).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """A source file, identified by the SHA-256 of its bytes."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    path: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    source_html: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    records: Mapped[list["RecordRow"]] = relationship(back_populates="document")


class RunRow(Base):
    """One `xxgk extract` batch: how it was run and what it cost."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str | None] = mapped_column(Text)
    engine: Mapped[str] = mapped_column(String(32))
    model: Mapped[str | None] = mapped_column(Text)
    prompt_version: Mapped[str | None] = mapped_column(Text)
    code_version: Mapped[str | None] = mapped_column(Text)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    settings_hash: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    documents: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    verified: Mapped[int] = mapped_column(Integer, default=0)
    review: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class RecordRow(Base):
    """What one run read from one document, with the rules' verdict."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), index=True)
    settings_hash: Mapped[str] = mapped_column(String(64), index=True)
    #: False once a later run (`--force`, or a retry of a failure) replaced this record
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    engine: Mapped[str | None] = mapped_column(String(32))
    template: Mapped[str | None] = mapped_column(String(8))
    year: Mapped[int | None] = mapped_column(Integer)
    organ: Mapped[str | None] = mapped_column(Text)
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # flat key -> number/None
    printed: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    doubts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    cell_engines: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    calls: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    #: the JSON line `xxgk extract` printed for this record (re-emitted when a re-run skips it)
    line: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    document: Mapped[DocumentRow] = relationship(back_populates="records")
    violations: Mapped[list["ViolationRow"]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="ViolationRow.id")
    item: Mapped["ReviewItemRow | None"] = relationship(back_populates="record", uselist=False)


class ViolationRow(Base):
    """A rule the record broke as extracted."""

    __tablename__ = "violations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    rule: Mapped[str] = mapped_column(Text, index=True)
    severity: Mapped[str] = mapped_column(String(16))
    keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    expected: Mapped[Any] = mapped_column(JSON, nullable=True)
    found: Mapped[Any] = mapped_column(JSON, nullable=True)
    message: Mapped[str] = mapped_column(Text)

    record: Mapped[RecordRow] = relationship(back_populates="violations")


class ReviewItemRow(Base):
    """A record a person must look at: why, and the reviewer's working values."""

    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), unique=True, index=True)
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open | resolved
    #: why it is here: ["error:outcome_sum:requests.total", "doubt:requests.new.natural", …]
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: base rule ids of its error violations (for the queue's filter)
    rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: the reviewer's values (flat), None until a cell is edited
    values: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    record: Mapped[RecordRow] = relationship(back_populates="item")
    edits: Mapped[list["CellEditRow"]] = relationship(back_populates="item", order_by="CellEditRow.id")
    decisions: Mapped[list["DecisionRow"]] = relationship(back_populates="item", order_by="DecisionRow.id")


class CellEditRow(Base):
    """One cell a reviewer changed: from what, to what, who and when."""

    __tablename__ = "cell_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id"), index=True)
    key: Mapped[str] = mapped_column(Text)
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    reviewer: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    item: Mapped[ReviewItemRow] = relationship(back_populates="edits")


class DecisionRow(Base):
    """How a review item was closed: extraction corrected, or the printed report is wrong."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(32))  # extraction_corrected | report_wrong
    reviewer: Mapped[str] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text, default="")
    #: the values as decided, and the violations that remain with them (the report's own errors)
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    violations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    item: Mapped[ReviewItemRow] = relationship(back_populates="decisions")
