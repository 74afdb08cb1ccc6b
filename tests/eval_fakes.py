"""Fake engines for the eval tests: one returns the gold record, one answers 0 everywhere."""

from __future__ import annotations

from extractor import catalogue
from extractor.document import Document
from extractor.engines.base import Reading, Usage
from extractor.flat import from_flat
from extractor.segment import detect_template, read_title

from gold_engine import GoldEngine  # noqa: F401  (re-exported: the "perfect reader")


class ZeroEngine:
    """Reads the title and the version right and answers 0 for every cell."""

    name = "zeros"

    def settings(self) -> dict:
        return {"engine": self.name}

    def read(self, doc: Document) -> Reading:
        organ, year = read_title(doc.text)
        template = detect_template(doc.text, year) or "2021"
        record = from_flat(template, {k: 0 for k in catalogue.keys(template)}, organ=organ or "?", year=year or 2020)
        return Reading(record=record, engine=self.name, usage=Usage(), settings=self.settings())
