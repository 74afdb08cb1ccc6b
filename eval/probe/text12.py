"""Round 12 (text12): columns and rows a report adds to the format's tables, columns in another
order than the format's, and tables written as lists. Last year's figures, the change from them or
a share beside the current ones (表二 / 表三 in text and HTML, 表四 by group rows, 表四 with a 合计
column or with last year's row), 表三 printed for two years side by side, a sub-unit's breakdown
after the report, 表二 / 表三 / 表四 with their columns in another order and the header saying so
(text and HTML), 表三 as a list of named counts, 表二 with 合计 rows, a 备注 column of remarks with
numbers in them, 表三's merged header flattened with its second line short.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from extractor.printed import HEADINGS, Cell, tables

from ._common import SEED, Ctx, grid_text, html_page, html_td, html_tr, is_value_row, page, plain, row_label, tab_tables


_APPL = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _pct(rng) -> str:
    return rng.choice(["+", "-", "", "↑", "↓"]) + f"{rng.randint(0, 300) / 10:g}%"


def prior_year_columns(ctx: Ctx) -> tuple[str, str]:
    """Extra numeric columns beside the current figures: 表二 with 上年数 / 同比增减(%) after its
    numbers, 表三 with 上年同期 (and sometimes 同比增减) after 总计 (tab or pipe rows, or cells
    apart by two spaces, blanks left out)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | ", "  "])
    heads2 = rng.choice([["上年数"], ["上年同期"], ["上年数", "同比增减(%)"], ["同比增减"]])
    heads3 = rng.choice([["上年同期"], ["上年总计"], ["上年同期", "同比增减"], ["同比增减(%)"], ["占比"]])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        width = max(len(r) for r in rows)
        for i, (row, src) in enumerate(zip(rows, table)):
            row = row + [""] * (width - len(row))
            if sec == "二":
                lab = row_label(src)
                if lab.startswith("信息内容"):
                    # the last non-empty header cell, then the extra heads
                    while row and row[-1] == "":
                        row.pop()
                    row = row + heads2
                elif is_value_row(src):
                    while row and row[-1] == "":
                        row.pop()
                    row = row + [(_pct(rng) if "增减" in h else str(rng.randint(0, 500))) for h in heads2]
            elif sec == "三":
                if i == 0:
                    row = row + heads3
                elif is_value_row(src):
                    row = row + [(_pct(rng) if "增减" in h or "占比" in h else str(rng.randint(0, 900))) for h in heads3]
                else:
                    row = row + [""] * len(heads3)
            out.append(sep.join(x for x in row if x) if sep == "  " else sep.join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def prior_year_html(ctx: Ctx) -> tuple[str, str]:
    """`prior-year-columns` as a web page's tables: <td> cells, the extra heads (上年同期,
    同比增减) in the header row spanning its rows, the figures after the format's own."""
    rng = ctx.rng
    heads2 = rng.choice([["上年数"], ["上年同期", "同比增减(%)"]])
    heads3 = rng.choice([["上年同期"], ["上年同期", "同比增减"]])
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        for i, row in enumerate(table):
            tds = [html_td(c) for c in row]
            lab = row_label(row)
            if sec == "二" and lab.startswith("信息内容"):
                tds += [f"<td>{h}</td>" for h in heads2]
            elif sec == "二" and is_value_row(row):
                tds += [f"<td>{_pct(rng) if '增减' in h else rng.randint(0, 500)}</td>" for h in heads2]
            elif sec == "三" and i == 0:
                tds += [f'<td rowspan="3">{h}</td>' for h in heads3]
            elif sec == "三" and is_value_row(row):
                tds += [f"<td>{_pct(rng) if '增减' in h else rng.randint(0, 900)}</td>" for h in heads3]
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    return html_page(ctx, out), ".html"


def two_years_table3(ctx: Ctx) -> tuple[str, str]:
    """表三 printed for two years side by side: a group line `本年 | 上年` (or 2024年 | 2023年)
    over the seven applicant columns printed twice, each row this year's seven numbers then last
    year's (tab or pipe rows; 表二 and 表四 as usual)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    year = ctx.case.report_year
    groups = rng.choice([("本年", "上年"), ("本年度", "上年度"), (f"{year}年", f"{year - 1}年")])
    body = tab_tables(ctx, lambda c: plain(c.value), sep=sep)
    head, _, rest = body.partition(HEADINGS["三"])
    _, _, tail = rest.partition(HEADINGS["四"])
    lines = [HEADINGS["三"], sep.join(["项目", groups[0]] + [""] * 6 + [groups[1]] + [""] * 6),
             sep.join([""] + _APPL + _APPL)]
    for sec, table in ctx.sections:
        if sec != "三":
            continue
        for row in table:
            if not is_value_row(row):
                continue
            vals = [plain(c.value) for c in row if c.key is not None]
            last = [str(rng.randint(0, 60)) for _ in vals]
            lines.append(sep.join([row_label(row)] + vals + last))
    return page(ctx, head + "\n".join(lines) + "\n\n" + HEADINGS["四"] + tail), ".txt"


def two_years_html(ctx: Ctx) -> tuple[str, str]:
    """`two-years-table3` as a web page: 表三's header `本年` and `上年` each spanning the seven
    applicant columns, each row this year's seven cells then last year's."""
    rng = ctx.rng
    groups = rng.choice([("本年", "上年"), ("本年度", "上年度")])
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        if sec == "三":
            out.append(f'<tr><td rowspan="2">项目</td><td colspan="7">{groups[0]}</td><td colspan="7">{groups[1]}</td></tr>')
            out.append("<tr>" + "".join(f"<td>{a}</td>" for a in _APPL + _APPL) + "</tr>")
            for row in table:
                if is_value_row(row):
                    vals = [plain(c.value) for c in row if c.key is not None]
                    out.append(f"<tr><td>{html.escape(row_label(row))}</td>" + "".join(
                        f"<td>{v}</td>" for v in vals + [str(rng.randint(0, 60)) for _ in vals]) + "</tr>")
        else:
            for row in table:
                out.append(html_tr(row))
        out.append("</table>")
    return html_page(ctx, out), ".html"


_T4_HEAD = ["\t行政复议\t\t\t\t\t行政诉讼",
            "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
            "\t\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"]


def t4_two_rows(ctx: Ctx) -> tuple[str, str]:
    """表四 with a row for last year under (or above) this year's: `本年  1 0 …` and `上年  2 1 …`
    (a comparison), each led by its year's word, or by nothing (then which row is the report's is
    not printed: its differing cells are doubts) (tab, pipe or spaced rows)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | ", "  "])
    body = tab_tables(ctx, lambda c: plain(c.value), sep=sep)
    head, _, _ = body.partition(HEADINGS["四"])
    nums = [plain(ctx.values[f"{g}.{c}"]) for g in ("review", "litigation_direct", "litigation_after_review")
            for c in ("upheld", "corrected", "other", "pending", "total")]
    y = ctx.case.report_year
    this, last = rng.choice([("本年", "上年"), ("本年度", "上年度"), (f"{y}年", f"{y - 1}年"), ("", "")])
    other = [str(rng.randint(0, 9)) for _ in nums]
    rows = [[this] + nums, [last] + other]
    if rng.random() < 0.5:
        rows.reverse()
    header = [h.split("\t") for h in _T4_HEAD]
    header[0][0] = "项目"

    def line(cells: list[str]) -> str:
        return sep.join(x for x in cells if x) if sep == "  " else sep.join(cells)

    return page(ctx, head + HEADINGS["四"] + "\n" + "\n".join(line(h) for h in header + rows) + "\n"), ".txt"


def t4_groups_extra(ctx: Ctx) -> tuple[str, str]:
    """表四 with its groups as rows (行政复议 / 未经复议直接起诉 / 复议后起诉 × 结果维持 … 总计) and a
    上年同期 (or 同比增减) column after 总计 (tab or pipe rows)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    body = tab_tables(ctx, lambda c: plain(c.value), sep=sep)
    head, _, _ = body.partition(HEADINGS["四"])
    extra = rng.choice(["上年同期", "上年总计", "同比增减"])
    names = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
             "litigation_after_review": "行政诉讼（复议后起诉）"}
    lines = [HEADINGS["四"], sep.join(["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", extra])]
    for g in ("review", "litigation_direct", "litigation_after_review"):
        lines.append(sep.join([names[g]] + [plain(ctx.values[f"{g}.{c}"]) for c in ("upheld", "corrected", "other", "pending", "total")]
                              + [_pct(rng) if "增减" in extra else str(rng.randint(0, 20))]))
    return page(ctx, head + "\n".join(lines) + "\n"), ".txt"


def t2_total_rows(ctx: Ctx) -> tuple[str, str]:
    """表二 with rows adding its sections up: `合计` (or 小计, 总计) after 行政规范性文件 (the two
    rows' columns added) and after 行政强制 (处罚 + 强制) (tab, pipe or spaced rows)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | ", "  "])
    word = rng.choice(["合计", "小计", "总计", "合 计"])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        group: list[list] = []
        for row, src in zip(rows, table):
            cells = [x for x in row if x] if sep == "  " else row
            out.append(sep.join(cells))
            if sec != "二":
                continue
            if is_value_row(src):
                group.append([c.value for c in src if c.key is not None])
            else:
                group = []
            lab = row_label(src)
            if lab in ("行政规范性文件", "规范性文件", "行政强制") and len(group) >= 2 and rng.random() < 0.8:
                sums = [sum((g[i] for g in group if i < len(g) and isinstance(g[i], (int,)) and not isinstance(g[i], bool)), 0)
                        for i in range(max(len(g) for g in group))]
                total = [word] + [str(v) for v in sums]
                out.append(sep.join(total + ([""] * (len(row) - len(total)) if sep != "  " else [])))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def t3_columns_moved(ctx: Ctx) -> tuple[str, str]:
    """表三 with its applicant columns in another order, the header saying so: 法人或其他组织's five
    before 自然人 (the names on one line, or a merged header: 法人或其他组织 … 自然人 总计 over the
    five), 其他 before 法律服务机构, 科研机构 before 商业企业 (tab rows)."""
    rng = ctx.rng
    merged, order = rng.choice([(False, [1, 2, 3, 4, 5, 0, 6]), (True, [1, 2, 3, 4, 5, 0, 6]),
                                (False, [0, 1, 2, 3, 5, 4, 6]), (False, [0, 2, 1, 3, 4, 5, 6])])
    body = tab_tables(ctx, lambda c: plain(c.value))
    head, _, rest = body.partition(HEADINGS["三"])
    _, _, tail = rest.partition(HEADINGS["四"])
    names = [_APPL[i] for i in order]
    lines = [HEADINGS["三"], "\t".join(["项目", "", ""] + ["申请人情况"])]
    if merged:  # a merged header: the group's line over its five
        lines += ["\t".join(["", "", "", "法人或其他组织", "", "", "", "", "自然人", "总计"]),
                  "\t".join(["", "", ""] + names[:5] + ["", ""])]
    else:
        lines.append("\t".join(["", "", ""] + names))
    for sec, table in ctx.sections:
        if sec != "三":
            continue
        for src, row in zip(table, grid_text(table, lambda c: plain(c.value))):
            if not is_value_row(src):
                continue
            labels = row[: len(row) - 7]
            vals = row[len(row) - 7:]
            lines.append("\t".join(labels + [vals[i] for i in order]))
    return page(ctx, head + "\n".join(lines) + "\n\n" + HEADINGS["四"] + tail), ".txt"


def t3_columns_moved_html(ctx: Ctx) -> tuple[str, str]:
    """`t3-columns-moved` as a web page: 表三's header row names the seven columns in another
    order (one row of seven names, or 法人或其他组织 spanning its five over them), the cells in it."""
    rng = ctx.rng
    merged, order = rng.choice([(False, [1, 2, 3, 4, 5, 0, 6]), (True, [1, 2, 3, 4, 5, 0, 6]),
                                (False, [0, 1, 2, 3, 5, 4, 6]), (False, [0, 2, 1, 3, 4, 5, 6])])
    names = [_APPL[i] for i in order]
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        if sec == "三":
            if merged:
                out.append('<tr><td rowspan="2">项目</td><td colspan="5">法人或其他组织</td><td rowspan="2">自然人</td>'
                           '<td rowspan="2">总计</td></tr>')
                out.append("<tr>" + "".join(f"<td>{a}</td>" for a in names[:5]) + "</tr>")
            else:
                out.append("<tr><td>项目</td>" + "".join(f"<td>{a}</td>" for a in names) + "</tr>")
            for row in table:
                if is_value_row(row):
                    vals = [plain(c.value) for c in row if c.key is not None]
                    out.append(f"<tr><td>{html.escape(row_label(row))}</td>" + "".join(
                        f"<td>{vals[i]}</td>" for i in order) + "</tr>")
        else:
            for row in table:
                out.append(html_tr(row))
        out.append("</table>")
    return html_page(ctx, out), ".html"


def t4_columns_moved(ctx: Ctx) -> tuple[str, str]:
    """表四 with each group's five results in another order than the format's, the header saying
    so (结果纠正 before 结果维持, 尚未审结 before 其他结果, or 总计 first) (tab rows)."""
    rng = ctx.rng
    order = rng.choice([[1, 0, 2, 3, 4], [0, 1, 3, 2, 4], [4, 0, 1, 2, 3]])
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    body = tab_tables(ctx, lambda c: plain(c.value))
    head, _, _ = body.partition(HEADINGS["四"])
    cells = ["upheld", "corrected", "other", "pending", "total"]
    groups = ("review", "litigation_direct", "litigation_after_review")
    lines = [HEADINGS["四"], "\t".join(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9),
             "\t".join([words[i] for i in order] + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
             "\t".join([""] * 5 + [words[i] for i in order] * 2),
             "\t".join(plain(ctx.values[f"{g}.{cells[i]}"]) for g in groups for i in order)]
    return page(ctx, head + "\n".join(lines) + "\n"), ".txt"


def t2_columns_moved(ctx: Ctx) -> tuple[str, str]:
    """表二's first section with its three columns in another order, the header saying so
    (现行有效件数 first, or 本年废止件数 before 本年制发件数; 2019: 对外公开总数量 first) (tab rows)."""
    rng = ctx.rng
    order = rng.choice([[2, 0, 1], [1, 0, 2], [0, 2, 1]])
    return page(ctx, t2_reordered(ctx, order)), ".txt"


def t2_reordered(ctx: Ctx, order: list[int], heads: list[str] | None = None, sep: str = "\t") -> str:
    """The tables as `sep` rows, 表二's first section's three columns (its 信息内容 line and value
    rows) in `order` (`order[k]`: the format's column printed k-th), its heads the format's or
    `heads` (other words, in the format's order)."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        section = 0
        for row, src in zip(rows, table):
            lab = row_label(src)
            if lab.startswith("第二十条"):
                section += 1
            if sec == "二" and section == 1 and len(row) >= 4 and (lab.startswith("信息内容") or is_value_row(src)):
                cells = heads if heads is not None and lab.startswith("信息内容") else row[1:4]
                row = [row[0]] + [cells[i] for i in order] + row[4:]
            out.append(sep.join(row))
        out.append("")
    return "\n".join(out)


def t2_columns_moved_html(ctx: Ctx) -> tuple[str, str]:
    """`t2-columns-moved` as a web page: 表二's first section's header row and its rows' cells in
    another order than the format's, the header saying so."""
    rng = ctx.rng
    order = rng.choice([[2, 0, 1], [1, 0, 2], [0, 2, 1]])
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        section = 0
        for row in table:
            lab = row_label(row)
            if lab.startswith("第二十条"):
                section += 1
            cells = list(row)
            if sec == "二" and section == 1 and len(cells) == 4:
                cells = [cells[0]] + [cells[1 + i] for i in order]
            out.append(html_tr(cells))
        out.append("</table>")
    return html_page(ctx, out), ".html"


def t4_grand_total(ctx: Ctx) -> tuple[str, str]:
    """表四 with a 合计 column after the three groups (复议 and 诉讼 added up), its header word on
    the group line; and a `单位：件` line under each table's heading (tab rows)."""
    rng = ctx.rng
    unit_line = rng.choice(["单位：件", "（单位：件）", "计量单位：件"])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if rng.random() < 0.6:
            out.append(unit_line)
        rows = grid_text(table, lambda c: plain(c.value))
        for i, (row, src) in enumerate(zip(rows, table)):
            if sec == "四":
                if i == 0:
                    row = row + ["合计"]
                elif is_value_row(src):
                    v = ctx.values
                    row = row + [str(sum(v[f"{g}.total"] for g in ("review", "litigation_direct", "litigation_after_review")
                                         if isinstance(v.get(f"{g}.total"), int)))]
                else:
                    row = row + [""]
            out.append("\t".join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_DEPTS = ["区发展改革委", "区教育局", "区公安分局", "区民政局", "区财政局", "区人力社保局", "区规划资源局",
          "区生态环境局", "区住房城乡建设委", "区交通委", "区农业农村委", "区卫生健康委", "区市场监管局",
          "区城管执法局", "区房管局", "区退役军人局", "区应急局", "区医保局"]
_TOWNS = ["城关镇", "新华街道", "东城街道", "西湖镇", "南山乡", "北关街道", "青石镇", "河口乡", "白沙镇"]


def dept_breakdown(ctx: Ctx) -> tuple[str, str]:
    """After the report (or between 表三 and 表四), an appendix breaking the requests down by
    department or township: a grid of counts (rows = units, columns = 新收/结转/予以公开/…/总计),
    or 表三 printed again for one sub-unit under its own heading, with other numbers."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    body = tab_tables(ctx, lambda c: plain(c.value), sep=sep)
    kind = rng.choice(["grid", "grid", "again", "again-heading"])
    units = rng.sample(_DEPTS if rng.random() < 0.5 else _TOWNS, rng.randint(3, 7))
    if kind == "grid":
        title = rng.choice(["附件：各部门依申请公开情况统计表", "附表：各乡镇（街道）政府信息公开申请办理情况统计表",
                            "附件2：各单位收到和处理政府信息公开申请情况"])
        cols = ["单位名称", "本年新收", "上年结转", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理",
                "总计", "结转下年度"]
        lines = [title, sep.join(cols)]
        for u in units:
            vals = [rng.randint(0, 40) for _ in range(8)]
            lines.append(sep.join([u] + [str(v) for v in vals[:2]] + [str(v) for v in vals[2:]] + [str(sum(vals[2:])),
                                                                                              str(rng.randint(0, 5))]))
        lines.append(sep.join(["合计"] + [str(rng.randint(0, 200)) for _ in range(10)]))
        appendix = "\n".join(lines) + "\n"
    else:
        unit = units[0]
        # 表三 again, each count drawn anew (a sub-unit's own figures)
        sub = Ctx(ctx.case, "dept-breakdown-sub", SEED)
        for k, v in list(sub.values.items()):
            if k.startswith("requests.") and isinstance(v, int) and not isinstance(v, bool):
                sub.values[k] = rng.randint(0, 30)
        sub.sections = tables(sub.template, sub.values)
        t3 = tab_tables(sub, lambda c: plain(c.value), sep=sep).split(HEADINGS["三"])[1].split(HEADINGS["四"])[0]
        head = (f"附件：{unit}政府信息公开工作情况\n" + (HEADINGS["三"] if kind == "again-heading" else
                                                f"{unit}收到和处理政府信息公开申请情况"))
        appendix = head + t3
    if rng.random() < 0.7:
        ctx.after = ctx.after + "\n\n" + appendix
        return page(ctx, body), ".txt"
    head, _, rest = body.partition(HEADINGS["四"])
    return page(ctx, head + appendix + "\n" + HEADINGS["四"] + rest), ".txt"


def remark(rng: Any) -> str:
    """A 备注 cell as reports fill it: often empty, else a remark with a number in words."""
    n = rng.randint(1, 60)
    return rng.choice(["", "", "", f"较上年增加{n}件", f"较上年减少{n}件", f"同比下降{n / 2:g}%",
                       f"同比增长{n}%", f"其中网上申请{n}件", f"上年为{n}件", f"含{n}件转办", "无"])


def remark_numbers(ctx: Ctx) -> tuple[str, str]:
    """A 备注 column after the numbers whose remarks carry numbers in words: 较上年增加3件,
    同比下降12.5%, 其中网上申请5件, 上年为8件 (tab or pipe rows)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])

    def extra(i: int, row: list[str], value_row: bool) -> list[str]:
        if i == 0:
            return row + ["备注"]
        return row + ([remark(rng)] if value_row else [""])

    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=sep, extra=extra)), ".txt"


def list_item_rows(ctx: Ctx) -> tuple[str, str]:
    """表三 as a numbered list, each row an item naming each applicant column:
    `1. 本年新收政府信息公开申请数量：自然人3件，商业企业0件，…，总计81件。` (parents on lines of
    their own); 表二 and 表四 tab rows."""
    body = tab_tables(ctx, lambda c: plain(c.value))
    head, _, rest = body.partition(HEADINGS["三"])
    _, _, tail = rest.partition(HEADINGS["四"])
    lines = [HEADINGS["三"]] + t3_item_lines(ctx)
    return page(ctx, head + "\n".join(lines) + "\n\n" + HEADINGS["四"] + tail), ".txt"


def t3_item_lines(ctx: Ctx, value: Callable[[Cell], str] = lambda c: plain(c.value),
                  label: Callable[[str], str] = lambda s: s) -> list[str]:
    """表三's rows as list items (`label：自然人3件，商业企业0件，…，总计81件。`), each parent on a line
    of its own before its first item; one unit word, comma and colon per report (`ctx.rng`)."""
    rng = ctx.rng
    unit = rng.choice(["件", "件", "个", ""])
    comma = rng.choice(["，", "、", "；"])
    colon = rng.choice(["：", ":", "："])
    total_first = rng.random() < 0.3
    lines = []
    seen: set[str] = set()
    for sec, table in ctx.sections:
        if sec != "三":
            continue
        for row in table:
            if not is_value_row(row):
                continue
            labels = [label(c.text) for c in row if c.key is None and c.text]
            vals = [value(c) for c in row if c.key is not None]
            for parent in labels[:-1]:
                if parent not in seen:
                    seen.add(parent)
                    lines.append(parent)
            pairs = [f"{a}{v}{unit}" for a, v in zip(_APPL, vals)]
            if total_first:
                text = f"{pairs[-1]}（其中{comma.join(pairs[:-1])}）"
            else:
                text = comma.join(pairs)
            lines.append(labels[-1] + colon + text + rng.choice(["。", "；", ""]))
    return lines


def header_flat_short(ctx: Ctx) -> tuple[str, str]:
    """表三's two-row merged header flattened as text: the group line (自然人 法人或其他组织 总计)
    and the subcolumn line (商业企业 … 其他) with no blank cells before them, so the second header
    line has fewer cells than the rows (tab, or spaces)."""
    rng = ctx.rng
    sep = rng.choice(["\t", "  ", " "])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        for row, src in zip(rows, table):
            cells = [x for x in row if x]
            if sec == "三" and not is_value_row(src):
                if "申请人情况" in cells and rng.random() < 0.5:
                    cells = [c for c in cells if c.startswith("申请人") or rng.random() < 0.3]
                out.append(sep.join(cells))
                continue
            out.append(sep.join(cells) if sep != "\t" else "\t".join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "prior-year-columns": prior_year_columns,
    "prior-year-html": prior_year_html,
    "dept-breakdown": dept_breakdown,
    "two-years-table3": two_years_table3,
    "two-years-html": two_years_html,
    "t4-grand-total": t4_grand_total,
    "t4-two-rows": t4_two_rows,
    "t4-groups-extra": t4_groups_extra,
    "t4-columns-moved": t4_columns_moved,
    "t2-total-rows": t2_total_rows,
    "t2-columns-moved": t2_columns_moved,
    "t2-columns-moved-html": t2_columns_moved_html,
    "t3-columns-moved": t3_columns_moved,
    "t3-columns-moved-html": t3_columns_moved_html,
    "remark-numbers": remark_numbers,
    "list-item-rows": list_item_rows,
    "header-flat-short": header_flat_short,
}
