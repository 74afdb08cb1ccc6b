"""Letters another program's OCR printed for a value's digits (`O` for 0, `l` for 1), standing as
a whole cell of a tab row or of a grid (a scan PDF's invisible text layer, copied out or kept as
cells): one number cell, an `ocr_letter` doubt whose candidate is the digits (or the value an
identity confirms), never label text that leaves the row a cell short and every cell of it a
doubt with no candidate (probe family pdf-ocr-layer)."""

from __future__ import annotations

from extractor.engines.layout._cells import tokenize
from extractor.flat import to_flat
from extractor.load import load

from _text_report import ENGINE, KEYS, T2, T3_HEAD, T3_ROWS, TITLE, read_text

ROW_KEYS = ("new", "carried_over", "granted", "partial", "total", "carried_forward")
#: (row, column) → the letters printed for its digits
SLIPS = {(0, 0): None, (1, 5): "l", (3, 4): "O"}


def _slipped(rows: list[tuple[str, list[int]]]) -> list[tuple[str, list[str]]]:
    out = []
    for r, (label, nums) in enumerate(rows):
        cells = [str(n) for n in nums]
        for (rr, cc), letters in SLIPS.items():
            if rr == r and letters is not None:
                assert cells[cc] == {"l": "1", "O": "0"}[letters]
                cells[cc] = letters
        out.append((label, cells))
    return out


def _assert_gold_held(reading, flat) -> None:
    """Every 表三 cell read right, or null with a doubt holding the printed value."""
    for (label, nums), name in zip(T3_ROWS, ROW_KEYS):
        for k, n in zip(KEYS, nums):
            key = f"requests.{name}.{k}"
            if flat[key] is None:
                doubt = reading.doubts[key]
                assert n in doubt.candidates, (key, doubt)
            else:
                assert flat[key] == n, key


def test_a_tab_row_cell_of_ocr_letters_is_a_number_cell():
    line = "（二）部分公开\t2\t1\t1\t1\tO\t1\t6"
    cells = tokenize(line, 0, len(line))
    assert [c.kind for c in cells] == ["text"] + ["num"] * 7
    # a label line of letters and no number stays text
    line = "l\tO\t信息内容"
    assert [c.kind for c in tokenize(line, 0, len(line))] == ["text"] * 3


def test_ocr_letters_in_a_tab_table_leave_the_gold_among_the_candidates(tmp_path):
    body = T3_HEAD + "".join(label + "\t" + "\t".join(cells) + "\n" for label, cells in _slipped(T3_ROWS))
    reading, flat = read_text(tmp_path, T2 + body)
    _assert_gold_held(reading, flat)
    # the slipped cells are no values read as printed, and no row lost a cell
    assert flat["requests.carried_over.other_org"] is None or flat["requests.carried_over.other_org"] == 1
    assert not any(d.reason == "cells_do_not_fit" for d in reading.doubts.values())
    assert reading.doubts["requests.partial.legal_service"].reason == "ocr_letter" \
        if flat["requests.partial.legal_service"] is None else True


def test_ocr_letters_in_a_grid_cell_leave_the_gold_among_the_candidates(tmp_path):
    head = ("<tr><td></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
            "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>")
    rows = "".join("<tr><td>" + label.replace("\t", "") + "</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
                   for label, cells in _slipped(T3_ROWS))
    t2 = "".join(f"<p>{line}</p>" for line in T2.splitlines() if line)
    html = (f"<html><body><h1>{TITLE.strip()}</h1>{t2}<p>{T3_HEAD.strip()}</p>"
            f"<table>{head}{rows}</table></body></html>")
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    doc = load(str(path))
    assert doc.tables  # read as a grid
    reading = ENGINE.read(doc)
    flat = to_flat(reading.record)
    _assert_gold_held(reading, flat)
    assert not any(d.reason == "cells_do_not_fit" for d in reading.doubts.values())
    assert flat["requests.partial.legal_service"] is None or flat["requests.partial.legal_service"] == 0
