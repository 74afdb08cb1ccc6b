"""Shared CLI plumbing: where JSON lines go, and the console for human messages (stderr)."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator, TextIO

from rich.console import Console

console = Console(stderr=True)


@contextmanager
def json_lines(out: str | None) -> Iterator[TextIO]:
    """stdout, or a file opened for appending lines (flushed per line so a crash loses nothing)."""
    if out is None or out == "-":
        yield sys.stdout
        return
    with open(out, "a", encoding="utf-8") as fh:
        yield fh


def write_line(fh: TextIO, obj: Any) -> None:
    fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    fh.flush()
