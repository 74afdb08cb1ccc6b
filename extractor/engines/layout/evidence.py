"""What the report's own prose states about a 表二 cell, to choose among readings of a run.

表二 has no identity: a run such as `17529` for 本年制发件数 / 本年废止件数 / 现行有效件数 can be
cut several ways and nothing in the table tells which. The narrative often says it outright
("本年新制发规范性文件17件"). A statement is used only when it names the cell unmistakably (the
verb of the column and the row's own words, a count of 件) and only outside the tables; a
statement that no reading of the run agrees with is ignored (prose counts differently at times),
and a cell it settles records the sentence as its evidence, so a reviewer sees why.

Last year's report of the same body, when the batch holds it (`extractor.priors`), states
more: its 结转下年度 is this year's 上年结转, and this year's 现行有效件数 is last year's plus what
was issued less what was repealed (`prior_claims`). Such a claim only orders a doubt's candidates
(those it agrees with first, named in the doubt's detail) and never settles a cell: bodies restate
last year's figures and documents lapse unrepealed, and with last year's figures off by one, a
reading agreed by chance for 16 of the 646 undecided cells of eval/, 14 of them wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Collection, Iterator

from ... import catalogue
from ...priors import Prior
from ...scan import matches_at
from ...segment import find_tables

#: a count of 件 (not the tail of a longer number)
_N = r"(?<![\d.])(\d{1,6})\s*件"
#: 规范性文件 or 规章, with 行政 or 的 in front as reports write them
_DOCS = {"normative": r"(?:的)?(?:行政)?规范性文件", "regulations": r"(?:的)?(?:政府)?规章"}
#: (column, verb before the row's words, the words the verb opens with, format versions)
_COLUMNS = (
    ("issued", r"(?:新)?(?:制发|制定|印发)(?:了|的)?", ("新", "制发", "制定", "印发"), "2021"),
    ("repealed", r"废止(?:了|的)?", ("废止",), "2021"),
    ("in_force", r"现行有效", ("现行有效",), "2021"),
    ("made", r"(?:新)?(?:制作|制发|制定|印发)(?:了|的)?", ("新", "制作", "制发", "制定", "印发"), "2019"),
)


@dataclass(frozen=True)
class Claim:
    """The prose says cell `key` is `value`, in the sentence at text[start:end]."""

    key: str
    value: int
    start: int
    end: int
    text: str
    #: the report's own words settle a cell
    settles = True

    def holds(self, values: dict[str, Any]) -> bool:
        return values.get(self.key) == self.value

    def evidence(self) -> dict:
        return {"kind": "narrative", "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class LastYear:
    """Last year's report implies cell `key` == `base` + sum(`plus`) − sum(`minus`) of this year's
    cells of the same row (`plus` and `minus` empty: `key` == `base`)."""

    key: str
    base: Any
    plus: tuple[str, ...]
    minus: tuple[str, ...]
    prior: Prior
    source: str  # the cell of last year's report that `base` is
    #: a hint only: a body restates last year's figures, and documents lapse without being
    #: repealed, so a reading that agrees may do so by chance (eval/prior_evidence.py --restated)
    settles = False

    def holds(self, values: dict[str, Any]) -> bool:
        if any(values.get(k) is None for k in (self.key, *self.plus, *self.minus)):
            return False
        return values[self.key] == self.base + sum(values[k] for k in self.plus) - sum(values[k] for k in self.minus)

    def evidence(self) -> dict:
        rel = "".join(f" + {k}" for k in self.plus) + "".join(f" − {k}" for k in self.minus)
        return {"kind": "last_year", "doc": self.prior.doc, "year": self.prior.year,
                "text": f"{self.key} = {self.source} of {self.prior.year} ({self.base}, {self.prior.doc}){rel}"}


def prior_claims(prior: Prior, template: str) -> dict[str, list[LastYear]]:
    """Cell key → what last year's reading of the same body implies of it."""
    out: dict[str, list[LastYear]] = {}
    for col in catalogue.APPLICANT_COLUMNS:
        before = prior.values.get(f"requests.carried_forward.{col}")
        if before is not None:
            key = f"requests.carried_over.{col}"
            out[key] = [LastYear(key, before, (), (), prior, f"requests.carried_forward.{col}")]
    if prior.template != template:
        return out  # 现行有效件数 and 对外公开总数量 count different things
    plus: tuple[str, ...]
    minus: tuple[str, ...]
    for row in ("regulations", "normative"):
        if template == "2021":
            key, plus, minus = f"active.{row}.in_force", (f"active.{row}.issued",), (f"active.{row}.repealed",)
        else:
            key, plus, minus = f"active.{row}.total", (f"active.{row}.published",), ()
        before = prior.values.get(key)
        if before is not None:
            out.setdefault(key, []).append(LastYear(key, before, plus, minus, prior, key))
    return out


#: a count of decisions (件, 起, 宗, 个, 项, 次), not the tail of a longer number
_DECIDED = r"\s*(?:共|合计|为)?\s*(?<![\d.])(\d{1,6})\s*(?:件|起|宗|个|项|次)"
#: the verbs of deciding: 受理 (received), 公开 (published) and 公示 count other things
_DECIDE_WORDS = ("作出", "做出", "办理", "办结")
_DECIDE = "(?:" + "|".join(_DECIDE_WORDS) + ")(?:了|的)?"
#: the other 表二 cells prose names unmistakably: (cell, the deciding verb and the row's own
#: words, the words they open with, format versions). 行政处罚类信息12条 counts published items,
#: not decisions: never matched.
_DECISIONS = (
    ("active.licensing.decisions", _DECIDE + r"行政许可(?:决定|事项)", _DECIDE_WORDS, ("2019", "2021")),
    ("active.punishment.decisions", _DECIDE + r"行政处罚决定", _DECIDE_WORDS, ("2019", "2021")),
    ("active.coercion.decisions", _DECIDE + r"行政强制(?:决定|措施决定)", _DECIDE_WORDS, ("2019", "2021")),
    ("active.procurement.items", r"政府集中采购项目", ("政府集中采购项目",), ("2019",)),
)


@cache
def _patterns(template: str) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
    """(cell key, the pattern of a statement of it, the words such a statement opens with)."""
    docs = tuple((f"active.{row}.{col}", re.compile(verb + docs + r"\s*(?:共|为)?\s*" + _N), opens)
                 for row, docs in _DOCS.items() for col, verb, opens, fmt in _COLUMNS if fmt == template)
    return docs + tuple((key, re.compile(words + _DECIDED), opens)
                        for key, words, opens, fmts in _DECISIONS if template in fmts)


def _statements(pattern: re.Pattern[str], opens: tuple[str, ...], text: str,
                places: dict[str, list[int]] | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match opens with one of the words
    `opens`: tried only where one of them stands (found by `str.find`), where `re`, which has no
    one literal to skip ahead to, would try it at every place of the text. Same matches, same order.
    `places`: each word's places in `text` found so far (several patterns open with the same words)."""
    places = {} if places is None else places
    starts: set[int] = set()
    for word in opens:
        if word not in places:
            found = places[word] = []
            k = text.find(word)
            while k >= 0:
                found.append(k)
                k = text.find(word, k + 1)
        starts.update(places[word])
    return matches_at(text, pattern, sorted(starts))


def claims(text: str, template: str, keys: Collection[str] | None = None) -> dict[str, list[Claim]]:
    """Cell key → what the prose outside the tables states of it (every statement, in order), for
    the cells `keys` (every cell prose may name when None).

    Called only for a 表二 with a run that splits several ways: most reports never pay for it."""
    spans = list(find_tables(text).tables().values())
    out: dict[str, list[Claim]] = {}
    places: dict[str, list[int]] = {}
    for key, pattern, opens in _patterns(template):
        if keys is not None and key not in keys:
            continue
        for m in _statements(pattern, opens, text, places):
            if any(a <= m.start() < b for a, b in spans):
                continue  # the table's own labels and numbers are not prose
            out.setdefault(key, []).append(Claim(key, int(m.group(1)), m.start(), m.end(), m.group()))
    return out




def narrow(keys: tuple[str, ...], readings: list, stated: dict[str, list]) -> tuple[list, list]:
    """The readings of a row that agree with what the prose (or last year's report) states of its
    cells, claim by claim (one no reading agrees with is passed over), and the claims used."""
    used: list = []
    for key in keys:
        for claim in stated.get(key, ()):
            agree = [r for r in readings if claim.holds({k: x.value for k, x in zip(keys, r)})]
            if agree and len(agree) < len(readings):
                readings = agree
                used.append(claim)
    return readings, used


__all__ = ["Claim", "LastYear", "claims", "narrow", "prior_claims"]
