"""Strict Pydantic models of a report, for the `2019` and the `2021` format.

A record's attribute paths are the catalogue's flat keys: `record.requests.new.natural` is
`requests.new.natural`. The models are also the language model's `response_model`, so they are
compact and their descriptions are the report's own printed labels (taken from the catalogue,
so labels live in one place).

Absent tables are `None`; a table printed with zeros is a table of zeros. A cell the reader
could not settle is `None` too (its candidates are in the reading's doubts): unsure is never
a number. What a cell printed
when it was not a plain number (blank, "/", "—", "无", "+5", "21.53万元") is kept in
`printed`, keyed by flat key: the value reads those as numbers, the reviewer still sees the
print. Values are never adjusted to make sums work.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, model_validator

from . import catalogue

# every cell may be None: the reader could not settle it (see the module docstring)
Count = Annotated[int, Field(ge=0, strict=True)] | None
Change = Annotated[int, Field(strict=True, description="本年增/减，可为负数")] | None
Amount = Annotated[Decimal, Field(ge=0, description="金额，单位：万元")] | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _row(prefix: str) -> str:
    """The printed row label of a catalogue row (e.g. `requests.new`), as a description."""
    for f in catalogue.fields():
        if f.key.startswith(prefix + "."):
            return f.row
    raise KeyError(prefix)


# ---------------------------------------------------------------- 表二 主动公开


class Made(_Strict):
    """2019 第二十条第（一）项：规章、规范性文件."""

    made: Count = Field(description="本年新制作数量")
    published: Count = Field(description="本年新公开数量")
    total: Count = Field(description="对外公开总数量")


class Issued(_Strict):
    """2021 第二十条第（一）项：规章、行政规范性文件."""

    issued: Count = Field(description="本年制发件数")
    repealed: Count = Field(description="本年废止件数")
    in_force: Count = Field(description="现行有效件数")


class Items(_Strict):
    """2019 第二十条第（五）（六）项：上一年项目数量 / 本年增/减 / 处理决定数量."""

    prior: Count = Field(description="上一年项目数量")
    change: Change
    decisions: Count = Field(description="处理决定数量")


class Fees2019(_Strict):
    prior: Count = Field(description="上一年项目数量")
    change: Change


class Procurement(_Strict):
    items: Count = Field(description="采购项目数量")
    amount: Amount = Field(description="采购总金额（万元）")


class Decisions(_Strict):
    """2021 第二十条第（五）（六）项：本年处理决定数量."""

    decisions: Count = Field(description="本年处理决定数量")


class Fees2021(_Strict):
    amount: Amount = Field(description="本年收费金额（万元）")


class Active2019(_Strict):
    """表二 主动公开政府信息情况（2019 格式）."""

    regulations: Made = Field(description="规章")
    normative: Made = Field(description="规范性文件")
    licensing: Items = Field(description="行政许可")
    other_services: Items = Field(description="其他对外管理服务事项")
    punishment: Items = Field(description="行政处罚")
    coercion: Items = Field(description="行政强制")
    fees: Fees2019 = Field(description="行政事业性收费")
    procurement: Procurement = Field(description="政府集中采购")


class Active2021(_Strict):
    """表二 主动公开政府信息情况（2021 格式）."""

    regulations: Issued = Field(description="规章")
    normative: Issued = Field(description="行政规范性文件")
    licensing: Decisions = Field(description="行政许可")
    punishment: Decisions = Field(description="行政处罚")
    coercion: Decisions = Field(description="行政强制")
    fees: Fees2021 = Field(description="行政事业性收费")


# ---------------------------------------------------------------- 表三 依申请公开


class Applicants(_Strict):
    """表三的一行：按申请人类型分列."""

    natural: Count = Field(description="自然人")
    commercial: Count = Field(description="商业企业")
    research: Count = Field(description="科研机构")
    nonprofit: Count = Field(description="社会公益组织")
    legal_service: Count = Field(description="法律服务机构")
    other_org: Count = Field(description="其他")
    total: Count = Field(description="总计")


def _r(name: str) -> Applicants:
    return Field(description=_row(f"requests.{name}"))


class _RequestsCommon(_Strict):
    new: Applicants = _r("new")
    carried_over: Applicants = _r("carried_over")
    granted: Applicants = _r("granted")
    partial: Applicants = _r("partial")
    denied_state_secret: Applicants = _r("denied_state_secret")
    denied_prohibited: Applicants = _r("denied_prohibited")
    denied_safety: Applicants = _r("denied_safety")
    denied_third_party: Applicants = _r("denied_third_party")
    denied_internal: Applicants = _r("denied_internal")
    denied_process: Applicants = _r("denied_process")
    denied_enforcement: Applicants = _r("denied_enforcement")
    denied_query: Applicants = _r("denied_query")
    unable_not_held: Applicants = _r("unable_not_held")
    unable_create: Applicants = _r("unable_create")
    unable_unclear: Applicants = _r("unable_unclear")
    ignored_complaint: Applicants = _r("ignored_complaint")
    ignored_duplicate: Applicants = _r("ignored_duplicate")
    ignored_publication: Applicants = _r("ignored_publication")
    ignored_excessive: Applicants = _r("ignored_excessive")
    ignored_confirm: Applicants = _r("ignored_confirm")


class Requests2019(_RequestsCommon):
    """表三 收到和处理政府信息公开申请情况（2019 格式）."""

    other: Applicants = _r("other")
    total: Applicants = _r("total")
    carried_forward: Applicants = _r("carried_forward")


class Requests2021(_RequestsCommon):
    """表三 收到和处理政府信息公开申请情况（2021 格式）."""

    other_no_correction: Applicants = _r("other_no_correction")
    other_unpaid_fee: Applicants = _r("other_unpaid_fee")
    other_misc: Applicants = _r("other_misc")
    total: Applicants = _r("total")
    carried_forward: Applicants = _r("carried_forward")


# ---------------------------------------------------------------- 表四 复议与诉讼


class AppealGroup(_Strict):
    """表四的一组：结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计."""

    upheld: Count = Field(description="结果维持")
    corrected: Count = Field(description="结果纠正")
    other: Count = Field(description="其他结果")
    pending: Count = Field(description="尚未审结")
    total: Count = Field(description="总计")


# ---------------------------------------------------------------- the report


class _ReportCommon(_Strict):
    # None when the report does not state it (a doubt says so): unsure is not a value
    organ: str | None = Field(min_length=1, description="发布报告的机关名称")
    year: int | None = Field(ge=2008, le=2100, description="报告所属年度")
    review: AppealGroup | None = Field(description="行政复议")
    litigation_direct: AppealGroup | None = Field(description="行政诉讼·未经复议直接起诉")
    litigation_after_review: AppealGroup | None = Field(description="行政诉讼·复议后起诉")
    printed: dict[str, str] = Field(
        default_factory=dict,
        description="单元格原文不是纯数字时（空白、/、—、无、+5、21.53万元）记下原文，键为单元格键",
    )

    @model_validator(mode="after")
    def _printed_keys_belong(self):
        allowed = catalogue.key_set(self.template)
        if not allowed.issuperset(self.printed):
            unknown = sorted(set(self.printed) - allowed)
            raise ValueError(f"printed: unknown cell keys {unknown}")
        return self


class Report2019(_ReportCommon):
    """一份 2019 格式（国办公开办函〔2019〕60号）的年度报告表格."""

    template: Literal["2019"] = "2019"
    active: Active2019 | None = Field(description="表二 主动公开政府信息情况；报告没有此表时为 null")
    requests: Requests2019 | None = Field(description="表三 收到和处理政府信息公开申请情况")


class Report2021(_ReportCommon):
    """一份 2021 格式（国办公开办函〔2021〕30号）的年度报告表格."""

    template: Literal["2021"] = "2021"
    active: Active2021 | None = Field(description="表二 主动公开政府信息情况；报告没有此表时为 null")
    requests: Requests2021 | None = Field(description="表三 收到和处理政府信息公开申请情况")


Report = Annotated[Union[Report2019, Report2021], Discriminator("template")]
REPORT_MODELS: dict[str, type[Report2019] | type[Report2021]] = {
    "2019": Report2019,
    "2021": Report2021,
}

#: The record's top-level tables, each `None` when the report does not print it.
TABLE_ATTRS: tuple[str, ...] = (
    "active", "requests", "review", "litigation_direct", "litigation_after_review",
)
