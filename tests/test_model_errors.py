"""Every model failure is visible: typed errors, `model_error` on the line, never reused from the
store, and a batch that stops when the endpoint is dead or the key refused.

The model is hand-written HTTP (httpx MockTransport): these are transport tests (what a failing
endpoint does to a reading, a store and a batch), not tests of a model.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import httpx
import pytest

from extractor.batch import JsonlSink, run_batch
from extractor.engines.auto import AutoEngine, plan
from extractor.engines.layout import LayoutEngine
from extractor.engines.questions import questions
from extractor.engines.llm import LLMEngine, _transport
from extractor.errors import LLMError, TransportError
from extractor.load import load
from extractor.pipeline import extract_loaded
from extractor.store import Store, as_url, review_reasons

from _llm_fake import Script, completion, gold_record, reply_for
from conftest import EVAL_REAL, gold_cases

URL = "http://llm.invalid/v1"
KEY = "sk-abcdefgh12345678"
#: real reports the layout reader cannot settle alone: auto asks the model about each
UNSETTLED = ["05_pingtan_2019.txt", "07_pingtan_2021.txt", "09_pingtan_2023.txt", "40_pingtan-zhzfyj_2019_flat.txt",
             "41_pingtan-zrzyj_2019_flat.txt"]


@pytest.fixture(autouse=True)
def _no_waits_no_env(monkeypatch):
    monkeypatch.setattr(_transport, "sleep", lambda s: None)
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL", "XXGK_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)


def case(prefix: str):
    path, gold = next(c for c in gold_cases() if c[0].name.startswith(prefix))
    return load(str(path)), gold


def auto(handler, **opts) -> AutoEngine:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return AutoEngine(model="fake", base_url=URL, http_client=client, transport_attempts=1, **opts)


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


class Counting:
    """A handler that counts the requests and answers each with `answer(request)`."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return self.answer(request)


def copies(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(EVAL_REAL / "reports" / name, folder / name)
    return folder


# ------------------------------------------------------------------ typed errors


@pytest.mark.parametrize("step, kind, status", [
    (httpx.ConnectError("refused"), "unreachable", None),
    (httpx.ReadTimeout("slow"), "timeout", None),
    (httpx.Response(401, json={"error": {"message": "bad key"}}), "auth", 401),
    (httpx.Response(403, json={"error": {"message": "forbidden"}}), "auth", 403),
    (httpx.Response(404, json={"error": {"message": "The model `fake` does not exist"}}), "refused", 404),
    (httpx.Response(400, json={"error": {"message": "response_format not supported"}}), "refused", 400),
    (httpx.Response(429, json={"error": {"message": "slow down"}}), "rate_limited", 429),
    (httpx.Response(503, json={"error": {"message": "busy"}}), "server", 503),
])
def test_transport_failures_are_typed_with_what_failed_and_what_was_spent(step, kind, status):
    doc, _ = case("07_")
    script = Script([step])
    with pytest.raises(TransportError) as err:
        LLMEngine(model="fake", base_url=URL, http_client=script.client(), transport_attempts=1).read(doc)
    assert err.value.kind == kind and err.value.status == status
    assert err.value.usage is not None and err.value.usage.calls == 1  # a real attribute, set by the run


def test_parsing_a_reply_failing_the_schema_is_kind_schema():
    doc, _ = case("07_")
    script = Script([completion('{"organ": "x"}')] * 2)
    with pytest.raises(LLMError) as err:
        LLMEngine(model="fake", base_url=URL, http_client=script.client(), reasks=1).read(doc)
    assert err.value.kind == "schema" and err.value.usage.calls == 2


# ------------------------------------------------------------------ model_error on the line


def test_transport_auto_keeps_the_reader_reading_and_says_the_model_failed():
    doc, _ = case("07_")
    result = extract_loaded(doc, auto(refused))
    line = result.to_line()
    assert line["status"] == "review" and line["engine"] == "layout"  # the reader's reading is kept
    assert line["model_error_kind"] == "unreachable"
    assert line["model_error"].startswith("TransportError: model call failed after 1 attempt(s): APIConnectionError")
    assert "Connection refused" in line["model_error"]
    assert line["usage"]["calls"] == 1
    assert "model_error:unreachable" in review_reasons(result)  # a reviewer sees why, too


def test_transport_a_refused_key_is_named_but_never_quoted():
    doc, _ = case("07_")

    def bad_key(request):
        return httpx.Response(401, json={"error": {"message": f"Incorrect API key provided: {KEY}"}})

    line = extract_loaded(doc, auto(bad_key, api_key=KEY)).to_line()
    assert line["model_error_kind"] == "auth" and "HTTP 401" in line["model_error"]
    assert "abcdefgh" not in json.dumps(line, ensure_ascii=False)


def test_transport_the_llm_engine_failed_line_carries_model_error_too():
    doc, _ = case("07_")
    script = Script([httpx.ReadTimeout("slow")])
    line = extract_loaded(doc, LLMEngine(model="fake", base_url=URL, http_client=script.client(),
                                         transport_attempts=1)).to_line()
    assert line["status"] == "failed" and line["model_error_kind"] == "timeout"
    assert "APITimeoutError" in line["model_error"] and line["usage"]["calls"] == 1


def test_a_reading_the_model_was_not_needed_for_has_no_model_error():
    doc, _ = case("001_")  # settled by the reader: no call
    line = extract_loaded(doc, auto(refused)).to_line()
    assert line["status"] == "verified" and "model_error" not in line and line["usage"]["calls"] == 0


# ------------------------------------------------------------------ not cached


def test_store_keeps_a_model_failure_for_review_but_never_reuses_it(tmp_path):
    folder = copies(tmp_path, UNSETTLED[:2])
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    out = tmp_path / "out.jsonl"
    dead = Counting(refused)
    sink = JsonlSink.open(str(out))
    first = run_batch([str(folder)], auto(dead), store, sink=sink, progress=False)
    sink.close()
    assert dead.calls == 2 and first.model_failures.documents == 2 and first.skipped == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["model_error_kind"] for x in lines] == ["unreachable", "unreachable"]

    # the same store, the same settings, the endpoint back: the model is asked again
    replies = []
    for name in UNSETTLED[:2]:
        doc = load(str(folder / name))
        asked, _ = plan(questions(doc, LayoutEngine().read(doc)))
        replies.append((asked[0].source, {f"q{n}": q.reading(q.choices[0]) if q.choices else [0] * len(q.keys)
                                          for n, q in enumerate(asked, 1)}))

    def answers(request):
        text = json.loads(request.content)["messages"][1]["content"]
        reply = next(r for source, r in replies if source in text)
        return httpx.Response(200, json=completion(json.dumps(reply, ensure_ascii=False)))

    alive = Counting(answers)
    sink = JsonlSink.open(str(out))
    second = run_batch([str(folder)], auto(alive), store, sink=sink, progress=False)
    sink.close()
    assert alive.calls == 2 and second.skipped == 0 and second.model_failures.documents == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4  # the new lines are written although the file has these documents
    assert all("model_error" not in x for x in lines[2:])

    # read fine now: a third run reuses them without a call
    third_calls = Counting(refused)
    third = run_batch([str(folder)], auto(third_calls), store, sink=JsonlSink(io.StringIO()), progress=False)
    assert third.skipped == 2 and third_calls.calls == 0
    store.close()


# ------------------------------------------------------------------ stopping early


def test_batch_stops_after_consecutive_connection_failures(tmp_path):
    folder = copies(tmp_path, UNSETTLED)
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    out = io.StringIO()
    dead = Counting(refused)
    stats = run_batch([str(folder)], auto(dead), store, sink=JsonlSink(out), progress=False,
                      max_model_failures=2)
    assert stats.done == 2 and stats.not_read == 3
    assert len(out.getvalue().splitlines()) == 2  # the documents not read get no line
    assert dead.calls in (2, 3)  # reading runs one document ahead of writing: never more
    assert "2 documents in a row could not reach the model" in stats.stopped
    assert "--base-url" in stats.stopped and "xxgk doctor" in stats.stopped
    store.close()


def test_batch_a_refused_key_stops_at_once_naming_the_setting_not_the_key(tmp_path):
    folder = copies(tmp_path, UNSETTLED[:3])
    bad_key = Counting(lambda r: httpx.Response(401, json={"error": {"message": f"Incorrect API key: {KEY}"}}))
    out = io.StringIO()
    stats = run_batch([str(folder)], auto(bad_key, api_key=KEY), None, sink=JsonlSink(out), progress=False)
    # one more document may have been under way (reading runs ahead of writing): never written
    assert bad_key.calls <= 2 and len(out.getvalue().splitlines()) == 1 and stats.not_read == 2
    assert "XXGK_API_KEY" in stats.stopped and "OPENAI_API_KEY" in stats.stopped
    assert "abcdefgh" not in stats.stopped


def test_batch_an_answer_in_between_resets_the_count(tmp_path):
    folder = copies(tmp_path, UNSETTLED)  # 05 07 09 40 41: the model answers for 09 only
    doc = load(str(EVAL_REAL / "reports" / "09_pingtan_2023.txt"))
    asked, _ = plan(questions(doc, LayoutEngine().read(doc)))
    reply = {f"q{n}": q.reading(q.choices[0]) if q.choices else [0] * len(q.keys) for n, q in enumerate(asked, 1)}

    def handler(request):
        text = json.loads(request.content)["messages"][1]["content"]
        if asked[0].source in text:
            return httpx.Response(200, json=completion(json.dumps(reply, ensure_ascii=False)))
        raise httpx.ConnectError("refused", request=request)

    stats = run_batch([str(folder)], auto(handler), None, sink=JsonlSink(io.StringIO()), progress=False,
                      max_model_failures=3)
    # fail, fail, answer, fail, fail: never 3 in a row
    assert stats.stopped is None and stats.done == 5 and stats.model_failures.documents == 4


def test_model_failure_summary_names_the_kind_and_what_became_of_the_documents(tmp_path):
    folder = copies(tmp_path, UNSETTLED[:2])
    stats = run_batch([str(folder)], auto(refused), None, sink=JsonlSink(io.StringIO()), progress=False)
    [line] = stats.model_failures.lines()
    assert line.startswith("2 reports: model unreachable (TransportError: model call failed after 1 attempt(s)")
    assert line.endswith("read by the layout reader only")
