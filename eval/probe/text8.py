"""Round 8 (text8): characters and table syntaxes.

Characters that stand for others (Kangxi radicals, compatibility ideographs, zero-width
characters, soft hyphens, mathematical digits: `extractor/evaluation/char_pages`), marks and
sign words a space apart from their number, and the table syntaxes of model-based converters
(LaTeX `tabular`, AsciiDoc, MediaWiki, org-mode).
"""

from __future__ import annotations

from typing import Any, Callable

from extractor.evaluation import char_pages as _chars
from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, cell_text, grid_text, is_value_row, page, plain, tab_tables
from .text3 import _rows_text
from .text7 import _changes_drawn, _rows_with


def _plain_rows(ctx: Ctx, sep: str) -> str:
    """Tab or pipe rows (`sep`), or PDF-text-like rows whose cells are two spaces apart (`"  "`)."""
    if sep == "  ":
        return _rows_with(ctx, lambda c: plain(c.value), sep)
    return tab_tables(ctx, lambda c: plain(c.value), sep=sep)


def _changed(ctx: Ctx, change: Callable[[str], str]) -> tuple[str, str]:
    sep = ctx.rng.choice(["\t", " | ", "  "])
    ctx.recipe = repr(sep)  # type: ignore[attr-defined]
    return change(page(ctx, _plain_rows(ctx, sep))), ".txt"


def kangxi_radicals(ctx: Ctx) -> tuple[str, str]:
    """Every ideograph that has a Kangxi radical (or CJK radical) look-alike printed as it
    (`⼀、总体情况`, `⾏政许可`, `部⻔`): a Word/WPS PDF through pdftotext; tab, pipe or PDF-text rows."""
    return _changed(ctx, lambda t: _chars.radicals(t, ctx.rng))


def compat_ideographs(ctx: Ctx) -> tuple[str, str]:
    """Ideographs printed as their CJK compatibility forms (U+F900–U+FAFF), half of them."""
    return _changed(ctx, lambda t: _chars.compat(t, ctx.rng, 0.5))


def zero_width(ctx: Ctx) -> tuple[str, str]:
    """Zero-width characters (U+200B/C/D, U+2060, U+FEFF) inside numbers and words (WeChat, CMS)."""
    return _changed(ctx, lambda t: _chars.zero_width(t, ctx.rng, 0.6, 0.2))


def zero_width_every(ctx: Ctx) -> tuple[str, str]:
    """A zero-width character after every character of the page."""
    return _changed(ctx, lambda t: _chars.zero_width(t, ctx.rng, every=True))


def soft_hyphen(ctx: Ctx) -> tuple[str, str]:
    """Soft hyphens (U+00AD) inside numbers."""
    return _changed(ctx, lambda t: _chars.soft_hyphens(t, ctx.rng, 0.6))


def math_digits(ctx: Ctx) -> tuple[str, str]:
    """Every digit a mathematical digit (U+1D7CE–U+1D7FF: bold, double-struck, sans, mono)."""
    return _changed(ctx, lambda t: _chars.math_digits(t, ctx.rng))


def kangxi_pdf_text(ctx: Ctx) -> tuple[str, str]:
    """PDF text (pdftotext -layout: cells space-aligned) with Kangxi radicals and a zero-width
    character now and then inside a number."""
    rng = ctx.rng
    text = page(ctx, _rows_with(ctx, lambda c: plain(c.value), " " * rng.randint(2, 6)))
    return _chars.zero_width(_chars.radicals(text, rng), rng, 0.2, 0.0), ".txt"


def zero_width_flat(ctx: Ctx) -> tuple[str, str]:
    """A web page flattened to one line, cells one space apart or (a fifth of the gaps between a
    label and its first number) none, zero-width characters inside numbers and words."""
    rng = ctx.rng

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        return ["".join(labels) + rng.choice([" ", " ", " ", " ", ""]) + " ".join(nums)]
    body = _rows_text(ctx, row, sep=" ")
    text = ctx.before.replace("\n", " ") + " " + body + " " + ctx.after.replace("\n", " ") + "\n"
    return _chars.zero_width(text, rng, 0.5, 0.2), ".txt"


def spaced_marks(ctx: Ctx) -> tuple[str, str]:
    """A few non-zero cells carry a footnote mark a space after the number (`5 ①`, `12 注1`,
    `3 [1]`, `7 *`); tab, pipe or spaced rows."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | ", "  "])
    marks = rng.sample(["①", "②", "注1", "注", "[1]", "*", "※", "¹"], 2)
    ctx.recipe = f"{'/'.join(marks)} {sep!r}"  # type: ignore[attr-defined]
    keys = [k for k, v in ctx.values.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    marked = set(rng.sample(keys, min(len(keys), rng.randint(1, 4))))

    def cell(c: Cell) -> str:
        return plain(c.value) + " " + rng.choice(marks) if c.key in marked else plain(c.value)
    body = _rows_with(ctx, cell, sep)
    return page(ctx, body + "\n" + f"注：{marks[0]}含上年度转入并于本年办结的申请。\n"), ".txt"


def spaced_sign_words(ctx: Ctx) -> tuple[str, str]:
    """2019 表二's 本年增/减 with a word for the sign a space before the number (`增加 5`,
    `减少 3`, `增 5`), the values drawn at random; tab, pipe or spaced rows."""
    rng = ctx.rng
    _changes_drawn(ctx)
    up, down = rng.choice([("增加", "减少"), ("增", "减"), ("新增", "减少")])
    sep = rng.choice(["  ", "\t", " | "])
    ctx.recipe = f"{up}/{down} {sep!r}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        v = c.value
        if c.key and c.key.endswith(".change") and isinstance(v, int) and v != 0:
            return (up if v > 0 else down) + " " + str(abs(v))
        return plain(v)
    return page(ctx, _rows_with(ctx, cell, sep)), ".txt"


def stray_marks(ctx: Ctx) -> tuple[str, str]:
    """A few non-zero cells followed, a space apart, by a mark no reader knows (`27 △  6  571`,
    `5 #`, `12 甲`): the reader may leave doubts, never fill the row's other cells with blanks."""
    rng = ctx.rng
    sep = rng.choice(["  ", "   ", "\t", " | "])
    mark = rng.choice(["△", "▲", "#", "a", "甲", "◎", "☆"])
    ctx.recipe = f"{mark} {sep!r}"  # type: ignore[attr-defined]
    keys = [k for k, v in ctx.values.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    marked = set(rng.sample(keys, min(len(keys), rng.randint(1, 4))))

    def cell(c: Cell) -> str:
        return plain(c.value) + " " + mark if c.key in marked else plain(c.value)
    return page(ctx, _rows_with(ctx, cell, sep)), ".txt"


def _markup_slots(table: list[list[Cell]]) -> list[list[tuple[str, Cell | None]]]:
    """Each row's slots: ("cell", c) where a cell starts, ("below", None) under a cell spanning
    rows, ("right", None) after a cell spanning columns."""
    g = grid(table)
    kinds = [["cell" if c is not None else "" for c in row] for row in g]
    for r, row in enumerate(g):
        for k, c in enumerate(row):
            if c is None:
                continue
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    if dr or dc:
                        kinds[r + dr][k + dc] = "right" if dc else "below"
    return [[(kinds[r][k], g[r][k]) for k in range(len(g[r]))] for r in range(len(g))]


def latex_tabular(ctx: Ctx) -> tuple[str, str]:
    """Tables as LaTeX `tabular` (Nougat, Marker): cells split by `&`, rows ended by `\\\\`,
    `\\hline`, `\\multicolumn{n}{c}{…}` and `\\multirow{n}{*}{…}` for merged cells."""
    rng = ctx.rng
    rules = rng.random() < 0.7
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        width = len(grid(table)[0])
        out.append("\\begin{tabular}{" + ("|c" * width + "|" if rules else "c" * width) + "}")
        if rules:
            out.append("\\hline")
        for row in _markup_slots(table):
            cells = []
            for kind, c in row:
                if kind == "right":
                    continue
                if kind != "cell" or c is None:
                    cells.append("")
                    continue
                text = cell_text(c)
                if c.rowspan > 1:
                    text = f"\\multirow{{{c.rowspan}}}{{*}}{{{text}}}"
                if c.colspan > 1:
                    text = f"\\multicolumn{{{c.colspan}}}{{{'|c|' if rules else 'c'}}}{{{text}}}"
                cells.append(text)
            out.append(" & ".join(cells) + " \\\\" + (" \\hline" if rules and rng.random() < 0.5 else ""))
        if rules:
            out.append("\\hline")
        out.append("\\end{tabular}")
        out.append("")
    return page(ctx, "\n".join(out)), rng.choice([".md", ".txt"])


def asciidoc_table(ctx: Ctx) -> tuple[str, str]:
    """Tables as AsciiDoc: `|===` blocks, `|cell` items (a row on one line, or a cell a line),
    `2+|` for a cell spanning two columns and `.2+|` for two rows."""
    rng = ctx.rng
    per_line = rng.random() < 0.4
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        width = len(grid(table)[0])
        out.append(f'[cols="{width}*"]')
        out.append("|===")
        for row in _markup_slots(table):
            items = []
            for kind, c in row:
                if kind != "cell" or c is None:
                    if kind == "":
                        items.append("|")
                    continue
                spec = (f"{c.colspan}" if c.colspan > 1 else "") + (f".{c.rowspan}" if c.rowspan > 1 else "")
                items.append((spec + "+" if spec else "") + "|" + cell_text(c))
            out.extend(items) if per_line else out.append(" ".join(items))
            if per_line:
                out.append("")
        out.append("|===")
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def mediawiki_table(ctx: Ctx) -> tuple[str, str]:
    """Tables as MediaWiki markup: `{| class="wikitable"`, `|-` between rows, `! header` cells
    for the label rows, `| a || b` (or a cell a line), `colspan="n"`/`rowspan="n"`, `|}`."""
    rng = ctx.rng
    inline = rng.random() < 0.6
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        out.append('{| class="wikitable"')
        for row in table:
            out.append("|-")
            header = all(c.key is None for c in row)
            mark = "!" if header else "|"
            items = []
            for c in row:
                attrs = (f'colspan="{c.colspan}" ' if c.colspan > 1 else "") + (f'rowspan="{c.rowspan}" ' if c.rowspan > 1 else "")
                items.append((attrs + "| " if attrs else "") + cell_text(c))
            if inline:
                out.append(mark + " " + f" {mark}{mark} ".join(items))
            else:
                out.extend(f"{mark} {x}" for x in items)
        out.append("|}")
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def org_table(ctx: Ctx) -> tuple[str, str]:
    """Tables as org-mode: `| a | b |` rows, `|---+---|` rules under the header and now and then."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        width = len(rows[0])
        rule = "|" + "+".join("-" * 5 for _ in range(width)) + "|"
        out.append(rule)
        for i, (row, src) in enumerate(zip(rows, table)):
            out.append("| " + " | ".join(row) + " |")
            if (not is_value_row(src) and i + 1 < len(table) and is_value_row(table[i + 1])) or rng.random() < 0.15:
                out.append(rule)
        out.append(rule)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "kangxi-radicals": kangxi_radicals,
    "kangxi-pdf-text": kangxi_pdf_text,
    "compat-ideographs": compat_ideographs,
    "zero-width": zero_width,
    "zero-width-every": zero_width_every,
    "zero-width-flat": zero_width_flat,
    "soft-hyphen": soft_hyphen,
    "math-digits": math_digits,
    "spaced-marks": spaced_marks,
    "spaced-sign-words": spaced_sign_words,
    "stray-marks": stray_marks,
    "latex-tabular": latex_tabular,
    "asciidoc-table": asciidoc_table,
    "mediawiki-table": mediawiki_table,
    "org-table": org_table,
}
