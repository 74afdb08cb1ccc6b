"""docs/rules.md lists every rule, and its example of a new rule runs."""

from __future__ import annotations

import re
from pathlib import Path

import rules
from _facts import changed, facts, fired
from rules import base

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_every_rule_is_documented_with_its_severity():
    text = DOC.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+)[^`]*` \| (error|warning) \|", text, flags=re.M))
    assert rows == {r.id: r.severity for r in rules.REGISTRY.values()}


def test_the_example_rule_runs():
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S).group(1)
    namespace = {"__name__": "rules.example", "rule": base.rule, "violation": base.violation, "Facts": base.Facts}
    try:
        exec(compile(code, str(DOC), "exec"), namespace)
        f = facts("003")  # 行政许可 27 items
        assert fired(f, "decisions_without_items") == []
        (v,) = fired(changed(f, active__licensing__prior=0), "decisions_without_items")
        assert v.rule == "decisions_without_items:active.licensing" and "571" in v.message
    finally:
        base.REGISTRY.pop("decisions_without_items", None)
