"""The oracle: every reading a printed table allows, found by brute-force enumeration.

A generated report prints known numbers in a damaged way (cells run together, blanks left out).
Its gold must say which cells the print leaves undecidable, and that must not depend on the
reader being measured: this module imports nothing from `extractor.engines` and enumerates
readings plainly, with these semantics (docs/eval.md, "The oracle"):

- a printed row is split into tokens at hard cuts (whitespace incl. U+3000, `|`); a token of
  digits (with a decimal point, a leading sign, a trailing unit 万元/元) may hide cuts;
- a number never starts with 0 unless it is 0 (`0.5` is fine); a decimal point never sits at a
  cut and only an amount cell holds one; a sign starts a number and only `*.change` cells may be
  negative (or signed at all); a trailing unit belongs to the row's last cell;
- a cell may have left no character (a dropped blank, value 0): a row takes the smallest number
  of dropped blanks d ≥ max(0, n − digits) for which it has a reading that satisfies its own
  identity (表三: 总计 = the six columns; 表四: each group's 总计 = its four cells; 表二 rows
  have none); when no d up to n − 1 gives one, the print is broken and every reading with
  d = max(0, n − digits) stands;
- 表三's readings are the combinations of row readings that satisfy every cross-row identity
  (balance and outcome_sum, per column); when none does (a printed error), every combination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from .. import catalogue

#: Hard cuts: a reader knows a cell ends there.
HARD_CUT = re.compile(r"[\s\u3000|]+")
UNITS = ("万元", "元")
#: Bounds that keep the enumeration small; beyond them `Explosion` is raised (the generator
#: then draws again rather than write a gold it could not compute).
MAX_NODES = 200_000  # steps (and pieces tried) of the search over one row, all numbers of blanks together
MAX_READINGS = 5_000
MAX_SUMS = 50_000

Reading = tuple  # one value per cell of a row, in printed order


class Explosion(Exception):
    """The enumeration went beyond its bounds."""


class NotNumeric(ValueError):
    """A token holds something other than digits, a point, a sign and a trailing unit."""


@dataclass(frozen=True)
class Row:
    """One printed row: the catalogue keys of its cells, in order, and its numbers as printed
    (labels excluded; '' when the row prints no number at all)."""

    keys: tuple[str, ...]
    printed: str


@dataclass(frozen=True)
class RowReadings:
    dropped: int  # the d the rule chose
    readings: tuple[Reading, ...]
    consistent: bool  # False: no d gave a reading that satisfies the row's identity


@dataclass(frozen=True)
class TableReadings:
    template: catalogue.Template
    rows: tuple[Row, ...]
    allowed: tuple[tuple[Reading, ...], ...]  # per row, the readings some allowed combination uses
    consistent: bool  # False: no combination satisfies the cross-row identities (all allowed)


# ------------------------------------------------------------------ one row


def kind(key: str) -> str:
    """`decimal` (an amount), `signed` (本年增/减) or `int`."""
    if catalogue.field(key).type == "decimal":
        return "decimal"
    return "signed" if key.endswith(".change") else "int"


def identity(keys: tuple[str, ...]) -> tuple[tuple[tuple[int, ...], int], ...]:
    """The row's own sums as (positions of the parts, position of the total)."""
    out = []
    for i, key in enumerate(keys):
        part = key.rsplit(".", 1)[0]
        if not key.endswith(".total") or not part.startswith(("requests.", *catalogue.APPEAL_GROUPS)):
            continue
        _, parts = catalogue.summed_cells(part)
        if all(p in keys for p in parts):
            at = tuple(keys.index(p) for p in parts)
            if max(at) > i:
                raise ValueError(f"{key}: the total must follow its parts in the printed row")
            out.append((at, i))
    return tuple(out)


def tokens(printed: str) -> list[str]:
    return [t for t in HARD_CUT.split(printed) if t]


def _split_unit(token: str) -> tuple[str, bool]:
    for unit in UNITS:
        if token.endswith(unit) and len(token) > len(unit):
            return token[: -len(unit)], True
    return token, False


_NUMBER = re.compile(r"([+-]?)(\d+)(?:\.(\d+))?")


def value(piece: str, cell_kind: str) -> int | Decimal | None:
    """The value of a piece of text in a cell of this kind, or None when it cannot be one."""
    m = _NUMBER.fullmatch(piece)
    if m is None:
        return None
    sign, whole, frac = m.groups()
    if len(whole) > 1 and whole[0] == "0":
        return None
    if sign and (cell_kind != "signed" or whole == "0"):
        return None
    if frac is not None:
        return Decimal(f"{whole}.{frac}") if cell_kind == "decimal" else None
    if cell_kind == "decimal":
        return Decimal(whole)
    return int(sign + whole)


class _Token:
    """A token ready for enumeration: its body, where it may be cut, its digits."""

    def __init__(self, text: str):
        self.body, self.unit = _split_unit(text)
        if not re.fullmatch(r"[0-9.+-]+", self.body):
            raise NotNumeric(f"not a number token: {text!r}")
        b = self.body
        # a cut may sit before position j (0 < j < len) unless it touches a point or follows a
        # sign; it must sit there when a sign starts at j
        self.may_cut = [False] + [b[j - 1] != "." and b[j] != "." and b[j - 1] not in "+-" for j in range(1, len(b))]
        self.must_cut = [False] + [b[j] in "+-" for j in range(1, len(b))]
        self.digits_from = [sum(ch.isdigit() for ch in b[j:]) for j in range(len(b) + 1)]

    def ends(self, start: int) -> Iterator[int]:
        """Every end of a piece that starts at `start`."""
        for e in range(start + 1, len(self.body)):
            if self.may_cut[e]:
                yield e
            if self.must_cut[e]:
                return
        yield len(self.body)


def row_readings(row: Row) -> RowReadings:
    """Every reading of one printed row under the oracle's rules (module docstring)."""
    kinds = tuple(kind(k) for k in row.keys)
    toks = [_Token(t) for t in tokens(row.printed)]
    sums = identity(row.keys)
    n = len(kinds)
    if not toks:  # a row that prints no number: every cell a blank
        return RowReadings(n, ((0,) * n,), True)
    low = max(0, n - sum(t.digits_from[0] for t in toks))
    high = n - len(toks)  # every token gives at least one number
    budget = [MAX_NODES]
    for d in range(low, high + 1):
        found = _enumerate(toks, kinds, sums, d, check=True, budget=budget)
        if found:
            return RowReadings(d, found, True)
    if low > high:  # more tokens than cells: no reading at all
        return RowReadings(low, (), False)
    return RowReadings(low, _enumerate(toks, kinds, sums, low, check=False, budget=budget), False)


def _enumerate(toks: list[_Token], kinds: tuple[str, ...], sums, dropped: int, *, check: bool,
               budget: list[int]) -> tuple[Reading, ...]:
    """Depth-first over (token, position in it, cell, blanks left): each step places a blank or
    a piece of the current token in the next cell; sums are checked as soon as a total is placed."""
    n = len(kinds)
    at_total = {total: parts for parts, total in sums} if check else {}
    out: set[Reading] = set()
    cells: list = []

    def ok(i: int) -> bool:
        parts = at_total.get(i)
        return parts is None or cells[i] == sum(cells[p] for p in parts)

    def walk(ti: int, pos: int, i: int, blanks: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise Explosion(f"more than {MAX_NODES} steps reading one row")
        if i == n:
            if ti == len(toks) and blanks == 0:
                out.add(tuple(cells))
                if len(out) > MAX_READINGS:
                    raise Explosion(f"more than {MAX_READINGS} readings of one row")
            return
        numbers_left = n - i - blanks
        digits_left = (toks[ti].digits_from[pos] + sum(t.digits_from[0] for t in toks[ti + 1:])) if ti < len(toks) else 0
        if numbers_left > digits_left or numbers_left < len(toks) - ti:
            return
        if blanks:
            cells.append(0)
            if ok(i):
                walk(ti, pos, i + 1, blanks - 1)
            cells.pop()
        if ti == len(toks):
            return
        tok = toks[ti]
        for end in tok.ends(pos):
            budget[0] -= 1  # every piece tried counts: a long run offers many
            last = end == len(tok.body)
            if last and tok.unit and i != n - 1:
                continue  # a trailing unit belongs to the row's last cell
            v = value(tok.body[pos:end], kinds[i])
            if v is None:
                continue
            cells.append(v)
            if ok(i):
                walk(ti + 1, 0, i + 1, blanks) if last else walk(ti, end, i + 1, blanks)
            cells.pop()

    walk(0, 0, 0, dropped)
    return tuple(sorted(out, key=_order))


def _order(reading: Reading) -> tuple:
    return tuple(Decimal(v) for v in reading)


# ------------------------------------------------------------------ a table


def table_readings(rows: Iterable[Row], template: catalogue.Template) -> TableReadings:
    """The readings a table allows: 表三's rows combined under the cross-row identities; the
    rows of 表二 and 表四 stand alone (表四's identities live inside its rows)."""
    rows = tuple(rows)
    per_row = [row_readings(r).readings for r in rows]
    found = [_request_row(r) for r in rows]
    names = [n for n in found if n is not None]
    if not rows or len(names) < len(found):
        return TableReadings(template, rows, tuple(per_row), True)
    by_name = dict(zip(names, per_row))
    wanted = ("new", "carried_over", "total", "carried_forward", *catalogue.outcome_rows(template))
    if set(by_name) != set(wanted) or len(by_name) != len(rows):
        raise ValueError(f"表三 must print each of its {len(wanted)} rows once, got {sorted(by_name)}")
    allowed = _requests(by_name, template)
    if allowed is None:  # a printed error: every combination stands
        return TableReadings(template, rows, tuple(per_row), False)
    return TableReadings(template, rows, tuple(allowed[n] for n in names), True)


def _request_row(row: Row) -> str | None:
    """`new` for the keys of 表三's row 一, None when the row is not one whole 表三 row."""
    parts = {k.split(".")[1] for k in row.keys if k.startswith("requests.")}
    if len(parts) != 1 or len(row.keys) != len(catalogue.APPLICANT_COLUMNS):
        return None
    name = parts.pop()
    return name if row.keys == tuple(f"requests.{name}.{c}" for c in catalogue.APPLICANT_COLUMNS) else None


def _add(a: Reading, b: Reading) -> Reading:
    return tuple(x + y for x, y in zip(a, b))


def _sub(a: Reading, b: Reading) -> Reading:
    return tuple(x - y for x, y in zip(a, b))


def _requests(rows: dict[str, tuple[Reading, ...]], template: catalogue.Template) -> dict[str, tuple[Reading, ...]] | None:
    """Per 表三 row, the readings used by some combination that satisfies, in every column,
    （七）总计 = the sum of the outcome rows and 一 + 二 = （七） + 四; None when no combination does.

    Sums of the outcome rows are built forwards and backwards (sets of column vectors), so the
    work grows with the number of distinct sums, not with the product of the rows' readings."""
    outcome = catalogue.outcome_rows(template)
    zero = (0,) * len(catalogue.APPLICANT_COLUMNS)
    forward = [{zero}]
    for name in outcome:
        forward.append(_grow(forward[-1], rows[name]))
    backward = [{zero}]
    for name in reversed(outcome):
        backward.append(_grow(backward[-1], rows[name]))
    backward.reverse()  # backward[j]: sums of the outcome rows from j on
    opening = {_add(n, c) for n in rows["new"] for c in rows["carried_over"]}
    targets = {t for t in rows["total"] if t in forward[-1]
               and any(_add(t, f) in opening for f in rows["carried_forward"])}
    if not targets:
        return None
    out: dict[str, tuple[Reading, ...]] = {"total": tuple(t for t in rows["total"] if t in targets)}
    if len(rows["new"]) * len(rows["carried_over"]) * len(rows["carried_forward"]) > MAX_SUMS:
        raise Explosion("too many readings of rows 一, 二 and 四 of 表三 together")
    used: dict[str, set[Reading]] = {"new": set(), "carried_over": set(), "carried_forward": set()}
    for n in rows["new"]:
        for c in rows["carried_over"]:
            for f in rows["carried_forward"]:
                if _sub(_add(n, c), f) in targets:
                    used["new"].add(n)
                    used["carried_over"].add(c)
                    used["carried_forward"].add(f)
    for name, keep in used.items():
        out[name] = tuple(r for r in rows[name] if r in keep)
    for j, name in enumerate(outcome):
        out[name] = tuple(r for r in rows[name] if any(
            _sub(_sub(t, s), r) in backward[j + 1] for s in forward[j] for t in targets))
    return out


def _grow(sums: set[Reading], readings: tuple[Reading, ...]) -> set[Reading]:
    grown = {_add(s, r) for s in sums for r in readings}
    if len(grown) > MAX_SUMS:
        raise Explosion(f"more than {MAX_SUMS} distinct partial sums in 表三")
    return grown


# ------------------------------------------------------------------ what gold needs


def allowed_values(tables: Iterable[TableReadings]) -> dict[str, list]:
    """Per printed key, its distinct values over all allowed readings (sorted)."""
    out: dict[str, set] = {}
    for table in tables:
        for row, readings in zip(table.rows, table.allowed):
            for i, key in enumerate(row.keys):
                out.setdefault(key, set()).update(r[i] for r in readings)
    return {k: sorted(v, key=Decimal) for k, v in out.items()}


def ambiguous(tables: Iterable[TableReadings]) -> dict[str, list]:
    """The cells the print leaves undecidable: key → every value it allows (two or more)."""
    return {k: v for k, v in allowed_values(tables).items() if len(v) > 1}


def truth_allowed(table: TableReadings, truth: dict) -> bool:
    """Is the true table one of the allowed readings? (Row by row, and for 表三 as a whole: a
    truth that breaks a cross-row identity is allowed only when no combination satisfies them.)"""
    for row, readings in zip(table.rows, table.allowed):
        if tuple(truth[k] for k in row.keys) not in set(readings):
            return False
    if not table.consistent or not table.rows or _request_row(table.rows[0]) is None:
        return True
    return cross_row_ok(truth, table.template)


def cross_row_ok(values: dict, template: catalogue.Template) -> bool:
    """Do 表三's values satisfy balance and outcome_sum in every column?"""
    outcome = catalogue.outcome_rows(template)
    for col in catalogue.APPLICANT_COLUMNS:
        v = lambda r: values[f"requests.{r}.{col}"]  # noqa: E731
        if v("total") != sum(v(r) for r in outcome) or v("new") + v("carried_over") != v("total") + v("carried_forward"):
            return False
    return True
