"""RTF reports (`.rtf`, and a `.doc`/`.wps` whose bytes are RTF): paragraphs, and tables as
Word's own cells, the same `Document` the `.docx` loader gives.

A row's cells sit on the table's grid by their right edges (`\\cellx`): the columns are every
edge any row of the table uses, so a cell as wide as two columns is one cell with a colspan.
`\\clmgf`/`\\clmrg` (horizontal) and `\\clvmgf`/`\\clvmrg` (vertical) merges become col/rowspans.
The tokenizer is `_rtf`; nothing in the file is run.
"""

from __future__ import annotations

from ..document import Document, SourceCell
from ..errors import InputError
from . import limits
from ._build import TextBuilder
from ._common import bytes_sha256
from ._grid import join_parts
from ._rtf import CellDef, Row, RtfError, parse

#: right edges (twips) closer than this are one column edge (WPS rounds edges differently per row)
_SNAP = 30


def load_rtf(path: str) -> Document:
    """Read an RTF file into a `Document` whose tables keep the file's cells."""
    size_limit = limits.MAX_RTF_BYTES
    with open(path, "rb") as f:
        data = f.read(size_limit + 1)
    if len(data) > size_limit:
        raise InputError(path, f"RTF file larger than {size_limit >> 20} MB")
    try:
        parsed = parse(data)
    except RtfError as e:
        raise InputError(path, f"unreadable RTF document: {e}") from e
    tb = TextBuilder()
    n_table = 0
    for block in parsed.blocks:
        if isinstance(block, str):
            tb.add_line([join_parts(block.splitlines())])
        else:
            tb.add_table(table_cells(block, n_table))
            n_table += 1
    if not tb.text.strip():
        raise InputError(path, "the RTF document has no text")
    return Document(path=path, text=tb.text, format="rtf", sha256=bytes_sha256(data), tables=tb.tables)


def _edges(rows: list[Row]) -> list[int]:
    """The table's column edges: 0 and every right edge, near ones snapped together."""
    out: list[int] = [0]
    for right in sorted({d.right for row in rows for d in _defs(row)}):
        if right - out[-1] > _SNAP:
            out.append(right)
    return out


def _defs(row: Row) -> list[CellDef]:
    """The row's cell definitions, one per cell: missing ones (a writer that left them out)
    are put after the last, one unit each, so every cell still has a column."""
    defs = [d for d in row.defs if d.right > 0]
    last = defs[-1].right if defs else 0
    while len(defs) < len(row.cells):
        last += 1000
        defs.append(CellDef(last))
    return defs[: len(row.cells)]


def _index(edges: list[int], x: int) -> int:
    """The edge `x` snaps to."""
    return min(range(len(edges)), key=lambda k: abs(edges[k] - x))


def table_cells(rows: list[Row], index: int) -> list[SourceCell]:
    """A table's rows to cells on its grid, merges as spans (as `docx._table_cells` does)."""
    edges = _edges(rows)
    cells: list[SourceCell] = []
    open_cells: dict[int, SourceCell] = {}  # grid column → the cell a vertical merge continues
    for r, row in enumerate(rows):
        left = 0
        first: SourceCell | None = None  # the cell a horizontal merge continues
        for text, d in zip(row.cells, _defs(row)):
            col, end = _index(edges, left), _index(edges, d.right)
            left = d.right
            span = max(1, end - col)
            text = join_parts(text.splitlines())
            if d.hmerge == "cont" and first is not None:
                first.colspan = max(first.colspan, end - first.col)
                if first.row == r:
                    first.text = join_parts([first.text, text])
                continue
            if d.vmerge == "cont" and col in open_cells:
                above = open_cells[col]
                above.rowspan = r - above.row + 1
                above.text = join_parts([above.text, text])
                first = above if d.hmerge == "first" else None  # its \clmrg cells are covered too
                continue
            cell = SourceCell(row=r, col=col, rowspan=1, colspan=span, text=text,
                              locator={"table": index, "row": r, "col": col})
            cells.append(cell)
            first = cell if d.hmerge == "first" else None
            if d.vmerge == "first":
                open_cells[col] = cell
            else:
                open_cells.pop(col, None)
    return cells
