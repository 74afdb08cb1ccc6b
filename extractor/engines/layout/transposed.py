"""表三 turned on its side (landscape pages): the applicant types as rows, the outcome rows as
columns, turned back into rows.

`| 项目 | 一、本年新收… | 二、上年结转… | （一）予以公开 | … |` then `| 自然人 | 16 | 0 | 5 | … |`,
one line per applicant type. `untransposed` hands the row reader what the upright table would
have given: each column's label, then its cells in the order of the table's columns. Only when a
header line names five rows of the table or more and three lines or more below it start with an
applicant type; a line whose cells cannot be put under the header's columns one for one is left
out (its cells then read as missing, never as another column's).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ._cells import Cell, lines_in_order
from .labels import RowPatterns
from .slices import REQUEST_COLUMNS

#: rows of the table a header line must name to be a transposed table's
_MIN_ROWS = 5
#: applicant lines under it
_MIN_LINES = 3


def untransposed(cells: Sequence[Cell], patterns: RowPatterns,
                 columns: Sequence[str] = REQUEST_COLUMNS, lines: list[list[Cell]] | None = None) -> Sequence[Cell]:
    """The cells with a transposed table put upright (unchanged if there is none).
    `lines`: `lines_in_order(cells)`, when the caller has it (read only)."""
    if lines is None:
        lines = lines_in_order(cells)
    heads: dict[int, bool] = {}  # line index → does it start with an applicant type (asked once)
    for i, line in enumerate(lines):
        if any(c.kind == "num" for c in line):
            continue
        # the lines below must start with applicant types: asked first, as most tables have none
        if not all(_applicant(lines, k, columns, heads) for k in range(i + 1, i + 1 + _MIN_LINES)):
            continue
        entries = _entries(line)
        named = {patterns.match(_text(e)) for e in entries} & set(patterns.columns)
        if len(named) < _MIN_ROWS:
            continue
        below: list[tuple[int, list[list[Cell]]]] = []  # (column index, the line's cells by entry)
        for other in lines[i + 1:]:
            head = _head(other)
            if head not in columns:
                break
            placed = _under(entries, other)
            if placed is not None:
                below.append((columns.index(head), placed))
        if len(below) < _MIN_LINES:
            continue
        below.sort(key=lambda x: x[0])
        whole = [col for col, _ in below] == list(range(len(columns)))
        rows: list[Cell] = []
        for k, entry in enumerate(entries):
            values = [(col, c) for col, placed in below for c in placed[k]]
            if not values:
                continue  # the header's lead cell (项目, 申请人情况), over the applicant names
            line_id = entry[0].start  # each column becomes a row of its own
            if whole:
                # a grid row: its label in slot 0, each value in its applicant's slot (one cell each:
                # they were put under the header one for one)
                rows.extend(replace(c, line=line_id, slot=0, col=None, bordered=True) for c in entry)
                rows.extend(replace(c, line=line_id, slot=col + 1, col=None, bordered=True) for col, c in values)
            else:
                # an applicant's line left out: no slots, as an empty slot would read as a blank cell
                rows.extend(replace(c, line=line_id, slot=None, col=None) for c in entry)
                rows.extend(replace(c, line=line_id, slot=None, col=None) for _, c in values)
        used = {id(c) for c in line} | {id(c) for other in lines[i + 1:i + 1 + len(below)] for c in other}
        out: list[Cell] = []
        for c in cells:
            if id(c) in used:
                if c is line[0]:
                    out.extend(rows)
                continue
            out.append(c)
        return out
    return cells



def _applicant(lines: list[list[Cell]], k: int, columns: Sequence[str], heads: dict[int, bool]) -> bool:
    """Does line k exist and start with an applicant type (its text alone is one)?"""
    if k not in heads:
        heads[k] = k < len(lines) and _head(lines[k]) in columns
    return heads[k]


#: the group word a merged cell prints on the line of the group's first applicant type (a Word
#: table's `法人或其他组织` spanning the five rows, in the slot before 商业企业)
_GROUP = "法人或其他组织"


def _head(line: list[Cell]) -> str:
    """A line's text, spaces dropped; the group's word before an applicant type left out."""
    head = "".join("".join(c.text.split()) for c in line if c.kind == "text")
    return head[len(_GROUP):] if head.startswith(_GROUP) and len(head) > len(_GROUP) else head


def _text(entry: list[Cell]) -> str:
    return "".join(c.text for c in entry if c.kind == "text")


def _entries(line: list[Cell]) -> list[list[Cell]]:
    """The header line's cells: by slot in tab or pipe text, else pieces that touch (no space
    between them) are one cell."""
    out: list[list[Cell]] = []
    for c in line:
        same = out and (c.slot == out[-1][-1].slot if c.slot is not None else c.start == out[-1][-1].end)
        if same:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _under(entries: list[list[Cell]], line: list[Cell]) -> list[list[Cell]] | None:
    """The applicant line's value cells under each header entry (by slot, else one for one in
    order after the applicant's name), or None when they do not fit."""
    values = [c for c in line if c.kind != "text"]
    slots = [e[0].slot for e in entries]
    if all(s is not None for s in slots) and all(c.slot is not None for c in values):
        by_slot: dict[int, list[Cell]] = {}
        for c in values:
            by_slot.setdefault(c.slot, []).append(c)  # type: ignore[arg-type]
        if not (set(by_slot) - set(slots) or len(set(slots) - set(by_slot)) > 1):
            return [by_slot.get(s, []) for s in slots]  # type: ignore[arg-type]
        # a cell under no column, or a column with no cell beyond the lead's: the line's slots are
        # not the header's (a merged group cell, `法人或其他组织`, before the applicant's name takes
        # a slot the other lines do not print); its cells are put one for one as in spaced text
        # below, only when there are exactly as many as the header has columns
    # spaced text: the lead entry (over the names) takes no value
    rows = len(entries) - (1 if len(values) == len(entries) - 1 else 0)
    if len(values) != rows:
        return None
    lead = len(entries) - rows
    return [[] for _ in range(lead)] + [[v] for v in values]
