"""Reports whose tables are pictures (issue 11 unseen layouts, issue 18 scans): a Word document
with its tables pasted as pictures (`word/media/*`), a page saved "complete" (`page.htm` and
`page_files/` holding the pictures: the family sets `ctx.files`, which the writer puts beside the
page, `{stem}` its name), a single-file web archive (.mht) holding them as parts. Each table is
drawn by the scan renderer (`eval/scans.py`, `scan_of`) at the clean or office level; a third of the
reports keep 表二 as text. Read through load/_pictures.py and the scan pipeline: OCR, slow
(~10 CPU s a report).
"""

from __future__ import annotations

import base64
import io
import sys
from typing import Any, Callable

from extractor.printed import HEADINGS

from ._common import ROOT, Ctx, grid_text, plain
from .files3 import _docx_bytes, _docx_table

sys.path.insert(0, str(ROOT / "eval"))
import make_formats  # noqa: E402
import scans  # noqa: E402

_MAKE = {"二": lambda f, t: make_formats.table2(f, t), "三": lambda f, t: make_formats.table3(f, t),
         "四": lambda f, t: make_formats.table4(f)}


def _pictures(ctx: Ctx) -> list[tuple[str, str, bytes | None, str]]:
    """(section, heading, picture bytes or None when the table stays text, picture suffix) per
    table: every table a picture, or (a third of the reports) 表二 kept as text."""
    rng = ctx.rng
    level = rng.choice(["clean", "office"])
    blank_zero = rng.random() < 0.5
    fields = {k: (None if blank_zero and v == 0 else v) for k, v in ctx.values.items()}
    keep_t2 = rng.random() < 0.33
    out = []
    for sec, _table in ctx.sections:
        if keep_t2 and sec == "二":
            out.append((sec, HEADINGS[sec], None, ""))
            continue
        img = scans.scan_of([("table", _MAKE[sec](fields, ctx.template))], level, name=f"{ctx.case.id}:{sec}")
        buf = io.BytesIO()
        if level == "clean":
            img.save(buf, "PNG")
            suffix = ".png"
        else:
            img.save(buf, "JPEG", quality=90)
            suffix = ".jpg"
        out.append((sec, HEADINGS[sec], buf.getvalue(), suffix))
    ctx.recipe = f"{level}, {'zeros blank' if blank_zero else 'zeros printed'}" + (", 表二 as text" if keep_t2 else "")
    return out


def _text_rows(ctx: Ctx, sec: str) -> list[list[str]]:
    table = dict(ctx.sections)[sec]
    return grid_text(table, lambda c: plain(c.value))


def docx_table_pictures(ctx: Ctx) -> tuple[bytes, str]:
    """A Word document: the prose as paragraphs, each table a picture pasted under its heading
    (PNG or JPEG, drawn by the scan renderer at the clean or office level)."""
    import docx
    from docx.shared import Inches

    d = docx.Document()
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for sec, heading, pic, _suffix in _pictures(ctx):
        d.add_paragraph(heading)
        if pic is None:
            table = dict(ctx.sections)[sec]
            _docx_table(d, table, lambda c: plain(c.value))
        else:
            d.add_picture(io.BytesIO(pic), width=Inches(6))
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


_LOGO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAAAAAA6mKC9AAAAEUlEQVR4nGP4z8DAwMDAwAAAHf0B/7CHXXsAAAAASUVORK5CYII=")


def _page_body(ctx: Ctx, src: Callable[[int, str], str]) -> tuple[str, list[tuple[str, bytes]]]:
    """The page's body (Word "web page" style paragraphs) and its pictures (name, bytes)."""
    import html

    parts = [f'<p align=center><img width=16 height=16 src="{src(0, ".png")}"></p>',
             f"<p align=center><b>{html.escape(ctx.title)}</b></p>"]
    files = [("image000.png", _LOGO)]
    for line in ctx.before.splitlines():
        if line.strip() and line.strip() != ctx.title:
            parts.append(f"<p class=MsoNormal>{html.escape(line.strip())}</p>")
    for k, (sec, heading, pic, suffix) in enumerate(_pictures(ctx), 1):
        parts.append(f"<p class=MsoNormal><b>{html.escape(heading)}</b></p>")
        if pic is None:
            rows = _text_rows(ctx, sec)
            parts.append("<table border=1>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(t)}</td>" for t in row) + "</tr>" for row in rows) + "</table>")
        else:
            name = f"image{k:03d}{suffix}"
            parts.append(f'<p class=MsoNormal><img width=576 src="{src(k, suffix)}" alt="{html.escape(heading)}"></p>')
            files.append((name, pic))
    for line in ctx.after.splitlines():
        if line.strip():
            parts.append(f"<p class=MsoNormal>{html.escape(line.strip())}</p>")
    return "\n".join(parts), files


def html_saved_pictures(ctx: Ctx) -> tuple[bytes, str]:
    """A page saved by a browser or Word as "web page, complete": page.htm(l) and the folder
    `page_files/` (Word: `page.files/`) holding its pictures, the tables among them."""
    import html

    rng = ctx.rng
    folder = rng.choice(["{stem}_files", "{stem}_files", "{stem}.files"])
    body, files = _page_body(ctx, lambda k, suffix: f"{folder}/image{k:03d}{suffix}")
    charset = rng.choice(["utf-8", "gb2312"])
    page = (f'<html><head><meta http-equiv=Content-Type content="text/html; charset={charset}">'
            f"<title>{html.escape(ctx.title)}</title></head><body lang=ZH-CN><div class=WordSection1>\n"
            f"{body}\n</div></body></html>")
    data = page.encode("utf-8" if charset == "utf-8" else "gb18030")
    ctx.files = {f"{folder}/{name}": pic for name, pic in files}  # written beside the page, {stem} its name
    return data, rng.choice([".htm", ".html"])


def mht_pictures(ctx: Ctx) -> tuple[bytes, str]:
    """A page saved as a single-file web archive (.mht, Word or a browser): the page
    quoted-printable, each picture a base64 part whose Content-Location the `<img src>` names
    (relative, as Word writes it, or the page's own URL resolved)."""
    import html
    import quopri

    rng = ctx.rng
    word = rng.random() < 0.5
    base = "file:///C:/Users/admin/Desktop/report.htm" if word else \
        f"http://www.example.gov.cn/zwgk/ndbg/{ctx.case.report_year}/t{rng.randint(10**7, 10**8)}.html"
    folder = "report.files" if word else "images"
    body, files = _page_body(ctx, lambda k, suffix: f"{folder}/image{k:03d}{suffix}")
    page = (f'<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312">'
            f"<title>{html.escape(ctx.title)}</title></head><body>\n{body}\n</body></html>").encode("gb18030")
    boundary = f"----=_NextPart_01DA{rng.randint(1000, 9999)}.5E3F{rng.randint(1000, 9999)}"
    qp = quopri.encodestring(page).decode("ascii").replace("\n", "\r\n")
    out = [f"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"{boundary}\"\r\n\r\n"
           f"--{boundary}\r\nContent-Location: {base}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
           f'Content-Type: text/html; charset="gb2312"\r\n\r\n{qp}\r\n']
    root = base.rsplit("/", 1)[0]
    for name, pic in files:
        kind = "image/png" if name.endswith(".png") else "image/jpeg"
        b64 = base64.encodebytes(pic).decode("ascii").replace("\n", "\r\n")
        out.append(f"--{boundary}\r\nContent-Location: {root}/{folder}/{name}\r\nContent-Transfer-Encoding: base64\r\n"
                   f"Content-Type: {kind}\r\n\r\n{b64}\r\n")
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("ascii"), rng.choice([".mht", ".mhtml"])


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "docx-table-pictures": docx_table_pictures,
    "html-saved-pictures": html_saved_pictures,
    "mht-pictures": mht_pictures,
}
