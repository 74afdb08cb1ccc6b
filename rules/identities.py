"""The identities every report must satisfy (the 勾稽关系 of the spec; see docs/gold-format.md).

All are `error`: when one fails, the printed tables cannot all be right.
"""

from __future__ import annotations

from functools import cache
from typing import Callable, Sequence

from extractor import catalogue

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


def _sum_check(f: Facts, rule_id: str, suffix: str, parts: Sequence[str], total_key: str,
               message: Callable[[Number, Number], str]) -> Violation | None:
    """The violation when a printed total is not the sum of its parts (None when it is, or
    when a cell is missing because its table is absent)."""
    get = f.values.get  # `f.has` and `f.get` in one lookup per cell: this runs ~35 times a report
    found = get(total_key)
    values = list(map(get, parts))
    if found is None or None in values:
        return None
    expected = sum(values)
    if expected == found:
        return None
    return violation(rule_id, suffix=suffix, keys=[*parts, total_key], expected=expected, found=found,
                     message=message(expected, found))  # type: ignore[arg-type]


@rule("row_total", "error", "表三每一行的总计等于六类申请人之和")
def row_total(f: Facts):
    for row in catalogue.request_rows(f.template):  # type: ignore[arg-type]
        total_key, keys = catalogue.summed_cells(f"requests.{row}")
        v = _sum_check(
            f, "row_total", f"requests.{row}", keys, total_key,
            lambda expected, found: f"表三“{row_label(row, f.template)}”一行：六类申请人之和为 "
            f"{' + '.join(str(f.get(k)) for k in keys)} = {expected}，但总计印为 {found}",
        )
        if v:
            yield v


@rule("balance", "error", "表三每一列：一 + 二 = 三（七）总计 + 四")
def balance(f: Facts):
    for col in catalogue.APPLICANT_COLUMNS:
        new, old, done, carried = (f"requests.{r}.{col}" for r in ("new", "carried_over", "total", "carried_forward"))
        if not f.has(new, old, done, carried):
            continue
        left = f.get(new) + f.get(old)  # type: ignore[operator]
        right = f.get(done) + f.get(carried)  # type: ignore[operator]
        if left != right:
            yield violation(
                "balance", suffix=f"requests.{col}", keys=[new, old, done, carried],
                expected=left, found=right,
                message=f"表三“{APPLICANT_NAMES[col]}”列：一 + 二 = {f.get(new)} + {f.get(old)} = {left}，"
                f"三（七）+ 四 = {f.get(done)} + {f.get(carried)} = {right}，两者应相等",
            )


@cache
def _column_sums(template: str) -> tuple[tuple[str, list[str], str], ...]:
    """表三's columns: (column, its （一）…（六） outcome cells, its （七）总计 cell)."""
    rows = catalogue.outcome_rows(template)  # type: ignore[arg-type]
    return tuple((col, [f"requests.{r}.{col}" for r in rows], f"requests.total.{col}")
                 for col in catalogue.APPLICANT_COLUMNS)


@rule("outcome_sum", "error", "表三每一列：（七）总计等于（一）至（六）各项办理结果之和")
def outcome_sum(f: Facts):
    for col, keys, total_key in _column_sums(f.template):
        v = _sum_check(
            f, "outcome_sum", f"requests.{col}", keys, total_key,
            lambda expected, found: f"表三“{APPLICANT_NAMES[col]}”列：（一）至（六）各项办理结果之和为 "
            f"{expected}，但（七）总计印为 {found}",
        )
        if v:
            yield v


@rule("group_total", "error", "表四每组的总计等于结果维持 + 结果纠正 + 其他结果 + 尚未审结")
def group_total(f: Facts):
    for group in catalogue.APPEAL_GROUPS:
        total_key, keys = catalogue.summed_cells(group)
        v = _sum_check(
            f, "group_total", group, keys, total_key,
            lambda expected, found: f"表四“{GROUP_NAMES[group]}”：维持 + 纠正 + 其他 + 尚未审结 = "
            f"{' + '.join(str(f.get(k)) for k in keys)} = {expected}，但总计印为 {found}",
        )
        if v:
            yield v
