"""The strict report models: what they accept and what they refuse."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from conftest import gold_cases
from extractor.flat import from_flat, parse_report
from extractor.schema import Report2019, Report2021


def record(prefix: str):
    gold = next(g for p, g in gold_cases() if p.name.startswith(prefix))
    meta = gold["meta"]
    return from_flat(meta["template"], gold["fields"], organ=meta["organ"], year=meta["year"])


def nested(rec) -> dict:
    return json.loads(rec.model_dump_json())


def test_a_valid_record_validates_from_its_json():
    rec = record("003")
    assert isinstance(rec, Report2019)
    again = parse_report(nested(rec))
    assert again == rec
    assert isinstance(parse_report(nested(record("002"))), Report2021)


def test_unknown_fields_are_rejected_at_every_level():
    data = nested(record("003"))
    for where in (data, data["requests"], data["requests"]["new"], data["review"], data["active"]["procurement"]):
        where["bogus"] = 1
        with pytest.raises(ValidationError, match="bogus"):
            parse_report(data)
        del where["bogus"]


def test_a_row_of_the_other_version_is_rejected():
    data = nested(record("003"))  # 2019
    data["requests"]["other_misc"] = data["requests"]["other"]
    with pytest.raises(ValidationError):
        parse_report(data)


def test_negative_counts_are_rejected_except_changes():
    data = nested(record("003"))
    assert data["active"]["other_services"]["change"] == -14  # 本年增/减 printed -14
    parse_report(data)
    data["requests"]["new"]["natural"] = -1
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        parse_report(data)


@pytest.mark.parametrize("bad", ["5", 5.5, True])
def test_counts_are_strict_integers(bad):
    data = nested(record("003"))
    data["review"]["total"] = bad
    with pytest.raises(ValidationError):
        parse_report(data)


def test_a_cell_may_be_unsettled_but_never_missing():
    """None is a cell the reader could not settle; leaving the cell out is still refused."""
    data = nested(record("003"))
    data["review"]["total"] = None
    assert parse_report(data).review.total is None
    del data["review"]["total"]
    with pytest.raises(ValidationError):
        parse_report(data)


def test_amounts_are_decimals_kept_exactly():
    rec = record("07_pingtan")
    assert rec.active.fees.amount == Decimal("24252.311082")
    assert isinstance(rec.active.fees.amount, Decimal)
    with pytest.raises(ValidationError):
        Report2021.model_validate({**nested(rec), "active": {**nested(rec)["active"], "fees": {"amount": -1}}})


def test_absent_table_differs_from_a_table_of_zeros():
    data = nested(record("002"))  # 表四 all zeros
    rec = parse_report(data)
    assert rec.review is not None and rec.review.total == 0
    data["review"] = None
    absent = parse_report(data)
    assert absent.review is None and absent != rec
    del data["review"]
    with pytest.raises(ValidationError):  # a table must be stated, present or null
        parse_report(data)


def test_printed_keys_are_validated():
    data = nested(record("003"))
    data["printed"] = {"active.fees.change": "—", "active.procurement.amount": "209600元"}
    assert parse_report(data).printed["active.fees.change"] == "—"
    data["printed"] = {"active.fees.amount": "5万元"}  # a 2021 key in a 2019 record
    with pytest.raises(ValidationError, match="unknown cell keys"):
        parse_report(data)
    data["printed"] = {"requests.nope.total": "/"}
    with pytest.raises(ValidationError, match="unknown cell keys"):
        parse_report(data)


def test_records_are_frozen():
    rec = record("003")
    with pytest.raises(ValidationError):
        rec.year = 2021  # type: ignore[misc]


def test_json_schema_is_compact_and_in_the_reports_words():
    schema = json.dumps(Report2021.model_json_schema(), ensure_ascii=False)
    assert len(schema) < 12_000  # it goes into every model prompt
    for label in ("本年新收政府信息公开申请数量", "结果维持", "本年收费金额", "行政复议"):
        assert label in schema
