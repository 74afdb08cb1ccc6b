"""A lone `一` in a table of digits with a few counts in Chinese numerals (`cnnum`): the count 1,
or a dash typed with the numeral key; never settled from the print alone."""

from __future__ import annotations

from _text_report import ENGINE, T2, T3_HEAD, T3_ROWS, html_of, read_text

from extractor.flat import to_flat
from extractor.load import load

_ROW = "行政规范性文件  3  1  27"


def _t3(one: tuple[int, int] | None = None) -> str:
    """表三 as tab rows, the cell (row, column) `one` printed `一` (its value is 1)."""
    head = "\t申请人情况\n\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    rows = []
    for r, (lab, nums) in enumerate(T3_ROWS):
        cells = ["一" if (r, k) == one else str(v) for k, v in enumerate(nums)]
        rows.append(lab.split("\t")[-1] + "\t" + "\t".join(cells) + "\n")
    return T3_HEAD + head + "".join(rows) + "\n"


def test_lone_one_beside_a_numeral_is_a_doubt_of_one_and_zero(tmp_path):
    assert _ROW in T2 and T3_ROWS[1][1][0] == 1
    # 表二 (no identity): `二十七` says the typist writes counts in numerals now and then
    reading, flat = read_text(tmp_path, T2.replace(_ROW, "行政规范性文件  3  一  二十七") + _t3())
    assert flat["active.normative.in_force"] == 27
    assert flat["active.normative.repealed"] is None
    doubt = reading.doubts["active.normative.repealed"]
    assert doubt.reason == "dash_or_one" and doubt.candidates == [1, 0]


def test_lone_one_settled_by_an_identity(tmp_path):
    # 表三's 上年结转 row: 一 + 0 + 0 + 0 + 0 + 1 = 2 holds only with 一 the count 1
    reading, flat = read_text(tmp_path, T2.replace(_ROW, "行政规范性文件  3  1  二十七") + _t3(one=(1, 0)))
    assert flat["requests.carried_over.natural"] == 1
    assert "requests.carried_over.natural" not in reading.doubts


def test_lone_one_in_a_table_of_digits_stays_a_dash(tmp_path):
    _, flat = read_text(tmp_path, T2 + _t3(one=(1, 0)))
    assert flat["requests.carried_over.natural"] == 0


def test_lone_one_on_a_line_of_numerals_is_one_unless_the_table_prints_dashes(tmp_path):
    numerals = T2.replace(_ROW, "行政规范性文件  三  一  二十七")
    _, flat = read_text(tmp_path, numerals + _t3())
    assert flat["active.normative.repealed"] == 1
    # the table prints dashes for its zeros: the 一 may be one of them
    reading, flat = read_text(tmp_path, numerals.replace("规章  0  0  0", "规章  —  —  —") + _t3())
    assert flat["active.regulations.issued"] == 0
    assert flat["active.normative.repealed"] is None
    assert reading.doubts["active.normative.repealed"].candidates == [1, 0]



def test_lone_one_in_an_html_grid_beside_a_numeral_is_a_doubt(tmp_path):
    page = html_of(T2.replace(_ROW, "行政规范性文件  3  一  二十七") + _t3())
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    reading = ENGINE.read(load(str(path)))
    flat = to_flat(reading.record)
    assert flat["active.normative.in_force"] == 27 and flat["requests.new.total"] == 24
    assert flat["active.normative.repealed"] is None
    assert reading.doubts["active.normative.repealed"].candidates == [1, 0]
