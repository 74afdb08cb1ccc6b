"""Textile tables (Redmine, Textpattern, some CMS editors) → tables with spans.

A row is a line `|a|b|c|`; a cell may start with a specifier and `. `: `_.` a header cell,
`\\2.` spanning two columns, `/3.` three rows (the rows below leave that slot out, as HTML
does), alignment and style marks (`<`, `>`, `=`, `^`, `~`, `{color:red}`, `(class)`, `[lang]`)
beside them. Read as Markdown pipes, `|\\3. 550|` would be the numbers 3 and 550 and the rows
under a `/3.` cell would stand a column to the left; so a block of pipe lines is read as
Textile only when a cell of it carries a span or header specifier.
"""

from __future__ import annotations

import re

from ..document import SourceTable
from ._markup import Item, stripped, table_of_rows

_ROW = re.compile(r"^[ \t]*(?:\{[^}\n]*\}\.[ \t]*)?\|.*\|[ \t]*$", re.M)
_SPEC = re.compile(r"(?:_|\\\d+|/\d+|[<>=^~]|<>|\{[^}|]*\}|\([^)|]*\)|\[[^\]|]*\])+\.[ \t]")
#: a specifier that makes the block Textile (a header cell or a span)
_MARK = re.compile(r"\|[ \t]*(?:[<>=^~]|\{[^}|]*\}|\([^)|]*\))*(?:_|\\\d+|/\d+)[^|.]*\.[ \t]")


def textile_tables(text: str) -> list[SourceTable]:
    if "|" not in text or "." not in text:
        return []
    out: list[SourceTable] = []
    block: list[re.Match[str]] = []
    for m in list(_ROW.finditer(text)) + [None]:
        if m is not None and (not block or text.count("\n", block[-1].end(), m.start()) <= 1):
            block.append(m)
            continue
        if block and any(_MARK.search(b.group(0)) for b in block):
            table = table_of_rows([_cells(text, b) for b in block], (block[0].start(), block[-1].end()))
            if table is not None:
                out.append(table)
        block = [m] if m is not None else []
    return out


def _cells(text: str, row: re.Match[str]) -> list[Item]:
    line = row.group(0)
    first = line.index("|")
    last = line.rindex("|")
    at = row.start() + first + 1
    items: list[Item] = []
    for part in line[first + 1:last].split("|"):
        s, e = at, at + len(part)
        colspan = rowspan = 1
        spec = _SPEC.match(part.lstrip())
        if spec is not None:
            for k, n in re.findall(r"([\\/])(\d+)", spec.group(0)):
                if k == "\\":
                    colspan = int(n)
                else:
                    rowspan = int(n)
            s = s + (len(part) - len(part.lstrip())) + spec.end()
        body, s2, e2 = stripped(text, s, e)
        items.append(Item(body, s2, e2, colspan, rowspan))
        at = e + 1
    return items
