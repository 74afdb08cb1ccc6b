"""Undecided cells are counted apart; non-reports are scored by rejection; old run files still load.

The reader leaves a cell it could not settle as None, with its candidates in
`result.doubts[key].candidates`. These tests build such Results directly (a record whose cell is
None, made with `model_copy`, as the reader on main will return them).
"""

from __future__ import annotations

import copy
import json

import pytest

from extractor.engines.base import Doubt, Reading, Usage
from extractor.evaluation import (
    compare, compare_markdown, gate, load_gold, load_run, load_set, make_run, save_run, score, summarize, to_html,
    to_markdown,
)
from extractor.evaluation.report import figures_table
from extractor.flat import from_flat
from extractor.load import load
from extractor.pipeline import check_reading, failed

from conftest import EVAL_REAL, ROOT

A, B, C = "requests.new.natural", "requests.granted.natural", "active.licensing.decisions"


def _case(prefix: str):
    return next(c for c in load_set(EVAL_REAL) if c.id.split("/")[-1].startswith(prefix))


def _result(case, values=None, *, doubts=None):
    record = from_flat(case.template, dict(case.fields if values is None else values), organ=case.organ, year=case.year)
    reading = Reading(record=record, engine="test", doubts=doubts or {}, usage=Usage())
    return check_reading(load(case.report), reading, seconds=0.1)


def _undecided(result, candidates: dict[str, list]):
    """The result with these cells left None, each with a doubt naming its candidates."""
    record = result.record
    for key in candidates:
        *path, leaf = key.split(".")
        nodes = [record]
        for part in path:
            nodes.append(getattr(nodes[-1], part))
        new = nodes[-1].model_copy(update={leaf: None})
        for parent, part in zip(reversed(nodes[:-1]), reversed(path)):
            new = parent.model_copy(update={part: new})
        record = new
    doubts = {**result.doubts, **{k: Doubt(reason="ambiguous_split", candidates=v) for k, v in candidates.items()}}
    return result.model_copy(update={"record": record, "doubts": doubts, "status": "review"})


def test_an_undecided_cell_with_the_gold_among_its_candidates_is_neither_right_nor_wrong():
    case = _case("004_")
    gold = case.fields[A]
    doc = score(case, _undecided(_result(case), {A: [gold, gold * 10 + 1]}))
    assert doc["right"] == doc["cells"] - 1 and doc["undecided"] == 1 and doc["undecided_with_gold"] == 1
    assert doc["wrong_cells"] == 0 and doc["no_wrong"] and not doc["exact"]  # never exact with an open cell
    assert doc["wrong"] == [{"key": A, "gold": gold, "found": None, "candidates": [gold, gold * 10 + 1],
                             "state": "undecided"}]


def test_undecided_without_the_gold_decided_wrong_and_not_found_are_the_wrong_cells():
    case = _case("004_")
    values = dict(case.fields)
    values[C] = 999
    result = _undecided(_result(case, values), {A: [case.fields[A]], B: [12345, 54321]})
    doc = score(case, result)
    states = {w["key"]: w["state"] for w in doc["wrong"]}
    assert states == {A: "undecided", B: "undecided_missed", C: "wrong"}
    assert doc["undecided"] == 2 and doc["undecided_with_gold"] == 1 and doc["wrong_cells"] == 2
    assert not doc["no_wrong"] and doc["right"] == doc["cells"] - 3
    # a None cell with no doubt: its table was not found, as before
    no_table = result.model_copy(update={"record": result.record.model_copy(update={"review": None}), "doubts": {}})
    lost = score(case, no_table)
    assert {w["state"] for w in lost["wrong"] if w["key"].startswith("review.")} == {"not_found"}
    assert lost["undecided"] == 0 and lost["wrong_cells"] >= 5


def test_set_and_family_figures_count_undecided_cells_apart():
    case = _case("004_")
    exact = score(case, _result(case))
    open_ = score(case, _undecided(_result(case), {A: [case.fields[A], 7]}))
    missed = score(case, _undecided(_result(case), {A: [12345]}))
    s = summarize([exact, open_, missed])
    cells = 3 * exact["cells"]
    assert s["right"] == cells - 2 and s["accuracy"] == round((cells - 2) / cells, 4)
    assert s["undecided"] == 2 and s["undecided_with_gold"] == 1 and s["undecided_rate"] == round(2 / cells, 4)
    assert s["wrong_cells"] == 1 and s["wrong_rate"] == round(1 / cells, 4)
    assert s["exact"] == 1 and s["no_wrong"] == 2 and s["no_wrong_rate"] == round(2 / 3, 4)
    family = s["by_family"][case.family]
    assert (family["exact"], family["no_wrong"], family["undecided"], family["wrong_cells"]) == (1, 2, 2, 1)
    assert s["by_field"][A] == {"documents": 3, "wrong": 1, "undecided": 2, "accuracy": round(1 / 3, 4)}
    # both undecided reports went to review: nothing wrong was verified
    assert s["routing"]["wrong_docs"] == 2 and s["routing"]["wrong_verified"] == 0
    forced = missed | {"status": "verified", "flagged": False}
    assert summarize([forced])["routing"]["wrong_verified"] == 1


def _non_report(tmp_path, kind="guide"):
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    (folder / "guide.txt").write_text("某局政府信息公开指南\n一、主动公开\n", encoding="utf-8")
    gold = {"doc": "guide.txt", "expect": "failed", "kind": kind, "notes": "a guide, not a report"}
    path = folder / "guide.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_non_report_is_right_only_when_rejected(tmp_path):
    case = load_gold(_non_report(tmp_path))
    report = _case("004_")
    through = _result(report)  # a record read out of a non-report: verified is the worst outcome
    docs = [score(case, failed(str(case.report), "not an annual report")),
            score(case, through.model_copy(update={"status": "review"})),
            score(case, through)]
    assert [d["exact"] for d in docs] == [True, False, False]
    s = summarize(docs)
    assert s["documents"] == 0 and s["accuracy"] is None  # no report: no cell figures, never a fake 100 %
    nr = s["non_reports"]
    assert (nr["documents"], nr["rejected"], nr["review"], nr["verified"]) == (3, 1, 1, 1)
    assert s["routing"]["wrong_docs"] == 2 and s["routing"]["wrong_verified"] == 1
    assert s["routing"]["wrong_verified_docs"] == [case.id]
    assert s["by_family"][case.family]["rejected"] == 1 and s["by_family"][case.family]["non_reports"] == 3
    text = to_markdown(make_run(docs, settings={"engine": "t"}))
    assert "not-a-report rejected (failed)" in text and "33.33 % (1/3)" in text


def _as_old(run: dict) -> dict:
    """The run as a file written before undecided cells were counted apart would hold it."""
    old = copy.deepcopy(run)
    for d in old["docs"]:
        for key in ("expect", "undecided", "undecided_with_gold", "wrong_cells", "ambiguous_cells", "no_wrong"):
            d.pop(key, None)
        for w in d["wrong"]:
            w.pop("state", None)
            w.pop("candidates", None)
    for s in old["summary"].values():
        for group in (s, *s["by_family"].values(), *s["by_input_format"].values()):
            for key in [k for k in group if k.startswith(("undecided", "wrong_", "no_wrong", "ambiguous", "rejected"))
                        or k in ("non_reports", "wrong_cells")]:
                del group[key]
    return old


def test_an_old_run_file_loads_reports_and_gates_with_what_it_has(tmp_path):
    case = _case("004_")
    values = dict(case.fields)
    values[C] = 999
    new = make_run([score(case, _result(case)), score(_case("000_"), _result(_case("000_"), None))],
                   settings={"engine": "t"})
    old = load_run(save_run(_as_old(new), tmp_path, stem="old"))
    md = to_markdown(old)
    assert "| undecided cells | – |" in md and "| documents with no wrong cell (right or undecided with the gold) | – |" in md
    assert "| t | – | real |" in figures_table([old]) and "| – |" in figures_table([old])
    again = summarize(old["docs"])
    assert again["undecided"] is None and again["wrong_rate"] is None and again["accuracy"] == 1.0
    verdict = gate(old, new)
    assert verdict.ok
    assert any("wrong cells" in x and "only in the current run" in x for x in verdict.skipped)
    assert "wrong cells" in compare_markdown(compare(old, new))
    assert gate(old, old).ok and not gate(old, old).skipped
    # the gate still compares what both have: a wrong cell in the current run fails it
    worse = make_run([score(case, _result(case, values)), score(_case("000_"), _result(_case("000_"), None))],
                     settings={"engine": "t"})
    assert not gate(old, worse).ok
    # the committed baseline (whatever its age) loads and renders
    baseline = load_run(ROOT / "eval" / "baselines" / "layout.json")
    assert to_markdown(baseline) and figures_table([baseline])


def test_the_gate_fails_when_wrong_cells_rise_or_non_reports_get_through(tmp_path):
    case = _case("004_")
    base = make_run([score(case, _result(case))], settings={"engine": "t"})
    worse = copy.deepcopy(base)
    worse["summary"]["real"]["wrong_rate"] = 0.02
    assert gate(base, worse, max_drop=0.03).ok
    failed_gate = gate(base, worse, max_drop=0.01)
    assert not failed_gate.ok and "wrong cells" in failed_gate.failures[0] and "rose" in failed_gate.failures[0]
    nr_case = load_gold(_non_report(tmp_path))
    rejected = make_run([score(nr_case, failed(str(nr_case.report), "no"))], settings={"engine": "t"})
    through = make_run([score(nr_case, _result(case).model_copy(update={"status": "review"}))], settings={"engine": "t"})
    verdict = gate(rejected, through)
    assert not verdict.ok
    assert any("not-a-report rejected" in f for f in verdict.failures)
    assert any("was read exactly and is not any more" in f and "not rejected" in f for f in verdict.failures)


def test_reports_show_the_new_columns(tmp_path):
    case = _case("004_")
    docs = [score(case, _result(case)), score(case, _undecided(_result(case), {A: [case.fields[A], 3]}))]
    run = make_run(docs, settings={"engine": "t"})
    md = to_markdown(run)
    for words in ("undecided cells", "wrong cells", "documents with no wrong cell",
                  "| family | reports | exact | no wrong | undecided | wrong cells | field accuracy |",
                  "undecided ["):
        assert words in md, words
    html = to_html(run)
    assert "<td class='bad'>None</td>" not in html  # an undecided cell holding the gold is not marked wrong
    table = figures_table([run])
    assert "undecided (w/ gold)" in table and "| 1 (1) |" in table
    path = save_run(run, tmp_path, stem="r")
    assert load_run(path)["summary"]["real"]["undecided"] == 1
