"""Files whose suffix lies, beyond office files (docs/inputs.md, "A suffix that lies"), CSV/TSV
saved from Excel, Word's imported chunks (`w:altChunk`), and the macro-enabled and template
suffixes: each read by what its bytes are, or failed naming what they are."""

from __future__ import annotations

import csv
import io
import quopri
import zipfile

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.load import SUPPORTED, load
from extractor.load._sniff import kind
from extractor.pipeline import extract_path

from _formats import gold, same_numbers
from _zip_files import SEED, expected, report_files, zip_bytes

ENGINE = LayoutEngine()


def _write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _reads_right(path: str) -> None:
    result = extract_path(path, ENGINE)
    assert result.status == "verified", result.error
    assert same_numbers(result.fields, expected()) == []


@pytest.mark.parametrize("source,name,fmt", [
    (".html", "report.pdf", "html"),   # a site serving the report page under .pdf
    (".pdf", "report.html", "pdf"),    # a PDF under the page's name
    (".pdf", "report.htm", "pdf"),
    (".docx", "report.txt", "docx"),   # a Word document saved as .txt
    (".docx", "report.htm", "docx"),
    (".pdf", "scan.png", "pdf"),       # a PDF under an image's suffix
    (".pdf", "report.doc", "pdf"),     # a PDF under Word's suffix
    (".html", "report.zip", "html"),   # not an archive at all
])
def test_a_file_is_read_by_what_its_bytes_are(tmp_path, source, name, fmt):
    path = _write(tmp_path, name, report_files()[source])
    assert load(path).format == fmt
    _reads_right(path)


def test_an_error_page_under_pdf_fails_saying_it_is_an_html_page(tmp_path):
    page = "<html><head><title>404 页面不存在</title></head><body><p>您访问的页面不存在或已被删除。</p></body></html>"
    path = _write(tmp_path, "report.pdf", page.encode("utf-8"))
    result = extract_path(path, ENGINE)
    assert result.status == "failed"
    assert result.error.startswith(f"{path}: this .pdf is an HTML page: ")


def test_a_broken_file_read_by_its_bytes_fails_naming_both(tmp_path):
    """A PDF header under .html whose body is no PDF: the error says what the file claimed to be."""
    path = _write(tmp_path, "report.html", b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match=r"report\.html: this \.html is a PDF: "):
        load(path)


def test_an_archive_under_a_report_name_says_rename_it(tmp_path):
    path = _write(tmp_path, "report.pdf", zip_bytes([("a.html", report_files()[".html"])]))
    with pytest.raises(InputError, match=r"this \.pdf is a zip archive, not a report file; rename it \.zip"):
        load(path)


def test_kinds_of_bytes():
    """The signatures (a text that merely starts with BM or mentions %PDF later is still text)."""
    import tempfile

    cases = {b"%PDF-1.4\n": "pdf", b"\x89PNG\r\n\x1a\n" + bytes(20): "image", b"GIF89a" + bytes(10): "image",
             b"\xff\xd8\xff\xe0" + bytes(20): "image", b"BM" + bytes(12) + (40).to_bytes(4, "little") + bytes(8): "image",
             "BM公司2023年报告".encode("utf-8"): None, "报告\n" .encode("utf-8") * 400 + b"%PDF-1.4": None,
             b"{\\rtf1\\ansi": "rtf", b"<!DOCTYPE html><html>": "html"}
    for data, want in cases.items():
        with tempfile.NamedTemporaryFile(suffix=".bin") as f:
            f.write(data)
            f.flush()
            assert kind(f.name) == want, data[:20]


def _csv(encoding: str, *, sep: str = ",") -> bytes:
    """The report kept in a sheet and saved by Excel: every row padded to the sheet's width."""
    from _formats import make_formats

    mf = make_formats()
    rows: list[list[str]] = []
    for kind_, item in mf.report_blocks(gold(SEED)):
        if kind_ == "table":
            matrix, _ = mf.grid(item)
            rows += [[c or "" for c in r] for r in matrix]
        else:
            rows += [[line] for line in str(item).splitlines() if line.strip()]
    width = max(map(len, rows))
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(r + [""] * (width - len(r)) for r in rows)
    return ("\ufeff" if encoding == "utf-8-sig" else "").encode() + buf.getvalue().encode(
        "gb18030" if encoding == "gbk" else "utf-8")


@pytest.mark.parametrize("encoding,name,sep", [("gbk", "report.csv", ","), ("utf-8-sig", "report.csv", ","),
                                                ("gbk", "report.tsv", "\t")])
def test_csv_and_tsv_saved_from_excel_are_read(tmp_path, encoding, name, sep):
    assert ".csv" in SUPPORTED and ".tsv" in SUPPORTED
    path = _write(tmp_path, name, _csv(encoding, sep=sep))
    doc = load(path)
    assert doc.format == "txt" and "\ufeff" not in doc.text
    _reads_right(path)


def _alt_chunk_docx(chunk: str) -> bytes:
    """A .docx whose whole body is one `w:altChunk`: the report page as a web archive or as HTML."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    page = report_files()[".html"]
    if chunk == "mht":
        blob = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_B\"\r\n\r\n"
                b"------=_NextPart_B\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
                b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quopri.encodestring(page)
                + b"\r\n------=_NextPart_B--\r\n")
        part = Part(PackURI("/word/afchunk.mht"), "message/rfc822", blob, d.part.package)
    else:
        part = Part(PackURI("/word/afchunk.htm"), "text/html", page, d.part.package)
    el = OxmlElement("w:altChunk")
    el.set(qn("r:id"), d.part.relate_to(part, RT.A_F_CHUNK))
    d.element.body.insert(0, el)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("chunk", ["mht", "html"])
def test_a_docx_whose_body_is_an_imported_chunk_reads_its_tables(tmp_path, chunk):
    """On main this was "the Word document has no text": the body holds only the w:altChunk."""
    path = _write(tmp_path, "report.docx", _alt_chunk_docx(chunk))
    doc = load(path)
    assert doc.format == "docx" and len(doc.tables) == 3
    cell = doc.tables[1].cells[5]
    assert doc.text[cell.span[0]:cell.span[1]] == cell.text and cell.locator["chunk"].startswith("/word/afchunk")
    _reads_right(path)


def _retyped(data: bytes, old: str, new: str) -> bytes:
    """The package with its main part's content type changed (a .docm/.dotx/.xlsm is just that)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "[Content_Types].xml":
                assert old.encode() in part
                part = part.replace(old.encode(), new.encode())
            zout.writestr(info, part)
    return out.getvalue()


_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.mark.parametrize("suffix,ctype", [
    (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
])
def test_macro_enabled_and_template_word_files_are_read(tmp_path, suffix, ctype):
    path = _write(tmp_path, "report" + suffix, _retyped(report_files()[".docx"], _DOCX_MAIN, ctype))
    assert load(path).format == "docx"
    _reads_right(path)


def test_macro_enabled_workbook_is_read(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["镕县人民政府2023年政府信息公开工作年度报告"])
    buf = io.BytesIO()
    wb.save(buf)
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    path = _write(tmp_path, "report.xlsm", _retyped(buf.getvalue(), main, "application/vnd.ms-excel.sheet.macroEnabled.main+xml"))
    assert "镕县人民政府" in load(path).text


def test_jfif_and_gif_are_images():
    assert {".jfif", ".gif"} <= SUPPORTED


@pytest.mark.parametrize("name", ["report.pdf", "report.doc", "report.xls", "report.docx"])
def test_a_text_report_under_a_binary_suffix_is_read_as_text(tmp_path, name):
    """A CMS's "export" that writes the report as text (GBK) under .pdf or an office suffix."""
    path = _write(tmp_path, name, _csv("gbk", sep="\t"))
    assert load(path).format == "txt"
    _reads_right(path)


def test_binary_bytes_are_not_taken_for_text(tmp_path):
    import random

    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(5000))
    path = _write(tmp_path, "report.pdf", noise)
    with pytest.raises(InputError, match="not a PDF"):
        load(path)


@pytest.mark.parametrize("name,fmt", [("report.rst", "txt"), ("report.adoc", "txt"), ("report.org", "txt"),
                                      ("report.wiki", "txt"), ("report.tex", "txt"), ("report.markdown", "md")])
def test_converter_and_wiki_suffixes_are_read_as_text(tmp_path, name, fmt):
    """pandoc, AsciiDoc, org-mode, wiki and LaTeX files a converter wrote: on main a folder walk
    passed them over as unsupported; their tables are read by the text loader."""
    assert name[name.rindex("."):] in SUPPORTED
    path = _write(tmp_path, name, _csv("utf-8", sep="\t"))
    assert load(path).format == fmt
    _reads_right(path)
