"""Binary Word 97–2003 reports (`.doc`, and WPS's `.wps` in that format), read without
LibreOffice: the OLE compound file opened with olefile, the text and tables by `_word97`, the
same `Document` the `.docx` and RTF loaders give (table rows on the grid of their cell edges,
merges as spans, by `rtf.table_cells`). Nothing in the file is run (macros are never looked at).
"""

from __future__ import annotations

import os
from struct import error as struct_error

from ..document import Document
from ..errors import InputError
from . import limits
from ._build import TextBuilder
from ._common import file_sha256
from ._word97 import DocError, parse
from .rtf import table_cells


def _streams(path: str) -> tuple[bytes, dict[str, bytes]]:
    """The WordDocument stream and the table streams, each within `MAX_DOC_STREAM`."""
    import olefile

    try:
        ole = olefile.OleFileIO(path)
    except Exception as e:  # olefile raises OSError, ValueError, struct.error … on a broken container
        raise DocError(f"not a readable OLE compound file ({type(e).__name__}: {e})") from e
    try:
        if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
            raise DocError("password-protected (encrypted) Office document: it cannot be read without its password")
        if not ole.exists("WordDocument"):
            raise DocError("an OLE compound file without a WordDocument stream (not a Word document)")
        out: dict[str, bytes] = {}
        for name in ("WordDocument", "0Table", "1Table"):
            if not ole.exists(name):
                continue
            size = ole.get_size(name)
            if size > limits.MAX_DOC_STREAM:
                raise DocError(f"its {name} stream has {size:,} bytes, more than the {limits.MAX_DOC_STREAM:,} "
                               "a stream may have")
            try:
                out[name] = ole.openstream(name).read(limits.MAX_DOC_STREAM + 1)
            except Exception as e:  # a broken sector chain
                raise DocError(f"its {name} stream cannot be read ({type(e).__name__}: {e})") from e
        return out.pop("WordDocument"), out
    finally:
        ole.close()


def _refusal(path: str, why: str) -> str:
    """The error for a file this reader refuses: what it is, why, and what to do."""
    suffix = os.path.splitext(path)[1].lower()
    what = "old Word/WPS format (.doc/.wps)" if suffix in (".doc", ".wps") else \
        f"old binary Word/WPS file named {suffix or 'without a suffix'}"
    if "password" in why:
        return f"{what} cannot be read: {why}"
    return (f"{what} cannot be read: {why}; convert it to .docx or PDF first "
            "(e.g. `libreoffice --headless --convert-to docx FILE`), or install LibreOffice")


def load_word97(path: str) -> Document:
    """Read a binary .doc/.wps into a `Document` whose tables keep the file's cells."""
    try:
        word, tables = _streams(path)
        parsed = parse(word, tables)
    except DocError as e:
        raise InputError(path, _refusal(path, str(e))) from e
    except (ValueError, IndexError, KeyError, struct_error) as e:  # a check missed: still a clear failure
        raise InputError(path, _refusal(path, f"{type(e).__name__}: {e}")) from e
    tb = TextBuilder()
    n_table = 0
    for block in parsed.blocks:
        if isinstance(block, str):
            tb.add_line([block])
        else:
            tb.add_table(table_cells(block, n_table))
            n_table += 1
    if not tb.text.strip():
        raise InputError(path, "the Word document has no text")
    return Document(path=path, text=tb.text, format="doc", sha256=file_sha256(path), tables=tb.tables)

