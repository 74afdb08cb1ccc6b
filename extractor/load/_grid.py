"""Positioned words and boxes to table cells, shared by the PDF and OCR loaders.

A page is read as *words* (text with a box: PDF words or OCR text boxes) and, when the source
draws them, *cell boxes* (a ruled table's cells). Ruled cells get their row/column and spans from
the table's own edges; words outside ruled tables are grouped into lines, and runs of lines whose
words fall into aligned columns become unruled tables. Everything is plain geometry: no rendering.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from ..document import CellExtent

#: how characters are grouped into words (pdfplumber's `extract_words`), for every loader that
#: places characters (a PDF's, a converted PDF page's in HTML)
WORD_SETTINGS: dict[str, Any] = {"x_tolerance": 1.5, "y_tolerance": 3, "keep_blank_chars": False}

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down coordinates)


@dataclass
class Word:
    """A piece of text with its box; `conf` is the OCR confidence (None for a PDF's text layer)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class GridCell:
    """A table cell placed on the table's grid, with where it is on its page."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    bbox: Box
    page: int
    conf: float | None = None
    #: the page's reading and the digits-only re-read agree (`_numbers.reread_numbers`); None: read once
    agreed: bool | None = None
    #: a number cell of a scan: the sign its pixels show left of the digits ("" none, "-", "+";
    #: None: not looked at, or no verdict), `_sign.sign_in_pixels`
    sign: str | None = None
    #: a number cell of a scan: the reading with each unsure digit replaced by its runner-up
    #: (`_numbers.reread_numbers`)
    alternatives: tuple[str, ...] = ()


@dataclass
class GridTable(CellExtent):
    """A table found on a page (or joined across pages); `xs` are its column edges."""

    cells: list[GridCell]
    xs: list[float]
    bbox: Box
    page: int
    #: last page the table reaches (a table joined across pages)
    last_page: int = 0
    #: drawn cell borders (bboxes are the cells'); False for tables rebuilt from alignment
    ruled: bool = True

    def row_texts(self, r: int) -> list[str]:
        return [c.text for c in sorted(self.cells, key=lambda c: c.col) if c.row == r]


@dataclass
class Line:
    """A line of running text: its parts were far apart on the page (joined by tabs in text)."""

    parts: list[str]
    top: float
    bottom: float
    page: int
    conf: float | None = None
    x0: float = 0.0
    x1: float = 0.0


Block = GridTable | Line


@dataclass
class PageBlocks:
    """What one page holds, in reading order; `height` lets joining tell top from bottom."""

    page: int
    height: float
    blocks: list[Block] = field(default_factory=list)


# ---------------------------------------------------------------- text joining

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def join_parts(parts: Iterable[str]) -> str:
    """Join the pieces of a wrapped cell or line: no space between CJK, one between Latin words."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(p[0])):
            out += " "
        out += p
    return out


def clean(text: str) -> str:
    """Cell and line text may hold no tab or newline (they delimit cells and rows)."""
    return re.sub(r"[\t\r\n\f\v]+", " ", text).strip()


# ---------------------------------------------------------------- lines of words


def group_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words to lines, top to bottom: a word joins a line when it overlaps it vertically."""
    lines: list[list[Word]] = []
    spans: list[list[float]] = []  # [top, bottom] of each line
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = spans[i]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap > 0.5 * min(w.height, bottom - top):
                lines[i].append(w)
                spans[i] = [min(top, w.top), max(bottom, w.bottom)]
                break
        else:
            lines.append([w])
            spans.append([w.top, w.bottom])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def split_segments(line: Sequence[Word], gap: float | None = None) -> list[list[Word]]:
    """A line's words to segments: a gap wider than about two characters starts a new one."""
    if not line:
        return []
    h = sorted(w.height for w in line)[len(line) // 2]
    gap = gap if gap is not None else 1.8 * h
    segs = [[line[0]]]
    for w in line[1:]:
        if w.x0 - segs[-1][-1].x1 > gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def seg_text(seg: Sequence[Word]) -> str:
    """A segment's text in reading order: a header cell wrapped in a narrow column sets its lines
    one above the other, and a page line chained from cells of several line counts (centred
    vertically) takes them all in; read by x alone `自然人` over two lines came out `自人然`."""
    if len(seg) > 1 and max(w.top for w in seg) >= min(w.bottom for w in seg):  # a word wholly below another
        seg = [w for line in group_lines(seg) for w in line]
    out = ""
    prev: Word | None = None
    for w in seg:
        t = clean(w.text)
        if prev is not None and out and w.x0 - prev.x1 > 0.25 * w.height and not (
            _CJK.match(out[-1]) or (t and _CJK.match(t[0]))
        ):
            out += " "
        out += t
        prev = w
    return out


def min_conf(words: Iterable[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None]
    return min(confs) if confs else None


# ---------------------------------------------------------------- page furniture

_FOOTER = re.compile(
    r"^\s*(?:[-—–－―_]+\s*\d{1,4}\s*[-—–－―_]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|[-—–－]?\s*\d{1,4}\s*[-—–－]?)\s*$"
)


def is_furniture(text: str, top: float, bottom: float, page_height: float) -> bool:
    """Page numbers like `- 4 -`, `— 3 —`, `第2页 共9页`; a bare number only in the margins."""
    t = text.strip()
    if not _FOOTER.match(t):
        return False
    if re.fullmatch(r"[-—–－]?\s*\d{1,4}\s*[-—–－]?", t) and not re.search(r"[-—–－]", t):
        # a bare number is a page number only at the very top or bottom of the page
        return bottom > 0.9 * page_height or top < 0.06 * page_height
    return True


# ---------------------------------------------------------------- ruled tables


def _cluster(values: Iterable[float], tol: float) -> list[float]:
    """Sorted distinct values, those closer than `tol` merged (to their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _index(edges: Sequence[float], v: float) -> int:
    """The index of the edge nearest `v` (the first of two as near); `edges` ascending."""
    i = bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges) or abs(edges[i - 1] - v) <= abs(edges[i] - v):
        return i - 1
    return i


def table_from_boxes(
    boxes: Sequence[Box], words: Sequence[Word], page: int, tol: float = 2.0
) -> tuple[GridTable, set[int]]:
    """Cell boxes of one ruled table + the page's words → a `GridTable`.

    Rows and columns are the distinct cell edges, so a merged cell spans the edges it covers.
    Returns the table and the indexes of the words it took.
    """
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], tol)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], tol)
    taken: set[int] = set()
    members: list[list[Word]] = [[] for _ in boxes]
    grown = [(b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1) for b in boxes]
    if grown:  # a word whose centre is outside all boxes together is in none of them
        left, top = min(g[0] for g in grown), min(g[1] for g in grown)
        right, bottom = max(g[2] for g in grown), max(g[3] for g in grown)
    for i, w in enumerate(words):
        cx, cy = w.cx, w.cy
        if not grown or not (left <= cx <= right and top <= cy <= bottom):
            continue
        for k, g in enumerate(grown):
            if g[0] <= cx <= g[2] and g[1] <= cy <= g[3]:
                members[k].append(w)
                taken.add(i)
                break
    cells = []
    for b, ws in zip(boxes, members):
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0:
            continue
        text = join_parts(seg_text(line) for line in group_lines(ws))
        bbox = (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, text, bbox, page, min_conf(ws)))
    cells.sort(key=lambda c: (c.row, c.col))
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return GridTable(cells, xs, bbox, page, page), taken


# ---------------------------------------------------------------- unruled tables and lines


def blocks_from_words(words: Sequence[Word], page: int, min_cols: int = 3, min_rows: int = 2) -> list[Block]:
    """Free words (outside ruled tables) to lines, and aligned runs of lines to tables.

    A run of at least `min_rows` consecutive lines that each split into at least `min_cols`
    far-apart segments is an unruled table; its columns are the x-ranges that the segments of
    its fullest rows cover, and a segment that covers several of them spans them. Once the run
    holds a row of numbers, the lines of a wrapped label (fewer segments, set close above, below
    or between the number rows) stay in the table (`_table_extent`) and join the row whose
    numbers they stand beside (`_rows_by_numbers`).
    """
    lines = group_lines(words)
    segmented = [_split_numbers(split_segments(line)) for line in lines]
    h = sorted(w.height for w in words)[len(words) // 2] if words else 0.0
    blocks: list[Block] = []
    i = floor = 0  # floor: where the last table ended (a table never reaches back into it)
    while i < len(lines):
        j = i
        while j < len(lines) and len(segmented[j]) >= min_cols:
            j += 1
        i0, j0 = _table_extent(lines, segmented, i, j, min_cols, h) if j > i else (i, j)
        i0 = max(i0, floor)
        if j - i >= min_rows or sum(len(s) >= min_cols for s in segmented[i0:j0]) >= min_rows:
            if i0 < i:  # wrapped label lines above the first number row, already set as lines
                del blocks[len(blocks) - (i - i0):]
            blocks.append(_unruled_table(_rows_by_numbers(lines[i0:j0], segmented[i0:j0], h), page))
            i = floor = j0
            continue
        line = lines[i]
        parts = [seg_text(s) for s in segmented[i]]
        blocks.append(Line(parts, min(w.top for w in line), max(w.bottom for w in line), page, min_conf(line),
                           min(w.x0 for w in line), max(w.x1 for w in line)))
        i += 1
    return blocks


#: a whole number as one word (digits, thousands commas, a decimal point)
_NUMBER_WORD = re.compile(r"\d[\d,.]*")
#: the narrowest gap, in font sizes (em), between two numbers of one segment that parts them:
#: a typed space (a quarter to half an em) stays inside a cell ("3 0 24" printed in one cell)
NUMBER_CELL_GAP = 1.0


def _split_numbers(segs: list[list[Word]]) -> list[list[Word]]:
    """A line's segments with two numbers set an em or more apart cut between them. Narrow
    number columns set right-aligned numbers next to a column whose numbers (or header) start at
    its left edge closer than a segment gap (`split_segments`): in an 11-column 表三 or a 表二 with
    an added 上年数 column, `0 50` was one cell, its two columns' numbers joined. Letter-spaced
    digits are joined before (`join_spaced_numbers`), so two number words an em apart are two
    cells' numbers."""
    out: list[list[Word]] = []
    for seg in segs:
        out.append([seg[0]])
        for a, w in zip(seg, seg[1:]):
            if (_NUMBER_WORD.fullmatch(a.text) and _NUMBER_WORD.fullmatch(w.text)
                    and w.x0 - a.x1 >= NUMBER_CELL_GAP * max(a.height, w.height)):
                out.append([w])
            else:
                out[-1].append(w)
    return out


#: a cell holding a number (or a mark printed for zero), with a measure word or separators
_VALUE = re.compile(r"[\s\d.,，%+\-—–－/／件个项次起万元]*\d[\s\d.,，%+\-—–－/／件个项次起万元]*|[—–－\-/／无]")


def _values(segs: Sequence[Sequence[Word]]) -> list[Sequence[Word]]:
    return [s for s in segs if _VALUE.fullmatch(seg_text(s))]


def _is_number_row(segs: Sequence[Sequence[Word]]) -> bool:
    return len(_values(segs)) >= 2


def _top(line: Sequence[Word]) -> float:
    return min(w.top for w in line)


def _bottom(line: Sequence[Word]) -> float:
    return max(w.bottom for w in line)


def _table_extent(lines: list[list[Word]], segmented: list[list[list[Word]]], i: int, j: int, min_cols: int,
                  h: float) -> tuple[int, int]:
    """The lines [i, j) of an aligned run, widened by the lines of wrapped labels: a label wrapped
    in a narrow column prints its lines above, below and between its row's numbers, and each
    such line has too few segments to count as a table line, which used to cut the table in
    pieces with the numbers apart from their labels. Only runs that hold a row of numbers widen
    (a header is left as it is); a line joins when it is close to the one above (within a row's
    spacing, or within a cell's line spacing after the last number row), narrow (each segment
    under half the table's width: not prose) and, when it stands above the first number
    row, left of that row's numbers."""
    if not any(_is_number_row(segmented[k]) for k in range(i, j)):
        return i, j
    left = min(w.x0 for k in range(i, j) for w in lines[k])
    right = max(w.x1 for k in range(i, j) for w in lines[k])

    def narrow(k: int) -> bool:
        return all(s[-1].x1 - s[0].x0 <= 0.5 * (right - left) for s in segmented[k])

    def gap(a: int, b: int) -> float:  # from line a down to line b
        return _top(lines[b]) - _bottom(lines[a])

    n = len(lines)
    while True:
        k = j
        while k < n and len(segmented[k]) < min_cols and narrow(k) and gap(k - 1, k) <= 1.2 * h:
            k += 1
        if k < n and k > j and _is_number_row(segmented[k]) and gap(k - 1, k) <= 1.2 * h:
            j = k
            while j < n and len(segmented[j]) >= min_cols:
                j += 1
            continue
        while j < k and gap(j - 1, j) <= 0.6 * h:  # the last row's label wrapped below its numbers
            j += 1
        break
    first = next(k for k in range(i, j) if _is_number_row(segmented[k]))
    if first == i:
        values_x0 = min(s[0].x0 for s in _values(segmented[i]))
        while (i > 0 and len(segmented[i - 1]) < min_cols and gap(i - 1, i) <= 0.6 * h
               and all(s[-1].x1 < values_x0 for s in segmented[i - 1])):
            i -= 1
        i = _header_above(lines, segmented, i, min_cols, h, values_x0, narrow)
    return i, j


def _header_above(lines: list[list[Word]], segmented: list[list[list[Word]]], i: int, min_cols: int, h: float,
                  values_x0: float, narrow: Callable[[int], bool]) -> int:
    """Where a table whose first line `i` is a row of numbers starts, its header lines above
    taken in: header cells of several line counts in narrow columns (an 11-column 表三: `自然人`
    over two lines, `商业企业` over three) set lines of one or two segments between the header's
    full line and the numbers, which cut the header off the table (its added column's head,
    `上年数`, no longer over the cells under it). Lines close above each other (within a line
    spacing), narrow, each with a segment over the number columns, are the header when one of
    them splits into `min_cols` segments or more; else none is."""
    k = i
    while (k > 0 and _top(lines[k]) - _bottom(lines[k - 1]) <= 1.2 * h and narrow(k - 1)
           and any(s[-1].x1 > values_x0 for s in segmented[k - 1])):
        k -= 1
    full = [m for m in range(k, i) if len(segmented[m]) >= min_cols]
    return full[0] if full else i


def _rows_by_numbers(lines: list[list[Word]], segmented: list[list[list[Word]]], h: float) -> list[list[list[Word]]]:
    """An unruled table's lines to rows of segments. Lines before the first row of numbers (the
    header) are rows as they stand. From there on each row of numbers is a row, and the label
    text around it joins it: segments in one column set within a cell's line spacing of each
    other are one cell's wrapped lines (a block), and a block joins the number row it stands
    beside (vertically overlaps; the nearest when none or several do). A block never takes in two
    number rows' own segments (tight rows are two cells, not one)."""
    number = [_is_number_row(s) for s in segmented]
    if not any(number):
        return list(segmented)
    first = number.index(True)
    # wrapped label lines just above the first number row, left of its numbers, are body too
    values_x0 = min(s[0].x0 for s in _values(segmented[first]))
    while (first > 0 and not number[first - 1] and _top(lines[first]) - _bottom(lines[first - 1]) <= 0.6 * h
           and all(s[-1].x1 < values_x0 for s in segmented[first - 1])):
        first -= 1
    rows: list[list[list[Word]]] = list(segmented[:first])
    anchors = [k for k in range(first, len(lines)) if number[k]]
    own: dict[int, list[list[Word]]] = {k: [] for k in anchors}  # number rows' own value segments
    blocks: list[tuple[list[list[Word]], int | None]] = []  # (segments top-down, number row it is on)
    body = [_split_at_starts(segmented[k], segmented[first:], h) for k in range(first, len(lines))]
    for k in range(first, len(lines)):
        vals = {id(s) for s in _values(body[k - first])} if number[k] else set()
        for s in body[k - first]:
            if id(s) in vals:
                own[k].append(s)
                continue
            x0, x1 = min(w.x0 for w in s), max(w.x1 for w in s)
            on = k if number[k] else None
            for b in reversed(blocks):
                last = b[0][-1]
                if (min(w.x0 for w in last) <= x1 and max(w.x1 for w in last) >= x0
                        and min(w.top for w in s) - max(w.bottom for w in last) <= 0.6 * h
                        and (on is None or b[1] is None)):
                    b[0].append(s)
                    if on is not None:
                        blocks[blocks.index(b)] = (b[0], on)
                    break
            else:
                blocks.append(([s], on))
    joined: dict[int, list[list[Word]]] = {k: [] for k in anchors}
    for segs, on in blocks:
        top, bottom = min(w.top for s in segs for w in s), max(w.bottom for s in segs for w in s)
        if on is None:
            over = [k for k in anchors if _top(lines[k]) < bottom and _bottom(lines[k]) > top]
            mid = (top + bottom) / 2
            on = min(over or anchors, key=lambda k: abs((_top(lines[k]) + _bottom(lines[k])) / 2 - mid))
        joined[on].append([w for s in segs for w in s])
    for k in anchors:
        rows.append(sorted(joined[k] + own[k], key=lambda s: min(w.x0 for w in s)))
    return rows


def _split_at_starts(segs: list[list[Word]], lines: list[list[list[Word]]], h: float) -> list[list[Word]]:
    """A line's label segments cut where a word begins at a column's left edge: in narrow
    columns two cells' text can stand closer than a segment gap (`（四）无` beside `2.没有现成信息需`).
    A column's left edge is an x where segments of two or more lines begin; a cut needs a gap
    before the word too (a label's own spaced characters are never cut)."""
    counts: dict[int, int] = {}
    for line in lines:
        for seg in line:
            x = round(seg[0].x0)
            counts[x] = counts.get(x, 0) + 1
    starts = [x for x, n in counts.items() if n >= 2]
    out: list[list[Word]] = []
    for seg in segs:
        if _VALUE.fullmatch(seg_text(seg)):
            out.append(seg)
            continue
        out.append([seg[0]])
        for w in seg[1:]:
            if w.x0 - out[-1][-1].x1 > 0.25 * h and any(abs(w.x0 - x) <= 1.0 for x in starts):
                out.append([w])
            else:
                out[-1].append(w)
    return out


def _unruled_table(rows: list[list[list[Word]]], page: int) -> GridTable:
    widest = max(len(r) for r in rows)
    # column ranges from the fullest rows (header cells spanning columns would fuse them)
    ranges: list[list[float]] = []
    for segs in rows:
        if len(segs) < widest - 1:
            continue
        for s in segs:
            x0, x1 = min(w.x0 for w in s), max(w.x1 for w in s)
            for r in ranges:
                if x0 <= r[1] and x1 >= r[0]:
                    r[0], r[1] = min(r[0], x0), max(r[1], x1)
                    break
            else:
                ranges.append([x0, x1])
    ranges = _merge_ranges(ranges)
    xs = [r[0] for r in ranges] + [ranges[-1][1]]
    cells: list[GridCell] = []
    for ri, segs in enumerate(rows):
        used: set[int] = set()
        for s in segs:
            x0, x1 = min(w.x0 for w in s), max(w.x1 for w in s)
            cols = [k for k, r in enumerate(ranges) if x0 <= r[1] and x1 >= r[0]] or [
                min(range(len(ranges)), key=lambda k: abs((ranges[k][0] + ranges[k][1]) / 2 - (x0 + x1) / 2))
            ]
            cols = [k for k in cols if k not in used] or cols[:1]
            used.update(cols)
            box = (x0, min(w.top for w in s), x1, max(w.bottom for w in s))
            cells.append(GridCell(ri, cols[0], 1, cols[-1] - cols[0] + 1, seg_text(s), box, page, min_conf(s)))
    allw = [w for segs in rows for s in segs for w in s]
    bbox = (min(w.x0 for w in allw), min(w.top for w in allw), max(w.x1 for w in allw), max(w.bottom for w in allw))
    return GridTable(cells, xs, bbox, page, page, ruled=False)


def _merge_ranges(ranges: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for r in sorted(ranges):
        if out and r[0] <= out[-1][1]:
            out[-1][1] = max(out[-1][1], r[1])
        else:
            out.append(list(r))
    return out


def page_blocks(page: int, height: float, tables: list[GridTable], free_words: Sequence[Word]) -> PageBlocks:
    """Ruled tables and the blocks of the remaining words, in reading order, furniture dropped."""
    blocks: list[Block] = list(tables)
    for b in blocks_from_words(free_words, page):
        if isinstance(b, Line) and is_furniture("".join(b.parts), b.top, b.bottom, height):
            continue
        blocks.append(b)
    blocks.sort(key=lambda b: b.bbox[1] if isinstance(b, GridTable) else b.top)
    return PageBlocks(page, height, _join_wrapped(blocks))


def _join_wrapped(blocks: list[Block]) -> list[Block]:
    """Lines of one paragraph wrapped at the right margin are joined back into one line.

    A line continues the one above when that one reaches the right margin and this one starts
    at the left margin (a new paragraph is indented, a heading ends short), right below it.
    """
    plain = [b for b in blocks if isinstance(b, Line) and len(b.parts) == 1]
    if len(plain) < 2:
        return blocks
    left, right = min(b.x0 for b in plain), max(b.x1 for b in plain)
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(b, Line) and isinstance(prev, Line) and len(b.parts) == 1 and len(prev.parts) == 1
            and prev.x1 >= right - 1.5 * (prev.bottom - prev.top)
            and b.x0 <= left + 0.5 * (b.bottom - b.top)
            and b.top - prev.bottom < 1.2 * (b.bottom - b.top)
        ):
            prev.parts = [join_parts([prev.parts[0], b.parts[0]])]
            prev.x1, prev.bottom = b.x1, b.bottom
            prev.conf = min((c for c in (prev.conf, b.conf) if c is not None), default=None)
            continue
        out.append(b)
    return out


# ---------------------------------------------------------------- tables across pages


def join_pages(pages: list[PageBlocks]) -> list[Block]:
    """All pages' blocks in order, a table continued at the top of the next page joined on.

    A continuation is the first block of a page that follows a page ending with a table and has
    the same column edges; header rows it repeats from the table's start are dropped.
    """
    out: list[Block] = []
    for pb in pages:
        for k, b in enumerate(pb.blocks):
            prev = out[-1] if out else None
            if (
                k == 0
                and isinstance(b, GridTable)
                and isinstance(prev, GridTable)
                and prev.last_page == pb.page - 1
                and _same_columns(prev, b)
            ):
                _append(prev, b)
            else:
                out.append(b)
    return out


def _same_columns(a: GridTable, b: GridTable, tol: float = 3.0) -> bool:
    """Same table continued: same outer edges, and (ruled) the narrower part's edges all in the
    wider one's (a page may hold only rows whose merged cells hide some inner edges). Ruled parts
    of pages scanned or scaled differently are compared by their edges relative to the table's
    width instead: the same table at another scale is still the same table."""
    if abs(a.xs[0] - b.xs[0]) <= tol and abs(a.xs[-1] - b.xs[-1]) <= tol:
        if not (a.ruled and b.ruled):
            return a.n_cols == b.n_cols
        return _edges_within(a.xs, b.xs, tol)
    if not (a.ruled and b.ruled) or min(len(a.xs), len(b.xs)) < 4:
        return False  # unruled columns, or too few edges to tell one table from another by shape
    return _edges_within(_relative(a.xs), _relative(b.xs), 0.01)


def _frame(xs: list[float], other: list[float], tol: float = 3.0):
    """Maps x of a part whose edges are `other` into the frame of a table whose edges are `xs`:
    as it is when the outer edges agree, else scaled and shifted onto them."""
    if abs(xs[0] - other[0]) <= tol and abs(xs[-1] - other[-1]) <= tol:
        return lambda x: x
    scale = (xs[-1] - xs[0]) / ((other[-1] - other[0]) or 1.0)
    return lambda x: xs[0] + (x - other[0]) * scale


def _relative(xs: list[float]) -> list[float]:
    """Column edges as fractions of the table's width (0 at its left edge, 1 at its right)."""
    width = (xs[-1] - xs[0]) or 1.0
    return [(x - xs[0]) / width for x in xs]


def _edges_within(xa: list[float], xb: list[float], tol: float) -> bool:
    few, many = sorted((xa, xb), key=len)
    return all(min(abs(x - y) for y in many) <= tol for x in few)


def _append(table: GridTable, cont: GridTable) -> None:
    """Join `cont` under `table`, dropping the header rows it repeats; columns re-derived from
    the union of both parts' edges when they are ruled."""
    skip = 0
    while skip < min(cont.n_rows, table.n_rows) and cont.row_texts(skip) == table.row_texts(skip) and any(
        cont.row_texts(skip)
    ):
        skip += 1
    offset = table.n_rows - skip
    moved = [c for c in cont.cells if c.row >= skip]
    for c in moved:
        c.row += offset
    table.cells.extend(moved)
    if table.ruled and cont.ruled:
        # the part's x in the table's frame (another page's scale); its cells keep their own
        # boxes, which locate them on their page
        to_table = _frame(table.xs, cont.xs)
        xs = _cluster(table.xs + [to_table(x) for x in cont.xs], 3.0)
        ids = {id(c) for c in moved}
        for c in table.cells:
            x0, x1 = (to_table(c.bbox[0]), to_table(c.bbox[2])) if id(c) in ids else (c.bbox[0], c.bbox[2])
            c0, c1 = _index(xs, x0), _index(xs, x1)
            c.col, c.colspan = c0, max(c1 - c0, 1)
        table.xs = xs
    table.cells.sort(key=lambda c: (c.row, c.col))
    table.last_page = cont.page
