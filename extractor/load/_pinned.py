"""Which number cells of a scanned 表三 its own identities already pin, so that they need no
second read.

Every number cell of a scan is read twice (the page's reading and the digits-only re-read of its
crop, `_numbers.reread_numbers`), because one confident misread is a silent error. In 表三 each
cell takes part in a row total and in a column identity (the balance 一 + 二 = 总计 + 四, or the
outcome sum): a misread digit breaks them, unless another misread makes up for it exactly in
every identity through it. So a 表三 cell whose first read is sure (digits only, every glyph at
least `LOW_CONFIDENCE`) and all of whose identities hold with the first reads is not read
again: the identities pin it, as they would pin it in the layout reader had the second read
disagreed. A cell of a row or column whose identity fails, or is not sure, is read again as
before; 表二 and 表四 cells always are (表二 has no identity at all).

The 表三 block is found by its shape, not its labels (a phone photo spoils labels): the rows
whose last seven columns are seven single cells, each a number or blank, counted in print order;
they are the format's rows only when there are exactly as many as one format prints. Anything else
(a table split over pages, a row merged or lost, another table) pins nothing.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable, Sequence

from .. import catalogue
from ..identities import Identity, touching
from ._grid import Box, GridCell, GridTable

_NUM = "一二三四五六七"
_PRINTED = re.compile(r"^([一二三四])、?(?:（([一二三四五六七])）)?(?:(\d+)\.)?")


@cache
def printed_rows() -> dict[int, tuple[str, tuple[str, ...]]]:
    """Number of 表三 rows → (format, the rows' names in print order), for each format whose row
    count is its own (a count two formats share says nothing: such a format is not pinned)."""
    out: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
    for template in catalogue.TEMPLATES:
        labels: dict[str, str] = {}
        for f in catalogue.fields():
            if template in f.templates and f.key.startswith("requests."):
                labels.setdefault(f.key.split(".")[1], f.row)
        def where(row: str) -> tuple[int, int, int]:
            m = _PRINTED.match(labels[row])
            if m is None:
                raise ValueError(f"表三 row {labels[row]!r} has no printed number")
            return _NUM.index(m.group(1)), _NUM.index(m.group(2)) + 1 if m.group(2) else 0, int(m.group(3) or 0)
        rows = tuple(sorted(catalogue.request_rows(template), key=where))
        out.setdefault(len(rows), []).append((template, rows))
    return {n: v[0] for n, v in out.items() if len(v) == 1}


def request_block(table: GridTable) -> tuple[str, dict[str, GridCell]] | None:
    """The format and the number cells of a ruled 表三 by key (`requests.new.natural` …), or
    None when the table is not one by its shape."""
    if not table.ruled:
        return None
    cols = catalogue.APPLICANT_COLUMNS
    first = table.n_cols - len(cols)
    if first < 1:
        return None
    at = {(c.row, c.col): c for c in table.cells}
    rows: list[list[GridCell]] = []
    for r in range(table.n_rows):
        cells = [at.get((r, first + k)) for k in range(len(cols))]
        if any(c is None or c.rowspan != 1 or c.colspan != 1 for c in cells):
            continue
        if all(_numberish(c.text) for c in cells if c is not None):
            rows.append([c for c in cells if c is not None])
    found = printed_rows().get(len(rows))
    if found is None:
        return None
    template, names = found
    return template, {f"requests.{name}.{col}": cell for name, row in zip(names, rows) for col, cell in zip(cols, row)}


def block_rects(table: GridTable) -> list[Box]:
    """The boxes of a table's 表三 number cells (as `request_block` finds them), none if it is no
    表三 by its shape."""
    found = request_block(table)
    return [] if found is None else [c.bbox for c in found[1].values()]


_NUMBERISH = re.compile(r"^[\s0-9０-９OoDQ〇。.,，·+\-—－/%TIl|lizZsSbB]*$")


def _numberish(text: str) -> bool:
    return len(text) <= 14 and bool(_NUMBERISH.match(text))


def holding(template: str, value: Callable[[str], int | None], keys: Sequence[str], block: Sequence[str]) -> set[str]:
    """The keys among `keys` every identity through which holds with `value` (None: not known,
    which no identity holds with); an identity reaching a cell outside `block` (the cells read)
    holds for none of its keys."""
    known = set(block)
    memo: dict[Identity, bool] = {}

    def holds(ident: Identity) -> bool:
        if ident not in memo:
            sides = ident.sides(value) if all(k in known for k in ident.keys) else None
            memo[ident] = sides is not None and sides[0] == sides[1]
        return memo[ident]

    through = touching(template)
    return {k for k in keys if through.get(k) and all(holds(i) for i in through[k])}
