"""The compound family (round 5): bordered tables with two to four quirks stacked, the way real
pages stack them, drawn per report from what round 5's probe (`eval/probe_unseen.py --family
combo-text|combo-web|label-typos`) found the reader failing on:

- `typos`: a few row labels damaged as typing and OCR damage them: a character replaced by a
  homophone or look-alike (予与公开, 部份公开, 本机关不掌捱…), dropped, doubled, or two neighbours
  swapped; never a label shorter than five characters, never the enumerator;
- `renumber`: the labels' enumerators in another style (1., 1、, (1), ①), （七）总计 too (7.总计, ⑦总计);
- `new-mistyped`: 表三's first label with 本年新收 mistyped (本午新收, 本年新牧, 本年新政收…);
- `ocr-counted`: counts with their measure word, a few with an OCR letter for a digit before it
  (`1O个`): a doubt, its digits the candidate (in `damage`, not `ambiguous`, as `ocr_letters`);
- `remarks`: a 备注 column whose cells are mostly marks a table prints for 0 (无, —);
- `page-number`: 表三 cut by a page break: the page's number on a line of its own, then the
  running header (tab, pipe and Markdown pages; HTML pages get the site's furniture instead).

Every cell is printed apart (a tab, a pipe, an HTML cell), so no cell is left undecidable: the
gold has no `ambiguous` list.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ._tables import HEADINGS, Cell, grid
from .family_pages import Draft, Page, _prose, _sections, _title
from .paste_pages import _plain

QUIRKS = ("typos", "renumber", "new-mistyped", "ocr-counted", "remarks", "page-number")

#: one character as typing or OCR gets it wrong: a homophone or a look-alike
_TYPO = {
    "予": "与于", "以": "已", "分": "份", "开": "幵", "政": "正", "复": "夏", "议": "义", "申": "由",
    "请": "清", "处": "外", "理": "埋", "结": "节", "转": "专", "掌": "撑", "握": "捱", "息": "思",
    "密": "蜜", "秘": "泌", "益": "溢", "查": "杳", "询": "洵", "访": "仿", "投": "没", "诉": "拆",
    "确": "碓", "获": "荻", "执": "热", "案": "桉", "卷": "券", "补": "朴", "明": "眀", "续": "读",
    "度": "渡", "机": "几", "可": "叮", "罚": "罸", "费": "废",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
_CN = "一二三四五六七八九"
_ENUM = re.compile(r"^(?:[（(]([一二三四五六七八九])[）)]|([一二三四五六七八九])、|(\d)[.．])")
_NEW_TYPOS = ("本午新收", "本年新牧", "本年新政收", "本年薪收", "本年新收收")
_MEASURE = ("件", "个", "项")


def _typo(d: Draft, s: str) -> str:
    """One typing or OCR error in a label's text after its enumerator (the last character kept)."""
    rng = d.rng
    m = _ENUM.match(s)
    start = m.end() if m else 0
    body = list(range(start, len(s) - 1))
    if len(s) - start < 5:
        return s
    kind = rng.choice(["sub", "sub", "sub", "drop", "double", "swap"])
    subs = [i for i in body if s[i] in _TYPO]
    if kind == "sub" and subs:
        i = rng.choice(subs)
        return s[:i] + rng.choice(_TYPO[s[i]]) + s[i + 1:]
    i = rng.choice(body[1:-1] or body)
    if kind in ("sub", "drop"):
        return s[:i] + s[i + 1:]
    if kind == "double":
        return s[:i + 1] + s[i] + s[i + 1:]
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def _renumber(style: str, s: str) -> str:
    """The label's enumerator (（一）, 一、, 1.) in `style`, the same number."""
    m = _ENUM.match(s)
    if m is None:
        return s
    cn = m.group(1) or m.group(2)
    k = _CN.index(cn) + 1 if cn else int(m.group(3))
    new = {"dot": f"{k}.", "dun": f"{k}、", "paren": f"({k})", "circled": _CIRCLED[k - 1]}[style]
    return new + s[m.end():]


class _Print:
    """The quirks of one report and the label and value printers they make."""

    def __init__(self, d: Draft, form: str):
        rng = self.rng = d.rng
        self.d, self.form = d, form
        self.quirks = sorted(rng.sample(QUIRKS, rng.randint(2, 4)))
        self.style = rng.choice(["dot", "dun", "paren", "circled"])
        self.word = rng.choice(_MEASURE)
        self.marked: list[str] = []
        self.typos: list[str] = []
        self.typo_rate = rng.choice([0.1, 0.2])

    def label(self, s: str) -> str:
        if "new-mistyped" in self.quirks and "本年新收" in s:
            s = s.replace("本年新收", self.rng.choice(_NEW_TYPOS))
        elif "typos" in self.quirks and self.rng.random() < self.typo_rate:
            t = _typo(self.d, s)
            if t != s:
                self.typos.append(f"{s}→{t}")
            s = t
        if "renumber" in self.quirks:
            s = _renumber(self.style, s)
        return s

    def value(self, c: Cell) -> str:
        text = _plain(c.value)
        if "ocr-counted" not in self.quirks or isinstance(c.value, Decimal):
            return text
        spots = [i for i in range(1, len(text)) if text[i] in "01"]
        if text.isdigit() and spots and self.rng.random() < 0.3:
            i = self.rng.choice(spots)
            self.marked.append(f"{c.key}={text}")
            text = text[:i] + self.rng.choice({"0": "Oo", "1": "lI"}[text[i]]) + text[i + 1:]
        return text + (self.word if self.rng.random() < 0.7 else "")

    def damage(self) -> list[str]:
        out = [f"layout:{self.form}"] + [f"quirk:{q}" for q in self.quirks]
        if "renumber" in self.quirks:
            out.append(f"numbering:{self.style}")
        return out + [f"typo:{t}" for t in self.typos] + (["ocr_letters"] + self.marked if self.marked else [])


def _text_tables(p: _Print) -> str:
    sep = {"tab": "\t", "pipe": " | ", "md": " | "}[p.form]
    rng = p.rng
    out: list[str] = []
    for sec, table in _sections(p.d):
        out.append(HEADINGS[sec])
        g = grid(table)
        heads = next((i for i, r in enumerate(table) if any(c.key for c in r)), 0)
        lines = []
        for i, (row, src) in enumerate(zip(g, table)):
            cells = ["" if c is None else (p.value(c) if c.key is not None else (p.label(c.text) if c.text else ""))
                     for c in row]
            if "remarks" in p.quirks:
                cells.append("备注" if i == 0 else rng.choice(["", "无", "—", "无"]) if i >= heads else "")
            lines.append(("| " + sep.join(cells) + " |") if p.form == "md" else sep.join(cells))
        if p.form == "md":
            lines.insert(1, "|" + "---|" * len(g[0] + (["备注"] if "remarks" in p.quirks else [])))
        if sec == "三" and "page-number" in p.quirks:
            cut = rng.randrange(len(lines) // 3, 2 * len(lines) // 3)
            lines[cut:cut] = [str(rng.randint(2, 9)), rng.choice([_title(p.d), p.d.organ])]
        out += lines + [""]
    return "\n".join(out)


def _html_tables(p: _Print) -> str:
    rng = p.rng
    out = []
    for sec, table in _sections(p.d):
        out.append(f"<p><b>{html.escape(HEADINGS[sec])}</b></p><table border=1 cellspacing=0>")
        heads = next((i for i, r in enumerate(table) if any(c.key for c in r)), 1)
        for i, row in enumerate(table):
            tds = []
            for c in row:
                text = html.escape(p.value(c) if c.key is not None else p.label(c.text))
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                tds.append(f"<td{attrs}>{text or '&nbsp;'}</td>")
            if "remarks" in p.quirks:
                if i == 0:
                    tds.append(f'<td rowspan="{heads}">备注</td>' if heads > 1 else "<td>备注</td>")
                elif i >= heads:
                    tds.append(f"<td>{rng.choice(['&nbsp;', '无', '—', '无'])}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    return "\n".join(out)


def compound_labels(d: Draft) -> Page:
    """Tab, pipe, Markdown or HTML tables with two to four of `QUIRKS` stacked."""
    form = d.rng.choice(["tab", "pipe", "md", "html"])
    p = _Print(d, form)
    before, after = _prose(d)
    if form == "html":
        paras = lambda t: "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in t.splitlines() if x.strip())  # noqa: E731
        furniture = ("<div>首页 &gt; 政务公开 &gt; 政府信息公开年报</div><div>【打印本页】【关闭窗口】</div>"
                     if "page-number" in p.quirks else "")
        text = (f"<html><head><meta charset='utf-8'><title>{html.escape(_title(d))}</title></head><body>\n{furniture}"
                f"<h1>{html.escape(_title(d))}</h1>\n{paras(before)}\n{_html_tables(p)}\n{paras(after)}\n</body></html>\n")
        return Page(text, ".html", None, p.damage(), input_format="html-utf-8")
    body = _text_tables(p)
    suffix = ".md" if form == "md" else ".txt"
    return Page(f"{_title(d)}\n{before}{body}\n{after}", suffix, None, p.damage(), input_format=f"{suffix[1:]}-utf-8")
