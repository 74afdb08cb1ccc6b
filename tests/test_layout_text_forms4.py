"""Text forms of round 4 of eval/probe_unseen.py (issue 11): 表二 written as prose, PDF text over
pages, Word tables as text a cell a paragraph, dashes typed for 0, 繁體 pages, a 小计 column,
unnumbered sub-rows, a table printed a cell a line whose empty cells left no line."""

from __future__ import annotations

from _text_report import ENGINE, T2, T3_HEAD, TITLE, read_text

from extractor.engines.layout._cells import tokenize
from extractor.load import load
from extractor.pipeline import extract_path
from extractor.traditional import fold, simplified

T3_ROWS = [("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6]),
           ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
           ("三、本年度办理结果（一）予以公开", [3, 1, 0, 0, 0, 0, 4]),
           ("（二）部分公开", [1, 0, 0, 0, 0, 0, 1]),
           ("（四）无法提供1.本机关不掌握相关政府信息", [1, 0, 0, 0, 0, 0, 1]),
           ("（七）总计", [5, 1, 0, 0, 0, 0, 6]),
           ("四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0])]


def _read(tmp_path, text: str):
    return read_text(tmp_path, text)


def _doubts(reading, prefix: str) -> list[str]:
    """Doubts of the table, but for the rows the short test table leaves out."""
    return [k for k, d in reading.doubts.items() if k.startswith(prefix) and d.reason != "missing_row"]


def _t3(sep: str = "  ", mark=str) -> str:
    return T3_HEAD + "\n".join(label + sep + sep.join(mark(n) for n in nums) for label, nums in T3_ROWS) + "\n"


def test_table2_written_as_prose_is_read_by_the_words_before_each_count(tmp_path):
    prose = ("二、主动公开政府信息情况\n本年制发规章0件，废止0件，现行有效3件；制发行政规范性文件2件、废止0件、现行有效15件。"
             "行政许可本年处理决定数量396件。行政处罚本年处理决定数量42件，行政强制本年处理决定数量0件。"
             "行政事业性收费本年收费金额12.5万元。\n\n")
    reading, flat = _read(tmp_path, prose + _t3())
    assert [flat[f"active.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 3]
    assert [flat[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [2, 0, 15]
    assert (flat["active.licensing.decisions"], flat["active.punishment.decisions"]) == (396, 42)
    assert not _doubts(reading, "active.")


def test_a_count_with_its_measure_word_is_never_cut_into_several_cells(tmp_path):
    # 2019: only the first count follows the row's words; 396项 is one number, never 3 | 9 | 6
    text = "二、主动公开政府信息情况\n行政许可上一年项目数量396项，另有说明。\n\n" + _t3()
    _, flat = _read(tmp_path, text.replace("某县人民政府办公室2023", "某县人民政府办公室2019"))
    assert flat.get("active.licensing.prior") in (None, 396)
    assert flat.get("active.licensing.change") is None and flat.get("active.licensing.decisions") is None


def test_a_sign_right_before_a_digit_starts_a_number_and_a_measure_word_is_no_enumerator():
    text = "本年增/减-14项，处理决定数量0件、本年新公开数量12件"
    cells = tokenize(text, 0, len(text))
    assert [c.text for c in cells if c.kind == "num"] == ["-14项", "0件", "12件"]


def test_dashes_typed_for_zero_are_blank_marks_and_a_lone_yi_only_beside_numbers(tmp_path):
    marks = iter(["--", "一", "―", "－－", "一", "一"] * 20)
    reading, flat = _read(tmp_path, T2 + _t3(" | ", lambda n: str(n) if n else next(marks)))
    assert [flat[f"requests.new.{c}"] for c in ("natural", "commercial", "research", "total")] == [5, 1, 0, 6]
    assert flat["requests.carried_over.total"] == 0 and not _doubts(reading, "requests.")
    # a lone 一 beside label text is label text (letter-spaced 一 、本 年…)
    cells = tokenize("一 、本 年 新 收", 0, 9)
    assert all(c.kind == "text" for c in cells)


def test_pdf_text_over_pages_skips_page_numbers_form_feeds_and_the_running_title(tmp_path):
    rows = [label + "  " + "  ".join(map(str, nums)) for label, nums in T3_ROWS]
    title = "某县人民政府办公室2023年政府信息公开工作年度报告"
    body = T2 + T3_HEAD + "\n".join(rows[:3]) + f"\n7\n\f{title}\n续表\n" + "\n".join(rows[3:]) + "\n8\n"
    reading, flat = _read(tmp_path, body)
    assert flat["requests.granted.total"] == 4 and flat["requests.partial.total"] == 1
    assert flat["requests.total.total"] == 6 and 2023 not in flat.values() and 7 not in flat.values()
    assert not _doubts(reading, "requests.")


def test_new_requests_label_wrapped_around_its_numbers_is_found(tmp_path):
    rows = ["一、本年新  5  1  0  0  0  0  6", "收政府信息公开申请数量"] + [
        label + "  " + "  ".join(map(str, nums)) for label, nums in T3_ROWS[1:]]
    _, flat = _read(tmp_path, T2 + T3_HEAD + "\n".join(rows) + "\n")
    assert [flat[f"requests.new.{c}"] for c in ("natural", "total")] == [5, 6]


def test_a_cell_a_paragraph_reads_each_two_more_blank_lines_as_an_empty_cell(tmp_path):
    cells = []
    for label, nums in T3_ROWS:
        cells += [label] + ["" if n == 0 else str(n) for n in nums]
    body = T2 + T3_HEAD + "\n" + "\n\n".join(cells) + "\n\n"
    reading, flat = _read(tmp_path, body)
    assert [flat[f"requests.new.{c}"] for c in ("natural", "commercial", "research", "total")] == [5, 1, 0, 6]
    assert flat["requests.unable_not_held.total"] == 1 and flat["requests.carried_forward.natural"] == 0
    assert not _doubts(reading, "requests.")


def test_a_table_a_cell_a_line_never_cuts_a_lines_digits_where_empty_cells_left_no_line(tmp_path):
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n"
          "规章\n0\n0\n0\n行政规范性文件\n5\n66\n")
    t3 = T3_HEAD + "\n".join(f"{label}\n" + "\n".join(str(n) for n in nums) for label, nums in T3_ROWS) + "\n"
    reading, flat = _read(tmp_path, t2 + t3)
    # 5 and 66 for three cells: which two is not in the print, but 66 is never 6 | 6
    for key in ("active.normative.issued", "active.normative.repealed", "active.normative.in_force"):
        assert flat[key] is None or flat[key] in (0, 5, 66)
        assert 6 not in reading.doubts[key].candidates if key in reading.doubts else True


def test_a_traditional_page_is_read_through_its_characters_simplified(tmp_path):
    text = TITLE + T2 + _t3()
    trad = text.replace("开", "開").replace("请", "請").replace("数", "數").replace("结", "結").replace("转", "轉") \
        .replace("办", "辦").replace("总", "總").replace("处", "處").replace("规", "規").replace("许", "許")
    assert fold(trad) == text and len(fold(trad)) == len(trad)
    path = tmp_path / "t.txt"
    path.write_text(trad, encoding="utf-8")
    result = extract_path(str(path), ENGINE)
    assert result.status != "failed" and result.organ == "某县人民政府办公室"
    assert result.fields["requests.new.total"] == 6 and result.fields["active.licensing.decisions"] == 1205
    doc = load(str(path))
    assert simplified(doc).text == text and simplified(load_text(tmp_path, text)).text == text


def load_text(tmp_path, text: str):
    path = tmp_path / "s.txt"
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def test_a_subtotal_column_is_dropped_where_it_is_the_sum_of_the_five_legal_columns(tmp_path):
    head = T3_HEAD + "自然人  法人或其他组织  总计\n商业企业  科研机构  社会公益组织  法律服务机构  其他  小计\n"
    rows = []
    for label, nums in T3_ROWS:
        rows.append(label + "\t" + "\t".join(map(str, nums[:6] + [sum(nums[1:6])] + nums[6:])))
    reading, flat = _read(tmp_path, T2 + head + "\n".join(rows) + "\n")
    assert [flat[f"requests.new.{c}"] for c in ("natural", "commercial", "other_org", "total")] == [5, 1, 0, 6]
    assert not _doubts(reading, "requests.")
    # without 小计 in the header the extra cell is not dropped
    reading, flat = _read(tmp_path, T2 + T3_HEAD + "\n".join(rows) + "\n")
    assert reading.doubts["requests.new.total"].reason == "cells_do_not_fit"


def test_other_printed_without_its_number_after_the_unpaid_fee_row_is_that_row(tmp_path):
    rows = [("一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2]),
            ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
            ("三、本年度办理结果（一）予以公开", [1, 0, 0, 0, 0, 0, 1]),
            ("（六）其他处理 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0] * 7),
            ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
            ("其他", [1, 0, 0, 0, 0, 0, 1]),
            ("（七）总计", [2, 0, 0, 0, 0, 0, 2]),
            ("四、结转下年度继续办理", [0] * 7)]
    body = T2 + T3_HEAD + "\n".join(label + "  " + "  ".join(map(str, n)) for label, n in rows) + "\n"
    _, flat = _read(tmp_path, body)
    assert flat["requests.other_misc.natural"] == 1 and flat["requests.other_misc.total"] == 1
