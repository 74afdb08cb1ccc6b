"""`xxgk check` and `xxgk eval` on malformed input: a clear error naming the file, the record
and the problem, never a traceback; the other records still checked; a non-zero exit."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import EVAL_REAL, seed_cases
from extractor.checkfile import report_text
from extractor.cli import app
from extractor.errors import LabelError, RunFileError
from extractor.evaluation import load_run
from extractor.evaluation.gold import load_gold, load_set

runner = CliRunner()
DEEP = "[" * 100_000 + "]" * 100_000


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def good_record() -> dict:
    _, gold = seed_cases()[1]
    return {"doc": "good.txt", "template": gold["meta"]["template"], "year": gold["meta"]["year"],
            "organ": gold["meta"]["organ"], "fields": dict(gold["fields"])}


def with_field(value) -> dict:
    record = good_record()
    record["fields"]["requests.new.natural"] = value
    return record


@pytest.mark.parametrize("content, words", [
    ("5", "must be a JSON object, not a number"),
    ("null", "must be a JSON object, not null"),
    ("[1,2,3]", "record 1: a record must be a JSON object"),
    (DEEP, "nested too deeply"),
    ("", "holds no records"),
    ("[]", "holds no records"),
    (json.dumps(with_field(True)), "must be a number or null, not True"),
    (json.dumps(with_field(float("nan"))), "finite"),
    ('{"x": 1}'.replace('{"x": 1}', json.dumps(with_field(1)).replace(": 1,", ": 1e400,", 1)), "finite"),
    (json.dumps(with_field(2.5)), "is a count but holds 2.5"),
    (json.dumps(with_field(-3)), "cannot be negative"),
    (json.dumps(with_field("16")), "is a count but holds the text"),
    (json.dumps(with_field({"n": 1})), "must be a number or null"),
    (json.dumps({**good_record(), "template": 5}), "template must be one of"),
    (json.dumps({**good_record(), "year": "2020"}), "year must be an integer"),
    (json.dumps({**good_record(), "fields": [1]}), "fields must be an object"),
    (json.dumps({**good_record(), "printed": 5}), "printed must be an object"),
    (json.dumps({"meta": None, "fields": {}}), "meta must be an object"),
])
def test_a_malformed_record_is_an_error_naming_file_and_problem(tmp_path, content, words):
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    result = invoke("check", "--no-text", str(path))
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert str(path) in said and words in said
    assert "Traceback" not in result.output
    as_json = invoke("check", "--json", "--no-text", str(path))
    first = json.loads(as_json.stdout.splitlines()[0])  # one record, or the first of several
    assert as_json.exit_code == 1 and words in first["error"] and first["doc"]


def test_one_bad_line_does_not_hide_the_others(tmp_path):
    lines = [json.dumps(good_record()), "5", "{not json", json.dumps(with_field(float("inf"))), DEEP,
             json.dumps(good_record())]
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = invoke("check", "--json", "--no-text", str(path))
    assert result.exit_code == 1
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(items) == 4  # the two good records have no violation: no line
    # a record's own name when it has one (line 4 is good.txt with an infinite count)
    names = [f"{path.name} (line 2)", f"{path.name} (line 3)", "good.txt", f"{path.name} (line 5)"]
    for n, name, item in zip((2, 3, 4, 5), names, items):
        assert set(item) == {"doc", "error"} and item["doc"] == name
        assert f"{path}: line {n}: " in item["error"]
    human = invoke("check", "--no-text", str(path))
    lines = human.stdout.splitlines()
    starts = [f"{path}: line 2: ", f"{path}: line 3: ", f"good.txt: {path}: line 4: ", f"{path}: line 5: "]
    assert len(lines) == 4 and all(line.startswith(start) for start, line in zip(starts, lines))
    assert human.stderr.count(": 0 violation(s)") == 2  # the two good records, counted on stderr


def test_a_doc_outside_the_files_folder_is_not_read(tmp_path):
    folder = tmp_path / "labels"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("某局政府信息公开工作年度报告\n", encoding="utf-8")
    (folder / "inside.txt").write_text("某局政府信息公开工作年度报告\n", encoding="utf-8")
    assert report_text({"doc": "inside.txt"}, folder) is not None
    assert report_text({"doc": "../secret.txt"}, folder) is None
    assert report_text({"doc": str(tmp_path / "secret.txt")}, folder) is None
    assert report_text({"doc": "a\0b"}, folder) is None
    record = {**good_record(), "doc": "../../x"}
    path = folder / "run.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert invoke("check", str(path)).exit_code == 0


# ---------------------------------------------------------------- eval: gold files and run files


def seed_gold(tmp_path):
    """Seed 002 and its gold file in a folder of their own; (gold path, gold dict)."""
    report, gold = seed_cases()[2]
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    shutil.copy(report, folder / report.name)
    return folder / (report.name.rsplit(".", 1)[0] + ".gold.json"), gold


@pytest.mark.parametrize("change, words", [
    (lambda g: 5, "one JSON object"),
    (lambda g: None, "one JSON object"),
    (lambda g: [1, 2, 3], "one JSON object"),
    (lambda g: {**g, "ambiguous": 5}, "ambiguous must be an object"),
    (lambda g: {**g, "ambiguous": {"requests.new.natural": [{"x": 1}]}}, "ambiguous['requests.new.natural']"),
    (lambda g: {**g, "ambiguous": {"requests.new.natural": [float("nan")]}}, "finite"),
    (lambda g: {**g, "doc": "../../x"}, "file name beside the gold file"),
    (lambda g: {**g, "doc": "sub/../../x.txt"}, "file name beside the gold file"),
    (lambda g: {**g, "doc": 5}, "file name beside the gold file"),
    (lambda g: {**g, "doc": "a\0b"}, "file name beside the gold file"),
    (lambda g: {**g, "variant": 5}, "variant must be an object"),
    (lambda g: {**g, "source_violations": [{}]}, "source_violations must be a list of identity ids"),
    (lambda g: {**g, "fields": {**g["fields"], "requests.new.natural": True}}, "not True"),
    (lambda g: {**g, "fields": {**g["fields"], "requests.new.natural": float("inf")}}, "finite"),
    (lambda g: {**g, "fields": {**g["fields"], "active.fees.amount": float("nan")}}, "finite"),
    (lambda g: {"doc": g["doc"], "expect": "failed", "kind": ["guide"]}, "kind must be one of"),
])
def test_a_malformed_gold_file_is_a_label_error_naming_it(tmp_path, change, words):
    path, gold = seed_gold(tmp_path)
    path.write_text(json.dumps(change(gold)), encoding="utf-8")
    with pytest.raises(LabelError) as info:
        load_gold(path)
    assert str(path) in str(info.value) and words in str(info.value)


def test_a_gold_file_nested_too_deeply_is_a_label_error(tmp_path):
    path, _ = seed_gold(tmp_path)
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(LabelError, match="nested too deeply"):
        load_gold(path)


def test_a_malformed_manifest_is_a_label_error(tmp_path):
    path, gold = seed_gold(tmp_path)
    path.write_text(json.dumps(gold), encoding="utf-8")
    for manifest in ("[1, 2]", '{"x.txt": 5}', DEEP):
        (path.parent / "manifest.json").write_text(manifest, encoding="utf-8")
        with pytest.raises(LabelError, match="manifest"):
            load_set(path.parent)


@pytest.mark.parametrize("content", ["5", "null", DEEP, '{"docs": 5, "summary": {}}', '{"docs": [5], "summary": {}}',
                                     '{"docs": [], "summary": []}'])
def test_a_malformed_run_file_is_a_run_file_error(tmp_path, content):
    path = tmp_path / "run.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RunFileError) as info:
        load_run(path)
    assert str(path) in str(info.value)


def test_eval_names_every_broken_label_and_exits_2(tmp_path):
    real = tmp_path / "real"
    shutil.copytree(EVAL_REAL / "seeds", real / "seeds")
    broken = {}
    for gold_path, value in zip(sorted((real / "seeds").glob("*.gold.json"))[:3],
                                ([1, 2, 3], {"ambiguous": 5}, {"doc": "../../x"})):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold_path.chmod(0o644)
        gold_path.write_text(json.dumps(value if isinstance(value, list) else {**gold, **value}), encoding="utf-8")
        broken[gold_path.name] = value
    result = invoke("eval", "--eval-dir", str(tmp_path), "--out", str(tmp_path / "runs"))
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    for name in broken:
        assert name in said
    assert "3 label files are broken" in said
    assert not (tmp_path / "runs").exists()  # nothing measured on a set with labels missing
