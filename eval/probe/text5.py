"""Round 5: text layouts.
"""

from __future__ import annotations

import html
import random
from typing import Any, Callable

from extractor.evaluation.shape_pages import grid_table
from extractor.printed import APPLICANTS, Cell, HEADINGS, grid

from ._common import Ctx, is_value_row, page, plain


def split_columns(ctx: Ctx) -> tuple[str, str]:
    """A wide 表三 printed in vertical slices one after the other, as PDF printers and Excel's page
    setup do when the table is wider than the page: the labels with 自然人…社会公益组织 for every
    row, then 法律服务机构, 其他, 总计 for every row (or three slices), each slice under its own
    column header (the later ones perhaps after `续表`), its rows led by the labels again, by a
    行次 number only, or by nothing; tab cells or spaced; 表二 and 表四 rows as usual."""
    rng = ctx.rng
    sep = rng.choice(["\t", "  ", " "])
    cuts = rng.choice([[0, 4, 7], [0, 4, 7], [0, 3, 5, 7], [0, 5, 7]])
    lead = rng.choice(["labels", "numbers", "none"])
    seq = lead == "numbers"
    cont = rng.choice(["", "续表", "（续表）", "表三（续）"])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = [(["".join(c.text for c in r if c.key is None and c.text)], [plain(c.value) for c in r if c.key is not None])
                for r in table]
        if sec != "三":
            for r in table:
                labels = [c.text for c in r if c.key is None and c.text]
                nums = [plain(c.value) for c in r if c.key is not None]
                out.append(" ".join(labels) + (sep + sep.join(nums) if nums else ""))
            out.append("")
            continue
        rows = [(l[0], n) for l, n in rows if n]
        for k in range(len(cuts) - 1):
            a, b = cuts[k], cuts[k + 1]
            if k and cont:
                out.append(cont)
            heads = list(APPLICANTS[a:b])
            first = k == 0 or lead != "none"
            out.append(sep.join((["行次"] if seq else []) + ([""] if first and (k == 0 or lead == "labels") else [])
                                + heads).strip(" "))
            for i, (label, nums) in enumerate(rows, 1):
                cells = [str(i)] if seq else []
                if k == 0 or lead == "labels":
                    cells.append(label)
                out.append(sep.join(cells + nums[a:b]))
            out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def pandoc_grid(ctx: Ctx) -> tuple[str, str]:
    """Every table as a pandoc/Emacs grid table (`+------+----+`, `|` cells, `=` under the header
    rows), as pandoc writes Markdown or Org from a Word file: narrow label columns, so long labels
    and header words wrap over several physical lines inside their cells, spanned cells (申请人情况,
    法人或其他组织, 三、本年度办理结果, （三）不予公开) drawn across what they span, numbers left or
    right in their cells."""
    rng = ctx.rng
    align = rng.choice(["left", "right"])
    numw = rng.choice([4, 6, 8])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        out.append("")
        ncol = len(grid(table)[0])
        labels = {"二": 1, "三": 3, "四": 0}[sec]
        widths = [rng.choice([4, 6, 8, 12, 16]) for _ in range(labels)] + [numw] * (ncol - labels)
        if sec == "二":
            widths = [rng.choice([10, 14, 20])] + [rng.choice([8, 12])] * (ncol - 1)
        head = next(i for i, r in enumerate(table) if is_value_row(r)) if sec == "三" and rng.random() < 0.7 else 0
        out += grid_table(table, widths, head=head, right=align == "right", value=plain)
        out.append("")
    return page(ctx, "\n".join(out)), rng.choice([".md", ".txt"])


def _html_table(table: list[list[Cell]], rng: random.Random, *, br: int, one_line: bool, th: bool) -> str:
    """A table as the HTML a model-based PDF converter embeds in Markdown (MinerU, olmOCR, Marker):
    rowspan/colspan as printed, a long text broken by `<br>` every `br` characters (0: never)."""
    rows = []
    for r, row in enumerate(table):
        cells = []
        head = th and not is_value_row(row) and r < 3
        for c in row:
            t = plain(c.value) if c.key is not None else html.escape(c.text)
            if br and c.key is None and len(c.text) > br:
                t = "<br>".join(html.escape(c.text[k:k + br]) for k in range(0, len(c.text), br))
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            tag = "th" if head else "td"
            cells.append(f"<{tag}{attrs}>{t}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if one_line:
        return "<table>" + "".join(rows) + "</table>"
    return "<table>\n" + "\n".join("  " + r for r in rows) + "\n</table>"


def _docling_table(table: list[list[Cell]]) -> list[str]:
    """A table as docling writes Markdown: a merged cell's text repeated in every column and row
    it spans, the separator under the first row."""
    g = grid(table)
    fill: list[list[str]] = [["" for _ in row] for row in g]
    for r, row in enumerate(g):
        for k, c in enumerate(row):
            if c is None:
                continue
            t = plain(c.value) if c.key is not None else c.text
            for dr in range(c.rowspan):
                for dk in range(c.colspan):
                    fill[r + dr][k + dk] = t
    out = ["| " + " | ".join(fill[0]) + " |", "|" + "|".join("---" for _ in fill[0]) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in fill[1:]]
    return out


def md_html_tables(ctx: Ctx) -> tuple[str, str]:
    """Markdown from model-based PDF converters: the tables as embedded HTML `<table>` (MinerU,
    olmOCR, Marker: rowspan/colspan, `<br>` inside long cells, a table on one line or over
    lines, header cells as `<th>`), or docling's pipe tables where a merged cell's text is
    repeated into every column and row it spans (`| 申请人情况 | 申请人情况 | … |`)."""
    rng = ctx.rng
    form = rng.choice(["html", "html", "docling"])
    br = rng.choice([0, 6, 8, 10])
    one_line = rng.random() < 0.5
    th = rng.random() < 0.5
    hashes = rng.choice(["## ", "### ", "**"])
    out = []
    for sec, table in ctx.sections:
        out.append(hashes + HEADINGS[sec] + ("**" if hashes == "**" else ""))
        out.append("")
        if form == "html":
            out.append(_html_table(table, rng, br=br, one_line=one_line, th=th))
        else:
            out += _docling_table(table)
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def table3_transposed(ctx: Ctx) -> tuple[str, str]:
    """表三 turned on its side, as landscape pages print it: the applicant types as rows (自然人,
    商业企业 … 总计, in the printed order or with 总计 first) and the outcome rows as columns, one
    header line of the row labels (whole, or only their own words, the parents left out); tab
    cells, pipes, or spaces; 表二 and 表四 rows as usual."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | ", "  "])
    whole = rng.random() < 0.5
    total_first = rng.random() < 0.3
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec != "三":
            for r in table:
                labels = [c.text for c in r if c.key is None and c.text]
                nums = [plain(c.value) for c in r if c.key is not None]
                out.append(" ".join(labels) + (sep + sep.join(nums) if nums else ""))
            out.append("")
            continue
        rows = [([c.text for c in r if c.key is None and c.text], [plain(c.value) for c in r if c.key is not None])
                for r in table]
        rows = [(lab, n) for lab, n in rows if n]
        heads = ["".join(lab) if whole else lab[-1] for lab, _ in rows]
        order = list(range(7))
        if total_first:
            order = [6] + order[:6]
        lead = rng.choice(["申请人情况", "项目", ""])
        out.append(sep.join([lead] + heads).strip(" "))
        for k in order:
            out.append(sep.join([APPLICANTS[k]] + [n[k] for _, n in rows]))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "split-columns": split_columns,
    "pandoc-grid": pandoc_grid,
    "md-html-tables": md_html_tables,
    "table3-transposed": table3_transposed,
}
