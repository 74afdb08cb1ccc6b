"""OpenDocument reports: `.odt` (LibreOffice / WPS "save as ODF") and `.ods` workbooks.

content.xml is parsed without DTDs, entities or network (`_xml`), after the package's sizes are
checked from its directory. An `.odt`'s paragraphs and headings are lines; its `table:table`s are
cells with `table:number-columns-spanned`/`-rows-spanned` as spans, `table:covered-table-cell`
taking the slots a span covers and `table:number-columns-repeated` repeating a cell (as
`docx._table_cells` gives a Word table). A table whose cells hold tables is page layout, read in
order (as the `.docx` loader does); text boxes (`draw:text-box`) are read after the paragraph
anchoring them. Tracked deletions, notes and annotations are not read. An `.ods` sheet is laid
out as an Excel sheet (`_sheets`).
"""

from __future__ import annotations

import datetime as _dt
import re
import zipfile
from typing import Any, Iterator

from ..document import Document, SourceCell
from ..errors import InputError
from . import limits
from ._build import TextBuilder
from ._common import file_sha256
from ._grid import join_parts
from ._package import check_package
from ._sheets import add_sheet, check_size
from ._xml import parse_xml, read_xml_file

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
#: a repeated cell or row is written out up to this many times; longer runs (a sheet's filler to
#: its last column or row) only move the position, unless they hold text
_REPEAT = 64
_SKIP = {f"{_TEXT}note", f"{_OFFICE}annotation", f"{_OFFICE}annotation-end", f"{_TEXT}tracked-changes",
         f"{_TEXT}deletion", f"{_DRAW}frame", f"{_TEXT}bookmark-ref"}


def _body(path: str, kind: str, suffix: str, part: str) -> Any:
    """The `office:<part>` element of the package's content.xml, its sizes checked first; of a
    flat OpenDocument file (`.fodt`/`.fods`: the whole document one XML file), the file's own."""
    if _flat(path):
        return _flat_body(path, kind, part)
    check_package(path, main_part="content.xml", kind=kind, suffix=suffix,
                  not_zip=f"corrupt {suffix} (not a zip package)", xml=lambda name: name.lower().endswith(".xml"))
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read("content.xml")
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError) as e:
        raise InputError(path, f"corrupt {suffix} ({type(e).__name__}: {e})") from e
    try:
        root = parse_xml(data)
    except ValueError as e:
        raise InputError(path, f"content.xml is not readable XML ({e})") from e
    body = root.find(f"{_OFFICE}body/{_OFFICE}{part}")
    if body is None:
        raise InputError(path, f"not {kind} (no office:{part} in content.xml)")
    return body


#: flat OpenDocument files: one XML file (`office:document`) in place of the zip package
FLAT_SUFFIXES = {".fodt": ".odt", ".fods": ".ods"}


def _flat(path: str) -> bool:
    import os

    return os.path.splitext(path)[1].lower() in FLAT_SUFFIXES


def _flat_body(path: str, kind: str, part: str) -> Any:
    """The `office:<part>` of a flat OpenDocument file, held to the XML part limit before parsing."""
    root = read_xml_file(path, "the flat OpenDocument file")
    if root.tag != f"{_OFFICE}document":
        raise InputError(path, f"not a flat OpenDocument file (its root is {_local(root.tag)!r}, not office:document)")
    body = root.find(f"{_OFFICE}body/{_OFFICE}{part}")
    if body is None:
        raise InputError(path, f"not {kind} (no office:{part} in the file)")
    return body


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def load_odt(path: str) -> Document:
    """Read an OpenDocument text into a `Document` whose tables keep the file's cells."""
    body = _body(path, "an OpenDocument text", ".odt", "text")
    tb = TextBuilder()
    n_table = 0
    for el in _blocks(body):
        if el.tag == f"{_TABLE}table":
            tb.add_table(_table_cells(path, el, n_table))
            n_table += 1
        else:
            tb.add_line([_para_text(el)])
    if not tb.text.strip():
        raise InputError(path, "the OpenDocument text has no text")
    return Document(path=path, text=tb.text, format="odt", sha256=file_sha256(path), tables=tb.tables)


def load_ods(path: str) -> Document:
    """Read an OpenDocument spreadsheet: each sheet laid out as an Excel sheet is (`_sheets`)."""
    body = _body(path, "an OpenDocument spreadsheet", ".ods", "spreadsheet")
    tb = TextBuilder()
    n_table = 0
    for sheet in body.iter(f"{_TABLE}table"):
        title = sheet.get(f"{_TABLE}name", "")
        placed = _placed(path, sheet, sheet_values=True)
        n_rows = max((r + 1 for r, _, _, _, t in placed if t), default=0)
        n_cols = max((c + 1 for _, c, _, _, t in placed if t), default=0)
        check_size(path, title, n_rows, n_cols)
        rows: list[list[Any]] = [[""] * n_cols for _ in range(n_rows)]
        merges = []
        for r, c, rs, cs, text in placed:
            if r < n_rows and c < n_cols:
                rows[r][c] = text
                if rs > 1 or cs > 1:
                    merges.append((r + 1, c + 1, min(r + rs, n_rows), min(c + cs, n_cols)))
        n_table = add_sheet(title, rows, merges, n_cols, tb, n_table, hidden=_hidden(sheet, n_rows, n_cols))
    if not tb.text.strip():
        raise InputError(path, "the spreadsheet holds no text")
    return Document(path=path, text=tb.text, format="ods", sha256=file_sha256(path), tables=tb.tables)


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs, headings and tables in order: inside lists and sections, a layout table's
    cells, and the text boxes a paragraph anchors (after it)."""
    for el in parent.iterchildren():
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            if tag == f"{_DRAW}frame":
                yield from _frames(el)
            continue
        if tag in (f"{_TEXT}p", f"{_TEXT}h"):
            yield el
            for frame in el.iter(f"{_DRAW}frame"):
                yield from _frames(frame)
        elif tag == f"{_TABLE}table":
            if el.find(f".//{_TABLE}table-cell//{_TABLE}table") is not None:
                for cell in el.iter(f"{_TABLE}table-cell"):
                    if cell.getparent() is not None and _owner_table(cell) is el:
                        yield from _blocks(cell)
            else:
                yield el
        elif tag in (f"{_TEXT}list", f"{_TEXT}list-item", f"{_TEXT}list-header", f"{_TEXT}section",
                     f"{_TEXT}soft-page-break", f"{_DRAW}text-box"):
            yield from _blocks(el)


def _frames(frame: Any) -> Iterator[Any]:
    for box in frame.iterchildren(f"{_DRAW}text-box"):
        yield from _blocks(box)


def _owner_table(cell: Any) -> Any:
    up = cell.getparent()
    while up is not None and up.tag != f"{_TABLE}table":
        up = up.getparent()
    return up


def _para_text(p: Any) -> str:
    """A paragraph's text: spans, `text:s` spaces, tabs and line breaks; notes, annotations,
    tracked deletions and anchored frames left out."""
    out: list[str] = []

    def walk(el: Any) -> None:
        if el.text:
            out.append(el.text)
        for child in el.iterchildren():
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIP:
                if tag == f"{_TEXT}s":
                    out.append(" " * min(_count(child.get(f"{_TEXT}c"), 1), 100))
                elif tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
                    out.append(" ")
                else:
                    walk(child)
            if child.tail:
                out.append(child.tail)

    walk(p)
    return "".join(out).strip()


def _cell_text(cell: Any) -> str:
    """All paragraphs of a cell (nested tables included), wrapped lines joined."""
    return join_parts(_para_text(p) for p in cell.iter(f"{_TEXT}p", f"{_TEXT}h") if not _in_skipped(p, cell))


def _in_skipped(node: Any, top: Any) -> bool:
    up = node.getparent()
    while up is not None and up is not top:
        if up.tag in _SKIP:
            return True
        up = up.getparent()
    return False


def _count(value: str | None, default: int) -> int:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() else default


def _rows(table: Any) -> Iterator[Any]:
    """A table's rows in order, inside header-rows, row groups and `table:table-rows`."""
    for el in table.iterchildren():
        if el.tag == f"{_TABLE}table-row":
            yield el
        elif el.tag in (f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group"):
            yield from _rows(el)


def _hidden(table: Any, n_rows: int, n_cols: int) -> tuple[set[int], set[int]]:
    """A sheet's hidden rows and columns, 1-based as `_sheets` takes them: `table:visibility`
    "collapse" (hidden) or "filter" (filtered out) on a row or a column, repeats counted as
    `_placed` counts rows (only rows and columns that hold cells matter)."""
    return (_invisible(_rows(table), "number-rows-repeated", n_rows),
            _invisible(table.iter(f"{_TABLE}table-column"), "number-columns-repeated", n_cols))


def _invisible(elements: Any, repeated: str, n: int) -> set[int]:
    """The 1-based places (up to `n`) of `elements` (rows or columns, each repeated
    `table:<repeated>` times) whose `table:visibility` is not "visible"."""
    out: set[int] = set()
    k = 0
    for el in elements:
        rep = max(1, _count(el.get(f"{_TABLE}{repeated}"), 1))
        if el.get(f"{_TABLE}visibility", "visible") != "visible":
            out.update(range(k + 1, min(k + rep, n) + 1))
        k += rep
        if k >= n:
            break
    return out


_DURATION = re.compile(r"-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?")


def _sheet_value(tc: Any, text: str) -> Any:
    """A spreadsheet cell's value where its text is not it: a date or time cell
    (`office:value-type="date"`/`"time"`: a count typed as `3-12` becomes one, shown 3月12日) as
    the date or time, which `_sheets` reads as a doubt in a table (`date_text`); else its text."""
    kind = tc.get(f"{_OFFICE}value-type")
    if kind == "date":
        try:
            return _dt.datetime.fromisoformat((tc.get(f"{_OFFICE}date-value") or "").strip())
        except ValueError:
            return text
    if kind == "time":
        m = _DURATION.fullmatch((tc.get(f"{_OFFICE}time-value") or "").strip())
        if m and any(m.groups()):
            h, mi, sec = (int(g or 0) for g in m.groups())
            return _dt.time(h % 24, mi % 60, sec % 60)
    return text


def _placed(path: str, table: Any, sheet_values: bool = False) -> list[tuple[int, int, int, int, Any]]:
    """The table's cells as (row, col, rowspan, colspan, text), 0-based. Every cell element, a
    spanning one too, is one column; the slots a span covers are `covered-table-cell`s of their
    own (ODF 1.2, 9.1.5). Repeats are written out (long empty runs only move the position).
    A spanning cell left empty whose row's covered slots hold one text (LibreOffice keeps a merged
    range's text there) takes that text. With `sheet_values` a date or time cell gives its value
    (`_sheet_value`) instead of its text."""
    out: list[tuple[int, int, int, int, Any]] = []
    slots = 0
    r = 0
    for tr in _rows(table):
        row_cells: list[tuple[int, int, int, Any]] = []
        col = 0
        spanning: tuple[int, int] | None = None  # (index in row_cells, last column) of an empty span
        kept: list[str] = []  # the texts of its covered slots
        for tc in tr.iterchildren(f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            rep = max(1, _count(tc.get(f"{_TABLE}number-columns-repeated"), 1))
            if tc.tag == f"{_TABLE}covered-table-cell":
                if spanning is not None and col <= spanning[1]:
                    kept += [t for t in [_cell_text(tc)] if t]
                    if len(kept) == 1 and col + rep > spanning[1]:
                        k = spanning[0]
                        c0, rs0, cs0, _ = row_cells[k]
                        row_cells[k] = (c0, rs0, cs0, kept[0])
                col += rep
                continue
            spanning, kept = None, []
            text = _cell_text(tc)
            if sheet_values and text:
                text = _sheet_value(tc, text)
            rs = max(1, _count(tc.get(f"{_TABLE}number-rows-spanned"), 1))
            cs = max(1, _count(tc.get(f"{_TABLE}number-columns-spanned"), 1))
            if cs > 1 and rep == 1 and not text:
                spanning = (len(row_cells), col + cs - 1)
            if rep <= _REPEAT or text:
                for k in range(rep):
                    row_cells.append((col + k, rs, cs, text))
                    if len(row_cells) > limits.MAX_TABLE_SLOTS:
                        raise InputError(path, f"a table row repeats cells more than the {limits.MAX_TABLE_SLOTS} "
                                               "slots a table may have")
            col += rep  # each element is one column: the slots a span covers follow as covered cells
        rep_rows = max(1, _count(tr.get(f"{_TABLE}number-rows-repeated"), 1))
        if rep_rows > _REPEAT and not any(t for *_, t in row_cells):
            r += rep_rows
            continue
        slots += rep_rows * max(len(row_cells), 1)
        if slots > limits.MAX_TABLE_SLOTS:
            raise InputError(path, f"a table spans more than the {limits.MAX_TABLE_SLOTS} slots a table may have")
        for _ in range(rep_rows):
            out.extend((r, c, rs, cs, t) for c, rs, cs, t in row_cells)
            r += 1
    return out


def _table_cells(path: str, table: Any, index: int) -> list[SourceCell]:
    placed = _placed(path, table)
    # rows are numbered from the table's first row, as the file lists them
    return [SourceCell(row=r, col=c, rowspan=rs, colspan=cs, text=t, locator={"table": index, "row": r, "col": c})
            for r, c, rs, cs, t in placed]
