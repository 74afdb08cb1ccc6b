"""表三 whose header orders its columns otherwise: the 总计 column first, or no 总计 column at all.

The 总计 column first (总计 | 自然人 | 商业企业 … | 其他), as some bodies
lay it out: its rows' numbers are read in that order.

Read in the format's order, such a table gives every row's total to 自然人 and shifts the rest
(the rules then find every row total broken). The header says the order: `total_first` looks for
总计 printed before 自然人 on one header line above the table's first row, and gives the rows'
keys in the printed order; nothing else is changed. Text tables only (tab, pipe, spaced): a
loader's grid cells carry no line, so a header row is not known there.

No 总计 column (`no_total`): a body that leaves the sum to the reader prints six numbers a row
under a header naming the six applicant types and no 总计. Read as seven columns, every row has a
cell too few (a blank put somewhere). The header says which is missing: the rows are read as six
columns, and each row's total is not printed, so it stays null with a doubt and no candidate
(the sum is never written in for it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ._cells import Cell
from .labels import RowPatterns


def total_first(cells: Sequence[Cell], patterns: RowPatterns) -> RowPatterns:
    """`patterns` with each seven-column row's 总计 key first when the header prints it first."""
    total = natural = None
    for c in cells:  # (in reading order: a grid's cells have no offsets)
        if c.kind != "text":
            continue
        word = "".join(c.text.split())
        if word == "总计" and total is None and natural is None:
            total = c
        elif word == "自然人" and natural is None:
            natural = c
        elif patterns.match(word) is not None:
            break  # the first row's label: the header is above it
        if total is not None and natural is not None:
            break
    if total is None or natural is None or total.line < 0 or total.line != natural.line:
        # (a loader's grid gives its cells no line: there the header's row is not known)
        return patterns
    columns = {row: (keys[-1], *keys[:-1]) if len(keys) == 7 and keys[-1].endswith(".total") else keys
               for row, keys in patterns.columns.items()}
    return replace(patterns, columns=columns, _seen={}, _seen_all={})


#: words a header prints for the total column (`总 计` letter-spaced is joined first)
_TOTAL_WORDS = ("总计", "合计", "总数")


def no_total(cells: Sequence[Cell], patterns: RowPatterns) -> bool:
    """Does 表三's header name the applicant columns (自然人 … 法律服务机构) and no 总计? Text above
    the table's first row label only; False when the header is not found."""
    words: list[str] = []
    for c in cells:
        if c.kind != "text":
            continue
        word = "".join(c.text.split())
        if patterns.match(word) is not None:
            break  # the first row's label: the header is above it
        words.append(word)
    header = "".join(words)
    if "自然人" not in header or "法律服务机构" not in header:
        return False
    return not any(w in header for w in _TOTAL_WORDS)
