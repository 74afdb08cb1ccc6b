"""Layouts of round 13 of the unseen-layout probe (issue 11, `eval/probe/pdf13.py`): tables as PDF
text extractors give them — labels set 分散对齐 (`pdftotext -layout`), merged parents wrapped down
the lines of their rows (pdfplumber), blank cells printed as nothing with a row's label alone."""

from __future__ import annotations

import unicodedata

from _text_report import KEYS, T2, T3_HEAD, read_text


def _w(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _layout(label: str, nums: list[int | None], *, at: int = 44, width: int = 8) -> str:
    """A row as `pdftotext -layout` prints it: the label, then each number right-aligned in its
    fixed-width column (None: a blank cell, only spaces)."""
    line = label + " " * max(2, at - _w(label)) + "".join(("" if n is None else str(n)).rjust(width) for n in nums)
    return line.rstrip()


def test_an_enumerator_spread_over_its_cell_is_the_labels_not_the_row_above(tmp_path):
    # 分散对齐: `1  .  属  于 …` — the 1 is the next row's enumerator, never an eighth cell of （二）
    body = T2 + T3_HEAD + "\n".join([
        _layout("一、本年新收政府信息公开申请数量", [9, 4, 3, 2, 1, 5, 24]),
        _layout("（二）部分公开", [2, 1, 1, 1, 0, 1, 6]),
        _layout("1    .    属    于    国    家    秘    密", [3, 0, 1, 0, 0, 0, 4]),
        _layout("3       .       其       他", [1, 1, 0, 0, 0, 0, 2]),
    ]) + "\n"
    reading, flat = read_text(tmp_path, body)
    assert [flat[f"requests.partial.{k}"] for k in KEYS] == [2, 1, 1, 1, 0, 1, 6]
    assert [flat[f"requests.denied_state_secret.{k}"] for k in KEYS] == [3, 0, 1, 0, 0, 0, 4]
    assert [flat[f"requests.other_misc.{k}"] for k in KEYS] == [1, 1, 0, 0, 0, 0, 2]


def test_a_merged_parent_wrapped_down_its_rows_lines_is_no_part_of_their_labels(tmp_path):
    # pdfplumber: each line's pieces one space apart; （三）不予公开 in a narrow column lands in
    # three pieces on three rows' lines, a wrapped own label's tail (`息`) after the first
    body = T2 + T3_HEAD + "\n".join([
        "一、本年新收政府信息公开申请数量 9 4 3 2 1 5 24",
        "（二）部分公开 2 1 1 1 0 1 6",
        "6.属于四类过程性信",
        "（三） 息 5 0 1 0 0 0 6",
        "不予公 7.属于行政执法案卷 1 2 0 0 0 0 3",
        "开 8.属于行政查询事项 0 0 0 4 0 0 4",
        "（七）总计 8 4 3 2 1 5 23",
    ]) + "\n"
    reading, flat = read_text(tmp_path, body)
    assert [flat[f"requests.denied_process.{k}"] for k in KEYS] == [5, 0, 1, 0, 0, 0, 6]
    assert [flat[f"requests.denied_enforcement.{k}"] for k in KEYS] == [1, 2, 0, 0, 0, 0, 3]
    assert [flat[f"requests.denied_query.{k}"] for k in KEYS] == [0, 0, 0, 4, 0, 0, 4]


def test_a_whole_parent_label_on_one_line_is_left_alone(tmp_path):
    # 2019's （六）其他处理 is a row of its own: wrapped, its pieces are its label, never dropped
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容  本年新制作数量  本年新公开数量  对外公开总数量\n"
          "规章  0  0  0\n规范性文件  2  2  30\n第二十条第（五）项\n信息内容  上一年项目数量  本年增/减  处理决定数量\n"
          "行政许可  12  -1  300\n其他对外管理服务事项  3  0  5\n\n")
    body = t2 + T3_HEAD + "\n".join([
        "一、本年新收政府信息公开申请数量 9 4 3 2 1 5 24",
        "（二）部分公开 2 1 1 1 0 1 6",
        "（六）其他处 1 0 0 0 0 0 1",
        "理",
        "（七）总计 8 4 3 2 1 5 23",
    ]) + "\n"
    reading, flat = read_text(tmp_path, body, title="某县人民政府办公室2019年政府信息公开工作年度报告\n")
    assert [flat[f"requests.other.{k}"] for k in KEYS] == [1, 0, 0, 0, 0, 0, 1]


def _t3_blanks(rows: list[tuple[str, list[int | None]]]) -> str:
    return T3_HEAD + "\n".join(_layout(label, nums) if any(n is not None for n in nums) else label
                               for label, nums in rows) + "\n"


def test_a_label_alone_in_a_table_that_prints_blanks_as_nothing_is_a_row_of_blanks(tmp_path):
    body = T2 + _t3_blanks([
        ("一、本年新收政府信息公开申请数量", [9, 2, 3, 1, 1, 5, 21]),
        ("二、上年结转政府信息公开申请数量", [None] * 7),
        ("（一）予以公开", [6, None, 2, None, None, 4, 12]),
        ("（二）部分公开", [None] * 7),
        ("（七）总计", [9, 2, 3, 1, 1, 5, 21]),
        ("四、结转下年度继续办理", [None] * 7),
    ])
    reading, flat = read_text(tmp_path, body)
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == [6, 0, 2, 0, 0, 4, 12]
    for row in ("carried_over", "partial", "carried_forward"):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] == [0] * 7, row
        assert not any(k.startswith(f"requests.{row}.") for k in reading.doubts), row


def test_a_label_alone_where_no_row_shows_a_blank_stays_a_doubt_with_the_blank_as_candidate(tmp_path):
    # every other row prints all its cells: the row's numbers may have been lost, never read as 0
    body = T2 + _t3_blanks([
        ("一、本年新收政府信息公开申请数量", [9, 4, 3, 2, 1, 5, 24]),
        ("二、上年结转政府信息公开申请数量", [None] * 7),
        ("（一）予以公开", [6, 3, 2, 1, 1, 4, 17]),
        ("（七）总计", [8, 4, 3, 2, 1, 5, 23]),
    ])
    reading, flat = read_text(tmp_path, body)
    assert flat["requests.carried_over.natural"] is None
    doubt = reading.doubts["requests.carried_over.natural"]
    assert doubt.reason == "missing_row" and doubt.candidates == [0]


def test_header_words_over_their_columns_tell_which_column_a_lone_number_is_in(tmp_path):
    # every zero blank: the numbers stand in 自然人 and 总计 only, 1 or 2 digits wide, so no
    # column grid shows; the header words, each centred over its column, do
    names = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    head = ""
    for j, name in enumerate(names):
        start = 44 + 14 * j + 7 - _w(name) // 2
        head += " " * max(1, start - _w(head)) + name
    rows = [("一、本年新收政府信息公开申请数量", [21, None, None, None, None, None, 21]),
            ("二、上年结转政府信息公开申请数量", [3, None, None, None, None, None, 3]),
            ("（一）予以公开", [12, None, None, None, None, None, 12]),
            ("（二）部分公开", [9, None, None, None, None, None, 9]),
            ("（七）总计", [21, None, None, None, None, None, 21]),
            ("四、结转下年度继续办理", [3, None, None, None, None, None, 3])]
    body = T2 + T3_HEAD + head + "\n" + "\n".join(_layout(label, nums, width=14) for label, nums in rows) + "\n"
    reading, flat = read_text(tmp_path, body)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == [21, 0, 0, 0, 0, 0, 21]
    assert [flat[f"requests.partial.{k}"] for k in KEYS] == [9, 0, 0, 0, 0, 0, 9]
    assert not any(k.startswith(("requests.new.", "requests.partial.")) for k in reading.doubts)
