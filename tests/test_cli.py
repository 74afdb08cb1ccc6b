"""The `xxgk` command line: check on gold files, --json, --help, and a batch with broken files."""

from __future__ import annotations

import json
import shutil

import pytest
import typer
from typer.testing import CliRunner

from conftest import EVAL_REAL, gold_cases, seed_cases
from extractor.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def found(result) -> list[dict]:
    """`xxgk check --json`'s JSON lines: one object per violation (or unreadable record)."""
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_command_has_help():
    result = invoke("--help")
    assert result.exit_code == 0
    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"extract", "check"} <= set(commands)
    for command in commands:
        sub = invoke(command, "--help")
        assert sub.exit_code == 0 and "Usage" in sub.stdout, command


def test_check_seed_000_reports_exactly_its_two_identities(seed000):
    path, gold = seed000
    result = invoke("check", "--json", str(path.with_name(path.stem.removesuffix(".txt") + ".gold.json")))
    assert result.exit_code == 1
    violations = found(result)
    rules_found = sorted(v["rule"] for v in violations)
    assert rules_found == sorted(gold["source_violations"]) == ["outcome_sum:requests.natural", "outcome_sum:requests.total"]
    assert {v["severity"] for v in violations} == {"error"}
    for v in violations:
        assert set(v) == {"doc", "rule", "severity", "keys", "expected", "found", "message"}
        assert v["doc"] == gold["doc"] == path.name
    human = invoke("check", str(path.with_suffix("").with_suffix(".gold.json")))
    assert human.exit_code == 1
    assert "outcome_sum:requests.total" in human.stdout and "（七）总计印为 19" in human.stdout
    # one self-contained line per violation on stdout, each naming its report
    lines = human.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{path.name}: [error] outcome_sum:requests.") for line in lines)


@pytest.mark.parametrize("path,gold", seed_cases()[1:], ids=[p.name for p, _ in seed_cases()[1:]])
def test_check_other_seeds_no_error(path, gold):
    result = invoke("check", "--json", str(path.with_suffix("").with_suffix(".gold.json")))
    assert result.exit_code == 0, result.stdout
    assert [v for v in found(result) if v["severity"] == "error"] == []


def test_check_errors_only_and_unreadable(tmp_path):
    warned = EVAL_REAL / "seeds" / "003_1b7ac8ccf42148d8.gold.json"  # amount_unit warning only
    warnings = found(invoke("check", "--json", str(warned)))
    assert warnings and {(v["rule"].split(":")[0], v["severity"]) for v in warnings} == {("amount_unit", "warning")}
    assert found(invoke("check", "--json", "--errors-only", str(warned))) == []
    result = invoke("check", str(tmp_path / "missing.gold.json"))
    assert result.exit_code == 2


def test_check_reads_extract_lines(tmp_path):
    """`xxgk check` also takes the JSON lines `xxgk extract` writes (several records)."""
    lines = []
    for path, gold in gold_cases()[:3]:
        lines.append({"doc": path.name, "template": gold["meta"]["template"], "year": gold["meta"]["year"],
                      "organ": gold["meta"]["organ"], "fields": gold["fields"], "status": "review"})
    lines.append({"doc": "broken.txt", "status": "failed", "template": None, "fields": {}})
    out = tmp_path / "run.jsonl"
    out.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    result = invoke("check", "--json", str(out))
    items = found(result)
    docs = [x["doc"] for x in lines]
    assert [i["doc"] for i in items] == sorted((i["doc"] for i in items), key=docs.index)  # in input order
    assert items[-1] == {"doc": "broken.txt", "error": items[-1]["error"]} and "no template" in items[-1]["error"]
    assert all("error" not in i for i in items[:-1])
    for doc, (_, gold) in zip(docs, gold_cases()[:3]):
        errors = sorted(i["rule"] for i in items if i["doc"] == doc and i["severity"] == "error")
        assert errors == sorted(gold["source_violations"])
    assert result.exit_code == 1
    human = invoke("check", str(out))
    assert [line.split(": ", 1)[0] for line in human.stdout.splitlines()] == [i["doc"] for i in items]


def test_batch_extract_from_the_command_line(tmp_path, monkeypatch):
    """Empty, binary, GBK copy, missing path and a non-report next to the seeds (layout engine)."""
    pytest.importorskip("extractor.engines.layout", reason="the layout engine is not there yet")
    from test_pipeline_batch import broken_files

    files = broken_files(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(EVAL_REAL / "seeds", seeds)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.jsonl"
    result = invoke("extract", "--engine", "layout", "--no-store", "--out", str(out),
                    files["empty"], files["binary"], files["gbk"], files["missing"], files["weather"], str(seeds))
    assert result.exit_code == 1
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 10
    by_path = {x["path"]: x for x in lines}
    for name, cause in {"empty": "empty file", "binary": "binary", "missing": "no such file",
                        "weather": "annual report"}.items():
        line = by_path[files[name]]
        assert line["status"] == "failed" and files[name] in line["error"] and cause in line["error"]
    for line in lines:
        assert {"doc", "template", "year", "organ", "fields", "violations", "status", "engine"} <= set(line)
    gbk = by_path[files["gbk"]]
    original = by_path[str(seeds / gbk["doc"])]
    assert gbk["status"] != "failed" and gbk["fields"] == original["fields"] and gbk["organ"] == original["organ"]
    assert all(by_path[str(p)]["status"] != "failed" for p in seeds.glob("*.txt"))


def test_check_reads_the_report_beside_a_gold_file_for_the_narrative():
    gold = EVAL_REAL / "reports" / "03_hongze_2024_pdftext.gold.json"
    result = invoke("check", "--json", str(gold))
    assert result.exit_code == 0  # a warning only
    assert [v["rule"] for v in found(result)] == ["narrative_count:received"]
    assert found(invoke("check", "--json", "--no-text", str(gold))) == []
    html_gold = EVAL_REAL / "reports" / "01_shanghai_bangongting_2019.gold.json"
    rules_found = {v["rule"] for v in found(invoke("check", "--json", str(html_gold)))}
    assert {"narrative_count:granted_or_partial", "narrative_count:unable"} <= rules_found
