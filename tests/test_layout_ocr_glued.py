"""OCR letters glued to a row's label (`本年新收政府信息公开申请数量l2 0 O`), standing in a run
(`l o 2`), signed (`-l4`) or in a decimal (`773O.28`): each a cell with an ocr_letter doubt whose
candidate is the number it shows, never label text, never the digits beside it read alone."""

from __future__ import annotations

from extractor.engines.layout import LayoutEngine
from extractor.engines.layout._cells import tokenize
from extractor.flat import to_flat
from extractor.load import load


def _cells(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in tokenize(text, 0, len(text))]


def test_letters_glued_to_a_label_are_its_first_cell():
    assert _cells("一、本年新收政府信息公开申请数量l2 0 O 3") == [
        ("text", "一、本年新收政府信息公开申请数量"), ("num", "l2"), ("num", "0"), ("num", "O"), ("num", "3")]
    assert _cells("3.危及“三安全一稳定”o 0 1") == [("text", "3.危及“三安全一稳定”"), ("num", "o"), ("num", "0"), ("num", "1")]
    assert _cells("行政事业性收费o") == [("text", "行政事业性收费"), ("num", "o")]


def test_runs_signs_and_decimals_with_letters_are_whole_cells():
    assert _cells("l o 2 0") == [("num", "l"), ("num", "o"), ("num", "2"), ("num", "0")]
    assert _cells("其他对外管理服务事项62 -l4 18390") == [
        ("text", "其他对外管理服务事项"), ("num", "62"), ("num", "-l4"), ("num", "18390")]
    assert _cells("行政事业性收费773O.28") == [("text", "行政事业性收费"), ("num", "773O.28")]


def test_latin_words_and_labels_are_left_alone():
    assert _cells("微信公众号APP 3") == [("text", "微信公众号APP"), ("num", "3")]
    assert _cells("信息内容 本年处理决定数量") == [("text", "信息内容"), ("text", "本年处理决定数量")]
    assert _cells("（I）其他 5") == [("text", "（I）其他"), ("num", "5")]


def test_glued_letters_are_doubts_holding_the_printed_number(tmp_path):
    text = ("某县人民政府办公室2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章0 0 0\n行政规范性文件3 1 27\n"
            "第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可l205\n第二十条第（六）项\n信息内容 本年处理决定数量\n"
            "行政处罚88\n行政强制4\n第二十条第（八）项\n信息内容 本年收费金额（万元）\n行政事业性收费773O.28\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    flat = to_flat(reading.record)
    assert flat["active.licensing.decisions"] is None and flat["active.fees.amount"] is None
    assert reading.doubts["active.licensing.decisions"].reason == "ocr_letter"
    assert reading.doubts["active.licensing.decisions"].candidates == [1205]
    assert [float(x) for x in reading.doubts["active.fees.amount"].candidates] == [7730.28]
    assert flat["active.punishment.decisions"] == 88 and flat["active.normative.in_force"] == 27
