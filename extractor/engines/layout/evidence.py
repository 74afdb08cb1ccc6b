"""What the report's own prose states about a 表二 cell, to choose among readings of a run.

表二 has no identity: a run such as `17529` for 本年制发件数 / 本年废止件数 / 现行有效件数 can be
cut several ways and nothing in the table tells which. The narrative often says it outright
("本年新制发规范性文件17件"). A statement is used only when it names the cell unmistakably (the
verb of the column and the row's own words, a count of 件) and only outside the tables; a
statement that no reading of the run agrees with is ignored (prose counts differently at times),
and a cell it settles records the sentence as its evidence, so a reviewer sees why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...segment import find_tables

#: a count of 件 (not the tail of a longer number)
_N = r"(?<![\d.])(\d{1,6})\s*件"
#: 规范性文件 or 规章, with 行政 or 的 in front as reports write them
_DOCS = {"normative": r"(?:的)?(?:行政)?规范性文件", "regulations": r"(?:的)?(?:政府)?规章"}
#: (column, verb before the row's words, format versions)
_COLUMNS = (
    ("issued", r"(?:新)?(?:制发|制定|印发)(?:了|的)?", "2021"),
    ("repealed", r"废止(?:了|的)?", "2021"),
    ("in_force", r"现行有效", "2021"),
    ("made", r"(?:新)?(?:制作|制发|制定|印发)(?:了|的)?", "2019"),
)


@dataclass(frozen=True)
class Claim:
    """The prose says cell `key` is `value`, in the sentence at text[start:end]."""

    key: str
    value: int
    start: int
    end: int
    text: str

    def evidence(self) -> dict:
        return {"kind": "narrative", "text": self.text, "start": self.start, "end": self.end}


@cache
def _patterns(template: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((f"active.{row}.{col}", re.compile(verb + docs + r"\s*(?:共|为)?\s*" + _N))
                 for row, docs in _DOCS.items() for col, verb, fmt in _COLUMNS if fmt == template)


def claims(text: str, template: str) -> dict[str, list[Claim]]:
    """Cell key → what the prose outside the tables states of it (every statement, in order).

    Called only for a 表二 with a run that splits several ways: most reports never pay for it."""
    spans = list(find_tables(text).tables().values())
    out: dict[str, list[Claim]] = {}
    for key, pattern in _patterns(template):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in spans):
                continue  # the table's own labels and numbers are not prose
            out.setdefault(key, []).append(Claim(key, int(m.group(1)), m.start(), m.end(), m.group()))
    return out




def narrow(keys: tuple[str, ...], readings: list, stated: dict[str, list[Claim]]) -> tuple[list, list[Claim]]:
    """The readings of a row that agree with what the prose states of its cells, statement by
    statement (one no reading agrees with is passed over), and the statements that were used."""
    used: list[Claim] = []
    for i, key in enumerate(keys):
        for claim in stated.get(key, ()):
            agree = [r for r in readings if r[i].value == claim.value]
            if agree and len(agree) < len(readings):
                readings = agree
                used.append(claim)
    return readings, used


__all__ = ["Claim", "claims", "narrow"]
