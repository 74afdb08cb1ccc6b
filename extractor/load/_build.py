"""Blocks (lines and tables) to `Document.text` and `SourceTable`s whose cells point into it.

Table rows become lines with cells separated by tabs, so text-based readers see the columns;
each `SourceCell.span` is the exact offset of its text in that line.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..document import Document, SourceCell, SourceTable
from ._grid import Block, GridTable, Line, clean


class TextBuilder:
    """Accumulates the document's text line by line and records where each cell landed."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.tables: list[SourceTable] = []

    def _emit(self, s: str) -> None:
        self._parts.append(s)
        self._pos += len(s)

    def add_line(self, parts: Iterable[str]) -> None:
        line = "\t".join(clean(p) for p in parts).rstrip()
        if line:
            self._emit(line + "\n")

    def add_table(self, cells: list[SourceCell], page: int | None = None) -> None:
        """Cells (row, col, spans, text, locator set) → rows of tab-separated text; spans filled."""
        if not cells:
            return
        start = self._pos
        by_row: dict[int, list[SourceCell]] = {}
        for c in cells:
            c.text = clean(c.text)
            by_row.setdefault(c.row, []).append(c)
        for r in sorted(by_row):
            row = sorted(by_row[r], key=lambda c: c.col)
            if not any(c.text for c in row):
                for c in row:
                    c.span = (self._pos, self._pos)
                continue
            for k, c in enumerate(row):
                if k:
                    self._emit("\t")
                c.span = (self._pos, self._pos + len(c.text))
                self._emit(c.text)
            self._emit("\n")
        self.tables.append(SourceTable(cells=sorted(cells, key=lambda c: (c.row, c.col)), span=(start, self._pos), page=page))

    @property
    def text(self) -> str:
        return "".join(self._parts)


def positioned_cells(table: GridTable, scale: float = 1.0, extra: dict[str, Any] | None = None) -> list[SourceCell]:
    """A page-geometry table's cells as `SourceCell`s with {"page", "bbox"} locators."""
    out = []
    for c in table.cells:
        loc: dict[str, Any] = {"page": c.page, "bbox": [round(v * scale, 1) for v in c.bbox]}
        if extra:
            loc.update(extra)
        out.append(
            SourceCell(
                row=c.row, col=c.col, rowspan=c.rowspan, colspan=c.colspan, text=c.text, locator=loc,
                confidence=None if c.conf is None else round(c.conf, 4), agreed=c.agreed, sign=c.sign,
                alternatives=c.alternatives,
            )
        )
    return out


def build_text(blocks: Iterable[Block], scale: float = 1.0, extra: dict[str, Any] | None = None,
               into: TextBuilder | None = None) -> TextBuilder:
    """Joined page blocks → a `TextBuilder` holding the text and the tables (`into`: added after
    what that builder holds)."""
    tb = TextBuilder() if into is None else into
    for b in blocks:
        if isinstance(b, GridTable):
            tb.add_table(positioned_cells(b, scale, extra), page=b.page)
        elif isinstance(b, Line):
            tb.add_line(b.parts)
    return tb


def add_document(chunk: Document, tb: TextBuilder, n_table: int, where: dict[str, Any]) -> int:
    """A chunk's lines and tables (an imported page, an embedded workbook, a recognised picture)
    added to `tb` in their order, each table's cells as the chunk's loader gave them (spans,
    confidences and reads kept; `where` added to each locator, with the table's number); returns
    the tables added."""
    pos = 0
    text = chunk.text
    for i, table in enumerate(sorted(chunk.tables, key=lambda t: t.span[0] if t.span else 0)):
        start, end = table.span if table.span else (pos, pos)
        for line in text[pos:start].splitlines():
            tb.add_line([line])
        cells = [SourceCell(row=c.row, col=c.col, text=c.text, rowspan=c.rowspan, colspan=c.colspan,
                            locator={**(c.locator or {}), **where, "table": n_table + i},
                            confidence=c.confidence, agreed=c.agreed, sign=c.sign, alternatives=c.alternatives)
                 for c in table.cells]
        tb.add_table(cells)
        pos = max(pos, end)
    for line in text[pos:].splitlines():
        tb.add_line([line])
    return len(chunk.tables)
