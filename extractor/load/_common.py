"""What every loader needs the same way: the file's content hash and the page limit."""

from __future__ import annotations

import hashlib
import os

from .limits import DEFAULT_MAX_PAGES


def max_pages() -> int:
    """Pages a PDF or a multi-page image may have (`XXGK_MAX_PAGES`, else the default)."""
    try:
        return int(os.environ.get("XXGK_MAX_PAGES", DEFAULT_MAX_PAGES))
    except ValueError:
        return DEFAULT_MAX_PAGES


def file_sha256(path: str) -> str:
    """Hash in chunks: a 50 MB file never sits in memory twice."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def bytes_sha256(data: bytes) -> str:
    """The content hash of bytes already read whole (as `file_sha256` gives for the file)."""
    return hashlib.sha256(data).hexdigest()
