"""Round 14b: a table of digits with one or two counts written in Chinese numerals (`十二`,
`一百零五`) and every count of 1 written `一`, its zeros a dash (`—`, `-`, or `一` typed with the
numeral key): the lone `一` may be 1 or 0, and the reader must not settle it from the print alone;
counts in Chinese numerals in HTML and Word tables' cells.
"""

from __future__ import annotations

import html
from typing import Callable

from extractor.printed import HEADINGS, Cell

from ._common import Ctx, html_page, page, plain, tab_tables
from .docs2 import docx_of
from .text14 import cn_numeral


def _count(c: Cell) -> bool:
    v = c.value
    return c.key is not None and isinstance(v, int) and not isinstance(v, bool) and v >= 0 \
        and not c.key.endswith("amount")


def cn_one_among_digits(ctx: Ctx) -> tuple[str, str]:
    """Counts in digits but one or two (of 2 or more) in Chinese numerals, every 1 printed `一`,
    zeros a dash (one mark per report: `—`, `-` or `一`); amounts in digits; tab or pipe rows."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    dash = rng.choice(["—", "-", "一", "0"])
    counts = [c for _, table in ctx.sections for row in table for c in row if _count(c) and c.value >= 2]
    numerals = {c.key for c in rng.sample(counts, min(len(counts), rng.choice([1, 2])))}
    ctx.recipe = f"{sep!r} {dash!r} {sorted(numerals)}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        if not _count(c):
            return plain(c.value)
        if c.key in numerals:
            return cn_numeral(c.value)
        return {0: dash, 1: "一"}.get(c.value, plain(c.value))
    return page(ctx, tab_tables(ctx, cell, sep=sep)), ".txt"


def _html(ctx: Ctx, cell: Callable[[Cell], str]) -> str:
    out = []
    for sec, table in ctx.sections:
        rows = []
        for row in table:
            tds = []
            for c in row:
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                tds.append(f"<td{attrs}>{html.escape(cell(c) if c.key is not None else c.text)}</td>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>" + "".join(rows) + "</table>")
    return html_page(ctx, out)


def grid_cn_numerals(ctx: Ctx) -> tuple[str | bytes, str]:
    """HTML tables or Word (.docx) tables whose counts are written in Chinese numerals: every one
    (`十二`, `零`, 1 as `一`, 件 now and then), or a few among digits (1 as `一`, zeros a dash: `—`,
    `-`, `0` or `一`)."""
    rng = ctx.rng
    medium = rng.choice(["html", "docx"])
    every = rng.random() < 0.5
    word = rng.choice(["", "", "件"]) if every else ""
    dash = rng.choice(["—", "-", "0", "一"])
    counts = [c for _, table in ctx.sections for row in table for c in row if _count(c) and c.value >= 2]
    numerals = {c.key for c in rng.sample(counts, min(len(counts), rng.choice([1, 2])))}
    ctx.recipe = f"{medium} {'every' if every else sorted(numerals)} {word!r} {dash!r}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        if not _count(c):
            return plain(c.value)
        if every:
            return cn_numeral(c.value) + word
        if c.key in numerals:
            return cn_numeral(c.value)
        return {0: dash, 1: "一"}.get(c.value, plain(c.value))
    if medium == "html":
        return _html(ctx, cell), ".html"
    return docx_of(ctx, cell), ".docx"


FAMILIES = {
    "cn-one-among-digits": cn_one_among_digits,
    "grid-cn-numerals": grid_cn_numerals,
}
