"""What a loader gives: a `Document`, the report's text plus the tables the source knows.

Nothing downstream reads files. Engines read `Document.text`, and `Document.tables` when the
source kept its cells (HTML, Word, a PDF's positioned words, OCR boxes), because cells that
were never flattened cannot run together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SourceFormat = Literal["txt", "md", "html", "pdf", "docx", "doc", "xlsx", "xls", "image", "rtf", "ofd", "odt", "ods"]

#: OCR confidence below which a cell's reading is doubtful: engines add Doubt(reason="low_confidence").
LOW_CONFIDENCE = 0.9


@dataclass
class SourceCell:
    """One cell of a table as the source laid it out."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    #: character offsets of the cell's text in `Document.text`, when it appears there
    span: tuple[int, int] | None = None
    #: where the cell is in the original file: {"page": 3, "bbox": [x0, y0, x1, y1]} or
    #: {"dom": "table[2]/tr[5]/td[3]"}
    locator: dict[str, Any] | None = None
    #: OCR confidence in [0, 1]; None for sources that are not recognised images
    confidence: float | None = None
    #: OCR: the page's reading and the cell's own digits-only re-read give the same number (True),
    #: a different one (False); None when the cell was read once (or is no number)
    agreed: bool | None = None
    #: OCR, a number cell: the sign its pixels show left of the digits: "" none, "-" a minus,
    #: "+" a plus; None when not looked at or the ink there settles nothing
    sign: str | None = None
    #: OCR, a number cell: what the recogniser read where it was unsure of a digit, each with that
    #: digit replaced by its runner-up (`12` unsure of its 2 → `("17",)`); candidates of the doubt
    alternatives: tuple[str, ...] = ()


class CellExtent:
    """`n_rows` / `n_cols` of a table whose `cells` carry row, col, rowspan and colspan."""

    cells: list[Any]

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)


@dataclass
class SourceTable(CellExtent):
    """A table with its cells; `grid()` expands row and column spans."""

    cells: list[SourceCell]
    #: offsets of the table's text in `Document.text`
    span: tuple[int, int] | None = None
    page: int | None = None

    def grid(self) -> list[list[SourceCell | None]]:
        """Rows × columns, a spanned cell repeated in every slot it covers."""
        n_cols = self.n_cols  # once: the property scans every cell
        out: list[list[SourceCell | None]] = [[None] * n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c
        return out


@dataclass
class Document:
    """A loaded report: decoded text, tables where the source has cells, and where it came from."""

    path: str
    text: str
    format: SourceFormat
    sha256: str
    encoding: str | None = None
    tables: list[SourceTable] = field(default_factory=list)
    #: the original markup for display (HTML as published); never executed, always escaped
    source_html: str | None = None
    pages: int | None = None
    #: the text layer is another program's OCR (invisible text over page pictures, as scanner
    #: software saves it): one unchecked read, trusted only as far as a scan (`pipeline`); not
    #: `read_by_ocr`, whose pages have no text layer to fall back on
    recognised: bool = False
    #: pictures the document shows where a table belongs that could not be read (a saved page's
    #: missing or out-of-folder file, an undecodable image), each named with why (`load/_pictures.py`)
    picture_problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def read_by_ocr(self) -> bool:
        """Was the text recognised from pictures (an image, or a PDF whose pages were scans)?"""
        return self.format == "image" or any(c.locator is not None and c.locator.get("ocr")
                                             for t in self.tables for c in t.cells)

    def low_confidence_cells(self, threshold: float = LOW_CONFIDENCE, digits_only: bool = True) -> list[SourceCell]:
        """Cells read by OCR with less than `threshold` confidence (by default only cells with a
        digit: those are the ones whose numbers must not be trusted blindly)."""
        return [
            c
            for t in self.tables
            for c in t.cells
            if c.confidence is not None and c.confidence < threshold
            and (not digits_only or any(ch.isdigit() for ch in c.text))
        ]
