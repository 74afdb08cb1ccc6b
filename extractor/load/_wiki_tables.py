"""MediaWiki tables (`{| … |}`) → tables with spans.

`|-` starts a row, `|` (or `!` for a header) a cell, `||` (`!!`) another cell on the same line; a
cell's attributes come before a single `|` (`colspan="2" | text`); `|+` is the caption.
"""

from __future__ import annotations

import re

from ..document import SourceTable
from ._markup import Item, stripped, table_of_rows

_OPEN = re.compile(r"^[ \t]*\{\|", re.M)
_CLOSE = re.compile(r"^[ \t]*\|\}", re.M)
_ATTR = re.compile(r"(colspan|rowspan)\s*=\s*[\"']?(\d+)", re.I)


def wiki_tables(text: str) -> list[SourceTable]:
    if "{|" not in text:
        return []
    out: list[SourceTable] = []
    for m in _OPEN.finditer(text):
        close = _CLOSE.search(text, m.end())
        if close is None:
            continue
        rows: list[list[Item]] = []
        at = text.find("\n", m.end()) + 1 or close.start()
        while at < close.start():
            nl = text.find("\n", at)
            end = close.start() if nl < 0 or nl > close.start() else nl
            line = text[at:end]
            body = line.lstrip()
            lead = at + len(line) - len(body)
            if body.startswith("|-"):
                rows.append([])
            elif body.startswith("|+"):
                pass
            elif body[:1] in ("|", "!"):
                if not rows:
                    rows.append([])
                rows[-1].extend(_cells(text, lead, end, body[0]))
            at = end + 1
        table = table_of_rows([r for r in rows if r], (m.start(), close.end()))
        if table is not None:
            out.append(table)
    return out


def _cells(text: str, a: int, b: int, mark: str) -> list[Item]:
    line = text[a + 1:b]
    sep = "||" if mark == "|" else "!!"
    pieces, at = [], a + 1
    for part in (line.split(sep) if mark == "|" else re.split(r"!!|\|\|", line)):
        pieces.append((at, at + len(part)))
        at += len(part) + 2
    items = []
    for s, e in pieces:
        piece = text[s:e]
        bar = piece.find("|")
        colspan = rowspan = 1
        if bar >= 0 and "=" in piece[:bar]:  # attributes, then the content
            for k, v in _ATTR.findall(piece[:bar]):
                if k.lower() == "colspan":
                    colspan = int(v)
                else:
                    rowspan = int(v)
            s = s + bar + 1
        body, s2, e2 = stripped(text, s, e)
        items.append(Item(body, s2, e2, colspan, rowspan))
    return items
