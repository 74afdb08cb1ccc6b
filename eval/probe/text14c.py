"""Round 14c (text14c): extra columns printed between the format's own columns, and a table printed
twice. 表二 with a 上年数 column between its first two number columns (本年制发件数 | 上年数 |
本年废止件数), 表三 with a 上年同期 (or 同比) column between applicant columns or before 总计, 表四 with
a 上年 figure after each group's 总计 (tab or pipe rows, every cell kept in place); and a report whose
prose carries a short copy of 表三's 总计 row or of 表四 (a small table under its own caption,
before the detail) with stale numbers that differ from the detail table's.
"""

from __future__ import annotations

from typing import Any, Callable

from extractor.printed import HEADINGS

from ._common import Ctx, grid_text, is_value_row, page, plain, row_label, tab_tables


def _insert(rows: list[list[str]], col: int, head_row: int, head: str, value: Callable[[], str],
            values_from: int) -> list[list[str]]:
    """`rows` with a column inserted before grid column `col`: `head` in row `head_row`, a number
    from `value()` in every row from `values_from` on that holds numbers, empty elsewhere."""
    out = []
    for i, row in enumerate(rows):
        has_numbers = i >= values_from and any(x.replace(".", "", 1).isdigit() for x in row[col:] + row[col - 1:col])
        cell = head if i == head_row else (value() if has_numbers else "")
        out.append(row[:col] + [cell] + row[col:])
    return out


def columns_between(ctx: Ctx) -> tuple[str, str]:
    """Extra columns between the format's own: 表二's first section `本年制发件数 | 上年数 | 本年废止件数`,
    表三 a 上年同期 / 同比 column after 自然人, inside 法人或其他组织's five or before 总计, 表四 a 上年
    column after each group's 总计 (which tables get one: seeded; tab or pipe rows)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    which = rng.choice(["二三四", "二", "三", "四", "三四", "二三"])
    head2 = rng.choice(["上年数", "上年制发件数", "上年同期"])
    head3 = rng.choice(["上年同期", "同比", "上年总计", "上年同期数"])
    at3 = rng.choice([4, 9, 9, 6])  # grid column: after 自然人, before 总计, inside the five
    head4 = rng.choice(["上年", "上年同期", "上年总计"])
    n = lambda: str(rng.randint(0, 60))  # noqa: E731
    ctx.recipe = f"{sep!r} {which} {head2} {head3}@{at3} {head4}"  # type: ignore[attr-defined]
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        if sec == "二" and "二" in which:
            # the first 第二十条 section: its header then its value rows, up to the next 第二十条 line
            start = next(i for i, src in enumerate(table) if row_label(src).startswith("信息内容"))
            end = next((i for i in range(start + 1, len(table)) if not is_value_row(table[i])), len(table))
            part = _insert(rows[start:end], 2, 0, head2, n, 1)
            width = max(len(r) for r in part)
            rows = [r + [""] * (width - len(r)) for r in rows[:start]] + part + [
                r + [""] * (width - len(r)) for r in rows[end:]]
        elif sec == "三" and "三" in which:
            head_row = 2 if 4 < at3 < 9 else 1  # inside the five: on their line
            rows = _insert(rows, at3, head_row, head3, n, 3)
        elif sec == "四" and "四" in which:
            for col, head_row in ((15, 2), (10, 2), (5, 1)):  # right to left: the columns stay put
                rows = _insert(rows, col, head_row, head4, lambda: str(rng.randint(0, 9)), 3)
        for row in rows:
            out.append(sep.join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_APPL = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
_T4 = ["review", "litigation_direct", "litigation_after_review"]
_T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def _stale(rng: Any, values: list[Any]) -> list[Any]:
    """`values` with one to three numbers changed (a copy made before the figures were final)."""
    out = list(values)
    idx = [i for i, v in enumerate(out) if isinstance(v, int) and not isinstance(v, bool)]
    for i in rng.sample(idx, min(len(idx), rng.choice([1, 2, 3]))):
        out[i] = max(0, out[i] + rng.choice([-3, -2, -1, 1, 2, 4, 7]))
        if out[i] == values[i]:
            out[i] += 1
    return out


def stale_summary(ctx: Ctx) -> tuple[str, str]:
    """A short copy of 表三's 总计 row (the seven applicant counts) or of 表四 (its fifteen cells) in
    the prose before the detail tables, under its own caption (一张汇总表 / 说明), its numbers stale:
    one to three differ from the detail table's. The gold is the detail table's (complete)."""
    rng = ctx.rng
    v = ctx.values
    sep = rng.choice(["\t", " | "])
    what = rng.choice(["三", "四", "三四"])
    ctx.recipe = f"{sep!r} {what}"  # type: ignore[attr-defined]
    parts = []
    if "三" in what:
        row = _stale(rng, _t3_total_row(ctx))
        cap = rng.choice(["说明：本年度依申请公开办理情况汇总如下（摘要）。", "表1 依申请公开办理结果汇总（简表）",
                          "附：申请办理总体情况"])
        parts.append(cap + "\n" + sep.join(["项目"] + _APPL) + "\n" + sep.join(["办理结果合计"] + [_p(x) for x in row]))
    if "四" in what:
        cells = _stale(rng, [v.get(f"{g}.{c}") for g in _T4 for c in _T4_COLS])
        cap = rng.choice(["说明：本年度行政复议、行政诉讼情况摘要如下。", "表2 复议诉讼情况简表", "附：复议诉讼汇总"])
        lines = [cap, sep.join(["类别"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])]
        for k, name in enumerate(["行政复议", "未经复议直接起诉", "复议后起诉"]):
            lines.append(sep.join([name] + [_p(x) for x in cells[5 * k: 5 * k + 5]]))
        parts.append("\n".join(lines))
    ctx.before = ctx.before + "\n" + "\n\n".join(parts) + "\n\n"
    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=sep)), ".txt"


def _p(x: Any) -> str:
    return "" if x is None else plain(x)


def _t3_total_row(ctx: Ctx) -> list[Any]:
    for sec, table in ctx.sections:
        if sec != "三":
            continue
        for src in table:
            if "总计" in row_label(src) and is_value_row(src):
                return [c.value for c in src if c.key is not None]
    raise ValueError("no 总计 row")


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "columns-between": columns_between,
    "stale-summary": stale_summary,
}
