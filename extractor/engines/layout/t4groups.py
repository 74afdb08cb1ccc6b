"""表四 printed as its three groups, each a heading then one (result, number) pair per result.

`行政复议` on a line, then `结果维持 5`, `结果纠正：0`, …, `总计 7` one under the other (or a
2-column Markdown table per group under `### 行政复议`); or the three groups side by side, their
names on one line (`行政复议 | 行政诉讼（未经复议直接起诉） | 行政诉讼（复议后起诉）`) and each line
below holding one pair per group (`结果维持 0 结果维持 1 结果维持 0`: a PDF's three small tables).

Each number is the result its own label names, in the group named on the last line of group
names above it: the k-th pair of a line is the k-th group named there. `labelled_groups` gives
each group's five cells in the table's column order, or None for a group it cannot pin (a result
named twice or not at all, a number with no label): its cells are then doubts, never a guess.
"""

from __future__ import annotations

import re
from typing import Sequence

from ._cells import Cell
from .rowread import edges

#: a result's own label (`结果维持`, `维持`, `其他结果`, …) → its column in 表四's group
_RESULT = ((re.compile(r"(?:结果)?维持"), 0), (re.compile(r"(?:结果)?纠正"), 1), (re.compile(r"其他(?:结果)?"), 2),
           (re.compile(r"尚未审结"), 3), (re.compile(r"总计|合计"), 4))
#: what may stand around a result's label in its cell: an enumerator, a colon, Markdown bold
_TRIM = re.compile(r"^[\s*#>|]*(?:[0-9]+[.、．]|[（(][0-9一二三四五]+[）)])?\s*|[\s*：:]*$")
#: the groups by their printed names, the more specific first (复议后起诉 names 复议 too)
_GROUP = ((1, re.compile(r"未经复议|直接起诉")), (2, re.compile(r"复议后")), (0, re.compile(r"行政复议")))
#: a year in the table's heading (`2023年`): no cell of the table
_YEAR = re.compile(r"(?:19|20)\d\d")


def _result(text: str) -> int | None:
    t = _TRIM.sub("", text)
    return next((col for pat, col in _RESULT if pat.fullmatch(t)), None)


def _groups_named(text: str) -> list[int]:
    """The groups a text cell names, in printed order (one per cell: the one ending last)."""
    best: tuple[int, int] | None = None
    for g, pat in _GROUP:
        for m in pat.finditer(text):
            if best is None or m.end() > best[0]:
                best = (m.end(), g)
    return [] if best is None else [best[1]]


def _line_of(c: Cell) -> object | None:
    """The printed line (a grid's row) the cell stands on: its line in the text, else its row in the
    loader's grid (a row number, a DOM path, or a PDF table row's top edge); None: not told."""
    if c.line != -1:
        return c.line
    loc = c.locator or {}
    if "row" in loc:
        return ("row", loc.get("sheet"), loc.get("chunk"), loc.get("table"), loc["row"])
    if isinstance(dom := loc.get("dom"), str) and "/td" in dom:
        return ("dom", dom[:dom.rindex("/td")])
    if isinstance(box := loc.get("bbox"), list) and len(box) == 4:
        return ("bbox", loc.get("page"), round(box[1]))
    return None


def labelled_groups(cells: Sequence[Cell]) -> list[list[Cell] | None] | None:
    """Each group's five cells (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), None for a group
    that cannot be pinned; None when 表四 is not printed as labelled groups.

    Only when every number of the table stands right after a result's label on its line, the
    three groups are each named, and each line of pairs holds one pair per group named on the
    last line of names above it, all naming the same result (so the groups' small tables stand
    row for row side by side)."""
    lines: dict[object, list[Cell]] = {}
    for c in cells:
        if (at := _line_of(c)) is None:
            return None
        lines.setdefault(at, []).append(c)
    heads: list[int] = []
    seen: set[int] = set()
    found: dict[int, dict[int, list[Cell]]] = {0: {}, 1: {}, 2: {}}
    pairs = 0
    for line in lines.values():
        named = [g for c in line if c.kind == "text" and _result(c.text) is None for g in _groups_named(c.text)]
        line_pairs: list[tuple[int, Cell]] = []
        i = 0
        while i < len(line):
            c = line[i]
            i += 1
            if c.kind != "text":
                if c.kind == "num" and not _YEAR.fullmatch(c.text):
                    return None  # a number no result's label stands before
                continue
            col = _result(c.text)
            if col is None:
                continue
            run = []
            while i < len(line) and line[i].kind != "text":
                run.append(line[i])
                i += 1
            core = edges(run)
            if len(core) != 1:
                if any(x.kind == "num" for x in run):
                    return None  # two numbers after one label: not this layout
                continue  # a header word (`| 结果维持 | 结果纠正 |`), no pair
            line_pairs.append((col, core[0]))
        if named and line_pairs:
            return None  # a group's name and its results on one line: another layout
        if named:
            if len(set(named)) != len(named):
                return None
            heads = named
            seen.update(named)
            continue
        if not line_pairs:
            continue
        if len(line_pairs) != len(heads) or len({col for col, _ in line_pairs}) != 1:
            return None  # side by side, the groups' small tables print the same result on a line
        for g, (col, cell) in zip(heads, line_pairs):
            found[g].setdefault(col, []).append(cell)
            pairs += 1
    if seen != {0, 1, 2} or pairs < 5:
        return None
    out: list[list[Cell] | None] = []
    for g in (0, 1, 2):
        got = found[g]
        out.append([got[col][0] for col in range(5)] if all(len(got.get(col, ())) == 1 for col in range(5)) else None)
    return out


__all__ = ["labelled_groups"]
