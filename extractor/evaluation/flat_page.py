"""Tables printed as the text of a flattened web page: cell borders lost, spaces left here and there.

CMS pages crawled to text lose their table borders: between two cells there is sometimes a
space and sometimes nothing, labels run into numbers, a row's enumerator follows the last digit
of the row before (`00000002.其他法律…`), an empty cell may leave no character at all. This
module prints the cell model of `_tables` that way, row by row, under a `RowStyle` chosen per
row by the family, and returns with the text each row's numbers exactly as printed (an
`oracle.Row`), so that the gold's ambiguity is computed from what was printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from ._tables import BALANCE_NOTE, HEADINGS, Table
from .oracle import Row

IDEOGRAPHIC_SPACE = "\u3000"


@dataclass(frozen=True)
class RowStyle:
    """How one row's numbers are printed."""

    mode: str = "spaced"  # spaced: a space between every two numbers; run: none; partial: some
    p_space: float = 0.5  # partial: the chance of a space at each boundary
    drop: int = 0  # zero cells that leave no character
    plus: bool = False  # a positive 本年增/减 printed with its sign
    unit: bool = False  # an amount printed with 万元 after it
    #: round 7: the chance a count is printed with its unit in brackets (`16（件）`), and of a note's
    #: mark after a non-zero number (`5①`, `1234*`, `12注1`); a 2019 本年增/减 printed with words for its
    #: sign (`增加5`, `减少3`, `增5`, `减3`). Every cell still a space apart (`mode` spaced)
    bracket_unit: float = 0.0
    note_mark: float = 0.0
    sign_words: bool = False


@dataclass
class PageStyle:
    """How the page joins things: labels and numbers, rows, sections."""

    one_line: bool = True  # the whole report on one line (else one line per table row)
    label_space: float = 0.5  # the chance of a space between a label and what follows it
    ideographic: float = 0.1  # the chance that a space between numbers is U+3000
    blank: frozenset[str] = field(default_factory=frozenset)  # cells printed as nothing at all
    page_numbers: bool = False  # the PDF's page numbers left between two rows (`第3页`, `-3-`)
    #: the report's year when each table is followed by a note (注：/说明：) with numbers and row words
    notes: int = 0


#: The family's choice of style for a row: (section, keys of the row's cells, values, rng).
Chooser = Callable[[str, tuple[str, ...], dict[str, Any], random.Random], RowStyle]


def number(key: str, value: Any, style: RowStyle) -> str:
    """A cell's value as the page prints it (the gold value, never changed)."""
    if isinstance(value, Decimal):
        text = format(value, "f")
    else:
        text = str(value)
    if style.plus and key.endswith(".change") and isinstance(value, int) and value > 0:
        text = "+" + text
    if style.unit and isinstance(value, Decimal):
        text += "万元"
    return text


def print_row(keys: tuple[str, ...], values: dict[str, Any], style: RowStyle, rng: random.Random,
              page: PageStyle) -> str:
    """The row's numbers: the cells left after drops, joined by a space or by nothing."""
    return _print_row(keys, values, style, rng, page)[0]


def _print_row(keys: tuple[str, ...], values: dict[str, Any], style: RowStyle, rng: random.Random,
               page: PageStyle) -> tuple[str, str]:
    """The row's numbers as printed, and as the oracle reads them (the same text without the marks
    around the numbers that round 7's styles add: units in brackets, sign words, notes' marks)."""
    dropped: set[str] = set()
    zeros = [k for k in keys if values[k] == 0 and k not in page.blank]
    if style.drop:
        dropped = set(rng.sample(zeros, min(style.drop, len(zeros))))
    kept = [k for k in keys if k not in dropped and k not in page.blank]
    pieces = [number(k, values[k], style) for k in kept]
    marked = [_marked(k, values[k], p, style, rng) for k, p in zip(kept, pieces)] if _marks(style) else pieces
    out, plain = marked[:1], pieces[:1]
    for piece, shown in zip(pieces[1:], marked[1:]):
        if style.mode == "spaced" or (style.mode == "partial" and rng.random() < style.p_space):
            space = IDEOGRAPHIC_SPACE if rng.random() < page.ideographic else " "
            out.append(space)
            plain.append(space)
        out.append(shown)
        plain.append(piece)
    return "".join(out), "".join(plain)


def _marks(style: RowStyle) -> bool:
    return bool(style.bracket_unit or style.note_mark or style.sign_words)


#: a note's marks as reports print them against a number
NOTE_MARKS = ("*", "①", "②", "※", "注1", "[1]")


def _marked(key: str, value: Any, text: str, style: RowStyle, rng: random.Random) -> str:
    """A cell's number with round 7's marks around it (the value unchanged)."""
    if style.sign_words and key.endswith(".change") and isinstance(value, int) and value != 0:
        up, down = rng.choice([("增加", "减少"), ("增", "减")])
        text = (up if value > 0 else down) + str(abs(value))
    if isinstance(value, int) and style.bracket_unit and rng.random() < style.bracket_unit:
        text += rng.choice(["（件）", "(件)", "（项）"])
    if value != 0 and style.note_mark and rng.random() < style.note_mark:
        text += rng.choice(NOTE_MARKS)
    return text


def print_tables(sections: list[tuple[str, Table]], values: dict[str, Any], choose: Chooser, rng: random.Random,
                 page: PageStyle) -> tuple[str, list[tuple[str, list[Row]]]]:
    """The three tables as flattened text, and per section the printed rows for the oracle."""
    parts: list[str] = []
    printed: list[tuple[str, list[Row]]] = []
    for section, table in sections:
        parts.append(HEADINGS[section])
        rows: list[Row] = []
        cut = rng.randrange(2, len(table) - 1) if page.page_numbers and section in ("二", "三") else -1
        for i, cells in enumerate(table):
            if i == cut:
                n = rng.randint(2, 9)
                parts.append(rng.choice([f" 第{n}页 ", f" 第 {n} 页 共 {n + 2} 页 ", f" -{n}- ", f" —{n}— "]))
            labels = [_label(c.text) for c in cells if c.key is None and c.text]
            keys = tuple(c.key for c in cells if c.key is not None)
            if labels:
                parts.append(_join_labels(labels, rng, page))
            if keys:
                text, plain = _print_row(keys, values, choose(section, keys, values, rng), rng, page)
                rows.append(Row(keys, plain))
                parts.append(text)
        if page.notes:
            parts.append(table_note(section, page.notes, rng))
        printed.append((section, rows))
    return _join_parts(parts, rng, page), printed


def table_note(section: str, year: int, rng: random.Random) -> str:
    """A note as reports print one under a table: numbers of its own (dates, counts) and words of
    the table's rows (行政许可, 本年新收, 其他处理, 行政复议); none of it is a cell."""
    a, b, c = (rng.randint(1, 9) for _ in range(3))
    pool = {
        "二": [f"注：本年度行政许可中，网上办理{a}件，窗口办理{b}件。", f"说明：规范性文件现行有效件数含部门联合发文{a}件。",
               f"注：收费金额单位为万元，统计截至{year}年12月31日。"],
        "三": [f"注：本年新收申请中，当面申请{a}件，网络申请{b}件，信函申请{c}件。",
               f"说明：1.“其他处理”{a}件为申请人撤回申请；2.本表统计时间为{year}年1月1日至{year}年12月31日。",
               f"注：本表中“0”表示无，数据截至{year}年12月31日，共{a + b}项。"],
        "四": [f"注：行政复议{a}件均已办结，本表统计时间为{year}年1月1日至{year}年12月31日。",
               f"说明：{year}年行政诉讼案件{b}件，均不涉及政府信息公开。"],
    }[section]
    return rng.choice(pool)


def _label(text: str) -> str:
    return BALANCE_NOTE if text == BALANCE_NOTE.strip("（）") else text


def _join_labels(labels: list[str], rng: random.Random, page: PageStyle) -> str:
    """A header row's words, run together or spaced as a crawler left them."""
    out = labels[:1]
    for word in labels[1:]:
        out.append(" " if rng.random() < page.label_space else "")
        out.append(word)
    return "".join(out)


def _join_parts(parts: list[str], rng: random.Random, page: PageStyle) -> str:
    if not page.one_line:
        return "\n".join(p for p in parts if p) + "\n"
    out = parts[:1]
    for part in parts[1:]:
        if part:
            out.append(" " if rng.random() < page.label_space else "")
            out.append(part)
    return "".join(out)


CRAWLER_RULE = "==================== 正文 ===================="


def crawler_page(title: str, organ: str, date: str, body: str, column: str = "政府信息公开年报") -> str:
    """A CMS page as a crawler saved it: a few header lines, then the article on one line."""
    return (f"标题: {title}\n发布时间: {date}\n文号: \n发布机构: {organ}\n栏目: {column}\n"
            f"{CRAWLER_RULE}\n{body}\n")


def one_line(text: str) -> str:
    """Prose flattened as a crawler does: line breaks dropped, runs of blanks made one space."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def strip_crawler_header(text: str) -> str:
    """A real page's article without the crawler's header lines (when it has them)."""
    return text.split(CRAWLER_RULE, 1)[1].lstrip("\n") if CRAWLER_RULE in text else text
