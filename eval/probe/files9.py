"""Files (files9): e-mails, old Word XML, flat ODF, …

Files an audit office's batch holds that no family above writes: e-mail messages (the report
as the body, or attached), archives the loaders do not read, and (below) other office formats.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, page, plain, tab_tables
from .docs2 import _pdf
from .files3 import _docx_bytes, _docx_doc, _docx_table, _plain_html, xlsx_export
from .files4 import xls_binary
from .files5 import ods_export, odt_tables
from .files8 import _report_docx, _zip_bytes


def _f9_b64(data: bytes) -> str:
    import base64

    return "\r\n".join(base64.b64encode(data[i:i + 57]).decode("ascii") for i in range(0, len(data), 57))


def _f9_word(text: str, charset: str, how: str) -> str:
    """`text` as one RFC 2047 encoded word (GB18030 bytes for the GB labels)."""
    import base64
    import quopri

    data = text.encode("gb18030" if charset.lower().startswith("gb") else charset)
    if how == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode()}?="
    return f"=?{charset}?Q?{quopri.encodestring(data, header=True).decode().replace(chr(10), '')}?="


def _f9_headers(ctx: Ctx, boundary: str, kind: str) -> str:
    rng = ctx.rng
    subject = _f9_word(f"转发：{ctx.title}" if rng.random() < 0.3 else ctx.title, rng.choice(["GB2312", "GBK", "utf-8"]),
                       rng.choice("BQ"))
    sender = _f9_word(f"{ctx.case.report_organ}办公室", "GBK", "B")
    return (f"Received: from mail.example.gov.cn (unknown [10.1.2.3]) by mx.example.gov.cn\r\n"
            f"Date: Tue, 12 Mar {ctx.case.report_year + 1} 09:13:02 +0800\r\nFrom: \"{sender}\" <bgs@example.gov.cn>\r\n"
            f"To: \"{_f9_word('政务公开办', 'GB2312', 'B')}\" <gkb@example.gov.cn>\r\nSubject: {subject}\r\n"
            f"Message-ID: <{rng.randint(10**9, 10**10)}@example.gov.cn>\r\nX-Mailer: Foxmail 7.2.25.254[cn]\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: {kind};\r\n\tboundary=\"{boundary}\"\r\n\r\n"
            f"This is a multi-part message in MIME format.\r\n\r\n")


def _f9_text_part(text: str, subtype: str, charset: str, how: str) -> str:
    import quopri

    data = text.encode("gb18030" if charset.lower().startswith("gb") else charset)
    if how == "base64":
        body = _f9_b64(data)
    else:
        body = quopri.encodestring(data).decode("ascii").replace("\n", "\r\n")
    return (f"Content-Type: text/{subtype};\r\n\tcharset=\"{charset}\"\r\nContent-Transfer-Encoding: {how}\r\n\r\n"
            f"{body}\r\n")


def _f9_file_part(name: str, data: bytes, ctype: str, style: str) -> str:
    """An attachment as mail clients name it: RFC 2047 in quotes (Foxmail, Outlook), RFC 2231
    (Thunderbird), or raw GBK bytes (old webmail: written as latin-1 here, read back as bytes)."""
    from urllib.parse import quote

    if style == "2231":
        disp = f"attachment;\r\n\tfilename*=UTF-8''{quote(name)}"
        ct = f"{ctype}"
    elif style == "raw":
        raw = name.encode("gbk").decode("latin-1")
        disp, ct = f"attachment; filename=\"{raw}\"", f"{ctype}; name=\"{raw}\""
    else:
        word = _f9_word(name, "GBK", "B")
        disp, ct = f"attachment;\r\n\tfilename=\"{word}\"", f"{ctype};\r\n\tname=\"{word}\""
    return f"Content-Type: {ct}\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: {disp}\r\n\r\n{_f9_b64(data)}\r\n"


_F9_GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
           b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def _f9_mime(ctx: Ctx, kind: str, parts: list[str]) -> bytes:
    boundary = f"----=_NextPart_{ctx.rng.randint(10**5, 10**6)}_{ctx.rng.randint(1000, 9999)}"
    out = _f9_headers(ctx, boundary, kind) + "".join(f"--{boundary}\r\n{p}\r\n" for p in parts) + f"--{boundary}--\r\n"
    return out.encode("latin-1")


def _f9_eml_body(ctx: Ctx) -> tuple[bytes, str]:
    """A report sent as the mail's own body: multipart/alternative (a plain-text rendering and the
    HTML with the tables), quoted-printable or base64, in GB2312/GBK/UTF-8; encoded subject and
    sender; sometimes an HTML body alone, or inside multipart/mixed beside a logo shown inline."""
    rng = ctx.rng
    charset = rng.choice(["GB2312", "gbk", "utf-8"])
    how = rng.choice(["quoted-printable", "base64"])
    html_part = _f9_text_part(_plain_html(ctx, charset=charset), "html", charset, how)
    text_part = _f9_text_part(page(ctx, tab_tables(ctx, lambda c: plain(c.value))), "plain", charset, how)
    shape = rng.choice(["alternative", "html", "mixed"])
    if shape == "html":
        head = _f9_headers(ctx, "x", "text/html").split("Content-Type:")[0]
        return (head + html_part).encode("latin-1"), ".eml"
    if shape == "alternative":
        return _f9_mime(ctx, "multipart/alternative", [text_part, html_part]), ".eml"
    inner_b = f"----=_Alt_{rng.randint(10**5, 10**6)}"
    alt = (f"Content-Type: multipart/alternative;\r\n\tboundary=\"{inner_b}\"\r\n\r\n--{inner_b}\r\n{text_part}\r\n"
           f"--{inner_b}\r\n{html_part}\r\n--{inner_b}--\r\n")
    logo = ("Content-Type: image/gif;\r\n\tname=\"image001.gif\"\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-ID: <image001.gif@01DA7456.5E3F1230>\r\nContent-Disposition: inline; filename=\"image001.gif\"\r\n\r\n"
            + _f9_b64(_F9_GIF) + "\r\n")
    return _f9_mime(ctx, "multipart/related", [alt, logo]), ".eml"


def _f9_eml_attached(ctx: Ctx) -> tuple[bytes, str]:
    """A report sent as an attachment (.docx or .pdf, named in GBK as RFC 2047 words, RFC 2231 or
    raw bytes) under a covering note in GBK; a logo shown inline; each attachment is scored as a
    report of its own (the note is not read)."""
    rng = ctx.rng
    note = f"您好！\r\n附件是{ctx.case.report_organ}{ctx.case.report_year}年政府信息公开工作年度报告，请查收。\r\n办公室"
    parts = [_f9_text_part(note, "plain", rng.choice(["GB2312", "GBK"]), rng.choice(["base64", "quoted-printable"]))]
    stem = f"{ctx.case.report_organ}{ctx.case.report_year}年政府信息公开工作年度报告"
    style = rng.choice(["2047", "2231", "raw"])
    if rng.random() < 0.5:
        parts.append(_f9_file_part(stem + ".docx", _report_docx(ctx),
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document", style))
    else:
        parts.append(_f9_file_part(stem + ".pdf", _pdf(ctx, lambda c: plain(c.value), ruled=True)[0],
                                   "application/octet-stream", style))
    parts.append("Content-Type: image/png;\r\n\tname=\"sig.png\"\r\nContent-Transfer-Encoding: base64\r\n"
                 "Content-ID: <sig@foxmail>\r\n\r\n" + _f9_b64(b"\x89PNG\r\n\x1a\n" + bytes(40)) + "\r\n")
    return _f9_mime(ctx, "multipart/mixed", parts), ".eml"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "eml-body": _f9_eml_body,
    "eml-attached": _f9_eml_attached,
}


def _f9_flat(data: bytes, mimetype: str) -> bytes:
    """A zipped OpenDocument's content.xml as the flat file LibreOffice writes (`office:document`)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        content = z.read("content.xml").decode("utf-8")
    content = content.replace("<office:document-content ", f'<office:document office:mimetype="{mimetype}" ', 1)
    return content.replace("</office:document-content>", "</office:document>").encode("utf-8")


def _f9_fodt(ctx: Ctx) -> tuple[bytes, str]:
    """The report saved by LibreOffice as flat OpenDocument text (.fodt: one XML file, as the
    `odt-tables` family's content)."""
    return _f9_flat(odt_tables(ctx)[0], "application/vnd.oasis.opendocument.text"), ".fodt"


def _f9_fods(ctx: Ctx) -> tuple[bytes, str]:
    """The tables saved by LibreOffice Calc as a flat OpenDocument spreadsheet (.fods)."""
    return _f9_flat(ods_export(ctx)[0], "application/vnd.oasis.opendocument.spreadsheet"), ".fods"


def _f9_ett(ctx: Ctx) -> tuple[bytes, str]:
    """The tables in a WPS spreadsheet template (.ett: the binary .xls format, as .et)."""
    return xls_binary(ctx)[0], ".ett"


def _f9_title_docx(ctx: Ctx, *, header: bool) -> Any:
    """The report as a .docx whose body has no title line (only "政府信息公开工作年度报告"); with
    `header`, the organ and year printed in the page header (and a footer), as Word templates do."""
    rng = ctx.rng
    d = _docx_doc(ctx)
    if header:
        sec = d.sections[0]
        head = f"{ctx.case.report_organ}{ctx.case.report_year}年政府信息公开工作年度报告" if rng.random() < 0.5 else \
            f"{ctx.case.report_organ}  政务公开"
        sec.header.paragraphs[0].text = head
        sec.footer.paragraphs[0].text = rng.choice(["— 1 —", f"{ctx.case.report_organ}办公室印发", ""])
    organ = ctx.case.report_organ
    d.add_paragraph("政府信息公开工作年度报告")
    for line in ctx.before.replace(ctx.title, "", 1).splitlines():
        if line.strip():
            if not (header and organ in line):
                d.add_paragraph(line.strip())
    for sec_name, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec_name])
        _docx_table(d, table, lambda c: plain(c.value))
    for line in ctx.after.splitlines():
        if line.strip():
            if not (header and organ in line):
                d.add_paragraph(line.strip())
    return d


def _f9_docx_header_title(ctx: Ctx) -> tuple[bytes, str]:
    """A .docx whose title (the organ and year) is only in the page header: the body starts
    "政府信息公开工作年度报告" and names the body nowhere else (its lines naming it are left out:
    a page's metadata, the signature); a footer with a page mark or the issuing office."""
    return _docx_bytes(_f9_title_docx(ctx, header=True)), ".docx"


def _f9_word2003(docx_bytes: bytes, rng: random.Random) -> bytes:
    """A .docx's document.xml as Word 2003 saves "XML 文档": the 2003 WordprocessingML namespace,
    `w:vmerge`, the body in `wx:sect`, the page header in the section properties (`w:hdr`)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        names = z.namelist()
        header = next((z.read(n).decode("utf-8") for n in sorted(names) if n.startswith("word/header")), "")
    body = re.search(r"<w:body>(.*)</w:body>", xml, re.S).group(1)  # type: ignore[union-attr]
    body = re.sub(r"<w:sectPr\b.*?</w:sectPr>", "", body, flags=re.S)
    body = body.replace("w:vMerge", "w:vmerge")
    hdr_paras = "".join(re.findall(r"<w:p\b.*?</w:p>|<w:p/>", re.search(r"<w:hdr\b[^>]*>(.*)</w:hdr>", header, re.S).group(1),
                                   re.S)) if "<w:hdr" in header else ""
    hdr = f'<w:hdr w:type="odd">{hdr_paras}</w:hdr>' if hdr_paras else ""
    sect = f'<w:sectPr>{hdr}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    crlf = rng.random() < 0.5
    out = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
           '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
           'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
           'xmlns:o="urn:schemas-microsoft-com:office:office" w:macrosPresent="no" w:embeddedObjPresent="no" '
           'xml:space="preserve"><o:DocumentProperties><o:Author>办公室</o:Author></o:DocumentProperties>'
           f'<w:body><wx:sect>{body}{sect}</wx:sect></w:body></w:wordDocument>')
    return out.replace("\n", "\r\n").encode("utf-8") if crlf else out.encode("utf-8")


def _f9_word_xml(ctx: Ctx) -> tuple[bytes, str]:
    """The report saved by Word 2003 (or a CMS exporter) as "XML 文档": named .xml, or .doc as
    exporters name it for Word to open; its title in the body, or now and then only in the
    page header."""
    header = ctx.rng.random() < 0.3
    data = _f9_word2003(_docx_bytes(_f9_title_docx(ctx, header=True)) if header else _report_docx(ctx), ctx.rng)
    return data, ctx.rng.choice([".xml", ".xml", ".doc"])


def _f9_zip_renamed(ctx: Ctx) -> tuple[bytes, str]:
    """A zip holding the report under the wrong suffix: a .docx named .doc or .wps, an .xlsx of its
    tables named .xls or .et, a PDF named .doc (each member read by its bytes)."""
    rng = ctx.rng
    stem = f"{ctx.case.report_organ}{ctx.case.report_year}年政府信息公开工作年度报告"
    choice = rng.choice(["docx", "xlsx", "pdf"])
    if choice == "docx":
        member = (stem + rng.choice([".doc", ".wps"]), _report_docx(ctx))
    elif choice == "xlsx":
        member = (stem + rng.choice([".xls", ".et"]), xlsx_export(ctx)[0])
    else:
        member = (stem + ".doc", _pdf(ctx, lambda c: plain(c.value), ruled=True)[0])
    return _zip_bytes([member], gbk=rng.random() < 0.7), ".zip"


FAMILIES.update({
    "fodt-flat": _f9_fodt,
    "fods-flat": _f9_fods,
    "ett-template": _f9_ett,
    "docx-header-title": _f9_docx_header_title,
    "word2003-xml": _f9_word_xml,
    "zip-renamed": _f9_zip_renamed,
})


def _f9_xlsx_of(table: list[list[Cell]]) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    g = grid(table)
    for r, row in enumerate(table):
        col = 0
        for c in row:
            while col < len(g[0]) and g[r][col] is not c:
                col += 1
            v: Any = c.text if c.key is None else (float(c.value) if isinstance(c.value, Decimal) else c.value)
            ws.cell(r + 1, col + 1, v)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(start_row=r + 1, start_column=col + 1, end_row=r + c.rowspan, end_column=col + c.colspan)
            col += c.colspan
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _f9_docx_embedded_xlsx(ctx: Ctx) -> tuple[bytes, str]:
    """A .docx whose tables are Excel worksheets pasted as objects (`word/embeddings/*.xlsx`,
    shown as a picture through `w:object`/`o:OLEObject`): the prose in Word, the numbers only in
    the workbooks."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = _docx_doc(ctx)
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for i, (sec, table) in enumerate(ctx.sections, 1):
        d.add_paragraph(HEADINGS[sec])
        part = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{i}.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _f9_xlsx_of(table), d.part.package)
        rid = d.part.relate_to(part, RT.PACKAGE)
        para = d.add_paragraph()
        para._p.append(parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:object w:dxaOrig="9000" w:dyaOrig="6000"><v:shape id="_x0000_i10%02d" type="#_x0000_t75" '
            'style="width:450pt;height:300pt" o:ole=""/>'
            f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i10{i:02d}" DrawAspect="Content" '
            f'ObjectID="_17{ctx.rng.randint(10**7, 10**8)}" r:id="{rid}"/></w:object></w:r>'))
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


FAMILIES["docx-embedded-xlsx"] = _f9_docx_embedded_xlsx


def _f9_zip_of_mails(ctx: Ctx) -> tuple[bytes, str]:
    """A mailbox folder exported as a zip of .eml files (names in GBK): the report's mail, the
    report its body or its attachment (each mail's attachments are members one level down)."""
    mail = (_f9_eml_body if ctx.rng.random() < 0.5 else _f9_eml_attached)(ctx)[0]
    name = f"收件箱/{ctx.case.report_organ}报送{ctx.case.report_year}年报.eml"
    return _zip_bytes([(name, mail)], gbk=ctx.rng.random() < 0.7), ".zip"


FAMILIES["zip-of-mails"] = _f9_zip_of_mails
