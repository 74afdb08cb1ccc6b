"""A mark no reader knows printed a space after a number (`27 △`, `5 #`, `12 甲`; probe family
stray-marks): the number and its mark are one cell, null with the number as its candidate
(`unknown_mark`), unless an identity that holds every other cell requires exactly that number;
never the mark read as label text that breaks its row (the row's cells all doubts with no
candidate)."""

from __future__ import annotations

from extractor.engines.layout._cells import tokenize

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text


def _cells(line: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in tokenize(line, 0, len(line))]


def test_a_mark_after_a_number_is_part_of_its_cell():
    assert _cells("行政规范性文件\t69 ▲\t3\t665") == [("text", "行政规范性文件"), ("num", "69 ▲"), ("num", "3"), ("num", "665")]
    assert _cells("行政规范性文件  69 #  3  665")[1] == ("num", "69 #")
    assert _cells("规章 12 甲 6 571")[1:] == [("num", "12 甲"), ("num", "6"), ("num", "571")]
    assert _cells("3.其他\t1\t0\t1 a")[-1] == ("num", "1 a")
    # letter-spaced label text after a number, a measure word, a minus, the next row's label: untouched
    assert _cells("0 其 他 法 律")[1:] == [("text", "其"), ("text", "他"), ("text", "法"), ("text", "律")]
    assert _cells("5 件  3") == [("num", "5"), ("text", "件"), ("num", "3")]
    assert ("num", "1 ▲") not in _cells("0 0 1 ▲ 四、结转下年度继续办理")
    # a crawled page's pager after a row (`共4页 第2页`): a word with a number, not a mark
    assert _cells("（二）部分公开  0  0  2 共4页 第2页")[1:4] == [("num", "0"), ("num", "0"), ("num", "2")]


def test_a_marked_number_no_identity_checks_is_a_doubt_holding_it(tmp_path):
    reading, flat = read_text(tmp_path, T2.replace("行政规范性文件  3  1  27", "行政规范性文件  3 △  1  27"))
    assert flat["active.normative.issued"] is None
    doubt = reading.doubts["active.normative.issued"]
    assert doubt.reason == "unknown_mark" and doubt.candidates == [3]
    assert [flat["active.normative.repealed"], flat["active.normative.in_force"]] == [1, 27]


def test_a_marked_number_an_identity_requires_is_read(tmp_path):
    rows = [(label, [str(n) for n in nums]) for label, nums in T3_ROWS]
    rows[0][1][0] += " #"  # 9 #
    rows[3][1][6] += " ◎"  # 6 ◎, the row's total
    body = T3_HEAD + "".join(label + "\t" + "\t".join(cells) + "\n" for label, cells in rows)
    reading, flat = read_text(tmp_path, T2 + body)
    names = ("new", "carried_over", "granted", "partial", "total", "carried_forward")
    for (_, nums), name in zip(T3_ROWS, names):
        assert [flat[f"requests.{name}.{k}"] for k in KEYS] == nums, name
    assert not any(d.reason in ("unknown_mark", "cells_do_not_fit") for d in reading.doubts.values())
