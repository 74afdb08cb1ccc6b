"""Placing the cells of a table written as markup (LaTeX, MediaWiki, AsciiDoc) on its grid.

Each syntax has its own small reader (`_latex_tables`, `_wiki_tables`, `_adoc_tables`,
`_textile_tables`, `_rst_list_tables`; `_dash_tables` for pandoc's and rST's dash-run tables) that finds
its blocks and cuts them into cells: the cell's text, where that text is in the document, and its
spans. Here the cells become `SourceCell`s on the table's grid, the way HTML places `<td>`s: a
cell takes the first slot of its row that no cell spanning rows from above covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import SourceCell, SourceTable


@dataclass
class Item:
    """One cell as written: its text (stripped), offsets of that text, spans."""

    text: str
    start: int
    end: int
    colspan: int = 1
    rowspan: int = 1


def stripped(text: str, a: int, b: int) -> tuple[str, int, int]:
    """`text[a:b]` without the spaces around it, and its offsets."""
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    return body, a + lead, a + lead + len(body)


def table_of_rows(rows: list[list[Item]], span: tuple[int, int], *, blank_covers: bool = False) -> SourceTable | None:
    """A table from its rows of cells. `blank_covers`: a row writes an empty cell where a cell
    from above spans into it (LaTeX's `\\multirow`); such a cell is the covered slot, not a cell."""
    cells: list[SourceCell] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for item in row:
            if blank_covers and not item.text and (r, col) in covered:
                col += 1
                continue
            while (r, col) in covered:
                col += 1
            cells.append(SourceCell(row=r, col=col, text=item.text, rowspan=max(1, item.rowspan),
                                    colspan=max(1, item.colspan), span=(item.start, item.end) if item.text else None))
            for dr in range(max(1, item.rowspan)):
                for dc in range(max(1, item.colspan)):
                    covered.add((r + dr, col + dc))
            col += max(1, item.colspan)
    if sum(1 for c in cells if c.text) < 4:
        return None
    return SourceTable(cells=cells, span=span)


def table_of_flow(items: list[Item], width: int, span: tuple[int, int]) -> SourceTable | None:
    """A table whose cells follow each other with no row marks (AsciiDoc): each row holds `width`
    columns, a cell spanning rows covering the slots below it."""
    cells: list[SourceCell] = []
    covered: set[tuple[int, int]] = set()
    r = c = 0
    for item in items:
        while (r, c) in covered or c >= width:
            c += 1
            if c >= width:
                r, c = r + 1, 0
        cs, rs = max(1, min(item.colspan, width - c)), max(1, item.rowspan)
        cells.append(SourceCell(row=r, col=c, text=item.text, rowspan=rs, colspan=cs,
                                span=(item.start, item.end) if item.text else None))
        for dr in range(rs):
            for dc in range(cs):
                covered.add((r + dr, c + dc))
        c += cs
    if sum(1 for x in cells if x.text) < 4:
        return None
    return SourceTable(cells=cells, span=span)


_NUMBER = re.compile(r"[-+]?\d[\d,.]*")


def repeats_as_spans(texts: list[list[str]]) -> list[list[int]]:
    """Each cell's colspan (0: a copy of the cell on its left), for a table whose syntax cannot
    merge cells (dash-run tables, rST list tables): a converter that had merged ones writes the
    text into every column they span (docling does). A text repeated in a row of words is one merged cell; a number repeated in
    a row of numbers is one only where the last row of words above repeats its column too
    (`本年处理决定数量` over three columns, `9487` under each): `0 | 0 | 0` under three column
    names are three cells."""
    out: list[list[int]] = []
    header: list[str] | None = None
    for row in texts:
        numbers = any(_NUMBER.fullmatch(t) for t in row)
        spans = [1] * len(row)
        for k in range(len(row) - 1, 0, -1):
            t = row[k]
            if not t or t != row[k - 1]:
                continue
            if not _NUMBER.fullmatch(t) or (header is not None and k < len(header) and header[k] and header[k] == header[k - 1]):
                spans[k - 1] += spans[k]
                spans[k] = 0
        if not numbers and sum(1 for t in row if t) >= 2:
            header = row
        out.append(spans)
    return out
