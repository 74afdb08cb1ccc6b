"""The store's reports as the checks across reports see them (reviewed values win)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rules.across_reports import ReportFacts

from ..store import RecordRow, ReviewItemRow, Store


def stored_reports(store: Store) -> list[ReportFacts]:
    """Every current, readable record: a resolved item's decided values, else the extracted ones."""
    with store.session() as s:
        rows = s.scalars(
            select(RecordRow).where(RecordRow.current.is_(True), RecordRow.status != "failed")
            .options(selectinload(RecordRow.document),
                     selectinload(RecordRow.item).selectinload(ReviewItemRow.decisions))
            .order_by(RecordRow.id)
        ).all()
        out = []
        for r in rows:
            values = dict(r.values)
            if r.item is not None and r.item.decisions:
                values = dict(r.item.decisions[-1].values)
            elif r.item is not None and r.item.values is not None:
                values = dict(r.item.values)
            out.append(ReportFacts(doc=r.document.name, organ=r.organ, year=r.year, template=r.template,
                                   values=values, text=r.document.text))
        return out
