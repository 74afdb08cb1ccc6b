"""The layout reader on small snippets of every layout family seen in published reports.

Snippets are cut from the real texts in eval/real (numbers changed where a zero would prove
nothing); each test asserts values, printed text, offsets and doubts that could be wrong.
"""

from __future__ import annotations

import hashlib

import pytest

from extractor.document import Document
from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.pipeline import check_reading

ENGINE = LayoutEngine()


def doc(text: str, path: str = "snippet.txt") -> Document:
    return Document(path=path, text=text, format="txt", sha256=hashlib.sha256(text.encode()).hexdigest())


def read(text: str):
    d = doc(text)
    reading = ENGINE.read(d)
    return d, reading, to_flat(reading.record)


def status(d: Document, reading) -> str:
    return check_reading(d, reading).status


# ---------------------------------------------------------------- pipe / markdown (seeds 002, 003)

PIPE_2019 = """瓯海区住房和城乡建设局2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 2 | 2 | 2 |
第二十条第(五)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 27 | +6 | 571 |
其他对外管理服务事项 | 62 | -14 | 18,390 |
第二十条第(六)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 14 | 28 | 42 |
行政强制 | 0 | 0 | 0 |
第二十条第(八)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | |
行政事业性收费 | 1 | / | |
第二十条第(九)项 | |||
信息内容 | 采购项目数量 | 采购总金额 | |
政府集中采购 | 1 | 21.53万元 |
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||
自然人 | 法人或其他组织 | 总计 | |||||||
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||
一、本年新收政府信息公开申请数量 | 20 | 1 | 0 | 0 | 0 | 0 | 21 | ||
"""


def test_pipe_rows_with_ragged_empty_cells_and_printed_marks():
    d, r, f = read(PIPE_2019)
    assert f["active.normative.made"] == 2
    assert f["active.licensing.change"] == 6 and r.record.printed["active.licensing.change"] == "+6"
    assert f["active.other_services.change"] == -14
    assert f["active.other_services.decisions"] == 18390
    assert r.record.printed["active.other_services.decisions"] == "18,390"
    assert f["active.fees.change"] == 0 and r.record.printed["active.fees.change"] == "/"
    assert str(f["active.procurement.amount"]) == "21.53"
    assert r.record.printed["active.procurement.amount"] == "21.53万元"
    assert [f[f"requests.new.{c}"] for c in ("natural", "commercial", "total")] == [20, 1, 21]
    # provenance points at the printed digits
    p = r.provenance["active.other_services.decisions"]
    assert d.text[p.start:p.end] == "18,390"
    assert not any(k.startswith("active.") for k in r.doubts)
    # rows of 表三 that the snippet does not print are doubts, never zeros taken on trust
    assert r.doubts["requests.granted.natural"].reason == "missing_row"


def test_markdown_table_with_rule_lines():
    text = """某某县人民政府2023年政府信息公开工作年度报告
二、主动公开政府信息情况
| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 1 | 0 | 11 |
| 行政规范性文件 | 8 | 26 | 66 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 447228 | | |
"""
    d, r, f = read(text)
    assert r.record.template == "2021"
    assert (f["active.regulations.issued"], f["active.regulations.in_force"]) == (1, 11)
    assert (f["active.normative.issued"], f["active.normative.repealed"], f["active.normative.in_force"]) == (8, 26, 66)
    assert f["active.licensing.decisions"] == 447228
    assert "active.licensing.decisions" not in r.doubts


# ---------------------------------------------------------------- tab-separated (seeds 001, 004)

TAB_2019_T3 = (
    "伊川县城市管理局2020年政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n"
    "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t\t申请人情况\t\t\n"
    "\t\t\t自然人\t法人或其他组织\t总计\n"
    "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t\n"
    "二、上年转结政府信息公开申请数量\t\t5\t1\t0\t0\t0\t0\t6\t\n"
    "三、本年度办理结果\t(一) 予以公开\t\t3\t0\t0\t0\t0\t0\t3\t\n"
    "\t(三) 不予公开\t1.属于国家秘密\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
    "\t\t2.其他法律法规禁止公开\t\t2\t1\t0\t0\t0\t0\t3\n"
    "\t\t4.无正当理由由大量反复申请\t\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t1\n"
)


def test_tab_rows_with_more_cells_than_columns():
    d, r, f = read(TAB_2019_T3)
    # 13 zeros in a 7-column row: every reading gives zeros
    assert all(f[f"requests.new.{c}"] == 0 for c in ("natural", "total")) and "requests.new.total" not in r.doubts
    assert all(f[f"requests.denied_state_secret.{c}"] == 0 for c in ("natural", "total"))
    # 上年转结 (typo for 上年结转) and 其他法律法规禁止公开 (variant) are found
    assert [f[f"requests.carried_over.{c}"] for c in ("natural", "commercial", "total")] == [5, 1, 6]
    assert [f[f"requests.denied_prohibited.{c}"] for c in ("natural", "commercial", "total")] == [2, 1, 3]
    # the parent label （三）不予公开 on the same line as its first child
    assert f["requests.granted.natural"] == 3
    # more cells than columns and not all zero: which cell is which cannot be told
    assert r.doubts["requests.ignored_excessive.natural"].reason == "cells_do_not_fit"


def test_tab_header_typo_and_2021_format():
    text = (
        "湛河区住建局 2023 年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年度止件数\t现行有效件数\n"
        "规章\t0\t0\t0\n行政规范性文件\t3\t\t8\n第二十条第（八）项\t\t\t\n"
        "信息内容\t本年收费金额（单位：万元）\t\t\n行政事业性收费\t27.8334\t\t\n"
    )
    d, r, f = read(text)
    assert r.record.template == "2021"
    assert (f["active.normative.issued"], f["active.normative.repealed"], f["active.normative.in_force"]) == (3, 0, 8)
    assert r.record.printed["active.normative.repealed"] == ""
    assert str(f["active.fees.amount"]) == "27.8334"


@pytest.mark.parametrize("spacer,regulations,settled", [
    ("", "1\t0\t0", True),  # no spacer: a blank just after the label is a cell
    ("\t", "\t1\t0\t0", True),  # a spacer, and a full row shows the grid: tab cells 2-4 are the columns
    ("\t", "\t\t\t", False),  # a spacer and no full row: the blank may be the spacer or a cell
])
def test_tab_blank_after_the_label_is_a_cell_only_when_the_grid_says_so(spacer, regulations, settled):
    text = (
        "洪泽区人民政府\n2023 年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        f"规章\t{regulations}\n行政规范性文件\t{spacer}\t5\t5\n"
    )
    d, r, f = read(text)
    if settled:
        assert (f["active.normative.issued"], f["active.normative.repealed"], f["active.normative.in_force"]) == (0, 5, 5)
        assert "active.normative.issued" not in r.doubts
        assert r.record.printed["active.normative.issued"] == ""
    else:  # the blank may be the spacer, the row is doubtful (and unread, not 0)
        assert r.doubts["active.normative.issued"].reason == "cells_do_not_fit"
        assert f["active.normative.issued"] is None and f["active.normative.in_force"] is None


# ---------------------------------------------------------------- one cell per line (seed 000)

ONE_PER_LINE = (
    "市住建局2020年度政府信息公开工作年度报告\n3、 依申请公开政府信息情况\n"
    "\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\t申请人情况\n\n"
    "\t一、本年新收到政府信息公开申请数量\n\t16\n\t4\n\t\n\t\n\t\n\t\n\t20\n\n"
    "\t二、上年转结政府信息公开申请数量\n\t\n\t\n\t\n\t\n\t\n\t\n\t0\n\n"
    "\t三、本年度办理结果\n\t（一）予以公开\n\t5\n\t1\n\t\n\t\n\t\n\t\n\t6\n\n"
    "\t\n\t（三）不予公开\n\t1.属于国家秘密\n\t\n\t\n\t\n\t\n\t\n\t\n\t0\n\n"
    "\t\n\t\n\t4.保护第三方合法权益\n\t1\n\t\n\t\n\t\n\t\n\t\n\t1\n\n"
)


def test_one_cell_per_line_blank_lines_are_zero_cells():
    d, r, f = read(ONE_PER_LINE)
    assert [f[f"requests.new.{c}"] for c in ("natural", "commercial", "research", "other_org", "total")] == [16, 4, 0, 0, 20]
    assert r.record.printed["requests.new.research"] == ""
    assert [f[f"requests.carried_over.{c}"] for c in ("natural", "total")] == [0, 0]
    assert [f[f"requests.granted.{c}"] for c in ("natural", "commercial", "total")] == [5, 1, 6]
    assert [f[f"requests.denied_third_party.{c}"] for c in ("natural", "commercial", "total")] == [1, 0, 1]
    for row in ("new", "carried_over", "granted", "denied_state_secret", "denied_third_party"):
        assert f"requests.{row}.natural" not in r.doubts


# ---------------------------------------------------------------- PDF text (reports 02, 03, 16)

PDF_TEXT = """- 1 -
淮安市人民政府
2024 年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，
等于第三项加第四项之和）
申请人情况
自然人
法人或其他组织
总计商 业 企
业
一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119
二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34
三、
本
年
度
办
理
结
果
（一）予以公开 1288 21 0 0 50 3 1362
（二）部分公开（区分处理的，只计这一情
形，不计其他情形） 447 7 0 0 0 0 454
（三）不
予公开
1.属于国家秘密 2 0 0 0 0 0 2
2.其他法律行政止公开 30 1 0 0 0 0 31
（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769
- 5 -
法提供 2.没有现成信息需要另行制作 11 0 0 0 0 0 11
5.要求行政机关确认或重 新出具
已获取信息 １ ０ ０ ０ ０ ０ １
（六）其
他处理
1、申请人无正当理由逾期不补
正、行政机关不再处理其政府信
息公开申请
67 3 0 0 1 0 71
3、其他 108 2 0 0 0 0 110
申请人情况 自然人 法人或其他组织 总计
（七）总计 2932 53 0 0 61 4 3050
"""


def test_pdf_text_wrapped_and_vertical_labels_page_footers_full_width_digits():
    d, r, f = read(PDF_TEXT)
    assert [f[f"requests.new.{c}"] for c in ("natural", "commercial", "legal_service", "other_org", "total")] == [3001, 53, 61, 4, 3119]
    assert f["requests.granted.total"] == 1362  # after the vertical 三、本年度办理结果
    assert f["requests.partial.natural"] == 447  # label wrapped over two lines
    assert f["requests.denied_state_secret.total"] == 2  # parent label broken over lines
    assert f["requests.denied_prohibited.total"] == 31  # typo 其他法律行政止公开
    assert f["requests.unable_not_held.total"] == 769  # parent on the same line
    assert f["requests.unable_create.natural"] == 11  # after the page footer "- 5 -"
    assert f["requests.ignored_confirm.natural"] == 1 and r.record.printed["requests.ignored_confirm.natural"] == "１"
    assert f["requests.other_no_correction.total"] == 71  # numbers on a line of their own
    assert f["requests.other_misc.total"] == 110
    assert f["requests.total.total"] == 3050  # after a repeated header
    p = r.provenance["requests.unable_not_held.total"]
    assert d.text[p.start:p.end] == "769"


def test_pdf_text_space_aligned_columns_with_blank_cells():
    # layout-preserving PDF text: blank cells are spaces under their column
    text = (
        "某某局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量         16       4       0       0       0       0      20\n"
        "二、上年结转政府信息公开申请数量          0       0       0       0       0       0       0\n"
        "三、本年度办理结果 （一）予以公开         5       1                                       6\n"
        "（二）部分公开                                                                            \n"
    )
    d, r, f = read(text)
    assert [f[f"requests.granted.{c}"] for c in ("natural", "commercial", "research", "total")] == [5, 1, 0, 6]
    assert "requests.granted.research" not in r.doubts
    assert all(f[f"requests.partial.{c}"] == 0 for c in ("natural", "total")) and "requests.partial.total" not in r.doubts


# ---------------------------------------------------------------- digits run together (pingtan 05/07/09)

RUN_T3 = (
    "平潭综合实验区2021年度政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项"
    "之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量{new}二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开"
    "{granted}（二）部分公开（区分处理的，只计这一情形，不计其他情形）{partial}（三）不予公开1.属于国家秘密0000000"
    "2.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息"
    "00000006.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000（四）无法提供"
    "1.本机关不掌握相关政府信息00000002.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000（五）不予处理"
    "1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请0000000"
    "5.要求行政机关确认或重新出具已获取信息0000000（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息"
    "公开申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000"
    "（七）总计{total}四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正"
    "其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结"
    "总计10203120001200000五、存在的主要问题及改进情况"
)


def test_run_together_digits_split_by_the_identities():
    text = RUN_T3.format(new="263000029", granted="230000326", partial="3000003", total="263000029")
    d, r, f = read(text)
    assert r.trace[0]["glued"] is True
    # 26 3 0 0 0 0 29 is the only split whose first six parts sum to the seventh
    assert [f[f"requests.new.{c}"] for c in ("natural", "commercial", "research", "total")] == [26, 3, 0, 29]
    # 230000326 fits its row total two ways (23/0/0/0/0/3/26 and 2/3/0/0/0/… ); the columns
    # (（七）总计 = sum of the outcome rows) leave one
    assert [f[f"requests.granted.{c}"] for c in ("natural", "commercial", "other_org", "total")] == [23, 0, 3, 26]
    assert [f[f"requests.total.{c}"] for c in ("natural", "commercial", "total")] == [26, 3, 29]
    # 表四 as one run of 17 digits: unique under the group totals
    assert (f["review.upheld"], f["review.other"], f["review.total"]) == (1, 2, 3)
    assert (f["litigation_direct.upheld"], f["litigation_direct.total"]) == (12, 12)
    assert not any(k.startswith(("requests.", "review.", "litigation")) for k in r.doubts)
    p = r.provenance["requests.new.natural"]
    assert d.text[p.start:p.end] == "26"


def test_run_together_digits_that_split_two_ways_go_to_review():
    # 270020130 is 27/0/0/2/0/1/30 or 2/7/0/0/20/1/30; printed alike in 一, （一） and （七）,
    # both readings satisfy every identity, so no reading is chosen
    text = RUN_T3.format(new="270020130", granted="270020130", partial="0000000", total="270020130")
    d, r, f = read(text)
    doubts = {k: v for k, v in r.doubts.items() if k.startswith("requests.granted.")}
    assert set(doubts) == {f"requests.granted.{c}" for c in ("natural", "commercial", "nonprofit", "legal_service")}
    assert all(v.reason == "ambiguous_split" for v in doubts.values())
    assert sorted(doubts["requests.granted.natural"].candidates) == [2, 27]
    assert "requests.granted.total" not in r.doubts  # 30 either way
    assert status(d, r) == "review"


def test_table2_runs_without_identities_stay_ambiguous():
    text = ("平潭综合实验区2019年度政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（一）项信息内容本年新制作数量"
            "本年新公开数量对外公开总数量规章000规范性文件898989第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量"
            "行政许可3960181其他对外管理服务事项100153第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购13575394432.52元"
            "三、收到和处理政府信息公开申请情况")
    d, r, f = read(text)
    assert (f["active.regulations.made"], f["active.regulations.total"]) == (0, 0)
    assert "active.regulations.made" not in r.doubts  # 000 splits one way only
    d1 = r.doubts["active.normative.made"]
    assert d1.reason == "ambiguous_split" and 89 in d1.candidates and 8 in d1.candidates
    amount = r.doubts["active.procurement.amount"]
    assert 75394432.52 in amount.candidates and f["active.procurement.amount"] is None
    assert "13575394432.52元" in amount.detail  # the reviewer sees the run as printed, unit included


# ---------------------------------------------------------------- pdfminer: column by column (report 15)

PDFMINER = (
    "洪泽区人民政府\n2023 年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\n第二十条第（一）项\n\n信息内容\n\n"
    "本年制发件数 本年废止件数 现行有效件数\n\n规章\n\n行政规范性文件\n\n0\n\n0\n\n0\n\n5\n\n0\n\n5\n\n"
    "三、收到和处理政府信息公开申请情况\n\n申请人情况\n\n法人或其他组织\n\n自然人\n\n总计\n\n"
    "一、本年新收政府信息公开申请数量\n\n二、上年结转政府信息公开申请数量\n\n（一）予以公开\n\n"
    # values column by column; 总计 comes out before 其他, as pdfminer gave it
    + "".join(f"{v}\n\n" for v in (21, 0, 4)) + "0\n0\n0\n" * 4 + "".join(f"{v}\n" for v in (21, 0, 4)) + "0\n0\n0\n"
    + "\n- 3 -\n\n\x0c（五）不予处理\n\n"
)


def test_pdfminer_labels_first_then_numbers_column_by_column():
    d, r, f = read(PDFMINER)
    assert (f["requests.new.natural"], f["requests.new.other_org"], f["requests.new.total"]) == (21, 0, 21)
    assert (f["requests.granted.natural"], f["requests.granted.total"]) == (4, 4)
    assert not any(k.startswith(("requests.new.", "requests.carried_over.", "requests.granted.")) for k in r.doubts)
    # 表二 has no identity to tell column-by-column from row-by-row: where they differ, both are candidates
    assert (f["active.regulations.issued"], f["active.normative.in_force"]) == (0, 5)
    assert f["active.normative.repealed"] is None
    assert sorted(r.doubts["active.normative.repealed"].candidates) == [0, 5]


# ---------------------------------------------------------------- grids from any loader (Word, PDF, OCR)


def _scanned_table2(agreed=lambda text: True if text else None, conf=lambda text: 0.42 if text == "26" else (0.99 if text else None)):
    """表二 as an OCR loader gives it: cells with confidences and whether two reads agreed."""
    from extractor.document import SourceCell, SourceTable

    rows = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "", "11"],
        ["行政规范性文件", "8", "26", "66"],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", "447228", "", ""],
    ]
    text_lines, cells, pos = [], [], 0
    for r, row in enumerate(rows):
        line_cells = []
        for c, t in enumerate(row):
            line_cells.append(SourceCell(row=r, col=c, text=t, span=(pos, pos + len(t)),
                                         locator={"page": 1, "bbox": [c, r, c + 1, r + 1]}, confidence=conf(t),
                                         agreed=agreed(t)))
            pos += len(t) + 1
        text_lines.append("\t".join(row))
        cells.extend(line_cells)
    body = "\n".join(text_lines) + "\n"
    title = "某某市人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
    shift = len(title)
    for c in cells:
        c.span = (c.span[0] + shift, c.span[1] + shift)
    return Document(path="scan.png", text=title + body, format="image", sha256="0", tables=[SourceTable(cells=cells)])


def test_grid_from_a_loader_is_read_cell_by_cell_and_doubtful_ocr_cells_are_doubts():
    d = _scanned_table2()  # every number read twice, the reads agreeing
    r = ENGINE.read(d)
    f = to_flat(r.record)
    assert r.trace[0]["source"]["active"] == "grid"
    assert (f["active.regulations.issued"], f["active.regulations.repealed"], f["active.regulations.in_force"]) == (1, 0, 11)
    assert r.record.printed["active.regulations.repealed"] == ""
    assert f["active.licensing.decisions"] == 447228
    assert r.doubts["active.normative.repealed"].reason == "low_confidence"  # OCR read "26" at 0.42
    assert "active.normative.issued" not in r.doubts
    p = r.provenance["active.licensing.decisions"]
    assert d.text[p.start:p.end] == "447228" and p.locator == {"page": 1, "bbox": [1, 6, 2, 7]}


def test_a_scanned_table2_number_read_once_or_read_two_ways_is_a_doubt_never_a_confident_value():
    """No identity checks 表二: a scanned number there needs two agreeing reads. Read once (the
    detector missed it, or the table had no ruling to re-read) it is a doubt; two reads that
    differ (`77` on the page, `7` in the crop) are a doubt too, with the kept reading as candidate."""
    once = ENGINE.read(_scanned_table2(agreed=lambda text: None))
    f = to_flat(once.record)
    assert f["active.licensing.decisions"] is None
    doubt = once.doubts["active.licensing.decisions"]
    assert (doubt.reason, doubt.candidates) == ("unconfirmed_scan", [447228])
    assert f["active.regulations.repealed"] == 0  # a printed blank needs no second read
    split = ENGINE.read(_scanned_table2(agreed=lambda text: None if not text else text != "11"))
    assert to_flat(split.record)["active.regulations.in_force"] is None
    assert split.doubts["active.regulations.in_force"].reason == "ocr_disagreement"
    assert split.doubts["active.regulations.in_force"].candidates == [11]
    assert to_flat(split.record)["active.licensing.decisions"] == 447228  # two agreeing reads


# ---------------------------------------------------------------- what the prose states (表二 evidence)

PROSE_2021 = ("平潭综合实验区某局2025年政府信息公开工作年度报告 一、总体情况 2025年新制发规范性文件{n}件，均已公开。"
              "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
              "行政规范性文件3024第二十条第（五）项信息内容本年处理决定数量行政许可5"
              "三、收到和处理政府信息公开申请情况")


def test_the_prose_settles_a_run_that_splits_several_ways_and_says_so():
    d, r, f = read(PROSE_2021.format(n=3))
    assert (f["active.normative.issued"], f["active.normative.repealed"], f["active.normative.in_force"]) == (3, 0, 24)
    evidence = r.provenance["active.normative.in_force"].evidence
    assert evidence and evidence[0]["text"] == "新制发规范性文件3件"


def test_a_statement_no_reading_agrees_with_is_passed_over():
    d, r, f = read(PROSE_2021.format(n=7))  # 7 is no cut of "3024": the prose counts something else
    assert f["active.normative.issued"] is None
    assert sorted(r.doubts["active.normative.issued"].candidates) == [3, 30]


def test_the_tables_own_words_are_not_prose():
    # "制发…规范性文件" inside the table's header is not a statement about the count
    d, r, f = read(PROSE_2021.format(n=3).replace("2025年新制发规范性文件3件，", ""))
    assert f["active.normative.issued"] is None


def test_ocr_noise_in_one_value_cell_is_that_cell_s_doubt_and_its_neighbours_are_read():
    """A scanned lone 0 read as `¥0`, and a speck read as `！`, are no numbers: each is its own
    unreadable cell, never a label that makes the whole row unreadable (or zero)."""
    r, f = _scanned_requests(["3", "¥0", "0", "！", "0", "0", "3"], conf={"！": 0.12})
    assert [f[f"requests.new.{c}"] for c in ("natural", "research", "legal_service", "other_org", "total")] == [3, 0, 0, 0, 3]
    assert f["requests.new.commercial"] is None and f["requests.new.nonprofit"] is None
    # `¥0` shows a digit: it is the candidate; `！` shows none
    assert r.doubts["requests.new.commercial"].reason == "ocr_noise"
    assert r.doubts["requests.new.commercial"].candidates == [0]
    assert r.doubts["requests.new.nonprofit"].reason == "unreadable"
    assert r.doubts["requests.new.nonprofit"].candidates == []


def _scanned_requests(new_row: list[str], conf: dict[str, float] | None = None):
    """A scan's 表三 with its first two rows (every cell read once, confident unless in `conf`)."""
    from extractor.document import SourceCell, SourceTable

    rows = [["", "申请人情况", "", "", "", "", "", ""],
            ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            ["一、本年新收政府信息公开申请数量", *new_row],
            ["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"]]
    title = "某某市人民政府2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    lines, cells, pos = [], [], len(title)
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            cells.append(SourceCell(row=r, col=c, text=t, span=(pos, pos + len(t)), agreed=t[:1].isdigit() or None,
                                    confidence=(conf or {}).get(t, 0.99) if t else None))
            pos += len(t) + 1
        lines.append("\t".join(row))
    d = Document(path="s.png", text=title + "\n".join(lines) + "\n", format="image", sha256="0",
                 tables=[SourceTable(cells=cells)])
    r = ENGINE.read(d)
    return r, to_flat(r.record)


def test_a_digit_with_a_stray_mark_is_settled_when_its_row_total_pins_it():
    """`¥0` alone in a row whose total and other cells are read: the identity gives 0, the print
    shows 0 — two witnesses agree, the cell is 0 with the identity as its evidence."""
    r, f = _scanned_requests(["3", "¥0", "0", "0", "0", "0", "3"])
    assert f["requests.new.commercial"] == 0
    assert "requests.new.commercial" not in r.doubts
    assert r.provenance["requests.new.commercial"].evidence[0]["kind"] == "identity"


def test_a_digit_with_a_stray_mark_the_total_contradicts_stays_a_doubt():
    # the total says the cell is 1; the print shows 0 beside a mark: neither is taken
    r, f = _scanned_requests(["3", "¥0", "0", "0", "0", "0", "4"])
    assert f["requests.new.commercial"] is None
    assert r.doubts["requests.new.commercial"].reason == "ocr_noise"
    assert r.doubts["requests.new.commercial"].candidates == [0]


def test_a_letter_that_may_be_a_digit_gives_no_candidate():
    # `l2` may be 12: its digits alone (2) are no candidate, even where the total would agree
    r, f = _scanned_requests(["1", "l2", "0", "0", "0", "0", "3"])
    assert f["requests.new.commercial"] is None
    assert r.doubts["requests.new.commercial"].reason == "unreadable"
    assert r.doubts["requests.new.commercial"].candidates == []


def test_a_scanned_organ_name_read_once_is_a_doubt_and_read_twice_is_not():
    """No identity checks a name, and a recogniser misreads a rare character with confidence
    (瓯 as 欧): a scan's organ read once waits for a person; the same name in the signature too
    is two agreeing reads."""
    r, _ = _scanned_requests(["3", "0", "0", "0", "0", "0", "3"])
    assert r.record.organ == "某某市人民政府"
    assert r.doubts["organ"].reason == "unconfirmed_scan" and r.doubts["organ"].candidates == ["某某市人民政府"]
    from extractor.document import SourceCell, SourceTable

    cells = [SourceCell(row=0, col=0, text="3", confidence=0.99)]
    text = "某某市人民政府2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n某某市人民政府\n2024年1月"
    d = Document(path="s.png", text=text, format="image", sha256="0", tables=[SourceTable(cells=cells)])
    assert "organ" not in ENGINE.read(d).doubts
    # a text layer (no confidences) is not a scan: one mention is enough
    d = Document(path="s.pdf", text=text.rsplit("\n", 2)[0], format="pdf", sha256="0",
                 tables=[SourceTable(cells=[SourceCell(row=0, col=0, text="3")])])
    assert "organ" not in ENGINE.read(d).doubts
