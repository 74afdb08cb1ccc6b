"""Files to `Document`s: one loader per format behind `load(path)`.

    doc = load("report.html")

Folders and globs are expanded by `expand()` (`walk()` also says what it passed over). Each
loader raises `InputError` (naming the file and the problem) rather than returning something
half-read.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..document import Document, SourceFormat
from ..errors import InputError, UnsupportedFormatError
from . import limits
from ._sniff import _OLE, _ZIP, MARKDOWN_SUFFIXES, TEXT_SUFFIXES, markup_kind
from .limits import MAX_BYTES
from .text import decode, read_decoded

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
#: Word's packages: documents, macro-enabled documents and templates (the same XML)
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
RTF_SUFFIXES = {".rtf"}
OFD_SUFFIXES = {".ofd"}
ODT_SUFFIXES = {".odt", ".fodt"}  # .fodt: flat OpenDocument (one XML file)
ODS_SUFFIXES = {".ods", ".fods"}
OLD_WORD_SUFFIXES = {".doc", ".wps"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jfif", ".gif", ".tif", ".tiff", ".bmp", ".webp"}
MHT_SUFFIXES = {".mht", ".mhtml"}
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xls", ".et", ".ett"}  # .ett: a WPS template, as .et
#: zip archives: each supported member is read as a report of its own (`load/archive.py`)
ARCHIVE_SUFFIXES = {".zip"}
#: Word 2003 XML documents (`<w:wordDocument>`); other XML files in a folder are passed over
WORD_XML_SUFFIXES = {".xml"}
#: e-mails (`load/mail.py`): the body a report, or each attachment one (`mail.eml/附件.docx`)
MAIL_SUFFIXES = {".eml"}
#: archives that are not read (no well-kept pure-Python reader): a `failed` line says to unpack them
UNREAD_ARCHIVE_SUFFIXES = {".rar", ".7z"}
SUPPORTED = (TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | OLD_WORD_SUFFIXES | IMAGE_SUFFIXES
             | MHT_SUFFIXES | SHEET_SUFFIXES | RTF_SUFFIXES | OFD_SUFFIXES | ODT_SUFFIXES | ODS_SUFFIXES
             | ARCHIVE_SUFFIXES | MAIL_SUFFIXES | UNREAD_ARCHIVE_SUFFIXES | WORD_XML_SUFFIXES)
#: Files a folder walk passes over (they sit beside reports but are not reports).
_SKIP_NAMES = ("readme", "sources", "license", "changelog")
#: A folder holding this file (eval runs, baselines) is tool output, not reports: walks skip it.
IGNORE_MARKER = ".xxgkignore"


@dataclass
class Walk:
    """What the inputs name: the paths to read, in order, and the files passed over by reason."""

    paths: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, reason: str, path: str) -> None:
        self.skipped.setdefault(reason, []).append(path)


def walk(inputs: Iterable[str]) -> Walk:
    """Files, folders (recursively) and globs to a sorted, de-duplicated list of paths, and what
    was passed over. A missing path, a broken link and a folder that cannot be read are kept, so
    that the batch reports each as `failed`; hidden names are passed over only below a folder
    the user named (never the folder itself or its parents, so `..` and `~/.cache/…` work)."""
    out = Walk()
    for item in inputs:
        if os.path.isdir(item):
            found: list[str] = []
            _walk_folder(item, found, out)
            out.paths.extend(sorted(found, key=Path))
        elif any(ch in item for ch in "*?[") and not os.path.lexists(item):
            out.paths.extend(sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p) or _broken(p)))
        else:
            out.paths.append(item)
    out.paths = list(dict.fromkeys(out.paths))  # each once, first mention first
    from .archive import expand as expand_archives

    out.paths = list(dict.fromkeys(expand_archives(out.paths, out)))  # an archive: its members
    return out


def expand(inputs: Iterable[str]) -> list[str]:
    """The paths `walk` finds (see there)."""
    return walk(inputs).paths


def _walk_folder(top: str, found: list[str], out: Walk) -> None:
    def unreadable(exc: OSError) -> None:
        found.append(exc.filename or top)  # read as a file later: a `failed` line naming it

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        if IGNORE_MARKER in files:
            out.skip(f"tool output (holds {IGNORE_MARKER})", folder)
            dirs.clear()
            continue
        for name in list(dirs):
            path = os.path.join(folder, name)
            if name.startswith(".") or name == "__pycache__":
                out.skip("hidden", path)
            elif os.path.islink(path):
                out.skip("link to a folder (not followed)", path)
            else:
                continue
            dirs.remove(name)
        for name in files:
            path = os.path.join(folder, name)
            reason = _passed_over(name, path)
            if reason:
                out.skip(reason, path)
            else:
                found.append(path)


def _passed_over(name: str, path: str) -> str | None:
    """Why a file met in a folder walk is not read (None: it is)."""
    if name.startswith("."):
        return "hidden"
    if Path(name).suffix.lower() not in SUPPORTED:
        return "not a supported type"
    if Path(name).stem.lower().startswith(_SKIP_NAMES):
        return "not a report (readme, sources, licence, changelog)"
    if not (os.path.isfile(path) or _broken(path)):
        return "not a regular file"
    if Path(name).suffix.lower() in WORD_XML_SUFFIXES and not _word_xml_file(path):
        return "not a report (an XML file that is not a Word document)"
    return None


def _word_xml_file(path: str) -> bool:
    """Whether an `.xml` file is a Word 2003 XML document (its first 4 KB say so)."""
    from .docx import is_word_xml

    try:
        with open(path, "rb") as f:
            return is_word_xml(f.read(4096))
    except OSError:
        return True  # read as a file: its `failed` line says why


def _broken(path: str) -> bool:
    return os.path.islink(path) and not os.path.exists(path)


def read_as(path: str | os.PathLike[str]) -> str:
    """What decides how `load` reads a file besides its bytes: its suffix (the loader, and txt
    vs md). Part of any reuse key: the same bytes as .html and as .md are two readings."""
    return Path(path).suffix.lower()


def load(path: str | os.PathLike[str]) -> Document:
    """Read one file into a `Document`, choosing the loader by its suffix."""
    path = str(path)
    if not os.path.lexists(path) and _in_archive(path):
        return _member(path)  # `archive.zip/member.pdf` (load/archive.py)
    if _broken(path):
        raise InputError(path, f"broken symbolic link (its target {os.readlink(path)} does not exist)")
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        try:
            os.scandir(path).close()
        except OSError as exc:
            raise InputError(path, f"cannot read the folder ({exc.strerror or exc})") from exc
        raise InputError(path, "is a folder, not a file")
    size = os.path.getsize(path)
    if size == 0:
        raise InputError(path, "empty file")
    if size > MAX_BYTES:
        raise InputError(path, f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB)")
    suffix = read_as(path)
    loader = _loader_for(suffix, path)
    return _fold_characters(_bounded_tables(loader(path)))


def _bounded_tables(doc: Document) -> Document:
    """Refuse a table whose spans would cover more slots than `MAX_TABLE_SLOTS` once expanded
    (`SourceTable.grid()`): a hostile `gridSpan`/`colspan` must not allocate gigabytes later."""
    for i, table in enumerate(doc.tables, 1):
        rows, cols = table.n_rows, table.n_cols
        if rows * cols > limits.MAX_TABLE_SLOTS:
            raise InputError(doc.path, f"table {i} spans {rows} rows × {cols} columns, more than the "
                                       f"{limits.MAX_TABLE_SLOTS} slots a table may have")
    return doc


#: Characters that stand for another one, folded one character for one (so every offset into the
#: text still holds) in the text and the cells of every loader's document:
#: - full-width digits (typed with a Chinese input method): titles, labels (`１.属于国家秘密`) and
#:   space-aligned columns read as they do in ASCII;
#: - Kangxi radicals (U+2F00–U+2FD5) and CJK radicals (U+2E80–U+2EF3) in place of the ideographs
#:   they look like (`⼀、总体情况`, `⾏政许可`, `部⻔`): PDFs exported from Word/WPS give them
#:   through pdftotext/pdfium;
#: - CJK compatibility ideographs (U+F900–U+FAFF, `行` U+F907 …) as the unified ideograph;
#: - mathematical digits (U+1D7CE–U+1D7FF, `𝟏𝟐`) as ASCII digits.
#: Only these blocks, never NFKC wholesale: `①`, `¹`, `⑴` are note marks and list numbers the
#: reader tells from a cell's number (`5①` is 5).
_FOLD_AT = re.compile("[０-９\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\U0001d7ce-\U0001d7ff]")
#: CJK Radicals Supplement → the ideograph each stands for (Unicode's EquivalentUnifiedIdeograph
#: data for the forms a report's words use; NFKC folds only U+2E9F and U+2EF3)
_RADICALS_SUPPLEMENT = {
    0x2E81: "厂", 0x2E85: "亻", 0x2E86: "冂", 0x2E87: "几", 0x2E89: "刂", 0x2E8A: "卜", 0x2E8B: "㔾",
    0x2E8C: "小", 0x2E8E: "兀", 0x2E8F: "尣", 0x2E90: "尢", 0x2E92: "巳", 0x2E93: "幺", 0x2E94: "彑",
    0x2E95: "彐", 0x2E96: "忄", 0x2E97: "㣺", 0x2E98: "扌", 0x2E99: "攵", 0x2E9B: "旡", 0x2E9C: "日",
    0x2E9D: "月", 0x2E9E: "歺", 0x2E9F: "母", 0x2EA0: "民", 0x2EA1: "氵", 0x2EA2: "氺", 0x2EA3: "灬",
    0x2EA4: "爫", 0x2EA6: "丬", 0x2EA8: "犭", 0x2EA9: "王", 0x2EAA: "疋", 0x2EAC: "示", 0x2EAD: "礻",
    0x2EAF: "糸", 0x2EB0: "纟", 0x2EB2: "罒", 0x2EB9: "耂", 0x2EBA: "肀", 0x2EBC: "月", 0x2EBD: "臼",
    0x2EBE: "艹", 0x2EBF: "艹", 0x2EC0: "艹", 0x2EC1: "虎", 0x2EC2: "衤", 0x2EC3: "覀", 0x2EC4: "西",
    0x2EC5: "见", 0x2EC6: "角", 0x2EC8: "讠", 0x2EC9: "贝", 0x2ECB: "车", 0x2ECC: "辶", 0x2ECD: "辶",
    0x2ECE: "辶", 0x2ECF: "阝", 0x2ED0: "钅", 0x2ED1: "長", 0x2ED2: "镸", 0x2ED3: "长", 0x2ED4: "门",
    0x2ED6: "阝", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页", 0x2EDB: "风", 0x2EDC: "飞",
    0x2EDD: "食", 0x2EDF: "飠", 0x2EE0: "饣", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼", 0x2EE5: "鱼",
    0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEB: "斉", 0x2EEC: "齐",
    0x2EED: "歯", 0x2EEE: "齿", 0x2EEF: "竜", 0x2EF0: "龙", 0x2EF1: "龜", 0x2EF2: "亀", 0x2EF3: "龟",
}


def _fold_table() -> dict[int, str]:
    import unicodedata

    table: dict[int, str] = {0xFF10 + i: str(i) for i in range(10)}
    table.update({0x1D7CE + i: str(i % 10) for i in range(50)})  # bold, double-struck, sans, sans bold, mono
    table.update(_RADICALS_SUPPLEMENT)
    for lo, hi in ((0x2F00, 0x2FD5), (0xF900, 0xFAFF)):
        for code in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


_FOLD = _fold_table()
#: Characters no reader sees that sit inside numbers and words of text copied from web pages,
#: WeChat articles and CMS editors (`1\u200b2` is 12 on the screen): zero-width space, non-joiner
#: and joiner, left-to-right and right-to-left marks, word joiner, a byte-order mark inside the
#: text, soft hyphen. They are taken out of the text and the cells, and every cell's and table's
#: `span` moved by the number taken out before it (`_drop_invisible`): the offsets stay exact in
#: the text every reader sees.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_INVISIBLE_AT = re.compile(f"[{_INVISIBLE}]")
_NO_INVISIBLE = str.maketrans("", "", _INVISIBLE)


def _fold_characters(doc: Document) -> Document:
    """`_FOLD` and `_INVISIBLE` applied to the text, the cells and the page's markup (its title
    names the body when the text does not: `engine.markup_heading`), see there."""
    if doc.source_html is not None and (_FOLD_AT.search(doc.source_html) or _INVISIBLE_AT.search(doc.source_html)):
        doc.source_html = doc.source_html.translate(_FOLD).translate(_NO_INVISIBLE)
    if _FOLD_AT.search(doc.text) or any(_FOLD_AT.search(c.text) for t in doc.tables for c in t.cells):
        doc.text = doc.text.translate(_FOLD)
        for table in doc.tables:
            for cell in table.cells:
                cell.text = cell.text.translate(_FOLD)
    if _INVISIBLE_AT.search(doc.text) or any(_INVISIBLE_AT.search(c.text) for t in doc.tables for c in t.cells):
        had_text = bool(doc.text.strip())
        _drop_invisible(doc)
        if had_text and not doc.text.strip():
            raise InputError(doc.path, "the file holds no text (only zero-width characters, soft hyphens or spaces)")
    return doc


def _drop_invisible(doc: Document) -> None:
    from bisect import bisect_left

    gone = [m.start() for m in _INVISIBLE_AT.finditer(doc.text)]

    def moved(span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None or not gone:
            return span
        return span[0] - bisect_left(gone, span[0]), span[1] - bisect_left(gone, span[1])

    doc.text = doc.text.translate(_NO_INVISIBLE)
    for table in doc.tables:
        table.span = moved(table.span)
        for cell in table.cells:
            cell.text = cell.text.translate(_NO_INVISIBLE)
            cell.span = moved(cell.span)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_text(path: str) -> Document:
    from ._adoc_tables import adoc_tables
    from ._dash_tables import dash_tables
    from ._gridtext import grid_tables
    from ._inline_math import unwrap_math_numbers
    from ._latex_tables import latex_tables
    from ._pipe_rows import joined_breaks
    from ._rst_list_tables import rst_list_tables
    from ._textile_tables import textile_tables
    from ._wiki_tables import wiki_tables

    data, text, encoding = read_decoded(path, limits.MAX_TEXT_BYTES, "text file", "a report's text")
    fmt: SourceFormat = "md" if path.lower().endswith(MARKDOWN_SUFFIXES) else "txt"
    # An HTML page saved as .txt is still HTML.
    if text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        return _html(path)
    if not text.strip():  # a byte-order mark and spaces: bytes, but no text
        raise InputError(path, f"the file holds no text (only a byte-order mark or spaces, {encoding})")
    # numbers as LaTeX inline math (`$12$`, `$1 2$`, `\(12\)`: MinerU, marker) as they show
    text = unwrap_math_numbers(text)
    # a pipe row's cell over lines (`| 行政规范性文<br>件 |`: docling, marker) as one text
    text = joined_breaks(text)
    if "<table" in text or "<TABLE" in text:
        from .html import embedded_tables

        embedded = embedded_tables(path, text)
        if embedded is not None:  # Markdown with HTML tables (converters): the tables with their spans
            return Document(path=path, text=embedded[0], format=fmt, sha256=sha256_of(data), encoding=encoding,
                            tables=embedded[1])
    # tables drawn as grids (pandoc/Emacs `+---+`) or by dash runs (pandoc simple and multiline,
    # rST simple tables), or written as rST `list-table`, LaTeX `tabular`, MediaWiki `{|`, Textile `|\\2. a|`
    # or AsciiDoc `|===` markup (model-based converters): cells whole, spans as written
    tables = grid_tables(text) + latex_tables(text) + wiki_tables(text) + adoc_tables(text) + dash_tables(text)
    tables += textile_tables(text) + rst_list_tables(text)
    tables.sort(key=lambda t: t.span[0] if t.span else 0)
    return Document(path=path, text=text, format=fmt, sha256=sha256_of(data), encoding=encoding,
                    tables=tables)


def _html(path: str) -> Document:
    from .html import load_html

    return load_html(path)


def _pdf(path: str) -> Document:
    from .pdf import load_pdf

    return load_pdf(path)


def _docx(path: str) -> Document:
    from ._chunk import read_chunk
    from .docx import load_docx

    return load_docx(path, read_chunk=read_chunk)


def _image(path: str) -> Document:
    from .ocr import load_image

    return load_image(path)


def _rtf_file(path: str) -> Document:
    from .rtf import load_rtf

    return load_rtf(path)


def _ofd(path: str) -> Document:
    from .ofd import load_ofd

    return load_ofd(path)


def _odt(path: str) -> Document:
    from .odf import load_odt

    return load_odt(path)


def _ods(path: str) -> Document:
    from .odf import load_ods

    return load_ods(path)


def _old_word(path: str) -> Document:
    """A binary .doc/.wps: read natively (`load/doc.py`); LibreOffice, when installed, is tried
    only on a file that reader refuses (its reason is the error if that fails too)."""
    import shutil

    from .doc import load_word97
    from .docx import load_doc

    if sniff(path) != "ole":
        return load_doc(path)  # not a compound file at all: "convert it" (or LibreOffice's reading)
    try:
        return load_word97(path)
    except InputError as native:
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            raise
        try:
            return load_doc(path)
        except InputError:
            raise native from None


def _mht(path: str) -> Document:
    from .mht import load_mht

    return load_mht(path)


def _sheet(path: str) -> Document:
    from .xlsx import load_xlsx

    return load_xlsx(path)


def _xls(path: str) -> Document:
    from .xls import load_xls

    return load_xls(path)


def sniff(path: str) -> str | None:
    """What the file's bytes are when an office suffix may not say it ("zip", "odt", "ods", "ole",
    "wordxml" (Word 2003 XML), "rtf", "mht", "html"; None: nothing known). Sites serve a `.doc` that is a .docx, a page Word saved as
    "web page" (HTML or a web archive) or RTF, and an `.xls` that is an HTML table."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(_ZIP):
        # an OpenDocument package stores its mimetype first, uncompressed (ODF 1.2, 3.3)
        if head[30:38] == b"mimetype" and b"opendocument.text" in head[38:120]:
            return "odt"
        if head[30:38] == b"mimetype" and b"opendocument.spreadsheet" in head[38:120]:
            return "ods"
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    from .docx import is_word_xml

    if is_word_xml(head):
        return "wordxml"
    return markup_kind(head)


def _office(suffix: str, path: str) -> Callable[[str], Document] | None:
    """The loader for an office file whose bytes are another kind than its suffix says."""
    kind = sniff(path)
    word = suffix in OLD_WORD_SUFFIXES or suffix in DOCX_SUFFIXES or suffix in RTF_SUFFIXES
    if kind == "wordxml" and word:
        return _word_xml
    if kind == "mht":
        return _mht
    if kind == "html":
        return _html
    if word and kind == "zip":
        return _docx
    if word and kind == "odt":
        return _odt
    if suffix in SHEET_SUFFIXES and kind == "ods":
        return _ods
    if word and kind == "rtf":
        return _rtf_file  # read natively (load/rtf.py), tables and merges kept
    if word and kind == "ole":
        return _old_word  # read natively (load/doc.py); LibreOffice only for a file that reader refuses
    if suffix in SHEET_SUFFIXES and kind == "ole":
        return _xls  # Excel 97–2003 (or WPS .et in that format), whatever the suffix says
    if suffix in SHEET_SUFFIXES and kind in ("zip", None):
        return _sheet
    return None


def content_sha256(path: str) -> str:
    """The content hash a re-run compares: a file's bytes, or a zip member's (`a.zip/x.pdf`)."""
    if not os.path.lexists(path) and _in_archive(path):
        from .archive import member_sha256

        return member_sha256(path)
    from ._common import file_sha256

    return file_sha256(path)


def _in_archive(path: str) -> bool:
    from .archive import in_archive

    return in_archive(path) is not None


def _member(path: str) -> Document:
    from .archive import load_member

    return load_member(path)


def _archive(path: str) -> Document:
    from .archive import load_archive

    return load_archive(path)


def _word_xml(path: str) -> Document:
    from .docx import load_word_xml

    return load_word_xml(path)


def _mail(path: str) -> Document:
    from .mail import load_mail

    return load_mail(path)


def _unread_archive(path: str) -> Document:
    from .archive import unread_archive

    return unread_archive(path)


def _by_bytes(kind: str, suffix: str) -> Callable[[str], Document]:
    """The loader for a file whose bytes are `kind` (`_sniff.kind`) under a suffix that says
    otherwise; what it cannot read fails naming what the file is."""
    from ._sniff import NAMES

    loaders: dict[str, Callable[[str], Document]] = {
        "pdf": _pdf, "docx": _docx, "xlsx": _sheet, "ofd": _ofd, "odt": _odt, "ods": _ods, "doc": _old_word,
        "xls": _xls, "rtf": _rtf_file, "mht": _mht, "html": _html, "image": _image, "text": load_text}
    what = f"this {suffix or 'file without a suffix'} is {NAMES[kind]}"

    def read(path: str) -> Document:
        if kind not in loaders:  # a zip archive or another compound file under a report's name
            hint = "; rename it .zip to read the reports in it" if kind == "zip" else ""
            raise InputError(path, f"{what}, not a report file{hint}")
        try:
            return loaders[kind](path)
        except InputError as e:
            raise InputError(path, e.problem if what in e.problem else f"{what}: {e.problem}") from e

    return read


def _loader_for(suffix: str, path: str) -> Callable[[str], Document]:
    from ._sniff import reroute

    rerouted = reroute(suffix, path)
    if rerouted is not None:  # the bytes are another kind than the suffix says (docs/inputs.md)
        return _by_bytes(rerouted, suffix)
    if suffix in ARCHIVE_SUFFIXES:
        return _archive
    if suffix in MAIL_SUFFIXES:
        return _mail
    if suffix in WORD_XML_SUFFIXES:
        return _word_xml
    if suffix in UNREAD_ARCHIVE_SUFFIXES:
        return _unread_archive
    if suffix in OLD_WORD_SUFFIXES | DOCX_SUFFIXES | SHEET_SUFFIXES | RTF_SUFFIXES:
        by_content = _office(suffix, path)
        if by_content is not None:
            return by_content
    if suffix in MHT_SUFFIXES:
        return _mht
    if suffix in SHEET_SUFFIXES:
        return _sheet
    if suffix in TEXT_SUFFIXES:
        return load_text
    if suffix in HTML_SUFFIXES:
        return _html
    if suffix in PDF_SUFFIXES:
        return _pdf
    if suffix in DOCX_SUFFIXES:
        return _docx
    if suffix in IMAGE_SUFFIXES:
        return _image
    if suffix in OLD_WORD_SUFFIXES:
        return _old_word
    if suffix in RTF_SUFFIXES:
        return _rtf_file  # bytes that are not RTF: the RTF loader says so
    if suffix in OFD_SUFFIXES:
        return _ofd
    if suffix in ODT_SUFFIXES:
        return _odt
    if suffix in ODS_SUFFIXES:
        return _ods
    raise UnsupportedFormatError(path, f"unsupported file type {suffix or '(no suffix)'!r}")


__all__ = ["Document", "Walk", "walk", "expand", "load", "read_as", "load_text", "decode", "content_sha256", "SUPPORTED"]
