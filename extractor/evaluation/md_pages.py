"""Tables as document converters write them in Markdown: cut into small tables, or garbled.

Two kinds of converter output reach us. OCR or model-based converters (`converter_markdown`)
cut 表三 into one small table per row or per few rows, each under a `###` heading that repeats
the row label and with generic headers (`| 类别 | 数据1 | … | 数据6 | 总计 |`), now and then a
header made of other rows' labels; 表四 becomes three 5-column tables under their own headings.
PDF-to-Markdown tools (`garbled_markdown`) detach labels from their numbers, break labels over
lines, swap neighbouring rows and put two rows' numbers on one line.

Cell boundaries are explicit here (`|`), and every garble leaves the table decidable to a careful
reader (numbered labels, rows in recoverable order), so these pages carry no `ambiguous` gold.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from ._render import Style, pipe
from ._tables import BALANCE_NOTE, HEADINGS, Table

GENERIC_HEADER = ["类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"]
#: What converters put in a header row when they take it from the wrong rows.
STRAY_HEADER = ["本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "总计"]
APPEAL_HEADINGS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
APPEAL_HEADER = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _cell(value: Any, rng: random.Random, blank_zero: float = 0.0) -> str:
    if value == 0 and rng.random() < blank_zero:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _md(header: list[str], rows: list[list[str]]) -> list[str]:
    line = lambda cells: "| " + " | ".join(cells) + " |"  # noqa: E731
    return [line(header), "|" + "---|" * len(header)] + [line(r) for r in rows]


def data_rows(table: Table) -> list[tuple[list[str], tuple[str, ...]]]:
    """(labels, keys) of each row of a table that holds values, in printed order."""
    out = []
    for cells in table:
        keys = tuple(c.key for c in cells if c.key is not None)
        if keys:
            out.append(([c.text for c in cells if c.key is None and c.text], keys))
    return out


def _table2(table: Table, rng: random.Random) -> list[str]:
    """表二 as one Markdown table, as most converters give it."""
    text = pipe([("二", table)], Style(), rng, markdown=True)
    lines = text.strip("\n").split("\n")
    return [f"## {lines[0]}", *lines[1:]]


def converter_markdown(sections: list[tuple[str, Table]], values: dict[str, Any], rng: random.Random) -> str:
    """The tables as an OCR/model converter writes them (module docstring)."""
    by = dict(sections)
    out = _table2(by["二"], rng) + ["", f"## {HEADINGS['三']}", "", BALANCE_NOTE, ""]
    rows = data_rows(by["三"])
    i = 0
    while i < len(rows):
        size = 1 if rng.random() < 0.6 else rng.randint(2, 4)
        chunk = rows[i:i + size]
        i += size
        labels, _ = chunk[0]
        heading = labels[-1] if len(chunk) == 1 else " ".join(labels)
        header = STRAY_HEADER if rng.random() < 0.2 else GENERIC_HEADER
        body = [[lab[-1]] + [_cell(values[k], rng, 0.05) for k in keys] for lab, keys in chunk]
        out += [f"### {heading}", ""] + _md(header, body) + [""]
    out += [f"## {HEADINGS['四']}", ""]
    keys = [k for _, ks in data_rows(by["四"]) for k in ks]
    for g, heading in enumerate(APPEAL_HEADINGS):
        group = keys[5 * g: 5 * g + 5]
        out += [f"### {heading}", ""] + _md(APPEAL_HEADER, [[_cell(values[k], rng) for k in group]]) + [""]
    return "\n".join(out) + "\n"


def garbled_markdown(sections: list[tuple[str, Table]], values: dict[str, Any], rng: random.Random) -> tuple[str, list[str]]:
    """The tables as a PDF-to-Markdown tool garbles them; returns the text and the garbles used."""
    by = dict(sections)
    used: list[str] = []
    out = _table2(by["二"], rng) + ["", HEADINGS["三"], ""]
    width = 8
    out += _md([BALANCE_NOTE, "申请人情况"] + [""] * (width - 2),
               [["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
                ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]])
    rows = data_rows(by["三"])
    label = lambda labs: "".join(labs)  # noqa: E731
    nums = lambda keys: [_cell(values[k], rng) for k in keys]  # noqa: E731
    i = 0
    while i < len(rows):
        roll = rng.random()
        labs, keys = rows[i]
        if roll < 0.15 and i + 2 < len(rows):  # labels as loose lines, their numbers in unlabelled rows below
            group = rows[i:i + rng.randint(2, 3)]
            out += [""] + [label(lab) for lab, _ in group] + [""]
            out += ["| " + " | ".join([""] + nums(ks)) + " |" for _, ks in group]
            used.append("detached_labels")
            i += len(group)
        elif roll < 0.27 and len(label(labs)) > 6:  # the label broken over two lines of the table
            text = label(labs)
            cut = rng.randint(3, len(text) - 2)
            out.append("| " + " | ".join([text[:cut]] + nums(keys)) + " |")
            out.append("| " + " | ".join([text[cut:]] + [""] * len(keys)) + " |")
            used.append("broken_label")
            i += 1
        elif roll < 0.37 and i + 1 < len(rows) and _numbered(labs) and _numbered(rows[i + 1][0]):
            # two numbered rows swapped: the numbers stay with their labels
            for lab, ks in (rows[i + 1], rows[i]):
                out.append("| " + " | ".join([label(lab)] + nums(ks)) + " |")
            used.append("rows_swapped")
            i += 2
        elif roll < 0.47 and i + 1 < len(rows):  # two rows' numbers on one line
            (la, ka), (lb, kb) = rows[i], rows[i + 1]
            out.append("| " + " | ".join([label(la) + " " + label(lb)] + nums(ka) + nums(kb)) + " |")
            used.append("two_rows_one_line")
            i += 2
        else:
            out.append("| " + " | ".join([label(labs)] + nums(keys)) + " |")
            i += 1
    out += ["", HEADINGS["四"], ""]
    head: list[list[str]] = []  # 表四's header: its label rows, as the PDF placed them
    for cells in by["四"]:
        if all(c.key is None for c in cells):
            head.append([c.text for c in cells])
    out += ["| " + " | ".join(h) + " |" for h in head]
    appeal_keys = [k for _, ks in data_rows(by["四"]) for k in ks]
    if rng.random() < 0.5:
        out.append("| " + " | ".join(nums(appeal_keys)) + " |")
    else:  # one line per group, unlabelled
        out += ["| " + " | ".join(nums(appeal_keys[5 * g: 5 * g + 5])) + " |" for g in range(3)]
        used.append("appeals_by_group")
    return "\n".join(out) + "\n", sorted(set(used))


def _numbered(labels: list[str]) -> bool:
    """A row whose label starts with its number within a group (`2.重复申请`)."""
    return bool(labels) and labels[-1][:1].isdigit()
