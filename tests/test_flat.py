"""The flat view: exactly the catalogue's keys, and back again, for every real gold file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from conftest import gold_cases
from extractor import catalogue
from extractor.errors import CatalogueError
from extractor.flat import dump_value, from_flat, to_flat


def build(gold, **overrides):
    meta = gold["meta"]
    values = {**gold["fields"], **overrides.pop("values", {})}
    return from_flat(meta["template"], values, organ=meta["organ"], year=meta["year"], **overrides)


@pytest.mark.parametrize("path,gold", gold_cases(), ids=[p.name for p, _ in gold_cases()])
def test_round_trip_on_every_gold_file(path, gold):
    rec = build(gold)
    flat = to_flat(rec)
    assert list(flat) == list(catalogue.keys(gold["meta"]["template"]))
    for key, value in gold["fields"].items():
        if catalogue.field(key).type == "decimal":
            assert isinstance(flat[key], Decimal) and flat[key] == Decimal(str(value)), key
            assert dump_value(flat[key]) == value
        else:
            assert type(flat[key]) is int and flat[key] == value, key
    meta = gold["meta"]
    assert from_flat(rec.template, flat, organ=meta["organ"], year=meta["year"]) == rec


def test_absent_table_reads_none_not_zero():
    _, gold = gold_cases()[0]
    absent = {k: None for k in gold["fields"] if k.split(".")[0] == "review"}
    rec = build(gold, values=absent)
    assert rec.review is None
    flat = to_flat(rec)
    assert all(flat[k] is None for k in absent)
    zeros = to_flat(build(gold, values={k: 0 for k in absent}))
    assert all(zeros[k] == 0 for k in absent)


def test_an_unsettled_cell_is_none_in_a_present_table():
    _, gold = gold_cases()[0]
    rec = build(gold, values={"review.upheld": None})
    assert rec.review is not None and rec.review.upheld is None
    assert to_flat(rec)["review.upheld"] is None and to_flat(rec)["review.total"] == gold["fields"]["review.total"]


def test_a_table_found_with_nothing_settled_is_present_only_when_named():
    _, gold = gold_cases()[0]
    nothing = {k: None for k in gold["fields"] if k.startswith("requests.")}
    assert build(gold, values=nothing).requests is None
    rec = build(gold, values=nothing, present={"requests"})
    assert rec.requests is not None and rec.requests.new.natural is None


def test_missing_and_unknown_keys_are_refused():
    _, gold = gold_cases()[0]
    fields = dict(gold["fields"])
    del fields["review.total"]
    with pytest.raises(CatalogueError, match="review.total"):
        from_flat("2019", fields, organ="x", year=2020)
    with pytest.raises(CatalogueError, match="active.fees.amount"):
        from_flat("2019", {**gold["fields"], "active.fees.amount": 1}, organ="x", year=2020)


def test_bad_values_are_refused():
    _, gold = gold_cases()[0]
    with pytest.raises(ValidationError):
        build(gold, values={"requests.new.natural": -3})
    rec = build(gold, values={"active.fees.change": -3})
    assert to_flat(rec)["active.fees.change"] == -3


def test_printed_is_kept_beside_the_value(seed000):
    _, gold = seed000  # prints 本年增/减 "+5"
    rec = build(gold, printed={"active.fees.change": "+5"})
    assert to_flat(rec)["active.fees.change"] == 5 and rec.printed == {"active.fees.change": "+5"}
    with pytest.raises(ValidationError):
        build(gold, printed={"bogus": "—"})


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("absent", [(), ("review",), ("active", "litigation_direct")])
def test_the_view_from_flat_keeps_is_the_view_of_the_record(template, absent):
    """`to_flat` of the record `from_flat` has just built answers from the values it was given (no
    walk of the record): the same keys in the same order, the same values and types as a walk of an
    equal record gives (absent tables None, amounts given as ints or floats as Decimals)."""
    import extractor.flat as flat

    values: dict = {}
    for i, key in enumerate(catalogue.keys(template)):
        decimal = catalogue.field(key).type == "decimal"
        values[key] = None if key.split(".")[0] in absent else (2.5 if decimal and i % 2 else i if decimal else i)
    record = from_flat(template, values, organ="某局", year=2022, printed={catalogue.keys(template)[0]: "—"})
    assert flat._LAST[0] is record  # the view is kept
    kept = to_flat(record)
    again = from_flat(template, values, organ="某局", year=2022, printed={catalogue.keys(template)[0]: "—"})
    flat._LAST = (None, {})
    walked = to_flat(again)
    assert again == record
    assert list(kept.items()) == list(walked.items())
    assert [type(v) for v in kept.values()] == [type(v) for v in walked.values()]
    assert list(kept) == list(catalogue.keys(template))
    kept["requests.new.total"] = -1  # a copy each time: a caller may change its own
    assert to_flat(record) != kept


def test_a_value_the_schema_refuses_still_raises_its_error():
    values = dict.fromkeys(catalogue.keys("2021"), 0)
    values["requests.new.natural"] = -3
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        from_flat("2021", values, organ="某局", year=2022)
