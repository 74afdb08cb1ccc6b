"""`auto`: the layout reader first, the model only where it must; disagreements are doubts.

The model is a hand-written OpenAI-compatible reply (httpx MockTransport), so these tests need
no server; what they check is auto's routing and merging, not a model.
"""

from __future__ import annotations

import json

import pytest

from extractor.engines import get_engine
from extractor.engines.auto import AutoEngine
from extractor.load import load
from extractor.pipeline import extract_loaded

from _llm_fake import Script, completion, gold_record, reply_for
from conftest import gold_cases

URL = "http://llm.invalid/v1"


def case(prefix: str):
    path, gold = next(c for c in gold_cases() if c[0].name.startswith(prefix))
    return load(str(path)), gold


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch):
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)


def with_model(script: Script) -> AutoEngine:
    return get_engine("auto", model="fake", base_url=URL, http_client=script.client())


def test_a_settled_report_makes_no_model_call():
    doc, gold = case("001_")
    script = Script([])  # any call fails the test
    result = extract_loaded(doc, with_model(script))
    assert result.status == "verified" and result.engine == "layout"
    assert script.requests == [] and result.usage.calls == 0


def test_without_a_model_unsettled_reports_go_to_review_as_read():
    doc, _ = case("07_")
    result = extract_loaded(doc, get_engine("auto"))
    assert result.status == "review"
    assert {d.reason for d in result.doubts.values()} == {"ambiguous_split"}
    assert result.usage.calls == 0


def test_the_model_reads_what_the_reader_could_not_settle_with_its_context():
    doc, gold = case("07_")
    script = Script([completion(reply_for(gold_record(gold)))])
    reading = with_model(script).read(doc)
    assert len(script.requests) == 1
    sent = json.loads(script.requests[0].content)["messages"][1]["content"]
    assert "版面读取器" in sent and "active.normative.issued：ambiguous_split" in sent
    # the three ambiguous splits: the model's picks are among the reader's candidates and become
    # the values, but nothing can check a pick among readings that all fit: still in doubt
    for key in ("active.normative.issued", "active.normative.repealed", "active.normative.in_force"):
        assert reading.cell_engines[key] == "llm"
        assert reading.doubts[key].reason == "ambiguous_split"
        assert str(gold["fields"][key]) in reading.doubts[key].detail
    assert reading.record.active.normative.issued == gold["fields"]["active.normative.issued"]
    assert reading.cell_engines["requests.new.total"] == "layout" and reading.engine == "auto"


def test_a_disagreement_keeps_the_reader_value_and_flags_the_cell():
    doc, gold = case("000_")  # the reader settles every cell, but the print breaks an identity
    record = gold_record(gold)
    wrong = record.model_copy(update={"requests": record.requests.model_copy(update={
        "carried_forward": record.requests.carried_forward.model_copy(update={"natural": 99})})})
    script = Script([completion(reply_for(wrong))])
    result = extract_loaded(doc, with_model(script))
    assert len(script.requests) == 1  # error violations alone send the report to the model
    doubt = result.doubts["requests.carried_forward.natural"]
    assert doubt.reason == "disagreement" and 99 in doubt.candidates
    assert result.record.requests.carried_forward.natural == gold["fields"]["requests.carried_forward.natural"]
    assert result.status == "review"
    assert "active" not in result.doubts  # the reader checked 表二, the model agreed


def test_a_failing_model_leaves_the_reader_reading_for_review(monkeypatch):
    from extractor.engines.llm import _transport
    monkeypatch.setattr(_transport, "sleep", lambda s: None)
    doc, _ = case("07_")
    import httpx
    script = Script([httpx.Response(503, json={})] * 4)
    result = extract_loaded(doc, with_model(script))
    assert result.status == "review" and result.usage.calls == 4


def test_a_cell_the_reader_could_not_read_takes_the_model_value():
    from extractor.engines.auto import merge
    from extractor.engines.base import Doubt, Reading
    doc, gold = case("003_")
    record = gold_record(gold)
    first = Reading(record=record.model_copy(update={"requests": record.requests.model_copy(update={
        "granted": record.requests.granted.model_copy(update={"natural": 0})})}), engine="layout",
        doubts={"requests.granted.natural": Doubt(reason="unreadable")})
    second = Reading(record=record, engine="llm")
    merged = merge(first, second, settings={})
    assert merged.record.requests.granted.natural == 12 and merged.doubts == {}
    assert merged.cell_engines["requests.granted.natural"] == "llm" and merged.engine == "auto"
