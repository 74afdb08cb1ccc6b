"""The three printed tables of a report as a cell model, in the national format's printed order.

One place for how each format version prints 表二, 表三 and 表四 (headings, spans, labels, row
order: 2021's three （六） rows come before （七）总计, though the catalogue lists them last).
The eval's variant generator renders these in other layouts from a gold label's values; the
review page lays out a report's cells with them. Each table is a list of printed rows;
a spanned cell appears once, in the row where it starts (as in HTML). Labels are the national
format's own, taken from the catalogue where it has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from . import catalogue


@dataclass(frozen=True)
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    key: str | None = None  # the catalogue key of a value cell; None for labels
    value: Any = None


Table = list[list[Cell]]

HEADINGS = {
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
}
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
APPEAL_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
GROUP_LABELS = {"denied": "（三）不予公开", "unable": "（四）无法提供", "ignored": "（五）不予处理", "other": "（六）其他处理"}


def _v(values: Mapping[str, Any], key: str, colspan: int = 1) -> Cell:
    return Cell(colspan=colspan, key=key, value=values[key])


def _l(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text=text, colspan=colspan, rowspan=rowspan)


def table2(template: catalogue.Template, values: Mapping[str, Any]) -> Table:
    """表二 主动公开政府信息情况: four columns, one block per item of 第二十条."""
    rows: Table = []

    def head(item: str) -> None:
        rows.append([_l(f"第二十条第（{item}）项", colspan=4)])

    def block(item: str, columns: list[tuple[str, int]], items: list[tuple[str, str]], cells: list[tuple[str, int]]) -> None:
        head(item)
        rows.append([_l("信息内容")] + [_l(text, colspan=span) for text, span in columns])
        for name, label in items:
            rows.append([_l(label)] + [_v(values, f"active.{name}.{c}", span) for c, span in cells])

    if template == "2019":
        block("一", [("本年新制作数量", 1), ("本年新公开数量", 1), ("对外公开总数量", 1)],
              [("regulations", "规章"), ("normative", "规范性文件")], [("made", 1), ("published", 1), ("total", 1)])
        counts = [("上一年项目数量", 1), ("本年增/减", 1), ("处理决定数量", 1)]
        trio = [("prior", 1), ("change", 1), ("decisions", 1)]
        block("五", counts, [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")], trio)
        block("六", counts, [("punishment", "行政处罚"), ("coercion", "行政强制")], trio)
        block("八", [("上一年项目数量", 1), ("本年增/减", 2)], [("fees", "行政事业性收费")], [("prior", 1), ("change", 2)])
        block("九", [("采购项目数量", 1), ("采购总金额", 2)], [("procurement", "政府集中采购")], [("items", 1), ("amount", 2)])
    else:
        block("一", [("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)],
              [("regulations", "规章"), ("normative", "行政规范性文件")], [("issued", 1), ("repealed", 1), ("in_force", 1)])
        block("五", [("本年处理决定数量", 3)], [("licensing", "行政许可")], [("decisions", 3)])
        block("六", [("本年处理决定数量", 3)], [("punishment", "行政处罚"), ("coercion", "行政强制")], [("decisions", 3)])
        block("八", [("本年收费金额（万元）", 3)], [("fees", "行政事业性收费")], [("amount", 3)])
    return rows


def _sub_label(row: str) -> str:
    """`三（三）1.属于国家秘密` → `1.属于国家秘密`; `三（一）予以公开` → `（一）予以公开`."""
    label = catalogue.field(f"requests.{row}.total").row
    label = label.removeprefix("三")
    if label.startswith("（") and "）" in label:
        rest = label.split("）", 1)[1]
        if rest[:1].isdigit():
            return rest
    return label


def table3(template: catalogue.Template, values: Mapping[str, Any]) -> Table:
    """表三 收到和处理政府信息公开申请情况: three label columns and seven applicant columns."""
    cols = catalogue.APPLICANT_COLUMNS
    rows: Table = [
        [_l(BALANCE_NOTE.strip("（）"), colspan=3, rowspan=3), _l("申请人情况", colspan=7)],
        [_l("自然人", rowspan=2), _l("法人或其他组织", colspan=5), _l("总计", rowspan=2)],
        [_l(x) for x in APPLICANTS[1:6]],
    ]

    def data(row: str) -> list[Cell]:
        return [_v(values, f"requests.{row}.{c}") for c in cols]

    rows.append([_l(catalogue.field("requests.new.total").row, colspan=3)] + data("new"))
    rows.append([_l(catalogue.field("requests.carried_over.total").row, colspan=3)] + data("carried_over"))
    # printed order: （一）…（六） then （七）总计 (the catalogue lists 2021's three （六） rows last)
    outcome = [*catalogue.outcome_rows(template), "total"]
    groups: dict[str, list[str]] = {}
    for r in outcome:
        g = r.split("_")[0]
        if g in GROUP_LABELS and (g != "other" or template == "2021"):
            groups.setdefault(g, []).append(r)
    for i, r in enumerate(outcome):
        label: list[Cell] = [_l("三、本年度办理结果", rowspan=len(outcome))] if i == 0 else []
        g = r.split("_")[0]
        if g in groups:
            if groups[g][0] == r:
                label.append(_l(GROUP_LABELS[g], rowspan=len(groups[g])))
            label.append(_l(_sub_label(r)))
        else:
            label.append(_l(_sub_label(r), colspan=2))
        rows.append(label + data(r))
    rows.append([_l(catalogue.field("requests.carried_forward.total").row, colspan=3)] + data("carried_forward"))
    return rows


def table4(values: Mapping[str, Any]) -> Table:
    """表四 行政复议、行政诉讼: fifteen cells under a two-level header."""
    return [
        [_l("行政复议", colspan=5), _l("行政诉讼", colspan=10)],
        [_l(x, rowspan=2) for x in APPEAL_LABELS] + [_l("未经复议直接起诉", colspan=5), _l("复议后起诉", colspan=5)],
        [_l(x) for x in APPEAL_LABELS] * 2,
        [_v(values, f"{g}.{c}") for g in catalogue.APPEAL_GROUPS for c in catalogue.APPEAL_CELLS],
    ]


def tables(template: catalogue.Template, values: Mapping[str, Any]) -> list[tuple[str, Table]]:
    """(section, table) for 表二, 表三 and 表四 of a report."""
    return [("二", table2(template, values)), ("三", table3(template, values)), ("四", table4(values))]


def grid(table: Table) -> list[list[Cell | None]]:
    """Rows × columns; a spanned cell fills its first slot, the slots it covers are None."""
    width = max(sum(c.colspan for c in row) for row in table)
    out: list[list[Cell | None]] = []
    taken: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(table):
        line: list[Cell | None] = [None] * width
        col = 0
        for cell in row:
            while taken.get((r, col)):
                col += 1
            line[col] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = True
            col += cell.colspan
        out.append(line)
    return out
