"""Shared CLI plumbing: where JSON lines go, the console for human messages (stderr), tables on
stdout, logging.

Messages are data: a file name, an error or a model reply may hold `[/x]`, so the consoles read
no markup at all; colour comes only from `say`'s (text, style) pairs.
"""

from __future__ import annotations

import json
import logging
import sys
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence, TextIO

from rich.console import Console
from rich.logging import RichHandler
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

console = Console(stderr=True, markup=False, highlight=False)

#: libraries that log every request or retry: silent unless `--verbose`
NOISY_LOGGERS = ("instructor", "httpx", "httpcore", "openai", "pdfminer", "urllib3")
#: the one handler `configure_logging` puts on the root logger (plain text, never markup)
LOG_HANDLER = RichHandler(console=console, markup=False, show_path=False, rich_tracebacks=False)


def say(*parts: str | tuple[str, str], **kwargs: Any) -> None:
    """Print plain-text parts on stderr; a `(text, style)` pair is coloured. Nothing is markup."""
    kwargs.setdefault("soft_wrap", True)
    console.print(Text.assemble(*parts), **kwargs)


def error(message: str) -> None:
    """`error: message` in red (the message shown as it is)."""
    say(("error:", "red"), " ", message)


def configure_logging(*, verbose: bool = False, quiet: bool = False) -> None:
    """Logging for a CLI run: one rich handler; WARNING (ERROR with --quiet, DEBUG with --verbose);
    the libraries in NOISY_LOGGERS stay silent unless --verbose."""
    root = logging.getLogger()
    if LOG_HANDLER not in root.handlers:
        root.addHandler(LOG_HANDLER)
    root.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.CRITICAL + 1)


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


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None,
                out: Console | None = None) -> None:
    """A rich table on stdout, every cell plain text (None shown as `?`). Piped into a file or
    another program it is printed at its full width, never folded, so a cell stays whole for grep
    (scripts should still use the command's `--plain` or `--json`)."""
    out = out or Console(markup=False, highlight=False)  # stdout as it is now (tests swap it)
    table = Table(title=title, title_justify="left")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(Text("?" if cell is None else str(cell)) for cell in row))
    if not out.is_terminal:
        out.width = max(out.width, Measurement.get(out, out.options.update_width(100_000), table).maximum)
    out.print(table)
