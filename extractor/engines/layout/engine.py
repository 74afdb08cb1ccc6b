"""`LayoutEngine`: the deterministic reader, the built-in default that needs no model.

    reading = LayoutEngine().read(doc)

It finds 表二, 表三 and 表四 (in the loader's tables when it kept them, else in the text),
reads each cell with its offsets, and lists as doubts every cell it could not settle. It
never checks the identities to judge itself (the rules do), but uses them to split digits
that the source ran together, and keeps every split that fits when more than one does.
"""

from __future__ import annotations

from typing import Any, Callable

from pydantic import ValidationError

from ... import catalogue
from ...document import Document
from ...errors import BadOptionError
from ...flat import from_flat
from ...priors import Priors
from ...segment import (banner_organ, detect_template, find_tables, markup_heading, read_title, stale_grid,
                        title_organ, titled_organ)
from ..base import Doubt, Provenance, Reading, Usage
from . import labels
from ._cells import reading_text, tokenize
from .cnnum import doubt_ones, grid_ones, writes_numerals
from .columns import alignment
from .grid import continues, grid_cells, kind_of
from .confirm import confirm_weak
from .evidence import claims, prior_claims
from .reader import derive_unprinted, read_appeals, read_rows, settle
from .cellvalue import json_value
from .rowread import TableRead

VERSION = "1"

#: share of numbers glued to label text above which the text is taken to have lost its cell borders
GLUED_SHARE = 0.3

#: the record's tables that each of the reader's three tables fills
_RECORD_TABLES = {"active": ("active",), "requests": ("requests",), "appeals": catalogue.APPEAL_GROUPS}


class LayoutEngine:
    """Reads the three tables by their fixed layout; no model, no network."""

    name = "layout"

    def __init__(self, *, priors: Priors | None = None, **options: Any) -> None:
        if options:  # a model option given to the reader is a mistake, not something to ignore
            raise BadOptionError(self.name, options, "the layout reader calls no model and has no settings")
        #: last year's readings of the same bodies, when a batch keeps them (`extractor.priors`)
        self.priors = priors

    def settings(self) -> dict[str, Any]:
        return {"engine": self.name, "version": VERSION}

    def read(self, doc: Document) -> Reading:
        # the same offsets as doc.text, with web and editor debris made what it stands for
        text = reading_text(doc.text)
        organ, year = read_title(text)
        titled = titled_organ(text) if doc.source_html else None
        untitled = doc.source_html is not None and title_organ(text) is None
        if doc.source_html and (organ is None or year is None or titled is None or untitled):
            # a page's title and "来源：" line may lie outside the body the loader kept; a title
            # there names the body better than the body's signature does (an office may sign),
            # and better than a "来源：" field, which names the site that posted the page
            heading = markup_heading(doc.source_html)
            page_organ, page_year = read_title(heading)
            if untitled and title_organ(heading) is not None:
                organ = page_organ
            else:
                organ = (titled_organ(heading) if titled is None else None) or organ or page_organ
            year = year if year is not None else page_year
        template = detect_template(text, year)
        doubts: dict[str, Doubt] = {}
        trace: dict[str, Any] = {}
        if template is None:
            return Reading(record=None, engine=self.name, settings=self.settings(),
                           trace=[{"error": "format version (2019/2021) not recognised"}])
        scanned = doc.read_by_ocr()  # asked twice below: of the organ, and of a grid's table
        # unsure is not a value: what the text does not state stays None, with a doubt
        if year is None:
            doubts["year"] = Doubt(reason="missing_title", detail="the report's year is stated neither in a title "
                                   "nor as its statistics period")
        if organ is None:
            banner = banner_organ(text)  # a name on a banner line: the reviewer's likely pick, never the value
            doubts["organ"] = Doubt(reason="missing_title", candidates=[banner] if banner else [],
                                    detail="issuing body named neither in a title, a page header field nor the "
                                    "report's own text" + (f"; a banner line names {banner!r}" if banner else ""))
        elif (scanned or doc.recognised) and text.count(organ) < 2:
            # a recogniser misreads a rare character of a name (瓯 as 欧) with confidence, and no
            # identity checks a name: read once from a scan, it waits for a person
            doubts["organ"] = Doubt(reason="unconfirmed_scan", candidates=[organ],
                                    detail=f"OCR read the body's name {organ!r} once, and no second mention agrees")

        sources = _sources(doc, text, year)
        trace["source"] = sources.pop("_from")
        # a number inside borders (pipe, tab, grid) never lost them, even when glued to the text of
        # its cell (a converter's `| 数据1 |` header)
        nums = glued_nums = 0
        for cs in sources.values():  # (a plain loop: every cell of the report)
            for c in cs:
                if c.kind == "num" and not c.bordered:
                    nums += 1
                    if c.glued:
                        glued_nums += 1
        glued = bool(nums) and glued_nums / nums >= GLUED_SHARE
        trace["glued"] = glued

        # how the numbers line up under their columns (space-aligned text), table by table; a
        # table that shows no columns of its own (表四 is one row) takes another table's
        a2, a3 = alignment(sources.get("active", [])), alignment(sources.get("requests", []))
        prior = self.priors.get(organ, year - 1) if self.priors is not None and year is not None else None
        last = prior_claims(prior, template) if prior is not None else {}
        def read_active(cells: list, sparse: bool = False) -> TableRead:
            t = read_rows(cells, labels.table2(template), template=template, table="active", glued=glued,
                          align=a2 or a3, sparse_doc=sparse)
            settle(t, template, stated=lambda keys: _joined(claims(text, template, keys), last))
            return t

        def read_requests(cells: list, sparse: bool = False) -> TableRead:
            t = read_rows(cells, labels.table3(template), template=template, table="requests", glued=glued,
                          align=a3 or a2, sparse_doc=sparse)
            settle(t, template, stated=(lambda keys: last) if last else None)
            confirm_weak(t, template)
            derive_unprinted(t)
            return t

        def read_table4(cells: list) -> TableRead:
            # 表四 alone cannot show it (one row); a table printing no number, each word alone on
            # its line, may be such a copy of empty cells too
            sparse = any(r.sparse or r.unfilled for r in reads.values())
            t = read_appeals(cells, glued=glued, template=template, align=a3 or a2, sparse=sparse)
            settle(t, template)
            confirm_weak(t, template)
            derive_unprinted(t)
            return t

        reads: dict[str, TableRead] = {}
        for name, read_table in (("active", read_active), ("requests", read_requests), ("appeals", read_table4)):
            if name == "appeals" and any(r.sparse for r in reads.values()):
                _sparse_again(reads, sources, {"active": read_active, "requests": read_requests})
            elif name == "appeals" and any(r.unfilled for r in reads.values()):
                _blank_candidates(reads, sources, {"active": read_active, "requests": read_requests})
            reads[name] = read_table(sources.get(name, []))
            if trace["source"][name] == "grid" and (_missing(reads[name]) or _twice(reads[name])) and not scanned:
                # a grid that holds part of its table (an unruled PDF table cut where a label
                # wraps): the text, which holds all of it, is read too, and kept when it finds more
                # rows and leaves fewer doubts (never for a scan: its grid's doubts are the
                # recogniser's, which the text does not carry). Rows printed twice with other
                # numbers: the table may be cut into grids of some columns each (表三 too wide for
                # a Word page: 自然人 … in one table, 法律服务机构 … 总计 in the next), which the
                # text's reshapers (`slices.stitch`) put back together; the text's reading is kept
                # when it leaves fewer doubts and no more rows missing
                from_text = _text_cells(text, name)
                if from_text is not None:
                    again = read_table(from_text)
                    fewer = _missing(again) < _missing(reads[name]) or (
                        _twice(reads[name]) and _missing(again) == _missing(reads[name]))
                    if again.found and fewer and len(again.doubts) < len(reads[name].doubts):
                        reads[name] = again
                        trace["source"][name] = "text (the grids hold part of the table)"
        t2, t3, t4 = reads["active"], reads["requests"], reads["appeals"]

        values: dict[str, Any] = dict.fromkeys(catalogue.keys(template))
        printed: dict[str, str] = {}
        provenance: dict[str, Provenance] = {}
        present: list[str] = []
        new = object.__new__
        for table, read in (("active", t2), ("requests", t3), ("appeals", t4)):
            trace[table] = "found" if read.found else "absent"
            if not read.found:
                continue
            present.extend(_RECORD_TABLES[table])
            unsure = read.doubts
            for key, r in read.reads.items():  # (about 200 cells: locals, no attribute asked twice)
                values[key] = None if key in unsure else r.value  # unsure is never a number
                if (text_ := r.printed) is not None:
                    printed[key] = text_
                start, evidence, locator = r.start, r.evidence, r.locator
                if start is not None or locator or evidence:
                    # Provenance(start, end, locator, evidence), its four fields set here: a class
                    # call runs its __init__ in a frame of its own, a third of the cost of ~200 cells
                    provenance[key] = p = new(Provenance)
                    if start is not None or locator:
                        p.start = start
                        p.end = r.end
                        p.locator = locator
                        p.evidence = evidence or None
                    else:
                        p.start = p.end = p.locator = None
                        p.evidence = evidence
            doubts.update(unsure)
        try:
            record = from_flat(template, values, organ=organ, year=year, printed=printed, present=present)
        except (ValidationError, ValueError) as exc:
            return Reading(record=None, engine=self.name, settings=self.settings(), doubts=doubts,
                           trace=[{**trace, "error": f"record rejected by the schema: {exc}"[:500]}])
        # built here from validated parts (the record, Doubts, Provenances): not validated again;
        # every field given (model_construct inspects a default factory's signature on each call)
        return Reading.model_construct(record=record, engine=self.name, doubts=doubts, provenance=provenance,
                                       settings=self.settings(), trace=[trace], cell_engines={}, usage=Usage(),
                                       model_error=None, model_error_kind=None)


def _sparse_again(reads: dict[str, TableRead], sources: dict[str, Any],
                  readers: dict[str, Callable[..., TableRead]]) -> None:
    """A table copied a cell a line with its empty cells left out shows the form only with three
    numbers or more (`lines.a_cell_a_line`): when another table of the document shows it, a table
    left with doubts is read again as printed so (kept when its cells allow the form)."""
    for name, read_table in readers.items():
        if not reads[name].sparse and (reads[name].doubts or not reads[name].found) and sources.get(name):
            again = read_table(sources[name], True)
            if again.sparse:
                reads[name] = again


def _blank_candidates(reads: dict[str, TableRead], sources: dict[str, Any],
                      readers: dict[str, Callable[..., TableRead]]) -> None:
    """A table of labels alone and no number, a word a line (`unfilled`), may be a copy a cell a
    line whose empty cells left nothing, or a table nobody filled: it does not show the copy's
    form as a table of three numbers does (`_sparse_again`), so another table's label alone is
    not read as a row of empty cells on its strength. Its cells not found (`missing_row`, no
    candidate) get, as candidates, what a reading as such a copy gives them (0 for a label
    alone); nothing is settled."""
    for name, read_table in readers.items():
        read = reads[name]
        bare = [k for k, d in read.doubts.items() if d.reason == "missing_row" and not d.candidates]
        if read.sparse or not bare or not sources.get(name):
            continue
        again = read_table(sources[name], True)
        if not again.sparse:
            continue
        for k in bare:
            got = again.reads.get(k)
            if k in again.doubts or got is None or got.value is None:
                continue
            d = read.doubts[k]
            read.doubts[k] = Doubt(reason=d.reason, candidates=[json_value(got.value)], detail=(
                f"{d.detail}; its label alone on its line, as in a copy a cell a line whose empty cells "
                "leave nothing (another table prints its labels and no number): a row of blank cells, "
                "or its numbers lost"))


def _missing(read: TableRead) -> int:
    """Cells of a table read whose rows were not found (every cell, when the table was not)."""
    return 10_000 if not read.found else sum(d.reason == "missing_row" for d in read.doubts.values())


def _twice(read: TableRead) -> int:
    """Cells of a table read whose row was printed twice with different numbers."""
    return sum(d.reason == "duplicate_row" for d in read.doubts.values())


def _joined(*stated: dict[str, list]) -> dict[str, list]:
    """Claims of several kinds about the same cells, in the order given."""
    out: dict[str, list] = {}
    for claims_ in stated:
        for key, found in claims_.items():
            out.setdefault(key, []).extend(found)
    return out


def _without_stale(tables: list[Any], text: str, year: int | None) -> list[Any]:
    """Each grid's kind (`kind_of`, or the 表三 it continues), None for a grid under a heading
    naming it as another year's (`segment.stale_grid`: last year's 表四 quoted under
    `2022年度…（对照）`, a section `上年度情况`) when a grid of that kind under no such heading is
    left: that one is read, wherever it stands. When none is left all are kept (their cells then
    doubts as before: never last year's numbers taken silently)."""
    kinds: list[Any] = []
    stale: list[bool] = []
    previous, floor = None, 0
    for table in tables:
        named = kind_of(table)
        kind = named or continues(table, previous)  # 表三 cut in two by a page break
        span = table.span
        if named is None and kind is not None:  # a continued 表三's part goes with its first part
            stale.append(stale[-1])
        else:
            stale.append(span is not None and stale_grid(text, floor, span[0], year))
        previous = kind
        kinds.append(kind)
        floor = span[1] if span is not None else floor
    fresh = {k for k, s in zip(kinds, stale) if k is not None and not s}
    return [None if s and k in fresh else k for k, s in zip(kinds, stale)]


def _sources(doc: Document, text: str, year: int | None) -> dict[str, Any]:
    """Cells of each table: from the loader's grids where it kept them, else from the text
    (`reading_text(doc.text)`)."""
    out: dict[str, Any] = {}
    for table, kind in zip(doc.tables, _without_stale(doc.tables, text, year)):
        if kind is not None:
            out.setdefault(kind, []).extend(grid_cells(table, doc.text, kind))
    found = set(out)
    for name in _SEGMENTS:
        if name not in out and (cells := _text_cells(text, name)) is not None:
            out[name] = cells
    numerals = any(writes_numerals(cells) for cells in out.values())
    for name, cells in out.items():
        # a report that writes some counts in Chinese numerals: a lone `一` in its other tables
        # may be 1 as well as a dash (a grid's: in the grid itself too)
        if name in found:
            grid_ones(cells, numerals)
        elif numerals and not writes_numerals(cells):
            doubt_ones(cells)
    out["_from"] = {k: ("grid" if k in found else "text") for k in _SEGMENTS}
    return out


#: table → its span's name in `segment.Segments`
_SEGMENTS = {"active": "table2", "requests": "table3", "appeals": "table4"}


def _text_cells(text: str, name: str) -> list[Any] | None:
    """The cells of table `name` tokenized from the text (None: the text shows no such table)."""
    span = getattr(find_tables(text), _SEGMENTS[name])
    return None if span is None else tokenize(text, span[0], span[1])


__all__ = ["LayoutEngine", "VERSION"]
