"""web9: crawled government pages (issue 11)

What a crawler keeps of a government CMS page around and inside the report: the site's toolbars
(无障碍, 长者模式), breadcrumbs, the article's date / source / view counter, font-size and print
links, share buttons, 上一篇/下一篇 with another body's report title, the footer's site code and
filing numbers; a paged article (the table cut by a pager between rows, the page's head printed
again); the whole page on one line with 表三's header cells printed one character per line; a
'related reports' list of other titles before the real one; and the title in the forms other
bodies use (关于…年度报告, the year first, 年报, the organ only in the signature).
"""

from __future__ import annotations

import html
import random
import re
from typing import Any, Callable

from extractor.evaluation.gold import GoldCase, load_set
from extractor.printed import Cell, HEADINGS

from ._common import Ctx, ROOT, page, plain, tab_tables
from .files3 import _td
from .files4 import _paras


_W9_OTHERS: list[GoldCase] = []


def _w9_others(ctx: Ctx, k: int) -> list[GoldCase]:
    """`k` other labelled reports of other bodies (their titles name another organ and year)."""
    if not _W9_OTHERS:
        _W9_OTHERS.extend(c for c in load_set(ROOT / "eval" / "real") if c.is_report)
    pool = [c for c in _W9_OTHERS if c.report_organ != ctx.case.report_organ and c.report_year != ctx.case.report_year]
    return ctx.rng.sample(pool, k)


def _w9_title_of(c: GoldCase, rng: random.Random) -> str:
    return rng.choice([f"{c.report_organ}{c.report_year}年政府信息公开工作年度报告",
                       f"{c.report_organ}{c.report_year}年度政府信息公开工作年度报告"])


def _w9_chrome(ctx: Ctx) -> tuple[list[str], list[str], list[str]]:
    """The page's furniture: (above the title, between the title and the text, after the text)."""
    rng, y = ctx.rng, ctx.case.report_year
    prev, nxt = _w9_others(ctx, 2)
    top = [rng.choice(["无障碍 长者模式 繁體 English", "无障碍浏览 | 长者模式 | 简 | 繁 | 登录 | 注册",
                       "适老化无障碍服务 关怀模式 设为首页 加入收藏"]),
           rng.choice(["首页 > 政务公开 > 政府信息公开 > 政府信息公开年报", "当前位置：首页 > 政府信息公开 > 年度报告 > 正文",
                       "您当前所在位置：首页 » 政务公开 » 法定主动公开内容 » 政府信息公开工作年度报告"])]
    views = rng.randint(20, 9000)
    info = [rng.choice([f"发布时间：{y + 1}-01-{rng.randint(10, 28)} 来源：本站 浏览次数：{views}",
                        f"发布日期：{y + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)} {rng.randint(8, 18)}:{rng.randint(10, 59)}"
                        f" 信息来源：办公室 点击数：{views}",
                        f"时间：{y + 1}年01月{rng.randint(10, 28)}日 访问量：{views} 次"]),
            rng.choice(["【字体：大 中 小】 打印本页 关闭窗口", "字号：大 中 小 【打印】【关闭】", "【字体：大 中 小】【打印】【收藏】【关闭】"]),
            rng.choice(["分享到：微信 微博 QQ空间", "分享： 微信 微博 QQ", ""])]
    code = rng.randint(10**9, 10**10 - 1)
    bottom = [rng.choice(["【打印本页】【关闭窗口】", "打印本页 关闭窗口", "【我要打印】 【关闭】"]),
              rng.choice([f"上一篇：{_w9_title_of(prev, rng)}", f"上一篇： {_w9_title_of(prev, rng)}"]),
              f"下一篇：{_w9_title_of(nxt, rng)}",
              rng.choice(["相关链接： 中国政府网 省政府网站 国家部委网站", "扫一扫在手机打开当前页"]),
              f"主办单位：{rng.choice(['本站', '办公室'])} 网站标识码：{code} "
              f"{rng.choice(['京', '闽', '苏', '沪'])}ICP备{rng.randint(10**7, 10**8 - 1)}号 "
              f"{rng.choice(['京', '闽', '苏', '沪'])}公网安备 {rng.randint(10**13, 10**14 - 1)}号",
              rng.choice([f"联系电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)} 建议使用1920×1080分辨率",
                          "技术支持：信息中心 网站地图 联系我们"])]
    return top, [x for x in info if x], bottom


def _w9_split_title(ctx: Ctx) -> tuple[str, str]:
    """`ctx.before` as (its title line, the rest)."""
    first, _, rest = ctx.before.partition("\n")
    return first, rest


def _w9_rows(ctx: Ctx, *, headers: bool = True, vertical: str | None = None, sep: str = "  ") -> list[list[str]]:
    """Each table's lines (heading, header words, value rows `labels  n  n`), one list per table;
    `vertical` set, 表三's and 表四's header words printed a character apart (`自 然 人`)."""
    out = []
    for sec, table in ctx.sections:
        lines = [HEADINGS[sec]]
        for row in table:
            labels = [c.text for c in row if c.key is None and c.text]
            nums = [plain(c.value) for c in row if c.key is not None]
            if nums:
                lines.append("".join(labels) + sep + sep.join(nums))
            elif labels and headers:
                if vertical is not None and sec != "二":
                    labels = [vertical.join(x) if len(x) <= 6 else x for x in labels]
                lines.append(" ".join(labels))
        out.append(lines)
    return out


def _w9_form(ctx: Ctx, tables: list[list[str]], top: list[str], info: list[str], bottom: list[str],
             form: str) -> str:
    """The page as `form` prints it: `lines` (each block a line), `flat` (one line) or `html`."""
    title, rest = _w9_split_title(ctx)
    if form == "html":
        def rows_html(lines: list[str]) -> str:
            return "\n".join(f"<p>{html.escape(x)}</p>" for x in lines)
        body = "\n".join(_w9_table_html(ctx, sec, table) for sec, table in ctx.sections)
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}_政府门户网站</title>"
                f"</head><body><div class='top'>{rows_html(top[:1])}</div><div class='crumb'>{rows_html(top[1:])}</div>"
                f"<div class='article'><h1>{html.escape(title)}</h1><div class='info'>{rows_html(info)}</div>\n"
                f"{_paras(rest)}\n{body}\n{_paras(ctx.after)}\n</div><div class='foot'>{rows_html(bottom)}</div>"
                f"</body></html>\n")
    blocks = top + [title] + info + [rest] + ["\n".join(t) + "\n" for t in tables] + [ctx.after] + bottom
    text = "\n".join(blocks)
    if form == "flat":
        return " ".join(x for x in text.split("\n") if x.strip()) + "\n"
    return text


def _w9_table_html(ctx: Ctx, sec: str, table: list[list[Cell]]) -> str:
    out = [f"<p><b>{html.escape(HEADINGS[sec])}</b></p><table border=1 cellspacing=0>"]
    for row in table:
        out.append("<tr>" + "".join(_td(c, html.escape(plain(c.value)) if c.key is not None else html.escape(c.text) or "&nbsp;")
                                    for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _w9_web_chrome(ctx: Ctx) -> tuple[str, str]:
    """A crawled CMS page with its furniture: toolbars, breadcrumb, date / source / view counter,
    font-size, print and share links, 上一篇/下一篇 naming other bodies' reports of other years,
    the footer's site code and filing numbers; as lines, one flattened line, or the HTML page."""
    form = ctx.rng.choice(["lines", "lines", "flat", "flat", "html"])
    ctx.recipe = form  # type: ignore[attr-defined]
    top, info, bottom = _w9_chrome(ctx)
    text = _w9_form(ctx, _w9_rows(ctx), top, info, bottom, form)
    return text, ".html" if form == "html" else ".txt"


def _w9_pager(rng: random.Random, n: int, total: int) -> list[str]:
    return [rng.choice([f"第{n}页 共{total}页 上一页 下一页", f"共{total}页 第{n}页 首页 上一页 下一页 尾页",
                        " ".join(f"[{i}]" for i in range(1, total + 1)) + " 下一页",
                        "上一页 " + " ".join(str(i) for i in range(1, total + 1)) + " 下一页"])]


def _w9_web_paged(ctx: Ctx) -> tuple[str, str]:
    """A paged article as a crawler joins its pages: a table cut between rows by the pager
    (`第1页 共3页 上一页 下一页`, `[1] [2] [3]`), now and then the title and date printed again
    at the top of the next page; lines or one flattened line."""
    rng = ctx.rng
    form = rng.choice(["lines", "lines", "flat"])
    ctx.recipe = form  # type: ignore[attr-defined]
    tables = _w9_rows(ctx)
    total = rng.randint(2, 4)
    cuts = rng.sample(range(3), min(3, total - 1))
    n = 1
    title, _ = _w9_split_title(ctx)
    for i in sorted(cuts):
        lines = tables[i]
        k = rng.randrange(2, len(lines)) if len(lines) > 2 else len(lines)
        again = [title, f"发布时间：{ctx.case.report_year + 1}-01-{rng.randint(10, 28)}"] if rng.random() < 0.5 else []
        lines[k:k] = _w9_pager(rng, n, total) + again
        n += 1
    top, info, bottom = _w9_chrome(ctx)
    text = _w9_form(ctx, tables, [], [], _w9_pager(rng, total, total), form)
    return text, ".txt"


def _w9_web_vertical(ctx: Ctx) -> tuple[str, str]:
    """The whole page one line (a crawler's text), the tables' header cells printed one character
    apart (a narrow HTML cell, one character per line: `自 然 人`), or a character per line, or
    collapsed (`自然人法人或其他组织`)."""
    rng = ctx.rng
    mode = rng.choice(["space", "space", "newline", "collapsed"])
    ctx.recipe = mode  # type: ignore[attr-defined]
    vertical = {"space": " ", "newline": "\n", "collapsed": ""}[mode]
    tables = _w9_rows(ctx, vertical=vertical, sep=rng.choice([" ", "  "]))
    if mode == "newline":
        text = "\n".join(["\n".join(t) for t in tables])
        return page(ctx, text), ".txt"
    body = " ".join(x for t in tables for x in t)
    if mode == "collapsed":
        body = body.replace("申请人情况 ", "申请人情况").replace(" 法人或其他组织", "法人或其他组织")
    return ctx.before.replace("\n", " ") + " " + body + " " + ctx.after.replace("\n", " ") + "\n", ".txt"


def _w9_related_first(ctx: Ctx) -> tuple[str, str]:
    """A 'related reports' list (other years' and other bodies' report titles, with dates) before
    the real title, as a column page's sidebar flattened above the article; lines or one line."""
    rng, c = ctx.rng, ctx.case
    form = rng.choice(["lines", "flat"])
    ctx.recipe = form  # type: ignore[attr-defined]
    related = [f"{c.report_organ}{y}年政府信息公开工作年度报告 {y + 1}-01-{rng.randint(10, 28)}"
               for y in sorted({c.report_year - 1, c.report_year - 2, c.report_year + 1} - {c.report_year}) if y >= 2008]
    related += [_w9_title_of(o, rng) + f" {o.report_year + 1}-02-0{rng.randint(1, 9)}" for o in _w9_others(ctx, 2)]
    rng.shuffle(related)
    head = [rng.choice(["相关报告", "相关信息", "往年报告", "热点推荐"])] + related
    text = _w9_form(ctx, _w9_rows(ctx), head, [], [], form)
    return text, ".txt"


def _w9_strip_titles(ctx: Ctx) -> str:
    """`ctx.before` without its title lines, page numbers and the metadata lines that repeat the
    title or the organ (the first fifteen lines)."""
    lines = ctx.before.split("\n")
    keep = []
    for i, x in enumerate(lines):
        s = x.strip()
        if i < 15 and len(s) < 90 and (re.search(r"年度?报告|年报|工作报告|的函", s) or s.startswith(("标题", "发布机构", "来源"))
                       or s == ctx.case.report_organ or re.fullmatch(r"[-—\s\d]*", s)):
            continue
        keep.append(x)
    return "\n".join(keep)


def _w9_title_forms(ctx: Ctx) -> tuple[str, str]:
    """The title as other bodies write it: `XX局关于2023年度政府信息公开工作年度报告`, the year
    first, `…年政府信息公开工作年报`, `…年度政府信息公开工作报告`, or `政府信息公开工作年度报告
    （2023年度）` with the organ only in the signature at the end; tab tables."""
    rng, c = ctx.rng, ctx.case
    o, y = c.report_organ, c.report_year
    kind = rng.choice(["guanyu", "year-first", "nianbao", "gongzuo", "signature", "signature"])
    ctx.recipe = kind  # type: ignore[attr-defined]
    title = {"guanyu": f"{o}关于{y}年度政府信息公开工作年度报告", "year-first": f"{y}年{o}政府信息公开工作年度报告",
             "nianbao": f"{o}{y}年政府信息公开工作年报", "gongzuo": f"{o}{y}年度政府信息公开工作报告",
             "signature": rng.choice([f"政府信息公开工作年度报告（{y}年度）", f"{y}年度政府信息公开工作年度报告"])}[kind]
    rest = _w9_strip_titles(ctx)
    after = ctx.after.rstrip()
    if kind == "signature":
        # the organ named nowhere else: prose says 本机关, the page's short lines that name it go
        rest = "\n".join(x.replace(o, "本机关") for x in rest.split("\n") if len(x) >= 90 or o not in x)
        after = after.replace(o, "本机关")
        after = re.sub(r"附件下载\s*$", "", after).rstrip()
        after += f"\n\n{o}\n{y + 1}年1月{rng.randint(10, 28)}日\n"
    ctx.before, ctx.after = title + "\n" + rest, after
    return page(ctx, tab_tables(ctx, lambda c: plain(c.value))), ".txt"


def _w9_sidebar_html(ctx: Ctx) -> tuple[str, str]:
    """A CMS page as served: a sidebar list of other reports (this body's other years and other
    bodies) before the article, the page's <title> naming the column, breadcrumb and counters,
    the article's title in <h1> or a <div class=title>, 上一篇/下一篇 links and the footer."""
    rng, c = ctx.rng, ctx.case
    top, info, bottom = _w9_chrome(ctx)
    related = [f"{c.report_organ}{y}年政府信息公开工作年度报告" for y in (c.report_year - 1, c.report_year - 2)]
    related += [_w9_title_of(o, rng) for o in _w9_others(ctx, 2)]
    rng.shuffle(related)
    side = "".join(f"<li><a href='/t{i}.html'>{html.escape(t)}</a><span>{c.report_year}-0{i + 1}-1{i}</span></li>"
                   for i, t in enumerate(related))
    title, rest = _w9_split_title(ctx)
    head_tag = rng.choice(["h1", "div class='title'", "p class='biaoti'"])
    page_title = rng.choice([f"{title}_政府信息公开年报", "政府信息公开年报_政府门户网站", f"{title}"])
    body = "\n".join(_w9_table_html(ctx, sec, table) for sec, table in ctx.sections)
    rows_html = lambda lines: "\n".join(f"<p>{html.escape(x)}</p>" for x in lines)  # noqa: E731
    sidebar = f"<div class='side'><h3>{rng.choice(['相关报告', '年度报告', '往年年报'])}</h3><ul>{side}</ul></div>"
    article = (f"<div class='article'><{head_tag}>{html.escape(title)}</{head_tag.split()[0]}>"
               f"<div class='info'>{rows_html(info)}</div>\n{_paras(rest)}\n{body}\n{_paras(ctx.after)}\n</div>")
    first, second = (sidebar, article) if rng.random() < 0.7 else (article, sidebar)
    ctx.recipe = head_tag.split()[0] + ("+side-first" if first is sidebar else "+side-after")  # type: ignore[attr-defined]
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(page_title)}</title></head><body>"
            f"<div class='top'>{rows_html(top)}</div>{first}{second}<div class='foot'>{rows_html(bottom)}</div>"
            f"</body></html>\n"), ".html"


def _w9_flat_title(ctx: Ctx) -> tuple[str, str]:
    """A crawler's one-line text of a page whose only title is the article's: the site's furniture
    (toolbar, breadcrumb, date and counter, share links) then the title in one of the forms
    bodies use, the crawler's own header lines gone, the body and tables one space apart."""
    rng, c = ctx.rng, ctx.case
    o, y = c.report_organ, c.report_year
    title = rng.choice([f"{o}{y}年政府信息公开工作年度报告", f"{o} {y} 年政府信息公开工作年度报告",
                        f"{o}{y}年度政府信息公开工作年度报告", f"{y}年{o}政府信息公开工作年度报告"])
    ctx.before = title + "\n" + _w9_strip_titles(ctx)
    top, info, _ = _w9_chrome(ctx)
    tables = _w9_rows(ctx, sep=rng.choice([" ", "  "]))
    text = _w9_form(ctx, tables, top, info, [], "flat")
    return text, ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "web-flat-title": _w9_flat_title,
    "web-sidebar-html": _w9_sidebar_html,
    "web-chrome": _w9_web_chrome,
    "web-paged": _w9_web_paged,
    "web-vertical-header": _w9_web_vertical,
    "web-related-first": _w9_related_first,
    "title-forms": _w9_title_forms,
}
