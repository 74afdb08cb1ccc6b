"""The probe's families that hide a printed 总计 (`no-total-column`: no 总计 column; `xlsx-formulas`:
a formula without its result) list, in the gold's `ambiguous`, the parts' sum beside a real
report's printed total that contradicts its parts: the page shows only the parts (issue 11)."""

from __future__ import annotations

import sys

from conftest import EVAL_REAL, ROOT

sys.path.insert(0, str(ROOT / "eval"))

from extractor.evaluation import load_set  # noqa: E402
from probe import FAMILIES  # noqa: E402
from probe._common import SEED, Ctx, hidden_totals  # noqa: E402


def _case(prefix: str):
    return next(c for c in load_set(EVAL_REAL) if c.id.split("/")[-1].startswith(prefix))


def test_a_printed_total_that_is_not_its_parts_sum_is_ambiguous_with_that_sum():
    # shanghai 2019 prints no 总计 in its outcome rows (0), its parts 258+12+1+1 = 272
    amb = hidden_totals(Ctx(_case("01_shanghai"), "no-total-column", SEED), "三")
    assert amb["requests.granted.total"] == [0, 272]
    assert "requests.new.total" not in amb  # 859 = its parts' sum: nothing hidden is open
    assert not any(k.startswith("review.") for k in amb)  # 表四 was not asked for


def test_table4_groups_and_a_consistent_report_have_none():
    amb = hidden_totals(Ctx(_case("02_hongze"), "xlsx-formulas", SEED))
    assert amb == {"review.total": [0, 11], "litigation_after_review.total": [0, 5]}
    assert hidden_totals(Ctx(_case("000_"), "no-total-column", SEED)) == {}


def test_no_total_column_writes_them_into_its_gold():
    ctx = Ctx(_case("01_shanghai"), "no-total-column", SEED)
    FAMILIES["no-total-column"](ctx)
    assert ctx.ambiguous["requests.granted.total"] == [0, 272]  # type: ignore[attr-defined]
