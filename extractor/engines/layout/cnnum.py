"""Counts written in Chinese numerals (`十二`, `一百零五`, `二千三百四十件`), as some narrative-style
tables print them: read as the numbers they are (`count`), and the cells that hold them made
number cells (`numeral_cells`) where a row's values stand.

A lone `一` is also a dash typed with the numeral key (`_cells.dash_ones` makes it a blank mark
beside numbers): it is read as 1 only in a table that writes its counts in numerals (at least
`_STRONG` counts no dash could be: 二 … 九, or with 十 百 千 万, or with a measure word; and no
fewer numerals than counts in digits, a lone `一` not counted). A table of digits keeps its dashes;
one with a few counts in numerals makes its lone `一` a doubt: 1, or a dash (0).
"""

from __future__ import annotations

import re
from typing import Sequence

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MEASURE = ("人次", "件", "个", "项", "次", "起", "宗", "家", "份", "例")
#: a cell that may be a count in Chinese numerals (its structure checked by `count`)
_SHAPE = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?:人次|件|个|项|次|起|宗|家|份|例)?")
#: counts that are never a dash: a digit other than 一 and 零, a unit, or a measure word after them
_NO_DASH = re.compile(r"[二两三四五六七八九十百千万]|.(?:人次|件|个|项|次|起|宗|家|份|例)$")
#: the first characters of such a count (a quick no for every other cell)
FIRST = frozenset("零〇一二两三四五六七八九十百千")
_STRONG = 3


def count(text: str) -> tuple[int, str | None] | None:
    """(value, measure word or None) of a count in Chinese numerals, or None when `text` is not
    one (`一二`, `十十`, `百十` and other malformed runs are None)."""
    if not _SHAPE.fullmatch(text):
        return None
    unit = next((m for m in _MEASURE if text.endswith(m)), None)
    body = text[:-len(unit)] if unit else text
    if not body:
        return None
    total = section = 0
    digit: int | None = None
    last = 10_000  # the unit before, within the section: units fall (千 > 百 > 十)
    for ch in body:
        if ch in _DIGITS:
            d = _DIGITS[ch]
            if digit is not None and d and digit:
                return None  # two digits in a row (`一二`)
            digit = d
        elif ch in _UNITS:
            u = _UNITS[ch]
            if u >= last or (digit is None and (u != 10 or section or total)):
                return None  # (a unit with no digit before it: only 十 first, `十二`)
            section += (1 if digit is None else digit) * u  # (十二: a 十 alone is 10)
            digit, last = None, u
        else:  # 万
            section += digit or 0
            if total or not section:
                return None
            total, section, digit, last = section * 10_000, 0, None, 10_000
    return total + section + (digit or 0), unit


_SHARE = re.compile(r"[↑↓▲▼+\-－]?\d*(?:\.\d+)?\s*[%％]|[↑↓▲▼]")


def _placed(cells: Sequence) -> tuple[list, list, int]:
    """The numerals standing where a row's values stand (after its label, nothing but values
    after them; or two or more on a line of values alone, 表四's), those of them on lines that
    write their counts so (a strong one, no digits), and the number of counts in digits."""
    lines: dict[int, list] = {}
    for c in cells:
        lines.setdefault(c.line, []).append(c)
    placed = []
    by_numerals = []  # a line's numerals where the line writes its counts so (strong ones, no digits)
    digits = 0
    for line in lines.values():
        numeral = [c.kind in ("text", "blank") and c.text[:1] in FIRST and count(c.text) is not None for c in line]
        # (a share or a change after the counts, `↓20.5%`, `%` of `+21.9%`: an added column's value, no word)
        words = [i for i, c in enumerate(line) if c.kind == "text" and not numeral[i] and not _SHARE.fullmatch(c.text.strip())]
        in_digits = sum(1 for c in line if c.kind == "num" and c.text[:1].isdigit())
        digits += in_digits
        # (a line of values alone holds two or more: a numeral alone on its line is a label's
        # piece as often, `三` of `三、本年度…` printed a character a line)
        here = [c for i, c in enumerate(line) if numeral[i] and (words[0] < i and words[-1] < i if words else len(line) >= 2)]
        if len(words) >= 2:
            here += _between_words(line, numeral, words)
        placed += here
        if not in_digits and any(c.kind == "text" and _NO_DASH.search(c.text) for c in here):
            by_numerals += here
    return placed, by_numerals, digits


def _between_words(line: Sequence, numeral: list[bool], words: list[int]) -> list:
    """A line's numerals that stand between two rows' labels (a table flattened onto one line:
    `规章 零件 零件 零件 行政规范性文件 三件 …`): each run of them after a word of two characters
    or more and before another such word, two numerals or more or each with its measure word. A
    letter-spaced label's numerals (`第 二 十 条`) stand between words of one character: never these."""
    out: list = []
    for w1, w2 in zip(words, words[1:]):
        run = line[w1 + 1:w2]
        if not run or not all(numeral[w1 + 1:w2]) or len(line[w1].text.strip()) < 2 or len(line[w2].text.strip()) < 2:
            continue
        if len(run) >= 2 or all(c.text.strip()[-1:] in _MEASURE_LAST for c in run):
            out += run
    return out


_MEASURE_LAST = frozenset(m[-1] for m in _MEASURE)


def numeral_cells(cells: Sequence) -> None:
    """Text cells that are counts in Chinese numerals standing where a row's values stand (`_placed`)
    made number cells: those no dash could be always; a lone `一` (or `零`), and
    a `一` `_cells.dash_ones` made a blank mark, as the count only in a table that writes its
    counts so (such counts there, and no fewer of them, lone `一`s aside, than counts in digits) or
    on a line that does (one such count on it, no count in digits); elsewhere a lone `一` is a
    doubt (`Cell.dash_or_one`). A numeral before a row's label (a 序号 column: `二 | 规范性文件 | …`)
    stays text."""
    placed, by_numerals, digits = _placed(cells)
    strong = [c for c in placed if c.kind == "text" and _NO_DASH.search(c.text)]
    if not strong:
        return
    # the table writes its counts so: its lone `一`s are not counted for it (a dash typed with the
    # numeral key beside every zero would make a table of digits one of numerals)
    sure = [c for c in placed if c.text.strip() != "一"]
    written = len(strong) >= _STRONG and len(sure) >= digits
    for c in placed if written else strong + by_numerals:
        c.kind = "num"
        c.firm = False
    if not written and not _zeros_written(cells):
        # a table of digits with a few counts in numerals: its lone `一` is the count 1 or a dash,
        # and nothing in the print says which (`cellvalue.cell_read` makes it a doubt of both); on a
        # line that writes its counts in numerals it is 1 while nothing else in the table may be a
        # dash (no blank mark, no other lone `一`)
        on_lines = {id(c) for c in by_numerals}
        marks = any(c.kind == "blank" and c.text.strip() and id(c) not in on_lines for c in cells) or any(
            c.text.strip() == "一" and id(c) not in on_lines for c in placed)
        _doubt(placed if marks else [c for c in placed if id(c) not in on_lines])


def writes_numerals(cells: Sequence) -> bool:
    """Some count of the table is written in Chinese numerals no dash could be (`numeral_cells`)."""
    for c in cells:  # (a plain loop: a generator's step per cell costs more than the test)
        if c.kind == "num" and c.text[:1] in FIRST and _NO_DASH.search(c.text):
            return True
    return False


def doubt_ones(cells: Sequence) -> None:
    """The lone `一`s standing where a row's values stand made doubts, 1 or a dash (0), in a table
    of a report whose other tables write some counts in Chinese numerals (its typist writes
    counts so now and then)."""
    placed = _placed(cells)[0]
    if not _zeros_written(cells):
        _doubt(placed)
    elif not any(c.kind == "num" and c.text[:1].isdigit() and c.line in lines
                 for lines in ({p.line for p in placed},) for c in cells):
        # every count on the table's lines of values 零 or `一` (表四 of a report writing its
        # counts in numerals): the typist who writes 零 for a zero types no dash, the `一` is 1
        for c in placed:
            if c.text.strip() == "一":
                c.kind, c.firm = "num", False


def _zeros_written(cells: Sequence) -> bool:
    """The table writes its zeros `零` and prints no blank mark: a typist who writes 零 for a zero
    types no dash for one, so its lone `一` is the count."""
    # (a lone `零` is a number cell already, `_cells.parse_number`: among the cells, not `placed`)
    return any(c.kind != "text" and c.text.strip() in ("零", "〇") for c in cells) and not any(
        c.kind == "blank" and c.text.strip() not in ("", "一", "零", "〇") for c in cells)


def _doubt(placed: Sequence) -> None:
    for c in placed:
        if c.text.strip() == "一":
            c.kind, c.firm, c.dash_or_one = "num", False, True


def grid_ones(cells: Sequence, numerals_elsewhere: bool = False) -> None:
    """A grid's (HTML, Word) lone `一` cells, read as 1 (`_cells.parse_number`), made doubts of 1
    and a dash (`Cell.dash_or_one`) where the grid, or another table of the report
    (`numerals_elsewhere`), writes some counts in numerals but not all of them (`numeral_cells`'
    rule: fewer than `_STRONG` counts no dash could be, or fewer than its counts in digits) and
    does not write its zeros `零`. A grid with no count in numerals keeps its reading."""
    ones = [c for c in cells if c.kind == "num" and c.text.strip() == "一"]
    if not ones:
        return
    strong = [c for c in cells if c.kind == "num" and c.text[:1] in FIRST and _NO_DASH.search(c.text)]
    if not strong and not numerals_elsewhere:
        return
    digits = sum(1 for c in cells if c.kind == "num" and c.text[:1].isdigit())
    sure = sum(1 for c in cells if c.kind == "num" and c.text[:1] in FIRST and c.text.strip() != "一")
    if (len(strong) >= _STRONG and sure >= digits) or _zeros_written(cells):
        return
    for c in ones:
        c.dash_or_one = True
