"""表三 whose header orders its columns otherwise: the 总计 column first, the seven in another
order on one header line (`printed_order`), or no 总计 column at all.

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


#: 表三's column names as a header prints them → the last part of the row's keys
_NAMES = {"自然人": "natural", "商业企业": "commercial", "科研机构": "research", "社会公益组织": "nonprofit",
          "法律服务机构": "legal_service", "其他": "other_org", "其他组织": "other_org", "总计": "total", "合计": "total"}
_ORDER = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")


def printed_order(cells: Sequence[Cell], patterns: RowPatterns) -> RowPatterns:
    """`patterns` with each seven-column row's keys in the order a header line above the table's
    first number prints the seven column names, when that line names each once in another order than
    the format's (法人或其他组织's five before 自然人, 其他 before 法律服务机构) and not the group's
    word 法人或其他组织 (a merged header flattened onto a line names them in its reading order);
    or the order of the tab or pipe cells the header's lines print the seven in, each its own. Read in the format's
    order, such rows keep every total (a row's sum does not see two columns swapped) and would be
    verified wrong. Text tables only (a grid's cells carry no line)."""
    lines: dict[int, list[str]] = {}
    slots: dict[int, str] = {}  # tab or pipe cell → the name printed in it, over the header's lines
    grouped: set[int] = set()
    for c in cells:
        if c.kind == "num":
            break  # the first row's numbers: the header is above them
        if c.kind != "text":
            continue
        word = "".join(c.text.split())
        name = _NAMES.get(word)
        if c.line >= 0 and word == "法人或其他组织":
            grouped.add(c.line)
        if name is not None and c.line >= 0:
            lines.setdefault(c.line, []).append(name)
            slots[-1 if c.slot is None or c.slot in slots else c.slot] = name
    # a line that prints the group's word among the names is a merged header flattened (自然人
    # 法人或其他组织 总计 商业企业 … 其他): its order is the header's reading order, not the columns'
    orders = [names for line, names in lines.items() if line not in grouped]
    if len(slots) == 7 and -1 not in slots:
        # a merged header's lines (自然人 … 总计 over 商业企业 … 其他): each name in its own cell
        orders.append([slots[k] for k in sorted(slots)])
    for names in orders:
        if len(names) != 7 or set(names) != set(_ORDER) or tuple(names) == _ORDER:
            continue
        columns = {}
        for row, keys in patterns.columns.items():
            if len(keys) == 7 and tuple(k.rsplit(".", 1)[1] for k in keys) == _ORDER:
                prefix = keys[0].rsplit(".", 1)[0]
                columns[row] = tuple(f"{prefix}.{n}" for n in names)
            else:
                columns[row] = keys
        return replace(patterns, columns=columns, _seen={}, _seen_all={})
    return patterns


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
