"""Round 2: documents.

Word tables, nested HTML, notes and captions, bold Markdown, serial columns, letter-spaced
labels, two copies of the tables, and PDFs (ruled, with units, unruled).
"""

from __future__ import annotations

import html
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, grid_text, is_value_row, page, plain, tab_tables
from ._pdf import grid_style, pdf_build, pdf_story
from .pastes2 import _unit_cell, spaced_rows


def docx_tables(ctx: Ctx) -> tuple[bytes, str]:
    """A Word document: the prose as paragraphs, the tables as Word tables with merged cells,
    counts with their measure word now and then."""
    return docx_of(ctx, _unit_cell(ctx.rng, "件", ",")), ".docx"


def docx_table(d: Any, table: list[list[Cell]], text: Callable[[Cell], str]) -> Any:
    """A Word table in document `d`: the printed table with its merged cells, each value printed
    by `text`."""
    g = grid(table)
    t = d.add_table(rows=len(g), cols=len(g[0]))
    for r, row in enumerate(table):
        col = 0
        for c in row:
            while col < len(g[0]) and g[r][col] is not c:
                col += 1
            target = t.cell(r, col)
            if c.rowspan > 1 or c.colspan > 1:
                target = target.merge(t.cell(r + c.rowspan - 1, col + c.colspan - 1))
            target.text = text(c) if c.key is not None else c.text
            col += c.colspan
    return t


def docx_of(ctx: Ctx, cell_text: Callable[[Cell], str]) -> bytes:
    """The report as a .docx: its prose as paragraphs, its tables as Word tables with their merged
    cells, each count printed by `cell_text`."""
    import io

    import docx

    d = docx.Document()
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for sec, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec])
        docx_table(d, table, cell_text)
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def html_nested(ctx: Ctx) -> tuple[str, str]:
    """A CMS page: the article inside a layout table, the tables' headers in <th> and <thead>,
    表三 cut in two <table>s at a page break with its header rows printed again."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p>")
        parts = [table]
        if sec == "三":
            at = rng.randrange(8, len(table) - 4)
            parts = [table[:at], table[:3] + table[at:]] if rng.random() < 0.6 else [table[:at], table[at:]]
        for part in parts:
            out.append("<table border=1><thead>")
            body = False
            for row in part:
                value = is_value_row(row)
                if value and not body:
                    out.append("</thead><tbody>")
                    body = True
                tag = "td" if value else "th"
                cells = []
                for c in row:
                    attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                    text = html.escape(plain(c.value) if c.key is not None else c.text)
                    cells.append(f"<{tag if c.key is None else 'td'}{attrs}>{text or '&nbsp;'}</{tag if c.key is None else 'td'}>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</tbody></table>" if body else "</thead></table>")
            if len(parts) > 1 and part is parts[0]:
                out.append(f"<p>— {rng.randint(2, 9)} —</p>")
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    article = f"{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}"
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>"
            f"<table width='960'><tr><td class='nav'>首页 &gt; 政府信息公开 &gt; 年报</td></tr>"
            f"<tr><td class='article'>\n{article}\n</td></tr><tr><td>主办单位：{html.escape(ctx.case.report_organ)} "
            f"联系电话：0591-12345678</td></tr></table></body></html>\n"), ".html"


def notes_captions(ctx: Ctx) -> tuple[str, str]:
    """Tab tables with a caption (表2 …), a unit line (单位：件) above and a note with dates and
    numbers below each (注：本表统计时间为2023年1月1日至12月31日…)."""
    rng = ctx.rng
    y = ctx.case.report_year
    notes = [f"注：本表统计时间为{y}年1月1日至{y}年12月31日。",
             f"注：1.数据来源于本机关{y}年度政务公开台账；2.本表中“0”表示无。",
             f"（数据统计截至{y}年12月31日，共{rng.randint(2, 9)}项）"]
    body = tab_tables(ctx, lambda c: plain(c.value))
    lines = body.split("\n")
    out = []
    n = 0
    for line in lines:
        if line in HEADINGS.values():
            n += 1
            out += [line, f"表{n + 1}  {line.split('、', 1)[1]}", rng.choice(["单位：件", "单位：件、万元", "（单位：件）"])]
            continue
        if line == "" and out and out[-1] != "":
            out.append(rng.choice(notes))
        out.append(line)
    return page(ctx, "\n".join(out)), ".txt"


def md_bold(ctx: Ctx) -> tuple[str, str]:
    """Markdown whose totals and labels are bold (`**（七）总计**`, `**95**`), cells `3<br>`."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out += [f"### {HEADINGS[sec]}", ""]
        for i, row in enumerate(grid_text(table, lambda c: plain(c.value))):
            bold = any("总计" in x for x in row) or rng.random() < 0.2
            cells = [f"**{x}**" if bold and x else x for x in row]
            out.append("| " + " | ".join(cells) + " |")
            if i == 0:
                out.append("|" + " --- |" * len(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def _with_serial(table: list[list[Cell]], header: bool) -> list[list[Cell]]:
    """The table with a 序号 column before its labels (a header cell on the first row)."""
    out, n = [], 0
    for i, row in enumerate(table):
        if is_value_row(row):
            n += 1
            out.append([Cell(text=str(n))] + row)
        elif i == 0 and header:
            out.append([Cell(text="序号")] + row)
        else:
            out.append([Cell(text="")] + row)
    return out


def html_serial(ctx: Ctx) -> tuple[str, str]:
    """HTML tables with a 序号 column (a header cell 序号, or none) and a 备注 column."""
    rng = ctx.rng
    header = rng.random() < 0.5
    remark = rng.random() < 0.5
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        rows = _with_serial(table, header) if sec != "四" else table
        for i, row in enumerate(rows):
            cells = []
            for c in row:
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                text = html.escape(plain(c.value) if c.key is not None else c.text)
                cells.append(f"<td{attrs}>{text or '&nbsp;'}</td>")
            if remark and sec != "四":
                cells.append(f"<td>{'备注' if i == 0 else rng.choice(['&nbsp;', '无', '—', '已办结'])}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>\n"
            f"{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}\n</body></html>\n"), ".html"


def letter_spaced(ctx: Ctx) -> tuple[str, str]:
    """PDF text whose labels are letter-spaced (`一 、本 年 新 收 …`), numbers two spaces apart."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for row in table:
            labels = [" ".join(c.text) for c in row if c.key is None and c.text]
            nums = [plain(c.value) for c in row if c.key is not None]
            if nums or sec != "三":
                out.append("  ".join([" ".join(labels)] + nums))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def two_copies(ctx: Ctx) -> tuple[str, str]:
    """表三 printed twice: as a tab table, then again as flattened text (a page that kept both its
    table and a text version of it)."""
    body = tab_tables(ctx, lambda c: plain(c.value))
    t3 = spaced_rows(ctx).split(HEADINGS["三"])[1].split(HEADINGS["四"])[0]
    head, _, rest = body.partition(HEADINGS["四"])
    return page(ctx, head + "（文本版）" + " ".join(t3.split("\n")) + "\n\n" + HEADINGS["四"] + rest), ".txt"


def _pdf(ctx: Ctx, value: Callable[[Cell], str], *, ruled: bool, align: str = "CENTER") -> tuple[bytes, str]:
    """A text-layer PDF of the report: tables ruled or not, values aligned `align`, each value
    printed by `value`."""
    return pdf_build(pdf_story(ctx, value, style=grid_style(ruled), align=align)), ".pdf"


def pdf_units(ctx: Ctx) -> tuple[bytes, str]:
    """A ruled PDF table whose cells print measure words, thousands separators and marks for 0."""
    return _pdf(ctx, _unit_cell(ctx.rng, "件", ","), ruled=True)


def pdf_ruled(ctx: Ctx) -> tuple[bytes, str]:
    """The control: a ruled PDF table, plain numbers (as eval/make_formats.py writes it)."""
    return _pdf(ctx, lambda c: plain(c.value), ruled=True)


def pdf_unruled(ctx: Ctx) -> tuple[bytes, str]:
    """A PDF table with no rules at all: the columns only by where the words stand (right-aligned
    numbers, or centred)."""
    return _pdf(ctx, lambda c: plain(c.value), ruled=False, align=ctx.rng.choice(["RIGHT", "CENTER"]))


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "docx-tables": docx_tables,
    "html-nested": html_nested,
    "notes-captions": notes_captions,
    "md-bold": md_bold,
    "html-serial": html_serial,
    "letter-spaced": letter_spaced,
    "two-copies": two_copies,
    "pdf-ruled": pdf_ruled,
    "pdf-units": pdf_units,
    "pdf-unruled": pdf_unruled,
}
