"""The sign printed before a scanned number, seen in the cell's own pixels.

A minus is a short thin stroke: the recogniser, on the page and on the digits-only re-read, can
lose it on both reads at once (`-14` read `14` twice), so a scanned 本年增/减 read as positive was
always a doubt. The pixels can say more: left of the digits, inside the cell, there is either
nothing (a positive number printed bare), a flat stroke at the digits' mid-height (a minus), a
cross (a plus), or something else (a speck, a blot, a faint mark: no verdict).

    sign_in_pixels(cell_gray)  # "" | "-" | "+" | None
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and OpenCV come with the OCR extra
    import numpy as np

#: "nothing left of the digits" is looked for this many digit heights to their left
MARGIN = 2.0
#: digits shorter than this (px) say nothing of a missing minus: at 100-120 dpi (a phone photo,
#: digits ~10 px) a minus is a pixel thick, and blur, JPEG and denoising can wipe it out entirely
#: (seen on the scan family's phone level: `-75` with no trace of its minus left)
MIN_HEIGHT = 12


def sign_in_pixels(gray: np.ndarray) -> str | None:
    """What is printed left of the digits of a number cell (`gray`: the cell, rules trimmed off):
    "" nothing at all, "-" a minus, "+" a plus, None no verdict (no digits found, or ink there
    that is neither: a speck may be a broken minus, so it settles nothing)."""
    import cv2
    import numpy as np

    if gray.size == 0 or min(gray.shape) < 6:
        return None
    paper = float(np.percentile(gray, 90))
    ink = float(np.partition(gray.ravel(), 10)[:10].mean())  # the darkest strokes (a lone 1 is few pixels)
    if paper - ink < 40:
        return None  # no contrast: a blank cell, or too faint to judge
    strict = (gray < paper - 0.5 * (paper - ink)).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(strict, connectivity=8)
    h_img, w_img = gray.shape
    comps = [(*(int(v) for v in stats[i]), i) for i in range(1, n)]
    # pieces of a rule left at the cell's edge are no characters
    comps = [c for c in comps if not (c[1] == 0 or c[1] + c[3] >= h_img or c[0] == 0 or c[0] + c[2] >= w_img)]
    if not comps:
        return None
    tallest = max(c[3] for c in comps)
    digits = [c for c in comps if c[3] >= 0.8 * tallest and c[4] >= 4]
    if not digits or tallest < 6:
        return None
    top = float(median([c[1] for c in digits]))
    height = float(median([c[3] for c in digits]))
    first = min(digits, key=lambda c: c[0])
    left = first[0]
    x_from = max(0, int(left - MARGIN * height))
    # left of the digits, row by row: a minus may stand under a 7's bar, inside its box
    is_digit = np.zeros(n, bool)
    is_digit[[c[5] for c in digits]] = True
    digit_ink = is_digit[labels]
    edge = max(1, round(0.1 * height))  # a digit's own anti-aliased edge is no mark
    y0, y1 = max(0, int(top - 0.25 * height)), min(h_img, int(top + 1.25 * height) + 1)
    band = digit_ink[y0:y1]
    firsts = np.where(band.any(axis=1), band.argmax(axis=1), left)  # each row's first digit pixel
    limits = dict(zip(range(y0, y1), firsts.tolist()))
    # lenient mask for "nothing there": a faint minus must not pass for a clean margin
    near = cv2.dilate(digit_ink.astype(np.uint8), np.ones((2 * edge + 1, 2 * edge + 1), np.uint8)) > 0
    faint = (gray < paper - 0.25 * (paper - ink)) & ~near
    cols = np.arange(w_img)
    before = (cols >= x_from) & (cols < firsts[:, None])  # each row, from x_from to its first digit
    if not (faint[y0:y1] & before).any():
        if height < MIN_HEIGHT:
            return _joined(strict, digits, top, height) or None
        if first[2] > 0.8 * height:
            # the leftmost blob is wider than a digit: a minus blurred into it, or two digits
            return _joined(strict, digits, top, height) or None
        return _joined(strict, digits, top, height)
    marks = [c for c in comps if c not in digits and c[0] >= x_from - height
             and c[0] + c[2] <= limits.get(c[1] + c[3] // 2, left) + edge]
    if len(marks) != 1:
        return None
    x, y, w, h, area, _ = marks[0]
    cy = y + h / 2
    gap = limits.get(y + h // 2, left) - (x + w)
    if gap > 1.2 * height or not (top + 0.25 * height <= cy <= top + 0.8 * height):
        return None
    if w >= 0.2 * height and h <= 0.3 * height and w >= 2 * h:
        return "-"
    if 0.3 * height <= w <= height and 0.3 * height <= h <= height and abs(w - h) <= 0.35 * max(w, h):
        sub = strict[y:y + h, x:x + w]
        mid_row, mid_col = sub[h // 2 - 1:h // 2 + 2, :].any(axis=0), sub[:, w // 2 - 1:w // 2 + 2].any(axis=1)
        if mid_row.mean() > 0.7 and mid_col.mean() > 0.7 and area < 0.6 * w * h:
            return "+"
    return None


def _joined(strict: np.ndarray, digits: list, top: float, height: float) -> str | None:
    """A minus printed touching its digit (a blurred `-9` is one blob): the leftmost digit's
    first columns hold ink only in a thin band at mid-height. "-" when they do over a minus's
    length, None when over a shorter run (no verdict), "" when its left edge is a digit's."""
    import numpy as np

    x, y, w, h = min(digits, key=lambda c: c[0])[:4]
    run = 0
    for col in range(x, x + w):
        rows = np.flatnonzero(strict[y:y + h, col])
        if len(rows) == 0:
            break
        lo, hi = y + rows[0], y + rows[-1]
        mid = (lo + hi) / 2
        if hi - lo + 1 > 0.35 * height or not (top + 0.3 * height <= mid <= top + 0.8 * height):
            break
        run += 1
    if run >= 0.3 * height:
        return "-"
    return None if run >= 0.15 * height else ""
