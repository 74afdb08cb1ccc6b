"""A damaged row label placed by the table's known row order, where no pattern names it.

A label can be damaged past what `labels.RowPatterns` forgives: a typo of a two-character label
(`现章` for 规章: any word is one edit from it), or two damages in one (`行政事业性收（费万元）`).
Such a row's numbers are then read as no row's. But the national format fixes the rows' order:
a label that names no row, printed with exactly its row's cells, standing after the row that
comes before that row and before the one that comes after it, where the table has no row of
that name, can only be that row. `by_order` takes such a row when the position pins it (one
row of the format missing between its printed neighbours, one unnamed label there) and the
label still shares at least half of its characters with the format's; never otherwise.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from ... import catalogue
from ._cells import Cell, parse_number
from .labels import RowPatterns
from .rowread import inside, passes, prefix_check
from .rows import RowCells

#: an enumerator before a label, and a parenthetical after it (`（件）`, `（万元）`)
_ENUM = re.compile(r"^(?:[（(][一二三四五六七八九\d][）)]|[一二三四五六七八九]、|\d+[.．、）)]|[①-⑨])+")
_NOTE = re.compile(r"[（(][^（）()]{0,12}[）)]?$")


def by_order(cells: Sequence[Cell], patterns: RowPatterns, rows: dict[str, RowCells], template: str) -> None:
    """Add to `rows` each missing row that an unnamed label pins by its place (module doc)."""
    table = "active" if next(iter(patterns.columns.values()))[0].startswith("active.") else "requests"
    order = list(catalogue.printed_rows(template, table))  # type: ignore[arg-type]
    if all(r in rows for r in order):
        return
    at = {r: rc.label.start for r, rc in rows.items() if r in patterns.columns}
    slots: dict[str, list[RowCells]] = {}
    for phrase, after in _unnamed(cells, patterns):
        start = phrase[-1].start
        before = [r for r, s in at.items() if s < start]
        later = [r for r, s in at.items() if s > start]
        lo = max((order.index(r) for r in before), default=-1)
        hi = min((order.index(r) for r in later), default=len(order))
        # the rows printed before the label must all come before the ones printed after it
        if any(order.index(r) > hi for r in before) or any(order.index(r) < lo for r in later):
            continue
        between = order[lo + 1:hi]
        if len(between) != 1 or between[0] in rows:
            continue
        row = between[0]
        if not _fits(row, phrase, after, patterns, template):
            continue
        slots.setdefault(row, []).append(RowCells(row, phrase[-1], list(after)))
    for row, found in slots.items():
        if len(found) == 1:  # two unnamed labels in one place: neither is pinned
            rows[row] = found[0]


def _unnamed(cells: Sequence[Cell], patterns: RowPatterns) -> list[tuple[list[Cell], list[Cell]]]:
    """Label phrases that name no row (nor a parent), each with the value cells after it."""
    out: list[tuple[list[Cell], list[Cell]]] = []
    phrase: list[Cell] = []
    after: list[Cell] = []
    for c in [*cells, None]:
        if c is None or c.kind == "text":
            if phrase and after:
                phrase = [x for x in phrase if x.line == phrase[-1].line]  # (header words above it go)
                joined = "".join(x.text for x in phrase)
                if patterns.match(joined) is None and not patterns.match_all(joined):
                    out.append((phrase, after))
            if after:
                phrase, after = [], []
            if c is not None:
                phrase.append(c)
            continue
        if phrase:
            after.append(c)
    return out


def _fits(row: str, phrase: list[Cell], after: list[Cell], patterns: RowPatterns, template: str) -> bool:
    """Does the unnamed label print as the row would: one line, its own characters mostly the
    format label's, exactly the row's cells on that line, keeping the row's own total?"""
    keys = patterns.columns[row]
    line = phrase[-1].line
    if any(c.line != line for c in (*phrase, *after)):
        return False
    core = _NOTE.sub("", _ENUM.sub("", "".join("".join(c.text for c in phrase).split())))
    label = _label(row, template)
    if not core or len(core) > len(label) + 2 or 2 * sum(ch in core for ch in set(label)) < len(set(label)):
        return False
    printed = [c for c in after if c.kind == "num" or c.printed]
    if len(printed) != len(keys) or any(c.kind == "num" and parse_number(c.text) is None for c in printed):
        return False
    check = prefix_check(tuple(keys), inside(tuple(keys), template))
    return check is None or passes(keys, printed, check)


@cache
def _label(row: str, template: str) -> str:
    """The row's label as the format prints it, without its enumerator."""
    f = next(f for f in catalogue.fields() if f.key.split(".")[1] == row and template in f.templates
             and f.key.split(".")[0] in ("active", "requests"))
    return _ENUM.sub("", f.row.removeprefix("三")) or f.row
