"""Numbers read by the columns the page shows: tab grids, and space-aligned text whose blank
cells are printed as nothing (the layouts of variants r07, r12 and r16).

Each snippet prints rows that leave some cells blank, so that a number's column is told only
by where it stands; the tests assert values, doubts and candidates that a wrong placement
would change.
"""

from __future__ import annotations

import hashlib
import unicodedata

from extractor.document import Document
from extractor.engines.layout import LayoutEngine
from extractor.engines.layout.columns import alignment, lattices
from extractor.engines.layout._cells import tokenize
from extractor.flat import to_flat
from extractor.pipeline import check_reading

ENGINE = LayoutEngine()
APPLICANTS = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")


def read(text: str):
    d = Document(path="snippet.txt", text=text, format="txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    reading = ENGINE.read(d)
    return d, reading, to_flat(reading.record)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def aligned(label: str, values: list[str], label_w: int, col_w: int = 8, left: bool = False) -> str:
    """A row of layout-preserving PDF text: the label padded, each value in a column of col_w."""
    cells = "".join((v + " " * (col_w - width(v))) if left else (" " * (col_w - width(v)) + v) for v in values)
    return label + " " * (label_w - width(label)) + cells


def row(key: str) -> list[str]:
    return [f"requests.{key}.{c}" for c in APPLICANTS]


# ---------------------------------------------------------------- tab grids (r07, r16)

TAB_T3 = (
    "某某市人民政府办公厅2019年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\t\t\t申请人情况\t\t\t\t\t\t\n"
    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
    "一、本年新收政府信息公开申请数量\t\t\t821\t35\t\t\t2\t1\t859\n"
    "三、本年度办理结果\t（一）予以公开\t\t258\t12\t\t\t1\t1\t\n"
    "\t（二）部分公开\t\t3\t\t\t\t\t\t\n"
    "\t（三）不予公开\t1.属于国家秘密\t14\t\t\t\t\t\t\n"
    "\t\t2.其他法律行政法规禁止公开\t\t\t\t\t\t\t\n"
    "\t\t6.属于四类过程性信息\t3\t1\t\t\t\t\t\n"
    "\t（七）总计\t\t767\t35\t\t\t2\t1\t805\n"
)


def test_tab_rows_whose_total_does_not_close_are_read_by_the_grid():
    # the report prints its row totals blank: no reading closes the row, but every line has
    # three label cells and seven value cells, so each number's column is its tab cell
    d, r, f = read(TAB_T3)
    assert [f[k] for k in row("granted")] == [258, 12, 0, 0, 1, 1, 0]
    assert [f[k] for k in row("partial")] == [3, 0, 0, 0, 0, 0, 0]  # not 0, 3, … (the blank after the label is no cell)
    assert [f[k] for k in row("denied_process")] == [3, 1, 0, 0, 0, 0, 0]
    assert not any(k.startswith("requests.partial.") for k in r.doubts)
    assert r.record.printed["requests.partial.total"] == ""
    p = r.provenance["requests.denied_process.commercial"]
    assert d.text[p.start:p.end] == "1"
    # a number is never moved to make a sum work: the rules flag the printed totals
    result = check_reading(d, r)
    assert {v.rule for v in result.violations} >= {"row_total:requests.granted", "row_total:requests.partial"}
    assert result.status == "review"


def test_tab_grid_is_not_used_when_a_line_puts_a_number_among_the_label_cells():
    # one line prints its first number in the third tab cell, where the other lines have a label
    # cell: the lines do not share a grid, and the row stays unread rather than guessed
    text = TAB_T3.replace("\t（二）部分公开\t\t3\t\t\t\t\t\t\n", "\t（二）部分公开\t3\t\t\t\t\t\t\t\n")
    d, r, f = read(text)
    assert r.doubts["requests.partial.natural"].reason == "cells_do_not_fit"
    assert f["requests.partial.natural"] is None and f["requests.partial.commercial"] is None
    assert f["requests.granted.natural"] is None  # no grid for any stuck row of the table


def test_tab_table4_with_a_broken_group_total_is_read_by_the_grid():
    text = ("某某区住建局2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
            "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
            "10\t1\t\t\t\t\t\t\t\t\t5\t\t\t\t\n\n五、存在的主要问题\n")
    d, r, f = read(text)
    assert (f["review.upheld"], f["review.corrected"], f["review.total"]) == (10, 1, 0)
    assert (f["litigation_direct.total"], f["litigation_after_review.upheld"]) == (0, 5)
    assert not any(k.startswith(("review.", "litigation")) for k in r.doubts)


def test_tab_line_cut_short_after_its_last_number_has_blank_cells_there():
    text = ("某某县人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n"
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t11\n行政规范性文件\t\t5\n")
    d, r, f = read(text)
    assert (f["active.normative.issued"], f["active.normative.repealed"], f["active.normative.in_force"]) == (0, 5, 0)
    assert "active.normative.in_force" not in r.doubts and r.record.printed["active.normative.in_force"] == ""


# ---------------------------------------------------------------- space-aligned text (r12)

T2_2019_HEAD = "某某市住建局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"


def t2_2019(rows: list[tuple[str, list[str]]], label_w: int = 22, col_w: int = 8, left: bool = False) -> str:
    lines = [T2_2019_HEAD, "第二十条第（一）项", "信息内容  本年新制作数量  本年新公开数量  对外公开总数量"]
    for label, values in rows:
        lines.append(aligned(label, values, label_w, col_w, left))
    return "\n".join(lines) + "\n三、收到和处理政府信息公开申请情况\n"


def test_space_aligned_rows_with_no_full_row_are_read_by_evenly_spaced_columns():
    # no row prints all three cells; the numbers line up at two right edges 16 apart and the
    # labels end at 20, so the columns are 8 wide: 67 is 上一年项目数量 and 1363 处理决定数量
    text = t2_2019([("规章", ["", "", ""]), ("规范性文件", ["", "", "2"]),
                    ("行政许可", ["67", "", "1363"]), ("其他对外管理服务事项", ["56", "", "1546"]),
                    ("行政处罚", ["125", "", "79"])])
    d, r, f = read(text)
    assert (f["active.licensing.prior"], f["active.licensing.change"], f["active.licensing.decisions"]) == (67, 0, 1363)
    assert (f["active.normative.made"], f["active.normative.published"], f["active.normative.total"]) == (0, 0, 2)
    assert (f["active.punishment.prior"], f["active.punishment.decisions"]) == (125, 79)
    assert not any(k.startswith(("active.regulations", "active.normative", "active.licensing", "active.other_services",
                                 "active.punishment")) for k in r.doubts)
    assert r.record.printed["active.licensing.change"] == ""
    p = r.provenance["active.licensing.decisions"]
    assert d.text[p.start:p.end] == "1363"


def test_space_aligned_left_aligned_columns():
    # 行政处罚 ends in a run of spaces: that run is the blanks after 79, never one blank cell
    # (read as one, 125 | 79 | blank would fill the row from the left)
    text = t2_2019([("规范性文件", ["", "", "2"]), ("行政许可", ["67", "", "1363"]),
                    ("其他对外管理服务事项", ["56", "", "1546"]), ("行政处罚", ["125", "", "79"])], left=True)
    assert text.splitlines()[-2].endswith("79      ")
    d, r, f = read(text)
    assert (f["active.licensing.prior"], f["active.licensing.change"], f["active.licensing.decisions"]) == (67, 0, 1363)
    assert (f["active.punishment.prior"], f["active.punishment.change"], f["active.punishment.decisions"]) == (125, 0, 79)
    assert f["active.normative.total"] == 2 and "active.normative.total" not in r.doubts


def centred(label: str, values: list[str], label_w: int, col_w: int = 8) -> str:
    """A row whose numbers are centred in their cells (as many PDFs print them)."""
    def cell(v: str) -> str:
        fill = col_w - width(v)
        return " " * (fill - fill // 2) + v + " " * (fill // 2)
    return label + " " * (label_w - width(label)) + "".join(cell(v) for v in values)


def test_centred_numbers_are_placed_only_where_the_table_shows_its_right_edge():
    # centred, 5 and 12 end at one column and 120 one further: no edge lines the numbers up
    rows = {"new": ["12", "", "5", "", "", "", "17"], "granted": ["120", "", "", "", "", "", "120"],
            "total": ["5", "", "", "", "", "", "5"]}
    shown = T3_HEAD + "\n".join(centred(T3_LABELS[k], v, 43) for k, v in rows.items()) + "\n"
    stripped = "\n".join(line.rstrip() for line in shown.splitlines()) + "\n"
    # trailing spaces stripped: where the cells are is not shown, and no placement is taken
    d, r, f = read(stripped)
    assert f["requests.new.research"] is None and f["requests.new.natural"] is None
    assert 5 in r.doubts["requests.new.research"].candidates
    # the blank cells kept as spaces: 7 equal cells between the labels (the longest ends at 41)
    # and the table's right edge (99), each number inside one of them: only 8-wide cells fit
    blanked = shown + centred(T3_LABELS["unable_not_held"], [""] * 7, 43) + "\n"
    d, r, f = read(blanked)
    assert [f[k] for k in row("new")] == [12, 0, 5, 0, 0, 0, 17]
    assert [f[k] for k in row("granted")] == [120, 0, 0, 0, 0, 0, 120]
    assert not any(k.startswith(("requests.new.", "requests.granted.")) for k in r.doubts)


T3_HEAD = ("某某市住建局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
           "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和  申请人情况\n"
           "自然人  法人或其他组织  总计\n商业企业  科研机构  社会公益组织  法律服务机构  其他\n")
T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果 （一）予以公开", "partial": "（二）部分公开",
    "unable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息", "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}


def t3(values: dict[str, list[str]], label_w: int = 43) -> str:
    return T3_HEAD + "\n".join(aligned(T3_LABELS[k], v, label_w) for k, v in values.items()) + "\n"


def test_space_aligned_table3_with_two_columns_shown_reads_natural_and_total():
    # only 自然人 and 总计 print numbers: the row totals put the last edge under 总计, and
    # evenly spaced columns after the labels put the first under 自然人
    blank = [""] * 7
    text = t3({"new": ["16", "", "", "", "", "", "16"], "carried_over": blank,
               "granted": ["5", "", "", "", "", "", "5"], "partial": blank,
               "unable_not_held": ["11", "", "", "", "", "", "11"], "total": ["16", "", "", "", "", "", "16"],
               "carried_forward": blank})
    d, r, f = read(text)
    assert [f[k] for k in row("new")] == [16, 0, 0, 0, 0, 0, 16]
    assert [f[k] for k in row("unable_not_held")] == [11, 0, 0, 0, 0, 0, 11]
    assert not any(k.startswith(("requests.new.", "requests.granted.", "requests.total.")) for k in r.doubts)


def test_space_aligned_columns_whose_print_breaks_an_identity_no_placement_keeps_are_read_as_printed():
    # 予以公开 prints 5 under 自然人 and 5 under 科研机构, and its total blank: no placement of the
    # table's numbers keeps every row total (20 stands right of 5 under 总计), so the page's
    # columns stand and the rules flag the printed total
    blank = [""] * 7
    text = t3({"new": ["116", "4", "", "", "", "", "120"], "carried_over": blank,
               "granted": ["5", "", "5", "", "", "", ""], "partial": blank,
               "total": ["116", "4", "", "", "", "", "120"]})
    d, r, f = read(text)
    assert [f[k] for k in row("granted")] == [5, 0, 5, 0, 0, 0, 0]
    assert [f[k] for k in row("new")] == [116, 4, 0, 0, 0, 0, 120]
    assert not any(k.startswith(("requests.granted.", "requests.new.")) for k in r.doubts)
    assert check_reading(d, r).status == "review"


def test_space_aligned_columns_that_break_an_identity_other_placements_keep_stay_doubts():
    # every row prints a number twice, 16 columns apart, totals blank: evenly spaced columns after
    # the labels put them under 自然人 and 科研机构 (every row total broken), while the second
    # under 总计 keeps every identity; the page and the identities disagree, neither is taken
    blank = [""] * 7
    text = t3({"new": ["15", "", "15", "", "", "", ""], "carried_over": ["5", "", "5", "", "", "", ""],
               "granted": ["20", "", "20", "", "", "", ""], "unable_not_held": blank,
               "total": ["20", "", "20", "", "", "", ""], "carried_forward": blank})
    d, r, f = read(text)
    natural, research, total = (r.doubts[f"requests.granted.{c}"] for c in ("natural", "research", "total"))
    assert natural.reason == "ambiguous_column" and f["requests.granted.natural"] is None
    assert sorted(research.candidates) == [0, 20]  # the page's reading (20) and the identities' (0)
    assert sorted(total.candidates) == [0, 20]
    assert 20 in natural.candidates and "disagree" in natural.detail
    assert check_reading(d, r).status == "review"


def t2_2021_single_digits(strip: bool) -> str:
    lines = ["某某区人民政府2022年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容  本年制发件数  本年废止件数  现行有效件数", aligned("规章", ["", "", ""], 16),
             aligned("行政规范性文件", ["3", "", "3"], 16), "第二十条第（五）项", "信息内容  本年处理决定数量",
             aligned("行政许可", ["4"], 16), "第二十条第（六）项", "信息内容  本年处理决定数量",
             aligned("行政处罚", ["1"], 16), aligned("行政强制", [""], 16), "三、收到和处理政府信息公开申请情况"]
    return "\n".join(line.rstrip() if strip else line for line in lines) + "\n"


def test_single_digit_numbers_whose_edge_the_page_does_not_show_stay_doubts():
    # 2021 表二, trailing spaces stripped: every number is one digit, so right and left alignment
    # look alike; 3 … 3 could be 制发/现行有效 in 8-wide columns or 制发/废止 in 16-wide ones
    d, r, f = read(t2_2021_single_digits(strip=True))
    assert f["active.normative.issued"] == 3 and "active.normative.issued" not in r.doubts
    assert sorted(r.doubts["active.normative.repealed"].candidates) == [0, 3]
    assert sorted(r.doubts["active.normative.in_force"].candidates) == [0, 3]
    assert r.doubts["active.normative.in_force"].reason == "ambiguous_column"
    assert f["active.licensing.decisions"] == 4


def test_blank_cells_printed_as_spaces_show_where_the_last_column_ends():
    # the same table with its blank cells kept as spaces: 规章's blank run ends at display column
    # 40, the right edge of the last column, so the columns are 8 wide and 3 … 3 is 制发/现行有效
    d, r, f = read(t2_2021_single_digits(strip=False))
    assert (f["active.normative.issued"], f["active.normative.repealed"], f["active.normative.in_force"]) == (3, 0, 3)
    assert not any(k.startswith("active.normative.") for k in r.doubts)


def test_numbers_set_apart_in_no_column_the_page_shows_get_every_placement():
    # the only numbers of the tables: nothing lines up, so the page shows no columns at all
    text = ("某某区人民政府2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容  本年制发件数  本年废止件数  现行有效件数\n规章\n行政规范性文件         3              23\n"
            "三、收到和处理政府信息公开申请情况\n")
    d, r, f = read(text)
    issued, repealed, in_force = (r.doubts[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force"))
    assert {issued.reason, repealed.reason, in_force.reason} == {"ambiguous_column"}
    assert sorted(issued.candidates) == [0, 3] and sorted(repealed.candidates) == [0, 3, 23]
    assert sorted(in_force.candidates) == [0, 23]  # 3 and 23 keep their order
    assert f["active.normative.issued"] is None


def test_space_aligned_table4_is_placed_by_the_document_columns():
    # 表四 is one row: its columns are told by the step its numbers share (16 = 2 × 8), the
    # line start as wall, and the right alignment shown by the document's other tables (116 and
    # 5 end at one column: numbers two digits apart line up only at the edge they are aligned on)
    t3_text = t3({"new": ["116", "4", "", "", "", "", "120"], "total": ["116", "4", "", "", "", "", "120"],
                  "granted": ["5", "", "", "", "", "", "5"]})
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议  行政诉讼\n"
          "结果维持  结果纠正  其他结果  尚未审结  总计  未经复议直接起诉  复议后起诉\n"
          + "".join(" " * (8 - len(v)) + v for v in ["10", "1", "", "", "11", "", "", "", "", "", "5", "", "", "", "5"])
          + "\n\n五、存在的主要问题\n")
    d, r, f = read(t3_text + t4)
    assert (f["review.upheld"], f["review.corrected"], f["review.total"]) == (10, 1, 11)
    assert (f["litigation_after_review.upheld"], f["litigation_after_review.total"]) == (5, 5)
    assert f["litigation_direct.total"] == 0
    assert not any(k.startswith(("review.", "litigation")) for k in r.doubts)


# ---------------------------------------------------------------- the column model itself


def test_lattices_hold_every_spot_and_respect_the_wall():
    def wall(at: int):
        return lambda first, step: first - step >= at - 1

    assert [g[0] for g in lattices([30, 46], 3, 5, wall(20))] == [(0, 2)]  # 8-wide columns from 30
    # without a wall, 16-wide columns with 30 in the first or second column fit too
    assert sorted(g[0] for g in lattices([30, 46], 3, 5, lambda f, s: True)) == [(0, 1), (0, 2), (1, 2)]
    assert lattices([30, 46, 51], 3, 5, lambda f, s: True) == []  # 5 and 16 share no step of 5 or more


def test_alignment_is_told_by_numbers_of_two_widths_sharing_an_edge():
    text = "\n".join(aligned(f"第{i}行", v, 10) for i, v in enumerate([["16", "4"], ["5", "12"], ["125", ""]])) + "\n"
    assert alignment(tokenize(text, 0, len(text))) == "right"
    left = "\n".join(aligned(f"第{i}行", v, 10, left=True) for i, v in enumerate([["16", "4"], ["5", "12"], ["125", ""]]))
    assert alignment(tokenize(left, 0, len(left))) == "left"
    loose = "规章  3  23\n行政许可  12  5\n"  # nothing lines up
    assert alignment(tokenize(loose, 0, len(loose))) is None
