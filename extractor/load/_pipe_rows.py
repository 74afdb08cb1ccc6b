"""Markdown pipe rows as converters write them: `<br>` inside a cell → the cell's text whole.

docling, marker and pandoc keep a cell's line breaks as `<br>` in a pipe row, and a PDF's cell
breaks a Chinese label wherever its line was full: `| 行政规范性文<br>件 | 77 |`, `| 第二十条第（<br>
一）项 |`, `| 三、本年度办理结果<br>（一）予以公开 | …`. The row reader reads a line as a row and
would take `行政规范性文` and `件` for two texts. A cell's lines are one text: the `<br>` is taken
out where it stands between a Chinese character (or punctuation) and anything, a space put where
it stands between two Latin letters or digits of words; between two digits (`12<br>5`, two lines
of numbers) it is left as it is, which no reader takes for a number (the cell is a doubt, never
125). Only in pipe rows (a line that starts with `|` and holds another): elsewhere a `<br>` is
HTML the HTML loader reads.
"""

from __future__ import annotations

import re

_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[^\n]*$", re.M)
_BREAK = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*", re.I)
_TAG = re.compile(r"<br[ \t]*/?>", re.I)


def joined_breaks(text: str) -> str:
    """`text` with the `<br>` inside its pipe rows' cells joined as the cell's text."""
    if "<br" not in text and "<BR" not in text:
        return text
    return _ROW.sub(lambda m: _BREAK.sub(_join, m.group(0)) if "<" in m.group(0) else m.group(0), text)


def _join(m: re.Match[str]) -> str:
    s, a, b = m.string, m.start(), m.end()
    left = s[a - 1] if a > 0 else ""
    right = s[b] if b < len(s) else ""
    if left.isdigit() and right.isdigit():
        return m.group(0)  # two lines of numbers: not one number
    if left in ("", "|") or right in ("", "|"):  # a break at the cell's edge: the spaces stay
        return _TAG.sub("", m.group(0))
    if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
        return " "
    return ""
