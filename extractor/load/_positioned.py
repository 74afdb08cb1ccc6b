"""Pages of absolutely positioned text runs (a PDF converted to HTML by pdf2htmlEX, as sites show
a PDF "online"): every run a `<div class="t m0 x1 h2 y3 ff1 fs0 …">` whose place is only in the
page's CSS classes (`.x1{left:…px}`, `.y3{bottom:…px}`, `.fs0{font-size:…px}` scaled by
`.m0{transform:matrix(a,…)}`), the gaps inside a run `<span class="_ _4">` (`._4{width:…px}` or
`margin-left`), each PDF page a `<div class="pf">`. There is no `<table>`: the rules are in a
background picture. Read as the PDF loader reads a page's words: each character placed (its
advance estimated: a CJK character one font size, others half), then the PDF loader's word, line
and unruled-grid steps (`_grid`: no ruled cells, the rules being a picture), so the tables are rebuilt from where the words
stand rather than read as one line per run.

Only what the page states is used (its `<style>` rules); nothing is fetched or laid out.
"""

from __future__ import annotations

import re
from typing import Any

from ._css_tables import _class_rules
from ._grid import WORD_SETTINGS, PageBlocks, Word, page_blocks

_NUM = re.compile(r"-?\d+(?:\.\d+)?")
_MATRIX = re.compile(r"matrix\(\s*(-?[\d.]+)\s*,\s*(-?[\d.e-]+)\s*,\s*(-?[\d.e-]+)\s*,\s*(-?[\d.]+)")
#: a run needs its left and bottom from the page's classes; fewer such runs is no positioned page
_MIN_RUNS = 20


def _px(value: str | None) -> float | None:
    m = _NUM.search(value or "")
    return float(m.group(0)) if m else None


def _wide(ch: str) -> bool:
    """A character set one font size wide (CJK, full-width forms); others half."""
    o = ord(ch)
    return o >= 0x2E80 and not 0xFF61 <= o <= 0xFFDC


class _Style:
    """The page's class rules, asked per element: a declaration from the element's classes
    (later classes win, as in the page's CSS order of one rule each)."""

    def __init__(self, root: Any) -> None:
        self.rules = _class_rules(root)

    def get(self, el: Any, name: str) -> str | None:
        out = None
        for cls in (el.get("class") or "").split():
            v = self.rules.get(cls, {}).get(name)
            if v is not None:
                out = v
        style = el.get("style") or ""
        if name in style:
            for part in style.split(";"):
                k, _, v = part.partition(":")
                if k.strip().lower() == name:
                    out = v.strip().lower()
        return out

    def scale(self, el: Any) -> float:
        for name in ("transform", "-webkit-transform", "-ms-transform"):
            m = _MATRIX.search(self.get(el, name) or "")
            if m:
                return float(m.group(1)) or 1.0
        return 1.0


def _runs(root: Any, style: _Style) -> list[Any]:
    return [el for el in root.iter("div") if "t" in (el.get("class") or "").split()
            and style.get(el, "left") is not None and style.get(el, "bottom") is not None]


def positioned_pages(root: Any) -> list[tuple[float, list[dict]]] | None:
    """Each page's (height, characters as the PDF loader takes them), or None when the page is
    not such a conversion (fewer than `_MIN_RUNS` positioned runs)."""
    style = _Style(root)
    runs = _runs(root, style)
    if len(runs) < _MIN_RUNS:
        return None
    pages: list[tuple[Any, list[Any]]] = []
    for run in runs:
        page = next((a for a in run.iterancestors("div") if "pf" in (a.get("class") or "").split()), None)
        if not pages or pages[-1][0] is not page:
            pages.append((page, []))
        pages[-1][1].append(run)
    out = []
    doctop = 0.0
    for page, page_runs in pages:
        height = _px(style.get(page, "height")) if page is not None else None
        if height is None:
            height = max(_px(style.get(r, "bottom")) or 0.0 for r in page_runs) + 50.0
        chars: list[dict] = []
        for run in page_runs:
            _place(run, style, height, doctop, chars)
        out.append((height, chars))
        doctop += height
    return out


def _place(run: Any, style: _Style, height: float, doctop: float, chars: list[dict]) -> None:
    """The run's characters placed left to right from its left edge, on its baseline."""
    left = _px(style.get(run, "left")) or 0.0
    base = height - (_px(style.get(run, "bottom")) or 0.0)
    scale = style.scale(run)
    x = [left]

    def size_of(el: Any, inherited: float) -> float:
        fs = _px(style.get(el, "font-size"))
        return fs * scale if fs is not None and fs > 1 else inherited

    def text(s: str | None, size: float, spacing: float) -> None:
        for ch in s or "":
            w = size if _wide(ch) else size / 2
            if ch.isspace():
                w = size / 4
            chars.append({"text": " " if ch.isspace() else ch, "x0": x[0], "x1": x[0] + w,
                          "top": base - size, "bottom": base, "doctop": doctop + base - size,
                          "upright": True, "fontname": "html", "size": size})
            x[0] += w + spacing

    def walk(el: Any, size: float, spacing: float) -> None:
        size = size_of(el, size)
        ls = _px(style.get(el, "letter-spacing"))
        spacing = ls * scale if ls is not None else spacing
        if el is not run:
            for name in ("width", "margin-left"):  # a gap span (`._4{width:…}`) or a shift
                v = _px(style.get(el, name))
                if v is not None:
                    x[0] += v * scale
        text(el.text, size, spacing)
        for child in el:
            if isinstance(child.tag, str):
                walk(child, size, spacing)
            text(child.tail, size, spacing)

    walk(run, 10.0, 0.0)


def page_of(chars: list[dict], height: float, number: int) -> PageBlocks:
    """A page's placed characters as the PDF loader reads a page without rules: pdfplumber's
    words (the same settings), then lines and unruled grids by alignment."""
    from pdfplumber.utils.text import WordExtractor

    words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
             for w in WordExtractor(**WORD_SETTINGS).extract_words(chars)]
    return page_blocks(number, height, [], words)
