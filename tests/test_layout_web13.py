"""Layouts of round 13 (web) of the unseen-layout probe (issue 11): CMS pages whose tables hide
stale numbers or print a number's digit groups apart, and Word tables with 表三 cut into column
slices, turned on its side (the group's merged cell before 商业企业) or written as named lists."""

from __future__ import annotations

import io

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, TITLE

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load

ENGINE = LayoutEngine()
NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _rows_html(text: str) -> str:
    """Lines of cells (apart by tabs or two spaces) as one `<table>`'s rows; other lines as `<p>`."""
    out, rows = [], []
    for line in text.splitlines():
        cells = [c for c in line.replace("  ", "\t").split("\t") if c.strip()]
        if len(cells) > 1 or (cells and cells[0][:1].isdigit()):
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if rows:
            out.append("<table border=1>" + "".join(rows) + "</table>")
            rows = []
        if cells:
            out.append(f"<p>{cells[0]}</p>")
    if rows:
        out.append("<table border=1>" + "".join(rows) + "</table>")
    return "\n".join(out)


def _read_html(tmp_path, body: str, head: str = ""):
    path = tmp_path / "r.html"
    path.write_text(f"<html><head><meta charset='utf-8'>{head}</head><body><p>{TITLE.strip()}</p>{body}"
                    "</body></html>", encoding="utf-8")
    reading = ENGINE.read(load(str(path)))
    return reading, to_flat(reading.record)


def _t3_html(cell=lambda r, k, v: f"<td>{v}</td>", extra_rows=lambda r: "") -> str:
    rows = ["<tr><td>项目</td>" + "".join(f"<td>{n}</td>" for n in NAMES) + "</tr>"]
    for r, (label, nums) in enumerate(T3_ROWS):
        rows.append("<tr>" + "".join(f"<td>{x}</td>" for x in label.split("\t"))
                    + "".join(cell(r, k, v) for k, v in enumerate(nums)) + "</tr>" + extra_rows(r))
    return f"<p>{T3_HEAD.strip()}</p><table border=1>" + "".join(rows) + "</table>"


def _t3_doubts(reading) -> list[str]:
    return [k for k, d in reading.doubts.items() if k.startswith("requests.") and d.reason != "missing_row"]


def _t3_exact(flat) -> bool:
    return all([flat[f"requests.{row}.{k}"] for k in KEYS] == nums for row, nums in zip(
        ("new", "carried_over", "granted", "partial", "total", "carried_forward"), (n for _, n in T3_ROWS)))


def test_cells_a_table_hides_are_not_printed_numbers(tmp_path):
    # a hidden old number beside the new one, a hidden extra cell, a hidden copy of a row
    def cell(r, k, v):
        if (r, k) == (0, 0):
            return f'<td><span style="display:none">77</span>{v}</td>'
        if (r, k) == (3, 2):
            return f'<td>{v}</td><td hidden>55</td>'
        return f"<td>{v}</td>"

    stale = '<tr style="visibility: hidden"><td>（二）部分公开</td>' + "<td>9</td>" * 7 + "</tr>"
    body = _rows_html(T2) + _t3_html(cell, lambda r: stale if r == 3 else "")
    reading, flat = _read_html(tmp_path, body)
    assert _t3_exact(flat) and not _t3_doubts(reading)
    # a class the page's own <style> hides
    body = _rows_html(T2) + _t3_html(lambda r, k, v: f'<td>{v}<span class="old">{v + 40}</span></td>' if r == 2 else f"<td>{v}</td>")
    reading, flat = _read_html(tmp_path, body, head="<style>.old { display: none }</style>")
    assert _t3_exact(flat) and not _t3_doubts(reading)


def test_hidden_text_outside_tables_is_kept(tmp_path):
    # a tab the page's script would show: the report may be there only
    body = '<div style="display:none">' + _rows_html(T2) + _t3_html() + "</div>"
    reading, flat = _read_html(tmp_path, body)
    assert _t3_exact(flat)


def test_a_cells_digit_groups_apart_by_no_break_or_thin_spaces_are_one_number(tmp_path):
    for sep in ("&nbsp;", "&#8201;", "&#8239;"):
        reading, flat = _read_html(tmp_path, _rows_html(T2.replace("1205", f"1{sep}205")) + _t3_html())
        assert flat["active.licensing.decisions"] == 1205, sep
        assert "active.licensing.decisions" not in reading.doubts
    # two numbers in one cell (groups that are no thousands): never one number
    reading, flat = _read_html(tmp_path, _rows_html(T2.replace("1205", "12&nbsp;05")) + _t3_html())
    assert flat["active.licensing.decisions"] is None


def test_a_circled_note_mark_in_a_tables_first_column_is_no_serial_number(tmp_path):
    # `1<sup>①</sup>` in 表四's first cell, a mark after the next one too ('1①': isdigit() is true
    # of ①, int() failed: the reading crashed)
    t4 = ("<p>四、政府信息公开行政复议、行政诉讼情况</p><table border=1>"
          "<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
          "<tr>" + "".join(f"<td>{w}</td>" for w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) +
          "<td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>"
          "<tr>" + "<td></td>" * 5 + "".join(f"<td>{w}</td>" for w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2) + "</tr>"
          "<tr><td>1<sup>①</sup></td><td>0<sup>*</sup></td>" + "<td>0</td>" * 2 + "<td>1</td>" + "<td>0</td>" * 10 + "</tr></table>")
    reading, flat = _read_html(tmp_path, _rows_html(T2) + _t3_html() + t4)
    assert flat["review.upheld"] == 1 and flat["review.total"] == 1


def _docx(tmp_path, table3) -> tuple:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE.strip())
    for line in T2.splitlines():
        if line.strip():
            d.add_paragraph(line)
    d.add_paragraph(T3_HEAD.strip())
    table3(d)
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "r.docx"
    path.write_bytes(buf.getvalue())
    reading = ENGINE.read(load(str(path)))
    return reading, to_flat(reading.record)


def _labels() -> list[str]:
    return [label.replace("\t", "") for label, _ in T3_ROWS]


def test_word_table3_cut_into_two_tables_by_columns(tmp_path):
    def write(d):
        for part, cols in enumerate((range(0, 4), range(4, 7))):
            if part:
                d.add_paragraph("续表")
            t = d.add_table(rows=1 + len(T3_ROWS), cols=1 + len(cols))
            t.cell(0, 0).text = "项目"
            for k, i in enumerate(cols):
                t.cell(0, k + 1).text = NAMES[i]
            for r, (label, (_, nums)) in enumerate(zip(_labels(), T3_ROWS)):
                t.cell(r + 1, 0).text = label
                for k, i in enumerate(cols):
                    t.cell(r + 1, k + 1).text = str(nums[i])

    reading, flat = _docx(tmp_path, write)
    assert _t3_exact(flat) and not _t3_doubts(reading)


def test_word_table3_on_its_side_with_the_groups_merged_cell(tmp_path):
    def write(d):
        t = d.add_table(rows=8, cols=2 + len(T3_ROWS))
        t.cell(0, 0).merge(t.cell(0, 1)).text = "项目"
        for k, label in enumerate(_labels()):
            t.cell(0, 2 + k).text = label
        for i, name in enumerate(NAMES):
            if i == 1:
                t.cell(1 + i, 0).merge(t.cell(5, 0)).text = "法人或其他组织"
            if 1 <= i <= 5:
                t.cell(1 + i, 1).text = name
            else:
                t.cell(1 + i, 0).merge(t.cell(1 + i, 1)).text = name
            for k, (_, nums) in enumerate(T3_ROWS):
                t.cell(1 + i, 2 + k).text = str(nums[i])

    reading, flat = _docx(tmp_path, write)
    assert _t3_exact(flat) and not _t3_doubts(reading)


def test_word_table3_as_named_counts_in_the_cell_after_the_label(tmp_path):
    for sep, colon in (("，", ""), ("；", "：")):
        def write(d):
            t = d.add_table(rows=1 + len(T3_ROWS), cols=2)
            t.cell(0, 0).text = "项目"
            t.cell(0, 1).text = "申请人情况"
            for r, (label, (_, nums)) in enumerate(zip(_labels(), T3_ROWS)):
                t.cell(1 + r, 0).text = label
                t.cell(1 + r, 1).text = sep.join(f"{n}{colon}{v}件" for n, v in zip(NAMES, nums))

        reading, flat = _docx(tmp_path, write)
        assert _t3_exact(flat) and not _t3_doubts(reading), sep


def test_a_second_reports_period_and_signature_are_not_the_first_reports():
    # a site's 汇总 page: a body's report, then another body's of another year (its period stated,
    # its signature last); the first report states neither
    from extractor.segment import read_title

    first = ("甲县民政局2023年政府信息公开工作年度报告\n一、总体情况\n本年度，我局依法公开。\n"
             "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n"
             "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n四、政府信息公开行政复议、行政诉讼情况\n"
             "结果维持\t结果纠正\n0\t0\n五、存在的主要问题\n无。\n")
    second = ("乙镇人民政府2022年政府信息公开工作年度报告\n本报告统计期限为2022年1月1日至2022年12月31日。\n"
              "一、总体情况\n无。\n乙镇人民政府\n2023年1月20日\n")
    assert read_title(first + second) == ("甲县民政局", 2023) == read_title(first)
    # the same body's title again after the tables (a 下一篇 line of its own report): nothing cut
    assert read_title(first + "甲县民政局2023年政府信息公开工作年度报告\n甲县民政局\n2024年1月9日\n") == ("甲县民政局", 2023)
