"""An image-only PDF page that is one noisy picture (a phone photo, a fax) is read from that
picture at its own resolution, where its noise is measured and removed; a clean or copier page is
rendered at 200 dpi as before (issue 18: phone PDFs read worse than the same photos as images)."""

from __future__ import annotations

import io

import pytest

np = pytest.importorskip("numpy")
pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("cv2")

from PIL import Image, ImageDraw  # noqa: E402

from extractor.load.pdf import _noisy_picture  # noqa: E402

A4 = (595, 842)


def _page(dpi: int, noise: float, seed: int = 1) -> Image.Image:
    """A4 paper with a ruled box at `dpi`, with Gaussian grain of `noise` grey levels."""
    w, h = round(A4[0] * dpi / 72), round(A4[1] * dpi / 72)
    img = Image.new("L", (w, h), 235)
    ImageDraw.Draw(img).rectangle((w // 8, h // 8, w // 2, h // 4), outline=0, width=2)
    if noise:
        arr = np.asarray(img, dtype=np.float32) + np.random.default_rng(seed).normal(0, noise, (h, w))
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img


def _pdf(img: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=float(dpi))
    return buf.getvalue()


def _picture(data: bytes):
    doc = pdfium.PdfDocument(data)
    try:
        return _noisy_picture(doc[0])
    finally:
        doc.close()


def test_a_noisy_coarse_picture_is_read_at_its_own_resolution():
    got = _picture(_pdf(_page(104, 9.0), 104))
    assert got is not None
    picture, scale = got
    w, h = _page(104, 0.0).size  # the picture's own pixels (pdfium may round a pixel), not 200 dpi's
    assert abs(picture.width - w) <= 1 and abs(picture.height - h) <= 1
    assert scale == pytest.approx(104 / 72, rel=0.01)


def test_a_clean_picture_is_rendered():
    assert _picture(_pdf(_page(104, 0.0), 104)) is None
    assert _picture(_pdf(_page(150, 0.0), 150)) is None


def test_a_picture_finer_than_the_rendering_is_rendered():
    assert _picture(_pdf(_page(300, 9.0), 300)) is None


def test_a_page_with_more_than_the_picture_is_rendered():
    doc = pdfium.PdfDocument(_pdf(_page(104, 9.0), 104))
    try:
        page = doc[0]
        path = pdfium.raw.FPDFPageObj_CreateNewRect(10, 10, 50, 50)
        pdfium.raw.FPDFPage_InsertObject(page.raw, path)
        assert _noisy_picture(page) is None
    finally:
        doc.close()
