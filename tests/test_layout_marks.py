"""Bordered tables typed by hand: a 0 printed as a mark that varies by cell (—, -, /, 无) or as
nothing, spacer columns, counts with their measure word (3件), full-width digits."""

from __future__ import annotations

import html
import json

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.evaluation import load_set
from extractor.evaluation.gold import same
from extractor.evaluation.families import FAMILIES, PER_FAMILY, build
from extractor.flat import to_flat
from extractor.load import load
from extractor.pipeline import check_reading

from conftest import EVAL_REAL

ENGINE = LayoutEngine()
FAMILY = next(f for f in FAMILIES if f.name == "cell-marks")


@pytest.fixture(scope="module")
def real():
    return load_set(EVAL_REAL)


def _read(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load(str(path))
    return doc, ENGINE.read(doc)


def test_every_generated_cell_marks_report_reads_exactly(real, tmp_path):
    for i in range(PER_FAMILY):
        d, page, _ = build(FAMILY, real, 11, i)
        doc, reading = _read(tmp_path, f"{i:03d}.txt", page.text)
        assert not reading.doubts, (i, page.damage, dict(list(reading.doubts.items())[:3]))
        got = to_flat(reading.record)
        wrong = {k: (got[k], v) for k, v in d.values.items() if got[k] != v}
        assert not wrong, (i, page.damage, dict(list(wrong.items())[:5]))
        assert (reading.record.organ, reading.record.year) == (d.organ, d.year), (i, page.damage)


TITLE = "某县人民政府办公室２０２３年政府信息公开工作年度报告\n"


def test_full_width_digits_are_ascii_once_loaded_and_offsets_hold(tmp_path):
    text = TITLE + "本年度共收到申请１２件。\n"
    doc, _ = _read(tmp_path, "wide.txt", text + "四、政府信息公开行政复议、行政诉讼情况\n")
    assert doc.text.startswith("某县人民政府办公室2023年") and "申请12件" in doc.text
    assert len(doc.text) == len(text + "四、政府信息公开行政复议、行政诉讼情况\n")  # one character for one


T4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
      "行政复议\t\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\t\n"
      "结果维持\t结果纠正\t\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t\t复议后起诉\t\t\t\t\n"
      "\t\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
      "{row}\n\n五、存在的主要问题及改进情况\n")


def test_table4_in_a_tab_grid_is_read_by_the_column_words_above_each_cell(tmp_path):
    # a spacer column after 结果纠正 and after the first 诉讼 group; zeros printed as —, 无, nothing
    row = "－\t2\t\t0\t2\t4\t0\t\t无\t\t0\t\t——\t1件\t-\t无\t1"
    _, reading = _read(tmp_path, "t4.txt", TITLE + T4.format(row=row))
    flat = to_flat(reading.record)
    groups = [[flat[f"{g}.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")]
              for g in ("review", "litigation_direct", "litigation_after_review")]
    assert groups == [[0, 2, 0, 2, 4], [0, 0, 0, 0, 0], [0, 1, 0, 0, 1]]
    assert not [k for k in reading.doubts if k.startswith(("review", "litigation"))]


T3_ROWS = ("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\t\t\t申请人情况\t\t\t\t\t\t\t\t\n"
           "\t\t\t自然人\t法人或其他组织\t\t\t\t\t\t总计\t\n"
           "\t\t\t\t商业企业\t科研机构\t社会公益组织\t\t法律服务机构\t其他\t\t\n"
           "一、本年新收政府信息公开申请数量\t\t\t5\t1件\t—\t/\t\t无\t0\t6\t\n"
           "二、上年结转政府信息公开申请数量\t\t\t\t1\t—\t0\t\t0\t0\t1\t\n")


def test_table3_in_a_tab_grid_places_a_zero_printed_as_nothing_by_its_column(tmp_path):
    # 上年结转: 自然人 printed as nothing, a spacer column between 社会公益组织 and 法律服务机构;
    # counting cells would put its 1 under 自然人
    text = TITLE + "三、收到和处理政府信息公开申请情况\n" + T3_ROWS + "三、本年度办理结果\n"
    _, reading = _read(tmp_path, "t3.txt", text)
    flat = to_flat(reading.record)
    cols = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")
    assert [flat[f"requests.new.{c}"] for c in cols] == [5, 1, 0, 0, 0, 0, 6]
    assert [flat[f"requests.carried_over.{c}"] for c in cols] == [0, 1, 0, 0, 0, 0, 1]
    assert reading.record.printed["requests.new.commercial"] == "1件"


def _html_of_tab_text(text: str, split_before: str) -> str:
    """A tab-separated report as an HTML page, each table a <table>; the table holding
    `split_before` is cut there by a page footer, as Word and PDF exports to HTML cut tables."""
    out, rows = ["<html><head><meta charset='utf-8'></head><body>"], []

    def flush() -> None:
        if rows:
            out.append("<table border='1'>" + "".join(rows) + "</table>")
            rows.clear()

    for line in text.splitlines():
        if "\t" not in line:
            flush()
            out.append(f"<p>{html.escape(line)}</p>")
            continue
        if split_before in line:
            flush()
            out.append("<p>- 3 -</p>")
        rows.append("<tr>" + "".join(f"<td>{html.escape(c) or '&nbsp;'}</td>" for c in line.split("\t")) + "</tr>")
    flush()
    return "\n".join(out) + "</body></html>"


def test_table3_cut_into_two_html_tables_by_a_page_break_reads_whole(tmp_path):
    seed = EVAL_REAL / "seeds" / "004_cf1e86794f147280.txt"
    gold = json.loads(seed.with_suffix(".gold.json").read_text(encoding="utf-8"))["fields"]
    page = tmp_path / "cut.html"
    page.write_text(_html_of_tab_text(seed.read_text(encoding="utf-8"), "7. 属于行政执法案卷"), encoding="utf-8")
    doc = load(str(page))
    assert len(doc.tables) == 4  # 表二, 表三 in two pieces, 表四
    reading = ENGINE.read(doc)
    got = to_flat(reading.record)
    assert {k: got[k] for k in gold if not same(got[k], gold[k])} == {}
    assert check_reading(doc, reading).status == "verified"
