"""A scanned 表三 row whose label was misread, named by where it stands in its group.

表三's outcome rows come in numbered groups: `（三）不予公开` is one cell spanning the rows of its
items `1.属于国家秘密` … `8.属于行政查询事项`, and the official formats fix each group's items and
their order. A phone photo can spoil one item's label past recognising (`2.算他法律行政法规慧止公开`),
and the reader, finding no row of that name, loses the row; its missing cells then block every
column identity through it, so the other doubts of the column cannot be settled either.

When the grid shows a group heading spanning exactly as many rows as the format has items in that
group, and every other item row of the group reads as its own item's label or as no item's label
at all (so the rows are where the format puts them), the misread label is the item of its
position: it is replaced by that item's printed label. Nothing else is touched: the row's numbers
keep their own readings and doubts, and 表三's identities still check them. A group whose row
count differs from the format's, or whose rows read as other items' labels, is left as read.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from .. import catalogue
from ._grid import GridCell, GridTable

#: the group headings as printed in their spanning cell, with their prefix in the catalogue's rows
GROUPS = {"（三）不予公开": "（三）", "（四）无法提供": "（四）", "（五）不予处理": "（五）", "（六）其他处理": "（六）"}
_ITEM = re.compile(r"^三(（[一二三四五六七]）)(\d+\..+)$")


@cache
def group_items() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each group prefix's item labels as printed (`1.属于国家秘密` …), in order, one tuple per
    distinct list over the formats."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for template in catalogue.TEMPLATES:
        items: dict[str, list[str]] = {}
        for f in catalogue.fields():
            m = _ITEM.match(f.row)
            if m and template in f.templates and m.group(2) not in items.setdefault(m.group(1), []):
                items[m.group(1)].append(m.group(2))
        for prefix, labels in items.items():
            ordered = tuple(sorted(labels, key=lambda s: int(s.split(".", 1)[0])))
            if ordered not in out.setdefault(prefix, []):
                out[prefix].append(ordered)
    return {prefix: tuple(lists) for prefix, lists in out.items()}


def _flat(text: str) -> str:
    return "".join(text.split())


def bind_rows(tables: Sequence[GridTable]) -> int:
    """Replace the misread item labels of 表三's groups by their position (see the module's
    docstring); the number of labels replaced."""
    bound = 0
    for t in tables:
        if not t.ruled:
            continue
        at = {(c.row, c.col): c for c in t.cells}
        for g in t.cells:
            prefix = GROUPS.get(_flat(g.text))
            if prefix is None or g.rowspan < 2:
                continue
            leaves = [at.get((g.row + i, g.col + g.colspan)) for i in range(g.rowspan)]
            if any(c is None or c.rowspan != 1 for c in leaves):
                continue
            bound += _bind_group([c for c in leaves if c is not None], prefix)
    return bound


def _bind_group(leaves: list[GridCell], prefix: str) -> int:
    texts = [_flat(c.text) for c in leaves]
    fits = []
    for items in group_items().get(prefix, ()):
        if len(items) != len(leaves):
            continue
        named = set(items)
        exact = sum(t == item for t, item in zip(texts, items))
        # every row reads as its own item or as no item: the rows stand where the format puts them
        if all(t == item or t not in named for t, item in zip(texts, items)) and 2 * exact >= len(items):
            fits.append(items)
    if len(fits) != 1:  # no format fits, or two formats fit with different labels: leave it
        return 0
    n = 0
    for cell, text, item in zip(leaves, texts, fits[0]):
        if text != item:
            cell.text = item
            n += 1
    return n
