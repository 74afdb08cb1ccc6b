"""The jsonl export: the very line `xxgk extract` printed (`Result.to_line`, kept in the store), with
the review applied and said.

`fields`, `state`, `failed_rules` and `violations` hold the final values (a reviewer's decision
when there is one; edited cells have state `edited`); `review` is the decision (outcome,
reviewer, comment, when, and the extracted value of each edited cell) or null. Added keys:
`organ_normalised`, `final_status`, `duplicate_of`, `amounts_wan` (each amount in 万元 after the
`amount_unit` rule, with its state).
"""

from __future__ import annotations

from typing import Any

from .columns import cell_value, template_columns
from .reports import Report


def line(r: Report) -> dict[str, Any]:
    out = dict(r.line)
    if r.template is not None:
        out["fields"] = dict(r.values)
        out["state"] = dict(r.states)
        out["failed_rules"] = r.failed_rules
        out["violations"] = list(r.violations)
    out["organ_normalised"] = r.organ_normalised
    out["final_status"] = r.final_status
    out["duplicate_of"] = list(r.duplicate_of)
    out["amounts_wan"] = {c.name: dict(zip(("value", "state"), cell_value(r, c)))
                          for c in template_columns(r.template) if c.derived}
    out["review"] = None if r.decision is None else {
        **r.decision, "extracted": {k: r.extracted.get(k) for k in r.edited}}
    return out


__all__ = ["line"]
