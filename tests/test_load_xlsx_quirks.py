"""Workbook quirks real files have (issue 11, probe families xlsx-wide-styled, xlsx-merge-offset,
xlsx-typed-dates, xlsx-sheet-split): whole columns styled far past the table, a merged range's
value kept in a cell other than its top-left, counts Excel turned into dates, the report's title
only in the document properties."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

from extractor import extract_path, get_engine
from extractor.load import load

from _formats import gold, make_formats, same_numbers


def _save(tmp_path: Path, wb: openpyxl.Workbook, *, merges: dict[int, list[str]] | None = None,
          name: str = "t.xlsx") -> str:
    """Save `wb`; `merges` (sheet index → refs) are written into the sheet parts as they are,
    whatever the cells of the range hold (openpyxl would empty all but the top-left)."""
    buf = io.BytesIO()
    wb.save(buf)
    z = zipfile.ZipFile(buf)
    parts = {n: z.read(n) for n in z.namelist()}
    for s, refs in (merges or {}).items():
        part = f"xl/worksheets/sheet{s + 1}.xml"
        mc = f'<mergeCells count="{len(refs)}">' + "".join(f'<mergeCell ref="{r}"/>' for r in refs) + "</mergeCells>"
        parts[part] = parts[part].decode().replace("</sheetData>", "</sheetData>" + mc, 1).encode()
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as out:
        for n, data in parts.items():
            out.writestr(n, data)
    return str(path)


def _rows(table) -> list[list[str]]:
    return [[c.text for c in table.cells if c.row == r] for r in range(table.n_rows)]


def test_empty_styled_cells_far_past_the_table_are_not_read(tmp_path):
    """A fill given to whole columns (to XFD) and rows: Excel's extent is 16384 columns, the
    table three; the sheet is read as its used part, not refused as too big."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目", "数量"], ["予以公开", 3], ["部分公开", 0]):
        ws.append(row)
    fill = PatternFill("solid", fgColor="FFFFFF")
    ws.cell(1, 16384).fill = fill
    ws.cell(9000, 1).fill = fill
    assert ws.max_column * ws.max_row > 100_000
    (table,) = load(_save(tmp_path, wb)).tables
    assert _rows(table) == [["项目", "数量"], ["予以公开", "3"], ["部分公开", "0"]]


def test_a_merged_value_kept_in_another_cell_of_its_range_is_read(tmp_path):
    """A range B2:D2 whose value sits in D2 (top-left B2 empty): the range holds that value, not a
    blank (read as 0). A range with two values keeps what Excel shows: its top-left."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目", "数量", None, None], ["行政许可", None, None, 550], ["行政处罚", None, 4, 5]):
        ws.append(row)
    (table,) = load(_save(tmp_path, wb, merges={0: ["B1:D1", "B2:D2", "B3:D3"]})).tables
    assert _rows(table) == [["项目", "数量"], ["行政许可", "550"], ["行政处罚", ""]]
    assert table.cells[3].colspan == 3


def _seed_workbook(tmp_path: Path) -> openpyxl.Workbook:
    """The seed report's tables as one sheet (each table under the title, merges kept)."""
    seed = make_formats().make_all("002", tmp_path, formats=("docx",))["docx"]
    doc = load(str(seed))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(1, 1, doc.text.splitlines()[0])
    r0 = 3
    for table in doc.tables:
        for c in table.cells:
            ws.cell(r0 + c.row, 1 + c.col, int(c.text) if c.text.isdigit() else c.text or None)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(start_row=r0 + c.row, start_column=1 + c.col,
                               end_row=r0 + c.row + c.rowspan - 1, end_column=c.col + c.colspan)
        r0 += table.n_rows + 2
    return wb


def test_a_count_excel_turned_into_a_date_is_a_doubt_never_its_month_or_year(tmp_path):
    """Counts typed as `3-12` are stored as dates (m月d日): the number is not in the file, so each
    such cell is null with a doubt; the year, month or day is never read as the count."""
    wb = _seed_workbook(tmp_path)
    ws = wb.active
    small = [c for row in ws.iter_rows() for c in row if isinstance(c.value, int)]
    assert len(small) >= 100
    changed = small[10::40][:3]  # one in each table
    for c in changed:
        c.value = dt.datetime(2024, 3, 12)  # `3-12` typed into the cell
        c.number_format = "m月d日"
    path = _save(tmp_path, wb)
    texts = [c.text for t in load(path).tables for c in t.cells]
    assert sum(t.startswith("=DATE(2024,3,") for t in texts) == 3
    assert not any("2024-" in t for t in texts)
    expected = gold("002")["fields"]
    result = extract_path(path, get_engine("layout"))
    flat = result.fields
    assert [k for k in same_numbers(flat, expected) if flat.get(k) is not None] == []  # nothing read wrong
    nulls = [k for k in expected if flat.get(k) is None and expected[k] is not None]
    assert 1 <= len(nulls) <= len(changed) and all(k in result.doubts for k in nulls)
    assert result.status != "verified"


def test_a_count_typed_as_month_day_is_a_doubt_with_its_month_and_day(tmp_path):
    """A count n typed with another number (`n-20`) is stored as the date n月20日: the cell is
    null, its candidates the readings the print allows, the month n and the day 20."""
    wb = _seed_workbook(tmp_path)
    ws = wb.active
    small = [c for row in ws.iter_rows() for c in row if isinstance(c.value, int) and 1 <= c.value <= 12]
    assert small
    changed = small[::max(1, len(small) // 3)][:3]
    for c in changed:
        c.value = dt.datetime(2024, c.value, 20)
        c.number_format = "m-d"
    result = extract_path(_save(tmp_path, wb), get_engine("layout"))
    expected = gold("002")["fields"]
    flat = result.fields
    assert [k for k in same_numbers(flat, expected) if flat.get(k) is not None] == []  # nothing read wrong
    nulls = [k for k in expected if flat.get(k) is None and expected[k] is not None]
    assert nulls and result.status != "verified"
    assert any(result.doubts[k].detail.startswith("a date") for k in nulls)
    for k in nulls:
        doubt = result.doubts[k]
        assert expected[k] in doubt.candidates, (k, doubt)
        if doubt.detail.startswith("a date"):
            assert doubt.candidates == [expected[k], 20]


def test_a_date_on_a_line_of_its_own_reads_as_a_date(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某区2024年政府信息公开工作年度报告"])
    ws.append([dt.datetime(2025, 1, 20)])
    doc = load(_save(tmp_path, wb))
    assert "2025-01-20" in doc.text and "=DATE" not in doc.text


def test_the_title_only_in_the_document_properties_is_the_first_line(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表二"
    for row in (["项目", "数量"], ["予以公开", 3]):
        ws.append(row)
    wb.properties.title = "某市交通运输局2023年政府信息公开工作年度报告"
    doc = load(_save(tmp_path, wb))
    assert doc.text.splitlines()[0] == "某市交通运输局2023年政府信息公开工作年度报告"
    # a cell naming the report wins over the properties (a template's old title stays unread)
    ws.insert_rows(1)
    ws.cell(1, 1, "某市交通运输局2024年政府信息公开工作年度报告")
    doc = load(_save(tmp_path, wb, name="u.xlsx"))
    assert "2023" not in doc.text
    # a properties title that names no report (工作簿1) is not read
    ws.delete_rows(1)
    wb.properties.title = "工作簿1"
    assert "工作簿1" not in load(_save(tmp_path, wb, name="v.xlsx")).text


_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def _ods(tmp_path: Path, rows: str) -> str:
    content = (f'<?xml version="1.0"?><office:document-content {_ODF_NS}><office:body><office:spreadsheet>'
               f'<table:table table:name="表二">{rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    path = tmp_path / "s.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return str(path)


def test_an_ods_date_cell_is_a_doubt_and_a_merged_text_in_its_covered_cell_is_read(tmp_path):
    """LibreOffice: a count typed as `3-12` is a date cell shown 3月12日 (never read as 3); a
    merged range's text kept in its covered cell, the spanning cell empty, is the range's text."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'.format
    num = '<table:table-cell office:value-type="float" office:value="{0}"><text:p>{0}</text:p></table:table-cell>'.format
    rows = ("<table:table-row>" + cell("项目") + '<table:table-cell table:number-columns-spanned="2"/>'
            '<table:covered-table-cell office:value-type="string"><text:p>数量</text:p></table:covered-table-cell></table:table-row>'
            "<table:table-row>" + cell("行政许可") + num(5) + num(6) + "</table:table-row>"
            "<table:table-row>" + cell("行政处罚") + num(7)
            + '<table:table-cell office:value-type="date" office:date-value="2024-03-12"><text:p>3月12日</text:p></table:table-cell>'
            "</table:table-row>")
    (table,) = load(_ods(tmp_path, rows)).tables
    assert _rows(table) == [["项目", "数量"], ["行政许可", "5", "6"], ["行政处罚", "7", "=DATE(2024,3,12)"]]


def test_an_xls_merged_value_kept_in_another_cell_and_a_date_cell(tmp_path):
    """.xls (BIFF8): a range B2:C2 whose value sits in C2 is the range's value; a count stored as
    a date (formatted m/d/yy) reads as its expression, a doubt, never 3 or 2024."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("表二")
    ws.write(0, 0, "项目")
    ws.write(0, 1, "数量")
    ws.write(1, 0, "行政许可")
    ws.write(1, 2, 550)
    ws.merged_ranges.append((1, 1, 1, 2))
    ws.write(2, 0, "行政处罚")
    ws.write(2, 1, dt.datetime(2024, 3, 12), xlwt.easyxf(num_format_str="m/d/yy"))
    path = tmp_path / "t.xls"
    wb.save(str(path))
    (table,) = load(str(path)).tables
    assert _rows(table) == [["项目", "数量"], ["行政许可", "550"], ["行政处罚", "=DATE(2024,3,12)"]]
