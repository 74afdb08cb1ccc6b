"""Word loader: the tables' own cells, merged cells as spans, bad files and old .doc."""

from __future__ import annotations

import shutil

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError, UnsupportedFormatError
from extractor.flat import to_flat
from extractor.load import load
from extractor.load.docx import load_docx

from _formats import gold, make_formats, same_numbers


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx")
    return make_formats().make_all("002", out, formats=("docx",))["docx"]  # a 2021-format report


def test_docx_merged_cells_are_single_cells_with_spans(seed_docx):
    doc = load_docx(str(seed_docx))
    assert doc.format == "docx" and len(doc.tables) == 3
    t3 = doc.tables[1]
    cells = {c.text: c for c in t3.cells}
    head = next(c for c in t3.cells if c.text.startswith("（本列数据的勾稽关系"))
    assert (head.row, head.col, head.rowspan, head.colspan) == (0, 0, 3, 3)
    assert (cells["申请人情况"].colspan, cells["自然人"].rowspan, cells["法人或其他组织"].colspan) == (7, 2, 5)
    assert cells["三、本年度办理结果"].rowspan == 22  # 2021 format: （六） has three sub-rows
    assert cells["（六）其他处理"].rowspan == 3
    # every grid slot is covered exactly once: 28 rows × 10 columns
    grid = t3.grid()
    assert len(grid) == 28 and all(len(r) == 10 and all(c is not None for c in r) for r in grid)
    for t in doc.tables:
        for c in t.cells:
            assert doc.text[c.span[0] : c.span[1]] == c.text
            assert c.locator == {"table": doc.tables.index(t), "row": c.row, "col": c.col}
    # paragraphs and tables in document order, table rows as tab-separated lines
    assert doc.text.index("年度报告") < doc.text.index("第二十条") < doc.text.index("本年新收")
    assert "\t" in doc.text.splitlines()[doc.text[: t3.span[0]].count("\n") + 3]


def test_docx_numbers_match_the_gold_label(seed_docx):
    reading = LayoutEngine().read(load(str(seed_docx)))
    assert reading.record is not None
    assert same_numbers(to_flat(reading.record), gold("002")["fields"]) == []


def test_vertical_merge_without_restart_value(tmp_path):
    """`<w:vMerge/>` without a value continues the cell above (python-docx writes restart/continue)."""
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).merge(t.cell(2, 0)).text = "（三）不予公开"
    for r, v in enumerate(("1", "2", "3")):
        t.cell(r, 1).text = v
    path = tmp_path / "vmerge.docx"
    d.save(str(path))
    doc = load_docx(str(path))
    cells = doc.tables[0].cells
    assert [(c.row, c.col, c.rowspan, c.text) for c in cells] == [
        (0, 0, 3, "（三）不予公开"), (0, 1, 1, "1"), (1, 1, 1, "2"), (2, 1, 1, "3"),
    ]
    assert doc.text.splitlines() == ["（三）不予公开\t1", "2", "3"]


def test_corrupt_docx_is_a_clear_error(tmp_path):
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="corrupt .docx"):
        load(str(bad))


@pytest.mark.skipif(shutil.which("soffice") or shutil.which("libreoffice"), reason="LibreOffice converts .doc")
def test_old_doc_says_to_convert_it(tmp_path):
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old binary Word")
    with pytest.raises(UnsupportedFormatError, match="convert it to .docx"):
        load(str(old))
