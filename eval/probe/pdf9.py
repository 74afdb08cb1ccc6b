"""pdf9: PDF producer quirks (issue 11)

How other producers write the same report: each glyph its own text object, letters spaced (Tc)
inside the numbers (WPS, Foxit, print drivers); a scan whose only text is an invisible OCR layer
(render mode 3) laid over the page picture (scanner software).
"""

from __future__ import annotations

import html
import sys
from typing import Any, Callable

from extractor.printed import Cell

from ._common import Ctx, ROOT, is_value_row, plain
from ._pdf import grid_style, pdf_build, pdf_story


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {}


def _p9_story(ctx: Ctx, *, ruled: bool, draw: dict[str, Callable[[list[list[Cell]], str, float], list[Any]]] | None = None,
              value: Callable[[Cell], str] = lambda c: plain(c.value)) -> list[Any]:
    """The report as reportlab flowables: ruled tables or not, plain values; a table whose
    section is in `draw` drawn by it (from its rows, the font, the text width)."""
    return pdf_story(ctx, value, style=grid_style(ruled), draw=draw)


def _p9_build(story: list[Any], canvasmaker: Any = None) -> bytes:
    return pdf_build(story, canvasmaker=canvasmaker)


def _p9_glyphs(ctx: Ctx) -> tuple[bytes, str]:
    """Table text drawn glyph by glyph, each character its own text object at its own position
    (as WPS, Foxit and print drivers write it), so words exist only as positions; in some reports
    the numbers' letters spaced wider (Tc 0.5–2.5 pt at 8 pt, Word's 字符间距 加宽) — in others
    the whole number is one string with that spacing."""
    from reportlab.pdfgen.canvas import Canvas

    rng = ctx.rng
    space = rng.choice([0.0, 0.0, 0.6, 1.2, 1.8, 2.5])
    split = rng.random() < 0.7

    class GlyphCanvas(Canvas):
        def _p9_draw(self, x: float, y: float, text: str, anchor: float, **kw: Any) -> None:
            font, size = self._fontname, self._fontsize
            cs = space if text.strip().isdigit() else 0.0
            total = self.stringWidth(text, font, size) + cs * max(len(text) - 1, 0)
            x -= total * anchor
            if not split:
                Canvas.drawString(self, x, y, text, charSpace=cs)
                return
            for ch in text:
                Canvas.drawString(self, x, y, ch)
                x += self.stringWidth(ch, font, size) + cs

        def drawString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:  # noqa: N802
            self._p9_draw(x, y, text, 0.0)

        def drawCentredString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:  # noqa: N802
            self._p9_draw(x, y, text, 0.5)

        def drawRightString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:  # noqa: N802
            self._p9_draw(x, y, text, 1.0)

    ctx.recipe = f"spacing {space} pt, {'glyph by glyph' if split else 'one string'}"  # type: ignore[attr-defined]
    return _p9_build(_p9_story(ctx, ruled=rng.random() < 0.6), GlyphCanvas), ".pdf"


def _p9_ocr_layer(ctx: Ctx) -> tuple[bytes, str]:
    """A scanned report as scanner software saves it: every page one picture (the printed page at
    150 dpi, its rules only in the picture), with the OCR text laid over it invisibly (text render
    mode 3) where the words stand; no vector rules. In half the reports the OCR layer has the
    recogniser's letter-for-digit slips in a few numbers (O for 0, l for 1), the picture the true
    digits."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rng = ctx.rng
    slips = rng.random() < 0.5

    def ocr_value(c: Cell) -> str:
        t = plain(c.value)
        if slips and rng.random() < 0.06 and ("0" in t or "1" in t):
            k = max(i for i, ch in enumerate(t) if ch in "01")
            t = t[:k] + ("O" if t[k] == "0" else "l") + t[k + 1:]
        return t

    printed = pdfium.PdfDocument(_p9_build(_p9_story(ctx, ruled=True)))
    pictures = []
    for k in range(len(printed)):
        img = printed[k].render(scale=150 / 72).to_pil().convert("L")
        jpg = io.BytesIO()
        img.save(jpg, "JPEG", quality=80)
        pictures.append(jpg.getvalue())
    printed.close()

    class ScanCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802
            code = self._code
            self._code = []
            k = self.getPageNumber() - 1
            self.saveState()
            if k < len(pictures):
                self.drawImage(ImageReader(io.BytesIO(pictures[k])), 0, 0, A4[0], A4[1])
            self.restoreState()
            self._code += ["3 Tr"] + code
            super().showPage()

    ctx.recipe = "OCR slips" if slips else "clean OCR layer"  # type: ignore[attr-defined]
    return _p9_build(_p9_story(ctx, ruled=False, value=ocr_value), ScanCanvas), ".pdf"


def _p9_side_by_side(ctx: Ctx) -> tuple[bytes, str]:
    """表四's three groups as three small tables side by side on one line (行政复议 | 行政诉讼
    未经复议直接起诉 | 行政诉讼 复议后起诉), each a column of results with its number beside it
    (结果维持 5, 结果纠正 0, …, 总计 7); the small tables ruled or not, the rest of the report as
    usual."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    rng = ctx.rng
    ruled = rng.random() < 0.6
    names = rng.choice([("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"),
                        ("行政复议", "未经复议直接起诉", "复议后起诉")])

    def table4(table: list[list[Cell]], font: str, width: float) -> Any:
        values = [c for row in table for c in row if c.key is not None]
        labels = [c.text for c in table[2]][:5]
        inner = []
        for g, name in enumerate(names):
            rows = [[name, ""]] + [[lab, plain(c.value)] for lab, c in zip(labels, values[5 * g:5 * g + 5])]
            st = [("FONT", (0, 0), (-1, -1), font, 8), ("SPAN", (0, 0), (1, 0)), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            if ruled:
                st.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            inner.append(Table(rows, colWidths=[width * 0.2, width * 0.09], style=TableStyle(st)))
        return [Table([inner], colWidths=[width / 3] * 3, style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))]

    return _p9_build(_p9_story(ctx, ruled=True, draw={"四": table4})), ".pdf"


def _p9_forms(ctx: Ctx) -> tuple[bytes, str]:
    """Every page's content moved into a Form XObject that the page only paints (`/Fm0 Do`), as
    imposition and "print to PDF" tools and PDF merges write pages; in some reports the page is
    also portrait with /Rotate 90 and its content turned back inside the form (a landscape page
    printed sideways); the tables ruled or not."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

    rng = ctx.rng
    rotate = rng.random() < 0.5
    data = _p9_build(_p9_story(ctx, ruled=rng.random() < 0.6))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for pg in writer.pages:
        w, h = float(pg.mediabox.width), float(pg.mediabox.height)
        form = DecodedStreamObject()
        form.set_data(pg.get_contents().get_data())  # type: ignore[union-attr]
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(w), FloatObject(h)]),
                     NameObject("/Resources"): pg["/Resources"]})
        if rotate:  # the form turned a quarter onto a portrait page, shown upright by /Rotate 90
            form[NameObject("/Matrix")] = ArrayObject([FloatObject(v) for v in (0, 1, -1, 0, h, 0)])
        ref = writer._add_object(form)
        content = DecodedStreamObject()
        content.set_data(b"q /Fm0 Do Q")
        pg[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject({NameObject("/Fm0"): ref})})
        pg[NameObject("/Contents")] = writer._add_object(content)
        if rotate:
            pg.mediabox.upper_right = (h, w)
            pg.rotation = 90
    out = io.BytesIO()
    writer.write(out)
    ctx.recipe = "rotated" if rotate else "upright"  # type: ignore[attr-defined]
    return out.getvalue(), ".pdf"


def _p9_continued(ctx: Ctx) -> tuple[bytes, str]:
    """表三 broken over a page as two tables whose column widths differ (a table pasted in two
    parts, or a continuation redrawn): the first page's part with one set of widths, then a page
    break and the rest with the label columns narrower or wider and the number columns shifted;
    the header rows repeated on the second page or not; a cell merged across the break printed
    on the first page only (as Word does); ruled or unruled."""
    from dataclasses import dataclass as _dc

    sys.path.insert(0, str(ROOT / "eval"))
    import make_formats as mf  # noqa: E402
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

    rng = ctx.rng
    ruled = rng.random() < 0.7
    repeat = rng.random() < 0.5

    @_dc
    class C:
        text: str
        rowspan: int = 1
        colspan: int = 1

    def part(matrix: list[list[str | None]], spans: list[tuple[int, int, int, int]], ws: list[float], font: str,
             labels: set[str]) -> Any:
        cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
        data = [[Paragraph(html.escape(t), cell) if t and t in labels else (t or "") for t in row] for row in matrix]
        st = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONT", (0, 0), (-1, -1), font, 8), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
        if ruled:
            st.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        st += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans]
        return Table(data, colWidths=ws, style=TableStyle(st))

    def table3(table: list[list[Cell]], font: str, width: float) -> list[Any]:
        rows = [[C(plain(c.value) if c.key is not None else c.text, c.rowspan, c.colspan) for c in row] for row in table]
        matrix, spans = mf.grid(rows)
        n = len(matrix[0])
        head = next(i for i, r in enumerate(table) if is_value_row(r))
        cut = rng.randint(head + 4, len(matrix) - 4)
        labels = {c.text for row in table for c in row if c.key is None}
        w1 = [width * 0.12, width * 0.13, width * 0.2] + [width * 0.55 / (n - 3)] * (n - 3)
        a, b = rng.choice([(0.09, 0.16), (0.16, 0.24), (0.10, 0.28), (0.14, 0.14)])
        w2 = [width * a, width * 0.1, width * b] + [width * (0.9 - a - b) / (n - 3)] * (n - 3)
        first = part(matrix[:cut], [(r0, c0, min(r1, cut - 1), c1) for r0, c0, r1, c1 in spans if r0 < cut
                                    and (min(r1, cut - 1) > r0 or c1 > c0)], w1, font, labels)
        rest = [list(r) for r in matrix[cut:]]
        rest_spans = []
        for r0, c0, r1, c1 in spans:
            if r1 < cut:
                continue
            s0 = max(r0, cut) - cut
            if r0 < cut:  # merged across the break: its text stays on the first page
                rest[s0][c0] = ""
            if r1 - cut > s0 or c1 > c0:
                rest_spans.append((s0, c0, r1 - cut, c1))
        if repeat:
            rest = [list(r) for r in matrix[:head]] + rest
            rest_spans = [sp for sp in spans if sp[2] < head] + [(r0 + head, c0, r1 + head, c1) for r0, c0, r1, c1 in rest_spans]
        return [first, PageBreak(), part(rest, rest_spans, w2, font, labels)]

    ctx.recipe = f"{'ruled' if ruled else 'unruled'}, header {'repeated' if repeat else 'once'}"  # type: ignore[attr-defined]
    return _p9_build(_p9_story(ctx, ruled=ruled, draw={"三": table3})), ".pdf"


FAMILIES.update({
    "pdf-glyphs": _p9_glyphs,
    "pdf-ocr-layer": _p9_ocr_layer,
    "pdf-side-by-side": _p9_side_by_side,
    "pdf-forms": _p9_forms,
    "pdf-continued": _p9_continued,
})
