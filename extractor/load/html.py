"""HTML pages (as government sites publish them) → `Document` with text and table cells.

The article body is the element that holds the report's tables (and its title, when near);
navigation, scripts and styles are dropped. Each data table (one holding no other table)
becomes a `SourceTable` with its row and column spans, `&nbsp;` cells blank and `<br/>`
inside a label joined; in `Document.text` its rows are lines with tab-separated cells, so
text-based engines see the columns too. The original markup is kept in `source_html`.
"""

from __future__ import annotations

import hashlib
import re
from typing import Callable, Optional

import lxml.html
from lxml import etree

from ..document import Document, SourceCell, SourceTable
from ..errors import InputError
from . import limits
from ._build import TextBuilder, add_document, build_text
from ._grid import Line, join_pages
from ._css_tables import css_tables, hidden_rules
from ._script_tables import script_tables
from .text import read_decoded

_SKIP = {"script", "style", "noscript", "head", "title", "meta", "link", "iframe", "svg", "button", "select",
         "input", "textarea", "object", "template"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "header", "footer", "blockquote", "pre", "form", "center", "dl", "dt", "dd", "hr", "table", "tbody",
          "thead", "tfoot", "tr", "td", "th", "caption", "body", "html", "nav", "aside", "figure", "address"}
_NAV = re.compile(r"nav|menu|footer|breadcrumb|sidebar|crumb|share|topbar|header", re.I)
_SPACE = re.compile(r"[\s\u3000\xa0]+")
_TABLE_WORDS = ("第二十条", "本年新收", "结果维持", "行政复议", "信息内容")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_WORDS = re.compile(r"政府信息公开.{0,6}报告")


#: reads a picture the page shows (its `src`, the text written before it) into a Document of its
#: recognised lines and grids (None: not read; `load/_pictures.Pictures`)
PictureReader = Callable[[str, str], Optional[Document]]


def load_html(path: str, *, read_picture: PictureReader | None = None) -> Document:
    """Read an HTML file into a Document (text, tables with spans and locators, original markup);
    `read_picture` reads the pictures (`<img>`) it shows (without it they are not looked at)."""
    data, markup, encoding = read_decoded(path, limits.MAX_HTML_BYTES, "HTML page", "a report page")
    return html_document(path, data, markup, encoding, read_picture=read_picture)


def html_document(path: str, data: bytes, markup: str, encoding: str | None, *,
                  read_picture: PictureReader | None = None) -> Document:
    """A page's decoded markup to a Document; `data` are the file's bytes (hashed)."""
    # lxml refuses a decoded string that still declares its encoding (XHTML pages do)
    root = _parse(path, _XML_DECL.sub("", markup, count=1))
    if _POSITIONED.search(markup) and (doc := _positioned_document(path, data, markup, encoding, root)) is not None:
        return doc
    _inline_srcdoc(path, root)
    _superscripts(root)
    css_tables(root)
    script_tables(root)
    if _MAY_HIDE.search(markup):  # (most pages hide nothing: not walked)
        _drop_hidden_in_tables(root)
    _unwrap_cell_tables(root)
    title = _SPACE.sub("", " ".join(root.xpath("//title//text()")))
    body = _article(root)
    builder = TextBuilder()
    writer = _Writer(builder, path, read_picture)
    if title and not _TITLE_WORDS.search(_SPACE.sub("", body.text_content()[:400])):
        writer.text(title)
        writer.block()
    writer.walk(body)
    writer.block()
    text = builder.text
    if not builder.tables and _drawn_by_script(root, text):
        raise InputError(path, "the report's tables are drawn by a script on the page from data it does not hold "
                               "as a readable table (scripts are never run); save the page as the browser shows it "
                               "(a web archive .mht, or print it to PDF)")
    if not text.strip():
        raise InputError(path, "the HTML page holds no text")
    return Document(path=path, text=text, format="html", sha256=hashlib.sha256(data).hexdigest(),
                    encoding=encoding, tables=builder.tables, source_html=markup)


#: what a page of positioned runs (pdf2htmlEX) states in its CSS: a class placing text by `bottom`
_POSITIONED = re.compile(r"\.y[0-9a-f]+\s*\{\s*bottom\s*:", re.I)


def _positioned_document(path: str, data: bytes, markup: str, encoding: str | None, root) -> Document | None:
    """A PDF converted to HTML (`_positioned`): its words placed and read as a PDF's are, so its
    tables are rebuilt from where the numbers stand; None when the page is no such conversion."""
    from ._positioned import page_of, positioned_pages

    pages = positioned_pages(root)
    if pages is None:
        return None
    blocks = join_pages([page_of(chars, height, n) for n, (height, chars) in enumerate(pages, 1)])
    tb = TextBuilder()
    title = _SPACE.sub("", " ".join(root.xpath("//title//text()")))
    if title and not any(isinstance(b, Line) and _TITLE_WORDS.search(_SPACE.sub("", "".join(b.parts)))
                         for b in blocks[:8]):
        tb.add_line([title])  # the title first, as for other pages
    build_text(blocks, into=tb)
    text = tb.text
    if not text.strip():
        return None
    return Document(path=path, text=text, format="html", sha256=hashlib.sha256(data).hexdigest(),
                    encoding=encoding, tables=tb.tables, source_html=markup, pages=len(pages))


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _superscripts(root) -> None:
    """A note's number set in `<sup>` (`3<sup>1</sup>`) printed as superscript digits (`3¹`): the
    page shows it raised, apart from the number it follows, and its text must never run into that
    number's digits (31). Other marks in `<sup>` (`*`, `注`, `[1]`) are kept as they are."""
    for sup in root.iter("sup"):
        if len(sup) == 0 and sup.text and sup.text.strip().isdigit() and len(sup.text.strip()) <= 2:
            sup.text = sup.text.strip().translate(_SUPERSCRIPT)


#: a table embedded as HTML in Markdown or text (none nests one: converters write flat tables)
_EMBEDDED = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)


def embedded_tables(path: str, text: str) -> tuple[str, list[SourceTable]] | None:
    """Markdown or text with its tables embedded as HTML `<table>` (model-based PDF converters:
    MinerU, olmOCR, Marker): the text with each table written as a page's table is (rows of
    tab-separated cells), and the tables with their spans; None when no table parses."""
    builder = TextBuilder()
    writer = _Writer(builder, path)
    at = 0
    for m in _EMBEDDED.finditer(text):
        for line in text[at:m.start()].splitlines():
            builder.add_line([line])
        try:
            root = lxml.html.fragment_fromstring(m.group(0), create_parent="div")
        except (etree.ParserError, ValueError):
            return None
        for el in root.iter("table"):
            if not el.xpath(".//table"):
                writer.table(el)
        at = m.end()
    for line in text[at:].splitlines():
        builder.add_line([line])
    return (builder.text, builder.tables) if builder.tables else None

#: what a script that draws a table does (markup in strings, DOM calls, table plug-ins, fetched data)
_DRAWS = re.compile(r"<t[dr]\b|insertRow|insertCell|createElement\(\s*['\"]t[dr]|DataTable|bootstrapTable|"
                    r"layui\.table|\.ajax\(|fetch\(|XMLHttpRequest", re.I)
#: the headings of the tables' sections, as the prose and the page print them
_TABLE_HEADINGS = ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况")
#: words only the tables' cells print (not the prose)
_CELL_WORDS = ("本年新收", "结果维持", "上年结转")


def _drawn_by_script(root, text: str) -> bool:
    """Whether the page's report tables exist only as a script's work: none is in the page (as a
    table or as rows of text), and a script either holds their words or draws tables on a page
    that prints the tables' headings."""
    flat = _SPACE.sub("", text)
    if any(w in flat for w in _CELL_WORDS):
        return False
    scripts = [s.text or "" for s in root.iter("script")]
    if any(w in s for s in scripts for w in _CELL_WORDS + _TABLE_WORDS):
        return True
    return any(h in flat for h in _TABLE_HEADINGS) and any(_DRAWS.search(s) for s in scripts)


#: how deep `<iframe srcdoc>` pages inside `srcdoc` pages are taken in (a page is never fetched)
_MAX_SRCDOC_DEPTH = 3


def _inline_srcdoc(path: str, root) -> None:
    """An `<iframe srcdoc="…">` holds its page's markup in the attribute (a CMS that embeds the
    article so): that page is this file's own content, so its body takes the iframe's place. An
    iframe with a `src` only points elsewhere and is skipped as before (nothing is fetched)."""
    for _ in range(_MAX_SRCDOC_DEPTH):
        frames = [f for f in root.iter("iframe") if (f.get("srcdoc") or "").strip()]
        if not frames:
            return
        for frame in frames:
            inner = _parse(path, _XML_DECL.sub("", frame.get("srcdoc"), count=1))
            body = inner.find("body")
            box = lxml.html.Element("div")
            for child in list(body if body is not None else inner):
                box.append(child)
            box.tail = frame.tail
            frame.getparent().replace(frame, box)


def _parse(path: str, markup: str):
    """The DOM; a page nested deeper than libxml2 allows (256 levels: it silently drops what lies
    deeper) is parsed again without its layout tags, so no table or text is lost."""
    root, limited = _dom(path, markup)
    if not limited:
        return root
    root, limited = _dom(path, flatten(markup))
    if limited:
        raise InputError(path, "the HTML nests tables inside tables deeper than the parser's limit of "
                               "256 levels: it cannot be read without losing content")
    return root


def _dom(path: str, markup: str):
    """(root, whether the parser hit one of its resource limits and dropped content)."""
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"cannot parse the HTML ({exc})") from exc
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


#: tags the reader needs (tables, line breaks, what it skips with its content); others are layout
_KEEP = {"html", "head", "body", "title", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
         "br"} | _SKIP
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")


def flatten(markup: str) -> str:
    """The markup without its layout tags: a block tag (`div`, `p` …) becomes `<br>`, which breaks
    the line as the block did; an inline one (`span`, `font` …) goes. Nesting then comes from
    tables alone."""

    def keep(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name in _KEEP:
            return m.group(0)
        return "<br>" if name in _BLOCK else ""

    return _TAG.sub(keep, markup)


#: what a page must say to hide anything (an attribute, or a declaration inline or in a <style>)
_MAY_HIDE = re.compile(r"hidden|display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)


def _drop_hidden_in_tables(root) -> None:
    """What a table holds but a browser does not show is not printed: a row, cell or run inside a
    `<table>` hidden by its `hidden` attribute, an inline `display:none` / `visibility:hidden`,
    or a class the page's own `<style>` hides so (CMS pages keep stale numbers that way: an old
    value in a hidden `<span>` beside the new one, a hidden extra `<td>`, a hidden copy of a row).
    It is dropped, its tail text kept. Hidden content outside tables (a tab the page's script
    would show, a whole hidden table) is kept as before: the report may be there only."""
    hide = hidden_rules(root)
    for table in root.iter("table"):
        _drop_hidden_columns(table, hide)
    found = [el for table in root.iter("table") for el in table.iter() if isinstance(el.tag, str)
             and el.tag not in ("table", "col", "colgroup")
             and (el.get("hidden") is not None or ((el.get("style") or el.get("class")) and hide(el)))]
    for el in found:
        _remove_keeping_tail(el)


def _hidden_columns(table, hide) -> set[int]:
    """The columns a table's own `<col>`/`<colgroup>` hide (`display:none`, `visibility:collapse`,
    `hidden`): Excel's "save as web page" writes a hidden column so, its cells there or not."""
    out: set[int] = set()
    at = 0
    for el in table:
        if not isinstance(el.tag, str) or el.tag not in ("col", "colgroup"):
            continue
        group_hidden = el.get("hidden") is not None or hide(el)
        cols = [c for c in el if isinstance(c.tag, str) and c.tag == "col"] if el.tag == "colgroup" else [el]
        if not cols:  # a colgroup with no col: its span columns
            cols = [el]
        for col in cols:
            n = _span(col.get("span"))
            if group_hidden or col.get("hidden") is not None or hide(col):
                out.update(range(at, at + n))
            at += n
    return out


def _drop_hidden_columns(table, hide) -> None:
    """A column the table hides is not shown: a cell standing in it alone is dropped, a merged
    cell over it loses it from its `colspan` (the grid counted with every row, hidden or not, as
    the browser lays it out before it hides)."""
    if table.xpath(".//table"):
        return
    hidden = _hidden_columns(table, hide)
    if not hidden:
        return
    taken: set[tuple[int, int]] = set()
    drop, narrow = [], []
    for r, tr in enumerate(table.iter("tr")):
        col = 0
        for td in (c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")):
            while (r, col) in taken:
                col += 1
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            taken.update((i, j) for i in range(r, r + rs) for j in range(col, col + cs))
            shown = cs - len(hidden.intersection(range(col, col + cs)))
            if shown == 0:
                drop.append(td)
            elif shown < cs:
                narrow.append((td, shown))
            col += cs
    for td, shown in narrow:
        td.set("colspan", str(shown))
    for td in drop:
        _remove_keeping_tail(td)


def _remove_keeping_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _unwrap_cell_tables(root) -> None:
    """A table of one cell inside a table's cell (CMS editors wrap a number so, to centre it) is
    that cell's content: it is put in place of the table, so the outer table stays a data table
    and its cells are read as a grid rather than as lines."""
    for inner in list(root.iter("table")):
        if inner.getparent() is None or not inner.xpath("ancestor::td|ancestor::th"):
            continue
        cells = inner.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
        if len(cells) != 1 or inner.xpath(".//table"):
            continue
        box = lxml.html.Element("span")
        box.text = cells[0].text
        for child in list(cells[0]):
            box.append(child)
        box.tail = inner.tail
        inner.getparent().replace(inner, box)


def _data_tables(el) -> list:
    return [t for t in el.iter("table") if not t.xpath(".//table")]


def _article(root):
    """The smallest element holding every report table, widened to take in its title."""
    body = root.find("body")
    body = body if body is not None else root
    tables = [t for t in _data_tables(body) if any(w in _SPACE.sub("", t.text_content()) for w in _TABLE_WORDS)]
    if not tables:
        return body
    node = tables[0]
    while node is not body and not all(_contains(node, t) for t in tables):
        node = node.getparent()
    # widen a little: the title and the narrative sit next to the tables, not inside them
    while node is not body and len(_SPACE.sub("", node.text_content())) < 1500 + sum(
            len(_SPACE.sub("", t.text_content())) for t in tables):
        node = node.getparent()
    return node


def _contains(node, el) -> bool:
    while el is not None:
        if el is node:
            return True
        el = el.getparent()
    return False


class _Writer:
    """Walks the DOM, writing lines of text and whole tables to a TextBuilder."""

    def __init__(self, builder: TextBuilder, path: str, read_picture: PictureReader | None = None) -> None:
        self.b = builder
        self.path = path
        self.line: list[str] = []
        self.n_tables = 0
        self.read_picture = read_picture
        self.n_pictures = 0

    def text(self, s: str | None) -> None:
        if s:
            s = _SPACE.sub(" ", s)
            if s.strip():
                self.line.append(s)

    def block(self) -> None:
        line = "".join(self.line).strip()
        self.line = []
        if line:
            self.b.add_line([line])

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag in ("nav", "aside") or (tag in ("div", "ul") and _NAV.search(f"{el.get('class', '')} {el.get('id', '')}")
                                       and not el.xpath(".//table")):
            return
        if tag == "br":
            self.block()
            return
        if tag == "img" and self.read_picture is not None:
            self.picture(el)
            return
        if tag == "table" and not el.xpath(".//table"):
            self.block()
            self.table(el)
            return
        block = tag in _BLOCK
        if block:
            self.block()
        self.text(el.text)
        for child in el:
            self.walk(child)
            self.text(child.tail)
        if block:
            self.block()

    def picture(self, el) -> None:
        """An `<img>` recognised (`read_picture`): its lines and grids where it stands."""
        src = el.get("src") or el.get("data-src") or ""
        self.block()
        chunk = self.read_picture(src, self.b.text) if self.read_picture is not None else None
        if chunk is not None:
            self.n_pictures += add_document(chunk, self.b, self.n_pictures, {})

    def table(self, el) -> None:
        self.n_tables += 1
        t = self.n_tables
        taken: set[tuple[int, int]] = set()
        cells: list[SourceCell] = []
        rows = [tr for tr in el.iter("tr")]
        for r, tr in enumerate(rows):
            col = 0
            for k, td in enumerate(c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")):
                while (r, col) in taken:
                    col += 1
                rs = _span(td.get("rowspan"))
                cs = _span(td.get("colspan"))
                if len(taken) + rs * cs > limits.MAX_TABLE_SLOTS:  # before the slots are spent
                    raise InputError(self.path, f"table {t} spans more than the {limits.MAX_TABLE_SLOTS} "
                                                "slots a table may have")
                for i in range(r, r + rs):
                    for j in range(col, col + cs):
                        taken.add((i, j))
                cells.append(SourceCell(row=r, col=col, text=_cell_text(td), rowspan=rs, colspan=cs,
                                        locator={"dom": f"table[{t}]/tr[{r + 1}]/td[{k + 1}]"}))
                col += cs
        self.b.add_table(cells)


def _span(v: str | None) -> int:
    try:
        return max(1, min(int(str(v).strip()), 200))
    except (TypeError, ValueError):
        return 1


def _cell_text(td) -> str:
    """A cell's text: `<br/>` inside a label joined, `&nbsp;` and runs of spaces collapsed."""
    parts: list[str] = []

    def walk(e) -> None:
        if isinstance(e.tag, str) and e.tag in _FIELDS:
            parts.append(_shown_in_place(e))
            return
        if isinstance(e.tag, str) and e.tag in _SKIP:
            return
        if e.text:
            parts.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                parts.append(c.tail)

    walk(td)
    raw = "".join(parts)
    if (m := _GROUPED.fullmatch(raw)) is not None:
        # `2&nbsp;629`, `251&thinsp;000`: a number whose digit groups a no-break or thin space
        # keeps apart (the typographic thousands separator) is one number, its separators kept
        # as one narrow no-break space each (never collapsed into a space between two cells)
        return _GROUP_SPACE.sub("\u202f", m.group(1))
    return _SPACE.sub(" ", raw).strip()


#: elements a cell shows text in by their attributes: a form's field, a picture of a number
_FIELDS = {"input", "textarea", "img"}
#: an `<img>`'s alternative text that stands for the number the picture draws
_PICTURED_NUMBER = re.compile(r"\s*[-+]?\d[\d,，]*(?:\.\d+)?\s*")
#: the input types that show their `value` as text
_TEXT_INPUTS = {"", "text", "number", "tel"}


def _shown_in_place(e) -> str:
    """What a form field or a picture in a cell shows as its text: an online filing system's page
    prints every figure in a read-only field (`<input value="12" readonly>`, `<textarea>12`), a
    site that draws its figures as pictures says each in `alt` (or `title`): `<img alt="12">`.
    Without it the cell was read blank (a 0, verified). A picture's text is taken only when it
    is a number (a logo's or a divider's `alt` is no cell text); a hidden field shows nothing."""
    if e.tag == "input":
        if (e.get("type") or "").strip().lower() not in _TEXT_INPUTS:
            return ""
        return f" {e.get('value') or ''} "
    if e.tag == "textarea":
        return f" {e.text or ''} "
    for name in ("alt", "title"):  # (pictures side by side draw one number: no space between)
        said = e.get(name) or ""
        if _PICTURED_NUMBER.fullmatch(said):
            return said.strip()
    return ""


#: a cell holding one number whose groups of three digits stand apart by no-break or thin spaces
_GROUPED = re.compile(r"[\s\u3000]*([1-9][0-9]{0,2}(?:[\xa0\u2009\u202f][0-9]{3})+)[\s\u3000]*")
_GROUP_SPACE = re.compile(r"[\xa0\u2009\u202f]")
