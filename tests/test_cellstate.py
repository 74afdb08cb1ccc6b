"""Every cell carries its state (read, blank, doubt, missing, model, model_unchecked, edited) in
the extract line, agreeing with its value: unsure is null with state `doubt`, a printed blank
is 0 with state `blank`."""

from __future__ import annotations

import json

from conftest import gold_cases

from extractor import catalogue
from extractor.cellstate import STATES, cell_states
from extractor.engines import get_engine
from extractor.pipeline import extract_path

_T3 = "requests.new.natural"


def _lines():
    engine = get_engine("layout")
    for path, gold in gold_cases():
        src = next(p for p in path.parent.glob(path.name.replace(".gold.json", ".*")) if not p.name.endswith(".json"))
        yield gold, extract_path(str(src), engine).to_line()


def test_every_cell_of_the_real_reports_has_a_state_that_agrees_with_its_value():
    seen = set()
    for gold, line in _lines():
        if line["status"] == "failed":
            continue
        assert set(line["state"]) == set(line["fields"]), line["doc"]
        for key, state in line["state"].items():
            value = line["fields"][key]
            seen.add(state)
            assert state in STATES
            if state in ("doubt", "missing"):
                assert value is None, (line["doc"], key)
            else:
                assert value is not None, (line["doc"], key)
            if state == "doubt":
                assert key in line["doubts"], (line["doc"], key)
            if state == "blank":
                assert value == 0 and line["printed"][key].strip() in ("", "—", "-", "/", "无", "／", "——", "－", "–", "空", "\\")
            if state == "read" and value is not None and gold["fields"].get(key) is not None:
                # a settled cell of the layout reader is right on the real set (0 wrong cells)
                assert value == gold["fields"][key], (line["doc"], key)
        json.dumps(line, ensure_ascii=False)  # the line stays plain JSON
    assert {"read", "blank", "doubt"} <= seen


def test_a_doubtful_cell_is_doubt_a_missing_table_is_missing_an_edit_is_edited():
    keys = catalogue.keys("2021")
    values = dict.fromkeys(keys, 0)
    values[_T3] = None
    values["review.upheld"] = None
    printed = {"requests.new.commercial": "", "requests.new.total": "—"}
    states = cell_states("2021", values, printed=printed, doubts=[_T3], edited=["requests.total.total"])
    assert states[_T3] == "doubt"
    assert states["review.upheld"] == "missing"
    assert states["requests.new.commercial"] == "blank"
    assert states["requests.new.total"] == "blank"
    assert states["requests.total.total"] == "edited"
    assert states["requests.carried_over.natural"] == "read"


def test_a_whole_report_model_reading_is_checked_only_where_its_identities_hold():
    keys = catalogue.keys("2021")
    values = dict.fromkeys(keys, 0)
    values["requests.new.natural"] = 5
    values["requests.new.total"] = 5  # the row total holds, and so must every other identity of the cell
    values["requests.total.natural"] = 5
    values["requests.total.total"] = 5
    values["requests.granted.natural"] = 5
    values["requests.granted.total"] = 5
    values["active.regulations.issued"] = 3  # 表二: no identity checks it
    values["requests.carried_over.legal_person"] = 0
    states = cell_states("2021", values, engine="llm")
    assert states["requests.new.natural"] == "model"
    assert states["active.regulations.issued"] == "model_unchecked"
    values["requests.total.total"] = 6  # now the row total of （七）总计 fails
    states = cell_states("2021", values, engine="llm")
    assert states["requests.total.total"] == "model_unchecked"
    assert states["requests.total.natural"] == "model_unchecked"


def test_auto_settles_a_cell_with_a_model_only_once_checked_and_says_so():
    keys = catalogue.keys("2019")
    values = dict.fromkeys(keys, 1)
    states = cell_states("2019", values, cell_engines={_T3: "model", "requests.new.total": "layout"})
    assert states[_T3] == "model"
    assert states["requests.new.total"] == "read"
