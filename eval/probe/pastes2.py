"""Round 2: pastes and text exports.

Re-printed tables as people paste them: units on every cell, CSV and TSV, a 序号 or 备注 column,
repeated headers, synonyms, colon lists, 表四 transposed, Word HTML, ragged Markdown, other
heading numbers, a summary first, the title in a page header, wrapped labels and more.
"""

from __future__ import annotations

import html
import random
import re
from decimal import Decimal
from typing import Any, Callable

from extractor import catalogue
from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, WIDE, grid_text, is_value_row, page, plain, row_label, tab_tables


def units_every_cell(ctx: Ctx) -> tuple[str, str]:
    """Tab or pipe rows, every count with its measure word (3件, 0件), amounts with 万元, zeros as
    marks, thousands with , or ，."""
    rng = ctx.rng
    word = rng.choice(["件", "个", "项", "次", "起"])
    comma = rng.choice([",", "，"])

    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, Decimal):
            return plain(v) + rng.choice(["万元", "万元", ""])
        if v == 0 and rng.random() < 0.4:
            return rng.choice(["—", "－", "/", "无", "-", "0" + word])
        text = f"{v:,}".replace(",", comma) if v >= 1000 else str(v)
        return text + (word if rng.random() < 0.8 else "")

    sep = rng.choice(["\t", " | "])
    return page(ctx, tab_tables(ctx, cell, sep=sep)), ".txt"


def csv_paste(ctx: Ctx) -> tuple[str, str]:
    """Each table pasted as CSV: commas between cells, numbers ≥ 1000 quoted with a thousands comma."""
    rng = ctx.rng
    quote_all = rng.random() < 0.5

    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, int) and v >= 1000:
            return f'"{v:,}"'
        return f'"{plain(v)}"' if quote_all else plain(v)

    def label(s: str) -> str:
        return f'"{s}"' if quote_all or "," in s else s

    return page(ctx, tab_tables(ctx, cell, sep=",", label=label)), ".txt"


def tsv_export(ctx: Ctx) -> tuple[str, str]:
    """An Excel export as TSV: every label column filled on every row (no spans), zero as 0."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        g = grid(table)
        filled: list[list[str]] = []
        for r, row in enumerate(g):
            line = []
            for col, c in enumerate(row):
                if c is None:  # a spanned slot: Excel repeats the merged cell's text when unmerged
                    src = next((g[rr][cc] for rr in range(r, -1, -1) for cc in range(col, -1, -1)
                                if g[rr][cc] is not None and rr + g[rr][cc].rowspan > r and cc + g[rr][cc].colspan > col),
                               None)
                    line.append(src.text if src is not None and src.key is None and ctx.rng.random() < 0.7 else "")
                else:
                    line.append(plain(c.value) if c.key is not None else c.text)
            filled.append(line)
        out += ["\t".join(x) for x in filled] + [""]
    return page(ctx, "\n".join(out)), ".txt"


def seq_column(ctx: Ctx) -> tuple[str, str]:
    """A 序号 column before the labels: 1, 2, 3 … on every value row (tab or pipe)."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    counter = {"n": 0}

    def extra(i: int, row: list[str], value_row: bool) -> list[str]:
        if i == 0:
            counter["n"] = 0
        if value_row:
            counter["n"] += 1
            return [str(counter["n"])] + row
        return ["序号" if i == 0 else ""] + row

    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=sep, extra=extra)), ".txt"


def remark_column(ctx: Ctx) -> tuple[str, str]:
    """A 备注 column after the numbers: mostly empty, sometimes 无, —, or a short remark."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    remarks = ["", "", "", "", "无", "—", "/", "含网上申请", "依申请公开", "已办结"]

    def extra(i: int, row: list[str], value_row: bool) -> list[str]:
        if i == 0:
            return row + ["备注"]
        return row + ([rng.choice(remarks)] if value_row else [""])

    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=sep, extra=extra)), ".txt"


_T3_HEADER_TAB = [
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\t\t\t申请人情况",
    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
    "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
]


def repeated_header(ctx: Ctx) -> tuple[str, str]:
    """表三 across a page break: a footer, then its header rows printed again (tab, or text spaced)."""
    rng = ctx.rng
    spaced = rng.random() < 0.5
    sep = "  " if spaced else "\t"
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        values_at = [i for i, r in enumerate(table) if is_value_row(r)]
        cut = rng.choice(values_at[2:-2]) if sec == "三" else -1
        for i, row in enumerate(rows):
            if i == cut:
                n = rng.randint(2, 8)
                out.append(rng.choice([f"- {n} -", f"第{n}页 共{n + 3}页", f"—{n}—"]))
                if rng.random() < 0.5:
                    out.append(ctx.title)
                header = [sep.join(x for x in h.split("\t") if x) if spaced else h for h in _T3_HEADER_TAB]
                out += header if rng.random() < 0.6 else header[1:]
            cells = [x for x in row if x] if spaced else row
            out.append(sep.join(cells))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_SYNONYMS_2021 = {
    "一、本年新收政府信息公开申请数量": ["一、本年新收申请数", "本年新收政府信息公开申请", "一、新收申请数量", "1.本年新收政府信息公开申请数量"],
    "二、上年结转政府信息公开申请数量": ["二、上年结转申请数", "上年结转政府信息公开申请", "二、上年度结转申请数量", "2.上年结转政府信息公开申请数量"],
    "四、结转下年度继续办理": ["四、结转下年度继续办理数量", "结转下年度继续办理", "四、转下年度继续办理"],
    "（七）总计": ["（七）总 计", "(七)总计", "（七）合计"],
    "规章": ["规章（件）", "政府规章"],
    "行政规范性文件": ["规范性文件", "行政规范性文件（件）"],
    "规范性文件": ["行政规范性文件", "规范性文件（件）"],
    "行政许可": ["行政许可（件）", "行政许可事项"],
    "行政处罚": ["行政处罚（件）", "行政处罚事项"],
    "行政强制": ["行政强制（件）", "行政强制措施"],
    "行政事业性收费": ["行政事业性收费项目", "行政事业性收费（万元）"],
}
_CIRCLED = "①②③④⑤⑥⑦⑧"


def synonyms(ctx: Ctx) -> tuple[str, str]:
    """Row labels as other reports write them: shortened, with units, numbered ① or 1） or (1)."""
    rng = ctx.rng
    style = rng.choice(["circled", "paren", "halfparen", "plain"])

    def label(s: str) -> str:
        if s in _SYNONYMS_2021 and rng.random() < 0.8:
            return rng.choice(_SYNONYMS_2021[s])
        m = re.match(r"(\d)\.(.+)", s)
        if m:
            n, rest = int(m.group(1)), m.group(2)
            return {"circled": f"{_CIRCLED[n - 1]}{rest}", "paren": f"（{n}）{rest}", "halfparen": f"{n}）{rest}",
                    "plain": f"{n}、{rest}"}[style]
        return s

    sep = rng.choice(["\t", " | ", "  "])
    if sep == "  ":
        return page(ctx, spaced_rows(ctx, label)), ".txt"
    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=sep, label=label)), ".txt"


def spaced_rows(ctx: Ctx, label: Callable[[str], str] = lambda s: s, sep: str = "  ") -> str:
    """Every value row on one line: its labels, then its numbers, space-separated."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for row in table:
            labels = [label(c.text) for c in row if c.key is None and c.text]
            nums = [plain(c.value) for c in row if c.key is not None]
            if not nums:
                if sec != "三":
                    out.append(" ".join(labels))
                continue
            out.append("".join(labels) + sep + sep.join(nums))
        out.append("")
    return "\n".join(out)


def fullwidth_spaces(ctx: Ctx) -> tuple[str, str]:
    """Rows whose cells are set apart by ideographic spaces (U+3000), digits full-width."""
    text = spaced_rows(ctx, sep="\u3000" * ctx.rng.choice([1, 2]))
    if ctx.rng.random() < 0.7:
        text = text.translate(WIDE)
    return page(ctx, text), ".txt"


def colon_list(ctx: Ctx) -> tuple[str, str]:
    """Each row as `label：n1、n2、…` (or with ，), the tables' header words left out."""
    rng = ctx.rng
    comma = rng.choice(["、", "，", ","])
    colon = rng.choice(["：", ":", "："])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec == "四":  # one line per group, the column words once above them
            out.append("（结果维持、结果纠正、其他结果、尚未审结、总计）")
            for g, name in zip(catalogue.APPEAL_GROUPS, ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")):
                nums = [plain(ctx.values[f"{g}.{c}"]) for c in catalogue.APPEAL_CELLS]
                out.append(name + colon + comma.join(nums) + rng.choice(["", "。", "；"]))
            continue
        for row in table:
            labels = [c.text for c in row if c.key is None and c.text]
            nums = [plain(c.value) for c in row if c.key is not None]
            if nums:
                out.append("".join(labels) + colon + comma.join(nums) + rng.choice(["", "。", "；"]))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def table4_transposed(ctx: Ctx) -> tuple[str, str]:
    """表四 with its groups as rows: 行政复议 / 未经复议直接起诉 / 复议后起诉 × 结果维持 … 总计."""
    rng = ctx.rng
    sep = rng.choice(["\t", " | "])
    body = tab_tables(ctx, lambda c: plain(c.value), sep=sep)
    head, _, _ = body.partition(HEADINGS["四"])
    names = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
             "litigation_after_review": "行政诉讼（复议后起诉）"}
    if rng.random() < 0.5:
        names = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}
    lines = [HEADINGS["四"], sep.join(["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])]
    for g in catalogue.APPEAL_GROUPS:
        lines.append(sep.join([names[g]] + [plain(ctx.values[f"{g}.{c}"]) for c in catalogue.APPEAL_CELLS]))
    return page(ctx, head + "\n".join(lines) + "\n"), ".txt"


def word_html(ctx: Ctx) -> tuple[str, str]:
    """HTML as Word saves it: MsoNormal paragraphs in every cell, spans, an empty spacer column and
    an empty spacer row, widths, &nbsp; for an empty cell."""
    rng = ctx.rng
    spacer_at = rng.choice([1, 2, None])
    out = []
    for sec, table in ctx.sections:
        out.append(f'<p class="MsoNormal"><b><span style="font-family:黑体">{html.escape(HEADINGS[sec])}</span></b></p>')
        out.append('<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%">')
        for r, row in enumerate(table):
            tds = []
            for c in row:
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                text = html.escape(plain(c.value) if c.key is not None else c.text)
                tds.append(f'<td width="60" valign="top"{attrs}><p class="MsoNormal" align="center">'
                           f'<span lang="EN-US" style="font-size:10.5pt">{text or "&nbsp;"}<o:p></o:p></span></p></td>')
            if spacer_at is not None and sec != "四":
                tds.insert(min(spacer_at, len(tds)), '<td width="1" style="border:none"><p class="MsoNormal">&nbsp;</p></td>')
            out.append('<tr style="height:20pt">' + "".join(tds) + "</tr>")
            if r == 1 and rng.random() < 0.4:
                out.append('<tr style="height:2pt"><td colspan="10" style="border:none">&nbsp;</td></tr>')
        out.append("</table>")
    paras = lambda t: "\n".join(f'<p class="MsoNormal">{html.escape(x.strip())}</p>' for x in t.splitlines() if x.strip())  # noqa: E731
    text = (f'<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><title>{html.escape(ctx.title)}'
            f"</title></head><body><div class=WordSection1>\n{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}\n</div></body></html>\n")
    return text, ".html"


def ragged_markdown(ctx: Ctx) -> tuple[str, str]:
    """Markdown whose pipes do not line up: rows without a leading or trailing pipe, a separator
    line of the wrong width, cells padded unevenly."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out += [f"## {HEADINGS[sec]}", ""]
        rows = grid_text(table, lambda c: plain(c.value))
        for i, row in enumerate(rows):
            cells = [x + " " * rng.randint(0, 3) for x in row]
            line = " | ".join(cells)
            lead, trail = rng.random() < 0.7, rng.random() < 0.6
            out.append(("| " if lead else "") + line + (" |" if trail else ""))
            if i == 0:
                out.append("|" + "---|" * (len(row) + rng.choice([-2, -1, 0, 0, 1])))
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


def section_numbering(ctx: Ctx) -> tuple[str, str]:
    """The sections' headings numbered （二）, 2. or 第二部分 instead of 二、 (tab tables)."""
    style = ctx.rng.choice(["paren", "arabic", "part", "bare"])
    num = {"二": 2, "三": 3, "四": 4}

    def heading(sec: str) -> str:
        name = HEADINGS[sec].split("、", 1)[1]
        return {"paren": f"（{sec}）{name}", "arabic": f"{num[sec]}.{name}", "part": f"第{sec}部分 {name}",
                "bare": name}[style]

    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), heading=heading)), ".txt"


def summary_first(ctx: Ctx) -> tuple[str, str]:
    """A short summary of 表三's totals (label, one number) in the prose before the detail tables."""
    v, rng = ctx.values, ctx.rng
    rows = [("本年新收政府信息公开申请", "requests.new.total"), ("上年结转", "requests.carried_over.total"),
            ("予以公开", "requests.granted.total"), ("部分公开", "requests.partial.total"),
            ("结转下年度继续办理", "requests.carried_forward.total")]
    sep = rng.choice(["\t", " | "])
    summary = "附表：依申请公开情况汇总\n" + sep.join(["项目", "数量（件）"]) + "\n" + "\n".join(
        sep.join([name, plain(v[k])]) for name, k in rows) + "\n\n"
    ctx.before = ctx.before + summary
    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=sep)), ".txt"


def header_only_title(ctx: Ctx) -> tuple[str, str]:
    """No title line: the organ and year only in the running page header and the signature."""
    rng = ctx.rng
    before = ctx.before.replace(ctx.title, "政府信息公开工作年度报告", 1)
    head = f"{ctx.case.report_organ}  {ctx.case.report_year}年度政府信息公开工作年度报告" if rng.random() < 0.5 else \
        f"{ctx.case.report_organ}政务公开"
    ctx.before = head + "\n" + before
    ctx.after = ctx.after + f"\n\n{ctx.case.report_organ}\n{ctx.case.report_year + 1}年1月{rng.randint(10, 28)}日\n"
    return page(ctx, tab_tables(ctx, lambda c: plain(c.value))), ".txt"


def wrapped_tab_labels(ctx: Ctx) -> tuple[str, str]:
    """Tab rows copied from Word whose long label cell holds a line break: the numbers follow the
    label's second line (or the label's tail sits alone on the line after the numbers)."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for row in grid_text(table, lambda c: plain(c.value)):
            labels_end = max((i for i, x in enumerate(row) if x and not re.fullmatch(r"[\d.\-+]+", x)), default=-1)
            lab = row[labels_end] if labels_end >= 0 else ""
            if sec == "三" and len(lab) > 8 and rng.random() < 0.6:
                cut = rng.randint(4, len(lab) - 3)
                if rng.random() < 0.5:
                    row = row[:labels_end] + [lab[:cut] + "\n" + lab[cut:]] + row[labels_end + 1:]
                    out.append("\t".join(row))
                else:
                    row = row[:labels_end] + [lab[:cut]] + row[labels_end + 1:]
                    out.append("\t".join(row))
                    out.append(lab[cut:])
                continue
            out.append("\t".join(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def header_orders(ctx: Ctx) -> tuple[str, str]:
    """表三's applicant header in two header rows printed in another order, or as one row (tab)."""
    rng = ctx.rng
    body = tab_tables(ctx, lambda c: plain(c.value))
    lines = body.split("\n")
    start = lines.index(HEADINGS["三"])
    h = lines[start + 1: start + 4]
    choice = rng.choice(["swap", "one-row", "detail-first"])
    if choice == "swap":
        new = [h[0], h[2], h[1]]
    elif choice == "one-row":
        new = ["\t".join(["项目", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])]
    else:
        new = ["\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t", "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计", h[0]]
    lines[start + 1: start + 4] = new
    return page(ctx, "\n".join(lines)), ".txt"


def _unit_cell(rng: random.Random, word: str, comma: str) -> Callable[[Cell], str]:
    """A cell as a hand-typed table prints it: counts with their measure word, thousands
    separators, zeros as marks or as nothing."""
    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, Decimal):
            return plain(v) + rng.choice(["万元", ""])
        if v == 0:
            return rng.choice(["0", "0", "—", "/", "无", "", "0" + word])
        text = f"{v:,}".replace(",", comma) if v >= 1000 else str(v)
        return text + (word if rng.random() < 0.7 else "")
    return cell


def html_units(ctx: Ctx) -> tuple[str, str]:
    """HTML tables (rowspan/colspan) whose value cells print units, marks, separators, &nbsp;
    for 0, and an empty spacer column between two value columns."""
    rng = ctx.rng
    cell = _unit_cell(rng, rng.choice(["件", "个", "项"]), rng.choice([",", "，"]))
    spacer = rng.random() < 0.5
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p>{html.escape(HEADINGS[sec])}</p><table border=1>")
        for row in table:
            tds = []
            for c in row:
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                text = html.escape(cell(c) if c.key is not None else c.text)
                tds.append(f"<td{attrs}>{text or '&nbsp;'}</td>")
            if spacer and sec == "三":
                tds.append("<td>&nbsp;</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>\n"
            f"{paras(ctx.before)}\n" + "\n".join(out) + f"\n{paras(ctx.after)}\n</body></html>\n"), ".html"


def flat_units(ctx: Ctx) -> tuple[str, str]:
    """Flattened web text, every cell one space apart, counts with their measure word and
    thousands separators (`行政处罚 1,191件 0件 305件`)."""
    rng = ctx.rng
    word = rng.choice(["件", "个", "项"])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for row in table:
            labels = [c.text for c in row if c.key is None and c.text]
            vals = []
            for c in row:
                if c.key is None:
                    continue
                v = c.value
                if isinstance(v, Decimal):
                    vals.append(plain(v) + "万元")
                else:
                    vals.append((f"{v:,}" if v >= 1000 else str(v)) + word)
            out.append(" ".join(labels) + (" " + " ".join(vals) if vals else ""))
    return page(ctx, " ".join(out) + "\n"), ".txt"


def extra_rows(ctx: Ctx) -> tuple[str, str]:
    """Tab tables with rows the national format does not have: 表二 行政确认/行政征收/行政给付
    with their own numbers, 表三 `其中：网上申请` under 本年新收."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = grid_text(table, lambda c: plain(c.value))
        for row, src in zip(rows, table):
            out.append("\t".join(row))
            label = row_label(src)
            if sec == "二" and label in ("行政强制", "行政处罚") and rng.random() < 0.7:
                name = rng.choice(["行政确认", "行政征收", "行政给付", "行政检查"])
                out.append("\t".join([name] + [str(rng.randint(0, 300))] + [""] * (len(row) - 2)))
            if sec == "三" and label.startswith("一、本年新收"):
                n = len(row) - 3
                out.append("\t".join(["其中：网上申请", "", ""] + [str(rng.randint(0, 9)) for _ in range(n)]))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def bare_lines(ctx: Ctx) -> tuple[str, str]:
    """Each cell on a line of its own with no tab (a table copied out of a PDF viewer): the
    label, then its numbers one per line, 0 printed as 0."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for row in table:
            for c in row:
                t = plain(c.value) if c.key is not None else c.text
                if t:
                    out.append(t)
    return page(ctx, "\n".join(out) + "\n"), ".txt"


def markdown_br(ctx: Ctx) -> tuple[str, str]:
    """Markdown from an HTML converter: a parent label and its child in one cell with `<br>`,
    counts with their measure word, `&nbsp;` left in empty cells."""
    rng = ctx.rng
    word = rng.choice(["件", "个"])
    out = []
    for sec, table in ctx.sections:
        out += [f"**{HEADINGS[sec]}**", ""]
        rows = grid_text(table, lambda c: plain(c.value) + (word if c.value and not isinstance(c.value, Decimal) else ""))
        for i, row in enumerate(rows):
            labels = [x for x in row[:3] if x and not re.fullmatch(r"[\d,.]+\D?", x)] if sec == "三" else []
            if sec == "三" and len(labels) >= 2:
                row = ["<br>".join(labels)] + row[len(row) - 7:]
            elif sec == "三" and i >= 3:
                row = ["".join(labels)] + row[len(row) - 7:]
            row = [x if x else "&nbsp;" for x in row]
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + "---|" * len(row))
        out.append("")
    return page(ctx, "\n".join(out)), ".md"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "units-every-cell": units_every_cell,
    "csv-paste": csv_paste,
    "tsv-export": tsv_export,
    "seq-column": seq_column,
    "remark-column": remark_column,
    "repeated-header": repeated_header,
    "synonyms": synonyms,
    "fullwidth-spaces": fullwidth_spaces,
    "colon-list": colon_list,
    "table4-transposed": table4_transposed,
    "word-html": word_html,
    "ragged-markdown": ragged_markdown,
    "section-numbering": section_numbering,
    "summary-first": summary_first,
    "header-only-title": header_only_title,
    "wrapped-tab-labels": wrapped_tab_labels,
    "header-orders": header_orders,
    "html-units": html_units,
    "flat-units": flat_units,
    "extra-rows": extra_rows,
    "bare-lines": bare_lines,
    "markdown-br": markdown_br,
}
