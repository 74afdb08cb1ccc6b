"""Transport and parsing tests of the LLM engine, on hand-written HTTP replies (no server).

These cover what a real local server cannot be made to do on demand: 429 with Retry-After,
timeouts, 5xx, a refused request, a budget. Recorded-cassette tests are in test_llm_recorded.py.
"""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from extractor.engines.llm import LLMEngine, _transport
from extractor.errors import BudgetExceededError, TransportError, TruncatedOutputError
from extractor.load import load
from extractor.pipeline import extract_loaded

from _llm_fake import Script, completion, gold_record, reply_for
from conftest import seed_cases

URL = "http://llm.invalid/v1"


@pytest.fixture
def seed():
    path, gold = next(c for c in seed_cases() if c[0].name.startswith("003_"))
    return load(str(path)), gold


@pytest.fixture
def waits(monkeypatch):
    """Record tenacity's waits instead of sleeping."""
    seen: list[float] = []
    monkeypatch.setattr(_transport, "sleep", seen.append)
    return seen


def engine(script: Script, **opts) -> LLMEngine:
    return LLMEngine(model="fake", base_url=URL, http_client=script.client(), **opts)


def test_transport_429_honours_retry_after_then_succeeds(seed, waits):
    doc, gold = seed
    script = Script([
        httpx.Response(429, headers={"retry-after": "7"}, json={"error": {"message": "slow down"}}),
        completion(reply_for(gold_record(gold)), prompt_tokens=1200, completion_tokens=400),
    ])
    reading = engine(script).read(doc)
    assert waits == [7.0]  # the server's Retry-After, not our own backoff
    assert reading.usage.calls == 2 and reading.usage.retries == 1
    assert reading.usage.prompt_tokens == 1200 and reading.usage.completion_tokens == 400
    assert reading.record == gold_record(gold).model_copy(update={"organ": reading.record.organ})
    # the client's own retries are off: exactly the two requests we scripted went out
    assert len(script.requests) == 2
    # 表二 has no identities: a model-only reading of it is never verified
    assert reading.doubts["active"].reason == "unchecked"


def test_transport_5xx_backs_off_exponentially_and_is_bounded(seed, waits):
    doc, _ = seed
    script = Script([httpx.Response(503, json={"error": {"message": "busy"}})] * 3)
    eng = engine(script, transport_attempts=3, backoff=2.0)
    with pytest.raises(TransportError, match="after 3 attempt"):
        eng.read(doc)
    assert len(script.requests) == 3 and len(waits) == 2
    assert 2.0 <= waits[0] <= 4.0 and waits[1] >= 4.0  # 2s then 4s, plus up to 2s jitter


def test_transport_timeout_exhausted_gives_a_failed_line(seed, waits):
    doc, _ = seed
    script = Script([httpx.ReadTimeout("timed out")] * 2)
    result = extract_loaded(doc, engine(script, transport_attempts=2))
    line = result.to_line()
    assert line["status"] == "failed"
    assert "APITimeoutError" in line["error"] and "after 2 attempt" in line["error"]
    assert doc.path in line["error"]
    # the failed attempts are still accounted
    assert line["usage"]["calls"] == 2 and line["usage"]["retries"] == 1


def test_transport_refused_request_is_not_retried(seed, waits):
    doc, _ = seed
    script = Script([httpx.Response(401, json={"error": {"message": "Incorrect API key provided: sk-abcdefgh1234"}})])
    with pytest.raises(TransportError, match="refused.*Incorrect API key") as err:
        engine(script, api_key="sk-abcdefgh1234").read(doc)
    assert "abcdefgh" not in str(err.value)  # the key never reaches an error line
    assert len(script.requests) == 1 and waits == []


def test_parsing_truncated_output_is_a_failure_not_a_partial_record(seed):
    doc, gold = seed
    cut = reply_for(gold_record(gold))[:200]
    script = Script([completion(cut, finish_reason="length")])
    with pytest.raises(TruncatedOutputError, match="max_tokens"):
        engine(script, max_tokens=64).read(doc)
    assert len(script.requests) == 1  # never re-asked: a longer answer needs a larger limit


def test_parsing_schema_failure_is_re_asked_with_the_errors(seed):
    doc, gold = seed
    good = reply_for(gold_record(gold))
    bad = good.replace('"new": [20, 0, 0, 0, 0, 0, 20]', '"new": [20, 0, 0, 0, 0, 20]')
    assert bad != good
    script = Script([completion(bad), completion(good)])
    reading = engine(script).read(doc)
    assert reading.record.requests.new.total == 20
    second = script.bodies()[1]["messages"]
    # the re-ask carries the validation error, and no transport detail
    assert any("new" in str(m.get("content")) and "at least 7" in str(m.get("content")) for m in second)
    assert reading.usage.calls == 2 and reading.usage.retries == 1


def test_parsing_schema_failure_after_all_re_asks_is_an_llm_error(seed):
    doc, gold = seed
    bad = '{"organ": "x"}'
    script = Script([completion(bad)] * 2)
    from extractor.errors import LLMError
    with pytest.raises(LLMError, match="failed the schema after 1 re-ask.*validation error.*Field required") as err:
        engine(script, reasks=1).read(doc)
    assert "<failed_attempts>" not in str(err.value)


def test_budget_stops_runaway_calls(seed, waits):
    doc, _ = seed
    script = Script([httpx.Response(500, json={})] * 5)
    with pytest.raises(BudgetExceededError, match="2 model calls"):
        engine(script, budget_calls=2, transport_attempts=5).read(doc)
    assert len(script.requests) == 2


def test_price_table_gives_cost(seed, tmp_path):
    doc, gold = seed
    table = tmp_path / "prices.json"
    table.write_text('{"fake": {"input": 2.0, "output": 8.0}}')
    script = Script([completion(reply_for(gold_record(gold)), prompt_tokens=1_000_000, completion_tokens=500_000)])
    reading = engine(script, price_table=str(table)).read(doc)
    assert reading.usage.cost == pytest.approx(2.0 + 4.0)


def test_parsing_report_text_is_sent_verbatim_never_as_a_template(seed):
    """Braces in a report ({{ }}, {% %}) must reach the model as printed, not be rendered."""
    doc, gold = seed
    odd = dataclasses.replace(doc, text=doc.text.replace("本年新收", "{{ 本年 }}{% raw %}本年新收", 1))
    script = Script([completion(reply_for(gold_record(gold)))])
    engine(script).read(odd)
    assert "{{ 本年 }}{% raw %}本年新收" in script.bodies()[0]["messages"][1]["content"]
