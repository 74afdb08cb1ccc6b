"""Round 7 of eval/probe_unseen.py (issue 11): marks around a table's numbers. A count with its
unit in brackets (`16（件）`), words for the sign of a 2019 本年增/减 (`增加5`, `减少3`), a note's
mark after a number (`5①`, `1,234*`, `3<sup>1</sup>`), an accountant's bracketed decrease
(`(13)`: a doubt with both signs), and 表三 printed without its 总计 column (the totals null,
never summed in as values: the row's sum only a candidate marked `derived`)."""

from __future__ import annotations

from extractor.engines.layout import LayoutEngine
from extractor.engines.layout._cells import parse_number, tokenize
from extractor.flat import to_flat
from extractor.load import load

from _family_read import family_readings
from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text

ENGINE = LayoutEngine()
TITLE19 = "某县人民政府办公室2019年政府信息公开工作年度报告\n"


def _t2_2019(licensing: str, other: str, punishment: str, coercion: str, fees: str) -> str:
    """A spaced 2019 表二 whose 本年增/减 cells print as given (each row: prior, change, decisions)."""
    return ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
            "规章  0  0  0\n规范性文件  2  2  9\n"
            "第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n"
            f"行政许可  {licensing}\n其他对外管理服务事项  {other}\n"
            "第二十条第（六）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n"
            f"行政处罚  {punishment}\n行政强制  {coercion}\n"
            f"第二十条第（八）项\n信息内容 上一年项目数量 本年增/减\n行政事业性收费  {fees}\n"
            "第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购  1  232.45\n\n")


def _changes(flat) -> list:
    return [flat[f"active.{r}.change"] for r in ("licensing", "other_services", "punishment", "coercion", "fees")]


# ------------------------------------------------------------------ units in brackets


def test_a_count_with_its_unit_in_brackets_is_one_number(tmp_path):
    for text, value in (("16（件）", 16), ("5(件)", 5), ("3 （项）", 3), ("1,191（件）", 1191), ("21.5（万元）", None)):
        cells = tokenize(text, 0, len(text))
        assert [(c.kind, c.text) for c in cells] == [("num", text)]
        number = parse_number(text)
        assert number is not None and not number.plain
        if value is not None:
            assert number.value == value
    t2 = T2.replace("行政规范性文件  3  1  27", "行政规范性文件  3（件）  1 （件）  27(件)").replace("行政许可  1205", "行政许可  1205（项）")
    _, flat = read_text(tmp_path, t2)
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 1205
    # a label's unit in brackets stays the label's: the number after it is the cell
    label = "规章（件）  3"
    assert [(c.kind, c.text) for c in tokenize(label, 0, len(label))] == [("text", "规章（件）"), ("num", "3")]


# ------------------------------------------------------------------ words for a change's sign


def test_words_for_the_sign_of_a_change_are_its_sign(tmp_path):
    t2 = _t2_2019("15  减少21个  19", "0  无增减  0", "64  增加2  313", "7  减3  0", "1  增18项")
    _, flat = read_text(tmp_path, t2, title=TITLE19)
    assert _changes(flat) == [-21, 0, 2, -3, 18]
    assert [flat["active.licensing.prior"], flat["active.licensing.decisions"]] == [15, 19]
    assert [flat["active.punishment.prior"], flat["active.punishment.decisions"]] == [64, 313]
    # in prose the word is the label's: the number is glued to it, no sign taken
    prose = "较上年增加5件"
    assert [(c.kind, c.text) for c in tokenize(prose, 0, len(prose))] == [("text", "较上年增加"), ("num", "5件")]


# ------------------------------------------------------------------ a note's mark


def test_a_note_mark_after_a_number_is_never_one_of_its_digits(tmp_path):
    for text, value in (("1,234*", 1234), ("5①", 5), ("12注1", 12), ("3[1]", 3), ("7¹", 7), ("16（件）※", 16)):
        cells = tokenize(text, 0, len(text))
        assert [(c.kind, c.text) for c in cells] == [("num", text)], text
        number = parse_number(text)
        assert number is not None and number.value == value and not number.plain
    t2 = T2.replace("行政规范性文件  3  1  27", "行政规范性文件  3①  1  27*").replace("行政许可  1205", "行政许可  1205注1")
    _, flat = read_text(tmp_path, t2)
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 1205


def test_a_note_number_in_sup_after_an_html_cell_number_is_not_a_digit(tmp_path):
    page = ("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
            "<table><tr><td colspan='4'>第二十条第（一）项</td></tr>"
            "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
            "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
            "<tr><td>行政规范性文件</td><td>3<sup>1</sup></td><td>1</td><td>27<sup>*</sup></td></tr>"
            "<tr><td colspan='4'>第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan='3'>本年处理决定数量</td></tr>"
            "<tr><td>行政许可</td><td colspan='3'>5<sup>12</sup></td></tr></table>"
            "<p>注：1. 含上年度转入。</p></body></html>")
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    doc = load(str(path))
    assert "31" not in [c.text for t in doc.tables for c in t.cells]
    flat = to_flat(ENGINE.read(doc).record)
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 5


# ------------------------------------------------------------------ an accountant's brackets


def test_a_bracketed_number_after_a_row_number_is_a_doubt_with_both_signs(tmp_path):
    t2 = _t2_2019("15  0  19", "0  0  0", "1191  (13)  305", "7  0  0", "0  （25）")
    reading, flat = read_text(tmp_path, t2, title=TITLE19)
    assert [flat["active.punishment.prior"], flat["active.punishment.decisions"]] == [1191, 305]
    for key, n in (("active.punishment.change", 13), ("active.fees.change", 25)):
        assert flat[key] is None
        doubt = reading.doubts[key]
        assert doubt.reason == "bracketed_number" and doubt.candidates == [-n, n]
    # a label's enumerator in brackets, or a column index, is no cell
    for text in ("（1） 属于国家秘密 0 0", "\t\t（1）\t（2）\t（3）", "0 (3)(4)"):
        assert not [c for c in tokenize(text, 0, len(text)) if c.kind == "num" and c.text[:1] in ("(", "（")], text


# ------------------------------------------------------------------ 表三 with no 总计 column


ROWS = {"一": "new", "二": "carried_over", "三": "granted", "（二": "partial", "（七": "total", "四": "carried_forward"}


def _t3(head: str, width: int) -> str:
    out = [T3_HEAD.rstrip("\n"), head.rstrip("\n")]
    for label, nums in T3_ROWS:
        out.append(label + "\t" + "\t".join(str(n) for n in nums[:width]))
    return "\n".join(out) + "\n"


def test_table3_without_its_total_column_leaves_the_totals_null(tmp_path):
    head = "\t\t申请人情况\n\t\t自然人\t法人或其他组织\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    reading, flat = read_text(tmp_path, T2 + _t3(head, 6))
    for label, nums in T3_ROWS:
        name = next(v for k, v in ROWS.items() if label.startswith(k))
        assert [flat[f"requests.{name}.{k}"] for k in KEYS[:6]] == nums[:6], name
        key = f"requests.{name}.total"
        assert flat[key] is None  # never the row's sum: it is not printed
        doubt = reading.doubts[key]
        # the row's sum is offered as a candidate, marked worked out (derived), never a value
        assert doubt.reason == "column_not_printed" and doubt.candidates == doubt.derived == [sum(nums[:6])]
        assert "not read" in doubt.detail
    # the header that names 总计, seven numbers a row: read as before
    head7 = head.replace("法人或其他组织\n", "法人或其他组织\t\t\t\t\t总计\n")
    reading, flat = read_text(tmp_path, T2 + _t3(head7, 7))
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
    assert not any(d.reason == "column_not_printed" for d in reading.doubts.values())


# ------------------------------------------------------------------ the generator's family


def test_the_number_marks_family_reads_exactly(tmp_path):
    marks = ("（件）", "(件)", "（项）", "*", "①", "②", "※", "注1", "[1]", "增", "减")
    exact = 0
    for page, _result, s in family_readings(tmp_path, "number-marks"):
        assert any(m in page.text for m in marks)
        exact += s["exact"]
    assert exact >= 6


def test_a_total_not_printed_sums_its_rows_candidates_where_a_cell_is_a_doubt():
    from extractor.engines.base import Doubt
    from extractor.engines.layout.reader import derive_unprinted
    from extractor.engines.layout.rowread import TableRead
    from extractor.engines.layout.solve import Read

    def table(doubt: Doubt | None) -> TableRead:
        t = TableRead()
        for k, v in zip(KEYS[:6], (1, 0, 2, 0, 0, 3)):
            t.reads[f"requests.new.{k}"] = Read(v, None, 0, 1)
        if doubt is not None:
            t.reads["requests.new.research"] = Read(None, None, 0, 1)
            t.doubts["requests.new.research"] = doubt
        t.reads["requests.new.total"] = Read(None, None, None, None)
        t.doubts["requests.new.total"] = Doubt(reason="column_not_printed", detail="not printed")
        derive_unprinted(t)
        return t

    assert table(None).doubts["requests.new.total"].derived == [6]
    # a cell with two readings: both sums, each marked worked out
    t = table(Doubt(reason="bracketed_number", candidates=[-2, 2]))
    assert t.doubts["requests.new.total"].candidates == t.doubts["requests.new.total"].derived == [2, 6]
    assert t.reads["requests.new.total"].value is None  # never a value
    # a cell with no candidate: nothing to add up, no candidate
    t = table(Doubt(reason="unreadable"))
    assert t.doubts["requests.new.total"].candidates == [] and t.doubts["requests.new.total"].derived == []


def test_a_derived_candidate_is_named_in_the_result_line_and_only_there(tmp_path):
    from extractor.pipeline import extract_path
    head = "\t\t申请人情况\n\t\t自然人\t法人或其他组织\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    path = tmp_path / "r.txt"
    path.write_bytes(("某县人民政府办公室2023年政府信息公开工作年度报告\n" + T2 + _t3(head, 6)).encode("utf-8"))
    result = extract_path(str(path), ENGINE)
    assert result.status == "review"  # a total not printed is never verified
    line = result.to_line()
    doubts = line["doubts"]
    assert doubts["requests.new.total"]["derived"] == [24] and doubts["requests.new.total"]["candidates"] == [24]
    assert line["fields"]["requests.new.total"] is None
    # a doubt with nothing worked out keeps the line's old shape (no `derived` key)
    assert all("derived" not in d for k, d in doubts.items() if not k.endswith(".total"))
