"""The store under several writers: real processes (two batches on one database, two reviewers).

Each test starts its processes together (a barrier) so that they meet in the same moment, and
waits for them a bounded time: a process still running after it is killed and the test fails.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest
from sqlalchemy import func, select, text

from extractor.batch import run_batch
from extractor.errors import ReviewError
from extractor.review import list_items, resolve
from extractor.store import Store, as_url
from extractor.store.models import DecisionRow, DocumentRow, RecordRow, ReviewItemRow
from extractor.store._migrations import LATEST

from gold_engine import GoldEngine, review_copies

CTX = multiprocessing.get_context("fork")
WAIT = 120  # seconds a process may take before the test gives up on it


def _run(target, *args_per_process) -> list:
    """Run `target(*args, barrier, out)` in one process per args tuple; their reports, in any order."""
    barrier, out = CTX.Barrier(len(args_per_process)), CTX.Queue()
    procs = [CTX.Process(target=target, args=(*args, barrier, out)) for args in args_per_process]
    for p in procs:
        p.start()
    reports = []
    deadline = time.monotonic() + WAIT
    for _ in procs:
        reports.append(out.get(timeout=max(1.0, deadline - time.monotonic())))
    for p in procs:
        p.join(max(1.0, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            pytest.fail(f"a process did not finish within {WAIT} s")
    return reports


def _extract(url: str, folder: str, force: bool, barrier, out) -> None:
    try:
        barrier.wait(30)
        store = Store(url)
        stats = run_batch([folder], GoldEngine(), store, progress=False, force=force)
        out.put(("ok", stats.done, stats.store_errors))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        out.put(("error", f"{type(exc).__name__}: {exc}", None))


def _counts(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {
            "documents": s.scalar(select(func.count(DocumentRow.id))),
            "current": s.scalar(select(func.count(RecordRow.id)).where(RecordRow.current.is_(True))),
            "open": s.scalar(select(func.count(ReviewItemRow.id)).where(ReviewItemRow.state == "open")),
            "open_of_current": s.scalar(
                select(func.count(ReviewItemRow.id)).join(RecordRow)
                .where(ReviewItemRow.state == "open", RecordRow.current.is_(True))),
        }


def test_two_extracts_on_a_fresh_database_create_the_schema_once(tmp_path):
    folder = str(review_copies(tmp_path / "in", 3))
    for round_ in range(4):  # the race is in the first milliseconds: meet there a few times
        url = as_url(str(tmp_path / f"fresh{round_}.sqlite"))
        reports = _run(_extract, (url, folder, False), (url, folder, False))
        assert reports == [("ok", 3, 0), ("ok", 3, 0)], reports
        store = Store(url)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version FROM xxgk_schema ORDER BY version")).scalars().all() == list(range(1, LATEST + 1))
        assert _counts(store) == {"documents": 3, "current": 3, "open": 3, "open_of_current": 3}
        store.close()


def test_two_extracts_on_an_existing_database_store_and_queue_each_document_once(tmp_path):
    folder = str(review_copies(tmp_path / "in", 30))
    url = as_url(str(tmp_path / "xxgk.sqlite"))
    Store(url).close()
    reports = _run(_extract, (url, folder, False), (url, folder, False))
    assert reports == [("ok", 30, 0), ("ok", 30, 0)], reports
    assert _counts(Store(url)) == {"documents": 30, "current": 30, "open": 30, "open_of_current": 30}


def test_force_closes_the_old_review_item(tmp_path):
    folder = str(review_copies(tmp_path / "in", 2))
    store = Store(as_url(str(tmp_path / "xxgk.sqlite")))
    run_batch([folder], GoldEngine(), store, progress=False)
    first = {i.id for i in list_items(store)}
    run_batch([folder], GoldEngine(), store, progress=False, force=True)
    assert _counts(store) == {"documents": 2, "current": 2, "open": 2, "open_of_current": 2}
    assert {i.id for i in list_items(store)}.isdisjoint(first)
    assert {i.state for i in list_items(store, state="all") if i.id in first} == {"superseded"}
    with pytest.raises(ReviewError, match="superseded"):
        resolve(store, min(first), outcome="report_wrong", reviewer="王")


def _resolve_each(url: str, ids: list[int], name: str, barrier, out) -> None:
    try:
        store = Store(url)
        got = {}
        for item_id in ids:
            barrier.wait(30)
            try:
                resolve(store, item_id, outcome="report_wrong", reviewer=name)
                got[item_id] = "resolved"
            except ReviewError as exc:
                got[item_id] = f"{type(exc).__name__}: {exc}"
        out.put(got)
    except BaseException as exc:  # noqa: BLE001
        out.put({"error": f"{type(exc).__name__}: {exc}"})


def test_two_reviewers_in_two_processes_decide_each_item_once(tmp_path):
    url = as_url(str(tmp_path / "xxgk.sqlite"))
    store = Store(url)
    run_batch([str(review_copies(tmp_path / "in", 20))], GoldEngine(), store, progress=False)
    ids = [i.id for i in list_items(store)]
    assert len(ids) == 20
    a, b = _run(_resolve_each, (url, ids, "甲"), (url, ids, "乙"))
    for item_id in ids:
        outcomes = sorted([a[item_id], b[item_id]])
        assert outcomes[1] == "resolved" and outcomes[0].startswith("ReviewConflictError:"), outcomes
        assert "already resolved" in outcomes[0]
    with store.session() as s:
        per_item = s.execute(select(DecisionRow.item_id, func.count()).group_by(DecisionRow.item_id)).all()
    assert sorted(per_item) == [(i, 1) for i in ids]


def test_review_resolve_on_an_item_closed_meanwhile_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    db = tmp_path / "xxgk.sqlite"
    store = Store(as_url(str(db)))
    run_batch([str(review_copies(tmp_path / "in", 1))], GoldEngine(), store, progress=False)
    (item,) = list_items(store)
    resolve(store, item.id, outcome="report_wrong", reviewer="甲")
    r = CliRunner().invoke(app, ["review", "resolve", str(item.id), "--db", str(db), "--outcome", "report_wrong",
                                 "--reviewer", "乙"])
    assert r.exit_code == 1
    assert f"review item #{item.id} is already resolved (report_wrong by 甲); nothing was saved" in " ".join(r.output.split())
    with store.session() as s:
        assert s.scalar(select(func.count(DecisionRow.id))) == 1
