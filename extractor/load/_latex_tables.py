"""LaTeX `tabular` tables (Nougat, Marker and other model-based PDF converters) → tables with spans.

`\\begin{tabular}{…}` … `\\end{tabular}` (also `tabularx`, `longtable`, `array`): rows end at
`\\\\`, cells split at `&` (not `\\&`); rules (`\\hline`, `\\cline{…}`, `\\toprule`, `\\midrule`,
`\\bottomrule`) are no cells; `\\multicolumn{n}{spec}{text}` spans n columns and
`\\multirow{n}{*}{text}` n rows (the rows below write an empty cell where it covers them).
"""

from __future__ import annotations

import re

from ..document import SourceTable
from ._markup import Item, stripped, table_of_rows

_BEGIN = re.compile(r"\\begin\{(tabularx?|longtable|array)\*?\}")
_RULES = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|endhead|endfirsthead|endfoot|endlastfoot)\b|\\cline\{[^}]*\}")
_SPAN = re.compile(r"\s*\\(multicolumn|multirow)\s*\{\s*(\d+)\s*\}\s*\{[^{}]*\}\s*\{")
_ROW_END = re.compile(r"\\\\(?:\s*\[[^\]]*\])?")


def latex_tables(text: str) -> list[SourceTable]:
    if "\\begin{" not in text:
        return []
    out: list[SourceTable] = []
    for m in _BEGIN.finditer(text):
        end = text.find(f"\\end{{{m.group(1)}", m.end())
        if end < 0:
            continue
        a = _after_args(text, m.end(), 2 if m.group(1) == "tabularx" else 1)
        rows = [_cells(text, s, e) for s, e in _rows(text, a, end)]
        table = table_of_rows([r for r in rows if r], (m.start(), end), blank_covers=True)
        if table is not None:
            out.append(table)
    return out


def _after_args(text: str, at: int, n: int) -> int:
    """The offset after `n` brace groups (and an optional `[pos]`) from `at`."""
    i = at
    while i < len(text) and text[i] in " [":
        if text[i] == "[":
            i = text.find("]", i) + 1 or len(text)
        else:
            i += 1
    for _ in range(n):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text) or text[i] != "{":
            return i
        i = _close(text, i)
    return i


def _close(text: str, i: int) -> int:
    """The offset after the brace group opening at `i`."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{" and text[j - 1] != "\\":
            depth += 1
        elif text[j] == "}" and text[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def _rows(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    at = a
    for m in _ROW_END.finditer(text, a, b):
        out.append((at, m.start()))
        at = m.end()
    if text[at:b].strip() and "&" in text[at:b]:
        out.append((at, b))
    return out


def _cells(text: str, a: int, b: int) -> list[Item]:
    row = text[a:b]
    if not _RULES.sub("", row).strip():
        return []
    cuts = [a] + [a + i + 1 for i, ch in enumerate(row) if ch == "&" and (i == 0 or row[i - 1] != "\\")]
    items = []
    for k, s in enumerate(cuts):
        e = cuts[k + 1] - 1 if k + 1 < len(cuts) else b
        items.append(_item(text, s, e))
    return items


def _item(text: str, s: int, e: int) -> Item:
    # a rule before the first cell (`\hline 一、… & 3`) is no text of it
    while (m := _RULES.match(text, s, e) or re.compile(r"\s+").match(text, s, e)) and m.end() > s:
        s = m.end()
    colspan = rowspan = 1
    while (m := _SPAN.match(text, s, e)) is not None:
        close = min(_close(text, m.end() - 1), e)
        if m.group(1) == "multicolumn":
            colspan = int(m.group(2))
        else:
            rowspan = int(m.group(2))
        s, e = m.end(), close - 1
    body, s, e = stripped(text, s, e)
    return Item(body, s, e, colspan, rowspan)
