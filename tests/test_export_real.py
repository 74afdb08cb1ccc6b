"""Exports of eval/real (read by the layout engine) in every layout and format: types pandas reads
back, cell states against the labels, the same report stored twice, the 万元 column, jsonl lines."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from decimal import Decimal

import pandas as pd
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from conftest import gold_cases
from extractor import organs
from extractor.cellstate import BLANK_MARKS
from extractor.cli import app
from extractor.export import export, long, wide
from extractor.review import list_items, resolve, stored_reports
from extractor.store import Store, as_url
from extractor.store.models import RecordRow
from rules.across_reports import check_across

from _pandas_load import load

GOLD = {report.name: gold for report, gold in gold_cases()}


def _kinds(layout: str) -> dict[str, str]:
    return {c.name: c.kind for c in (wide.columns() if layout == "wide" else long.COLUMNS)}


@pytest.fixture(scope="module")
def exports(real_store, tmp_path_factory):
    """Every layout × format of one store: {(layout, fmt): main table as pandas reads it}."""
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for layout in ("wide", "long"):
        for fmt in ("csv", "xlsx", "parquet"):
            path = folder / f"{layout}.{fmt}"
            export(real_store, str(path), fmt=fmt, layout=layout)
            out[(layout, fmt)] = load(path, fmt)
        out[(layout, "folder")] = folder
    return out


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_every_format_loads_with_the_same_types_and_values(exports, layout):
    kinds = _kinds(layout)
    frames = {fmt: exports[(layout, fmt)] for fmt in ("csv", "xlsx", "parquet")}
    expected_rows = len(GOLD) if layout == "wide" else sum(
        len(gold["fields"]) + sum(1 for k in gold["fields"] if k.endswith(".amount")) for gold in GOLD.values())
    for fmt, df in frames.items():
        assert list(df.columns) == list(kinds), fmt
        assert len(df) == expected_rows, fmt
        for name, kind in kinds.items():
            dtype = df[name].dtype
            if kind == "int":
                assert dtype == "Int64", (fmt, name, dtype)  # never float, even where a format leaves it empty
            elif kind == "float":
                assert dtype == "Float64", (fmt, name, dtype)
            else:
                assert pd.api.types.is_string_dtype(dtype), (fmt, name, dtype)
    if layout == "long":  # printed signs and marks ("+5", "-") stay as printed in CSV too
        assert frames["csv"].printed.str.match(r"^[+\-]").any()
    as_text = {fmt: df.astype("string").fillna("<NA>") for fmt, df in frames.items()}
    pd.testing.assert_frame_equal(as_text["csv"], as_text["parquet"], check_dtype=False)
    pd.testing.assert_frame_equal(as_text["xlsx"], as_text["parquet"], check_dtype=False)


def test_cell_states_agree_with_the_labels(exports):
    cells = exports[("long", "parquet")]
    seen = defaultdict(int)
    for row in cells.itertuples(index=False):
        if row.key.endswith("_wan"):
            continue
        label = GOLD[row.doc]["fields"][row.key]
        seen[row.state] += 1
        if row.state == "doubt":
            assert pd.isna(row.value), row  # unsure is never a number
        elif row.state == "blank":
            assert row.value == 0 and (pd.isna(row.printed) or row.printed.strip() in BLANK_MARKS), row
        elif row.state == "read":
            assert row.value == label, row
        elif row.state == "missing":
            assert pd.isna(row.value), row
    assert seen["doubt"] and seen["blank"] and seen["read"], dict(seen)
    states = exports[("wide", "folder")] / "wide.states.parquet"
    by_cell = {(r.doc, r.key): r.state for r in cells.itertuples(index=False)}
    for r in pd.read_parquet(states).to_dict("records"):
        for key, state in r.items():
            if (r["doc"], key) in by_cell:
                assert state == by_cell[(r["doc"], key)], (r["doc"], key)


def _expected_duplicates() -> set[frozenset[str]]:
    """From the labels: reports whose body (normalised) and year are the same."""
    by = defaultdict(set)
    for name, gold in GOLD.items():
        by[(organs.normalise(gold["meta"]["organ"]), gold["meta"]["year"])].add(name)
    return {frozenset(g) for g in by.values() if len(g) > 1}


def test_the_same_report_stored_twice_is_flagged_naming_both_files(exports, real_store):
    expected = _expected_duplicates()
    assert frozenset({"02_hongze_2023_pdftext.txt", "15_hongze_2023_pdfminer_cells.txt"}) in expected
    reports = exports[("wide", "parquet")]
    flagged = reports[reports.duplicate_of.notna()]
    groups = {frozenset(g.doc) for _, g in flagged.groupby(["organ_normalised", "year"])}
    assert groups == expected
    for r in flagged.itertuples(index=False):
        others = set(r.duplicate_of.split(" | "))
        assert others and r.doc not in others and others | {r.doc} in expected
    findings = [f for f in check_across(stored_reports(real_store)) if f.rule == "duplicate_report"]
    assert {frozenset(f.docs) for f in findings} == expected
    assert all(d in f.message for f in findings for d in f.docs)
    res = CliRunner().invoke(app, ["review", "across", "--db", real_store.url.removeprefix("sqlite:///"), "--json"])
    shown = [json.loads(x) for x in res.output.splitlines() if x.startswith("{")]
    assert {frozenset(f["docs"]) for f in shown if f["rule"] == "duplicate_report"} == expected


def test_dedupe_keeps_one_report_per_body_and_year(real_store, tmp_path):
    db = tmp_path / "copy.sqlite"
    with sqlite3.connect(real_store.url.removeprefix("sqlite:///")) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    store = Store(as_url(str(db)))
    expected = _expected_duplicates()
    out = tmp_path / "one.parquet"
    res = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out), "--dedupe"])
    assert res.exit_code == 0, res.output
    kept = pd.read_parquet(out)
    assert len(kept) == len(GOLD) - sum(len(g) - 1 for g in expected)
    assert not kept.duplicated(["organ_normalised", "year"]).any()
    with store.session() as s:
        created = {r.path.rsplit("/", 1)[-1]: (r.created_at, r.id) for r in s.scalars(select(RecordRow))}
    for group in expected:
        (doc,) = set(kept.doc) & group
        assert doc == max(group, key=created.get)  # nobody reviewed any: the newest reading
    # a reviewed reading wins over a newer one
    group = sorted(next(g for g in expected if "02_hongze_2023_pdftext.txt" in g), key=created.get)
    older = group[0]
    item = next(i for i in list_items(store) if i.doc == older)
    resolve(store, item.id, outcome="report_wrong", reviewer="测试员", comment="核对原文")
    export(store, str(out), fmt="parquet", dedupe=True)
    kept = pd.read_parquet(out)
    (row,) = kept[kept.doc.isin(group)].itertuples(index=False)
    assert (row.doc, row.final_status, row.status, row.reviewed) == (older, "confirmed-as-printed", "review",
                                                                      "report_wrong")


def test_an_amount_printed_in_yuan_gets_a_normalised_wan_column(exports):
    cells = exports[("long", "parquet")]
    amounts = cells[cells.key.str.endswith(".amount")]
    normalised = cells[cells.key.str.endswith(".amount_wan")].set_index(["doc", "key"])
    rescaled = 0
    for a in amounts.itertuples(index=False):
        n = normalised.loc[(a.doc, a.key + "_wan")]
        if not pd.isna(a.failed_rules) and f"amount_unit:{a.key}" in a.failed_rules.split():
            rescaled += 1
            assert n.state == "rescaled" and n.value == float(Decimal(str(a.value)) / 10_000)
            assert a.state == "read"  # the printed column keeps the printed number and its own state
        else:
            assert n.state == a.state
            assert (pd.isna(n.value) and pd.isna(a.value)) or n.value == a.value
    assert rescaled >= 1
    yuan = amounts[amounts.printed.fillna("").str.contains("元") & ~amounts.printed.fillna("").str.contains("万")]
    assert len(yuan) and all(normalised.loc[(d, k + "_wan")].state == "rescaled" for d, k in zip(yuan.doc, yuan.key))


def test_jsonl_is_the_extract_line_plus_the_review(real_store, tmp_path):
    out = tmp_path / "r.jsonl"
    export(real_store, str(out), fmt="jsonl")
    lines = {x["doc"]: x for x in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    with real_store.session() as s:
        stored = {r.line["doc"]: r.line for r in s.scalars(select(RecordRow).where(RecordRow.current.is_(True)))}
    assert set(lines) == set(stored) == set(GOLD)
    added = {"organ_normalised", "final_status", "duplicate_of", "amounts_wan", "review"}
    for doc, line in lines.items():
        extract = json.loads(json.dumps(stored[doc]))
        assert set(line) == set(extract) | added, doc
        assert {k: line[k] for k in extract} == extract  # nobody reviewed: the very line extract printed
        assert line["review"] is None and line["final_status"] == ("verified" if extract["status"] == "verified" else "open")
