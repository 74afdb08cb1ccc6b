"""Crawled government pages (issue 11, eval/probe_unseen.py's web families): a toolbar's pipes on
the one line a crawler made of the whole page are no table's borders, and the date a paged
article prints again at the top of its next page is no cell of the table it cuts."""

from __future__ import annotations

import pytest

from conftest import EVAL_REAL
from extractor.engines.layout import LayoutEngine
from extractor.engines.layout._cells import tokenize
from extractor.load import load

ENGINE = LayoutEngine()
TOOLBAR = "无障碍浏览 | 长者模式 | 简 | 繁 | 登录 | 注册 "
BODY_MARK = "==================== 正文 ====================\n"


def test_toolbar_pipes_far_before_the_table_are_no_borders():
    text = TOOLBAR + "根据《条例》要求编制本报告。" * 40 + " 行政许可 1205 行政处罚 88"
    cells = tokenize(text, text.index("行政许可"), len(text))
    nums = [c for c in cells if c.kind == "num"]
    assert [c.text for c in nums] == ["1205", "88"]
    assert not any(c.bordered for c in cells)


def test_a_pipe_row_started_inside_still_keeps_its_borders():
    text = "| 行政许可 | 1205 | 0 |\n"
    cells = tokenize(text, text.index("1205"), len(text))
    assert [c.text for c in cells if c.kind == "num"] == ["1205", "0"]
    assert all(c.bordered for c in cells if c.kind == "num")


@pytest.mark.parametrize("date", ["发布时间：2024-01-16", "2024-01-16 10:30", "时间：2024-1-6"])
def test_a_page_date_inside_a_flattened_table_is_no_cell(date):
    text = f"结果维持 结果纠正 其他结果 尚未审结 总计 {date} 1 0 0 0 1"
    nums = [c.text for c in tokenize(text, 0, len(text)) if c.kind == "num"]
    assert nums == ["1", "0", "0", "0", "1"]


@pytest.mark.parametrize("name", ["52_pingtan-xzspj_2023_flat.txt", "46_pingtan-lywtj_2021_flat.txt"])
def test_a_flattened_page_with_its_toolbar_reads_as_without(tmp_path, name):
    src = EVAL_REAL / "reports" / name
    text = src.read_text(encoding="utf-8")
    assert BODY_MARK in text
    page = tmp_path / name
    page.write_text(text.replace(BODY_MARK, BODY_MARK + TOOLBAR, 1), encoding="utf-8")
    plain, chrome = ENGINE.read(load(str(src))), ENGINE.read(load(str(page)))
    assert chrome.record == plain.record
    assert chrome.doubts == plain.doubts
