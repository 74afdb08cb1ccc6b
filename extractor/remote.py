"""One document's work as a picklable function, for batches whose workers are other processes.

A local batch shares one engine and one `Priors` book between threads. A worker in another
process (a Ray task, `extractor.distributed`) has neither: `read_document(spec, path, answers)`
builds the engine from its name and options (`EngineSpec`, once per process and then reused, so
a model client or the OCR engine is loaded once per worker, not per document), loads and reads
the file (`pipeline.load_or_fail` + `extract_loaded`, never raising) and returns the Result, the
Document (the store keeps its text) and every question the engine asked about last year's
reading with the answer it got.

The driver (`RemoteReads`, used by `batch.run_batch` when given an executor) takes results in
input order. It ships each task a snapshot of its book; when a result comes to its turn the
driver holds exactly the book a one-thread local run would have at that document, so it
checks the answers the worker used against it, and reads the document again with the right
answers when they differ (the body's report of the year before was still in flight, or only
in the store). The lines are therefore those of a local run with one thread, at the cost of a
second read for such documents.
"""

from __future__ import annotations

import importlib
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .document import Document
from .engines import get_engine
from .engines.base import Engine
from .flat import to_flat
from .pipeline import extract_loaded, failed, load_or_fail
from .priors import Prior, Priors, book_key
from .result import Result

#: how many new readings the driver's book gains before a fresh snapshot is shipped to workers
SNAPSHOT_EVERY = 32
#: reads of one document with corrected answers before its result is taken as it is
MAX_REREADS = 2

Key = tuple[str, int]


@dataclass(frozen=True)
class EngineSpec:
    """How a worker builds the engine: a name from `extractor.engines.ENGINES` (or a factory
    "module:attr") and its options, sorted so that equal specs share one cached engine."""

    engine: str
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, engine: str, **options: Any) -> "EngineSpec":
        return cls(engine, tuple(sorted((k, v) for k, v in options.items() if v is not None)))

    def build(self) -> Engine:
        if ":" in self.engine:
            module, attr = self.engine.split(":", 1)
            return getattr(importlib.import_module(module), attr)(**dict(self.options))
        return get_engine(self.engine, **dict(self.options))


class TaskPriors:
    """The `Priors.get` of an engine cached in a worker: answers come with each task (the
    driver's snapshot) and every question is noted with its answer, per thread."""

    def __init__(self) -> None:
        self._local = threading.local()

    def begin(self, answers: Mapping[Key, Prior | None], asked: dict[Key, Prior | None]) -> None:
        self._local.task = (answers, asked)

    def end(self) -> None:
        self._local.task = None

    def get(self, organ: str | None, year: int | None) -> Prior | None:
        task = getattr(self._local, "task", None)
        if task is None or not organ or year is None:
            return None
        answers, asked = task
        prior = answers.get(book_key(organ, year))
        asked[(organ, year)] = prior
        return prior


@dataclass
class Outcome:
    """What a worker sends back for one document."""

    result: Result
    doc: Document | None
    asked: dict[Key, Prior | None]


_engines: dict[EngineSpec, tuple[Engine, TaskPriors | None]] = {}
_engines_lock = threading.Lock()


def _engine_for(spec: EngineSpec) -> tuple[Engine, TaskPriors | None]:
    """The engine for a spec, built once per process; an engine that takes last year's readings
    gets a `TaskPriors` (as a local batch gives it a `Priors` book)."""
    with _engines_lock:
        if spec not in _engines:
            engine = spec.build()
            book = TaskPriors() if hasattr(engine, "priors") else None
            if book is not None:
                engine.priors = book  # type: ignore[attr-defined]
            _engines[spec] = (engine, book)
        return _engines[spec]


def read_document(spec: EngineSpec, path: str, answers: Mapping[Key, Prior | None] | None = None) -> Outcome:
    """Load, read and check one file in this process; never raises for the document's sake (a
    broken file or engine error is a `failed` Result naming the file, as in a local batch)."""
    try:
        engine, book = _engine_for(spec)
    except Exception as exc:  # options the workers cannot build: every document says so
        return Outcome(failed(path, f"{path}: the engine could not be built ({type(exc).__name__}: {exc})",
                              engine=spec.engine), None, {})
    asked: dict[Key, Prior | None] = {}
    if book is not None:
        book.begin(answers or {}, asked)
    try:
        loaded = load_or_fail(path, engine)
        if isinstance(loaded, Result):
            return Outcome(loaded, None, asked)
        return Outcome(extract_loaded(loaded, engine), loaded, asked)
    finally:
        if book is not None:
            book.end()


def lost(path: str, engine: str, exc: BaseException) -> Result:
    """The `failed` Result of a document whose task never came back (its worker or node died
    more often than the executor retries): the cause is named, the batch goes on."""
    kind = type(exc)
    first = (str(exc).strip().splitlines() or [""])[0]
    return failed(path, f"{path}: not read: the worker's task failed ({kind.__module__}.{kind.__name__}: {first})",
                  engine=engine)


class RemoteReads:
    """The driver's side: submit a document with the book's snapshot, and at its turn (input
    order) turn the outcome into the Result a one-thread local run gives (see module doc)."""

    def __init__(self, executor: Any, spec: EngineSpec, engine: str, book: Priors | None) -> None:
        self.executor = executor
        self.spec = spec
        self.engine = engine
        self.book = book
        self.rereads = 0
        self._share: Callable[[Any], Any] = getattr(executor, "share", lambda obj: obj)
        self._snapshot: Any = None
        self._size = -1

    def submit(self, path: str) -> Future:
        return self.executor.submit(read_document, self.spec, path, self._answers())

    def _answers(self) -> Any:
        if self.book is None:
            return None
        if self._snapshot is None or len(self.book) >= self._size + SNAPSHOT_EVERY:
            self._size = len(self.book)
            self._snapshot = self._share(self.book.snapshot())
        return self._snapshot

    def settle(self, path: str, future: Future) -> tuple[Result, Document | None]:
        """The head's Result: checked against the book, read again if its answers were stale,
        then added to the book (as a local batch adds each reading before the next starts)."""
        try:
            outcome: Outcome = future.result()
            for _ in range(MAX_REREADS):
                if self.book is None or not outcome.asked:
                    break
                wanted = {key: self.book.get(*key) for key in outcome.asked}
                if wanted == outcome.asked:
                    break
                self.rereads += 1
                exact = {book_key(*key): prior for key, prior in wanted.items()}
                outcome = self.executor.submit(read_document, self.spec, path, exact).result()
        except Exception as exc:  # the task itself was lost (retries spent): a failed line
            return lost(path, self.engine, exc), None
        result = outcome.result
        if self.book is not None and result.record is not None:
            self.book.add(result.doc, result.organ, result.year, result.template, to_flat(result.record))
        return result, outcome.doc


__all__ = ["EngineSpec", "Outcome", "RemoteReads", "TaskPriors", "lost", "read_document"]
