"""markup9: converter markup forms.

reStructuredText simple tables, pandoc simple and multiline tables, Markdown tables in code
fences or indented, numbers as LaTeX inline math (MinerU, marker), docling pipe tables with
`<br>` in the label cells, pipe tables whose separator is missing / has colons / uses `+`, Jira
and Textile tables.
"""

from __future__ import annotations

import html
import random
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, cell_text, grid_text, is_value_row, page, plain
from .text3 import _width
from .text8 import _markup_slots


def _m9_fill(table: list[list[Cell]]) -> list[list[str]]:
    """The grid with a merged cell's text repeated into every slot it spans (docling)."""
    g = grid(table)
    fill: list[list[str]] = [["" for _ in row] for row in g]
    for r, row in enumerate(g):
        for k, c in enumerate(row):
            if c is None:
                continue
            for dr in range(c.rowspan):
                for dk in range(c.colspan):
                    fill[r + dr][k + dk] = cell_text(c)
    return fill


def _m9_pad(s: str, w: int, right: bool = False) -> str:
    gap = " " * max(0, w - _width(s))
    return gap + s if right else s + gap


def _m9_wrap(s: str, w: int) -> list[str]:
    """`s` cut into pieces of at most `w` display columns (at least one character a piece)."""
    out, cur = [], ""
    for ch in s:
        if cur and _width(cur + ch) > w:
            out.append(cur)
            cur = ""
        cur += ch
    return out + [cur] if cur or not out else out


def _m9_rst_simple(ctx: Ctx) -> tuple[str, str]:
    """reStructuredText simple tables (pandoc/Sphinx `-t rst`, docutils): columns by runs of `=`,
    `=====  ====` above, under the header rows and below; a blank first cell would continue the
    row above, so the first column carries a merged text in every row it spans; the other merged
    cells repeated in every slot (as docling fills) or left once; numbers left or right."""
    rng = ctx.rng
    right = rng.random() < 0.5
    repeat = rng.random() < 0.5
    out = []
    for sec, table in ctx.sections:
        out += [HEADINGS[sec], ""]
        fill = _m9_fill(table)
        once = grid_text(table, cell_text)
        rows = fill if repeat else [f[:1] + g[1:] for f, g in zip(fill, once)]
        head = next(i for i, r in enumerate(table) if is_value_row(r))
        ncol = len(rows[0])
        widths = [max(3, max(_width(r[k]) for r in rows)) for k in range(ncol)]
        rule = "  ".join("=" * w for w in widths)
        out.append(rule)
        for i, row in enumerate(rows):
            if i == head:
                out.append(rule)
            out.append("  ".join(_m9_pad(t, w, right and is_value_row(table[i]) and k >= 1 and t[:1].isdigit())
                                 for k, (t, w) in enumerate(zip(row, widths))).rstrip())
        out.append(rule)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def _m9_pandoc_simple(ctx: Ctx) -> tuple[str, str]:
    """pandoc simple tables: the header rows, then runs of `-` that define the columns (a space
    or two between runs), one row a line, the table ended by a blank line (or framed by a line of
    dashes above and below); empty cells blank, numbers right or left."""
    rng = ctx.rng
    right = rng.random() < 0.6
    framed = rng.random() < 0.4
    gap = rng.choice([1, 2, 3])
    out = []
    for sec, table in ctx.sections:
        out += [HEADINGS[sec], ""]
        rows = grid_text(table, cell_text)
        head = next(i for i, r in enumerate(table) if is_value_row(r))
        ncol = len(rows[0])
        widths = [max(3, max(_width(r[k]) for r in rows)) for k in range(ncol)]
        total = sum(widths) + gap * (ncol - 1)
        if framed:
            out.append("-" * total)
        for i, row in enumerate(rows):
            if i == head:
                out.append((" " * gap).join("-" * w for w in widths))
            out.append((" " * gap).join(_m9_pad(t, w, right and bool(t) and t[0].isdigit())
                                        for t, w in zip(row, widths)).rstrip())
        if framed:
            out.append("-" * total)
        out.append("")
    return page(ctx, "\n".join(out)), rng.choice([".md", ".txt"])


def _m9_pandoc_multiline(ctx: Ctx) -> tuple[str, str]:
    """pandoc multiline tables: a line of dashes above and below, runs of `-` under the header
    (the first row; the other header rows are rows of the body) define the columns, each row may
    take several lines (a long label or header word wrapped in its narrow column, never a
    number: its column is as wide as its widest number) and rows are separated by blank lines."""
    rng = ctx.rng
    labw = rng.choice([8, 10, 12, 16])
    numw = rng.choice([6, 8, 10])
    right = rng.random() < 0.5
    out = []
    for sec, table in ctx.sections:
        out += [HEADINGS[sec], ""]
        rows = grid_text(table, cell_text)
        head = 1
        ncol = len(rows[0])
        nlab = {"二": 1, "三": 3, "四": 0}[sec]
        widths = [labw] * nlab + [max([numw] + [_width(r[k]) for r, src in zip(rows, table) if is_value_row(src)])
                                  for k in range(nlab, ncol)]
        total = sum(widths) + 2 * (ncol - 1)
        out.append("-" * total)
        for i, row in enumerate(rows):
            if i == head:
                out.append("  ".join("-" * w for w in widths))
            elif i > head:
                out.append("")
            pieces = [_m9_wrap(t, w) if t else [""] for t, w in zip(row, widths)]
            for k in range(max(len(p) for p in pieces)):
                line = [p[k] if k < len(p) else "" for p in pieces]
                out.append("  ".join(_m9_pad(t, w, right and bool(t) and t[0].isdigit())
                                     for t, w in zip(line, widths)).rstrip())
        out.append("-" * total)
        out.append("")
    return page(ctx, "\n".join(out)), rng.choice([".md", ".txt"])


def _m9_md_fenced(ctx: Ctx) -> tuple[str, str]:
    """Markdown pipe tables inside a code fence (```` ``` ```` or ```` ```text ````, `~~~`) or indented by four
    spaces (a converter quoting the table as code), the separator under the first row."""
    rng = ctx.rng
    form = rng.choice(["fence", "fence-lang", "tilde", "indent"])
    out = []
    for sec, table in ctx.sections:
        out += [f"### {HEADINGS[sec]}", ""]
        rows = grid_text(table, cell_text)
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        if form == "indent":
            out += ["    " + ln for ln in lines]
        else:
            fence = "~~~" if form == "tilde" else "```"
            out += [fence + ("text" if form == "fence-lang" else "")] + lines + [fence]
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def _m9_math(v: str, rng: random.Random) -> str:
    """A number as MinerU/marker write it in LaTeX inline math."""
    digits = v
    if len(v) >= 4 and "." not in v and rng.random() < 0.3:
        digits = f"{int(v):,}"
    form = rng.choice(["$", "$", "$sp", "paren", "bf", "rm", "brace"])
    if form == "$sp":
        return "$" + " ".join(digits) + "$"
    if form == "paren":
        return "\\(" + digits + "\\)"
    if form == "bf":
        return "$\\mathbf{" + digits + "}$"
    if form == "rm":
        return "$\\mathrm{" + digits + "}$"
    if form == "brace":
        return "${" + digits + "}$"
    return "$" + digits + "$"


def _m9_latex_math_cells(ctx: Ctx) -> tuple[str, str]:
    """Numbers as LaTeX inline math in the cells, as MinerU and marker print them: `$12$`,
    `$1 2$`, `\\(12\\)`, `$\\mathbf{5}$`, `$1,234$`, in Markdown pipe tables or in embedded HTML
    tables (all numbers, or only some)."""
    rng = ctx.rng
    share = rng.choice([1.0, 1.0, 0.5])
    form = rng.choice(["pipe", "html"])

    def val(c: Cell) -> str:
        v = plain(c.value)
        return _m9_math(v, rng) if rng.random() < share else v
    out = []
    for sec, table in ctx.sections:
        out += [f"## {HEADINGS[sec]}", ""]
        if form == "pipe":
            rows = grid_text(table, val)
            out += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        else:
            cells = []
            for row in table:
                tds = []
                for c in row:
                    t = val(c) if c.key is not None else html.escape(c.text)
                    attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
                    tds.append(f"<td{attrs}>{t}</td>")
                cells.append("<tr>" + "".join(tds) + "</tr>")
            out.append("<table>" + "".join(cells) + "</table>")
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def _m9_docling_br(ctx: Ctx) -> tuple[str, str]:
    """docling/marker Markdown: a merged cell's text repeated in every column and row it spans,
    a long label cell broken by `<br>` (every 6–10 characters, or parent<br>child)."""
    rng = ctx.rng
    br = rng.choice([6, 8, 10])
    out = []
    for sec, table in ctx.sections:
        out += [f"## {HEADINGS[sec]}", ""]
        fill = _m9_fill(table)
        brk = [[("<br>".join(t[k:k + br] for k in range(0, len(t), br)) if t and not t[0].isdigit() and len(t) > br else t)
                for t in row] for row in fill]
        out += ["| " + " | ".join(brk[0]) + " |", "|" + "|".join("---" for _ in brk[0]) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in brk[1:]]
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def _m9_md_separators(ctx: Ctx) -> tuple[str, str]:
    """Markdown pipe tables whose separator row is missing, has alignment colons (`|:---:|---:|`),
    or uses `+` at the junctions (`|---+---|`, `+---+---+`, as tabulate and psql print), the
    `+---+` rule also above and below the table."""
    rng = ctx.rng
    form = rng.choice(["none", "colons", "plus-inner", "psql"])
    out = []
    for sec, table in ctx.sections:
        out += [f"## {HEADINGS[sec]}", ""]
        rows = grid_text(table, cell_text)
        n = len(rows[0])
        if form == "psql":
            widths = [max(3, max(_width(r[k]) for r in rows)) for k in range(n)]
            rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
            body = ["| " + " | ".join(_m9_pad(t, w) for t, w in zip(r, widths)) + " |" for r in rows]
            out += [rule, body[0], rule] + body[1:] + [rule]
        else:
            body = ["| " + " | ".join(r) + " |" for r in rows]
            if form == "colons":
                sep = "|" + "|".join(rng.choice([":---:", ":---", "---:", "---"]) for _ in range(n)) + "|"
            elif form == "plus-inner":
                sep = "|" + "+".join("---" for _ in range(n)) + "|"
            else:
                sep = None
            out += body[:1] + ([sep] if sep else []) + body[1:]
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def _m9_jira_table(ctx: Ctx) -> tuple[str, str]:
    """Jira/Confluence wiki tables: header cells between `||` (`||信息内容||本年新制作数量||`),
    other rows `|规章|13|13|`; no spans (a merged text left once, its other slots empty)."""
    out = []
    for sec, table in ctx.sections:
        out += [f"h3. {HEADINGS[sec]}", ""]
        rows = grid_text(table, cell_text)
        for row, src in zip(rows, table):
            if not is_value_row(src):
                out.append("||" + "||".join(t or " " for t in row) + "||")
            else:
                out.append("|" + "|".join(t or " " for t in row) + "|")
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def _m9_textile_table(ctx: Ctx) -> tuple[str, str]:
    """Textile tables (Redmine, Textpattern): `|_. header|` header cells, `|\\2. text|` spanning two
    columns, `|/3. text|` three rows (the rows below leave that slot out), `|a|b|` rows."""
    out = []
    for sec, table in ctx.sections:
        out += [f"h3. {HEADINGS[sec]}", ""]
        for row in table:
            head = not is_value_row(row)
            items = []
            for c in row:
                spec = ("_" if head else "") + (f"\\{c.colspan}" if c.colspan > 1 else "") + (f"/{c.rowspan}" if c.rowspan > 1 else "")
                items.append((spec + ". " if spec else "") + cell_text(c))
            out.append("|" + "|".join(items) + "|")
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "rst-simple": _m9_rst_simple,
    "pandoc-simple": _m9_pandoc_simple,
    "pandoc-multiline": _m9_pandoc_multiline,
    "md-fenced": _m9_md_fenced,
    "latex-math-cells": _m9_latex_math_cells,
    "docling-br": _m9_docling_br,
    "md-separators": _m9_md_separators,
    "jira-table": _m9_jira_table,
    "textile-table": _m9_textile_table,
}


def _m9_blockquote_table(ctx: Ctx) -> tuple[str, str]:
    """Markdown pipe tables quoted (`> | a | b |`), as mail clients and converters of quoted
    documents write them; the quote mark once (`> `) or nested (`> > `)."""
    rng = ctx.rng
    mark = rng.choice(["> ", ">", "> > "])
    out = []
    for sec, table in ctx.sections:
        out += [f"{mark}**{HEADINGS[sec]}**", mark.rstrip()]
        rows = grid_text(table, cell_text)
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])] + ["| " + " | ".join(r) + " |" for r in rows[1:]]
        out += [mark + ln for ln in lines]
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def _m9_rst_list_table(ctx: Ctx) -> tuple[str, str]:
    """reStructuredText `list-table` directives (Sphinx, docs sites): `* -` starts a row, `  -`
    each further cell, a cell a line; a merged cell's text repeated or left empty (`-` alone)."""
    rng = ctx.rng
    repeat = rng.random() < 0.5
    out = []
    for sec, table in ctx.sections:
        out += [HEADINGS[sec], ""]
        rows = _m9_fill(table) if repeat else grid_text(table, cell_text)
        head = next(i for i, r in enumerate(table) if is_value_row(r))
        out += [".. list-table::", f"   :header-rows: {head}", ""]
        for row in rows:
            for k, t in enumerate(row):
                out.append(("   * - " if k == 0 else "     - ") + t if t else ("   * -" if k == 0 else "     -"))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def _m9_dokuwiki_table(ctx: Ctx) -> tuple[str, str]:
    """DokuWiki tables: header cells after `^`, others after `|`; a cell spanning columns is
    followed by empty cells (`| 申请人情况 ||||`), a cell spanning rows continued by `:::`."""
    out = []
    for sec, table in ctx.sections:
        out += [f"===== {HEADINGS[sec]} =====", ""]
        for row in _markup_slots(table):
            head = not any(c is not None and c.key is not None for _, c in row)
            mark = "^" if head else "|"
            line = ""
            for kind, c in row:
                if kind == "right":
                    line += mark
                elif kind == "below":
                    line += mark + " ::: "
                elif c is None:
                    line += mark + " "
                else:
                    line += mark + " " + cell_text(c) + " "
            out.append(line + mark)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def _m9_creole_table(ctx: Ctx) -> tuple[str, str]:
    """Creole/Trac wiki tables: `|= header |= header |` for header cells, `| a | b |` or Trac's
    `|| a || b ||`; no spans (a merged text once, its other slots empty)."""
    rng = ctx.rng
    trac = rng.random() < 0.4
    out = []
    for sec, table in ctx.sections:
        out += [f"== {HEADINGS[sec]} ==", ""]
        rows = grid_text(table, cell_text)
        for row, src in zip(rows, table):
            if trac:
                out.append("|| " + " || ".join(("=" + t + "=" if t and not is_value_row(src) else t) for t in row) + " ||")
            else:
                mark = "|" if is_value_row(src) else "|="
                out.append(mark + " " + (" " + mark + " ").join(row) + " |")
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES.update({
    "blockquote-table": _m9_blockquote_table,
    "rst-list-table": _m9_rst_list_table,
    "dokuwiki-table": _m9_dokuwiki_table,
    "creole-table": _m9_creole_table,
})
