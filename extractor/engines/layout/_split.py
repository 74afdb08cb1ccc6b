"""Split a run of digits with no separators into a row's cells, using the table's identities.

`一、本年新收政府信息公开申请数量263000029` must be 26 3 0 0 0 0 29: the only split whose
first six parts sum to the seventh. A number never starts with 0 unless it is 0, and a
decimal point never sits on a border. Every split that passes the checks is returned; the
caller decides (more than one → the cells are doubts, never a guess).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Sequence

#: a check on the parts read so far (called after each part); False prunes the branch
Check = Callable[[Sequence[Decimal]], bool]

MAX_SPLITS = 5000


def splits(run: str, n: int, *, decimal: Sequence[bool] | None = None,
           check: Check | None = None, limit: int = MAX_SPLITS) -> list[tuple[str, ...]]:
    """Every way to cut `run` into `n` valid numbers that passes `check` (at most `limit`).

    Splits come in the order of their part lengths (shortest first part first, and so on).
    """
    if isinstance(check, _LastIsSum) and check.n == n and "." not in run:
        return _last_is_sum(run, n)[:limit]
    decimal = decimal or [False] * n
    out: list[tuple[str, ...]] = []
    parts: list[str] = []
    values: list[Decimal] = []

    def walk(pos: int) -> None:
        if len(out) >= limit:
            return
        k = len(parts)
        if k == n:
            if pos == len(run):
                out.append(tuple(parts))
            return
        last = len(run) - (n - k - 1)  # leave one char for each remaining part
        # the last part is the rest of the run: no shorter end can finish a split
        first = max(pos + 1, len(run)) if k == n - 1 else pos + 1
        for end in range(first, last + 1):
            p = run[pos:end]
            if not _valid(p, decimal[k]):
                if p[0] == "0" and "." not in p:
                    break  # longer parts would keep the leading zero
                continue
            parts.append(p)
            values.append(Decimal(p))
            if check is None or check(values):
                walk(end)
            parts.pop()
            values.pop()

    if run and n > 0:
        walk(0)
    return out


def _valid(p: str, dec: bool) -> bool:
    """A printed number: no leading zero, a decimal point only inside an amount."""
    if "." in p:
        if not dec or p.count(".") > 1 or p[0] == "." or p[-1] == ".":
            return False
        whole = p.split(".", 1)[0]
    else:
        whole = p
    return whole == "0" or whole[0] != "0"


def _last_is_sum(run: str, n: int) -> list[tuple[str, ...]]:
    """`splits` for a row whose last part is the sum of the others, on plain digits.

    Each possible last part fixes the sum the others must reach, which prunes the search to
    a few branches (a 9-digit 表三 row: ~10× fewer steps than trying every cut).
    """
    out: list[tuple[str, ...]] = []
    parts: list[str] = []

    def fill(pos: int, stop: int, left: int, target: int) -> None:
        # cut run[pos:stop] into `left` numbers summing to `target`
        if left == 1:
            p = run[pos:stop]
            if (p[0] != "0" or len(p) == 1) and int(p) == target:
                out.append((*parts, p, run[stop:]))
            return
        for end in range(pos + 1, stop - left + 2):
            p = run[pos:end]
            if p[0] == "0" and len(p) > 1:
                break  # longer parts would keep the leading zero
            value = int(p)
            if value > target:
                break  # longer parts are larger still
            parts.append(p)
            fill(end, stop, left - 1, target - value)
            parts.pop()

    if n == 1:
        return [(run,)] if run and (run[0] != "0" or len(run) == 1) and int(run) == 0 else []
    for j in range(n - 1, len(run)):
        last = run[j:]
        if last[0] == "0" and len(last) > 1:
            continue
        fill(0, j, n - 1, int(last))
    out.sort(key=lambda parts: tuple(map(len, parts)))
    return out


class _LastIsSum:
    """表三: the last of `n` parts is the sum of the others."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, v: Sequence[Decimal]) -> bool:
        return v[-1] == sum(v[:-1]) if len(v) == self.n else True


def row_total_check(n: int) -> Check:
    """表三: the last of `n` parts is the sum of the others."""
    return _LastIsSum(n)


def group_total_check(group: int = 5) -> Check:
    """表四: in each group of five, the fifth is the sum of the first four."""

    def check(v: Sequence[Decimal]) -> bool:
        if len(v) % group == 0:
            g = v[-group:]
            return g[-1] == sum(g[:-1])
        return True

    return check
