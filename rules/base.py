"""What a rule is: a function from `Facts` to `Violation`s, registered with an id and severity.

To add a rule, write a function in the module of its kind and decorate it:

    @rule("negative_count", "error", "计数不能为负数")
    def negative_count(f: Facts):
        for key, value in f.counts():
            if value < 0:
                yield f.violation(key=key, expected=">= 0", found=value, message=...)

The id of each violation is the rule id, or `<rule id>:<what it is about>` for families of
identities (`row_total:requests.granted`), as in the spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Literal, Mapping

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]
Number = int | Decimal


class Violation(BaseModel):
    """One broken check: which rule, which cells, what was expected and what was found."""

    model_config = ConfigDict(frozen=True)

    rule: str
    severity: Severity
    keys: tuple[str, ...]
    expected: Any = None
    found: Any = None
    message: str


@dataclass(frozen=True)
class Facts:
    """What rules see of a report: its version, year, organ, flat values, and optional text.

    Values are the flat view (`None` where a table is absent). `text` is the report's full text
    when known, for rules that compare the narrative with the tables.
    """

    template: str
    year: int | None
    organ: str | None
    values: Mapping[str, Number | None]
    printed: Mapping[str, str] = field(default_factory=dict)
    text: str | None = None

    def get(self, key: str) -> Number | None:
        return self.values.get(key)

    def value(self, key: str) -> Number:
        """The value of a cell that has one (checked with `has`); KeyError for one that has none."""
        value = self.values.get(key)
        if value is None:
            raise KeyError(f"{key} has no value (its table is absent, or the cell unsettled)")
        return value

    def has(self, *keys: str) -> bool:
        """True when every key is present with a value (its table was printed)."""
        get = self.values.get  # a plain loop: rules call this thousands of times per report
        for k in keys:
            if get(k) is None:
                return False
        return True


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str  # one line, in Chinese, for reviewers and `xxgk rules`
    check: Callable[[Facts], Iterable[Violation]]
    kind: str  # module it lives in: identities, plausibility, narrative …

    def __call__(self, facts: Facts) -> list[Violation]:
        return list(self.check(facts))


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, description: str):
    """Register a check function under a stable id. The function yields `Violation`s."""

    def register(fn: Callable[[Facts], Iterable[Violation]]) -> Callable[[Facts], Iterable[Violation]]:
        if rule_id in REGISTRY:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        kind = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[rule_id] = Rule(rule_id, severity, description, fn, kind)
        return fn

    return register


def violation(
    rule_id: str, *, keys: Iterable[str], expected: Any, found: Any, message: str, suffix: str = ""
) -> Violation:
    """Build a violation of a registered rule (its severity comes from the registry)."""
    registered = REGISTRY[rule_id]
    return Violation(
        rule=f"{rule_id}:{suffix}" if suffix else rule_id,
        severity=registered.severity,
        keys=tuple(keys),
        expected=_jsonable(expected),
        found=_jsonable(found),
        message=message,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value == value.to_integral_value() or len(str(value)) < 16 else str(value)
    return value


def total(values: Iterator[Number | None] | Iterable[Number | None]) -> Number:
    """Sum that treats None as 0 (callers check presence first)."""
    return sum((v or 0 for v in values), 0)
