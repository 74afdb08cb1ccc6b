"""A published HTML page → its tables as plain data (text, rowspan, colspan) and nothing else.

A report is untrusted input. Rather than cleaning its markup, we rebuild only the tables from
their cells' text; the template escapes that text, so no tag, attribute, style or script of the
source ever reaches the reviewer's browser.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


def html_tables(source_html: str | None, *, limit: int = 20) -> list[list[list[Cell]]]:
    """The page's tables (outermost first), each a list of rows of cells."""
    if not source_html or not source_html.strip():
        return []
    try:
        root = lxml.html.fromstring(source_html)
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in root.xpath("//script|//style|//template|//noscript"):
        bad.drop_tree()
    tables = []
    for table in root.xpath("//table")[:limit]:
        rows = []
        for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            cells = [
                Cell(text=" ".join(td.text_content().split()), rowspan=_span(td.get("rowspan")),
                     colspan=_span(td.get("colspan")), header=td.tag == "th")
                for td in tr.xpath("./td|./th")
            ]
            if cells:
                rows.append(cells)
        if rows:
            tables.append(rows)
    return tables


def _span(raw: str | None) -> int:
    try:
        return min(max(int(str(raw).strip()), 1), 60)
    except (TypeError, ValueError):
        return 1
