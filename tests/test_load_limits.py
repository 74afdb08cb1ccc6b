"""Memory attacks on the loaders: each is refused quickly with a reason naming the file and the
limit, or (deep HTML) read without losing its content. Limits: `extractor/load/limits.py`."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.load import limits, load

from test_html_loader import PAGE

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PARA = "<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>"


def _docx_bytes(body: str = _PARA, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx (python-docx opens it) whose document body is `body`."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{body}</w:body></w:document>'.encode()
            z.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        for name, data in (extra or {}).items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def _refused(path: Path, *words: str, within: float = 5.0) -> InputError:
    t0 = time.monotonic()
    with pytest.raises(InputError) as err:
        load(str(path))
    took = time.monotonic() - t0
    assert took < within, f"refusing {path.name} took {took:.1f} s"
    message = str(err.value)
    assert str(path) in message
    for w in words:
        assert w in message, (w, message)
    return err.value


# ------------------------------------------------------------------ .docx


def test_docx_whose_document_xml_unpacks_past_the_part_limit_is_refused(tmp_path):
    """The issue's bomb, scaled: a small file whose document.xml unpacks past the part limit."""
    repeat = limits.MAX_DOCX_XML_PART // len(_PARA.encode()) + 1000
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_bytes(_PARA * repeat))
    assert path.stat().st_size < 2 * limits.MB  # it passes the file-size guard by far
    _refused(path, "word/document.xml", f"{limits.MAX_DOCX_XML_PART >> 20} MB")


def test_docx_part_packed_past_the_ratio_limit_is_refused(tmp_path):
    """Under every size limit, but packed a thousand times: only a bomb packs like that."""
    path = tmp_path / "ratio.docx"
    path.write_bytes(_docx_bytes(_PARA + "<w:p/>" * (3 * limits.MB // 6)))
    _refused(path, "word/document.xml", "packed", str(limits.MAX_DOCX_RATIO))


def test_docx_whose_parts_together_unpack_past_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCX_TOTAL", 4 * limits.MB)
    noise = random.Random(0).randbytes(3 * limits.MB)  # does not pack: no ratio alarm
    path = tmp_path / "total.docx"
    path.write_bytes(_docx_bytes(extra={"word/media/a.bin": noise, "word/media/b.bin": noise[::-1]}))
    _refused(path, "unpacks to", "4 MB")


@pytest.mark.parametrize("span", ["1000000000", "abc", "-5"])
def test_docx_table_with_a_hostile_grid_span_is_refused_not_crashed(tmp_path, span):
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
    body = _PARA + f"<w:tbl><w:tr>{cell}<w:tc><w:p/></w:tc></w:tr><w:tr>{cell}</w:tr></w:tbl>"
    path = tmp_path / "span.docx"
    path.write_bytes(_docx_bytes(body))
    if span == "1000000000":
        _refused(path, "table", str(limits.MAX_TABLE_SLOTS))
    else:
        doc = load(str(path))  # a span that is no number is one column, as Word reads it
        assert all(c.colspan == 1 for t in doc.tables for c in t.cells)


# ------------------------------------------------------------------ HTML


@pytest.mark.parametrize("depth", [300, 3000, 20000])
def test_html_nested_deeper_than_the_parser_allows_keeps_its_tables(tmp_path, depth):
    shallow = tmp_path / "shallow.html"
    shallow.write_bytes(PAGE.encode("gbk"))
    deep = tmp_path / "deep.html"
    body_start = PAGE.index('<div class="article">')
    body_end = PAGE.index('<div class="footer">')
    nested = PAGE[:body_start] + "<div>" * depth + PAGE[body_start:body_end] + "</div>" * depth + PAGE[body_end:]
    deep.write_bytes(nested.encode("gbk"))
    want, got = load(str(shallow)), load(str(deep))
    assert [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells] for t in got.tables] == \
           [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells] for t in want.tables]
    assert "本年新收政府信息公开申请数量" in got.text and "2019年上海市人民政府办公厅" in got.text


def test_html_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.html"
    filler = "<p>政府信息公开</p>\n" * (limits.MAX_HTML_BYTES // 20 + 1000)
    path.write_text(f"<html><body>{filler}</body></html>", encoding="utf-8")
    _refused(path, "HTML", f"{limits.MAX_HTML_BYTES >> 20} MB")


def test_html_table_whose_spans_cover_too_many_slots_is_refused(tmp_path):
    row = '<td rowspan="200" colspan="200">1</td>' * 50
    path = tmp_path / "spans.html"
    path.write_text(f"<html><body><p>报告</p><table>{'<tr>' + row + '</tr>'}" * 40 + "</table></body></html>",
                    encoding="utf-8")
    _refused(path, "table", str(limits.MAX_TABLE_SLOTS))


# ------------------------------------------------------------------ text and images


def test_text_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("政府信息公开 1 2 3\n" * (limits.MAX_TEXT_BYTES // 20 + 1000)).encode())
    _refused(path, "text", f"{limits.MAX_TEXT_BYTES >> 20} MB")


def test_image_with_more_pixels_than_the_limit_is_refused_before_decoding(tmp_path):
    from PIL import Image

    path = tmp_path / "wide.png"
    Image.new("1", (10_000, 6_000), 1).save(path)  # 60 M pixels, a few KB packed
    assert path.stat().st_size < limits.MB
    _refused(path, "pixels", f"{limits.MAX_IMAGE_PIXELS:,}")


def test_scanned_pdf_page_is_rendered_within_the_pixel_limit(tmp_path, monkeypatch):
    """A page 5 m on a side rendered at OCR resolution would be 1.5 G pixels (4.6 GB)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    from extractor.load import _recognise, pdf

    seen = []
    monkeypatch.setattr(_recognise, "ocr_image", lambda image, page, unit=1.0: seen.append((image.size, unit)) or
                        pdf.page_blocks(page, image.height / unit, [], []))
    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(14_000, 14_000))
    c.drawImage(ImageReader(Image.new("RGB", (20, 20), "black")), 100, 100, 200, 200)
    c.save()
    with pytest.raises(InputError, match="no readable text"):
        load(str(path))
    (w, h), unit = seen[0]
    assert w * h <= limits.MAX_IMAGE_PIXELS and abs(w / unit - 14_000) < 5
