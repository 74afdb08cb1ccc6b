"""A scanned 表三 item row whose label is misread, named by its place in its group (`load/_rowbind`)."""

from __future__ import annotations

from extractor.load._grid import GridCell, GridTable
from extractor.load._rowbind import bind_rows, group_items

_DENIED = group_items()["（三）"][0]


def _table(labels: list[str], heading: str = "（三）不予公开", rowspan: int | None = None) -> GridTable:
    """表三's （三） group as a scan's grid: the heading spanning its rows, one item label and one
    number a row."""
    cells = [GridCell(0, 0, rowspan or len(labels), 1, heading, (0, 0, 10, 10), 1)]
    for i, text in enumerate(labels):
        cells.append(GridCell(i, 1, 1, 1, text, (10, i, 20, i + 1), 1, conf=0.9))
        cells.append(GridCell(i, 2, 1, 1, str(i), (20, i, 30, i + 1), 1, conf=0.99, agreed=True))
    return GridTable(cells=cells, xs=[0, 10, 20, 30], bbox=(0, 0, 30, 10), page=1)


def _labels(t: GridTable) -> list[str]:
    return [c.text for c in sorted(t.cells, key=lambda c: c.row) if c.col == 1]


def test_the_groups_items_come_in_printed_order():
    assert _DENIED[0] == "1.属于国家秘密" and _DENIED[1] == "2.其他法律行政法规禁止公开" and len(_DENIED) == 8
    assert len(group_items()["（五）"][0]) == 5


def test_a_label_misread_past_recognising_is_named_by_its_row():
    labels = list(_DENIED)
    labels[1] = "2.算他法律行政法规慧止公开"  # a phone photo's reading
    labels[6] = "7.属于行政执法案"  # a character lost
    t = _table(labels)
    assert bind_rows([t]) == 2
    assert _labels(t) == list(_DENIED)
    # the numbers are not touched
    assert [c.text for c in sorted(t.cells, key=lambda c: c.row) if c.col == 2] == [str(i) for i in range(8)]


def test_rows_out_of_the_formats_order_are_left_as_read():
    labels = list(_DENIED)
    labels[0], labels[2] = labels[2], labels[0]  # two rows read as each other's items
    labels[1] = "2.算他法律行政法规慧止公开"
    t = _table(labels)
    assert bind_rows([t]) == 0
    assert _labels(t) == labels


def test_a_group_with_more_or_fewer_rows_than_the_format_is_left_as_read():
    labels = list(_DENIED)[:7]
    labels[1] = "2.算他法律行政法规慧止公开"
    t = _table(labels)
    assert bind_rows([t]) == 0
    assert _labels(t)[1] == "2.算他法律行政法规慧止公开"


def test_a_group_mostly_misread_is_left_as_read():
    labels = ["x" + s for s in _DENIED]  # no row reads as its own item: nothing confirms the places
    labels[0] = _DENIED[0]
    t = _table(labels)
    assert bind_rows([t]) == 0


def test_an_unknown_heading_binds_nothing():
    labels = list(_DENIED)
    labels[1] = "2.算他法律行政法规慧止公开"
    t = _table(labels, heading="（三）不予公升")
    assert bind_rows([t]) == 0
