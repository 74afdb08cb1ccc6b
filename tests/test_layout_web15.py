"""Layouts of round 15 of the unseen-layout probe (issue 11): columns a report adds between the
format's own in a grid (an HTML or Word table), last year's tables quoted under their own heading."""

from __future__ import annotations

from _text_report import KEYS, T3_ROWS

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load

_NAMES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _read(tmp_path, page: str, name: str = "r.html"):
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    return reading, to_flat(reading.record)


def _t3_html(at: int, head: str) -> str:
    """表三 as an HTML grid with a column `head` added before applicant column `at` (0: 自然人),
    its head merged down over both header rows, a different number under it in every row."""
    top = ("<tr><td rowspan='2'>项目</td>" + "".join(
        (f"<td rowspan='2'>{head}</td>" if i == at else "") + f"<td rowspan='2'>{n}</td>" for i, n in enumerate(_NAMES[:1]))
        + (f"<td rowspan='2'>{head}</td>" if at == 1 else "") + "<td colspan='5'>法人或其他组织</td>"
        + (f"<td rowspan='2'>{head}</td>" if at == 6 else "") + "<td rowspan='2'>总计</td></tr>")
    sub = "<tr>" + "".join(f"<td>{n}</td>" for n in _NAMES[1:6]) + "</tr>"
    body = "".join("<tr><td>" + label.replace("\t", "") + "</td>" + "".join(
        (f"<td>{90 + r}</td>" if i == at else "") + f"<td>{n}</td>" for i, n in enumerate(nums)) + "</tr>"
        for r, (label, nums) in enumerate(T3_ROWS))
    return f"<p>三、收到和处理政府信息公开申请情况</p><table border='1'>{top}{sub}{body}</table>"


def test_a_grids_column_of_last_years_figures_between_the_formats_holds_no_values(tmp_path):
    for at in (1, 6):  # after 自然人, before 总计
        for head in ("上年同期", "同比增减"):
            page = ("<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p>"
                    + _t3_html(at, head) + "</body></html>")
            reading, flat = _read(tmp_path, page)
            for label_row, (label, nums) in zip(("new", "carried_over", "granted", "partial", "total",
                                                  "carried_forward"), T3_ROWS):
                assert [flat[f"requests.{label_row}.{k}"] for k in KEYS] == nums, (at, head, label)
            assert not [k for k, d in reading.doubts.items() if k.startswith("requests.") and d.reason != "missing_row"]


def test_table2s_added_column_between_its_own_in_a_grid_is_dropped_in_its_section_only(tmp_path):
    t2 = ("<p>二、主动公开政府信息情况</p><table border='1'>"
          "<tr><td colspan='5'>第二十条第（一）项</td></tr>"
          "<tr><td>信息内容</td><td>本年制发件数</td><td>上年数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
          "<tr><td>规章</td><td>2</td><td>7</td><td>1</td><td>9</td></tr>"
          "<tr><td>行政规范性文件</td><td>3</td><td>8</td><td>1</td><td>27</td></tr>"
          "<tr><td colspan='5'>第二十条第（五）项</td></tr>"
          "<tr><td>信息内容</td><td colspan='4'>本年处理决定数量</td></tr>"
          "<tr><td>行政许可</td><td colspan='4'>1205</td></tr></table>")
    reading, flat = _read(tmp_path, "<html><body><p>某县人民政府办公室2023年政府信息公开工作年度报告</p>" + t2
                          + _t3_html(-1, "") + "</body></html>")
    assert [flat["active.regulations.issued"], flat["active.regulations.repealed"], flat["active.regulations.in_force"]] == [2, 1, 9]
    assert [flat["active.normative.issued"], flat["active.normative.repealed"], flat["active.normative.in_force"]] == [3, 1, 27]
    assert flat["active.licensing.decisions"] == 1205


def test_a_row_its_tab_cells_do_not_place_under_an_added_column_between_keeps_its_cells(tmp_path):
    # a PDF's words run together (`0 23`: 本年制发件数 and the added 上年制发件数 in one tab cell):
    # the row is narrower than its header, so its added cell cannot be told by its tab cell, and
    # cutting the row's end would read the added column's 23 as 本年废止件数
    from _text_report import read_text
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n"
          "信息内容\t本年制发件数\t上年制发件数\t本年废止件数\t现行有效件数\n"
          "规章\t0 23\t1\t0\n行政规范性文件\t3 10\t2\t3\n"
          "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t4\n\n")
    reading, flat = read_text(tmp_path, t2)
    gold = {"regulations.issued": 0, "regulations.repealed": 1, "regulations.in_force": 0,
            "normative.issued": 3, "normative.repealed": 2, "normative.in_force": 3}
    for key, value in gold.items():  # read right, or left to a person
        assert flat[f"active.{key}"] in (None, value), key
    assert flat["active.regulations.repealed"] is None and "active.regulations.repealed" in reading.doubts
    assert flat["active.licensing.decisions"] == 4
