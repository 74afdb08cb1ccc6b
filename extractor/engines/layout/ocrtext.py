"""What OCR prints of a table that no typed table shows (issue 11): rules read as glyphs between
a row's cells (`rule_glyphs`), a minus read as a dash or the CJK `一` (`dash_minus`).

Tesseract, PaddleOCR, ABBYY or a phone app reading a scanned, ruled table print the cell borders
as whatever glyph they look like: `|`, `｜`, `丨`, `[`, `]`, `!`, and, standing alone, the
letters `I` and `l` (`本年新收政府信息公开申请数量 I 5 I 0 l 3`). A line whose numbers stand
strictly one between two such glyphs, a glyph also between the label and the first number, is a
bordered row: its glyphs are read as `|` (a space in a row of one cell), the same length, so that offsets into the text stay
offsets into the document. Anything else is left as printed: a lone `l` or `I` among numbers
without that strict pattern may be a `1` read as a letter, which the cell reader doubts; two
numbers with no glyph between them (a border read as the digit `1`: `| 5 1 0 |`) leave the line
alone, so such a row keeps its pipes and the reader's doubts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._cells import Cell

#: glyphs a border is read as that never stand inside a number or a label's last word
_HARD = "|｜丨[]!"
#: glyphs that are a border only standing alone between spaces (else a letter, or a `1` misread)
_SOFT = ("I", "l")
#: any candidate, to skip the lines without one fast (`_any`)
_ANY = re.compile(r"[|｜丨\[\]!]|(?<=\s)[Il](?=\s)")
_HARD_ANY = re.compile(r"[|｜丨\[\]!]")
#: (the letter first, the space before it looked back at: a scan for two letters is twice as
#: fast as one for every whitespace character)
_SOFT_ANY = re.compile(r"[Il](?<=\s.)(?=\s)")


def _any(text: str) -> bool:
    """`_ANY.search(text) is not None`, without alternation or a leading lookbehind: a pattern
    opening with either is tried at every position of every report's text (3 % of the reader's
    time). Each hard glyph is looked for by `str.__contains__` (a memchr-speed scan, four times
    faster than the class's regex), and `I`/`l` only where one is."""
    if any(map(text.__contains__, _HARD)):
        return True
    return ("I" in text or "l" in text) and _SOFT_ANY.search(text) is not None
#: a line's tokens: a hard glyph on its own, or a run of anything else but spaces
_TOKEN = re.compile(r"[|｜丨\[\]!]|[^\s|｜丨\[\]!]+")
#: a printed cell: a number (full-width digits, thousands marks, a unit, a trailing `，`/`。`)
#: or a blank mark; OCR's letter zeros inside a number are left to the cell reader
_NUMBER = re.compile(
    r"[+\-－—一]?[0-9０-９][0-9０-９OoIl〇,，.]*(?:件|个|项|次|起|宗|家|份|例|人次|万元|元)?[，。、]?"
    r"|[—\-－/／〇Oo无]{1,2}")


def rule_glyphs(text: str) -> str:
    """`text` with the border glyphs of OCR'd bordered rows made `|` (the same length), and the
    punctuation between the cells of a row printed as a list with no colon made `|` too
    (`_punct_row`)."""
    glyphs = _any(text)
    punct = _PUNCT_ANY.search(text) is not None
    if not glyphs and not punct:
        return text
    if glyphs and _NOT_PIPE.search(text) is None and "I" not in text and "l" not in text:
        glyphs = False  # only `|` borders: every `_row` would give its line back (`_plain_pipes`)
    out = []
    for line in text.splitlines(keepends=True):
        if glyphs and _any(line) and not _plain_pipes(line):
            line = _row(line)
        if punct and _PUNCT_ANY.search(line):
            line = _punct_row(line)
        out.append(line)
    return "".join(out)


#: `、`, `，` or `。` right after a number and before another: cells apart by punctuation
_PUNCT_ANY = re.compile(r"[0-9０-９Oo〇—][、，。][0-9０-９Oo〇—]")
#: a row's label, the space after it, then its cells apart by `、`, `，` or `。` to the line's end
#: (OCR's and typists' `行政处罚 1191、0、305`, `规范性文件 5，0，3。`); a row with no label
#: (表四's numbers under its header rows) is such cells alone
_ITEM = r"(?:[+\-]?[0-9０-９]+(?:\.[0-9０-９]+)?|[Oo〇—])"
_PUNCT_ROW = re.compile(r"(?:(?P<label>.*[^\s0-9０-９.．、，,])(?P<gap>[ \t　]+)|[ \t　]*)"
                        r"(?P<cells>" + _ITEM + r"(?:[、，。]" + _ITEM + r")+)[、，。]?(?P<end>\s*)")
_THOUSANDS = re.compile(r"(?<![0-9０-９])[1-9１-９][0-9０-９]{0,2}，[0-9０-９]{3}(?![0-9０-９])")


def _punct_row(line: str) -> str:
    """A row whose cells a `、`, `，` or `。` parts, no colon after its label (the lists with a
    colon are `_cells._listed`'s): the space before its first cell and the marks between its
    cells made `|`, so that each is a cell of its own and its digits one number. A `，` that may
    be a thousands separator (`1，191`) stays as printed; a line whose every mark may be one is
    left whole."""
    m = _PUNCT_ROW.fullmatch(line)
    if m is None or (m.group("label") is None and m.group("cells").count("、") + m.group("cells").count("，")
                     + m.group("cells").count("。") < 2):
        return line
    cells = m.group("cells")
    if m.group("label") is not None and m.group("label").rstrip()[-1:] in "：:":
        return line
    # a `，` with exactly three digits after it may be a thousands separator: left as printed (the
    # reader keeps both readings, `rowread._comma_readings`); a line with no other mark is left whole
    maybe = {m.start("cells") + t.start() for t in _THOUSANDS_COMMA.finditer(cells)} if _THOUSANDS.search(cells) else set()
    if maybe and sum(ch in "、，。" for ch in cells) == len(maybe):
        return line
    chars = list(line)
    if m.group("label") is not None:
        chars[m.end("gap") - 1] = "|"
    for k in range(m.start("cells"), m.end("cells")):
        if chars[k] in "、，。" and k not in maybe:
            chars[k] = "|"
    return "".join(chars)


#: a border glyph other than `|`
_NOT_PIPE = re.compile(r"[｜丨\[\]!]")


def _plain_pipes(line: str) -> bool:
    """Does `_row` give the line back as it is, for sure? With `|` its only hard glyph and no `I`
    or `l` in it, every glyph `_row` or `_damaged` marks is a `|` made `|`, and the one mark that
    is a space (a row of one cell) needs a hard glyph other than `|` before its number: each is
    the line unchanged (most pipe tables' rows: no pattern work for them)."""
    return "I" not in line and "l" not in line and _NOT_PIPE.search(line) is None


#: a `，` between a digit and exactly three digits: a thousands separator, or two cells apart
_THOUSANDS_COMMA = re.compile(r"(?<=[0-9０-９])，(?=[0-9０-９]{3}(?![0-9０-９]))")


def _is_glyph(tok: str) -> bool:
    return tok in _HARD or tok in _SOFT


#: a note's number in brackets after a cell's number (`2[1]`, `12 [1]`): the reader's note mark;
#: a digit right after the bracket makes them borders between cells (`0[0]0`)
_NOTE_AFTER_NUMBER = re.compile(r"[0-9０-９] ?\[[0-9]{1,2}\](?![0-9０-９])")


def _row(line: str) -> str:
    if _NOTE_AFTER_NUMBER.search(line):
        return line  # (its brackets are no borders: `| 2 | 0 | 2[1]`)
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(line)]
    # the row's cells from its end back: glyph, number, glyph, number … (a glyph may end the row)
    i = len(toks) - 1
    trailing = i >= 0 and _is_glyph(toks[i][1])
    if trailing:
        i -= 1
    glyphs: list[int] = []
    numbers = 0
    while i >= 1 and _NUMBER.fullmatch(toks[i][1]) and _is_glyph(toks[i - 1][1]):
        numbers += 1
        glyphs.append(toks[i - 1][0])
        i -= 2
    # a label before the first border, or none (表四's row of numbers under its header rows);
    # a number or glyph there breaks the pattern: not a row this reads
    if i >= 0 and (_NUMBER.fullmatch(toks[i][1]) or _is_glyph(toks[i][1])):
        return _damaged(line, toks)
    # one number: a row of one cell (`行政许可 ] 550`): a hard glyph but `|` a space after its
    # label, no glyph before it (else the last cell of a longer row: `… | ○ | 8`), and no note's
    # number in brackets (`见[2]`)
    if numbers < 1 or (numbers == 1 and (i < 0 or toks[i + 1][1] not in _HARD or toks[i + 1][1] == "|"
                                         or not line[toks[i + 1][0] - 1].isspace()
                                         or any(_is_glyph(t) for _, t in toks[:i + 1])
                                         or (toks[i + 1][1] == "[" and trailing and toks[-1][1] == "]"))):
        return line
    if trailing:
        glyphs.append(toks[-1][0])
    chars = list(line)
    # a row of one cell is no pipe row (one `|` splits nothing): its border reads as a space
    mark = "|" if numbers >= 2 else " "
    for at in glyphs:
        chars[at] = mark
    return "".join(chars)


def _damaged(line: str, toks: list[tuple[int, str]]) -> str:
    """A ruled row whose borders do not all stand between its numbers (`规章 丨 0 1 0 丨 0`: a
    border read as the digit 1, or lost): its hard glyphs are still its borders, made `|`, so the
    numbers of one bordered cell are seen crowded in it (`crowded_slots`) and not trusted."""
    i = len(toks) - 1
    while i >= 0 and (toks[i][1] in _HARD or _NUMBER.fullmatch(toks[i][1])):
        i -= 1
    tail = toks[i + 1:]
    # (brackets not: a note's number in them, `| 2[1] |`, `12 [1]`, is no border)
    hard = [at for at, t in tail if t in _HARD and t not in "[]"]
    if len(hard) < 2 or len(tail) - len(hard) < 2 or tail[0][1] not in _HARD:
        return line
    chars = list(line)
    for at in hard:
        chars[at] = "|"
    return "".join(chars)


#: what an OCR reads a minus sign as, or a typist prints for one: the CJK `一`, dashes
_DASHES = frozenset("—–一")
def _any_bordered(cells: list[Cell]) -> bool:
    """Is a cell bordered? (a plain loop: 3x fewer instructions than `any(map(attrgetter(…)))`
    in Python 3.11, which reads a cell's slot in a few specialised steps)"""
    for c in cells:
        if c.bordered:
            return True
    return False


def dash_minus(text: str, cells: list[Cell]) -> None:
    """A dash or `一` standing as a cell with digits right after it (`行政许可  0  —12  0`): a
    minus read as a dash or as the CJK one, or a blank's mark against the next cell's number; the
    print does not say which, so the two are one number cell (`cellvalue` reads it as a doubt
    with both values) rather than a blank or label text and a plain, unsigned 12."""
    for c in cells:
        if c.text in _DASHES:
            break
    else:
        return  # (most tables: no cell is a dash alone; the loop below asks each pair)
    i = 0
    while i < len(cells) - 1:
        c, n = cells[i], cells[i + 1]
        if c.kind != "num" and c.text in _DASHES and n.kind == "num" and n.start == c.end and n.line == c.line \
                and n.text.isdigit() and (c.start == 0 or text[c.start - 1].isspace()):
            cells[i:i + 2] = [type(n)("num", text[c.start:n.end], c.start, n.end, c.line)]
        i += 1


def crowded_slots(cells: list[Cell]) -> None:
    """A tab or pipe row with two numbers or more in one of its cells (`| 9 | 4 | 3 1 2 | 1 |`: a
    border OCR read as the digit 1, or lost): its borders are not its cells', so none of its
    cells keeps its place (`slot`) nor reads as bordered; the row's numbers are then more than its
    cells, which the reader doubts rather than drop one silently."""
    if not _any_bordered(cells):
        return  # (no tab or pipe row: nothing crowded)
    places = [(c.line, c.slot) for c in cells if c.kind == "num" and c.bordered and c.slot is not None]
    if len(set(places)) == len(places):
        return  # (a set made in C: most tables hold one number a cell)
    seen: dict[tuple[int, int], int] = {}
    for place in places:
        seen[place] = seen.get(place, 0) + 1
    lines = {line for (line, _), n in seen.items() if n >= 2}
    for c in cells:
        if c.line in lines and c.bordered:
            c.bordered = False
            c.slot = None


#: what a rule standing alone where a border stands is read as: the digit, or a letter like it
_ONES = frozenset({"1", "I", "l"})
#: a rule printed between two numbers of a row (`5 | 0`, `5 丨 0`): a page OCR'd from a ruled table
_RULE_BETWEEN = re.compile(r"[0-9０-９] ?[|｜丨] ?[0-9０-９]")


@lru_cache(maxsize=8)
def ruled(text: str) -> bool:
    """Does the page print a ruled table's rules as glyphs between numbers, on 3 lines or more?
    (Asked of a page's text once per table span: remembered; a str keeps its hash.)"""
    seen = set()
    for m in _RULE_BETWEEN.finditer(text):
        seen.add(text.rfind("\n", 0, m.start()))
        if len(seen) >= 3:
            return True
    return False


def rule_ones(text: str, cells: list[Cell]) -> None:
    """OCR'd ruled rows with a rule read as the digit `1` (`规章 ｜ 0 1 0 ｜ 2`, `采购 1 45 ｜ 21.53`), or
    as a letter like it where the strict border pattern (`_row`) does not take it (`行政许可 I 9487`):
    a lone `1` with a number (or the row's label, or its start) before it and a number after it,
    or after the row's last number, stands where a rule stands. On a line whose numbers a border
    glyph parts somewhere too, such a `1` is marked (`Cell.rule`): the reader keeps both readings,
    the rule and the cell (`rowread`), and the identities choose; the line's glyphs left as text
    cells (a row with one glyph is no pipe row) are dropped, as no cell of the row, and its cells
    keep no slot (its borders are not its cells')."""
    for c in cells:
        if c.text in _ONES:
            break
    else:
        return  # (no cell a lone `1`: most tables)
    lines = {c.line for c in cells if c.kind == "num" and c.text in _ONES and c.line >= 0}
    if not lines:
        return
    glyphs: set[int] = set()
    for line in lines:
        end = text.find("\n", line)
        row = text[line:len(text) if end < 0 else end]
        if _HARD_ANY.search(row) is None and not ruled(text):
            continue
        toks = [(m.start() + line, m.group()) for m in _TOKEN.finditer(row)]
        i = len(toks) - 1
        while i >= 0 and (toks[i][1] in _HARD or toks[i][1] in _SOFT or _NUMBER.fullmatch(toks[i][1])):
            i -= 1
        tail = toks[i + 1:]
        # (brackets not: a note's number in them, `| 2[1] |`, is no border); a row of one glyph-less
        # gap in a page whose other rows print their rules (`行政强制 1 84`) is such a row too
        if not any(t in _HARD and t not in "[]" for _, t in tail) and not (tail and ruled(text)):
            continue
        ones = set()
        for j, (at, t) in enumerate(tail):
            if t not in _ONES:
                continue
            before = tail[j - 1][1] if j else None  # None: the label, or the line's start
            after = tail[j + 1][1] if j + 1 < len(tail) else None
            if (before is None or before not in _HARD) and (after is not None and after not in _HARD) \
                    or (after is None and before is not None and before not in _HARD):
                ones.add(at)
        if not ones:
            continue
        first = tail[0][0]
        for c in cells:
            if c.line != line or c.start < first:
                continue
            if c.kind == "num" and c.start in ones:
                c.rule = True
            elif c.kind == "text" and c.text in _HARD:
                glyphs.add(id(c))
            c.bordered = False
            c.slot = None
    if glyphs:
        cells[:] = [c for c in cells if id(c) not in glyphs]


#: a cell's number with `，` before three digits (`1，769`): a thousands separator, or two cells
_COMMA_CELL = re.compile(r"[0-9]{1,3}(?:，[0-9]{3})+")


def comma_slots(cells: list[Cell]) -> None:
    """A pipe row (a `、，。` list made one, `_punct_row`) with a cell whose `，` may part two
    cells (`|746|12|0|0|10|1，769`): its pipes do not say which column each number stands in, so
    none of its cells keeps its place (`slot`) nor reads as bordered; the reader keeps both
    readings of the mark (`rowread._comma_readings`) rather than a blank cell at the row's end."""
    if not _any_bordered(cells):
        return  # (no tab or pipe row: most text tables)
    lines = {c.line for c in cells if c.bordered and c.kind == "num" and "，" in c.text and _COMMA_CELL.fullmatch(c.text)}
    if not lines:
        return
    for c in cells:
        if c.line in lines and c.bordered:
            c.bordered = False
            c.slot = None
