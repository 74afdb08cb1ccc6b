"""Identity rules (勾稽关系): each passes on a consistent record and fires on a broken one; and
on every real labelled report they give exactly the gold file's `source_violations`."""

from __future__ import annotations

import pytest

import rules
from _facts import changed, facts, fired
from conftest import gold_cases

IDENTITIES = ("row_total", "balance", "outcome_sum", "group_total")


def test_registry_holds_every_rule_with_a_chinese_description():
    assert set(IDENTITIES) <= set(rules.REGISTRY)
    for r in rules.REGISTRY.values():
        assert r.severity in ("error", "warning")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.description), r.id
    assert {r.kind for r in rules.REGISTRY.values()} >= {"identities", "plausibility", "narrative"}


def test_row_total():
    f = facts("003")
    assert fired(f, "row_total") == []
    (v,) = fired(changed(f, requests__granted__total=13), "row_total")
    assert v.rule == "row_total:requests.granted" and (v.expected, v.found) == (12, 13)
    assert "予以公开" in v.message and "13" in v.message


def test_balance():
    f = facts("16_huaian")
    assert fired(f, "balance") == []
    (v,) = fired(changed(f, requests__carried_forward__commercial=99), "balance")
    assert v.rule == "balance:requests.commercial" and "商业企业" in v.message


def test_outcome_sum():
    assert fired(facts("003"), "outcome_sum") == []
    got = {v.rule: (v.expected, v.found) for v in fired(facts("000"), "outcome_sum")}
    assert got == {"outcome_sum:requests.natural": (16, 15), "outcome_sum:requests.total": (20, 19)}


def test_group_total():
    f = facts("16_huaian")
    assert fired(f, "group_total") == []
    (v,) = fired(changed(f, review__total=350), "group_total")
    assert v.rule == "group_total:review" and (v.expected, v.found) == (351, 350) and "行政复议" in v.message


def test_absent_table_is_not_checked():
    f = facts("16_huaian")
    absent = changed(f, **{k.replace(".", "__"): None for k in f.values if k.startswith("review.")})
    absent = changed(absent, litigation_direct__total=0)
    assert [v.rule for v in rules.check(absent, kinds=["identities"])] == ["group_total:litigation_direct"]


@pytest.mark.parametrize("path,gold", gold_cases(), ids=[p.name for p, _ in gold_cases()])
def test_error_identities_on_gold_give_exactly_source_violations(path, gold):
    """THE eval-set test: what the printed reports themselves break, no more, no less."""
    found = [v.rule for v in rules.errors(rules.check(rules.facts_from_gold(gold), kinds=["identities"]))]
    assert len(found) == len(set(found))
    assert sorted(found) == sorted(gold.get("source_violations", []))


def test_eval_set_is_complete():
    cases = gold_cases()
    assert len(cases) >= 13 and all(p.exists() for p, _ in cases)
    broken = {p.name.split("_")[0] for p, g in cases if g.get("source_violations")}
    assert {"000", "01", "02", "15"} <= broken


@pytest.mark.parametrize("path,gold", gold_cases(), ids=[p.name for p, _ in gold_cases()])
def test_no_other_error_rule_fires_on_gold(path, gold):
    """Plausibility errors (negative counts …) must not fire on what real reports print."""
    found = [v.rule for v in rules.errors(rules.check(rules.facts_from_gold(gold)))]
    assert sorted(found) == sorted(gold.get("source_violations", []))


def test_a_total_printed_blank_is_said_to_be_blank_not_printed_as_0():
    from extractor import catalogue
    from rules import Facts, check

    values = dict.fromkeys(catalogue.keys("2021"), 0)
    values["requests.new.natural"] = 3
    values["requests.carried_forward.natural"] = 3  # the column balances; only the row total fails
    values["requests.carried_forward.total"] = 3
    blank = Facts(template="2021", year=2023, organ="某局", values=values, printed={"requests.new.total": ""})
    [v] = [v for v in check(blank) if v.rule == "row_total:requests.new"]
    assert "但总计栏空白" in v.message and "印为 0" not in v.message
    marked = Facts(template="2021", year=2023, organ="某局", values=values, printed={"requests.new.total": "—"})
    [v] = [v for v in check(marked) if v.rule == "row_total:requests.new"]
    assert "但总计印为“—”（空）" in v.message
    printed_zero = Facts(template="2021", year=2023, organ="某局", values=values)
    [v] = [v for v in check(printed_zero) if v.rule == "row_total:requests.new"]
    assert "但总计印为 0" in v.message
