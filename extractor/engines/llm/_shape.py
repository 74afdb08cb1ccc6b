"""The compact reply the model fills: each printed row as a list of numbers, as the table shows it.

The strict record (extractor.schema) nests 7 named cells per 表三 row; for that a model writes
~30% more output tokens (seed 003: 1,039 against 800) and must map every number to a key. The
compact shape mirrors the printed rows (`"new": [20, 0, 0, 0, 0, 0, 20]`), its field
descriptions are the format's own labels, and
its validator builds the strict record, so a reply that breaks the strict schema is re-asked
with the strict schema's errors.
"""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, model_validator

from ... import catalogue
from ...errors import CatalogueError
from ...flat import from_flat, to_flat
from ...schema import REPORT_MODELS, Report2019, Report2021

#: the year in the report's title, set around a model call. A context variable, not instructor's
#: `context=`, which would also render the messages as Jinja templates (report text is not one).
TITLE_YEAR: ContextVar[int | None] = ContextVar("title_year", default=None)

TABLE3_COLUMNS = "自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计"
TABLE4_COLUMNS = "结果维持, 结果纠正, 其他结果, 尚未审结, 总计"


@cache
def _rows(template: str, table: str) -> dict[str, list[catalogue.Field]]:
    """Row name -> its catalogue cells, both in printed order (the strict schema's field order)."""
    model = _table_class(REPORT_MODELS[template], table)
    rows: dict[str, list[catalogue.Field]] = {}
    for row, info in model.model_fields.items():
        cols = _table_class(model, row).model_fields
        rows[row] = [catalogue.field(f"{table}.{row}.{col}") for col in cols]
    return rows


def _table_class(model: type[BaseModel], attr: str) -> type[BaseModel]:
    """The model class of a (possibly Optional) nested attribute."""
    ann = model.model_fields[attr].annotation
    for cand in get_args(ann) or (ann,):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            return cand
    raise TypeError(f"{model.__name__}.{attr} is not a nested model")


def _row_type(cells: list[catalogue.Field]) -> Any:
    item = float if any(c.type == "decimal" for c in cells) else int
    n = len(cells)
    return Annotated[list[item], Field(min_length=n, max_length=n)]  # type: ignore[valid-type]


class _Compact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template: ClassVar[catalogue.Template]

    def to_flat_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        tables = {"active": self.active, "requests": self.requests}  # type: ignore[attr-defined]
        for table, rows in tables.items():
            for row, cells in _rows(self.template, table).items():
                nums = None if rows is None else getattr(rows, row)
                for i, cell in enumerate(cells):
                    values[cell.key] = None if nums is None else _number(cell, nums[i])
        for group in catalogue.APPEAL_GROUPS:
            nums = getattr(self, group)
            for i, col in enumerate(catalogue.APPEAL_CELLS):
                values[f"{group}.{col}"] = None if nums is None else nums[i]
        return values

    def to_record(self) -> Report2019 | Report2021:
        """The strict record; raises ValueError with the strict schema's complaint."""
        try:
            return from_flat(self.template, self.to_flat_values(), organ=self.organ, year=self.year)  # type: ignore[attr-defined]
        except (ValidationError, CatalogueError) as exc:
            raise ValueError(str(exc)) from None

    @model_validator(mode="after")
    def _strict(self):
        self.to_record()
        # the year printed in the report's title, read deterministically, is not the model's to change
        title_year = TITLE_YEAR.get()
        if title_year is not None and self.year != title_year:
            raise ValueError(f"year: 报告标题写明是 {title_year} 年度的报告，year 应与标题一致")
        return self


def _number(cell: catalogue.Field, value: Any) -> Any:
    if cell.type == "decimal":
        return Decimal(str(value))
    return value


@cache
def compact_model(template: catalogue.Template) -> type[_Compact]:
    """The compact response model of a format version ("2019" or "2021")."""
    def table_model(table: str, title: str) -> type[BaseModel]:
        defs: dict[str, Any] = {}
        for row, cells in _rows(template, table).items():
            cols = "、".join(c.column for c in cells)
            defs[row] = (_row_type(cells), Field(description=f"{cells[0].row}：[{cols}]"))
        return create_model(f"{table.title()}{template}", __doc__=title,
                            __config__=ConfigDict(extra="forbid"), **defs)

    active = table_model("active", "表二 主动公开政府信息情况")
    requests = table_model("requests", f"表三 收到和处理政府信息公开申请情况，每行 7 列：{TABLE3_COLUMNS}")
    appeal = Annotated[list[int], Field(min_length=5, max_length=5)]
    # field definitions in the order the model sees them; the tables' types are built at run time
    # (`active | None` is a runtime union, not a type mypy can name), hence Any
    fields: dict[str, Any] = {
        "organ": (str, Field(min_length=1, description="发布报告的机关名称")),
        "year": (int, Field(ge=2008, le=2100, description="报告所属年度")),
        "active": (active | None, Field(description="表二；报告没有此表时为 null")),
        "requests": (requests | None, Field(description="表三；报告没有此表时为 null")),
        **{g: (appeal | None, Field(description=f"表四 {catalogue.field(g + '.total').row}：[{TABLE4_COLUMNS}]"))
           for g in catalogue.APPEAL_GROUPS},
    }
    model = create_model(
        f"Report{template}Tables",
        __base__=_Compact,
        __doc__=f"政府信息公开工作年度报告（{template} 格式）的三张统计表",
        **fields,
    )
    model.template = template
    return model


def from_record(record: Report2019 | Report2021) -> dict[str, Any]:
    """A record in the compact shape (as JSON), e.g. to show the model its earlier answer."""
    flat = to_flat(record)
    out: dict[str, Any] = {"organ": record.organ, "year": record.year}
    for table in ("active", "requests"):
        rows = _rows(record.template, table)
        if getattr(record, table) is None:
            out[table] = None
            continue
        out[table] = {row: [_json(flat[c.key]) for c in cells] for row, cells in rows.items()}
    for group in catalogue.APPEAL_GROUPS:
        out[group] = None if getattr(record, group) is None else [flat[f"{group}.{c}"] for c in catalogue.APPEAL_CELLS]
    return out


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def labels(template: str) -> str:
    """The rows and columns of each table, for the prompt: JSON key, printed label, columns."""
    lines = ["active（表二 主动公开政府信息情况）:"]
    for row, cells in _rows(template, "active").items():
        lines.append(f"  {row}: {cells[0].row} [{'、'.join(c.column for c in cells)}]")
    lines.append(f"requests（表三，每行 7 个数，依次为：{TABLE3_COLUMNS}）:")
    for row, cells in _rows(template, "requests").items():
        lines.append(f"  {row}: {cells[0].row}")
    lines.append(f"表四（行政复议、行政诉讼，通常印成一行 15 个数：每组 5 个，依次为 {TABLE4_COLUMNS}）:")
    for g in catalogue.APPEAL_GROUPS:
        lines.append(f"  {g}: {catalogue.field(g + '.total').row}")
    return "\n".join(lines)
