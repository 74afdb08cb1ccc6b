"""Web archives (`.mht`/`.mhtml`, "save as single file"): the page inside, read as HTML.

A browser or Word saves a page with its images as one MIME message (multipart/related); the page
is its first `text/html` part, usually quoted-printable or base64 in the charset the part names.
Chinese sites' archives name GB2312 or GBK and hold characters only GB18030 has, so those labels
decode as GB18030 (a superset of both); a part whose charset is missing or wrong is decoded as
any text file is (`text.decode`). The archive's other parts are looked at only for the pictures
of a report whose text lacks its tables (`load/_pictures.py`: given a `Pictures` reader, an
`<img>` is found among the archive's own parts).
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from functools import partial
from typing import Any, Callable

from ..document import Document
from ..errors import InputError
from . import limits
from .html import html_document
from .text import decode

#: charsets Chinese archives name, read as the superset they are part of
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030"}


def load_mht(path: str, *, pictures: Any = None) -> Document:
    """Read a web archive's page into a Document (as `html.load_html` reads a page); `pictures`
    (a `_pictures.Pictures`) reads the pictures it shows from the archive's parts."""
    data = _read(path)
    return mht_document(path, data, pictures=pictures)


def _read(path: str) -> bytes:
    import os

    size = os.path.getsize(path)
    if size > limits.MAX_HTML_BYTES * 2:  # base64 or quoted-printable: up to twice the page
        raise InputError(path, f"web archive of {size >> 20} MB, more than the {limits.MAX_HTML_BYTES >> 19} MB "
                               "a report's archive may have")
    with open(path, "rb") as f:
        return f.read()


def is_mht(data: bytes) -> bool:
    """Whether bytes look like a MIME web archive (its headers name MIME and a related/html body)."""
    head = data[:4096].lower()
    return b"mime-version:" in head and (b"multipart/related" in head or b"text/html" in head)


def mht_document(path: str, data: bytes, *, pictures: Any = None) -> Document:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _html_part(msg)
    if part is None:
        raise InputError(path, "web archive (.mht) holds no HTML page (no text/html part)")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise InputError(path, "the web archive's HTML page is empty")
    if len(payload) > limits.MAX_HTML_BYTES:
        raise InputError(path, f"the web archive's page is {len(payload) >> 20} MB, more than the "
                               f"{limits.MAX_HTML_BYTES >> 20} MB a report page may have")
    markup, encoding = _decode(path, payload, part.get_content_charset())
    if pictures is None:
        return html_document(path, data, markup, encoding)
    from ._pictures import archive_fetcher, page_reader

    parts: list[tuple[str | None, str | None, Callable[[], bytes]]] = [
        (p.get("Content-Location"), p.get("Content-ID"), partial(_payload, p))
        for p in msg.walk() if not p.is_multipart() and p is not part]
    locate = archive_fetcher(parts, part.get("Content-Location"))
    return html_document(path, data, markup, encoding, read_picture=page_reader(pictures, locate))


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b"" 


def _html_part(msg: Message) -> Message | None:
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            return part
    return None


def _decode(path: str, payload: bytes, charset: str | None) -> tuple[str, str]:
    try:  # UTF-8 bytes are never mistaken for it, whatever the part's label says
        return payload.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    name = (charset or "").strip().lower()
    name = _SUPERSET.get(name, name)
    if name and name != "utf-8":
        try:
            text = payload.decode(name)
            if "\ufffd" not in text:
                return text, name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: the bytes decide
    return decode(payload, path)
