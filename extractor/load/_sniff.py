"""What a file's first bytes say it is, for every suffix (docs/inputs.md, "A suffix that lies").

Sites serve an HTML page (an error page, or the report's own page) under `.pdf`, a PDF under
`.html` or `.doc`, a Word document under `.txt`, a PDF under an image's suffix. `kind(path)`
names what the bytes are; `reroute(suffix, path)` gives that kind when it is definite and not one
the suffix's own loader reads, so a file whose bytes match its suffix is read exactly as before.
`told(path, format, message)` puts "this .pdf is an HTML page" in front of a failure of a file read
by its bytes, so the `failed` line says what the file really was.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

#: what each kind is called in messages
NAMES = {
    "pdf": "a PDF", "docx": "a Word document (.docx)", "xlsx": "an Excel workbook (.xlsx)",
    "ofd": "an OFD document", "odt": "an OpenDocument text (.odt)", "ods": "an OpenDocument spreadsheet (.ods)",
    "zip": "a zip archive", "doc": "a binary Word 97–2003 document (.doc)",
    "xls": "an Excel 97–2003 workbook (.xls)", "ole": "an OLE compound file (not Word or Excel)",
    "rtf": "an RTF document", "mht": "a web archive (MHT)", "html": "an HTML page", "image": "an image",
    "text": "a text file",
}

#: plain text, and the markup converters and wikis write (pandoc's .rst, AsciiDoc, org-mode,
#: Textile, MediaWiki, LaTeX): the text loader reads their tables (`load/_*_tables.py`)
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".csv", ".tsv", ".rst", ".adoc", ".asciidoc",
                           ".org", ".textile", ".wiki", ".mediawiki", ".tex"})
#: of those, the ones whose text is Markdown (`Document.format` "md")
MARKDOWN_SUFFIXES = (".md", ".markdown")

_ZIP, _OLE, _RTF = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|div|p|\?xml)\b",
                         re.I | re.S)

#: the kinds each suffix's own loader reads (None: no magic bytes, e.g. text); any other definite
#: kind is read by what it is
_TEXT = {None, "html"}  # load_text reads an HTML page saved as text itself
_ACCEPTS: dict[str, set[str | None]] = {
    **{s: _TEXT for s in TEXT_SUFFIXES},
    **{s: {None, "html"} for s in (".html", ".htm", ".shtml", ".xhtml")},
    ".pdf": {None, "pdf"},
    **{s: {None, "image"} for s in (".png", ".jpg", ".jpeg", ".jfif", ".gif", ".tif", ".tiff", ".bmp", ".webp")},
    **{s: {None, "mht", "html"} for s in (".mht", ".mhtml")},
    ".zip": {None, "zip"},
    ".ofd": {None, "ofd", "zip"},
    # the OpenDocument loader itself says "no office:text" of a spreadsheet named .odt (and back)
    ".odt": {None, "odt", "ods", "zip"},
    ".ods": {None, "ods", "odt", "zip"},
    # office suffixes: `load._office` handles zip/ole/rtf/html/mht by the bytes already; what is
    # left to reroute is a PDF, an image, an OFD, and a workbook named as a Word document (or back)
    **{s: {None, "docx", "zip", "odt", "ole", "doc", "rtf", "html", "mht", "xls"}
       for s in (".doc", ".wps", ".docx", ".docm", ".dotx", ".dotm", ".rtf")},
    **{s: {None, "xlsx", "zip", "ods", "ole", "xls", "html", "mht", "doc"} for s in (".xls", ".et", ".ett", ".xlsx", ".xlsm", ".xltx")},
}
#: the `Document.format`s a suffix's own loader gives (a different one: the file was read by its bytes)
_FORMATS: dict[str, set[str]] = {
    **{s: {"txt", "md", "html"} for s in TEXT_SUFFIXES},
    **{s: {"html"} for s in (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml")},
    ".pdf": {"pdf"},
    **{s: {"image"} for s in (".png", ".jpg", ".jpeg", ".jfif", ".gif", ".tif", ".tiff", ".bmp", ".webp")},
    ".ofd": {"ofd"}, ".odt": {"odt"}, ".ods": {"ods"},
    **{s: {"docx", "doc"} for s in (".doc", ".wps", ".docx", ".docm", ".dotx", ".dotm")},
    ".rtf": {"rtf"},
    **{s: {"xlsx", "xls"} for s in (".xls", ".et", ".ett", ".xlsx", ".xlsm", ".xltx")},
}
#: suffixes whose loaders read a binary format: a file of plain text under one is read as text
#: (not OFD or OpenDocument: their loaders' "corrupt .ofd (not a zip package)" says enough of a
#: file no site serves as text)
_BINARY = {".pdf", ".png", ".jpg", ".jpeg", ".jfif", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".zip",
           ".doc", ".wps", ".docx", ".docm", ".dotx", ".dotm", ".xls", ".et", ".ett", ".xlsx", ".xlsm", ".xltx"}
_FORMAT_KIND = {"txt": "text", "pdf": "pdf", "html": "html", "docx": "docx", "doc": "doc", "xlsx": "xlsx", "xls": "xls",
                "image": "image", "rtf": "rtf", "ofd": "ofd", "odt": "odt", "ods": "ods"}


def kind(path: str) -> str | None:
    """What the bytes are: "pdf", "docx", "xlsx", "ofd", "odt", "ods", "zip" (another zip),
    "doc", "xls", "ole" (another compound file), "rtf", "mht", "html", "image"; None: no known
    signature (text, or something unknown)."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(_ZIP):
        return _zip_kind(path, head)
    if head.startswith(_OLE):
        return _ole_kind(path)
    if 0 <= head.find(b"%PDF-") < 1024:
        return "pdf"
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or _bmp(head):
        return "image"
    return markup_kind(head)


def markup_kind(head: bytes) -> str | None:
    """"rtf", "mht" or "html" for a file whose first bytes are such markup; None otherwise (the
    last checks of `kind` and of `load.sniff`, after the binary signatures)."""
    if head.lstrip().startswith(_RTF):
        return "rtf"
    from .mht import is_mht

    if is_mht(head):
        return "mht"
    if _HTML_START.match(head):
        return "html"
    return None


def _bmp(head: bytes) -> bool:
    """A BMP file header ("BM", then a DIB header of one of the sizes Windows writes)."""
    return head[:2] == b"BM" and len(head) > 18 and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)


def _zip_kind(path: str, head: bytes) -> str:
    if head[30:38] == b"mimetype" and b"opendocument.text" in head[38:120]:
        return "odt"
    if head[30:38] == b"mimetype" and b"opendocument.spreadsheet" in head[38:120]:
        return "ods"
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip"  # a broken zip: the loader of its suffix says what is wrong
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _ole_kind(path: str) -> str:
    try:
        import olefile

        with olefile.OleFileIO(path) as ole:
            streams = {"/".join(s) for s in ole.listdir()}
    except Exception:  # a damaged compound file: the loader of its suffix says what is wrong
        return "ole"
    if "WordDocument" in streams:
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    return "ole"


def reroute(suffix: str, path: str) -> str | None:
    """The kind to read `path` as when its bytes are definitely something its suffix's loader does
    not read (None: read it by its suffix, as always)."""
    accepts = _ACCEPTS.get(suffix)
    if accepts is None:
        return None
    try:
        found = kind(path)
    except OSError:
        return None  # the suffix's loader reports the file it cannot open
    if found is None and suffix in _BINARY and _looks_text(path):
        return "text"
    return None if found in accepts else found


def _looks_text(path: str) -> bool:
    """Whether the first 4 KB are text: a UTF-16 byte-order mark, or no NUL byte and UTF-8 or
    GB18030 that decodes with (almost) no control characters."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head.strip() or b"\x00" in head:
        return False
    body = head[:-4] if len(head) == 4096 else head  # a character cut at the end
    for encoding in ("utf-8", "gb18030"):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        return control <= len(text) // 100
    return False


def told(path: str, fmt: str, message: str) -> str:
    """`message` (a failure of the document read from `path` as `fmt`) saying what the file really
    was when that is not what its suffix says: "…/x.pdf: this .pdf is an HTML page: …"."""
    suffix = Path(path).suffix.lower()
    expected = _FORMATS.get(suffix)
    if expected is None or fmt in expected or fmt not in _FORMAT_KIND:
        return message
    what = f"this {suffix} is {NAMES[_FORMAT_KIND[fmt]]}"
    prefix = f"{path}: "
    if message.startswith(prefix) and what not in message:
        return f"{prefix}{what}: {message[len(prefix):]}"
    return message
