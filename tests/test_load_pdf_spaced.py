"""PDF text written glyph by glyph or letter-spaced (WPS, Foxit, print drivers, Word's 加宽): a
number's digits stand apart only by position and are read back as one number; typed spaces,
neighbouring columns and uneven gaps still split."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.load import pdf as pdf_loader
from extractor.load._grid import Word
from extractor.load.pdf import join_spaced_numbers, load_pdf


def _spaced_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 8)
    c.drawString(50, 800, "Letter spacing report")

    def glyphs(x: float, y: float, text: str, space: float) -> None:
        for ch in text:  # each glyph its own text object at its own position
            c.drawString(x, y, ch)
            x += c.stringWidth(ch, "Helvetica", 8) + space

    c.drawString(50, 760, "alpha")
    glyphs(120, 760, "1234", 2.5)  # 0.31 em between digits
    glyphs(200, 760, "56", 2.5)  # the next column, far away
    c.drawString(50, 740, "beta")
    c.drawString(120, 740, "2,048", charSpace=2.5)  # one string, Tc
    c.drawString(50, 720, "gamma")
    c.drawString(120, 720, "3 0 24")  # typed spaces (Helvetica's space is 0.28 em)
    c.drawString(50, 700, "delta")
    glyphs(120, 700, "7", 0)
    glyphs(124.45 + 2.1, 700, "8", 0)
    glyphs(124.45 + 2.1 + 4.45 + 3.1, 700, "9", 0)  # uneven gaps (2.1 then 3.1 pt): not a spaced number
    c.showPage()
    c.save()
    return path


def _lines(doc) -> dict[str, str]:
    out = {}
    for line in doc.text.splitlines():
        head, _, rest = line.partition(" ") if "\t" not in line else line.partition("\t")
        out[head] = rest.replace("\t", " ")
    return out


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_spaced_digits_read_as_one_number(tmp_path, monkeypatch, reader):
    path = _spaced_pdf(tmp_path / "spaced.pdf")
    if reader == "pdfplumber":
        monkeypatch.setattr(pdf_loader, "_open_pdfium", lambda p: None)
    lines = _lines(load_pdf(str(path)))
    assert lines["alpha"].split() == ["1234", "56"]
    assert lines["beta"].split() == ["2,048"]
    assert lines["gamma"].split() == ["3", "0", "24"]
    assert lines["delta"].split() == ["7", "8", "9"]


def _w(text: str, x0: float, size: float = 8.0, conf: float | None = None) -> Word:
    return Word(text, x0, 100.0, x0 + 4.0 * len(text), 100.0 + size, conf)


def test_join_needs_single_glyphs_even_gaps_and_no_typed_space():
    assert [w.text for w in join_spaced_numbers([_w("1", 0), _w("2", 6.5), _w("3", 13)])] == ["123"]
    assert [w.text for w in join_spaced_numbers([_w("1", 0), _w("2", 6.5), _w("3", 15)])] == ["12", "3"]
    assert [w.text for w in join_spaced_numbers([_w("12", 0), _w("3", 10.5)])] == ["12", "3"]  # not letter spacing
    assert [w.text for w in join_spaced_numbers([_w("1", 0), _w("2", 10)])] == ["1", "2"]  # 6 pt: a column gap
    assert [w.text for w in join_spaced_numbers([_w("1", 0), _w("2", 6.5)], [(100.0, 4.5, 6.0)])] == ["1", "2"]
    assert [w.text for w in join_spaced_numbers([_w("1", 0, conf=0.9), _w("2", 6.5, conf=0.9)])] == ["1", "2"]  # OCR
    assert [w.text for w in join_spaced_numbers([_w("1", 0), _w("2", 6.5, size=12)])] == ["1", "2"]  # another size
    joined = join_spaced_numbers([_w("a", -10), _w("1", 0), _w(",", 6.5), _w("2", 13)])
    assert [w.text for w in joined] == ["a", "1,2"] and joined[1].x0 == 0 and joined[1].x1 == 17
    assert [w.text for w in join_spaced_numbers([_w("1", 0), _w(",", 6.5), _w("x", 30)])] == ["1", ",", "x"]


def test_invisible_ocr_layer_over_a_page_picture_is_read_without_ocr(tmp_path, monkeypatch):
    """Scanner software's PDF: the page a picture, the recognised text laid over it invisibly
    (render mode 3). The text layer is read where the words stand; the page is not OCR'd again."""
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    w, h = c._pagesize
    picture = io.BytesIO()
    Image.new("L", (int(w), int(h)), 255).save(picture, "PNG")
    c.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 0, 0, w, h)
    t = c.beginText()
    t.setTextRenderMode(3)
    t.setFont("Helvetica", 8)
    for k, (label, value) in enumerate([("alpha", "1 2 3 4"), ("beta", "56"), ("gamma", "78")]):
        t.setTextOrigin(50, 760 - 20 * k)
        t.textOut(label)
        t.setTextOrigin(120, 760 - 20 * k)
        if value == "1 2 3 4":
            t.setCharSpace(2.5)
            t.textOut("1234")  # letter-spaced in the OCR layer too
            t.setCharSpace(0)
        else:
            t.textOut(value)
    c.drawText(t)
    c.showPage()
    c.save()

    def no_ocr(*a, **k):
        raise AssertionError("the page has a text layer: it must not be OCR'd")

    monkeypatch.setattr(pdf_loader, "_ocr_page", no_ocr)
    lines = _lines(load_pdf(str(path)))
    assert lines["alpha"].split() == ["1234"]
    assert lines["beta"].split() == ["56"] and lines["gamma"].split() == ["78"]
