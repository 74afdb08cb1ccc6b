"""Merged cells a converter repeated into every column they span (docling's Markdown).

docling writes a merged cell's text into each column it covers: a header `| 信息内容 |
本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |` over the row `| 行政许可 | 2629 | 2629 |
2629 |`, which holds one count, not three. `unrepeated` keeps one copy of a cell repeated
in the columns that its table's header shows repeated too: only there, since `| 0 | 0 | 0 |`
under three different column names are three cells.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from typing import Sequence

from ._cells import Cell, any_bordered, any_on_line, any_slotted


def unrepeated(cells: Sequence[Cell]) -> Sequence[Cell]:
    """The cells without the copies of a merged cell in the columns its header repeats."""
    if not (any_bordered(cells) and any_slotted(cells) and any_on_line(cells)) \
            or not any(c.bordered and c.slot is not None and c.line >= 0 for c in cells):
        return cells  # (no tab or pipe line: most text tables, every grid, told in C)
    header: list[str] | None = None  # the last header line's text by slot
    repeats: list[int] = []  # the slots j whose header repeats slot j - 1's (most headers: none)
    drop: set[int] = set()
    for at, run in groupby(cells, _LINE):  # (runs of one line, grouped in C)
        line = list(run)
        numbers = _NUM in map(_KIND, line)
        if (numbers and not repeats) or at < 0 or not all(c.bordered and c.slot is not None for c in line):
            # (a row of numbers under no repeated column needs no look: most lines of most tables)
            continue
        if not numbers:
            slots = _slots(line)
            # a header: column names only (a row of blank marks, `— | — | —`, names none)
            if not any(c.kind == "blank" and c.text for c in line) and sum(1 for t in slots.values() if t) >= 2:
                header = [slots.get(j, "") for j in range(max(slots) + 1)]
                repeats = [j for j in range(1, len(header)) if header[j] and header[j] == header[j - 1]]
            continue
        slots = _slots(line)
        if header is None or max(slots) + 1 != len(header):
            continue
        for j in repeats:
            if slots.get(j) and slots.get(j) == slots.get(j - 1):
                drop.update(id(c) for c in line if c.slot == j)
    return [c for c in cells if id(c) not in drop] if drop else cells


_LINE = attrgetter("line")
_KIND = attrgetter("kind")
_NUM = "num"


def _slots(line: list[Cell]) -> dict[int, str]:
    """The line's text by slot (a slot's pieces joined, spaces dropped)."""
    out: dict[int, str] = {}
    for c in line:
        assert c.slot is not None
        out[c.slot] = out.get(c.slot, "") + "".join(c.text.split())
    return out
