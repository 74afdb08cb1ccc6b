"""The oracle against an even more naive enumeration, and on the brief's own examples.

The naive reading tries every subset of cuts inside every token and every placement of every
number of blanks, checks each cell with a regular expression, and applies the dropped-blank rule
afterwards; 表三's combinations are the plain product of the rows' readings, judged by the
project's identity rules (`identity_violations`), not by the oracle's sums.
"""

from __future__ import annotations

import itertools
import random
import re
from decimal import Decimal

import pytest

from extractor import catalogue
from extractor.evaluation import identity_violations
from extractor.evaluation.flat_page import PageStyle, RowStyle, print_row
from extractor.evaluation.oracle import (
    Explosion, NotNumeric, Row, allowed_values, ambiguous, row_readings, table_readings, truth_allowed,
)
from extractor.evaluation.synth import Shape, draw, print_error

COLS = catalogue.APPLICANT_COLUMNS
NEW = tuple(f"requests.new.{c}" for c in COLS)
APPEALS = tuple(f"{g}.{c}" for g in catalogue.APPEAL_GROUPS for c in catalogue.APPEAL_CELLS)
LICENSING = ("active.licensing.prior", "active.licensing.change", "active.licensing.decisions")
PROCUREMENT = ("active.procurement.items", "active.procurement.amount")

# ------------------------------------------------------------------ the naive enumeration

_CELL = {
    "int": re.compile(r"0|[1-9]\d*"),
    "signed": re.compile(r"0|[+-]?[1-9]\d*"),
    "decimal": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}


def _kind(key: str) -> str:
    return "decimal" if key.endswith(".amount") else "signed" if key.endswith(".change") else "int"


def _row_ok(keys: tuple[str, ...], reading: tuple) -> bool:
    """The row's own identity, written out by hand."""
    if len(keys) == 7 and keys[0].startswith("requests."):
        return reading[6] == sum(reading[:6])
    if keys == APPEALS:
        return all(reading[5 * g + 4] == sum(reading[5 * g: 5 * g + 4]) for g in range(3))
    return True


def naive_row(keys: tuple[str, ...], printed: str) -> set[tuple]:
    n = len(keys)
    tokens = [t for t in re.split(r"[\s\u3000|]+", printed) if t]
    splits_per_token = []
    for tok in tokens:
        unit = tok.endswith("元") and len(tok) > 1
        body = re.sub(r"万?元$", "", tok) if unit else tok
        options = []
        for mask in range(2 ** (len(body) - 1)):
            pieces, start = [], 0
            for j in range(1, len(body)):
                if mask >> (j - 1) & 1:
                    pieces.append(body[start:j])
                    start = j
            pieces.append(body[start:])
            options.append([(p, unit and i == len(pieces) - 1) for i, p in enumerate(pieces)])
        splits_per_token.append(options)
    by_d: dict[int, set[tuple]] = {}
    low = max(0, n - sum(ch.isdigit() for ch in printed))
    for choice in itertools.product(*splits_per_token):
        pieces = [p for token_pieces in choice for p in token_pieces]
        d = n - len(pieces)
        if d < low:  # fewer blanks than the rule's least: never chosen
            continue
        for blanks in itertools.combinations(range(n), d):
            it = iter(pieces)
            cells = [("0", False) if i in blanks else next(it) for i in range(n)]
            values = []
            for i, (text, unit) in enumerate(cells):
                kind = _kind(keys[i])
                if not _CELL[kind].fullmatch(text) or (unit and i != n - 1):
                    break
                values.append(Decimal(text) if kind == "decimal" else int(text))
            else:
                by_d.setdefault(d, set()).add(tuple(values))
    for d in sorted(by_d):
        if d >= low and (d <= n - 1 or not tokens):
            fitting = {r for r in by_d[d] if _row_ok(keys, r)}
            if fitting:
                return fitting
    return by_d.get(low, set())


def naive_table3(template: str, truth: dict, rows: list[tuple[tuple[str, ...], str]]) -> tuple[list[set[tuple]], bool]:
    """Per row, the readings used by an allowed combination (plain product of the rows), and
    whether the true table is one of the allowed combinations."""
    readings = [sorted(naive_row(k, p), key=str) for k, p in rows]
    combos = list(itertools.product(*readings))
    assert len(combos) <= 5000, "the naive check is for small cases"

    def consistent(combo) -> bool:
        fields = dict(truth)
        for (keys, _), reading in zip(rows, combo):
            fields.update(zip(keys, reading))
        data = {"meta": {"template": template, "year": 2022, "organ": "x"}, "fields": fields}
        return not any(v.startswith(("balance:", "outcome_sum:")) for v in identity_violations(data))

    good = [c for c in combos if consistent(c)] or combos
    true = tuple(tuple(truth[k] for k in keys) for keys, _ in rows)
    return [{c[i] for c in good} for i in range(len(rows))], true in set(good)


# ------------------------------------------------------------------ the brief's examples


@pytest.mark.parametrize("printed, reading", [
    ("30 0 01 04", (3, 0, 0, 0, 1, 0, 4)),
    ("2 0 0 10 0 3", (2, 0, 0, 1, 0, 0, 3)),
    ("690000069", (69, 0, 0, 0, 0, 0, 69)),
    ("160 02 0 018", (16, 0, 0, 2, 0, 0, 18)),
])
def test_partly_spaced_rows_of_the_brief_read_one_way(printed, reading):
    got = row_readings(Row(NEW, printed))
    assert got.readings == (reading,) and got.dropped == 0 and got.consistent


def test_a_dropped_blank_may_sit_anywhere_the_row_total_allows():
    got = row_readings(Row(NEW, "1 0 0 0 1 2"))  # 6 numbers for 7 cells
    assert got.dropped == 1
    assert set(got.readings) == {(0, 1, 0, 0, 0, 1, 2), (1, 0, 0, 0, 0, 1, 2), (1, 0, 0, 0, 1, 0, 2)}
    assert set(got.readings) == naive_row(NEW, "1 0 0 0 1 2")


def test_table4_is_split_by_its_group_totals():
    assert row_readings(Row(APPEALS, "10 0 1 200 0 0 0 0 0 0 00")).readings == ((1, 0, 0, 1, 2) + (0,) * 10,)
    assert row_readings(Row(APPEALS, "1 02 0 312 00 012 0 00 00")).readings == (
        (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0),)
    thirteen = row_readings(Row(APPEALS, "0" * 13))  # 13 digits for 15 cells: two blanks, all 0
    assert thirteen.dropped == 2 and thirteen.readings == ((0,) * 15,)


def test_a_sign_is_a_boundary_and_only_a_change_cell_takes_it():
    assert set(row_readings(Row(LICENSING, "12-385")).readings) == {(12, -38, 5), (12, -3, 85)}
    assert row_readings(Row(LICENSING, "12-38-5")).readings == ()  # the decisions cell cannot be negative
    assert row_readings(Row(LICENSING, "5+40 0")).readings == ((5, 40, 0),)


def test_a_decimal_point_and_a_unit_stay_with_the_amount():
    got = row_readings(Row(PROCUREMENT, "82059.2090万元")).readings
    assert got == ((8, Decimal("2059.2090")), (820, Decimal("59.2090")), (8205, Decimal("9.2090")))
    assert row_readings(Row(("active.licensing.prior", "active.licensing.decisions"), "1.5 2")).readings == ()
    assert row_readings(Row(PROCUREMENT, "3万元 2")).readings == ()  # the unit belongs to the last cell


def test_a_row_that_prints_nothing_is_all_zeros_and_junk_is_refused():
    assert row_readings(Row(NEW, "")).readings == ((0,) * 7,)
    with pytest.raises(NotNumeric):
        row_readings(Row(NEW, "1 2 3 a 5 6 7"))


def test_a_broken_row_keeps_every_reading_of_the_fewest_blanks():
    got = row_readings(Row(NEW, "2 0 0 0 0 0 3"))  # printed error: 3 ≠ 2
    assert not got.consistent and got.readings == ((2, 0, 0, 0, 0, 0, 3),)


def test_the_enumeration_is_bounded(monkeypatch):
    from extractor.evaluation import oracle

    monkeypatch.setattr(oracle, "MAX_NODES", 5_000)  # the same search, stopped sooner
    with pytest.raises(Explosion):
        row_readings(Row(APPEALS, "1" * 40))
    assert row_readings(Row(NEW, "1 0 0 0 0 0 1")).readings == ((1, 0, 0, 0, 0, 0, 1),)  # small rows pass


# ------------------------------------------------------------------ against the naive enumeration


def _random_row(rng: random.Random, keys: tuple[str, ...], values: dict) -> str:
    style = RowStyle(rng.choice(["spaced", "run", "partial"]), p_space=rng.random(),
                     drop=rng.choice([0, 0, 1, 2]), plus=rng.random() < 0.3, unit=rng.random() < 0.3)
    return print_row(keys, values, style, rng, PageStyle(ideographic=0.2))


def test_rows_agree_with_the_naive_enumeration():
    rng = random.Random(11)
    checked = 0
    for _ in range(3000):
        if checked == 120:
            break
        template = rng.choice(["2019", "2021"])
        values = draw(template, rng, Shape(big=rng.random() < 0.3, busy_appeals=True, negative_change=True))
        if rng.random() < 0.3:
            values, _ = print_error(values, template, rng)
        row = rng.choice(catalogue.request_rows(template))  # type: ignore[arg-type]
        candidates = [tuple(f"requests.{row}.{c}" for c in COLS), APPEALS,
                      *[tuple(k for k in catalogue.keys(template) if k.startswith(f"active.{item}."))  # type: ignore[arg-type]
                        for item in ("licensing", "punishment", "fees", "procurement", "normative")]]
        keys = rng.choice([k for k in candidates if k])
        printed = _random_row(rng, keys, values)
        if sum(len(t) - 1 for t in printed.split()) > (6 if keys == APPEALS else 10):
            continue  # too many hidden cuts for the naive check
        got = row_readings(Row(keys, printed))
        assert set(got.readings) == naive_row(keys, printed), (keys, printed)
        checked += 1
    assert checked == 120


def test_table3_agrees_with_the_plain_product_of_its_rows():
    rng = random.Random(5)
    checked = 0
    for _ in range(500):
        if checked == 12:
            break
        template = rng.choice(["2019", "2021"])
        values = draw(template, rng, Shape())
        if checked % 3 == 0:
            values, _ = print_error(values, template, rng)
        rows = []
        for row in catalogue.request_rows(template):  # type: ignore[arg-type]
            keys = tuple(f"requests.{row}.{c}" for c in COLS)
            spaced = rng.random() < 0.8  # most rows plain, a few run together or short of a blank
            style = RowStyle() if spaced else RowStyle(rng.choice(["run", "partial"]), drop=rng.choice([0, 1]))
            rows.append((keys, print_row(keys, values, style, rng, PageStyle())))
        sizes = [len(naive_row(k, p)) for k, p in rows]
        if max(len(p.replace(" ", "")) - 7 for _, p in rows) > 6 or _product(sizes) > 64:
            continue
        got = table_readings([Row(k, p) for k, p in rows], template)
        want, truth_in = naive_table3(template, values, rows)
        assert [set(r) for r in got.allowed] == want
        assert truth_allowed(got, values) == truth_in
        checked += 1
    assert checked == 12


def _product(sizes: list[int]) -> int:
    out = 1
    for s in sizes:
        out *= s
    return out


def test_cross_row_identities_settle_a_dropped_blank():
    """Row 一 alone allows two readings; the columns' balance keeps the true one."""
    template = "2021"
    values = {k: 0 for k in catalogue.keys(template)}
    for row in ("new", "granted", "total"):
        values[f"requests.{row}.commercial"] = 1
        values[f"requests.{row}.total"] = 1
    rows = []
    for row in catalogue.request_rows(template):
        keys = tuple(f"requests.{row}.{c}" for c in COLS)
        printed = "1 0 0 0 0 1" if row == "new" else " ".join(str(values[k]) for k in keys)
        rows.append(Row(keys, printed))
    alone = row_readings(rows[0])
    assert len(alone.readings) == 2
    table = table_readings(rows, template)
    assert table.consistent and set(table.allowed[0]) == {tuple(values[k] for k in rows[0].keys)}
    assert truth_allowed(table, values)
    assert ambiguous([table]) == {}
    assert allowed_values([table])["requests.new.commercial"] == [1]
