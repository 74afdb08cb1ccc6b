"""PDF reports: positioned words rebuilt into lines and table cells, page by page.

Ruled tables come from the drawn lines (pdfplumber's table finder gives the cell boxes; merged
cells span the edges they cover); unruled ones from word alignment (see `_grid`); a number whose
digits were set apart (glyph by glyph, or letter-spaced) is joined back first
(`join_spaced_numbers`). A page's characters and lines are read by pdfium (`_pdfium`: C, where
pdfminer parses the page in Python); pdfplumber reads the pages that reading does not cover the
same way. Pages without a text layer (scans saved as PDF) are rendered and read by OCR: the first
page, and the others that show a ruled table (`_pagecheck`: prose pages are skipped;
`XXGK_OCR_ALL_PAGES=1` reads them too). Each page is closed after it is read so a large file stays
within bounded memory; nothing in the file is executed (no JavaScript, no forms).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..document import Document
from ..errors import InputError
from ._build import build_text
from ._common import file_sha256, max_pages
from ._grid import WORD_SETTINGS as _WORDS, GridTable, PageBlocks, Word, join_pages, page_blocks, table_from_boxes
from ._pagecheck import ocr_all_pages, page_has_grid
from ._pdfium import hidden_text, page_objects
from .limits import MAX_IMAGE_PIXELS

#: A page with fewer characters than this but with an image is treated as a scan.
_MIN_CHARS = 20
#: Resolution at which a page without a text layer is rendered for OCR.
OCR_DPI = 200

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3}


def load_pdf(path: str, *, limit: int | None = None, ocr: bool = True) -> Document:
    """Read a PDF into a `Document`; `InputError` for encrypted, corrupt or over-long files."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    limit = limit or max_pages()
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise InputError(path, "not a PDF (no %PDF header): the file is corrupt or has the wrong suffix")
    fast = _open_pdfium(path)
    plumber: Any = None
    pages: list[PageBlocks] = []
    ocr_pages: list[int] = []
    try:
        if fast is None:  # pdfium cannot open it: pdfplumber reads it, or says what is wrong
            plumber = _open_plumber(path, PDFPasswordIncorrect)
            n = _count(path, plumber, PDFPasswordIncorrect)
        else:
            n = len(fast)
        if n == 0:
            raise InputError(path, "PDF has no pages")
        if n > limit:
            raise InputError(path, f"PDF has {n} pages, more than the limit of {limit} (set XXGK_MAX_PAGES to raise it)")
        doctop = 0.0
        for i in range(1, n + 1):
            got: tuple[PageBlocks, float] | None = None
            if fast is not None:
                try:
                    objects = page_objects(fast, i - 1, doctop)
                    if objects is not None:
                        chars, edges, height = objects
                        got = (_page_from_objects(chars, edges, height, i), height)
                except Exception:
                    got = None  # anything unusual: pdfplumber reads the page (and names the problem)
            if got is not None:
                pages.append(got[0])
                doctop += got[1]
                continue
            if plumber is None:
                plumber = _open_plumber(path, PDFPasswordIncorrect)
                _count(path, plumber, PDFPasswordIncorrect)
            page = plumber.pages[i - 1]
            try:
                doctop += float(page.height)
                pb = _read_page(page, i)
                if pb is None and ocr:
                    if i > 1 and fast is not None and not ocr_all_pages() and not page_has_grid(fast, i - 1):
                        pass  # a scanned page without a table (prose): not worth its OCR (`_pagecheck`)
                    else:
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
        # another program's OCR laid over page pictures: read as printed, trusted as a scan (`Document.recognised`)
        recognised = fast is not None and hidden_text(fast)
    finally:
        if plumber is not None:
            plumber.close()
        if fast is not None:
            fast.close()
    tb = build_text(join_pages(pages))
    if not tb.text.strip():
        raise InputError(path, "PDF has no readable text (no text layer, and OCR found nothing)")
    doc = Document(path=path, text=tb.text, format="pdf", sha256=file_sha256(path), tables=tb.tables, pages=n,
                   recognised=recognised)
    if ocr_pages:
        for t in doc.tables:
            for c in t.cells:
                if c.locator and c.locator.get("page") in ocr_pages:
                    c.locator["ocr"] = True
    return doc


def _open_pdfium(path: str) -> Any:
    """The file opened by pdfium, or None (encrypted with a password, damaged, not installed):
    then pdfplumber reads it and gives the reason it cannot."""
    try:
        import pypdfium2 as pdfium

        return pdfium.PdfDocument(path)
    except Exception:
        return None


def _open_plumber(path: str, password_error: type) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(path)
    except Exception as e:  # pdfplumber wraps pdfminer's errors; the cause tells which
        raise _open_error(path, e, password_error) from e


def _count(path: str, pdf: Any, password_error: type) -> int:
    try:
        return len(pdf.pages)
    except Exception as e:
        raise _open_error(path, e, password_error) from e


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
    if getattr(page, "rotation", 0) % 360:
        # a page shown turned (/Rotate: a landscape table printed sideways): pdfminer gives its
        # objects as shown, but pdfplumber labels a turned line's orientation as it was before
        # the turn (a row's rule "v", zero width), so its table finder found no rows; the label
        # is taken from the line's box as shown instead
        return _page_from_objects(page.chars, [_shown_orientation(e) for e in page.edges], float(page.height), number)
    page = page.dedupe_chars()
    words = [
        Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
        for w in page.extract_words(**_WORDS)
    ]
    cells = [t.cells for t in page.find_tables(table_settings=_LINES)]
    return _page_blocks(words, cells, float(page.height), number, _blanks(page.chars))


def _shown_orientation(edge: dict) -> dict:
    """An edge whose orientation matches its box: flat is horizontal, thin is vertical."""
    flat = abs(edge["bottom"] - edge["top"]) <= abs(edge["x1"] - edge["x0"])
    return dict(edge, orientation="h" if flat else "v")


def _page_from_objects(chars: list[dict], edges: list[dict], height: float, number: int) -> PageBlocks:
    """The same reading as `_read_page`, from pdfium's characters and edges (`_pdfium`): the
    same pdfplumber steps (duplicate characters, words, the table finder) on the same objects."""
    from pdfplumber.table import TableFinder
    from pdfplumber.utils.text import WordExtractor

    chars = dedupe_chars(chars)
    words = [
        Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
        for w in WordExtractor(**_WORDS).extract_words(chars)
    ]
    cells = [t.cells for t in TableFinder(_Edges(edges, height), _LINES).tables]  # type: ignore[arg-type]
    return _page_blocks(words, cells, height, number, _blanks(chars))


class _Edges:
    """What pdfplumber's `TableFinder` reads of a page with the lines strategy."""

    def __init__(self, edges: list[dict], height: float) -> None:
        self.edges = edges
        self.bbox = (0, 0, 0, height)


def dedupe_chars(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """pdfplumber's `dedupe_chars` (of characters with the same text, font and size within
    `tolerance` of each other one is kept), the same steps without its quadratic final ordering
    (`list.index` per character) and with a shortcut for characters that occur once."""
    import itertools
    from operator import itemgetter

    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    order = {id(c): k for k, c in enumerate(chars)}
    kept = []
    for _, grp in itertools.groupby(sorted(chars, key=key), key=key):
        for y_cluster in _cluster_objects(list(grp), "doctop", tolerance):
            for x_cluster in _cluster_objects(y_cluster, "x0", tolerance):
                kept.append(min(x_cluster, key=pos_key))
    return sorted(kept, key=lambda c: order[id(c)])


def _cluster_objects(objs: list[dict], attr: str, tolerance: float) -> list[list[dict]]:
    """pdfplumber's `cluster_objects`: values within `tolerance` of the previous chain together;
    the clusters in ascending order, each keeping its objects' order."""
    if len(objs) == 1:
        return [objs]
    ids: dict[float, int] = {}
    last = None
    cluster = -1
    for v in sorted({o[attr] for o in objs}):
        if last is None or v > last + tolerance:
            cluster += 1
        ids[v] = cluster
        last = v
    out: list[list[dict]] = [[] for _ in range(cluster + 1)]
    for o in objs:
        out[ids[o[attr]]].append(o)
    return out


#: The widest gap between two digits of one letter-spaced number, in font sizes (em).
SPACED_DIGIT_GAP = 0.4
_NUMBER_CHARS = frozenset("0123456789,.")


def join_spaced_numbers(words: list[Word], blanks: Sequence[tuple[float, float, float]] = ()) -> list[Word]:
    """Words with a number whose letters are spaced apart joined back into one word.

    A producer that writes each glyph at its own position (WPS, Foxit, print drivers), or sets
    wide letter spacing (Tc, Word's 字符间距 加宽), leaves gaps between a number's digits wider
    than the word finder's tolerance (`_WORDS`): 24 came out as the words 2 and 4, and a cell
    read "2 4" (verified as 4). A run of one-character words, digits (or , and . between digits),
    on one line in one size, evenly spaced (its gaps differ by at most a tenth of the size),
    each gap at most `SPACED_DIGIT_GAP` of the size and with no typed space in it (`blanks`: the
    page's blank characters as (top, x0, x1)), is one number: 1 2 3 4 is 1234. Letter spacing is
    even and leaves every glyph its own word; a table's neighbouring cells stand a cell padding
    or more apart; "3 0 24" keeps its typed spaces and is not a run of single glyphs; a run with
    uneven gaps stays as it is, whole."""
    out: list[Word] = []
    run: list[Word] = []  # consecutive single glyphs, each pair close enough to be letter spacing

    def close() -> None:
        tail: list[Word] = []
        while run and not run[-1].text.isdigit():
            tail.insert(0, run.pop())  # a separator ends no number
        gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:])]
        if gaps and max(gaps) - min(gaps) <= 0.1 * (run[0].bottom - run[0].top):
            out.append(Word("".join(w.text for w in run), run[0].x0, min(w.top for w in run), run[-1].x1,
                            max(w.bottom for w in run), run[0].conf))
        else:  # one glyph, or uneven gaps: not one letter-spaced number, the words stay as they are
            out.extend(run)
        out.extend(tail)
        run.clear()

    for w in words:
        if run and _spaced_pair(run[-1], w, blanks):
            run.append(w)
            continue
        close()
        if len(w.text) == 1 and w.text.isdigit() and w.conf is None:
            run.append(w)
        else:
            out.append(w)
    close()
    return out


def _spaced_pair(a: Word, b: Word, blanks: Sequence[tuple[float, float, float]]) -> bool:
    if b.conf is not None or len(b.text) != 1 or b.text not in _NUMBER_CHARS:
        return False  # OCR words: their gaps are the recogniser's, not letter spacing
    if not (a.text.isdigit() or b.text.isdigit()):
        return False  # no two separators in a row
    size = a.bottom - a.top
    if size <= 0 or abs((b.bottom - b.top) - size) > 0.1 * size or abs(b.top - a.top) > 0.1 * size:
        return False
    gap = b.x0 - a.x1
    if not _WORDS["x_tolerance"] < gap <= SPACED_DIGIT_GAP * size:
        return False
    return not any(abs(top - a.top) <= 0.5 * size and x1 > a.x1 and x0 < b.x0 for top, x0, x1 in blanks)


def _blanks(chars: list[dict]) -> list[tuple[float, float, float]]:
    """The blank characters (typed spaces) of a page as (top, x0, x1)."""
    return [(c["top"], c["x0"], c["x1"]) for c in chars if not c["text"].strip()]


def _page_blocks(words: list[Word], table_cells: list[list[Any]], height: float, number: int,
                 blanks: Sequence[tuple[float, float, float]] = ()) -> PageBlocks:
    words = join_spaced_numbers(words, blanks)
    tables: list[GridTable] = []
    taken: set[int] = set()
    for cells in table_cells:
        if len(cells) < 2:
            continue
        free = [w for k, w in enumerate(words) if k not in taken]
        index = [k for k in range(len(words)) if k not in taken]
        table, took = table_from_boxes(cells, free, number)
        taken.update(index[k] for k in took)
        tables.append(table)
    rest = [w for k, w in enumerate(words) if k not in taken]
    return page_blocks(number, height, tables, rest)


def _ocr_page(path: str, number: int, height_pt: float) -> PageBlocks:
    """Render a scanned page and read it by OCR; coordinates come back in PDF points."""
    import pypdfium2 as pdfium

    from ._recognise import ocr_image

    doc = pdfium.PdfDocument(path)
    try:
        page = doc[number - 1]
        got = _noisy_picture(page)
        if got is None:
            scale = render_scale(*page.get_size())
            image = page.render(scale=scale).to_pil()
        else:
            image, scale = got
        page.close()
    finally:
        doc.close()
    return ocr_image(image, number, unit=scale)


def _noisy_picture(page: Any) -> tuple[Any, float] | None:
    """A scanned page that is one noisy picture (a phone photo, a fax) covering the page, upright,
    at no more than `OCR_DPI`: that picture at its own resolution and its pixels per point; None
    for any other page (it is rendered at `OCR_DPI`).

    Noise is made, measured and removed at the picture's resolution. Rendered at 200 dpi, a
    104-dpi phone photo's grain is enlarged into soft blobs: the clean-up's noise measure reads
    0.29–0.38 instead of the picture's 0.9–1.2 (`_cleanup.NOISY` is 0.7), so the page was not
    denoised, and the detector lost lone digits in the blobs (a phone PDF read 92 % of non-zero
    cells where the same photo as an image file read 96 %). A picture that is not noisy (a
    copier's or a flatbed's) is rendered as before: a 150-dpi copy JPEG-compressed twice reads
    better enlarged to 200 dpi than at its own size (docs/scans.md, third round)."""
    import numpy as np
    import pypdfium2.raw as raw

    from ._cleanup import NOISY, noise_level

    try:
        if page.get_rotation() % 360:
            return None
        objects = list(page.get_objects())
        if len(objects) != 1 or objects[0].type != raw.FPDF_PAGEOBJ_IMAGE:
            return None
        obj = objects[0]
        w_pt, h_pt = page.get_size()
        m = obj.get_matrix()
        x0, y0, x1, y1 = obj.get_bounds()
        if m.b or m.c or m.a <= 0 or m.d <= 0 or abs(x1 - x0 - w_pt) > 0.01 * w_pt or abs(y1 - y0 - h_pt) > 0.01 * h_pt:
            return None  # turned, mirrored, or not the whole page
        px_w, px_h = obj.get_px_size()
        scale = px_w / w_pt
        if scale > OCR_DPI / 72 or px_w * px_h > MAX_IMAGE_PIXELS or abs(px_h / h_pt - scale) > 0.02 * scale:
            return None  # finer than the rendering would be, too large, or stretched
        picture = obj.get_bitmap(render=True).to_pil().convert("RGB")
    except Exception:
        return None  # anything unusual: the page is rendered
    if noise_level(np.asarray(picture.convert("L"))) < NOISY:
        return None
    return picture, scale


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
