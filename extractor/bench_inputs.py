"""How fast the loaders read: pages per second by input kind (`xxgk bench --inputs`).

Text, HTML, Word, a PDF's text layer and scans (images, and PDF pages read by OCR) cost very
different amounts per page; a batch's time is mostly its loaders' once there are PDFs or scans.
Each file is loaded once, timed in wall-clock and CPU seconds (OCR runs threads of its own).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable

from .document import Document
from .errors import XxgkError
from .load import expand, load


@dataclass
class InputFigure:
    """Loading figures of one input kind."""

    kind: str
    files: int = 0
    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    failed: list[str] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def pages_per_cpu_second(self) -> float:
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0


def input_kind(doc: Document) -> str:
    """`txt`, `md`, `html`, `docx`, `pdf` (text layer), `pdf (scanned)` or `image (scanned)`."""
    if doc.format == "image":
        return "image (scanned)"
    if doc.format == "pdf" and doc.read_by_ocr():
        return "pdf (scanned)"
    return doc.format


def bench_inputs(inputs: Iterable[str]) -> list[InputFigure]:
    """Load every file under `inputs` once; figures per input kind, in the order first seen. A
    file that cannot be loaded is listed under its suffix with its error, and the rest go on."""
    figures: dict[str, InputFigure] = {}
    for path in expand(inputs):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            doc = load(path)
        except XxgkError as exc:
            figures.setdefault("failed", InputFigure("failed")).failed.append(str(exc))
            continue
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        kind = input_kind(doc)
        fig = figures.setdefault(kind, InputFigure(kind))
        fig.files += 1
        fig.pages += doc.pages or 1
        fig.seconds += seconds
        fig.cpu_seconds += cpu
    return list(figures.values())


__all__ = ["InputFigure", "bench_inputs", "input_kind"]
