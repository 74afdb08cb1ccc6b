"""A wide table printed in vertical slices, stitched back into whole rows.

When 表三 is wider than the page, PDF printers and Excel's page setup print it in slices one
after the other: the labels with 自然人…社会公益组织 for every row, then 法律服务机构, 其他, 总计
for every row, each slice under its own column header, its rows led by the labels again, by a
行次 number, or by nothing. Read as printed, every row holds a slice's cells only. `stitch`
hands the row reader the cells a whole table would have given: each later slice's i-th row of
numbers after the first slice's i-th row. Only when the slices' headers name the table's columns
once each, in order, and every slice prints as many rows as the first (and the same labels,
where it repeats them); otherwise the cells are left as printed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ._cells import Cell, display_width, has_number, lines_in_order

#: 表三's columns, in printed order (the words its header names them by)
REQUEST_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
#: header words that name no column of their own (a spanning parent, the label column's head)
_SPANNING = ("申请人情况", "法人或其他组织", "项目", "类别", "指标")
#: a column of row numbers (`行次`): its cells are no values of the table
_SERIAL = ("行次", "序号", "栏次", "编号")
#: a slice's caption (`续表`, `表三（续）`): a line that is neither header nor row
_CONTINUED = re.compile(r"^[（(]?(?:表[一二三四1-4]?)?[（(]?续(?:表|上表)?[)）]?[）)]?$")


def stitch(cells: Sequence[Cell], columns: Sequence[str] = REQUEST_COLUMNS,
           lines: list[list[Cell]] | None = None) -> Sequence[Cell]:
    """The cells with a table printed in slices put back together (unchanged if it is not).
    `lines`: `lines_in_order(cells)`, when the caller has it (read only)."""
    if lines is None:
        lines = lines_in_order(cells)
    headers: list[tuple[int, list[int], bool]] = []  # (index in lines, columns named, a serial column)
    i = 0
    while i < len(lines):
        if has_number(lines[i]):  # a row of numbers starts no header (most lines)
            i += 1
            continue
        named, serial, n = _header(lines, i, columns)
        if n:
            headers.append((i, named, serial))
            i += n
        else:
            i += 1
    if len(headers) < 2:
        return cells
    # the slices' columns partition the table's, in order
    at = 0
    for _, named, _ in headers:
        if named != list(range(at, at + len(named))):
            return cells
        at += len(named)
    if at != len(columns):
        return cells
    slices: list[list[list[Cell]]] = []  # per slice: its value lines' cells
    for k, (h, _, serial) in enumerate(headers):
        end = headers[k + 1][0] if k + 1 < len(headers) else len(lines)
        kept = _unnumbered([line for line in lines[h:end] if any(c.printed for c in line)], serial)
        if kept is None:
            return cells
        slices.append(kept)
    first = slices[0]
    if len(first) < 2 or any(len(s) != len(first) for s in slices[1:]):
        return cells  # (slices of no rows are header words, a cell a line: no slices of rows)
    tails: dict[int, list[Cell]] = {base[0].line: [] for base in first}  # a first-slice row's line → the cells after it
    for s in slices[1:]:
        shift = _shift(first, s)
        for base, row in zip(first, s):
            label, values = _split(row)
            if label and label != _split(base)[0]:
                return cells  # a repeated label that is not the first slice's: not its rows
            line = base[0].line
            tail = tails[line]
            slots = [c.slot for c in base + tail if c.slot is not None]
            low = min((c.slot for c in values if c.slot is not None), default=0)
            tail.extend(replace(c, line=line, col=None if c.col is None or shift is None else c.col + shift,
                                slot=None if c.slot is None or not slots else max(slots) + 1 + c.slot - low)
                        for c in values)
    # the first slice in place, each of its rows with the later slices' cells; the later slices' lines dropped
    later = {line[0].line for line in lines[headers[1][0]:]}
    by_line = {base[0].line: base for base in first}
    out: list[Cell] = []
    done: set[int] = set()
    for c in cells:
        if c.line in later:
            continue
        if c.line in by_line:
            if c.line not in done:
                done.add(c.line)
                out.extend(by_line[c.line])
                out.extend(tails[c.line])
            continue
        out.append(c)
    return out



def _header(lines: list[list[Cell]], i: int, columns: Sequence[str]) -> tuple[list[int], bool, int]:
    """The columns named by the header lines starting at line i (a caption such as `续表` may lead
    them), whether they name a serial column, and how many lines they take (0: no header here)."""
    if not _may_head(lines[i], columns):
        return [], False, 0
    named: set[int] = set()
    serial = False
    n = 0
    while i + n < len(lines):
        line = lines[i + n]
        if has_number(line):  # (most lines: asked before their words are joined)
            break
        texts = ["".join(c.text.split()) for c in line if c.kind == "text"]
        if not texts:
            break
        if all(_CONTINUED.match(t) for t in texts) and not named:
            n += 1
            continue
        words = [t for t in texts if t not in _SPANNING]
        if not words or not all(t in columns or t in _SERIAL for t in words):
            break
        named.update(columns.index(t) for t in words if t in columns)
        serial = serial or any(t in _SERIAL for t in words)
        n += 1
    if not named:
        return [], False, 0
    return sorted(named), serial, n


def _may_head(line: list[Cell], columns: Sequence[str]) -> bool:
    """Can the line start a header (`_header`)? Its first text cell must be a caption, a column's
    name or a header word: a row's label (most lines of a table) is told by that one cell,
    without joining the line's every word (stitch asks it of each line with no number)."""
    first = next((c for c in line if c.kind == "text"), None)
    if first is None:
        return False
    t = "".join(first.text.split())
    return t in columns or t in _SERIAL or t in _SPANNING or _CONTINUED.match(t) is not None


def _split(line: list[Cell]) -> tuple[str, list[Cell]]:
    """A row line's label (its text, spaces dropped) and its value cells."""
    label = "".join("".join(c.text.split()) for c in line if c.kind == "text")
    return label, [c for c in line if c.kind != "text"]


def _unnumbered(rows: list[list[Cell]], serial: bool) -> list[list[Cell]] | None:
    """The rows without a 行次 number before their values: when the header names the column, or
    when every row's first cell is a number and those count up 1, 2, 3 …"""
    leads = [r[0] for r in rows]
    if not rows or not all(c.kind == "num" for c in leads):
        return rows
    try:
        values = [int(c.text) for c in leads]
    except ValueError:
        return rows if not serial else None
    numbered = len(rows) >= 3 and values == list(range(1, len(rows) + 1))
    if not (serial or numbered):
        return rows
    if any(len(r) < 2 for r in rows):
        return None
    return [r[1:] for r in rows]


def _shift(first: list[list[Cell]], later: list[list[Cell]]) -> int | None:
    """Display columns to move a later slice's cells by, to stand right of the slices before it
    (space-aligned text), or None when the text has no columns."""
    right = [c.col for r in first for c in r if c.col is not None]
    left = [c.col - display_width(c.text) for r in later for c in r if c.col is not None]
    if not right or not left:
        return None
    return max(right) + 2 - min(left)
