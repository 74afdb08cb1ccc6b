"""Batch runs: every document under the inputs → the store and JSON lines, resumable.

    stats = run_batch(["reports/"], engine, store, sink=JsonlSink(sys.stdout), concurrency=4)

A document whose content hash, suffix (how it is read) and engine settings already have a (not
failed) result in the store is skipped and its stored line re-emitted (`force=True` redoes it);
a result whose model call failed is stored but never reused. Engines run in threads (model calls wait on the
network); results are written by the calling thread only, in input order whatever finishes
first, each in one transaction, then printed: a batch killed at any moment keeps every finished
document and no half-written one, and the next run resumes where it stopped. After
`max_model_failures` documents in a row that could not reach the model, or at once when the key
is refused, the batch stops (`stats.stopped` says why) and the documents not yet read get no line.
Each reading is kept in a `Priors` book as soon as it is made, so a report whose body's report of
the year before was read earlier in the batch, or by an earlier run into the same store, gets its
candidates ordered by it (never settled; with one thread, "earlier in the batch" is input order).

`executor=` (with `spec=`, how workers build the engine) runs the per-document work elsewhere,
e.g. as Ray tasks (`extractor.distributed`): anything with `submit(fn, *args) -> Future` and
`shutdown()`. Everything above stays on the driver; a task lost for good (its worker crashed
more often than the executor retries) gives a `failed` line naming the cause. The lines equal
those of a one-thread local run: `extractor.remote` says how last year's readings get there.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Iterable, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from .document import Document
from .engines.base import Engine
from .errors import StoreError, XxgkError
from .flat import to_flat
from .load import load, read_as, walk
from .model_failures import DEFAULT_LIMIT, ModelFailures
from .pipeline import extract_loaded, failed
from .priors import Priors
from .remote import EngineSpec, RemoteReads
from .result import Result
from .store import Store, file_sha256, reusable, settings_hash


@dataclass
class BatchStats:
    """What a batch did; `done` counts extracted and skipped documents alike."""

    total: int = 0
    done: int = 0
    skipped: int = 0
    verified: int = 0
    review: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    store_errors: int = 0
    run_id: int | None = None
    started: float = field(default_factory=time.monotonic)
    model_failures: ModelFailures = field(default_factory=ModelFailures)
    #: documents left unread because the batch stopped (see `stopped`)
    not_read: int = 0
    #: files a folder walk passed over, by reason (hidden, not a supported type …)
    passed_over: dict[str, list[str]] = field(default_factory=dict)
    #: documents read a second time by an executor's workers because the answers they had about
    #: last year's reading were stale (`extractor.remote`); 0 for a local batch
    rereads: int = 0

    @property
    def halted(self) -> bool:
        """The model failures say stop (checked as the batch goes)."""
        return self.model_failures.stop is not None

    @property
    def stopped(self) -> str | None:
        """Why the batch stopped with documents left unread (None: it did not)."""
        return self.model_failures.stop if self.not_read else None

    def count(self, status: str | None) -> None:
        self.done += 1
        if status in ("verified", "review", "failed"):
            setattr(self, status, getattr(self, status) + 1)

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def per_minute(self) -> float:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return 60.0 * (self.done - self.skipped) / elapsed


class RateLimiter:
    """At most `per_minute` document starts per minute, shared by all worker threads."""

    def __init__(self, per_minute: float | None):
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


class JsonlSink:
    """Where JSON lines go. For a file: a partial last line (a kill mid-write) is cut off, and
    documents already in the file are not written again, so a resumed run adds no duplicates."""

    def __init__(self, fh: TextIO, *, provenance: bool = True, path: str | None = None):
        self.fh = fh
        self.provenance = provenance
        self.known: set[tuple[str | None, str | None]] = _lines_in(path) if path else set()

    @classmethod
    def open(cls, path: str, *, provenance: bool = True) -> "JsonlSink":
        _cut_partial_line(path)
        return cls(open(path, "a", encoding="utf-8"), provenance=provenance, path=path)

    def write(self, line: dict[str, Any]) -> None:
        key = (line.get("path"), line.get("sha256"))
        if key in self.known:
            return
        if reusable(line):
            self.known.add(key)
        if not self.provenance:
            line = {k: v for k, v in line.items() if k != "provenance"}
        self.fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


def run_batch(
    inputs: Iterable[str],
    engine: Engine,
    store: Store | None,
    *,
    sink: JsonlSink | None = None,
    force: bool = False,
    concurrency: int = 1,
    rate: float | None = None,
    progress: bool = True,
    label: str | None = None,
    console: Console | None = None,
    max_model_failures: int = DEFAULT_LIMIT,
    executor: Any = None,
    spec: EngineSpec | None = None,
) -> BatchStats:
    """Extract every document under the inputs; see the module docstring for the guarantees.

    `max_model_failures`: documents in a row that could not reach the model before the batch
    stops (0: never stop for that). `executor`/`spec`: read the documents in other processes
    (`extractor.remote`); the executor is shut down when the batch ends."""
    if executor is not None and spec is None:
        raise TypeError("run_batch(executor=…) needs spec=EngineSpec(…): how the workers build the engine")
    console = console or Console(stderr=True)
    found = walk(inputs)
    paths = found.paths
    stats = BatchStats(total=len(paths), model_failures=ModelFailures(limit=max(0, max_model_failures)),
                       passed_over=found.skipped)
    settings = _settings(engine)
    digests: dict[str, str] = {}

    def digest_of(path: str) -> str:
        """What a reusable result must share besides the bytes: the engine settings and how the
        file is read (its suffix), so the same bytes as .html and as .md are two readings."""
        how = read_as(path)
        if how not in digests:
            digests[how] = settings_hash(engine.name, {**settings, "read_as": how})
        return digests[how]

    if store is not None:
        stats.run_id = store.start_run(engine.name, settings, label=label)
    limiter = RateLimiter(rate)
    concurrency = max(1, concurrency)
    # last year's report of the same body, read earlier in this batch, is evidence for this year's
    priors = Priors(earlier=store.reading_of if store is not None else None) if hasattr(engine, "priors") else None
    held = getattr(engine, "priors", None)
    reads = RemoteReads(executor, spec, engine.name, priors) if executor is not None and spec is not None else None
    if priors is not None and reads is None:
        engine.priors = priors  # type: ignore[attr-defined]

    def work(path: str) -> tuple[Result, Document | None]:
        limiter.acquire()
        if stats.halted:  # stopped while this one waited its turn: never written, see _stop
            return failed(path, "not read: the batch stopped", engine=engine.name), None
        result, doc = _extract(path, engine)
        if priors is not None and result.record is not None:  # here, before the next document starts
            priors.add(result.doc, result.organ, result.year, result.template, to_flat(result.record))
        return result, doc

    def finish(result: Result, doc: Document | None, sha: str | None) -> None:
        if store is not None and sha is not None and stats.run_id is not None:  # the run starts with the store
            try:
                store.save_result(result, run_id=stats.run_id, sha256=sha, settings_digest=digest_of(result.path),
                                  doc=doc)
            except StoreError as exc:
                stats.store_errors += 1
                console.print(Text.assemble(("store error:", "red"), f" {exc}"), soft_wrap=True)
        stats.count(result.status)
        stats.prompt_tokens += result.usage.prompt_tokens
        stats.completion_tokens += result.usage.completion_tokens
        stats.model_failures.see(result)
        if result.status == "failed":
            # the error is data (a file name, a model reply): shown as text, never read as markup
            console.print(Text.assemble(("failed", "red"), f" {result.error}"), soft_wrap=True)
        if sink is not None:
            sink.write(result.to_line(provenance=True))

    bar = _progress(console, enabled=progress)
    task = bar.add_task("extract", total=len(paths), **_fields(stats))
    pool = executor if executor is not None else ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="xxgk")
    # every document in input order: a running extraction (Future) or a stored line to re-emit;
    # lines are written from the head only, so the output follows the input whatever finishes first
    queue: deque[tuple[Future | dict[str, Any], str, str | None]] = deque()
    running = 0
    in_flight: set[tuple[str, str]] = set()  # (content hash, digest_of) being read now
    deferred: list[str] = []

    def drain(block_until: int) -> None:
        nonlocal running
        # the head goes out when it is a stored line, when too much is in flight, or when it is
        # already done (lines are written as soon as their turn comes)
        while queue and not stats.halted and (
                isinstance(queue[0][0], dict) or running > block_until or queue[0][0].done()):
            item, path, sha = queue.popleft()
            if isinstance(item, dict):  # a stored result, re-emitted in its place
                if sink is not None:
                    sink.write(item)
                continue
            running -= 1
            in_flight.discard((sha or "", digest_of(path)))
            result, doc = reads.settle(path, item) if reads is not None else item.result()
            finish(result, doc, sha)
            bar.update(task, completed=stats.done, **_fields(stats))

    def submit(path: str, redo: bool, *, defer: bool = True) -> None:
        nonlocal running
        sha = file_sha256(path)
        key = (sha or "", digest_of(path))
        if sha is not None and key in in_flight:
            if defer:
                deferred.append(path)  # same content in flight: wait for it, then reuse its result
                return
            drain(0)  # a third copy meets the second in flight: wait for it (deferring again never ends)
        line = store.find_line(sha, key[1]) if sha is not None and store is not None and not redo else None
        if line is not None:
            stats.skipped += 1
            stats.count(line.get("status"))
            queue.append(({**line, "path": path, "doc": os.path.basename(path)}, path, sha))
            bar.update(task, completed=stats.done, **_fields(stats))
            return
        drain(2 * concurrency - 1)
        if stats.halted:
            return  # the document just written stopped the batch: this one is not read
        if sha is not None:
            in_flight.add(key)
        if reads is not None:
            limiter.acquire()
            queue.append((reads.submit(path), path, sha))
        else:
            queue.append((pool.submit(work, path), path, sha))
        running += 1

    try:
        with bar:
            for path in paths:
                if stats.halted:
                    break
                submit(path, force)
            drain(0)
            for path in deferred:  # copies of a document done in this very run reuse its result
                if stats.halted:
                    break
                submit(path, False, defer=False)
            drain(0)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        if priors is not None and reads is None:
            engine.priors = held  # type: ignore[attr-defined]
    if stats.halted:
        _stop(queue, sink)
        stats.not_read = stats.total - stats.done
    pool.shutdown(wait=True, cancel_futures=True)
    stats.rereads = reads.rereads if reads is not None else 0
    if store is not None and stats.run_id is not None:
        store.finish_run(
            stats.run_id, documents=stats.done, skipped=stats.skipped, verified=stats.verified,
            review=stats.review, failed=stats.failed, prompt_tokens=stats.prompt_tokens,
            completion_tokens=stats.completion_tokens, seconds=time.monotonic() - stats.started,
        )
    return stats


def _stop(queue: deque, sink: JsonlSink | None) -> None:
    """After a stop: stored lines still queued go out (they were read before); documents not
    yet read are cancelled, or, already running, left to end unwritten."""
    for item, _path, _sha in queue:
        if isinstance(item, dict):
            if sink is not None:
                sink.write(item)
        else:
            item.cancel()
    queue.clear()


def _extract(path: str, engine: Engine) -> tuple[Result, Document | None]:
    """Load and extract one file; never raises (a failure is a `failed` Result naming the file)."""
    try:
        doc = load(path)
    except XxgkError as exc:
        return failed(path, str(exc), engine=engine.name), None
    except Exception as exc:  # a loader bug must not lose the batch
        return failed(path, f"{path}: could not read the file ({type(exc).__name__}: {exc})", engine=engine.name), None
    return extract_loaded(doc, engine), doc


def _settings(engine: Engine) -> dict[str, Any]:
    getter = getattr(engine, "settings", None)
    return dict(getter()) if callable(getter) else {}


def _progress(console: Console, *, enabled: bool) -> Progress:
    return Progress(
        BarColumn(bar_width=16), MofNCompleteColumn(),
        TextColumn("[green]{task.fields[verified]} verified"),
        TextColumn("[yellow]{task.fields[review]} flagged"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TextColumn("{task.fields[skipped]} reused"),
        TextColumn("{task.fields[tokens]} tok"),
        TextColumn("{task.fields[rate]} docs/min"),
        TimeElapsedColumn(),
        console=console, disable=not enabled, transient=False,
    )


def _fields(stats: BatchStats) -> dict[str, Any]:
    return dict(verified=stats.verified, review=stats.review, failed=stats.failed, skipped=stats.skipped,
                tokens=stats.tokens, rate=f"{stats.per_minute:.1f}")


def _lines_in(path: str) -> set[tuple[str | None, str | None]]:
    """(path, sha256) of the finished documents already written to a JSON-lines file."""
    known: set[tuple[str | None, str | None]] = set()
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            try:
                line = json.loads(raw)
            except json.JSONDecodeError:
                continue
            if isinstance(line, dict) and reusable(line):
                known.add((line.get("path"), line.get("sha256")))
    return known


def _cut_partial_line(path: str) -> None:
    """Drop an unterminated last line (the process was killed while writing it)."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) == b"\n":
            return
        fh.seek(0)
        data = fh.read()
        fh.truncate(data.rfind(b"\n") + 1)
