"""Files (round 8: files as users bring them)
"""

from __future__ import annotations

from typing import Any, Callable

from extractor.printed import HEADINGS, grid

from ._common import Ctx, plain
from .docs2 import _pdf
from .files3 import _docx_bytes, _docx_doc, _docx_table, _plain_html


def _zip_bytes(members: list[tuple[str, bytes]], *, gbk: bool) -> bytes:
    """A zip archive; `gbk`: names stored in GBK without the UTF-8 flag, as Chinese Windows zip
    tools (WinRAR, 360压缩, Windows' own "send to compressed folder") write them."""
    import io
    import zipfile

    class _Gbk(zipfile.ZipInfo):
        def _encodeFilenameFlags(self):  # type: ignore[override]
            return self.filename.encode("gbk"), self.flag_bits & ~0x800

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = (_Gbk if gbk else zipfile.ZipInfo)(name, date_time=(2024, 3, 12, 9, 13, 2))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def _report_docx(ctx: Ctx) -> bytes:
    d = _docx_doc(ctx)
    d.add_paragraph(ctx.title)
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for sec, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec])
        _docx_table(d, table, lambda c: plain(c.value))
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d)


def zip_archive(ctx: Ctx) -> tuple[bytes, str]:
    """A subordinate's reports zipped on Chinese Windows: names in GBK without the UTF-8 flag, in
    a folder named after the body; the report as .docx and as .pdf (each member is scored as a
    report of its own), beside `Thumbs.db` and a macOS `__MACOSX/._` fork that are passed over."""
    folder = f"{ctx.case.report_organ}{ctx.case.report_year}年报"
    stem = f"{ctx.case.report_organ}{ctx.case.report_year}年政府信息公开工作年度报告"
    pdf, _ = _pdf(ctx, lambda c: plain(c.value), ruled=True)
    members = [(f"{folder}/{stem}.docx", _report_docx(ctx)), (f"{folder}/{stem}.pdf", pdf),
               (f"{folder}/Thumbs.db", b"\xd0\xcf\x11\xe0" + bytes(60)), (f"__MACOSX/{folder}/._{stem}.pdf", b"\x00\x05\x16\x07")]
    ctx.rng.shuffle(members)
    return _zip_bytes(members, gbk=ctx.rng.random() < 0.8), ".zip"


def zip_nested(ctx: Ctx) -> tuple[bytes, str]:
    """A CMS attachment that is a zip holding the office's zip: the report page (.html, GBK bytes)
    one archive down, its names in GBK."""
    inner = _zip_bytes([(f"{ctx.case.report_organ}/年度报告.html", _plain_html(ctx, charset="gbk").encode("gb18030"))],
                       gbk=True)
    return _zip_bytes([(f"{ctx.case.report_year}年度报告.zip", inner)], gbk=ctx.rng.random() < 0.5), ".zip"


def pdf_is_html(ctx: Ctx) -> tuple[bytes, str]:
    """A site serving the report's own page under a .pdf name (the CMS's "download" link)."""
    charset = ctx.rng.choice(["utf-8", "gbk"])
    return _plain_html(ctx, charset=charset).encode("utf-8" if charset == "utf-8" else "gb18030"), ".pdf"


def html_is_pdf(ctx: Ctx) -> tuple[bytes, str]:
    """A PDF served under the page's own .html/.htm name."""
    return _pdf(ctx, lambda c: plain(c.value), ruled=True)[0], ctx.rng.choice([".html", ".htm"])


def csv_file(ctx: Ctx) -> tuple[bytes, str]:
    """A report kept in Excel and saved as CSV: every line a row padded with commas to the sheet's
    width, prose in the first column, numbers bare, fields with a comma quoted; GBK ("CSV")
    or UTF-8 with a byte-order mark ("CSV UTF-8")."""
    import csv
    import io

    rows: list[list[str]] = [[ctx.title]]
    rows += [[x.strip()] for x in ctx.before.splitlines() if x.strip()]
    for sec, table in ctx.sections:
        rows.append([HEADINGS[sec]])
        rows += [[plain(c.value) if c is not None and c.key is not None else (c.text if c is not None else "")
                  for c in r] for r in grid(table)]
    rows += [[x.strip()] for x in ctx.after.splitlines() if x.strip()]
    width = max(len(r) for r in rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(r + [""] * (width - len(r)) for r in rows)
    if ctx.rng.random() < 0.5:
        return buf.getvalue().encode("gb18030"), ".csv"
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8"), ".csv"


def docx_altchunk(ctx: Ctx) -> tuple[bytes, str]:
    """A .docx a CMS exporter wrote as a shell around the page: the body one `w:altChunk` whose
    part is the report as a web archive (`afchunk.mht`) or an HTML page (`afchunk.htm`)."""
    import quopri

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = _docx_doc(ctx)
    page_bytes = _plain_html(ctx, charset="utf-8").encode("utf-8")
    if ctx.rng.random() < 0.5:
        blob = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_ERICHBLACKLY\"\r\n\r\n"
                b"------=_NextPart_ERICHBLACKLY\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
                b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quopri.encodestring(page_bytes)
                + b"\r\n------=_NextPart_ERICHBLACKLY--\r\n")
        part = Part(PackURI("/word/afchunk.mht"), "message/rfc822", blob, d.part.package)
    else:
        part = Part(PackURI("/word/afchunk.htm"), "text/html", page_bytes, d.part.package)
    el = OxmlElement("w:altChunk")
    el.set(qn("r:id"), d.part.relate_to(part, RT.A_F_CHUNK))
    d.element.body.insert(0, el)
    return _docx_bytes(d), ".docx"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "zip-archive": zip_archive,
    "zip-nested": zip_nested,
    "pdf-is-html": pdf_is_html,
    "html-is-pdf": html_is_pdf,
    "csv-file": csv_file,
    "docx-altchunk": docx_altchunk,
}
