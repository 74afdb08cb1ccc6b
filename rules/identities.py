"""The identities every report must satisfy (the 勾稽关系 of the spec; see docs/gold-format.md).

The identities themselves are data (`extractor.identities`), shared with the layout reader,
which splits run-together digits with the same objects; this module only judges and words the
message. All are `error`: when one fails, the printed tables cannot all be right.
"""

from __future__ import annotations

from functools import cache
from operator import eq, itemgetter
from typing import Any, Callable, Iterator

from extractor import catalogue
from extractor.cellstate import BLANK_MARKS
from extractor.identities import Identity, of_rule

from .base import Facts, Number, Violation, rule, violation

APPLICANT_NAMES = {
    "natural": "自然人", "commercial": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织",
    "legal_service": "法律服务机构", "other_org": "其他", "total": "总计",
}
GROUP_NAMES = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}


def row_label(row: str, template: str) -> str:
    return catalogue.field(f"requests.{row}.total").row


def _total_printed(f: Facts, ident: Identity, found: Number) -> str:
    """How the total was printed: `印为 19`, or `栏空白` for a cell left blank (read as 0 by the
    format's convention, but nothing was printed), or `印为“—”` for a blank mark."""
    mark = f.printed.get(ident.totals[0]) if len(ident.totals) == 1 else None
    if mark is not None and mark.strip() in BLANK_MARKS:
        return "栏空白" if not mark.strip() else f"印为“{mark.strip()}”（空）"
    return f"印为 {found}"


def _column(ident: Identity) -> str:
    return APPLICANT_NAMES[ident.about.rsplit(".", 1)[1]]


@cache
def _layout(template: catalogue.Template, rule_id: str) -> tuple[Callable[[Any], Any], tuple[slice, ...], tuple[slice, ...]]:
    """A getter of the cells of all a rule's identities at once (`itemgetter`: one C call), and
    each identity's parts and totals as slices of what it returns."""
    keys: list[str] = []
    parts: list[slice] = []
    totals: list[slice] = []
    for ident in of_rule(template, rule_id):
        parts.append(slice(len(keys), len(keys) + len(ident.parts)))
        keys += ident.parts
        totals.append(slice(len(keys), len(keys) + len(ident.totals)))
        keys += ident.totals
    keys.append(keys[0] if keys else "")  # two keys at least: `itemgetter` returns a tuple
    return itemgetter(*keys), tuple(parts), tuple(totals)


def _all_hold(f: Facts, rule_id: str) -> bool:
    """True when every identity of a rule has all its cells and holds: what most reports show,
    found with C-speed `map`s over all the identities at once instead of one Python loop turn per
    identity. False says nothing: `_judge_each` then looks at each."""
    cells_of, parts, totals = _layout(f.template, rule_id)
    try:
        cells = cells_of(f.values)
        # a cell with no value (None) stops `sum` with a TypeError
        return all(map(eq, map(sum, map(cells.__getitem__, parts)), map(sum, map(cells.__getitem__, totals))))
    except (KeyError, TypeError):
        return False


def _judge_each(f: Facts, rule_id: str, message: Callable[[Identity, Number, Number], str]) -> Iterator[Violation]:
    """The violation of each identity of a rule that fails in this report (none for an identity
    that holds, or that has a cell with no value)."""
    if _all_hold(f, rule_id):
        return
    get = f.values.get
    for ident in of_rule(f.template, rule_id):  # `ident.sides(get)`, inline: ~40 identities a report
        parts: list[Any] = list(map(get, ident.parts))
        if None in parts:
            continue
        totals: list[Any] = list(map(get, ident.totals))
        if None in totals:
            continue
        expected, found = sum(parts), sum(totals)
        if expected == found:  # most hold: no message built for them
            continue
        yield violation(ident.rule, suffix=ident.about, keys=ident.keys, expected=expected, found=found,
                        message=message(ident, expected, found))


@rule("row_total", "error", "表三每一行的总计等于六类申请人之和")
def row_total(f: Facts):
    yield from _judge_each(f, "row_total", lambda ident, expected, found: (
        f"表三“{row_label(ident.about.split('.', 1)[1], f.template)}”一行：六类申请人之和为 "
        f"{' + '.join(str(f.get(k)) for k in ident.parts)} = {expected}，但总计{_total_printed(f, ident, found)}"))


@rule("balance", "error", "表三每一列：一 + 二 = 三（七）总计 + 四")
def balance(f: Facts):
    def message(ident: Identity, left: Number, right: Number) -> str:
        new, old = (f.get(k) for k in ident.parts)
        done, carried = (f.get(k) for k in ident.totals)
        return (f"表三“{_column(ident)}”列：一 + 二 = {new} + {old} = {left}，"
                f"三（七）+ 四 = {done} + {carried} = {right}，两者应相等")

    yield from _judge_each(f, "balance", message)


@rule("outcome_sum", "error", "表三每一列：（七）总计等于（一）至（六）各项办理结果之和")
def outcome_sum(f: Facts):
    yield from _judge_each(f, "outcome_sum", lambda ident, expected, found: (
        f"表三“{_column(ident)}”列：（一）至（六）各项办理结果之和为 {expected}，"
        f"但（七）总计{_total_printed(f, ident, found)}"))


@rule("group_total", "error", "表四每组的总计等于结果维持 + 结果纠正 + 其他结果 + 尚未审结")
def group_total(f: Facts):
    yield from _judge_each(f, "group_total", lambda ident, expected, found: (
        f"表四“{GROUP_NAMES[ident.about]}”：维持 + 纠正 + 其他 + 尚未审结 = "
        f"{' + '.join(str(f.get(k)) for k in ident.parts)} = {expected}，但总计{_total_printed(f, ident, found)}"))
