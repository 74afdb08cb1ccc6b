"""Layouts of round 12 of the unseen-layout probe (issue 11): columns a report adds after the
format's own (last year's figures, the change from them), 表三 written as a list of named counts."""

from __future__ import annotations

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text

from extractor.engines.layout._cells import tokenize
from extractor.load import load
from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat


def _doubts(reading, prefix: str) -> list[str]:
    """Doubts of the table, but for the rows the short test table leaves out."""
    return [k for k, d in reading.doubts.items() if k.startswith(prefix) and d.reason != "missing_row"]


def _t3_with(extra, sep: str = "\t", head: str = "上年同期\t同比增减") -> str:
    """表三 tab rows, each followed by the cells `extra(i)` gives, under a header naming them."""
    hdr = T3_HEAD + sep.join(["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
                             + head.split("\t")) + "\n"
    return hdr + "".join(label + sep + sep.join([*map(str, nums), *extra(i)]) + "\n"
                         for i, (label, nums) in enumerate(T3_ROWS))


def test_last_years_columns_after_table3s_total_are_no_cells_of_the_row(tmp_path):
    reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [str(100 + i), f"+{i}.5%"]))
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
    assert [flat[f"requests.carried_forward.{k}"] for k in KEYS] == T3_ROWS[-1][1]
    assert not _doubts(reading, "requests.")
    # an arrow before the change (`↑2.5%` closes the row early: the tab row keeps its place)
    reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [str(100 + i), f"↑{i}.5%"]))
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == T3_ROWS[2][1] and not _doubts(reading, "requests.")


def test_without_such_a_header_a_row_with_more_cells_than_columns_stays_a_doubt(tmp_path):
    reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [str(100 + i)], head="备用"))
    assert reading.doubts["requests.new.total"].reason == "cells_do_not_fit" and flat["requests.new.total"] is None


def test_spaced_rows_lose_the_extra_cells_only_when_every_one_is_printed(tmp_path):
    # two spaces between cells: a blank left out cannot be told, so only the exact count is cut
    body = T2 + _t3_with(lambda i: [str(100 + i), f"{i}.5%"], sep="  ", head="上年同期  同比增减")
    reading, flat = read_text(tmp_path, body)
    assert [flat[f"requests.partial.{k}"] for k in KEYS] == T3_ROWS[3][1] and not _doubts(reading, "requests.")
    # one cell short (a blank cell of the row left no mark): the row is not cut, a doubt
    lost = body.replace("（二）部分公开  2  1  1  1  0  1  6  103", "（二）部分公开  2  1  1  1  1  6  103")
    reading, flat = read_text(tmp_path, lost)
    assert flat["requests.partial.total"] is None and "requests.partial.total" in reading.doubts


def test_table2s_sections_each_count_their_own_extra_columns(tmp_path):
    t2 = ("二、主动公开政府信息情况\n"
          "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t上年数\n"
          "规章\t0\t0\t0\t2\n行政规范性文件\t3\t1\t27\t25\n"
          "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t1205\n"
          "第二十条第（六）项\n信息内容\t本年处理决定数量\t上年同期\t同比增减(%)\n行政处罚\t88\t80\t10%\n行政强制\t4\t5\t-20%\n"
          "第二十条第（八）项\n信息内容\t本年收费金额（万元）\n行政事业性收费\t0\n\n")
    reading, flat = read_text(tmp_path, t2 + _t3_with(lambda i: [], head=""))
    assert [flat["active.normative.issued"], flat["active.normative.repealed"], flat["active.normative.in_force"]] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 1205
    assert flat["active.punishment.decisions"] == 88 and flat["active.coercion.decisions"] == 4
    assert not _doubts(reading, "active.")


def test_a_2019_table2_keeps_its_own_prior_year_column(tmp_path):
    # 上一年项目数量 is the format's column, never an added one
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
          "规章\t1\t1\t9\n规范性文件\t2\t2\t30\n"
          "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t12\t-1\t300\n其他对外管理服务事项\t3\t0\t5\n\n")
    path = tmp_path / "r.txt"
    path.write_text("某县人民政府2019年政府信息公开工作年度报告\n" + t2 + _t3_with(lambda i: [], head=""), encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    flat = to_flat(reading.record)
    assert [flat["active.licensing.prior"], flat["active.licensing.change"], flat["active.licensing.decisions"]] == [12, -1, 300]


def test_html_columns_of_last_years_figures_right_of_the_format_hold_no_values(tmp_path):
    cols = "".join(f"<td>{c}</td>" for c in ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    rows = "".join("<tr><td>" + label.replace("\t", "") + "</td>" + "".join(f"<td>{n}</td>" for n in nums)
                   + f"<td>{50 + i}</td><td>↑{i}%</td></tr>" for i, (label, nums) in enumerate(T3_ROWS))
    page = ("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p>"
            "<p>三、收到和处理政府信息公开申请情况</p><table>"
            f"<tr><td>项目</td>{cols}<td>上年同期</td><td>同比增减</td></tr>{rows}</table></body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    flat = to_flat(reading.record)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
    assert [flat[f"requests.total.{k}"] for k in KEYS] == T3_ROWS[4][1]
    assert not _doubts(reading, "requests.")


def _listed(total_first: bool = False, unit: str = "件", comma: str = "，") -> str:
    names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    out = [T3_HEAD]
    for label, nums in T3_ROWS:
        pairs = [f"{n}{v}{unit}" for n, v in zip(names, nums)]
        text = f"{pairs[-1]}（其中{comma.join(pairs[:-1])}）" if total_first else comma.join(pairs)
        for part in label.split("\t")[:-1]:
            out.append(part + "\n")
        out.append(label.split("\t")[-1] + "：" + text + "。\n")
    return "".join(out)


def test_table3_as_a_list_of_named_counts_is_read_in_the_columns_order(tmp_path):
    reading, flat = read_text(tmp_path, T2 + _listed())
    for (label, nums), row in zip(T3_ROWS, ("new", "carried_over", "granted", "partial", "total", "carried_forward")):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, label
    assert not _doubts(reading, "requests.")
    reading, flat = read_text(tmp_path, T2 + _listed(unit="", comma="；"))
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == T3_ROWS[2][1] and not _doubts(reading, "requests.")


def test_table3_as_a_list_with_the_total_first_puts_the_total_in_its_column(tmp_path):
    reading, flat = read_text(tmp_path, T2 + _listed(total_first=True))
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
    assert [flat[f"requests.carried_forward.{k}"] for k in KEYS] == T3_ROWS[-1][1]
    assert not _doubts(reading, "requests.")



def test_a_list_of_named_counts_parted_by_enumeration_commas_without_units(tmp_path):
    # `自然人16、商业企业4、…、其他0）`: a count glued to its applicant's name before `、` and the
    # next name is no enumerator of a label (`16` was cut into `1` and a label `6、商业企业`), nor
    # is a count before the list's closing bracket (`其他0）。`); probe list-item-rows: 658 cells
    # were doubts without the gold
    line = "一、本年新收政府信息公开申请数量：总计20（其中自然人16、商业企业4、其他0）。"
    cells = [(c.kind, c.text) for c in tokenize(line, 0, len(line))]
    assert [t for k, t in cells if k == "num"] == ["20", "16", "4", "0"]
    # an enumerator glued to the number before it stays one (`00000002.其他…`, spaced `1. 属于…`)
    for text, label in [("规章00000002.其他法律", "2.其他法律"), ("0 0 0 03、其他 0", "3、其他")]:
        assert ("text", label) in [(c.kind, c.text) for c in tokenize(text, 0, len(text))]
    # but a mark that closes no bracket of its line, its label wrapped to the next line, is still
    # the next label's enumerator (`…0 42.` then `其他法律…`: a web table's cells run together;
    # probe html-th-nested lost the row before such a label)
    text = "1.属于国家秘密 4 0 0 0 0 0 42.\n其他法律行政法规禁止公开 0 0 0 0 0 0 0"
    cells = [(c.kind, c.text) for c in tokenize(text, 0, len(text))]
    assert [t for k, t in cells if k == "num"][:7] == ["4", "0", "0", "0", "0", "0", "4"]
    for total_first in (False, True):
        reading, flat = read_text(tmp_path, T2 + _listed(total_first=total_first, unit="", comma="、"))
        for (label, nums), row in zip(T3_ROWS, ("new", "carried_over", "granted", "partial", "total", "carried_forward")):
            assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, (total_first, label)
        assert not _doubts(reading, "requests.")


def test_a_list_row_whose_label_does_not_name_the_first_column_is_not_read_as_named(tmp_path):
    # the counts named out of order (商业企业 first): the row is not a list in the table's order
    names = ["商业企业", "自然人", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    label, nums = T3_ROWS[0]
    order = [nums[1], nums[0], *nums[2:]]
    row = label + "：" + "，".join(f"{n}{v}件" for n, v in zip(names, order)) + "。\n"
    reading, flat = read_text(tmp_path, T2 + _listed().replace(_listed().splitlines()[1] + "\n", row))
    assert flat["requests.new.natural"] != nums[1]  # never 商业企业's count in 自然人's column
    assert flat["requests.new.natural"] is None and "requests.new.natural" in reading.doubts


_T4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
       "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\t{grand}\n"
       "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\t\n"
       "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t\n"
       "{row}\n")
_T4_ROW = [1, 2, 0, 1, 4, 3, 0, 0, 2, 5, 0, 1, 0, 0, 1]


def _t4_flat(flat) -> list:
    return [flat[f"{g}.{c}"] for g in ("review", "litigation_direct", "litigation_after_review")
            for c in ("upheld", "corrected", "other", "pending", "total")]


def test_table4s_grand_total_column_after_its_groups_is_no_cell(tmp_path):
    row = "\t".join(map(str, _T4_ROW + [10]))
    reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [], head="") + "\n" + _T4.format(grand="合计", row=row))
    assert _t4_flat(flat) == _T4_ROW
    assert not _doubts(reading, "review.") and not _doubts(reading, "litigation")
    # no such header: sixteen numbers for fifteen cells stay a doubt
    reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [], head="") + "\n" + _T4.format(grand="", row=row))
    assert flat["review.upheld"] is None and "review.upheld" in reading.doubts


def _two_years(groups: str, sep: str = "\t") -> str:
    names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    head = T3_HEAD + groups + "\n" + sep.join([""] + names + names) + "\n"
    return head + "".join(label + sep + sep.join(map(str, nums + [n + 10 for n in nums])) + "\n"
                          for label, nums in T3_ROWS)


def test_table3_for_this_year_and_last_side_by_side_is_read_from_this_years_half(tmp_path):
    for groups in ("项目\t本年\t\t\t\t\t\t\t上年", "项目\t2023年\t\t\t\t\t\t\t2022年"):
        reading, flat = read_text(tmp_path, T2 + _two_years(groups))
        assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1], groups
        assert [flat[f"requests.carried_forward.{k}"] for k in KEYS] == T3_ROWS[-1][1], groups
        assert not _doubts(reading, "requests."), groups
    # last year first: not this reader's to guess, the rows stay doubts
    reading, flat = read_text(tmp_path, T2 + _two_years("项目\t上年\t\t\t\t\t\t\t本年"))
    assert flat["requests.new.natural"] is None and "requests.new.natural" in reading.doubts


_T4_LAST = [0, 1, 1, 0, 2, 1, 1, 0, 0, 2, 0, 0, 0, 1, 1]


def _t4_rows(this: str, last: str, *, last_first: bool, sep: str = "\t") -> str:
    head = _T4.format(grand="", row="").rstrip("\n").rstrip("\t")
    rows = [this + sep + sep.join(map(str, _T4_ROW)), last + sep + sep.join(map(str, _T4_LAST))]
    if last_first:
        rows.reverse()
    return T2 + _t3_with(lambda i: [], head="") + "\n" + head + "\n" + "\n".join(rows) + "\n"


def test_table4_with_last_years_row_is_read_from_the_row_named_this_year(tmp_path):
    for this, last in (("本年", "上年"), ("本年度", "上年度"), ("2023年", "2022年")):
        for last_first in (False, True):
            for sep in ("\t", "  "):
                reading, flat = read_text(tmp_path, _t4_rows(this, last, last_first=last_first, sep=sep))
                assert _t4_flat(flat) == _T4_ROW, (this, last_first, sep)
                assert not _doubts(reading, "review.") and not _doubts(reading, "litigation"), (this, last_first, sep)


def test_table4s_rows_that_do_not_say_which_year_leave_their_differing_cells_doubts(tmp_path):
    for sep in ("\t", "  "):
        reading, flat = read_text(tmp_path, _t4_rows("", "", last_first=False, sep=sep))
        assert flat["review.upheld"] is None  # 1 or 0: the print does not say
        assert sorted(reading.doubts["review.upheld"].candidates) == [0, 1]
        assert flat["litigation_after_review.other"] == 0  # both rows print 0 there: read
        for key, value in zip([k for k in reading.doubts if k.startswith(("review.", "litigation"))], [None] * 15):
            assert flat[key] is value


def test_table4_by_group_rows_with_a_last_year_column_reads_each_groups_five(tmp_path):
    names = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
    lines = ["四、政府信息公开行政复议、行政诉讼情况", "类别\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t上年同期"]
    for g, name in enumerate(names):
        lines.append("\t".join([name, *map(str, _T4_ROW[5 * g:5 * g + 5]), str(7 + g)]))
    reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [], head="") + "\n" + "\n".join(lines) + "\n")
    assert _t4_flat(flat) == _T4_ROW
    assert not _doubts(reading, "review.") and not _doubts(reading, "litigation")


def test_a_sub_units_table3_after_the_report_leaves_doubts_holding_both_prints(tmp_path):
    own = _t3_with(lambda i: [], head="")
    sub = "".join(label + "\t" + "\t".join(str(n + 1) for n in nums) + "\n" for label, nums in T3_ROWS)
    text = T2 + own + "\n六、其他需要报告的事项\n无。\n\n附件：某镇政府信息公开申请情况\n" + T3_HEAD + sub
    reading, flat = read_text(tmp_path, text)
    doubt = reading.doubts["requests.new.natural"]
    assert flat["requests.new.natural"] is None and doubt.reason == "duplicate_row"
    assert doubt.candidates == [T3_ROWS[0][1][0], T3_ROWS[0][1][0] + 1]  # the report's own first


_MOVED = [1, 2, 3, 4, 5, 0, 6]  # 法人或其他组织's five, then 自然人, then 总计
_NAMES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _t3_moved(header: str, order: list[int], sep: str = "\t") -> str:
    return T3_HEAD + header + "".join(label.replace("\t", sep) + sep + sep.join(str(nums[i]) for i in order) + "\n"
                                      for label, nums in T3_ROWS)


def test_table3s_columns_in_another_order_named_on_one_header_line_are_read_by_their_names(tmp_path):
    for order in (_MOVED, [0, 1, 2, 3, 5, 4, 6], [0, 2, 1, 3, 4, 5, 6]):
        for sep in ("\t", "  "):
            header = sep.join(["项目"] + [_NAMES[i] for i in order]) + "\n"
            reading, flat = read_text(tmp_path, T2 + _t3_moved(header, order, sep))
            for (label, nums), row in zip(T3_ROWS, ("new", "carried_over", "granted", "partial", "total", "carried_forward")):
                assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, (order, sep, label)
            assert not _doubts(reading, "requests."), (order, sep)


def test_a_merged_header_over_two_lines_gives_the_order_by_its_cells(tmp_path):
    header = ("\t法人或其他组织\t\t\t\t\t自然人\t总计\n"
              "\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n")
    body = T3_HEAD + header + "".join(label.replace("\t", "") + "\t" + "\t".join(str(nums[i]) for i in _MOVED) + "\n"
                                      for label, nums in T3_ROWS)
    reading, flat = read_text(tmp_path, T2 + body)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == T3_ROWS[2][1]
    # the format's own merged header (自然人 … 总计 over the five) reads in the format's order
    header = "\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
    body = T3_HEAD + header + "".join(label.replace("\t", "") + "\t" + "\t".join(map(str, nums)) + "\n"
                                      for label, nums in T3_ROWS)
    reading, flat = read_text(tmp_path, T2 + body)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1] and not _doubts(reading, "requests.")


def _html_t3(header: str, order: list[int]) -> str:
    rows = "".join("<tr><td>" + label.replace("\t", "") + "</td>" + "".join(f"<td>{nums[i]}</td>" for i in order)
                   + "</tr>" for label, nums in T3_ROWS)
    return ("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p>"
            f"<p>三、收到和处理政府信息公开申请情况</p><table>{header}{rows}</table></body></html>")


def test_a_web_pages_table3_with_its_columns_in_another_order_is_read_by_its_header(tmp_path):
    one_row = "<tr><td>项目</td>" + "".join(f"<td>{_NAMES[i]}</td>" for i in _MOVED) + "</tr>"
    merged = ('<tr><td rowspan="2">项目</td><td colspan="5">法人或其他组织</td><td rowspan="2">自然人</td>'
              '<td rowspan="2">总计</td></tr><tr>' + "".join(f"<td>{_NAMES[i]}</td>" for i in _MOVED[:5]) + "</tr>")
    for header in (one_row, merged):
        path = tmp_path / "r.html"
        path.write_text(_html_t3(header, _MOVED), encoding="utf-8")
        reading = LayoutEngine().read(load(str(path)))
        flat = to_flat(reading.record)
        assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
        assert [flat[f"requests.total.{k}"] for k in KEYS] == T3_ROWS[4][1]
        assert not _doubts(reading, "requests.")


def test_table4s_results_in_another_order_are_read_by_their_header_words(tmp_path):
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for order in ([1, 0, 2, 3, 4], [0, 1, 3, 2, 4], [4, 0, 1, 2, 3]):
        lines = ["四、政府信息公开行政复议、行政诉讼情况", "\t".join(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9),
                 "\t".join([words[i] for i in order] + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
                 "\t".join([""] * 5 + [words[i] for i in order] * 2),
                 "\t".join(str(_T4_ROW[5 * g + i]) for g in range(3) for i in order)]
        reading, flat = read_text(tmp_path, T2 + _t3_with(lambda i: [], head="") + "\n" + "\n".join(lines) + "\n")
        assert _t4_flat(flat) == _T4_ROW, order
        assert not _doubts(reading, "review.") and not _doubts(reading, "litigation"), order


def test_table2s_columns_in_another_order_are_read_by_their_header_words(tmp_path):
    for head, row in (("本年废止件数\t本年制发件数\t现行有效件数", "1\t3\t27"), ("现行有效件数\t本年制发件数\t本年废止件数", "27\t3\t1")):
        t2 = T2.replace("信息内容  本年制发件数  本年废止件数  现行有效件数", "信息内容\t" + head).replace(
            "行政规范性文件  3  1  27", "行政规范性文件\t" + row)
        reading, flat = read_text(tmp_path, t2 + _t3_with(lambda i: [], head=""))
        assert [flat["active.normative.issued"], flat["active.normative.repealed"], flat["active.normative.in_force"]] == [3, 1, 27], head
        assert not _doubts(reading, "active."), head


def test_a_web_pages_table2_with_its_columns_in_another_order_is_read_by_its_header(tmp_path):
    page = ("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>"
            "<tr><td colspan=4>第二十条第（一）项</td></tr>"
            "<tr><td>信息内容</td><td>现行有效件数</td><td>本年制发件数</td><td>本年废止件数</td></tr>"
            "<tr><td>规章</td><td>5</td><td>1</td><td>0</td></tr><tr><td>行政规范性文件</td><td>27</td><td>3</td><td>1</td></tr>"
            "<tr><td colspan=4>第二十条第（五）项</td></tr><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
            "<tr><td>行政许可</td><td>1205</td></tr></table></body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    flat = to_flat(LayoutEngine().read(load(str(path))).record)
    assert [flat["active.normative.issued"], flat["active.normative.repealed"], flat["active.normative.in_force"]] == [3, 1, 27]
    assert [flat["active.regulations.issued"], flat["active.regulations.in_force"]] == [1, 5]
    assert flat["active.licensing.decisions"] == 1205
