"""`items_below_zero` finds its `.change` keys fast (one search of the keys joined, then
`str.endswith` mapped): the same violations as testing every key, in the same order."""

from __future__ import annotations

import random
from operator import methodcaller

import rules
from conftest import gold_cases
from rules.base import Facts, violation
from extractor import catalogue


def _old_items_below_zero(f: Facts) -> list:
    out = []
    for key in filter(methodcaller("endswith", ".change"), f.values):
        prior_key = key.removesuffix(".change") + ".prior"
        if not f.has(key, prior_key):
            continue
        prior, change = f.value(prior_key), f.value(key)
        if prior + change < 0:
            row = catalogue.field(key).row
            out.append(violation(
                "items_below_zero", suffix=key.removesuffix(".change"), keys=[prior_key, key],
                expected=">= 0", found=prior + change,
                message=f"表二“{row}”：上一年项目数量 {prior}，本年增/减 {change}，"
                f"本年项目数量将是 {prior + change}，不可能为负",
            ))
    return out


def test_items_below_zero_matches_testing_every_key():
    rng = random.Random(23)
    fired = 0
    for _, gold in gold_cases():
        f = rules.facts_from_gold(gold)
        for _ in range(8):
            values = dict(f.values)
            changes = [k for k in values if k.endswith(".change")]
            for key in rng.sample(changes, min(len(changes), 3)):
                values[key] = rng.choice((None, -1000, -1, 0, 5))
            if changes and rng.random() < 0.3:  # one `.change` key alone, last: the joined keys end with it
                last = rng.choice(changes)
                for key in changes:
                    values.pop(key)
                values[last] = rng.choice((-1000, -1, 5))
            g = Facts(template=f.template, year=f.year, organ=f.organ, values=values, printed=f.printed)
            old = [repr(v) for v in _old_items_below_zero(g)]
            assert [repr(v) for v in rules.REGISTRY["items_below_zero"](g)] == old
            fired += len(old)
    assert fired > 20
