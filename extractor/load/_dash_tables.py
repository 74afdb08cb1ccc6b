"""Tables whose columns are drawn by runs of dashes (pandoc simple and multiline tables,
reStructuredText simple tables) → tables.

    ---------------------------------------           <- a multiline table's top line
    信息内容    本年新制作  本年新公开
                数量        数量
    ----------  ----------  ----------                <- the column rule: one run a column
    规章        13          13
                                                      <- a blank line between rows
    规范性文件  60          60
    ---------------------------------------

    ==========  ====  ====                            <- rST: `=` runs above, under the header
    信息内容    本年  总计                                  rows and below; a line whose first
    ==========  ====  ====                                  column is blank continues the row
    规章        13    13                                    above
    ==========  ====  ====

A line of runs of `-` or `=` (two runs or more, three characters or more each, nothing else) is a
column rule; its runs are the columns, by display column (a CJK character is two wide). The
table runs up from the rule over its header lines (to a blank line or a line of one run) and
down over its rows: to the next line of one run or a blank line, or, when a rule of the same
runs or a full line of dashes closes it further down, over the blank lines between its rows.
Every word of every line must sit under a run; else the block is no such table (it is read as
text, as before). When the rows are separated by blank lines, each block of lines between them
is one row and a column's pieces are joined (a wrapped label is whole); otherwise each line is a
row. Read line by line, a wrapped label is cut into pieces on lines of no numbers; read as the
table it is, every cell is whole.
"""

from __future__ import annotations

import re
import unicodedata

from ..document import SourceCell, SourceTable
from ._gridtext import _joined, _lines
from ._markup import repeats_as_spans

_RULE = re.compile(r"^[ \t]*(?:-{3,}|={3,})(?:[ \t]+(?:-{3,}|={3,}))*[ \t]*$")
_WORD = re.compile(r"\S+")

Line = tuple[int, str]
Run = tuple[int, int]


def dash_tables(text: str) -> list[SourceTable]:
    """Every table in `text` whose columns a rule of dash (or `=`) runs draws."""
    if "---" not in text and "===" not in text:
        return []
    lines = _lines(text)
    out: list[SourceTable] = []
    i = 0
    while i < len(lines):
        runs = _runs(lines[i][1])
        if len(runs) >= 2 and _RULE.match(lines[i][1]):
            found = _table(lines, i, runs)
            if found is not None:
                table, last = found
                out.append(table)
                i = last + 1
                continue
        i += 1
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _runs(line: str) -> list[Run]:
    """The (start, end) display columns of each run of `-`/`=` on a rule line."""
    if not _RULE.match(line):
        return []
    return [(_width(line[:m.start()]), _width(line[:m.end()])) for m in re.finditer(r"-+|=+", line)]


def _one_run(line: str, runs: list[Run]) -> bool:
    """A full line of dashes (a multiline table's top or bottom) as wide as the columns, about."""
    r = _runs(line)
    return len(r) == 1 and r[0][0] <= runs[0][0] + 2 and r[0][1] >= runs[-1][1] - 2


def _words(at: int, line: str) -> list[tuple[int, int, int, int]]:
    """(display start, display end, offset start, offset end) of each word of the line."""
    return [(_width(line[:m.start()]), _width(line[:m.end()]), at + m.start(), at + m.end())
            for m in _WORD.finditer(line)]


def _column(a: int, b: int, runs: list[Run]) -> int | None:
    """The run a word from display column a to b sits under (most overlap), None when it
    overlaps none or lies as much under another."""
    overlaps = [max(0, min(b, e) - max(a, s)) for s, e in runs]
    best = max(range(len(runs)), key=lambda k: overlaps[k])
    if overlaps[best] == 0 or overlaps[best] * 2 < b - a:
        return None
    return best


def _fits(line: str, runs: list[Run]) -> bool:
    return all(_column(a, b, runs) is not None for a, b, _, _ in _words(0, line))


def _same(line: str, runs: list[Run]) -> bool:
    return _runs(line) == runs


def _table(lines: list[Line], i: int, runs: list[Run]) -> tuple[SourceTable, int] | None:
    # header: up from the rule to a blank line or a one-run line; a rule of the same runs above
    # a header (rST) opens the table
    top = i
    while top > 0 and lines[top - 1][1].strip() and not _RULE.match(lines[top - 1][1]) and _fits(lines[top - 1][1], runs):
        top -= 1
    if top > 0 and (_one_run(lines[top - 1][1], runs) or (top < i and _same(lines[top - 1][1], runs))):
        top -= 1
    # rows: down to a closing rule over blank lines, else to the first blank line
    j, close = i + 1, None
    while j < len(lines):
        s = lines[j][1]
        if _same(s, runs) or _one_run(s, runs):
            close = j
            if _same(s, runs) and j + 1 < len(lines) and lines[j + 1][1].strip():
                j += 1  # rST: the rule under the header, the rows go on
                continue
            break
        if _RULE.match(s) or (s.strip() and not _fits(s, runs)):
            break
        j += 1
    if close is None:
        close = i + 1
        while close < len(lines) and lines[close][1].strip() and not _RULE.match(lines[close][1]) and _fits(lines[close][1], runs):
            close += 1
        last = close - 1
    else:
        last = close
    block = lines[top:last + 1]
    # rows separated by blank lines (a multiline table): a blank line between two lines of cells
    cut = [k for k, (_, s) in enumerate(block) if s.strip() and not _RULE.match(s)]
    blank_rows = bool(cut) and any(not block[k][1].strip() for k in range(cut[0], cut[-1]))
    continues = all(c == "=" for c in "".join(re.findall(r"[-=]", lines[i][1])))
    rows = _rows(block, runs, blank_rows, continues)
    texts = [[_joined([p for p, _, _ in pieces]) if pieces else "" for pieces in row] for row in rows]
    spans = repeats_as_spans(texts)
    cells: list[SourceCell] = []
    for r, row in enumerate(rows):
        for k, pieces in enumerate(row):
            if spans[r][k] == 0:
                continue  # a copy of the merged cell on its left
            span = (pieces[0][1], pieces[0][2]) if len(pieces) == 1 else None  # one piece: one line
            cells.append(SourceCell(row=r, col=k, text=texts[r][k], colspan=spans[r][k], span=span))
    if len(rows) < 2 or sum(1 for c in cells if c.text) < 4:
        return None
    return SourceTable(cells=cells, span=(block[0][0], block[-1][0] + len(block[-1][1]))), last


Piece = tuple[str, int, int]
def _rows(block: list[Line], runs: list[Run], blank_rows: bool, continues: bool) -> list[list[list[Piece]]]:
    """The block's rows, each a list of columns, each the (text, start, end) pieces in it."""
    rows: list[list[list[Piece]]] = []
    open_row = False
    for at, s in block:
        if _RULE.match(s):
            open_row = False
            continue
        if not s.strip():
            open_row = False
            continue
        line: list[list[Piece]] = [[] for _ in runs]
        for a, b, oa, ob in _words(at, s):
            k = _column(a, b, runs)
            if k is None:
                continue
            if line[k] and line[k][-1][2] <= oa and s[line[k][-1][2] - at:oa - at].strip() == "" and line[k][-1][2] - at >= 0:
                text, start, _ = line[k][-1]
                line[k][-1] = (s[start - at:ob - at], start, ob)  # words of one cell on one line
            else:
                line[k].append((s[oa - at:ob - at], oa, ob))
        joins = open_row and (blank_rows or (continues and not line[0]))
        if joins:
            for k, pieces in enumerate(line):
                rows[-1][k].extend(pieces)
        else:
            rows.append(line)
        open_row = True
    return rows
