"""Files to `Document`s: one loader per format behind `load(path)`.

    doc = load("report.html")

Folders and globs are expanded by `expand()`. Each loader raises `InputError` (naming the file
and the problem) rather than returning something half-read.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from pathlib import Path
from typing import Callable, Iterable

from ..document import Document
from ..errors import InputError, UnsupportedFormatError
from . import limits
from .limits import MAX_BYTES
from .text import decode

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
OLD_WORD_SUFFIXES = {".doc", ".wps"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | OLD_WORD_SUFFIXES | IMAGE_SUFFIXES
#: Files a folder walk passes over (they sit beside reports but are not reports).
_SKIP_NAMES = ("readme", "sources", "license", "changelog")
#: A folder holding this file (eval runs, baselines) is tool output, not reports: walks skip it.
IGNORE_MARKER = ".xxgkignore"


def expand(inputs: Iterable[str]) -> list[str]:
    """Files, folders (recursively) and globs to a sorted, de-duplicated list of paths.

    A missing path is kept, so that the batch reports it as `failed` instead of dropping it.
    """
    out: list[str] = []
    for item in inputs:
        if os.path.isdir(item):
            ignored = {m.parent for m in Path(item).rglob(IGNORE_MARKER)}
            for p in sorted(Path(item).rglob("*")):
                if p.is_file() and _wanted(p) and not ignored.intersection(p.parents):
                    out.append(str(p))
        elif any(ch in item for ch in "*?[") and not os.path.exists(item):
            out.extend(sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p)))
        else:
            out.append(item)
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def _wanted(p: Path) -> bool:
    if p.suffix.lower() not in SUPPORTED or p.name.startswith("."):
        return False
    if any(part.startswith(".") or part == "__pycache__" for part in p.parts[:-1]):
        return False
    return not p.stem.lower().startswith(_SKIP_NAMES)


def load(path: str | os.PathLike[str]) -> Document:
    """Read one file into a `Document`, choosing the loader by its suffix."""
    path = str(path)
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a folder, not a file")
    size = os.path.getsize(path)
    if size == 0:
        raise InputError(path, "empty file")
    if size > MAX_BYTES:
        raise InputError(path, f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB)")
    suffix = Path(path).suffix.lower()
    loader = _loader_for(suffix, path)
    return _ascii_digits(_bounded_tables(loader(path)))


def _bounded_tables(doc: Document) -> Document:
    """Refuse a table whose spans would cover more slots than `MAX_TABLE_SLOTS` once expanded
    (`SourceTable.grid()`): a hostile `gridSpan`/`colspan` must not allocate gigabytes later."""
    for i, table in enumerate(doc.tables, 1):
        rows, cols = table.n_rows, table.n_cols
        if rows * cols > limits.MAX_TABLE_SLOTS:
            raise InputError(doc.path, f"table {i} spans {rows} rows × {cols} columns, more than the "
                                       f"{limits.MAX_TABLE_SLOTS} slots a table may have")
    return doc


#: full-width digits (typed with a Chinese input method) as ASCII, one character for one, so
#: every offset into the text still holds: titles, labels (`１.属于国家秘密`) and space-aligned
#: columns (a full-width digit is two columns wide) read as they do in ASCII
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ANY_WIDE = re.compile("[０-９]")


def _ascii_digits(doc: Document) -> Document:
    if not _ANY_WIDE.search(doc.text):  # the common case, without a copy
        return doc
    doc.text = doc.text.translate(_DIGITS)
    for table in doc.tables:
        for cell in table.cells:
            cell.text = cell.text.translate(_DIGITS)
    return doc


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_text(path: str) -> Document:
    size = os.path.getsize(path)
    if size > limits.MAX_TEXT_BYTES:
        raise InputError(path, f"text file of {size >> 20} MB, more than the {limits.MAX_TEXT_BYTES >> 20} MB "
                               "a report's text may have")
    data = Path(path).read_bytes()
    text, encoding = decode(data, path)
    fmt = "md" if path.lower().endswith(".md") else "txt"
    # An HTML page saved as .txt is still HTML.
    if text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        return _html(path)
    if not text.strip():  # a byte-order mark and spaces: bytes, but no text
        raise InputError(path, f"the file holds no text (only a byte-order mark or spaces, {encoding})")
    return Document(path=path, text=text, format=fmt, sha256=sha256_of(data), encoding=encoding)  # type: ignore[arg-type]


def _html(path: str) -> Document:
    from .html import load_html

    return load_html(path)


def _pdf(path: str) -> Document:
    from .pdf import load_pdf

    return load_pdf(path)


def _docx(path: str) -> Document:
    from .docx import load_docx

    return load_docx(path)


def _image(path: str) -> Document:
    from .ocr import load_image

    return load_image(path)


def _old_word(path: str) -> Document:
    # converted with LibreOffice when it is installed; otherwise a clear "convert it" error
    from .docx import load_doc

    return load_doc(path)


def _loader_for(suffix: str, path: str) -> Callable[[str], Document]:
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
    raise UnsupportedFormatError(path, f"unsupported file type {suffix or '(no suffix)'!r}")


__all__ = ["Document", "expand", "load", "load_text", "decode", "SUPPORTED"]
