"""How each failure family prints a report: flattened web text, converter Markdown, off-format.

A `Draft` (format, true numbers, the real report whose prose surrounds the tables, randomness)
becomes a `Page`: the text, and for families whose cuts between cells are hidden, the printed
rows for the oracle. Families 1–5 print through `flat_page`, 6–7 through `md_pages`, 8 applies
`off_format`'s quirks; `families` registers them and checks each page against the oracle.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .. import catalogue
from . import md_pages, off_format
from ._render import LAYOUTS, Style
from ._tables import Table, tables
from .flat_page import PageStyle, RowStyle, crawler_page, one_line, print_tables, strip_crawler_header
from .gold import GoldCase
from .oracle import Row
from .synth import PrintedError


@dataclass
class Draft:
    """One report in the making: its format, numbers, prose source and randomness."""

    family: str
    index: int
    template: catalogue.Template
    rng: random.Random
    case: GoldCase  # the real report whose prose surrounds the tables
    values: dict[str, Any]  # the truth, as printed (a printed error included)
    error: PrintedError | None = None
    quirks: tuple[str, ...] = ()
    organ: str = ""
    year: int = 0

    def plain(self, keys: tuple[str, ...]) -> bool:
        """Must this row be printed plainly (it carries the printed error)?"""
        if self.error is None:
            return False
        for prefix in self.error.plain_rows:
            if prefix == "appeals" and keys[0].split(".")[0] in catalogue.APPEAL_GROUPS:
                return True
            if keys[0].startswith(prefix + "."):
                return True
        return False


@dataclass
class Page:
    """A rendered report: its text and what the oracle and the gold need to know about it."""

    text: str
    suffix: str
    printed: list[tuple[str, list[Row]]] | None  # rows with hidden cuts, for the oracle
    damage: list[str] = field(default_factory=list)
    input_format: str = "web-page-text"
    #: the file's bytes when it is binary (a .doc): written as they are, `text` left empty
    data: bytes | None = None


# ------------------------------------------------------------------ shared page makers


def _title(d: Draft) -> str:
    if "letter" in d.quirks:
        return off_format.letter_title(d.organ, d.year)
    return f"{d.organ}{d.year}年政府信息公开工作年度报告"


_NARRATIVES: dict[str, tuple[str, str]] = {}


def _prose(d: Draft) -> tuple[str, str]:
    """The source report's text before and after its tables (crawler header removed)."""
    from .variants import narrative  # the variants module owns it; imported late (it imports us)

    if d.case.id not in _NARRATIVES:
        before, after = narrative(d.case)
        _NARRATIVES[d.case.id] = (strip_crawler_header(before), after)
    before, after = _NARRATIVES[d.case.id]
    if "letter" in d.quirks:
        before = _title(d) + "\n" + off_format.letter_opening(d.year, d.rng) + before
    return before, after


def _flat_page(d: Draft, choose, page: PageStyle, damage: list[str]) -> Page:
    """A crawled CMS page: header lines, then the article (on one line unless `page` says not)."""
    sections = _sections(d)
    body, printed = print_tables(sections, d.values, choose, d.rng, page)
    before, after = _prose(d)
    if page.one_line:
        article = one_line(before) + " " + body + " " + one_line(after)
    else:
        article = one_line(before) + "\n" + body + one_line(after)
    date = f"{d.year + 1}-0{d.rng.randint(1, 3)}-{d.rng.randint(10, 28)} {d.rng.randint(8, 18):02d}:{d.rng.randint(0, 59):02d}"
    text = crawler_page(_title(d), d.organ, date, article)
    return Page(text, ".txt", printed, damage + (["one_line"] if page.one_line else []))


def _sections(d: Draft) -> list[tuple[str, Table]]:
    return tables(d.template, d.values)


def _page_style(d: Draft, **kw: Any) -> PageStyle:
    return PageStyle(label_space=d.rng.choice([0.1, 0.4, 0.7]), **kw)


def _clamp(p: float) -> float:
    return min(1.0, max(0.0, p))


# ------------------------------------------------------------------ families 1–5: flattened text


def partial_spacing(d: Draft) -> Page:
    """Family 1: one line after a crawler header; between two numbers a space or nothing."""
    p = d.rng.uniform(0.3, 0.7)

    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys):
            return RowStyle()
        return RowStyle("partial", p_space=_clamp(p + rng.uniform(-0.2, 0.2)), unit=rng.random() < 0.3)

    return _flat_page(d, choose, _page_style(d), ["partial_spacing"])


def page_numbers(d: Draft) -> Page:
    """Family 11: flattened text (partly spaced) with the page numbers of the PDF it was pasted
    from left between two rows of 表二 and 表三."""
    p = d.rng.uniform(0.3, 0.9)

    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys):
            return RowStyle()
        return RowStyle("partial", p_space=_clamp(p + rng.uniform(-0.2, 0.2)))

    return _flat_page(d, choose, _page_style(d, page_numbers=True), ["page_numbers"])


def table_notes(d: Draft) -> Page:
    """Round 6: flattened text (one line, or a line a row), rows spaced or partly spaced, each table
    followed by a note (注：/说明：) that prints numbers of its own and words of the table's rows."""
    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys):
            return RowStyle()
        return RowStyle("partial", p_space=rng.uniform(0.6, 1.0)) if rng.random() < 0.5 else RowStyle()

    one = d.rng.random() < 0.5
    return _flat_page(d, choose, _page_style(d, one_line=one, notes=d.year), ["table_notes"])


def number_marks(d: Draft) -> Page:
    """Round 7: flattened text (one line, or a line a row), every cell a space apart, the numbers
    with marks around them: counts with their unit in brackets (`16（件）`, `5(件)`), a 2019
    本年增/减 with words for its sign (`增加5`, `减少3`), a note's mark after some (`5①`, `12注1`)."""
    units = d.rng.choice([0.0, 0.3, 0.8])
    notes = d.rng.choice([0.05, 0.15])

    def choose(section, keys, values, rng) -> RowStyle:
        return RowStyle(bracket_unit=units, note_mark=notes, sign_words=True)

    one = d.rng.random() < 0.5
    return _flat_page(d, choose, _page_style(d, one_line=one), ["number_marks"])


def mixed_rows(d: Draft) -> Page:
    """Family 2: in one table, rows fully spaced, rows run together and rows partly spaced."""
    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys):
            return RowStyle()
        mode = rng.choice(["spaced", "run", "partial"])
        return RowStyle(mode, p_space=rng.uniform(0.2, 0.8))

    one = d.rng.random() < 0.5
    return _flat_page(d, choose, _page_style(d, one_line=one), ["mixed_rows"])


def dropped_blank(d: Draft) -> Page:
    """Family 3: an empty cell left no character (表三 rows one short, 表四 two short)."""
    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys) or section == "二":
            return RowStyle()
        mode = "spaced" if rng.random() < 0.7 else "partial"
        drop = 2 if section == "四" else int(rng.random() < 0.5)
        return RowStyle(mode, p_space=0.8, drop=drop)

    return _flat_page(d, choose, _page_style(d), ["dropped_blank"])


def table4_run(d: Draft) -> Page:
    """Family 4: 表四 as one digit run or partly spaced; the other tables spaced."""
    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys) or section != "四":
            return RowStyle()
        return RowStyle("run") if rng.random() < 0.5 else RowStyle("partial", p_space=rng.uniform(0.2, 0.6))

    return _flat_page(d, choose, _page_style(d), ["table4_run"])


def negative_change_run(d: Draft) -> Page:
    """Family 5 (2019): 表二 rows run together, a negative 本年增/减 among them (`12-38`)."""
    def choose(section, keys, values, rng) -> RowStyle:
        if d.plain(keys) or section != "二":
            return RowStyle()
        plus = rng.random() < 0.3
        return RowStyle("run", plus=plus) if rng.random() < 0.6 else RowStyle("partial", p_space=0.4, plus=plus)

    return _flat_page(d, choose, _page_style(d), ["negative_change_run"])


# ------------------------------------------------------------------ families 6–7: converter Markdown


def _md_page(d: Draft, body: str, damage: list[str]) -> Page:
    before, after = _prose(d)
    paras = lambda t: "\n\n".join(line.strip() for line in t.splitlines() if line.strip())  # noqa: E731
    text = f"# {_title(d)}\n\n{paras(before)}\n\n{body}\n{paras(after)}\n"
    return Page(text, ".md", None, damage, input_format="md-utf-8")


def converter_markdown(d: Draft) -> Page:
    """Family 6: an OCR/model converter's Markdown (see md_pages)."""
    return _md_page(d, md_pages.converter_markdown(_sections(d), d.values, d.rng), ["tables_cut_per_row"])


def garbled_markdown(d: Draft) -> Page:
    """Family 7: a PDF-to-Markdown tool's garbled tables (see md_pages)."""
    body, used = md_pages.garbled_markdown(_sections(d), d.values, d.rng)
    return _md_page(d, body, used)


# ------------------------------------------------------------------ family 8: off the national format


@dataclass
class _MarkedStyle(Style):
    """Cell by cell: a 0 printed as a mark (—, -, /, 无 …) or nothing, a count with its measure
    word (`3件`); the marks vary within one table, as in reports typed by hand."""

    rng: random.Random = field(default_factory=random.Random)
    p_mark: float = 0.5
    p_word: float = 0.2
    marks: tuple[str, ...] = ("—", "-", "/", "无", "－", "——")

    def value(self, cell) -> str:
        v = cell.value
        if v == 0 and self.rng.random() < self.p_mark:
            return self.rng.choice(self.marks)
        text = Style.value(self, cell)
        if isinstance(v, int) and not isinstance(v, bool) and v > 0 and self.rng.random() < self.p_word:
            text += self.rng.choice(["件", "件", "件", "个", "项"])
        return text


_WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def cell_marks(d: Draft) -> Page:
    """Family 10: bordered tables (tab, pipe, one cell per line, PDF text) whose cells print 0 as
    a mark that varies from cell to cell or as nothing (one cell per line: a line of &nbsp;, as
    a web page's table copied to text gives it), counts with their measure word, empty spacer
    columns, and, for some reports, every digit of the page full-width (title and labels included)."""
    layout = d.rng.choice(["tab", "pipe", "one-cell-per-line", "pdf-text"])
    # an empty cell: in a tab or pipe grid an empty cell, one cell per line a line of &nbsp;
    marks = ("—", "-", "/", "无", "－", "——") + (("",) if layout != "pdf-text" else ())
    words = layout != "pdf-text"  # a measure word widens a space-aligned column; not seen there
    style = _MarkedStyle(rng=d.rng, p_mark=d.rng.uniform(0.3, 0.9), p_word=d.rng.uniform(0.1, 0.4) if words else 0.0,
                         marks=marks, extra_columns=d.rng.choice([0, 0, 1, 2]) if layout in ("tab", "pipe") else 0,
                         nbsp_blank=layout == "one-cell-per-line")
    body = LAYOUTS[layout](_sections(d), style, d.rng)
    before, after = _prose(d)
    text = f"{_title(d)}\n{before}{body}\n{after}"
    damage = [f"layout:{layout}", "zero_marks"] + (["measure_words"] if words else [])
    if style.extra_columns:
        damage.append(f"spacer_columns:{style.extra_columns}")
    if d.rng.random() < 0.3:
        text = text.translate(_WIDE_DIGITS)
        damage.append("fullwidth_page")
    return Page(text, ".txt", None, damage, input_format="txt-utf-8")


def off_format_page(d: Draft) -> Page:
    """Family 8: the draft's off-format quirks, printed flat (spaced) or as pipe, tab or Markdown."""
    sections = _sections(d)
    damage = list(d.quirks)
    blank: frozenset[str] = frozenset()
    if "no-regulations-row" in d.quirks:
        sections = [(s, off_format.without_row(t, "规章") if s == "二" else t) for s, t in sections]
    if "label-typos" in d.quirks:
        sections, typos = off_format.with_typos(sections, d.template, d.rng)
        damage += [f"typo:{t}" for t in typos]
    layout = d.rng.choice(["flat", "pipe", "tab", "markdown"])
    damage.append(f"layout:{layout}")
    if "empty-other-rows" in d.quirks:
        if layout == "flat":
            blank = off_format.blank_keys(off_format.EMPTY_OTHER_ROWS)
        else:
            sections = [(s, off_format.blank_rows(t, off_format.EMPTY_OTHER_ROWS) if s == "三" else t)
                        for s, t in sections]
    if layout == "flat":  # every row fully spaced: the quirks, not the spacing, are under test
        body, printed = print_tables(sections, d.values, lambda *_: RowStyle(), d.rng, _page_style(d, blank=blank))
        before, after = _prose(d)
        text = crawler_page(_title(d), d.organ, f"{d.year + 1}-01-{d.rng.randint(10, 28)} 09:30",
                            one_line(before) + " " + body + " " + one_line(after))
        return Page(text, ".txt", printed, damage)
    body = LAYOUTS[layout](sections, Style(), d.rng)
    before, after = _prose(d)
    title = "" if "letter" in d.quirks else _title(d) + "\n"  # a letter's title opens its prose already
    text = f"{title}{before}{body}\n{after}"
    suffix = ".md" if layout == "markdown" else ".txt"
    return Page(text, suffix, None, damage, input_format=f"{suffix[1:]}-utf-8")
