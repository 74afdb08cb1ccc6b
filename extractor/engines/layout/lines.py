"""Bordered rows as document converters print them: header rows, labels cut over two lines.

Markdown from OCR, model-based or PDF converters gives every cell its borders (`|`) but garbles
what the rows hold: a header row of column names (`| 类别 | 数据1 | … | 总计 |`) or of other
rows' labels (`| 本年新收件数 | 上年结转件数 | 予以公开 | …`), a label cut over two lines with
its numbers on the first (`| （二）部分 | 0 | … |` then `| 公开 |  | … |`). `tidy` hands the
row reader the cells a clean table would have given: header rows dropped, a label's second half
moved back beside its first. A cut it cannot be sure of (the second half reads as a label of
its own) it leaves as printed and reports as a `Cut`, for the table's identities to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ._cells import Cell, any_bordered, any_on_line, lines_in_order
from .colwords import an_applicant
from .labels import OTHER_PARENT, PARENT, RowPatterns

#: a row label starts with its number: 1. / 3、 / （一） / 四、
_ENUMERATED = re.compile(r"^[（(]?[0-9０-９一二三四五六七八九十]{1,3}[)）.．、]")


@dataclass(frozen=True)
class Cut:
    """Row `row` was printed with no numbers right under a line whose label is no row (or a
    parent): that line's number cells (`cells`) may be its own, if its label was cut there."""

    row: str
    cells: list[Cell]
    printed: str  # the two lines' labels, for the reviewer


def _text_and_num(seg: Sequence[Cell]) -> tuple[int, int]:
    """(text cells, number cells) of a segment (a plain loop: Python 3.11 reads a cell's slot in a
    few specialised steps, `map(attrgetter)` by a generic lookup a cell)."""
    texts = nums = 0
    for c in seg:
        kind = c.kind
        if kind == "text":
            texts += 1
        elif kind == "num":
            nums += 1
    return texts, nums


def tidy(cells: Sequence[Cell], patterns: RowPatterns) -> tuple[Sequence[Cell], list[Cut]]:
    """The cells with converter damage in bordered lines undone, and the cuts left to decide."""
    if not (any_bordered(cells) and any_on_line(cells)) or not any(c.bordered and c.line >= 0 for c in cells):
        return cells, []  # no bordered line (flattened or PDF text, a grid: told in C): nothing to tidy
    cells = without_serials(cells)
    segs, glued = _segments(cells)
    # per segment: (text cells, number cells), counted once (a line is looked at twice)
    counts = [_text_and_num(seg) for seg in segs]
    out: list[Cell] = []
    cuts: list[Cut] = []
    i = 0
    while i < len(segs):
        seg = segs[i]
        texts, nums = counts[i]
        if not _bordered(seg):
            out.extend(seg)
            i += 1
            continue
        if i in glued:
            seg = _label_digits(seg)
            texts, nums = sum(c.kind == "text" for c in seg), sum(c.kind == "num" for c in seg)
        if not nums and texts >= 2 and _header(seg, patterns):
            i += 1
            continue
        # a line of label and numbers, then a line of text alone: a label cut in two?
        if nums and texts and i + 1 < len(segs) and counts[i + 1][0] and not counts[i + 1][1] \
                and (_bordered(segs[i + 1]) or _loose(segs[i + 1], seg)) and _numbers_under_label(seg):
            frag = _fragment(segs[i + 1])
            joined = None if frag is None else _join(seg, frag, patterns)
            if joined is not None:
                out.extend(joined)
                i += 2
                continue
            cut = None if frag is None else _cut(seg, frag, patterns)
            if cut is not None:
                cuts.append(cut)
        out.extend(seg)
        i += 1
    return out, cuts


def labels_first(cells: Sequence[Cell]) -> Sequence[Cell]:
    """The cells with each row's label before its numbers, when the table's text prints every
    row the other way round (`0 0 1 0 0 0 1 （一）予以公开`: a PDF text layer that put a line's
    numbers first). Only when three lines or more hold both, and every such line, unbordered,
    prints all its numbers before its text: then the numbers are the label's on their line,
    never the row's above."""
    flipped: set[int] = set()
    line, first, seen_text = None, None, False
    for c in cells:
        if c.line < 0 or c.bordered or c.kind == "blank":
            continue
        if c.line != line:
            line, first, seen_text = c.line, c.kind, c.kind == "text"
            continue
        if c.kind == "text":
            seen_text = True
            if first == "num":
                flipped.add(line)
        elif seen_text:
            return cells  # a number after text on its line: a label first (the common case, seen at once)
    if len(flipped) < 3:
        return cells
    held: dict[int, list[Cell]] = {}
    for c in cells:
        if c.line in flipped and not c.bordered:
            held.setdefault(c.line, []).append(c)
    # each flipped line's cells go where its first cell stood, its text first
    placed: list[Cell] = []
    done: set[int] = set()
    for c in cells:
        if c.line in flipped and not c.bordered:
            if c.line not in done:
                done.add(c.line)
                line_cells = held[c.line]
                placed.extend(x for x in line_cells if x.kind == "text")
                placed.extend(x for x in line_cells if x.kind != "text")
        else:
            placed.append(c)
    return placed


#: the merged parent cells of 表三, as printed: a narrow column wraps them over the lines of the
#: rows they span (`三、本` / `年度办` / `理结果`)
PARENT_LABELS = ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")


_PARENTS = "\n".join(PARENT_LABELS)


def _in_parent(text: str) -> bool:
    """Is the text part of a merged parent label (a piece of one may be)?"""
    return "\n" not in text and text in _PARENTS


def without_parent_pieces(cells: Sequence[Cell]) -> Sequence[Cell]:
    """The cells without the pieces of a merged parent label that a narrow column wrapped over
    the lines of the rows it spans, as text extractors print a line's cells left to right
    (pdfplumber: `（三） 息 1 0 …`, `不予公 7.属于行政执法案卷 1 0 …`, `开 8.属于…`): the pieces
    would run into the rows' own labels. A piece is a text cell before a line's first number
    with more text after it on the line (the row's own label), or a line's only cell; a parent is
    dropped only when pieces on consecutive lines spell it whole, in two pieces or more."""
    lines = [ln for ln in lines_in_order([c for c in cells if c.line >= 0 and not c.bordered]) if ln]
    if len(lines) < 2:
        return cells
    # per line: the cells that may be a piece (a piece's text is part of a parent label: the
    # others can never be one, and most lines hold none; a parent's pieces start on such a line)
    room: list[list[Cell]] = []
    for ln in lines:
        lead: list[Cell] = []
        for c in ln:
            if c.kind != "text":
                break
            lead.append(c)
        room.append([c for c in (lead if len(ln) == 1 else lead[:-1]) if _in_parent(c.text)])
    starts = [i for i in range(len(lines) - 1) if room[i]]
    if not starts:
        return cells
    taken: set[int] = set()
    for parent in PARENT_LABELS:
        for i in starts:
            got: list[Cell] = []
            left = parent
            k = i
            while left and k < len(lines):
                piece = next((c for c in room[k] if id(c) not in taken and c.text and left.startswith(c.text)
                              and (got or len(c.text) < len(parent))), None)
                if piece is None:
                    break
                got.append(piece)
                left = left[len(piece.text):]
                k += 1
            if not left and len(got) >= 2:
                taken.update(id(c) for c in got)
    if not taken:
        return cells
    return [c for c in cells if id(c) not in taken]


def join_tails(cells: Sequence[Cell], patterns: RowPatterns) -> Sequence[Cell]:
    """The cells with a wrapped label's tail put back before its numbers, in text that wraps a
    long label over lines and prints the numbers on a middle line (`pdftotext -layout`):
    `5.要求行政机关确认或重   0  0 …` then `新出具已获取信息` alone. Only when the label's text up
    to the numbers names no row, the text with the next line's names one, and that next line,
    all text, names no other row by itself (else it is the next row's label, its numbers below)."""
    if not any(c.kind == "num" and not c.bordered and c.line >= 0 for c in cells):
        return cells
    out = list(cells)
    moved = _parents_first(out, patterns)
    i = 0
    n = len(out)
    while i < n:
        c = out[i]
        if c.kind != "num" or c.bordered or c.line < 0 or i == 0 or out[i - 1].kind != "text" \
                or out[i - 1].line != c.line:
            i += 1
            continue
        # the label text before these numbers (back to the previous number), and the line after them
        h = i
        while h > 0 and out[h - 1].kind == "text":
            h -= 1
        e = i
        while e < n and out[e].kind != "text" and out[e].line == c.line:
            e += 1
        if e == n or out[e].line == c.line:
            i = e
            continue
        ends = _text_lines(out, e)
        if not ends:
            i = e
            continue
        t = ends[0]
        head = "".join(x.text for x in out[h:i])
        if patterns.match(head) in (None, PARENT) and not an_applicant(head):
            # (an applicant's name before its count, `，总计 0`, in 表三 written as a list, is no label)
            for end in ends[::-1]:  # the most lines first: a label wrapped over four or five
                tail = "".join(x.text for x in out[e:end])
                joined = patterns.match(head + tail)
                if joined not in (None, PARENT) and patterns.match(tail) in (None, PARENT, joined):
                    out[i:end] = out[e:end] + out[i:e]
                    moved = True
                    t = end
                    break
        i = t
    return out if moved else cells


def _parents_first(out: list[Cell], patterns: RowPatterns) -> bool:
    """A whole parent label set at the bottom of the rows it spans (`pdftotext -layout` of a
    bottom-aligned table) stands on its last row's numbers line, inside that row's wrapped label:
    `5.要求行政机关确认或重新出具已获取` alone on a line, then `（五）不予处理  信息  0  0 …`. Put it
    before the label's first line (in `out`, in place), when the label names its row only with
    that line (`信息` alone names none). Whether any was moved."""
    moved = False
    for j in range(1, len(out)):
        c = out[j]
        if c.kind != "text" or c.line < 0 or c.text.strip() not in PARENT_LABELS:
            continue
        prev = out[j - 1]
        if prev.kind != "text" or prev.line == c.line or prev.line < 0:
            continue
        h = j - 1
        while h > 0 and out[h - 1].kind == "text" and out[h - 1].line == prev.line:
            h -= 1
        if h > 0 and out[h - 1].line == prev.line:
            continue  # the line above holds a number: no label's first piece alone
        e = j + 1
        while e < len(out) and out[e].kind == "text" and out[e].line == c.line:
            e += 1
        if e == j + 1 or e == len(out) or out[e].kind != "num" or out[e].line != c.line:
            continue
        above = "".join(x.text for x in out[h:j])
        rest = "".join(x.text for x in out[j + 1:e])
        joined = patterns.match(above + rest)
        if joined not in (None, PARENT, OTHER_PARENT) and patterns.match(rest) in (None, PARENT, OTHER_PARENT):
            out[h:j + 1] = [c] + out[h:j]
            moved = True
    return moved


def _text_lines(out: list[Cell], e: int) -> list[int]:
    """The ends of the lines of text alone from `out[e]` on, up to a line with a number: the
    first, then each one more while the line does not start a label of its own (an enumerator,
    `2.`, `（六）`) — the pieces of a long label wrapped over lines under its numbers' line
    (`pdftotext -layout` of a table set top-aligned)."""
    ends: list[int] = []
    n = len(out)
    while e < n:
        t = e
        while t < n and out[t].kind == "text" and out[t].line == out[e].line:
            t += 1
        if e == t or (t < n and out[t].line == out[e].line):
            break  # the line holds a number (or is no line): no label's piece
        if ends and _ENUMERATED.match(out[e].text.strip()):
            break
        ends.append(t)
        e = t
    return ends


def without_serials(cells: Sequence[Cell]) -> Sequence[Cell]:
    """The cells without a 序号 column: the numbers under a bordered cell `序号`, or a number
    before the label on three bordered lines or more, counting up (1, 2, 3 …). A serial is no
    cell of the row above (the one its numbers close), nor of its own row."""
    head = next((c for c in cells if c.kind == "text" and c.bordered and c.slot is not None
                 and c.text.strip() == "序号"), None)
    if head is not None:
        cells = [c for c in cells if not (c.kind == "num" and c.bordered and c.slot == head.slot and c.line != head.line)]
    serials: list[Cell] = []
    line, state = None, 0  # state on the line: 0 nothing printed yet, 1 a number first, 2 done
    candidate: Cell | None = None
    for c in cells:
        if c.line != line:
            line, state, candidate = c.line, 0, None
        if state == 2 or c.kind == "blank" or not c.bordered or c.line < 0:
            continue
        if state == 0:
            if c.kind == "num" and c.text.isascii() and c.text.isdigit() and not c.text.startswith("0"):
                candidate, state = c, 1
            else:
                state = 2
        elif state == 1:
            if c.kind == "text" and candidate is not None:
                serials.append(candidate)
            state = 2
    if not counts_up([int(c.text) for c in serials]):
        return cells
    drop = {id(c) for c in serials}
    return [c for c in cells if id(c) not in drop]


def a_cell_a_line(cells: Sequence[Cell], width: int) -> bool:
    """Does the table print a cell a line with its empty cells left out (a PDF viewer's copy):
    three numbers or more, none bordered, each alone on its line, no blank cell anywhere (an
    empty line or a mark would be one), and each row's numbers right after its label: labels
    and numbers take turns (twice or more) and no run of numbers is longer than a row
    (`width` cells). pdfminer's order, every label of a page and then its numbers, is not."""
    per_line: dict[int, int] = {}
    turns = run = 0
    previous = None
    previous_line = -1
    for c in cells:
        kind, line = c.kind, c.line
        if kind == "blank":
            return False
        if kind == "num" and (c.bordered or line < 0):
            return False  # (what the test at the end asks of every number, known here)
        if line >= 0:
            if line == previous_line and (kind == "num" or previous == "num"):
                return False  # a number sharing its line with the cell before it (most tables: at once)
            per_line[line] = per_line.get(line, 0) + 1
        turns += previous == "text" and kind == "num"
        run = run + 1 if kind == "num" else 0
        if run > width:
            return False
        previous = kind
        previous_line = line
    nums = [c for c in cells if c.kind == "num"]
    return len(nums) >= 3 and turns >= 2 and all(not c.bordered and c.line >= 0 and per_line[c.line] == 1 for c in nums)


def words_a_line(cells: Sequence[Cell]) -> bool:
    """Does the table print no number at all, its header words and row labels each alone on its
    line (three lines or more, none bordered, no blank mark)? A PDF viewer's copy of a table every
    cell of which is empty (an empty cell leaves no line), or a table nobody filled: where a
    table prints numbers, `a_cell_a_line` sees the form by them."""
    lines: set[int] = set()
    for c in cells:
        if c.kind != "text" or c.bordered or c.line < 0 or c.line in lines:
            return False
        lines.add(c.line)
    return len(lines) >= 3


def numerals_in_words(cells: Sequence[Cell]) -> bool:
    """Does a text cell hold a count in Chinese numerals after its column's name in a list
    (`自然人二十一个、商业企业零个`)? Counts the tokenizer leaves inside the words: such a table is
    neither a copy a cell a line nor one nobody filled (its rows are not blank)."""
    return any(c.kind == "text" and _NAMED_NUMERAL.search(c.text) for c in cells)


def numeral_list(text: str) -> bool:
    """Does `text` (a row's label cell) go on with its counts in Chinese numerals, each after its
    column's name (`（一）予以公开：自然人二十一个、商业企业零个…`)?"""
    return _NAMED_NUMERAL.search(text) is not None


_NAMES = r"(?:自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|合计)"
#: two items of such a list in a row: a name, its count in numerals, a list mark, the next name
_NAMED_NUMERAL = re.compile(_NAMES + r"[零〇一二两三四五六七八九十百千万]+[件个项次]?[、，,；;]\s*(?:其中)?" + _NAMES)


def counts_up(values: Sequence[int]) -> bool:
    """Numbers a 序号 column prints: three or more, each above the one before, except where a new
    count starts at 1 (one per table, so at most three times)."""
    return len(values) >= 3 and values.count(1) <= 3 \
        and not any(b <= a and b != 1 for a, b in zip(values, values[1:]))


def _segments(cells: Sequence[Cell]) -> tuple[list[list[Cell]], set[int]]:
    """Cells grouped by bordered line (every other cell on its own), and the segments holding a
    number glued to text."""
    segs: list[list[Cell]] = []
    glued: set[int] = set()
    seg: list[Cell] = []
    at = -2  # the line of the open bordered segment; -2: none open
    for c in cells:
        if c.line == at and c.bordered:
            seg.append(c)
        else:
            seg = [c]
            segs.append(seg)
            at = c.line if c.bordered and c.line >= 0 else -2
        if c.glued:
            glued.add(len(segs) - 1)
    return segs, glued


def _bordered(seg: list[Cell]) -> bool:
    return seg[0].bordered and seg[0].line >= 0


def _loose(seg: list[Cell], above: list[Cell]) -> bool:
    """A line of text alone, with no border, right under a bordered line: the rest of a label
    whose cell held a line break (Word's tables copied as text: `7.属于\t0\t…` / `行政执法案卷`)."""
    return len(seg) == 1 and seg[0].kind == "text" and seg[0].line > above[0].line >= 0 \
        and "\n" not in seg[0].text


def _label_digits(seg: list[Cell]) -> list[Cell]:
    """Digits that end a bordered cell right after its text belong to the label (`数据1`,
    `（四）无法提供1` cut before `.本机关…`): in a bordered table a value has a cell of its own."""
    out: list[Cell] = []
    for j, c in enumerate(seg):
        prev = out[-1] if out else None
        after = seg[j + 1] if j + 1 < len(seg) else None
        if c.kind == "num" and c.glued and prev is not None and prev.kind == "text" and prev.end == c.start \
                and (after is None or after.start > c.end):
            out[-1] = replace(prev, text=prev.text + c.text, end=c.end)
            continue
        out.append(c)
    return out


def _header(seg: list[Cell], patterns: RowPatterns) -> bool:
    """A header row (a line with no number and two text cells or more): column names only
    (`类别`, `数据1`, `自然人`), or the labels of three rows or more, each in a cell of its own
    (a converter that took its header from the wrong rows). Two labels in two cells may be a
    parent beside its child (`| （三）不予公开 | 1.属于国家秘密 |`): kept."""
    if len({c.slot for c in seg if c.kind == "text"}) < 2:
        return False  # one cell's text, cut by the tokenizer at a digit (`（3）要求提供公开`): a label
    named = [patterns.match(c.text) for c in seg if c.kind == "text"]
    if all(r is None for r in named):
        return True
    return sum(r in patterns.columns for r in named) >= 3


def _fragment(seg: list[Cell]) -> Cell | None:
    """The text of a line that prints one piece of text and empty cells: as one text cell (the
    tokenizer may have cut it at a digit, `法提供` `1.本机关…`; tokens of one cell touch)."""
    texts = [c for c in seg if c.kind == "text"]
    if any(c.kind != "text" and (c.kind != "blank" or c.text or c.firm) for c in seg) \
            or any(a.end != b.start for a, b in zip(texts, texts[1:])):
        return None
    if len(texts) == 1:
        return texts[0]
    return replace(texts[0], text="".join(c.text for c in texts), end=texts[-1].end)


def _numbers_under_label(seg: list[Cell]) -> bool:
    """The line's label comes before its numbers (a line that holds both)."""
    for c in seg:
        if c.kind != "blank":
            return c.kind == "text"
    return False


def _label(seg: list[Cell]) -> str:
    return "".join(c.text for c in seg if c.kind == "text")


def _join(seg: list[Cell], frag: Cell, patterns: RowPatterns) -> list[Cell] | None:
    """The line with the next line's fragment put back after its label, when it is for sure
    the rest of that label: the fragment does not start like a label of its own (`1.`, `（二）`),
    and the joined label names a row that the first half leaves open, or that both halves name
    (`5.要求行政机关确认或重新` / `出具已获取信息`). Text that names no row on its own (a 表二
    section line, `第二十条第（八）项`) stays where it is: it opens no row anyway."""
    above = _label(seg)
    if _ENUMERATED.match(frag.text.strip()) and not above.endswith(("（", "(")):
        return None  # (a bracket left open above is closed here: `三、本年度办理结果（` / `一）予以公开`)
    row = patterns.match(above + frag.text)
    if row is None or row == PARENT:
        return None
    own = patterns.match(above)
    if own not in (None, PARENT, OTHER_PARENT) and not (own == row == patterns.match(frag.text)):
        return None
    last = max(j for j, c in enumerate(seg) if c.kind == "text")
    return seg[:last + 1] + [replace(frag, line=seg[0].line)] + seg[last + 1:]


def _cut(seg: list[Cell], frag: Cell, patterns: RowPatterns) -> Cut | None:
    """A label line with no numbers, under a line whose label is a parent or no row: either a
    row printed blank, or a label cut where its own number starts (`（四）无法提供` / `1.本机关…`)."""
    above = _label(seg)
    row = patterns.match(frag.text)
    if row is None or row not in patterns.columns or patterns.match(above) not in (None, PARENT, OTHER_PARENT):
        return None
    if patterns.match(above + frag.text) != row:
        return None
    return Cut(row, [c for c in seg if c.kind != "text"], f"{above} / {frag.text}")


__all__ = ["Cut", "counts_up", "tidy", "without_serials"]
