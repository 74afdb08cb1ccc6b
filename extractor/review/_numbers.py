"""What a reviewer types into a cell → the schema's number, or a message naming the cell.

Strict on purpose: Python's `int()` and `Decimal()` take far more than a person means (`1_000`,
`٣`, `NaN`, `1e999999`, any length), and stripping separators anywhere turned `1,2,3` into 123.
Accepted: ASCII digits, thousands separators only between groups of three (`1,203`), a point
in an amount, a sign only in a cell that may be negative (本年增/减), a bounded number of digits.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .. import catalogue
from ..errors import ReviewError

#: digits a count may have (a trillion applications is already impossible)
INT_DIGITS = 12
#: digits before and after the point of an amount in 万元
AMOUNT_DIGITS, AMOUNT_PLACES = 12, 6
_LONGEST = 40  # characters of input looked at at all (the longest accepted form is shorter)

_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<whole>[0-9]{1,3}(?:[,，][0-9]{3})+|[0-9]+)(?:\.(?P<places>[0-9]+))?")


def cell_label(key: str) -> str:
    f = catalogue.field(key)
    return f"表{f.section}“{f.row}”/“{f.column}”"


def parse_cell(key: str, raw: Any) -> int | Decimal | None:
    """A reviewer's input for one cell → the schema's type (None when blank); `ReviewError` otherwise."""
    try:
        f = catalogue.field(key)
    except KeyError:
        raise ReviewError(f"unknown cell {key!r}") from None
    if raw is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        text = str(raw)
    elif isinstance(raw, (str, Decimal, float)):
        text = str(raw).strip()
    else:
        raise ReviewError(f"{cell_label(key)}：不是数字")
    if text == "":
        return None
    amount = f.type == "decimal"
    kind = "金额（万元）" if amount else "整数"
    shown = text if len(text) <= _LONGEST else text[:_LONGEST] + "…"
    m = _NUMBER.fullmatch(text) if len(text) <= _LONGEST else None
    if m is None or (m["places"] is not None and not amount):
        raise ReviewError(f"{cell_label(key)}：“{shown}”不是{kind}")
    if m["sign"] and not f.signed:
        raise ReviewError(f"{cell_label(key)}：不能为负数（{shown}）" if m["sign"] == "-"
                          else f"{cell_label(key)}：不能带正负号（{shown}）")
    whole = re.sub(r"[,，]", "", m["whole"])
    places = m["places"] or ""
    limit = AMOUNT_DIGITS if amount else INT_DIGITS
    if len(whole.lstrip("0")) > limit or len(places) > AMOUNT_PLACES:
        most = f"整数部分最多 {limit} 位、小数最多 {AMOUNT_PLACES} 位" if amount else f"最多 {limit} 位"
        raise ReviewError(f"{cell_label(key)}：“{shown}”位数过多（{most}）")
    sign = "-" if m["sign"] == "-" else ""
    return Decimal(f"{sign}{whole}.{places}" if places else f"{sign}{whole}") if amount else int(sign + whole)
