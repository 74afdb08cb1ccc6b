"""`xxgk eval` end to end with the layout engine over the real set, and `xxgk eval add`."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluation import load_gold, load_run
from extractor.evaluation.families import FAMILIES, FAMILY_NAMES, PER_FAMILY

from conftest import EVAL_REAL, ROOT

runner = CliRunner()


def test_eval_layout_over_the_real_set_writes_the_run_file_and_reports(tmp_path):
    result = runner.invoke(app, ["eval", "--engine", "layout", "--set", "real", "--out", str(tmp_path), "--name", "r"])
    assert result.exit_code == 0, result.output
    run = load_run(tmp_path / "r.json")
    assert run["engine"] == "layout" and run["date"] and run["code_version"]["package"]
    s = run["summary"]["real"]
    assert s["documents"] == len(list(EVAL_REAL.rglob("*.gold.json")))
    for figure in ("accuracy", "nonzero_accuracy", "exact_rate", "template_accuracy", "organ_accuracy", "year_accuracy"):
        assert 0 <= s[figure] <= 1
    assert set(s["routing"]) >= {"recall", "wrong_verified", "needless_flag_rate"}
    assert "field accuracy (non-zero gold cells)" in result.stdout
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "by family" in md and "cells not read right" in md and "undecided cells" in md
    assert "<table>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    # the gate against itself passes
    again = runner.invoke(app, ["eval", "run", "--engine", "layout", "--out", str(tmp_path), "--name", "r2",
                                "--only", "seeds/", "--baseline", str(tmp_path / "r.json"), "--max-drop", "0"])
    assert again.exit_code == 0, again.output
    assert "gate passed" in again.output


def test_eval_rejects_an_unknown_set_and_a_broken_label(tmp_path):
    assert runner.invoke(app, ["eval", "--set", "nope"]).exit_code == 2
    real = tmp_path / "real"
    shutil.copytree(EVAL_REAL / "seeds", real / "seeds")
    gold_path = real / "seeds" / "004_cf1e86794f147280.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    del gold["fields"]["review.total"]
    gold_path.chmod(0o644)
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "runs")])
    assert result.exit_code == 2
    assert "004_cf1e86794f147280.gold.json" in result.output and "missing" in result.output


def test_eval_add_writes_a_skeleton_that_passes_the_load_check(tmp_path):
    report = EVAL_REAL / "seeds" / "003_1b7ac8ccf42148d8.txt"
    src = tmp_path / "in" / "new_report.txt"
    src.parent.mkdir()
    shutil.copy(report, src)
    dest = tmp_path / "set" / "reports"
    result = runner.invoke(app, ["eval", "add", str(src), "--engine", "layout", "--to", str(dest), "--family", "pipe"])
    assert result.exit_code == 0, result.output
    case = load_gold(dest / "new_report.gold.json", root=dest)
    truth = load_gold(report.with_name("003_1b7ac8ccf42148d8.gold.json"))
    assert case.template == truth.template and case.year == truth.year
    assert sum(case.fields[k] == truth.fields[k] for k in truth.fields) > 0.9 * len(truth.fields)
    assert "SKELETON" in case.notes
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["new_report.txt"] == {"family": "pipe", "input_format": "txt"}
    again = runner.invoke(app, ["eval", "add", str(src), "--engine", "layout", "--to", str(dest)])
    assert again.exit_code == 2 and "exists already" in again.output


def test_the_variants_script_is_a_thin_wrapper():
    script = (ROOT / "eval" / "variants.py").read_text(encoding="utf-8")
    assert "extractor.evaluation" in script and len(script.splitlines()) < 60


def test_eval_set_variants_generates_them_on_demand_and_reports_them_apart(tmp_path):
    seeds = tmp_path / "real" / "seeds"
    seeds.mkdir(parents=True)
    for stem in ("003_1b7ac8ccf42148d8", "004_cf1e86794f147280"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(EVAL_REAL / "seeds" / f"{stem}{suffix}", seeds / f"{stem}{suffix}")
    result = runner.invoke(app, ["eval", "--set", "all", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "runs"),
                                 "--name", "all"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "variants").glob("*.gold.json"))) == 2 * 16  # the recipes, at the top
    families = list((tmp_path / "variants" / "synth").rglob("*.gold.json"))
    assert len(families) == len(FAMILIES) * PER_FAMILY
    run = load_run(tmp_path / "runs" / "all.json")
    assert run["summary"]["real"]["documents"] == 2
    reports = 32 + (len(FAMILIES) - 1) * PER_FAMILY  # every family but not-a-report holds reports
    assert run["summary"]["variants"]["documents"] == reports
    assert run["summary"]["variants"]["non_reports"]["documents"] == PER_FAMILY
    assert {d["family"] for d in run["docs"] if d["set"] == "variants"} >= {"pdf-text", "html", "tab", *FAMILY_NAMES}
    markdown = runner.invoke(app, ["eval", "table", "--markdown", str(tmp_path / "runs" / "all.json")])
    assert markdown.exit_code == 0
    assert "| layout | – | real | 2 |" in markdown.stdout and f"| layout | – | variants | {reports} |" in markdown.stdout
    # a terminal table: a column per run and set, a row per figure, no cell cut even when piped
    table = runner.invoke(app, ["eval", "table", str(tmp_path / "runs" / "all.json")])
    assert table.exit_code == 0
    header = next(line for line in table.stdout.splitlines() if "figure" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == ["figure", "layout – real", "layout – variants"]
    reports_row = next(line for line in table.stdout.splitlines() if line.startswith("│ reports "))
    assert [c.strip() for c in reports_row.strip("│ ").split("│")] == ["reports", "2", str(reports)]
    as_json = runner.invoke(app, ["eval", "table", "--json", str(tmp_path / "runs" / "all.json")])
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(r["engine"], r["set"], r["reports"]) for r in rows] == [("layout", "real", 2), ("layout", "variants", reports)]
    both = runner.invoke(app, ["eval", "table", "--json", "--markdown", str(tmp_path / "runs" / "all.json")])
    assert both.exit_code == 2 and "choose one of" in both.output


def test_eval_add_of_an_unreadable_report_still_writes_a_loadable_skeleton(tmp_path):
    src = tmp_path / "odd_report.txt"
    src.write_text("某局2022年政府信息公开工作年度报告\n本年新收 申请 行政复议\n（表格是图片，没有文字）\n", encoding="utf-8")
    dest = tmp_path / "set"
    result = runner.invoke(app, ["eval", "add", str(src), "--engine", "layout", "--to", str(dest)])
    assert result.exit_code == 0, result.output
    case = load_gold(dest / "odd_report.gold.json", root=dest)
    assert case.year == 2022 and case.template == "2021"
    assert "SKELETON" in case.notes


def _seed_set(tmp_path):
    real = tmp_path / "real"
    shutil.copytree(EVAL_REAL / "seeds", real / "seeds")
    for p in real.rglob("*"):
        p.chmod(0o644)
    return real / "seeds"


def test_eval_names_the_failed_reports_and_labels_wrong_cells_in_chinese(tmp_path):
    seeds = _seed_set(tmp_path)
    (seeds / "001_f3bbfa1004ed2dd6.txt").write_text("某局工作要点落实情况\n一、全年工作\n", encoding="utf-8")
    gold_path = seeds / "002_943bbbccc038582b.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    key = "active.regulations.issued"  # 表二 of this 2021-format seed: no identity checks it
    gold["fields"][key] = (gold["fields"][key] or 0) + 1  # a label the reading misses
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "runs"), "--name", "r"])
    assert result.exit_code == 0, result.output
    run = load_run(tmp_path / "runs" / "r.json")
    assert run["summary"]["real"]["failed_docs"] == ["seeds/001_f3bbfa1004ed2dd6.txt"]
    assert "reports that failed (no record) | 1: seeds/001_f3bbfa1004ed2dd6.txt" in result.stdout
    md = (tmp_path / "runs" / "r.md").read_text(encoding="utf-8")
    label = "表二 / 规章 / 本年制发件数"
    assert f"{key} | {label}" in md
    assert label in (tmp_path / "runs" / "r.html").read_text(encoding="utf-8")


def test_eval_exits_non_zero_when_every_report_failed(tmp_path):
    seeds = _seed_set(tmp_path)
    for src in seeds.glob("*.txt"):
        src.write_text("某局政府信息公开指南\n一、主动公开\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "runs")])
    assert result.exit_code == 1, result.output
    assert "every one of the 5 reports failed" in result.output


def test_eval_set_scans_reads_the_drawn_scans_and_says_how_to_draw_them_when_there_are_none(tmp_path):
    """`--set scans` is the scan family eval/scans.py draws (OCR'd: never part of `all`); with
    none drawn it says how, exit 2. Here a labelled text report stands in for a drawn scan, so
    the wiring is checked without minutes of OCR."""
    missing = runner.invoke(app, ["eval", "--set", "scans", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "python eval/scans.py make" in missing.output
    scans = tmp_path / "scans"
    scans.mkdir()
    gold = next(EVAL_REAL.rglob("003_*.gold.json"))
    for f in gold.parent.glob("003_*"):
        shutil.copy(f, scans / f.name)
    res = runner.invoke(app, ["eval", "--set", "scans", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "o"),
                              "--name", "s"])
    assert res.exit_code == 0, res.output
    run = load_run(tmp_path / "o" / "s.json")
    assert set(run["summary"]) == {"scans"} and run["summary"]["scans"]["documents"] == 1


def test_reports_of_reruns_exactly_the_reports_a_run_file_scored(tmp_path):
    first = CliRunner().invoke(app, ["eval", "--only", "pingtan", "--out", str(tmp_path), "--name", "a"])
    assert first.exit_code == 0, first.output
    scored = [d["id"] for d in load_run(tmp_path / "a.json")["docs"]]
    assert len(scored) >= 3
    again = CliRunner().invoke(app, ["eval", "--set", "all", "--reports-of", str(tmp_path / "a.json"),
                                     "--out", str(tmp_path), "--name", "b"])
    assert again.exit_code == 0, again.output
    assert [d["id"] for d in load_run(tmp_path / "b.json")["docs"]] == scored  # no variant came along
    run = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    run["docs"].append({"set": "real", "id": "reports/99_nowhere.txt"})
    (tmp_path / "c.json").write_text(json.dumps(run), encoding="utf-8")
    bad = CliRunner().invoke(app, ["eval", "--reports-of", str(tmp_path / "c.json"), "--out", str(tmp_path)])
    assert bad.exit_code == 2 and "99_nowhere" in bad.output and "c.json" in bad.output
