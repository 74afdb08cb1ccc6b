"""reStructuredText `list-table` directives (Sphinx and docs sites) → tables.

    .. list-table:: 表题
       :header-rows: 1

       * - 信息内容
         - 本年新制作数量
       * - 规章
         - 13

`* -` starts a row and its first cell, `-` (indented under it) each further cell; a line indented
deeper than a cell's dash continues that cell. The syntax merges no cells: a converter that had
merged ones leaves the other slots empty (`-` alone) or repeats the text (`_markup.repeats_as_spans`).
Read line by line, each cell is a line of its own and a row's numbers are a column, not a row.
"""

from __future__ import annotations

import re

from ..document import SourceTable
from ._markup import Item, repeats_as_spans, table_of_rows

_DIRECTIVE = re.compile(r"^([ \t]*)\.\.[ \t]+list-table::.*$", re.M)
_OPTION = re.compile(r"^[ \t]+:[\w-]+:")
_ROW = re.compile(r"^([ \t]*)\*[ \t]+-(?:[ \t]+|$)")
_CELL = re.compile(r"^([ \t]*)-(?:[ \t]+|$)")


def rst_list_tables(text: str) -> list[SourceTable]:
    if "list-table::" not in text:
        return []
    out: list[SourceTable] = []
    for m in _DIRECTIVE.finditer(text):
        indent = len(m.group(1))
        rows: list[list[Item]] = []
        at = m.end() + 1
        end = at
        while at < len(text):
            nl = text.find("\n", at)
            stop = len(text) if nl < 0 else nl
            line = text[at:stop]
            body = line.strip()
            lead = len(line) - len(line.lstrip())
            if body and lead <= indent:
                break  # the directive's body ends where a line is no longer indented under it
            row, cell = _ROW.match(line), _CELL.match(line)
            if row is not None:
                rows.append([_item(text, at + row.end(), stop)])
            elif cell is not None and rows:
                rows[-1].append(_item(text, at + cell.end(), stop))
            elif body and rows and not _OPTION.match(line):
                last = rows[-1][-1]  # a cell's text over more lines
                start = at + lead
                rows[-1][-1] = Item(last.text + body, last.start if last.text else start, start + len(body))
            if body:
                end = stop
            at = stop + 1
        if len(rows) < 2:
            continue
        spans = repeats_as_spans([[c.text for c in r] for r in rows])
        kept = [[Item(c.text, c.start, c.end, colspan=s) for c, s in zip(r, sp) if s] for r, sp in zip(rows, spans)]
        table = table_of_rows(kept, (m.start(), end))
        if table is not None:
            out.append(table)
    return out


def _item(text: str, a: int, b: int) -> Item:
    body = text[a:b].strip()
    start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
    return Item(body, start, start + len(body))
