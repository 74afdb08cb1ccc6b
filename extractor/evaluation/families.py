"""The failure families: generated reports with random numbers, each printed the way one kind of
published report is damaged (`family_pages`), with gold whose ambiguity comes from the oracle.

    write_families(real_cases, "eval/variants", seed=…)   # eval/variants/synth/<family>/NNN_<fmt>.txt

Each report takes its surrounding prose from a real labelled report (`narrative`), its numbers
from `synth.draw` (and, for about one in seven, a printed error from `synth.print_error`), and
its tables from the family's printer. Where cuts between cells are hidden (families printed as
flattened text), the printed rows go through `oracle.table_readings`; a draw whose truth is not
among the readings the print allows, or whose enumeration explodes, is drawn again. Everything
is seeded by (seed, family, index): the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import catalogue
from ..flat import dump_value
from . import non_reports, off_format
from .family_pages import (
    Draft, Page, cell_marks, converter_markdown, dropped_blank, garbled_markdown, mixed_rows, negative_change_run,
    number_marks, off_format_page, page_numbers, partial_spacing, table4_run, table_notes,
)
from .flat_page import crawler_page, one_line
from .gold import GoldCase, identity_violations
from .file_pages import doc_files, office_files, web_files, web_pages
from .paste_pages import (
    csv_and_lists, extra_columns, label_variants, measure_words, ocr_letters, pdf_text_order, text_debris,
)
from .char_pages import char_forms
from .compound_pages import compound_labels
from .shape_pages import table_shapes
from .text_pages import text_layouts
from .oracle import Explosion, ambiguous, table_readings, truth_allowed
from .synth import Shape, draw, print_error

#: Reports per family (≥ 20, both formats where the family applies).
PER_FAMILY = 28
#: Reports whose index is 3 modulo this carry a printed error (4 of 28, about 14 %).
ERROR_EVERY = 7
MAX_ATTEMPTS = 80
SYNTH_DIR = "synth"


# ------------------------------------------------------------------ the registry


@dataclass(frozen=True)
class Family:
    name: str
    templates: tuple[str, ...]
    render: Callable[[Draft], Page] | None  # None: not a report (family 9)
    about: str
    shape: Callable[[random.Random], Shape] = lambda rng: Shape(big=rng.random() < 0.4)


FAMILIES: tuple[Family, ...] = (
    Family("partial-spacing", ("2019", "2021"), partial_spacing,
           "CMS page flattened to one line: a space is a cut, a cut need not be a space"),
    Family("mixed-rows", ("2019", "2021"), mixed_rows, "some rows spaced, some run together, some partly"),
    Family("dropped-blank", ("2019", "2021"), dropped_blank, "empty cells left no character (6 numbers for 7 cells)"),
    Family("table4-run", ("2019", "2021"), table4_run, "表四 as one digit run or partly spaced",
           shape=lambda rng: Shape(busy_appeals=True, big=rng.random() < 0.3)),
    Family("negative-change-run", ("2019",), negative_change_run, "2019 本年增/减 negative, run together with neighbours",
           shape=lambda rng: Shape(negative_change=True, big=rng.random() < 0.3)),
    Family("converter-markdown", ("2019", "2021"), converter_markdown,
           "OCR/model converter Markdown: 表三 cut into small tables with generic headers"),
    Family("garbled-pdf-markdown", ("2019", "2021"), garbled_markdown,
           "PDF→Markdown: labels detached or broken, rows swapped, two rows on one line"),
    Family("off-format", ("2019", "2021"), off_format_page,
           "off the national format: late 2019 format, missing rows, typos, a covering letter"),
    Family("cell-marks", ("2019", "2021"), cell_marks,
           "bordered tables: 0 as a mark varying by cell, 3件, spacer columns, full-width digits"),
    Family("page-numbers", ("2019", "2021"), page_numbers,
           "flattened text with the source PDF's page numbers between rows (第3页, -3-)"),
    Family("measure-words", ("2019", "2021"), measure_words,
           "every count with its measure word (3件, 1,191个), zeros as 0件 or marks: grids, HTML, flattened text"),
    Family("csv-and-lists", ("2019", "2021"), csv_and_lists,
           "tables pasted as CSV, or each row as label：n1、n2、… (表四 one list per group)"),
    Family("extra-columns", ("2019", "2021"), extra_columns,
           "a 序号 or 备注 column, rows the format lacks, a summary of 表三 above 表二"),
    Family("label-variants", ("2019", "2021"), label_variants,
           "labels shortened or numbered ①/1）/（1）, （七）合计, label cells holding a line break"),
    Family("web-files", ("2019", "2021"), web_files,
           "files sites serve: a browser's web archive (.mht, GBK quoted-printable), tables of CSS <div>s, "
           "an <iframe srcdoc> page, Word's web page saved as .doc"),
    Family("web-pages", ("2019", "2021"), web_pages,
           "web pages with no plain <table>: flex rows of divs or <ul>s of <li>s, tables a script draws from JSON "
           "on the page, Word's web page with numbers split over spans, one-cell tables in cells, &nbsp; blanks"),
    Family("text-debris", ("2019", "2021"), text_debris,
           "web/editor debris: \\r line ends, NBSP/em spaces and zero-width marks, box-drawing borders, \\|, "
           "&nbsp;/&#12288;, **95**, ; between cells"),
    Family("pdf-text-order", ("2019", "2021"), pdf_text_order,
           "PDF text in another order: numbers before each label, or pdftotext -layout with wrapped labels"),
    Family("ocr-letters", ("2019", "2021"), ocr_letters,
           "OCR text with O/o for 0 or l/I for 1 inside some numbers (4O, 2O2): doubts, never the digits beside"),
    Family("text-layouts", ("2019", "2021"), text_layouts,
           "text forms of round 4: 表二 as prose, PDF text over pages (page numbers, form feeds, running title, "
           "续表), a cell a paragraph (docx2txt), dashes for 0 (--, ―, 一), 繁體, a 小计 column, unnumbered sub-rows"),
    Family("office-files", ("2019", "2021"), office_files,
           "the report saved as RTF: Word's .rtf (\\uN escapes, merges as wide cells or \\clmgf runs), "
           "or WPS's RTF served as .doc/.wps (GBK \\'xx escapes)"),
    Family("doc-files", ("2019", "2021"), doc_files,
           "the report as binary Word 97–2003: Word's .doc (8-bit and UTF-16 pieces, 1Table) or WPS's .wps "
           "(one UTF-16 piece, 0Table); merges as wide cells, horzMerge runs and vertMerge marks"),
    Family("table-shapes", ("2019", "2021"), table_shapes,
           "tables of round 5 in other shapes: 表三 in vertical slices (续表, labels/行次/nothing repeated), grid "
           "tables (+---+, wrapped cells, spans), HTML tables in converter Markdown, docling's repeated merged "
           "cells, 表三 on its side"),
    Family("compound-labels", ("2019", "2021"), compound_labels,
           "round 5: bordered tables with 2–4 quirks stacked: label typos (予与公开, 部份公开), other enumerators "
           "(7.总计, ⑦), 本年新收 mistyped, 1O个, a 备注 column of 无/—, a page number and running header in 表三"),
    Family("table-notes", ("2019", "2021"), table_notes,
           "round 6: flattened text whose tables are each followed by a note (注：/说明：) printing numbers of "
           "its own and the rows' words (行政许可, 本年新收, 其他处理, 行政复议)"),
    Family("number-marks", ("2019", "2021"), number_marks,
           "round 7: flattened text, cells a space apart, numbers with marks around them: counts with their "
           "unit in brackets (16（件）), a 2019 本年增/减 with words for its sign (增加5, 减少3), a note's mark "
           "after some (5①, 1234*, 12注1)"),
    Family("char-forms", ("2019", "2021"), char_forms,
           "round 8: characters that stand for others: Kangxi/CJK radicals and compatibility ideographs for "
           "ideographs (⾏政许可, 部⻔), zero-width characters and soft hyphens inside numbers and words, "
           "mathematical digits; bordered, PDF text or flattened (partly spaced) text"),
    Family("not-a-report", ("-",), None, "not an annual report of the current format: must fail"),
)
FAMILY_NAMES = tuple(f.name for f in FAMILIES)


def _sources(cases: list[GoldCase], template: catalogue.Template, *, late: bool = False, letter: bool = False) -> list[GoldCase]:
    """Real reports whose prose may surround a generated report of this format."""
    cases = [c for c in cases if c.is_report]
    if late:  # a report of 2021 or later printed in the 2019 format
        pool = [c for c in cases if c.report_year >= 2021]
    else:
        pool = [c for c in cases if c.template == template and (c.report_year <= 2020) == (template == "2019")]
    if letter:
        pool = [c for c in pool if c.report_organ.startswith("平潭综合实验区") and c.report_organ.endswith("局")] or pool
    return pool or cases  # a small set: any report's prose will do


def _year(case: GoldCase, template: catalogue.Template, late: bool) -> int:
    """The report's year: its prose source's, unless that one does not fit the format."""
    if late:
        return case.report_year if case.report_year >= 2021 else 2022
    fits = (case.report_year <= 2020) == (template == "2019")
    return case.report_year if fits else (2020 if template == "2019" else 2022)


def _quirks(index: int, template: catalogue.Template, rng: random.Random) -> tuple[str, ...]:
    """Off-format quirks of report `index`: one in turn, sometimes a second one."""
    quirks = off_format.QUIRKS
    main = quirks[index % len(quirks)]
    if not off_format.applicable(main, template):
        main = "label-typos"
    chosen = [main]
    if rng.random() < 0.4:
        extra = rng.choice([q for q in quirks if q not in chosen and q != "late-2019-format"
                            and off_format.applicable(q, template)])
        chosen.append(extra)
    return tuple(chosen)


def build(family: Family, cases: list[GoldCase], seed: int, index: int) -> tuple[Draft, Page, dict[str, list]]:
    """One generated report of a family: (draft, page, the oracle's ambiguous cells)."""
    rng = random.Random(f"{seed}:{family.name}:{index}")
    render = family.render
    if render is None:
        raise ValueError(f"family {family.name!r} makes texts that are not reports")
    template = catalogue.as_template(family.templates[index % len(family.templates)])
    for _ in range(MAX_ATTEMPTS):
        quirks = _quirks(index, template, rng) if family.name == "off-format" else ()
        late = "late-2019-format" in quirks
        fmt = "2019" if late else template
        case = rng.choice(_sources(cases, fmt, late=late, letter="letter" in quirks))
        values = draw(fmt, rng, family.shape(rng))
        if "no-regulations-row" in quirks:
            values = off_format.zero_regulations(values)
        if "empty-other-rows" in quirks:
            values = off_format.zero_other_rows(values)
        error = None
        if index % ERROR_EVERY == 3:
            values, error = print_error(values, fmt, rng)
        d = Draft(family.name, index, fmt, rng, case, values, error, quirks, organ=case.report_organ,
                  year=_year(case, fmt, late))
        page = render(d)
        try:
            found = _oracle(page, d)
        except Explosion:
            continue
        if found is not None:
            return d, page, found
    raise RuntimeError(f"{family.name} #{index}: no draw in {MAX_ATTEMPTS} whose truth the print allows")


def _oracle(page: Page, d: Draft) -> dict[str, list] | None:
    """The ambiguous cells of the page, or None when the truth is not among its readings."""
    if page.printed is None:
        return {}
    readings = [table_readings(rows, d.template) for _, rows in page.printed]
    if not all(truth_allowed(t, d.values) for t in readings):
        return None
    return ambiguous(readings)


def gold(d: Draft, page: Page, found: dict[str, list], name: str, seed: int) -> dict[str, Any]:
    """The gold file of a generated report."""
    fields = {k: dump_value(d.values[k]) for k in catalogue.keys(d.template)}
    data: dict[str, Any] = {
        "doc": name,
        "meta": {"year": d.year, "template": d.template, "organ": d.organ},
        "fields": fields,
    }
    if found:
        data["ambiguous"] = {k: [dump_value(v) for v in vs] for k, vs in sorted(found.items())}
    data["source_violations"] = identity_violations(data)
    notes = [f"Generated ({d.family}): random numbers, prose of real/{d.case.id}."]
    if d.error:
        notes.append(f"Printed error: {d.error.what}.")
    if found:
        notes.append(f"{len(found)} cell(s) the print leaves undecidable (oracle).")
    data["notes"] = " ".join(notes)
    data["variant"] = {"generator": "families", "family": d.family, "input_format": page.input_format,
                       "encoding": "utf-8", "seed": seed, "index": d.index, "narrative_of": d.case.id,
                       "damage": page.damage, "printed_error": d.error.what if d.error else None}
    return data


def non_report(cases: list[GoldCase], seed: int, index: int) -> tuple[str, dict[str, Any]]:
    """(text, gold) of one text that is not a report of the current format."""
    rng = random.Random(f"{seed}:not-a-report:{index}")
    kind = non_reports.KINDS[index % len(non_reports.KINDS)]
    case = rng.choice([c for c in cases if c.is_report])
    year = rng.randint(2014, 2018) if kind == "pre-2019-report" else case.report_year
    title, body = non_reports.text(kind, case.report_organ, year, rng)
    flat = rng.random() < 0.5
    if flat:
        column = {"guide": "政府信息公开指南", "work-points": "政务公开工作要点"}.get(kind, "政府信息公开年报")
        published = year + 1 if kind == "pre-2019-report" else year
        body = crawler_page(title, case.report_organ, f"{published}-0{rng.randint(1, 9)}-{rng.randint(10, 28)} 10:00",
                            one_line(body), column)
    about = {"generator": "families", "family": "not-a-report", "input_format": "web-page-text" if flat else "txt-utf-8",
             "encoding": "utf-8", "seed": seed, "index": index, "damage": [kind] + (["one_line"] if flat else [])}
    return body, {"doc": "", "expect": "failed", "kind": kind,
                  "notes": f"Generated {kind} ({title}): not an annual report of the 2019 or 2021 format.",
                  "variant": about}


def write_families(cases: list[GoldCase], folder: str | Path, *, seed: int,
                   families: tuple[Family, ...] = FAMILIES, per_family: int = PER_FAMILY) -> list[Path]:
    """Write every family's reports under `folder/synth/<family>/`; returns the gold paths."""
    written = []
    for family in families:
        out = Path(folder) / SYNTH_DIR / family.name
        out.mkdir(parents=True, exist_ok=True)
        for i in range(per_family):
            if family.render is None:
                text, data = non_report(cases, seed, i)
                stem = f"{i:03d}_{data['kind']}"
                suffix = ".txt"
            else:
                d, page, found = build(family, cases, seed, i)
                stem, suffix, text = f"{i:03d}_{d.template}", page.suffix, page.text
                data = gold(d, page, found, stem + suffix, seed)
            data["doc"] = stem + suffix
            if family.render is not None and page.data is not None:
                (out / (stem + suffix)).write_bytes(page.data)
            else:
                (out / (stem + suffix)).write_text(text, encoding="utf-8")
            path = out / f"{stem}.gold.json"
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    return written
