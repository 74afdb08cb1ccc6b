"""Files (round 3: loaders): web archives, GBK pages, `<div>` tables, `<iframe srcdoc>`, UTF-16
text, cells in `<span>`/`<br>` pieces, Excel exports, Word frames, text boxes and tracked changes,
renamed `.doc` files, and PDFs (narrow unruled labels, three-line tables, landscape, running headers).
"""

from __future__ import annotations

import html
import re
import sys
from decimal import Decimal
from typing import Any, Callable, Iterator

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, ROOT, grid_text, page, plain, tab_tables
from ._pdf import pdf_build, pdf_story
from .pastes2 import word_html
from .docs2 import docx_table as _docx_table, docx_tables  # (_docx_table: the name files8, office8, … import)


def _td(c: Cell, text: str, tag: str = "td") -> str:
    attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
    return f"<{tag}{attrs}>{text}</{tag}>"


def _plain_html(ctx: Ctx, *, charset: str | None = "utf-8", cell: Callable[[Cell], str] | None = None) -> str:
    """The report as a plain CMS page: headings, tables with rowspan/colspan, prose."""
    cell = cell or (lambda c: html.escape(plain(c.value)))
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p><b>{html.escape(HEADINGS[sec])}</b></p><table border=1 cellspacing=0>")
        for row in table:
            out.append("<tr>" + "".join(_td(c, cell(c) if c.key is not None else html.escape(c.text) or "&nbsp;")
                                        for c in row) + "</tr>")
        out.append("</table>")
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return (f"<html><head>{meta}<title>{html.escape(ctx.title)}</title></head><body>\n<div class='article'>"
            f"{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}\n</div></body></html>\n")


def mht_archive(ctx: Ctx) -> tuple[bytes, str]:
    """A page saved by a browser as a web archive (.mht/.mhtml): MIME multipart/related, the page
    quoted-printable in GB2312/GBK (GB18030 bytes: names outside GB2312 occur), an image part."""
    import base64
    import quopri

    rng = ctx.rng
    label = rng.choice(["gb2312", "gbk", "GB18030"])
    page_bytes = _plain_html(ctx, charset=label).encode("gb18030")
    boundary = f"----=_NextPart_000_00{rng.randint(10, 99)}_01DA{rng.randint(1000, 9999)}.5E3F{rng.randint(1000, 9999)}"
    subject = "=?gb2312?B?" + base64.b64encode(ctx.title.encode("gb18030")).decode() + "?="
    url = f"http://www.example.gov.cn/zwgk/ndbg/{ctx.case.report_year}/t{rng.randint(10**7, 10**8)}.html"
    qp = quopri.encodestring(page_bytes).decode("ascii")
    gif = base64.encodebytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
                             b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;").decode()
    text = (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: {subject}\r\n"
            f"Date: Tue, 12 Mar {ctx.case.report_year + 1} 09:13:02 +0800\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
            f"This is a multi-part message in MIME format.\r\n\r\n--{boundary}\r\n"
            f'Content-Type: text/html; charset="{label}"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            f"Content-Location: {url}\r\n\r\n{qp.replace(chr(10), chr(13) + chr(10))}\r\n\r\n--{boundary}\r\n"
            f"Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\nContent-Location: "
            f"http://www.example.gov.cn/images/logo.gif\r\n\r\n{gif}\r\n--{boundary}--\r\n")
    return text.encode("ascii"), rng.choice([".mht", ".mhtml"])


def html_gbk(ctx: Ctx) -> tuple[bytes, str]:
    """An old CMS page in GBK (GB18030 bytes) that declares no charset, or declares the wrong one."""
    charset = ctx.rng.choice([None, None, "utf-8", "iso-8859-1"])
    return _plain_html(ctx, charset=charset).encode("gb18030"), ctx.rng.choice([".html", ".htm", ".shtml"])


def html_div_table(ctx: Ctx) -> tuple[str, str]:
    """Tables built from <div>s, laid out by CSS (display:table rows, or a grid whose cells
    carry grid-row/grid-column spans): no <table> element at all."""
    rng = ctx.rng
    kind = rng.choice(["table", "grid"])
    out = ["<style>.t{display:table;border-collapse:collapse}.tr{display:table-row}.td{display:table-cell;"
           "border:1px solid #999}.g{display:grid}.g>div{border:1px solid #999}</style>"]
    for sec, table in ctx.sections:
        out.append(f"<div class='title'>{html.escape(HEADINGS[sec])}</div>")
        n = len(grid(table)[0])
        if kind == "table":
            out.append("<div class='t'>")
            for row in grid_text(table, lambda c: plain(c.value)):
                out.append("<div class='tr'>" + "".join(f"<div class='td'>{html.escape(t) or '&nbsp;'}</div>" for t in row) + "</div>")
            out.append("</div>")
        else:
            out.append(f"<div class='g' style='grid-template-columns:repeat({n},1fr)'>")
            for row in table:
                for c in row:
                    style = "".join(f"grid-{k}:span {v};" for k, v in (("row", c.rowspan), ("column", c.colspan)) if v > 1)
                    text = html.escape(plain(c.value) if c.key is not None else c.text)
                    out.append(f"<div style='{style}'>{text or '&nbsp;'}</div>")
            out.append("</div>")
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>\n"
            f"{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}\n</body></html>\n"), ".html"


def html_iframe(ctx: Ctx) -> tuple[str, str]:
    """A CMS page whose article is embedded with <iframe srcdoc="…"> (the page's own content,
    escaped into the attribute), the outer page holding only navigation."""
    inner = _plain_html(ctx)
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>"
            f"<div class='nav'>首页 &gt; 政务公开 &gt; 年度报告</div>"
            f"<iframe width='100%' height='3000' frameborder='0' srcdoc=\"{html.escape(inner, quote=True)}\"></iframe>"
            f"<div class='footer'>主办：{html.escape(ctx.case.report_organ)}</div></body></html>\n"), ".html"


def utf16_text(ctx: Ctx) -> tuple[bytes, str]:
    """Tab tables saved by Notepad as "Unicode": UTF-16 (LE or BE) with a BOM, CRLF lines."""
    text = page(ctx, tab_tables(ctx, lambda c: plain(c.value))).replace("\n", "\r\n")
    enc = ctx.rng.choice(["utf-16-le", "utf-16-le", "utf-16-be"])
    bom = b"\xff\xfe" if enc == "utf-16-le" else b"\xfe\xff"
    return bom + text.encode(enc), ".txt"


def html_br_cells(ctx: Ctx) -> tuple[str, str]:
    """HTML tables whose cells hold their text in pieces: a number in <p>/<span> runs (`1<span>2</span>`),
    a trailing <br>, a label split by <br>, and an empty spacer column between labels and numbers."""
    rng = ctx.rng

    def value(c: Cell) -> str:
        t = html.escape(plain(c.value))
        r = rng.random()
        if len(t) > 1 and r < 0.3:
            k = rng.randrange(1, len(t))
            return f"<span>{t[:k]}</span><span style='font-family:宋体'>{t[k:]}</span>"
        if r < 0.5:
            return f"<p align=center>{t}<br></p>"
        return t

    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        for row in table:
            tds = []
            first_value = True
            for c in row:
                if c.key is not None and first_value and sec == "二":
                    tds.append("<td style='width:2px'></td>")
                if c.key is not None:
                    first_value = False
                    tds.append(_td(c, value(c)))
                else:
                    t = html.escape(c.text)
                    if len(t) > 8 and rng.random() < 0.5:
                        k = len(t) // 2
                        t = t[:k] + "<br>" + t[k:]
                    tds.append(_td(c, t or "&nbsp;"))
            if sec == "二" and not any(c.key is not None for c in row):
                tds.insert(1, "<td></td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>\n"
            f"{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}\n</body></html>\n"), ".html"


def _sheet_layout(ctx: Ctx, number: Callable[[Any, bool], Any]) -> Iterator[tuple[int, int, int, int, int, Any]]:
    """Where the workbook families put each cell, 0-based: (sheet, row, col, rowspan, colspan,
    value). The title merged over 8 columns, each table under its heading with its merged cells,
    on one sheet or one sheet per table (each with the title again); `number(value, as_text)`
    writes a number cell."""
    one_sheet = ctx.rng.random() < 0.6
    as_text = ctx.rng.random() < 0.3
    yield 0, 0, 0, 1, 8, ctx.title
    sheet, r0 = 0, 2
    for n, (sec, table) in enumerate(ctx.sections):
        if not one_sheet and n:
            sheet, r0 = n, 2
            yield sheet, 0, 0, 1, 1, ctx.title
        yield sheet, r0, 0, 1, 1, HEADINGS[sec]
        r0 += 1
        g = grid(table)
        for r, row in enumerate(table):
            col = 0
            for c in row:
                while col < len(g[0]) and g[r][col] is not c:
                    col += 1
                yield sheet, r0 + r, col, c.rowspan, c.colspan, c.text if c.key is None else number(c.value, as_text)
                col += c.colspan
        r0 += len(table) + 1


def xlsx_export(ctx: Ctx) -> tuple[bytes, str]:
    """The report's tables exported to Excel (`_sheet_layout`), numbers as numbers (or as text)."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "年报"
    sheets = [wb.active]
    for s, r, c, rs, cs, v in _sheet_layout(
            ctx, lambda x, as_text: plain(x) if as_text or isinstance(x, Decimal) else x):
        if s == len(sheets):
            sheets.append(wb.create_sheet(f"表{s + 1}"))
        sheets[s].cell(r + 1, c + 1, v if v != "" else None)
        if rs > 1 or cs > 1:
            sheets[s].merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), ".xlsx"


def _docx_doc(ctx: Ctx):
    import docx

    return docx.Document()


def _docx_bytes(d: Any) -> bytes:
    import io

    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_nested(ctx: Ctx) -> tuple[bytes, str]:
    """A Word document laid out in a one-cell frame table: the title, prose and every report
    table inside it (tables nested in a table cell)."""
    d = _docx_doc(ctx)
    frame = d.add_table(rows=1, cols=1)
    box = frame.cell(0, 0)
    box.paragraphs[0].text = ctx.title
    for line in ctx.before.splitlines()[1:]:
        if line.strip():
            box.add_paragraph(line.strip())
    for sec, table in ctx.sections:
        box.add_paragraph(HEADINGS[sec])
        inner = _docx_table(d, table, lambda c: plain(c.value))
        box._tc.append(inner._tbl)  # moved from the body into the frame's cell
        box.add_paragraph("")
    for line in ctx.after.splitlines():
        if line.strip():
            box.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


def docx_textbox(ctx: Ctx) -> tuple[bytes, str]:
    """A Word document whose report tables sit in text boxes (VML `w:pict` with `w:txbxContent`,
    as older Word and WPS write them), each anchored in an empty paragraph."""
    from docx.oxml import parse_xml

    d = _docx_doc(ctx)
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    for sec, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec])
        t = _docx_table(d, table, lambda c: plain(c.value))
        anchor = d.add_paragraph()
        pict = parse_xml(f'<w:r {ns}><w:pict><v:shape style="width:450pt;height:600pt"><v:textbox>'
                         f'<w:txbxContent/></v:textbox></v:shape></w:pict></w:r>')
        box = pict.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent")
        box.append(t._tbl)
        box.append(parse_xml(f"<w:p {ns}/>"))
        anchor._p.append(pict)
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


def docx_revisions(ctx: Ctx) -> tuple[bytes, str]:
    """A Word document edited with track changes on: numbers typed over (the old value deleted,
    the new inserted), numbers split over several runs (a digit each, formatting changed), a
    comment anchored in a label cell."""
    import copy

    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    rng = ctx.rng
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = _docx_doc(ctx)
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    n = 0
    for sec, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec])
        t = _docx_table(d, table, lambda c: plain(c.value))
        for p in t._tbl.iter(qn("w:p")):
            runs = p.findall(qn("w:r"))
            if len(runs) != 1:
                continue
            text = "".join(x.text or "" for x in runs[0].iter(qn("w:t")))
            if not re.fullmatch(r"-?[\d.]+", text):
                continue
            r = rng.random()
            n += 1
            if r < 0.25:
                old = str(int(float(text)) + rng.randint(1, 9)) if "." not in text else text + "1"
                p.remove(runs[0])
                p.append(parse_xml(f'<w:del {ns} w:id="{n * 2}" w:author="张三" w:date="2024-01-10T09:00:00Z">'
                                   f'<w:r><w:delText>{old}</w:delText></w:r></w:del>'))
                p.append(parse_xml(f'<w:ins {ns} w:id="{n * 2 + 1}" w:author="张三" w:date="2024-01-10T09:00:00Z">'
                                   f'<w:r><w:t>{text}</w:t></w:r></w:ins>'))
            elif r < 0.5 and len(text) > 1:
                p.remove(runs[0])
                for ch in text:
                    run = parse_xml(f'<w:r {ns}><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr><w:t>{ch}</w:t></w:r>')
                    p.append(copy.deepcopy(run))
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


def doc_renamed(ctx: Ctx) -> tuple[bytes, str]:
    """A `.doc` (or `.wps`) that is not an old binary Word file: a .docx renamed, or a page
    Word saved as "web page" (HTML, or a single-file web archive) with the old suffix, as
    sites serve them."""
    rng = ctx.rng
    kind = rng.choice(["docx", "html", "mht"])
    suffix = rng.choice([".doc", ".doc", ".wps"])
    if kind == "docx":
        data, _ = docx_tables(ctx)
        return data, suffix
    if kind == "html":
        text, _ = word_html(ctx)
        return text.encode("gb18030") if rng.random() < 0.5 else text.encode("utf-8"), suffix
    data, _ = mht_archive(ctx)
    return data, suffix


def _pdf_report(ctx: Ctx, value: Callable[[Cell], str], *, style: Callable[[int, int], list[Any]],
                widths: Callable[[float, int], list[float]] | None = None, pagesize: Any = None,
                valign: str = "MIDDLE", on_page: Callable[[Any, Any], None] | None = None,
                label_text: Callable[[str], str] = lambda t: t, rotate: bool = False) -> tuple[bytes, str]:
    """A text-layer PDF of the report (as `_pdf`, more options): the table style from `style`
    (rows, columns), column widths, page size, vertical alignment, running header/footer,
    content turned 90° on a portrait page with /Rotate (a landscape table printed sideways)."""
    import io

    story = pdf_story(ctx, value, style=style, widths=widths, pagesize=pagesize, valign=valign, label_text=label_text)
    data = pdf_build(story, pagesize=pagesize, on_page=on_page)
    if rotate:  # the same content on portrait pages turned a quarter: /Rotate and a turned stream
        from pypdf import PdfReader, PdfWriter, Transformation

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        for pg in writer.pages:
            w, h = float(pg.mediabox.width), float(pg.mediabox.height)
            pg.add_transformation(Transformation().rotate(90).translate(h, 0))
            pg.mediabox.upper_right = (h, w)
            pg.rotation = 90
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data, ".pdf"


def pdf_unruled_narrow(ctx: Ctx) -> tuple[bytes, str]:
    """An unruled PDF table whose label columns are narrow, so most labels wrap over two to five
    lines, the numbers set at the top, middle or bottom of their row."""
    rng = ctx.rng

    def widths(width: float, n: int) -> list[float]:
        if n == 10:
            return [width * 0.08, width * 0.09, width * 0.15] + [width * 0.68 / 7] * 7
        if n == 4:
            return [width * 0.16] + [width * 0.84 / 3] * 3
        return [width / n] * n

    return _pdf_report(ctx, lambda c: plain(c.value), style=lambda r, n: [], widths=widths,
                       valign=rng.choice(["TOP", "MIDDLE", "BOTTOM"]))


def pdf_three_line(ctx: Ctx) -> tuple[bytes, str]:
    """Three-line tables (三线表): a thick rule above, a thin one under the header, a thick one
    below; no vertical rules and none between body rows."""
    from reportlab.lib import colors

    def style(rows: int, n: int) -> list[Any]:
        header = 3 if n == 10 else (3 if n == 15 else 1)
        return [("LINEABOVE", (0, 0), (-1, 0), 1.5, colors.black), ("LINEBELOW", (0, header - 1), (-1, header - 1), 0.6, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 1.5, colors.black)]

    return _pdf_report(ctx, lambda c: plain(c.value), style=style)


def pdf_landscape(ctx: Ctx) -> tuple[bytes, str]:
    """Ruled tables on landscape pages: a landscape page size, or portrait pages whose content is
    turned a quarter and shown upright by /Rotate (printed sideways from a landscape section)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape

    rotate = ctx.rng.random() < 0.5
    return _pdf_report(ctx, lambda c: plain(c.value), style=lambda r, n: [("GRID", (0, 0), (-1, -1), 0.5, colors.black)],
                       pagesize=landscape(A4), rotate=rotate)


def pdf_running_header(ctx: Ctx) -> tuple[bytes, str]:
    """Unruled tables across pages with the header repeated, a running header (the report's title
    and a rule) and a footer (第 n 页 共 m 页, or — n —) on every page."""
    rng = ctx.rng
    title = ctx.title
    kind = rng.choice(["第 {n} 页", "— {n} —", "- {n} -", "{n}"])

    def on_page(canv: Any, doc: Any) -> None:
        from reportlab.lib.pagesizes import A4

        sys.path.insert(0, str(ROOT / "eval"))
        import make_formats as mf  # noqa: E402

        canv.saveState()
        canv.setFont(mf._cid_font(), 8)
        canv.drawCentredString(A4[0] / 2, A4[1] - 28, title)
        canv.line(50, A4[1] - 32, A4[0] - 50, A4[1] - 32)
        canv.drawCentredString(A4[0] / 2, 30, kind.format(n=doc.page))
        canv.restoreState()

    return _pdf_report(ctx, lambda c: plain(c.value), style=lambda r, n: [("ALIGN", (0, 0), (-1, -1), "RIGHT")],
                       on_page=on_page)


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "mht-archive": mht_archive,
    "html-gbk": html_gbk,
    "html-div-table": html_div_table,
    "html-iframe": html_iframe,
    "utf16-text": utf16_text,
    "html-br-cells": html_br_cells,
    "xlsx-export": xlsx_export,
    "docx-nested": docx_nested,
    "docx-textbox": docx_textbox,
    "docx-revisions": docx_revisions,
    "doc-renamed": doc_renamed,
    "pdf-unruled-narrow": pdf_unruled_narrow,
    "pdf-three-line": pdf_three_line,
    "pdf-landscape": pdf_landscape,
    "pdf-running-header": pdf_running_header,
}
