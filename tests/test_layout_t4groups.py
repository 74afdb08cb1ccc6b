"""表四 printed as its three groups, each a heading then one (result, number) pair per result
(issue 11: probe families `table4-vertical-groups`, `pdf-side-by-side`; `layout/t4groups.py`)."""

from __future__ import annotations

from _text_report import T2, T3_HEAD, T3_ROWS, read_text

from extractor.document import SourceCell, SourceTable
from extractor.engines.layout.grid import grid_cells
from extractor.engines.layout.t4groups import labelled_groups

T4_HEAD = "四、政府信息公开行政复议、行政诉讼情况\n"
RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
CELLS = ("upheld", "corrected", "other", "pending", "total")
#: every group different, every cell of a group different (a number put in another cell reads wrongly)
VALUES = {"review": [3, 1, 2, 4, 10], "litigation_direct": [5, 0, 6, 7, 18], "litigation_after_review": [8, 9, 0, 11, 28]}
NAMES = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）", "litigation_after_review": "行政诉讼（复议后起诉）"}


def _report(table4: str) -> str:
    t3 = "".join(label + "  " + "  ".join(map(str, nums)) + "\n" for label, nums in T3_ROWS)
    return T2 + T3_HEAD + t3 + "\n" + T4_HEAD + table4 + "五、存在的主要问题及改进情况\n无。\n"


def _assert_read(reading, flat, groups=VALUES) -> None:
    for g, values in groups.items():
        for c, v in zip(CELLS, values):
            assert f"{g}.{c}" not in reading.doubts
            assert flat[f"{g}.{c}"] == v, f"{g}.{c}"


def test_groups_one_under_the_other_with_a_label_and_a_number_a_line_are_read(tmp_path):
    text = "".join(NAMES[g] + "\n" + "".join(f"{r}：{v}\n" for r, v in zip(RESULTS, VALUES[g])) for g in VALUES)
    reading, flat = read_text(tmp_path, _report(text))
    _assert_read(reading, flat)


def test_markdown_tables_per_group_are_read_by_the_names_above_them_in_any_order(tmp_path):
    order = ("litigation_direct", "review", "litigation_after_review")
    text = "".join(f"### {NAMES[g]}\n\n| 结果 | 数量 |\n|---|---|\n"
                   + "".join(f"| {r} | {v} |\n" for r, v in zip(RESULTS, VALUES[g])) + "\n" for g in order)
    reading, flat = read_text(tmp_path, _report(text))
    _assert_read(reading, flat)


def test_groups_side_by_side_take_the_pairs_of_each_line_in_the_order_of_the_names(tmp_path):
    text = "\t".join(NAMES.values()) + "\n" + "".join(
        "\t".join(f"{r}\t{VALUES[g][i]}" for g in VALUES) + "\n" for i, r in enumerate(RESULTS))
    reading, flat = read_text(tmp_path, _report(text))
    _assert_read(reading, flat)


def test_a_group_with_a_result_named_twice_is_doubts_and_the_others_are_read(tmp_path):
    lines = {g: [f"{r} {v}" for r, v in zip(RESULTS, VALUES[g])] for g in VALUES}
    lines["litigation_direct"][1] = "结果维持 0"  # 结果维持 twice, 结果纠正 never
    text = "".join(NAMES[g] + "\n" + "\n".join(lines[g]) + "\n" for g in VALUES)
    reading, flat = read_text(tmp_path, _report(text))
    _assert_read(reading, flat, {g: v for g, v in VALUES.items() if g != "litigation_direct"})
    for c in CELLS:
        assert reading.doubts[f"litigation_direct.{c}"].reason == "cells_do_not_fit"
        assert flat[f"litigation_direct.{c}"] is None


def test_sides_whose_lines_name_different_results_are_not_read_as_groups(tmp_path):
    # a line of pairs naming two results: the small tables do not stand row for row
    text = "\t".join(NAMES.values()) + "\n" + "".join(
        "\t".join(f"{RESULTS[i if k else (i + 1) % 5]}\t{VALUES[g][i]}" for k, g in enumerate(VALUES)) + "\n"
        for i in range(5))
    reading, flat = read_text(tmp_path, _report(text))
    assert all(flat[f"{g}.{c}"] is None for g in VALUES for c in CELLS)


def _pdf_grid() -> SourceTable:
    """A PDF's three small tables side by side as one ruled grid (rows by their top edge)."""
    cells = [SourceCell(row=0, col=2 * k, text=NAMES[g], locator={"page": 2, "bbox": [100.0 + 160 * k, 545.5, 150.0, 553.5]})
             for k, g in enumerate(VALUES)]
    for i, r in enumerate(RESULTS):
        y = 561.1 + 15.6 * i
        for k, g in enumerate(VALUES):
            cells.append(SourceCell(row=i + 1, col=2 * k, text=r, locator={"page": 2, "bbox": [90.0 + 160 * k, y, 122.0, y + 8]}))
            cells.append(SourceCell(row=i + 1, col=2 * k + 1, text=str(VALUES[g][i]),
                                    locator={"page": 2, "bbox": [176.0 + 160 * k, y, 180.0, y + 8]}))
    return SourceTable(cells=cells)


def test_a_pdf_grid_of_three_small_tables_gives_each_group_its_cells_by_row():
    groups = labelled_groups(grid_cells(_pdf_grid(), ""))
    assert groups is not None
    assert [[int(c.text) for c in cells] for cells in groups if cells is not None] == list(VALUES.values())


def test_a_grid_whose_rows_are_not_told_is_not_read_as_groups():
    table = _pdf_grid()
    bare = SourceTable(cells=[SourceCell(row=c.row, col=c.col, text=c.text) for c in table.cells])
    assert labelled_groups(grid_cells(bare, "")) is None
