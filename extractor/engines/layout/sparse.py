"""Rows that printed nothing, in a table copied a cell a line (a browser's PDF viewer).

There an empty cell leaves no line at all, so a row whose cells are all empty is its label
alone, straight before the next row's label: `（一）予以公开` then `（二）部分公开` then `3`. Read
as one phrase, the two labels name the second row and the first is lost (its cells missing).
`blank_rows` finds such labels (a phrase that names a row, followed by a line that names
another on its own) and takes them out of the phrase, to be read as rows of blank cells.
"""

from __future__ import annotations

from typing import Sequence

from ..base import Doubt
from ._cells import Cell
from .labels import RowPatterns
from .rowread import TableRead, resolve
from .solve import Read


def blank_rows(cells: Sequence[Cell], patterns: RowPatterns) -> tuple[list[Cell], list[tuple[str, Cell]]]:
    """The cells without the labels of rows that printed no cell, and those rows (name, label)."""
    out: list[Cell] = []
    blanks: list[tuple[str, Cell]] = []
    phrase: list[Cell] = []

    def row_of(texts: list[Cell]) -> str | None:
        row = patterns.match("".join(c.text for c in texts))
        return row if row in patterns.columns else None

    for c in cells:
        if c.kind != "text":
            phrase = []
            out.append(c)
            continue
        if phrase and c.line != phrase[-1].line:
            named, alone = row_of(phrase), row_of([c])
            if named is not None and alone is not None and alone != named:
                # the phrase names a row and this line names another on its own: the first
                # printed no cell (its label leaves the phrase; parents before it stay)
                blanks.append((named, phrase[-1]))
                out.remove(phrase[-1])
                phrase = phrase[:-1]
        phrase.append(c)
        out.append(c)
    if phrase and (named := row_of(phrase)) is not None:
        blanks.append((named, phrase[-1]))  # the table's last row, with nothing after it
    return out, blanks


def may_be_sparse(cells: Sequence[Cell]) -> bool:
    """Could the table print a cell a line with its empty cells left out, as another table of
    the document does (`a_cell_a_line`, which a table with fewer than three numbers cannot
    show): no blank cell, no border, every number alone on its line."""
    per_line: dict[int, int] = {}
    for c in cells:
        if c.kind == "blank" or c.bordered or c.line < 0:
            return False
        per_line[c.line] = per_line.get(c.line, 0) + 1
    return all(per_line[c.line] == 1 for c in cells if c.kind == "num")


def appeals(keys: Sequence[str], cells: Sequence[Cell], *, glued: bool, idents, into: TableRead) -> bool:
    """表四 in a document copied a cell a line (`a_cell_a_line` held for 表二 or 表三): its header
    words, then only the numbers of its non-empty cells, each alone on its line. Any cell may
    have left no line, so every order-keeping placement of the numbers that keeps the three
    group totals (维持+纠正+其他+尚未审结 = 总计) is a reading, for `settle` to narrow. A 表四
    that prints no number at all is every cell blank, or a table nobody filled: doubts whose
    one candidate is 0. False (nothing done) when the table is not printed so."""
    if any(c.kind == "blank" or c.bordered for c in cells):
        return False
    per_line: dict[int, int] = {}
    for c in cells:
        per_line[c.line] = per_line.get(c.line, 0) + 1
    last = max((i for i, c in enumerate(cells) if c.kind == "text"), default=-1)
    if last < 0:
        return False
    head, data = cells[: last + 1], list(cells[last + 1:])
    if any(c.kind == "num" for c in head) or len(data) >= len(keys) \
            or any(c.line < 0 or per_line[c.line] != 1 for c in data):
        return False  # numbers among the header words, or every cell printed: no sparse copy
    into.found = True
    if not data:
        unfilled(keys, into, cells[last].end, "表四")
        return True
    resolve(keys, data, glued=glued, idents=idents, into=into, row="appeals", sparse=True)
    return True


def unfilled(keys: Sequence[str], into: TableRead, at: int | None, table: str,
             why: str = "an empty cell leaves no line in this copy") -> None:
    """A table copied a cell a line that prints its labels and no number at all: every cell
    blank (an empty cell leaves no line), or a table nobody filled. Nothing says which, so
    every cell is a doubt whose one candidate is 0. (`why`: how the copy shows a blank cell.)"""
    for key in keys:
        into.reads[key] = Read(None, None, at, at)
        into.doubts[key] = Doubt(reason="missing_row", candidates=[0], detail=(
            f"{table} prints no number at all: every cell blank ({why}), or a table nobody filled"))
