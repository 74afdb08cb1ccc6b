"""OFD reports (GB/T 33190, the Chinese fixed-layout format): positioned characters and ruling
lines, read into rows and cells the way a PDF page is.

An OFD file is a zip: OFD.xml names each document's root (`Doc_0/Document.xml`), which lists its
pages (`Pages/Page_0/Content.xml`). A page's `TextObject`s place text (`TextCode` X/Y from the
object's `Boundary`, through its `CTM`, each character advanced by `DeltaX`/`DeltaY`, `g N v`
repeats); its `PathObject`s draw the table rules (`AbbreviatedData` M/L/Z). Both become the
characters and edges pdfplumber's word and table finders take (`pdf._page_from_objects`), in
points, top-down, so ruled tables, unruled ones and tables across pages are read as in a PDF.
The XML is parsed without DTDs, entities or network; templates (running headers), annotations,
signatures and images are not read. Sizes are checked from the zip's directory first.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any

from ..document import Document
from ..errors import InputError
from . import limits
from ._build import build_text
from ._common import file_sha256, max_pages
from ._grid import PageBlocks, join_pages
from ._package import check_package
from ._xml import parse_xml

#: OFD lengths are millimetres; the PDF readers' tolerances are in points
_PT = 72 / 25.4
_NUM = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: characters one TextCode may place (a `g N v` run cannot ask for millions)
_MAX_DELTAS = 100_000


def load_ofd(path: str) -> Document:
    """Read an .ofd into a `Document` (text, and tables from positions and rules)."""
    from .pdf import _page_from_objects

    check_package(path, main_part="OFD.xml", kind="an OFD document", suffix=".ofd",
                  not_zip="corrupt .ofd (not a zip package)", xml=lambda name: name.lower().endswith(".xml"))
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            sizes = {i.filename: i.file_size for i in z.infolist()}
            parsed = [0]  # bytes of XML parsed so far: pages may all name one large part

            def xml(name: str, what: str) -> Any:
                if name not in names:
                    raise InputError(path, f"{what} {name} is not in the package")
                parsed[0] += sizes.get(name, 0)
                if parsed[0] > limits.MAX_DOCX_TOTAL:
                    raise InputError(path, f"its pages name more than {limits.MAX_DOCX_TOTAL >> 20} MB of XML to parse")
                try:
                    return parse_xml(z.read(name))
                except ValueError as e:
                    raise InputError(path, f"{name} is not readable XML ({e})") from e

            root = xml("OFD.xml", "the OFD root")
            doc_root = _text(root.find(".//{*}DocBody/{*}DocRoot"))
            if not doc_root:
                raise InputError(path, "OFD.xml names no document (no DocRoot)")
            doc_path = _resolve("", doc_root)
            document = xml(doc_path, "the document")
            base = posixpath.dirname(doc_path)
            default_box = _box(_text(document.find(".//{*}CommonData/{*}PageArea/{*}PhysicalBox")))
            pages_el = document.findall(".//{*}Pages/{*}Page")
            if not pages_el:
                raise InputError(path, "the OFD document has no pages")
            limit = max_pages()
            if len(pages_el) > limit:
                raise InputError(path, f"OFD has {len(pages_el)} pages, more than the limit of {limit} "
                                       "(set XXGK_MAX_PAGES to raise it)")
            fonts = _fonts(document, base, names, z)
            pages: list[PageBlocks] = []
            doctop = 0.0
            for number, page_el in enumerate(pages_el, 1):
                loc = page_el.get("BaseLoc") or ""
                page = xml(_resolve(base, loc), f"page {number}")
                box = _box(_text(page.find("{*}Area/{*}PhysicalBox"))) or default_box or (0.0, 0.0, 210.0, 297.0)
                height = box[3] * _PT
                chars, edges = _objects(page, box, height, doctop, fonts)
                pages.append(_page_from_objects(chars, edges, height, number))
                doctop += height
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zipfile.LargeZipFile) as e:
        raise InputError(path, f"corrupt .ofd ({type(e).__name__}: {e})") from e
    tb = build_text(join_pages(pages))
    if not tb.text.strip():
        raise InputError(path, "the OFD document has no text (a scan saved as OFD is not read)")
    return Document(path=path, text=tb.text, format="ofd", sha256=file_sha256(path), tables=tb.tables,
                    pages=len(pages_el))


def _text(el: Any) -> str:
    return (el.text or "").strip() if el is not None else ""


def _resolve(base: str, loc: str) -> str:
    """A `BaseLoc` as a name in the zip: relative to `base`, or absolute from the package root."""
    loc = loc.strip().replace("\\", "/")
    joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)
    return posixpath.normpath(joined).lstrip("/")


def _floats(s: str | None) -> list[float]:
    return [float(v) for v in _NUM.findall(s or "")]


def _box(s: str) -> tuple[float, float, float, float] | None:
    v = _floats(s)
    return (v[0], v[1], v[2], v[3]) if len(v) >= 4 else None


def _fonts(document: Any, base: str, names: set[str], z: zipfile.ZipFile) -> dict[str, str]:
    """Font ID → name, from the document's public resources (for the characters' `fontname`)."""
    out: dict[str, str] = {}
    for res in document.findall(".//{*}CommonData/{*}PublicRes") + document.findall(".//{*}CommonData/{*}DocumentRes"):
        name = _resolve(base, _text(res))
        if name not in names:
            continue
        try:
            tree = parse_xml(z.read(name))
        except ValueError:
            continue
        for font in tree.iter("{*}Font"):
            out[font.get("ID", "")] = font.get("FontName", "") or font.get("FamilyName", "")
    return out


def _deltas(s: str | None) -> list[float]:
    """A DeltaX/DeltaY list with its `g N v` runs expanded (bounded)."""
    tokens = (s or "").split()
    out: list[float] = []
    k = 0
    while k < len(tokens):
        if tokens[k] == "g" and k + 2 < len(tokens):
            n = int(float(tokens[k + 1]))
            out.extend([float(tokens[k + 2])] * max(0, min(n, _MAX_DELTAS - len(out))))
            k += 3
        else:
            out.append(float(tokens[k]))
            k += 1
        if len(out) >= _MAX_DELTAS:
            break
    return out


def _matrix(s: str | None) -> tuple[float, ...]:
    v = _floats(s)
    return tuple(v[:6]) if len(v) >= 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _objects(page: Any, box: tuple[float, float, float, float], height: float, doctop: float,
             fonts: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """The page's characters and edges as `_pdfium` gives them (points, top-down)."""
    from ._pdfium import _subpath_edges

    chars: list[dict] = []
    edges: list[dict] = []
    ox, oy = box[0], box[1]
    content = page.find("{*}Content")
    if content is None:
        return chars, edges
    for obj in content.iter("{*}TextObject", "{*}PathObject"):
        bnd = _box(obj.get("Boundary", ""))
        if bnd is None:
            continue
        bx, by = bnd[0] - ox, bnd[1] - oy
        a, b, c, d, e, f = _matrix(obj.get("CTM"))
        if obj.tag.endswith("TextObject"):
            if b != 0 or c != 0 or a <= 0 or d <= 0:
                continue  # rotated or mirrored text: not a table's cell
            size = float(obj.get("Size") or 3.5) * d
            font = fonts.get(obj.get("Font", ""), "")
            x = y = 0.0
            for code in obj.iter("{*}TextCode"):
                if code.get("X") is not None:
                    x = float(code.get("X"))
                if code.get("Y") is not None:
                    y = float(code.get("Y"))
                dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
                text = code.text or ""
                for k, ch in enumerate(text):
                    adv = dx[k] if k < len(dx) else (float(obj.get("Size") or 3.5) * (1.0 if ord(ch) > 0x2e7f else 0.5))
                    px = bx + a * x + e
                    py = by + d * y + f  # the baseline
                    width = adv * a
                    if not ch.isspace():
                        bottom = (py + 0.12 * size) * _PT
                        top = bottom - size * _PT
                        chars.append({"text": ch, "x0": px * _PT, "x1": (px + width) * _PT, "top": top, "bottom": bottom,
                                      "doctop": doctop + top, "upright": True, "fontname": font, "size": size * _PT})
                    x += adv
                    if k < len(dy):
                        y += dy[k]
                # the next TextCode without X/Y goes on from here
        else:
            if obj.get("Stroke", "true").lower() == "false" and obj.get("Fill", "false").lower() != "true":
                continue
            data = obj.find("{*}AbbreviatedData")
            for sub in _subpaths(_text(data)):
                pts = [(op, ((bx + a * px + c * py + e) * _PT, height - (by + b * px + d * py + f) * _PT)) for op, (px, py) in sub]
                _subpath_edges(pts, height, doctop, edges)
    return chars, edges


def _subpaths(data: str) -> list[list[tuple[str, tuple[float, float]]]]:
    """`AbbreviatedData` to straight subpaths ("m"/"l"/"h" with points); a subpath with a curve
    (B, Q, A) is left out: table rules are straight."""
    tokens = data.split()
    out: list[list[tuple[str, tuple[float, float]]]] = []
    sub: list[tuple[str, tuple[float, float]]] = []
    curved = False
    k = 0

    def close_sub() -> None:
        if sub and not curved and sub[0][0] == "m":
            out.append(list(sub))

    while k < len(tokens):
        op = tokens[k]
        k += 1
        try:
            if op == "M":
                close_sub()
                sub, curved = [("m", (float(tokens[k]), float(tokens[k + 1])))], False
                k += 2
            elif op == "L":
                sub.append(("l", (float(tokens[k]), float(tokens[k + 1]))))
                k += 2
            elif op in ("C", "Z"):  # OFD's close
                if sub:
                    sub.append(("h", sub[0][1]))
            elif op == "S":  # a new start without a line
                close_sub()
                sub, curved = [("m", (float(tokens[k]), float(tokens[k + 1])))], False
                k += 2
            elif op in ("B", "Q", "A"):
                curved = True
                k += {"B": 6, "Q": 4, "A": 7}[op]
            # anything else: skip the token
        except (IndexError, ValueError):
            break
    close_sub()
    return out
