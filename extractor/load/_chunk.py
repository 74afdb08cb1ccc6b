"""Content a Word document imports (`w:altChunk`, docs/inputs.md "Word"): a web archive or an HTML
page read through the HTML/MHT loaders, plain text as lines. Kept out of `docx.py` (the loaders
stay independent of each other): `load` hands `read_chunk` to the Word loader."""

from __future__ import annotations

from ..document import Document
from ._common import bytes_sha256


def read_chunk(path: str, blob: bytes, content_type: str) -> Document | None:
    """The chunk's bytes as a Document named `path` (None: a kind not read, e.g. RTF or a Word
    package, which Word itself converts)."""
    from .html import html_document
    from .mht import is_mht, mht_document
    from .text import decode

    if content_type == "message/rfc822" or is_mht(blob):
        return mht_document(path, blob)
    if "html" in content_type:
        markup, encoding = decode(blob, path)
        return html_document(path, blob, markup, encoding)
    if content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
        return _workbook(path, blob)
    if content_type == "text/plain":
        text, encoding = decode(blob, path)
        return Document(path=path, text=text, format="txt", sha256=bytes_sha256(blob), encoding=encoding)
    return None


def _workbook(path: str, blob: bytes) -> Document:
    """A workbook embedded in a Word document, read by the `.xlsx` loader (its package checked
    against the limits like a file's) from a temporary file; the Document is named `path`."""
    import os
    import tempfile

    from ..errors import InputError
    from .xlsx import load_xlsx

    tmp = tempfile.mkdtemp(prefix="xxgk-embedded-")
    try:
        file = os.path.join(tmp, "embedded.xlsx")
        with open(file, "wb") as f:
            f.write(blob)
        try:
            doc = load_xlsx(file)
        except InputError as e:
            raise InputError(path, f"the embedded workbook: {e.problem}") from e
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    doc.path = path
    return doc
