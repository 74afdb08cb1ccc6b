"""OCR loader: images rendered from a seed's tables and read back (slow: a few tests only)."""

from __future__ import annotations

import pytest

pytest.importorskip("rapidocr_onnxruntime")

from extractor.document import Document, SourceCell, SourceTable
from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.flat import to_flat
from extractor.load import load
from extractor.load.ocr import load_image
from extractor.load.pdf import load_pdf

from _formats import cjk_font_or_skip, gold, make_formats, same_numbers


def _font_or_skip():
    return cjk_font_or_skip()


@pytest.fixture(scope="module")
def small_scan(tmp_path_factory):
    """表四 of seed 003 alone, as a PNG (a few seconds of OCR)."""
    _font_or_skip()
    mf = make_formats()
    path = tmp_path_factory.mktemp("ocr") / "table4.png"
    mf.write_png([("h", "四、政府信息公开行政复议、行政诉讼情况"), ("table", mf.table4(gold("003")["fields"]))], path)
    return path


def test_scan_cells_rebuilt_with_spans_and_confidences(small_scan):
    doc = load_image(str(small_scan))
    assert doc.format == "image" and doc.pages == 1
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (4, 15)
    cells = {(c.row, c.col): c for c in t.cells}
    assert cells[(0, 0)].text == "行政复议" and cells[(0, 0)].colspan == 5
    assert cells[(1, 4)].rowspan == 2  # 总计 of 行政复议 spans the two header rows
    g = gold("003")["fields"]
    expected = [str(g[f"{grp}.{c}"]) for grp in ("review", "litigation_direct", "litigation_after_review")
                for c in ("upheld", "corrected", "other", "pending", "total")]
    assert [cells[(3, k)].text for k in range(15)] == expected
    for c in t.cells:
        assert c.confidence is not None and 0 <= c.confidence <= 1
        assert doc.text[c.span[0] : c.span[1]] == c.text
        assert c.locator["page"] == 1 and len(c.locator["bbox"]) == 4
    assert doc.low_confidence_cells() == []  # clean print: every digit read with confidence


def test_scanned_pdf_page_is_read_by_ocr(small_scan, tmp_path):
    """A PDF page that is only a picture (scanned at a slant) has no text layer: it is rendered,
    straightened and OCR'd."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    slanted = tmp_path / "slanted.png"
    Image.open(small_scan).convert("L").rotate(1.2, expand=True, fillcolor=255, resample=Image.BICUBIC).save(slanted)
    path = tmp_path / "scan.pdf"
    w, h = Image.open(slanted).size
    c = canvas.Canvas(str(path), pagesize=A4)
    width = A4[0] - 60
    c.drawImage(str(slanted), 30, A4[1] - 40 - width * h / w, width=width, height=width * h / w)
    c.save()
    doc = load_pdf(str(path))
    assert doc.format == "pdf" and len(doc.tables) == 1
    last = sorted((c for c in doc.tables[0].cells if c.row == 3), key=lambda c: c.col)
    assert [c.text for c in last][5:10] == ["2", "0", "1", "0", "3"]
    assert all(c.locator["ocr"] and c.locator["bbox"][2] <= A4[0] for c in last)  # PDF points


def test_whole_scanned_report_gives_the_gold_numbers(tmp_path):
    """The seed report drawn as one tall 'scan' reads back to exactly the gold numbers, its
    positive 本年增/减 included: a scan can lose a minus sign, but these cells' pixels show a plus
    before the digits (`_sign.sign_in_pixels`), so they need no doubt."""
    _font_or_skip()
    path = make_formats().make_all("003", tmp_path, formats=("png",))["png"]
    doc = load(str(path))
    reading = LayoutEngine().read(doc)
    assert reading.record is not None
    expected = gold("003")["fields"]
    assert same_numbers(to_flat(reading.record), expected) == []
    changes = [k for k in expected if k.endswith(".change") and expected[k]]
    assert changes and not any(k in reading.doubts for k in changes)
    assert {c.sign for t in doc.tables for c in t.cells if c.text.startswith("+")} == {"+"}


def test_low_confidence_cells_are_listed():
    cells = [SourceCell(0, 0, "12", confidence=0.55), SourceCell(0, 1, "34", confidence=0.99),
             SourceCell(0, 2, "总计", confidence=0.4), SourceCell(0, 3, "5")]
    doc = Document(path="x.png", text="", format="image", sha256="0", tables=[SourceTable(cells)])
    assert [c.text for c in doc.low_confidence_cells()] == ["12"]
    assert [c.text for c in doc.low_confidence_cells(digits_only=False)] == ["12", "总计"]


def test_unreadable_image_is_a_clear_error(tmp_path):
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    with pytest.raises(InputError, match="image"):
        load(str(bad))


def test_low_confidence_cell_no_identity_can_check_becomes_a_doubt_and_sends_to_review(tmp_path):
    """A number the recogniser was unsure of is never `verified` silently: a 表二 cell, which no
    identity checks, is None with the digit read as its candidate."""
    from extractor.pipeline import extract_document

    path = make_formats().make_all("003", tmp_path, formats=("pdf",))["pdf"]
    doc = load(str(path))
    assert extract_document(doc, LayoutEngine()).status == "verified"
    cell = next(c for c in doc.tables[0].cells if c.row == 3 and c.col == 1)  # 规范性文件 · 本年新制作 = 2
    assert cell.text == "2"
    cell.confidence = 0.42
    result = extract_document(doc, LayoutEngine())
    assert result.status == "review"
    assert to_flat(result.record)["active.normative.made"] is None
    doubt = result.doubts["active.normative.made"]
    assert (doubt.reason, doubt.candidates) == ("low_confidence", [2])
    assert [k for k, d in result.doubts.items() if d.reason == "low_confidence"] == ["active.normative.made"]


def _weaken(doc, table: int, row: int, col: int, text: str) -> None:
    cell = next(c for c in doc.tables[table].cells if c.row == row and c.col == col)
    assert cell.text == text
    cell.confidence = 0.42


def test_low_confidence_cell_an_identity_pins_down_is_settled_with_the_identity_as_evidence(tmp_path):
    """本年新收 · 自然人 read unsure as 20: the row's total and the column's balance, read with
    confidence, both require 20, so two witnesses agree and the cell is settled."""
    from extractor.pipeline import extract_document

    doc = load(str(make_formats().make_all("003", tmp_path, formats=("pdf",))["pdf"]))
    _weaken(doc, 1, 3, 3, "20")
    result = extract_document(doc, LayoutEngine())
    assert result.status == "verified"
    assert to_flat(result.record)["requests.new.natural"] == 20
    assert "requests.new.natural" not in result.doubts
    (evidence,) = result.provenance["requests.new.natural"].evidence
    assert evidence["kind"] == "identity" and evidence["rule"] in {"row_total:requests.new", "balance:requests.natural"}


def test_two_unsure_cells_of_one_identity_only_are_not_settled(tmp_path):
    """表四's 行政复议 总计 and 结果维持 both unsure: their group's identity is the only one
    either takes part in, and with two unknowns it pins neither down."""
    from extractor.pipeline import extract_document

    doc = load(str(make_formats().make_all("003", tmp_path, formats=("pdf",))["pdf"]))
    t4 = doc.tables[2]
    row = max(c.row for c in t4.cells)
    total = next(c for c in t4.cells if c.row == row and c.col == 4)
    kept = next(c for c in t4.cells if c.row == row and c.col == 0)
    total.confidence = kept.confidence = 0.42
    result = extract_document(doc, LayoutEngine())
    assert result.status == "review"
    flat = to_flat(result.record)
    for key in ("review.total", "review.upheld"):
        assert flat[key] is None and result.doubts[key].reason == "low_confidence"
        assert result.doubts[key].candidates == [int(total.text if key.endswith("total") else kept.text)]
