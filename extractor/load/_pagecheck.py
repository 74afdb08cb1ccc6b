"""Which scanned PDF pages are worth OCR: a cheap look for a ruled table before the slow read.

OCR costs seconds to tens of seconds a page; the numbers this project reads are in ruled tables
(表二 to 表四). A scanned page is rendered at screen resolution (72 dpi, a few tens of
milliseconds) and searched for a table grid with OpenCV morphology: long horizontal rules and
vertical rules that cross them. Pages without one (prose: the summary, the problems, the
contact details) are not OCR'd, except the first page, which holds the title (organ and year).
`XXGK_OCR_ALL_PAGES=1` OCRs every scanned page.
"""

from __future__ import annotations

import os
from typing import Any

#: Resolution of the look (pixels per PDF point: 1 = 72 dpi).
CHECK_SCALE = 1.0
#: Longest side of the look's image in pixels (a poster-sized page is looked at smaller).
CHECK_MAX_SIDE = 1600
#: Steepest slant (degrees) at which a photographed or fed-in-askew page's rules still count.
MAX_SLANT = 4.0


def ocr_all_pages() -> bool:
    return os.environ.get("XXGK_OCR_ALL_PAGES", "").strip().lower() in ("1", "true", "yes", "on")


def page_has_grid(pdf: Any, index: int) -> bool:
    """Whether page `index` of a `pypdfium2.PdfDocument` shows a ruled table (see `has_grid`)."""
    import numpy as np

    page = pdf[index]
    try:
        w, h = page.get_size()
        scale = min(CHECK_SCALE, CHECK_MAX_SIDE / max(w, h, 1.0))
        image = page.render(scale=scale, grayscale=True).to_numpy()
    finally:
        page.close()
    gray = np.asarray(image)
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    return has_grid(gray)


def has_grid(gray: Any) -> bool:
    """A grey page image holds a ruled table: at least two horizontal rules a sixth of the page
    wide and at least two vertical rules, crossing at four or more points.

    Strokes of text are shorter than the kernels (a character is ~10 px tall at 72 dpi; a rule
    under a heading crosses no vertical rule), so prose pages have no grid. A page turned by up to
    `MAX_SLANT` (a phone photo: 2–3°) still shows its rules: the ink is first thickened vertically
    by as much as a slanted rule climbs over the kernel's length, so the rule stays one piece."""
    import cv2
    import numpy as np

    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    h, w = gray.shape[:2]
    if h < 20 or w < 20:
        return False
    binary = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    long_h = max(w // 6, 20)
    long_v = max(min(h, w) // 40, 12)
    climb = int(long_h * np.tan(np.radians(MAX_SLANT))) | 1
    band = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, (1, climb)))
    horiz = cv2.morphologyEx(band, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long_h, 1)))
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, long_v)))
    n_h = _count(horiz)
    n_v = _count(vert)
    if n_h < 2 or n_v < 2:
        return False
    grow = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    crossings = cv2.bitwise_and(cv2.dilate(horiz, grow), cv2.dilate(vert, grow))
    return _count(crossings) >= 4


def _count(mask: Any) -> int:
    import cv2

    n, _ = cv2.connectedComponents(mask)
    return int(n) - 1
