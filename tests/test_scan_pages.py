"""Scans whose pages differ in scale, and tall images holding several stacked pages (issue 18):
a table broken over a page break is rejoined, and a tall image is read page by page at its own
resolution instead of scaled down as a whole."""

from __future__ import annotations

import pytest

from extractor.load._grid import GridCell, GridTable, Line, PageBlocks, join_pages
from extractor.load._strips import page_strips

HEAD = ["项目", "自然人", "商业企业", "总计"]


def _table(page: int, rows: list[list[str]], *, left: float, widths: list[float], top: float = 10.0,
           row_h: float = 10.0) -> GridTable:
    """A ruled table whose columns have the given widths, starting at x = `left`."""
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    cells = [GridCell(r, k, 1, 1, t, (xs[k], top + row_h * r, xs[k + 1], top + row_h * (r + 1)), page)
             for r, row in enumerate(rows) for k, t in enumerate(row)]
    return GridTable(cells, xs, (xs[0], top, xs[-1], top + row_h * len(rows)), page, page)


def _rows(t: GridTable) -> list[list[str]]:
    return [t.row_texts(r) for r in range(t.n_rows)]


def test_a_table_continued_on_a_page_of_another_scale_is_joined():
    p1 = PageBlocks(1, 842, [Line(["三、收到和处理政府信息公开申请情况"], 0, 5, 1),
                             _table(1, [HEAD, ["本年新收", "3", "1", "4"]], left=50, widths=[200, 60, 60, 60])])
    # page 2 scanned at 0.8 of the scale, and placed further left
    p2 = PageBlocks(2, 700, [_table(2, [HEAD, ["结转下年度", "0", "1", "1"]], left=30, widths=[160, 48, 48, 48]),
                             Line(["四、行政复议"], 300, 310, 2)])
    blocks = join_pages([p1, p2])
    assert [type(b).__name__ for b in blocks] == ["Line", "GridTable", "Line"]
    joined = blocks[1]
    assert _rows(joined) == [HEAD, ["本年新收", "3", "1", "4"], ["结转下年度", "0", "1", "1"]]
    # the continued cells keep the boxes that locate them on their own page
    last = [c for c in joined.cells if c.row == 2]
    assert last[0].page == 2 and last[0].bbox[0] == 30


def test_another_table_at_the_top_of_the_next_page_is_not_joined():
    # 表三 ends a page; 表四 (other column proportions) starts the next, at another scale
    p1 = PageBlocks(1, 842, [_table(1, [HEAD, ["本年新收", "3", "1", "4"]], left=50, widths=[200, 60, 60, 60])])
    p2 = PageBlocks(2, 700, [_table(2, [["维持", "纠正", "其他", "尚未审结", "总计"], ["0"] * 5], left=30,
                                    widths=[60, 60, 60, 60, 60])])
    assert len(join_pages([p1, p2])) == 2


def test_same_scale_join_is_unchanged():
    """The old rule still holds: same outer edges, the narrower part's edges inside the wider's."""
    p1 = PageBlocks(1, 842, [_table(1, [HEAD, ["甲", "1", "0", "1"]], left=50, widths=[200, 60, 60, 60])])
    p2 = PageBlocks(2, 842, [_table(2, [["乙", "2"]], left=51, widths=[319, 60])])
    (joined,) = join_pages([p1, p2])
    assert _rows(joined)[-1] == ["乙", "2"]
    assert joined.cells[-1].col == 3 and joined.cells[-2].colspan == 3  # 乙 spans the three merged columns


def _stacked(pages: int, width: int = 400, gap: int = 60):
    """`pages` A4-shaped pages stacked in one image, each with text lines and a ruled table whose
    vertical rules run across several text rows, separated by a white gap."""
    from PIL import Image, ImageDraw

    page_h = round(width * 1.414)
    img = Image.new("L", (width, pages * page_h + (pages - 1) * gap), 255)
    draw = ImageDraw.Draw(img)
    for p in range(pages):
        top = p * (page_h + gap)
        for y in range(top + 40, top + 200, 24):  # lines of "text"
            draw.rectangle((40, y, width - 40, y + 10), fill=0)
        # a table filling the rest of the page: its vertical rules cross every row gap
        draw.rectangle((30, top + 230, width - 30, top + page_h - 30), outline=0, width=2)
        for x in range(30, width - 30, 60):
            draw.line((x, top + 230, x, top + page_h - 30), fill=0, width=2)
        for y in range(top + 230, top + page_h - 30, 40):
            draw.line((30, y, width - 30, y), fill=0, width=2)
    return img, page_h


def test_a_tall_image_of_stacked_pages_is_cut_in_the_gaps_between_pages():
    img, page_h = _stacked(3)
    strips = page_strips(img, split_from=0)
    assert len(strips) == 3
    assert strips[0][0] == 0 and strips[-1][1] == img.height
    for (a, b), (c, _) in zip(strips, strips[1:]):
        assert b == c  # nothing lost between strips
    gap = 60
    for k, (_, b) in enumerate(strips[:-1], 1):
        # each cut falls in the white gap below page k, never inside a table
        assert k * page_h + (k - 1) * gap <= b <= k * (page_h + gap)


def test_a_page_shaped_image_is_not_cut():
    img, _ = _stacked(1)
    assert page_strips(img, split_from=0) == [(0, img.height)]


def test_no_cut_through_a_table_even_where_its_rows_are_blank():
    """A table taller than a page, with no blank band outside it: the image stays whole rather
    than being cut through a row."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (300, 1400), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((20, 10, 280, 1390), outline=0, width=2)
    for x in (20, 120, 200, 280):
        draw.line((x, 10, x, 1390), fill=0, width=2)
    for y in range(10, 1390, 120):  # rows far apart: long bands with only the vertical rules
        draw.line((20, y, 280, y), fill=0, width=2)
    assert page_strips(img, split_from=0) == [(0, img.height)]


@pytest.mark.parametrize("pages", [2, 4])
def test_strips_cover_the_image_exactly(pages):
    img, page_h = _stacked(pages)
    strips = page_strips(img, split_from=0)
    assert sum(b - a for a, b in strips) == img.height
    assert all(b - a <= 1.4 * page_h for a, b in strips)


def test_an_image_shorter_than_the_split_height_is_read_whole():
    img, _ = _stacked(2)  # 400 px wide: two pages make 1,192 px
    assert page_strips(img) == [(0, img.height)]
    assert len(page_strips(img, split_from=1000)) == 2
