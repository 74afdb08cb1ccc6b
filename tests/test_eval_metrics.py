"""Scoring on constructed results: exact readers score 100 %, an all-zeros reader scores badly
on non-zero cells, a decided cell is right only when it is the gold value (an `ambiguous`
alternative no longer counts), and review routing counts what it should. Undecided cells:
tests/test_eval_undecided.py."""

from __future__ import annotations

from decimal import Decimal

from extractor import catalogue
from extractor.engines.base import Doubt, Usage
from extractor.evaluation import load_set, make_run, run_eval, score, summarize
from extractor.flat import from_flat
from extractor.pipeline import check_reading
from extractor.engines.base import Reading
from extractor.load import load

from conftest import EVAL_REAL
from eval_fakes import GoldEngine, ZeroEngine


def _case(prefix: str):
    return next(c for c in load_set(EVAL_REAL) if c.id.split("/")[-1].startswith(prefix))


def _result(case, values=None, *, doubts=None, usage=None):
    values = dict(case.fields if values is None else values)
    record = from_flat(case.template, values, organ=case.organ, year=case.year)
    doc = load(case.report)
    reading = Reading(record=record, engine="test", doubts=doubts or {}, usage=usage or Usage())
    return check_reading(doc, reading, seconds=0.5)


def test_a_perfect_reading_is_exact_and_a_printed_error_is_flagged():
    case = _case("000_")
    doc = score(case, _result(case))
    assert doc["exact"] and doc["right"] == doc["cells"] == len(catalogue.keys("2019"))
    assert doc["nonzero_right"] == doc["nonzero_cells"] > 0
    assert doc["flagged"]  # seed 000 prints an inconsistent total: right, and still sent to review
    assert doc["rule_errors"] == sorted(case.source_violations)


def test_an_all_zeros_reader_scores_badly_on_non_zero_cells():
    cases = [c for c in load_set(EVAL_REAL) if c.report.suffix == ".txt"]
    docs = [score(c, _result(c, {k: 0 for k in c.fields})) for c in cases]
    s = summarize(docs)
    assert s["accuracy"] > 0.7  # most cells are 0 …
    assert s["nonzero_accuracy"] < 0.05  # … which is why the second figure exists
    assert s["exact"] == 0
    # consistent zeros pass the identities: every one of them is wrong but verified
    assert s["routing"]["wrong_verified"] == s["routing"]["verified"] > 0


def test_one_wrong_cell_is_listed_with_gold_and_found_and_amounts_compare_as_decimals():
    case = _case("000_")
    values = dict(case.fields)
    values["requests.new.natural"] = 61
    values["active.procurement.amount"] = Decimal("21.53")  # same number, another type: right
    doc = score(case, _result(case, values))
    assert doc["wrong"] == [{"key": "requests.new.natural", "gold": 16, "found": 61, "state": "wrong"}]
    assert not doc["exact"] and doc["right"] == doc["cells"] - 1
    assert doc["wrong_cells"] == 1 and not doc["no_wrong"] and doc["undecided"] == 0


def test_a_decided_ambiguous_alternative_is_wrong():
    """The print allows it, but the reader decided, and decided otherwise than the gold."""
    case = _case("07_")
    key, alts = next(iter(case.ambiguous.items()))
    other = next(a for a in alts if a != case.fields[key])
    values = dict(case.fields)
    values[key] = other
    doc = score(case, _result(case, values))
    assert not doc["exact"] and doc["wrong_cells"] == 1
    assert doc["wrong"] == [{"key": key, "gold": case.fields[key], "found": other, "state": "wrong"}]
    assert doc["ambiguous_cells"] == len(case.ambiguous) > 0


def test_an_undecided_cell_holding_an_ambiguous_alternative_holds_the_gold():
    """A doubt whose candidates hold a value the gold's `ambiguous` list allows (not the chosen
    one) is undecided with the gold: the print leaves the cell open, a reviewer picks from it."""
    case = _case("07_")
    key, alts = next(iter(case.ambiguous.items()))
    other = next(a for a in alts if a != case.fields[key])
    values = dict(case.fields)
    values[key] = None
    doc = score(case, _result(case, values, doubts={key: Doubt(reason="ambiguous_split", candidates=[other])}))
    assert doc["undecided"] == doc["undecided_with_gold"] == 1 and doc["wrong_cells"] == 0
    assert [e["state"] for e in doc["wrong"]] == ["undecided"]
    # a candidate no allowed value matches is still a miss
    doc = score(case, _result(case, values, doubts={key: Doubt(reason="ambiguous_split", candidates=[987654])}))
    assert doc["undecided_with_gold"] == 0 and doc["wrong"][0]["state"] == "undecided_missed"


def test_routing_counts_wrong_flagged_and_needless_flags():
    fine = _case("004_")
    assert not fine.source_violations
    right_doubted = score(fine, _result(fine, doubts={"organ": Doubt(reason="missing_title")}))
    values = dict(fine.fields)
    values["active.licensing.decisions"] = 999
    wrong_verified = score(fine, _result(fine, values))
    r = summarize([right_doubted, wrong_verified])["routing"]
    assert r["right_consistent_docs"] == 1 and r["needless_flags"] == 1
    assert r["wrong_docs"] == 1 and r["wrong_verified"] == 1 and r["wrong_flagged"] == 0
    assert r["wrong_verified_docs"] == [fine.id]


def test_usage_and_seconds_are_summed_per_report():
    case = _case("004_")
    docs = [score(case, _result(case, usage=Usage(calls=2, prompt_tokens=1000, completion_tokens=300)))] * 2
    u = summarize(docs)["usage"]
    assert u["calls"] == 4 and u["calls_per_doc"] == 2
    assert u["prompt_tokens_per_doc"] == 1000 and u["completion_tokens_per_doc"] == 300
    assert u["seconds_per_doc"] == 0.5


def test_a_run_over_the_real_set_with_fake_engines():
    cases = load_set(EVAL_REAL)
    perfect = run_eval(cases, GoldEngine())
    zeros = run_eval(cases, ZeroEngine())
    p, z = perfect["summary"]["real"], zeros["summary"]["real"]
    readable = [d for d in perfect["docs"] if d["status"] != "failed"]
    assert all(d["exact"] for d in readable)
    assert p["routing"]["wrong_verified"] == 0
    assert p["routing"]["recall"] == 1.0 or any(d["status"] == "failed" for d in perfect["docs"])
    assert z["nonzero_accuracy"] < 0.05 < p["nonzero_accuracy"]
    assert perfect["engine"] == "gold" and perfect["code_version"]["package"]
    assert set(p["by_family"]) >= {"tab", "pipe", "pdf-text", "run-together"}
    assert p["by_field"]["requests.new.natural"]["documents"] == len(cases)


def test_failed_documents_count_every_cell_wrong():
    case = _case("004_")
    from extractor.pipeline import failed

    doc = score(case, failed(str(case.report), "boom"))
    assert doc["right"] == 0 and doc["flagged"] and doc["status"] == "failed"
    assert make_run([doc], settings={"engine": "x"})["summary"]["real"]["accuracy"] == 0


def test_a_run_names_the_model_inside_auto_and_never_a_key():
    case = _case("004_")
    run = make_run([score(case, _result(case))], settings={
        "engine": "auto", "api_key": "sk-x", "llm": {"model": "qwen", "prompt_version": "v1"}})
    assert run["model"] == "qwen" and run["prompt_version"] == "v1"
    assert "api_key" not in run["settings"]


def test_the_html_report_highlights_wrong_cells_only():
    from extractor.evaluation import to_html

    case = _case("004_")
    values = dict(case.fields)
    values["active.licensing.decisions"] = 999
    html = to_html(make_run([score(case, _result(case, values))], settings={"engine": "t"}))
    assert "<td class='bad'>999</td>" in html
    assert "<td class='bad'>1 (seeds/004_cf1e86794f147280.txt)</td>" in html  # wrong but verified
    right = to_html(make_run([score(case, _result(case))], settings={"engine": "t"}))
    assert "class='bad'" not in right
