"""Review items as the store writes them: a reviewer's edits and decision, only while still open.
(`Store.write_review` and `Store.reopen_review` run these in one write transaction each.)

Two review pages (or a page and `xxgk review resolve`) may act on one item at the same moment.
Each write is one transaction that first moves the item with a conditional UPDATE (`… WHERE
state = 'open'`) and checks it moved: the loser gets `ReviewConflictError` and writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Update, select, update
from sqlalchemy.orm import Session

from ..errors import ReviewConflictError, UnknownItemError
from .models import CellEditRow, DecisionRow, ReviewItemRow, now
from .records import Decision

#: the largest id an SQLite INTEGER (and a PostgreSQL integer key) can hold
MAX_ID = 2**63 - 1
#: integers beyond this are not exact as a JSON number read back as a double: kept as text
_EXACT = 2**53


def checked_id(item_id: object) -> int:
    """An item id the store can look up; `UnknownItemError` for anything else (not an int, out of range)."""
    if isinstance(item_id, bool) or not isinstance(item_id, int) or not 1 <= item_id <= MAX_ID:
        raise UnknownItemError(item_id)
    return item_id


def write_review(
    s: Session, item_id: int, *, seen: dict[str, Any] | None, base: dict[str, Any], values: dict[str, Any],
    reviewer: str, decision: Decision | None = None,
) -> datetime:
    """Log each cell of `values` that differs from `base` (what the reviewer's check started
    from), store `values`, and close the item with `decision` if given, within `s` (one write
    transaction).

    Refused with `ReviewConflictError` when the item is no longer open, or when its stored
    working values are no longer `seen` (another reviewer saved meanwhile): nothing is written."""
    at = now()
    changed = {k: v for k, v in values.items() if base.get(k) != v}
    stored = s.execute(select(ReviewItemRow.values).where(ReviewItemRow.id == checked_id(item_id))
                       .with_for_update()).first()
    if stored is None:
        raise UnknownItemError(item_id)
    new: dict[Any, Any] = {ReviewItemRow.updated_at: at}
    if changed:
        new[ReviewItemRow.values] = values
    if decision is not None:
        new[ReviewItemRow.state] = "resolved"
    moved = _rowcount(s, update(ReviewItemRow).where(ReviewItemRow.id == item_id, ReviewItemRow.state == "open")
                      .values(new))
    if moved != 1:
        raise _closed(s, item_id)
    if stored[0] != seen:
        raise ReviewConflictError(item_id, "open", "was changed by another reviewer meanwhile; reload it")
    for key, value in changed.items():
        s.add(CellEditRow(item_id=item_id, key=key, old=exact(base.get(key)), new=exact(value),
                          reviewer=reviewer, at=at))
    if decision is not None:
        s.add(DecisionRow(item_id=item_id, outcome=decision.outcome, reviewer=decision.reviewer,
                          comment=decision.comment, values=decision.values, violations=decision.violations,
                          decided_at=at))
    return at


def _rowcount(s: Session, statement: Update) -> int:
    """How many rows an UPDATE moved (the session's objects are not synchronised: none are loaded)."""
    result = s.execute(statement.execution_options(synchronize_session=False))
    return cast("CursorResult[Any]", result).rowcount


def _closed(s: Session, item_id: int) -> ReviewConflictError:
    """The conflict to report for an item that is not open: who closed it, and how."""
    state = s.scalar(select(ReviewItemRow.state).where(ReviewItemRow.id == item_id))
    last = s.execute(select(DecisionRow.outcome, DecisionRow.reviewer).where(DecisionRow.item_id == item_id)
                     .order_by(DecisionRow.id.desc()).limit(1)).first()
    return closed_error(item_id, str(state), *(last or (None, None)))


def closed_error(item_id: int, state: str, outcome: str | None, reviewer: str | None) -> ReviewConflictError:
    """`ReviewConflictError` for an item in `state` (not open), naming its last decision."""
    if state == "superseded":
        return ReviewConflictError(item_id, state, "was superseded by a newer extraction of its report")
    by = f" ({outcome} by {reviewer})" if outcome else ""
    return ReviewConflictError(item_id, state, f"is already resolved{by}")


def exact(value: Any) -> Any:
    """A value for a JSON column that reads back as it was: an integer a double cannot hold
    exactly becomes its decimal text (a bare JSON number may be stored as a floating REAL)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _EXACT:
        return str(value)
    return value


#: the outcome of the history row a reopen appends (never a closing decision)
REOPENED = "reopened"


def reopen_review(s: Session, item_id: int, *, reviewer: str, comment: str, values: dict[str, Any],
                  violations: list[dict[str, Any]]) -> datetime:
    """Open a resolved item again, within `s` (one write transaction); its decisions and edits all stay.

    The reopen is appended to the item's decision history as a row with outcome `reopened`
    (who, when, why, and the values and violations it was reopened with), so the history reads
    in order and the latest row always says where the item stands. Refused with
    `ReviewConflictError` when the item is not resolved (open already, superseded, or reopened
    meanwhile by someone else)."""
    at = now()
    moved = _rowcount(s, update(ReviewItemRow)
                      .where(ReviewItemRow.id == checked_id(item_id), ReviewItemRow.state == "resolved")
                      .values({ReviewItemRow.state: "open", ReviewItemRow.updated_at: at}))
    if moved != 1:
        state = s.scalar(select(ReviewItemRow.state).where(ReviewItemRow.id == item_id))
        if state is None:
            raise UnknownItemError(item_id)
        if state == "open":
            raise ReviewConflictError(item_id, state, "is open already: only a resolved item can be reopened")
        raise _closed(s, item_id)
    s.add(DecisionRow(item_id=item_id, outcome=REOPENED, reviewer=reviewer, comment=comment, values=values,
                      violations=violations, decided_at=at))
    return at
