"""Round 6 of eval/probe_unseen.py (issue 11): 表四 copied a cell a line, a damaged label placed by
the row order, notes under every table, 表三 with its 总计 column first, the tables in another
order, 〇 for 0, a running header inside a row cut by a page break; and the generator's
table-notes family read with no wrong cell."""

from __future__ import annotations

from extractor.engines.layout import LayoutEngine, labels
from extractor.engines.layout._cells import tokenize
from extractor.engines.layout.order import by_order
from extractor.engines.layout.rows import collect_rows
from extractor.flat import to_flat
from extractor.load import load
from extractor.segment import find_tables

from _family_read import family_readings
from _text_report import KEYS, T3_ROWS

ENGINE = LayoutEngine()
TITLE = "某县市场监督管理局2023年政府信息公开工作年度报告\n"
T2 = ("二、主动公开政府信息情况\n"
      "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
      "规章\t0\t0\t0\n行政规范性文件\t3\t1\t27\n"
      "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t1205\n"
      "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t88\n行政强制\t4\n"
      "第二十条第（八）项\n信息内容\t本年收费金额（万元）\n行政事业性收费\t0\n\n")
T4_WORDS = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
            *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]
END = "五、存在的主要问题及改进情况\n无。\n"


def _read(tmp_path, text: str, name: str = "r.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    reading = ENGINE.read(load(str(path)))
    return reading, to_flat(reading.record)


def _t3(rows=T3_ROWS, head: str = "\t\t申请人情况\n\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n", order=None) -> str:
    out = ["三、收到和处理政府信息公开申请情况", head.rstrip("\n")]
    for label, nums in rows:
        printed = [nums[i] for i in order] if order else nums
        out.append(label + "\t" + "\t".join(str(n) for n in printed))
    return "\n".join(out) + "\n"


def _t4(values=(0, 1, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0)) -> str:
    return "四、政府信息公开行政复议、行政诉讼情况\n" + "\t".join(T4_WORDS) + "\n" + "\t".join(map(str, values)) + "\n"


# ------------------------------------------------------------------ 表四 a cell a line


def _viewer_copy(t4_numbers: list[int]) -> str:
    """A PDF viewer's copy: a cell a line, an empty cell (a 0 left blank) no line at all."""
    lines = [TITLE.strip(), "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数",
             "现行有效件数", "规章", "行政规范性文件", "3", "1", "27", "第二十条第（五）项", "信息内容", "本年处理决定数量",
             "行政许可", "1205", "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "88", "行政强制", "4",
             "第二十条第（八）项", "信息内容", "本年收费金额（万元）", "行政事业性收费",
             "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构",
             "社会公益组织", "法律服务机构", "其他"]
    for label, nums in T3_ROWS:
        lines += label.split("\t") + [str(n) for n in nums if n]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", *T4_WORDS, *map(str, t4_numbers)]
    return "\n".join(lines) + "\n" + END


def test_table4_copied_a_cell_a_line_keeps_every_placement_the_group_totals_allow(tmp_path):
    # 复议: 纠正 1, 总计 1; the rest blank: the 1 1 may stand in any group, as any of its four parts
    reading, flat = _read(tmp_path, _viewer_copy([1, 1]))
    assert flat["active.normative.in_force"] == 27 and flat["requests.new.total"] == 24  # the other tables as before
    t4 = {k: d for k, d in reading.doubts.items() if k.startswith(("review.", "litigation"))}
    assert len(t4) == 15 and all(flat[k] is None for k in t4)
    assert set(t4["review.corrected"].candidates) == {0, 1} and set(t4["review.total"].candidates) == {0, 1}
    assert reading.record is not None


def test_table4_copied_a_cell_a_line_with_no_number_is_doubts_whose_candidate_is_0(tmp_path):
    reading, flat = _read(tmp_path, _viewer_copy([]))
    t4 = {k: d for k, d in reading.doubts.items() if k.startswith(("review.", "litigation"))}
    assert len(t4) == 15 and all(d.candidates == [0] for d in t4.values())
    assert all(flat[k] is None for k in t4)  # unsure is never a number


def test_table4_all_printed_a_cell_a_line_is_read_as_printed(tmp_path):
    values = [0, 1, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    reading, flat = _read(tmp_path, _viewer_copy(values))
    assert [flat[k] for k in ("review.upheld", "review.corrected", "review.other", "review.pending", "review.total")] \
        == values[:5]
    assert not [k for k in reading.doubts if k.startswith(("review.", "litigation"))]


# ------------------------------------------------------------------ a damaged label placed by the row order


def test_a_two_character_label_mistyped_is_its_row_where_the_order_pins_it(tmp_path):
    text = TITLE + T2.replace("规章\t0\t0\t0", "现章（件）\t2\t0\t5") + _t3() + _t4() + END
    reading, flat = _read(tmp_path, text)
    assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [2, 0, 5]
    assert not [k for k in reading.doubts if k.startswith("active.")]


def test_a_label_sharing_too_little_or_standing_out_of_place_is_no_row():
    t2 = labels.table2("2021")
    # a word sharing no character with 规章, in 规章's place: no row
    text = "第二十条第（一）项\n信息内容\t本年制发件数\n某某\t2\t0\t5\n行政规范性文件\t3\t1\t27\n"
    cells = tokenize(text, 0, len(text))
    rows, _ = collect_rows(cells, t2)
    by_order(cells, t2, rows, "2021")
    assert "regulations" not in rows
    # two unnamed labels where one row is missing: neither is pinned
    text = "现章\t2\t0\t5\n规草\t1\t0\t1\n行政规范性文件\t3\t1\t27\n"
    cells = tokenize(text, 0, len(text))
    rows, _ = collect_rows(cells, t2)
    by_order(cells, t2, rows, "2021")
    assert "regulations" not in rows
    # the damaged label with one cell too few for its row: no row
    text = "现章\t2\t0\n行政规范性文件\t3\t1\t27\n"
    cells = tokenize(text, 0, len(text))
    rows, _ = collect_rows(cells, t2)
    by_order(cells, t2, rows, "2021")
    assert "regulations" not in rows


def test_a_damaged_label_in_table3_must_keep_its_rows_total():
    t3 = labels.table3("2021")
    good = "（一）予以公开\t6\t3\t2\t1\t1\t4\t17\n（二）部扮公升\t2\t1\t1\t1\t0\t1\t6\n（三）不予公开\t属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"
    cells = tokenize(good, 0, len(good))
    rows, _ = collect_rows(cells, t3)
    assert "partial" not in rows
    by_order(cells, t3, rows, "2021")
    assert [c.text for c in rows["partial"].cells if c.kind == "num"] == ["2", "1", "1", "1", "0", "1", "6"]
    broken = good.replace("\t1\t6\n", "\t1\t7\n")  # its total no longer closes
    cells = tokenize(broken, 0, len(broken))
    rows, _ = collect_rows(cells, t3)
    by_order(cells, t3, rows, "2021")
    assert "partial" not in rows


# ------------------------------------------------------------------ notes, columns, order, marks, pages


def test_a_note_under_table2_or_table3_lends_no_row_its_numbers_or_words(tmp_path):
    text = (TITLE + T2.rstrip("\n") + "\n注：本年度行政许可中，网上办理3件，窗口办理2件。\n\n"
            + _t3() + "说明：1.“其他处理”2件为申请人撤回申请；2.本表统计时间为2023年1月1日至2023年12月31日。\n"
            + _t4() + END)
    reading, flat = _read(tmp_path, text)
    assert flat["active.licensing.decisions"] == 1205
    assert [flat[f"requests.total.{k}"] for k in KEYS] == T3_ROWS[4][1]
    assert not [k for k, d in reading.doubts.items() if d.reason == "duplicate_row"]


def test_a_note_in_flattened_text_goes_with_the_rest_of_its_line():
    from extractor.engines.layout.reader import without_notes

    text = "行政强制 4 行政事业性收费 0 注：收费金额单位为万元，统计截至2023年12月31日。"
    cells = tokenize(text, 0, len(text))
    assert [c.text for c in without_notes(cells) if c.kind == "num"] == ["4", "0"]


def test_table3_with_its_total_column_first_is_read_in_that_order(tmp_path):
    head = "\t\t申请人情况\n\t\t总计\t自然人\t法人或其他组织\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    text = TITLE + T2 + _t3(head=head, order=[6, 0, 1, 2, 3, 4, 5]) + _t4() + END
    reading, flat = _read(tmp_path, text)
    for label, nums in T3_ROWS:
        row = {"一": "new", "二": "carried_over", "三": "granted", "（二": "partial", "（七": "total", "四": "carried_forward"}
        name = next(v for k, v in row.items() if label.startswith(k))
        assert [flat[f"requests.{name}.{k}"] for k in KEYS] == nums
    # the format's order, 总计 last, is read as before
    _, flat = _read(tmp_path, TITLE + T2 + _t3() + _t4() + END)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]


def test_tables_printed_in_reverse_order_are_each_found():
    text = TITLE + _t4() + "\n" + _t3() + "\n" + T2 + END
    seg = find_tables(text)
    assert seg.table4 is not None and seg.table3 is not None and seg.table2 is not None
    assert seg.table4[0] < seg.table4[1] <= seg.table3[0] < seg.table3[1] <= seg.table2[0] < seg.table2[1]
    assert "结果维持" in text[seg.table4[0]:seg.table4[1]] and "本年新收" not in text[seg.table4[0]:seg.table4[1]]
    # the format's order: each table ends where the next starts, as before
    seg = find_tables(TITLE + T2 + _t3() + _t4() + END)
    assert seg.table2[1] == seg.table3[0] and seg.table3[1] == seg.table4[0]


def test_a_zero_written_as_a_chinese_numeral_alone_is_0(tmp_path):
    row = "规章\t〇\t零\t3"
    assert [(c.kind, c.text) for c in tokenize(row, 0, len(row)) if c.kind != "text"] == \
        [("num", "〇"), ("num", "零"), ("num", "3")]
    spaced = "规章 〇 0 3"
    assert [(c.kind, c.text) for c in tokenize(spaced, 0, len(spaced)) if c.kind != "text"] == \
        [("num", "〇"), ("num", "0"), ("num", "3")]
    assert [c.kind for c in tokenize("二〇二三年度", 0, 6)] == ["text"]  # inside a word: no cell
    reading, flat = _read(tmp_path, TITLE + T2.replace("规章\t0\t0\t0", "规章\t〇\t〇\t○") + _t3() + _t4() + END)
    assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert reading.record.printed.get("active.regulations.issued") == "〇"


def test_a_running_header_after_form_feeds_does_not_cut_a_row():
    text = ("行政规范性文件  5  0\n— 2 —\n\f某县市场监督管理局\n66\n行政许可  1205\n— 3 —\n\f某县市场监督管理局\n"
            "行政处罚  88\n")
    cells = tokenize(text, 0, len(text))
    assert "某县市场监督管理局" not in [c.text for c in cells]
    once = "行政规范性文件  5  0\n\f某县市场监督管理局\n66\n"  # after one form feed only: kept
    assert "某县市场监督管理局" in [c.text for c in tokenize(once, 0, len(once))]


# ------------------------------------------------------------------ the generator's family


def test_the_table_notes_family_reads_with_no_wrong_cell(tmp_path):
    exact = 0
    for page, _result, s in family_readings(tmp_path, "table-notes"):
        assert "注：" in page.text or "说明：" in page.text
        exact += s["exact"]
    assert exact >= 4


def test_tables_copied_a_cell_a_line_that_print_no_number_at_all_are_doubts_whose_candidate_is_0(tmp_path):
    # every cell of every table empty (a 0 left blank): each label and header word alone on its
    # line, no number to show the copy's form (before: 表三's rows and 表四 not found, 表二's cells
    # doubts with no candidate; probe viewer-copy: 196 cells without the gold)
    text = "\n".join(line for line in _viewer_copy([]).splitlines() if not line.isdigit()) + "\n"
    reading, flat = _read(tmp_path, text)
    for prefix, n in (("active.", 6), ("requests.", 7 * 25), ("review.", 5), ("litigation", 10)):
        cells = [k for k in flat if k.startswith(prefix) and k not in ("active.fees.amount",)]
        assert len(cells) >= n, prefix
        for k in cells:
            assert flat[k] is None and reading.doubts[k].candidates == [0], k  # unsure is never a number
    # 表二 printing one number (the fee): too few to show the copy's form, its rows that print
    # nothing are not read as empty cells on the strength of the tables that print no number
    reading, flat = _read(tmp_path, text.replace("行政事业性收费\n", "行政事业性收费\n27.5\n"))
    assert flat["active.normative.in_force"] is None and "active.normative.in_force" in reading.doubts
    assert all(flat[k] is None and reading.doubts[k].candidates == [0] for k in flat if k.startswith(("requests.", "review.")))
