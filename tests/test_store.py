"""The store: migrations match the models, WAL mode, atomic saves, lookup by content + settings."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from extractor.document import Document
from extractor.errors import StoreError
from extractor.flat import from_flat
from extractor.pipeline import check_reading
from extractor.engines.base import Reading
from extractor.store import Store, as_url, settings_hash
from extractor.store.models import Base, RecordRow, ReviewItemRow, ViolationRow
from extractor.store._migrations import LATEST, current_version


def seed_result(case):
    path, gold = case
    text = path.read_text(encoding="utf-8")
    doc = Document(path=str(path), text=text, format="txt", sha256="x" * 64)
    meta = gold["meta"]
    record = from_flat(meta["template"], gold["fields"], organ=meta["organ"], year=meta["year"])
    return doc, check_reading(doc, Reading(record=record, engine="gold"))


@pytest.fixture
def store(tmp_path):
    s = Store(as_url(str(tmp_path / "x.sqlite")))
    yield s
    s.close()


def test_migrations_build_exactly_the_models(store):
    with store.engine.connect() as conn:
        diff = [d for d in compare_metadata(MigrationContext.configure(conn), Base.metadata)
                if not (d[0] == "remove_table" and d[1].name == "xxgk_schema")]
        assert diff == []
        assert current_version(conn) == LATEST


def test_reopening_migrates_nothing_and_keeps_data(tmp_path, seed000):
    url = as_url(str(tmp_path / "x.sqlite"))
    s = Store(url)
    doc, result = seed_result(seed000)
    run = s.start_run("gold", {})
    s.save_result(result, run_id=run, sha256="a" * 64, settings_digest="d", doc=doc)
    s.close()
    again = Store(url)
    with again.session() as ses:
        assert ses.scalar(select(func.count(RecordRow.id))) == 1
    assert sqlite3.connect(tmp_path / "x.sqlite").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_save_writes_record_violations_and_review_item(store, seed000):
    doc, result = seed_result(seed000)
    assert result.status == "review"
    run = store.start_run("gold", {"model": "m"})
    rid = store.save_result(result, run_id=run, sha256="a" * 64, settings_digest="d", doc=doc)
    with store.session() as s:
        rec = s.get(RecordRow, rid)
        assert rec.values["requests.total.natural"] == 15
        assert rec.document.text == doc.text
        rules = sorted(v.rule for v in rec.violations if v.severity == "error")
        assert rules == ["outcome_sum:requests.natural", "outcome_sum:requests.total"]
        item = s.scalars(select(ReviewItemRow)).one()
        assert item.rules == ["outcome_sum"] and item.state == "open"
    assert store.find_line("a" * 64, "d")["fields"]["requests.total.natural"] == 15
    assert store.find_line("a" * 64, "other settings") is None


def test_a_second_save_supersedes_the_first(store, seed000):
    doc, result = seed_result(seed000)
    run = store.start_run("gold", {})
    store.save_result(result, run_id=run, sha256="a" * 64, settings_digest="d", doc=doc)
    store.save_result(result, run_id=run, sha256="a" * 64, settings_digest="d", doc=doc)
    with store.session() as s:
        assert [r.current for r in s.scalars(select(RecordRow).order_by(RecordRow.id))] == [False, True]


def test_failed_result_is_not_reused(store):
    from extractor.pipeline import failed

    run = store.start_run("gold", {})
    store.save_result(failed("a.txt", "a.txt: boom"), run_id=run, sha256="b" * 64, settings_digest="d")
    assert store.find_line("b" * 64, "d") is None


def test_a_failed_write_leaves_nothing(store, seed000, monkeypatch):
    doc, result = seed_result(seed000)
    run = store.start_run("gold", {})
    import extractor.store.store as mod

    def broken(*a, **k):
        raise mod.SQLAlchemyError("disk full")

    monkeypatch.setattr(mod, "record_row", broken)
    with pytest.raises(StoreError, match="could not store"):
        store.save_result(result, run_id=run, sha256="a" * 64, settings_digest="d", doc=doc)
    with store.session() as s:
        assert s.scalar(select(func.count(RecordRow.id))) == 0
        assert s.scalar(select(func.count(ViolationRow.id))) == 0
        from extractor.store.models import DocumentRow
        assert s.scalar(select(func.count(DocumentRow.id))) == 0  # the document row rolled back too


def test_settings_hash_depends_on_engine_and_settings():
    assert settings_hash("llm", {"model": "a"}) == settings_hash("llm", {"model": "a"})
    assert settings_hash("llm", {"model": "a"}) != settings_hash("llm", {"model": "b"})
    assert settings_hash("llm", {}) != settings_hash("layout", {})


def test_unreachable_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(f"sqlite:///{tmp_path}/no/such/folder/x.sqlite")
