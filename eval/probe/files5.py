"""Files (round 5: RTF, OFD, ODT): Word's RTF (also saved as `.doc`), OFD fixed pages, ODF text
and spreadsheets.
"""

from __future__ import annotations

import html
import random
import re
from decimal import Decimal
from typing import Any, Callable

from extractor.evaluation._rtf_write import placed as _placed, rtf_report
from extractor.printed import HEADINGS

from ._common import Ctx, cell_text, is_value_row, plain
from .files3 import _sheet_layout


def _rtf_report(ctx: Ctx, *, mode: str, style: str) -> bytes:
    """The report as an RTF file (`extractor.evaluation._rtf_write`, shared with the generator)."""
    return rtf_report(ctx.title, ctx.before, ctx.after, ctx.sections, cell_text, ctx.rng, mode=mode, style=style).encode("ascii")


def rtf_word(ctx: Ctx) -> tuple[bytes, str]:
    """A report Word saved as .rtf: Chinese as `\\uN?` escapes (or with a GBK fallback), row
    definitions repeated before each `\\row`, merges as wide cells or `\\clmgf` runs."""
    mode = ctx.rng.choice(["u", "u+gbk"])
    return _rtf_report(ctx, mode=mode, style="word"), ".rtf"


def rtf_as_doc(ctx: Ctx) -> tuple[bytes, str]:
    """An RTF file served as .doc or .wps (old CMSs and WPS): Chinese as GBK `\\'xx` escapes,
    merges as `\\clmgf`/`\\clmrg` and `\\clvmgf`/`\\clvmrg`."""
    suffix = ctx.rng.choice([".doc", ".doc", ".wps"])
    return _rtf_report(ctx, mode="gbk", style="wps"), suffix


def _text_width(s: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2e7f else size * 0.5 for ch in s)


def _wrap(s: str, size: float, width: float) -> list[str]:
    """`s` broken into lines no wider than `width` (CJK characters one `size` wide, others half)."""
    lines, cur = [], ""
    for ch in s:
        if cur and _text_width(cur + ch, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur] if cur else lines or [""]


class _OfdPages:
    """An OFD writer's pages: text objects with Boundary/CTM/TextCode and DeltaX, rules as paths."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ctm = rng.random() < 0.5  # object space in points, scaled to mm by the CTM (as Suwell's writer does)
        self.compress = rng.random() < 0.5  # DeltaX runs as `g N v`
        self.pages: list[list[str]] = [[]]
        self.y = 25.0
        self.next_id = 10

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def need(self, h: float) -> None:
        if self.y + h > 297 - 25:
            self.pages.append([])
            self.y = 25.0

    def text(self, x: float, top: float, s: str, size: float) -> None:
        if not s:
            return
        adv = [size if ord(ch) > 0x2e7f else size * 0.5 for ch in s]
        k = 1 / 0.3528 if self.ctm else 1.0
        deltas = [f"{v * k:.3f}".rstrip("0").rstrip(".") for v in adv[:-1]]
        if self.compress and deltas:
            runs: list[str] = []
            i = 0
            while i < len(deltas):
                j = i
                while j < len(deltas) and deltas[j] == deltas[i]:
                    j += 1
                runs.append(f"g {j - i} {deltas[i]}" if j - i > 1 else deltas[i])
                i = j
            deltas = runs
        w = sum(adv)
        ctm = ' CTM="0.3528 0 0 0.3528 0 0"' if self.ctm else ""
        body = html.escape(s, quote=False)
        self.pages[-1].append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:.3f} {top:.3f} {w:.3f} {size * 1.2:.3f}" Font="3" '
            f'Size="{size * k:.3f}"{ctm}><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{size * 0.88 * k:.3f}" DeltaX="{" ".join(deltas)}">{body}</ofd:TextCode></ofd:TextObject>')

    def path(self, x0: float, y0: float, x1: float, y1: float, closed_rect: bool) -> None:
        if closed_rect:
            data = f"M 0 0 L {x1 - x0:.3f} 0 L {x1 - x0:.3f} {y1 - y0:.3f} L 0 {y1 - y0:.3f} C"
        else:
            data = f"M 0 0 L {x1 - x0:.3f} {y1 - y0:.3f}"
        self.pages[-1].append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{x0:.3f} {y0:.3f} {max(x1 - x0, 0.1):.3f} {max(y1 - y0, 0.1):.3f}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')


def _ofd_zip(ctx: Ctx, pages: list[list[str]]) -> bytes:
    import io
    import zipfile

    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD"><ofd:DocBody>'
                   f'<ofd:DocInfo><ofd:DocID>{ctx.rng.getrandbits(64):016x}</ofd:DocID><ofd:Title>{html.escape(ctx.title)}</ofd:Title>'
                   '<ofd:CreationDate>2021-01-20</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                   '</ofd:DocBody></ofd:OFD>',
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData>'
                              f'<ofd:MaxUnitID>{10 + sum(map(len, pages))}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                              '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>'
                              + "".join(f'<ofd:Page ID="{k + 1}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
                              + '</ofd:Pages></ofd:Document>',
    }
    for k, objs in enumerate(pages):
        files[f"Doc_0/Pages/Page_{k}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
            f'</ofd:Area><ofd:Content><ofd:Layer ID="{k + 2}">' + "".join(objs) + '</ofd:Layer></ofd:Content></ofd:Page>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 20, 9, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def ofd_fixed(ctx: Ctx) -> tuple[bytes, str]:
    """The report as an OFD file (GB/T 33190), as a government body's e-document system saves it:
    prose and the tables as positioned text objects (DeltaX advances, sometimes `g N v` runs,
    sometimes in points under a CTM), each cell's rules drawn as paths (a closed rectangle per
    cell, or its edges as separate lines) or no rules at all (the columns only by where the text
    stands); a table that does not fit goes on the next page."""
    rng = ctx.rng
    pg = _OfdPages(rng)
    rules = rng.choice(["rect", "lines", "none"])
    left, width = 25.0, 160.0

    def para(s: str, size: float = 3.7, centre: bool = False) -> None:
        for line in _wrap(s, size, width):
            pg.need(size * 1.6)
            x = left + (width - _text_width(line, size)) / 2 if centre else left
            pg.text(x, pg.y, line, size)
            pg.y += size * 1.6

    before = ctx.before.splitlines()
    for k, line in enumerate(before):
        if line.strip():
            para(line.strip(), 5.0 if k == 0 else 3.7, centre=k == 0)
    size = 3.0
    for sec, table in ctx.sections:
        para(HEADINGS[sec])
        g, owner = _placed(table)
        ncol = len(g[0])
        labels = sum(1 for c in range(ncol) if all((owner[(r, c)][0].key is None) for r in range(len(g)) if (r, c) in owner))
        value_w = 11.0 if ncol - labels > 10 else 14.0
        label_w = (width - value_w * (ncol - labels)) / labels if labels else 0.0
        xs = [left]
        for c in range(ncol):
            xs.append(xs[-1] + (label_w if c < labels else value_w))
        # row heights: the tallest wrapped text of the cells starting on the row (a taller
        # merged cell's lines are spread over its rows)
        heights = []
        for r in range(len(g)):
            h = 6.0
            for c in range(ncol):
                cell, r0, c0 = owner[(r, c)]
                if r0 == r and c0 == c:
                    lines = _wrap(cell_text(cell), size, xs[c + cell.colspan] - xs[c] - 1.5)
                    h = max(h, (len(lines) * size * 1.3 + 2.0) / cell.rowspan)
            heights.append(round(h, 1))
        start_r = 0
        while start_r < len(g):
            # rows that fit on this page; a merged cell is never split
            pg.need(heights[start_r])
            top = pg.y
            end_r = start_r
            y = top
            while end_r < len(g) and y + heights[end_r] <= 297 - 25:
                y += heights[end_r]
                end_r += 1
            while end_r < len(g) and end_r > start_r + 1 and any(owner[(end_r, c)][1] < end_r for c in range(ncol)):
                end_r -= 1
            ys = [top]
            for r in range(start_r, end_r):
                ys.append(ys[-1] + heights[r])
            for r in range(start_r, end_r):
                for c in range(ncol):
                    cell, r0, c0 = owner[(r, c)]
                    if r0 != r or c0 != c:
                        continue
                    x0, x1 = xs[c], xs[c + cell.colspan]
                    y0, y1 = ys[r - start_r], ys[min(r - start_r + cell.rowspan, end_r - start_r)]
                    if rules == "rect":
                        pg.path(x0, y0, x1, y1, True)
                    elif rules == "lines":
                        pg.path(x0, y0, x1, y0, False)
                        pg.path(x0, y0, x0, y1, False)
                    lines = _wrap(cell_text(cell), size, x1 - x0 - 1.5)
                    ty = (y0 + y1) / 2 - len(lines) * size * 1.3 / 2
                    for line in lines:
                        pg.text((x0 + x1) / 2 - _text_width(line, size) / 2, ty, line, size)
                        ty += size * 1.3
            if rules == "lines":
                pg.path(xs[0], ys[-1], xs[-1], ys[-1], False)
                pg.path(xs[-1], ys[0], xs[-1], ys[-1], False)
            pg.y = ys[-1] + 4.0
            if end_r < len(g):
                pg.pages.append([])
                pg.y = 25.0
            start_r = end_r
    for line in ctx.after.splitlines():
        if line.strip():
            para(line.strip())
    return _ofd_zip(ctx, [p for p in pg.pages if p]), ".ofd"


_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.3"')


def _odf_text(s: str) -> str:
    """Text as LibreOffice writes it: runs of spaces as `text:s`, the rest escaped."""
    out = html.escape(s, quote=False)
    return re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', out)


def _odf_zip(content: str, mimetype: str) -> bytes:
    import io
    import zipfile

    files = {
        "content.xml": content,
        "styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}><office:styles/></office:document-styles>',
        "meta.xml": f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF_NS}><office:meta/></office:document-meta>',
        "META-INF/manifest.xml": '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                                 f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                                 '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", date_time=(2021, 1, 20, 9, 0, 0)), mimetype, zipfile.ZIP_STORED)
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 20, 9, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def odt_tables(ctx: Ctx) -> tuple[bytes, str]:
    """The report saved by LibreOffice or WPS as OpenDocument text (.odt): tables with
    `number-columns-spanned`/`-rows-spanned`, the slots they cover as `covered-table-cell`s,
    adjacent equal cells (and covered runs) written once with `number-columns-repeated`, header
    rows in `table:table-header-rows`, prose paragraphs and headings."""
    rng = ctx.rng
    repeat = rng.random() < 0.6
    header_rows = rng.random() < 0.5
    body: list[str] = []
    for line in ctx.before.splitlines():
        if line.strip():
            body.append(f'<text:p text:style-name="P1">{_odf_text(line.strip())}</text:p>')
    for t, (sec, table) in enumerate(ctx.sections):
        body.append(f'<text:h text:outline-level="2">{_odf_text(HEADINGS[sec])}</text:h>')
        g, owner = _placed(table)
        ncol = len(g[0])
        out = [f'<table:table table:name="表格{t + 1}" table:style-name="T{t + 1}">'
               f'<table:table-column table:style-name="T{t + 1}.A" table:number-columns-repeated="{ncol}"/>']
        first_value = next(r for r, row in enumerate(table) if is_value_row(row))
        for r in range(len(g)):
            if header_rows and r == 0 and first_value > 0:
                out.append("<table:table-header-rows>")
            cells: list[tuple[str, str]] = []  # (xml of one cell, key for repeats)
            for c in range(ncol):
                cell, r0, c0 = owner[(r, c)]
                if (r0, c0) != (r, c):
                    cells.append(("<table:covered-table-cell/>", "covered"))
                    continue
                span = ""
                if cell.colspan > 1:
                    span += f' table:number-columns-spanned="{cell.colspan}"'
                if cell.rowspan > 1:
                    span += f' table:number-rows-spanned="{cell.rowspan}"'
                text = cell_text(cell)
                vt = (f'office:value-type="float" office:value="{text}"' if cell.key is not None and re.fullmatch(r"-?\d+(\.\d+)?", text)
                      else 'office:value-type="string"')
                xml = f'<table:table-cell table:style-name="T{t + 1}.A1" {vt}{span}><text:p text:style-name="P2">{_odf_text(text)}</text:p></table:table-cell>'
                cells.append((xml, xml if not span else f"span{c}"))
            k = 0
            row_xml = []
            while k < len(cells):
                j = k
                while repeat and j + 1 < len(cells) and cells[j + 1][1] == cells[k][1]:
                    j += 1
                xml = cells[k][0]
                if j > k:
                    tag = "<table:covered-table-cell" if xml.startswith("<table:covered") else "<table:table-cell"
                    xml = xml.replace(tag, f'{tag} table:number-columns-repeated="{j - k + 1}"', 1)
                row_xml.append(xml)
                k = j + 1
            out.append("<table:table-row>" + "".join(row_xml) + "</table:table-row>")
            if header_rows and r + 1 == first_value:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        body.append("".join(out))
        body.append('<text:p text:style-name="P1"/>')
    for line in ctx.after.splitlines():
        if line.strip():
            body.append(f'<text:p text:style-name="P1">{_odf_text(line.strip())}</text:p>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}><office:automatic-styles/>'
               '<office:body><office:text><text:sequence-decls/>' + "".join(body) + "</office:text></office:body></office:document-content>")
    return _odf_zip(content, "application/vnd.oasis.opendocument.text"), ".odt"


def ods_export(ctx: Ctx) -> tuple[bytes, str]:
    """The report's tables saved by LibreOffice Calc or WPS as OpenDocument (.ods): the workbook
    families' layout (`_sheet_layout`), numbers as float cells (or as text), merged cells as spans
    with covered cells, empty runs as `number-columns-repeated`, and the sheet's filler to its last
    column and row as LibreOffice writes it."""
    sheets: dict[int, dict[tuple[int, int], tuple[int, int, Any]]] = {}
    for s, r, c, rs, cs, v in _sheet_layout(ctx, lambda x, as_text: plain(x) if as_text else x):
        sheets.setdefault(s, {})[(r, c)] = (rs, cs, v)
    return ods_bytes(sheets, lambda s: "年报" if s == 0 else f"表{s + 1}"), ".ods"


def ods_bytes(sheets: dict[int, dict[tuple[int, int], tuple[int, int, Any]]], name_of: Callable[[int], str]) -> bytes:
    """Sheets of cells ({(row, col): (rowspan, colspan, value)}, 0-based) as LibreOffice writes an
    .ods: numbers as float cells, merged cells as spans with covered cells, empty runs repeated."""
    out = []
    for s in sorted(sheets):
        cells = sheets[s]
        covered = {(r + dr, c + dc) for (r, c), (rs, cs, _) in cells.items() for dr in range(rs) for dc in range(cs)} - set(cells)
        n_rows = max(r + rs for (r, _), (rs, _, _) in cells.items())
        n_cols = max(c + cs for (_, c), (_, cs, _) in cells.items())
        rows = []
        for r in range(n_rows):
            parts = []
            for c in range(n_cols):
                if (r, c) in covered:
                    parts.append("<table:covered-table-cell/>")
                elif (r, c) in cells:
                    rs, cs, v = cells[(r, c)]
                    span = (f' table:number-columns-spanned="{cs}"' if cs > 1 else "") + (f' table:number-rows-spanned="{rs}"' if rs > 1 else "")
                    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                        parts.append(f'<table:table-cell office:value-type="float" office:value="{plain(v)}"{span}><text:p>{plain(v)}</text:p></table:table-cell>')
                    elif v == "":
                        parts.append(f"<table:table-cell{span}/>")
                    else:
                        parts.append(f'<table:table-cell office:value-type="string"{span}><text:p>{_odf_text(str(v))}</text:p></table:table-cell>')
                else:
                    parts.append("<table:table-cell/>")
            while parts and parts[-1] == "<table:table-cell/>":
                parts.pop()
            rows.append("".join(parts) + f'<table:table-cell table:number-columns-repeated="{1024 - len(parts)}"/>')
        body = []
        k = 0
        while k < len(rows):
            j = k
            while j + 1 < len(rows) and rows[j + 1] == rows[k]:
                j += 1
            rep = f' table:number-rows-repeated="{j - k + 1}"' if j > k else ""
            body.append(f"<table:table-row{rep}>{rows[k]}</table:table-row>")
            k = j + 1
        body.append(f'<table:table-row table:number-rows-repeated="{1048576 - n_rows}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        name = name_of(s)
        out.append(f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="1024"/>' + "".join(body) + "</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}><office:automatic-styles/>'
               "<office:body><office:spreadsheet>" + "".join(out) + "</office:spreadsheet></office:body></office:document-content>")
    return _odf_zip(content, "application/vnd.oasis.opendocument.spreadsheet")


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "rtf-word": rtf_word,
    "rtf-as-doc": rtf_as_doc,
    "ofd-fixed": ofd_fixed,
    "odt-tables": odt_tables,
    "ods-export": ods_export,
}
