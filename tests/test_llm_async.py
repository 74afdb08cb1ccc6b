"""Transport and parsing tests of the async path (`LLMEngine.aread`, `extractor.aio`), on
hand-written HTTP replies served by httpx.MockTransport to an httpx.AsyncClient (no server).

The recorded-cassette test of the async path is `test_async_clean_extraction` in
test_llm_recorded.py (re-recorded by tests/record.sh with the others).
"""

from __future__ import annotations

import asyncio
import json
import shutil
from typing import Any

import httpx
import pytest

from extractor import aio
from extractor.engines.llm import LLMEngine, _transport
from extractor.engines.llm._input import build_input
from extractor.errors import TransportError, TruncatedOutputError
from extractor.load import load
from extractor.pipeline import extract_paths

from _llm_fake import Script, completion, gold_record, reply_for
from conftest import seed_cases

URL = "http://llm.invalid/v1"


def seed(prefix: str):
    path, gold = next(c for c in seed_cases() if c[0].name.startswith(prefix))
    return load(str(path)), gold


@pytest.fixture
def waits(monkeypatch):
    """Record tenacity's waits (sync and async) instead of sleeping."""
    seen: list[float] = []

    async def asleep(seconds: float) -> None:
        seen.append(seconds)

    monkeypatch.setattr(_transport, "sleep", seen.append)
    monkeypatch.setattr(_transport, "asleep", asleep)
    return seen


def aengine(script, **opts) -> LLMEngine:
    return LLMEngine(model="fake", base_url=URL, async_http_client=script.async_client(), **opts)


def without_seconds(value: Any) -> Any:
    """A reading or result line with its wall-clock times removed (the only thing that may differ)."""
    if isinstance(value, dict):
        return {k: without_seconds(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_seconds(v) for v in value]
    return value


class ByDocument:
    """Replies chosen by the report a request is about (concurrent requests arrive in any order).

    `replies`: the first 60 characters of a report's sent header -> a 200 JSON body, an
    httpx.Response, or an exception raised on every request about that report.
    """

    def __init__(self, replies: dict[str, Any]):
        self.replies = replies
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        sent = json.loads(request.content)["messages"][1]["content"]
        step = next(v for k, v in self.replies.items() if k in sent)
        if isinstance(step, BaseException):
            raise step
        return httpx.Response(200, json=step) if isinstance(step, dict) else step

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))

    def async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))


class AllAtOnce(ByDocument):
    """Answers nothing until `n` requests are in flight together: a test using it times out
    unless the documents really are read concurrently."""

    def __init__(self, replies: dict[str, Any], n: int):
        super().__init__(replies)
        self.barrier = asyncio.Barrier(n)

    async def __call__(self, request: httpx.Request) -> httpx.Response:  # type: ignore[override]
        await asyncio.wait_for(self.barrier.wait(), timeout=10)
        return super().__call__(request)


def marker(doc) -> str:
    return build_input(doc.text).header[:60]


def test_transport_async_429_honours_retry_after_then_succeeds(waits):
    doc, gold = seed("003_")
    script = Script([
        httpx.Response(429, headers={"retry-after": "7"}, json={"error": {"message": "slow down"}}),
        completion(reply_for(gold_record(gold)), prompt_tokens=1200, completion_tokens=400),
    ])
    reading = asyncio.run(aengine(script).aread(doc))
    assert waits == [7.0]  # the server's Retry-After, awaited through the async sleep
    assert reading.usage.calls == 2 and reading.usage.retries == 1
    assert reading.usage.prompt_tokens == 1200 and reading.usage.completion_tokens == 400
    assert reading.record == gold_record(gold).model_copy(update={"organ": reading.record.organ})
    assert len(script.requests) == 2  # AsyncOpenAI's own retries are off too


def test_transport_async_5xx_backs_off_exponentially_and_is_bounded(waits):
    doc, _ = seed("003_")
    script = Script([httpx.Response(503, json={"error": {"message": "busy"}})] * 3)
    with pytest.raises(TransportError, match="after 3 attempt"):
        asyncio.run(aengine(script, transport_attempts=3, backoff=2.0).aread(doc))
    assert len(script.requests) == 3 and len(waits) == 2
    assert 2.0 <= waits[0] <= 4.0 and waits[1] >= 4.0


def test_transport_async_timeout_exhausted_gives_a_failed_result(waits):
    doc, _ = seed("003_")
    script = Script([httpx.ReadTimeout("timed out")] * 2)
    result = asyncio.run(aio.aextract_loaded(doc, aengine(script, transport_attempts=2)))
    line = result.to_line()
    assert line["status"] == "failed"
    assert "APITimeoutError" in line["error"] and "after 2 attempt" in line["error"]
    assert doc.path in line["error"]
    assert line["usage"]["calls"] == 2 and line["usage"]["retries"] == 1  # failed calls still counted


def test_parsing_async_truncated_output_is_a_failure(waits):
    doc, gold = seed("003_")
    script = Script([completion(reply_for(gold_record(gold))[:200], finish_reason="length")])
    with pytest.raises(TruncatedOutputError, match="max_tokens=64") as err:
        asyncio.run(aengine(script, max_tokens=64).aread(doc))
    assert len(script.requests) == 1
    assert err.value.usage.calls == 1 and err.value.usage.completion_tokens == 50  # usage on the error


def test_aread_and_read_give_identical_readings_on_the_same_replies(waits):
    """A schema failure re-asked, then a record breaking an identity repaired: every request,
    the record, usage, doubts, settings and the trace are the same on both paths."""
    doc, gold = seed("003_")
    good = reply_for(gold_record(gold))
    broken = good.replace('"new": [20, 0, 0, 0, 0, 0, 20]', '"new": [19, 0, 0, 0, 0, 0, 20]')
    assert broken != good
    steps = [completion('{"organ": "x"}', prompt_tokens=900), completion(broken, prompt_tokens=1000),
             completion(good, prompt_tokens=1500, completion_tokens=700)]
    sync_script, async_script = Script(steps), Script(steps)
    sync = LLMEngine(model="fake", base_url=URL, http_client=sync_script.client(), repair=True).read(doc)
    aread = asyncio.run(aengine(async_script, repair=True).aread(doc))
    assert [t.get("pass") for t in sync.trace[:-1]] == ["extract", "repair"] and sync.trace[1]["kept"]
    assert sync.usage.calls == 3 and sync.usage.prompt_tokens == 3400
    assert aread.record == sync.record and aread.record.requests.new.natural == 20
    assert without_seconds(aread.model_dump()) == without_seconds(sync.model_dump())
    assert async_script.bodies() == sync_script.bodies()


def test_async_documents_are_read_concurrently_each_with_its_own_usage():
    docs = [seed(p) for p in ("001_", "003_", "004_")]
    replies = {marker(doc): completion(reply_for(gold_record(gold)), prompt_tokens=1000 * (i + 1),
                                       completion_tokens=10 * (i + 1))
               for i, (doc, gold) in enumerate(docs)}
    fake = AllAtOnce(replies, n=len(docs))
    engine = LLMEngine(model="fake", base_url=URL, async_http_client=fake.async_client())

    async def gathered():
        return await asyncio.gather(*(aio.aextract_document(doc, engine) for doc, _ in docs))

    results = asyncio.run(gathered())
    assert len(fake.requests) == 3
    for i, ((doc, gold), result) in enumerate(zip(docs, results)):
        assert result.doc == doc.name and result.status != "failed", result.error
        assert result.year == gold["meta"]["year"] and result.template == gold["meta"]["template"]
        assert result.usage.calls == 1
        assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (1000 * (i + 1), 10 * (i + 1))


def test_aextract_paths_gives_the_results_of_extract_paths(tmp_path, waits):
    """One report read, one whose model calls time out, one file that is no report: the async
    batch yields the sync batch's results, in the same order, and a failure stops nothing."""
    good, timing_out = seed("001_"), seed("004_")
    for doc, _ in (good, timing_out):
        shutil.copy(doc.path, tmp_path)
    (tmp_path / "notes.txt").write_text("会议纪要：本周无事。", encoding="utf-8")
    inputs = [str(tmp_path)]
    replies = {marker(good[0]): completion(reply_for(gold_record(good[1]))),
               marker(timing_out[0]): httpx.ReadTimeout("timed out")}

    sync_fake, async_fake = ByDocument(replies), ByDocument(replies)
    sync_engine = LLMEngine(model="fake", base_url=URL, http_client=sync_fake.client(), transport_attempts=2)
    expected = [r.to_line() for r in extract_paths(inputs, sync_engine)]

    async def batch():
        engine = aengine(async_fake, transport_attempts=2)
        return [r.to_line() async for r in aio.aextract_paths(inputs, engine, concurrency=2)]

    got = asyncio.run(batch())
    assert [(r["doc"], r["status"]) for r in got] == [
        (good[0].name, "review"), (timing_out[0].name, "failed"), ("notes.txt", "failed")]
    assert "APITimeoutError" in got[1]["error"] and got[1]["usage"]["calls"] == 2
    assert "not a government information-disclosure annual report" in got[2]["error"]
    assert without_seconds(got) == without_seconds(expected)
    assert len(async_fake.requests) == len(sync_fake.requests) == 3


def test_aread_runs_engines_without_aread_in_a_thread():
    """layout and auto have no `aread`: the async pipeline runs their `read` in a worker thread."""
    import threading

    from extractor.engines.base import Reading

    doc, _ = seed("001_")
    seen: list[str] = []

    class SyncOnly:
        name = "sync-only"

        def read(self, d):
            seen.append(threading.current_thread().name)
            return Reading(record=None, engine=self.name)

    result = asyncio.run(aio.aextract_document(doc, SyncOnly()))
    assert result.status == "failed" and result.error == "no tables could be read"
    assert seen and seen[0] != threading.main_thread().name


def test_aextract_paths_rejects_a_concurrency_below_one():
    async def first():
        return [r async for r in aio.aextract_paths([], object(), concurrency=0)]

    with pytest.raises(ValueError, match="at least 1"):
        asyncio.run(first())


def test_a_failed_repair_keeps_the_first_reading_on_both_paths(waits):
    doc, gold = seed("003_")
    broken = reply_for(gold_record(gold)).replace('"new": [20, 0, 0, 0, 0, 0, 20]', '"new": [19, 0, 0, 0, 0, 0, 20]')
    steps = [completion(broken), completion('{"organ": "x"}')]  # the repair's reply fails the schema
    sync_script, async_script = Script(steps), Script(steps)
    sync = LLMEngine(model="fake", base_url=URL, http_client=sync_script.client(), repair=True, reasks=0).read(doc)
    aread = asyncio.run(aengine(async_script, repair=True, reasks=0).aread(doc))
    repair = aread.trace[1]
    assert repair["pass"] == "repair" and repair["kept"] is False and "failed the schema" in repair["error"]
    assert aread.record.requests.new.natural == 19 and aread.usage.calls == 2
    assert without_seconds(aread.model_dump()) == without_seconds(sync.model_dump())
