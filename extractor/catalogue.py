"""The cell catalogue: one stable dotted key per table cell, for both format versions.

The catalogue is a copy of the spec's `fields.tsv`, shipped as package data so that it works
after a plain `pip install .`. Everything that names a cell (schema, flat view, rules, prompts,
eval) reads it from here.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Callable, Iterable, Literal, TypeVar, cast

_F = TypeVar("_F", bound=Callable[..., object])


def _cached(fn: _F) -> _F:
    """`functools.cache`, with the function's own signature for the type checker (the cache's
    wrapper takes any hashable arguments, so a wrong template would go unnoticed)."""
    return cast(_F, cache(fn))


Template = Literal["2019", "2021"]
TEMPLATES: tuple[Template, ...] = ("2019", "2021")

#: 表三's applicant columns, in printed order; the last one is 总计.
APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total",
)
#: 表四's three groups, each of five cells in printed order.
APPEAL_GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
APPEAL_CELLS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")


@dataclass(frozen=True)
class Field:
    """One cell of the printed format."""

    key: str
    templates: tuple[Template, ...]
    section: str  # 二, 三 or 四 (the report's own section numbers)
    row: str  # row label as printed in the format
    column: str  # column label as printed in the format
    type: Literal["int", "decimal"]

    @property
    def signed(self) -> bool:
        """本年增/减 is the one count that may be negative."""
        return self.key.endswith(".change")


@_cached
def fields() -> tuple[Field, ...]:
    """Every cell of both versions, in the catalogue's order."""
    text = resources.files("extractor").joinpath("data/fields.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return tuple(
        Field(
            key=r["key"],
            templates=tuple(as_template(t) for t in r["templates"].split(",")),
            section=r["section"],
            row=r["row"],
            column=r["column"],
            type=r["type"],  # type: ignore[arg-type]
        )
        for r in rows
    )


def as_template(value: object) -> Template:
    """A format version read from data (a label file, the store) as one; ValueError when it is none."""
    for template in TEMPLATES:
        if value == template:
            return template
    raise ValueError(f"unknown template {value!r}; expected one of {TEMPLATES}")


@_cached
def keys(template: Template) -> tuple[str, ...]:
    """The flat keys of one version, in catalogue order."""
    as_template(template)
    return tuple(f.key for f in fields() if template in f.templates)


@_cached
def key_set(template: Template) -> frozenset[str]:
    """The flat keys of one version, for membership tests."""
    return frozenset(keys(template))


def all_keys() -> tuple[str, ...]:
    """The keys of both versions, in catalogue order."""
    return tuple(f.key for f in fields())


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """` (did you mean 'a' or 'b'?)` with the choices closest to a misspelt word (difflib), or ""
    when none is close: a typo in a key, a report id or a name gets its fix in the message."""
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)"


def unknown_key(key: str, template: Template | None = None) -> str | None:
    """Why `key` names no cell (of the version, or of either when None), with the closest keys;
    None when it is a cell's key."""
    pool = keys(template) if template else all_keys()
    if key in pool:
        return None
    where = f" of the {template} format" if template else ""
    return f"{key!r} is not a cell key{where}{did_you_mean(key, pool)}"


def mismatch_hints(unknown: Iterable[str], missing: Iterable[str], n: int = 3) -> str:
    """For keys a record holds but its version has not: `; 'requests.totl.natural': did you mean
    'requests.total.natural'?`, matched against the keys it lacks (a misspelt key leaves its
    right spelling missing), for at most `n` of them."""
    missing = list(missing)
    hints = []
    for key in list(unknown)[:n]:
        close = difflib.get_close_matches(key, missing, n=1, cutoff=0.6)
        if close:
            hints.append(f"{key!r}: did you mean {close[0]!r}?")
    return "; " + "; ".join(hints) if hints else ""


@_cached
def field(key: str) -> Field:
    """The catalogue entry for a key."""
    for f in fields():
        if f.key == key:
            return f
    raise KeyError(key)


@_cached
def request_rows(template: Template) -> tuple[str, ...]:
    """表三's row names (the middle part of `requests.<row>.<col>`), in printed order."""
    seen: list[str] = []
    for k in keys(template):
        if k.startswith("requests."):
            row = k.split(".")[1]
            if row not in seen:
                seen.append(row)
    return tuple(seen)


@_cached
def summed_cells(part: str) -> tuple[str, tuple[str, ...]]:
    """A 表三 row (`requests.new`) or 表四 group (`review`): its 总计 key and the keys it sums
    (the six applicant columns, or 维持/纠正/其他/尚未审结)."""
    cols = APPLICANT_COLUMNS[:-1] if part.startswith("requests.") else APPEAL_CELLS[:-1]
    return f"{part}.total", tuple(f"{part}.{c}" for c in cols)


#: 表二's rows as both formats print them (each format prints the ones it has)
_ACTIVE_ORDER = ("regulations", "normative", "licensing", "other_services", "punishment", "coercion", "fees",
                 "procurement")


@_cached
def printed_rows(template: Template, table: str) -> tuple[str, ...]:
    """The rows of 表二 (`active`) or 表三 (`requests`) in the order the format prints them.

    The catalogue lists the 2021-only rows last; in print （六）1-3 come before （七）总计."""
    if table == "active":
        have = {k.split(".")[1] for k in keys(template) if k.startswith("active.")}
        return tuple(r for r in _ACTIVE_ORDER if r in have)
    rows = request_rows(template)
    tail = ("total", "carried_forward")
    return tuple(r for r in rows if r not in tail) + tail


def outcome_rows(template: Template) -> tuple[str, ...]:
    """The 办理结果 rows （一）…（六） that sum to （七）总计."""
    rows = request_rows(template)
    return tuple(r for r in rows if r not in ("new", "carried_over", "total", "carried_forward"))
