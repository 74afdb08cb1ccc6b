"""Rows that printed nothing, in a table copied a cell a line (a browser's PDF viewer).

There an empty cell leaves no line at all, so a row whose cells are all empty is its label
alone, straight before the next row's label: `（一）予以公开` then `（二）部分公开` then `3`. Read
as one phrase, the two labels name the second row and the first is lost (its cells missing).
`blank_rows` finds such labels (a phrase that names a row, followed by a line that names
another on its own) and takes them out of the phrase, to be read as rows of blank cells.
"""

from __future__ import annotations

from typing import Sequence

from ._cells import Cell
from .labels import RowPatterns


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
