"""What every probe family shares: the report being re-printed (`Ctx`: its gold, prose and the
family's seeded randomness), the seed, and the printed rows as plain text (`tab_tables`, `page`).
"""

from __future__ import annotations

import html
import random
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from extractor.evaluation.gold import GoldCase
from extractor.evaluation.variants import narrative
from extractor.printed import Cell, HEADINGS, grid, tables


ROOT = Path(__file__).resolve().parents[2]  # the checkout (eval/probe/_common.py)
SEED = 20261129
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


class Ctx:
    """One report being re-printed: its gold, its prose, the family's randomness."""

    def __init__(self, case: GoldCase, family: str, seed: int):
        self.case = case
        self.rng = random.Random(f"{seed}:{family}:{case.id}")
        self.template = case.report_template
        self.values = dict(case.fields)
        self.sections = tables(self.template, self.values)
        self.before, self.after = narrative(case)
        self.title = f"{case.report_organ}{case.report_year}年政府信息公开工作年度报告"
        if not self.before.lstrip().startswith(self.title[:6]):
            self.before = self.title + "\n" + self.before


def hidden_totals(ctx: Ctx, secs: str = "三四", *, only: Callable[[str], bool] = lambda key: True) -> dict[str, list[Any]]:
    """The 总计 cells of 表三/表四 (`secs`) whose printed value the family hides, that a person can
    tell only as the sum of their parts, where the real report's printed total is not that sum
    (its printed 总计 contradicts its parts): key → [the printed total, the parts' sum], the
    gold's `ambiguous` list (`only`: which hidden totals). Elsewhere the sum is the total."""
    out: dict[str, list[Any]] = {}
    for sec, table in ctx.sections:
        if sec not in secs:
            continue
        groups: dict[str, list[Cell]] = {}
        for row in table:
            for c in row:
                if c.key is not None:
                    groups.setdefault(c.key.rsplit(".", 1)[0], []).append(c)
        for cells in groups.values():
            total = [c for c in cells if c.key.endswith(".total")]
            parts = [c.value for c in cells if not c.key.endswith(".total")]
            if len(total) != 1 or not parts or any(v is None for v in parts) or not only(total[0].key):
                continue
            printed, summed = total[0].value, sum(parts)
            if printed is not None and summed != printed:
                out[total[0].key] = [printed, summed]
    return out


def plain(v: Any) -> str:
    if isinstance(v, Decimal) or isinstance(v, float):
        return format(Decimal(str(v)), "f")
    return str(v)


def grid_text(table: list[list[Cell]], cell: Callable[[Cell], str]) -> list[list[str]]:
    return [["" if c is None else (cell(c) if c.key is not None else c.text) for c in row] for row in grid(table)]


def cell_text(c: Cell) -> str:
    """A cell as printed: a value as plain digits, a label as its text."""
    return plain(c.value) if c.key is not None else c.text


def is_value_row(row: list[Cell]) -> bool:
    return any(c.key is not None for c in row)


def row_label(row: list[Cell]) -> str:
    return "".join(c.text for c in row if c.key is None)


def page(ctx: Ctx, body: str) -> str:
    return ctx.before + body + "\n" + ctx.after


def html_td(c: Cell) -> str:
    """A printed cell as an HTML `<td>`, with its row and column spans."""
    attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
    return f"<td{attrs}>{html.escape(cell_text(c))}</td>"


def html_tr(row: list[Cell]) -> str:
    """A printed row as an HTML `<tr>` of `html_td`s."""
    return "<tr>" + "".join(html_td(c) for c in row) + "</tr>"


def html_page(ctx: Ctx, tables_html: list[str]) -> str:
    """A web page: the title, the report's prose before the tables as paragraphs, the tables'
    HTML, then the prose after them."""
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>"
            f"{paras(ctx.before)}\n" + "\n".join(tables_html) + f"\n{paras(ctx.after)}</body></html>\n")


def tab_tables(ctx: Ctx, cell: Callable[[Cell], str], *, sep: str = "\t", label: Callable[[str], str] = lambda s: s,
               extra: Callable[[int, list[str], bool], list[str]] | None = None,
               heading: Callable[[str], str] = lambda s: HEADINGS[s]) -> str:
    out = []
    for sec, table in ctx.sections:
        out.append(heading(sec))
        rows = grid_text(table, cell)
        for i, (row, src) in enumerate(zip(rows, table)):
            row = [label(t) if t and (c is None or c.key is None) else t for t, c in zip(row, grid(table)[i])]
            if extra is not None:
                row = extra(i, row, is_value_row(src))
            out.append(sep.join(row))
        out.append("")
    return "\n".join(out)
