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


def test_xlsx_one_row_per_report_one_column_per_key(store, tmp_path):
    out = tmp_path / "r.xlsx"
    n, nv = export(store, str(out), fmt="xlsx")
    wb = openpyxl.load_workbook(out)
    sheet = wb["reports"]
    header = [c.value for c in sheet[1]]
    keys = [f.key for f in catalogue.fields()]
    assert header == [*META_COLUMNS, *keys]
    assert len(set(header)) == len(header)
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
