"""A tall image holding several pages (a report's pages stacked into one long scan or screenshot)
cut back into page-sized strips, each read by OCR on its own.

Read whole, such an image is scaled down to the OCR's longest side (three A4 pages at 200 dpi come
out at ~100 dpi, too small for digits) and its tables broken over page breaks stay apart. Cut at
blank bands, each strip keeps its full resolution and the loader rejoins the tables like pages
(`_grid.join_pages`). A row crossed by a table's vertical rule is never a cut: cutting inside a
table would lose the row the cut goes through.
"""

from __future__ import annotations

from typing import Any

#: an image taller than this many times its width is cut into strips (A4 is 1.41)
TALL = 1.8
#: ... when it is also taller than this (px). A shorter one is read whole: measured on the scan
#: family, cutting one report's tables drawn 3,700 px tall at 200 dpi into two strips left 13
#: cells in doubt (digits-only re-reads that disagreed) where the whole page read all of them;
#: two or more A4 pages stacked at 150-200 dpi (4,700 px and up) are what needs the cut.
SPLIT_FROM = 4400
#: a strip is about one A4 page: this many times the image's width
PAGE = 1.414


def page_strips(image: Any, *, split_from: int = SPLIT_FROM) -> list[tuple[int, int]]:
    """Row ranges [top, bottom) that cut a tall page image into page-sized strips at blank bands;
    the whole image as one range when it is not tall (or shorter than `split_from` px) or no
    clean cut is found."""
    w, h = image.size
    if h <= TALL * w or h <= split_from:
        return [(0, h)]
    cuttable = _cuttable_rows(image)
    page = round(PAGE * w)
    cuts = [0]
    while h - cuts[-1] > page * 1.25:
        top = cuts[-1]
        cut = _best_cut(cuttable, top + int(page * 0.6), min(top + int(page * 1.1), h - 1))
        if cut is None:
            cut = _best_cut(cuttable, top + int(page * 0.3), min(top + int(page * 1.4), h - 1))
        if cut is None:
            break  # no clean cut: the rest is read as one piece (scaled down if it must be)
        cuts.append(cut)
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [h])]


def _cuttable_rows(image: Any) -> list[bool]:
    """Per pixel row: blank (almost no ink) and crossed by no vertical rule."""
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    binary = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    w = binary.shape[1]
    # vertical rules: ink runs taller than any character (a 50th of the width, as `ruled_cells`)
    unit = max(w // 50, 15)
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, unit)))
    ink: list[int] = np.count_nonzero(binary, axis=1).tolist()
    ruled: list[bool] = np.count_nonzero(rules, axis=1).astype(bool).tolist()
    limit = max(3, w // 300)  # specks of a noisy scan are not a line of text
    return [i <= limit and not r for i, r in zip(ink, ruled)]


def _best_cut(cuttable: list[bool], lo: int, hi: int) -> int | None:
    """The middle of the longest run of cuttable rows starting in [lo, hi] (a gap between pages
    is the longest; a run that goes on past `hi` is followed to its end); None when there is no
    run of at least 3 rows."""
    best: tuple[int, int] | None = None  # (length, middle)
    run = 0
    y = max(lo, 0)
    while y < len(cuttable) and (y <= hi or run):
        if cuttable[y]:
            run += 1
            if best is None or run >= best[0]:
                best = (run, y - run // 2)
        else:
            run = 0
        y += 1
    return best[1] if best is not None and best[0] >= 3 else None
