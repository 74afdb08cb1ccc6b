"""Files as sites serve them: web archives, pages in frames and CSS grids, office files whose
bytes are another kind than their suffix, spreadsheets, Word frames and text boxes."""

from __future__ import annotations

import base64
import io
import quopri
import shutil
from pathlib import Path

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError, UnsupportedFormatError
from extractor.load import load, sniff, walk
from extractor.pipeline import extract_paths

_TABLE = ("<p>三、收到和处理政府信息公开申请情况</p><table border=1><tr><td>信息内容</td><td>本年新收</td></tr>"
          "<tr><td>行政许可</td><td>5</td></tr><tr><td>行政处罚</td><td>12</td></tr></table>")
_PAGE = f"<html><head><title>镕县人民政府2023年政府信息公开工作年度报告</title></head><body>{_TABLE}</body></html>"


_REAL = Path(__file__).resolve().parents[1] / "eval" / "real" / "seeds" / "000_b232cca7e491c758.txt"


def _mht(page: bytes, charset: str) -> bytes:
    qp = quopri.encodestring(page).decode("ascii")
    return ("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; "
            "boundary=\"----B\"\r\n\r\n------B\r\nContent-Type: text/html; charset=\"" + charset + "\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + qp + "\r\n------B\r\nContent-Type: image/gif\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(b"GIF89a").decode() + "\r\n------B--\r\n").encode("ascii")


def _cells(doc) -> list[list[str]]:
    return [[c.text for c in row if c] for row in doc.tables[0].grid()]


def test_web_archive_page_in_gbk_labelled_gb2312(tmp_path):
    """镕 is in GBK, not GB2312: a part labelled gb2312 still decodes (as GB18030, its superset)."""
    path = tmp_path / "report.mht"
    path.write_bytes(_mht(_PAGE.encode("gb18030"), "gb2312"))
    doc = load(str(path))
    assert doc.format == "html" and "镕县人民政府2023年" in doc.text
    assert _cells(doc) == [["信息内容", "本年新收"], ["行政许可", "5"], ["行政处罚", "12"]]
    assert "GIF89a" not in doc.text


def test_web_archive_without_a_page_fails_with_the_reason(tmp_path):
    path = tmp_path / "images.mhtml"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
                     b"Content-Type: image/gif\r\n\r\nGIF89a\r\n--B--\r\n")
    with pytest.raises(InputError, match="images.mhtml.*no HTML page"):
        load(str(path))


def test_iframe_srcdoc_is_read_and_src_is_not_fetched(tmp_path):
    import html

    inner = html.escape(_PAGE, quote=True)
    path = tmp_path / "frame.html"
    path.write_text(f"<html><body><div>首页</div><iframe srcdoc=\"{inner}\"></iframe>"
                    "<iframe src='http://example.invalid/t.html'></iframe></body></html>", encoding="utf-8")
    doc = load(str(path))
    assert _cells(doc)[2] == ["行政处罚", "12"]
    assert "example.invalid" not in doc.text


def test_css_grid_cells_are_placed_with_their_spans(tmp_path):
    """A grid of 3 columns: a label spanning two rows takes column 0 of both, so the second row's
    cells start at column 1 (auto-placement), as a browser shows them."""
    cells = ["<div style='grid-row:span 2'>（三）不予公开</div>", "<div>1.属于国家秘密</div>", "<div>4</div>",
             "<div>2.其他</div>", "<div>7</div>", "<div style='grid-column:span 2'>（七）总计</div>", "<div>11</div>"]
    path = tmp_path / "grid.html"
    path.write_text("<html><head><style>.g { display: grid }</style></head><body><p>报告</p>"
                    "<div class='g' style='grid-template-columns: repeat(3, 1fr)'>" + "".join(cells) + "</div></body></html>",
                    encoding="utf-8")
    doc = load(str(path))
    grid = [[c.text if c else None for c in row] for row in doc.tables[0].grid()]
    assert grid == [["（三）不予公开", "1.属于国家秘密", "4"], ["（三）不予公开", "2.其他", "7"],
                    ["（七）总计", "（七）总计", "11"]]


def test_css_display_table_rows(tmp_path):
    path = tmp_path / "divs.html"
    path.write_text("<html><head><style>.t{display:table}.r{display:table-row}.c{display:table-cell}</style></head>"
                    "<body><div class='t'><div class='r'><div class='c'>行政许可</div><div class='c'>5</div></div>"
                    "<div class='r'><div class='c'>行政处罚</div><div class='c'>12</div></div></div>"
                    "<div class='r'>not in a table</div></body></html>", encoding="utf-8")
    doc = load(str(path))
    assert len(doc.tables) == 1 and _cells(doc) == [["行政许可", "5"], ["行政处罚", "12"]]


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("某局2023年政府信息公开工作年度报告")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("行政许可", "5"), ("行政处罚", "12")]):
        for k, v in enumerate(row):
            t.cell(r, k).text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_office_suffix_with_other_bytes_is_read_by_its_bytes(tmp_path, suffix):
    as_docx = tmp_path / f"a{suffix}"
    as_docx.write_bytes(_docx_bytes())
    as_html = tmp_path / f"b{suffix}"
    as_html.write_bytes(("<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>" + _TABLE + "</body></html>").encode("gb18030"))
    as_mht = tmp_path / f"c{suffix}"
    as_mht.write_bytes(_mht(_PAGE.encode("gb18030"), "gbk"))
    assert [sniff(str(p)) for p in (as_docx, as_html, as_mht)] == ["zip", "html", "mht"]
    assert load(str(as_docx)).format == "docx" and _cells(load(str(as_docx)))[1] == ["行政处罚", "12"]
    assert _cells(load(str(as_html)))[2] == ["行政处罚", "12"]
    assert _cells(load(str(as_mht)))[2] == ["行政处罚", "12"]


@pytest.mark.skipif(bool(shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice converts them")
def test_unreadable_office_files_fail_with_a_reason_and_the_batch_goes_on(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (tmp_path / "renamed.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (tmp_path / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    shutil.copy(_REAL, tmp_path / "good.txt")
    assert sorted(p.rsplit("/", 1)[1] for p in walk([str(tmp_path)]).paths) == [
        "good.txt", "old.doc", "renamed.docx", "sheet.xls"]
    results = {r.doc: r for r in extract_paths([str(tmp_path)], LayoutEngine())}
    assert results["good.txt"].status in ("verified", "review")
    reasons = {
        "old.doc": "old Word/WPS format", "renamed.docx": "old binary Word/WPS file named .docx",
        "sheet.xls": "sheet.xls: not a readable Excel 97–2003 workbook",
    }
    for name, reason in reasons.items():
        r = results[name]
        assert r.status == "failed" and name in r.error and reason in r.error, r.error
        assert "convert" in r.error or "save it as" in r.error


def test_xlsx_merged_cells_are_spans_and_titles_are_lines(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "某局2023年政府信息公开工作年度报告"
    ws.merge_cells("A1:D1")
    ws["A3"] = "三、收到和处理政府信息公开申请情况"
    ws["A4"], ws["C4"], ws["D4"] = "三、本年度办理结果", "（一）予以公开", 5.0
    ws["C5"], ws["D5"] = "（二）部分公开", 0.5
    ws.merge_cells("A4:B5")
    path = tmp_path / "t.xlsx"
    wb.save(path)
    doc = load(str(path))
    assert doc.format == "xlsx"
    assert doc.text.splitlines()[:2] == ["某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    assert len(doc.tables) == 1
    grid = [[c.text if c else None for c in row] for row in doc.tables[0].grid()]
    assert grid == [["三、本年度办理结果", "三、本年度办理结果", "（一）予以公开", "5"],
                    ["三、本年度办理结果", "三、本年度办理结果", "（二）部分公开", "0.5"]]


@pytest.mark.parametrize("name", ["t.xls", "t.et", "named-wrongly.xlsx"])
def test_binary_xls_merged_cells_are_spans_and_titles_are_lines(tmp_path, name):
    """An Excel 97–2003 workbook (BIFF, also WPS .et, also one misnamed .xlsx) reads as the
    .xlsx of the same sheet does: merged ranges as spans, numbers as stored (5.0 as 5)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("年报")
    ws.write_merge(0, 0, 0, 3, "某局2023年政府信息公开工作年度报告")
    ws.write(2, 0, "三、收到和处理政府信息公开申请情况")
    ws.write_merge(3, 4, 0, 1, "三、本年度办理结果")
    ws.write(3, 2, "（一）予以公开")
    ws.write(3, 3, 5.0)
    ws.write(4, 2, "（二）部分公开")
    ws.write(4, 3, 0.5)
    ws2 = wb.add_sheet("表四")
    ws2.write(0, 0, "行政许可")
    ws2.write(0, 1, 1234)
    path = tmp_path / name
    wb.save(str(path))
    doc = load(str(path))
    assert doc.format == "xls"
    assert doc.text.splitlines()[:2] == ["某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    grid = [[c.text if c else None for c in row] for row in doc.tables[0].grid()]
    assert grid == [["三、本年度办理结果", "三、本年度办理结果", "（一）予以公开", "5"],
                    ["三、本年度办理结果", "三、本年度办理结果", "（二）部分公开", "0.5"]]
    assert [[c.text for c in row] for row in doc.tables[1].grid()] == [["行政许可", "1234"]]
    assert doc.tables[0].cells[0].locator == {"sheet": "年报", "row": 4, "col": 1}


def test_damaged_xls_fails_naming_the_file(tmp_path):
    """A truncated workbook (its first bytes say OLE, the rest is cut) is a clear error, not a crash."""
    import xlwt

    wb = xlwt.Workbook()
    wb.add_sheet("s").write(0, 0, "x")
    whole = tmp_path / "whole.xls"
    wb.save(str(whole))
    cut = tmp_path / "cut.xls"
    cut.write_bytes(whole.read_bytes()[:1200])
    with pytest.raises(InputError, match=r"cut\.xls: not a readable Excel 97–2003 workbook"):
        load(str(cut))


def test_docx_frame_table_and_text_boxes_are_read_as_their_tables(tmp_path):
    import docx
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    box = frame.cell(0, 0)
    box.paragraphs[0].text = "某局2023年政府信息公开工作年度报告"
    inner = d.add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "行政许可", "5"
    box._tc.append(inner._tbl)
    box.add_paragraph("")
    boxed = d.add_table(rows=1, cols=2)
    boxed.cell(0, 0).text, boxed.cell(0, 1).text = "行政处罚", "12"
    anchor = d.add_paragraph("见下表")
    # the same text box twice, as Word writes it: DrawingML choice and its VML fallback
    alt = parse_xml(f"<w:r {ns}><mc:AlternateContent><mc:Choice Requires='wps'><w:txbxContent/></mc:Choice>"
                    f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict>"
                    f"</mc:Fallback></mc:AlternateContent></w:r>")
    choice, fallback = alt.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent")
    import copy

    fallback.append(copy.deepcopy(boxed._tbl))
    choice.append(boxed._tbl)
    anchor._p.append(alt)
    path = tmp_path / "framed.docx"
    d.save(path)
    doc = load(str(path))
    assert [[[c.text for c in row] for row in t.grid()] for t in doc.tables] == [[["行政许可", "5"]], [["行政处罚", "12"]]]
    assert doc.text.count("行政处罚") == 1 and "见下表\n" in doc.text
