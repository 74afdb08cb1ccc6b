"""The report as a text-layer PDF (reportlab), for the probe's PDF families.

One writer (eval/make_formats.py's, with options) so a family changes only what it prints
differently: the table style, column widths, alignment, page size, a section drawn its own way.
"""

from __future__ import annotations

import html
import io
import sys
from dataclasses import dataclass
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS

from ._common import Ctx, ROOT, plain

# (table rows, columns) -> reportlab table-style commands added after the base ones
Style = Callable[[int, int], list[Any]]
# (the section's printed rows, the font, the text width) -> flowables drawn instead of the table
Draw = Callable[[list[list[Cell]], str, float], list[Any]]


@dataclass
class _Printed:
    """A cell as eval/make_formats.grid takes it: the text and its spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def grid_style(ruled: bool) -> Style:
    """A ruled grid (0.5 pt black) on every cell, or nothing."""
    from reportlab.lib import colors

    return lambda rows, cols: [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []


def pdf_story(ctx: Ctx, value: Callable[[Cell], str] = lambda c: plain(c.value), *, style: Style = lambda r, n: [],
              widths: Callable[[float, int], list[float]] | None = None, pagesize: Any = None,
              valign: str = "MIDDLE", align: str = "CENTER", label_text: Callable[[str], str] = lambda t: t,
              draw: dict[str, Draw] | None = None) -> list[Any]:
    """The report as reportlab flowables: the title, the prose before, each table (value cells
    printed by `value`, labels by `label_text`, styled by `style`) or what `draw` gives for its
    section, the prose after."""
    sys.path.insert(0, str(ROOT / "eval"))
    import make_formats as mf  # noqa: E402
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    font = mf._cid_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=font, fontSize=12, leading=20, spaceBefore=6)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    width = (pagesize or A4)[0] - 36 * mm
    story: list[Any] = [Paragraph(html.escape(ctx.title), head)]
    story += [Paragraph(html.escape(p.strip()[:400]), body) for p in ctx.before.splitlines()[:8] if p.strip()]
    for sec, table in ctx.sections:
        story.append(Paragraph(html.escape(HEADINGS[sec]), head))
        if draw and sec in draw:
            story += draw[sec](table, font, width) + [Spacer(1, 6)]
            continue
        rows = [[_Printed(value(c) if c.key is not None else c.text, c.rowspan, c.colspan) for c in row] for row in table]
        matrix, spans = mf.grid(rows)
        n = len(matrix[0])
        ws = widths(width, n) if widths else (
            [width * 0.12, width * 0.13, width * 0.2] + [width * 0.55 / 7] * 7 if n == 10 else [width / n] * n)
        labels = {c.text for row in table for c in row if c.key is None}
        data = [[Paragraph(html.escape(label_text(t)), cell) if t and t in labels else (t or "") for t in row]
                for row in matrix]
        st = [("VALIGN", (0, 0), (-1, -1), valign), ("FONT", (0, 0), (-1, -1), font, 8), ("ALIGN", (0, 0), (-1, -1), align)]
        st += style(len(matrix), n)
        st += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans]
        story.append(Table(data, colWidths=ws, style=TableStyle(st), repeatRows=3 if n == 10 else 0))
        story.append(Spacer(1, 6))
    story += [Paragraph(html.escape(p.strip()[:400]), body) for p in ctx.after.splitlines()[:6] if p.strip()]
    return story


def pdf_build(story: list[Any], *, pagesize: Any = None, canvasmaker: Any = None,
              on_page: Callable[[Any, Any], None] | None = None) -> bytes:
    """The flowables laid out on A4 (or `pagesize`) with the probe's margins, drawn by
    `canvasmaker` if given, `on_page` called on every page (running headers and footers)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=pagesize or A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=20 * mm)
    kwargs: dict[str, Any] = {}
    if canvasmaker is not None:
        kwargs["canvasmaker"] = canvasmaker
    if on_page is not None:
        kwargs.update(onFirstPage=on_page, onLaterPages=on_page)
    doc.build(story, **kwargs)
    return buf.getvalue()
