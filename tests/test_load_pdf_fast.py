"""The PDF loader's pdfium reading equals its pdfplumber reading; scanned pages without a table
are told apart from pages with one before OCR."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractor.load import pdf as pdf_loader
from extractor.load._pagecheck import has_grid, page_has_grid
from extractor.load.pdf import _page_from_objects, load_pdf

from _formats import make_formats


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    return make_formats().make_all("003", tmp_path_factory.mktemp("pdf"), formats=("pdf",))["pdf"]


def _cells(doc):
    return [[dataclasses.asdict(c) if dataclasses.is_dataclass(c) else vars(c) for c in t.cells] for t in doc.tables]


def test_pdfium_reading_equals_pdfplumber_reading(seed_pdf, monkeypatch):
    calls = []
    real = pdf_loader._page_from_objects
    monkeypatch.setattr(pdf_loader, "_page_from_objects", lambda *a: calls.append(a[-1]) or real(*a))
    fast = load_pdf(str(seed_pdf))
    assert calls == [1, 2]  # both pages read through pdfium
    monkeypatch.setattr(pdf_loader, "_open_pdfium", lambda path: None)  # as if pdfium could not open it
    slow = load_pdf(str(seed_pdf))
    assert fast.text == slow.text
    assert _cells(fast) == _cells(slow)


def test_dedupe_chars_matches_pdfplumber():
    from pdfplumber.utils.text import dedupe_chars as plumber_dedupe

    def ch(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 5, "top": top, "bottom": top + 10, "doctop": top,
                "upright": True, "fontname": "F", "size": 10.0}

    chars = [ch("a", 10, 10), ch("a", 10.4, 10.2), ch("b", 16, 10), ch("a", 30, 10), ch("a", 30.5, 10.8),
             ch("a", 31.2, 11.5), ch("c", 10, 40), ch("b", 16.3, 10.1), ch("a", 10, 40.5)]
    assert pdf_loader.dedupe_chars(chars) == plumber_dedupe(chars)


def test_grid_look_tells_tables_from_prose():
    import numpy as np

    page = np.full((842, 595), 255, np.uint8)
    rng = np.random.default_rng(0)
    for y in range(60, 780, 16):  # lines of "characters": small dark blobs with gaps
        for x in range(50, 540, 11):
            if rng.random() < 0.9:
                page[y : y + 9, x : x + 8] = rng.integers(0, 120)
    assert not has_grid(page)
    ruled = page.copy()
    ruled[300:500, 40:560] = 255
    for y in range(300, 501, 20):
        ruled[y, 40:560] = 0
    for x in (40, 200, 380, 560):
        ruled[300:501, x] = 0
    assert has_grid(ruled)


def test_scanned_pages_with_tables_are_seen(tmp_path):
    import pypdfium2 as pdfium

    mf = make_formats()
    path = mf.make_all("003", tmp_path, formats=("scanpdf",))["scanpdf"]
    doc = pdfium.PdfDocument(str(path))
    try:
        assert [page_has_grid(doc, i) for i in range(len(doc))] == [True, True]
    finally:
        doc.close()


def test_page_from_objects_reads_an_empty_page():
    pb = _page_from_objects([], [], 800.0, 3)
    assert pb.page == 3 and pb.blocks == []
