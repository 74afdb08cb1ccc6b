"""Text forms of round 14 of the unseen-layout probe (issue 11): 表二 taken out column by column,
表二's heads in other words, 表三's rows written short with their parents, a count's share beside
it, a 单位 column, counts in Chinese numerals."""

from __future__ import annotations

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text

from extractor.engines.layout._cells import tokenize
from extractor.engines.layout.cnnum import count
from extractor.engines.layout.colwords import heads_named

ROWS = ("new", "carried_over", "granted", "partial", "total", "carried_forward")


def _t3(label=lambda s: s, cell=lambda r, k, v: str(v), after_label: str = "", rows=T3_ROWS) -> str:
    """表三 as tab rows (`rows`): `label(printed label)`, then `after_label` cells, then each value by `cell`."""
    head = "\t申请人情况\n\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    rows = "".join(label(lab.split("\t")[-1]) + after_label + "\t" + "\t".join(cell(r, k, v) for k, v in enumerate(nums))
                   + "\n" for r, (lab, nums) in enumerate(rows))
    return T3_HEAD + head + rows + "\n"


def _t3_exact(flat) -> bool:
    return all([flat[f"requests.{row}.{k}"] for k in KEYS] == nums for row, (_, nums) in zip(ROWS, T3_ROWS))


def test_t2_printed_column_by_column_reads_row_by_row(tmp_path):
    down = T2.replace("信息内容  本年制发件数  本年废止件数  现行有效件数\n规章  0  0  0\n行政规范性文件  3  1  27\n",
                      "信息内容\n规章\n行政规范性文件\n本年制发件数\n0\n3\n本年废止件数\n0\n1\n现行有效件数\n0\n27\n")
    assert down != T2
    _, flat = read_text(tmp_path, down + _t3())
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 0, 0]
    # a number short (a blank left out): no shape to put back, never another row's numbers
    short = down.replace("现行有效件数\n0\n27\n", "现行有效件数\n27\n")
    _, flat = read_text(tmp_path, short + _t3())
    assert flat["active.normative.in_force"] in (None, 27) and flat["active.regulations.in_force"] in (None, 0)


def test_t2_heads_in_other_words_and_another_order(tmp_path):
    moved = T2.replace("信息内容  本年制发件数  本年废止件数  现行有效件数\n规章  0  0  0\n行政规范性文件  3  1  27\n",
                       "信息内容  累计有效  本年新增  本年减少\n规章  0  0  0\n行政规范性文件  27  3  1\n")
    _, flat = read_text(tmp_path, moved + _t3())
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    # one head in words no pattern knows: the column left
    assert heads_named(["本年新制作", "截至年底公开合计", "本年新公开"], ("made", "published", "total")) \
        == ["made", "total", "published"]
    assert heads_named(["本年新制作", "上年同期", "本年新公开"], ("made", "published", "total"))[1] is None


def test_t3_rows_written_short_with_their_parents(tmp_path):
    short = {"（一）予以公开": "予以公开", "（二）部分公开": "部分公开", "（七）总计": "总计"}
    rows = T3_ROWS[:4] + [("其他处理-3.其他", [0] * 7)] + T3_ROWS[4:]
    _, flat = read_text(tmp_path, T2 + _t3(label=lambda s: short.get(s, s), rows=rows))
    assert _t3_exact(flat) and flat["requests.other_misc.total"] == 0
    # 总计 alone anywhere else is no row's label (a header's word): the row is not found
    _, flat = read_text(tmp_path, T2 + _t3(label=lambda s: short.get(s, s)))
    assert flat["requests.total.total"] is None
    cells = tokenize("不予公开-1.国家秘密\t0\t1\n", 0, 16)
    assert [(c.kind, c.text) for c in cells][:2] == [("text", "不予公开"), ("text", "-1.国家秘密")]
    cells = tokenize("本年增/减\t-3\n", 0, 9)
    assert [c.kind for c in cells] == ["text", "num"]


def test_a_counts_share_beside_it_is_no_cell(tmp_path):
    def cell(r, k, v):
        total = T3_ROWS[r][1][-1]
        return str(v) if k == 6 else f"{v}（{100 * v / total:.1f}%）"
    _, flat = read_text(tmp_path, T2 + _t3(cell=cell))
    assert _t3_exact(flat)


def test_a_unit_column_between_labels_and_numbers(tmp_path):
    # (the label's grid cells after it blank, as a row without sub-rows prints them)
    _, flat = read_text(tmp_path, T2 + _t3(after_label="\t\t\t件"))
    assert _t3_exact(flat)


def test_counts_in_chinese_numerals(tmp_path):
    assert [count(t) for t in ("十二", "一百零五", "二千三百四十件", "一万零二十", "零")] == \
        [(12, None), (105, None), (2340, "件"), (10020, None), (0, None)]
    assert count("一二") is None and count("百十") is None
    numerals = T2.replace("行政规范性文件  3  1  27", "行政规范性文件  三  一  二十七").replace("1205", "一千二百零五")
    cn = "零一二三四五六七八九"
    def cell(r, k, v):
        return cn[v] if v < 10 else "十" + (cn[v - 10] if v > 10 else "") if v < 20 else cn[v // 10] + "十" + (cn[v % 10] if v % 10 else "")
    _, flat = read_text(tmp_path, numerals + _t3(cell=cell))
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 1205
    assert _t3_exact(flat)
    # a table of digits: a lone 一 beside them stays a dash typed with the numeral, never 1
    _, flat = read_text(tmp_path, T2.replace("行政规范性文件  3  1  27", "行政规范性文件  3  一  27") + _t3())
    assert flat["active.normative.repealed"] != 1
