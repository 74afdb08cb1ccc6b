"""pdf13: tables as PDF text extractors give them (issue 11, round 13)

A Word table drawn on a page and read back by a text extractor: every cell's text wrapped to its
column's width (a CJK label breaks anywhere), a merged cell's lines set at the top, middle or
bottom of the rows it spans, so its pieces land on other rows' lines. `_grid_lines` lays one
printed table out that way (the columns' widths in half-width units, the cells' vertical and
horizontal alignment) and gives each physical line's pieces with their positions; the families
then print the lines as an extractor does: `pdftotext -layout` (pieces at their columns,
padded with spaces), pdfplumber's `extract_text()` (pieces one space apart), PyMuPDF's
`get_text()` (each cell's lines on lines of their own, cell after cell).
"""

from __future__ import annotations

import unicodedata
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, page, plain


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {}


def _w(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` (a CJK cell breaks between any two
    characters; a number is never broken)."""
    if not text:
        return []
    if text.isdigit() or _w(text) <= width:
        return [text]
    lines, cur = [], ""
    for ch in text:
        if cur and _w(cur + ch) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur] if cur else lines


def _justify(text: str, width: int) -> str:
    """A label set with 分散对齐 (distributed alignment): its characters spread evenly over the
    width, as pdftotext prints the gaps (a gap under half a character's width is no space)."""
    if len(text) < 2 or _w(text) >= width:
        return text
    gaps = len(text) - 1
    room = width - _w(text)
    if room / gaps < 0.5:
        return text
    out = text[0]
    for i, ch in enumerate(text[1:], 1):
        out += " " * (round(i * room / gaps) - round((i - 1) * room / gaps)) + ch
    return out


Piece = tuple[int, str, Cell]  # (x in half-width units, text, the cell it belongs to)


def _grid_lines(table: list[list[Cell]], widths: list[int], *, gap: int = 2, valign: str = "middle",
                text: Callable[[Cell], str] = lambda c: plain(c.value) if c.key is not None else c.text,
                wrap: Callable[[Cell, str, int], list[str]] = lambda c, t, w: _wrap(t, w),
                halign: Callable[[Cell], str] = lambda c: "right" if c.key is not None else "left",
                ) -> list[list[Piece]]:
    """The physical lines of one table drawn with these column widths: each line's pieces."""
    g = grid(table)
    rows, cols = len(g), len(g[0])
    xs = [sum(widths[:c]) + gap * c for c in range(cols)]
    cells = []
    for r in range(rows):
        for c in range(cols):
            cell = g[r][c]
            if cell is None:
                continue
            cs = min(cell.colspan, cols - c)
            span_w = sum(widths[c:c + cs]) + gap * (cs - 1)
            cells.append((r, c, cell, span_w, wrap(cell, text(cell), span_w)))
    h = [1] * rows
    for r, c, cell, _, lines in cells:
        if cell.rowspan == 1:
            h[r] = max(h[r], len(lines))
    for r, c, cell, _, lines in cells:
        if cell.rowspan > 1:
            have = sum(h[r:r + cell.rowspan])
            if have < len(lines):
                h[min(r + cell.rowspan, rows) - 1] += len(lines) - have
    ys = [sum(h[:r]) for r in range(rows)]
    out: list[list[Piece]] = [[] for _ in range(sum(h))]
    for r, c, cell, span_w, lines in cells:
        tall = sum(h[r:r + cell.rowspan])
        off = {"top": 0, "middle": (tall - len(lines)) // 2, "bottom": tall - len(lines)}[valign]
        for i, line in enumerate(lines):
            how = halign(cell)
            pad = {"left": 0, "right": span_w - _w(line), "center": (span_w - _w(line)) // 2}[how]
            out[ys[r] + off + i].append((xs[c] + max(pad, 0), line, cell))
    return out


def _layout_line(pieces: list[Piece]) -> str:
    """A line as `pdftotext -layout` prints it: each piece at its column, at least a space apart."""
    s = ""
    for x, t, _ in sorted(pieces, key=lambda p: p[0]):
        s += " " * max(x - _w(s), 1 if s else 0) + t
    return s.rstrip()


def _plumber_line(pieces: list[Piece]) -> str:
    return " ".join(t for _, t, _ in sorted(pieces, key=lambda p: p[0]))


def _widths(sec: str, table: list[list[Cell]], label: list[int], num: int, t2label: int = 16, t4: int = 0) -> list[int]:
    n = len(grid(table)[0])
    if sec == "三":
        return label + [num] * (n - 3)
    if sec == "二":
        return [t2label] + [num + 4] * (n - 1)
    return [t4 or num] * n


def _tables(ctx: Ctx, line: Callable[[list[Piece]], str], widths: Callable[[str, list[list[Cell]]], list[int]],
            **kw: Any) -> str:
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        out += [line(p) for p in _grid_lines(table, widths(sec, table), **kw)]
        out.append("")
    return "\n".join(out)


def plumber_wrapped(ctx: Ctx) -> tuple[str, str]:
    """pdfplumber's `extract_text()` of a Word table with narrow label columns: each line's pieces
    one space apart in their left-to-right order, so a label wrapped over two or three lines has
    its numbers on its first, middle or last line (the table's vertical alignment), the merged
    parents (三、本年度办理结果, （三）不予公开) broken into pieces on the lines of the rows they
    span, and the header's words broken likewise."""
    rng = ctx.rng
    valign = rng.choice(["top", "middle", "bottom"])
    label = rng.choice([[6, 8, 14], [8, 8, 16], [4, 10, 12], [6, 6, 18]])
    num = rng.choice([4, 6])
    ctx.recipe = f"{valign}, labels {label}, numbers {num}"  # type: ignore[attr-defined]
    body = _tables(ctx, _plumber_line, lambda sec, t: _widths(sec, t, label, num, t2label=rng.choice([8, 10, 12]), t4=4),
                   valign=valign)
    return page(ctx, body), ".txt"


def layout_stacked_header(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext -layout` of tables whose number columns are narrow: each header word stands in
    its column one or two characters a line (自/然/人, 商业/企业, 结果/维持), the group headers
    (申请人情况, 法人或其他组织, 未经复议直接起诉) wrapped over their columns, and the long
    top-left note of 表三 running down beside them; the labels wide, the numbers right-aligned
    under their headers."""
    rng = ctx.rng
    num = rng.choice([2, 4])
    valign = rng.choice(["top", "middle"])
    label = rng.choice([[10, 10, 30], [12, 14, 32]])
    heads = {c.text for _, t in ctx.sections for row in t if all(x.key is None for x in row) for c in row}
    ctx.recipe = f"numbers {num} wide, {valign}"  # type: ignore[attr-defined]
    body = _tables(ctx, _layout_line, lambda sec, t: _widths(sec, t, label, num, t2label=24, t4=num),
                   gap=rng.choice([2, 3]), valign=valign,
                   halign=lambda c: "right" if c.key is not None else ("center" if c.text in heads else "left"))
    return page(ctx, body), ".txt"


def layout_blank_cells(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext -layout` of a table that leaves its zeros blank: the numbers right-aligned in
    fixed-width columns, an empty cell only spaces, so where a number stands (not how many
    there are) says whose cell it is; every zero blank, or the zeros of a few rows only; a long
    label wrapped in its cell, the numbers on its first or middle line."""
    rng = ctx.rng
    every = rng.random() < 0.6
    num = rng.choice([6, 8, 10])
    blank_rows: set[int] = set()

    def text(c: Cell) -> str:
        if c.key is None:
            return c.text
        if c.value == 0 and (every or id(c) in blank_rows):
            return ""
        return plain(c.value)

    if not every:
        for _, table in ctx.sections:
            for row in table:
                if any(c.key is not None for c in row) and rng.random() < 0.4:
                    blank_rows.update(id(c) for c in row)
    ctx.recipe = f"{'every zero' if every else 'some rows'} blank, columns {num}"  # type: ignore[attr-defined]
    body = _tables(ctx, _layout_line, lambda sec, t: _widths(sec, t, [14, 14, 34], num, t2label=26, t4=num),
                   gap=2, text=text, valign=rng.choice(["top", "middle"]))
    return page(ctx, body), ".txt"


def layout_justified(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext -layout` of tables whose label cells are set 分散对齐 (distributed: a short label
    spread over its cell's width, `行    政    许    可`, the gaps as wide as the gaps between
    columns), a long label wrapped with its last line spread too; the header words spread over
    their columns; numbers right-aligned or centred."""
    rng = ctx.rng
    num = rng.choice([8, 10])
    label = rng.choice([[8, 12, 30], [10, 12, 26]])
    centred = rng.random() < 0.5

    def wrap(c: Cell, t: str, w: int) -> list[str]:
        lines = _wrap(t, w)
        return lines if c.key is not None or w > 32 else [_justify(x, w) for x in lines]

    ctx.recipe = f"numbers {'centred' if centred else 'right'}, labels {label}"  # type: ignore[attr-defined]
    body = _tables(ctx, _layout_line, lambda sec, t: _widths(sec, t, label, num, t2label=20, t4=num),
                   gap=2, wrap=wrap, halign=lambda c: ("center" if centred else "right") if c.key is not None else "left")
    return page(ctx, body), ".txt"


def mupdf_cells(ctx: Ctx) -> tuple[str, str]:
    """PyMuPDF's `get_text()` of a ruled Word table: each cell a block, its wrapped lines each on a
    line of their own, the cells in the order Word wrote them (row by row, a merged cell in its
    first row); labels and header words broken where their narrow cells wrap them; every number
    printed (0 too)."""
    rng = ctx.rng
    label = rng.choice([[6, 8, 14], [4, 8, 12], [8, 10, 16]])
    num = rng.choice([4, 6])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        widths = _widths(sec, table, label, num, t2label=rng.choice([8, 12]), t4=4)
        for row in grid(table):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                span = sum(widths[c:c + cell.colspan]) + 2 * (cell.colspan - 1)
                t = plain(cell.value) if cell.key is not None else cell.text
                out += _wrap(t, span)
        out.append("")
    ctx.recipe = f"labels {label}"  # type: ignore[attr-defined]
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES.update({
    "plumber-wrapped": plumber_wrapped,
    "layout-stacked-header": layout_stacked_header,
    "layout-blank-cells": layout_blank_cells,
    "layout-justified": layout_justified,
    "mupdf-cells": mupdf_cells,
})
