"""`Store`: where batch results live (SQLite by default, any SQLAlchemy URL such as PostgreSQL).

Each document's result is written in ONE transaction (document, record, violations, review
item), so a batch killed at any moment leaves either the whole result or nothing. A record is
looked up by the document's content hash and the engine settings' hash: that is what a re-run
skips.

Several processes may share one store (two batches, two review pages). SQLite runs in WAL mode
with a busy timeout, and every write transaction takes the write lock when it begins (`BEGIN
IMMEDIATE`, see `write()`), so what it read still holds when it writes; the schema is migrated
under that lock (or an advisory lock on PostgreSQL), once.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata
from typing import Any, Iterable, Iterator

from sqlalchemy import create_engine, event, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as SAEngine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..document import Document
from ..errors import StoreError
from ..flat import dump_value
from ..load import content_sha256 as content_hash
from ..priors import Prior
from ..result import Result
from . import items, queries
from ._migrations import LATEST, current_version, migrate
from .models import DocumentRow, RecordRow, ReviewItemRow, RunRow, ViolationRow, now
from .records import Batch, CurrentRecord, Decided, Decision, ItemFilter, ItemLine, ItemRecord

DEFAULT_NAME = "xxgk.sqlite"
#: how long a SQLite writer waits for another process's write transaction before giving up
BUSY_TIMEOUT_MS = 30_000


def default_url(out: str | None = None) -> str:
    """`xxgk.sqlite` next to the output file, or in the current folder."""
    folder = os.path.dirname(os.path.abspath(out)) if out and out != "-" else os.getcwd()
    return "sqlite:///" + os.path.join(folder, DEFAULT_NAME)


def as_url(db: str | None, out: str | None = None) -> str:
    """A `--db` value: a SQLAlchemy URL, or a plain file path meaning SQLite."""
    if not db:
        return default_url(out)
    return db if "://" in db else "sqlite:///" + os.path.abspath(db)


def settings_hash(engine: str, settings: dict[str, Any]) -> str:
    """What identifies how a result was made: the engine and its settings, canonically hashed."""
    blob = json.dumps({"engine": engine, **settings}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def file_sha256(path: str) -> str | None:
    """The content hash a re-run compares (None when the file cannot be read): the loaders' own."""
    try:
        return content_hash(path)
    except OSError:
        return None


def code_version() -> str | None:
    try:
        return metadata.version("xxgk-extractor")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return None


def reusable(line: dict[str, Any]) -> bool:
    """Whether a stored or written JSON line counts as done: not failed, and no model failure."""
    return line.get("status") != "failed" and not line.get("model_error")


def review_reasons(result: Result) -> list[str]:
    """Why a record goes to review, as the store keeps it (`ReviewReason`'s string form)."""
    return [str(r) for r in result.review_reasons()]


class Store:
    """Open (and migrate) a store; every write is one short transaction."""

    def __init__(self, url: str):
        self.url = url
        try:
            self.engine: SAEngine = create_engine(url, future=True)
            if url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_pragmas)
                event.listen(self.engine, "begin", _sqlite_begin)
            self._writer = self.engine.execution_options(xxgk_write=True)
            self._migrate()
        except SQLAlchemyError as exc:
            raise StoreError(f"{safe_url(url)}: cannot open the store ({exc.__class__.__name__}: {exc})") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)

    def _migrate(self) -> None:
        """Bring the schema up to date, once however many processes open the store at the same time."""
        with self.engine.connect() as conn:
            if current_version(conn) == LATEST:
                return  # the usual case: no write lock taken
        with self._writer.begin() as conn:
            migrate(conn)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading (it may write, but a write transaction should use `write()`)."""
        with self._sessions() as s:
            yield from _committed(s)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session that holds the write lock from its first statement to its commit (SQLite:
        `BEGIN IMMEDIATE`), so no other process writes between what it reads and what it writes."""
        with self._write_sessions() as s:
            yield from _committed(s)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ runs

    def start_run(self, engine: str, settings: dict[str, Any], *, label: str | None = None) -> int:
        with self.write() as s:
            run = RunRow(
                label=label, engine=engine, settings=_jsonable(settings),
                settings_hash=settings_hash(engine, settings),
                model=_str(settings.get("model")), prompt_version=_str(settings.get("prompt_version")),
                code_version=code_version(), documents=0, skipped=0, verified=0, review=0, failed=0,
                prompt_tokens=0, completion_tokens=0, seconds=0.0,
            )
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, **counts: Any) -> None:
        with self.write() as s:
            s.execute(update(RunRow).where(RunRow.id == run_id).values(
                finished_at=datetime.now(timezone.utc), **counts))

    # --------------------------------------------------------------- records

    def find_line(self, sha256: str, settings_digest: str) -> dict[str, Any] | None:
        """The stored JSON line of a finished result for this content and setting: not failed,
        and not one whose model call failed (stored for a reviewer, but the model is asked again)."""
        with self.session() as s:
            row = s.scalars(
                select(RecordRow).join(DocumentRow)
                .where(DocumentRow.sha256 == sha256, RecordRow.settings_hash == settings_digest,
                       RecordRow.current.is_(True), RecordRow.status != "failed")
                .order_by(RecordRow.id.desc()).limit(1)
            ).first()
            if row is None or not reusable(row.line):
                return None
            return dict(row.line)

    def reading_of(self, organ: str, year: int) -> Prior | None:
        """A body's report for a year as the store last read it (any engine setting), for last
        year's evidence (`extractor.priors`); None when it holds none, or readings that differ."""
        try:
            with self.session() as s:
                rows = s.execute(
                    select(RecordRow.path, RecordRow.template, RecordRow.values)
                    .where(RecordRow.organ == organ, RecordRow.year == year, RecordRow.current.is_(True),
                           RecordRow.status != "failed")
                    .order_by(RecordRow.id.desc()).limit(8)
                ).all()
        except SQLAlchemyError:
            return None  # evidence, not a requirement: a store that cannot answer gives none
        readings = {json.dumps(values, sort_keys=True) for _, _, values in rows}
        if len(readings) != 1:
            return None
        path, template, values = rows[0]
        return Prior(os.path.basename(path), organ, year, template, {k: v for k, v in values.items() if v is not None})

    def save_result(
        self, result: Result, *, run_id: int, sha256: str, settings_digest: str, doc: Document | None = None,
    ) -> int:
        """Write one result atomically. An earlier record of the same content and setting (this
        batch's `--force`, or another process that read the same document at the same time) stops
        being current, and its open review item is closed as `superseded`: one open item each."""
        try:
            with self.write() as s:
                document = _document(s, sha256, result)
                if doc is not None:
                    document.path, document.name = doc.path, doc.name
                    document.format, document.encoding = doc.format, doc.encoding
                    document.text, document.source_html = doc.text, doc.source_html
                s.flush()
                _supersede(s, document.id, settings_digest)
                record = record_row(result, document_id=document.id, run_id=run_id, settings_digest=settings_digest)
                s.add(record)
                s.flush()
                if result.status == "review":
                    s.add(ReviewItemRow(
                        record_id=record.id, state="open", reasons=review_reasons(result),
                        rules=sorted({v.rule.split(":", 1)[0] for v in result.violations if v.severity == "error"}),
                    ))
                return record.id
        except SQLAlchemyError as exc:
            raise StoreError(f"{result.path}: could not store the result ({exc.__class__.__name__}: {exc})") from exc

    # ---------------------------------------------------------------- review

    def review_items(self, which: ItemFilter | None = None) -> list[ItemLine]:
        """The review queue's lines, in item order, filtered by `which` (default: the open items)."""
        with self.session() as s:
            return queries.review_items(s, which or ItemFilter())

    def item(self, item_id: int) -> ItemRecord:
        """One review item, its record, report, edits and decisions; `UnknownItemError` when there is none."""
        with self.session() as s:
            return queries.item(s, item_id)

    def resolved_items(self) -> list[ItemRecord]:
        """Every resolved review item, in item order (what the gold export writes)."""
        with self.session() as s:
            return queries.resolved_items(s)

    def batches(self) -> list[Batch]:
        """Every extraction run, in id order."""
        with self.session() as s:
            return queries.batches(s)

    def item_states(self) -> dict[str, int]:
        """How many review items are in each state (a state with none is absent)."""
        with self.session() as s:
            return dict(queries.item_states(s))

    def decisions_made(self, outcomes: Iterable[str]) -> list[Decided]:
        """Who made each decision-history row with one of `outcomes`, and when, in the order made."""
        with self.session() as s:
            return queries.decisions_made(s, outcomes)

    def write_review(
        self, item_id: int, *, seen: dict[str, Any] | None, base: dict[str, Any], values: dict[str, Any],
        reviewer: str, decision: Decision | None = None,
    ) -> datetime:
        """Store a reviewer's values (each cell changed from `base` logged) and close the item with
        `decision` if given, in one transaction; returns when. `ReviewConflictError` (nothing
        written) when the item is no longer open, or its stored values are no longer `seen`."""
        with self.write() as s:
            return items.write_review(s, item_id, seen=seen, base=base, values=values, reviewer=reviewer,
                                      decision=decision)

    def reopen_review(self, item_id: int, *, reviewer: str, comment: str, values: dict[str, Any],
                      violations: list[dict[str, Any]]) -> datetime:
        """Open a resolved item again, appending a `reopened` row to its history, in one transaction;
        returns when. `ReviewConflictError` when it is not resolved."""
        with self.write() as s:
            return items.reopen_review(s, item_id, reviewer=reviewer, comment=comment, values=values,
                                       violations=violations)

    # --------------------------------------------------------- across records

    def current_records(self, *, with_text: bool = False) -> list[CurrentRecord]:
        """Every current record (the latest reading of each document under each setting), in path
        order, with its violations and review; `with_text` also reads each report's text."""
        with self.session() as s:
            return queries.current_records(s, with_text=with_text)

    def item_ids_by_document(self) -> dict[str, int]:
        """Report file name → its review item (current records only; a verified report has none)."""
        with self.session() as s:
            return queries.item_ids_by_document(s)


def _document(s: Session, sha256: str, result: Result) -> DocumentRow:
    """The document row of this content, inserted if new, and locked until the commit. Under
    SQLite's write lock no other process can insert it meanwhile; elsewhere (PostgreSQL) a
    concurrent insert wins, its row is used, and the row lock makes the two saves take turns."""
    by_hash = select(DocumentRow).where(DocumentRow.sha256 == sha256).with_for_update()
    found = s.scalars(by_hash).first()
    if found is not None:
        return found
    try:
        with s.begin_nested():
            document = DocumentRow(sha256=sha256, path=result.path, name=result.doc)
            s.add(document)
        return document
    except IntegrityError:
        return s.scalars(by_hash).one()


def _supersede(s: Session, document_id: int, settings_digest: str) -> None:
    """The current records of a document under a setting stop being current; their open items close."""
    current = (RecordRow.document_id == document_id, RecordRow.settings_hash == settings_digest,
               RecordRow.current.is_(True))
    s.execute(
        update(ReviewItemRow)
        .where(ReviewItemRow.state == "open", ReviewItemRow.record_id.in_(select(RecordRow.id).where(*current)))
        .values(state="superseded", updated_at=now())
        .execution_options(synchronize_session=False))
    s.execute(update(RecordRow).where(*current).values(current=False).execution_options(synchronize_session=False))


def _committed(s: Session) -> Iterator[Session]:
    """Yield the session; commit when the block ends, roll back on any error."""
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise


def record_row(result: Result, *, document_id: int, run_id: int, settings_digest: str) -> RecordRow:
    line = result.to_line(provenance=True)
    return RecordRow(
        document_id=document_id, run_id=run_id, settings_hash=settings_digest, current=True,
        path=result.path, status=result.status, engine=result.engine, template=result.template,
        year=result.year, organ=result.organ,
        values={k: dump_value(v) for k, v in result.fields.items()},
        printed=dict(result.record.printed) if result.record is not None else {},
        provenance=line.get("provenance", {}), doubts=line["doubts"],
        cell_engines=dict(result.cell_engines), settings=_jsonable(result.settings),
        prompt_tokens=result.usage.prompt_tokens, completion_tokens=result.usage.completion_tokens,
        calls=result.usage.calls, seconds=result.seconds, error=result.error, line=line,
        violations=[
            ViolationRow(rule=v.rule, severity=v.severity, keys=list(v.keys), expected=v.expected,
                         found=v.found, message=v.message)
            for v in result.violations
        ],
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # transactions are begun by `_sqlite_begin`, not implicitly by the driver (which would not
    # put DDL in one, and would start a write transaction only at its first write)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next pragmas may wait too
    _wal(cur)  # readers (the web page) never block the batch
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a killed process
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _wal(cur: Any) -> None:
    """Put the database in WAL mode (once: it stays so). Switching takes an exclusive lock and does
    not wait on the busy timeout: processes opening a new database together retry until it is done."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:  # (an in-memory database answers "memory", and stays so)
        try:
            cur.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + random.random() * 0.05)


def _sqlite_begin(conn: Connection) -> None:
    """A write session takes the write lock at once; a read session reads a snapshot."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("xxgk_write") else "BEGIN")


def _jsonable(obj: Any) -> Any:
    return json.loads(json.dumps(obj, ensure_ascii=False, default=str))


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def safe_url(url: str) -> str:
    """The URL without a password, for error messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url
