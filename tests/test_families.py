"""The failure families: enough reports per family, deterministic, valid gold, and a truth the
print allows (checked again here from the printed rows, not trusted from the generator)."""

from __future__ import annotations

import ast
import json
import re

import pytest

from extractor import catalogue
from extractor.evaluation import check_gold, load_set, text_pages
from extractor.evaluation.families import (
    ERROR_EVERY, FAMILIES, FAMILY_NAMES, PER_FAMILY, build, gold, non_report, write_families,
)
from extractor.evaluation.flat_page import CRAWLER_RULE
from extractor.evaluation.non_reports import KINDS
from extractor.printed import tables as printed_tables
from extractor.evaluation.oracle import ambiguous, row_readings, table_readings, truth_allowed
from extractor.load import load

from conftest import EVAL_REAL, ROOT

SEED = 7
BY_NAME = {f.name: f for f in FAMILIES}
FLAT = ("partial-spacing", "mixed-rows", "dropped-blank", "table4-run", "negative-change-run")


@pytest.fixture(scope="module")
def real():
    return load_set(EVAL_REAL)


@pytest.fixture(scope="module")
def built(real):
    """Four reports of every family that makes reports (index 3 carries a printed error)."""
    return {f.name: [build(f, real, SEED, i) for i in range(4)] for f in FAMILIES if f.render is not None}


def test_twenty_one_families_of_at_least_20_reports_in_both_formats_where_they_apply():
    assert FAMILY_NAMES == ("partial-spacing", "mixed-rows", "dropped-blank", "table4-run", "negative-change-run",
                            "converter-markdown", "garbled-pdf-markdown", "off-format", "cell-marks", "page-numbers",
                            "measure-words", "csv-and-lists", "extra-columns", "label-variants", "web-files",
                            "web-pages", "text-debris", "pdf-text-order", "ocr-letters", "text-layouts", "office-files",
                            "doc-files", "table-shapes", "compound-labels", "table-notes", "number-marks",
                            "char-forms", "not-a-report")
    assert PER_FAMILY >= 20
    for family in FAMILIES:
        if family.name in ("negative-change-run", "not-a-report"):
            continue  # 本年增/减 exists only in the 2019 format; a non-report has none
        assert family.templates == ("2019", "2021"), family.name
    # a printed error in about 15 % of the reports of a family
    assert 0.1 <= sum(i % ERROR_EVERY == 3 for i in range(PER_FAMILY)) / PER_FAMILY <= 0.2


def test_written_reports_load_as_valid_gold(real, tmp_path):
    paths = write_families(real, tmp_path, seed=SEED, per_family=4)
    assert len(paths) == 4 * len(FAMILIES)
    cases = load_set(tmp_path, set_name="variants")  # every gold file passes the load check
    assert {c.family for c in cases} == set(FAMILY_NAMES)
    for case in cases:
        v = case.variant
        assert v["family"] == case.family and v["seed"] == SEED and isinstance(v["damage"], list)
        if case.family == "not-a-report":
            assert case.expect == "failed" and case.kind in KINDS and not case.fields
            continue
        assert case.template in ("2019", "2021") and case.input_format != "unknown"
        index = v["index"]
        assert bool(case.source_violations) == (index % ERROR_EVERY == 3), case.id  # the printed errors
        assert (v["printed_error"] is not None) == (index % ERROR_EVERY == 3)
        # what the file holds: a web archive's page is encoded inside it, so it is loaded first
        # (and a char-forms page names its body in radicals, with zero-width characters: loaded)
        text = (load(str(case.report)).text if case.family in ("web-files", "office-files", "doc-files", "char-forms")
                else case.report.read_text(encoding="utf-8"))
        if "traditional" in v["damage"]:  # a 繁體 page names its body in traditional characters
            text = text.translate({ord(t): chr(s) for s, t in text_pages._TRAD.items()})
        assert case.organ and case.organ in text


def test_generation_is_deterministic_for_a_seed(real):
    for family in FAMILIES:
        if family.render is None:
            assert non_report(real, SEED, 1) == non_report(real, SEED, 1)
            assert non_report(real, SEED, 1)[0] != non_report(real, SEED + 1, 1)[0]
            continue
        d1, p1, a1 = build(family, real, SEED, 2)
        d2, p2, a2 = build(family, real, SEED, 2)
        assert (p1.data or p1.text.encode()) == (p2.data or p2.text.encode()) and a1 == a2
        assert gold(d1, p1, a1, "x.txt", SEED) == gold(d2, p2, a2, "x.txt", SEED)
        p3 = build(family, real, SEED + 1, 2)[1]
        assert (p3.data or p3.text.encode()) != (p1.data or p1.text.encode()), family.name


def test_numbers_are_random_and_consistent(built):
    seen = set()
    for name, reports in built.items():
        for d, page, found in reports:
            gold_data = gold(d, page, found, "x.txt", SEED)
            check_gold(gold_data, f"{name}#{d.index}")  # keys, schema, ambiguous ⊇ truth, source_violations
            seen.add(json.dumps(gold_data["fields"], sort_keys=True))
    assert len(seen) == sum(len(r) for r in built.values())  # no two reports share their numbers


def test_the_truth_is_among_the_readings_the_print_allows(built):
    """Recomputed from the printed rows, which must appear in the text as they were printed."""
    flat_count = 0
    for name in FLAT:
        for d, page, found in built[name]:
            assert page.printed is not None
            body = page.text
            at = 0
            for section, rows in page.printed:
                for row in rows:
                    if row.printed:
                        at = body.index(row.printed, at)  # in printed order
                tables = [table_readings(rows, d.template)]
                assert truth_allowed(tables[0], d.values), (name, d.index, section)
            readings = [table_readings(rows, d.template) for _, rows in page.printed]
            assert ambiguous(readings) == found
            for key, values in found.items():
                assert d.values[key] in values
            flat_count += 1
    assert flat_count == 4 * len(FLAT)


def test_each_flat_family_prints_its_damage(built):
    def rows(name):
        for d, page, _ in built[name]:
            for section, printed in page.printed:
                for row in printed:
                    yield d, section, row

    # partial spacing: one line after the crawler header, numbers partly run together
    for d, page, _ in built["partial-spacing"]:
        head, body = page.text.split(CRAWLER_RULE + "\n")
        assert head.startswith("标题: ") and "发布机构: " in head and body.count("\n") == 1
    assert any(len(row.printed.split()) < len(row.keys) for _, s, row in rows("partial-spacing") if s == "三")
    # dropped blanks: a 表三 row short of a cell, 表四 printing fewer than 15 numbers
    assert any(row_readings(row).dropped > 0 for _, s, row in rows("dropped-blank") if s == "三")
    assert all(row_readings(row).dropped == 2 or d.plain(row.keys) for d, s, row in rows("dropped-blank")
               if s == "四" and sum(d.values[k] == 0 for k in row.keys) >= 2)
    # 表四 run together: fewer than 15 tokens
    assert any(len(row.printed.split()) < 15 for _, s, row in rows("table4-run") if s == "四")
    # a negative 本年增/减 run into its neighbours
    assert all(any(d.values[k] < 0 for k in d.values if k.endswith(".change")) for d, _, _ in built["negative-change-run"])
    assert any(re.search(r"\d-\d", row.printed) for _, s, row in rows("negative-change-run") if s == "二")


def test_converter_and_garbled_markdown(built):
    for d, page, found in built["converter-markdown"]:
        assert page.suffix == ".md" and not found
        assert "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |" in page.text or "| 本年新收件数 |" in page.text
        for heading in ("### 行政复议", "### 行政诉讼（未经复议直接起诉）", "### 行政诉讼（复议后起诉）"):
            assert heading in page.text
        assert "### （一）予以公开" in page.text or "（一）予以公开 |" in page.text
    garbles = {g for _, page, _ in built["garbled-pdf-markdown"] for g in page.damage}
    assert garbles >= {"detached_labels", "broken_label", "two_rows_one_line"}


def test_cell_marks_print_zeros_as_varying_marks_counts_with_measure_words_and_wide_digits(real):
    family = BY_NAME["cell-marks"]
    pages = [build(family, real, SEED, i)[1] for i in range(PER_FAMILY)]
    damage = {x for p in pages for x in p.damage}
    assert {"zero_marks", "measure_words", "fullwidth_page"} <= damage
    assert {f"layout:{k}" for k in ("tab", "pipe", "one-cell-per-line", "pdf-text")} <= damage
    assert any(x.startswith("spacer_columns:") for x in damage)
    wide = [p for p in pages if "fullwidth_page" in p.damage]
    assert all(not re.search(r"[0-9]", p.text) for p in wide)  # every digit, the title's year too
    narrow = " ".join(p.text for p in pages if "fullwidth_page" not in p.damage)
    for mark in ("\t—\t", "\t/\t", "\t无\t", "| - |"):
        assert mark in narrow, mark
    assert re.search(r"[\t|] ?\d+件", narrow)
    assert "\n\xa0\n" in narrow  # one cell per line: an empty cell as a line of &nbsp;


def test_page_numbers_stand_between_rows_of_flattened_text(real):
    family = BY_NAME["page-numbers"]
    pages = [build(family, real, SEED, i)[1] for i in range(8)]
    for page in pages:
        assert re.search(r"(?<!\S)(第\s*\d+\s*页|[-—]\d[-—])", page.text), page.text[:200]
        assert page.printed  # the rows still go to the oracle


def test_off_format_quirks(real):
    family = BY_NAME["off-format"]
    reports = [build(family, real, SEED, i) for i in range(10)]
    quirks = {q for d, _, _ in reports for q in d.quirks}
    assert quirks == {"late-2019-format", "no-regulations-row", "empty-other-rows", "label-typos", "letter"}
    for d, page, _ in reports:
        if "late-2019-format" in d.quirks:
            assert d.template == "2019" and d.year >= 2021
        if "letter" in d.quirks:
            assert f"{d.organ}关于报送{d.year}年政府信息公开工作年度报告的函" in page.text
            assert re.search(r"(区管委会办公室|区办公室|管委会办公室)：", page.text)
        if "no-regulations-row" in d.quirks:
            assert all(d.values[k] == 0 for k in d.values if k.startswith("active.regulations."))
            assert "规章" not in page.text.split("二、主动公开政府信息情况")[-1].split("三、收到")[0]
        if "empty-other-rows" in d.quirks:
            assert all(d.values[f"requests.{r}.{c}"] == 0 for r in ("other_unpaid_fee", "other_misc")
                       for c in catalogue.APPLICANT_COLUMNS)
        if "label-typos" in d.quirks:
            assert any(t in page.text for t in ("行政法复议", "上年转结", "先行有效件数", "本公开数量"))


def test_non_reports_carry_no_tables_of_the_current_format(real):
    kinds = set()
    for i in range(6):
        text, data = non_report(real, SEED, i)
        kinds.add(data["kind"])
        assert data["expect"] == "failed" and "fields" not in data
        assert "第二十条" not in text and "本年新收" not in text
    assert kinds == set(KINDS)


def test_the_oracle_and_the_generator_never_import_an_engine():
    """The gold's ambiguity must not come from the reader it measures."""
    folder = ROOT / "extractor" / "evaluation"
    for name in ("oracle", "synth", "flat_page", "md_pages", "off_format", "non_reports", "families", "family_pages",
                 "char_pages"):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = ("." * node.level) + (node.module or "")
                assert "engines" not in target, (name, target)
                assert not (node.level == 2 and node.module is None and any(a.name == "engines" for a in node.names))
            if isinstance(node, ast.Import):
                assert not any("engines" in a.name for a in node.names), name
    oracle = ast.parse((folder / "oracle.py").read_text(encoding="utf-8"))
    project = {(n.level, n.module, tuple(a.name for a in n.names)) for n in ast.walk(oracle)
               if isinstance(n, ast.ImportFrom) and n.level}
    assert project == {(2, None, ("catalogue",))}  # the oracle knows the catalogue and nothing else of ours


def test_web_files_are_text_containers_the_loaders_open(tmp_path):
    """web-files writes text only (an archive is ASCII), each a container a loader must open:
    the page inside holds the draft's numbers (the 表三 total cell appears among the cells)."""
    family = next(f for f in FAMILIES if f.name == "web-files")
    real = load_set(EVAL_REAL)
    seen = set()
    for i in range(12):
        d, page, _ = build(family, real, SEED, i)
        container = next(x for x in page.damage if x.startswith("container:"))
        seen.add(container)
        path = tmp_path / f"{i}{page.suffix}"
        path.write_text(page.text, encoding="utf-8")
        if container == "container:mht":
            assert page.text.isascii() and "MIME-Version: 1.0" in page.text
        doc = load(str(path))
        total = d.values["requests.total.total"]
        assert len(doc.tables) >= 3 and any(c.text == str(total) for t in doc.tables for c in t.cells), container
    assert seen == {"container:mht", "container:css", "container:iframe", "container:word-doc"}



def _same_cells(doc, d, fmt: str) -> None:
    """The loaded file gives back every printed table with its cells' places and spans, the draft's
    表三 total among the cells."""
    from extractor.evaluation._rtf_write import placed

    assert doc.format == fmt and d.organ in doc.text
    sections = printed_tables(d.template, d.values)
    assert len(doc.tables) == len(sections)
    for t, (_, table) in zip(doc.tables, sections):
        _, owner = placed(table)
        want = sorted((r, c, cell.rowspan, cell.colspan) for (r, c), (cell, r0, c0) in owner.items() if (r0, c0) == (r, c))
        assert sorted((x.row, x.col, x.rowspan, x.colspan) for x in t.cells) == want
    total = d.values["requests.total.total"]
    assert any(c.text == str(total) for t in doc.tables for c in t.cells)

def test_office_files_are_rtf_the_loader_reads_cell_for_cell(tmp_path):
    """office-files writes RTF (ASCII text): Word's .rtf or WPS's .doc/.wps; the loader gives back
    every table with the printed cells and spans (the draft's 表三 total among them)."""
    family = next(f for f in FAMILIES if f.name == "office-files")
    real = load_set(EVAL_REAL)
    seen = set()
    for i in range(8):
        d, page, _ = build(family, real, SEED, i)
        seen.add((page.damage[0], page.suffix))
        assert page.text.isascii() and page.text.startswith("{\\rtf1")
        path = tmp_path / f"{i}{page.suffix}"
        path.write_text(page.text, encoding="utf-8")
        _same_cells(load(str(path)), d, "rtf")
    assert {k for k, _ in seen} == {"container:word-rtf", "container:wps-doc"}


def test_doc_files_are_word97_the_loader_reads_cell_for_cell(tmp_path):
    """doc-files writes binary Word 97–2003: Word's .doc or WPS's .wps (or .doc); the loader gives
    back every table with the printed cells and spans (the draft's 表三 total among them)."""
    family = next(f for f in FAMILIES if f.name == "doc-files")
    real = load_set(EVAL_REAL)
    seen = set()
    for i in range(8):
        d, page, _ = build(family, real, SEED, i)
        seen.add(page.damage[0])
        assert page.data is not None and page.data.startswith(b"\xd0\xcf\x11\xe0") and page.suffix in (".doc", ".wps")
        path = tmp_path / f"{i}{page.suffix}"
        path.write_bytes(page.data)
        _same_cells(load(str(path)), d, "doc")
    assert seen == {"container:word-doc", "container:wps-wps"}


def test_web_pages_hold_their_tables_in_no_plain_table(tmp_path):
    """web-pages writes HTML whose report tables are flex rows, script data or Word's quirks; the
    loader turns each into tables holding the draft's numbers (the 表三 total among the cells)."""
    family = next(f for f in FAMILIES if f.name == "web-pages")
    real = load_set(EVAL_REAL)
    seen = set()
    for i in range(12):
        d, page, _ = build(family, real, SEED, i)
        kind = page.damage[0]
        seen.add(kind)
        if kind in ("page:flex-rows", "page:script-json"):
            assert "<table" not in page.text
        path = tmp_path / f"{i}{page.suffix}"
        path.write_text(page.text, encoding="utf-8")
        doc = load(str(path))
        total = d.values["requests.total.total"]
        assert len(doc.tables) >= 3 and any(c.text == str(total) for t in doc.tables for c in t.cells), kind
    assert seen == {"page:flex-rows", "page:script-json", "page:cms-quirks"}


def test_table_shapes_print_each_shape_with_its_numbers(tmp_path):
    """table-shapes prints its five shapes in turn, each holding the draft's 表三 numbers in that
    shape: slices under headers naming part of the columns, `+---+` grids, `<table>` in Markdown,
    docling's repeated header, 表三 on its side (an applicant's line of every outcome's count)."""
    family = next(f for f in FAMILIES if f.name == "table-shapes")
    real = load_set(EVAL_REAL)
    seen = set()
    for i in range(10):
        d, page, found = build(family, real, SEED, i)
        kind = page.damage[0]
        seen.add(kind)
        assert found == {}  # every cell printed apart
        v = d.values
        total = str(v["requests.total.total"])
        assert total in page.text
        if kind == "split-columns":
            assert re.search(r"^(行次\s+)?法律服务机构\s+其他\s+总计$|^(行次\s+)?社会公益组织\s+法律服务机构", page.text, re.M)
        elif kind == "grid-table":
            assert re.search(r"^\+[-+]+\+$", page.text, re.M) and "申请人情况" in page.text
        elif kind == "html-in-markdown":
            assert page.suffix == ".md" and 'colspan="7">申请人情况' in page.text
        elif kind == "docling-markdown":
            assert "| 申请人情况 | 申请人情况 |" in page.text
        else:
            t3 = dict(printed_tables(d.template, v))["三"]
            natural = [str(c.value) for r in t3 for c in r if c.key is not None and c.key.endswith(".natural")]
            line = next(x for x in page.text.splitlines() if x.startswith("自然人") and len(x) > 40)
            assert re.split(r"\s*\|\s*|\t|\s{2,}", line)[1:] == natural
    assert seen == {"split-columns", "grid-table", "html-in-markdown", "docling-markdown", "transposed"}
