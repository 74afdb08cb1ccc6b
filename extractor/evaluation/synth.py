"""Random tables that satisfy every identity of the format, and printed errors that break one.

Generated reports need numbers nobody has seen, shaped like real ones: mostly small counts and
many zeros, now and then tens or hundreds, 表二 figures in the thousands, amounts in 万元 with
decimals, and (2019) 本年增/减 that may be negative. `draw` makes such a table for either format;
`print_error` changes one 总计 by one, as publishers sometimes do, and names the cells that must
then be printed plainly so the error stays readable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import catalogue

Values = dict[str, Any]


@dataclass(frozen=True)
class Shape:
    """How busy a report is: how many applicant columns and 表四 groups carry numbers."""

    big: bool = False  # 表三 counts in the tens or hundreds
    busy_appeals: bool = False  # 表四 groups with cases, sometimes multi-digit
    negative_change: bool = False  # at least one 2019 本年增/减 below zero


def draw(template: catalogue.Template, rng: random.Random, shape: Shape = Shape()) -> Values:
    """Every cell of one version, consistent: 表三's rows, columns and balance, 表四's groups."""
    values: Values = {}
    values.update(_table2(template, rng, shape))
    values.update(_table3(template, rng, shape))
    values.update(_table4(rng, shape))
    assert set(values) == set(catalogue.keys(template))
    return values


def _count(rng: random.Random, *, zero: float, small: int = 9, big: int = 0) -> int:
    """0 with probability `zero`, else 1..small, or (when `big`) sometimes 10..big."""
    if rng.random() < zero:
        return 0
    if big and rng.random() < 0.35:
        return rng.randint(10, big)
    return rng.randint(1, small)


def _amount(rng: random.Random) -> Decimal:
    """An amount in 万元: 0, or a number with up to four decimals (sometimes thousands)."""
    if rng.random() < 0.35:
        return Decimal(0)
    places = rng.choice([0, 1, 2, 2, 4])
    whole = rng.choice([rng.randint(0, 99), rng.randint(100, 9999)])
    frac = rng.randint(1, 10 ** places - 1) if places else 0
    text = f"{whole}.{frac:0{places}d}" if places else str(max(whole, 1))
    return Decimal(text)


def _table2(template: catalogue.Template, rng: random.Random, shape: Shape) -> Values:
    v: Values = {}
    docs = [("regulations", 0.9, 3, 0), ("normative", 0.4, 20, 300)]
    if template == "2019":
        for name, zero, small, big in docs:
            made = _count(rng, zero=zero, small=small)
            v[f"active.{name}.made"] = made
            v[f"active.{name}.published"] = made if rng.random() < 0.8 else _count(rng, zero=zero, small=small)
            v[f"active.{name}.total"] = v[f"active.{name}.published"] + _count(rng, zero=0.3, small=small, big=big)
        items = ["licensing", "other_services", "punishment", "coercion"]
        negative = rng.choice(items) if shape.negative_change else None
        for name in items:
            prior = _count(rng, zero=0.4, small=60, big=900)
            if name == negative and prior == 0:
                prior = rng.randint(2, 90)
            if name == negative or (prior and rng.random() < 0.25):
                change = -rng.randint(1, prior)
            else:
                change = _count(rng, zero=0.5, small=40)
            v[f"active.{name}.prior"] = prior
            v[f"active.{name}.change"] = change
            v[f"active.{name}.decisions"] = _count(rng, zero=0.4, small=400, big=9000)
        prior = _count(rng, zero=0.6, small=9)
        v["active.fees.prior"] = prior
        v["active.fees.change"] = -rng.randint(1, prior) if prior and rng.random() < 0.3 else _count(rng, zero=0.7, small=3)
        items_bought = _count(rng, zero=0.3, small=40, big=300)
        v["active.procurement.items"] = items_bought
        v["active.procurement.amount"] = _amount(rng) if items_bought else Decimal(0)
    else:
        for name, zero, small, big in docs:
            issued = _count(rng, zero=zero, small=small)
            v[f"active.{name}.issued"] = issued
            v[f"active.{name}.repealed"] = _count(rng, zero=0.6, small=small)
            v[f"active.{name}.in_force"] = issued + _count(rng, zero=0.3, small=small, big=big)
        for name in ("licensing", "punishment", "coercion"):
            v[f"active.{name}.decisions"] = _count(rng, zero=0.35, small=400, big=9000)
        v["active.fees.amount"] = _amount(rng)
    return v


#: Outcome rows that publishers fill most often, and how likely each is to be picked.
_OUTCOME_WEIGHT = {"granted": 8, "partial": 3, "unable_not_held": 4, "ignored_duplicate": 1, "denied_internal": 1,
                   "denied_process": 1, "ignored_complaint": 1, "other": 1, "other_misc": 1, "other_no_correction": 1}


def _table3(template: catalogue.Template, rng: random.Random, shape: Shape) -> Values:
    cols = catalogue.APPLICANT_COLUMNS[:-1]
    rows = catalogue.request_rows(template)
    outcome = catalogue.outcome_rows(template)
    v: Values = {f"requests.{r}.{c}": 0 for r in rows for c in catalogue.APPLICANT_COLUMNS}
    weights = [_OUTCOME_WEIGHT.get(r, 0.3) for r in outcome]
    for col in cols:
        active = rng.random() < (0.92 if col == "natural" else 0.22)
        if not active:
            continue
        handled = _count(rng, zero=0.08, small=9 if col == "natural" else 4,
                         big=(300 if col == "natural" else 30) if shape.big else 0)
        # spread the handled requests over one to four outcome rows
        picks = rng.choices(outcome, weights=weights, k=rng.randint(1, 4))
        for _ in range(handled):
            row = rng.choice(picks)
            v[f"requests.{row}.{col}"] += 1
        total = handled
        forward = _count(rng, zero=0.7, small=4)
        over = _count(rng, zero=0.7, small=4)
        over = min(over, total + forward)
        v[f"requests.total.{col}"] = total
        v[f"requests.carried_forward.{col}"] = forward
        v[f"requests.carried_over.{col}"] = over
        v[f"requests.new.{col}"] = total + forward - over
    for row in rows:
        v[f"requests.{row}.total"] = sum(v[f"requests.{row}.{c}"] for c in cols)
    return v


def _table4(rng: random.Random, shape: Shape) -> Values:
    v: Values = {}
    for group in catalogue.APPEAL_GROUPS:
        quiet = rng.random() < (0.3 if shape.busy_appeals else 0.7)
        big = 25 if shape.busy_appeals else 0
        cells = [0 if quiet else _count(rng, zero=0.5, small=3, big=big) for _ in catalogue.APPEAL_CELLS[:-1]]
        for name, n in zip(catalogue.APPEAL_CELLS[:-1], cells):
            v[f"{group}.{name}"] = n
        v[f"{group}.total"] = sum(cells)
    return v


@dataclass(frozen=True)
class PrintedError:
    """One printed error: what changed, and the rows that must be printed plainly."""

    what: str
    keys: tuple[str, ...]  # the changed cells
    plain_rows: tuple[str, ...]  # row prefixes ('requests.total', 'appeals') printed fully spaced


def print_error(values: Values, template: catalogue.Template, rng: random.Random) -> tuple[Values, PrintedError]:
    """A copy of `values` with one 总计 off by one (never below 0)."""
    out = dict(values)
    kind = rng.choice(["row_total", "group_total", "column_total"])
    if kind == "group_total":
        group = rng.choice(catalogue.APPEAL_GROUPS)
        key = f"{group}.total"
        out[key] = _off_by_one(out[key], rng)
        return out, PrintedError(f"表四 {group} 总计 printed as {out[key]} (sum {values[key]})", (key,), ("appeals",))
    if kind == "row_total":
        row = rng.choice(catalogue.request_rows(template))
        key = f"requests.{row}.total"
        out[key] = _off_by_one(out[key], rng)
        return out, PrintedError(f"表三 row {row}: 总计 printed as {out[key]} (sum {values[key]})", (key,),
                                 (f"requests.{row}",))
    col = rng.choice(catalogue.APPLICANT_COLUMNS[:-1])
    keys = (f"requests.total.{col}", "requests.total.total")
    step = 1 if out[keys[0]] == 0 or rng.random() < 0.5 else -1
    for key in keys:
        out[key] += step
    return out, PrintedError(f"表三 （七）总计 {col} and its row total printed {step:+d} (rows sum otherwise)", keys,
                             ("requests.total",))


def _off_by_one(n: int, rng: random.Random) -> int:
    return n + 1 if n == 0 or rng.random() < 0.5 else n - 1
