"""`auto`: the layout reader first; the model only gets small questions about what it left open,
and an answer settles a cell only when the identities check it.

The model's replies here are hand-written OpenAI-compatible responses (httpx MockTransport), so
these are routing and parsing tests of auto, not measurements of a model; the recorded runs
against a real local model are in tests/test_llm_recorded.py and eval/cassettes/.
"""

from __future__ import annotations

import json

import httpx
import pytest

from extractor.document import Document
from extractor.engines import get_engine
from extractor.engines.auto import MAX_QUESTION_CHARS, AutoEngine, plan
from extractor.engines.questions import questions
from extractor.load import load
from extractor.pipeline import extract_loaded

from _llm_fake import Script, completion
from conftest import gold_cases

URL = "http://llm.invalid/v1"


def case(prefix: str):
    path, gold = next(c for c in gold_cases() if c[0].name.startswith(prefix))
    return load(str(path)), gold


def text_doc(text: str, name: str = "damaged.txt") -> Document:
    return Document(path=name, text=text, format="txt", sha256="0" * 64)


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch):
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)


def with_model(script: Script) -> AutoEngine:
    return get_engine("auto", model="fake", base_url=URL, http_client=script.client())


def answers(**qs) -> dict:
    return completion(json.dumps(qs, ensure_ascii=False))


def sent(script: Script, n: int = 0) -> str:
    return json.loads(script.requests[n].content)["messages"][1]["content"]


# ---------------------------------------------------------------- no pointless calls


def test_a_settled_report_makes_no_model_call():
    doc, _ = case("001_")
    script = Script([])  # any call fails the test
    result = extract_loaded(doc, with_model(script))
    assert result.status == "verified" and result.engine == "layout"
    assert script.requests == [] and result.usage.calls == 0


def test_a_report_wrong_in_print_with_every_cell_read_goes_to_review_without_a_call():
    doc, gold = case("000_")  # every cell read; its （七）总计 breaks an identity in print
    script = Script([])
    result = extract_loaded(doc, with_model(script))
    assert script.requests == [] and result.status == "review"
    assert sorted(v.rule for v in result.violations if v.severity == "error") == sorted(gold["source_violations"])


def test_without_a_model_unsettled_reports_go_to_review_as_read():
    doc, _ = case("07_")
    result = extract_loaded(doc, get_engine("auto"))
    assert result.status == "review" and result.usage.calls == 0
    assert {d.reason for d in result.doubts.values()} == {"ambiguous_split"}
    assert result.fields["active.normative.issued"] is None


# ---------------------------------------------------------------- questions, not records


def test_only_the_unsettled_row_is_asked_with_its_own_print():
    doc, gold = case("07_")  # only 规范性文件 "693665" is open (表二 has no identity)
    qs = questions(doc, get_engine("layout").read(doc))
    assert [q.region for q in qs] == ["active.normative"]
    assert ("69 3 665") in [qs[0].reading(c) for c in qs[0].choices]  # the readings of the run, to pick from
    script = Script([answers(q1="69 3 665")])
    result = extract_loaded(doc, with_model(script))
    message = sent(script)
    assert "693665" in message and "行政规范性文件" in message
    assert "本年新收" not in message  # nothing of the rows the reader settled is sent
    assert len(message) < 400
    # a pick among readings that every identity allows cannot be checked: the cell stays open,
    # the model's value first among its candidates
    for key, value in (("active.normative.issued", 69), ("active.normative.in_force", 665)):
        assert result.fields[key] is None
        assert result.doubts[key].reason == "model_unchecked" and result.doubts[key].candidates[0] == value
    assert result.status == "review" and result.usage.calls == 1


def _with_unreadable_row(prefix: str, label: str, garbled: str):
    """A real report whose printed row label is damaged, so the reader cannot find the row."""
    doc, gold = case(prefix)
    assert label in doc.text
    return text_doc(doc.text.replace(label, garbled, 1)), gold


def test_a_row_the_reader_could_not_read_is_settled_by_an_answer_the_identities_check():
    doc, gold = _with_unreadable_row("003_", "(一)予以公开", "(一)子 以 公 升")  # two look-alikes: no typo
    first = get_engine("layout").read(doc)
    assert first.doubts["requests.granted.natural"].reason == "missing_row"
    row = [gold["fields"][f"requests.granted.{c}"] for c in
           ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")]
    script = Script([answers(q1=row)])
    result = extract_loaded(doc, with_model(script))
    assert result.fields["requests.granted.natural"] == row[0]
    assert result.cell_engines["requests.granted.natural"] == "model"
    assert result.cell_engines["requests.new.natural"] == "layout"
    assert not result.doubts and result.status == "verified"


def test_an_answer_that_breaks_an_identity_is_refused_and_stays_a_candidate():
    doc, gold = _with_unreadable_row("003_", "(一)予以公开", "(一)子 以 公 升")
    row = [gold["fields"][f"requests.granted.{c}"] for c in
           ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")]
    assert row[0] != row[1]
    wrong = [row[1], row[0], *row[2:]]  # printed numbers, its own total kept, in the wrong columns
    result = extract_loaded(doc, with_model(Script([answers(q1=wrong)])))
    doubt = result.doubts["requests.granted.natural"]
    assert result.fields["requests.granted.natural"] is None
    assert doubt.reason == "model_refused" and doubt.candidates == [wrong[0]] and "outcome_sum" in doubt.detail
    invented = [row[0] + 1, *row[1:6], row[6] + 1]  # a number the report never printed
    result = extract_loaded(doc, with_model(Script([answers(q1=invented)])))
    assert "not in the printed text" in result.doubts["requests.granted.natural"].detail
    assert result.status == "review"


def test_the_broken_promise_a_model_answering_zeros_for_an_unread_table2_goes_to_review():
    """Issue 12's regression: the reader left 表二 cells unread, the model answered zeros, and
    auto verified the report. 表二 has no identity: nothing checks those zeros."""
    doc, gold = case("41_")  # 2019 format: 行政处罚 88 0 22, 行政强制 7 0 20 printed run together
    damaged = text_doc(doc.text.replace("行政处罚88022", "行政处罚8 8 0 2 2").replace("行政强制7020", "行政强制7 0 2 0"))
    first = get_engine("layout").read(damaged)
    unread = [k for k in first.doubts if k.startswith(("active.punishment", "active.coercion"))]
    # (the reader now keeps every reading of the spaces, `8 8` one number or two, as candidates)
    assert len(unread) == 6 and all(first.doubts[k].candidates for k in unread)
    assert 88 in first.doubts["active.punishment.prior"].candidates
    qs = questions(damaged, first)
    # the model answers zeros wherever it is free to, and picks the first reading elsewhere
    reply = {f"q{n}": q.reading(q.choices[0]) if q.choices else [0] * len(q.keys) for n, q in enumerate(qs, 1)}
    result = extract_loaded(damaged, with_model(Script([answers(**reply)])))
    for key in unread:
        assert result.fields[key] is None, key  # never the model's unchecked pick
        assert result.doubts[key].reason == "model_unchecked"
        assert result.doubts[key].candidates == first.doubts[key].candidates
    assert result.status == "review"


def test_questions_beyond_the_budget_are_not_asked_and_stay_doubts():
    doc, _ = case("05_")  # seven 表二 rows run together
    qs = questions(doc, get_engine("layout").read(doc))
    asked, _ = plan(qs)
    assert len(asked) < len(qs)
    script = Script([answers(**{f"q{n}": [0] * len(q.keys) if not q.choices else q.reading(q.choices[0])
                                for n, q in enumerate(asked, 1)})])
    engine = with_model(script)
    reading = engine.read(doc)
    asked = sent(script).count("\nq")
    assert len(sent(script)) <= MAX_QUESTION_CHARS + 200
    not_asked = reading.trace[-1].get("not_asked", [])
    assert asked + len(not_asked) == len(qs)


# ---------------------------------------------------------------- failures stay visible


def test_a_failing_model_leaves_the_reader_reading_for_review(monkeypatch):
    from extractor.engines.llm import _transport
    monkeypatch.setattr(_transport, "sleep", lambda s: None)
    doc, _ = case("07_")
    script = Script([httpx.Response(503, json={})] * 4)
    result = extract_loaded(doc, with_model(script))
    assert result.status == "review" and result.usage.calls == 4
    assert result.model_error and result.model_error_kind == "server"
    assert result.fields["active.normative.issued"] is None


def test_a_reply_that_breaks_the_schema_is_re_asked_then_fails_visibly():
    doc, _ = _with_unreadable_row("003_", "(一)予以公开", "(一)子 以 公 升")
    [q] = questions(doc, get_engine("layout").read(doc))
    assert q.choices == () and len(q.keys) == 7  # an unread row: its seven numbers are asked
    script = Script([answers(q1=[1, 2])] * 3)  # two numbers for seven cells, every time
    result = extract_loaded(doc, with_model(script))
    assert len(script.requests) == 3  # the first answer and two re-asks
    assert result.model_error_kind == "schema" and result.status == "review"
    assert result.fields["requests.granted.natural"] is None


def test_a_pick_outside_the_choices_is_refused_by_the_schema():
    doc, _ = case("07_")
    script = Script([answers(q1="693665 0 0")] * 3)  # the run written into one cell: not a choice
    result = extract_loaded(doc, with_model(script))
    assert result.model_error_kind == "schema" and result.fields["active.normative.issued"] is None


def test_a_small_table_the_reader_did_not_find_is_asked_whole_and_stays_open():
    doc, gold = case("004_")
    start = doc.text.index("四、政府信息公开行政复议")
    end = doc.text.index("五、", start)
    # the table's heading and column names survive, its cells do not (a picture in the page)
    damaged = text_doc(doc.text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n行政复议 结果维持 结果纠正 其他结果 "
                       "尚未审结 总计（表格为图片）\n" + doc.text[end:])
    first = get_engine("layout").read(damaged)
    assert first.record.review is None  # 表四 printed no number: the reader found no table
    [q] = [q for q in questions(damaged, first) if q.region == "table:appeals"]
    assert len(q.keys) == 15 and "结果维持" in q.source
    result = extract_loaded(damaged, with_model(Script([answers(q1=[0] * 15)])))
    assert result.record.review is not None and result.fields["review.total"] is None
    assert result.doubts["review.total"].reason == "model_unchecked" and result.doubts["review.total"].candidates == [0]
    assert result.status == "review"
