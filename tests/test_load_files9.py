"""Files an audit office's batch holds that the loaders did not read (issue 11, files9): e-mails
(`.eml`, the report as the body or attached), RAR/7z archives (refused, named), WPS `.ett`
templates, an .xlsx under an .xls name, flat OpenDocument (`.fodt`/`.fods`), Word 2003 XML, page
headers holding the title, and workbooks embedded in a .docx."""

from __future__ import annotations

import base64
import io
import json
import quopri
import zipfile
from pathlib import Path

import pytest

from extractor.batch import JsonlSink, run_batch
from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.load import limits, load, walk
from extractor.pipeline import extract_path, extract_paths

from _formats import same_numbers
from _zip_files import expected, report_files, zip_bytes

ENGINE = LayoutEngine()
STEM = "镕县人民政府2023年政府信息公开工作年度报告"


def _b64(data: bytes) -> str:
    return "\r\n".join(base64.b64encode(data[i:i + 57]).decode() for i in range(0, len(data), 57))


def _word(text: str, charset: str = "GBK") -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode('gb18030')).decode()}?="


def _mail(parts: list[str], kind: str = "multipart/mixed") -> bytes:
    head = (f"From: \"{_word('办公室')}\" <bgs@example.gov.cn>\r\nTo: gkb@example.gov.cn\r\n"
            f"Subject: {_word(STEM, 'GB2312')}\r\nDate: Tue, 12 Mar 2024 09:13:02 +0800\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: {kind}; boundary=\"==b==\"\r\n\r\n")
    return (head + "".join(f"--==b==\r\n{p}\r\n" for p in parts) + "--==b==--\r\n").encode("latin-1")


def _note() -> str:
    body = "您好！附件是年度报告，请查收。".encode("gb18030")
    return f"Content-Type: text/plain; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{_b64(body)}\r\n"


def _attachment(name_header: str, data: bytes, ctype: str = "application/octet-stream") -> str:
    return f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: {name_header}\r\n\r\n{_b64(data)}\r\n"


def _html_body() -> str:
    page = report_files()[".html"].decode("utf-8").replace("utf-8", "gb2312").replace("UTF-8", "gb2312")
    qp = quopri.encodestring(page.encode("gb18030")).decode("ascii").replace("\n", "\r\n")
    return f"Content-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n"


def _batch(inputs: list[str]) -> list[dict]:
    buf = io.StringIO()
    run_batch(inputs, ENGINE, None, sink=JsonlSink(buf), progress=False)
    return [json.loads(x) for x in buf.getvalue().splitlines()]


# ------------------------------------------------------------------ e-mails


def test_a_report_sent_as_the_mails_gbk_quoted_printable_html_body_is_read(tmp_path):
    mail = tmp_path / "mail.eml"
    mail.write_bytes(_mail([_note().replace("gb2312", "gb2312"), _html_body()], "multipart/alternative"))
    assert walk([str(tmp_path)]).paths == [str(mail)]
    r = extract_path(str(mail), ENGINE)
    assert r.status == "verified", r.error
    assert same_numbers(r.fields, expected()) == []


def test_an_attached_report_is_a_member_named_in_the_mail_and_the_covering_note_is_not_read(tmp_path):
    files = report_files()
    logo = ("Content-Type: image/png; name=\"image001.png\"\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-ID: <image001.png@01DA>\r\n\r\n" + _b64(b"\x89PNG\r\n\x1a\n" + bytes(30)) + "\r\n")
    mail = tmp_path / "mail.eml"
    mail.write_bytes(_mail([_note(), _attachment(f"attachment; filename=\"{_word(STEM + '.docx')}\"", files[".docx"]),
                            _attachment("attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf", files[".pdf"]), logo]))
    found = walk([str(tmp_path)])
    assert found.paths == [f"{mail}/{STEM}.docx", f"{mail}/报告.pdf"]
    assert list(found.skipped.values()) == [[str(mail)]]  # the covering note
    results = list(extract_paths([str(tmp_path)], ENGINE))
    assert [r.path for r in results] == found.paths
    for r in results:
        assert r.status == "verified", r.error
        assert same_numbers(r.fields, expected()) == []
    with pytest.raises(InputError, match="attachment.*each is read as a report of its own"):
        load(str(mail))


def test_attachment_names_are_data_raw_gbk_decoded_paths_cut_duplicates_told_apart(tmp_path):
    pdf = report_files()[".pdf"]
    raw = (STEM + ".pdf").encode("gbk").decode("latin-1")
    mail = tmp_path / "m.eml"
    mail.write_bytes(_mail([_note(), _attachment(f"attachment; filename=\"{raw}\"", pdf),
                            _attachment("attachment; filename=\"../../../evil.pdf\"", pdf),
                            _attachment("attachment; filename=\"C:\\\\Users\\\\x\\\\evil.pdf\"", pdf),
                            _attachment("attachment", pdf, "application/pdf")]))
    paths = walk([str(mail)]).paths
    assert paths == [f"{mail}/{STEM}.pdf", f"{mail}/evil.pdf", f"{mail}/evil (2).pdf", f"{mail}/附件4.pdf"]
    before = set(Path(tmp_path).parent.iterdir())
    for p in paths:
        assert load(p).path == p
    assert set(Path(tmp_path).parent.iterdir()) == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["m.eml"]


def test_a_zip_attached_is_read_one_level_down(tmp_path):
    inner = zip_bytes([(f"{STEM}.pdf", report_files()[".pdf"])])
    mail = tmp_path / "m.eml"
    mail.write_bytes(_mail([_note(), _attachment(f"attachment; filename=\"{_word('报告.zip')}\"", inner)]))
    paths = walk([str(mail)]).paths
    assert paths == [f"{mail}/报告.zip/{STEM}.pdf"]
    assert same_numbers(extract_path(paths[0], ENGINE).fields, expected()) == []


def test_hostile_mails_fail_naming_the_file_and_the_batch_goes_on(tmp_path):
    deep = "".join(f"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n" for i in range(60))
    (tmp_path / "a_deep.eml").write_bytes(("MIME-Version: 1.0\r\nSubject: x\r\n" + deep + "Content-Type: text/plain\r\n\r\nx\r\n")
                                          .encode())
    (tmp_path / "b_notmail.eml").write_bytes(b"\x00\x01binary junk that is not a mail at all")
    (tmp_path / "c_empty_body.eml").write_bytes(_mail([_attachment("attachment; filename=\"a.exe\"", b"MZ")]))
    (tmp_path / "d_good.eml").write_bytes(_mail([_html_body()], "multipart/alternative"))
    lines = {Path(x["doc"]).name: x for x in _batch([str(tmp_path)])}
    assert f"nested more than {limits.MAX_MAIL_DEPTH} deep" in lines["a_deep.eml"]["error"]
    assert "not an e-mail message" in lines["b_notmail.eml"]["error"]
    assert "no attachment that can be read as a report (a.exe)" in lines["c_empty_body.eml"]["error"]
    for name in ("a_deep.eml", "b_notmail.eml", "c_empty_body.eml"):
        assert lines[name]["status"] == "failed" and name in lines[name]["error"]
    assert lines["d_good.eml"]["status"] == "verified"


# ------------------------------------------------------------------ archives not read


def test_rar_and_7z_archives_fail_with_a_reason_naming_the_file(tmp_path):
    (tmp_path / "a.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(40))
    (tmp_path / "b.7z").write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40))
    (tmp_path / "c.rar").write_bytes(zip_bytes([(f"{STEM}.pdf", report_files()[".pdf"])]))
    zipped = tmp_path / "d.zip"
    zipped.write_bytes(zip_bytes([("inner.rar", b"Rar!\x1a\x07\x00" + bytes(40)), (f"{STEM}.pdf", report_files()[".pdf"])]))
    lines = {x["doc"]: x for x in _batch([str(tmp_path)])}
    assert "RAR archives are not read" in lines["a.rar"]["error"] and "unpack it first" in lines["a.rar"]["error"]
    assert "7z archives are not read" in lines["b.7z"]["error"]
    assert "is a zip archive: rename it .zip" in lines["c.rar"]["error"]
    assert str(tmp_path / "a.rar") in lines["a.rar"]["error"]
    assert "RAR archives are not read" in lines["inner.rar"]["error"] and "d.zip/inner.rar" in lines["inner.rar"]["error"]
    assert lines[f"{STEM}.pdf"]["status"] == "verified"


# ------------------------------------------------------------------ workbooks


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "数量"])
    ws.append(["主动公开", 12])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("suffix", [".xls", ".et", ".ett"])
def test_an_xlsx_under_an_old_workbook_name_is_read(tmp_path, suffix):
    path = tmp_path / f"book{suffix}"
    path.write_bytes(_xlsx())
    doc = load(str(path))
    assert doc.format == "xlsx" and "主动公开\t12" in doc.text


def test_a_wps_template_ett_is_read_as_the_binary_workbook_it_is(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("年报")
    ws.write(0, 0, "主动公开")
    ws.write(0, 1, 7)
    path = tmp_path / "t.ett"
    wb.save(str(path))
    doc = load(str(path))
    assert doc.format == "xls" and "主动公开\t7" in doc.text


# ------------------------------------------------------------------ flat OpenDocument

_ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def test_a_flat_odt_is_read_with_its_spans(tmp_path):
    path = tmp_path / "r.fodt"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><office:document {_ODF} office:mimetype='
                    '"application/vnd.oasis.opendocument.text"><office:body><office:text><text:p>某县2023年报告</text:p>'
                    '<table:table><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>表头</text:p>'
                    '</table:table-cell><table:covered-table-cell/></table:table-row><table:table-row><table:table-cell>'
                    '<text:p>件数</text:p></table:table-cell><table:table-cell><text:p>5</text:p></table:table-cell>'
                    '</table:table-row></table:table></office:text></office:body></office:document>', encoding="utf-8")
    doc = load(str(path))
    assert doc.format == "odt" and doc.text.startswith("某县2023年报告")
    assert [(c.row, c.col, c.colspan, c.text) for c in doc.tables[0].cells] == [(0, 0, 2, "表头"), (1, 0, 1, "件数"), (1, 1, 1, "5")]


def test_a_flat_ods_is_read_and_other_xml_fails_clearly(tmp_path):
    path = tmp_path / "r.fods"
    path.write_text(f'<?xml version="1.0"?><office:document {_ODF}><office:body><office:spreadsheet><table:table table:name="S">'
                    '<table:table-row><table:table-cell><text:p>主动公开</text:p></table:table-cell><table:table-cell>'
                    '<text:p>9</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
                    '</office:document>', encoding="utf-8")
    assert "主动公开\t9" in load(str(path)).text
    bad = tmp_path / "bad.fodt"
    bad.write_text("<html><body>x</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="not a flat OpenDocument file"):
        load(str(bad))


# ------------------------------------------------------------------ Word 2003 XML

_W2003 = ('<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
          '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
          'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"><w:body><wx:sect>'
          '<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>'
          '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>表头</w:t></w:r></w:p></w:tc></w:tr>'
          '<w:tr><w:tc><w:tcPr><w:vmerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>件数</w:t></w:r></w:p></w:tc>'
          '<w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr>'
          '<w:tr><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>6</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
          '<w:sectPr><w:hdr w:type="odd"><w:p><w:r><w:t>某县人民政府2023年报告</w:t></w:r></w:p></w:hdr></w:sectPr>'
          '</wx:sect></w:body></w:wordDocument>')


@pytest.mark.parametrize("suffix", [".xml", ".doc"])
def test_word_2003_xml_is_read_with_merges_and_its_page_header(tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_text(_W2003, encoding="utf-8")
    doc = load(str(path))
    assert doc.text.splitlines()[:2] == ["某县人民政府2023年报告", "政府信息公开工作年度报告"]
    assert doc.text.count("某县人民政府2023年报告") == 1
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in doc.tables[0].cells] == [
        (0, 0, 1, 2, "表头"), (1, 0, 2, 1, "件数"), (1, 1, 1, 1, "5"), (2, 1, 1, 1, "6")]


def test_an_xml_file_that_is_no_word_document_is_passed_over_in_a_folder(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url/></urlset>', encoding="utf-8")
    (tmp_path / "r.xml").write_text(_W2003, encoding="utf-8")
    found = walk([str(tmp_path)])
    assert found.paths == [str(tmp_path / "r.xml")]
    assert found.skipped == {"not a report (an XML file that is not a Word document)": [str(tmp_path / "sitemap.xml")]}


# ------------------------------------------------------------------ .docx: page headers, embedded workbooks


def test_a_docx_title_only_in_the_page_header_is_read_before_the_body(tmp_path):
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某县人民政府2023年政府信息公开工作年度报告"
    d.sections[0].footer.paragraphs[0].text = "— 1 —"
    d.add_paragraph("一、总体情况")
    path = tmp_path / "r.docx"
    d.save(str(path))
    assert load(str(path)).text.splitlines() == ["某县人民政府2023年政府信息公开工作年度报告", "一、总体情况"]


def test_a_workbook_embedded_as_an_object_gives_its_tables(tmp_path):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("二、主动公开政府信息情况")
    part = Part(PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx(), d.part.package)
    rid = d.part.relate_to(part, RT.PACKAGE)
    d.add_paragraph()._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:object><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="{rid}"/></w:object></w:r>'))
    d.add_paragraph("三、其他")
    path = tmp_path / "r.docx"
    d.save(str(path))
    doc = load(str(path))
    assert len(doc.tables) == 1
    assert [c.text for c in doc.tables[0].cells] == ["项目", "数量", "主动公开", "12"]
    assert doc.text.index("二、主动公开") < doc.text.index("主动公开\t12") < doc.text.index("三、其他")
    assert doc.tables[0].cells[0].locator["chunk"] == "/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"


def test_embedded_workbooks_are_bounded_and_each_read_once(tmp_path, monkeypatch):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = docx.Document()
    rids = []
    for i in range(3):
        part = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{i}.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx(), d.part.package)
        rids.append(d.part.relate_to(part, RT.PACKAGE))
    for rid in rids + rids:  # each shown twice
        d.add_paragraph()._p.append(parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:object><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="{rid}"/></w:object></w:r>'))
    path = tmp_path / "r.docx"
    d.save(str(path))
    assert len(load(str(path)).tables) == 3
    monkeypatch.setattr(limits, "MAX_EMBEDDED_WORKBOOKS", 2)
    with pytest.raises(InputError, match="embeds more than 2 workbooks"):
        load(str(path))


def test_a_zip_of_mails_lists_each_mails_attachments_and_reads_them(tmp_path):
    files = report_files()
    mail = _mail([_note(), _attachment(f"attachment; filename=\"{_word(STEM + '.docx')}\"", files[".docx"])])
    body_mail = _mail([_html_body()], "multipart/alternative")
    deeper = _mail([_note(), _attachment("attachment; filename=\"r.zip\"", zip_bytes([("x.pdf", files[".pdf"])]))])
    archive = tmp_path / "mailbox.zip"
    archive.write_bytes(zip_bytes([("收件箱/a.eml", mail), ("收件箱/b.eml", body_mail), ("收件箱/c.eml", deeper)]))
    found = walk([str(archive)])
    assert found.paths == [f"{archive}/收件箱/a.eml/{STEM}.docx", f"{archive}/收件箱/b.eml", f"{archive}/收件箱/c.eml/r.zip"]
    results = {r.path: r for r in extract_paths([str(archive)], ENGINE)}
    for p in found.paths[:2]:
        assert results[p].status == "verified", results[p].error
        assert same_numbers(results[p].fields, expected()) == []
    # a zip attached to a mail inside a zip is a third level: not read, and it says so
    assert results[found.paths[2]].status == "failed"
    assert found.paths[2] in results[found.paths[2]].error
    assert "only one level of containers inside a container is read" in results[found.paths[2]].error
