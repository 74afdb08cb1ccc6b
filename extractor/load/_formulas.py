"""Formula cells of an `.xlsx` whose shown number the file does not hold.

openpyxl reads a formula cell's saved result (`data_only`). Excel saves one with every formula;
files written by libraries often do not: openpyxl writes `<f>` with an empty `<v>`, and
XlsxWriter writes `<v>0</v>` and asks the reader to recompute on opening
(`<calcPr fullCalcOnLoad="1"/>`). Excel and WPS show and print the computed number; read as it is
stored, such a cell would be blank (a blank value cell reads as 0) or a 0 nobody printed. This
module finds those cells, so the loader gives them their formula as text (`=SUM(C5:C7)`, what
Excel shows with "show formulas"): no number, so the reader leaves the cell null with a doubt,
never 0. Computing the formula would be deriving a number, not reading one (the reader offers a
total's row sum as a candidate marked `derived`, `layout.reader.derive_unprinted`, never a value).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any

from ._xml import parse_xml

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: a formula element in a sheet part, any namespace prefix (a quick test before parsing)
_HAS_F = re.compile(rb"<(?:\w+:)?f[\s>/]")
_REF = re.compile(r"([A-Za-z]{1,3})(\d+)")
_OFF = frozenset({"0", "false", "off"})

#: per sheet name, the unresolved formula cells: (1-based row, 1-based column) → the text shown
Unresolved = dict[str, dict[tuple[int, int], str]]


def unresolved_formulas(path: str) -> Unresolved:
    """The formula cells of each sheet that hold no result to read: no `<v>` or an empty one
    (a text result, `t="str"`, may be empty), or any result when the workbook asks to be
    recomputed on loading (`fullCalcOnLoad`: the saved results are placeholders)."""
    out: Unresolved = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "xl/workbook.xml" not in names:
            return out
        book = parse_xml(z.read("xl/workbook.xml"))
        calc = book.find(f"{_S}calcPr")
        recompute = calc is not None and calc.get("fullCalcOnLoad", "0").strip().lower() not in _OFF
        for name, part in _sheet_parts(z, book, names):
            data = z.read(part)
            if not _HAS_F.search(data):
                continue
            cells = _sheet_formulas(parse_xml(data), recompute)
            if cells:
                out[name] = cells
    return out


def _sheet_parts(z: zipfile.ZipFile, book: Any, names: set[str]) -> list[tuple[str, str]]:
    """(sheet name, part name) of the workbook's sheets, through the workbook's relationships."""
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in names:
        return []
    targets = {}
    for rel in parse_xml(z.read(rels_name)).iter(f"{_PR}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = part
    out = []
    for sheet in book.iter(f"{_S}sheet"):
        part = targets.get(sheet.get(f"{_R}id"))
        if part in names:
            out.append((sheet.get("name", ""), part))
    return out


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _sheet_formulas(root: Any, recompute: bool) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    r = 0
    for row in root.iter(f"{_S}row"):
        r = int(row.get("r")) if (row.get("r") or "").isdecimal() else r + 1
        col = 0
        for c in row.iterchildren(f"{_S}c"):
            m = _REF.fullmatch(c.get("r") or "")
            col = _column(m.group(1)) if m else col + 1
            f = c.find(f"{_S}f")
            if f is None:
                continue
            v = c.find(f"{_S}v")
            empty = v is None or not (v.text or "") and c.get("t") != "str"
            if empty or recompute:
                cells[(r, col)] = "=" + (f.text or "").strip() if (f.text or "").strip() else "=(formula)"
    return cells
