"""The identity rules' fast path (`_all_hold`: every identity at once) changes no verdict: with it
and without it (each identity judged alone, as before) the rules give the same violations."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

import rules
from conftest import gold_cases
from rules import identities
from rules.base import Facts

IDENTITIES = ("row_total", "balance", "outcome_sum", "group_total")


def _each_alone(f: Facts, rule_id: str, monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as m:
        m.setattr(identities, "_all_hold", lambda f, rule_id: False)
        return [repr(v) for v in rules.REGISTRY[rule_id](f)]


def _variants(f: Facts, rng: random.Random) -> list[Facts]:
    """The report as labelled, and copies with cells changed, emptied (None), made Decimal or dropped."""
    out = [f]
    keys = list(f.values)
    for _ in range(12):
        values = dict(f.values)
        for key in rng.sample(keys, rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.4 and values[key] is not None:
                values[key] = values[key] + rng.choice((-1, 1, 10))
            elif kind < 0.6:
                values[key] = None
            elif kind < 0.8 and values[key] is not None:
                values[key] = Decimal(values[key])
            else:
                del values[key]
        out.append(Facts(template=f.template, year=f.year, organ=f.organ, values=values, printed=f.printed))
    return out


def test_fast_path_gives_the_violations_of_each_identity_alone(monkeypatch: pytest.MonkeyPatch):
    rng = random.Random(17)
    held = broken = 0
    for _, gold in gold_cases():
        for f in _variants(rules.facts_from_gold(gold), rng):
            for rule_id in IDENTITIES:
                alone = _each_alone(f, rule_id, monkeypatch)
                assert [repr(v) for v in rules.REGISTRY[rule_id](f)] == alone, rule_id
                if identities._all_hold(f, rule_id):
                    held += 1
                    assert alone == []  # the fast path only ever says "nothing to report"
                else:
                    broken += bool(alone)
    assert held > 100 and broken > 100  # both paths taken, often
