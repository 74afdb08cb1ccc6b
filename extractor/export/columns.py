"""The export's columns: names in English and Chinese, their type, and the cell columns grouped by table.

Cell columns come table by table (表二, 表三, 表四); within a table the cells both formats
share come first, then the 2019-only ones, then the 2021-only ones, so the two formats never
interleave. Each amount (万元) is followed by its normalised column `<key>_wan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from .. import catalogue

Kind = Literal["int", "float", "str"]

#: the state of a normalised amount divided by 10,000 because the `amount_unit` rule found it in 元
RESCALED = "rescaled"
WAN_SUFFIX = "_wan"
TABLES = {"二": "表二", "三": "表三", "四": "表四"}


@dataclass(frozen=True)
class Column:
    """A column of an export table: its English name, its Chinese header, its type."""

    name: str
    zh: str
    kind: Kind


#: the columns both layouts give every row, declared once so their headers agree
DOC = Column("doc", "文件", "str")
PATH = Column("path", "路径", "str")
ORGAN = Column("organ", "机关（报告所印）", "str")
ORGAN_NORMALISED = Column("organ_normalised", "机关（归一）", "str")
YEAR = Column("year", "年度", "int")
FINAL_STATUS = Column("final_status", "最终状态", "str")
DUPLICATE_OF = Column("duplicate_of", "同机关同年度的其他文件", "str")


@dataclass(frozen=True)
class CellColumn:
    """A cell of the catalogue, or the normalised amount beside one."""

    name: str
    key: str  # the catalogue key (for `_wan`, the printed amount's)
    table: str  # 表二 / 表三 / 表四
    row: str
    column: str
    templates: tuple[str, ...]
    kind: Kind
    unit: str

    @property
    def derived(self) -> bool:
        return self.name != self.key

    @property
    def zh(self) -> str:
        only = f" [{self.templates[0]}]" if len(self.templates) == 1 else ""
        return f"{self.table} {self.row} {self.column}{only}"


def _unit(f: catalogue.Field) -> str:
    return "万元" if f.type == "decimal" else "件"


def _cell(f: catalogue.Field) -> CellColumn:
    return CellColumn(name=f.key, key=f.key, table=TABLES[f.section], row=f.row, column=f.column,
                      templates=f.templates, kind="float" if f.type == "decimal" else "int", unit=_unit(f))


def _wan(f: catalogue.Field) -> CellColumn:
    column = f.column.replace("（万元）", "") + "（万元，按单位校正）"
    return CellColumn(name=f.key + WAN_SUFFIX, key=f.key, table=TABLES[f.section], row=f.row, column=column,
                      templates=f.templates, kind="float", unit="万元")


@cache
def cell_columns() -> tuple[CellColumn, ...]:
    """Every cell column of both formats, grouped by table then by format (see the module doc)."""
    out: list[CellColumn] = []
    for section in TABLES:
        in_table = [f for f in catalogue.fields() if f.section == section]
        for group in (("2019", "2021"), ("2019",), ("2021",)):
            for f in in_table:
                if f.templates == group:
                    out.append(_cell(f))
                    if f.type == "decimal":
                        out.append(_wan(f))
    return tuple(out)


def template_columns(template: str | None) -> tuple[CellColumn, ...]:
    """The cell columns a report of one format has (none for a report with no format)."""
    return tuple(c for c in cell_columns() if template in c.templates)


def cell_value(report: Any, col: CellColumn) -> tuple[Any, str | None]:
    """(value, state) of one cell column for one report; a `_wan` column rescales an amount the
    `amount_unit` rule says was printed in 元 (the printed column is never changed)."""
    value, state = report.values.get(col.key), report.states.get(col.key)
    if not col.derived or value is None:
        return value, state
    if f"amount_unit:{col.key}" in report.failed_rules.get(col.key, ()):
        return float(Decimal(str(value)) / 10_000), RESCALED
    return value, state


def number(value: Any, kind: Kind) -> Any:
    """A stored value as its column's type: ints stay ints, amounts become floats (the store keeps
    an amount a float cannot hold exactly as text), None stays None."""
    if value is None:
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return value


__all__ = ["RESCALED", "TABLES", "WAN_SUFFIX", "CellColumn", "Column", "cell_columns", "cell_value", "number",
           "template_columns"]
