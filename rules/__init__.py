"""Deterministic checks of a report's numbers: identities, plausibility, narrative.

    from rules import check, facts_from_record
    violations = check(facts_from_record(record, text=report_text))

Rules know nothing of engines: they see `Facts` (the flat view plus metadata and text).
Each module registers its rules on import; `REGISTRY` holds them all by id.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

# base first: it needs nothing from extractor, and extractor's modules import Violation from it.
from .base import REGISTRY, Facts, Rule, Severity, Violation, rule, violation  # isort: skip
from extractor.flat import to_flat  # isort: skip

from . import identities, narrative, plausibility  # noqa: F401  (each registers its rules)

__all__ = [
    "REGISTRY", "Facts", "Rule", "Severity", "Violation", "check", "errors", "facts_from_gold",
    "facts_from_record", "rule", "violation",
]


def check(facts: Facts, *, kinds: Iterable[str] | None = None) -> list[Violation]:
    """Run every registered rule (or those of the given kinds) and return their violations."""
    wanted = set(kinds) if kinds is not None else None
    out: list[Violation] = []
    for r in REGISTRY.values():
        if wanted is None or r.kind in wanted:
            out.extend(r(facts))
    return out


def errors(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == "error"]


def facts_from_record(record: Any, *, text: str | None = None,
                      values: Mapping[str, Any] | None = None) -> Facts:
    """Facts of a schema record (Report2019 / Report2021); `values`: its flat view, when the
    caller has it already (rules only read it)."""
    return Facts(
        template=record.template, year=record.year, organ=record.organ,
        values=to_flat(record) if values is None else values, printed=dict(record.printed), text=text,
    )


def facts_from_gold(gold: Mapping[str, Any], *, text: str | None = None) -> Facts:
    """Facts of a gold label file's JSON (`meta`, `fields`)."""
    from extractor.flat import _coerce  # numbers as the schema types them

    meta = gold["meta"]
    return Facts(
        template=str(meta["template"]), year=meta.get("year"), organ=meta.get("organ"),
        values={k: (None if v is None else _coerce(k, v)) for k, v in gold["fields"].items()},
        text=text,
    )
