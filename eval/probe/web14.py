"""Round 14 (web): pages that are not a CMS's tables — a PDF converted to HTML by pdf2htmlEX (every
text run an absolutely positioned `<div>`, its place in CSS classes, no `<table>`), a WeChat
public-account article (cells of nested `<section>`/`<span>`s), an Excel sheet saved as a web page
(one `<table>` for the whole sheet, hidden rows and columns, `x:num`), online-form pages whose
numbers stand in `<input value>` fields or in `<img alt>` digit pictures, and a workbook whose 表三
runs over from its first sheet onto a second.
"""

from __future__ import annotations

import html
import io
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS

from ._common import Ctx, cell_text, is_value_row, plain
from ._pdf import pdf_build, pdf_story
from .files5 import ods_bytes
from .web13 import _header_rows, _placed


def _paras(text: str, wrap: Callable[[str], str] = lambda s: f"<p>{html.escape(s)}</p>") -> str:
    return "\n".join(wrap(x.strip()) for x in text.splitlines() if x.strip())


# ------------------------------------------------------------------ pdf2htmlEX


def _pdf_lines(data: bytes) -> list[tuple[float, float, list[tuple[float, float, float, str]]]]:
    """The PDF's pages as pdf2htmlEX sees them: (width, height, [(x0, x1, baseline from the page's
    bottom, size, text) …]) — each run a word pdfplumber finds, sorted in reading order."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size"])
            runs = [(w["x0"], w["x1"], float(page.height) - w["bottom"], w["size"], w["text"]) for w in words]
            runs.sort(key=lambda r: (-round(r[2]), r[0]))
            out.append((float(page.width), float(page.height), runs))
    return out  # type: ignore[return-value]


def pdf2htmlex_page(ctx: Ctx) -> tuple[str, str]:
    """A PDF report converted to HTML by pdf2htmlEX (sites that show a PDF "online"): each page a
    `<div class="pf">` over a background picture of its rules, every text run an absolutely
    positioned `<div class="t m0 x1 h2 y3 ff1 fs0 …">` whose place is only in the CSS classes
    (`.x1{left:…px}`, `.y3{bottom:…px}`, `.fs0{font-size:…px}`, scaled by `.m0{transform:matrix(…)}`);
    the runs of one line in one div with `<span class="_ _4"></span>` gaps, or one div each. No
    `<table>` anywhere: the tables are words at their places, as in the PDF."""
    rng = ctx.rng
    ruled = rng.random() < 0.5
    from ._pdf import grid_style

    data = pdf_build(pdf_story(ctx, style=grid_style(ruled)))
    scale = rng.choice([1.0, 0.25])  # pdf2htmlEX draws text 4x and scales it down by m0
    one_div = rng.random() < 0.5
    xs: dict[float, str] = {}
    ys: dict[float, str] = {}
    fss: dict[float, str] = {}
    gaps: dict[float, str] = {}

    def cls(table: dict[float, str], prefix: str, v: float) -> str:
        v = round(v, 3)
        if v not in table:
            table[v] = f"{prefix}{len(table):x}"
        return table[v]

    pages = []
    heights: set[float] = set()
    for number, (w, h, runs) in enumerate(_pdf_lines(data), 1):
        heights.add(h)
        divs = []
        i = 0
        while i < len(runs):
            j = i
            while j + 1 < len(runs) and abs(runs[j + 1][2] - runs[i][2]) < 0.5:
                j += 1
            line = runs[i:j + 1]
            groups = [line] if one_div else [[r] for r in line]
            for g in groups:
                x0, _, base, size, _ = g[0]
                fs = cls(fss, "fs", size / scale)
                parts = [html.escape(g[0][4])]
                end = g[0][1]
                for r in g[1:]:
                    # the gap from where the glyphs end (pdf2htmlEX knows its fonts' advances), in
                    # the run's own units (m0 scales the spans with the text)
                    gap = r[0] - end
                    parts.append(f'<span class="_ {cls(gaps, "_", gap / scale)}"></span>' if gap > 0.5 else " ")
                    parts.append(html.escape(r[4]))
                    end = r[1]
                divs.append(f'<div class="t m0 {cls(xs, "x", x0)} h2 {cls(ys, "y", base)} ff1 {fs} fc0 sc0 ls0 ws0">'
                            + "".join(parts) + "</div>")
            i = j + 1
        bg = '<img class="bi x0 y0 w1 h1" alt="" src="bg{:x}.png"/>'.format(number) if ruled else ""
        pages.append(f'<div id="pf{number:x}" class="pf w0 h0" data-page-no="{number:x}"><div class="pc pc{number:x} w0 h0">'
                     f'{bg}{"".join(divs)}</div><div class="pi" data-data=\'{{"ctm":[1,0,0,1,0,0]}}\'></div></div>')
    h = max(heights)
    matrix = f"matrix({scale},0,0,{scale},0,0)"
    css = [".m0{transform:%s;-ms-transform:%s;-webkit-transform:%s;}" % (matrix, matrix, matrix),
           ".h0{height:%.6fpx;}" % h, ".w0{width:595.276000px;}", ".h2{height:9.000000px;}",
           ".t{position:absolute;white-space:pre;font-size:1px;transform-origin:0% 100%;}",
           ".pf{position:relative;background-color:white;overflow:hidden;margin:0;border:0;}",
           "._{display:inline-block;}"]
    css += [".%s{left:%.6fpx;}" % (c, v) for v, c in xs.items()]
    css += [".%s{bottom:%.6fpx;}" % (c, v) for v, c in ys.items()]
    css += [".%s{font-size:%.6fpx;}" % (c, v) for v, c in fss.items()]
    css += [".%s{width:%.6fpx;}" % (c, v) for v, c in gaps.items()]
    head = (f'<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>'
            f'<meta name="generator" content="pdf2htmlEX"/><title>{html.escape(ctx.title) if rng.random() < 0.5 else ""}</title>'
            '<style type="text/css">' + "\n".join(css) + "</style></head>")
    return (head + '<body><div id="sidebar"><div id="outline"></div></div><div id="page-container">'
            + "".join(pages) + '</div><div class="loading-indicator"></div></body></html>\n'), ".html"


# ------------------------------------------------------------------ WeChat articles


def _split_spans(text: str, rng: Any) -> str:
    """A number's digits over one to three `<span>`s, as the WeChat editor leaves a retyped one."""
    if len(text) < 2 or rng.random() < 0.6:
        return f'<span leaf="">{html.escape(text)}</span>'
    cut = rng.randrange(1, len(text))
    return (f'<span style="font-size: 14px;"><span leaf="">{html.escape(text[:cut])}</span></span>'
            f'<span leaf="">{html.escape(text[cut:])}</span>')


def wechat_article(ctx: Ctx) -> tuple[str, str]:
    """A WeChat public-account article (mp.weixin.qq.com, saved from the browser): the body in
    `<div id="js_content" style="visibility: hidden;">` (a script shows it), paragraphs and
    headings as `<section>`s of `<span leaf="">` runs, decorative lazy pictures (`data-src`), and
    the tables inside `<section>`s with `data-*` attributes, every cell's text in nested
    `<section><span style=…>` (a number's digits now and then over two spans, a `<br>` ending a
    cell or breaking a label)."""
    rng = ctx.rng
    title_in_head = rng.random() < 0.5

    def para(s: str) -> str:
        return (f'<section style="margin-bottom: 8px;line-height: 1.75em;"><span style="font-size: 15px;'
                f'color: rgb(62, 62, 62);"><span leaf="">{html.escape(s)}</span></span></section>')

    def cell(c: Cell) -> str:
        if c.key is not None:
            inner = _split_spans(cell_text(c), rng)
            if rng.random() < 0.15:
                inner += "<br>"
        else:
            t = c.text
            if len(t) > 8 and rng.random() < 0.25:
                cut = rng.randrange(2, len(t) - 2)
                inner = f'<span leaf="">{html.escape(t[:cut])}</span><br><span leaf="">{html.escape(t[cut:])}</span>'
            else:
                inner = f'<span leaf="">{html.escape(t)}</span>' if t else "<br>"
        attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
        return (f'<td data-colwidth="{rng.choice([62, 80, 120])}" valign="middle" align="center" '
                f'style="border-color: rgb(62, 62, 62);word-break: break-all;"{attrs}><section style="text-align: center;">'
                f'<span style="font-size: 12px;font-family: 宋体;">{inner}</span></section></td>')

    out = []
    img = ('<section style="text-align: center;"><img class="rich_pages wxw-img" data-ratio="0.0861" '
           'data-src="https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png" data-type="png" data-w="1080" '
           'style="width: 100%;" src="data:image/svg+xml,%3C%3Fxml version=\'1.0\'%3F%3E"></section>')
    for sec, table in ctx.sections:
        out.append(f'<section data-tools="135编辑器" data-id="{rng.randint(80000, 99999)}"><section style="display: flex;">'
                   f'<section><span style="font-size: 16px;"><strong><span leaf="">{html.escape(HEADINGS[sec])}</span>'
                   "</strong></span></section></section></section>")
        rows = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in table)
        out.append('<section style="overflow-x: auto;" data-role="outer"><table data-sort="sortDisabled" '
                   f'style="width: 100%;border-collapse: collapse;"><tbody>{rows}</tbody></table></section>')
        if rng.random() < 0.4:
            out.append(img)
    title = html.escape(ctx.title)
    organ = html.escape(ctx.case.report_organ)
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<meta property="og:title" content="{title}"><title>{title if title_in_head else ""}</title></head><body id="activity-detail">'
            '<div class="rich_media_wrp"><div class="rich_media_area_primary"><div class="rich_media_content_wrap">'
            f'<h1 class="rich_media_title" id="activity-name">{title}</h1>'
            f'<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname">'
            f'<a id="js_name">{organ}</a></span><em id="publish_time" class="rich_media_meta">2024年1月20日 09:30</em></div>'
            '<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">'
            + _paras(ctx.before, para) + (img if rng.random() < 0.5 else "") + "".join(out) + _paras(ctx.after, para)
            + '<p style="display: none;"><mp-style-type data-value="3"></mp-style-type></p></div>'
            '</div><div id="js_pc_qr_code"><span>微信扫一扫<br>关注该公众号</span></div></div></div>'
            '<script>var msg_title = "' + title + '".html(false);</script></body></html>\n')
    return page, ".html"


# ------------------------------------------------------------------ Excel "save as web page"


_XL_FORMATS = {"int": ['"\\#\\,\\#\\#0"', "0", '"\\#\\,\\#\\#0_ "', '"0_\\)\\;\\\\\\(0\\\\\\)"'],
               "dec": ['"\\#\\,\\#\\#0\\.\\#\\#\\#\\#\\#\\#"', "General", '"0\\.\\#\\#\\#\\#\\#\\#_ "']}


def _xl_shown(v: Any, fmt: str) -> str:
    """A number as Excel shows it under the format (a thousands separator or not; the formats the
    family picks show every decimal the report printed)."""
    d = Decimal(str(v))
    return f"{d:,}" if "," in fmt else plain(d)


def excel_web_page(ctx: Ctx) -> tuple[str, str]:
    """The tables kept in Excel and saved as a web page (另存为网页, .htm): the whole sheet one
    `<table>` (the title, each heading and each table's rows, on one sheet), `<col>` widths, cells styled by `xl` classes with `mso-number-format`,
    numbers with `x:num` (the value) and the shown text (`1,234`, `21.50`), 总计 cells with
    `x:fmla`; a hidden helper column (`<col … style='display:none'>`, its cells hidden or not)
    holding last year's figures or a check, and hidden rows (`height=0 style='display:none'`) with
    stale figures. The gold is what the sheet shows."""
    rng = ctx.rng
    fmt_int = rng.choice(_XL_FORMATS["int"])
    fmt_dec = rng.choice(_XL_FORMATS["dec"])
    hidden_col = rng.choice([None, 1, 9, 10])  # a helper column: after the labels' first, or right of the tables
    hide_cells = rng.random() < 0.5
    hidden_rows = rng.random() < 0.6
    cells: dict[tuple[int, int], tuple[int, int, Any]] = {(0, 0): (1, 8, ctx.title)}
    r0 = 2
    for sec, table in ctx.sections:
        cells[(r0, 0)] = (1, 1, HEADINGS[sec])
        r0 += 1
        for r, k, c in _placed(table):
            cells[(r0 + r, k)] = (c.rowspan, c.colspan, c.text if c.key is None else c.value)
        r0 += len(table) + 1
    n_rows = max(r + rs for (r, _), (rs, _, _) in cells.items())
    n_cols = max(c + cs for (_, c), (_, cs, _) in cells.items())
    if hidden_col is not None and hidden_col < n_cols:
        moved = {}
        for (r, c), (rs, cs, v) in cells.items():
            if c >= hidden_col:
                moved[(r, c + 1)] = (rs, cs, v)
            elif c + cs > hidden_col:
                moved[(r, c)] = (rs, cs + 1, v)  # a merged cell over the hidden column spans it too
            else:
                moved[(r, c)] = (rs, cs, v)
        cells = moved
        n_cols += 1
    elif hidden_col is not None:
        hidden_col = n_cols
        n_cols += 1
    covered = {(r + dr, c + dc) for (r, c), (rs, cs, _) in cells.items() for dr in range(rs) for dc in range(cs)} - set(cells)
    value_rows = {r for (r, c), (_, _, v) in cells.items() if isinstance(v, (int, Decimal)) and not isinstance(v, bool)}

    def td(r: int, c: int) -> str:
        if (r, c) in covered:
            return ""
        hide = " style='display:none'" if hidden_col == c and hide_cells else ""
        if (r, c) not in cells:
            if hidden_col == c and r in value_rows:
                v = rng.choice([rng.randint(0, 40), "TRUE", 0])
                num = f" x:num=\"{v}\"" if isinstance(v, int) else " x:bool=\"TRUE\""
                return f"<td class=xl71 align=right{num}{hide}>{v}</td>"
            return f"<td class=xl65{hide}></td>"
        rs, cs, v = cells[(r, c)]
        span = (f" colspan={cs}" if cs > 1 else "") + (f" rowspan={rs}" if rs > 1 else "")
        if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
            dec = isinstance(v, Decimal) and v != int(v) or isinstance(v, Decimal) and "." in str(v)
            fmt = fmt_dec if dec else fmt_int
            shown = _xl_shown(v, fmt)
            fmla = f" x:fmla=\"=SUM(C{r + 1}:H{r + 1})\"" if c == n_cols - 1 - (hidden_col == n_cols - 1) and rng.random() < 0.5 else ""
            return (f"<td class={'xl68' if dec else 'xl67'}{span} align=right style='border-top:none;border-left:none'"
                    f" x:num=\"{plain(v)}\"{fmla}>{html.escape(shown)}</td>")
        text = html.escape(str(v))
        return f"<td class=xl66{span} style='border-top:none' x:str>{text}</td>" if text else f"<td class=xl66{span}>&nbsp;</td>"

    cols = []
    for c in range(n_cols):
        if c == hidden_col:
            cols.append("<col class=xl65 width=0 style='display:none;mso-width-source:userset;mso-width-alt:2048'>")
        else:
            w = 160 if c < 3 else 64
            cols.append(f"<col class=xl65 width={w} style='mso-width-source:userset;width:{w * 3 // 4}pt'>")
    rows = []
    for r in range(n_rows):
        tds = "".join(td(r, c) for c in range(n_cols))
        rows.append(f"<tr height=19 style='mso-height-source:userset;height:14.25pt'>{tds}</tr>")
        if hidden_rows and r in value_rows and rng.random() < 0.08 and not any(
                (r, c) in covered or cells.get((r, c), (1, 1, ""))[0] > 1 for c in range(n_cols)):
            stale = "".join(f"<td class=xl67 x:num=\"{rng.randint(0, 50)}\">{rng.randint(0, 50)}</td>"
                            if isinstance(cells.get((r, c), (1, 1, ""))[2], (int, Decimal)) else td(r, c)
                            for c in range(n_cols))
            how = rng.choice(["height=0 style='display:none;mso-height-source:userset;mso-height-alt:0'",
                              "height=0 style='display:none'"])
            rows.append(f"<tr {how}>{stale}</tr>")
    style = (".xl65{mso-style-parent:style0;font-family:宋体;}\n.xl66{mso-style-parent:style0;border:.5pt solid windowtext;"
             "white-space:normal;}\n" f".xl67{{mso-style-parent:style0;mso-number-format:{fmt_int};border:.5pt solid windowtext;}}\n"
             f".xl68{{mso-style-parent:style0;mso-number-format:{fmt_dec};border:.5pt solid windowtext;}}\n"
             ".xl71{mso-style-parent:style0;color:red;}")
    page = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">"
            "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><meta name=ProgId content=Excel.Sheet>"
            "<meta name=Generator content=\"Microsoft Excel 15\"><link rel=File-List href=\"report.files/filelist.xml\">"
            f"<style id=\"report_style\"><!--table {{mso-displayed-decimal-separator:\"\\.\";}}\n{style}\n--></style>"
            "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>年报</x:Name>"
            "</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>"
            "<body link=\"#0563C1\" vlink=\"#954F72\"><div id=\"report\" align=center x:publishsource=\"Excel\">"
            "<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse;table-layout:fixed'>"
            + "".join(cols) + "".join(rows)
            + "<![if supportMisalignedColumns]><tr height=0 style='display:none'>"
            + "".join("<td width=64 style='width:48pt'></td>" for _ in range(n_cols))
            + "</tr><![endif]></table></div></body></html>\n")
    return page, ".htm"


# ------------------------------------------------------------------ form pages


def form_field(rng: Any, mode: str, t: str) -> str:
    """A number `t` (escaped) as an online filing system shows it (`mode`: input, img, mixed): a
    read-only `<input value>` or `<textarea>`, an `<img alt/title>` digit picture, or the text."""
    kind = mode if mode != "mixed" else rng.choice(["input", "img", "text", "textarea"])
    if kind == "input":
        attr = rng.choice(["readonly", 'readonly="readonly"', "disabled", 'readonly class="form-control"'])
        return f'<input type="text" name="f{rng.randint(100, 999)}" value="{t}" {attr} style="width:60px;text-align:center">'
    if kind == "textarea":
        return f'<textarea readonly rows="1">{t}</textarea>'
    if kind == "img":
        key = rng.choice(["alt", "title", "both"])
        src = f'/num/{rng.randint(10 ** 5, 10 ** 6)}.png'
        if key == "alt":
            return f'<img src="{src}" alt="{t}">'
        if key == "title":
            return f'<img src="{src}" title="{t}" alt="">' if rng.random() < 0.5 else f'<img src="{src}" title="{t}">'
        return f'<img src="{src}" alt="{t}" title="{t}">'
    return t


def html_form_cells(ctx: Ctx) -> tuple[str, str]:
    """A report page exported from an online filing system (在线填报): every number in a read-only
    field (`<input type="text" value="12" readonly>`, `disabled`, a `<textarea readonly>`), or, on
    sites that draw figures as pictures, an `<img alt="12">` (or `title="12"`) digit picture in the
    cell; labels as text. The value is what the field or the picture shows."""
    rng = ctx.rng
    mode = rng.choice(["input", "input", "img", "mixed"])

    def num(c: Cell) -> str:
        return form_field(rng, mode, html.escape(cell_text(c)))

    out = []
    for sec, table in ctx.sections:
        out.append(f"<p><b>{html.escape(HEADINGS[sec])}</b></p><table border=1 cellspacing=0 class='form-table'>")
        for row in table:
            tds = []
            for c in row:
                text = num(c) if c.key is not None else (html.escape(c.text) or "&nbsp;")
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                tds.append(f"<td{attrs}>{text}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    form = rng.random() < 0.6
    body = ("<form action='/xxgk/nb/save' method='post'>" if form else "") + "\n".join(out) + (
        "<input type='hidden' name='id' value='1024'><button type='submit'>保存</button></form>" if form else "")
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>"
            f"{_paras(ctx.before)}\n{body}\n{_paras(ctx.after)}</body></html>\n"), ".html"


# ------------------------------------------------------------------ a workbook's 表三 over two sheets


def ods_t3_two_sheets(ctx: Ctx) -> tuple[bytes, str]:
    """The tables kept in a LibreOffice/WPS workbook (.ods) whose first sheet ran out of room (a
    sheet laid out to print on one page): the title, 表二 and 表三's first rows on `年报`, the rest
    of 表三 (and 表四) on a second sheet (`表三（续）`, `Sheet2`, `续表`), its header rows repeated or
    not, `续表` or the heading again above it, a parent label cut by the sheets repeated or blank."""
    rng = ctx.rng
    repeat_head = rng.random() < 0.5
    repeat_text = rng.random() < 0.5
    above = rng.choice(["", "续表", "三、收到和处理政府信息公开申请情况（续）"])
    names = rng.choice([["年报", "表三（续）"], ["Sheet1", "Sheet2"], ["第一页", "续表"]])
    sheets: dict[int, dict[tuple[int, int], tuple[int, int, Any]]] = {0: {(0, 0): (1, 8, ctx.title)}, 1: {}}
    sheet, r0 = 0, 2

    def put(table: list[list[Cell]], lo: int, hi: int, at: int, repeat: bool) -> int:
        for r, k, c in _placed(table):
            end = r + c.rowspan
            if end <= lo or r >= hi:
                continue
            start = max(r, lo)
            v: Any = c.text if c.key is None else c.value
            if r < lo and not repeat:
                v = ""
            sheets[sheet][(at + start - lo, k)] = (min(end, hi) - start, c.colspan, v)
        return at + hi - lo

    for sec, table in ctx.sections:
        sheets[sheet][(r0, 0)] = (1, 1, HEADINGS[sec])
        r0 += 1
        if sec != "三":
            r0 = put(table, 0, len(table), r0, True) + 1
            continue
        head = _header_rows(table)
        starts = [r for r in range(head, len(table)) if is_value_row(table[r])]
        cut = rng.choice(starts[2:-2])
        r0 = put(table, 0, cut, r0, True)
        sheet, r0 = 1, 0
        if above:
            sheets[sheet][(r0, 0)] = (1, 1, above)
            r0 += 1
        if repeat_head:
            r0 = put(table, 0, head, r0, True)
        r0 = put(table, cut, len(table), r0, repeat_text) + 1
    return ods_bytes(sheets, lambda s: names[s]), ".ods"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "pdf2htmlex-page": pdf2htmlex_page,
    "wechat-article": wechat_article,
    "excel-web-page": excel_web_page,
    "html-form-cells": html_form_cells,
    "ods-t3-two-sheets": ods_t3_two_sheets,
}
