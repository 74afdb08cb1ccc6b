"""The store's wall: its query and review methods, and the frozen records they return.

The store is `_review_store`'s: items 1-4 (seed 000 of 2019; seeds 002, 004 and their 2024
twin of 2021), seeds 001 and 003 verified, one batch labelled "page".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractor.errors import ReviewConflictError, UnknownItemError
from extractor.store import REOPENED, Decision, ItemFilter, Store

from _review_store import DOUBT_KEY, TWIN, review_store

CLOSING = ("extraction_corrected", "report_wrong")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The review store built once; each test works on its own copy of the file."""
    folder = tmp_path_factory.mktemp("queries")
    review_store(folder).close()
    return folder / "xxgk.sqlite"


@pytest.fixture
def store(built, tmp_path) -> Store:
    copy = tmp_path / "xxgk.sqlite"
    copy.write_bytes(built.read_bytes())
    return Store("sqlite:///" + str(copy))


def _decide(store: Store, item_id: int, outcome: str = "report_wrong", reviewer: str = "王") -> None:
    base = store.item(item_id).values
    store.write_review(item_id, seen=None, base=base, values=base, reviewer=reviewer,
                       decision=Decision(outcome=outcome, reviewer=reviewer, comment="as printed", values=base,
                                         violations=[{"rule": "outcome_sum"}]))


def test_the_queue_lists_open_items_in_order_and_filters_them(store):
    lines = store.review_items()
    assert [i.id for i in lines] == [1, 2, 3, 4]
    assert [i.doc[:3] for i in lines[:3]] == ["000", "002", "004"] and lines[3].doc == TWIN
    assert all(i.state == "open" and i.outcome is None for i in lines)
    (run,) = {i.run_id for i in lines}

    def ids(**which):
        return [i.id for i in store.review_items(ItemFilter(**which))]

    assert ids(template="2019") == [1]
    assert ids(template="2021") == [2, 3, 4]
    assert ids(rule="outcome_sum") == [1, 3]  # a base rule id
    assert ids(rule="row_total") == [3, 4]
    assert ids(rule="doubt") == [2]  # a reason's kind
    assert ids(rule="error:balance:requests.natural") == [4]  # a reason's prefix
    assert ids(organ=lines[3].organ) == [3, 4]
    assert ids(rule="row_total", template="2021", organ=lines[3].organ, batch=run) == [3, 4]
    assert ids(batch=run) == [1, 2, 3, 4]
    assert ids(batch=run + 1) == []
    assert ids(state="resolved") == [] and ids(state="all") == [1, 2, 3, 4]


def test_records_are_frozen(store):
    line = store.review_items()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.state = "resolved"  # type: ignore[misc]
    assert isinstance(line.rules, tuple) and isinstance(line.reasons, tuple)


def test_an_item_carries_its_record_and_report(store):
    item = store.item(2)
    assert item.line.id == 2 and item.line.template == "2021"
    assert DOUBT_KEY in item.doubts and item.extracted[DOUBT_KEY] is None
    assert item.stored_values is None and item.values == item.extracted
    assert item.text and len(item.sha256) == 64
    assert item.edits == () and item.decisions == () and item.last_decision is None


@pytest.mark.parametrize("bad", [0, -1, 2**63, True, "1", 99])
def test_an_unknown_item_is_an_unknown_item_error(store, bad):
    with pytest.raises(UnknownItemError):
        store.item(bad)


def test_an_edit_is_logged_and_becomes_the_working_values(store):
    base = store.item(1).values
    key = "requests.total.natural"
    store.write_review(1, seen=None, base=base, values={**base, key: base[key] + 1}, reviewer="王")
    item = store.item(1)
    assert item.stored_values is not None and item.values[key] == base[key] + 1
    assert [(e.key, e.old, e.new, e.reviewer) for e in item.edits] == [(key, base[key], base[key] + 1, "王")]
    assert item.line.state == "open"


def test_a_stale_save_is_refused_and_writes_nothing(store):
    base = store.item(1).values
    key = "requests.total.natural"
    store.write_review(1, seen=None, base=base, values={**base, key: 1}, reviewer="王")
    with pytest.raises(ReviewConflictError, match="another reviewer"):
        store.write_review(1, seen=None, base=base, values={**base, key: 2}, reviewer="李")
    assert [e.new for e in store.item(1).edits] == [1]


def test_a_decision_closes_the_item_and_is_counted(store):
    _decide(store, 1)
    item = store.item(1)
    assert item.line.state == "resolved" and item.line.outcome == "report_wrong"
    decision = item.last_decision
    assert decision is not None and (decision.reviewer, decision.comment) == ("王", "as printed")
    assert decision.violations == ({"rule": "outcome_sum"},)
    assert store.item_states() == {"open": 3, "resolved": 1}
    assert [d.reviewer for d in store.decisions_made(CLOSING)] == ["王"]
    assert [i.line.id for i in store.resolved_items()] == [1]
    assert [i.id for i in store.review_items(ItemFilter(state="resolved"))] == [1]
    with pytest.raises(ReviewConflictError, match=r"already resolved \(report_wrong by 王\)"):
        _decide(store, 1, reviewer="李")


def test_a_reopen_joins_the_history_and_is_no_decision(store):
    _decide(store, 3)
    values = store.item(3).values
    store.reopen_review(3, reviewer="李", comment="再看", values=values, violations=[])
    item = store.item(3)
    assert item.line.state == "open" and item.line.outcome == REOPENED
    assert [d.outcome for d in item.decisions] == ["report_wrong", REOPENED]
    assert store.resolved_items() == []
    assert [d.reviewer for d in store.decisions_made(CLOSING)] == ["王"]
    assert [d.reviewer for d in store.decisions_made([REOPENED])] == ["李"]
    with pytest.raises(ReviewConflictError, match="open already"):
        store.reopen_review(3, reviewer="李", comment="", values=values, violations=[])


def test_current_records_carry_their_review(store):
    records = store.current_records()
    assert len(records) == 6
    assert [r.path for r in records] == sorted(r.path for r in records)
    queued = {r.doc: r.review.id for r in records if r.review is not None}
    assert sorted(queued.values()) == [1, 2, 3, 4]
    assert queued == store.item_ids_by_document()
    assert {r.status for r in records if r.review is None} == {"verified"}
    assert all(r.text is None for r in records)
    assert all(r.text for r in store.current_records(with_text=True))
    seed = next(r for r in records if r.review is not None and r.review.id == 1)
    assert seed.violations and {v.rule.split(":")[0] for v in seed.violations} >= {"outcome_sum"}

    _decide(store, 1)
    after = next(r for r in store.current_records() if r.record_id == seed.record_id)
    assert after.review is not None and after.review.state == "resolved"
    assert after.review.last_decision is not None and after.review.last_decision.outcome == "report_wrong"


def test_batches_name_the_runs(store):
    (batch,) = store.batches()
    assert batch.label == "page" and batch.engine
    assert {i.run_id for i in store.review_items()} == {batch.id}


def test_the_package_exports_no_rows_nor_their_base():
    import extractor.store as store_package

    for name in ("Base", "DocumentRow", "RunRow", "RecordRow", "ViolationRow", "ReviewItemRow", "CellEditRow",
                 "DecisionRow"):
        assert not hasattr(store_package, name) and name not in store_package.__all__
    assert {"Store", "ItemRecord", "CurrentRecord", "ItemFilter"} <= set(store_package.__all__)
