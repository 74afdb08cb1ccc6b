"""Round 15 (web15): columns added between the format's own in real grids (an HTML table, a Word
table, a ruled or unruled PDF table: 表二's first section `本年制发件数 | 上年数 | 本年废止件数`, 表三 a
上年同期 / 同比增减 column after 自然人, inside 法人或其他组织's five or before 总计, its header cell
merged over the header rows as Word and CMS editors merge it); and reports that quote last year's
tables too (`stale-under-heading`: a 表三 and/or 表四 under a heading naming the year before, such as
`2022年度收到和处理政府信息公开申请情况（对照）` or a section `上年度情况`, before or after the current
year's tables, in HTML or text), whose numbers are last year's, not the gold's.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, html_page, html_td, is_value_row, page, plain, row_label, tab_tables
from ._pdf import grid_style, pdf_build, pdf_story
from .docs2 import docx_of
from .text14c import _stale


def _with_column(table: list[list[Cell]], at: int, head: str, value: Callable[[], str],
                 rows: range | None = None) -> list[list[Cell]]:
    """`table` with a column inserted before grid column `at`: a cell spanning across the place
    widened by one; the header cell `head` in the first header row the place is free in (merged
    down over the header rows below it); a number from `value()` in each value row of `rows`
    (default: every row), the cell left of the place widened over it in the rows after `rows`. The added cells are labels (no key):
    their numbers are not the gold's."""
    g = grid(table)
    first_value = next(i for i, row in enumerate(table) if is_value_row(row))
    starts: dict[int, dict[int, int]] = {}  # row -> id(cell) -> grid column it starts at
    for r, line in enumerate(g):
        for col, c in enumerate(line):
            if c is not None:
                starts.setdefault(r, {})[id(c)] = col
    covered: set[int] = set()  # rows whose slot at the place a merged cell from above fills
    out: list[list[Cell]] = []
    for r, row in enumerate(table):
        new = []
        placed = r in covered
        for c in row:
            col = starts[r][id(c)]
            if col < at < col + c.colspan:  # spans across the place: one column wider
                c = Cell(text=c.text, key=c.key, value=c.value, rowspan=c.rowspan, colspan=c.colspan + 1)
                for dr in range(1, c.rowspan):
                    covered.add(r + dr)
                placed = True
            elif col >= at and not placed:
                _add(new, r, first_value, head, value, rows, row, covered)
                placed = True
            new.append(c)
        if not placed:
            _add(new, r, first_value, head, value, rows, row, covered)
        out.append(new)
    return out


def _add(new: list[Cell], r: int, first_value: int, head: str, value: Callable[[], str], rows: range | None,
         row: list[Cell], covered: set[int]) -> None:
    """The added column's cell in row `r` appended to `new` (see `_with_column`); outside `rows`
    the cell left of the place merged over it instead (a section of 表二 without the column)."""
    if r < first_value:  # a header row: the header, merged down to the last header row
        covered.update(range(r + 1, first_value))
        new.append(Cell(text=head, rowspan=first_value - r))
    elif rows is None or r in rows:
        new.append(Cell(text=value() if is_value_row(row) else ""))
    else:
        c = new[-1]
        new[-1] = Cell(text=c.text, key=c.key, value=c.value, rowspan=c.rowspan, colspan=c.colspan + 1)


def _between_sections(ctx: Ctx) -> list[tuple[str, list[list[Cell]]]]:
    """The report's tables with the added columns (which tables and where: seeded, the recipe)."""
    rng = ctx.rng
    which = rng.choice(["二三", "二", "三", "三", "二三"])
    head2 = rng.choice(["上年数", "上年制发件数", "上年同期"])
    head3 = rng.choice(["上年同期", "同比增减", "上年同期数", "上年数"])
    at3 = rng.choice([4, 9, 9, 6])  # grid column: after 自然人, before 总计, inside the five
    n = lambda: str(rng.randint(0, 60))  # noqa: E731
    ctx.recipe = f"{which} {head2} {head3}@{at3}"  # type: ignore[attr-defined]
    out = []
    for sec, table in ctx.sections:
        if sec == "二" and "二" in which:
            start = next(i for i, src in enumerate(table) if row_label(src).startswith("信息内容"))
            end = next((i for i in range(start + 1, len(table)) if not is_value_row(table[i])), len(table))
            # the added header in the first section's header row, empty in the later sections
            table = _with_column(table, 2, head2, n, range(start, end))
        elif sec == "三" and "三" in which:
            table = _with_column(table, at3, head3, n)
        out.append((sec, table))
    return out


def columns_between_html(ctx: Ctx) -> tuple[str, str]:
    """HTML tables (merged cells as `rowspan`/`colspan`) with a column added between the format's
    own in 表二's first section and/or 表三 (`_between_sections`)."""
    parts = []
    for sec, table in _between_sections(ctx):
        rows = "\n".join("<tr>" + "".join(html_td(c) for c in row) + "</tr>" for row in table)
        parts.append(f"<p>{html.escape(HEADINGS[sec])}</p>\n<table border='1'>\n{rows}\n</table>")
    return html_page(ctx, parts), ".html"


def columns_between_docx(ctx: Ctx) -> tuple[bytes, str]:
    """A Word document whose tables (merged cells) have a column added between the format's own."""
    ctx.sections = _between_sections(ctx)
    return docx_of(ctx, lambda c: plain(c.value)), ".docx"


def columns_between_pdf(ctx: Ctx) -> tuple[bytes, str]:
    """A text-layer PDF, its tables ruled or not (seeded), with a column added between the format's
    own."""
    ctx.sections = _between_sections(ctx)
    ruled = ctx.rng.random() < 0.5
    ctx.recipe += f" {'ruled' if ruled else 'unruled'}"  # type: ignore[attr-defined]
    # 表三's three label columns as wide as make_formats prints them, its eight number columns sharing the rest
    widths = lambda w, n: [w * 0.12, w * 0.13, w * 0.2] + [w * 0.55 / (n - 3)] * (n - 3) if n >= 10 else [w / n] * n  # noqa: E731
    return pdf_build(pdf_story(ctx, style=grid_style(ruled), widths=widths, align="CENTER" if ruled else "RIGHT")), ".pdf"


# ------------------------------------------------------------------ last year's tables quoted too


def _stale_sections(ctx: Ctx, what: str) -> list[tuple[str, list[list[Cell]]]]:
    """The report's 表三 and/or 表四 (`what`) with last year's numbers: each value changed now and
    then (a few per row) so no table equals this year's."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        if sec not in what:
            continue
        cells = [c for row in table for c in row if c.key is not None]
        changed = _stale(rng, [c.value for c in cells])
        # more than `_stale`'s one to three: a whole other year
        changed = [v if v is None or rng.random() < 0.6 else max(0, v + rng.choice([-4, -2, -1, 1, 2, 3, 5]))
                   if isinstance(v, int) else v for v in changed]
        new = dict(zip((id(c) for c in cells), changed))
        out.append((sec, [[Cell(text=c.text, key=c.key, value=new.get(id(c), c.value), rowspan=c.rowspan,
                                colspan=c.colspan) for c in row] for row in table]))
    return out


def _stale_headings(ctx: Ctx, rng: Any) -> tuple[str, dict[str, str]]:
    """A section heading naming last year (or none) and each stale table's own heading."""
    last = ctx.case.report_year - 1
    style = rng.choice(["own", "section", "compare"])
    if style == "section":
        return rng.choice([f"六、上年度情况（{last}年）", "附：上年度情况", f"附件：{last}年度政府信息公开情况统计（供对照）"]), {
            "三": f"（一）{last}年收到和处理政府信息公开申请情况", "四": f"（二）{last}年政府信息公开行政复议、行政诉讼情况"}
    if style == "compare":
        return "", {"三": f"{last}年度收到和处理政府信息公开申请情况（对照）",
                    "四": f"{last}年度政府信息公开行政复议、行政诉讼情况（对照）"}
    return "", {"三": f"附表1：{last}年收到和处理政府信息公开申请情况（上年度）",
                "四": f"附表2：{last}年政府信息公开行政复议、行政诉讼情况（上年度）"}


def stale_under_heading(ctx: Ctx) -> tuple[str, str]:
    """The report's tables, and last year's 表三 and/or 表四 quoted too (`_stale_sections`) under a
    heading naming the year before (`_stale_headings`), before or after the current tables; as an
    HTML page or as tab text. The gold is this year's tables."""
    rng = ctx.rng
    what = rng.choice(["三", "四", "三四", "三四"])
    where = rng.choice(["before", "after"])
    as_html = rng.random() < 0.5
    section, heads = _stale_headings(ctx, rng)
    ctx.recipe = f"{what} {where} {'html' if as_html else 'text'} {section or heads['三'][:12]}"  # type: ignore[attr-defined]
    stale = _stale_sections(ctx, what)
    if as_html:
        def tables_html(sections: list[tuple[str, list[list[Cell]]]], heading: Callable[[str], str]) -> list[str]:
            return [f"<p>{html.escape(heading(sec))}</p>\n<table border='1'>\n" + "\n".join(
                "<tr>" + "".join(html_td(c) for c in row) + "</tr>" for row in table) + "\n</table>"
                for sec, table in sections]
        old = ([f"<p><b>{html.escape(section)}</b></p>"] if section else []) + tables_html(stale, heads.__getitem__)
        new = tables_html(ctx.sections, HEADINGS.__getitem__)
        return html_page(ctx, old + new if where == "before" else new + old), ".html"
    current = tab_tables(ctx, lambda c: plain(c.value))
    saved = ctx.sections
    ctx.sections = stale
    old = tab_tables(ctx, lambda c: plain(c.value), heading=heads.__getitem__)
    ctx.sections = saved
    old = (section + "\n" if section else "") + old
    return page(ctx, old + "\n" + current if where == "before" else current + "\n" + old), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "columns-between-html": columns_between_html,
    "columns-between-docx": columns_between_docx,
    "columns-between-pdf": columns_between_pdf,
    "stale-under-heading": stale_under_heading,
}
