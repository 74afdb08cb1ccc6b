"""Round 14b: a table of digits with one or two counts written in Chinese numerals (`十二`,
`一百零五`) and every count of 1 written `一`, its zeros a dash (`—`, `-`, or `一` typed with the
numeral key): the lone `一` may be 1 or 0, and the reader must not settle it from the print alone.
"""

from __future__ import annotations

from extractor.printed import Cell

from ._common import Ctx, page, plain, tab_tables
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


FAMILIES = {
    "cn-one-among-digits": cn_one_among_digits,
}
