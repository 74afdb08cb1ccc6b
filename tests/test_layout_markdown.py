"""The layout reader on Markdown that converters wrote: tables cut per row, header rows of
column names or of other rows' labels, headings that repeat a label, 表四 per group (OCR and
model-based converters), and PDF-to-Markdown garbles (labels cut over two lines, labels printed
apart from their numbers, two rows' numbers on one line).

Each snippet is a small 2019 report whose numbers keep every identity (below); the tests assert
values that a wrong reading would change, and the doubts (with candidates) of what the print
leaves open.
"""

from __future__ import annotations

import hashlib

import pytest

from extractor.document import Document
from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.pipeline import check_reading

ENGINE = LayoutEngine()
Z = [0] * 7

#: 表三 (2019) as printed, in order: label, numbers (自然人 … 其他, 总计); every identity holds
T3 = [
    ("new", "一、本年新收政府信息公开申请数量", [6, 2, 0, 0, 0, 1, 9]),
    ("carried_over", "二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("granted", "三、本年度办理结果（一）予以公开", [3, 2, 0, 0, 0, 0, 5]),
    ("partial", "（二）部分公开", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_state_secret", "（三）不予公开1.属于国家秘密", Z),
    ("denied_prohibited", "2.其他法律行政法规禁止公开", Z),
    ("denied_safety", "3.危及“三安全一稳定”", Z),
    ("denied_third_party", "4.保护第三方合法权益", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_internal", "5.属于三类内部事务信息", Z),
    ("denied_process", "6.属于四类过程性信息", Z),
    ("denied_enforcement", "7.属于行政执法案卷", Z),
    ("denied_query", "8.属于行政查询事项", Z),
    ("unable_not_held", "（四）无法提供1.本机关不掌握相关政府信息", [1, 0, 0, 0, 0, 1, 2]),
    ("unable_create", "2.没有现成信息需要另行制作", Z),
    ("unable_unclear", "3.补正后申请内容仍不明确", Z),
    ("ignored_complaint", "（五）不予处理1.信访举报投诉类申请", Z),
    ("ignored_duplicate", "2.重复申请", Z),
    ("ignored_publication", "3.要求提供公开出版物", Z),
    ("ignored_excessive", "4.无正当理由大量反复申请", Z),
    ("ignored_confirm", "5.要求行政机关确认或重新出具已获取信息", Z),
    ("other", "（六）其他处理", Z),
    ("total", "（七）总计", [6, 2, 0, 0, 0, 1, 9]),
    ("carried_forward", "四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
]
COLS = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")
ROW = {row: (label, nums) for row, label, nums in T3}

T2 = """| 第二十条第（一）项 |  |  |  |
|---|---|---|---|
| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 2 | 2 | 9 |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政许可 | 12 | 3 | 40 |
| 其他对外管理服务事项 | 0 | 0 | 0 |
| 行政处罚 | 5 | -1 | 7 |
| 行政强制 | 0 | 0 | 0 |
| 信息内容 | 上一年项目数量 | 本年增/减 |  |
| 行政事业性收费 | 0 | 0 |  |
| 信息内容 | 采购项目数量 | 采购总金额 |  |
| 政府集中采购 | 2 | 10.5 |  |
"""

#: 表四 as three 5-column tables under their groups' names, 直接起诉 printed first
T4_GROUPS = """### 行政诉讼（未经复议直接起诉）

| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 1 | 0 | 0 | 1 | 2 |

### 行政复议

| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 2 | 1 | 0 | 0 | 3 |

### 行政诉讼（复议后起诉）

| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 0 | 0 | 0 | 0 | 0 |
"""

GENERIC = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|"
STRAY = ("| 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 无法提供 | 不予处理 | 总计 |\n"
         "|---|---|---|---|---|---|---|---|")


def row(label: str, nums: list[int], blank: int | None = None) -> str:
    """A Markdown row; `blank`: the index of a 0 printed as an empty cell."""
    cells = ["" if i == blank else str(v) for i, v in enumerate(nums)]
    return "| " + " | ".join([label, *cells]) + " |"


def report(t3: str, t4: str = T4_GROUPS) -> str:
    return ("# 某某区人民政府办公室2020年政府信息公开工作年度报告\n\n一、总体情况\n\n本报告所列数据的统计期限自2020年1月1日起至"
            "2020年12月31日止。\n\n## 二、主动公开政府信息情况\n\n" + T2 + "\n## 三、收到和处理政府信息公开申请情况\n\n"
            + t3 + "\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n" + t4
            + "\n五、政府信息公开工作存在的主要问题及改进情况\n\n无。\n")


def read(text: str):
    d = Document(path="snippet.md", text=text, format="md", sha256=hashlib.sha256(text.encode()).hexdigest())
    reading = ENGINE.read(d)
    return d, reading, to_flat(reading.record)


def values(flat: dict, row_name: str) -> list:
    return [flat[f"requests.{row_name}.{c}"] for c in COLS]


def plain_rows(rows: list[str]) -> str:
    return "\n".join(row(ROW[r][0], ROW[r][1]) for r in rows)


def assert_table3_read_right(flat: dict, doubts: dict) -> None:
    for name, _, nums in T3:
        assert values(flat, name) == nums, name
    assert not [k for k in doubts if k.startswith("requests.")]


# ---------------------------------------------------------------- OCR / model-based converters


def converter_table3() -> str:
    """表三 as a converter cuts it: one small table per row or per few rows, each under a heading
    that repeats its first row's label, with generic headers, once a header of other rows' labels."""
    chunks = [["new"], ["carried_over", "granted"], ["partial"], ["denied_state_secret", "denied_prohibited",
              "denied_safety"], ["denied_third_party"], ["denied_internal", "denied_process", "denied_enforcement",
              "denied_query"], ["unable_not_held", "unable_create", "unable_unclear", "ignored_complaint"],
              ["ignored_duplicate"], ["ignored_publication", "ignored_excessive", "ignored_confirm"], ["other"],
              ["total"], ["carried_forward"]]
    out = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ""]
    for i, chunk in enumerate(chunks):
        header = STRAY if i == 6 else GENERIC
        body = []
        for r in chunk:
            label, nums = ROW[r]
            short = label.split("）")[-1] if "）" in label and not label.startswith("（七") else label
            # a blank for a 0 in the middle of one row, and for the 总计 of a row of zeros
            body.append(row(short, nums, blank=2 if r == "new" else (6 if r == "ignored_duplicate" else None)))
        out += [f"### {ROW[chunk[0]][0]}", "", header, *body, ""]
    return "\n".join(out)


def test_converter_markdown_tables_cut_per_row_with_generic_headers_are_read_exactly():
    d, r, f = read(report(converter_table3()))
    assert_table3_read_right(f, r.doubts)
    # 表四's groups found by the names printed above them, not by their order
    assert [f[f"review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [2, 1, 0, 0, 3]
    cells = ("upheld", "corrected", "other", "pending", "total")
    assert [f[f"litigation_direct.{c}"] for c in cells] == [1, 0, 0, 1, 2]
    assert f["litigation_after_review.total"] == 0
    assert r.record.organ == "某某区人民政府办公室"  # the title after a Markdown heading's "#"
    assert not r.doubts
    assert check_reading(d, r).status == "verified"
    # the heading's copy of a label is no cell: provenance points at the table row's digits
    p = r.provenance["requests.new.total"]
    assert d.text[p.start:p.end] == "9"


def test_a_header_of_column_names_or_other_rows_labels_opens_no_row():
    # the header's 数据1…数据6 would otherwise be read as new's first six cells
    t3 = "\n".join(["### 一、本年新收政府信息公开申请数量", "", GENERIC, row(*ROW["new"]), "",
                    "### 二、上年结转政府信息公开申请数量", "", STRAY, plain_rows([r for r, _, _ in T3[1:]])])
    d, r, f = read(report(t3))
    assert_table3_read_right(f, r.doubts)


def test_a_label_printed_with_nothing_after_it_in_a_bordered_table_is_no_blank_row():
    # （二）部分公开 prints no cell: its numbers are nowhere, so its cells are doubts, not zeros
    rows = [r for r, _, _ in T3]
    i = rows.index("partial")
    t3 = plain_rows(rows[:i]) + "\n| （二）部分公开 |\n" + plain_rows(rows[i + 1:])
    d, r, f = read(report(t3))
    assert values(f, "partial") == [None] * 7
    assert r.doubts["requests.partial.natural"].reason in ("missing_row", "cells_do_not_fit")
    assert values(f, "granted") == [3, 2, 0, 0, 0, 0, 5]
    assert check_reading(d, r).status == "review"


# ---------------------------------------------------------------- PDF-to-Markdown garbles


def test_a_label_cut_over_two_lines_is_one_label():
    lines = []
    for name, label, nums in T3:
        if name == "partial":  # the row's numbers on the first line, the label's end on the next
            lines += [row("（二）部", nums), row("分公开", [""] * 7)]
        elif name == "new":  # 表三 is still found by its first label, cut inside 本年新收
            lines += [row("一、本", nums), row("年新收政府信息公开申请数量", [""] * 7)]
        elif name == "granted":  # a bracket left open above is closed below: not a label of its own
            lines += [row("三、本年度办理结果（", nums), row("一）予以公开", [""] * 7)]
        elif name == "ignored_confirm":  # both halves name the row: still one row, not a duplicate
            lines += [row("5.要求行政机关确认或重新", [0, 0, 0, 0, 0, 0, 0]), row("出具已获取信息", [""] * 7)]
        else:
            lines.append(row(label, nums))
    d, r, f = read(report("\n".join(lines)))
    assert_table3_read_right(f, r.doubts)
    assert check_reading(d, r).status == "verified"


def _with_unable_cut(first: str, second: str, *, skip: str = "") -> str:
    """表三's rows, 本机关不掌握相关政府信息 printed as `first` with its numbers, then `second`
    with blank cells (a label cut in two); the row `skip` left out."""
    lines = []
    for name, label, nums in T3:
        if name == "unable_not_held":
            lines += [row(first, nums), row(second, [""] * 7)]
        elif name != skip:
            lines.append(row(label, nums))
    return "\n".join(lines)


@pytest.mark.parametrize("first, second", [
    ("（四）无法提供1", ".本机关不掌握相关政府信息"),  # "1" ends the first cell: a label's digit, no value
    ("（四）无", "法提供1.本机关不掌握相关政府信息"),  # the second half is cut at its digit: still one text
    ("（四）无法提供1.本机关不", "掌握相关政府信息"),
])
def test_a_label_cut_inside_its_parent_or_enumerator_is_one_label(first, second):
    d, r, f = read(report(_with_unable_cut(first, second)))
    assert_table3_read_right(f, r.doubts)


def test_a_label_cut_where_its_number_starts_is_settled_by_the_identities():
    # "（四）无法提供 | 1 | … | 2" then "1.本机关不掌握相关政府信息 | (blank)": a parent printing a
    # subtotal above a blank row, or one label cut in two. Only the second keeps （七）总计 = the
    # sum of the outcome rows, so it is the reading.
    d, r, f = read(report(_with_unable_cut("（四）无法提供", "1.本机关不掌握相关政府信息")))
    assert_table3_read_right(f, r.doubts)


def test_a_label_cut_where_its_number_starts_stays_a_doubt_when_nothing_decides():
    # as above, but （七）总计 is not printed: no identity tells a blank row from the cut label
    d, r, f = read(report(_with_unable_cut("（四）无法提供", "1.本机关不掌握相关政府信息", skip="total")))
    assert values(f, "unable_not_held") == [None, 0, 0, 0, 0, None, None]
    doubt = r.doubts["requests.unable_not_held.total"]
    assert doubt.reason == "label_placement" and sorted(doubt.candidates) == [0, 2]
    assert sorted(r.doubts["requests.unable_not_held.natural"].candidates) == [0, 1]
    assert values(f, "granted") == [3, 2, 0, 0, 0, 0, 5]


def detached(groups: dict[str, int], skip: set[str] = frozenset()) -> str:
    """表三 with the labels of some rows printed as loose lines, their numbers in unlabelled rows
    after them (`groups`: first row → how many rows); rows in `skip` print a label and no numbers."""
    names = [r for r, _, _ in T3]
    out: list[str] = []
    i = 0
    while i < len(names):
        k = groups.get(names[i], 0)
        if k:
            group = names[i:i + k]
            out += [""] + [ROW[g][0] for g in group] + [""]
            out += [row("", ROW[g][1]) for g in group if g not in skip]
            out.append("")
            i += k
        else:
            out.append(row(*ROW[names[i]]))
            i += 1
    return "\n".join(out)


def test_labels_printed_apart_from_as_many_rows_of_numbers_take_them_in_order():
    # read column by column, the three unlabelled rows of ignored_* would also keep their own
    # totals; on bordered lines they are rows, one per line
    t3 = detached({"new": 2, "granted": 3, "unable_not_held": 3})
    d, r, f = read(report(t3))
    assert_table3_read_right(f, r.doubts)
    assert check_reading(d, r).status == "verified"


def test_labels_printed_apart_from_fewer_rows_are_doubts_with_every_placement():
    # three labels, two rows of numbers (denied_state_secret printed none): which label goes
    # without is not printed; the placements that keep every identity stay candidates
    t3 = detached({"granted": 3}, skip={"denied_state_secret"})
    d, r, f = read(report(t3))
    for name in ("granted", "partial", "denied_state_secret"):
        for col, gold in zip(COLS, ROW[name][1]):
            key = f"requests.{name}.{col}"
            if f[key] is None:
                assert r.doubts[key].reason == "label_placement"
                assert gold in r.doubts[key].candidates
            else:
                assert f[key] == gold
    assert f["requests.partial.natural"] is None
    assert sorted(r.doubts["requests.partial.natural"].candidates) == [0, 1, 3]
    assert values(f, "new") == [6, 2, 0, 0, 0, 1, 9]
    assert check_reading(d, r).status == "review"


def test_two_rows_numbers_on_one_line_are_read_row_by_row():
    # 0 0 0 0 0 0 0 1 0 0 0 0 0 1 read column by column (as pdfminer gives a table) would keep
    # both rows' totals too (0 0 0 0 0 0 0 and 0 0 0 1 0 0 1): on one bordered line it is row by row
    lines = []
    for name, label, nums in T3:
        if name == "denied_safety":
            lines.append(row("3.危及“三安全一稳定” 4.保护第三方合法权益", nums + ROW["denied_third_party"][1]))
        elif name != "denied_third_party":
            lines.append(row(label, nums))
    d, r, f = read(report("\n".join(lines)))
    assert_table3_read_right(f, r.doubts)


def test_rows_out_of_order_keep_their_labels():
    names = [r for r, _, _ in T3]
    a, b = names.index("granted"), names.index("partial")
    names[a], names[b] = names[b], names[a]
    d, r, f = read(report(plain_rows(names)))
    assert_table3_read_right(f, r.doubts)
