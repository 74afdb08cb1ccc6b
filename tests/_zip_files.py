"""Zip archives and mislabelled files for the archive and sniffing tests, built in code: the seed
report of eval/real written as HTML, PDF and Word by eval/make_formats.py, zipped as users bring it."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from _formats import gold, make_formats

SEED = "003"


@cache
def report_files() -> dict[str, bytes]:
    """The seed report as .html, .pdf and .docx bytes (written once per test session)."""
    import tempfile

    mf = make_formats()
    blocks = mf.report_blocks(gold(SEED))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, writer in ((".html", mf.write_html), (".pdf", mf.write_pdf), (".docx", mf.write_docx)):
            path = Path(tmp) / f"r{suffix}"
            writer(blocks, path)
            out[suffix] = path.read_bytes()
    return out


def expected() -> dict:
    return {k: v for k, v in gold(SEED)["fields"].items()}


class _Gbk(zipfile.ZipInfo):
    """A name stored as GBK bytes without the UTF-8 flag, as Chinese Windows zip tools write it."""

    def _encodeFilenameFlags(self):  # type: ignore[override]
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


class _Utf8NoFlag(zipfile.ZipInfo):
    """A name stored as UTF-8 bytes without the flag (some Linux and macOS tools)."""

    def _encodeFilenameFlags(self):  # type: ignore[override]
        return self.filename.encode("utf-8"), self.flag_bits & ~0x800


def zip_bytes(members: list[tuple[str, bytes]], *, names: str = "gbk", encrypted: set[str] = frozenset()) -> bytes:
    """A zip of `members`; `names`: "gbk", "utf8" (flag set), "utf8-noflag"; members in
    `encrypted` carry the encryption flag (zipfile cannot encrypt: the flag is what a reader sees)."""
    cls = {"gbk": _Gbk, "utf8": zipfile.ZipInfo, "utf8-noflag": _Utf8NoFlag}[names]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = cls(name, date_time=(2024, 3, 12, 9, 13, 2))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return _flag_encrypted(buf.getvalue(), encrypted) if encrypted else buf.getvalue()


def _flag_encrypted(data: bytes, names: set[str]) -> bytes:
    """Set the encryption bit (0) of `names` in their local headers and directory entries."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = [i for i in z.infolist() if i.filename in names]
        start = z.start_dir  # type: ignore[attr-defined]
    for info in infos:
        out[info.header_offset + 6] |= 1
    pos = start
    while out[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = (int.from_bytes(out[pos + o:pos + o + 2], "little") for o in (28, 30, 32))
        if int.from_bytes(out[pos + 42:pos + 46], "little") in {i.header_offset for i in infos}:
            out[pos + 8] |= 1
        pos += 46 + n + m + k
    return bytes(out)
