"""The table solver against brute force, on the printed forms issue 11 names, and within its bounds.

`row_readings` must find exactly the readings a naive enumeration finds (every cut of every
piece, every place for a dropped blank, then the row's identities); `solve` exactly the cell
values that the naive product of row readings leaves under the table's identities.
"""

from __future__ import annotations

import itertools
import random
import time
from decimal import Decimal

import pytest

from extractor.engines.layout._cells import Cell
from extractor.engines.layout.cellvalue import part_value
from extractor.engines.layout.solve import TooHard, pieces, row_readings, solve, RowReadings
from extractor.identities import Identity


def cells_of(text: str) -> list[Cell]:
    """Number cells of a printed row: a space is a hard cut."""
    out, pos = [], 0
    for token in text.split(" "):
        if token:
            out.append(Cell("num", token, pos, pos + len(token), 0))
        pos += len(token) + 1
    return out


ROW_KEYS = tuple(f"requests.new.{c}" for c in
                 ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total"))
ROW_TOTAL = Identity("row_total", "requests.new", ROW_KEYS[:6], ROW_KEYS[6:])


def values(readings) -> set[tuple]:
    return {tuple(r.value for r in reading) for reading in readings}


def naive(keys, text: str, idents, drops: int) -> set[tuple]:
    """Every reading by brute force: cut each piece every way, put `drops` zeros anywhere."""
    toks = text.split()
    per_token = []
    for t in toks:
        ways = []
        for cuts in itertools.product([False, True], repeat=len(t) - 1):
            parts, cur = [], t[0]
            for ch, cut in zip(t[1:], cuts):
                if cut:
                    parts.append(cur)
                    cur = ch
                else:
                    cur += ch
            parts.append(cur)
            if all(p == "0" or p[0] != "0" for p in parts):
                ways.append(parts)
        per_token.append(ways)
    out = set()
    for combo in itertools.product(*per_token):
        numbers = [int(p) for parts in combo for p in parts]
        if len(numbers) + drops != len(keys):
            continue
        for where in itertools.combinations(range(len(keys)), drops):
            it = iter(numbers)
            row = tuple(0 if i in where else next(it) for i in range(len(keys)))
            if all(sum(row[keys.index(k)] for k in i.parts) == sum(row[keys.index(k)] for k in i.totals)
                   for i in idents):
                out.add(row)
    return out


def fewest_consistent(keys, text, idents) -> set[tuple]:
    """The naive readings with the fewest dropped blanks that keep the identities (the semantics
    row_readings promises for rows with an identity of their own)."""
    digits = len(text.replace(" ", ""))
    least = max(0, len(keys) - digits)
    for drops in range(least, least + 3):
        found = naive(keys, text, idents, drops)
        if found:
            return found
    return set()


@pytest.mark.parametrize("text,expected", [
    ("30 0 01 04", {(3, 0, 0, 0, 1, 0, 4)}),        # issue 11: partial spacing
    ("2 0 0 10 0 3", {(2, 0, 0, 1, 0, 0, 3)}),
    ("160 02 0 018", {(16, 0, 0, 2, 0, 0, 18)}),     # report 47's 本年新收
    ("690000069", {(69, 0, 0, 0, 0, 0, 69)}),        # run together, 9 digits for 7 cells
])
def test_partial_spacing_rows_read_one_way(text, expected):
    got = row_readings(ROW_KEYS, pieces(cells_of(text)), [ROW_TOTAL], value=part_value)
    assert values(got.readings) == expected and not got.broken


def test_a_dropped_blank_keeps_every_place_it_could_have_been():
    # 6 digits for 7 cells: one blank left no character; before or after the 3, both keep the total
    got = row_readings(ROW_KEYS, pieces(cells_of("3 0 0 0 0 3")), [ROW_TOTAL], value=part_value)
    assert got.dropped == 1
    assert values(got.readings) == {(3, 0, 0, 0, 0, 0, 3), (0, 3, 0, 0, 0, 0, 3)}


def test_a_row_broken_in_print_keeps_every_cut_unchecked():
    got = row_readings(ROW_KEYS, pieces(cells_of("5 0 0 0 0 0 47")), [ROW_TOTAL], value=part_value)
    assert got.broken and values(got.readings) == {(5, 0, 0, 0, 0, 0, 47)}


@pytest.mark.parametrize("seed", range(60))
def test_row_readings_match_brute_force(seed):
    rng = random.Random(seed)
    n = rng.randint(3, 6)
    keys = ROW_KEYS[:n - 1] + ROW_KEYS[6:]
    ident = Identity("row_total", "x", keys[:-1], keys[-1:])
    truth = [rng.choice([0, 0, 0, 1, 2, 5, 12, 30]) for _ in range(n - 1)]
    truth.append(sum(truth))
    text = "".join(str(v) + rng.choice(["", "", " "]) for v in truth).strip()
    if rng.random() < 0.3:  # a blank that left no character
        text = text.replace("0", "", 1)
    row = pieces(cells_of(text))
    got = row_readings(keys, row, [ident], value=part_value)
    expected = fewest_consistent(list(keys), text, [ident])
    if expected:
        assert values(got.readings) == expected, text
    else:
        digits = len(text.replace(" ", ""))
        assert got.broken and values(got.readings) == naive(list(keys), text, [], max(0, n - digits))


def test_signs_and_points_are_boundaries_of_their_own():
    keys = ("active.licensing.prior", "active.licensing.change", "active.licensing.decisions")
    got = row_readings(keys, pieces([Cell("num", "12", 0, 2), Cell("num", "-38", 2, 5)]), [], value=part_value)
    assert values(got.readings) == {(12, -3, 8)}  # 38 cannot be 处理决定数量 and -38 has no third cell
    fees = ("active.fees.prior", "active.fees.change")
    got = row_readings(fees, pieces([Cell("num", "12", 0, 2), Cell("num", "-38", 2, 5)]), [], value=part_value)
    assert values(got.readings) == {(12, -38)}
    buy = ("active.procurement.items", "active.procurement.amount")
    run = "82059.2090万元"
    got = row_readings(buy, pieces([Cell("num", run, 0, len(run))]), [], value=part_value)
    assert values(got.readings) == {(8, Decimal("2059.2090")), (820, Decimal("59.2090")), (8205, Decimal("9.2090"))}
    assert all(r[1].end == len(run) and r[1].printed.endswith("万元") for r in got.readings)  # the unit is the amount's


# ---------------------------------------------------------------- the table


def _table(seed: int):
    """Three outcome rows and a total row of 3 columns (+ row totals), with ambiguous prints."""
    rng = random.Random(seed)
    cols = 3
    names = ["a", "b", "c", "t"]
    keys = {r: tuple(f"requests.{r}.{c}" for c in ("x", "y", "total")) for r in names}
    rows = {r: [rng.choice([0, 1, 2, 3, 10, 12]) for _ in range(cols - 1)] for r in names[:-1]}
    for r in rows.values():
        r.append(sum(r))
    rows["t"] = [sum(rows[r][i] for r in names[:-1]) for i in range(cols)]
    idents = [Identity("row_total", r, keys[r][:-1], keys[r][-1:]) for r in names]
    idents += [Identity("outcome_sum", c, tuple(keys[r][i] for r in names[:-1]), (keys["t"][i],))
               for i, c in enumerate(("x", "y", "total"))]
    texts = {r: "".join(map(str, v)) for r, v in rows.items()}  # run together: ambiguity on purpose
    return keys, idents, texts


@pytest.mark.parametrize("seed", range(40))
def test_solve_matches_the_brute_force_product(seed):
    keys, idents, texts = _table(seed)
    readings = {r: row_readings(keys[r], pieces(cells_of(t)), [i for i in idents if i.about == r], value=part_value)
                for r, t in texts.items()}
    solution = solve(readings, {}, idents)
    options = [[tuple(x.value for x in rd) for rd in readings[r].readings] for r in texts]
    flat_keys = [k for r in texts for k in keys[r]]
    good = []
    for combo in itertools.product(*options):
        vals = dict(zip(flat_keys, itertools.chain(*combo)))
        if all(sum(vals[k] for k in i.parts) == sum(vals[k] for k in i.totals) for i in idents):
            good.append(vals)
    pool = good or [dict(zip(flat_keys, itertools.chain(*c))) for c in itertools.product(*options)]
    for key in flat_keys:
        assert set(solution.cells[key]) == {g[key] for g in pool}, key
    assert all(solution.consistent[r] == bool(good) for r in texts)


def test_rows_no_identity_ties_are_solved_apart():
    # 表二: three independent rows of many readings each would multiply to thousands of combinations
    keys = {r: (f"active.{r}.made", f"active.{r}.published", f"active.{r}.total") for r in ("x", "y", "z")}
    readings = {r: row_readings(keys[r], pieces(cells_of("1234567")), [], value=part_value) for r in keys}
    assert all(len(rr.readings) == 15 for rr in readings.values())
    solution = solve(readings, {}, [])
    assert set(solution.cells["active.x.made"]) == {1, 12, 123, 1234, 12345}


# ---------------------------------------------------------------- bounds


def test_a_huge_run_gives_up_quickly():
    t0 = time.perf_counter()
    with pytest.raises(TooHard):
        row_readings(ROW_KEYS, pieces(cells_of("1234567890" * 20)), [ROW_TOTAL], value=part_value)
    assert time.perf_counter() - t0 < 1.0


def test_many_ambiguous_rows_give_up_quickly():
    keys = {r: tuple(f"requests.{r}.{c}" for c in ("x", "total")) for r in range(30)}
    idents = [Identity("outcome_sum", "x", tuple(keys[r][0] for r in range(29)), (keys[29][0],))]
    readings = {r: RowReadings(keys[r], [[_read(a), _read(b)] for a, b in ((1, 0), (0, 1), (2, 2))]) for r in keys}
    t0 = time.perf_counter()
    with pytest.raises(TooHard):
        solve(readings, {}, idents)
    assert time.perf_counter() - t0 < 1.0


def _read(v):
    from extractor.engines.layout.solve import Read
    return Read(v, None, None, None)
