"""Round 6 (text6): notes under a table, the total row first, the tables in reverse order, zeros
written as numerals, a page footer inside a row, two reports on one page.
"""

from __future__ import annotations

from typing import Any, Callable

from extractor.evaluation.gold import GoldCase, load_set
from extractor.printed import HEADINGS

from ._common import Ctx, ROOT, SEED, grid_text, page, plain, tab_tables
from .pastes2 import spaced_rows


def _note_lines(ctx: Ctx, sec: str) -> list[str]:
    """One or two notes as reports print them under a table: dates, counts of their own, words
    of the table's rows (`注：本年新收申请中，当面申请3件…`); their numbers are no cells."""
    rng, y = ctx.rng, ctx.case.report_year
    a, b, c = (rng.randint(1, 9) for _ in range(3))
    pool = {
        "二": [f"注：本年度行政许可中，网上办理{a}件，窗口办理{b}件。",
               f"说明：规范性文件现行有效件数含部门联合发文{a}件。",
               f"注：收费金额单位为万元，统计截至{y}年12月31日。"],
        "三": [f"注：本年新收申请中，当面申请{a}件，网络申请{b}件，信函申请{c}件。",
               f"说明：1.“其他处理”{a}件为申请人撤回申请；2.本表统计时间为{y}年1月1日至{y}年12月31日。",
               f"注：本表中“0”表示无，数据截至{y}年12月31日，共{a + b}项。"],
        "四": [f"注：行政复议{a}件均已办结，本表统计时间为{y}年1月1日至{y}年12月31日。",
               f"说明：{y}年行政诉讼案件{b}件，均不涉及政府信息公开。"],
    }[sec]
    return rng.sample(pool, rng.choice([1, 1, 2]))


def table_notes(ctx: Ctx) -> tuple[str, str]:
    """Tab, pipe or spaced tables, or the page flattened to one line, with one or two notes under
    each table (注：… / 说明：…) that print numbers of their own and words of the table's rows
    (行政许可, 本年新收, 其他处理)."""
    rng = ctx.rng
    form = rng.choice(["tab", "pipe", "spaced", "flat"])
    if form in ("spaced", "flat"):
        body = spaced_rows(ctx)
    else:
        body = tab_tables(ctx, lambda c: plain(c.value), sep="\t" if form == "tab" else " | ")
    chunks = body.split("\n\n")
    out = []
    for sec, chunk in zip(("二", "三", "四"), chunks):
        out.append(chunk + "\n" + "\n".join(_note_lines(ctx, sec)))
    out += chunks[3:]
    ctx.recipe = form  # type: ignore[attr-defined]
    if form == "flat":  # a CMS page flattened to one line: each note runs on after its table's last row
        body = " ".join(x for x in "\n\n".join(out).split("\n") if x)
        return ctx.before.replace("\n", " ") + " " + body + " " + ctx.after.replace("\n", " ") + "\n", ".txt"
    return page(ctx, "\n\n".join(out)), ".txt"


def total_first(ctx: Ctx) -> tuple[str, str]:
    """表三 with its 总计 column printed first (总计 | 自然人 | 商业企业 … | 其他), as some bodies lay
    it out; tab or pipe rows, the header naming the columns in that order."""
    sep = ctx.rng.choice(["\t", " | "])
    header = [["", "", "", "申请人情况", "", "", "", "", "", ""],
              ["", "", "", "总计", "自然人", "法人或其他组织", "", "", "", ""],
              ["", "", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    return page(ctx, _table3_own(ctx, sep, header, lambda labels, nums: sep.join(
        (labels + ["", "", ""])[:3] + [nums[-1]] + nums[:-1]))), ".txt"


def _table3_own(ctx: Ctx, sep: str, header: list[list[str]], row: Callable[[list[str], list[str]], str]) -> str:
    """表二 and 表四 as `sep`-joined grids; 表三 under its own `header` lines, each value row as
    `row(labels, numbers)` prints it (the numbers as printed, 总计 last)."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec != "三":
            out += [sep.join(r) for r in grid_text(table, lambda c: plain(c.value))]
            out.append("")
            continue
        out += [sep.join(h) for h in header]
        for r in table:
            nums = [plain(c.value) for c in r if c.key is not None]
            if nums:
                out.append(row([c.text for c in r if c.key is None and c.text], nums))
        out.append("")
    return "\n".join(out)


def tables_reversed(ctx: Ctx) -> tuple[str, str]:
    """The three tables printed 表四, 表三, 表二 (a body that reports from the end), each under its
    own heading, tab rows."""
    body = tab_tables(ctx, lambda c: plain(c.value))
    chunks = [c for c in body.split("\n\n") if c.strip()]
    return page(ctx, "\n\n".join(reversed(chunks[:3])) + "\n"), ".txt"


def zero_numerals(ctx: Ctx) -> tuple[str, str]:
    """Zeros printed as the Chinese numeral 〇 or 零 (a typist's habit), now and then 0; tab or
    pipe rows."""
    rng = ctx.rng
    mark = rng.choice(["〇", "零", "○"])
    sep = rng.choice(["\t", " | "])
    ctx.recipe = mark  # type: ignore[attr-defined]
    return page(ctx, tab_tables(ctx, lambda c: (mark if rng.random() < 0.8 else "0") if c.value == 0 else plain(c.value),
                                sep=sep)), ".txt"


def footer_mid_row(ctx: Ctx) -> tuple[str, str]:
    """PDF text (rows spaced) where a page's footer `第 3 页 共 8 页` (or `- 3 -`), a form feed and
    the running header fall inside a row: its label and first numbers, the footer, the rest."""
    rng = ctx.rng
    total = rng.randint(6, 12)
    foot = rng.choice(["第 {n} 页 共 {t} 页", "第{n}页/共{t}页", "- {n} -", "— {n} —"])
    running = rng.choice([ctx.title, ctx.case.report_organ, ""])
    out = []
    pno = 2
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = [([c.text for c in r if c.key is None and c.text], [plain(c.value) for c in r if c.key is not None])
                for r in table]
        long = [i for i, (l, n) in enumerate(rows) if len(n) >= 3]
        cut = set(rng.sample(long, min(len(long), 1 if sec != "三" else 2)))
        for i, (labels, nums) in enumerate(rows):
            if not nums:
                if sec != "三":
                    out.append(" ".join(labels))
                continue
            if i in cut:
                k = rng.randint(1, len(nums) - 1)
                out.append("".join(labels) + "  " + "  ".join(nums[:k]))
                out.append(foot.format(n=pno, t=total))
                out.append("\f" + running)
                out.append("  ".join(nums[k:]))
                pno += 1
            else:
                out.append("".join(labels) + "  " + "  ".join(nums))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_OTHERS: list[GoldCase] = []


def two_reports(ctx: Ctx) -> tuple[str, str]:
    """Two reports of different bodies in one file (a site's page that lists a body's report and
    then a department's): the gold is the first's; the second must lend it nothing. Tab rows."""
    if not _OTHERS:
        _OTHERS.extend(c for c in load_set(ROOT / "eval" / "real") if c.is_report)
    rng = ctx.rng
    others = [c for c in _OTHERS if c.report_organ != ctx.case.report_organ and c.report_template == ctx.template]
    other = Ctx(rng.choice(others), "two-reports-other", SEED)
    first = page(ctx, tab_tables(ctx, lambda c: plain(c.value)))
    second = page(other, tab_tables(other, lambda c: plain(c.value)))
    if not second.lstrip().startswith(other.title[:6]):
        second = other.title + "\n" + second
    return first + "\n\n" + second, ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "table-notes": table_notes,
    "total-first": total_first,
    "tables-reversed": tables_reversed,
    "zero-numerals": zero_numerals,
    "footer-mid-row": footer_mid_row,
    "two-reports": two_reports,
}
