"""A scanned 表三's number cells are read once when their identities pin them (extractor/load/_pinned.py,
`_numbers.reread_numbers`): every other cell, and every cell of a row or column whose identity
fails, is still read twice."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _table(rows: int, label_cols: int = 3, texts: dict[tuple[int, int], str] | None = None):
    """A ruled grid: a header row, then `rows` rows of a label and 7 number cells ("0")."""
    from extractor.load._grid import GridCell, GridTable

    texts = texts or {}
    cells = [GridCell(0, 0, 1, label_cols + 7, "申请人情况", (0, 0, 100 * (label_cols + 7), 20), 1)]
    for r in range(1, rows + 1):
        cells.append(GridCell(r, 0, 1, label_cols, f"行{r}", (0, 20 * r, 100 * label_cols, 20 * r + 20), 1))
        for k in range(7):
            c = label_cols + k
            cells.append(GridCell(r, c, 1, 1, texts.get((r, k), "0"), (100 * c, 20 * r, 100 * c + 100, 20 * r + 20), 1))
    n = label_cols + 7
    return GridTable(cells, [100.0 * i for i in range(n + 1)], (0, 0, 100 * n, 20 * rows + 20), 1, 1)


def test_the_formats_rows_in_print_order():
    from extractor.load._pinned import printed_rows

    rows = printed_rows()
    assert rows[23][0] == "2019" and rows[25][0] == "2021"
    names = rows[25][1]
    # the catalogue lists 2021's （六）1–3 after 总计 and 四; the form prints them before
    assert names[:2] == ("new", "carried_over") and names[-2:] == ("total", "carried_forward")
    assert names.index("other_misc") < names.index("total")


def test_a_table3_is_found_by_its_shape_and_nothing_else_is():
    from extractor.load._pinned import request_block

    found = request_block(_table(25))
    assert found is not None and found[0] == "2021" and len(found[1]) == 25 * 7
    assert found[1]["requests.carried_forward.total"].bbox == (900, 500, 1000, 520)
    assert request_block(_table(24)) is None  # a row lost (or a table split over pages): no pinning
    assert request_block(_table(23, texts={(5, 2): "予以公开"})) is None  # a label among the numbers
    assert request_block(_table(23, label_cols=0)) is None  # no label column


def test_a_cell_is_pinned_only_when_every_identity_through_it_holds():
    from extractor.load._pinned import holding

    values = {f"requests.{r}.{c}": 0 for r in ("new", "carried_over", "granted", "partial", "denied_state_secret",
                                               "denied_prohibited", "denied_safety", "denied_third_party",
                                               "denied_internal", "denied_process", "denied_enforcement",
                                               "denied_query", "unable_not_held", "unable_create", "unable_unclear",
                                               "ignored_complaint", "ignored_duplicate", "ignored_publication",
                                               "ignored_excessive", "ignored_confirm", "other", "total",
                                               "carried_forward")
              for c in ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")}
    for key, v in {"new.natural": 7, "new.total": 7, "granted.natural": 7, "granted.total": 7,
                   "total.natural": 7, "total.total": 7}.items():
        values[f"requests.{key}"] = v
    keys = list(values)
    assert holding("2019", values.get, keys, keys) == set(keys)
    # a 7 misread as 1: its row and its column fail, and no cell of them is pinned
    wrong = dict(values, **{"requests.granted.natural": 1})
    held = holding("2019", wrong.get, keys, keys)
    assert "requests.granted.natural" not in held
    assert "requests.granted.commercial" not in held and "requests.partial.natural" not in held
    assert "requests.partial.commercial" in held  # its own row and column still hold
    # a cell not known (read unsure, or the reads disagree) holds no identity
    unknown = dict(values, **{"requests.new.research": None})
    held = holding("2019", unknown.get, keys, keys)
    assert not {"requests.new.natural", "requests.carried_over.research", "requests.total.research"} & held
    # the identities are those of the block only (no cell outside it counts)
    assert holding("2019", values.get, keys[:7], keys[:7]) == set()


def _scan_table3(fields: dict, template: str, tmp_path: Path):
    from _formats import cjk_font_or_skip, make_formats

    cjk_font_or_skip()
    import importlib.util
    import sys

    mf = make_formats()
    spec = importlib.util.spec_from_file_location("scans", ROOT / "eval" / "scans.py")
    assert spec and spec.loader
    scans = importlib.util.module_from_spec(spec)
    sys.modules["scans"] = scans
    spec.loader.exec_module(scans)
    img = scans.scan_of([("table", mf.table3(fields, template))], "office", name="test-pinned")
    path = tmp_path / "office.jpg"
    img.save(path, quality=95)
    from extractor.load.ocr import load_image

    doc = load_image(str(path))
    (table,) = [t for t in doc.tables if t.n_cols == 10]
    return mf, table


def _number_cells(table):
    rows = sorted({c.row for c in table.cells if c.col == 9 and c.text.isdigit()})
    return {(c.row, c.col): c for c in table.cells if c.row in rows and c.col >= 3}


def test_a_scanned_table3_whose_identities_hold_is_read_once_and_a_broken_row_and_column_twice(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    gold = json.loads((ROOT / "eval/real/reports/16_huaian_2024_pdftext.gold.json").read_text(encoding="utf-8"))
    fields, template = gold["fields"], gold["meta"]["template"]
    mf, table = _scan_table3(fields, template, tmp_path)
    cells = _number_cells(table)
    assert len(cells) == 25 * 7
    want = [mf._num(fields, f"requests.{r}.{c}") for r in ("new",) for c in ("natural", "commercial", "total")]
    first = sorted((c for c in cells.values() if c.row == min(r for r, _ in cells)), key=lambda c: c.col)
    assert [first[0].text, first[1].text, first[6].text] == want
    once = [c for c in cells.values() if c.agreed is None]
    assert len(once) >= 150  # pinned: read once
    assert all(c.text.isdigit() and c.confidence >= 0.9 for c in once)

    # the printed 予以公开 by 自然人 made one more: its row total and the outcome sum of its column
    # (the outcome rows and 总计) break, so those cells are read twice, and the cell is never read
    # once; the column's balance (一 + 二 = 总计 + 四) still holds without it
    broken = copy.deepcopy(fields)
    broken["requests.granted.natural"] += 1
    _, table = _scan_table3(broken, template, tmp_path)
    cells = _number_cells(table)
    rows = sorted({r for r, _ in cells})
    granted, outcomes = rows[2], rows[2:-1]
    assert all(c.agreed is not None for (r, col), c in cells.items() if r == granted or (col == 3 and r in outcomes))
    assert sum(c.agreed is None for c in cells.values()) >= 100  # the rest still pinned
    assert cells[(rows[0], 3)].agreed is None or cells[(rows[0], 3)].confidence < 0.9
