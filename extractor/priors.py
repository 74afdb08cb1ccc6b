"""Last year's reading of the same body: evidence for this year's cells.

A report's 上年结转 is last year's 结转下年度, and its 现行有效件数 (2021 format) or 对外公开总数量
(2019 format) grows from last year's by this year's rows. When a batch holds both years of one
body, or its store holds last year's from an earlier run (`Store.reading_of`), the batch keeps
each reading it makes in a `Priors` book and the layout reader asks the book for the body's
report of the year before (`prior_claims` in engines/layout/evidence.py
turns it into claims). Only cells the earlier reading settled are kept; two readings of one
body and year that disagree cancel each other (which one is last year's report?).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class Prior:
    """The settled cells of one body's report for one year, and which document gave them."""

    doc: str
    organ: str
    year: int
    template: str
    values: Mapping[str, Any] = field(default_factory=dict)


def _body(organ: str) -> str:
    return re.sub(r"\s+", "", organ)


def book_key(organ: str, year: int) -> tuple[str, int]:
    """How a book files a body's reading for a year (spacing in the body's name ignored)."""
    return (_body(organ), year)


class Priors:
    """Readings by (body, year), filled while a batch runs; safe to share between threads.

    `earlier(organ, year)`: where to look for a reading this batch has not made (the store's
    earlier runs, `Store.reading_of`); asked once per body and year."""

    def __init__(self, earlier: Callable[[str, int], Prior | None] | None = None) -> None:
        self._by: dict[tuple[str, int], Prior | None] = {}
        self._earlier: dict[tuple[str, int], Prior | None] = {}
        self._ask = earlier
        self._lock = threading.Lock()

    def add(self, doc: str, organ: str | None, year: int | None, template: str | None,
            values: Mapping[str, Any]) -> None:
        """Keep a finished reading (its settled cells); a second, different one of the same body
        and year cancels both."""
        if not organ or year is None or template is None:
            return
        prior = Prior(doc, organ, year, template, {k: v for k, v in values.items() if v is not None})
        key = (_body(organ), year)
        with self._lock:
            if key not in self._by:
                self._by[key] = prior
            else:
                held = self._by[key]
                if held is not None and dict(held.values) != dict(prior.values):
                    self._by[key] = None

    def get(self, organ: str | None, year: int | None) -> Prior | None:
        """The reading of `organ` for `year`, if the batch has exactly one."""
        if not organ or year is None:
            return None
        key = (_body(organ), year)
        with self._lock:
            if key in self._by:
                return self._by[key]
            if self._ask is None:
                return None
            if key not in self._earlier:
                self._earlier[key] = self._ask(organ, year)
            return self._earlier[key]

    def snapshot(self) -> dict[tuple[str, int], Prior | None]:
        """Every answer the book holds now, by `book_key` (this batch's readings over the store's):
        a plain dict to ship to workers in other processes (`extractor.remote`)."""
        with self._lock:
            return {**self._earlier, **self._by}

    def __len__(self) -> int:
        return sum(p is not None for p in self._by.values())


__all__ = ["Prior", "Priors", "book_key"]
