"""Layouts found by eval/probe_unseen.py (issue 11): prints of the national tables that the variant
families did not cover, each read exactly or left a doubt, never a wrong value."""

from __future__ import annotations

import pytest
from _text_report import ENGINE, TITLE, read_text

from extractor.flat import to_flat
from extractor.load import load

T2_2019 = ("二、主动公开政府信息情况\n"
           "第二十条第（五）项 |  |  | \n"
           "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
           "行政许可 | 27 | 6项 | 571\n"
           "其他对外管理服务事项 | 62 | {cell} | {total}\n"
           "第二十条第（六）项 |  |  | \n"
           "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
           "行政处罚 | 14项 | 28项 | 1，191起\n"
           "行政强制 | 0项 | 0项 | 0项\n\n"
           "三、收到和处理政府信息公开申请情况\n")


def _read(tmp_path, text: str):
    return read_text(tmp_path, text)


def test_counts_with_a_measure_word_and_thousands_separators_are_one_number(tmp_path):
    reading, flat = _read(tmp_path, T2_2019.format(cell="-14项", total="18，390人次"))
    assert [flat[f"active.other_services.{c}"] for c in ("prior", "change", "decisions")] == [62, -14, 18390]
    assert flat["active.punishment.decisions"] == 1191
    assert reading.record.printed["active.punishment.decisions"] == "1，191起"
    rows = ("licensing", "other_services", "punishment", "coercion")
    assert not [k for k in reading.doubts if k.split(".")[1] in rows]


def test_a_grid_row_closed_early_by_text_leaves_no_blank_guess(tmp_path):
    # `-14人` is no number the reader knows: its text closes the row before 18,390, and the row
    # must not be read with a blank (0) in the last cell
    reading, flat = _read(tmp_path, T2_2019.format(cell="-14人", total="18,390"))
    assert flat["active.other_services.decisions"] is None
    assert reading.doubts["active.other_services.decisions"].reason == "cells_do_not_fit"


T4_HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n"
           "行政复议,,,,,行政诉讼,,,,,,,,,\n"
           "结果维持,结果纠正,其他结果,尚未审结,总计,未经复议直接起诉,,,,,复议后起诉,,,,\n"
           ",,,,,结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计\n")
T2_CSV = ("二、主动公开政府信息情况\n"
          "第二十条第（六）项,,,\n"
          "信息内容,本年处理决定数量,,\n"
          '行政处罚,"2,648",,\n'
          "行政强制,126,,\n\n")


def _appeals(flat):
    return [flat[f"{g}.{c}"] for g in ("review", "litigation_direct", "litigation_after_review")
            for c in ("upheld", "corrected", "other", "pending", "total")]


def test_a_csv_paste_is_read_cell_by_cell(tmp_path):
    reading, flat = _read(tmp_path, T2_CSV + T4_HEAD + "0,1,0,1,2,0,0,0,0,0,10,0,0,0,10\n\n五、存在的主要问题\n")
    assert (flat["active.punishment.decisions"], flat["active.coercion.decisions"]) == (2648, 126)
    assert _appeals(flat) == [0, 1, 0, 1, 2] + [0] * 5 + [10, 0, 0, 0, 10]
    assert not [k for k in reading.doubts if k.startswith(("review", "litigation"))]


def test_table4_numbers_set_apart_by_text_are_no_single_run_padded_with_blanks(tmp_path):
    # `、` between the numbers: reading the first one as the row with fourteen dropped blanks gave
    # a table of zeros that keeps every identity; the fifteen are the row's fifteen cells, a `、`
    # between each two (`ocrtext._punct_row`, as OCR prints `o、o、o`), read in order
    printed = [0, 1, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    row = "、".join(map(str, printed))
    reading, flat = _read(tmp_path, T4_HEAD.replace(",", " ") + row + "\n\n五、存在的主要问题\n")
    assert list(_appeals(flat)) == printed


def test_a_new_requests_figure_above_table2_does_not_start_table3():
    from extractor.segment import find_tables

    text = ("一、总体情况\n本年新收政府信息公开申请30件，办结28件。\n"
            "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n"
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t30\n"
            "四、政府信息公开行政复议、行政诉讼情况\n结果维持\n")
    seg = find_tables(text)
    assert seg.table2 is not None and seg.table3 is not None
    assert text[seg.table3[0]:].startswith("三、收到和处理") or text[seg.table3[0]:].startswith("收到和处理")
    assert seg.table2[0] < seg.table2[1] <= seg.table3[0]


def test_a_serial_number_column_is_no_cell(tmp_path):
    t2 = ("二、主动公开政府信息情况\n"
          "序号\t第二十条第（六）项\t\t\n"
          "\t信息内容\t本年处理决定数量\t\n"
          "1\t行政处罚\t305\t\n"
          "2\t行政强制\t12\t\n"
          "3\t行政许可\t7\t\n\n")
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
          "序号 | 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  \n"
          " | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  | \n"
          " |  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
          "1 | 0 | 1 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n\n五、存在的主要问题\n")
    reading, flat = _read(tmp_path, t2 + "三、收到和处理政府信息公开申请情况\n\n" + t4)
    assert [flat[f"active.{r}.decisions"] for r in ("punishment", "coercion", "licensing")] == [305, 12, 7]
    assert _appeals(flat) == [0, 1, 0, 1, 2] + [0] * 10
    assert not [k for k in reading.doubts if k.startswith(("review", "litigation", "active.punishment"))]


T3_SYN = ("三、收到和处理政府信息公开申请情况\n"
          "一、新收申请数量\t\t\t3\t0\t0\t0\t0\t0\t3\n"
          "二、上年结转申请数\t\t\t0\t0\t0\t0\t0\t0\t0\n"
          "三、本年度办理结果\t（一）予以公开\t\t1\t0\t0\t0\t0\t0\t1\n"
          "\t（三）不予公开\t1）属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n"
          "\t\t2）其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
          "\t（六）其他处理\t（1）申请人无正当理由逾期不补正\t0\t0\t0\t0\t0\t0\t0\n"
          "\t\t（2）申请人逾期未按收费通知要求缴纳费用\t0\t0\t0\t0\t0\t0\t0\n"
          "\t\t（3）其他\t1\t0\t0\t0\t0\t0\t1\n"
          "\t（七）合计\t\t3\t0\t0\t0\t0\t0\t3\n"
          "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0\n\n"
          "四、政府信息公开行政复议、行政诉讼情况\n")


def test_row_labels_numbered_otherwise_and_shortened(tmp_path):
    # 2） after the row above's last number is the next label's number, not a cell; 一、新收 and
    # （七）合计 name their rows; （3）其他 is 2021's third （六） row
    reading, flat = _read(tmp_path, "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n" + T3_SYN)
    got = {r: flat[f"requests.{r}.total"] for r in ("new", "granted", "denied_state_secret", "denied_prohibited",
                                                  "other_misc", "total")}
    assert got == {"new": 3, "granted": 1, "denied_state_secret": 1, "denied_prohibited": 0, "other_misc": 1, "total": 3}
    for r in got:
        assert f"requests.{r}.total" not in reading.doubts


def test_a_tab_row_whose_label_cell_held_a_line_break(tmp_path):
    # Word's table copied as text: the label's tail on the next line, with no tab (7.属于 / 行政执法案卷)
    t3 = ("三、收到和处理政府信息公开申请情况\n"
          "一、本年新\t\t\t2\t0\t0\t0\t0\t0\t2\n收政府信息公开申请数量\n"
          "三、本年度办理结果\t（三）不予公开\t7.属于\t1\t0\t0\t0\t0\t0\t1\n行政执法案卷\n"
          "\t\t8.属于\t0\t0\t0\t0\t0\t0\t0\n行政查询事项\n"
          "\t（七）总计\t\t2\t0\t0\t0\t0\t0\t2\n\n"
          "四、政府信息公开行政复议、行政诉讼情况\n")
    reading, flat = _read(tmp_path, "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n" + t3)
    got = {r: flat[f"requests.{r}.total"] for r in ("new", "denied_enforcement", "denied_query", "total")}
    assert got == {"new": 2, "denied_enforcement": 1, "denied_query": 0, "total": 2}
    assert not [k for k in reading.doubts if k.split(".")[1] in got]


def test_rows_written_as_lists_after_a_colon(tmp_path):
    # no 第二十条 lines: 表二 starts at its numbered section heading, not at the introduction
    # that names every section; 表四 as one list per group under its column words
    text = ("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等。\n"
            "二、主动公开政府信息情况\n规章：0、0、0\n行政规范性文件:2，4，33。\n行政处罚：1,191；\n"
            "三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量：3,0,0,0,0,0,3\n（七）总计：3、0、0、0、0、0、3。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n（结果维持、结果纠正、其他结果、尚未审结、总计）\n"
            "行政复议：0、1、0、1、2\n行政诉讼（未经复议直接起诉）：0、0、0、0、0\n行政诉讼（复议后起诉）：1、0、0、0、1\n\n"
            "五、存在的主要问题\n")
    reading, flat = _read(tmp_path, text)
    assert [flat[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [2, 4, 33]
    assert flat["active.punishment.decisions"] == 1191
    assert [flat[f"requests.{r}.total"] for r in ("new", "total")] == [3, 3]
    assert _appeals(flat) == [0, 1, 0, 1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    assert not [k for k in reading.doubts if k.startswith(("active.normative", "requests.new", "review", "litigation"))]


def test_counts_with_measure_words_in_flattened_text_and_in_html_cells(tmp_path):
    flat = ("二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
            "规章 0件 0件 0件 行政规范性文件 3件 1件 1,022件 三、收到和处理政府信息公开申请情况\n")
    reading, got = _read(tmp_path, flat)
    assert [got[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [3, 1, 1022]
    page = ("<html><body><p>" + TITLE + "</p><p>二、主动公开政府信息情况</p><table>"
            "<tr><td colspan=2>第二十条第（六）项</td></tr><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
            "<tr><td>行政处罚</td><td>1,191件</td></tr><tr><td>行政强制</td><td>3个</td></tr></table>"
            "<table><tr><td>规章</td><td>0件</td><td>0件</td><td>0件</td></tr>"
            "<tr><td>行政规范性文件</td><td>3件</td><td>1件</td><td>1,022件</td></tr></table>"
            "<p>三、收到和处理政府信息公开申请情况</p></body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    got = to_flat(ENGINE.read(load(str(path))).record)
    assert (got["active.punishment.decisions"], got["active.coercion.decisions"]) == (1191, 3)
    assert [got[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [3, 1, 1022]


PROSE_2019 = ("平潭综合实验区某局2019年政府信息公开工作年度报告 一、总体情况 全年依法作出行政处罚决定{n}起，"
              "公开行政处罚类信息12条。二、主动公开政府信息情况 第二十条第（六）项信息内容上一年项目数量本年增/减"
              "处理决定数量行政处罚11910305行政强制000 三、收到和处理政府信息公开申请情况")


def test_the_prose_names_a_decision_count_and_settles_that_cell_only(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(PROSE_2019.format(n=305), encoding="utf-8")
    reading = ENGINE.read(load(str(path)))
    flat = to_flat(reading.record)
    assert flat["active.punishment.decisions"] == 305
    assert reading.provenance["active.punishment.decisions"].evidence[0]["text"] == "作出行政处罚决定305起"
    assert flat["active.punishment.prior"] is None  # 1191 | 0 or 119 | 10: the prose does not say
    path.write_text(PROSE_2019.format(n=12), encoding="utf-8")  # no reading agrees: passed over
    assert to_flat(ENGINE.read(load(str(path))).record)["active.punishment.decisions"] is None


def test_a_label_head_alone_on_its_line_is_no_header_row(tmp_path):
    # `（3）要求提供公开` is one tab cell the tokenizer cuts at its digit: a label, not a header row
    t3 = ("三、收到和处理政府信息公开申请情况\n"
          "一、本年新收政府信息公开申请数量\t\t\t2\t0\t0\t0\t0\t0\t2\n"
          "\t（五）不予处理\t（2）重复申请\t0\t0\t0\t0\t0\t0\t0\n\t\t（3）要求提供公开\n出版物\t1\t0\t0\t0\t0\t0\t1\n"
          "\t（七）总计\t\t2\t0\t0\t0\t0\t0\t2\n\n"
          "四、政府信息公开行政复议、行政诉讼情况\n")
    reading, flat = _read(tmp_path, "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n" + t3)
    assert flat["requests.ignored_publication.total"] == 1
    assert "requests.ignored_publication.total" not in reading.doubts


@pytest.mark.parametrize("name", ["measure-words", "csv-and-lists", "extra-columns", "label-variants"])
def test_every_report_of_the_pasted_families_reads_exactly(name, tmp_path):
    """The families eval/probe_unseen.py found (extractor/evaluation/paste_pages.py): every cell
    printed apart, so every report reads exactly, organ and year included."""
    from conftest import EVAL_REAL

    from extractor.evaluation import load_set
    from extractor.evaluation.families import FAMILIES, PER_FAMILY, build

    family = next(f for f in FAMILIES if f.name == name)
    real = load_set(EVAL_REAL)
    for i in range(PER_FAMILY):
        d, page, found = build(family, real, 11, i)
        assert not found  # no cell the print leaves undecidable
        path = tmp_path / f"{i:03d}{page.suffix}"
        path.write_text(page.text, encoding="utf-8")
        reading = ENGINE.read(load(str(path)))
        got = to_flat(reading.record)
        wrong = {k: (got[k], v) for k, v in d.values.items() if got[k] != v}
        assert not wrong and not reading.doubts, (i, page.damage, dict(list(wrong.items())[:4]), list(reading.doubts)[:4])
        assert (reading.record.organ, reading.record.year) == (d.organ, d.year), (i, page.damage)


def test_a_page_title_names_the_body_better_than_an_office_s_signature(tmp_path):
    page = ("<html><head><title>某县交通运输局2023年政府信息公开工作年度报告</title></head><body>"
            "<p>结合我局实际，编制2023年政府信息公开工作年度报告。如对本报告有任何疑问，请与某县交通运输局办公室联系。</p>"
            "<p>一、总体情况</p><p>本年度主动公开信息12条。</p>"
            "<p>二、主动公开政府信息情况</p><p>第二十条第（一）项</p>"
            "<p>三、收到和处理政府信息公开申请情况</p>"
            "</body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    reading = ENGINE.read(load(str(path)))
    assert (reading.record.organ, reading.record.year) == ("某县交通运输局", 2023)


def test_markdown_emphasis_around_a_cell_is_not_printed(tmp_path):
    t2 = ("二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
          "| 规章 | 0 | 0 | 0 |\n| **行政规范性文件** | **3** | **1** | **22** |\n\n三、收到和处理政府信息公开申请情况\n")
    reading, flat = _read(tmp_path, t2)
    assert [flat[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [3, 1, 22]


def test_letter_spaced_labels_keep_their_enumerators(tmp_path):
    t3 = ("三、收到和处理政府信息公开申请情况\n"
          "一 、本 年 新 收 政 府 信 息 公 开 申 请 数 量  2  0  0  0  0  0  2\n"
          "（ 三 ） 不 予 公 开 1 . 属 于 国 家 秘 密  1  0  0  0  0  0  1\n"
          "2 . 其 他 法 律 行 政 法 规 禁 止 公 开  0  0  0  0  0  0  0\n"
          "（ 七 ） 总 计  2  0  0  0  0  0  2\n\n四、政府信息公开行政复议、行政诉讼情况\n")
    reading, flat = _read(tmp_path, "二、主动公开政府信息情况\n第二十条第（一）项\n规章  0  0  0\n" + t3)
    assert [flat[f"requests.{r}.total"] for r in ("new", "denied_state_secret", "denied_prohibited", "total")] == [2, 1, 0, 2]
    assert "requests.denied_state_secret.total" not in reading.doubts


def test_a_serial_column_in_an_html_table_is_no_cell(tmp_path):
    rows = "".join(f"<tr><td>{i}</td><td>{label}</td><td>{n}</td></tr>"
                   for i, (label, n) in enumerate((("行政处罚", 305), ("行政强制", 12), ("行政许可", 7)), 1))
    page = ("<html><body><p>" + TITLE + "</p><p>二、主动公开政府信息情况</p><table>"
            "<tr><td>序号</td><td>信息内容</td><td>本年处理决定数量</td></tr>" + rows + "</table>"
            "<p>三、收到和处理政府信息公开申请情况</p></body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    reading = ENGINE.read(load(str(path)))
    got = to_flat(reading.record)
    assert [got[f"active.{r}.decisions"] for r in ("punishment", "coercion", "licensing")] == [305, 12, 7]
    page = page.replace("<td>序号</td>", "<td></td>")  # no header: the numbers count up
    path.write_text(page, encoding="utf-8")
    got = to_flat(ENGINE.read(load(str(path))).record)
    assert [got[f"active.{r}.decisions"] for r in ("punishment", "coercion", "licensing")] == [305, 12, 7]


def test_a_grid_holding_part_of_its_table_leaves_the_rest_to_the_text():
    # an unruled PDF table rebuilt from where its words stand can come out in pieces (a wrapped
    # label cuts it; a one-column block is no table): the loader's grid holds 规章 and 规范性文件
    # only, the text holds every row, and the reading with fewer doubts is kept
    from extractor.document import Document, SourceCell, SourceTable

    head = "某县人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
            ["行政规范性文件", "3", "1", "22"]]
    cells, pos, lines = [], len(head), []
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            cells.append(SourceCell(row=r, col=c, text=t, span=(pos, pos + len(t))))
            pos += len(t) + 1
        lines.append("\t".join(row))
    text = head + "\n".join(lines) + ("\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t305\n行政强制\t12\n"
                                       "三、收到和处理政府信息公开申请情况\n")
    doc = Document(path="r.pdf", text=text, format="pdf", sha256="0", tables=[SourceTable(cells=cells)])
    reading = ENGINE.read(doc)
    flat = to_flat(reading.record)
    assert [flat[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [3, 1, 22]
    assert (flat["active.punishment.decisions"], flat["active.coercion.decisions"]) == (305, 12)
    assert reading.trace[0]["source"]["active"].startswith("text")
