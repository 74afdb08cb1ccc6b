"""A row with too many readings to list (a PDF viewer's copy of 表四: a cell a line, every empty
cell leaving no line, so six numbers may stand in any six of fifteen cells): each cell null with
every value the numbers, in their order, can give it (0 for a left-out blank), never a doubt
with no candidate (probe family viewer-copy)."""

from __future__ import annotations

from extractor.catalogue import APPEAL_CELLS, APPEAL_GROUPS
from extractor.engines.layout._cells import Cell
from extractor.engines.layout.rowread import TableRead, resolve

KEYS = tuple(f"{g}.{c}" for g in APPEAL_GROUPS for c in APPEAL_CELLS)


def test_a_row_with_too_many_readings_has_each_cells_placements_as_candidates():
    printed = ["10", "1", "11", "5", "2", "7"]
    cells, at = [], 0
    for t in printed:  # each number alone on its line
        cells.append(Cell("num", t, at, at + len(t), at, firm=True))
        at += len(t) + 1
    out = TableRead()
    # (no identity narrows the placements here: C(15, 6) = 5005 of them, too many to list)
    resolve(KEYS, cells, glued=False, idents=(), into=out, row="appeals", sparse=True)
    assert all(out.reads[k].value is None for k in KEYS)  # never a value
    doubts = [out.doubts[k] for k in KEYS]
    assert {d.reason for d in doubts} == {"too_many_readings"}
    # the first cell holds the first number or a left-out blank; the last the last number or one
    assert doubts[0].candidates == [0, 10] and doubts[-1].candidates == [0, 7]
    # a middle cell: any number whose order lets it stand there
    assert doubts[7].candidates == [0, 10, 1, 11, 5, 2, 7]
    assert doubts[2].candidates == [0, 10, 1, 11]
