"""Gold label files are checked on load: a wrong label must fail loudly, naming its file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor import catalogue
from extractor.errors import LabelError
from extractor.evaluation import identity_violations, load_gold, load_set, same
from extractor.evaluation.gold import read_manifest

from conftest import EVAL_REAL, gold_cases


def test_every_real_gold_file_passes_the_load_check():
    cases = load_set(EVAL_REAL)
    assert len(cases) == len(gold_cases()) >= 13
    for case in cases:
        assert set(case.fields) == set(catalogue.keys(case.template))
        assert case.report.is_file()


def test_every_real_report_has_a_layout_family_and_input_format():
    manifest = read_manifest(EVAL_REAL)
    cases = load_set(EVAL_REAL)
    assert {c.id for c in cases} == set(manifest)
    assert all(c.family != "unknown" and c.input_format != "unknown" for c in cases)
    assert {c.family for c in cases} >= {"one-cell-per-line", "tab", "pipe", "html", "pdf-text", "pdfminer-cells", "run-together"}


def test_source_violations_are_what_the_identities_find():
    broken = {c.id: c.source_violations for c in load_set(EVAL_REAL) if c.source_violations}
    assert "seeds/000_b232cca7e491c758.txt" in broken
    assert len(broken["reports/01_shanghai_bangongting_2019.html"]) == 12


def _copy(tmp_path: Path, name: str = "000_b232cca7e491c758") -> tuple[Path, dict]:
    src = EVAL_REAL / "seeds"
    shutil.copy(src / f"{name}.txt", tmp_path / f"{name}.txt")
    gold = json.loads((src / f"{name}.gold.json").read_text(encoding="utf-8"))
    return tmp_path / f"{name}.gold.json", gold


def _write(path: Path, gold: dict) -> Path:
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("breakage, words", [
    (lambda g: g["fields"].pop("requests.new.natural"), "missing"),
    (lambda g: g["fields"].__setitem__("requests.new.bogus", 1), "unknown"),
    (lambda g: g.__setitem__("source_violations", []), "source_violations"),
    (lambda g: g["fields"].__setitem__("requests.new.natural", -3), "schema"),
    (lambda g: g["fields"].__setitem__("requests.new.natural", "16"), "number"),
    (lambda g: g["meta"].__setitem__("template", "2020"), "template"),
    (lambda g: g.__setitem__("ambiguous", {"requests.new.natural": [1, 61]}), "ambiguous"),
    (lambda g: g.__setitem__("doc", "elsewhere.txt"), "not beside"),
    (lambda g: g.__setitem__("extra", 1), "unknown top-level"),
])
def test_a_broken_gold_file_gives_a_label_error_naming_the_file(tmp_path, breakage, words):
    path, gold = _copy(tmp_path)
    breakage(gold)
    _write(path, gold)
    with pytest.raises(LabelError) as info:
        load_gold(path)
    assert str(path) in str(info.value)
    assert words in str(info.value)


def test_a_sum_that_no_longer_breaks_must_not_be_declared(tmp_path):
    # fix the printed error of seed 000 in the numbers but keep it declared: the check notices
    path, gold = _copy(tmp_path)
    gold["fields"]["requests.total.natural"] = 16
    gold["fields"]["requests.total.total"] = 20
    assert identity_violations(gold) != gold["source_violations"]
    with pytest.raises(LabelError, match="declared but not found"):
        load_gold(_write(path, gold))


def test_load_set_stops_at_the_broken_file(tmp_path):
    path, gold = _copy(tmp_path)
    gold["fields"].pop("review.total")
    _write(path, gold)
    with pytest.raises(LabelError, match="000_b232cca7e491c758.gold.json"):
        load_set(tmp_path)


def test_numbers_compare_exactly_whatever_their_type():
    from decimal import Decimal

    assert same(21.53, Decimal("21.53"))
    assert same(3, 3.0)
    assert not same(21.53, Decimal("21.530001"))
    assert not same(0, None)
    assert same(None, None)
    assert not same(True, 1)


def _non_report(tmp_path: Path) -> Path:
    """A text that is not a report, with its gold file (`"expect": "failed"`, no fields)."""
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    (folder / "guide.txt").write_text("某局政府信息公开指南\n一、主动公开\n", encoding="utf-8")
    gold = {"doc": "guide.txt", "expect": "failed", "kind": "guide", "notes": "a guide, not a report"}
    path = folder / "guide.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_non_report_gold_file_loads_and_a_broken_one_names_its_file(tmp_path):
    path = _non_report(tmp_path)
    case = load_gold(path)
    assert case.expect == "failed" and case.kind == "guide" and not case.is_report and case.fields == {}
    for breakage, words in (
        (lambda g: g.__setitem__("fields", {}), "holds no"),
        (lambda g: g.__setitem__("kind", "poem"), "kind must be one of"),
        (lambda g: g.__setitem__("expect", "maybe"), "expect must be"),
    ):
        gold = json.loads(path.read_text(encoding="utf-8"))
        breakage(gold)
        path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(LabelError) as info:
            load_gold(path)
        assert str(path) in str(info.value) and words in str(info.value)
        _non_report(tmp_path)
