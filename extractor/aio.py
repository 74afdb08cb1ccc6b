"""The pipeline from asyncio: many documents read concurrently, one `Result` each.

    async for result in aextract_paths(["reports/"], LLMEngine(...), concurrency=4):
        print(result.to_line())

Same Results as `extract_document` / `extract_paths`: one broken file gives its `failed`
Result and the others go on. An engine with `aread` (the LLM engine) is awaited; any other
(layout, auto) runs in a worker thread. Loading a file (PDF, OCR) runs in a thread too.
"""

from __future__ import annotations

import asyncio
import time
from typing import AsyncIterator, Iterable

from .document import Document
from .engines.base import Engine, Reading
from .load import expand
from .pipeline import check_reading, failed_result, load_or_fail, require_report
from .result import Result

__all__ = ["aextract_document", "aextract_loaded", "aextract_path", "aextract_paths", "aread"]


async def aread(engine: Engine, doc: Document) -> Reading:
    """The engine's reading, awaited: its own `aread` when it has one, else `read` in a thread."""
    own = getattr(engine, "aread", None)
    if own is not None:
        return await own(doc)
    return await asyncio.to_thread(engine.read, doc)


async def aextract_document(doc: Document, engine: Engine) -> Result:
    """Extract and check one loaded document (errors raise, as in `extract_document`)."""
    t0 = time.perf_counter()
    require_report(doc)
    reading = await aread(engine, doc)
    return check_reading(doc, reading, seconds=time.perf_counter() - t0)


async def aextract_loaded(doc: Document, engine: Engine, *, t0: float | None = None) -> Result:
    """Extract and check a loaded document; any error becomes a `failed` Result naming the file."""
    t0 = time.perf_counter() if t0 is None else t0
    try:
        return await aextract_document(doc, engine)
    except Exception as exc:
        return failed_result(doc, engine, exc, t0=t0)


async def aextract_path(path: str, engine: Engine) -> Result:
    """Load (in a thread), extract and check one file; never raises for a bad file."""
    t0 = time.perf_counter()
    loaded = await asyncio.to_thread(load_or_fail, path, engine)
    if isinstance(loaded, Result):
        return loaded
    return await aextract_loaded(loaded, engine, t0=t0)


async def aextract_paths(inputs: Iterable[str], engine: Engine, *, concurrency: int = 4) -> AsyncIterator[Result]:
    """Every file under the inputs, at most `concurrency` at a time, yielded in input order
    (as `extract_paths`). Stopping early cancels the documents still in flight."""
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    gate = asyncio.Semaphore(concurrency)

    async def one(path: str) -> Result:
        async with gate:
            return await aextract_path(path, engine)

    tasks = [asyncio.create_task(one(path)) for path in expand(inputs)]
    try:
        for task in tasks:
            yield await task
    finally:
        for task in tasks:
            task.cancel()
