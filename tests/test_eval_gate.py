"""compare and the gate: a run made worse on purpose must fail the gate (exit status 1)."""

from __future__ import annotations

import copy
import json

from typer.testing import CliRunner

from extractor.cli import app
from extractor.engines.base import Reading
from extractor.evaluation import compare, compare_markdown, gate, load_set, run_eval, save_run
from extractor.flat import from_flat, to_flat

from conftest import EVAL_REAL
from eval_fakes import GoldEngine

runner = CliRunner()


class WorseEngine(GoldEngine):
    """The gold reading, with one cell of one report misread (and nothing to flag it)."""

    name = "worse"

    def read(self, doc) -> Reading:
        reading = super().read(doc)
        if "004_" in doc.name:
            values = to_flat(reading.record)
            values["active.licensing.decisions"] = 7  # gold: 0 … and 7 breaks no identity
            r = reading.record
            reading.record = from_flat(r.template, values, organ=r.organ, year=r.year)
        return reading


def _runs(tmp_path):
    cases = [c for c in load_set(EVAL_REAL) if c.report.suffix == ".txt"]
    good = run_eval(cases, GoldEngine())
    worse = run_eval(cases, WorseEngine())
    return good, worse, save_run(good, tmp_path, stem="good"), save_run(worse, tmp_path, stem="worse")


def test_the_gate_fails_a_worse_run_and_passes_an_equal_one(tmp_path):
    good, worse, _, _ = _runs(tmp_path)
    verdict = gate(good, worse, max_drop=0.5)  # even a lenient drop: an exact report lost is a failure
    assert not verdict.ok
    assert any("004_cf1e86794f147280" in f and "not any more" in f for f in verdict.failures)
    assert any("verified" in f for f in verdict.failures)
    assert gate(good, good).ok
    assert gate(worse, good).ok  # getting better never fails


def test_the_gate_watches_accuracy_drops_beyond_max_drop(tmp_path):
    good, _, _, _ = _runs(tmp_path)
    worse = copy.deepcopy(good)  # the same documents, one figure lower
    worse["summary"]["real"]["nonzero_accuracy"] -= 0.02
    assert gate(good, worse, max_drop=0.03).ok
    failed = gate(good, worse, max_drop=0.01)
    assert not failed.ok and "non-zero field accuracy" in failed.failures[0]


def test_compare_lists_the_cell_that_differs(tmp_path):
    good, worse, _, _ = _runs(tmp_path)
    diff = compare(good, worse)
    assert [(c["id"], c["key"], c["gold"], c["a"], c["b"]) for c in diff["cells"]] == [
        ("seeds/004_cf1e86794f147280.txt", "active.licensing.decisions", 0, 0, 7)]
    text = compare_markdown(diff)
    assert "active.licensing.decisions" in text and "**7** ✗" in text
    assert "document exact match" in text


def test_cli_compare_and_gate_exit_status(tmp_path):
    _, _, good_path, worse_path = _runs(tmp_path)
    same = runner.invoke(app, ["eval", "compare", str(good_path), str(good_path), "--max-drop", "0"])
    assert same.exit_code == 0, same.output
    worse = runner.invoke(app, ["eval", "compare", str(good_path), str(worse_path), "--max-drop", "0.01"])
    assert worse.exit_code == 1
    assert "active.licensing.decisions" in worse.stdout
    plain = runner.invoke(app, ["eval", "compare", str(good_path), str(worse_path)])
    assert plain.exit_code == 0  # without --max-drop compare only shows


def test_cli_rejects_a_file_that_is_not_a_run(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"hello": 1}))
    result = runner.invoke(app, ["eval", "compare", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "x.json" in result.output


def test_the_gate_compares_only_the_reports_both_runs_share(tmp_path):
    good, worse, _, _ = _runs(tmp_path)
    subset = copy.deepcopy(worse)
    subset["docs"] = [d for d in subset["docs"] if "004_" not in d["id"]]  # the one worse report left out
    assert gate(good, subset).ok
    only_bad = copy.deepcopy(good)
    only_bad["docs"] = [d for d in worse["docs"] if "004_" in d["id"]]
    verdict = gate(good, only_bad, max_drop=0.5)
    assert not verdict.ok and any("004_" in f for f in verdict.failures)
