"""The reshaping readers (slices, a table on its side, docling's repeated merged cells) run on
every 表三 though few tables need them: each first asks what it cheaply can, and does its costly
work only where the shape it exists for may be. These tests hold both halves: the shapes are
still reshaped, and an ordinary table costs none of the work."""

from __future__ import annotations

import pytest
from _text_report import T3_HEAD, TITLE
from test_layout_text_forms5 import T3_ROWS, _sliced, _transposed

from extractor.engines.layout import labels, merged, slices, transposed
from extractor.engines.layout._cells import tokenize
from extractor.engines.layout.merged import unrepeated
from extractor.engines.layout.slices import stitch
from extractor.engines.layout.transposed import untransposed

PATTERNS = labels.table3("2021")


def _cells(text: str):
    full = TITLE + text
    return tokenize(full, 0, len(full))


def _upright(sep: str) -> str:
    cols = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    out = [T3_HEAD.strip(), sep.join(["申请人情况"]), sep.join(["", *cols])]
    out += [sep.join([label, *map(str, nums)]) for label, nums in T3_ROWS]
    return "\n".join(out) + "\n"


def _pipes(rows: list[list[str]]) -> str:
    return "".join("| " + " | ".join(r) + " |\n" for r in rows)


@pytest.mark.parametrize("sep", ["\t", " | ", "  "])
def test_an_upright_table_is_never_tried_as_one_on_its_side(sep, monkeypatch):
    calls = []
    monkeypatch.setattr(transposed, "_entries", lambda line: calls.append(line) or [])
    cells = _cells(_upright(sep))
    assert untransposed(cells, PATTERNS) is cells
    assert calls == []  # no header line has three applicant lines under it


@pytest.mark.parametrize("sep", ["\t", " | ", "  "])
def test_a_table_on_its_side_is_still_put_upright(sep):
    cells = _cells(_transposed(sep))
    out = untransposed(cells, PATTERNS)
    assert out is not cells
    # each of the table's rows now a line of its own: its label, then the seven applicants' numbers
    lines: dict[int, list] = {}
    for c in out:
        lines.setdefault(c.line, []).append(c)
    rows = [[c.text for c in line if c.kind == "num"] for line in lines.values()]
    assert [str(n) for n in T3_ROWS[0][1]] in rows


def test_a_line_of_numbers_is_never_asked_for_header_words(monkeypatch):
    seen = []
    real = slices._header

    def spy(lines, i, columns):
        seen.append(lines[i])
        return real(lines, i, columns)

    monkeypatch.setattr(slices, "_header", spy)
    cells = _cells(_upright("  "))
    assert stitch(cells) is cells
    assert seen and not any(c.kind == "num" for line in seen for c in line)
    # the slices are still found and stitched
    seen.clear()
    cells = _cells(_sliced([0, 4, 7], "labels"))
    assert stitch(cells) is not cells


def test_a_pipe_table_whose_header_repeats_no_column_joins_no_number_line(monkeypatch):
    rows = [["项目", "自然人", "商业企业", "总计"], ["一、本年新收", "3", "3", "6"], ["二、上年结转", "1", "1", "2"]]
    text = TITLE + _pipes(rows)
    cells = tokenize(text, 0, len(text))
    assert any(c.bordered and c.slot is not None for c in cells)
    joined = []
    real = merged._slots
    monkeypatch.setattr(merged, "_slots", lambda line: joined.append(line) or real(line))
    assert unrepeated(cells) is cells  # `| 3 | 3 |` under two columns are two cells
    assert len(joined) == 1  # the header's text only


def test_a_merged_cell_docling_repeated_is_still_one_cell():
    rows = [["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
            ["行政许可", "2629", "2629", "2629"]]
    text = TITLE + _pipes(rows)
    cells = tokenize(text, 0, len(text))
    out = unrepeated(cells)
    assert [c.text for c in out if c.kind == "num"] == ["2629"]
