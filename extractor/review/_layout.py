"""The report's cells laid out as the national format prints them, per format version.

The layout itself is `extractor.printed` (one place, shared with the eval's variant generator):
headings, spans, labels and the printed row order of each table (2021's （六）1-3 before
（七）总计, 表二's 第二十条 items in order). The page renders a label as a header cell and a
cell with a key as an input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from .. import catalogue, printed

#: table → the record part whose absence the page notes under its heading
_PARTS = {"二": ("active",), "三": ("requests",), "四": ("review", "litigation_direct", "litigation_after_review")}


@dataclass(frozen=True)
class Shown:
    """One table of the page: its section (二/三/四), heading, printed rows, and its record parts."""

    section: str
    heading: str
    rows: printed.Table
    parts: tuple[str, ...]


def tables(template: catalogue.Template, values: Mapping[str, Any]) -> list[Shown]:
    """表二, 表三 and 表四 of a report of `template` (2019 or 2021), in printed order."""
    have = {k: values.get(k) for k in catalogue.keys(template)}
    return [Shown(section, printed.HEADINGS[section], [[_as_printed(c) for c in row] for row in rows], _PARTS[section])
            for section, rows in printed.tables(template, have)]


#: labels the cell model shortens for the variant generator's layouts, as the format prints them
_PRINTED_AS = {
    printed.BALANCE_NOTE.strip("（）"): printed.BALANCE_NOTE,
    "（二）部分公开": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "本年收费金额（万元）": "本年收费金额（单位：万元）",
}


def _as_printed(cell: printed.Cell) -> printed.Cell:
    """A label cell with the text the national format prints (brackets and notes included)."""
    if cell.key is None and cell.text in _PRINTED_AS:
        return replace(cell, text=_PRINTED_AS[cell.text])
    return cell


def keys_in_order(template: catalogue.Template) -> list[str]:
    """Every cell key of `template` in the page's (printed) order: what Enter walks through."""
    out: list[str] = []
    for t in tables(template, {}):
        for row in t.rows:
            out.extend(c.key for c in row if c.key)
    return out
