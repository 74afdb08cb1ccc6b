"""Helpers for rule tests: Facts of a real gold record, with some cells changed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import rules
from conftest import gold_cases


def gold(prefix: str) -> dict:
    return next(g for p, g in gold_cases() if p.name.startswith(prefix))


def report_text(prefix: str) -> str:
    path = next(p for p, _ in gold_cases() if p.name.startswith(prefix))
    return path.read_text(encoding="utf-8")


def facts(prefix: str, *, text: str | None = None, printed: dict[str, str] | None = None,
          **meta: Any) -> rules.Facts:
    """Facts of the gold record whose file name starts with `prefix`."""
    f = rules.facts_from_gold(gold(prefix), text=text)
    return replace(f, printed=printed or {}, **meta)


def changed(f: rules.Facts, **cells: Any) -> rules.Facts:
    """The same facts with some cells changed: `changed(f, requests__new__total=5)`."""
    values = dict(f.values)
    for name, value in cells.items():
        key = name.replace("__", ".")
        assert key in values, key
        values[key] = value
    return replace(f, values=values)


def fired(f: rules.Facts, rule_id: str) -> list[rules.Violation]:
    return [v for v in rules.REGISTRY[rule_id](f)]
