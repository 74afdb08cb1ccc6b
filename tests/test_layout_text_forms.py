"""Text forms of round 3 of eval/probe_unseen.py (issue 11): web and editor debris, OCR letters in
numbers, PDF text layers that print a row's numbers first or wrap its label around them."""

from __future__ import annotations

from _text_report import read_text

from extractor.engines.layout import LayoutEngine
from extractor.engines.layout._cells import reading_text, tokenize
from extractor.flat import to_flat

T2 = ("二、主动公开政府信息情况\n"
      "第二十条第（一）项\n"
      "信息内容{s}本年制发件数{s}本年废止件数{s}现行有效件数\n"
      "规章{s}0{s}0{s}0\n"
      "行政规范性文件{s}3{s}1{s}27\n"
      "第二十条第（五）项\n"
      "信息内容{s}本年处理决定数量\n"
      "行政许可{s}1205\n"
      "第二十条第（六）项\n"
      "信息内容{s}本年处理决定数量\n"
      "行政处罚{s}{fine}\n"
      "行政强制{s}4\n"
      "第二十条第（八）项\n"
      "信息内容{s}本年收费金额（万元）\n"
      "行政事业性收费{s}0\n\n"
      "三、收到和处理政府信息公开申请情况\n")


def _read(tmp_path, text: str):
    return read_text(tmp_path, text)


def test_reading_text_keeps_every_offset_and_makes_debris_what_it_stands_for():
    text = "a\rb\r\n│ 5 │ 0 │\n━━━\n\\| 7 \\|\n规章&#12288;0 &ldquo;x&rdquo; **95**\n行政许可;12;;\n一是;二是;邮编350400"
    out = reading_text(text)
    assert len(out) == len(text)
    assert out.split("\n")[:2] == ["a", "b\r"]  # a lone \r ends a line; \r\n is left to the tokenizer
    assert "| 5 | 0 |" in out and "---" in out and " | 7  |" in out
    assert "规章        0" in out and "&ldquo;x&rdquo;" in out and "   95  " in out
    assert "行政许可\t12\t\t" in out and "一是;二是;邮编350400" in out  # prose keeps its ;


def test_an_entity_between_cells_is_never_read_as_a_number(tmp_path):
    reading, flat = _read(tmp_path, T2.format(s="&#12288;", fine="88"))
    assert flat["active.licensing.decisions"] == 1205
    assert flat["active.normative.in_force"] == 27
    assert 12288 not in flat.values()
    assert not [k for k in reading.doubts if k.startswith("active.")]


def test_an_ocr_letter_in_a_number_is_a_doubt_with_the_digits_never_the_digits_beside_it(tmp_path):
    reading, flat = _read(tmp_path, T2.format(s="  ", fine="4O"))
    assert flat["active.punishment.decisions"] is None
    doubt = reading.doubts["active.punishment.decisions"]
    assert doubt.reason == "ocr_letter" and doubt.candidates == [40]
    assert flat["active.coercion.decisions"] == 4  # the row after keeps its own number
    cells = tokenize("行政处罚  2O2  l2  0", 0, 16)
    assert [(c.kind, c.text) for c in cells] == [("text", "行政处罚"), ("num", "2O2"), ("num", "l2"), ("num", "0")]


def test_box_drawing_and_escaped_pipes_are_cell_borders(tmp_path):
    for bar in ("│", "┃", "\\|"):
        text = T2.format(s=f" {bar} ", fine="88").replace("\n第", f"\n{'━' * 20}\n第")
        reading, flat = _read(tmp_path, text)
        assert (flat["active.normative.issued"], flat["active.normative.in_force"], flat["active.punishment.decisions"]) \
            == (3, 27, 88), bar


T3_ROWS = [("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6]),
           ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
           ("三、本年度办理结果（一）予以公开", [3, 1, 0, 0, 0, 0, 4]),
           ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0, 0, 0, 1]),
           ("（四）无法提供1.本机关不掌握相关政府信息", [1, 0, 0, 0, 0, 0, 1]),
           ("（七）总计", [5, 1, 0, 0, 0, 0, 6]),
           ("四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0])]


def test_numbers_printed_before_each_label_belong_to_that_label(tmp_path):
    body = T2.format(s="  ", fine="88") + "\n".join(
        "  ".join(map(str, nums)) + "  " + label for label, nums in T3_ROWS) + "\n"
    reading, flat = _read(tmp_path, body)
    assert [flat[f"requests.new.{c}"] for c in ("natural", "commercial", "total")] == [5, 1, 6]
    assert [flat[f"requests.granted.{c}"] for c in ("natural", "commercial", "total")] == [3, 1, 4]
    assert flat["requests.unable_not_held.natural"] == 1 and flat["requests.carried_forward.total"] == 0


def test_a_table_printed_label_first_is_not_turned_round_by_one_odd_line(tmp_path):
    lines = [label + "  " + "  ".join(map(str, nums)) for label, nums in T3_ROWS]
    lines[2] = "  ".join(map(str, T3_ROWS[2][1])) + "  " + T3_ROWS[2][0]  # one line numbers first
    reading, flat = _read(tmp_path, T2.format(s="  ", fine="88") + "\n".join(lines) + "\n")
    assert [flat[f"requests.new.{c}"] for c in ("natural", "total")] == [5, 6]  # rows read label first


def test_a_wrapped_label_gets_its_tail_back_before_its_numbers(tmp_path):
    t3 = [("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6])]
    body = T2.format(s="  ", fine="88") + "\n".join(label + "   " + "  ".join(map(str, nums)) for label, nums in t3)
    # 5.要求行政机关确认或重新出具已获取信息, cut after 确认或重: the head names no row alone
    body += "\n5.要求行政机关确认或重        2    0    0    0    0    0    2\n新出具已获取信息\n（七）总计   7  1  0  0  0  0  8\n"
    reading, flat = _read(tmp_path, body)
    assert [flat[f"requests.ignored_confirm.{c}"] for c in ("natural", "total")] == [2, 2]
    assert flat["requests.total.total"] == 8


def test_a_count_in_the_prose_before_a_captioned_table_is_not_a_second_print_of_its_row(tmp_path):
    # under a caption (表二) the table's span starts in the prose, whose `规章2件` names the row too
    body = ("一、总体情况\n本年主动公开规章2件，行政规范性文件5件，其他文件30件。\n表二\n"
            + T2.format(s="  ", fine="88").split("\n", 1)[1].replace("规章  0  0  0", "规章  2  0  7")
            .replace("行政规范性文件  3  1  27", "行政规范性文件  5  1  27"))
    reading, flat = _read(tmp_path, body)
    assert [flat[f"active.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [2, 0, 7]
    assert [flat[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [5, 1, 27]
    assert not [k for k in reading.doubts if k.startswith("active.")]


def test_two_prints_of_a_row_that_both_fill_it_stay_a_doubt(tmp_path):
    body = T2.format(s="  ", fine="88").replace("行政强制  4\n", "行政强制  4\n行政处罚  89\n")
    reading, flat = _read(tmp_path, body)
    assert flat["active.punishment.decisions"] is None
    assert reading.doubts["active.punishment.decisions"].reason == "duplicate_row"


def _t3(rows) -> str:
    return "\n".join(label + "  " + "  ".join(map(str, nums)) for label, nums in rows) + "\n"


def test_an_ocr_letter_an_identity_confirms_is_settled_with_that_identity_as_evidence(tmp_path):
    rows = [(label, list(nums)) for label, nums in T3_ROWS]
    rows[2][1][-1] = "4"  # （一）予以公开 … 4 (its total)
    rows[2][1][0] = "3"
    rows[0][1][0] = "5"
    rows = [(label, nums) for label, nums in rows]
    rows[5] = ("（七）总计", ["5", "1", "0", "0", "0", "0", "6"])
    text = _t3(rows).replace("一、本年新收政府信息公开申请数量  5  1  0  0  0  0  6",
                             "一、本年新收政府信息公开申请数量  5  1  0  0  0  0  6").replace(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）  1  0", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）  l  0")
    reading, flat = _read(tmp_path, T2.format(s="  ", fine="88") + text)
    assert flat["requests.partial.natural"] == 1  # `l` for 1: the row's total and （七）总计 require 1
    assert "requests.partial.natural" not in reading.doubts
    assert reading.record.printed["requests.partial.natural"] == "l"
    assert reading.provenance["requests.partial.natural"].evidence[0]["kind"] == "identity"


def test_an_ocr_letter_no_identity_confirms_stays_a_doubt(tmp_path):
    # the row total says 2, the print shows l (1): the identity and the print disagree
    text = _t3(T3_ROWS).replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）  1  0  0  0  0  0  1",
                                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）  l  0  0  0  0  0  2")
    reading, flat = _read(tmp_path, T2.format(s="  ", fine="88") + text)
    assert flat["requests.partial.natural"] is None
    assert reading.doubts["requests.partial.natural"].candidates == [1]


def _table4_bare(rows: str) -> str:
    """Real report 03 with 表四's header words gone: its numbers straight under its heading."""
    from conftest import EVAL_REAL
    text = (EVAL_REAL / "reports" / "03_hongze_2024_pdftext.txt").read_text(encoding="utf-8")
    start = text.index("四、政府信息公开行政复议")
    row = "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3"
    end = text.index(row, start) + len(row)
    return text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n" + rows + text[end:]


def _appeals(text: str) -> list:
    from extractor.document import Document
    reading = LayoutEngine().read(Document(path="x.txt", text=text, format="txt", sha256="0" * 64))
    flat = to_flat(reading.record)
    return [flat[k] for k in flat if k.startswith(("review.", "litigation_"))]


def test_table4_with_no_header_words_is_read_under_its_section_heading():
    printed = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    assert _appeals(_table4_bare("1 1 0 0 2 1 0 0 0 1 2 0 1 0 3")) == printed
    assert _appeals(_table4_bare("1 1 0 0 2\n1 0 0 0 1\n2 0 1 0 3")) == printed  # a group a line
    # a section that says it in words holds no table: nothing is read, nothing made up
    assert _appeals(_table4_bare("本年度未发生行政复议、行政诉讼。")) == [None] * 15
