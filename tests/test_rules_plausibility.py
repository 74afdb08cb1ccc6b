"""Plausibility rules: each passes on a sound record and fires on a broken one."""

from __future__ import annotations

from decimal import Decimal

from _facts import changed, facts, fired


def test_negative_count_flags_counts_not_changes():
    f = facts("003")  # prints 本年增/减 -14: a change may be negative
    assert f.get("active.other_services.change") == -14
    assert fired(f, "negative_count") == []
    bad = changed(f, requests__new__natural=-2)
    (v,) = fired(bad, "negative_count")
    assert v.rule == "negative_count:requests.new.natural" and v.severity == "error"
    assert v.found == -2 and "-2" in v.message and "本年新收" in v.message


def test_items_below_zero():
    f = facts("003")
    assert fired(f, "items_below_zero") == []  # 62 - 14 = 48
    (v,) = fired(changed(f, active__other_services__change=-70), "items_below_zero")
    assert v.keys == ("active.other_services.prior", "active.other_services.change")
    assert v.found == -8 and "62" in v.message and "-70" in v.message


def test_template_year():
    assert fired(facts("003"), "template_year") == []  # 2020, 2019 format
    assert fired(facts("002"), "template_year") == []  # 2023, 2021 format
    (v,) = fired(facts("003", year=2022), "template_year")
    assert v.severity == "warning" and v.expected == "2021" and "2022" in v.message
    (v,) = fired(facts("002", year=2020), "template_year")
    assert v.expected == "2019"
    assert fired(facts("002", year=None), "template_year") == []


def test_amount_unit_per_item_catches_seed_003():
    (v,) = fired(facts("003"), "amount_unit")  # 1 project, 209600 万元
    assert v.rule == "amount_unit:active.procurement.amount" and v.severity == "warning"
    assert "209600" in v.message and "20.96 亿元" in v.message
    assert fired(facts("000"), "amount_unit") == []  # 45 projects, 21.53 万元
    assert fired(changed(facts("003"), active__procurement__items=30), "amount_unit") == []


def test_amount_unit_absolute_ceiling_catches_yuan_with_cents():
    f = facts("05_pingtan")  # 135 projects, 75394432.52 printed in 元
    (v,) = fired(f, "amount_unit")
    assert "7539.44 亿元" in v.message
    fees = facts("07_pingtan")  # 2021 fees 24252.311082 万元: plausible
    assert fired(fees, "amount_unit") == []
    assert fired(changed(fees, active__fees__amount=Decimal("242523110.82")), "amount_unit")


def test_amount_unit_printed_yuan():
    f = facts("000", printed={"active.procurement.amount": "21.53万元"})
    assert fired(f, "amount_unit") == []
    f = facts("000", printed={"active.procurement.amount": "21.53元"})
    (v,) = fired(f, "amount_unit")
    assert v.found == "21.53元" and "元" in v.message


def test_stock_below_new():
    assert fired(facts("003"), "stock_below_new") == []  # 2 / 2 / 2
    assert fired(facts("09_pingtan"), "stock_below_new") == []  # 77 issued, 132 repealed, 470 in force
    (v,) = fired(changed(facts("003"), active__normative__total=1), "stock_below_new")
    assert v.keys == ("active.normative.published", "active.normative.total") and v.found == 1
    (v,) = fired(changed(facts("09_pingtan"), active__normative__in_force=10), "stock_below_new")
    assert "现行有效件数 10" in v.message and "77" in v.message


def test_decide_status_agrees_with_the_reasons_for_review():
    """`decide_status` decides without building the reasons: review when `review_reasons` gives one
    (an error, a doubt, a table not found) or a cell has no value, else verified."""
    import itertools

    from extractor import catalogue
    from extractor.engines.base import Doubt
    from extractor.flat import from_flat, to_flat
    from extractor.result import decide_status, review_reasons
    from rules import Violation

    error = Violation(rule="row_total:requests.new", severity="error", keys=("requests.new.total",), message="x")
    warning = Violation(rule="narrative_count:done", severity="warning", keys=(), message="x")
    for absent, violations, doubts, unset in itertools.product(
            ((), ("review",), ("litigation_direct",), ("active",)), ([], [warning], [error, warning]),
            ({}, {"year": Doubt(reason="missing_title")}), (False, True)):
        values = {k: None if k.split(".")[0] in absent else 1 for k in catalogue.keys("2021")}
        if unset:
            values["requests.new.total"] = None
        record = from_flat("2021", values, organ="某局", year=2022, present=[t for t in (
            "active", "requests", "review", "litigation_direct", "litigation_after_review") if t not in absent])
        reasons = review_reasons(record, violations, doubts)
        # a table not found that names no reason (表四's litigation groups) still leaves cells None
        expected = "review" if reasons or None in to_flat(record).values() else "verified"
        assert decide_status(record, violations, doubts) == expected
    assert decide_status(None, [], {}) == "failed"
