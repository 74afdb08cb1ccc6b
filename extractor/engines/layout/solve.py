"""One table as one problem: every reading of its printed rows that its identities allow.

A row prints *pieces* separated by hard cuts (a space, a tab, a cell border): a piece of digits
may hide cuts (`30 0 01 04` is 3 0 0 0 1 0 4), and a cell may have left no character at all
(a dropped blank, read as 0). `row_readings` enumerates a row's readings under the identities
that lie inside the row (表三's row total, 表四's group totals); `solve` then keeps the
combinations of rows under which every identity of the table holds, and reports for each cell
the values those combinations give it: one value settles the cell, several make it a doubt
with every candidate, and when no combination holds (a report wrong in print) every reading of
the print stays a candidate. Both searches are exact and bounded (`MAX_STEPS`,
`MAX_COMBINATIONS`): past that they give up, and the caller turns the cells into doubts, so a
huge or hostile run never hangs a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Literal, Sequence, TypeVar

from ...identities import Identity
from ._cells import Cell, digits_of

if TYPE_CHECKING:
    from ..base import DoubtReason

_T = TypeVar("_T")

#: parts tried to cut one row before it gives up (no row of the eval set needs 3,000)
MAX_STEPS = 10_000
#: combinations of row readings tried for one table before it gives up
MAX_COMBINATIONS = 20_000
#: readings of one row kept at most (distinct values); more make the row a doubt outright
MAX_READINGS = 400
#: dropped blanks tried beyond the fewest the digits force (only rows with an identity of their own)
EXTRA_DROPS = 2

#: what a printed number may end with (a unit, a measure word), kept in its print
_UNITS = ("万元", "元", "人次", "件", "个", "项", "次", "起", "宗", "家", "份", "例")


class TooHard(Exception):
    """A search ran past its bound: the cells it was about stay unsettled."""


# not frozen (hashed and compared by value all the same): a frozen dataclass sets each of its
# ten fields through object.__setattr__, which made building a row's pieces 6x slower; a piece
# is never changed after creation (`dataclasses.replace` makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class Piece:
    """What one printed cell of a row holds: a blank mark, or characters of one or more numbers."""

    blank: bool
    chars: str  # digits (ASCII) and ".", without sign, unit or thousands separators
    base: int | None  # offset in Document.text of chars[0]; chars[j] is at base + j unless atomic
    sign: str  # "", "-" or "+" printed before the first number
    unit: str  # "万元" / "元" printed after the last number
    atomic: bool  # one number for sure (thousands separators, a measure word): never cut
    text: str  # as printed
    start: int | None
    end: int | None
    locator: dict[str, Any] | None = None

    def at(self, j: int) -> int | None:
        """Offset of character j (the piece's start for an atomic piece, whose chars skip commas)."""
        if self.base is None:
            return None
        return self.start if self.atomic and j == 0 else self.base + j


# not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building the ~170 reads of a report 4x slower; reads are never changed after creation
@dataclass(slots=True)
class Read:
    """One cell as read: its value (None: not settled), printed text (None when plain), offsets."""

    value: Any
    printed: str | None
    start: int | None
    end: int | None
    locator: dict[str, Any] | None = None
    dropped: bool = False  # a blank cell that left no character in the print
    #: what besides the print settled it (a sentence of the report's prose), for the reviewer
    evidence: list[dict[str, Any]] | None = None


@dataclass
class RowReadings:
    """Every reading of one row, deduplicated by value; `broken`: none keeps its own identity."""

    keys: tuple[str, ...]
    readings: list[list[Read]] = field(default_factory=list)
    broken: bool = False
    dropped: int = 0  # dropped blanks the readings assume
    printed: str = ""  # the row's pieces as printed, one space between pieces
    #: why the row has several readings when not its digits (the doubt's reason: "" gives
    #: ambiguous_split / row_total_broken), and how, for the reviewer
    reason: DoubtReason | Literal[""] = ""
    why: str = ""
    #: readings held in reserve: tried when none of `readings` keeps the table's identities
    wider: list[list[Read]] | None = None


def pieces(cells: Sequence[Cell]) -> list[Piece] | None:
    """The pieces of a row's number and blank cells, or None when a cell is not a number at all."""
    out: list[Piece] = []
    for c in cells:
        if c.kind == "blank":
            out.append(Piece(True, "", None, "", "", True, c.text, c.start, c.end, c.locator))
            continue
        if c.kind != "num":
            return None
        parsed = _parse_piece(c.text)
        if parsed is None:
            return None
        chars, sign, unit, atomic, lead = parsed
        atomic = atomic or c.firm  # (a number alone on its line, a grid's cell)
        base = None if c.start is None else c.start + lead
        out.append(Piece(False, chars, base, sign, unit, atomic, c.text, c.start, c.end, c.locator))
    return out


@lru_cache(maxsize=8192)
def _parse_piece(text: str) -> tuple[str, str, str, bool, int] | None:
    """(chars, sign, unit, atomic, offset of chars[0] in text) of a printed number cell."""
    norm = digits_of(text)
    lead = len(norm) - len(norm.lstrip())
    body = norm.strip()
    sign = body[0] if body[:1] in ("+", "-") else ""
    body = body[len(sign):]
    unit = next((u for u in _UNITS if body.endswith(u)), "")
    body = body[: len(body) - len(unit)].rstrip()
    # a thousands separator, or a measure word (`396项`: a count as prose or a typed cell writes
    # it, whose digits are never several cells run together) makes one number for sure
    atomic = "," in body or unit not in ("", "万元", "元")
    chars = body.replace(",", "")
    if not chars or not all(ch.isdigit() or ch == "." for ch in chars):
        return None
    return chars, sign, unit, atomic, lead + len(sign)


def fewest_drops(keys: Sequence[str], row: Sequence[Piece]) -> int:
    """Blank cells the print must have dropped: one per cell beyond its characters."""
    room = 0
    for p in row:  # (a loop, not a generator: asked of every row that lost its borders, twice)
        room += 1 if p.blank or p.atomic else len(p.chars) - p.chars.count(".")
    return max(0, len(keys) - room)


def row_readings(keys: Sequence[str], row: Sequence[Piece], idents: Sequence[Identity], *,
                 value: Callable[[str, str, str], Any], least: int | None = None) -> RowReadings:
    """Every reading of `row` as the cells `keys` under the identities inside the row.

    `value(key, digits, sign)` gives a part's value for a key, or None when the key cannot
    hold it (a decimal in a count, a negative count). Tries the fewest dropped blanks first and,
    for a row with an identity of its own, up to EXTRA_DROPS more until a reading keeps it;
    with none, the row is `broken` and its readings are those of the fewest drops, unchecked.
    Raises `TooHard` past the bounds. `least`: `fewest_drops(keys, row)`, when the caller has it.
    """
    keys = tuple(keys)
    sums = sums_of(keys, idents)
    if least is None:
        least = fewest_drops(keys, row)
    printed = " ".join([p.text.strip() or "·" for p in row])
    if least == 0:
        one = _one_per_character(keys, row, value)  # "0000000": the common case, without a search
        if one is not None:
            values = [r.value for r in one]
            for s in sums:
                if not s.holds(values):
                    break
            else:
                return RowReadings(keys, [one], printed=printed)
    tries = range(least, min(len(keys) - len(row), least + EXTRA_DROPS) + 1) if sums else range(least, least + 1)
    for drops in tries:
        found = _enumerate(keys, row, drops, sums, value)
        if found:
            return RowReadings(keys, found, dropped=drops, printed=printed)
    if not sums:
        return RowReadings(keys, [], dropped=least, printed=printed)
    return RowReadings(keys, _enumerate(keys, row, least, [], value), broken=True, dropped=least, printed=printed)


def by_identities(fn: Callable[[tuple[str, ...], tuple[Identity, ...]], _T]) -> Callable[[tuple[str, ...], Sequence[Identity]], _T]:
    """`fn(keys, idents)` remembered by the `idents` object itself, not by its hash: an
    `Identity` hashes field by field in Python at every call, and a row's identities are the
    same tuple each time (`rowread.inside` caches it). The memo holds each `idents` it keys,
    so no other object can take its id while the entry lives; only tuples are kept (a list may
    change after)."""
    memo: dict[tuple[tuple[str, ...], int], tuple[Sequence[Identity], _T]] = {}

    def get(keys: tuple[str, ...], idents: Sequence[Identity]) -> _T:
        key = (keys, id(idents))
        hit = memo.get(key)
        if hit is not None and hit[0] is idents:
            return hit[1]
        out = fn(keys, tuple(idents))
        if type(idents) is not tuple:
            return out
        if len(memo) >= 1024:
            memo.clear()
        memo[key] = (idents, out)
        return out

    return get


@lru_cache(maxsize=256)
def _sums(keys: tuple[str, ...], idents: tuple[Identity, ...]) -> tuple[_Sum, ...]:
    """The identities inside a row by cell position (a few rows' shapes: asked once each)."""
    index = {k: i for i, k in enumerate(keys)}
    return tuple(_Sum([index[k] for k in i.parts], [index[k] for k in i.totals]) for i in idents)


@dataclass(frozen=True, slots=True)
class _Sum:
    """An identity inside a row, by cell position: sum(parts) == sum(totals)."""

    parts: list[int]
    totals: list[int]

    def holds(self, values: Sequence[Any]) -> bool:
        get = values.__getitem__  # (map runs in C: no generator frame per cell)
        return sum(map(get, self.parts)) == sum(map(get, self.totals))

    @property
    def bounded(self) -> bool:
        """Its one total comes after its parts: read right to left, the total bounds the parts."""
        return len(self.totals) == 1 and self.totals[0] > max(self.parts)


#: `_sums` by the identities' tuple itself (`by_identities`)
sums_of = by_identities(_sums)


def _one_per_character(keys: tuple[str, ...], row: Sequence[Piece],
                       value: Callable[[str, str, str], Any]) -> list[Read] | None:
    """The reading with one cell per digit, when the row has exactly as many digits as cells
    (then it is the only reading with no dropped blank); None otherwise."""
    n = 0
    for p in row:
        n += 1 if p.blank or p.atomic else len(p.chars)
    if n != len(keys):
        return None
    out: list[Read] = []
    add = out.append
    k = 0
    for p in row:
        if p.blank or p.atomic:
            v = value(keys[k], "0", "") if p.blank else value(keys[k], p.chars, p.sign)
            if v is None:
                return None
            add(Read(v, p.text if p.blank else (p.text.strip() if p.text.strip() != p.chars else None),
                     p.start, p.end, p.locator))
            k += 1
            continue
        chars, sign = p.chars, p.sign
        if "." in chars or (len(chars) > 1 and (p.unit or sign)):
            return None
        # one digit printed with a sign, a unit or full-width keeps its print
        # (several digits have no sign: returned above; one digit has its own)
        printed = None if len(chars) > 1 or p.text.strip() == chars else p.text.strip()
        base, locator = p.base, p.locator
        values = _digit_values(value, keys[k:k + len(chars)], chars, sign)
        if values is None:
            return None
        if base is None:
            out.extend([Read(v, printed, None, None, locator) for v in values])
        else:
            out.extend([Read(v, printed, base + j, base + j + 1, locator) for j, v in enumerate(values)])
        k += len(chars)
    return out


@lru_cache(maxsize=4096)
def _digit_values(value: Callable[[str, str, str], Any], keys: tuple[str, ...], chars: str,
                  sign: str) -> tuple[Any, ...] | None:
    """`value` of each digit of `chars` for the key beside it, or None when a key cannot hold its
    digit. Remembered (`value` is a pure function): the same rows of zeros come back in every report."""
    out = []
    for key, ch in zip(keys, chars):
        v = value(key, ch, sign)
        if v is None:
            return None
        out.append(v)
    return tuple(out)


#: why a value could not be placed: it passes a bound (a longer part would too), or it fails a check
_OVER, _NO = 1, 2


_Shape = tuple[int, list[tuple[int, ...]], list[tuple[int, ...]], list[tuple[int, ...]], list[tuple["_Sum", ...]]]
#: (n, id of the sums) → (the sums, their shape): `_shape` remembered by the sums' tuple itself
#: (`sums_of` gives the same tuple for a row's keys each time; the memo holds it, so its id stays its own)
_SHAPES: dict[tuple[int, int], tuple[Sequence[_Sum], _Shape]] = {}


def _shape(n: int, sums: Sequence[_Sum]) -> _Shape:
    """Which identities each of n cells is a part, the total, the last placed part of, or closes:
    what `_enumerate` asks at every step, by cell (the same for every row of a table's shape)."""
    hit = _SHAPES.get((n, id(sums)))
    if hit is not None and hit[0] is sums:
        return hit[1]
    bounded = [x for x in sums if x.bounded]
    total_of: dict[int, list[int]] = {}  # cell -> bounded identities it is the total of
    part_of: dict[int, list[int]] = {}  # cell -> bounded identities it is a part of
    lowest: dict[int, list[int]] = {}  # cell -> bounded identities whose last placed part it is
    for b, x in enumerate(bounded):
        total_of.setdefault(x.totals[0], []).append(b)
        for i in x.parts:
            part_of.setdefault(i, []).append(b)
        lowest.setdefault(min(x.parts), []).append(b)
    closes: dict[int, list[_Sum]] = {}  # the other identities, checked at their lowest cell
    for x in sums:
        if not x.bounded:
            closes.setdefault(min(x.parts + x.totals), []).append(x)
    # the same, as a list by cell (an empty tuple for most cells: `take` runs at every step)
    shape = (len(bounded),
             [tuple(part_of.get(c, ())) for c in range(n)],
             [tuple(total_of.get(c, ())) for c in range(n)],
             [tuple(lowest.get(c, ())) for c in range(n)],
             [tuple(closes.get(c, ())) for c in range(n)])
    if type(sums) is tuple:  # (a list made for one call is not kept)
        if len(_SHAPES) >= 256:
            _SHAPES.clear()
        _SHAPES[(n, id(sums))] = (sums, shape)
    return shape


def _enumerate(keys: tuple[str, ...], row: Sequence[Piece], drops: int, sums: Sequence[_Sum],
               value: Callable[[str, str, str], Any]) -> list[list[Read]]:
    """The readings of `row` with exactly `drops` dropped blanks that keep every identity in `sums`.

    Cells are placed right to left: a 总计 comes before the parts it sums, so its value bounds
    them and a part that would pass it ends the branch (longer parts only grow). Identities
    whose total does not come last are checked once their cells are all placed.
    """
    n = len(keys)
    if drops < 0 or len(row) + drops > n or (not row and drops != n):
        return []
    n_bounded, parts_at, totals_at, lowest_at, closes_at = _shape(n, sums)
    room_before = [0] * (len(row) + 1)  # cells the pieces before piece i can fill at most
    for i, p in enumerate(row):
        room_before[i + 1] = room_before[i] + _room(p, len(p.chars))
    # `_room(row[i], j)` for every j, asked at each step: a list by piece
    rooms = [[_room(p, j) for j in range(len(p.chars) + 1)] for p in row]
    rest: list[Any] = [0] * n_bounded  # what each bounded identity's parts must still add up to
    values: list[Any] = [None] * n
    placed: list[Any] = [None] * n  # (piece index, start, end) of each cell; start None: dropped blank
    seen: dict[tuple, list[tuple]] = {}
    steps = 0

    def take(c: int, v: Any) -> int:
        """Place v in cell c when the identities allow it: 0, or why not (nothing changed then)."""
        mine = parts_at[c]
        if mine:
            for b in mine:
                if rest[b] < v:
                    return _OVER
            for b in mine:
                rest[b] -= v
        values[c] = v
        low, close = lowest_at[c], closes_at[c]
        if (low and any(rest[b] != 0 for b in low)) or (close and not all(x.holds(values) for x in close)):
            untake(c, v)
            return _NO
        for b in totals_at[c]:
            rest[b] = v
        return 0

    def untake(c: int, v: Any) -> None:
        for b in parts_at[c]:
            rest[b] += v
        values[c] = None

    def walk(i: int, j: int, c: int, left: int) -> None:
        # still to place: pieces row[:i], and characters [:j] of piece i, into cells 0..c
        nonlocal steps
        if c < 0:
            if i < 0 and left == 0:
                key = tuple(values)
                if key not in seen:
                    if len(seen) >= MAX_READINGS:
                        raise TooHard(f"more than {MAX_READINGS} readings of the row")
                    seen[key] = list(placed)
            return
        room = room_before[i] + rooms[i][j] if i >= 0 else 0
        if i + 1 + left > c + 1 or room + left < c + 1:
            return  # every piece needs a cell; no piece fills more cells than its digits
        if left:
            zero = value(keys[c], "0", "")
            if zero is not None and not take(c, zero):
                placed[c] = (i, None, j)
                walk(i, j, c - 1, left - 1)
                untake(c, zero)
        if i < 0:
            return
        p = row[i]
        before = len(row[i - 1].chars) if i > 0 else 0
        if p.blank:
            zero = value(keys[c], "0", "")
            if zero is not None and not take(c, zero):
                placed[c] = (i, 0, 0)
                walk(i - 1, before, c - 1, left)
                untake(c, zero)
            return
        at_key, chars, first_sign = keys[c], p.chars, p.sign  # (the same at every start)
        for start in ((0,) if p.atomic else range(j - 1, -1, -1)):
            steps += 1
            if steps > MAX_STEPS:
                raise TooHard(f"more than {MAX_STEPS} steps to cut the row")
            digits = chars[start:j]
            if not _number_like(digits):
                continue
            sign = first_sign if start == 0 else ""
            v = value(at_key, digits, sign)
            if v is None:
                continue
            why = take(c, v)
            if why == _OVER and sign != "-":
                break  # a longer part is a larger number: it passes the bound too
            if why:
                continue
            placed[c] = (i, start, j)
            if start == 0:
                walk(i - 1, before, c - 1, left)
            else:
                walk(i, start, c - 1, left)
            untake(c, v)

    walk(len(row) - 1, len(row[-1].chars) if row else 0, n - 1, drops)
    return [[_read(row, place, v) for place, v in zip(spots, vals)] for vals, spots in seen.items()]


def _room(p: Piece, j: int) -> int:
    """Cells a piece can fill with its characters [:j]: one for a blank or atomic piece."""
    if p.blank or p.atomic:
        return 1
    return j - p.chars.count(".", 0, j)


def _read(row: Sequence[Piece], place: tuple, value: Any) -> Read:
    """The Read of a placed cell: a dropped blank, a blank mark, or digits [start:end) of a piece."""
    i, start, end = place
    if start is None:  # a dropped blank, where it would have been printed
        at = (row[i].end if row[i].blank else row[i].at(end)) if i >= 0 else (row[0].start if row else None)
        return Read(value, "", at, at, dropped=True)
    p = row[i]
    if p.blank:
        return Read(value, p.text, p.start, p.end, p.locator)
    digits = p.chars[start:end]
    last = end == len(p.chars)
    sign = p.sign if start == 0 else ""
    unit = p.unit if last else ""
    printed = f"{sign}{digits}{unit}" if (sign or unit) else None
    if start == 0 and last and p.text.strip() != digits:
        printed = p.text.strip()  # the whole printed cell (thousands separators, full-width)
    base = p.base
    a = None if base is None else (p.start if p.atomic and start == 0 else base + start)  # p.at(start)
    b = None if a is None else (p.end if p.atomic else base + end + (len(unit) if last else 0))
    if a is not None and sign:
        a -= len(sign)
    return Read(value, printed, a, b, p.locator)


@lru_cache(maxsize=8192)
def _number_like(digits: str) -> bool:
    """A printed number: no leading zero (but 0 itself and 0.5), a point only inside."""
    if "." not in digits:  # (most parts)
        return digits == "0" or digits[0] != "0"
    if digits.startswith(".") or digits.endswith(".") or digits.count(".") > 1:
        return False
    whole = digits.split(".", 1)[0]
    return whole == "0" or whole[0] != "0"


# ---------------------------------------------------------------- the table


@dataclass
class Solution:
    """What the table's identities make of its rows' readings.

    `cells`: key → every value the surviving combinations give it, in first-found order;
    `reads`: key → its Read in the first surviving combination (offsets, printed text);
    `consistent`: row → some combination of its rows keeps every identity that ties them (False:
    the print breaks one whatever the reading); `combinations`: row → how many did.
    """

    cells: dict[str, list[Any]] = field(default_factory=dict)
    reads: dict[str, Read] = field(default_factory=dict)
    consistent: dict[str, bool] = field(default_factory=dict)
    combinations: dict[str, int] = field(default_factory=dict)


#: an identity over the rows being solved: a constant (its fixed cells) and (row, column, ±1) terms
_Terms = tuple[Any, list[tuple[str, int, int]]]


def solve(rows: dict[str, RowReadings], fixed: dict[str, Any], idents: Sequence[Identity]) -> Solution:
    """Keep the combinations of row readings under which every identity holds.

    `fixed`: cells settled outside `rows` (None: not read). An identity with a cell that is in
    no row and not fixed is left out. Rows that no identity ties together are solved apart, so
    表二's independent rows never multiply. Raises `TooHard` past MAX_COMBINATIONS.
    """
    rows = {r: rr for r, rr in rows.items() if rr.readings}
    where = {key: (r, ci) for r, rr in rows.items() for ci, key in enumerate(rr.keys)}
    terms = _terms(idents, where, fixed)
    out = Solution()
    for group in _components(rows, terms):
        found = _combinations(group, rows, [t for t in terms if t[1][0][0] in group])
        for vi, r in enumerate(group):
            readings = [c[vi] for c in found] if found else rows[r].readings
            out.consistent[r] = bool(found)
            out.combinations[r] = len(found)
            for ci, key in enumerate(rows[r].keys):
                seen: list[Any] = []
                for reading in readings:
                    v = reading[ci].value
                    if not any(_same(v, x) for x in seen):
                        seen.append(v)
                out.cells[key] = seen
                out.reads[key] = readings[0][ci]
    return out


def _terms(idents: Sequence[Identity], where: dict[str, tuple[str, int]], fixed: dict[str, Any]) -> list[_Terms]:
    """The identities usable here, each as (constant from fixed cells, terms over rows)."""
    out: list[_Terms] = []
    for signed in _signed_of((), idents):
        const: Any = 0
        terms: list[tuple[str, int, int]] = []
        for key, sign in signed:
            if key in where:
                terms.append((*where[key], sign))
            elif fixed.get(key) is not None:
                const += sign * fixed[key]
            else:
                break  # a cell not read: the identity decides nothing
        else:
            if terms:
                out.append((const, terms))
    return out


def _signed(_: tuple[str, ...], idents: tuple[Identity, ...]) -> tuple[tuple[tuple[str, int], ...], ...]:
    """Each identity's cells with their sign: +1 for a part, -1 for a total."""
    return tuple(tuple([(k, 1) for k in i.parts] + [(k, -1) for k in i.totals]) for i in idents)


#: `_signed` by the identities' tuple itself (`by_identities`: asked once a table)
_signed_of = by_identities(_signed)


def _components(rows: dict[str, RowReadings], terms: list[_Terms]) -> list[list[str]]:
    """Rows tied together by identities, each group with its fewest-readings rows first."""
    parent = {r: r for r in rows}

    def root(r: str) -> str:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for _, ts in terms:
        first = root(ts[0][0])
        for r, _, _ in ts[1:]:
            parent[root(r)] = first
    groups: dict[str, list[str]] = {}
    for r in rows:
        groups.setdefault(root(r), []).append(r)
    return [sorted(g, key=lambda r: len(rows[r].readings)) for g in groups.values()]


def _combinations(group: list[str], rows: dict[str, RowReadings], terms: list[_Terms]) -> list[list[list[Read]]]:
    """Every combination of the group's row readings under which each of `terms` holds."""
    at = {r: i for i, r in enumerate(group)}
    due: dict[int, list[tuple[Any, list[tuple[int, int, int]]]]] = {}
    for const, ts in terms:
        indexed = [(at[r], c, sign) for r, c, sign in ts]
        due.setdefault(max(t[0] for t in indexed), []).append((const, indexed))
    options = [rows[r].readings for r in group]
    chosen: list[list[Read]] = []
    found: list[list[list[Read]]] = []
    steps = 0

    def holds(vi: int) -> bool:
        for const, ts in due.get(vi, ()):
            if const + sum(sign * chosen[v][c].value for v, c, sign in ts) != 0:
                return False
        return True

    def walk(vi: int) -> None:
        nonlocal steps
        if vi == len(options):
            found.append(list(chosen))
            if len(found) > MAX_COMBINATIONS // 10:
                raise TooHard("too many combinations keep every identity")
            return
        for reading in options[vi]:
            steps += 1
            if steps > MAX_COMBINATIONS:
                raise TooHard(f"more than {MAX_COMBINATIONS} combinations of row readings")
            chosen.append(reading)
            if holds(vi):
                walk(vi + 1)
            chosen.pop()

    walk(0)
    return found


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(a) == Decimal(b)
    return a == b


__all__ = ["MAX_COMBINATIONS", "MAX_STEPS", "Read", "Piece", "RowReadings", "Solution", "TooHard", "fewest_drops", "pieces",
           "row_readings", "solve"]
