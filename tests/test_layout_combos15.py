"""Round 15 of the unseen-layout probe (issue 11): quirks of rounds 9–14 stacked on one page.
Each test prints two quirks together that the reader handled one at a time: 表二's heads in other
words and order with an added column or on one flattened line, a 单位 column with a bare 总计 or
a damaged label, a 备注 column beside an added one, counts in numerals beside a change, 表四 in
numerals, an added column between a grid's own columns, a list whose counts are numerals."""

from __future__ import annotations

import re

from _text_report import ENGINE, KEYS, T2, T3_HEAD, T3_ROWS, TITLE, html_of, read_text

from extractor.flat import to_flat
from extractor.load import load

ROWS = ("new", "carried_over", "granted", "partial", "total", "carried_forward")
T2_KEYS = ("issued", "repealed", "in_force")


def _t3(sep: str = "\t", unit: str = "", remark: dict[int, str] | None = None, total: str = "（七）总计",
        extra: tuple[str, ...] = ()) -> str:
    """表三 as `sep` rows: a 单位 column (`unit`: its cells' word), remarks after given rows, 总计's
    label as `total`, added columns `extra` (heads; each row's figure 40 + its index)."""
    heads = ["", "申请人情况"] + [""] * 6
    heads = heads[:1] + (["单位"] if unit else []) + heads[1:] + list(extra) + (["备注"] if remark is not None else [])
    rows = []
    for r, (lab, nums) in enumerate(T3_ROWS):
        lab = lab.split("\t")[-1]
        if lab == "（七）总计" and total != lab:  # (a bare 总计 is 表三's only right after （六）'s last row)
            rows.append(sep.join(["其他处理-3.其他"] + ([unit] if unit else []) + ["0"] * (7 + len(extra))
                                 + ([remark.get(-1, "")] if remark is not None else [])))
            lab = total
        cells = [lab] + ([unit] if unit else []) + [str(v) for v in nums] + [str(40 + r) for _ in extra]
        if remark is not None:
            cells.append(remark.get(r, ""))
        rows.append(sep.join(cells))
    return T3_HEAD + sep.join(heads) + "\n" + "\n".join(rows) + "\n\n"


def _requests(flat: dict) -> list[list]:
    return [[flat[f"requests.{row}.{k}"] for k in KEYS] for row in ROWS]


def test_t2_heads_in_other_words_and_order_with_an_added_column(tmp_path):
    # the added column's head (上年数) names none of the format's: the three others say the order
    t2 = T2.replace("信息内容  本年制发件数  本年废止件数  现行有效件数", "信息内容\t本年废止件数\t本年制定件数\t现行有效件数\t上年数") \
        .replace("规章  0  0  0", "规章\t0\t0\t0\t5").replace("行政规范性文件  3  1  27", "行政规范性文件\t1\t3\t27\t30")
    _, flat = read_text(tmp_path, t2 + _t3())
    assert [flat[f"active.normative.{k}"] for k in T2_KEYS] == [3, 1, 27]


def test_t2_heads_in_another_order_on_one_flattened_line(tmp_path):
    flat_t2 = ("二、主动公开政府信息情况 第二十条第（一）项 信息内容 新制定 现行有效 废止 规章 0 0 0 行政规范性文件 3 27 1 "
               "第二十条第（五）项 信息内容 本年处理决定数量 行政许可 1205 第二十条第（六）项 信息内容 本年处理决定数量 "
               "行政处罚 88 行政强制 4 第二十条第（八）项 信息内容 本年收费金额（万元） 行政事业性收费 0\n\n")
    _, flat = read_text(tmp_path, flat_t2 + _t3())
    assert [flat[f"active.normative.{k}"] for k in T2_KEYS] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 1205


def test_bare_total_after_a_unit_column_or_a_remark(tmp_path):
    want = [nums for _, nums in T3_ROWS]
    # a web page's table: `总计 | 件 | 8 | …`
    path = tmp_path / "r.html"
    path.write_text(html_of(T2 + _t3(unit="件", total="总计")), encoding="utf-8")
    assert _requests(to_flat(ENGINE.read(load(str(path))).record)) == want
    # the row above ends with a remark holding a number (`同比增长1%`): its words are not 总计's
    _, flat = read_text(tmp_path, T2 + _t3(" | ", remark={-1: "同比增长1%", 4: "较上年增加5件"}, total="总计"))
    assert _requests(flat) == want



def test_damaged_label_before_a_unit_column(tmp_path):
    # its parent on its line: `（三）不予公开 | 1.属于国家泌密 | 件 | …` (泌 typed for 秘)
    t3 = _t3(unit="件").replace("（二）部分公开\t", "（三）不予公开\t1.属于国家泌密\t")
    _, flat = read_text(tmp_path, T2 + t3)
    assert [flat[f"requests.denied_state_secret.{k}"] for k in KEYS] == T3_ROWS[3][1]


def test_remark_column_beside_an_added_column(tmp_path):
    # 备注's `无` is a printed cell of its own, after 上年同期's figure
    _, flat = read_text(tmp_path, T2 + _t3(extra=("上年同期",), remark={0: "无", 2: "无", 5: "其中网上申请3件"}))
    assert _requests(flat) == [nums for _, nums in T3_ROWS]


def test_numerals_before_a_change_column(tmp_path):
    t2 = T2.replace("信息内容  本年制发件数  本年废止件数  现行有效件数", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t上年数\t同比增减") \
        .replace("规章  0  0  0", "规章\t零\t零\t零\t49\t↓20.5%") \
        .replace("行政规范性文件  3  1  27", "行政规范性文件\t三\t二\t二十七\t335\t+21.9%")
    _, flat = read_text(tmp_path, t2 + _t3())
    assert [flat[f"active.regulations.{k}"] for k in T2_KEYS] == [0, 0, 0]
    assert [flat[f"active.normative.{k}"] for k in T2_KEYS] == [3, 2, 27]


def test_t4_in_numerals_its_ones_are_counts(tmp_path):
    # 表三 writes its counts in numerals, 表四 only 零 and 一: its 一 is 1, no dash
    t3 = T3_HEAD + "".join(lab.split("\t")[-1] + "  " + "  ".join(_cn(v) for v in nums) + "\n"
                           for lab, nums in T3_ROWS) + "\n"
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n"
          "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
          "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
          "  一  零  零  零  一  零  零  零  零  零  零  零  一  零  一\n\n")
    _, flat = read_text(tmp_path, T2 + t3 + t4)
    assert flat["requests.new.total"] == 24
    assert [flat["review.upheld"], flat["review.total"], flat["litigation_after_review.other"]] == [1, 1, 1]
    assert flat["review.corrected"] == 0


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    return digits[n] if n < 10 else ("十" if n < 20 else digits[n // 10] + "十") + (digits[n % 10] if n % 10 else "")


def test_list_of_numerals_in_words_is_read_never_as_blanks(tmp_path):
    names = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    t3 = T3_HEAD + "".join(lab.split("\t")[-1] + "：" + "、".join(f"{a}{_cn(v)}个" for a, v in zip(names, nums)) + "；\n"
                           for lab, nums in T3_ROWS) + "\n"
    # (a page's number among the lines: the only number cell after them; 表二 in numerals too)
    t3 = t3.replace("（七）总计", "6\n（七）总计")
    t2 = re.sub(r"(?<=  )\d+", lambda m: _cn(int(m.group())) if int(m.group()) < 100 else m.group(), T2)
    reading, flat = read_text(tmp_path, t2 + t3)
    # the counts cut out of the words (`cnitems`): each read as printed, never as a zero
    assert all(flat[f"requests.{row}.{k}"] == v for row, (_, nums) in zip(ROWS, T3_ROWS)
               for k, v in zip(KEYS, nums))
    assert flat["requests.new.natural"] == 9


def test_grid_column_added_between_its_own_columns(tmp_path):
    t2 = ("<p>二、主动公开政府信息情况</p><table border=1>"
          "<tr><td colspan=5>第二十条第（一）项</td></tr>"
          "<tr><td>信息内容</td><td>本年制发件数</td><td>上年数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
          "<tr><td>规章</td><td>0</td><td>30</td><td>0</td><td>0</td></tr>"
          "<tr><td>行政规范性文件</td><td>3</td><td>9</td><td>1</td><td>27</td></tr>"
          "<tr><td colspan=5>第二十条第（五）项</td></tr>"
          "<tr><td>信息内容</td><td colspan=4>本年处理决定数量</td></tr><tr><td>行政许可</td><td colspan=4>1205</td></tr>"
          "</table>")
    head = ("<tr><td rowspan=3></td><td colspan=8>申请人情况</td></tr>"
            "<tr><td rowspan=2>自然人</td><td rowspan=2>上年同期</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    body = "".join(f"<tr><td>{lab.split(chr(9))[-1]}</td><td>{nums[0]}</td><td>{50 + r}</td>"
                   + "".join(f"<td>{v}</td>" for v in nums[1:]) + "</tr>" for r, (lab, nums) in enumerate(T3_ROWS))
    page = (f"<html><head><title>{TITLE.strip()}</title></head><body>{t2}"
            f"<p>{T3_HEAD.strip()}</p><table border=1>{head}{body}</table></body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    flat = to_flat(ENGINE.read(load(str(path))).record)
    assert [flat[f"active.normative.{k}"] for k in T2_KEYS] == [3, 1, 27]
    assert [flat[f"active.regulations.{k}"] for k in T2_KEYS] == [0, 0, 0]
    assert _requests(flat) == [nums for _, nums in T3_ROWS]
