"""The format's identities (勾稽关系) as data: which cells must add up to which.

Derived from the catalogue, once per format version. `rules/identities.py` judges a reading
with these objects; the layout reader uses the same objects to split digits that ran together.
Each identity says `sum(parts) == sum(totals)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

from . import catalogue

#: the identity families, in the order rules report them
RULES = ("row_total", "balance", "outcome_sum", "group_total")


@dataclass(frozen=True)
class Identity:
    """`sum(parts) == sum(totals)` over flat cell keys; `id` is the rule id of its violation."""

    rule: str  # one of RULES
    about: str  # what it is about: a 表三 row (`requests.new`), a column (`requests.natural`), a 表四 group
    parts: tuple[str, ...]
    totals: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.about}"

    @property
    def keys(self) -> tuple[str, ...]:
        return self.parts + self.totals

    def sides(self, get: Callable[[str], Any]) -> tuple[Any, Any] | None:
        """(sum of the parts, sum of the totals), or None when a cell has no value."""
        # map, `in` and sum run in C: the rules ask this of every identity of every report
        parts = list(map(get, self.parts))
        if None in parts:
            return None
        totals = list(map(get, self.totals))
        if None in totals:
            return None
        return sum(parts), sum(totals)


@cache
def identities(template: catalogue.Template) -> tuple[Identity, ...]:
    """Every identity of a format version, in rule order (see RULES)."""
    rows = catalogue.request_rows(template)
    outcomes = catalogue.outcome_rows(template)
    out: list[Identity] = []
    for row in rows:
        total, parts = catalogue.summed_cells(f"requests.{row}")
        out.append(Identity("row_total", f"requests.{row}", parts, (total,)))
    for col in catalogue.APPLICANT_COLUMNS:
        out.append(Identity("balance", f"requests.{col}", (f"requests.new.{col}", f"requests.carried_over.{col}"),
                            (f"requests.total.{col}", f"requests.carried_forward.{col}")))
    for col in catalogue.APPLICANT_COLUMNS:
        out.append(Identity("outcome_sum", f"requests.{col}", tuple(f"requests.{r}.{col}" for r in outcomes),
                            (f"requests.total.{col}",)))
    for group in catalogue.APPEAL_GROUPS:
        total, parts = catalogue.summed_cells(group)
        out.append(Identity("group_total", group, parts, (total,)))
    return tuple(out)


@cache
def of_rule(template: catalogue.Template, rule: str) -> tuple[Identity, ...]:
    """The identities of one family (`row_total`, `balance`, `outcome_sum`, `group_total`)."""
    return tuple(i for i in identities(template) if i.rule == rule)


@cache
def touching(template: catalogue.Template) -> dict[str, tuple[Identity, ...]]:
    """Cell key → the identities it takes part in (cells of 表二 take part in none)."""
    out: dict[str, list[Identity]] = {}
    for ident in identities(template):
        for key in ident.keys:
            out.setdefault(key, []).append(ident)
    return {k: tuple(v) for k, v in out.items()}


__all__ = ["RULES", "Identity", "identities", "of_rule", "touching"]
