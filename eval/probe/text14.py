"""Round 14 (text14): text forms of published reports the earlier rounds do not print. 表二 taken
out of a PDF column by column (each 第二十条 section's labels, then each column top to bottom);
表二's column heads in other words (本年新增 / 本年减少 / 累计有效, 新制定 / 废止 / 现行有效) and in
another order; 表三's outcome rows written short with their parent (`不予公开-国家秘密`,
`无法提供（本机关不掌握）`); counts with their share beside them (`12（30%）`); counts written in
Chinese numerals (`十二`, `一百零五`); a 单位 column of measure words between the labels and the
numbers.
"""

from __future__ import annotations

from decimal import Decimal

from extractor.printed import HEADINGS, Cell

from ._common import Ctx, grid_text, is_value_row, page, plain, row_label, tab_tables
from .text12 import t2_reordered


def t2_column_order(ctx: Ctx) -> tuple[str, str]:
    """表二 as `pdftotext -raw` (or pdfminer) gives an unruled table: each 第二十条 section's first
    column top to bottom (信息内容, then its rows' labels), then each further column top to bottom
    (its head, then its numbers), a cell a line, empty cells left out; 表三 and 表四 tab rows."""
    out = []
    body = tab_tables(ctx, lambda c: plain(c.value))
    _, _, rest = body.partition(HEADINGS["三"])
    for sec, table in ctx.sections:
        if sec != "二":
            continue
        out.append(HEADINGS[sec])
        out += columns_down(grid_text(table, lambda c: plain(c.value)))
        out.append("")
    return page(ctx, "\n".join(out) + "\n" + HEADINGS["三"] + rest), ".txt"


def columns_down(rows: list[list[str]]) -> list[str]:
    """表二's grid rows as an unruled PDF's text gives them: each 第二十条 line, then its section's
    first column top to bottom, then each further column top to bottom, a cell a line, empty
    cells left out."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(r) for r in block)
        for j in range(width):
            out.extend(r[j] for r in block if j < len(r) and r[j])
        block.clear()

    for row in rows:
        if row[0].startswith("第二十条"):
            flush()
            out.append(row[0])
        else:
            block.append(row)
    flush()
    return out


#: 表二's first section's column heads as other reports word them (the format's order)
_T2_HEADS = {
    "2021": [["本年新增", "本年减少", "累计有效"], ["新制定", "废止", "现行有效"],
             ["本年制定件数", "本年废止件数", "现行有效件数"], ["本年新制发", "本年废止", "累计现行有效"]],
    "2019": [["本年制作", "本年公开", "公开总数"], ["新制作数量", "新公开数量", "对外公开总数"],
             ["本年新制作", "本年新公开", "累计公开"]],
}


def t2_header_synonyms(ctx: Ctx) -> tuple[str, str]:
    """表二's first section's three column heads in other words than the format's (2021:
    本年新增 / 本年减少 / 累计有效, 新制定 / 废止 / 现行有效, …; 2019: 本年制作 / 本年公开 / 公开总数,
    …), the columns in the format's order or in another one the heads say (tab or pipe rows)."""
    rng = ctx.rng
    heads = rng.choice(_T2_HEADS[ctx.case.report_template])
    order = rng.choice([[0, 1, 2], [0, 1, 2], [2, 0, 1], [1, 0, 2], [0, 2, 1]])
    sep = rng.choice(["\t", " | "])
    ctx.recipe = f"{heads} {order}"  # type: ignore[attr-defined]
    return page(ctx, t2_reordered(ctx, order, heads, sep)), ".txt"


#: 表三's outcome rows (parent, sub-row) written short
_SHORT_PARENT = {"（一）予以公开": "予以公开", "（二）部分公开": "部分公开", "（三）不予公开": "不予公开",
                 "（四）无法提供": "无法提供", "（五）不予处理": "不予处理", "（六）其他处理": "其他处理",
                 "（七）总计": "总计"}
_SHORT_CHILD = {
    "属于国家秘密": "国家秘密", "其他法律行政法规禁止公开": "法律法规禁止公开",
    "危及“三安全一稳定”": "危及三安全一稳定", "保护第三方合法权益": "第三方合法权益",
    "属于三类内部事务信息": "内部事务信息", "属于四类过程性信息": "过程性信息",
    "属于行政执法案卷": "行政执法案卷", "属于行政查询事项": "行政查询事项",
    "本机关不掌握相关政府信息": "本机关不掌握", "没有现成信息需要另行制作": "需另行制作",
    "补正后申请内容仍不明确": "补正后仍不明确", "信访举报投诉类申请": "信访举报投诉类",
    "重复申请": "重复申请", "要求提供公开出版物": "公开出版物", "无正当理由大量反复申请": "大量反复申请",
    "要求行政机关确认或重新出具已获取信息": "确认或重新出具已获取信息",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "逾期不补正",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "逾期未缴纳费用",
    "其他": "其他",
}
_SHORT_FORMS = ["{p}-{c}", "{p}—{c}", "{p}（{c}）", "{p}：{c}", "{p}·{c}", "{p}-{n}.{c}"]


def t3_short_labels(ctx: Ctx) -> tuple[str, str]:
    """表三's outcome rows each one label joining its parent and itself written short
    (`不予公开-国家秘密`, `无法提供（本机关不掌握）`, `不予处理：重复申请`), one form per report;
    the parents without their enumerators (`予以公开`, `总计`); tab or pipe rows."""
    rng = ctx.rng
    form = rng.choice(_SHORT_FORMS)
    sep = rng.choice(["\t", " | "])
    ctx.recipe = f"{form!r} {sep!r}"  # type: ignore[attr-defined]
    body = tab_tables(ctx, lambda c: plain(c.value), sep=sep)
    head, _, rest = body.partition(HEADINGS["三"])
    _, _, tail = rest.partition(HEADINGS["四"])
    lines = [HEADINGS["三"], sep.join(["", "申请人情况"] + [""] * 6),
             sep.join(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
             sep.join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
    for label, vals in t3_short_rows(ctx, form):
        lines.append(sep.join([label] + [plain(c.value) for c in vals]))
    return page(ctx, head + "\n".join(lines) + "\n\n" + HEADINGS["四"] + tail), ".txt"


def t3_short_rows(ctx: Ctx, form: str) -> list[tuple[str, list[Cell]]]:
    """表三's value rows as (one short label in `form`, the row's value cells): a parent row its
    parent's short name, a sub-row `form` joining the parent and the sub-row's short name."""
    out = []
    parent = ""
    for sec, table in ctx.sections:
        if sec != "三":
            continue
        for row in table:
            if not is_value_row(row):
                continue
            labels = [c.text for c in row if c.key is None and c.text]
            vals = [c for c in row if c.key is not None]
            top = [t for t in labels if t in _SHORT_PARENT]
            if top:
                parent = _SHORT_PARENT[top[0]]
            child = [t for t in labels if t not in _SHORT_PARENT and not t.startswith("三、")]
            if top and not child:
                label = parent
            elif child and child[0][:1].isdigit() and parent:
                n, _, c = child[0].partition(".")
                label = form.format(p=parent, c=_SHORT_CHILD.get(c, c), n=n)
            else:
                label = "".join(labels)
            out.append((label, vals))
    return out


def count_percent(ctx: Ctx) -> tuple[str, str]:
    """表三's counts each with its share of its row's 总计 beside it (`12（30%）`, `12 (30.0%)`,
    `12（占30.00%）`), the 总计 column bare; one form per report, a 0 bare or with `0%`; tab or pipe
    rows (表二 and 表四 bare)."""
    rng = ctx.rng
    form = rng.choice(["{n}（{p}%）", "{n} ({p}%)", "{n}（占{p}%）", "{n}({p}%)"])
    digits = rng.choice([0, 1, 2])
    sep = rng.choice(["\t", " | "])
    ctx.recipe = f"{form!r} {digits} {sep!r}"  # type: ignore[attr-defined]
    totals = row_totals(ctx)

    def cell(c: Cell) -> str:
        if c.key not in totals:
            return plain(c.value)
        return with_share(rng, c.value, totals[c.key], form, digits)
    return page(ctx, tab_tables(ctx, cell, sep=sep)), ".txt"


def row_totals(ctx: Ctx) -> dict[str, int]:
    """表三's applicant counts (not the 总计 column) → their row's 总计."""
    totals = {}
    for sec, table in ctx.sections:
        for row in table:
            cells = [c for c in row if c.key is not None]
            if sec == "三" and cells:
                totals.update({c.key: cells[-1].value for c in cells})
    return {k: v for k, v in totals.items() if k.startswith("requests.") and not k.endswith(".total")}


def with_share(rng, v: int, total: int, form: str, digits: int) -> str:
    """A count with its share of `total` beside it in `form` (`12（30%）`); a 0 bare half the time."""
    if v == 0 and rng.random() < 0.5:
        return "0"
    share = Decimal(100 * v) / total if total else Decimal(0)
    return form.format(n=v, p=f"{share:.{digits}f}")


_CN = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """`n` in Chinese numerals as a typist writes a count: 十二, 一百零五, 二千三百四十, 一万零二十."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    out = []
    zero = False
    for unit, size in (("万", 10000), ("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d, n = divmod(n, size)
        if unit == "万" and d:
            out.append(cn_numeral(d) + "万")
        elif d:
            if zero and out:
                out.append("零")
            out.append(_CN[d] + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


def cn_numeral_counts(ctx: Ctx) -> tuple[str, str]:
    """Counts written in Chinese numerals (`十二`, `一百零五`, `零`), with 件 now and then; amounts in
    digits; tab or pipe rows."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    word = rng.choice(["", "", "件"])
    ctx.recipe = f"{sep!r} {word!r}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, int) and not isinstance(v, bool) and v >= 0 and not (c.key or "").endswith("amount"):
            return cn_numeral(v) + word
        return plain(v)
    return page(ctx, tab_tables(ctx, cell, sep=sep)), ".txt"


def unit_column(ctx: Ctx) -> tuple[str, str]:
    """A 单位 (计量单位) column between the labels and the numbers: 表二's heads `信息内容 | 单位 | …`,
    its rows `规章 | 件 | 0 | 0 | 3`, 收费 `万元`, 采购 `项`; 表三's rows a `件` after the label and
    its header a 单位 cell; tab or pipe rows."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    head_word = rng.choice(["单位", "计量单位", "单位："])
    ctx.recipe = f"{sep!r} {head_word}"  # type: ignore[attr-defined]
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        for i, (row, src) in enumerate(zip(rows, table)):
            lab = row_label(src)
            if sec == "二":
                if lab.startswith("信息内容"):
                    row = [row[0], head_word] + row[1:]
                elif is_value_row(src):
                    keys = [c.key for c in src if c.key is not None]
                    unit = "万元" if any(k.endswith("amount") for k in keys) else "件"
                    row = [row[0], unit] + row[1:]
                else:
                    row = [row[0], ""] + row[1:]
            elif sec == "三":
                first = 3  # after the grid's three label columns
                if i == 0:
                    row = row[:first] + [head_word] + row[first:]
                elif is_value_row(src):
                    row = row[:first] + ["件"] + row[first:]
                else:
                    row = row[:first] + [""] + row[first:]
            out.append(sep.join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES = {
    "t2-column-order": t2_column_order,
    "t2-header-synonyms": t2_header_synonyms,
    "t3-short-labels": t3_short_labels,
    "count-percent": count_percent,
    "cn-numeral-counts": cn_numeral_counts,
    "unit-column": unit_column,
}
