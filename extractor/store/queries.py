"""The store's reads, each within a session `Store` opens: rows in, frozen records (`records`) out.

Every query the review queue, the exports and the checks across reports need is here, so the
row classes and SQLAlchemy never leave `extractor.store`.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..errors import UnknownItemError
from .items import checked_id
from .models import CellEditRow, DecisionRow, DocumentRow, RecordRow, ReviewItemRow, RunRow, ViolationRow
from .records import (
    Batch, CellEdit, CurrentRecord, Decided, ItemFilter, ItemLine, ItemRecord, ReviewState, StoredDecision,
    StoredViolation,
)


def review_items(s: Session, which: ItemFilter) -> list[ItemLine]:
    """The queue's lines in item order, filtered."""
    q = (
        select(ReviewItemRow).join(RecordRow)
        .options(  # a queue line needs no report text nor cell values: load only what it shows
            selectinload(ReviewItemRow.record)
            .load_only(RecordRow.id, RecordRow.path, RecordRow.organ, RecordRow.year, RecordRow.template,
                       RecordRow.run_id, RecordRow.document_id)
            .selectinload(RecordRow.document).load_only(DocumentRow.id, DocumentRow.name),
            selectinload(ReviewItemRow.decisions).load_only(DecisionRow.id, DecisionRow.item_id, DecisionRow.outcome))
        .order_by(ReviewItemRow.id))
    if which.state != "all":
        q = q.where(ReviewItemRow.state == which.state)
    lines = (_line(i) for i in s.scalars(q).all())
    return [line for line in lines if which.matches(line)]


def item(s: Session, item_id: int) -> ItemRecord:
    """One item with its record, report, edits and decisions; `UnknownItemError` when there is none."""
    row = s.get(ReviewItemRow, checked_id(item_id))
    if row is None:
        raise UnknownItemError(item_id)
    return _item(row)


def resolved_items(s: Session) -> list[ItemRecord]:
    """Every resolved item, in item order."""
    rows = s.scalars(select(ReviewItemRow).where(ReviewItemRow.state == "resolved").order_by(ReviewItemRow.id))
    return [_item(r) for r in rows.all()]


def batches(s: Session) -> list[Batch]:
    """Every extraction run, in id order."""
    return [Batch(id=r.id, label=r.label, engine=r.engine, started_at=r.started_at)
            for r in s.scalars(select(RunRow).order_by(RunRow.id))]


def item_states(s: Session) -> Counter[str]:
    """How many review items are in each state."""
    return Counter(s.scalars(select(ReviewItemRow.state)).all())


def decisions_made(s: Session, outcomes: Iterable[str]) -> list[Decided]:
    """Who made each decision-history row with one of these outcomes, and when."""
    rows = s.execute(select(DecisionRow.reviewer, DecisionRow.decided_at)
                     .where(DecisionRow.outcome.in_(list(outcomes))).order_by(DecisionRow.id)).all()
    return [Decided(reviewer=who, at=at) for who, at in rows]


def current_records(s: Session, *, with_text: bool = False) -> list[CurrentRecord]:
    """Every current record in path order, with its violations and review (and its report's text
    when asked: the exports need none, the checks across reports read it)."""
    document = [DocumentRow.id, DocumentRow.name, DocumentRow.sha256] + ([DocumentRow.text] if with_text else [])
    rows = s.scalars(
        select(RecordRow).where(RecordRow.current.is_(True))
        .options(selectinload(RecordRow.document).load_only(*document),
                 selectinload(RecordRow.violations),
                 selectinload(RecordRow.item).selectinload(ReviewItemRow.decisions))
        .order_by(RecordRow.path, RecordRow.id)
    ).all()
    return [_current(r, with_text) for r in rows]


def item_ids_by_document(s: Session) -> dict[str, int]:
    """Report file name → its review item, current records only (of two same-named reports, the later item)."""
    rows = s.execute(select(DocumentRow.name, ReviewItemRow.id)
                     .join(RecordRow, RecordRow.document_id == DocumentRow.id)
                     .join(ReviewItemRow, ReviewItemRow.record_id == RecordRow.id)
                     .where(RecordRow.current.is_(True)).order_by(ReviewItemRow.id)).all()
    return {name: item_id for name, item_id in rows}


def _line(row: ReviewItemRow) -> ItemLine:
    rec = row.record
    return ItemLine(
        id=row.id, state=row.state, doc=rec.document.name, path=rec.path, organ=rec.organ, year=rec.year,
        template=rec.template, run_id=rec.run_id, rules=tuple(row.rules or ()), reasons=tuple(row.reasons or ()),
        outcome=row.decisions[-1].outcome if row.decisions else None,
    )


def _item(row: ReviewItemRow) -> ItemRecord:
    rec, document = row.record, row.record.document
    return ItemRecord(
        line=_line(row), record_id=rec.id, sha256=document.sha256, engine=rec.engine,
        extracted=dict(rec.values), stored_values=dict(row.values) if row.values is not None else None,
        printed=dict(rec.printed or {}), provenance=dict(rec.provenance or {}), doubts=dict(rec.doubts or {}),
        cell_engines=dict(rec.cell_engines or {}), text=document.text, source_html=document.source_html,
        edits=tuple(_edit(e) for e in row.edits), decisions=tuple(_decision(d) for d in row.decisions),
    )


def _edit(e: CellEditRow) -> CellEdit:
    return CellEdit(key=e.key, old=e.old, new=e.new, reviewer=e.reviewer, at=e.at)


def _decision(d: DecisionRow) -> StoredDecision:
    return StoredDecision(outcome=d.outcome, reviewer=d.reviewer, comment=d.comment, values=dict(d.values or {}),
                          violations=tuple(dict(v) for v in d.violations or ()), decided_at=d.decided_at)


def _violation(v: ViolationRow) -> StoredViolation:
    return StoredViolation(rule=v.rule, severity=v.severity, keys=tuple(v.keys or ()), expected=v.expected,
                           found=v.found, message=v.message)


def _current(r: RecordRow, with_text: bool) -> CurrentRecord:
    review = None
    if r.item is not None:
        review = ReviewState(id=r.item.id, state=r.item.state,
                             values=dict(r.item.values) if r.item.values is not None else None,
                             decisions=tuple(_decision(d) for d in r.item.decisions))
    return CurrentRecord(
        record_id=r.id, doc=r.document.name, path=r.path, sha256=r.document.sha256, organ=r.organ, year=r.year,
        template=r.template, status=r.status, engine=r.engine, created_at=r.created_at, values=dict(r.values or {}),
        printed=dict(r.printed or {}), doubts=dict(r.doubts or {}), cell_engines=dict(r.cell_engines or {}),
        line=dict(r.line or {}), violations=tuple(_violation(v) for v in r.violations), review=review,
        text=r.document.text if with_text else None,
    )
