"""The rule-guided repair pass: tell the model which identities its record breaks, once.

The message spells out each error-level violation (rule, cells, expected and found) and the
source lines of the rows involved, and asks the model to re-read those cells, not to make the
sums work: a printed report may itself be inconsistent, and its numbers are kept as printed.
"""

from __future__ import annotations

import re
from typing import Iterable

import prompts
from rules import Violation

from ... import catalogue

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、（(]?|^（[一二三四五六七八九十]+）|[0-9]+\.")
MAX_LINES = 40
#: violations spelled out in one repair message (the rest are counted): keeps the prompt bounded
MAX_VIOLATIONS = 12


def _core_label(key: str) -> str:
    """The distinctive part of a cell's row label: 三（三）1.属于国家秘密 -> 属于国家秘密."""
    label = catalogue.field(key).row
    label = re.sub(r"^[一二三四五六七八九十]+[、（]?[一二三四五六七八九十]*[）]?", "", label)
    label = re.sub(r"^[0-9]+[.．]", "", label)
    return label.split("·")[-1][:8]


def source_lines(text: str, keys: Iterable[str]) -> list[str]:
    """The lines of the sent text that carry the rows of these cells (and the line after each)."""
    lines = text.splitlines()
    wanted = {_core_label(k) for k in keys}
    picked: list[int] = []
    for i, line in enumerate(lines):
        squashed = re.sub(r"\s+", "", line)
        if any(w and w in squashed for w in wanted):
            picked.extend((i, i + 1))
    out: list[str] = []
    for i in sorted(set(picked)):
        if i < len(lines) and lines[i].strip():
            out.append(lines[i].strip())
    return out[:MAX_LINES]


def describe(violations: list[Violation]) -> str:
    """One line per violation: which identity, which cells, the numbers (at most MAX_VIOLATIONS)."""
    rows = []
    for v in violations[:MAX_VIOLATIONS]:
        cells = "、".join(v.keys[:10]) + ("…" if len(v.keys) > 10 else "")
        # "by the identity / as read", never "should be": the print may itself be inconsistent
        rows.append(f"- {v.rule}：{v.message}（涉及单元格：{cells}；按关系推算为 {v.expected}，你读到的是 {v.found}）")
    if len(violations) > MAX_VIOLATIONS:
        rows.append(f"- ……另有 {len(violations) - MAX_VIOLATIONS} 处同类问题")
    return "\n".join(rows)


def repair_message(violations: list[Violation], sent_text: str, version: str) -> str:
    keys = [k for v in violations[:MAX_VIOLATIONS] for k in v.keys]
    lines = source_lines(sent_text, keys) or ["（未找到对应行，请对照上面的统计表原文）"]
    return prompts.render("repair", version, violations=describe(violations),
                          source_lines="\n".join(lines))
