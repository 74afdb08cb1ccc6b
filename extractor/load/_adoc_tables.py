"""AsciiDoc tables (`|===` … `|===`) → tables with spans.

Each `|` starts a cell, with an optional specifier before it: `2+|` spans two columns, `.3+|`
three rows, `2.3+|` both, `3*|` repeats the cell three times (alignment and style letters after
it are left out). The columns are counted by `[cols="…"]` above the block (`cols="10*"`,
`cols="1,2,3"`), else by the cells of the block's first line.
"""

from __future__ import annotations

import re

from ..document import SourceTable
from ._markup import Item, stripped, table_of_flow

_FENCE = re.compile(r"^[ \t]*\|===[ \t]*$", re.M)
_COLS = re.compile(r"cols\s*=\s*\"([^\"]*)\"")
_SPEC = re.compile(r"(?:(\d+)(?:\.(\d+))?\+|\.(\d+)\+|(\d+)\*)?[<^>]?(?:\.[<^>])?[aehlmsdv]?\|")


def adoc_tables(text: str) -> list[SourceTable]:
    if "|===" not in text:
        return []
    out: list[SourceTable] = []
    fences = list(_FENCE.finditer(text))
    for open_, close in zip(fences[::2], fences[1::2]):
        a, b = open_.end(), close.start()
        items = _items(text, a, b)
        width = _width(text, open_.start(), a, b, items)
        if not items or width < 2:
            continue
        table = table_of_flow(items, width, (open_.start(), close.end()))
        if table is not None:
            out.append(table)
    return out


def _items(text: str, a: int, b: int) -> list[Item]:
    marks = []
    i = a
    while i < b:
        m = _SPEC.match(text, i, b)
        if m is not None and (i == a or text[i - 1].isspace()):
            marks.append(m)
            i = m.end()
        else:
            i += 1
    items = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else b
        body, s, e = stripped(text, m.end(), end)
        cs, rs, rs_only, times = m.groups()
        item = Item(body, s, e, int(cs) if cs else 1, int(rs) if rs else int(rs_only) if rs_only else 1)
        items.extend([item] * (int(times) if times else 1))
    return items


def _width(text: str, top: int, a: int, b: int, items: list[Item]) -> int:
    """Columns: from `[cols="…"]` on the line above the block, else the first line's cells."""
    above = text[text.rfind("\n", 0, max(0, top - 1)) + 1:top]
    m = _COLS.search(above)
    if m:
        spec = m.group(1).strip()
        if re.fullmatch(r"\d+\*.*", spec):
            return int(spec.split("*")[0])
        return len(spec.split(","))
    first = text[a:b].strip().split("\n", 1)[0]
    start = a + text[a:b].find(first)
    return sum(it.colspan for it in items if start <= it.start <= start + len(first))
