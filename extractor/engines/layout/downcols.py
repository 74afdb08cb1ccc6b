"""表二 sections printed column by column, a cell a line (`pdftotext -raw` or pdfminer of an
unruled table): the section's first column top to bottom (`信息内容`, then each row's label), then
each further column top to bottom (its head, then one number a row).

Read as it stands, the first column's labels run together and each head's numbers go to the
last label (or close it), so every row but one reads as blanks or doubts. `rows_across` hands
the row reader what the upright section would have given: the header line (信息内容 and the
heads, in their printed order: `reader._t2_printed_order` then reads the heads' words as for any
other header) and each row's label with its numbers. Only when the lines are exactly that shape:
信息内容 alone, then k ≥ 2 row labels of the same width n, each alone on its line, then n heads each followed by k
lines of one number each; anything else (a number missing, a blank left out) is left as printed
(then its rows are doubts, never another row's numbers).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ._cells import Cell, lines_in_order, spliced
from .labels import PARENT, RowPatterns

#: the first column's head of a 表二 section
_CONTENT = re.compile(r"信息内容|项目|类别")


def rows_across(cells: Sequence[Cell], patterns: RowPatterns) -> Sequence[Cell]:
    """The cells with each 表二 section printed column by column put row by row (unchanged if
    there is none)."""
    lines = lines_in_order(cells)
    # (most tables: rows across, fewer than four lines of one number alone)
    if sum(1 for ln in lines if len(ln) == 1 and ln[0].kind == "num") < 4:
        return cells
    moved: dict[int, list[Cell]] = {}  # id of a section's first cell → its cells row by row
    used: set[int] = set()
    i = 0
    while i < len(lines):
        got = _section(lines, i, patterns)
        if got is None:
            i += 1
            continue
        end, rebuilt = got
        first = lines[i][0]
        moved[id(first)] = rebuilt
        used.update(id(c) for ln in lines[i:end] for c in ln)
        i = end
    if not moved:
        return cells
    return spliced(cells, moved, used)


def _alone(line: list[Cell], kind: str) -> bool:
    return len(line) == 1 and line[0].kind == kind


def _section(lines: list[list[Cell]], i: int, patterns: RowPatterns) -> tuple[int, list[Cell]] | None:
    """The section printed down its columns starting at line `i`: (the line after it, its cells
    row by row), or None."""
    if not (_alone(lines[i], "text") and _CONTENT.fullmatch(lines[i][0].text.strip(" \t|｜"))):
        return None
    head = lines[i][0]  # (its line is the rebuilt header's: above the rows, as printed)
    j = i + 1
    labels: list[tuple[Cell, str]] = []
    while j < len(lines) and _alone(lines[j], "text"):
        row = patterns.match(lines[j][0].text)
        if row is None or row == PARENT or row not in patterns.columns:
            break
        labels.append((lines[j][0], row))
        j += 1
    k = len(labels)
    widths = {len(patterns.columns[r]) for _, r in labels}
    if k < 2 or len(widths) != 1 or len({r for _, r in labels}) != k:
        return None
    n = widths.pop()
    heads: list[Cell] = []
    values: list[list[Cell]] = []
    for _ in range(n):
        if j >= len(lines) or not _alone(lines[j], "text") or patterns.match(lines[j][0].text) is not None:
            return None
        column = lines[j + 1:j + 1 + k]
        if len(column) != k or not all(_alone(ln, "num") for ln in column):
            return None
        heads.append(lines[j][0])
        values.append([ln[0] for ln in column])
        j += 1 + k
    if j < len(lines) and _alone(lines[j], "num"):
        return None  # more numbers than the rows hold: not this shape
    out: list[Cell] = []
    out.append(head)
    out.extend(replace(h, line=head.line, slot=None, col=None) for h in heads)
    for r, (label, _) in enumerate(labels):
        out.append(label)
        out.extend(replace(values[c][r], line=label.line, slot=None, col=None) for c in range(n))
    return j, out
