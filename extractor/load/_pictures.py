"""A report's tables pasted as pictures into a Word file or a web page, read by OCR (docs/inputs.md,
"Tables as pictures").

Many bodies paste 表二, 表三 and 表四 into the report as pictures: a `.docx` whose tables are
`word/media/*.png`, a page a browser saved with its `page_files/` folder, a web archive (`.mht`)
holding the images as parts. The loaders read the text first, as always; only when that text lacks
one of the tables (`missing_tables`: the segmenter's `tables_shown` does not find it, or finds its
labels with no number under them) and the document holds pictures does the loader read it again
with a `Pictures` reader, which recognises the pictures standing in the section of a missing
table (`Pictures.wanted`), each through the scanned-image pipeline (`_recognise.ocr_image`, strips
of a tall image as `load/ocr.py` cuts them), bounded as an image file is (`MAX_IMAGE_PIXELS` from
the header, before decoding; at most `max_pages()` pictures). Their lines and grids take the
picture's place in the text; every cell's locator says `"ocr": true` and which picture, so the
layout reader applies the scan rules (a 表二 cell needs two agreeing reads, `unconfirmed_scan`).

A picture that cannot be had (a saved page's missing file, a `src` pointing outside the page's own
`_files` folder, an undecodable image) is not read and is named in `problems`
(`Document.picture_problems`): the report then lacks that table, and says why.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
from typing import Any, Callable
from urllib.parse import unquote

from ..document import Document
from ._build import build_text
from ._common import max_pages
from .limits import MAX_BYTES, MAX_HTML_BYTES, MAX_IMAGE_PIXELS

#: the national format's tables, as `segment.tables_shown` names them
TABLES = ("表二", "表三", "表四")
#: the section headings of the three tables, and of the section after them (五、存在的主要问题);
#: a picture belongs to the section whose heading comes last before it
_SECTIONS = (
    ("表二", re.compile(r"主\s*动\s*公\s*开\s*政\s*府\s*信\s*息\s*情\s*况")),
    ("表三", re.compile(r"收\s*到\s*和\s*处\s*理\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请")),
    ("表四", re.compile(r"行\s*政\s*复\s*议\s*[、和及,，]?\s*行\s*政\s*诉\s*讼\s*情\s*况")),
    ("五", re.compile(r"存\s*在\s*的?\s*主\s*要\s*问\s*题")),
)
#: digits a table's section holds at least when the table is printed there (表四 of zeros has 15)
MIN_DIGITS = 3
#: a picture smaller than this on either side is an icon, a seal or a rule, not a table
MIN_SIDE = 120
#: pixels of a picture below which it cannot hold a table of the format (a logo, a signature)
MIN_PIXELS = 60_000


class Unreadable(Exception):
    """A picture the document shows that cannot be had; the message names it and why."""


def missing_tables(text: str) -> list[str]:
    """The tables (表二, 表三, 表四) the text does not print: `tables_shown` finds not enough of
    their labels, or the table's section (from its heading, the last one printed: a table of
    contents lists them first, to the next section's heading) holds fewer than `MIN_DIGITS`
    digits: the prose may tell a table's numbers in words (其中结果维持72件…) and its header may
    be typed above a picture of the numbers, but the table itself is not there."""
    from ..segment import tables_shown

    shown = set(tables_shown(text))
    missing = [t for t in TABLES if t not in shown]
    if len(missing) < len(TABLES):
        starts = {name: [m.start() for m in p.finditer(text)] for name, p in _SECTIONS}
        for name, pattern in _SECTIONS[:3]:
            if name in missing or not starts[name]:
                continue
            at = starts[name][-1]
            after = [x for k, xs in starts.items() if k != name for x in xs if x > at]
            section = text[at:min(after, default=len(text))]
            if sum(ch.isdigit() for ch in section) < MIN_DIGITS:
                missing.append(name)
    return [t for t in TABLES if t in missing]


def section_of(prefix: str) -> str | None:
    """The section (表二, 表三, 表四, or 五 after them) whose heading comes last in `prefix`."""
    best, at = None, -1
    for name, pattern in _SECTIONS:
        for m in pattern.finditer(prefix):
            if m.start() > at:
                best, at = name, m.start()
    return best


class Pictures:
    """Reads the pictures of one document standing where a missing table belongs.

    `read(name, fetch, prefix)` is called by a loader at each picture it meets, `prefix` being the
    document's text written so far, `fetch()` giving the picture's bytes (or raising `Unreadable`);
    it returns the picture's Document (lines and OCR'd grids, locators `{"ocr": True, "picture":
    name, …}`) or None when the picture is not wanted or cannot be read (then named in `problems`).
    """

    def __init__(self, path: str, text: str, missing: list[str]) -> None:
        self.path = path
        self.missing = set(missing)
        #: a missing table whose heading the text does not print: its picture may hold the heading
        self.unheaded = any(not p.search(text) for name, p in _SECTIONS if name in self.missing)
        self.read_count = 0
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def wanted(self, prefix: str) -> bool:
        section = section_of(prefix)
        if section in self.missing:
            return True
        return section != "五" and self.unheaded

    def read(self, name: str, fetch: Callable[[], bytes], prefix: str) -> Document | None:
        if not self.wanted(prefix) or name in self.seen:
            return None
        self.seen.add(name)
        if self.read_count >= max_pages():
            self.problems.append(f"{name}: not read, more than {max_pages()} pictures (XXGK_MAX_PAGES)")
            return None
        try:
            data = fetch()
            doc = self._recognise(name, data)
        except Unreadable as e:
            self.problems.append(str(e))
            return None
        if doc is not None:
            self.read_count += 1
        return doc

    def _recognise(self, name: str, data: bytes) -> Document | None:
        from PIL import Image, ImageOps, UnidentifiedImageError

        from ._grid import PageBlocks, join_pages
        from ._recognise import ocr_image
        from ._strips import page_strips

        if len(data) > MAX_BYTES:
            raise Unreadable(f"{name}: picture of {len(data) >> 20} MB, more than {MAX_BYTES >> 20} MB")
        try:
            img = Image.open(io.BytesIO(data))
            w, h = img.size  # from the header: nothing is decoded yet
            if w * h > MAX_IMAGE_PIXELS:
                raise Unreadable(f"{name}: picture of {w}×{h} = {w * h:,} pixels, more than the limit of "
                                 f"{MAX_IMAGE_PIXELS:,} pixels")
            if min(w, h) < MIN_SIDE or w * h < MIN_PIXELS:
                return None  # an icon, a seal, a rule: no table of the format fits
            page = _on_white(ImageOps.exif_transpose(img))
        except Unreadable:
            raise
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:
            raise Unreadable(f"{name}: not a readable picture ({e})") from e
        pages: list[PageBlocks] = []
        try:
            for top, bottom in page_strips(page):
                strip = page if (top, bottom) == (0, page.height) else page.crop((0, top, page.width, bottom))
                pages.append(ocr_image(strip, len(pages) + 1))
        except ImportError as e:
            raise Unreadable(f"{name}: the picture holds a table, but OCR is not installed ({e})") from e
        tb = build_text(join_pages(pages), extra={"ocr": True, "picture": name})
        if not tb.text.strip():
            return None
        return Document(path=self.path, text=tb.text, format="image", sha256="", tables=tb.tables)


def _on_white(img: Any) -> Any:
    """The picture in RGB, a transparent one laid on white paper (a screenshot's or an editor's
    PNG keeps its background transparent, often black under alpha 0, which RGB would show)."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")


def pictures_for(path: str, text: str) -> Pictures | None:
    """A `Pictures` reader for a document whose text lacks a table, else None (nothing to do)."""
    missing = missing_tables(text)
    return Pictures(path, text, missing) if missing else None


# ---------------------------------------------------------------- where a page's pictures are

#: a URL scheme (`http:`, `file:`, `javascript:`) or a Windows drive (`C:`)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_DATA = re.compile(r"^data:image/[\w.+-]+(?:;[\w=.-]+)*;base64,", re.I)


def data_uri(src: str) -> bytes | None:
    """A `data:image/…;base64,` URI's bytes (None: not one); bounded by the page's own size."""
    m = _DATA.match(src)
    if m is None:
        return None
    payload = src[m.end():]
    if len(payload) > MAX_HTML_BYTES * 2:
        raise Unreadable("a data: picture larger than a page may be")
    try:
        return base64.b64decode(re.sub(r"\s+", "", payload), validate=False)
    except (binascii.Error, ValueError) as e:
        raise Unreadable(f"a data: picture that is not base64 ({e})") from e


def _shown(src: str) -> str:
    """A `src` as messages name it: its control characters as `?`, at most 80 characters."""
    src = "".join(ch if ch.isprintable() else "?" for ch in src)
    return src if len(src) <= 80 else src[:77] + "…"


def data_name(src: str) -> str:
    """A `data:` picture's name in messages: its kind and a short hash of it."""
    import hashlib

    return f"{src[:src.find(',')][:40]} picture {hashlib.sha1(src.encode('utf-8', 'replace')).hexdigest()[:8]}"


def page_reader(pictures: Pictures, locate: Callable[[str], tuple[str, Callable[[], bytes]]]) -> Callable[[str, str], Document | None]:
    """The HTML loader's `read_picture`: an `<img src>` located (`locate`: its name, a function giving
    its bytes) and read by `pictures`."""
    def read(src: str, prefix: str) -> Document | None:
        if not pictures.wanted(prefix):
            return None
        name, fetch = locate(src)
        return pictures.read(name, fetch, prefix)

    return read


def archive_fetcher(parts: list[tuple[str | None, str | None, Callable[[], bytes]]], base: str | None
                    ) -> Callable[[str], tuple[str, Callable[[], bytes]]]:
    """For a web archive (`.mht`): `src` → (its name, a function giving its bytes), found among the
    archive's own parts (`parts`: Content-Location, Content-ID, payload) by its location (as
    written, resolved against the page's own location `base`, or by its path's end), by `cid:`,
    or decoded from a `data:` URI. Nothing outside the archive is ever opened."""
    from urllib.parse import urljoin

    def locate(src: str) -> tuple[str, Callable[[], bytes]]:
        src = (src or "").strip()
        shown = _shown(src)
        if _DATA.match(src):
            return data_name(src), lambda: data_uri(src) or b""
        wanted = {src, unquote(src)}
        if base:
            try:
                wanted |= {urljoin(base, src), unquote(urljoin(base, src))}
            except ValueError:
                pass
        cid = src[4:].strip("<>") if src.lower().startswith("cid:") else None
        tail = "/" + unquote(src).replace("\\", "/").lstrip("./")
        for loc, content_id, payload in parts:
            if cid is not None and content_id and content_id.strip("<>") == cid:
                return shown, payload
            if loc and (loc in wanted or unquote(loc) in wanted):
                return shown, payload
        for loc, _, payload in parts:
            if cid is None and loc and unquote(loc).replace("\\", "/").endswith(tail) and len(tail) > 1:
                return shown, payload

        def fail() -> bytes:
            raise Unreadable(f"picture '{shown}': missing (the web archive holds no part of that location)")
        return shown, fail

    return locate


def companion_folders(path: str) -> list[str]:
    """The folders a browser or Word saves a page's pictures into, beside it: `page_files`,
    `page.files` (Word), `page_文件`."""
    folder, name = os.path.split(path)
    stem = name.rsplit(".", 1)[0]
    return [os.path.join(folder, stem + tail) for tail in ("_files", ".files", "_文件", ".fld")]


def saved_page_fetcher(path: str) -> Callable[[str], tuple[str, Callable[[], bytes]]]:
    """For a page saved with its pictures: `src` → (its name, a function giving its bytes). Only a
    file inside the page's own companion folder (`companion_folders`) is ever opened: a URL with a
    scheme (`http:`, `file:`), an absolute path, a drive, `..` or a link leading outside are
    `Unreadable`; `data:` URIs are decoded (bounded)."""
    base = os.path.dirname(os.path.abspath(path))
    roots = [os.path.realpath(f) for f in companion_folders(os.path.abspath(path))]

    def locate(src: str) -> tuple[str, Callable[[], bytes]]:
        src = (src or "").strip()
        shown = _shown(src)
        if _DATA.match(src):
            return data_name(src), lambda: data_uri(src) or b""
        rel = unquote(src.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")

        def refuse(why: str) -> Callable[[], bytes]:
            def fail() -> bytes:
                raise Unreadable(f"picture '{shown}': {why}")
            return fail

        if not rel or _SCHEME.match(rel) or rel.startswith("/") or "\x00" in rel:
            return shown, refuse("not a file of the page's own folder (a URL, or an absolute path): not followed")
        parts = [p for p in rel.split("/") if p not in ("", ".")]
        if ".." in parts:
            return shown, refuse("points outside the page's folder: not followed")
        target = os.path.realpath(os.path.join(base, *parts))
        if not any(target.startswith(root + os.sep) for root in roots):
            return shown, refuse("not in the page's own pictures folder (page_files/): not read")
        if not os.path.isfile(target):
            return shown, refuse("missing (the page's pictures folder does not hold it)")

        def read() -> bytes:
            size = os.path.getsize(target)
            if size > MAX_BYTES:
                raise Unreadable(f"picture '{shown}': {size >> 20} MB, more than {MAX_BYTES >> 20} MB")
            with open(target, "rb") as f:
                return f.read()

        return shown, read

    return locate
