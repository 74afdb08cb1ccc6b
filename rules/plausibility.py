"""Numbers that fit the identities but cannot (or can hardly) be what the report meant.

`negative_count` and `items_below_zero` are errors: no printed report can have them right.
The others are warnings: the print may be exactly what the publisher wrote, and a reviewer
should look at it (a wrong unit, an outdated format), but the record is not impossible.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from itertools import compress, repeat
from typing import Any, Callable

from extractor import catalogue

from .base import Facts, rule, violation

#: Above this, no single organ's annual 行政事业性收费 or 政府集中采购 is plausible in 万元:
#: 10,000,000 万元 is 1,000 亿元, a large share of the whole country's annual fee income.
MAX_AMOUNT_WAN = Decimal(10_000_000)
#: Above this average per 政府集中采购 project (10,000 万元 = 1 亿元), the amount was most likely
#: written in 元: seed 003 prints 1 project for 209600, report 01 6 projects for 251000.
MAX_AMOUNT_PER_ITEM_WAN = Decimal(10_000)
#: The circular that set out each format.
CIRCULAR = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


#: a value, None as 0 (`{None: 0}.get(v, v)`)
_AS_ZERO: Callable[[Any, Any], Any] = {None: 0}.get


def _label(key: str) -> str:
    f = catalogue.field(key)
    return f"表{f.section}“{f.row}”的“{f.column}”"


@rule("negative_count", "error", "计数不能为负数（只有本年增/减可以为负）")
def negative_count(f: Facts):
    values = f.values
    try:  # most reports have no negative cell at all: `min` over them, None as 0, runs in C
        if min(map(_AS_ZERO, values.values(), values.values()), default=0) >= 0:
            return
    except (TypeError, ArithmeticError):
        pass  # values that do not compare with each other: each is compared with 0 below
    # one pass in a comprehension: this looks at every cell of every report
    negative = [(k, v) for k, v in values.items() if v is not None and v < 0 and not k.endswith(".change")]
    for key, value in negative:
        yield violation(
            "negative_count", suffix=key, keys=[key], expected=">= 0", found=value,
            message=f"{_label(key)}为 {value}：件数、项目数和金额不能为负数",
        )


@rule("items_below_zero", "error", "2019 格式表二：上一年项目数量 + 本年增/减 不能小于 0")
def items_below_zero(f: Facts):
    values = f.values
    # only 2019's 表二 has `.change` keys: one search of all the keys joined (C speed, ~4 µs for
    # 200 keys) tells most reports they have none, where testing each key took ~40 µs
    keys = "\n".join(values)
    if not (keys.endswith(".change") or ".change\n" in keys):
        return
    # `str.endswith` mapped over the keys: no Python call per key (a `methodcaller` was ~2× slower)
    for key in compress(values, map(str.endswith, values, repeat(".change"))):
        prior_key = key.removesuffix(".change") + ".prior"
        if not f.has(key, prior_key):
            continue
        prior, change = f.value(prior_key), f.value(key)
        if prior + change < 0:
            row = catalogue.field(key).row
            yield violation(
                "items_below_zero", suffix=key.removesuffix(".change"), keys=[prior_key, key],
                expected=">= 0", found=prior + change,
                message=f"表二“{row}”：上一年项目数量 {prior}，本年增/减 {change}，"
                f"本年项目数量将是 {prior + change}，不可能为负",
            )


@rule("template_year", "warning", "表格格式应与报告年度相符：2019–2020 年用 2019 格式，2021 年起用 2021 格式")
def template_year(f: Facts):
    # A warning, not an error: some publishers kept the old form a year late, and the record may
    # be read exactly as printed. But it also catches a misread year or a misdetected format.
    if f.year is None or f.template not in CIRCULAR:
        return
    if f.template == "2019" and 2019 <= f.year <= 2020:
        return
    if f.template == "2021" and f.year >= 2021:
        return
    expected = "2021" if f.year >= 2021 else ("2019" if f.year >= 2019 else "2019 年以前的旧格式")
    yield violation(
        "template_year", keys=[], expected=expected, found=f.template,
        message=f"报告年度为 {f.year} 年，表格却是 {f.template} 格式（{CIRCULAR[f.template]}）；"
        f"{f.year} 年的报告应使用 {expected} 格式。请核对年度和格式是否读错",
    )


@cache
def _amount_keys(template: str) -> list[str]:
    return [f.key for f in catalogue.fields() if f.type == "decimal" and template in f.templates]


def _yi(amount: Decimal) -> str:
    """万元 as 亿元, for a reviewer's sense of scale."""
    return f"{(amount / 10_000).quantize(Decimal('0.01'))} 亿元"


@rule("amount_unit", "warning", "金额栏的单位是万元：印出“元”或数额大得不可能时，多半是按元填写")
def amount_unit(f: Facts):
    for key in _amount_keys(f.template):
        amount = f.get(key)
        if amount is None:
            continue
        amount = Decimal(str(amount))
        printed = f.printed.get(key, "")
        label = _label(key)
        if "元" in printed and "万" not in printed:
            yield violation(
                "amount_unit", suffix=key, keys=[key], expected="万元", found=printed,
                message=f"{label}印为“{printed}”：单位写的是元，而表格要求万元（{amount} 元 = "
                f"{amount / 10_000} 万元）；按原样保留，请核对",
            )
        elif amount > MAX_AMOUNT_WAN:
            yield violation(
                "amount_unit", suffix=key, keys=[key], expected=f"<= {MAX_AMOUNT_WAN}", found=amount,
                message=f"{label}为 {amount} 万元（{_yi(amount)}），远超任何单个机关一年的数额，"
                "很可能是按元填写",
            )
        elif key == "active.procurement.amount" and f.has("active.procurement.items"):
            items = max(int(f.value("active.procurement.items")), 1)
            per_item = amount / items
            if per_item > MAX_AMOUNT_PER_ITEM_WAN:
                yield violation(
                    "amount_unit", suffix=key, keys=["active.procurement.items", key],
                    expected=f"<= {MAX_AMOUNT_PER_ITEM_WAN} 万元/项", found=amount,
                    message=f"政府集中采购 {items} 项、采购总金额 {amount} 万元（{_yi(amount)}），"
                    f"平均每项 {_yi(per_item)}，不像以万元为单位；可能是按元填写"
                    f"（即 {amount / 10_000} 万元）",
                )


@rule("stock_below_new", "warning", "表二第（一）项：对外公开总数量 / 现行有效件数 不应少于本年新公开 / 制发件数")
def stock_below_new(f: Facts):
    # 2019: 对外公开总数量 counts every document published so far, this year's included.
    # 2021: 现行有效件数 counts documents in force, normally including this year's (unless
    # repealed within the year, hence a warning).
    pairs = {"2019": ("published", "total"), "2021": ("issued", "in_force")}.get(f.template)
    if pairs is None:
        return
    new, stock = pairs
    for row in ("regulations", "normative"):
        new_key, stock_key = f"active.{row}.{new}", f"active.{row}.{stock}"
        if not f.has(new_key, stock_key) or f.value(stock_key) >= f.value(new_key):
            continue
        yield violation(
            "stock_below_new", suffix=f"active.{row}", keys=[new_key, stock_key],
            expected=f">= {f.get(new_key)}", found=f.get(stock_key),
            message=f"表二“{catalogue.field(new_key).row}”：{catalogue.field(stock_key).column} "
            f"{f.get(stock_key)} 少于{catalogue.field(new_key).column} {f.get(new_key)}，"
            "本年的文件应计入其中，请核对",
        )
