"""The variant generator's recipes: ≥ 200 deterministic re-renderings of the real reports with
valid gold, decodable, honest tables. (The failure families: tests/test_families.py.)"""

from __future__ import annotations

import json
import re

import pytest

from extractor.errors import LabelError
from extractor.evaluation import RECIPES, ensure_variants, generate, load_set
from extractor.evaluation.families import FAMILIES, PER_FAMILY
from extractor.evaluation.variants import STAMP, render
from extractor.load import load

from conftest import EVAL_REAL

_FW = str.maketrans("０１２３４５６７８９", "0123456789")


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    real = load_set(EVAL_REAL)
    folder = tmp_path_factory.mktemp("variants")
    paths = generate(real, folder, families=())  # the recipes alone; the families are tested apart
    return real, folder, paths


def test_at_least_200_variants_each_with_a_valid_gold_file(variants):
    real, folder, paths = variants
    assert len(paths) == len(real) * len(RECIPES) >= 200
    cases = load_set(folder, set_name="variants")  # every gold file passes the load check
    assert len(cases) == len(paths)
    by_id = {c.id: c for c in real}
    for case in cases:
        source = by_id[case.variant["of"]]
        assert case.fields == source.fields and case.source_violations == source.source_violations
        assert case.family == case.variant["family"] and not case.ambiguous
    assert {c.family for c in cases} == {"pipe", "markdown", "tab", "one-cell-per-line", "pdf-text", "html"}
    assert {c.variant["encoding"] for c in cases} >= {"utf-8", "utf-8-sig", "gb18030", "utf-16"}
    assert any(c.variant["encoding"] == "gbk" for c in cases)


def test_every_text_variant_decodes_to_what_was_written(variants):
    _, folder, _ = variants
    for case in load_set(folder, set_name="variants"):
        if case.report.suffix == ".html":
            continue
        doc = load(case.report)
        enc = case.variant["encoding"]
        expected = case.report.read_bytes().decode({"utf-16": "utf-16", "utf-8-sig": "utf-8-sig"}.get(enc, enc))
        expected = expected.translate(str.maketrans("０１２３４５６７８９", "0123456789"))  # made ASCII on load
        assert doc.text.replace("\r\n", "\n") == expected.replace("\r\n", "\n"), case.id
        assert "政府信息公开" in doc.text and case.organ in doc.text  # the narrative came through intact


def test_html_variants_declare_their_charset_and_keep_spans(variants):
    _, folder, _ = variants
    pages = sorted(folder.glob("*-html.html"))
    assert pages
    for page in pages[:20]:
        gold = json.loads(page.with_name(page.stem + ".gold.json").read_text(encoding="utf-8"))
        enc = gold["variant"]["encoding"]
        text = page.read_bytes().decode(enc)
        assert f"charset={enc}" in text
        assert 'rowspan="' in text and 'colspan="' in text and text.count("<table") == 3


def _numbers(line: str) -> list[str]:
    return re.findall(r"\d[\d,]*(?:\.\d+)?", line.translate(_FW))


@pytest.mark.parametrize("layout", ["pipe", "markdown", "tab", "pdf-text"])
def test_a_row_reads_as_the_gold_values_in_order(variants, layout):
    """Honesty: the 本年新收 row of 表三 shows the seven gold numbers, in column order."""
    _, folder, _ = variants
    checked = 0
    for case in load_set(folder, set_name="variants"):
        if case.family != layout or {"blank_zero", "dash_zero"} & set(case.variant["damage"]):
            continue
        lines = load(case.report).text.replace("\r\n", "\n").split("\n")
        at = next(i for i, line in enumerate(lines) if "一、本年新收政府信息公开申请数量" in line)
        row = lines[at].split("数量", 1)[1]
        if not _numbers(row):  # the label wrapped: the numbers are on the next line
            row = lines[at + 1]
        want = [str(case.fields[f"requests.new.{c}"]) for c in
                ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")]
        assert [n.replace(",", "") for n in _numbers(row)] == want, (case.id, row)
        checked += 1
    assert checked >= 13


def test_generation_is_deterministic():
    real = load_set(EVAL_REAL)
    case = next(c for c in real if c.id.startswith("seeds/000_"))
    for recipe in RECIPES:
        assert render(case, recipe)[0] == render(case, recipe)[0]
    assert render(case, RECIPES[9], seed=1)[0] != render(case, RECIPES[9], seed=2)[0]


def test_ensure_variants_generates_once_and_refuses_foreign_folders(tmp_path):
    real = [c for c in load_set(EVAL_REAL) if c.id.startswith("seeds/00")][:2]
    folder = tmp_path / "v"
    assert ensure_variants(real, folder) is True
    assert len(list(folder.rglob("*.gold.json"))) == 2 * len(RECIPES) + len(FAMILIES) * PER_FAMILY
    assert (folder / STAMP).is_file()
    assert ensure_variants(real, folder) is False
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(LabelError, match="not overwriting"):
        generate(real, foreign)
    assert (foreign / "keep.txt").exists()


def test_blank_for_zero_keeps_the_columns_where_they_were():
    """Honesty of space-aligned text: a blank cell is the same gap a printed 0 would leave."""
    import random

    from extractor.evaluation._render import Style, pdf_text
    from extractor.evaluation._tables import tables

    zero = re.compile(r"(?<=\s)0(?:\.0+)?(?=\s|$)")
    for case in load_set(EVAL_REAL):
        parts = tables(case.template, case.fields)
        printed = pdf_text(parts, Style(page_break=True), random.Random(7))
        blank = pdf_text(parts, Style(page_break=True, blank_zero=True), random.Random(7))
        assert zero.sub(lambda m: " " * len(m.group()), printed) == blank, case.id


def test_rows_keep_the_printed_order_of_the_format(variants):
    _, folder, _ = variants
    for case in load_set(folder, set_name="variants"):
        if case.report.suffix == ".html" or case.template != "2021":
            continue
        text = load(case.report).text
        t3 = text[text.index("三、收到和处理政府信息公开申请情况"):]
        assert t3.index("（六）其他处理") < t3.index("（七）总计") < t3.index("四、结转下年度继续办理"), case.id
