"""Which cells a broken rule points at: the one printed total it contradicts, and its parts.

Painting every cell of a failed identity red (a 表三 column is 25 cells) hides the culprit. An
identity says `sum(parts) == sum(totals)`; the page marks its first total as the `culprit`, with
"应为 X，印为 Y" beside it (X: what the parts and the other totals make it), and only outlines
the parts. A rule that is not an identity marks its one cell as the culprit, or outlines its
cells when it names several. Every cell of a broken rule keeps the class `bad` as before.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from rules.base import Violation

from ..cellstate import BLANK_MARKS
from ..identities import identities
from .names import rule_name


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def marks(template: str | None, violations: Iterable[Violation], values: Mapping[str, Any],
          printed: Mapping[str, str], changed: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """Cell key → {"role": "culprit" | "part", "notes": [...], "rules": [...], "names": [...]}."""
    by_id = {i.id: i for i in identities(template)} if template in ("2019", "2021") else {}
    edited = set(changed)
    out: dict[str, dict[str, Any]] = {}

    def mark(key: str, role: str, rule: str, note: str = "") -> None:
        m = out.setdefault(key, {"role": "part", "notes": [], "rules": [], "names": []})
        if role == "culprit":
            m["role"] = "culprit"
        if note and note not in m["notes"]:
            m["notes"].append(note)
        if rule not in m["rules"]:
            m["rules"].append(rule)
            m["names"].append(rule_name(rule))

    for v in violations:
        ident = by_id.get(v.rule)
        if ident is not None:
            culprit = ident.totals[0]
            others = sum((values.get(k) or 0) for k in ident.totals[1:])
            mark(culprit, "culprit", v.rule, _note(v.expected - others if _num(v.expected) else v.expected,
                                                    values.get(culprit), printed.get(culprit), culprit in edited))
            for k in ident.keys:
                if k != culprit:
                    mark(k, "part", v.rule)
        elif len(v.keys) == 1:
            mark(v.keys[0], "culprit", v.rule)
        else:
            for k in v.keys:
                mark(k, "part", v.rule)
    return out


def _num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _note(should: Any, now: Any, printed: str | None, edited: bool) -> str:
    """`应为 20，印为 19`; `印为空白` for a total printed blank; `现为` once a reviewer changed it."""
    if edited:
        shown = f"现为 {_fmt(now)}"
    elif printed is not None and printed.strip() in BLANK_MARKS:
        shown = "印为空白" if not printed.strip() else f"印为“{printed.strip()}”"
    else:
        shown = f"印为 {_fmt(now)}"
    return f"应为 {_fmt(should)}，{shown}"
