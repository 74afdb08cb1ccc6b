"""Families of files as sites serve them (issue 11's file probe, eval/probe_unseen.py round 3):
the same bordered tables, in a container the loader must open first.

- `web_files`: a page saved by a browser as a web archive (`.mht`/`.mhtml`, the page
  quoted-printable in GB18030 bytes under a GB2312/GBK label, or base64 UTF-8), a page whose
  tables are `<div>`s laid out by CSS (display:table rows, or a grid with row/column spans),
  a CMS page embedding the article with `<iframe srcdoc>`, and a page Word saved as "web page"
  served with a `.doc` suffix.

- `office_files`: the report saved as RTF by Word (`.rtf`, `\\uN?` escapes, row definitions
  repeated before `\\row`) or by WPS and served as `.doc`/`.wps` (GBK `\\'xx` escapes, merges as
  `\\clmgf`/`\\clmrg` runs).

- `doc_files`: the report as binary Word 97–2003 (`_doc_write`): Word's `.doc` or WPS's `.wps`.

Every table prints each cell apart (cells, borders), so none leaves a cell undecidable: the
gold has no `ambiguous` list beyond what the oracle finds. The files are text (ASCII for an
archive or an RTF file), except `doc_files`' binary .doc/.wps (`Page.data`).
"""

from __future__ import annotations

import base64
import html
import quopri

from ._doc_write import doc_report
from ._render import LAYOUTS, Style
from ._rtf_write import rtf_report
from ._tables import HEADINGS, grid
from .family_pages import Draft, Page, _prose, _sections, _title


def _paras(text: str) -> str:
    return "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in text.splitlines() if x.strip())


def _page_html(d: Draft, body: str, *, charset: str = "utf-8", head: str = "") -> str:
    before, after = _prose(d)
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">{head}'
            f"<title>{html.escape(_title(d))}</title></head><body>\n{_paras(before)}\n{body}\n{_paras(after)}\n</body></html>\n")


def _css_tables(d: Draft, style: Style) -> tuple[str, str]:
    """The tables as <div>s: display:table rows of cells, or a CSS grid with spans."""
    kind = d.rng.choice(["table", "grid"])
    out = []
    for sec, table in _sections(d):
        out.append(f"<div class='title'>{html.escape(HEADINGS[sec])}</div>")
        g = grid(table)
        if kind == "table":
            out.append("<div class='t'>")
            for slots in g:
                cells = "".join(f"<div class='td'>{html.escape(style.text(c)) if c is not None else ''}</div>" for c in slots)
                out.append(f"<div class='tr'>{cells}</div>")
            out.append("</div>")
        else:
            out.append(f"<div class='g' style='grid-template-columns:repeat({len(g[0])},1fr)'>")
            for row in table:
                for c in row:
                    spans = "".join(f"grid-{k}:span {v};" for k, v in (("row", c.rowspan), ("column", c.colspan)) if v > 1)
                    out.append(f"<div style='{spans}'>{html.escape(style.text(c)) or '&nbsp;'}</div>")
            out.append("</div>")
    css = ("<style>.t{display:table;border-collapse:collapse}.tr{display:table-row}.td{display:table-cell;"
           "border:1px solid #999}.g{display:grid}.g>div{border:1px solid #999}</style>")
    return _page_html(d, "\n".join(out), head=css), kind


def _mht(d: Draft, page: str) -> str:
    """A browser's single-file archive of `page`: MIME multipart/related, an image part too."""
    rng = d.rng
    url = f"http://www.example.gov.cn/zwgk/ndbg/{d.year}/t{rng.randint(10 ** 7, 10 ** 8)}.html"
    if rng.random() < 0.7:
        label = rng.choice(["gb2312", "gbk", "GB18030"])
        data = page.replace("charset=utf-8", f"charset={label}").encode("gb18030")
        part = (f'Content-Type: text/html; charset="{label}"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
                f"Content-Location: {url}\r\n\r\n" + quopri.encodestring(data).decode("ascii").replace("\n", "\r\n"))
    else:
        data = page.encode("utf-8")
        part = (f'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n'
                f"Content-Location: {url}\r\n\r\n" + base64.encodebytes(data).decode("ascii").replace("\n", "\r\n"))
    boundary = f"----MultipartBoundary--{rng.randint(10 ** 9, 10 ** 10)}----"
    subject = "=?utf-8?B?" + base64.b64encode(_title(d).encode("utf-8")).decode("ascii") + "?="
    return (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\n{part}\r\n\r\n--{boundary}\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Location: http://www.example.gov.cn/images/logo.gif\r\n\r\nR0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\r\n"
            f"--{boundary}--\r\n")


def web_files(d: Draft) -> Page:
    rng = d.rng
    container = rng.choice(["mht", "css", "iframe", "word-doc"])
    style = Style()
    damage = [f"container:{container}"]
    if container == "css":
        text, kind = _css_tables(d, style)
        damage.append(f"css:{kind}")
        return Page(text, ".html", None, damage, input_format="html-utf-8")
    page = _page_html(d, LAYOUTS["html"](_sections(d), style, rng))
    if container == "mht":
        return Page(_mht(d, page), rng.choice([".mht", ".mhtml"]), None, damage, input_format="mht")
    if container == "iframe":
        text = (f"<html><head><meta charset='utf-8'><title>{html.escape(_title(d))}</title></head><body>"
                f"<div class='nav'>首页 &gt; 政务公开 &gt; 年度报告</div>"
                f"<iframe width='100%' height='3000' frameborder='0' srcdoc=\"{html.escape(page, quote=True)}\"></iframe>"
                f"</body></html>\n")
        return Page(text, ".html", None, damage, input_format="html-utf-8")
    word = page.replace("<html>", "<html xmlns:o='urn:schemas-microsoft-com:office:office' "
                                  "xmlns:w='urn:schemas-microsoft-com:office:word'>", 1)
    return Page(word, rng.choice([".doc", ".wps"]), None, damage, input_format="doc-html")


def _slots(table: list) -> list[list[tuple[object, bool] | None]]:
    """The table's grid: each slot its cell and whether the cell starts there."""
    seen: set[int] = set()
    out = []
    for row in grid(table):
        line: list[tuple[object, bool] | None] = []
        for c in row:
            line.append(None if c is None else (c, id(c) not in seen))
            if c is not None:
                seen.add(id(c))
        out.append(line)
    return out


def _flex_rows(d: Draft, style: Style) -> tuple[str, str]:
    """Each row a flex <div> (or a <ul> of <li>s), a merged label in its first row only, a cell
    across columns as wide as `flex: N`; the layout in the page's <style> or a linked sheet."""
    rng = d.rng
    row_tag, cell_tag = rng.choice([("div", "div"), ("div", "span"), ("ul", "li")])
    css = rng.random() < 0.5
    out = []
    for sec, table in _sections(d):
        out.append(f"<div class='title'>{html.escape(HEADINGS[sec])}</div><div class='tbl'>")
        for line in _slots(table):
            cells, k = [], 0
            while k < len(line):
                slot = line[k]
                if slot is None:
                    cells.append(f"<{cell_tag} class='c'></{cell_tag}>")
                    k += 1
                    continue
                c, first = slot
                n = c.colspan  # type: ignore[attr-defined]
                wide = f" style='flex:{n}'" if n > 1 else ""
                text = html.escape(style.text(c)) if first else ""  # type: ignore[arg-type]
                cells.append(f"<{cell_tag} class='c'{wide}>{text}</{cell_tag}>")
                k += n
            out.append(f"<{row_tag} class='r'>" + "".join(cells) + f"</{row_tag}>")
        out.append("</div>")
    head = "<style>.r{display:flex}.c{flex:1}</style>" if css else "<link rel='stylesheet' href='/css/table.css'>"
    return _page_html(d, "\n".join(out), head=head), f"{row_tag}-{cell_tag}{'-css' if css else ''}"


def _script_json(d: Draft, style: Style) -> tuple[str, str]:
    """Each table an empty container, its rows JSON in a script beside it (`var tableData = […]`)
    or in a `<script type="application/json">`: rows of values, or of cell objects with spans."""
    import json

    rng = d.rng
    objects = rng.random() < 0.4
    tag = rng.random() < 0.3
    out = []
    for n, (sec, table) in enumerate(_sections(d), 2):
        if objects:
            data: list = [[{"text": style.text(c), **({"rowspan": c.rowspan} if c.rowspan > 1 else {}),
                            **({"colspan": c.colspan} if c.colspan > 1 else {})} for c in row] for row in table]
        else:
            data = [["" if s is None or not s[1] else style.text(s[0]) for s in line]  # type: ignore[arg-type]
                    for line in _slots(table)]
        js = json.dumps(data, ensure_ascii=rng.random() < 0.3)
        out.append(f"<p><strong>{html.escape(HEADINGS[sec])}</strong></p><div id='table{n}'></div>")
        out.append(f"<script type='application/json'>{js}</script>" if tag else
                   f"<script>var tableData{n} = {js};\nrenderTable('#table{n}', tableData{n});</script>")
    return _page_html(d, "\n".join(out)), f"{'objects' if objects else 'rows'}-{'json' if tag else 'var'}"


def _cms_quirks(d: Draft, style: Style) -> tuple[str, str]:
    """Word's "web page" as a CMS serves it: numbers split over spans, a number in a one-cell
    table, `&nbsp;` for an empty cell, `<o:p>`, conditional comments, the hidden width row."""
    rng = d.rng
    out = []
    for sec, table in _sections(d):
        out.append(f"<p class=MsoNormal><b>{html.escape(HEADINGS[sec])}<o:p></o:p></b></p>"
                   "<table class=MsoNormalTable border=1 cellspacing=0 style='mso-table-layout-alt:fixed'>")
        width = len(grid(table)[0])
        for row in table:
            cells = []
            for c in row:
                t = html.escape(style.text(c))
                if c.key is not None and len(t) > 1 and rng.random() < 0.3:
                    k = rng.randrange(1, len(t))
                    t = f"<span lang=EN-US>{t[:k]}</span><span lang=EN-US style='mso-bidi-font-size:10.5pt'>{t[k:]}</span>"
                if c.key is not None and rng.random() < 0.08:
                    t = f"<table width='100%' border=0><tr><td align=center>{t}</td></tr></table>"
                attrs = "".join(f" {k}={n}" for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                cells.append(f"<td{attrs}><p class=MsoNormal align=center>{t or '&nbsp;'}<o:p></o:p></p></td>")
            out.append("<tr style='mso-yfti-irow:1'>" + "".join(cells) + "</tr>")
        out.append("<![if !supportMisalignedColumns]><tr height=0>" + "<td width=60 style='border:none'></td>" * width
                   + "</tr><![endif]></table>")
    head = "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Pages>3</o:Pages></o:DocumentProperties></xml><![endif]-->"
    return _page_html(d, "\n".join(out), head=head), "word"


def web_pages(d: Draft) -> Page:
    """Web pages whose tables are not plain `<table>`s (round 4 of the file probe): flex rows of
    divs or `<ul>`s of `<li>`s, JSON a script would draw, Word's web page with its CMS quirks."""
    rng = d.rng
    kind = rng.choice(["flex-rows", "script-json", "cms-quirks"])
    style = Style(blank_zero=kind == "cms-quirks" and rng.random() < 0.5)
    text, how = {"flex-rows": _flex_rows, "script-json": _script_json, "cms-quirks": _cms_quirks}[kind](d, style)
    return Page(text, ".html", None, [f"page:{kind}", how], input_format="html-utf-8")


def office_files(d: Draft) -> Page:
    """The report as an RTF file: Word's `.rtf`, or WPS's RTF served as `.doc`/`.wps`."""
    rng = d.rng
    kind = rng.choice(["word-rtf", "wps-doc"])
    before, after = _prose(d)
    if kind == "word-rtf":
        mode = rng.choice(["u", "u+gbk"])
        text = rtf_report(_title(d), before, after, _sections(d), Style().text, rng, mode=mode, style="word")
        return Page(text, ".rtf", None, [f"container:{kind}", f"escapes:{mode}"], input_format="rtf")
    text = rtf_report(_title(d), before, after, _sections(d), Style().text, rng, mode="gbk", style="wps")
    return Page(text, rng.choice([".doc", ".wps"]), None, [f"container:{kind}", "escapes:gbk"], input_format="rtf")


def doc_files(d: Draft) -> Page:
    """The report as binary Word 97–2003: Word's `.doc` or WPS's `.wps` (`_doc_write`)."""
    rng = d.rng
    kind = rng.choice(["word-doc", "wps-wps"])
    before, after = _prose(d)
    data, how = doc_report(_title(d), before, after, _sections(d), Style().text, rng,
                           style="word" if kind == "word-doc" else "wps")
    return Page("", ".doc" if kind == "word-doc" else rng.choice([".wps", ".doc"]), None, [f"container:{kind}", *how],
                input_format="doc", data=data)
