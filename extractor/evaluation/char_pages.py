"""Characters that stand for others (round 8, `char-forms`): a report whose text came through a
converter or a copy that puts other code points in place of the ones printed.

- Kangxi radicals (U+2F00–U+2FD5) and CJK radicals (U+2E80–U+2EF3) for the ideographs they look
  like (`⼀、总体情况`, `⾏政许可`, `部⻔`): PDFs exported from Word/WPS, through pdftotext/pdfium;
- CJK compatibility ideographs (U+F900–U+FAFF) for unified ones;
- zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) inside numbers and words
  (WeChat and CMS copies), or after every character;
- soft hyphens (U+00AD) inside numbers;
- mathematical digits (U+1D7CE–U+1D7FF) for every digit (some converters).

`char_forms` prints a report in a plain layout (bordered, PDF text, or flattened web text with
hidden cuts, for the oracle) and then changes its characters; what a person sees is unchanged,
so the gold is the drawn numbers. The text transforms are also used by `eval/probe_unseen.py`.
"""

from __future__ import annotations

import random
import re
import unicodedata
from functools import lru_cache

from ._render import LAYOUTS, Style
from .family_pages import Draft, Page, _flat_page, _page_style, _prose, _sections, _title
from .flat_page import RowStyle

ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
SOFT_HYPHEN = "\u00ad"
#: the ideographs of the CJK Radicals Supplement that a report's words use (simplified forms)
_SUPPLEMENT = {"长": "\u2ed3", "门": "\u2ed4", "见": "\u2ec5", "页": "\u2eda", "车": "\u2ecb", "马": "\u2ee2",
               "黄": "\u2ee9", "风": "\u2edb", "齐": "\u2eec", "贝": "\u2ec9", "飞": "\u2edc", "龙": "\u2ef0",
               "鱼": "\u2ee5", "麦": "\u2ee8", "西": "\u2ec4", "青": "\u2ed8"}
FORMS = ("radicals", "compat", "zero-width", "soft-hyphen", "math-digits")


@lru_cache(maxsize=1)
def _radicals() -> dict[str, str]:
    """ideograph → the Kangxi radical (or supplement form) that looks like it"""
    out = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)}
    out.update(_SUPPLEMENT)
    return out


@lru_cache(maxsize=1)
def _compat() -> dict[str, str]:
    """unified ideograph → a compatibility ideograph (U+F900–U+FAFF) that NFKC folds to it"""
    out: dict[str, str] = {}
    for c in range(0xF900, 0xFB00):
        folded = unicodedata.normalize("NFKC", chr(c))
        if len(folded) == 1 and folded != chr(c):
            out.setdefault(folded, chr(c))
    return out


def _swap(text: str, table: dict[str, str], rng: random.Random, p: float) -> str:
    return "".join(table[ch] if ch in table and (p >= 1 or rng.random() < p) else ch for ch in text)


def radicals(text: str, rng: random.Random, p: float = 1.0) -> str:
    return _swap(text, _radicals(), rng, p)


def compat(text: str, rng: random.Random, p: float = 1.0) -> str:
    return _swap(text, _compat(), rng, p)


_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])(?=[0-9])")
_BETWEEN_IDEOGRAPHS = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


def zero_width(text: str, rng: random.Random, p_number: float = 0.5, p_word: float = 0.1,
               every: bool = False) -> str:
    """Zero-width characters between two digits (`p_number`) and two ideographs (`p_word`), or
    after every character (`every`)."""
    if every:
        mark = rng.choice(ZERO_WIDTH[:4])
        return "".join(ch + mark if ch != "\n" else ch for ch in text)
    text = _BETWEEN_DIGITS.sub(lambda m: rng.choice(ZERO_WIDTH) if rng.random() < p_number else "", text)
    return _BETWEEN_IDEOGRAPHS.sub(lambda m: rng.choice(ZERO_WIDTH) if rng.random() < p_word else "", text)


def soft_hyphens(text: str, rng: random.Random, p: float = 0.5) -> str:
    return _BETWEEN_DIGITS.sub(lambda m: SOFT_HYPHEN if rng.random() < p else "", text)


def math_digits(text: str, rng: random.Random) -> str:
    base = 0x1D7CE + 10 * rng.randrange(5)  # bold, double-struck, sans-serif, sans bold, monospace
    return re.sub("[0-9]", lambda m: chr(base + int(m.group())), text)


def change(text: str, form: str, rng: random.Random) -> str:
    """`text` with its characters changed as `form` (one of `FORMS`) does, at random strength."""
    if form == "radicals":
        return radicals(text, rng, rng.choice([1.0, 1.0, 0.6]))
    if form == "compat":
        return compat(text, rng, rng.choice([1.0, 0.5]))
    if form == "zero-width":
        return zero_width(text, rng, rng.uniform(0.2, 0.9), rng.uniform(0.0, 0.3), every=rng.random() < 0.15)
    if form == "soft-hyphen":
        return soft_hyphens(text, rng, rng.uniform(0.2, 0.9))
    if form == "math-digits":
        return math_digits(text, rng)
    raise ValueError(form)


def char_forms(d: Draft) -> Page:
    """Round 8: a report in a bordered layout, PDF text or flattened web text (partly spaced, the
    oracle deciding), with one or two of `FORMS` applied to its characters."""
    rng = d.rng
    forms = rng.sample(FORMS, rng.choice([1, 1, 2]))
    layout = rng.choice(["tab", "pipe", "pdf-text", "flat", "flat"])
    if layout == "flat":
        p = rng.uniform(0.5, 1.0)

        def choose(section, keys, values, r) -> RowStyle:
            if d.plain(keys):
                return RowStyle()
            return RowStyle("partial", p_space=p) if r.random() < 0.5 else RowStyle()

        page = _flat_page(d, choose, _page_style(d, one_line=rng.random() < 0.5), ["char_forms"])
    else:
        body = LAYOUTS[layout](_sections(d), Style(), rng)
        before, after = _prose(d)
        page = Page(f"{_title(d)}\n{before}{body}\n{after}", ".txt", None, ["char_forms", f"layout:{layout}"],
                    input_format="txt-utf-8")
    for form in forms:
        page.text = change(page.text, form, rng)
    page.damage = page.damage + forms
    return page
