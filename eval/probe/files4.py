"""Round 4: pages and workbooks: rows as CSS flex boxes, the table as JSON in a `<script>`, binary
`.xls` workbooks, CMS pages with their quirks.
"""

from __future__ import annotations

import html
import json
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, cell_text, is_value_row, plain
from .files3 import _sheet_layout, _td


def _paras(t: str) -> str:
    return "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())


def _page_html(ctx: Ctx, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title>{head}</head>"
            f"<body><div class='main'>\n{_paras(ctx.before)}\n{body}\n{_paras(ctx.after)}\n</div></body></html>\n")


def _slots(table: list[list[Cell]]) -> list[list[tuple[Cell, bool] | None]]:
    """The table's grid: each slot its cell and whether the cell starts there (a merged cell
    covers several slots)."""
    g = grid(table)
    seen: set[int] = set()
    out = []
    for row in g:
        line: list[tuple[Cell, bool] | None] = []
        for c in row:
            if c is None:
                line.append(None)
                continue
            line.append((c, id(c) not in seen))
            seen.add(id(c))
        out.append(line)
    return out


def html_flex_rows(ctx: Ctx) -> tuple[str, str]:
    """Tables as rows of <div>s (flex layout, no <table>): each row a div, each cell a div or
    span with classes, or each row a <ul> whose cells are <li>s; a merged label cell printed in
    its first row only (an empty cell below it), a cell across columns wider by `flex:N`. The
    layout is stated in the page's <style> (display:flex), or only in a stylesheet the page
    links to (so only the markup's shape says these are rows)."""
    rng = ctx.rng
    row_tag, cell_tag = rng.choice([("div", "div"), ("div", "span"), ("ul", "li")])
    css = rng.random() < 0.5
    row_cls, cell_cls = rng.choice([("row", "cell"), ("tr", "td"), ("flex-row", "col"), ("tb-row", "tb-item")])
    head = (f"<style>.{row_cls}{{display:flex;border-bottom:1px solid #ccc}}.{cell_cls}{{flex:1;padding:4px}}"
            f".w2{{flex:2}}.w3{{flex:3}}ul.{row_cls}{{list-style:none;margin:0}}</style>") if css else \
        "<link rel='stylesheet' href='/static/css/xxgk.css'>"
    out = []
    for sec, table in ctx.sections:
        out.append(f"<div class='title'>{html.escape(HEADINGS[sec])}</div><div class='tbl tbl-{sec}'>")
        for line in _slots(table):
            cells = []
            k = 0
            while k < len(line):
                slot = line[k]
                if slot is None:
                    cells.append(f"<{cell_tag} class='{cell_cls}'></{cell_tag}>")
                    k += 1
                    continue
                c, first = slot
                n = c.colspan
                text = html.escape(cell_text(c)) if first else ""
                width = ""
                if n > 1:
                    width = f" w{min(n, 3)}" if css and n <= 3 else ""
                    style = f" style='flex:{n}'" if not width else ""
                else:
                    style = ""
                cells.append(f"<{cell_tag} class='{cell_cls}{width}'{style}>{text}</{cell_tag}>")
                k += n
            out.append(f"<{row_tag} class='{row_cls}'>" + "".join(cells) + f"</{row_tag}>")
        out.append("</div>")
    return _page_html(ctx, "\n".join(out), head), ".html"


def _json_grid(table: list[list[Cell]], covered: str) -> list[list[Any]]:
    """The table as an array of rows: numbers as numbers, a merged cell's text in its first
    slot and `covered` ("" or "same") in the others."""
    rows = []
    for line in _slots(table):
        row: list[Any] = []
        for slot in line:
            if slot is None:
                row.append("")
                continue
            c, first = slot
            if c.key is not None:
                v = c.value
                row.append(float(v) if isinstance(v, Decimal) else v)
            else:
                row.append(c.text if first or covered == "same" else "")
        rows.append(row)
    return rows


def _json_cells(table: list[list[Cell]]) -> list[list[dict[str, Any]]]:
    """The table as rows of cell objects with their spans (as table-rendering scripts take them)."""
    return [[{"text": cell_text(c), **({"rowspan": c.rowspan} if c.rowspan > 1 else {}),
              **({"colspan": c.colspan} if c.colspan > 1 else {})} for c in row] for row in table]


def html_script_json(ctx: Ctx) -> tuple[str, str]:
    """A page whose tables are drawn by a script: each table an empty container, its data JSON
    in a <script> (`var tableData = [[…], …]`, rows of cell objects with spans, or a
    `<script type="application/json">`), beside the container or all in one script at the end."""
    rng = ctx.rng
    shape = rng.choice(["grid", "grid-same", "cells"])
    where = rng.choice(["beside", "end", "json-tag"])
    out, scripts = [], []
    for n, (sec, table) in enumerate(ctx.sections, 2):
        data = _json_cells(table) if shape == "cells" else _json_grid(table, "same" if shape == "grid-same" else "")
        js = json.dumps(data, ensure_ascii=rng.random() < 0.3)
        out.append(f"<p><strong>{html.escape(HEADINGS[sec])}</strong></p><div id='table{n}' class='data-table'></div>")
        if where == "json-tag":
            out.append(f"<script type='application/json' id='data{n}'>{js}</script>")
        elif where == "beside":
            out.append(f"<script>var tableData{n} = {js};\nrenderTable('#table{n}', tableData{n});</script>")
        else:
            scripts.append(f"var t{n} = {js};")
    body = "\n".join(out)
    if scripts:
        calls = "".join(f"renderTable(document.getElementById('table{n}'), t{n});" for n in range(2, 2 + len(scripts)))
        body += "\n<script>\n" + "\n".join(scripts) + f"\nwindow.onload = function () {{ {calls} }};\n</script>"
    return _page_html(ctx, body, "<script src='/js/render-table.js'></script>"), ".html"


def xls_binary(ctx: Ctx) -> tuple[bytes, str]:
    """The report's tables saved as an Excel 97–2003 workbook (.xls, BIFF8) laid out by
    `_sheet_layout`, numbers as numbers or as text; now and then named .et (WPS), which is the
    same binary format."""
    import io

    import xlwt  # writes BIFF8 (tests and the probe only; the reader uses xlrd)

    wb = xlwt.Workbook(encoding="utf-8")
    sheets = [wb.add_sheet("年报")]
    for s, r, c, rs, cs, v in _sheet_layout(
            ctx, lambda x, as_text: plain(x) if as_text else (float(x) if isinstance(x, Decimal) else x)):
        if s == len(sheets):
            sheets.append(wb.add_sheet(f"表{s + 1}"))
        if rs > 1 or cs > 1:
            sheets[s].write_merge(r, r + rs - 1, c, c + cs - 1, v)
        elif v != "":
            sheets[s].write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), ctx.rng.choice([".xls", ".xls", ".xls", ".et"])


_MSO_HEAD = ("<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>办公室</o:Author><o:Pages>3</o:Pages>"
             "</o:DocumentProperties></xml><![endif]--><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View>"
             "</w:WordDocument></xml><![endif]--><style><!-- p.MsoNormal{mso-style-parent:\"\";margin:0cm;"
             "font-size:10.5pt;font-family:\"Times New Roman\";mso-fareast-font-family:宋体} --></style>")


def html_cms_quirks(ctx: Ctx) -> tuple[str, str]:
    """Government CMS pages (often Word or WPS "save as web page"): a number split over spans
    (`<span>1</span><span>2</span>`), empty cells as `&nbsp;` only (some zeros too), mso- styles, `<o:p>` and
    conditional comments, Word's hidden row of column widths, a number cell wrapped in a
    one-cell table, data cells in `<th>`, a label broken by `<br>`."""
    rng = ctx.rng
    word = rng.random() < 0.6
    th_data = rng.random() < 0.4
    blank_zero = rng.random() < 0.5

    def number(c: Cell) -> str:
        t = html.escape(plain(c.value))
        if c.value == 0 and blank_zero and rng.random() < 0.5:
            return "&nbsp;" if not word else "<p class=MsoNormal align=center>&nbsp;<span lang=EN-US><o:p></o:p></span></p>"
        r = rng.random()
        if len(t) > 1 and r < 0.35:
            parts, k = [], 0
            while k < len(t):
                step = rng.randint(1, len(t) - k)
                parts.append(t[k:k + step])
                k += step
            t = "".join(f"<span lang=EN-US style='font-family:\"Times New Roman\";mso-bidi-font-size:10.5pt'>{p}</span>"
                        for p in parts)
        elif r < 0.45:
            t = f"<font face='宋体'>{t}</font>"
        if word:
            t = f"<p class=MsoNormal align=center style='text-align:center'>{t}<span lang=EN-US><o:p></o:p></span></p>"
        if rng.random() < 0.08:
            t = f"<table width='100%' border=0 cellpadding=0><tr><td align=center>{t}</td></tr></table>"
        return t

    def label(c: Cell) -> str:
        t = html.escape(c.text)
        if not t:
            return "<p class=MsoNormal>&nbsp;<o:p></o:p></p>" if word else "&nbsp;"
        if len(c.text) > 6 and rng.random() < 0.4:
            k = rng.randrange(2, len(c.text) - 1)
            t = html.escape(c.text[:k]) + rng.choice(["<br>", "<br/>", "<br>\n"]) + html.escape(c.text[k:])
        if word:
            t = (f"<![if !supportLists]><span style='mso-list:Ignore'></span><![endif]>"
                 f"<p class=MsoNormal style='mso-line-height-rule:exactly'><span style='font-family:宋体;"
                 f"mso-ascii-font-family:\"Times New Roman\"'>{t}</span><span lang=EN-US><o:p></o:p></span></p>")
        return t

    out = []
    for sec, table in ctx.sections:
        out.append(f"<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-family:黑体'>"
                   f"{html.escape(HEADINGS[sec])}<span lang=EN-US><o:p></o:p></span></span></b></p>")
        out.append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
                   "mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>")
        width = len(grid(table)[0])
        for row in table:
            value_row = is_value_row(row)
            cells = []
            for c in row:
                tag = "th" if th_data and value_row and rng.random() < 0.5 else "td"
                text = number(c) if c.key is not None else label(c)
                cells.append(_td(c, text, tag).replace(f"<{tag}", f"<{tag} style='mso-border-alt:solid windowtext .5pt'", 1))
            out.append("<tr style='mso-yfti-irow:1;height:18.0pt'>" + "".join(cells) + "</tr>")
        if word:
            out.append("<![if !supportMisalignedColumns]><tr height=0>" + "<td width=60 style='border:none'></td>" * width
                       + "</tr><![endif]>")
        out.append("</table>")
    head = _MSO_HEAD if word else ""
    paras = "\n".join(f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
                      f"<span style='font-family:仿宋_GB2312'>{html.escape(x.strip())}<span lang=EN-US><o:p></o:p></span></span></p>"
                      for x in (ctx.before + "\n@@\n" + ctx.after).splitlines() if x.strip())
    before, _, after = paras.partition("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
                                       "<span style='font-family:仿宋_GB2312'>@@<span lang=EN-US><o:p></o:p></span></span></p>")
    text = (f"<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            f"xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta http-equiv=Content-Type content=\"text/html; "
            f"charset=utf-8\"><meta name=Generator content=\"Microsoft Word 15\"><title>{html.escape(ctx.title)}</title>"
            f"{head}</head><body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1 style='layout-grid:15.6pt'>\n"
            f"{before}\n" + "\n".join(out) + f"\n{after}\n</div></body></html>\n")
    return text, rng.choice([".html", ".htm"])


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "html-flex-rows": html_flex_rows,
    "html-script-json": html_script_json,
    "xls-binary": xls_binary,
    "html-cms-quirks": html_cms_quirks,
}
