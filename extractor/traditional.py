"""Traditional characters folded to simplified, for reading a page served in 繁體.

Some sites serve a 繁體 copy of every page (a `big5.` gateway, a server-side switch), and a
crawler may keep that copy: `本年新收政府信息公開申請數量`, `（七）總計`, `結轉下年度繼續辦理`. The
reader's labels, headings and title rules are written in simplified characters, so the document
is read through OpenCC's traditional-to-simplified conversion (phrase-aware: 乾隆 stays, 乾燥 is
干燥). It maps characters, never numbers, and keeps the text's length, so every offset
(provenance, spans) still points into the text as printed.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import opencc

from .document import Document

#: characters of the format's own words: a page holding several of them is a 繁體 page
_MARKERS = "開請數結轉辦總處況"


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Does the text print the format's words in traditional characters?"""
    head = text[:20000]  # counted a character at a time: a regex's character class, tried at
    return sum(map(head.count, _MARKERS)) >= 5  # every position of a simplified page, costs more


def fold(text: str) -> str:
    """The text with its traditional characters simplified (same length: where a phrase would
    change it, character by character, each kept unless it maps to exactly one)."""
    cc = _converter()
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(s := cc.convert(c)) != 1 else s for c in text)


def simplified(doc: Document) -> Document:
    """The document read through the folding (itself when it is not a 繁體 page)."""
    if not is_traditional(doc.text):
        return doc
    tables = [replace(t, cells=[replace(c, text=fold(c.text)) for c in t.cells]) for t in doc.tables]
    return replace(doc, text=fold(doc.text), tables=tables,
                   source_html=None if doc.source_html is None else fold(doc.source_html))
