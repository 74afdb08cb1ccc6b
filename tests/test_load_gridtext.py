"""Grid tables drawn in text (pandoc/Emacs `+---+`): read as tables with their spans, wrapped
cells whole (`extractor/load/_gridtext.py`)."""

from __future__ import annotations

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load
from extractor.load._gridtext import grid_tables

GRID = """\
+----------+----------------------+
|          | 申请人情况           |
| 项目     +------+---------------+
|          | 自然 | 法人或其他组  |
|          | 人   | 织            |
+==========+======+===============+
| 一、本年 |   12 |            +3 |
| 新收申请 |      |               |
+----------+------+---------------+
| 三、本年 | 9    |  0            |
| 度办理结 +------+---------------+
| 果       | 7    |  1            |
+----------+------+---------------+
"""


def _cells(table):
    return {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in table.cells}


def test_a_grid_table_is_read_with_wrapped_cells_whole_and_its_spans():
    text = "前言\n" + GRID + "后记\n"
    (table,) = grid_tables(text)
    cells = _cells(table)
    assert cells[(0, 0)] == ("项目", 2, 1)  # spans the two header rows
    assert cells[(0, 1)] == ("申请人情况", 1, 2)  # spans both columns
    assert cells[(1, 2)] == ("法人或其他组织", 1, 1)  # wrapped over two lines, joined
    assert cells[(2, 0)] == ("一、本年新收申请", 1, 1)
    assert cells[(3, 0)] == ("三、本年度办理结果", 2, 1)
    assert cells[(3, 1)] == ("9", 1, 1) and cells[(4, 2)] == ("1", 1, 1)
    assert cells[(2, 2)] == ("+3", 1, 1)  # a + in a cell's text is no corner
    assert len(table.cells) == 12
    # a cell on one line points at its text; a wrapped one has no single span
    by = {(c.row, c.col): c for c in table.cells}
    s, e = by[(2, 1)].span
    assert text[s:e] == "12"
    assert by[(1, 2)].span is None


def test_a_drawing_that_is_not_complete_is_left_as_text():
    assert grid_tables("no table here, +- and | alone\n") == []
    # a row whose right border is missing: no table holds its cells
    ragged = GRID.replace("|            +3 |", "|            +3")
    assert ragged != GRID
    texts = [c.text for t in grid_tables(ragged) for c in t.cells]
    assert "12" not in texts and "一、本年新收申请" not in texts
    # the last edge missing: the drawing ends at the edge before, the rows after it are text
    cut = GRID.rsplit("+-", 1)[0].rsplit("\n", 1)[0] + "\n"
    (table,) = grid_tables(cut)
    assert "三、本年度办理结果" not in [c.text for c in table.cells]
    assert table.span[1] < cut.index("三、本年")


TITLE = "某县人民政府办公室2023年政府信息公开工作年度报告\n"
T3 = """三、收到和处理政府信息公开申请情况
+--------------+------+------+------+------+------+------+------+
| 项目         | 自然 | 商业 | 科研 | 社会 | 法律 | 其他 | 总计 |
|              | 人   | 企业 | 机构 | 公益 | 服务 |      |      |
|              |      |      |      | 组织 | 机构 |      |      |
+==============+======+======+======+======+======+======+======+
| 一、本年新收 |    5 |    2 |    1 |    0 |    0 |    3 |   11 |
| 政府信息公开 |      |      |      |      |      |      |      |
| 申请数量     |      |      |      |      |      |      |      |
+--------------+------+------+------+------+------+------+------+
| 二、上年结转 |    1 |    0 |    0 |    0 |    0 |    0 |    1 |
| 政府信息公开 |      |      |      |      |      |      |      |
| 申请数量     |      |      |      |      |      |      |      |
+--------------+------+------+------+------+------+------+------+
"""


def test_a_report_whose_table_is_a_grid_is_read_by_its_cells(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(TITLE + T3, encoding="utf-8")
    doc = load(str(path))
    assert len(doc.tables) == 1
    reading = LayoutEngine().read(doc)
    flat = to_flat(reading.record)
    keys = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")
    assert [flat[f"requests.new.{k}"] for k in keys] == [5, 2, 1, 0, 0, 3, 11]
    assert [flat[f"requests.carried_over.{k}"] for k in keys] == [1, 0, 0, 0, 0, 0, 1]
    assert reading.provenance["requests.new.total"].start is not None
