"""Last year's tables quoted in a report under a heading naming them so (`2022年度…情况（对照）`,
a section `上年度情况`), before or after the report's own: the report's own year's are read
(probe family `stale-under-heading`, eval/probe/web15.py)."""

from __future__ import annotations

from _text_report import T2, T3_HEAD, T3_ROWS, read_text

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load

_T4_KEYS = [f"{g}.{k}" for g in ("review", "litigation_direct", "litigation_after_review")
            for k in ("upheld", "corrected", "other", "pending", "total")]
_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
#: this year's 表四 and last year's, every group's numbers different
OWN = [3, 1, 0, 1, 5, 2, 0, 0, 1, 3, 1, 0, 0, 0, 1]
LAST = [5, 2, 1, 0, 8, 3, 1, 0, 0, 4, 0, 1, 0, 0, 1]
T3 = T3_HEAD + "".join(label + "\t" + "\t".join(map(str, nums)) + "\n" for label, nums in T3_ROWS)


def _t4_text(heading: str, nums: list[int]) -> str:
    return (heading + "\n行政复议\t\t\t\t\t行政诉讼\n" + "\t".join(_WORDS) + "\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
            + "\t" * 5 + "\t".join(_WORDS * 2) + "\n" + "\t".join(map(str, nums)) + "\n\n")


def _t4_html(heading: str, nums: list[int]) -> str:
    return (f"<p>{heading}</p><table border=1><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
            "<tr>" + "".join(f"<td rowspan=2>{w}</td>" for w in _WORDS)
            + "<td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>"
            "<tr>" + "".join(f"<td>{w}</td>" for w in _WORDS * 2) + "</tr>"
            "<tr>" + "".join(f"<td>{n}</td>" for n in nums) + "</tr></table>")


def _t4(reading, flat) -> list:
    assert not [k for k in reading.doubts if k.split(".")[0] in ("review", "litigation_direct", "litigation_after_review")]
    return [flat[k] for k in _T4_KEYS]


def test_last_years_table4_quoted_after_the_reports_own_in_text_is_not_read(tmp_path):
    own = _t4_text("四、政府信息公开行政复议、行政诉讼情况", OWN)
    for heading in ("2022年度政府信息公开行政复议、行政诉讼情况（对照）",
                    "附表2：2022年政府信息公开行政复议、行政诉讼情况（上年度）"):
        reading, flat = read_text(tmp_path, T2 + T3 + own + _t4_text(heading, LAST))
        assert _t4(reading, flat) == OWN, heading
    # a section naming last year, each table under it named by its year
    stale = "六、上年度情况（2022年）\n" + _t4_text("（二）2022年政府信息公开行政复议、行政诉讼情况", LAST)
    reading, flat = read_text(tmp_path, T2 + T3 + own + stale)
    assert _t4(reading, flat) == OWN


def test_last_years_table4_grid_before_or_after_the_reports_own_is_not_read(tmp_path):
    own = _t4_html("四、政府信息公开行政复议、行政诉讼情况", OWN)
    stale = _t4_html("2022年度政府信息公开行政复议、行政诉讼情况（对照）", LAST)
    section = "<p><b>附：上年度情况</b></p>" + _t4_html("（二）2022年政府信息公开行政复议、行政诉讼情况", LAST)
    for tables in (own + stale, stale + own, own + section):
        path = tmp_path / "r.html"
        path.write_text("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p>" + tables
                        + "</body></html>", encoding="utf-8")
        reading = LayoutEngine().read(load(str(path)))
        assert _t4(reading, to_flat(reading.record)) == OWN


def test_a_reports_only_table_under_another_years_heading_is_still_read(tmp_path):
    # a heading copied from last year's report with its year: the one table there is, the report's
    reading, flat = read_text(tmp_path, T2 + T3 + _t4_text("四、2022年政府信息公开行政复议、行政诉讼情况", OWN))
    assert _t4(reading, flat) == OWN
    path = tmp_path / "r.html"
    path.write_text("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p>"
                    + _t4_html("四、2022年政府信息公开行政复议、行政诉讼情况", OWN) + "</body></html>", encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    assert _t4(reading, to_flat(reading.record)) == OWN
