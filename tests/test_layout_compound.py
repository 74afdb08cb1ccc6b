"""Round 5 (compound layouts): labels a typo away from one format label, other numberings of
（七）总计, 表三 found when 本年新收 is mistyped, `1O个` a doubt, a 备注 column in a grid, a page's
number between two bordered rows. Each mechanism checked on its own, then the generator's
compound family read with no wrong cell and nothing wrongly verified."""

from __future__ import annotations

import json

import pytest

from extractor.engines.layout import LayoutEngine, labels
from extractor.engines.layout._cells import tokenize
from extractor.engines.layout.cellvalue import _interpret
from extractor.evaluation import load_set
from extractor.evaluation.families import FAMILIES, build, gold
from extractor.evaluation.gold import load_gold
from extractor.evaluation.metrics import score
from extractor.load import load
from extractor.pipeline import extract_path
from extractor.segment import find_tables

from conftest import EVAL_REAL


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_a_label_one_typo_away_names_its_row(template):
    t3 = labels.table3(template)
    assert t3.match("（一）与以公开") == "granted"
    assert t3.match("（二）部份公开") == "partial"
    assert t3.match("1.本机关不掌捱相关政府信息") == "unable_not_held"
    assert t3.match("（三）不予公开1.属于国家泌密") == "denied_state_secret"  # after its parent
    assert t3.match("4.保护第三方合法权溢") == "denied_third_party"
    assert t3.match("一、本年新收政信息公开申请数量") == "new"


def test_a_typo_two_rows_are_as_near_to_is_no_row_unless_the_enumerator_tells():
    t3 = labels.table3("2021")
    assert t3.match("部以公开") is None  # 予以公开 and 部分公开 alike
    assert t3.match("（一）予公开") == "granted"  # （一）: 予以公开, not （三）不予公开
    assert t3.match("（三）不公予开") == labels.PARENT


def test_pieces_of_labels_and_prose_are_no_typos():
    t3 = labels.table3("2019")
    assert t3.match("量反复申请") is None  # the tail of 4.无正当理由大量反复申请, wrapped
    assert t3.match("注：本表中“0”表示无。") is None
    assert t3.match("申请人情况") is None
    assert labels.table2("2021").match("现范性文件") == "normative"


@pytest.mark.parametrize("label", ["（七）总计", "七、总计", "7.总计", "7、总计", "(7)总计", "⑦总计", "（七）合计"])
def test_the_total_row_in_other_numberings(label):
    assert labels.table3("2021").match(label) == "total"


def test_table3_is_found_when_its_first_label_is_mistyped():
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n"
            "三、收到和处理政府信息公开申请情况\n本列数据的勾稽关系\t申请人情况\n一、本午新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n结果维持\n")
    seg = find_tables(text)
    assert seg.table3 is not None and "本午新收" in text[seg.table3[0]:seg.table3[1]]


def test_an_ocr_letter_before_a_measure_word_is_a_doubt_with_the_digits():
    assert [(c.kind, c.text) for c in tokenize("1O个 0件 3件", 0, 9)] == [("num", "1O个"), ("num", "0件"), ("num", "3件")]
    value, _, doubt = _interpret("requests.total.total", "1O个")
    assert value is None and doubt is not None and doubt.reason == "ocr_letter" and doubt.candidates == [10]


def test_a_page_number_between_two_pipe_rows_is_no_cell():
    text = "| （一）予以公开 | 5 | 0 |\n3\n某某局\n| （二）部分公开 | 1 | 0 |\n"
    assert [c.text for c in tokenize(text, 0, len(text)) if c.kind == "num"] == ["5", "0", "1", "0"]
    lone = "予以公开\n5\n0\n3\n"  # one cell per line: every bare number a cell
    assert [c.text for c in tokenize(lone, 0, len(lone)) if c.kind == "num"] == ["5", "0", "3"]


def test_the_compound_family_reads_with_no_wrong_cell(tmp_path):
    """The generator's compound family: every report read with no wrong cell (OCR letters are
    doubts holding their digits) and none verified that is not exact."""
    family = next(f for f in FAMILIES if f.name == "compound-labels")
    real = load_set(EVAL_REAL)
    engine = LayoutEngine()
    for i in range(8):
        d, page, found = build(family, real, 7, i)
        path = tmp_path / f"{i:03d}{page.suffix}"
        path.write_text(page.text, encoding="utf-8")
        g = tmp_path / f"{i:03d}.gold.json"
        g.write_text(json.dumps(gold(d, page, found, path.name, 7), ensure_ascii=False), encoding="utf-8")
        result = extract_path(str(path), engine)
        s = score(load_gold(g, set_name="variants"), result)
        assert not [e for e in s["wrong"] if e["state"] != "undecided"], (page.damage, s["wrong"][:3])
        assert result.status != "verified" or s["exact"]



T4_HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n"
           "| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |\n"
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
           "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |\n"
           "|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n")
# blank cells left empty at both ends, 无 for 0 inside
T4_ROW = "|  | 1 | 0 | 1 | 2 | 无 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |  |\n"
T4_VALUES = {"review": (0, 1, 0, 1, 2), "litigation_direct": (0, 1, 0, 0, 1),
             "litigation_after_review": (0, 0, 0, 0, 0)}


@pytest.mark.parametrize("note", ["注：本表统计时间为2022年1月1日至2022年12月31日。\n",
                                  "说明：1.数据来源于本机关2022年度政务公开台账。\n", ""])
def test_a_note_under_table4_lends_it_no_numbers(tmp_path, note):
    # before, the note's dates counted as 表四's numbers beside a row with empty cells: all 15
    # cells were doubts with no candidate
    path = tmp_path / "r.md"
    path.write_text("某区国有资产管理局2022年政府信息公开工作年度报告\n" + T4_HEAD + T4_ROW + note
                    + "五、存在的主要问题及改进情况\n", encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    assert not [k for k in reading.doubts if k.startswith(tuple(T4_VALUES))]
    for group, values in T4_VALUES.items():
        g = getattr(reading.record, group)
        assert (g.upheld, g.corrected, g.other, g.pending, g.total) == values
