"""Word `.docx` reports: paragraphs in order, and the tables' own cells, merged cells included.

A horizontally merged cell (`w:gridSpan`) is one cell with a colspan; a vertically merged one
(`w:vMerge` restart/continue) is one cell with a rowspan. python-docx only parses the package's
XML: macros and embedded objects are never run. Old `.doc` files are converted first when
LibreOffice is installed (see `convert_doc`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import partial
from typing import Any, Callable, Optional

from ..document import Document, SourceCell
from ..errors import InputError, UnsupportedFormatError
from ._build import TextBuilder, add_document
from ._common import file_sha256
from ._grid import join_parts
from . import limits
from ._package import check_package

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: reads an imported chunk's bytes (path, bytes, content type) into a Document (None: not a kind it reads)
ChunkReader = Callable[[str, bytes, str], Optional[Document]]
#: reads a picture (its part's name, a function giving its bytes, the text written before it) into
#: a Document of its recognised lines and grids (None: not read; `load/_pictures.Pictures.read`)
PictureReader = Callable[[str, Callable[[], bytes], str], Optional[Document]]


def load_docx(path: str, *, read_chunk: ChunkReader | None = None, read_picture: PictureReader | None = None) -> Document:
    """Read a .docx into a `Document` whose tables keep Word's cells; `read_chunk` reads the parts
    a `w:altChunk` imports (without it they are skipped); `read_picture` the pictures the body
    shows (without it they are not looked at)."""
    check_package(path, main_part="word/document.xml", kind="a Word document", suffix=".docx",
                  not_zip="corrupt .docx (not a zip package); if it is an old .doc renamed, save it as .docx")
    try:
        part, body = _main_part(path)
    except Exception as e:  # python-docx raises several types for a bad package
        raise InputError(path, f"not a readable .docx ({type(e).__name__}: {e})") from e
    tb = TextBuilder()
    heads, feet = _margins(path, part, body)
    for line in heads:
        tb.add_line([line])
    _read_body(path, part, body, tb, read_chunk, read_picture)
    for line in feet:
        tb.add_line([line])
    if not tb.text.strip():
        raise InputError(path, "the Word document has no text")
    return Document(path=path, text=tb.text, format="docx", sha256=file_sha256(path), tables=tb.tables)


def _read_body(path: str, part: Any, body: Any, tb: TextBuilder, read_chunk: ChunkReader | None,
               read_picture: PictureReader | None = None) -> None:
    """The body's paragraphs as lines and its tables as cells, in order (`_blocks`)."""
    n_table = 0
    embedded: set[str] = set()
    for el in _blocks(body):
        if el.tag == f"{_W}p":
            tb.add_line([_para_text(el)])
            ole = el.find(f".//{_O}OLEObject") is not None
            if part is not None and read_chunk is not None and ole:
                n_table += _embedded(path, part, el, tb, n_table, read_chunk, embedded)
            elif part is not None and read_picture is not None:
                n_table += _pictures(part, el, tb, n_table, read_picture)
        elif el.tag == f"{_W}tbl":
            tb.add_table(_table_cells(el, n_table))
            n_table += 1
        elif el.tag == f"{_W}altChunk" and part is not None:
            n_table += _alt_chunk(path, part, el, tb, n_table, read_chunk)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _margins(path: str, part: Any, body: Any) -> tuple[list[str], list[str]]:
    """The lines of the page headers and footers (`word/header*.xml`, `footer*.xml`) the
    document's sections name, each line once, only lines with words (two or more CJK
    characters: not a page number field): a report whose title (the organ) Word prints only in
    the running header keeps it, as a PDF of the same pages does. Headers go before the body's
    text, footers after it (where a page's text has them)."""
    from docx.oxml.parser import parse_xml

    out: tuple[list[str], list[str]] = ([], [])
    seen: set[str] = set()
    parts: set[str] = set()
    for ref in body.iter(f"{_W}headerReference", f"{_W}footerReference"):
        try:
            target = part.rels[ref.get(f"{_R}id")].target_part
        except (KeyError, AttributeError):
            continue  # a dangling reference: Word shows no header there
        if str(target.partname) in parts:
            continue  # each header read once, however many sections name it
        parts.add(str(target.partname))
        blob = target.blob
        if len(blob) > limits.MAX_DOCX_XML_PART:
            continue  # held to the part limit by check_package already
        try:
            root = target.element if hasattr(target, "element") else parse_xml(blob)
        except Exception:  # a header that is not XML: Word shows none
            continue
        into = out[0] if ref.tag == f"{_W}headerReference" else out[1]
        for el in _blocks(root):
            if el.tag == f"{_W}p":
                lines = [_para_text(el)]
            elif el.tag == f"{_W}tbl":
                lines = [join_parts(c.text for c in _table_cells(el, 0))]
            else:
                continue
            for line in lines:
                if len(_CJK.findall(line)) >= 2 and line not in seen:
                    seen.add(line)
                    into.append(line)
    return out


#: the main part's content types of a macro-enabled document and of templates (python-docx opens
#: only a plain document's; the XML is the same)
_WORD_MAIN = ("application/vnd.ms-word.document.macroEnabled.main+xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
              "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _main_part(path: str) -> tuple[Any, Any]:
    """The package's main document part and its `w:body`: a .docx through python-docx; a .docm,
    .dotx or .dotm (Word's other main-part content types) through its package, the part's XML
    parsed with python-docx's parser (no entities, no DTD). Macros are never looked at."""
    import docx
    from docx.opc.package import OpcPackage
    from docx.oxml.parser import parse_xml

    try:
        d = docx.Document(path)
        return d.part, d.element.body
    except ValueError:
        part = OpcPackage.open(path).main_document_part
        if part.content_type not in _WORD_MAIN:
            raise
        element = part.element if hasattr(part, "element") else parse_xml(part.blob)
        body = element.find(f"{_W}body")
        if body is None:
            raise ValueError("the main part has no w:body")
        return part, body


def _alt_chunk(path: str, part: Any, el: Any, tb: TextBuilder, n_table: int, read_chunk: ChunkReader | None) -> int:
    """A `w:altChunk`: content Word imports when it opens the file (CMS exporters put the whole
    report there, as a web archive `afchunk.mht` or an HTML page), read by `read_chunk` (the
    HTML/MHT loader, `load/_chunk.py`) and added as lines and tables; returns the tables added."""
    from .limits import MAX_HTML_BYTES

    rid = el.get(f"{_R}id")
    try:
        target = part.rels[rid].target_part
    except (KeyError, AttributeError):
        return 0  # a dangling reference: Word shows nothing there either
    if read_chunk is None:
        return 0
    blob, ctype = target.blob, (target.content_type or "").lower()
    if len(blob) > 2 * MAX_HTML_BYTES:
        raise InputError(path, f"the imported chunk {target.partname} is {len(blob) >> 20} MB, more than a report "
                               "page may have")
    chunk = read_chunk(path, blob, ctype)
    return 0 if chunk is None else _add_document(chunk, tb, n_table, str(target.partname))


_O = "{urn:schemas-microsoft-com:office:office}"
#: embedded objects read as the report's content: workbooks (a table pasted from Excel as an object)
_EMBEDDED_SHEETS = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.ms-excel.sheet.macroEnabled.12")


def _embedded(path: str, part: Any, p: Any, tb: TextBuilder, n_table: int, read_chunk: ChunkReader,
              read: set[str]) -> int:
    """The workbooks a paragraph shows as OLE objects (`o:OLEObject` → `word/embeddings/*.xlsx`:
    a table pasted from Excel; the page shows only its picture), read by `read_chunk` (the
    workbook loader) and added as lines and tables, each part once (`read`: the parts read so far,
    at most `MAX_EMBEDDED_WORKBOOKS`); returns the tables added."""
    added = 0
    for obj in p.iter(f"{_O}OLEObject"):
        try:
            target = part.rels[obj.get(f"{_R}id")].target_part
        except (KeyError, AttributeError):
            continue
        if str(target.partname) in read:
            continue  # shown twice, read once
        if len(read) >= limits.MAX_EMBEDDED_WORKBOOKS:
            raise InputError(path, f"the Word document embeds more than {limits.MAX_EMBEDDED_WORKBOOKS} workbooks "
                                   "(a report pastes a few tables)")
        read.add(str(target.partname))
        ctype = (target.content_type or "").lower()
        if ctype not in _EMBEDDED_SHEETS and not str(target.partname).lower().endswith((".xlsx", ".xlsm")):
            continue  # a picture, an equation, a Word document: not read
        try:
            chunk = read_chunk(path, target.blob, _EMBEDDED_SHEETS[0])
        except InputError:
            continue  # a damaged or empty workbook (or one past a limit): as a picture, not read
        if chunk is not None:
            added += _add_document(chunk, tb, n_table + added, str(target.partname))
    return added


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"


def _pictures(part: Any, p: Any, tb: TextBuilder, n_table: int, read_picture: PictureReader) -> int:
    """The pictures a paragraph shows (DrawingML `a:blip r:embed`, VML `v:imagedata r:id`; a
    linked picture, `r:link`, is never fetched), each handed to `read_picture` with the text
    written so far; what it recognises is added after the paragraph. Returns the tables added."""
    added = 0
    for el in p.iter(f"{_A}blip", f"{_V}imagedata"):
        rid = el.get(f"{_R}embed") if el.tag == f"{_A}blip" else el.get(f"{_R}id")
        try:
            target = part.rels[rid].target_part
        except (KeyError, AttributeError):
            continue  # a linked or dangling picture: nothing in the package to read
        chunk = read_picture(str(target.partname), partial(_blob, target), tb.text)
        if chunk is not None:
            added += _add_document(chunk, tb, n_table + added, str(target.partname))
    return added


def _blob(part: Any) -> bytes:
    return bytes(part.blob)


def _add_document(chunk: Document, tb: TextBuilder, n_table: int, where: str) -> int:
    """A chunk's lines and tables added to `tb` in their order (`_build.add_document`; the locator
    says which chunk)."""
    return add_document(chunk, tb, n_table, {"chunk": where})


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TXBX = f"{_W}txbxContent"


def _blocks(parent: Any) -> Any:
    """Body paragraphs and tables in order, looking inside content controls and custom XML
    (`_WRAPS`), frame tables and text boxes: a table whose cells hold tables is page layout (the
    whole report in a one-cell frame), so its cells' paragraphs and tables are read in order; a
    paragraph anchoring text boxes is followed by the boxes' paragraphs and tables (Word and WPS
    put tables there)."""
    for el in parent.iterchildren():
        if el.tag in _WRAPS:
            inner = _unwrapped(el)
            if inner is not None:
                yield from _blocks(inner)
        elif el.tag == f"{_W}tbl" and el.find(f".//{_W}tc//{_W}tbl") is not None:
            for tr in _parts(el, "tr"):
                for tc in _parts(tr, "tc"):
                    yield from _blocks(tc)
        elif el.tag == f"{_W}p" and el.find(f".//{_TXBX}") is not None:
            yield el
            for box in _boxes(el):
                yield from _blocks(box)
        else:
            yield el


#: elements Word wraps around paragraphs, tables, rows and cells without changing what they show:
#: content controls (`w:sdt`, the content in `w:sdtContent`: form templates, WPS's "文档部件") and
#: custom XML (`w:customXml`, a schema's tags around a row or a cell, as CMS templates write them)
_WRAPS = frozenset({f"{_W}sdt", f"{_W}customXml"})


def _unwrapped(el: Any) -> Any | None:
    """The element holding a wrapper's content: a content control's `w:sdtContent` (its
    `w:sdtPr` and `w:sdtEndPr` are settings, not text), a custom XML element itself."""
    if el.tag == f"{_W}sdt":
        return el.find(f"{_W}sdtContent")
    return el


def _parts(parent: Any, name: str) -> Any:
    """The `w:NAME` children of `parent` (rows of a table, cells of a row) in order, those inside
    content controls and custom XML included: Word writes `w:tbl/w:sdt/w:sdtContent/w:tr` for a
    row made a repeating-section control and `w:tr/w:sdt/…/w:tc` for a cell made a plain-text
    control (form-like report templates); read as direct children, such a row or cell was lost."""
    for el in parent.iterchildren():
        if el.tag == f"{_W}{name}":
            yield el
        elif el.tag in _WRAPS and (inner := _unwrapped(el)) is not None:
            yield from _parts(inner, name)


def _boxes(p: Any) -> list[Any]:
    """A paragraph's text boxes, each once: of an `mc:AlternateContent` pair (DrawingML and its
    VML fallback hold the same box) the fallback is left out, and a box inside a box is read with it."""
    out = []
    for box in p.iter(_TXBX):
        up, inner = box.getparent(), False
        while up is not None and up is not p:
            if up.tag == f"{_MC}Fallback" or up.tag == _TXBX:
                inner = True
                break
            up = up.getparent()
        if not inner:
            out.append(box)
    return out


def _para_text(p: Any) -> str:
    """A paragraph's text: runs, tabs and breaks (as spaces), non-breaking hyphens and symbols;
    text Word does not show left out (`_unshown`: deleted and moved-away revisions, hidden runs,
    ruby guides), and the text of text boxes anchored in it (read after it as blocks of their
    own, `_blocks`). A field's code (`w:instrText`) is not text; its shown result is read."""
    out = []
    nodes = p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}delText", f"{_W}noBreakHyphen", f"{_W}sym")
    if p.find(f".//{_TXBX}") is not None or p.find(f".//{_MC}Fallback") is not None:
        nodes = (n for n in list(nodes) if not _in_box(n, p))
    if _may_hide(p):
        nodes = (n for n in list(nodes) if not _unshown(n, p))
    for node in nodes:
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}noBreakHyphen":
            out.append("-")  # as the .doc reader reads its 0x1E: a minus before a number
        elif node.tag == f"{_W}sym":
            out.append(_sym_text(node))
        elif node.tag != f"{_W}delText":
            out.append(" ")
    return "".join(out).strip()


#: what makes a run's text unshown: a move's old place (`w:moveFrom`: Track Changes shows the
#: text at its `w:moveTo`, where it is read), a ruby's guide text (`w:rt`, pinyin over the base)
_UNSHOWN_AROUND = frozenset({f"{_W}moveFrom", f"{_W}rt"})
#: a toggle property's values that turn it off (ST_OnOff)
_OFF = frozenset({"0", "false", "off"})


def _may_hide(p: Any) -> bool:
    """Whether `p` holds anything `_unshown` looks for (most paragraphs do not: skip the walk)."""
    return next(p.iter(f"{_W}vanish", f"{_W}moveFrom", f"{_W}rt"), None) is not None


def _unshown(node: Any, p: Any) -> bool:
    """Whether a text node of paragraph `p` is text Word neither shows nor prints: in a hidden run
    (`w:rPr/w:vanish` not turned off: a note typed and hidden, an older number kept hidden
    beside the new one, which would join it into one number), at a move's old place, or a
    ruby's guide text. A run's character style is not looked into (as in the .doc reader)."""
    up = node.getparent()
    while up is not None and up is not p:
        if up.tag in _UNSHOWN_AROUND:
            return True
        if up.tag == f"{_W}r":
            vanish = up.find(f"{_W}rPr/{_W}vanish")
            if vanish is not None and vanish.get(f"{_W}val", "true").strip().lower() not in _OFF:
                return True
        up = up.getparent()
    return False


def _sym_text(sym: Any) -> str:
    """The character a `w:sym` shows: its `w:char` code (hex). The Symbol font's digits, `%`,
    `+`, `,`, `-` and `.` (F025, F02B–F02E, F030–F039: the ASCII places, Symbol's `-` a minus)
    are those characters; another private-range code (a Wingdings picture, a Greek letter)
    stays as it is, not a digit, so the text on its two sides is not joined into one number."""
    try:
        code = int(sym.get(f"{_W}char", ""), 16)
    except ValueError:
        return " "
    low = code - 0xF000
    if (low == 0x25 or 0x2B <= low <= 0x2E or 0x30 <= low <= 0x39) and \
            (sym.get(f"{_W}font") or "").strip().lower() == "symbol":
        return chr(low)
    if code < 0x20 or 0xD800 <= code <= 0xDFFF or code >= 0x110000:
        return " "  # a control character or no character at all
    return chr(code)


def _in_box(node: Any, p: Any) -> bool:
    """Whether `node` lies in a text box or a compatibility fallback inside paragraph `p`."""
    up = node.getparent()
    while up is not None and up is not p:
        if up.tag == _TXBX or up.tag == f"{_MC}Fallback":
            return True
        up = up.getparent()
    return False


def _cell_text(tc: Any) -> str:
    """All paragraphs of a cell (nested tables included), wrapped lines joined."""
    return join_parts(_para_text(p) for p in tc.iter(f"{_W}p"))


def _val(el: Any, name: str) -> str | None:
    child = el.find(f"{_W}tcPr/{_W}{name}") if el is not None else None
    if child is None:
        return None
    return child.get(f"{_W}val", "")


def _count(value: str | None, default: int) -> int:
    """A grid count as Word writes it (a non-negative integer); anything else is `default`."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() else default


def _table_cells(tbl: Any, index: int) -> list[SourceCell]:
    """A `w:tbl` to cells on its grid: gridBefore/gridSpan move columns, vMerge extends rowspans,
    an old Word's hMerge joins a cell to the one before it (`_h_merged`). Rows and cells inside
    content controls and custom XML are read (`_parts`); a row or a cell deleted with Track
    Changes on is not (`_deleted`), as its text is not."""
    cells: list[SourceCell] = []
    open_cells: dict[int, SourceCell] = {}  # grid column → the cell a vMerge continues
    r = -1
    for tr in _parts(tbl, "tr"):
        if _deleted(tr, "trPr", "del"):
            continue
        r += 1
        col = 0
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            col = _count(before.get(f"{_W}val"), 0)
        last: SourceCell | None = None
        for tc in _parts(tr, "tc"):
            if _deleted(tc, "tcPr", "cellDel"):
                continue
            span = max(1, _count(_val(tc, "gridSpan"), 1))
            vmerge = _val(tc, "vMerge")
            if vmerge is not None and vmerge != "restart" and col in open_cells:
                above = open_cells[col]
                above.rowspan = r - above.row + 1
                last = None
            elif last is not None and _h_merged(tc, last, span):
                pass
            else:
                cell = SourceCell(
                    row=r, col=col, rowspan=1, colspan=span, text=_cell_text(tc),
                    locator={"table": index, "row": r, "col": col},
                )
                cells.append(cell)
                last = cell
                if vmerge == "restart":
                    open_cells[col] = cell
                else:
                    open_cells.pop(col, None)
            col += span
    return cells


def _deleted(el: Any, props: str, mark: str) -> bool:
    """Whether a row (`w:trPr/w:del`) or a cell (`w:tcPr/w:cellDel`) is a tracked deletion: Word
    shows it struck through until the change is accepted, and the document without it."""
    return el.find(f"{_W}{props}/{_W}{mark}") is not None


def _h_merged(tc: Any, last: SourceCell, span: int) -> bool:
    """An old Word's horizontal merge (`w:hMerge`, before `w:gridSpan`): a cell marked to continue
    the merge widens the cell before it in the row (the one marked `restart`), which shows the
    merged text; a continuing cell's own text, if it has any, is kept after it."""
    hmerge = _val(tc, "hMerge")
    if hmerge is None or hmerge == "restart":
        return False
    last.colspan += span
    text = _cell_text(tc)
    if text:
        last.text = join_parts([last.text, text])
    return True


#: Word 2003 XML ("XML 文档", `<w:wordDocument>`): WordprocessingML before Office Open XML
_W2003 = "{http://schemas.microsoft.com/office/word/2003/wordml}"
_WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
#: its names that Office Open XML spells otherwise
_RENAMED_2003 = {"vmerge": "vMerge", "hmerge": "hMerge"}


_WORD_XML_ROOT = re.compile(rb"<(?:\w+:)?wordDocument\b")


def is_word_xml(head: bytes) -> bool:
    """Whether a file's first bytes are a Word 2003 XML document: XML (`<` first, after a
    byte-order mark and spaces) whose processing instruction names Word or whose root is
    `wordDocument`. (Word's own RTF names the 2003 namespace in its header: not enough.)"""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return False
    return b'<?mso-application progid="Word.Document"?>' in head or _WORD_XML_ROOT.search(head) is not None


def load_word_xml(path: str) -> Document:
    """Read a Word 2003 XML document (`.xml`, also saved as `.doc` by CMS exporters): the same
    paragraphs, tables, merges, revisions and hidden text as a `.docx` (its elements renamed to
    Office Open XML's: `w:vmerge` → `w:vMerge`; `wx:sect`/`wx:sub-section` unwrapped), page headers
    and footers (`w:hdr`/`w:ftr` in the section properties) read as a `.docx`'s are."""
    from ._xml import read_xml_file

    root = read_xml_file(path, "the Word XML document")
    if root.tag != f"{_W2003}wordDocument":
        raise InputError(path, "not a Word 2003 XML document (no w:wordDocument root)")
    _to_ooxml(root)
    body = root.find(f"{_W}body")
    if body is None:
        raise InputError(path, "the Word XML document has no w:body")
    tb = TextBuilder()
    margins: tuple[list[str], list[str]] = ([], [])
    seen: set[str] = set()
    for kind, into in ((f"{_W}hdr", margins[0]), (f"{_W}ftr", margins[1])):
        for part in list(body.iter(kind)):
            for el in _blocks(part):
                if el.tag == f"{_W}p":
                    line = _para_text(el)
                    if len(_CJK.findall(line)) >= 2 and line not in seen:
                        seen.add(line)
                        into.append(line)
            part.getparent().remove(part)
    for line in margins[0]:
        tb.add_line([line])
    _read_body(path, None, body, tb, None)
    for line in margins[1]:
        tb.add_line([line])
    if not tb.text.strip():
        raise InputError(path, "the Word document has no text")
    return Document(path=path, text=tb.text, format="docx", sha256=file_sha256(path), tables=tb.tables)


def _to_ooxml(root: Any) -> None:
    """A Word 2003 tree in Office Open XML's names, in place: `w:` elements and attributes moved to
    the 2006 namespace (two renamed), `wx:` section wrappers replaced by their children."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag.startswith(_W2003):
            name = el.tag[len(_W2003):]
            el.tag = _W + _RENAMED_2003.get(name, name)
        for key in [k for k in el.attrib if k.startswith(_W2003)]:
            el.set(_W + key[len(_W2003):], el.attrib.pop(key))
    for el in list(root.iter(f"{_WX}sect", f"{_WX}sub-section")):
        parent = el.getparent()
        if parent is None:
            continue
        at = parent.index(el)
        for i, child in enumerate(list(el)):
            parent.insert(at + i, child)
        parent.remove(el)


def _what(path: str) -> str:
    """What an office file needing conversion is, as its first bytes say (for the error)."""
    with open(path, "rb") as f:
        head = f.read(8)
    suffix = os.path.splitext(path)[1].lower()
    if head.lstrip().startswith(b"{\\rtf"):
        return f"RTF document (named {suffix or 'without a suffix'})"
    if suffix in (".doc", ".wps"):
        return "old Word/WPS format (.doc/.wps)"
    return f"old binary Word/WPS file named {suffix or 'without a suffix'}"


def convert_doc(path: str, outdir: str) -> str:
    """Convert an old .doc/.wps to .docx with LibreOffice (headless, macros off); the new path."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise UnsupportedFormatError(
            path, f"{_what(path)} cannot be read; convert it to .docx or PDF first "
            "(e.g. `libreoffice --headless --convert-to docx FILE`), or install LibreOffice"
        )
    profile = tempfile.mkdtemp(prefix="xxgk-lo-")
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "docx", "--outdir", outdir, path]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        raise InputError(path, f"LibreOffice could not convert it to .docx ({type(e).__name__})") from e
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".docx")
    if not os.path.exists(out):
        raise InputError(path, "LibreOffice produced no .docx")
    return out


def load_doc(path: str) -> Document:
    """An old .doc/.wps through LibreOffice; the Document keeps the original path and hash."""

    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        doc = load_docx(convert_doc(path, tmp))
    doc.path = path
    doc.sha256 = file_sha256(path)
    return doc
