"""A PDF page's characters and ruling lines through pdfium (C), in the shapes pdfplumber gives.

pdfplumber (pdfminer.six) interprets a page's content stream in Python: about 0.3 s per page of
a report, most of a text PDF's load time. pdfium reads the same page in a few milliseconds. This
module builds from it the two things `pdf._read_page` uses, as pdfplumber would have them:

- *chars*: dicts with `text`, `x0`, `x1`, `top`, `bottom`, `doctop`, `upright`, `fontname`,
  `size`, in top-down page coordinates, the box from the font's descent and size as pdfminer makes
  it (height = font size);
- *edges*: the ruling lines, split and classified exactly as pdfminer's `paint_path` and
  pdfplumber's `line_to_edge` / `rect_to_edges` / `curve_to_edges` do, for pdfplumber's own
  table finder.

Only plain pages take this path. `page_objects` returns None (the caller reads the page with
pdfplumber) for anything whose pdfplumber reading it does not reproduce: a rotated or cropped
page, a form XObject, a curved path, text that is not upright, a character without a Unicode
mapping, and a page with an image and few characters (a scan: pdfplumber decides about OCR).
"""

from __future__ import annotations

import ctypes
from typing import Any

#: A page with fewer characters than this and an image goes to pdfplumber, which decides whether
#: it is a scan to OCR (`pdf._MIN_CHARS`).
MIN_FAST_CHARS = 20

_MOVETO = 2
_LINETO = 0


def page_objects(pdf: Any, index: int, doctop: float) -> tuple[list[dict], list[dict], float] | None:
    """(chars, edges, height) of page `index` of a `pypdfium2.PdfDocument`, or None: read it
    with pdfplumber. `doctop` is the summed height of the pages before (pdfplumber's `doctop`)."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        if page.get_rotation() % 360:
            return None
        media = tuple(page.get_mediabox())
        if media[0] != 0 or media[1] != 0 or tuple(page.get_cropbox()) != media:
            return None
        height = float(media[3])
        edges: list[dict] = []
        images = False
        n_obj = raw.FPDFPage_CountObjects(page)
        for k in range(n_obj):
            obj = raw.FPDFPage_GetObject(page, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                return None
            images = images or kind == raw.FPDF_PAGEOBJ_IMAGE
            if kind == raw.FPDF_PAGEOBJ_PATH and not _path_edges(raw, obj, height, doctop, edges):
                return None
        chars = _chars(raw, page, height, doctop)
        if chars is None or (images and len(chars) < MIN_FAST_CHARS):
            return None
        return chars, edges, height
    finally:
        page.close()


def _chars(raw: Any, page: Any, height: float, doctop: float) -> list[dict] | None:
    textpage = page.get_textpage()
    try:
        n = raw.FPDFText_CountChars(textpage)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        matrix = raw.FS_MATRIX()
        rect = raw.FS_RECTF()
        descent = ctypes.c_float()
        fonts: dict[int, str] = {}
        descents: dict[tuple[int, float], float] = {}
        chars: list[dict] = []
        for i in range(n):
            if raw.FPDFText_IsGenerated(textpage, i):
                continue  # a space or line break pdfium inferred: not in the file
            if raw.FPDFText_HasUnicodeMapError(textpage, i):
                return None
            u = raw.FPDFText_GetUnicode(textpage, i)
            if not raw.FPDFText_GetMatrix(textpage, i, matrix):
                return None
            if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
                return None  # rotated, skewed or mirrored text: pdfplumber's `upright` rules
            raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            size = raw.FPDFText_GetFontSize(textpage, i)
            obj = raw.FPDFText_GetTextObject(textpage, i)
            font = raw.FPDFTextObj_GetFont(obj)
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            name = fonts.get(key)
            if name is None:
                buf = ctypes.create_string_buffer(256)
                got = raw.FPDFFont_GetBaseFontName(font, buf, 256)
                name = fonts[key] = buf.value.decode("latin-1") if got else f"font{key}"
            d = descents.get((key, size))
            if d is None:
                if not raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent):
                    return None
                d = descents[(key, size)] = descent.value
            raw.FPDFText_GetLooseCharBox(textpage, i, rect)
            y0 = oy.value + d
            chars.append({
                "text": chr(u) if u else "",
                "x0": ox.value, "x1": float(rect.right),
                "top": height - (y0 + size), "bottom": height - y0,
                "doctop": doctop + height - (y0 + size),
                "upright": True, "fontname": name, "size": size,
            })
        return chars
    finally:
        textpage.close()


def _path_edges(raw: Any, obj: Any, height: float, doctop: float, out: list[dict]) -> bool:
    """The path's edges appended to `out` as pdfplumber makes them; False for a curved path."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    n = raw.FPDFPath_CountSegments(obj)
    sub: list[tuple[str, tuple[float, float]]] = []
    subs = [sub]
    for k in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind not in (_MOVETO, _LINETO):
            return False
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value, y.value
        pt = (m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f)
        if kind == _MOVETO:
            sub = [("m", pt)]
            subs.append(sub)
        else:
            sub.append(("l", pt))
        if raw.FPDFPathSegment_GetClose(seg):
            sub.append(("h", sub[0][1]))
    for s in subs:
        if s and s[0][0] == "m":
            _subpath_edges(s, height, doctop, out)
    return True


def _subpath_edges(path: list[tuple[str, tuple[float, float]]], height: float, doctop: float, out: list[dict]) -> None:
    """pdfminer's `paint_path` for one subpath (line, rectangle or polyline), then pdfplumber's
    edges of that object, in top-down coordinates."""
    shape = "".join(op for op, _ in path)
    pts = [p for _, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        (ax, ay), (bx, by) = pts[0], pts[1]
        x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        top, bottom = height - y1, height - y0
        out.append({"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                    "doctop": doctop + top, "width": x1 - x0, "height": bottom - top,
                    "orientation": "h" if top == bottom else "v"})
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            rx0, rx1 = min(x0, x2), max(x0, x2)
            ry0, ry1 = min(y0, y2), max(y0, y2)
            top, h, w = height - ry1, ry1 - ry0, rx1 - rx0
            base = {"x0": rx0, "x1": rx1, "top": top, "bottom": height - ry0, "doctop": doctop + top,
                    "width": w, "height": h}
            out.append({**base, "object_type": "rect_edge", "height": 0, "bottom": top, "orientation": "h"})
            out.append({**base, "object_type": "rect_edge", "height": 0, "top": top + h,
                        "doctop": doctop + top + h, "orientation": "h"})
            out.append({**base, "object_type": "rect_edge", "width": 0, "x1": rx0, "orientation": "v"})
            out.append({**base, "object_type": "rect_edge", "width": 0, "x0": rx1, "orientation": "v"})
            return
    tpts = [(px, height - py) for px, py in pts]
    for p0, p1 in zip(tpts, tpts[1:]):
        top = min(p0[1], p1[1])
        out.append({"object_type": "curve_edge", "x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]),
                    "top": top, "doctop": doctop + top, "bottom": max(p0[1], p1[1]),
                    "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
                    "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)})


def hidden_text(pdf: Any) -> bool:
    """Does some page of a `pypdfium2.PdfDocument` hold text drawn invisibly (render mode 3)?

    Scanner software lays its recognised text over the page picture that way: the text a reader
    takes is then another program's OCR, one unchecked read, not what the page shows."""
    import pypdfium2.raw as raw

    def invisible(objects: Any, count: int, depth: int) -> bool:
        for k in range(count):
            obj = objects(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                if raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                    return True
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:  # a form inside a form: bounded
                if invisible(lambda j, f=obj: raw.FPDFFormObj_GetObject(f, j),
                             raw.FPDFFormObj_CountObjects(obj), depth + 1):
                    return True
        return False

    for index in range(len(pdf)):
        page = pdf[index]
        try:
            if invisible(lambda j, p=page: raw.FPDFPage_GetObject(p, j), raw.FPDFPage_CountObjects(page), 0):
                return True
        finally:
            page.close()
    return False
