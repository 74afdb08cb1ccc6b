"""Text to a stream of cells: numbers, blanks and label text, each with its offsets.

One tokenizer serves every plain-text layout: tab- and pipe-separated rows, one cell per
line, columns separated by runs of spaces (PDF text), and digits glued to their labels
(HTML stripped of its tags). Page footers and markdown rules are dropped; an enumerator
glued to the previous row's digits (`00000002.其他…`) is given back to its label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Literal, Sequence

from ...cellstate import BLANK_MARKS
from .cnitems import split_items
from .cnnum import FIRST as CN_FIRST, count as cn_count, numeral_cells
from .colwords import names_a_column
from .ocrtext import _HARD as _RULE_GLYPHS
from .ocrtext import comma_slots, crowded_slots, dash_minus, rule_glyphs, rule_ones

Kind = Literal["num", "blank", "text"]


#: (a zero written as a Chinese numeral, 〇 零 ○, is a number cell only alone: `ZERO_NUMERALS`)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，＋－〇零○", "0123456789.,+-000")
#: a cell that prints zero as a Chinese numeral, whole (a typist's habit): the number 0, printed so
ZERO_NUMERALS = frozenset({"〇", "零", "○"})
_PAGE_LINE = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
#: a page number inside a line of flattened text, space-bounded: `第 3 页`, `第3页 共9页`, `-3-`, `—3—`
#: (`- 3 -` with spaces is left alone: a row may print a blank mark, 3 and a blank mark); or the
#: date of a paged web article's next page (`发布时间：2024-01-16`, `2024-01-16 10:30`): no cell
_INLINE_PAGE = re.compile(r"(?<!\S)(?:第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|[-—–－]\d{1,3}[-—–－])(?!\S)"
                          r"|(?<![\d-])(?:19|20)\d\d-\d{1,2}-\d{1,2}(?:\s\d{1,2}:\d\d(?::\d\d)?)?(?![\d-])")
_REST_BLANK = re.compile(r"\s*\Z")
#: a count no dash could be, in Chinese numerals, standing alone (`cnnum.numeral_cells`: asked only then)
_CN_COUNT = re.compile(r"(?<![^\s|｜])(?:[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*(?:件|个|项|次)?"
                       r"|[零〇](?:件|个|项|次))(?![^\s|｜])")
#: longer than any cell of a report's tables (the longest label is some 40 characters)
_LONGEST_CELL = 300
#: a running page header inside a table (PDF text): the report's title, no number but its year
_TITLE_LINE = re.compile(r"^\s*[^\d\n]{0,40}(?:19|20)\d\d\s*年度?[^\d\n]{0,30}(?:年度报告|年报)[^\d\n]{0,40}$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
#: measure words a count is printed with in its cell (`3件`, `305起`, `12宗`)
_MEASURE = r"件|个|项|次|起|宗|家|份|例|人次"
#: a unit in brackets after a count, inside its cell (`16（件）`, `5(件)`, `3 （项）`, `21.5（万元）`)
_BRACKET_UNIT = r"[（(](?:万元|元|" + _MEASURE + r")[）)]"
#: a word for the sign of a 本年增/减 (`增加5`, `减少3`, `增5`, `减3`), only where the cell starts
#: (a space or a border before it: in prose, `较上年增加5件` is label text and a glued number)
_SIGN_WORD = r"增加|新增|减少|增|减"
#: a footnote's mark printed against a number (`1,234*`, `5①`, `12注1`, `3[1]`, `7¹`), the end of
#: its cell: never a digit of the number
_NOTE_MARK = r"(?:[*＊※†‡]|[①-⑳]|[¹²³⁴-⁹⁰]{1,2}|⁽[¹²³⁴-⁹⁰]{1,2}⁾|[\[［][0-9]{1,2}[\]］]|注[0-9]{0,2})"
_PLAIN = r"[^\s0-9０-９+\-＋－]"
_LONE_SIGN = r"[+\-＋－](?![0-9０-９])"
#: the whitespace before a token, then the token: a number (a number keeps its unit, and a
#: measure word that ends its word: `305件 0件`, not `3项加`) or a run of label text. Every
#: character but the whitespace that ends the text is in one match, so `findall` covers the text
#: without gaps and a token's offsets are running sums of lengths (no match object per token)
_TOKEN = re.compile(
    r"(\s*+)"
    # a number: digits, and a thousands separator or a decimal point each between digits
    r"(?:((?:[+\-＋－]|(?:" + _SIGN_WORD + r") ?)?[0-9０-９]++(?:(?:[,，](?=[0-9０-９]{3}(?![0-9０-９]))|[.．](?=[0-9０-９]))[0-9０-９]++)*+"
    r"(?:\s*(?:万元|元)|(?:" + _MEASURE + r")(?![\u4e00-\u9fff])|\s?" + _BRACKET_UNIT + r")?"
    r"(?: ?" + _NOTE_MARK + r"(?!\S))?)"
    # label text: no space, no digit, and a sign only where no digit follows it (else it starts a
    # number); written as runs of plain characters, which the regex engine scans fastest
    r"|((?:" + _PLAIN + "|" + _LONE_SIGN + ")" + _PLAIN + "*+(?:" + _LONE_SIGN + _PLAIN + "*+)*+))"
)
_NUMBER = re.compile(r"^([+-]?)([1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元|" + _MEASURE + r")?$")
#: what `parse_number` reads past: a sign word (the sign it stands for), a unit's brackets, a note's mark
_SIGN_WORD_AT = re.compile(r"^(?:(增加|新增|增)|减少|减) ?(?=[0-9])")
_BRACKETED_UNIT_AT = re.compile(r"\s*[（(](万元|元|" + _MEASURE + r")[）)]")
_NOTE_MARK_AT = re.compile(r"(?<=[0-9件个项次起宗家份例元）)]) ?" + _NOTE_MARK + "$")
#: a whole cell that prints a count with its measure word (`3件`, `1,191个`, `18，390项`, `-14项`):
#: one number, never label text
_COUNTED = re.compile(r"(?:[+\-＋－]|(?:" + _SIGN_WORD + r") ?)?(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)"
                      r"(?:\s*(?:" + _MEASURE + r")|\s?" + _BRACKET_UNIT + ")(?: ?" + _NOTE_MARK + ")?")
#: an enumerator's mark, spaced apart from its number and from the label's first character (one
#: space in letter-spaced text; up to a dozen in a label set 分散对齐, as `pdftotext -layout` prints it)
_SPACED_ENUM = re.compile(r"[.．、] {0,12}[\u4e00-\u9fff]")
#: a number with a point, separator, sign or unit is a value, never a label's enumerator
_NOT_ENUM = re.compile(r"[.,，．+\-＋－万元]")


@dataclass(slots=True)
class Cell:
    """One cell (or one token of a cell) of the source, with its offsets in Document.text.

    The tokenizer makes cells by position (kind, text, start, end, line, glued): keywords
    cost a third more, for hundreds of cells per report."""

    kind: Kind
    text: str
    start: int
    end: int
    #: offset of the start of the cell's line (cells of one table row share it)
    line: int = -1
    #: digits written right after label text, with no space (text that lost its cell borders)
    glued: bool = False
    #: a blank that is certainly a cell of its own (one cell per line, an HTML <td>)
    firm: bool = False
    locator: dict[str, Any] | None = None
    #: space-aligned text: display column of the cell's right edge in its line (numbers and text;
    #: for a `fill`, where the line's blank run ends)
    col: int | None = None
    #: tab-separated line: index of the tab cell that holds it (a grid column, when the lines agree)
    slot: int | None = None
    #: space-aligned text: a long run of spaces where a row's cells were printed blank
    fill: bool = False
    #: OCR confidence of the source cell (None: not a recognised image)
    confidence: float | None = None
    #: the source drew the cell's borders (a tab or pipe row, a grid): its digits are one number
    bordered: bool = False
    #: OCR: two reads of the cell agree (`SourceCell.agreed`; None: read once, or not a scan)
    agreed: bool | None = None
    #: OCR: the sign the cell's pixels show before its digits (`SourceCell.sign`)
    sign: str | None = None
    #: OCR: the reading with an unsure digit replaced by its runner-up (`SourceCell.alternatives`)
    alternatives: tuple[str, ...] = ()
    #: OCR'd ruled row: a lone `1` standing where the row's rule stands (`| 5 1 0 |`): the rule
    #: read as the digit, or a cell (`ocrtext.rule_ones`; the reader keeps both readings)
    rule: bool = False
    #: a lone `一` among counts in digits and a few in Chinese numerals (`cnnum.numeral_cells`):
    #: the count 1, or a dash typed with the numeral key; the print does not say which
    dash_or_one: bool = False

    @property
    def printed(self) -> bool:
        """It prints something for its cell: a number, or a mark for a blank (—, /, 无)."""
        return self.kind == "num" or (self.kind == "blank" and bool(self.text))

_new = object.__new__


def _cell(kind: Kind, text: str, start: int, end: int, line: int, glued: bool = False) -> Cell:
    """`Cell(kind, text, start, end, line, glued)`, its slots set here: a class call runs the
    dataclass's __init__ in an interpreter frame of its own, a fifth of the cost of a token."""
    c = _new(Cell)
    c.kind = kind
    c.text = text
    c.start = start
    c.end = end
    c.line = line
    c.glued = glued
    c.firm = c.fill = c.bordered = False
    c.locator = c.col = c.slot = c.confidence = c.agreed = c.sign = None
    c.alternatives = ()
    c.rule = c.dash_or_one = False
    return c


@dataclass(frozen=True, slots=True)
class Number:
    """A printed number: its value, whether it was printed plainly, and its unit."""

    value: Decimal
    plain: bool
    unit: str | None
    signed: bool
    decimals: bool


def lines_in_order(cells: Sequence[Cell]) -> list[list[Cell]]:
    """The cells of each printed line, in order (cells with no line left out): the rows a
    reshaping reader (slices, a table on its side) works on."""
    # (a plain loop: Python 3.11 reads a slot of its own in a few steps, where `groupby` with an
    # `attrgetter` key takes a generic attribute lookup a cell; 3x the instructions)
    out: list[list[Cell]] = []
    run: list[Cell] = []
    last = -1
    for c in cells:
        line = c.line
        if line < 0:
            continue
        if run and line == last:
            run.append(c)
        else:
            run = [c]
            out.append(run)
            last = line
    return out




def spliced(cells: Sequence[Cell], moved: dict[int, list[Cell]], used: set[int]) -> list[Cell]:
    """`cells` with lines put back another way: each cell whose id `moved` keys is replaced by its
    rebuilt cells, and the other cells of the rebuilt lines (ids in `used`) are left out."""
    out: list[Cell] = []
    for c in cells:
        if id(c) in moved:
            out.extend(moved[id(c)])
        elif id(c) not in used:
            out.append(c)
    return out


def has_number(cells: Sequence[Cell]) -> bool:
    """Is one of the cells a number? (the reshapers ask it of every line of every 表三)"""
    for c in cells:
        if c.kind == "num":
            return True
    return False


# The passes of a table's reading that undo what bordered text suffered ask first whether the
# cells hold any such text (a table's every cell, where the answer is no: PDF text, a loader's
# grid). Plain loops: Python 3.11 reads a cell's slot in a few specialised steps, where
# `map(attrgetter(…), cells)` makes a generic attribute lookup per cell and a generator a frame
# switch per cell (3x the instructions: `callgrind`, speed15).

def any_bordered(cells: Sequence[Cell]) -> bool:
    """Is a cell bordered (a tab or pipe row, a grid)?"""
    for c in cells:
        if c.bordered:
            return True
    return False


def any_slotted(cells: Sequence[Cell]) -> bool:
    """Does a cell keep its place on a tab or pipe line (`slot`)?"""
    for c in cells:
        if c.slot is not None:
            return True
    return False


def any_on_line(cells: Sequence[Cell]) -> bool:
    """Is a cell on a line of the text (a grid's cells are on none: line -1)?"""
    for c in cells:
        if c.line >= 0:
            return True
    return False




def _sign_of_word(m: re.Match) -> str:
    return "+" if m.group(1) else "-"


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Number | None:
    """`18,390` → 18390, `+5` → 5 (signed), `21.53万元` → 21.53 万元, `十二件` → 12 件 (`cnnum`);
    None when not a number."""
    if text[:1] in CN_FIRST and (cn := cn_count(text.strip())) is not None:
        return Number(value=Decimal(cn[0]), plain=False, unit=cn[1], signed=False, decimals=False)
    # (a narrow no-break space between digit groups: the thousands separator a web page's cell
    # prints, `load/html._GROUPED`)
    norm = text.translate(_FULLWIDTH).replace("\u202f", ",").strip()
    if not norm.isascii() or norm[-1:] in ("*", "]", ")"):
        # a note's mark after it, a unit in brackets, a sign word before it: read past (not plain)
        norm = _NOTE_MARK_AT.sub("", norm)
        norm = _BRACKETED_UNIT_AT.sub(r"\1", norm)
        norm = _SIGN_WORD_AT.sub(_sign_of_word, norm)
    m = _NUMBER.match(norm)
    if not m:
        return None
    sign, whole, frac, unit = m.groups()
    try:
        value = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    if sign == "-":
        value = -value
    return Number(value=value, plain=norm == text.strip() and not sign and not unit and "," not in whole,
                  unit=unit, signed=bool(sign), decimals=frac is not None)


#: what text from a web page, a text-mode table or an editor carries that no printed table shows:
#: an old Mac line end (`\r` alone), zero-width spaces and soft hyphens, box-drawing borders and
#: rules (`│ ┃ ┼ ━ ─`), a Markdown pipe escaped (`\|`), HTML entities left in (`&nbsp;`,
#: `&#12288;`, `&ldquo;`), Markdown emphasis around a number (`**95**`), `;` between a row's cells
_DEBRIS = re.compile(
    r"\r(?!\n)|[\u200b\u200c\u200d\u2060\ufeff\u00ad]|[\u2500-\u257f\uff5c]|\\(?=\|)"
    r"|&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});"
    r"|\*\*[+\-]?\d[\d,.]*\*\*")
#: the single characters of `_DEBRIS` (one character class: a fast scan for the common text without any)
_ODD_CHAR = re.compile("[\r\u200b\u200c\u200d\u2060\ufeff\u00ad\u2500-\u257f\uff5c]")
#: a line of cells apart by `;` (a CSV saved with a European locale), two of them at least
_SEMI_LINE = re.compile(r"^[^\n;\t|]*;[^\n]*;[^\n]*$", re.M)
_ENTITY_OR_SEMI = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});|;")
#: box-drawing characters that draw a table's rules (horizontal ones) rather than its cell borders
_RULES = frozenset("─━┄┅┈┉═╌╍╴╶╸╺")
#: entities of characters a table row prints as a space (the others are label text: `&ldquo;`)
_SPACE_ENTITIES = frozenset({"&nbsp;", "&ensp;", "&emsp;", "&thinsp;", "&#160;", "&#12288;", "&#8194;",
                             "&#8195;", "&#x3000;", "&#xa0;", "&#xA0;", "&#32;"})


def reading_text(text: str) -> str:
    """The text as the tokenizer reads it: the same length, character for character (so that
    offsets into it are offsets into `Document.text`), with the debris `_DEBRIS` names made
    what it stands for: a line end, spaces, a pipe, a rule line; and `;` between a CSV line's
    cells made tabs."""
    if _ODD_CHAR.search(text) or "\\|" in text or "**" in text or ("&" in text and ";" in text):
        text = _DEBRIS.sub(_clean, text)
    if ";" in text and _SEMI_LINE.search(text):
        text = _SEMI_LINE.sub(_semicolons, text)
    return rule_glyphs(text)  # OCR's border glyphs between a row's cells (`数量 I 5 I 0 l 3`)


def _clean(m: re.Match) -> str:
    tok = m.group()
    first = tok[0]
    if tok == "\r":
        return "\n"
    if len(tok) == 1:
        if first in _RULES:
            return "-"
        if "\u2500" <= first <= "\u257f" or first == "\uff5c":
            return "|"
        if first == "\\":
            return " "
        # a zero-width character: nothing a reader sees, so nothing between two digits either
        s = m.string
        at = m.start()
        if 0 < at < len(s) - 1 and s[at - 1].isdigit() and s[at + 1].isdigit():
            return tok
        return " "
    if first == "&":
        return " " * len(tok) if tok in _SPACE_ENTITIES else tok
    return "  " + tok[2:-2] + "  "  # **95**: emphasis is no character of the number


def _semicolons(m: re.Match) -> str:
    line = m.group()
    # only where the `;` stand between a row's cells (short ones, two of them empty or a number),
    # never in prose (`邮编350400;电话:…;传真…`, a whole report on one line)
    cells = line.split(";")
    if len(line) > 400 or max(map(len, cells)) > 60 or sum(not c.strip() or c.strip().isdigit() for c in cells) < 2:
        return line
    return _ENTITY_OR_SEMI.sub(lambda e: "\t" if e.group() == ";" else e.group(), line)


def digits_of(text: str) -> str:
    return text.translate(_FULLWIDTH)


def tokenize(text: str, start: int, end: int) -> list[Cell]:
    """The cells of `text[start:end]`, line by line, in reading order. A start inside a tab or
    pipe row moves back to the row's start, so that its cells keep their places (`slot`)."""
    cells: list[Cell] = []
    head = text.rfind("\n", 0, start) + 1
    pipe = text.rfind("|", head, start)
    # (a pipe far before the start is a flattened page's toolbar, `无障碍 | 长者模式`: no row's border)
    if head < start and ("\t" in text[head:start] or (pipe >= 0 and start - pipe <= _LONGEST_CELL)):
        start = head
    pos = start
    spaced = text.find("\n\n\n", start, end) >= 0 and _paragraph_cells(text[start:end])
    empty = 0
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        if spaced:
            if not text[pos:line_end].strip():
                empty += 1
                pos = line_end + 1
                continue
            # one cell a paragraph: a blank line closes each cell, so each further two are an empty cell
            if empty >= 3 and empty % 2:
                cells += [Cell("blank", "", pos, pos, firm=True, line=pos) for _ in range(empty // 2)]
            empty = 0
        if line_end == pos:
            pass  # an empty line makes no cell (`_cells_of_line` of nothing: no call)
        elif text[line_end - 1] == "\r":
            _cells_of_line(text, pos, line_end - 1, cells)
        else:
            _cells_of_line(text, pos, line_end, cells)
        pos = line_end + 1
    if spaced and empty >= 3 and empty % 2:  # empty cells that end the table
        cells += [Cell("blank", "", end, end, firm=True, line=end) for _ in range(empty // 2)]
    if text.find("自然人", start, end) >= 0:
        cells = split_items(cells, _cell)  # 表三's list items with counts in numerals (`自然人二十一个、…`)
    _lone_numbers(text, cells)
    crowded_slots(cells)
    comma_slots(cells)  # a list's `，` that may be a thousands separator: no slots on its line
    rule_ones(text, cells)  # OCR's rule read as a lone `1` in a ruled row: marked, both readings kept
    dash_minus(text, cells)  # OCR's `—12` / `一12` standing as a cell: one number cell (a doubt)
    if _CN_COUNT.search(text, start, end):
        numeral_cells(cells)  # counts written 十二, 一百零五 (a table of them: its 一 is 1, no dash)
    if text.find("\f", start, end) >= 0:
        cells = _without_running_headers(text, cells)
    return cells


def _without_running_headers(text: str, cells: list[Cell]) -> list[Cell]:
    """The cells without the lines a page break leaves inside a table in PDF text: a running
    header (a line with no digit that follows form feeds twice or more, the body's name say),
    which would otherwise close the row the break cut in two (its numbers on both pages)."""
    heads = _running_headers(text)
    if not heads:
        return cells
    out = []
    for c in cells:
        if c.kind == "text" and c.line >= 0:
            nl = text.find("\n", c.line)
            if text[c.line:nl if nl >= 0 else len(text)].strip("\f \t\r") in heads:
                continue
        out.append(c)
    return out


@lru_cache(maxsize=4)
def _running_headers(text: str) -> frozenset[str]:
    """Lines with no digit that follow a form feed twice or more: a paginated text's running header."""
    seen: dict[str, int] = {}
    for m in _AFTER_FORM_FEED.finditer(text):
        line = m.group(1).strip(" \t\r")
        if line and not any(ch.isdigit() for ch in line):
            seen[line] = seen.get(line, 0) + 1
    return frozenset(line for line, n in seen.items() if n >= 2)


_AFTER_FORM_FEED = re.compile(r"\f([^\n\f]*)")


def _lone_numbers(text: str, cells: list[Cell]) -> None:
    """In a report printed a cell a line (`_cell_per_line`) a line's only digits are one cell,
    never several run together (`firm`), even where an empty cell left no line."""
    if not _cell_per_line(text):
        return
    for c in cells:
        if c.kind == "num" and c.line == c.start and c.text.isdigit() and (c.end == len(text) or text[c.end] in "\r\n"):
            c.firm = True


#: two lines one under the other that each hold a number and nothing else
_TWO_LONE = re.compile(r"\n[0-9]{1,12}\r?(?=\n[0-9]{1,12}\r?\n)")


@lru_cache(maxsize=4)
def _cell_per_line(text: str) -> bool:
    """Does the report print its tables a cell a line: three times or more two numbers on lines
    one after the other? (A row's digits run together alone on the line under its label never are.)"""
    return len(_TWO_LONE.findall(text)) >= 3


def _paragraph_cells(span: str) -> bool:
    """Is the span a Word table turned into text a cell a paragraph (docx2txt, a CMS's text
    version): every cell's line followed by one blank line, an empty cell by two more, so that
    every gap between lines holding text is an odd number of blank lines?"""
    gaps, empty = [], 0
    for line in span.split("\n"):
        if line.strip():
            gaps.append(empty)
            empty = 0
        else:
            empty += 1
    gaps = gaps[1:]
    return len(gaps) >= 10 and sum(g % 2 == 1 for g in gaps) >= 0.95 * len(gaps)


#: what a page footer (`— 3 —`, `第 3 页`) or a markdown rule can start with, besides a digit
_RULE_OR_PAGE_START = frozenset("-—–－第|:")


def _cells_of_line(text: str, a: int, b: int, out: list[Cell]) -> None:
    """The cells of one line; each carries the line's start offset `a` (cells of a row share it)."""
    line = text[a:b]
    stripped = line.strip()
    if not stripped:
        if line.count("\t") >= 2:
            _split(text, a, b, "\t", out, a)  # a table row printed all blank
        elif len(line) >= _FILL and "\t" not in line:
            out.append(Cell("blank", "", a, a, fill=True, line=a, col=display_width(line)))
        elif line.strip(" ") == "\t":
            # one cell per line: "\t" alone is an empty cell of its own
            at = a + line.index("\t") + 1
            out.append(Cell("blank", "", at, at, firm=True, line=a))
        elif "\xa0" in line and not line.strip(" \t\xa0"):
            # one cell per line from a web page: an HTML cell's &nbsp; alone is an empty cell
            at = a + line.index("\xa0")
            out.append(Cell("blank", "", at, at, firm=True, line=a))
        return
    lead = stripped[0]
    # (digits alone are neither: both patterns need a dash, a slash or 第…页, so a bare number,
    # one cell per line, is not matched twice for nothing)
    # (a pipe row is a Markdown rule only with `---` in it, and never a page's number: most pipe
    # rows are asked neither pattern)
    if (lead in _RULE_OR_PAGE_START or (lead.isdecimal() and not stripped.isdigit())) \
            and (lead != "|" or "---" in line) and (_PAGE_LINE.match(line) or _MD_RULE.match(line)):
        return
    if "报" in line and _TITLE_LINE.match(line):
        return  # the title repeated at the top of a page the table runs over
    first = line_first = len(out)
    if "\t" in line:
        if line.startswith("\t") and line.count("\t") == 1:
            # one cell per line: "\t" alone is an empty cell of its own
            _piece(text, a + 1, b, out, True, a)
            _bordered(out, first)
        else:
            _split(text, a, b, "\t", out, a, True)
    elif line.count("|") >= 2 and max(map(len, line.split("|"))) <= _LONGEST_CELL:
        # (a piece longer than any cell: the pipes of a page's toolbar on a flattened page's one
        # line, `无障碍 | 长者模式 | 登录` before the whole report, are no table's borders)
        _split(text, a, b, "|", out, a, True)
        if _OCR_LETTER.search(line) is not None:
            _bordered_letters(out, first)
    elif ("、" in line or "，" in line or "；" in line or ("," in line and ("：" in line or ":" in line))) \
            and _listed(text, a, b, line, out):
        pass
    elif "," in line and _CSV_ROW.search(line) and line.count(",") >= 2:
        _split_csv(text, a, b, out)
        _bordered(out, first)
    elif line.isascii() and line.isdigit():  # one cell per line: a bare number, as _tokens reads it
        if len(line) <= 3 and (text.startswith("\f", b + 1) or (_REST_BLANK.match(text, b) and "\f" in text)):
            # a page's number on its last line, the next page after the form feed (or, in text
            # paged by form feeds, none: the last page's)
            return
        if len(line) <= 3 and _after_bordered_row(text, a, b):
            return  # a page's number between two rows of a tab or pipe table: no cell of either
        out.append(Cell("num", line, a, b, a))
    else:
        first = len(out)
        pages = list(_INLINE_PAGE.finditer(text, a, b)) if "页" in line or "-" in line or "—" in line else ()
        at = a
        for m in pages:  # a page number left inside flattened text is no cell: read around it
            _tokens(text, at, m.start(), out, a)
            at = m.end()
        _tokens(text, at, b, out, a)
        if "  " in line:
            _columns(line, a, out, first)
            trail = len(line) - len(line.rstrip())
            if trail >= _FILL:
                e = b - trail
                # where the blank run ends: the right edge of the row's last (blank) cell
                end = None if out[-1].col is None else out[-1].col + display_width(text[out[-1].end:b])
                out.append(Cell("blank", "", e, e, fill=True, line=a, col=end))
    if "一" in line:
        dash_ones(out, line_first)


def _after_bordered_row(text: str, a: int, b: int) -> bool:
    """Is the bare number `text[a:b]` a page's number cut into a bordered table: the line above it
    a tab or pipe row, the line below it no bare number (one cell per line prints no row so)?"""
    above_end = text.rfind("\n", 0, a)
    above = text[text.rfind("\n", 0, max(above_end, 0)) + 1:max(above_end, 0)].strip()
    if not above or not ("\t" in above or above.count("|") >= 2):
        return False
    below_end = text.find("\n", b + 1)
    below = text[b + 1:below_end if below_end >= 0 else len(text)].strip()
    return not below.isdigit()


def dash_ones(cells: list[Cell], first: int) -> None:
    """A lone `一` beside a number or a blank mark of its line is a dash typed with the numeral
    (it looks the same): a blank mark. Beside label text it stays text (`一 、本 年`, a 序号 `一`).
    A run of them (`一 | 一 | 3`) is settled from its end that touches a number: both ways round."""
    order = list(range(first, len(cells)))
    for i in order + order[::-1]:
        c = cells[i]
        if c.kind != "text" or c.text.strip() != "一":
            continue
        near = [cells[j] for j in (i - 1, i + 1) if first <= j < len(cells)]
        if any(n.kind == "num" or (n.kind == "blank" and n.printed) for n in near):
            c.kind = "blank"
            c.firm = True


def _bordered(cells: list[Cell], first: int) -> None:
    for c in cells[first:]:
        c.bordered = True


#: this many spaces at a line's end stand for cells printed blank (layout-preserving PDF text)
_FILL = 6


def display_width(text: str) -> int:
    """Columns a text takes in monospaced display (CJK and full-width characters are two)."""
    # the gaps between a row's numbers are ASCII: no per-character lookup for them
    return len(text) if text.isascii() else _wide_width(text)


@lru_cache(maxsize=4096)
def _wide_width(text: str) -> int:
    # cached: the same row labels come back in every report
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _columns(line: str, a: int, cells: list[Cell], first: int) -> None:
    """Display column of each cell's right edge (CJK characters are two columns wide): where
    numbers line up, and where a row's label ends (the column reader's left wall)."""
    col = 0
    pos = 0
    for c in cells[first:]:
        rel = c.end - a
        col += display_width(line[pos:rel])
        pos = rel
        c.col = col


def _split(text: str, a: int, b: int, sep: str, out: list[Cell], line: int, bordered: bool = False) -> None:
    """The cells between `sep`s (tab or pipe); each keeps the index of its cell on the line (`slot`)."""
    pos = a
    add = out.append
    new = object.__new__
    first_cell = len(out)
    letters = False  # a piece is letters an OCR reads for digits (`O`, `l`): see the end
    # cells made by position up to `bordered` (kind, text, start, end, line, glued, firm, locator,
    # col, slot, fill, confidence, bordered): no keyword, no attribute set after
    for slot, piece in enumerate(text[a:b].split(sep)):
        end = pos + len(piece)
        stripped = piece.strip()
        if not stripped or (stripped.isascii() and stripped.isdigit()):
            # the common cases first: an empty cell, a plain number; the Cell made by setting its
            # slots (no __init__ frame: most cells of a tab or pipe table are these)
            add(c := new(Cell))
            if stripped:
                c.kind, c.text = "num", stripped
                c.start = s = pos + len(piece) - len(piece.lstrip())
                c.end = s + len(stripped)
            else:
                c.kind, c.text = "blank", ""
                c.start = c.end = end
            c.line = line
            c.slot = slot
            c.bordered = bordered
            c.glued = c.firm = c.fill = False
            c.locator = c.col = c.confidence = c.agreed = c.sign = None
            c.alternatives = ()
            c.rule = c.dash_or_one = False
        elif len(stripped) > 4 and stripped[:2] in ("**", "__") and stripped.endswith(stripped[:2]):
            # Markdown emphasis around a cell's content (`**95**`, `**（七）总计**`): not printed
            first = len(out)
            s = pos + len(piece) - len(piece.lstrip()) + 2
            _piece(text, s, s + len(stripped) - 4, out, False, line)
            for c in out[first:]:
                c.slot, c.bordered = slot, bordered
        else:
            # what `_piece` makes of the piece (its text is `stripped`, no plain number), inline
            letters = letters or stripped in _LETTER_CELLS
            s = pos + len(piece) - len(piece.lstrip())
            e = s + len(stripped)
            whole = _whole(stripped)
            if whole == "text":  # (most: a label cell)
                add(Cell("text", stripped, s, e, line, False, False, None, None, slot, False, None, bordered))
            elif whole == "num":
                add(Cell("num", stripped, s, e, line, False, False, None, None, slot, False, None, bordered))
            elif whole == "blank":
                add(Cell("blank", stripped, s, e, line, False, True, None, None, slot, False, None, bordered))
            else:
                first = len(out)
                _tokens(text, s, e, out, line)
                for c in out[first:]:
                    c.slot, c.bordered = slot, bordered
        pos = end + 1
    if letters and any(c.kind == "num" for c in out[first_cell:]):
        # another program's OCR (a scan PDF's text layer) with letters for a value's digits
        # standing as a cell among the row's numbers (`0\tO\t0`, `1\tl\t0`): a number cell (an
        # `ocr_letter` doubt, the digits its candidate), never label text that leaves the row a
        # cell short; what `_ocr_numbers` does for a row printed with spaces
        for c in out[first_cell:]:
            if c.kind == "text" and c.text in _LETTER_CELLS:
                c.kind = "num"


#: a row pasted as CSV: a comma right after a label's last character, a quote or another comma,
#: or a line of numbers with a comma that no thousands separator can be (`0,1,0,1,2`)
_CSV_ROW = re.compile(r"[\u4e00-\u9fff）)\"],|,,|,\"|^[\d,.\s\"]*\d,(?!\d{3}(?![\d.]))")


#: one item of a row written as a list (`行政处罚：1191、0、305。`): a number or a blank mark
_ITEM = r"(?:[+\-]?[0-9](?:[0-9]|,(?=[0-9]{3}))*(?:\.[0-9]+)?\s*(?:万元|元|" + _MEASURE + r")?|[—―－-]{1,2}|–|[/／]|无|空)"
_LIST = re.compile(r"\s*(" + _ITEM + r")((?:\s*[、，；;]\s*" + _ITEM + r")+)\s*[。；;，]?\s*")
_LIST_ITEM = re.compile(r"\s*[、，；;]?\s*(" + _ITEM + ")")
#: the same with ASCII commas between the items: then no item holds a thousands separator
_ITEM_PLAIN = _ITEM.replace("|,(?=[0-9]{3})", "")
_LIST_PLAIN = re.compile(r"\s*(" + _ITEM_PLAIN + r")((?:\s*,\s*" + _ITEM_PLAIN + r")+)\s*[。；;，]?\s*")
_LIST_PLAIN_ITEM = re.compile(r"\s*,?\s*(" + _ITEM_PLAIN + ")")


def _listed(text: str, a: int, b: int, line: str, out: list[Cell]) -> bool:
    """A row written as its label, a colon, then its cells as a list (`规范性文件：0、0、2；`):
    each item a cell of its own, its place kept (`slot`). False when the line is no such row."""
    colon = max(line.rfind("："), line.rfind(":"))
    if colon < 0:
        return False
    items = _LIST_ITEM
    if not _LIST.fullmatch(line, colon + 1):
        if not _LIST_PLAIN.fullmatch(line, colon + 1) or parse_number(line[colon + 1:].strip(" 。；;，")):
            return False  # (`1,191`: one number with its thousands separator)
        items = _LIST_PLAIN_ITEM
    if colon > 0:
        _tokens(text, a, a + colon, out, a)
    first = len(out)
    pos = a + colon + 1
    for slot, m in enumerate(items.finditer(text, pos, b)):
        if m.start() != pos:
            break
        pos = m.end()
        _piece(text, m.start(1), m.end(1), out, True, a)
        out[-1].slot = slot
    _bordered(out, first)
    return True


def _split_csv(text: str, a: int, b: int, out: list[Cell]) -> None:
    """The cells of a CSV line (commas outside double quotes), each keeping its index (`slot`),
    its quotes left out: `行政处罚,"2,648",0` is 行政处罚 | 2,648 | 0."""
    pos, slot, quoted = a, 0, False
    for i in range(a, b + 1):
        ch = text[i] if i < b else ","
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            s, e = pos, i
            piece = text[s:e]
            if piece.strip().startswith('"') and piece.strip().endswith('"') and len(piece.strip()) >= 2:
                s = s + piece.index('"') + 1
                e = s + len(piece.strip()) - 2
            first = len(out)
            if text[s:e].strip():
                _piece(text, s, e, out, False, a)
            else:
                out.append(Cell("blank", "", e, e, a))
            for c in out[first:]:
                c.slot = slot
            slot += 1
            pos = i + 1


def _piece(text: str, a: int, b: int, out: list[Cell], firm: bool, line: int) -> None:
    raw = text[a:b]
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    s, e = a + lead, a + lead + len(stripped)
    if stripped.isascii() and stripped.isdigit():  # the common case, "0": no tokenizing
        out.append(Cell("num", stripped, s, e, line))
        return
    whole = _whole(stripped)
    if whole == "num":
        out.append(Cell("num", stripped, s, e, line))
    elif whole == "blank":
        out.append(Cell("blank", stripped, s, e, firm=firm or bool(stripped), line=line))
    elif whole == "text":
        out.append(Cell("text", stripped, s, e, line))
    else:
        # the spaces around a cell's content (`| 予以公开 |`) make no token: tokenized without them
        _tokens(text, s, e, out, line)


@lru_cache(maxsize=4096)
def _whole(stripped: str) -> Kind | None:
    """The one cell a piece's whole text makes (a blank mark, a count with its measure word, label
    text with no digit or space: what `_tokens` makes of the last), or None when it is tokenized.
    Cached: the format's labels come back in every report."""
    if stripped in BLANK_MARKS:
        return "blank"
    if stripped in ZERO_NUMERALS:
        return "num"
    if _COUNTED.fullmatch(stripped):
        return "num"
    if _TEXT_ONLY.fullmatch(stripped) and stripped[-1] not in _OCR_LETTERS:  # as `_tokens`' one-token path
        return "text"
    return None


#: a piece with no digit and no space: a single text token (most label lines)
_TEXT_ONLY = re.compile(r"[^\s0-9０-９]+")


def _tokens(text: str, a: int, b: int, out: list[Cell], line: int = -1) -> None:
    """Numbers and label text of `text[a:b]` (`line`: the start of its line, -1 for a grid cell)."""
    if _TEXT_ONLY.fullmatch(text, a, b) and text[b - 1] not in _OCR_LETTERS:
        # what the loop below makes of it, without its per-token cost
        tok = text[a:b]
        out.append(Cell("blank", tok, a, b, firm=True, line=line) if tok in BLANK_MARKS
                   else _cell("num", tok, a, b, line) if tok in ZERO_NUMERALS else _cell("text", tok, a, b, line))
        return
    first = len(out)
    e = a
    split = False
    prev: Cell | None = None  # the cell made last here
    close = -1  # the end of a bracket that closes a number in brackets read as one cell
    for space, num, tok in _TOKEN.findall(text, a, b):
        s = e + len(space) if space else e
        if num:
            e = s + len(num)
            after = text[e] if e < b else ""
            if space or s == a:  # nothing printed against it before: no label holds it but by what follows
                prev = _cell("text" if after == "项" or after == "条" else "num", num, s, e, line)
                out.append(prev)
                continue
            before = text[s - 1]
            if after and before in "（(" and after in "）)" and _accounting(text, a, b, s, e, out, first):
                # `0 (25)`: a number in brackets standing as a cell of its own after a row's number
                # (an accountant's decrease, or a note): one cell, read as a doubt (`cellvalue`)
                out.pop()
                prev = Cell("num", text[s - 1:e + 1], s - 1, e + 1, line)
                out.append(prev)
                close = e + 1
                continue
            if (after and before in "（(" and after in "）)") or before == "第" or after == "项" or after == "条":
                # an enumerator inside a label: （1）属于国家秘密, 第二十条第(1)项, 第1项加第2项
                prev = Cell("text", num, s, e, line)
            else:
                # glued after a CJK character (no regex call per number)
                prev = _cell("num", num, s, e, line, "\u4e00" <= before <= "\u9fff")
            out.append(prev)
            continue
        e = s + len(tok)
        if close == e and (tok == ")" or tok == "）"):
            continue  # the bracket closing an accountant's number (above)
        moved = False
        if prev is not None and prev.kind == "num":
            if prev.end == s:
                if tok[0] in ".．、)）" and prev.text[-1].isdigit() and not _NOT_ENUM.search(prev.text) \
                        and not _count_ends(tok, prev, text, e, b):
                    # "00000002.其他…": the last digit is the next label's enumerator
                    out.pop()
                    if len(prev.text) > 1:
                        out.append(Cell("num", prev.text[:-1], prev.start, prev.end - 1, line, prev.glued))
                    s = prev.end - 1
                    tok = text[s:e]
                elif tok[0] in ".．、" and len(prev.text) == 2 and prev.text[0] in "-－" and prev.glued \
                        and prev.text[1].isdigit() and len(tok) > 1 and "\u4e00" <= tok[1] <= "\u9fff":
                    # `不予公开-1.国家秘密`: a dash joining a parent's words to its sub-row's
                    # enumerator and label, no minus (a label's words on both sides)
                    out.pop()
                    s = prev.start
                    tok = text[s:e]
            elif prev.end < s <= prev.end + 12 and text.count(" ", prev.end, s) == s - prev.end \
                    and len(prev.text) <= 2 and prev.text.isdigit() and _SPACED_ENUM.match(text, s, min(b, s + 14)):
                # letter-spaced text (`2 . 其 他 法 律`, or spread over its cell: `3    .    其    他`):
                # the number before the spaced `.` is the label's enumerator
                out.pop()
                s = prev.start
                tok = text[s:e]
                moved = True  # (a space inside)
        if tok[-1] in _OCR_LETTERS and (m := _LETTERS_AFTER_LABEL.search(tok)) is not None \
                and _NUMBER_NEXT.match(text, e, b):
            # OCR'd `…申请数量l2 0 O`: the letters are the row's first number, glued to its label
            if m.start():
                out.append(Cell("text", tok[:m.start()], s, s + m.start(), line))
            prev = Cell("text", m.group(), s + m.start(), e, line, glued=True)
            split = True
        elif (tok.strip() if moved else tok) in BLANK_MARKS:  # (never empty: a token holds a character)
            prev = Cell("blank", tok, s, e, firm=True, line=line)
        elif tok in ZERO_NUMERALS and (s == a or text[s - 1].isspace()) and (e == b or text[e].isspace()):
            prev = Cell("num", tok, s, e, line)  # 〇 standing alone: a zero
        else:
            prev = _cell("text", tok, s, e, line)
        out.append(prev)
    # only the whitespace that ends the text is in no token
    assert e == b or _REST_BLANK.match(text, e, b), "the token pattern must cover every character"
    if split or (_OCR_LETTER.search(text, a, b) and _OCR_NEAR_DIGIT.search(text, a, b)):
        _ocr_numbers(out, first)
    if _MARK_AFTER.search(text, a, b):
        _marked_numbers(text, b, out, first)
    if text.find("%", a, b) >= 0 or text.find("％", a, b) >= 0:
        _without_shares(out, first)


def _count_ends(tok: str, prev: Cell, text: str, e: int, b: int) -> bool:
    """Does the mark `tok` starts with end the count `prev` glued before it, rather than make its
    last digit the next label's enumerator (`tok` ends at `e`, its piece at `b`)? An enumerator
    has a label after it: not when no word follows the mark (`其他0）。` ending a list's closing
    bracket), nor, after a count glued to its name, when the next column's name does
    (`自然人16、商业企业`, a 表三 row written as a list). A mark with no word after it on its
    piece is a closing bracket only when its line opened one (`（其中…其他0）`): `42.` then
    `其他法律…` on the next line is a count and the next label's enumerator, the label wrapped."""
    if not any(ch.isalpha() for ch in tok[1:]):
        if tok[0] not in ")）":
            return False
        line = text[text.rfind("\n", 0, prev.start) + 1:prev.start]
        opened = line.count("(") + line.count("（") - line.count(")") - line.count("）")
        return opened > 0 and not any(ch.isalpha() for ch in text[e:b])
    return prev.glued and names_a_column(tok)


#: a mark no reader knows printed a space after a number (`27 △`, `5 #`, `12 甲`), ending its
#: cell or followed, after a space, by the row's next number: not a digit, an OCR letter,
#: punctuation an enumerator or a number uses, a dash or 一 (a minus), nor a measure word or unit.
#: A character with a digit right after it starts a word, not a mark (a pager's `0 共4页`); nor
#: any glyph OCR reads a table's rule as (`ocrtext._HARD`: `0 丨 0`, `5 !` are borders the
#: rule readers settle, a mark there would hide them)
_MARK_CHARS = (r"[^\s0-9０-９OolI.．、,，:：;；()（）［］【】+\-－＋—–一/件个项次起宗家份例元万"
               + "".join("\\" + g for g in _RULE_GLYPHS) + "]")
_MARK_AFTER = re.compile(r"[0-9０-９] " + _MARK_CHARS + r"(?:$|(?=[ \t\u3000]*+(?:$|[\r\n])|[ \t\u3000]+[0-9０-９]))")


#: a count's share printed in brackets right after it, in its cell (`12（30%）`, `5 (33.3%)`, `3（占30.00%）`)
_SHARE_OPEN = ("（", "(", "（占", "(占")
_SHARE_CLOSE = ("%）", "%)", "％）", "％)")


def _without_shares(out: list[Cell], first: int) -> None:
    """Drop the share a count prints beside it in brackets (`12（30%）`: a count of 12, 30% of its
    row's total): the bracket, the percentage and the closing `%）` are no cells of the table.
    Only a share of 0–100 directly after a number (nothing or one space between)."""
    k = first
    while k + 3 < len(out):
        n, o, p, c = out[k:k + 4]
        if n.kind == "num" and o.kind == "text" and p.kind == "num" and c.kind == "text" \
                and o.text in _SHARE_OPEN and c.text in _SHARE_CLOSE and o.start - n.end <= 1 \
                and p.start == o.end and c.start == p.end and (v := parse_number(p.text)) is not None and v.unit is None \
                and 0 <= v.value <= 100:
            del out[k + 1:k + 4]
        k += 1


def _marked_numbers(text: str, b: int, out: list[Cell], first: int) -> None:
    """A number with a mark no reader knows a space after it (`_MARK_AFTER`), the mark one
    character standing alone: one number cell `27 △` (`cellvalue` reads it as a doubt with the
    number as its candidate), never the mark as label text that breaks the row's cells."""
    k = first + 1
    while k < len(out):
        c, p = out[k], out[k - 1]
        if c.kind == "text" and len(c.text) == 1 and p.kind == "num" and c.start == p.end + 1 \
                and text[p.end] == " " and p.text[-1:].isdigit() and _MARK_AFTER.match(text, p.end - 1, b):
            out[k - 1] = Cell("num", text[p.start:c.end], p.start, c.end, p.line, p.glued)
            del out[k]
            continue
        k += 1


def _accounting(text: str, a: int, b: int, s: int, e: int, out: list[Cell], first: int) -> bool:
    """The digits `text[s:e]`, in brackets, stand as one cell: space or the piece's ends around the
    brackets, and the cell before them on the line a number or a blank mark printed bare (after a
    row's numbers, not a label's enumerator `(1) 属于…` nor a column index `（1）（2）…`)."""
    if not (s - 1 == a or text[s - 2].isspace()) or not (e + 1 == b or text[e + 1].isspace()):
        return False
    if len(out) < 2 or out[-1].start != s - 1:
        return False
    prev = out[-2]
    if len(out) - 2 < first and prev.line != out[-1].line:
        return False
    return (prev.kind == "num" and prev.text[:1] not in "（(") or (prev.kind == "blank" and bool(prev.text))


#: letters an OCR reads for digits (O/o for 0, l/I for 1), printed against a digit or standing
#: alone between spaces
_OCR_NEAR_DIGIT = re.compile(r"[0-9][OolI]|[OolI][0-9]|(?<!\S)[OolI]{1,3}(?!\S)")
_OCR_LETTERS = frozenset("OolI")
#: a whole cell of them (`O`, `l`, `lO`)
_LETTER_CELLS = frozenset(a + b + c for a in ("", *_OCR_LETTERS) for b in ("", *_OCR_LETTERS) for c in _OCR_LETTERS)
#: one of them (a fast scan first: most text has none)
_OCR_LETTER = re.compile("[OolI]")
#: such letters ending a count before its measure word (`1O个`: ten, never 1)
_OCR_COUNTED = re.compile(r"[OolI]{1,3}(?:" + _MEASURE + r"|万元|元)")
#: such letters right after a label's last character (CJK or a closing bracket), where no label
#: ends in a Latin letter; `_NUMBER_NEXT` (a digit, or a space and a number or letters) says
#: they are the row's first number
_LETTERS_AFTER_LABEL = re.compile(r"(?<=[\u4e00-\u9fff）)”」])[OolI]{1,3}$")
_NUMBER_NEXT = re.compile(r"[0-9]|[ \t\u3000]*(?:$|[\r\n])|[ \t\u3000]+(?:[+\-]?[0-9]|[OolI]{1,3}(?![^\s0-9]))")


def _ocr_numbers(out: list[Cell], first: int) -> None:
    """A number with a letter an OCR reads for a digit inside it or at its end (`4O`, `2O2`,
    `l2`, `-l4`, `773O.28`): one cell that is no number (a doubt with the digits as candidate),
    never the digits beside it read alone (`4O` is not 4)."""
    i = first
    while i < len(out):
        c = out[i]
        j = i
        # the cells of one word: numbers and letter runs printed against each other
        while j + 1 < len(out) and out[j + 1].start == out[j].end and (
                (out[j + 1].kind == "num" and out[j].kind == "text" and _ocr_letters(out[j].text, signed=j == i))
                or (out[j + 1].kind == "text" and out[j].kind == "num"
                    and (_ocr_letters(out[j + 1].text) or _OCR_COUNTED.fullmatch(out[j + 1].text)))):
            j += 1
        if j > i and (c.kind == "num" or (i == first or out[i - 1].end < c.start or c.glued)):
            out[i:j + 1] = [Cell("num", "".join(x.text for x in out[i:j + 1]), c.start, out[j].end, c.line, c.glued)]
        i += 1
    # letters standing alone among a row's numbers (`情形）  l  0  0`, `l o 2 0`): cells, not label
    # text; looked at from both ends, so a run of them next to a number is taken whole
    for k in list(range(first, len(out))) + list(range(len(out) - 1, first - 1, -1)):
        c = out[k]
        if c.kind == "text" and len(c.text) <= 3 and _ocr_letters(c.text) and "." not in c.text \
                and (k == first or out[k - 1].end < c.start or c.glued) and (k + 1 == len(out) or out[k + 1].start > c.end) \
                and (c.glued or (k + 1 < len(out) and out[k + 1].kind == "num") or (k > first and out[k - 1].kind == "num")):
            out[k] = Cell("num", c.text, c.start, c.end, c.line, c.glued)
    _spaced_letters(out, first)


def _spaced_letters(out: list[Cell], first: int) -> None:
    """A row whose cells after its label are all letters an OCR reads for digits, each standing
    apart (`规章  o  o  o`, `行政强制  o`: the row's zeros): number cells (doubts with the digits
    as candidate), as such letters beside a number are. Two letters or more, or one set apart from
    the label by a column's gap (two spaces or more) or right after a CJK label (`行政强制 O`); a
    label's own letters are no cells."""
    k = first
    while k < len(out) and out[k].kind == "text" and not _ocr_letters(out[k].text):
        k += 1
    if k == first or k == len(out):
        return
    prev = label = out[k - 1]
    for c in out[k:]:
        if c.kind != "text" or len(c.text) > 3 or "." in c.text or not _ocr_letters(c.text) or c.start <= prev.end \
                or c.line != prev.line:
            return
        prev = c
    gap = out[k].start - label.end
    if len(out) - k >= 2 or gap >= 2 or (gap == 1 and "\u4e00" <= label.text[-1] <= "\u9fff"):
        for j in range(k, len(out)):
            c = out[j]
            out[j] = Cell("num", c.text, c.start, c.end, c.line, c.glued)


def _bordered_letters(out: list[Cell], first: int) -> None:
    """A pipe row's cell that holds only letters an OCR reads for digits (`规章|0|o|o`, `| O |`),
    beside a number cell of the row (looked at from both ends, so a run of them is taken whole),
    or in a row whose cells after its label are all such (`行政强制|o|o|o`): a number cell (a
    doubt with the digits as candidate, `cellvalue`), not label text that would end the row, nor
    a header line whose equal names (`o|o`) would take the next rows' equal numbers for a
    merged cell's copies (`merged.unrepeated`)."""
    def letters(c: Cell) -> bool:
        return c.kind == "text" and c.bordered and len(c.text) <= 3 and "." not in c.text and _ocr_letters(c.text)

    rest = out[first + 1:] if first < len(out) and out[first].kind == "text" and not letters(out[first]) else out[first:]
    if rest and any(letters(c) for c in rest) and all(letters(c) or c.kind != "text" for c in rest):
        for c in rest:
            if letters(c):
                c.kind = "num"
        return
    order = list(range(first, len(out)))
    for k in order + order[::-1]:
        c = out[k]
        if letters(c) and ((k + 1 < len(out) and out[k + 1].kind == "num") or (k > first and out[k - 1].kind == "num")):
            c.kind = "num"


def _ocr_letters(text: str, signed: bool = False) -> bool:
    """Letters an OCR reads for digits, perhaps with a decimal point among them (`773O.28`) or,
    for a word's first piece (`signed`), a sign before them (`-l4`)."""
    if signed and text[:1] in ("+", "-"):
        text = text[1:]
    return bool(text) and all(ch in _OCR_LETTERS or ch == "." for ch in text) and text.count(".") <= 1 \
        and text != "."
