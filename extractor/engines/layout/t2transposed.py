"""表二 turned on its side: each 第二十条 section's items as columns, its measures as rows, turned
back into rows.

`项目 | 规章 | 行政规范性文件` then `本年制发件数 | 0 | 3`, `本年废止件数 | 0 | 1`, `现行有效件数 | 0 | 27`
(2019: `上一年项目数量 | 396 | 10`, …; 2021's `本年处理决定数量 | 88 | 4` under `行政处罚 | 行政强制`).
`t2_untransposed` hands the row reader what the upright section would have given: each item's
label, then its numbers in the order of its columns. Only where a line without numbers is made of
表二 rows' names (after a lead cell: 项目, 信息内容, 类别) and the lines below it each start with
words naming one of those rows' columns, then print exactly one number per named item, every
column of the items named once; anything else is left as printed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ._cells import Cell, has_number, lines_in_order, spliced
from .colwords import column_named
from .labels import RowPatterns
from .transposed import _entries, _text

#: a head's unit in brackets (`本年收费金额（万元）`): no part of its column's words
_UNIT = re.compile(r"[（(][^（）()]*[）)]$")
#: the lead cell over the measures' names
_LEAD = ("项目", "信息内容", "类别", "指标", "")


def t2_untransposed(cells: Sequence[Cell], patterns: RowPatterns) -> Sequence[Cell]:
    """The cells with each transposed 表二 section put upright (unchanged if there is none)."""
    lines = lines_in_order(cells)
    swaps: dict[int, list[Cell]] = {}  # id of a header line's first cell → the upright rows
    used: set[int] = set()
    for i, line in enumerate(lines):
        if has_number(line) or patterns.match("".join([c.text for c in line if c.kind == "text"])) not in patterns.columns:
            continue  # (most lines: one remembered match; an upright 表二 names no row on a line without numbers)
        # (an empty lead cell, `\t规章\t行政规范性文件`: a blank before the names)
        entries = [e for e in _entries([c for c in line if c.kind == "text"]) if _text(e).strip(" \t|｜")]
        names = [patterns.match(_text(e)) for e in entries]
        if names and names[0] not in patterns.columns and "".join(_text(entries[0]).split()).strip("|｜") in _LEAD:
            entries, names = entries[1:], names[1:]
        if not names or any(n not in patterns.columns for n in names) or len(set(names)) != len(names):
            continue
        suffixes = {n: tuple(k.rsplit(".", 1)[1] for k in patterns.columns[n]) for n in names}  # type: ignore[index]
        wanted = set(suffixes[names[0]])
        if any(set(s) != wanted for s in suffixes.values()):
            continue  # the items of one section share their columns
        measures: dict[str, list[Cell]] = {}
        below = []
        for other in lines[i + 1:i + 1 + len(wanted)]:
            words = [c for c in other if c.kind == "text"]
            values = [c for c in other if c.kind != "text"]
            if not words or other[0].kind != "text" or any(c.kind == "text" for c in other[len(words):]):
                break
            head = _UNIT.sub("", "".join("".join(c.text.split()) for c in words).strip("|｜"))
            col = column_named(head, tuple(sorted(wanted)))
            if col is None or col in measures or len(values) != len(names):
                break
            measures[col] = values
            below.append(other)
        if set(measures) != wanted:
            continue
        rows: list[Cell] = []
        for k, (entry, name) in enumerate(zip(entries, names)):
            line_id = entry[0].start  # each item becomes a row of its own
            rows.extend(replace(c, line=line_id, slot=None, col=None, bordered=False) for c in entry if c.kind == "text")
            rows.extend(replace(measures[s][k], line=line_id, slot=None, col=None, bordered=False)
                        for s in suffixes[name])
        swaps[id(line[0])] = rows
        used.update(id(c) for c in line)
        used.update(id(c) for other in below for c in other)
    if not swaps:
        return cells
    return spliced(cells, swaps, used)
