"""Tables a loader kept as cells (HTML, Word, PDF words, OCR boxes) → the reader's cell stream.

A grid never loses its borders, so its blank cells are cells for sure (`firm`), and a cell
spanning several rows or columns is read once, where it starts. Which table a grid holds
(表二, 表三 or 表四) is told by its fixed labels.
"""

from __future__ import annotations

import re
from typing import Literal

from ...document import SourceTable
from ._cells import BLANK_MARKS, Cell, _tokens

TableKind = Literal["active", "requests", "appeals"]

_SPACE = re.compile(r"\s+")


def kind_of(table: SourceTable) -> TableKind | None:
    """Which of the three tables a grid holds, by its fixed labels (None: none of them)."""
    flat = _SPACE.sub("", "".join(c.text for c in table.cells))
    if "本年新收" in flat or "予以公开" in flat or "不予公开" in flat:
        return "requests"
    if "结果维持" in flat or ("行政复议" in flat and "行政诉讼" in flat):
        return "appeals"
    if "第二十条" in flat or "信息内容" in flat or "行政许可" in flat or "规范性文件" in flat:
        return "active"
    return None


def grid_cells(table: SourceTable, text: str) -> list[Cell]:
    """The table's cells row by row, each spanned cell once, with offsets into `text`."""
    out: list[Cell] = []
    seen: set[int] = set()
    for row in table.grid():
        for sc in row:
            if sc is None or id(sc) in seen:
                continue
            seen.add(id(sc))
            stripped = sc.text.strip()
            span = sc.span
            if span is not None and text[span[0]:span[1]].strip() != stripped:
                span = None  # offsets that do not point at the cell's text are no offsets
            if stripped in BLANK_MARKS:
                s = span[0] if span else None
                out.append(Cell("blank", stripped, s, span[1] if span else None, firm=True,  # type: ignore[arg-type]
                                locator=sc.locator, confidence=sc.confidence, bordered=True))
                continue
            first = len(out)
            if span is not None:
                _tokens(text, span[0], span[1], out)
            else:
                _tokens(sc.text, 0, len(sc.text), out)
            for c in out[first:]:
                c.firm = True
                c.bordered = True
                c.glued = False
                c.locator = sc.locator
                c.confidence = sc.confidence
                if span is None:
                    c.start = c.end = None  # type: ignore[assignment]
    return out
