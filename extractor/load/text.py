"""Bytes to text: detect the encoding (BOMs, UTF-8, UTF-16, GB18030), never assume it."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises `InputError` for empty, binary or undecodable data."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    if _looks_utf16(data):
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text):
                return text, name
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


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: many NULs at one parity (ASCII) or CJK-range byte pairs."""
    head = data[:4000]
    if len(head) < 4 or len(head) % 2:
        return False
    odd_nuls = head[1::2].count(0)
    even_nuls = head[0::2].count(0)
    return max(odd_nuls, even_nuls) > len(head) // 8


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad / len(text) < 0.01
