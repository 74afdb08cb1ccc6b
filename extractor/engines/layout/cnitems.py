"""表三 rows written as lists whose counts are Chinese numerals glued to their applicant's name
(`予以公开：自然人二十一个、商业企业零个、…、总计二十一个`, `总计九十五件（其中自然人九十五件、…）`):
no space and no digit, so the tokenizer keeps each list a single run of words. `split_items`
cuts the counts out of it, each a number cell glued to the words before it, as the tokenizer
cuts `自然人21个、` (`colwords` then keeps the row open across the names between them).

Only a run naming two applicants or more, each with a well-formed count (`cnnum.count`) that a
list's mark, a closing bracket or the run's end follows: prose that names an applicant once
(`其中自然人三名…`) stays words. A lone `一` with no measure word may be a dash typed with the
numeral key: a doubt of 1 and a dash (`Cell.dash_or_one`) unless the run writes a zero `零`
(a typist who writes 零 for a zero types no dash), as `cnnum` reads a table's lone `一`.
"""

from __future__ import annotations

import re
from .cnnum import count

_ITEM = re.compile(r"(?:自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他(?:组织)?|总计|合计)(?:为|是|共)?"
                   r"([零〇一二两三四五六七八九十百千万]+(?:人次|件|个|项|次)?)(?=[、，,；;。（()）]|$)")
#: a quick no for every run that names no applicant
_NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "总计", "合计")


def split_items(cells: list, new_cell) -> list:
    """`cells` with each such list's run of words cut into words and counts (`new_cell(kind,
    text, start, end, line, glued)` makes a cell); the list itself when no run is one."""
    found = {}
    for i, c in enumerate(cells):
        if c.kind == "text" and any(n in c.text for n in _NAMES):
            items = [m for m in _ITEM.finditer(c.text) if count(m.group(1)) is not None]
            if len(items) >= 2:
                found[i] = items
    if not found:
        return cells
    # (the table's runs together, as `cnnum` asks the table: one written zero says the typist's way)
    zeros = any(m.group(1)[0] in "零〇" for items in found.values() for m in items)
    out = []
    for i, c in enumerate(cells):
        if i in found:
            out += _pieces(c, found[i], zeros, new_cell)
        else:
            out.append(c)
    return out


def _pieces(c, items: list, zeros: bool, new_cell) -> list:
    out = []
    at = 0
    for m in items:
        a, b = m.span(1)
        if a > at:
            out.append(new_cell("text", c.text[at:a], c.start + at, c.start + a, c.line, False))
        num = new_cell("num", c.text[a:b], c.start + a, c.start + b, c.line, True)
        if m.group(1) == "一" and not zeros:
            num.dash_or_one = True  # (`cellvalue.cell_read`: 1 first, or a dash)
        out.append(num)
        at = b
    if at < len(c.text):
        out.append(new_cell("text", c.text[at:], c.start + at, c.end, c.line, False))
    return out
