"""Unruled PDF tables whose number columns stand closer than a segment gap (an 11-column 表三, a
表二 with an added 上年数 column): each number stays in its own column."""

from __future__ import annotations

from extractor.load._grid import GridTable, Word, blocks_from_words, seg_text


def _row(y: float, label: str, numbers: list[tuple[float, str]]) -> list[Word]:
    """A line at `y` (8 pt type): the label at x 57, each number at its x (4 pt a digit)."""
    return [Word(label, 57, y, 57 + 8 * len(label), y + 8)] + [
        Word(t, x, y, x + 4 * len(t), y + 8) for x, t in numbers]


def _grid(words: list[Word]) -> list[list[str]]:
    tables = [b for b in blocks_from_words(words, 1) if isinstance(b, GridTable)]
    assert len(tables) == 1
    return [[t for t in tables[0].row_texts(r) if t] for r in range(tables[0].n_rows)]


def test_numbers_an_em_apart_are_two_columns():
    """本年制发件数's numbers end at 243 (right-aligned), the added 上年数's start at 254 (left-
    aligned): 11 pt apart, under a segment gap (14.4 pt) but over an em; `0 23` was one cell."""
    words = _row(100, "信息内容", []) + [Word("本年制发件数", 156, 100, 204, 108), Word("上年数", 254, 100, 278, 108),
                                      Word("本年废止件数", 353, 100, 401, 108)]
    words += _row(116, "规章", [(239, "0"), (254, "23"), (436, "0"), (535, "0")])
    words += _row(132, "行政规范性文件", [(239, "3"), (254, "10"), (436, "1"), (535, "3")])
    grid = _grid(words)
    assert grid[1] == ["规章", "0", "23", "0", "0"]
    assert grid[2] == ["行政规范性文件", "3", "10", "1", "3"]


def test_numbers_a_typed_space_apart_stay_one_cell():
    """A cell printed `3 0 24` (typed spaces, a third of an em) stays as printed: the reader
    doubts it rather than the loader guessing its columns."""
    words = _row(100, "规章", [(200, "3"), (207, "0"), (214, "24"), (300, "1"), (400, "2")])
    words += _row(116, "行政规范性文件", [(200, "5"), (300, "1"), (400, "2")])
    grid = _grid(words)
    assert grid[0] == ["规章", "3 0 24", "1", "2"]



def test_a_header_cell_wrapped_in_a_narrow_column_reads_in_line_order():
    """Header cells of several line counts, centred vertically, chain into one page line, and a
    cell wrapped over two lines (`自然` over `人`) is one segment: read by x alone it came out `自人然`."""
    assert seg_text([Word("自", 279, 547.5, 287, 555.5), Word("人", 279, 557.5, 287, 565.5),
                     Word("然", 287, 547.5, 295, 555.5)]) == "自然人"
    assert seg_text([Word("社", 415, 547.5, 423, 555.5), Word("公", 415, 557.5, 423, 565.5),
                     Word("会", 423, 547.5, 431, 555.5), Word("益", 423, 557.5, 431, 565.5)]) == "社会公益"
    assert seg_text([Word("3", 200, 100, 204, 108), Word("24", 207, 100.5, 215, 108.5)]) == "3 24"


def test_a_header_with_short_wrapped_lines_stays_with_its_numbers():
    """表三's header over narrow columns: its full line, then lines of one or two segments (the
    rest of `商业企业`, `社会公益组织`), then the numbers. The short lines cut the header off the
    table; the header is the table's first rows, its added column's head over that column."""
    words = [Word("加第四项之和", 57, 549, 105, 557), Word("自然人", 279, 549, 295, 557), Word("上年数", 313, 549, 329, 557),
             Word("商业", 347, 549, 363, 557), Word("科研", 381, 549, 397, 557), Word("总计", 516, 549, 532, 557),
             Word("企业", 347, 559, 363, 567), Word("机构", 381, 559, 397, 567)]
    words += _row(575, "一、本年新收政府信息公开申请数量", [(297, "2"), (313, "40"), (365, "0"), (399, "0"), (535, "2")])
    words += _row(591, "二、上年结转政府信息公开申请数量", [(297, "0"), (313, "8"), (365, "0"), (399, "0"), (535, "0")])
    tables = [b for b in blocks_from_words(words, 1) if isinstance(b, GridTable)]
    assert len(tables) == 1 and tables[0].n_rows == 4
    head = {c.text: c.col for c in tables[0].cells if c.row == 0}
    forty = next(c.col for c in tables[0].cells if c.text == "40")
    assert head["上年数"] == forty
