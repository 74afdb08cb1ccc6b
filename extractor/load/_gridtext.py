"""Grid tables drawn in text (pandoc/Emacs `+----+----+`, `|` between cells) → tables with spans.

Pandoc writes a Word table to Markdown, Org or plain text this way when its cells are too
complex for pipes: a long label wraps over several physical lines inside its cell, a cell
spanning columns or rows is drawn across them (its border left out where it spans), and the
header rows may end in a line of `=`. Read line by line, a wrapped label is cut into pieces on
lines of no numbers and a spanned parent's text is scattered down its rows; read as the box
drawing it is, every cell is whole. Only a block that is a complete drawing (every line a
border or a row of cells, its corners where the borders meet) is taken.
"""

from __future__ import annotations

import re
import unicodedata

from ..document import SourceCell, SourceTable

#: a line that draws a table's top or bottom: `+---+===+`
_EDGE = re.compile(r"^\+(?:[-=:]+\+)+$")
_BORDER = "-=:"


def grid_tables(text: str) -> list[SourceTable]:
    """Every complete grid table drawn in `text`, its cells with their spans and offsets."""
    if "+-" not in text and "+=" not in text:
        return []
    out: list[SourceTable] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        a, s = lines[i]
        if _EDGE.match(s.strip()):
            j = i + 1
            while j < len(lines) and lines[j][1].strip()[:1] in ("+", "|"):
                j += 1
            # the block runs to its last full edge line
            k = j - 1
            while k > i and not _EDGE.match(lines[k][1].strip()):
                k -= 1
            if k > i + 1:
                table = _table(lines[i:k + 1])
                if table is not None:
                    out.append(table)
                    i = k + 1
                    continue
        i += 1
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of every line of `text`, line ends left out."""
    out: list[tuple[int, str]] = []
    at = 0
    for line in text.splitlines(keepends=True):
        out.append((at, line.rstrip("\r\n")))
        at += len(line)
    return out


def _canvas(at: int, line: str) -> list[tuple[str, int]]:
    """The line by display column: (character, its offset); a wide character's second column
    holds ("", offset)."""
    row: list[tuple[str, int]] = []
    for k, ch in enumerate(line):
        row.append((ch, at + k))
        if unicodedata.east_asian_width(ch) in "WF":
            row.append(("", at + k))
    return row


def _table(block: list[tuple[int, str]]) -> SourceTable | None:
    indent = len(block[0][1]) - len(block[0][1].lstrip())
    rows = [_canvas(a + indent, s[indent:]) for a, s in block]
    width = len(rows[0])

    def at(y: int, x: int) -> str:
        # (a wide character's second column is no border: "\0", never "" which `in` finds anywhere)
        return (rows[y][x][0] or "\0") if 0 <= x < len(rows[y]) else " "

    def joint(y: int, x: int) -> bool:
        # a corner sits on a rule (a `+` in a cell's text, `+3`, has none beside it)
        return at(y, x) == "+" and (at(y, x - 1) in _BORDER or at(y, x + 1) in _BORDER)

    ys = [y for y, r in enumerate(rows) if any(joint(y, x) for x in range(len(r)))]
    if _one_line_rows(block, ys):
        # psql/MySQL/tabulate: a rule under the header only, a line a row below it
        rule = rows[ys[-1]]
        for y in range(ys[-1] - 1, ys[-2] + 1, -1):
            rows.insert(y, rule)
        ys = [y for y, r in enumerate(rows) if any(joint(y, x) for x in range(len(r)))]
    xs = sorted({x for y, r in enumerate(rows) for x in range(len(r)) if joint(y, x)})
    if xs[0] != 0 or xs[-1] != width - 1 or ys[0] != 0 or ys[-1] != len(rows) - 1:
        return None
    col_of = {x: k for k, x in enumerate(xs)}
    row_of = {y: k for k, y in enumerate(ys)}
    cells: list[SourceCell] = []
    covered: set[tuple[int, int]] = set()
    for y in ys[:-1]:
        for x in xs[:-1]:
            if (y, x) in covered or not joint(y, x) or at(y, x + 1) not in _BORDER or at(y + 1, x) not in "|+":
                continue
            # its right edge: the next column border on its first line; its bottom: the next rule
            x2 = next((b for b in xs if b > x and at(y + 1, b) in "|+"), None)
            y2 = next((b for b in ys if b > y and at(b, x + 1) in _BORDER), None)
            if x2 is None or y2 is None:
                return None
            for yy in ys:
                if y <= yy < y2:
                    for xx in xs:
                        if x <= xx < x2:
                            covered.add((yy, xx))
            pieces: list[tuple[str, int, int]] = []
            for yy in range(y + 1, y2):
                seg = rows[yy][x + 1:x2]
                chars = "".join(ch for ch, _ in seg)
                if chars.strip():
                    first = next(o for ch, o in seg if ch and not ch.isspace())
                    last = [o for ch, o in seg if ch and not ch.isspace()][-1]
                    pieces.append((chars.strip(), first, last + 1))
            text = _joined([p for p, _, _ in pieces])
            span = (pieces[0][1], pieces[0][2]) if len(pieces) == 1 else None
            cells.append(SourceCell(row=row_of[y], col=col_of[x], text=text,
                                    rowspan=row_of[y2] - row_of[y], colspan=col_of[x2] - col_of[x], span=span))
    if not cells:
        return None
    start = block[0][0]
    end = block[-1][0] + len(block[-1][1])
    return SourceTable(cells=cells, span=(start, end))


_NUMBER = re.compile(r"[-+]?\d[\d,.]*")


def _one_line_rows(block: list[tuple[int, str]], ys: list[int]) -> bool:
    """A drawing ruled only above, under its header and below (psql, MySQL, tabulate's `psql`),
    whose last box holds lines of numbers in cells of their own: two lines or more that each
    print two numbers, or a line printing two numbers under words (the header rows above them
    unruled). Each line is a row. (A grid table rules every row; its cells are top-aligned and
    a cell wrapped over lines puts one number's pieces, never a row of numbers under words, on
    the lines after its first.)"""
    if len(ys) > 3 or len(ys) < 2 or ys[-1] - ys[-2] < 3:
        return False
    lines = [[p.strip() for p in s.strip().strip("|").split("|")] for _, s in block[ys[-2] + 1:ys[-1]]]
    numbered = [[bool(_NUMBER.fullmatch(p)) for p in line] for line in lines]
    if sum(1 for n in numbered if sum(n) >= 2) >= 2:
        return True
    return any(sum(1 for k, n in enumerate(numbered[i]) if n and k < len(lines[i - 1]) and lines[i - 1][k]
                   and not numbered[i - 1][k]) >= 2 for i in range(1, len(lines)))


def _joined(pieces: list[str]) -> str:
    """A wrapped cell's lines as one text: Chinese joined as written, words with a space."""
    out = ""
    for p in pieces:
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out
