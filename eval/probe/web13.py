"""Round 13 (web): government CMS pages and Word/WPS documents in layouts no earlier family prints —
one table cut into several `<table>`s, hidden stale cells, wrong spans, noise inside a number's
digits, and Word tables with 表三 split by columns, turned on its side, or as named-count lists.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from extractor.printed import APPLICANTS, Cell, HEADINGS, grid

from ._common import Ctx, cell_text, html_page, is_value_row, plain, row_label
from .files3 import _docx_bytes, _docx_doc, _docx_table


def _placed(table: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of each printed cell, where it starts in the grid."""
    return [(r, k, c) for r, row in enumerate(grid(table)) for k, c in enumerate(row) if c is not None]


def _td(c: Cell, text: str, rowspan: int, colspan: int, tag: str = "td", extra: str = "") -> str:
    attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", rowspan), ("colspan", colspan)) if n > 1)
    return f"<{tag}{attrs}{extra}>{text}</{tag}>"


def _part_html(table: list[list[Cell]], lo: int, hi: int, repeat: bool,
               cell: Callable[[Cell], str] = lambda c: html.escape(cell_text(c))) -> list[str]:
    """Rows lo..hi-1 of the table as `<tr>`s; a cell spanning into row `lo` from above starts
    again there (its text repeated, or blank when not `repeat`), spans cut at `hi`."""
    rows: dict[int, list[str]] = {r: [] for r in range(lo, hi)}
    for r, k, c in _placed(table):
        end = r + c.rowspan
        if end <= lo or r >= hi:
            continue
        start = max(r, lo)
        text = cell(c) if (r >= lo or repeat) else ""
        rows[start].append((k, _td(c, text, min(end, hi) - start, c.colspan)))  # type: ignore[arg-type]
    return ["<tr>" + "".join(t for _, t in sorted(rows[r])) + "</tr>" for r in range(lo, hi)]  # type: ignore[misc]


def _header_rows(table: list[list[Cell]]) -> int:
    """How many rows before the first row with a value."""
    return next(i for i, row in enumerate(table) if is_value_row(row))


def _plain_tables(ctx: Ctx, skip: tuple[str, ...] = ()) -> dict[str, str]:
    out = {}
    for sec, table in ctx.sections:
        if sec not in skip:
            out[sec] = (f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>"
                        + "".join(_part_html(table, 0, len(table), True)) + "</table>")
    return out


def html_split_tables(ctx: Ctx) -> tuple[str, str]:
    """One table cut into several `<table>` elements, as CMS editors paste a Word table page by
    page or group by group: 表三 cut before 三、本年度办理结果 and/or inside its sub-rows (a merged
    parent cell started again in the next part, its text repeated or blank), 表二 now and then
    one `<table>` per 第二十条 group; the header rows repeated or not, `续表` or nothing between."""
    rng = ctx.rng
    repeat_head = rng.random() < 0.5
    repeat_text = rng.random() < 0.5
    between = rng.choice(["", "<p>续表</p>", "<p>（续上表）</p>", '<p style="page-break-before:always">&nbsp;</p>'])
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p>")
        head = _header_rows(table)
        if sec == "三":
            starts = [r for r in range(head, len(table)) if is_value_row(table[r])]
            cuts = sorted(rng.sample(starts[1:-1], rng.choice([1, 2, 3])))
        elif sec == "二" and rng.random() < 0.5:
            cuts = [r for r in range(1, len(table)) if not is_value_row(table[r]) and len(table[r]) == 1]
            head = 0
        else:
            cuts = []
        bounds = [0] + cuts + [len(table)]
        for i, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
            if i:
                out.append(between)
            rows = []
            if i and repeat_head and head:
                rows += _part_html(table, 0, head, True)
            rows += _part_html(table, lo, hi, repeat_text)
            out.append("<table border=1 cellspacing=0>" + "".join(rows) + "</table>")
    return html_page(ctx, out), ".html"


_HIDE = ['style="display:none"', 'style="DISPLAY: none"', 'style="display: none;"', "hidden", 'class="hid"']


def html_hidden_cells(ctx: Ctx) -> tuple[str, str]:
    """A CMS page whose tables keep stale numbers a browser does not show: a hidden `<td>` in a
    few value rows, a hidden `<span>` holding the old number beside the new one, a hidden copy of
    a row with its old numbers (`display:none` inline, the `hidden` attribute, or a class the
    page's `<style>` hides). A hidden number is not printed: the gold is what the page shows."""
    rng = ctx.rng
    kinds = rng.sample(["td", "span", "row"], rng.choice([1, 2, 3]))
    hide = rng.choice(_HIDE)
    stale = lambda v: str(max(0, int(v) + rng.choice([-3, -1, 1, 2, 7, 10])))  # noqa: E731
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>")
        placed = _placed(table)
        for r, row in enumerate(table):
            tds = []
            for rr, k, c in placed:
                if rr != r:
                    continue
                text = html.escape(cell_text(c))
                if c.key is not None and "span" in kinds and rng.random() < 0.12 and text.isdigit():
                    old = f"<span {hide}>{stale(text)}</span>"
                    text = old + text if rng.random() < 0.5 else text + old
                tds.append(_td(c, text, c.rowspan, c.colspan))
                if c.key is not None and "td" in kinds and rng.random() < 0.06 and text.isdigit():
                    tds.append(f"<td {hide}>{stale(text)}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
            if "row" in kinds and is_value_row(row) and all(c.rowspan == 1 for c in row) and rng.random() < 0.15:
                cells = "".join(_td(c, html.escape(c.text) if c.key is None else stale(plain(c.value))
                                    if plain(c.value).isdigit() else html.escape(plain(c.value)), 1, c.colspan)
                                for c in row)
                out.append(f"<tr {hide}>{cells}</tr>")
        out.append("</table>")
    page_html = html_page(ctx, out)
    if hide == 'class="hid"':
        page_html = page_html.replace("</title>", "</title><style>.hid { display: none }</style>", 1)
    return page_html, ".html"


def html_span_errors(ctx: Ctx) -> tuple[str, str]:
    """Tables whose spans are wrong in the page (hand-edited in a CMS editor): a row label's
    colspan left out (the row one or two cells short), an empty `<td>` (or `&nbsp;`) after a row's
    last number, a parent's rowspan one too many or too few (the rows under it pushed sideways).
    A browser shows each row as its label and its numbers in order, only out of line."""
    rng = ctx.rng
    faults = rng.sample(["colspan", "trailing", "rowspan"], rng.choice([1, 2]))
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>")
        placed = _placed(table)
        head = _header_rows(table)
        off = rng.choice([1, -1]) if "rowspan" in faults and sec == "三" else 0
        for r, row in enumerate(table):
            tds = []
            for rr, k, c in placed:
                if rr != r:
                    continue
                cs, rs = c.colspan, c.rowspan
                if "colspan" in faults and r >= head and c.key is None and cs > 1 and rng.random() < 0.3:
                    cs = 1
                if off and rs > 2 and c.key is None and r >= head:
                    rs = rs + off if r + rs + off <= len(table) else rs
                    off = 0  # one parent's span wrong a table
                tds.append(_td(c, html.escape(cell_text(c)), rs, cs))
            if "trailing" in faults and is_value_row(row) and rng.random() < 0.25:
                tds.append(rng.choice(["<td></td>", "<td>&nbsp;</td>"]))
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    return html_page(ctx, out), ".html"


def _noisy(text: str, rng: Any) -> str:
    if not text.isdigit():
        return html.escape(text)
    kind = rng.random()
    if len(text) >= 2 and kind < 0.3:
        i = rng.randrange(1, len(text))
        return text[:i] + rng.choice(["&#8203;", "&shy;", "&#8288;", "&#xFEFF;"]) + text[i:]
    if len(text) >= 4 and kind < 0.5:
        sep, head = rng.choice(["&nbsp;", "&#8201;", "&#8239;"]), len(text) % 3 or 3
        return sep.join([text[:head]] + [text[i:i + 3] for i in range(head, len(text), 3)])
    if len(text) >= 2 and kind < 0.6:
        i = rng.randrange(1, len(text))
        tag = rng.choice(["b", "font", "strong"])
        return f"<{tag}>{text[:i]}</{tag}>{text[i:]}"
    if text != "0" and kind < 0.7:
        return text + rng.choice(["<sup>1</sup>", "<sup>①</sup>", "<sup>*</sup>", "<sup>[1]</sup>", "<sup>注</sup>"])
    return text


def html_digit_noise(ctx: Ctx) -> tuple[str, str]:
    """Value cells as CMS editors leave them: a zero-width space, word joiner or soft hyphen
    inside a number (`1&#8203;2`), a no-break or thin space as the thousands separator
    (`1&nbsp;234`), a number's digits in two runs (`<b>1</b>2`), a footnote mark in `<sup>` after
    a number (`5<sup>1</sup>`, `<sup>注</sup>`)."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>")
        out += _part_html(table, 0, len(table), True,
                          cell=lambda c: _noisy(cell_text(c), rng) if c.key is not None else html.escape(c.text))
        out.append("</table>")
    return html_page(ctx, out), ".html"


def _docx_with(ctx: Ctx, table3: Callable[[Any, list[list[Cell]]], None]) -> tuple[bytes, str]:
    """A Word document (prose, headings, Word tables with merges), 表三 written by `table3`."""
    d = _docx_doc(ctx)
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for sec, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec])
        if sec == "三":
            table3(d, table)
        else:
            _docx_table(d, table, lambda c: plain(c.value))
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


def _t3_rows(table: list[list[Cell]], whole: bool) -> list[tuple[str, list[str]]]:
    """表三's value rows: (label: the parents' words joined, or the row's own; seven numbers)."""
    out = []
    parents: list[tuple[int, str]] = []  # (last row, text) of the spanned labels above
    for r, row in enumerate(table):
        for c in row:
            if c.key is None and c.rowspan > 1 and is_value_row(row):
                parents.append((r + c.rowspan - 1, c.text))
        if not is_value_row(row):
            continue
        own = [c.text for c in row if c.key is None and c.rowspan == 1]
        above = [t for last, t in parents if last >= r and t not in own]
        label = "".join(above + own) if whole else "".join(own) or row_label(row)
        out.append((label, [plain(c.value) for c in row if c.key is not None]))
    return out


def docx_t3_split(ctx: Ctx) -> tuple[bytes, str]:
    """A Word/WPS document whose 表三 is two tables (too wide for the page): the row labels with
    自然人 … 社会公益组织, then (under `续表`, or nothing) the row labels again with 法律服务机构,
    其他 and 总计; each part with its own header (法人或其他组织 spanning its columns)."""
    rng = ctx.rng
    cut = rng.choice([4, 5])
    between = rng.choice(["", "续表", "表三（续）"])

    def write(d: Any, table: list[list[Cell]]) -> None:
        rows = _t3_rows(table, True)
        for part, cols in enumerate((range(0, cut), range(cut, 7))):
            if part and between:
                d.add_paragraph(between)
            names = [APPLICANTS[i] for i in cols]
            orgs = [n for i, n in zip(cols, names) if 1 <= i <= 5]
            t = d.add_table(rows=2 + len(rows), cols=1 + len(names))
            t.cell(0, 0).merge(t.cell(1, 0)).text = "项目"
            for k, (i, n) in enumerate(zip(cols, names)):
                if not 1 <= i <= 5:
                    t.cell(0, k + 1).merge(t.cell(1, k + 1)).text = n
                else:
                    t.cell(1, k + 1).text = n
            first = next(k for k, i in enumerate(cols) if 1 <= i <= 5)
            cell = t.cell(0, first + 1)
            if len(orgs) > 1:
                cell = cell.merge(t.cell(0, first + len(orgs)))
            cell.text = "法人或其他组织"
            _fill_rows(t, 2, [[lab] + [v[i] for i in cols] for lab, v in rows])

    return _docx_with(ctx, write)


def _fill_rows(t: Any, at: int, rows: list[list[str]]) -> None:
    for r, vals in enumerate(rows):
        for k, v in enumerate(vals):
            t.cell(at + r, k).text = v


def docx_t3_transposed(ctx: Ctx) -> tuple[bytes, str]:
    """A Word/WPS document whose 表三 is on its side (a landscape section): the applicant types
    as rows (自然人, the five 法人或其他组织 under a merged cell or by themselves, 总计) and the
    outcome rows as columns, a header row of the row labels (whole, or their own words under a
    merged parent header)."""
    rng = ctx.rng
    whole = rng.random() < 0.5
    group = rng.random() < 0.5

    def write(d: Any, table: list[list[Cell]]) -> None:
        rows = _t3_rows(table, True)
        own = _t3_rows(table, False)
        lead = 2 if group else 1
        t = d.add_table(rows=1 + 7, cols=lead + len(rows))
        head = t.cell(0, 0).merge(t.cell(0, lead - 1)) if lead > 1 else t.cell(0, 0)
        head.text = rng.choice(["申请人情况", "项目", ""])
        for k, ((lab, _), (short, _)) in enumerate(zip(rows, own)):
            t.cell(0, lead + k).text = lab if whole else short
        for i, name in enumerate(APPLICANTS):
            r = 1 + i
            if group:
                if i == 1:
                    t.cell(r, 0).merge(t.cell(r + 4, 0)).text = "法人或其他组织"
                    t.cell(r, 1).text = name
                elif 1 < i <= 5:
                    t.cell(r, 1).text = name
                else:
                    t.cell(r, 0).merge(t.cell(r, 1)).text = name
            else:
                t.cell(r, 0).text = name
            for k, (_, vals) in enumerate(rows):
                t.cell(r, lead + k).text = vals[i]

    return _docx_with(ctx, write)


def docx_named_lists(ctx: Ctx) -> tuple[bytes, str]:
    """A Word/WPS document whose 表三 is a two-column table: each row's label, then one cell that
    lists the applicant columns with their counts as text (`自然人3件，商业企业0件，…，总计81件`, or
    `自然人：3；…`), as bodies that fill a form by typing write it."""
    rng = ctx.rng
    sep, colon, unit = rng.choice([("，", "", "件"), ("；", "：", ""), ("、", "", "件"), ("，", "：", "件")])
    end = rng.choice(["", "。"])

    def write(d: Any, table: list[list[Cell]]) -> None:
        rows = _t3_rows(table, True)
        t = d.add_table(rows=1 + len(rows), cols=2)
        t.cell(0, 0).text = "项目"
        t.cell(0, 1).text = "申请人情况"
        for r, (lab, vals) in enumerate(rows):
            t.cell(1 + r, 0).text = lab
            t.cell(1 + r, 1).text = sep.join(f"{n}{colon}{v}{unit}" for n, v in zip(APPLICANTS, vals)) + end

    return _docx_with(ctx, write)


def html_th_nested(ctx: Ctx) -> tuple[str, str]:
    """Tables as some CMS editors build them: every row's label cell a `<th>` (body rows too), each
    cell's text in a `<p>` (a label's parts in two), and 表三's applicant header a table nested in
    the header cell that spans the seven columns (the outer table's header then one cell wide)."""
    rng = ctx.rng
    nest = rng.random() < 0.6
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>")
        head = _header_rows(table)
        for r, row in enumerate(table):
            if sec == "三" and nest and r < head:
                if r == 0:
                    inner = ('<table width="100%"><tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td>'
                             '<td rowspan="2">总计</td></tr><tr>' + "".join(
                                 f"<td>{n}</td>" for n in APPLICANTS[1:6]) + "</tr></table>")
                    out.append(f'<tr><th colspan="{row[0].colspan}">{html.escape(row[0].text)}</th>'
                               f'<th colspan="7">申请人情况{inner}</th></tr>')
                continue
            tds = []
            for c in row:
                text = html.escape(cell_text(c))
                if c.key is None and len(c.text) > 8 and rng.random() < 0.3:
                    cut = rng.randrange(2, len(c.text) - 2)
                    text = f"<p>{html.escape(c.text[:cut])}</p><p>{html.escape(c.text[cut:])}</p>"
                else:
                    text = f"<p>{text}</p>"
                tag = "th" if c.key is None else "td"
                tds.append(_td(c, text, c.rowspan, c.colspan, tag=tag))
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    return html_page(ctx, out), ".html"


def html_past_years(ctx: Ctx) -> tuple[str, str]:
    """A report page with the body's earlier reports beside it (a CMS's 往年报告 box): each past
    year's title and a small table of its 表三 figures (本年新收, 予以公开, 总计 …, other numbers),
    before or after the article; the gold is this year's report."""
    rng = ctx.rng
    year = int(ctx.case.report_year) if str(ctx.case.report_year).isdigit() else 2023
    organ = ctx.case.report_organ
    box = ['<div class="past"><h3>往年报告</h3>']
    for back in range(1, rng.choice([2, 3, 4])):
        y = year - back
        box.append(f'<p><a href="/xxgk/{y}.html">{html.escape(organ)}{y}年政府信息公开工作年度报告</a></p>')
        rows = [("本年新收政府信息公开申请数量", rng.randint(5, 900)), ("上年结转政府信息公开申请数量", rng.randint(0, 30)),
                ("予以公开", rng.randint(0, 300)), ("行政复议", rng.randint(0, 9)), ("行政诉讼", rng.randint(0, 9))]
        box.append("<table border=1><tr><td>项目</td><td>数量</td></tr>" + "".join(
            f"<tr><td>{a}</td><td>{n}</td></tr>" for a, n in rows) + "</table>")
    box.append("</div>")
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>"
                   + "".join(_part_html(table, 0, len(table), True)) + "</table>")
    page_html = html_page(ctx, out)
    if rng.random() < 0.5:
        return page_html.replace("<body>", "<body>" + "".join(box), 1), ".html"
    return page_html.replace("</body>", "".join(box) + "</body>", 1), ".html"


def _report_html(ctx: Ctx) -> str:
    """One report's part of a page: its title, prose and tables (spans as printed)."""
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1 cellspacing=0>"
                   + "".join(_part_html(table, 0, len(table), True)) + "</table>")
    before = ctx.before if ctx.before.lstrip().startswith(ctx.title[:6]) else ctx.title + "\n" + ctx.before
    return f"<div class='report'>{paras(before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}</div>"


def html_summary_page(ctx: Ctx) -> tuple[str, str]:
    """A site's 汇总 page holding the year's reports of two bodies one after the other (the
    body's own, then a department's or a township's), each under its title; the page's `<title>`
    names the collection. The gold is the first report's; the second must lend it nothing."""
    from .web9 import _w9_others

    rng = ctx.rng
    pool = _w9_others(ctx, 6)
    other = Ctx(next((c for c in pool if c.report_template == ctx.template), pool[0]), "summary-other", 1)
    name = rng.choice(["政府信息公开工作年度报告汇总", "各部门政府信息公开年度报告", "年度报告专栏"])
    return (f"<html><head><meta charset='utf-8'><title>{name}</title></head><body><h1>{name}</h1>\n"
            + _report_html(ctx) + "\n<hr>\n" + _report_html(other) + "</body></html>\n"), ".html"


def docx_t3_moved(ctx: Ctx) -> tuple[bytes, str]:
    """A Word/WPS document whose 表三 prints its applicant columns in another order than the
    national form, its header saying so: 法人或其他组织's five (merged over them) before 自然人, 总计
    first, or 其他 before 法律服务机构."""
    rng = ctx.rng
    order, merged = rng.choice([([1, 2, 3, 4, 5, 0, 6], True), ([6, 0, 1, 2, 3, 4, 5], False),
                                ([0, 1, 2, 3, 5, 4, 6], True), ([1, 2, 3, 4, 5, 0, 6], False)])

    def write(d: Any, table: list[list[Cell]]) -> None:
        rows = _t3_rows(table, True)
        t = d.add_table(rows=2 + len(rows), cols=8)
        t.cell(0, 0).merge(t.cell(1, 0)).text = "项目"
        if merged:
            first = order.index(1)
            for k, i in enumerate(order):
                if 1 <= i <= 5:
                    t.cell(1, k + 1).text = APPLICANTS[i]
                else:
                    t.cell(0, k + 1).merge(t.cell(1, k + 1)).text = APPLICANTS[i]
            t.cell(0, first + 1).merge(t.cell(0, first + 5)).text = "法人或其他组织"
        else:
            for k, i in enumerate(order):
                t.cell(0, k + 1).merge(t.cell(1, k + 1)).text = APPLICANTS[i]
        _fill_rows(t, 2, [[lab] + [v[i] for i in order] for lab, v in rows])

    return _docx_with(ctx, write)


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "html-split-tables": html_split_tables,
    "html-hidden-cells": html_hidden_cells,
    "html-span-errors": html_span_errors,
    "html-digit-noise": html_digit_noise,
    "docx-t3-split": docx_t3_split,
    "docx-t3-transposed": docx_t3_transposed,
    "docx-named-lists": docx_named_lists,
    "html-th-nested": html_th_nested,
    "html-past-years": html_past_years,
    "html-summary-page": html_summary_page,
    "docx-t3-moved": docx_t3_moved,
}
