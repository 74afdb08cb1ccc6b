"""PDF reports: positioned words rebuilt into lines and table cells, page by page.

Ruled tables come from the drawn lines (pdfplumber finds the cell boxes; merged cells span the
edges they cover); unruled ones from word alignment (see `_grid`). Pages without a text layer
(scans saved as PDF) are rendered and read by OCR. Each page is closed after it is read so a large
file stays within bounded memory; nothing in the file is executed (no JavaScript, no forms).
"""

from __future__ import annotations

import math
from typing import Any

from ..document import Document
from ..errors import InputError
from ._build import build_text
from ._common import file_sha256, max_pages
from ._grid import GridTable, PageBlocks, Word, join_pages, page_blocks, table_from_boxes
from .limits import MAX_IMAGE_PIXELS
#: A page with fewer characters than this but with an image is treated as a scan.
_MIN_CHARS = 20
#: Resolution at which a page without a text layer is rendered for OCR.
OCR_DPI = 200

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3}


def load_pdf(path: str, *, limit: int | None = None, ocr: bool = True) -> Document:
    """Read a PDF into a `Document`; `InputError` for encrypted, corrupt or over-long files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    limit = limit or max_pages()
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise InputError(path, "not a PDF (no %PDF header): the file is corrupt or has the wrong suffix")
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfplumber wraps pdfminer's errors; the cause tells which
        raise _open_error(path, e, PDFPasswordIncorrect) from e
    pages: list[PageBlocks] = []
    ocr_pages: list[int] = []
    try:
        try:
            n = len(pdf.pages)
        except Exception as e:
            raise _open_error(path, e, PDFPasswordIncorrect) from e
        if n == 0:
            raise InputError(path, "PDF has no pages")
        if n > limit:
            raise InputError(path, f"PDF has {n} pages, more than the limit of {limit} (set XXGK_MAX_PAGES to raise it)")
        for i, page in enumerate(pdf.pages, 1):
            try:
                pb = _read_page(page, i)
                if pb is None and ocr:
                    pb = _ocr_page(path, i, float(page.height))
                    ocr_pages.append(i)
            except InputError:
                raise
            except ImportError as e:
                raise InputError(path, f"page {i} is a scan (no text layer) and OCR is not installed: {e}") from e
            except Exception as e:
                raise InputError(path, f"cannot read page {i}: {type(e).__name__}: {e}") from e
            finally:
                page.close()  # frees the page's parsed objects: memory stays bounded
            if pb is not None:
                pages.append(pb)
    finally:
        pdf.close()
    tb = build_text(join_pages(pages))
    if not tb.text.strip():
        raise InputError(path, "PDF has no readable text (no text layer, and OCR found nothing)")
    doc = Document(path=path, text=tb.text, format="pdf", sha256=file_sha256(path), tables=tb.tables, pages=n)
    if ocr_pages:
        for t in doc.tables:
            for c in t.cells:
                if c.locator and c.locator.get("page") in ocr_pages:
                    c.locator["ocr"] = True
    return doc


def _open_error(path: str, e: Exception, password_error: type) -> InputError:
    cause: BaseException | None = e
    while cause is not None:
        if isinstance(cause, password_error) or "password" in str(cause).lower():
            return InputError(path, "password-protected PDF: it cannot be read without its password")
        if "encrypt" in str(cause).lower() or "crypt" in type(cause).__name__.lower():
            return InputError(path, f"encrypted PDF that cannot be decrypted ({cause})")
        cause = cause.__cause__ or (cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None)
    return InputError(path, f"corrupt PDF ({type(e).__name__}: {e})")


def _read_page(page: Any, number: int) -> PageBlocks | None:
    """One page's tables and lines; None when the page has no text layer but an image (a scan)."""
    chars = page.chars
    if len(chars) < _MIN_CHARS and page.images:
        return None
    if chars and sum(c["text"].startswith("(cid:") for c in chars) > 0.5 * len(chars):
        return None  # fonts without a Unicode map: the text layer is unreadable, OCR the picture
    page = page.dedupe_chars()
    words = [
        Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
    ]
    tables: list[GridTable] = []
    taken: set[int] = set()
    for t in page.find_tables(table_settings=_LINES):
        if len(t.cells) < 2:
            continue
        free = [w for k, w in enumerate(words) if k not in taken]
        index = [k for k in range(len(words)) if k not in taken]
        table, took = table_from_boxes(t.cells, free, number)
        taken.update(index[k] for k in took)
        tables.append(table)
    rest = [w for k, w in enumerate(words) if k not in taken]
    return page_blocks(number, float(page.height), tables, rest)


def _ocr_page(path: str, number: int, height_pt: float) -> PageBlocks:
    """Render a scanned page and read it by OCR; coordinates come back in PDF points."""
    import pypdfium2 as pdfium

    from ._recognise import ocr_image

    doc = pdfium.PdfDocument(path)
    try:
        page = doc[number - 1]
        scale = render_scale(*page.get_size())
        image = page.render(scale=scale).to_pil()
        page.close()
    finally:
        doc.close()
    return ocr_image(image, number, unit=scale)


def render_scale(width_pt: float, height_pt: float) -> float:
    """Pixels per PDF point for OCR: `OCR_DPI`, lowered for a page so large (a poster, a hostile
    MediaBox) that it would have more than `MAX_IMAGE_PIXELS` pixels."""
    scale = OCR_DPI / 72
    area = max(width_pt * height_pt, 1.0)
    if area * scale * scale > MAX_IMAGE_PIXELS:
        scale = (MAX_IMAGE_PIXELS / area) ** 0.5
        # the renderer rounds each side up: shrink until the rounded image fits too
        while math.ceil(width_pt * scale) * math.ceil(height_pt * scale) > MAX_IMAGE_PIXELS:
            scale *= 0.999
    return scale
