"""Round 4: text layouts (issue 11)

表二 in sentences, PDF text paginated with running headers and 续表, Word text exports with a
cell a line, pdfminer's column-by-column 表三, more blank marks, a 繁體 page.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import Cell, GROUP_LABELS, HEADINGS

from ._common import Ctx, page, plain, tab_tables
from .pastes2 import spaced_rows
from .text3 import _width


def _t2_prose(ctx: Ctx) -> str:
    """表二 as sentences, no table: each item of 第二十条 a clause, every count with its measure word."""
    rng, v = ctx.rng, ctx.values
    sep = rng.choice(["，", "、"])
    end = rng.choice(["；", "。"])

    def n(k: str, w: str = "件") -> str:
        return f"{plain(v[k])}{w}"
    out = []
    if ctx.template == "2021":
        norm = rng.choice(["行政规范性文件", "规范性文件"])
        if rng.random() < 0.5:
            out.append(f"本年制发规章{n('active.regulations.issued')}{sep}废止{n('active.regulations.repealed')}{sep}"
                       f"现行有效{n('active.regulations.in_force')}{end}"
                       f"制发{norm}{n('active.normative.issued')}{sep}废止{n('active.normative.repealed')}{sep}"
                       f"现行有效{n('active.normative.in_force')}{end}")
        else:
            out.append(f"规章：本年制发件数{n('active.regulations.issued')}{sep}本年废止件数{n('active.regulations.repealed')}{sep}"
                       f"现行有效件数{n('active.regulations.in_force')}{end}"
                       f"{norm}：本年制发件数{n('active.normative.issued')}{sep}本年废止件数{n('active.normative.repealed')}{sep}"
                       f"现行有效件数{n('active.normative.in_force')}{end}")
        out.append(f"行政许可本年处理决定数量{n('active.licensing.decisions')}{end}")
        out.append(f"行政处罚本年处理决定数量{n('active.punishment.decisions')}{sep}"
                   f"行政强制本年处理决定数量{n('active.coercion.decisions')}{end}")
        out.append(f"行政事业性收费本年收费金额{plain(v['active.fees.amount'])}万元。")
    else:
        for key, name in (("regulations", "规章"), ("normative", "规范性文件")):
            out.append(f"{name}本年新制作数量{n(f'active.{key}.made')}{sep}本年新公开数量{n(f'active.{key}.published')}{sep}"
                       f"对外公开总数量{n(f'active.{key}.total')}{end}")
        for key, name in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
                          ("punishment", "行政处罚"), ("coercion", "行政强制")):
            out.append(f"{name}上一年项目数量{n(f'active.{key}.prior', '项')}{sep}本年增/减{n(f'active.{key}.change', '项')}{sep}"
                       f"处理决定数量{n(f'active.{key}.decisions')}{end}")
        out.append(f"行政事业性收费上一年项目数量{n('active.fees.prior', '项')}{sep}本年增/减{n('active.fees.change', '项')}{end}")
        out.append(f"政府集中采购项目数量{n('active.procurement.items', '项')}{sep}"
                   f"采购总金额{plain(v['active.procurement.amount'])}万元。")
    return "".join(out)


def table2_prose(ctx: Ctx) -> tuple[str, str]:
    """表二 printed as prose with no table (`本年制发规章0件，废止0件，现行有效3件；…`), 表三 and 表四
    spaced rows (a small body's report, or a WeChat article that dropped the table)."""
    body = spaced_rows(ctx)
    head, rest = body.split(HEADINGS["三"], 1)
    head = HEADINGS["二"] + "\n" + _t2_prose(ctx) + "\n\n"
    return page(ctx, head + HEADINGS["三"] + rest), ".txt"


def pdftotext_pages(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext` of a paginated report: every page ends with its number (`— 5 —`, `第5页 共9页`),
    a form feed, then the running header (the title, or the organ); a table cut by a page break
    starts again under `续表` with its header words; a wrapped label may break across the pages
    (its numbers on either page)."""
    rng = ctx.rng
    sep = rng.choice(["  ", " "])
    per_page = rng.randint(12, 22)
    total = rng.randint(6, 12)
    foot = rng.choice(["— {n} —", "- {n} -", "第{n}页 共{t}页", "{n}", "第 {n} 页"])
    running = rng.choice([ctx.title, ctx.case.report_organ, "", ctx.title + "  " + ctx.case.report_organ])
    again = rng.random() < 0.6
    lines: list[tuple[str, str]] = []  # (text, section it is a row of, or "")
    for sec, table in ctx.sections:
        lines.append((HEADINGS[sec], ""))
        if sec == "三":
            lines.append(("申请人情况", "h"))
            lines.append(("自然人 法人或其他组织 总计", "h"))
            lines.append(("商业企业 科研机构 社会公益组织 法律服务机构 其他", "h"))
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if nums:
                label = "".join(labels)
                if len(label) > 10 and rng.random() < 0.3:
                    k = rng.randint(4, len(label) - 3)
                    top = rng.random() < 0.5
                    lines.append((label[:k] + (sep + sep.join(nums) if top else ""), sec + "<"))
                    lines.append((label[k:] + ("" if top else sep + sep.join(nums)), sec + ">"))
                else:
                    lines.append((label + sep + sep.join(nums), sec))
            elif sec != "三":
                lines.append((" ".join(labels), "h"))
        lines.append(("", ""))
    before = ctx.before.split("\n")
    out: list[str] = []
    count, pno = len(before), 1
    out += before
    for i, (text, kind) in enumerate(lines):
        count += 1
        # break where the page is full; a table row is never left before its header
        if count >= per_page and kind not in ("h",):
            pno += 1
            out.append(foot.format(n=pno - 1, t=total))
            out.append("\f" + running if running else "\f")
            if kind and kind[0] in "二三四" and again:
                out.append(rng.choice(["续表", "（续表）", "续上表"]))
                if kind[0] == "三":
                    out += ["申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
            count = 0
        out.append(text)
    out += ctx.after.split("\n")
    out.append(foot.format(n=pno, t=total))
    return "\n".join(out) + "\n", ".txt"


def cells_blank_lines(ctx: Ctx) -> tuple[str, str]:
    """A Word file turned into text by docx2txt or a CMS's "text version": every table cell
    (header words too) on a line of its own with a blank line after it, a spanned cell once, an
    empty cell an empty line; in some reports every 0 an empty cell."""
    rng = ctx.rng
    blank_zero = rng.random() < 0.4
    out = [ctx.before]
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        out.append("")
        for row in table:
            for c in row:
                if c.key is None:
                    t = c.text
                else:
                    t = "" if (blank_zero and c.value == 0) else plain(c.value)
                out.append(t)
                out.append("")
    out.append(ctx.after)
    return "\n".join(out), ".txt"


def labels_then_columns(ctx: Ctx) -> tuple[str, str]:
    """pdfminer's order for an unruled 表三: every row label first, then the numbers one per line
    column by column (all of 自然人's, then 商业企业's, …); 表二 and 表四 spaced rows."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = [(["".join(c.text for c in r if c.key is None and c.text)], [plain(c.value) for c in r if c.key is not None])
                for r in table]
        if sec != "三":
            for r in table:
                labels = [c.text for c in r if c.key is None and c.text]
                nums = [plain(c.value) for c in r if c.key is not None]
                out.append(" ".join(labels) + ("  " + "  ".join(nums) if nums else ""))
            out.append("")
            continue
        rows = [(l, n) for l, n in rows if n]
        out += ["".join(l) for l, _ in rows]
        for j in range(len(rows[0][1])):
            out += [n[j] for _, n in rows]
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_MORE_MARKS = ["——", "／", "--", "―", "–", "－－", "一", "空", "\\"]


def blank_marks_more(ctx: Ctx) -> tuple[str, str]:
    """Zeros printed as the marks hand-typed tables use beyond —, -, / and 无: `——`, `／`, `--`,
    `―`, `–`, `一` (typed for a dash), `空`, `\\`; tab or pipe rows, or rows spaced in PDF text."""
    rng = ctx.rng
    marks = rng.sample(_MORE_MARKS, 3)
    p = rng.choice([0.5, 1.0])

    def cell(c: Cell) -> str:
        if c.value == 0 and not isinstance(c.value, Decimal) and rng.random() < p:
            return rng.choice(marks)
        return plain(c.value)
    form = rng.choice(["tab", "pipe", "spaced"])
    if form != "spaced":
        return page(ctx, tab_tables(ctx, cell, sep="\t" if form == "tab" else " | ")), ".txt"
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [cell(c) for c in r if c.key is not None]
            if nums:
                out.append("".join(labels) + "  " + "  ".join(nums))
            elif sec == "二":
                out.append(" ".join(labels))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_TRAD = dict(zip(
    "开请数结转办无国务处关机经权护内执询没现补确访举复类当获认费规许罚强业对总决废条项发况动组织会构务诉维纠审采购额减"
    "报门区县镇乡厅员为长统计务称单编应证这实进与义见级财产设积极层录传网读览线台众围绕达续达满满议属于危稳险过据录岗专",
    "開請數結轉辦無國務處關機經權護內執詢沒現補確訪舉復類當獲認費規許罰強業對總決廢條項發況動組織會構務訴維糾審採購額減"
    "報門區縣鎮鄉廳員為長統計務稱單編應證這實進與義見級財產設積極層錄傳網讀覽線臺眾圍繞達續達滿滿議屬於危穩險過據錄崗專"))


def traditional(ctx: Ctx) -> tuple[str, str]:
    """The page a site's 繁體 switch serves (and a crawler kept): every character traditional
    (開/請/數/結轉/辦/無/處/規/許/罰/總 …), tab or spaced rows."""
    table = str.maketrans(_TRAD)
    body = tab_tables(ctx, lambda c: plain(c.value)) if ctx.rng.random() < 0.5 else spaced_rows(ctx)
    return page(ctx, body).translate(table), ".txt"


def excel_floats(ctx: Ctx) -> tuple[str, str]:
    """A spreadsheet saved as text by a script: every count a float (`3.0`, `0.0`), amounts as
    they are, tab or comma cells."""
    sep = ctx.rng.choice(["\t", ","])

    def cell(c: Cell) -> str:
        return plain(c.value) if isinstance(c.value, Decimal) else f"{c.value}.0"
    return page(ctx, tab_tables(ctx, cell, sep=sep)), ".txt"


def vertical_parents(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext -layout` of a Word 表三 whose spanned parent cells are narrow: 三、本年度办理结果
    one character a line down the block's rows, （三）不予公开 two characters a line down its
    sub-rows, each line then the row's own label and its numbers in right-aligned columns."""
    rng = ctx.rng
    colw = rng.choice([6, 8])
    per = rng.choice([1, 2])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = [r for r in table if any(c.key is not None for c in r)]
        if sec != "三":
            for r in table:
                labels = [c.text for c in r if c.key is None and c.text]
                nums = [plain(c.value) for c in r if c.key is not None]
                out.append(" ".join(labels) + ("  " + "  ".join(nums) if nums else ""))
            out.append("")
            continue
        # the block of 本年度办理结果 and the groups inside it, by row index
        parent: list[str] = []
        for r in rows:
            labels = [c.text for c in r if c.key is None and c.text]
            parent.append(labels)
        start = next(i for i, r in enumerate(rows) if any(c.text == "三、本年度办理结果" for c in r))
        end = next(i for i, r in enumerate(rows) if any(c.key and c.key.startswith("requests.carried_forward") for c in r))
        outer = "三、本年度办理结果"
        off = max(0, (end - start - len(outer)) // 2)
        col1 = {start + off + j: ch for j, ch in enumerate(outer)}
        col2: dict[int, str] = {}
        i = start
        while i < end:
            labs = [x for x in parent[i] if x != outer]
            if len(labs) == 2:  # a group's first row: its label, then the sub-label
                g = labs[0]
                n = 1
                while i + n < end and len([x for x in parent[i + n] if x != outer]) == 1 and \
                        re.match(r"\d", parent[i + n][-1]):
                    n += 1
                pieces = [g[k:k + 2] for k in range(0, len(g), 2)]
                for j, p in enumerate(pieces[:n]):
                    col2[i + j] = p
                if len(pieces) > n:
                    col2[i + n - 1] = "".join(pieces[n - 1:])
                i += n
            else:
                i += 1
        for i, r in enumerate(rows):
            nums = [plain(c.value) for c in r if c.key is not None]
            labs = parent[i]
            if start <= i < end:
                own_label = labs[-1]
                a = col1.get(i, "")
                b = col2.get(i, "")
                left = (a.ljust(2 if per == 1 else 3, "　") if a else "　" * (1 if per == 1 else 2)) + "  " + \
                    (b.ljust(2, "　") if b else "　　") + "  " + own_label
            else:
                left = "".join(labs)
            numtext = "".join(n.rjust(colw) for n in nums)
            out.append(left + " " * max(2, 40 - _width(left)) + numtext)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def legal_subtotal(ctx: Ctx) -> tuple[str, str]:
    """表三 with a 小计 column the national format does not have, after the five 法人或其他组织
    columns (their sum), its header saying so; tab rows or rows spaced."""
    rng = ctx.rng
    tab = rng.random() < 0.5
    sep = "\t" if tab else "  "
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec == "三":
            out.append(sep.join(["", "自然人", "法人或其他组织", "", "", "", "", "", "总计"]))
            out.append(sep.join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计", ""]))
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            vals = [c.value for c in r if c.key is not None]
            if not vals:
                if sec == "二":
                    out.append(" ".join(labels))
                continue
            nums = [plain(v) for v in vals]
            if sec == "三":
                nums = nums[:6] + [str(sum(vals[1:6]))] + nums[6:]
            out.append("".join(labels) + sep + sep.join(nums))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def viewer_copy(ctx: Ctx) -> tuple[str, str]:
    """Text copied out of a browser's PDF viewer: every cell on a line of its own, and an empty
    cell (a 0 the table left blank) leaves no line at all; now and then 0 printed as 0."""
    rng = ctx.rng
    keep_zero = rng.random() < 0.3
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for row in table:
            for c in row:
                if c.key is None:
                    if c.text:
                        out.append(c.text)
                elif c.value != 0 or keep_zero:
                    out.append(plain(c.value))
    return page(ctx, "\n".join(out) + "\n"), ".txt"


def unnumbered_subrows(ctx: Ctx) -> tuple[str, str]:
    """Sub-rows without their numbering (`属于国家秘密`, `其他` under （六）), rows spaced or tab."""
    sep = ctx.rng.choice(["  ", "\t"])

    def lab(s: str) -> str:
        return re.sub(r"^\d+[.．、]", "", s)
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for r in table:
            labels = [lab(c.text) for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if nums:
                out.append(sep.join(labels) + sep + sep.join(nums))
            elif sec == "二":
                out.append(" ".join(labels))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def group_subtotals(ctx: Ctx) -> tuple[str, str]:
    """表三 with a row of sums for each group of sub-rows (`（三）不予公开` printed with the sums of
    its sub-rows on its own line before them, or `小计` after them), tab rows or spaced."""
    rng = ctx.rng
    tab = rng.random() < 0.5
    after = rng.random() < 0.5
    sep = "\t" if tab else "  "
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = [([c.text for c in r if c.key is None and c.text], [c for c in r if c.key is not None]) for r in table]
        rows = [(l, v) for l, v in rows if v or sec == "二"]
        i = 0
        while i < len(rows):
            labels, vals = rows[i]
            group = next((g for g in GROUP_LABELS.values() if g in labels), None) if sec == "三" else None
            if group is not None:
                j = i + 1
                while j < len(rows) and re.match(r"\d", rows[j][0][-1] if rows[j][0] else ""):
                    j += 1
                members = rows[i:j]
                if len(members) == 1:  # (2019's （六）其他处理: one row, no group)
                    out.append(sep.join(labels) + sep + sep.join(plain(v.value) for v in vals))
                    i = j
                    continue
                sums = [str(sum(v[k].value for _, v in members)) for k in range(len(vals))]
                if not after:
                    out.append(sep.join([x for x in labels if x == group] + ([""] if tab else [])) + sep + sep.join(sums))
                for k, (ls, vs) in enumerate(members):
                    ls = [x for x in ls if x != group] if not after or k else ls
                    out.append(sep.join(ls) + sep + sep.join(plain(v.value) for v in vs))
                if after:
                    out.append("小计" + sep + sep.join(sums))
                i = j
                continue
            nums = [plain(v.value) for v in vals]
            out.append(sep.join(labels) + (sep + sep.join(nums) if nums else ""))
            i += 1
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "table2-prose": table2_prose,
    "pdftotext-pages": pdftotext_pages,
    "cells-blank-lines": cells_blank_lines,
    "labels-then-columns": labels_then_columns,
    "blank-marks-more": blank_marks_more,
    "traditional": traditional,
    "excel-floats": excel_floats,
    "vertical-parents": vertical_parents,
    "legal-subtotal": legal_subtotal,
    "viewer-copy": viewer_copy,
    "unnumbered-subrows": unnumbered_subrows,
    "group-subtotals": group_subtotals,
}
