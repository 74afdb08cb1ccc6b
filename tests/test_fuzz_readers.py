"""Fuzz the readers of `xxgk check` and `xxgk eval` with arbitrary JSON: they raise nothing but
the project's typed errors, and every record gets its facts or its own error (bounded: a few
hundred examples in all, well under 20 s)."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rules
from conftest import seed_cases
from extractor.checkfile import read_checkable
from extractor.errors import LabelError, RecordError, RunFileError
from extractor.evaluation import load_run
from extractor.evaluation.gold import load_gold

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
           | st.sampled_from([1e400, -1e400, 2 ** 70, -1, 0.5, "1e999999", "NaN", "../../x", "[/x]"]))
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=16)

REPORT, GOLD = seed_cases()[2]
FIELD_KEYS = sorted(GOLD["fields"])
#: where a mutation lands: a top-level key, a key of `meta`, or a cell of `fields`
SPOTS = st.sampled_from(
    [("doc",), ("template",), ("year",), ("organ",), ("fields",), ("printed",), ("meta",), ("ambiguous",),
     ("source_violations",), ("variant",), ("expect",), ("kind",), ("notes",), ("path",),
     ("meta", "template"), ("meta", "year"), ("meta", "organ")]
    + [("fields", k) for k in FIELD_KEYS[:12]] + [("fields", "active.fees.amount"), ("ambiguous", FIELD_KEYS[0])])
mutations = st.lists(st.tuples(SPOTS, json_values), min_size=1, max_size=4)


def mutated(base: dict, changes) -> dict:
    out = copy.deepcopy(base)
    for spot, value in changes:
        node = out
        for part in spot[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[spot[-1]] = value
    return out


def extract_line() -> dict:
    return {"doc": REPORT.name, "template": GOLD["meta"]["template"], "year": GOLD["meta"]["year"],
            "organ": GOLD["meta"]["organ"], "fields": dict(GOLD["fields"]), "status": "verified"}


def write(folder: str, name: str, text: str) -> Path:
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def checked(path: Path) -> list:
    """Every record read and, where it has facts, checked by every rule."""
    items = list(read_checkable(path, with_text=False))
    assert items, "no item at all: a file gives at least one record or one error"
    for item in items:
        assert (item.facts is None) != (item.error is None)
        if item.error is not None:
            assert isinstance(item.error, RecordError) and str(path) in str(item.error)
        else:
            rules.check(item.facts)
    return items


@SETTINGS
@given(json_values)
def test_check_reads_any_json_value(value):
    with tempfile.TemporaryDirectory() as folder:
        items = checked(write(folder, "in.json", json.dumps(value)))
        if isinstance(value, list) and value:
            assert len(items) == len(value)


@SETTINGS
@given(st.lists(mutations, min_size=1, max_size=4))
def test_check_reads_any_mutated_record_one_line_each(changes):
    records = [mutated(extract_line(), c) for c in changes]
    with tempfile.TemporaryDirectory() as folder:
        items = checked(write(folder, "run.jsonl", "\n".join(json.dumps(r) for r in records)))
        assert len(items) == len(records)


@SETTINGS
@given(st.lists(st.text(max_size=40).filter(lambda t: "\n" not in t and "\r" not in t), min_size=2, max_size=5))
def test_check_reads_any_json_lines_text(lines):
    text = "\n".join(['{"doc": "first"}'] + lines)
    with tempfile.TemporaryDirectory() as folder:
        checked(write(folder, "run.jsonl", text))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values | mutations.map(lambda c: mutated(GOLD, c)))
def test_eval_reads_any_gold_file_or_says_why_not(value):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / REPORT.name).write_bytes(REPORT.read_bytes())
        path = write(folder, REPORT.name.rsplit(".", 1)[0] + ".gold.json", json.dumps(value))
        try:
            case = load_gold(path)
        except LabelError as exc:
            assert str(path) in str(exc)
            return
        assert case.report.parent == Path(folder)  # never a report outside the gold file's folder


@SETTINGS
@given(json_values | st.fixed_dictionaries({"docs": json_values, "summary": json_values}))
def test_eval_reads_any_run_file_or_says_why_not(value):
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, "run.json", json.dumps(value))
        try:
            run = load_run(path)
        except RunFileError as exc:
            assert str(path) in str(exc)
            return
        assert isinstance(run["docs"], list) and isinstance(run["summary"], dict)
