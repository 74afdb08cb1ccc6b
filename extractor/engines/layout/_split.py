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
    """Every way to cut `run` into `n` valid numbers that passes `check` (at most `limit`)."""
    decimal = decimal or [False] * n
    out: list[tuple[str, ...]] = []
    parts: list[str] = []
    values: list[Decimal] = []

    def valid(p: str, dec: bool) -> bool:
        if "." in p:
            if not dec or p.count(".") > 1 or p[0] == "." or p[-1] == ".":
                return False
            whole = p.split(".", 1)[0]
        else:
            whole = p
        return whole == "0" or whole[0] != "0"

    def walk(pos: int) -> None:
        if len(out) >= limit:
            return
        k = len(parts)
        if k == n:
            if pos == len(run):
                out.append(tuple(parts))
            return
        remaining = n - k - 1
        last = len(run) - remaining  # leave one char for each remaining part
        # the last part is the rest of the run: no shorter end can finish a split
        first = max(pos + 1, len(run)) if k == n - 1 else pos + 1
        for end in range(first, last + 1):
            p = run[pos:end]
            if not valid(p, decimal[k]):
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


def row_total_check(n: int) -> Check:
    """表三: the last of `n` parts is the sum of the others."""

    def check(v: Sequence[Decimal]) -> bool:
        if len(v) == n:
            return v[-1] == sum(v[:-1])
        return True

    return check


def group_total_check(group: int = 5) -> Check:
    """表四: in each group of five, the fifth is the sum of the first four."""

    def check(v: Sequence[Decimal]) -> bool:
        if len(v) % group == 0:
            g = v[-group:]
            return g[-1] == sum(g[:-1])
        return True

    return check
