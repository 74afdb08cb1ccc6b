"""The same batch with the documents read in local worker processes (`xxgk extract --processes N`).

Threads (`--concurrency`) suit model calls, which wait on the network; loading a PDF, OCR and the
layout reader are CPU work that one process runs one thread at a time (the GIL). Here each worker
process builds the engine once (`remote.EngineSpec`) and reads whole documents; the driver keeps
the batch's order, resume and store writes (`batch.run_batch` with an executor), so the lines
equal a one-thread run. A worker that dies loses no document: the documents in flight with it are
read again on a fresh pool, and one that keeps killing its worker gets a `failed` line naming the
cause; the others go on.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable

from .batch import BatchStats, run_batch
from .remote import EngineSpec
from .store import Store


#: reads of a document on a fresh pool after a worker died under it (the dead worker may have been
#: reading another document: those in flight with it are read again)
MAX_RETRIES = 2


class Workers:
    """A pool of spawned worker processes that starts afresh when one died (a broken pool takes no
    more work). Each document in flight when a worker died is read again in a worker of its own (so
    a document that kills its worker takes no other down with it), up to MAX_RETRIES times; the one
    that keeps killing its worker then gets a `failed` line naming the cause (a re-run reads it
    again), and the batch goes on."""

    def __init__(self, processes: int, *, retries: int = MAX_RETRIES) -> None:
        self.processes = max(1, processes)
        self.retries = retries
        self._lock = threading.Lock()
        self.pool = self._new()

    def _new(self, processes: int | None = None) -> ProcessPoolExecutor:
        # spawned, not forked: the driver holds threads and a database connection a fork would copy
        return ProcessPoolExecutor(max_workers=processes or self.processes, mp_context=multiprocessing.get_context("spawn"))

    def _current(self, broken: ProcessPoolExecutor | None = None) -> ProcessPoolExecutor:
        """The pool to submit to: a fresh one if `broken` (or the current pool) is broken."""
        with self._lock:
            if broken is self.pool or getattr(self.pool, "_broken", False):
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new()
            return self.pool

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        out: Future = Future()

        def attempt(tries: int, pool: ProcessPoolExecutor, solo: bool) -> None:
            try:
                inner = pool.submit(fn, *args)
            except BrokenProcessPool:
                pool = self._current(pool)
                inner = pool.submit(fn, *args)

            def done(f: Future) -> None:
                if solo:
                    pool.shutdown(wait=False)
                exc = f.exception()
                if isinstance(exc, BrokenProcessPool) and tries > 0:
                    if not solo:
                        self._current(pool)  # the shared pool starts afresh for the documents to come
                    # read again alone: a document that kills its worker then kills only its own
                    attempt(tries - 1, self._new(1), True)
                elif exc is not None:
                    out.set_exception(exc)
                else:
                    out.set_result(f.result())

            inner.add_done_callback(done)

        attempt(self.retries, self._current(), False)
        return out

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def run_batch_in_processes(inputs: Iterable[str], engine: str, store: Store | None, *, processes: int = 2,
                           options: dict[str, Any] | None = None, **batch: Any) -> BatchStats:
    """`batch.run_batch` with every document read in one of `processes` worker processes; `engine`
    is an engine name built with `options` in each worker (and once here first, so a bad option is
    reported once); `batch` takes run_batch's other keywords (sink, force, rate, label, …)."""
    spec = EngineSpec.of(engine, **(options or {}))
    driver_engine = spec.build()
    batch.pop("concurrency", None)
    return run_batch(inputs, driver_engine, store, executor=Workers(processes), spec=spec,
                     concurrency=max(1, processes), **batch)


__all__ = ["MAX_RETRIES", "Workers", "run_batch_in_processes"]
