"""`LLMEngine`: any OpenAI-compatible model fills the report's tables through instructor.

One document: segment → one structured call (instructor re-asks on schema failures, tenacity
retries transport errors underneath) → optional rule-guided repair pass → a `Reading` with the
record, usage, settings (model, mode, prompt version) and a trace of every attempt.
`read` calls the model synchronously, `aread` from asyncio; both drive the same `DocumentRun`.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable

import httpx
import instructor
from pydantic import BaseModel

from ...document import Document
from ..base import Reading, Usage
from . import _transport
from ._config import LLMSettings, resolve
from ._run import DocumentRun, model_errors, ungrounded
from ._transport import Meter

__all__ = ["MODES", "LLMEngine", "ungrounded"]

MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
}


class LLMEngine:
    """Reads a report with a language model. Options: see `LLMSettings` (flag > env > default)."""

    name = "llm"

    def __init__(self, *, http_client: httpx.Client | None = None,
                 async_http_client: httpx.AsyncClient | None = None, **options: Any):
        """`http_client` / `async_http_client`: your own httpx clients for `read` / `aread`
        (proxy, CA bundle, a test transport)."""
        self.config: LLMSettings = resolve(options).require()
        self._prices = self.config.prices()
        self._client = _transport.make_client(self.config, http_client)
        self._async_http = async_http_client
        self._aclient: tuple[asyncio.AbstractEventLoop, Any] | None = None

    def settings(self) -> dict[str, Any]:
        c = self.config
        return {"engine": self.name, "model": c.model, "mode": c.mode, "prompt_version": c.prompt_version,
                "temperature": c.temperature, "max_tokens": c.max_tokens, "segment": c.segment,
                "repair": c.repair, "reasks": c.reasks}

    # ------------------------------------------------------------------ one document

    def read(self, doc: Document, *, context: str | None = None) -> Reading:
        """Read one document. `context` (from auto) is appended to the user message."""
        run = DocumentRun(self.config, self._prices, doc, context)
        while (messages := run.next_request()) is not None:
            with run.asking():
                create = self._patched(_transport.metered_create(self._client, run.meter))
                run.answer(create(**run.request(messages)))
        return run.reading(self.name, self.settings())

    async def aread(self, doc: Document, *, context: str | None = None) -> Reading:
        """`read` from asyncio: the same calls, retries, accounting and result, awaited."""
        run = DocumentRun(self.config, self._prices, doc, context)
        while (messages := run.next_request()) is not None:
            with run.asking():
                create = self._patched(_transport.ametered_create(self._async_client(), run.meter))
                run.answer(await create(**run.request(messages)))
        return run.reading(self.name, self.settings())

    # ------------------------------------------------------------------ one question set

    def ask(self, messages: list[dict[str, str]], response_model: type[BaseModel]) -> tuple[BaseModel, Usage]:
        """One structured call (`auto` asks its questions this way): the same transport, retries,
        budgets and error mapping as `read`; returns the validated reply and what it cost."""
        meter = Meter(self.config, prices=self._prices)
        c = self.config
        with model_errors(c, meter):
            create = self._patched(_transport.metered_create(self._client, meter))
            reply = create(response_model=response_model, max_retries=c.reasks, messages=messages, model=c.model,
                           temperature=c.temperature, max_tokens=c.max_tokens)
        return reply, meter.usage

    def _patched(self, create: Callable[..., Any]) -> Callable[..., Any]:
        """instructor around our metered create (it sees a coroutine function and patches it async)."""
        return instructor.patch(create=create, mode=MODES[self.config.mode])

    def _async_client(self):
        """One AsyncOpenAI client per event loop: pooled connections belong to the loop that made
        them, so an engine used from successive `asyncio.run`s gets a fresh client each time."""
        loop = asyncio.get_running_loop()
        if self._aclient is None or self._aclient[0] is not loop:
            self._aclient = (loop, _transport.make_async_client(self.config, self._async_http))
        return self._aclient[1]
