"""`xxgk export`: one row per report, one column per cell key, plus the violations."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from extractor import catalogue
from extractor.cli import app
from extractor.export import META_COLUMNS, export

from gold_engine import filled_store


@pytest.fixture
def store(tmp_path):
    return filled_store(tmp_path)


def _grouped_keys() -> list[str]:
    """Table by table; in each, the cells both formats share, then 2019-only, then 2021-only; an
    amount (万元) followed by its normalised `_wan` column."""
    out = []
    for section in ("二", "三", "四"):
        for templates in (("2019", "2021"), ("2019",), ("2021",)):
            for f in catalogue.fields():
                if f.section == section and f.templates == templates:
                    out += [f.key, f.key + "_wan"] if f.type == "decimal" else [f.key]
    return out


def test_xlsx_one_row_per_report_one_column_per_key(store, tmp_path):
    out = tmp_path / "r.xlsx"
    n, nv = export(store, str(out), fmt="xlsx")
    wb = openpyxl.load_workbook(out)
    sheet = wb["reports"]
    header = [c.value for c in sheet[1]]
    keys = _grouped_keys()
    assert header == [*META_COLUMNS, *keys]
    assert len(set(header)) == len(header)
    assert {k for k in header if k in {f.key for f in catalogue.fields()}} == {f.key for f in catalogue.fields()}
    rows = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == n == 5
    seed = next(r for r in rows if r["doc"].startswith("000_"))
    assert (seed["organ"], seed["year"], seed["template"], seed["status"]) == ("市住建局", 2020, "2019", "review")
    assert seed["requests.total.natural"] == 15 and seed["active.procurement.amount"] == 21.53
    assert seed["active.regulations.issued"] is None  # a 2021-only cell stays empty for a 2019 report
    violations = [[c.value for c in r] for r in wb["violations"].iter_rows(min_row=2)]
    assert len(violations) == nv
    assert {v[4] for v in violations if v[0] == seed["doc"] and v[5] == "error"} == {
        "outcome_sum:requests.natural", "outcome_sum:requests.total"}


def test_csv_and_jsonl(store, tmp_path):
    export(store, str(tmp_path / "r.csv"), fmt="csv")
    with open(tmp_path / "r.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5 and "requests.new.natural" in rows[0]
    with open(tmp_path / "r.violations.csv", encoding="utf-8-sig") as fh:
        assert any(r["rule"] == "outcome_sum:requests.total" for r in csv.DictReader(fh))
    export(store, str(tmp_path / "r.jsonl"), fmt="jsonl")
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    seed = next(x for x in lines if x["doc"].startswith("000_"))
    assert set(seed["fields"]) == set(catalogue.keys("2019"))


def test_cli_export_picks_format_from_suffix(store, tmp_path):
    res = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "xxgk.sqlite"), "-o", str(tmp_path / "w.xlsx")])
    assert res.exit_code == 0, res.output
    assert openpyxl.load_workbook(tmp_path / "w.xlsx")["reports"].max_row == 6
    bad = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "xxgk.sqlite"), "-o", str(tmp_path / "w.pdf")])
    assert bad.exit_code == 2 and "unknown format" in bad.output


# ------------------------------------------------------------------ layouts, states, review, safety

def _seed_item(store):
    from extractor.review import list_items

    return next(i for i in list_items(store) if i.doc.startswith("000_"))


def test_final_status_and_edited_cells_after_review(store, tmp_path):
    from extractor.review import resolve, save_values

    item = _seed_item(store)
    save_values(store, item.id, {"requests.total.natural": "16", "requests.total.total": "20"}, reviewer="李")
    resolve(store, item.id, outcome="extraction_corrected", reviewer="李", comment="核对原文")
    export(store, str(tmp_path / "w.xlsx"), fmt="xlsx")
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx")
    rows = {r["doc"][:3]: r for r in _records(wb["reports"])}
    states = {r["doc"][:3]: r for r in _records(wb["states"])}
    assert (rows["000"]["status"], rows["000"]["final_status"], rows["000"]["reviewed"]) == (
        "review", "corrected", "extraction_corrected")
    assert {r["final_status"] for k, r in rows.items() if k != "000"} == {"verified"}
    assert rows["000"]["requests.total.natural"] == 16
    edited = sorted(k for k, v in states["000"].items() if v == "edited")
    assert edited == ["requests.total.natural", "requests.total.total"]
    assert states["000"]["requests.new.natural"] == "read" and states["000"]["active.regulations.issued"] is None
    export(store, str(tmp_path / "r.jsonl"), fmt="jsonl")
    line = next(json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
                if x.startswith('{"doc": "000_'))
    assert line["final_status"] == "corrected" and line["fields"]["requests.total.natural"] == 16
    assert line["review"]["extracted"] == {"requests.total.natural": 15, "requests.total.total": 19}
    assert line["state"]["requests.total.total"] == "edited" and line["status"] == "review"


def _records(sheet):
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]


def test_report_text_never_becomes_a_formula(tmp_path):
    """A file name or organ from a report that starts like a formula stays text in xlsx and csv."""
    from extractor.batch import run_batch
    from extractor.store import Store, as_url

    from gold_engine import GoldEngine, copy_seeds, gold_path

    folder = copy_seeds(tmp_path / "in")
    seed = next(folder.glob("001_*.txt"))
    gold = json.loads(gold_path(str(seed)).read_text(encoding="utf-8"))
    gold["meta"]["organ"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    gold_path(str(seed)).unlink()
    seed.rename(folder / "=HYPERLINK(1).txt")
    (folder / "=HYPERLINK(1).gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    run_batch([str(folder)], GoldEngine(), store, progress=False)
    for layout in ("wide", "long"):
        export(store, str(tmp_path / f"{layout}.xlsx"), fmt="xlsx", layout=layout)
        wb = openpyxl.load_workbook(tmp_path / f"{layout}.xlsx")
        cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        risky = [c for c in cells if c.value.startswith(("=", "@"))]
        assert {c.value for c in risky} >= {"=HYPERLINK(1).txt", gold["meta"]["organ"]}
        assert all(c.data_type == "s" for c in risky)
        export(store, str(tmp_path / f"{layout}.csv"), fmt="csv", layout=layout)
        with open(tmp_path / f"{layout}.csv", encoding="utf-8-sig") as fh:
            texts = [v for row in csv.reader(fh) for v in row]
        assert "'=HYPERLINK(1).txt" in texts and "'" + gold["meta"]["organ"] in texts
        assert not [v for v in texts if v.startswith(("=", "@"))]


def test_chinese_headers_are_unique_and_name_table_row_and_column(store, tmp_path):
    export(store, str(tmp_path / "zh.csv"), fmt="csv", labels="zh")
    with open(tmp_path / "zh.csv", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert len(header) == len(set(header)) and header[:2] == ["文件", "路径"]
    f = catalogue.field("active.regulations.issued")
    assert f"表二 {f.row} {f.column} [2021]" in header
    shared = catalogue.field("requests.new.total")
    assert f"表三 {shared.row} {shared.column}" in header
    assert not [h for h in header if "." in h and h.isascii()]  # no dotted key left


def test_long_layout_lists_the_cells_of_each_reports_own_format(store, tmp_path):
    res = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "xxgk.sqlite"), "-o", str(tmp_path / "c.csv"),
                                   "--layout", "long"])
    assert res.exit_code == 0, res.output
    with open(tmp_path / "c.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    by_doc: dict[str, set] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], set()).add(r["key"])
    for doc, keys in by_doc.items():
        template = next(r["format"] for r in rows if r["doc"] == doc)
        amounts = {k + "_wan" for k in catalogue.keys(template) if catalogue.field(k).type == "decimal"}
        assert keys == set(catalogue.keys(template)) | amounts, doc
    one = next(r for r in rows if r["doc"].startswith("000_") and r["key"] == "requests.total.natural")
    f = catalogue.field("requests.total.natural")
    assert (one["table"], one["row"], one["column"], one["value"], one["state"]) == ("表三", f.row, f.column, "15", "read")
    assert one["failed_rules"] == "outcome_sum:requests.natural" and one["final_status"] == "open"
    bad = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "xxgk.sqlite"), "-o", str(tmp_path / "c.csv"),
                                   "--layout", "tall"])
    assert bad.exit_code == 2 and "'tall'" in bad.output and "'long'" in bad.output  # typer names the choices


def test_parquet_without_pyarrow_names_the_extra(store, tmp_path, monkeypatch):
    import sys

    from extractor.errors import ExportError

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(ExportError, match=r"xxgk-extractor\[parquet\]"):
        export(store, str(tmp_path / "r.parquet"), fmt="parquet")
    res = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "xxgk.sqlite"), "-o", str(tmp_path / "r.parquet")])
    assert res.exit_code == 1 and "parquet" in res.output


def test_xlsx_sheets_have_a_frozen_header_filters_and_number_formats(store, tmp_path):
    export(store, str(tmp_path / "w.xlsx"), fmt="xlsx")
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert wb.sheetnames == ["reports", "states", "violations", "cells"]
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}", ws.title
    ws = wb["reports"]
    header = [c.value for c in ws[1]]
    seed = next(r for r in ws.iter_rows(min_row=2) if r[0].value.startswith("000_"))
    count, amount = seed[header.index("requests.total.natural")], seed[header.index("active.procurement.amount")]
    assert (count.value, count.number_format, count.data_type) == (15, "0", "n")
    assert (amount.value, amount.number_format) == (21.53, "0.00##")


def test_a_long_sheet_over_excels_row_limit_is_refused(store, tmp_path, monkeypatch):
    from extractor.errors import ExportError
    from extractor.export import _xlsx

    monkeypatch.setattr(_xlsx, "MAX_ROWS", 100)
    with pytest.raises(ExportError, match="csv or parquet"):
        export(store, str(tmp_path / "c.xlsx"), fmt="xlsx", layout="long")
