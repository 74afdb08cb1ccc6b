"""Round 5: compound layouts and damaged labels.

Real pages stack several quirks at once; each family above applies one. The combo families draw
2–4 compatible quirks per report (seeded by family and report) and print the tables with all of
them: a base form (tab, pipe, Markdown, spaced rows, one flattened line, or an HTML table), then
quirks of the labels (synonyms, typos, other enumerators, spaces), of the cells (measure words,
thousands separators, marks for 0, full-width digits, OCR look-alikes), page furniture (a page
break with its number and running header, captions, unit lines and notes) and columns (序号,
备注, a spacer). Nothing here changes what an older family prints.
"""

from __future__ import annotations

import html
import random
import re
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, grid

from ._common import Ctx, WIDE, is_value_row, page, plain
from .pastes2 import _CIRCLED, _SYNONYMS_2021
from .files3 import _td
from .text3 import _CAPTIONS, _OCR_LETTERS


#: one character as typing or OCR gets it wrong: a homophone or a look-alike
_TYPO_CHARS = {
    "予": "与于", "以": "已与", "分": "份", "开": "幵", "公": "功", "政": "正", "复": "夏", "议": "义",
    "申": "由", "请": "清", "处": "外", "理": "埋", "结": "节", "转": "专", "掌": "撑", "握": "捱",
    "息": "思", "信": "倍", "密": "蜜", "秘": "泌", "益": "溢", "查": "杳", "询": "洵", "访": "仿",
    "投": "没", "诉": "拆", "确": "碓", "获": "荻", "规": "现", "章": "童", "许": "浒",
    "罚": "罸", "强": "弓虽", "制": "製", "收": "牧", "费": "废", "采": "釆", "购": "构", "执": "热",
    "案": "桉", "卷": "券", "补": "朴", "正": "止", "明": "眀", "办": "力", "继": "断", "续": "读",
    "年": "午", "新": "薪", "度": "渡", "本": "木", "机": "几",
}
_ENUMS = {  # an enumerator as other reports print it
    "paren": lambda n, k: f"（{n}）", "half": lambda n, k: f"({n})", "dun": lambda n, k: f"{n}、",
    "dot": lambda n, k: f"{k}.", "dotdun": lambda n, k: f"{k}、", "circled": lambda n, k: _CIRCLED[k - 1],
}
_CN_NUM = "一二三四五六七八九"
_PARENTHETICALS = {  # label → the label with a parenthetical added (or, read backwards, dropped)
    "（二）部分公开": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "行政事业性收费": "行政事业性收费（万元）",
    "规章": "规章（件）",
    "3.危及“三安全一稳定”": "3.危及三安全一稳定",
    "本年收费金额（万元）": "本年收费金额",
    "4.无正当理由大量反复申请": "4.无正当理由大量反复申请（件）",
    "（六）其他处理": "（六）其他处理（件）",
}


_ENUM_AT_START = re.compile(r"^(?:[（(][一二三四五六七八九\d][）)]|[一二三四五六七八九]、|\d[.．、）)]|[①-⑧])?")


def _typo(rng: random.Random, s: str) -> str:
    """One typing or OCR error in a label: a character replaced by a homophone or look-alike,
    dropped, doubled, or two neighbours swapped; the enumerator and the last character kept."""
    start = _ENUM_AT_START.match(s).end()  # type: ignore[union-attr]
    body = range(start, len(s) - 1)
    if len(body) < 3:
        return s
    kind = rng.choice(["sub", "sub", "sub", "drop", "double", "swap"])
    subs = [i for i in body if s[i] in _TYPO_CHARS]
    if kind == "sub" and subs:
        i = rng.choice(subs)
        return s[:i] + rng.choice(_TYPO_CHARS[s[i]]) + s[i + 1:]
    i = rng.choice(list(body)[:-1] or list(body))
    if kind == "drop" or kind == "sub":
        return s[:i] + s[i + 1:]
    if kind == "double":
        return s[:i + 1] + s[i] + s[i + 1:]
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def _renumber(style: str, s: str) -> str:
    """The label's enumerator (（一）, 一、, 1.) printed in another style (same number)."""
    m = re.match(r"^[（(]([一二三四五六七八九])[）)]", s) or re.match(r"^([一二三四五六七八九])、", s)
    if m:
        n = m.group(1)
        return _ENUMS[style](n, _CN_NUM.index(n) + 1) + s[m.end():]
    m = re.match(r"^(\d)[.．]", s)
    if m:
        k = int(m.group(1))
        sub = {"paren": f"（{k}）", "half": f"({k})", "dun": f"{k}、", "dot": f"{k}.", "dotdun": f"{k}）",
               "circled": _CIRCLED[k - 1]}
        return sub[style] + s[m.end():]
    return s


class _Combo:
    """The quirks drawn for one report, and the label and cell printers they make."""

    LABEL = ("synonyms", "typos", "renumber", "label-spaces", "parenthetical", "fullwidth-labels")
    CELL = ("units", "thousands", "zero-marks", "fullwidth-digits", "ocr-letters")
    PAGE = ("page-break", "captions", "notes", "table2-reordered", "extra-column")

    def __init__(self, ctx: Ctx, form: str, pool: tuple[str, ...], k: tuple[int, int]):
        rng = self.rng = ctx.rng
        self.ctx, self.form = ctx, form
        self.quirks = sorted(rng.sample(pool, rng.randint(*k)))
        self.word = rng.choice(["件", "个", "项"])
        self.comma = rng.choice([",", "，"]) if form not in ("flat", "spaced") else ","
        self.marks = rng.sample(["—", "-", "/", "无", "／", "——", "－"], 2) + ([""] if form in ("tab", "pipe", "md", "html") else [])
        self.enum = rng.choice(list(_ENUMS))
        self.typo_rate = rng.choice([0.15, 0.3])
        self.caption = rng.randrange(4)
        ctx.recipe = f"{form}+" + "+".join(self.quirks)  # type: ignore[attr-defined]

    def has(self, q: str) -> bool:
        return q in self.quirks

    def label(self, s: str) -> str:
        rng = self.rng
        if self.has("synonyms") and s in _SYNONYMS_2021 and rng.random() < 0.6:
            s = rng.choice(_SYNONYMS_2021[s])
        if self.has("parenthetical") and s in _PARENTHETICALS and rng.random() < 0.7:
            s = _PARENTHETICALS[s]
        if self.has("renumber"):
            s = _renumber(self.enum, s)
        if self.has("typos") and len(s) >= 5 and rng.random() < self.typo_rate:
            s = _typo(rng, s)
        if self.has("label-spaces") and len(s) > 4 and rng.random() < 0.3:
            i = rng.randrange(2, len(s) - 1)  # (a space inside the label, not inside its enumerator)
            i = max(i, _ENUM_AT_START.match(s).end() + 1)  # type: ignore[union-attr]
            s = s[:i] + rng.choice([" ", "  ", "\u3000"]) + s[i:] if i < len(s) else s
        if self.has("fullwidth-labels"):
            s = re.sub(r"^(\d)\.", lambda m: m.group(1).translate(WIDE) + "．", s)
        return s

    def cell(self, c: Cell) -> str:
        rng, v = self.rng, c.value
        if isinstance(v, Decimal):
            t = plain(v) + ("万元" if self.has("units") and rng.random() < 0.5 else "")
            return t.translate(WIDE) if self.has("fullwidth-digits") else t
        if v == 0 and self.has("zero-marks") and rng.random() < 0.6:
            return rng.choice(self.marks)
        t = f"{v:,}".replace(",", self.comma) if self.has("thousands") and v >= 1000 else str(v)
        if self.has("ocr-letters") and len(t) >= 2 and rng.random() < 0.2:
            i = rng.randrange(1, len(t))
            if t[i] in _OCR_LETTERS:
                t = t[:i] + rng.choice(_OCR_LETTERS[t[i]]) + t[i + 1:]
        if self.has("units") and rng.random() < 0.7:
            t += self.word
        return t.translate(WIDE) if self.has("fullwidth-digits") else t

    def heading(self, sec: str) -> str:
        return _CAPTIONS[sec][self.caption] if self.has("captions") else HEADINGS[sec]

    def furniture(self) -> list[str]:
        """What a page break leaves in the text: the page's number, then the running header."""
        n = self.rng.randint(2, 8)
        out = [self.rng.choice([f"- {n} -", f"第{n}页 共{n + 3}页", f"—{n}—", str(n)])]
        if self.rng.random() < 0.7:
            out.append(self.rng.choice([self.ctx.title, self.ctx.case.report_organ]))
        return out

    def note(self) -> list[str]:
        y = self.ctx.case.report_year
        return [self.rng.choice([f"注：本表统计时间为{y}年1月1日至{y}年12月31日。",
                                 f"注：1.数据来源于本机关{y}年度政务公开台账；2.本表中“0”表示无。",
                                 "单位：件"])]


def _combo_grid_rows(cb: _Combo, sec: str, table: list[list[Cell]]) -> list[list[str]]:
    """A table's grid (header rows too) with the combo's labels and cells, and its extra column."""
    g = grid(table)
    rows = []
    serial = cb.rng.random() < 0.5
    n = 0
    for i, (row, src) in enumerate(zip(g, table)):
        cells = ["" if c is None else (cb.cell(c) if c.key is not None else (cb.label(c.text) if c.text else ""))
                 for c in row]
        if cb.has("extra-column"):
            if serial:
                n += is_value_row(src)
                cells = [("序号" if i == 0 else "") if not is_value_row(src) else str(n)] + cells
            else:  # the 备注 header on the first row (spanning the header rows), remarks on value rows
                cells = cells + (["备注"] if i == 0 else [cb.rng.choice(["", "", "无", "—", "已办结"])]
                                 if is_value_row(src) else [""])
        rows.append(cells)
    return rows


def _combo_text(cb: _Combo) -> str:
    """The tables in the combo's text form, with its page furniture."""
    ctx, form = cb.ctx, cb.form
    out: list[str] = []
    for sec, table in ctx.sections:
        out.append(cb.heading(sec))
        if form in ("tab", "pipe", "md"):
            rows = _combo_grid_rows(cb, sec, table)
            sep = {"tab": "\t", "pipe": " | ", "md": " | "}[form]
            lines = [("| " + sep.join(r) + " |") if form == "md" else sep.join(r) for r in rows]
            if form == "md":
                lines.insert(1, "|" + "---|" * len(rows[0]))
        else:
            sep = "  " if form == "spaced" else " "
            items = [([cb.label(c.text) for c in r if c.key is None and c.text], [cb.cell(c) for c in r if c.key is not None])
                     for r in table]
            heads = [" ".join(l) for l, n in items if not n and (sec == "二" or (sec == "四" and l))]
            items = [(l, n) for l, n in items if n]
            if sec == "二" and cb.has("table2-reordered"):
                cb.rng.shuffle(items)
                heads = []
            lines = heads + ["".join(l) + sep + sep.join(n) for l, n in items]
        if sec == "三" and cb.has("page-break") and form != "flat":
            cut = cb.rng.randrange(len(lines) // 3, 2 * len(lines) // 3)
            lines[cut:cut] = cb.furniture()
        out += lines
        if cb.has("notes"):
            out += cb.note()
        out.append("")
    if form == "flat":
        return " ".join(x for x in out if x)
    return "\n".join(out)


def _combo_html(cb: _Combo) -> str:
    """The tables as HTML (rowspan/colspan), with the combo's labels, cells and columns."""
    ctx, rng = cb.ctx, cb.rng
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p><b>{html.escape(cb.heading(sec))}</b></p>")
        if cb.has("notes"):
            out.append(f"<p style='text-align:right'>{rng.choice(['单位：件', '（单位：件）'])}</p>")
        out.append("<table border=1 cellspacing=0>")
        serial = rng.random() < 0.5
        n = 0
        for i, row in enumerate(table):
            tds = []
            for c in row:
                text = cb.cell(c) if c.key is not None else cb.label(c.text)
                text = html.escape(text)
                if c.key is None and len(text) > 6 and cb.has("label-spaces") and rng.random() < 0.2:
                    k = rng.randrange(2, len(text) - 1)
                    text = text[:k] + "<br>" + text[k:]
                tds.append(_td(c, text or "&nbsp;"))
            if cb.has("extra-column"):
                if serial:
                    n += is_value_row(row)
                    tds.insert(0, f"<td>{n if is_value_row(row) else ('序号' if i == 0 else '&nbsp;')}</td>")
                elif i == 0:  # the 备注 header spans the header rows
                    heads = next((k for k, r in enumerate(table) if is_value_row(r)), 1)
                    tds.append(f"<td rowspan=\"{heads}\">备注</td>" if heads > 1 else "<td>备注</td>")
                elif is_value_row(row):
                    tds.append(f"<td>{rng.choice(['&nbsp;', '无', '—'])}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
        if cb.has("notes"):
            out.append(f"<p>{html.escape(cb.note()[0])}</p>")
    return cms_page(ctx, out, cb.has("page-break"))


def cms_page(ctx: Ctx, tables_html: list[str], furniture: bool) -> str:
    """A CMS article page: the prose and the tables' HTML inside `<div class='article'>`; with
    `furniture`, the site's breadcrumb, date and counter before it and print/close links after."""
    paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
    head = tail = ""
    if furniture:
        rng = ctx.rng
        head = (f"<div class='crumb'>首页 &gt; 政务公开 &gt; 政府信息公开年报</div><div class='info'>发布时间："
                f"{ctx.case.report_year + 1}-01-{rng.randint(10, 28)} 浏览次数：{rng.randint(20, 3000)}</div>")
        tail = "<div class='tools'>【打印本页】【关闭窗口】</div>"
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(ctx.title)}</title></head><body>\n{head}"
            f"<div class='article'>{paras(ctx.before)}\n" + "\n".join(tables_html) + f"\n{paras(ctx.after)}\n</div>{tail}</body></html>\n")


def combo_text(ctx: Ctx) -> tuple[str, str]:
    """Text and Markdown pages with 2–4 quirks stacked: a base form (tab, pipe, Markdown, spaced
    rows, one flattened line) and quirks of the labels, cells, page and columns drawn per report."""
    rng = ctx.rng
    form = rng.choice(["tab", "pipe", "md", "spaced", "spaced", "flat", "flat"])
    pool = _Combo.LABEL + _Combo.CELL + ("page-break", "captions", "notes")
    pool += ("table2-reordered",) if form in ("spaced", "flat") else ("extra-column",)
    cb = _Combo(ctx, form, pool, (2, 4))
    body = _combo_text(cb)
    if form == "flat":
        return ctx.before.replace("\n", " ") + " " + body + " " + ctx.after.replace("\n", " ") + "\n", ".txt"
    return page(ctx, body), ".md" if form == "md" else ".txt"


def combo_web(ctx: Ctx) -> tuple[str, str]:
    """CMS pages (HTML tables with spans) with 2–4 quirks stacked: labels, cells, columns, unit
    lines and notes, the site's furniture around the article."""
    pool = _Combo.LABEL + _Combo.CELL + ("page-break", "captions", "notes", "extra-column")
    cb = _Combo(ctx, "html", pool, (2, 4))
    return _combo_html(cb), ".html"


def label_typos(ctx: Ctx) -> tuple[str, str]:
    """Row labels damaged as typing and OCR damage them: a homophone or look-alike, a character
    dropped, doubled or swapped, other enumerators, spaces inside, a parenthetical added or
    dropped; tab, pipe or spaced rows, the numbers clean."""
    rng = ctx.rng
    form = rng.choice(["tab", "pipe", "spaced"])
    cb = _Combo(ctx, form, ("typos", "typos", "renumber", "label-spaces", "parenthetical"), (2, 3))
    if "typos" not in cb.quirks:
        cb.quirks.append("typos")
    cb.typo_rate = rng.choice([0.2, 0.35])
    ctx.recipe = f"{form}+" + "+".join(cb.quirks)  # type: ignore[attr-defined]
    return page(ctx, _combo_text(cb)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "combo-text": combo_text,
    "combo-text-b": combo_text,  # the same recipe, drawn again (the family's name seeds it)
    "combo-web": combo_web,
    "combo-web-b": combo_web,
    "label-typos": label_typos,
}
