"""Round 7 (text7): marks around the numbers.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, tables

from ._common import Ctx, grid_text, hidden_totals, is_value_row, page, plain, tab_tables
from .files4 import _page_html
from .text6 import _table3_own


def _changes_drawn(ctx: Ctx) -> None:
    """A 2019 report's 本年增/减 cells drawn again at random (most labelled reports print 0 there),
    both signs; the gold is then these values (`ctx.gold`)."""
    rng = ctx.rng
    for k, v in list(ctx.values.items()):
        if k.endswith(".change") and isinstance(v, int) and not isinstance(v, bool):
            ctx.values[k] = rng.choice([0, rng.randint(1, 60), -rng.randint(1, 40)])
    ctx.sections = tables(ctx.template, ctx.values)
    ctx.gold = dict(ctx.values)  # type: ignore[attr-defined]


def _rows_with(ctx: Ctx, cell: Callable[[Cell], str], sep: str, lead: Callable[[], str] | None = None) -> str:
    """Every value row on one line (labels, then `sep`-joined cells as `cell` prints them; between
    the labels and the cells `lead()` when given, else `sep`)."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [cell(c) for c in r if c.key is not None]
            if nums:
                out.append("".join(labels) + (sep if lead is None else lead()) + sep.join(nums))
            elif sec != "三":
                out.append(" ".join(labels))
        out.append("")
    return "\n".join(out)


def change_words(ctx: Ctx) -> tuple[str, str]:
    """2019 表二's 本年增/减 with words for the sign (`增加5`, `减少3`, `增5`, `减3`, `增加0`), the
    values drawn at random; rows spaced or tab."""
    rng = ctx.rng
    _changes_drawn(ctx)
    up, down = rng.choice([("增加", "减少"), ("增", "减"), ("新增", "减少")])
    sep = rng.choice(["  ", "\t", " | "])
    ctx.recipe = f"{up}/{down} {sep!r}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        v = c.value
        if c.key and c.key.endswith(".change") and isinstance(v, int):
            if v == 0:
                return rng.choice(["0", "0", up + "0", "无增减"])
            return (up if v > 0 else down) + str(abs(v)) + rng.choice(["", "", "项", "个"])
        return plain(v)
    return page(ctx, _rows_with(ctx, cell, sep)), ".txt"


def accounting_brackets(ctx: Ctx) -> tuple[str, str]:
    """2019 表二's 本年增/减 with a decrease in accounting brackets (`（3）`, `(14)`), the values
    drawn at random; a bracketed number may also be a note's mark, so the reader must doubt it
    (both signs as candidates), never read it silently. Rows spaced or tab."""
    rng = ctx.rng
    _changes_drawn(ctx)
    op, cl = rng.choice([("（", "）"), ("(", ")")])
    sep = rng.choice(["  ", "\t", " | "])
    ctx.recipe = f"{op}{cl} {sep!r}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        v = c.value
        if c.key and c.key.endswith(".change") and isinstance(v, int) and v < 0:
            return f"{op}{-v}{cl}"
        return plain(v)
    return page(ctx, _rows_with(ctx, cell, sep)), ".txt"


def bracket_units(ctx: Ctx) -> tuple[str, str]:
    """Counts with their unit in brackets inside the cell (`16（件）`, `5(件)`, `3 （项）`); tab or
    pipe rows (one form per report), a zero now and then bare."""
    rng = ctx.rng
    word = rng.choice(["件", "项", "个"])
    form = rng.choice(["{n}（{w}）", "{n}({w})", "{n} （{w}）", "{n}（{w}）"])
    sep = rng.choice(["\t", " | "])
    ctx.recipe = f"{form} {sep!r}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, Decimal):
            return plain(v) + rng.choice(["（万元）", "", "(元)"]) if c.key and c.key.endswith("amount") else plain(v)
        if v == 0 and rng.random() < 0.3:
            return "0"
        return form.format(n=v, w=word)
    return page(ctx, tab_tables(ctx, cell, sep=sep)), ".txt"


_MARKS = ["*", "①", "②", "注1", "注", "※", "⁽¹⁾", "¹", "[1]"]


def footnote_markers(ctx: Ctx) -> tuple[str, str]:
    """A few non-zero cells carry a footnote mark after the number (`1,234*`, `5①`, `12注1`, `3[1]`),
    explained in a note under the table; tab, pipe or spaced rows."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | ", "  "])
    marks = rng.sample(_MARKS, 2)
    ctx.recipe = f"{'/'.join(marks)} {sep!r}"  # type: ignore[attr-defined]
    keys = [k for k, v in ctx.values.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0
            and not k.endswith(".change")]
    marked = set(rng.sample(keys, min(len(keys), rng.randint(1, 4))))

    def cell(c: Cell) -> str:
        v = c.value
        text = f"{v:,}" if isinstance(v, int) and v >= 1000 and sep != "  " else plain(v)
        return text + rng.choice(marks) if c.key in marked else text
    body = _rows_with(ctx, cell, sep)
    note = f"注{'' if marks[0] != '注1' else '1'}：{marks[0]}含上年度转入并于本年办结的申请。"
    return page(ctx, body + "\n" + note + "\n"), ".txt"


def html_sup_markers(ctx: Ctx) -> tuple[str, str]:
    """HTML tables (rowspan/colspan) where a few non-zero cells carry a footnote mark in
    `<sup>1</sup>` (or `<sup>*</sup>`, `<span class="note">①</span>`) after the number."""
    rng = ctx.rng
    keys = [k for k, v in ctx.values.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    marked = set(rng.sample(keys, min(len(keys), rng.randint(1, 4))))
    tag = rng.choice(["<sup>1</sup>", "<sup>*</sup>", "<sup>注</sup>", "<sup>[1]</sup>"])
    ctx.recipe = tag  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        return html.escape(plain(c.value)) + (tag if c.key in marked else "")
    parts = []
    for sec, table in ctx.sections:
        parts.append(f"<p>{HEADINGS[sec]}</p><table border='1'>")
        for r in table:
            tds = []
            for c in r:
                span = (f" rowspan='{c.rowspan}'" if c.rowspan > 1 else "") + (f" colspan='{c.colspan}'" if c.colspan > 1 else "")
                tds.append(f"<td{span}>{cell(c) if c.key is not None else html.escape(c.text)}</td>")
            parts.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("</table>")
    parts.append("<p>注：1. 含上年度转入的申请。</p>")
    return _page_html(ctx, "\n".join(parts)), ".html"


def column_index(ctx: Ctx) -> tuple[str, str]:
    """表三 with a column-index row under its header (`甲 乙 1 2 3 4 5 6 7`, `（1）（2）…（7）`,
    `栏次 1 2 …`), as statistical forms print it; tab or pipe rows, or spaced text."""
    rng = ctx.rng
    form = rng.choice(["甲乙", "paren", "lanci", "plain"])
    sep = rng.choice(["\t", " | "])
    ctx.recipe = f"{form} {sep!r}"  # type: ignore[attr-defined]
    idx = {"甲乙": ["甲", "乙", ""] + [str(i) for i in range(1, 8)],
           "paren": ["", "", ""] + [f"（{i}）" for i in range(1, 8)],
           "lanci": ["栏次", "", ""] + [str(i) for i in range(1, 8)],
           "plain": ["", "", ""] + [str(i) for i in range(1, 8)]}[form]
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        first = True
        for row, src in zip(rows, table):
            if sec == "三" and first and is_value_row(src):
                width = len(row)
                out.append(sep.join((idx + [""] * width)[:width] if width >= len(idx) else idx[-width:]))
                first = False
            out.append(sep.join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def dot_leaders(ctx: Ctx) -> tuple[str, str]:
    """A table of contents' dot leaders between each row's label and its numbers (`（一）予以公开
    ………… 5 0 0 0 0 0 5`, `.......`, `·····`), cells a space apart."""
    rng = ctx.rng
    lead = rng.choice(["…", "．", ".", "·", "……"])
    ctx.recipe = lead  # type: ignore[attr-defined]
    return page(ctx, _rows_with(ctx, lambda c: plain(c.value), " ",
                                lambda: lead * rng.randint(3, 12) + rng.choice(["", " "]))), ".txt"


def no_total_column(ctx: Ctx) -> tuple[str, str]:
    """表三 printed without its 总计 column (a body that leaves the sum to the reader): six numbers
    a row under a header naming the six applicant types; tab, pipe or spaced rows. The totals are
    not printed, so a reader that fills them in invents them: the score counts them as undecided
    at best (`undecided_missed` when no candidate is the sum), never as read. Where the real
    report's printed 总计 is not its parts' sum, the page cannot tell it: the gold lists the
    parts' sum as `ambiguous` beside it (`hidden_totals`)."""
    sep = ctx.rng.choice(["\t", " | ", "  "])
    ctx.recipe = repr(sep)  # type: ignore[attr-defined]
    # a hidden total whose original contradicts its parts: a person offers only the parts' sum
    ctx.ambiguous = hidden_totals(ctx, "三")  # type: ignore[attr-defined]
    header = [["", "", "", "自然人", "法人或其他组织", "", "", "", ""],
              ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]

    def row(labels: list[str], nums: list[str]) -> str:
        if sep == "  ":
            return "".join(labels) + sep + sep.join(nums[:-1])
        return sep.join((labels + ["", "", ""])[:3] + nums[:-1])
    return page(ctx, _table3_own(ctx, sep, header, row)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "change-words": change_words,
    "accounting-brackets": accounting_brackets,
    "bracket-units": bracket_units,
    "footnote-markers": footnote_markers,
    "html-sup-markers": html_sup_markers,
    "column-index": column_index,
    "dot-leaders": dot_leaders,
    "no-total-column": no_total_column,
}
