"""Bytes to text: detect the encoding (BOMs, UTF-8, UTF-16, GB18030), never assume it."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_decoded(path: str, limit: int, kind: str, whose: str) -> tuple[bytes, str, str]:
    """A text file's (bytes, text, encoding name). Raises `InputError` when it is larger than
    `limit` ("{kind} of 12 MB, more than the 10 MB {whose} may have"), and as `decode` does."""
    size = os.path.getsize(path)
    if size > limit:
        raise InputError(path, f"{kind} of {size >> 20} MB, more than the {limit >> 20} MB {whose} may have")
    data = Path(path).read_bytes()
    text, encoding = decode(data, path)
    return data, text, encoding


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises `InputError` for empty, binary or undecodable data."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(path, f"cannot decode the text as {name} although it starts with its byte-order mark ({exc.reason})") from None
    order = _utf16_order(data)
    if order is not None:
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            text = ""
        if _mostly_text(text) and _usual(text) >= 0.9:
            return text, order
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _mostly_text(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and _mostly_text(str(best)):
        return str(best), best.encoding
    raise InputError(path, "cannot decode the text (not UTF-8, UTF-16 or GB18030)")


def _utf16_order(data: bytes) -> str | None:
    """UTF-16 without a BOM: its ASCII characters put NUL bytes at one parity only (odd for
    little-endian, even for big-endian), even when most of the text is Chinese; binary data
    has NULs at both."""
    if len(data) % 2:
        return None
    head = data[:20000]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd + even == 0:
        return None
    if odd >= 9 * even:
        return "utf-16-le"
    if even >= 9 * odd:
        return "utf-16-be"
    return None


def _usual(text: str) -> float:
    """Share of characters a Chinese report is made of: ASCII, CJK ideographs and punctuation."""
    usual = sum(
        1 for ch in text
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f" or ch == "\u00b7"
    )
    return usual / len(text) if text else 0.0


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad / len(text) < 0.01
