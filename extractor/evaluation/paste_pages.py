"""Families of tables pasted by hand (issue 11's probe, eval/probe_unseen.py): the layouts whose
every cell is still told apart, but not the way the national format prints it.

- `measure_words`: every count with its measure word (`3件`, `1,191个`, `18，390项`), zeros as
  `0件` or a mark, amounts with 万元, in a tab or pipe grid, an HTML table or flattened text;
- `csv_and_lists`: tables pasted as CSV (quoted, thousands quoted), or each row as
  `label：n1、n2、…` (表四 one list per group under its column words);
- `extra_columns`: a 序号 column, a 备注 column, rows the format does not have (行政确认, 其中：网上申请),
  a summary of 表三's totals above 表二;
- `label_variants`: row labels shortened or numbered otherwise (①, 1）, （1）, 一、新收申请数量,
  （七）合计), and label cells holding a line break (Word tables copied as text).

- `text_debris`: text as web pages, editors and text-mode tables leave it: `\r` line ends, NBSP,
  en/em spaces and U+3000 between cells with zero-width spaces and soft hyphens in the labels,
  `│`/`┃` borders with `─`/`━` rules, Markdown pipes escaped (`\\|`), HTML entities left in
  (`&nbsp;`, `&#12288;`, `&ldquo;`), `**95**` in flattened rows, `;` between CSV cells;
- `pdf_text_order`: PDF text layers in another order: each row's numbers before its label, or
  `pdftotext -layout` (right-aligned columns, a long label wrapped over lines with the numbers on
  its middle or last line, 表三's header words wrapped above);
- `ocr_letters`: OCR text with O/o for 0 or l/I for 1 inside some numbers (`4O`, `2O2`): those
  cells are to be doubts (their digits the candidate), never read as the digits beside the
  letter; they are not in the gold's `ambiguous` (a person reads them at once), only in `damage`.

Every page prints each cell apart (a border, a comma, a space), so none leaves a cell undecidable:
their gold has no `ambiguous` list. A print a careful reader could not tell (a list with ASCII
commas that reads as one number with thousands separators, `77,132,470`) is not made.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
import random
from typing import Any

from .. import catalogue
from ._render import LAYOUTS, Style
from ._tables import HEADINGS, Cell, Table, grid
from .family_pages import Draft, Page, _prose, _sections, _title
from .flat_page import one_line


def _plain(v: Any) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def _page(d: Draft, body: str, damage: list[str], suffix: str = ".txt", *, flat: bool = False) -> Page:
    before, after = _prose(d)
    if flat:
        text = f"{_title(d)}\n{one_line(before)} {body} {one_line(after)}\n"
    else:
        text = f"{_title(d)}\n{before}{body}\n{after}"
    return Page(text, suffix, None, damage, input_format=f"{suffix[1:]}-utf-8")


# ------------------------------------------------------------------ measure words


@dataclass
class _CountedStyle(Style):
    """A count with its measure word, thousands with , or ，, a zero as 0, 0件 or a mark."""

    rng: random.Random = field(default_factory=random.Random)
    word: str = "件"
    comma: str = ","
    marks: tuple[str, ...] = ("0", "—", "/", "无")

    def value(self, cell: Cell) -> str:
        v = cell.value
        if isinstance(v, Decimal):
            return _plain(v) + self.rng.choice(["万元", ""])
        if v == 0:
            return self.rng.choice(self.marks + ("0" + self.word,))
        text = f"{v:,}".replace(",", self.comma) if abs(v) >= 1000 else str(v)
        return text + (self.word if self.rng.random() < 0.8 else "")


def measure_words(d: Draft) -> Page:
    rng = d.rng
    layout = rng.choice(["tab", "pipe", "html", "flat"])
    style = _CountedStyle(rng=rng, word=rng.choice(["件", "件", "个", "项"]), comma=rng.choice([",", "，"]),
                          marks=("0", "0") if layout == "flat" else ("0", "—", "/", "无", ""))
    damage = [f"layout:{layout}", f"word:{style.word}", f"comma:{style.comma}"]
    if layout == "flat":  # one line, every cell one space apart
        parts = []
        for sec, table in _sections(d):
            parts.append(HEADINGS[sec])
            for row in table:
                labels = [c.text for c in row if c.key is None and c.text]
                values = [style.value(c) for c in row if c.key is not None]
                parts.append(" ".join(labels + values))
        return _page(d, " ".join(p for p in parts if p), damage, flat=True)
    body = LAYOUTS[layout](_sections(d), style, rng)
    if layout == "html":
        before, after = _prose(d)
        paras = "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in before.splitlines() if x.strip())
        tail = "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in after.splitlines() if x.strip())
        text = (f"<html><head><meta charset=\"utf-8\"><title>{html.escape(_title(d))}</title></head><body>\n"
                f"{paras}\n{body}\n{tail}\n</body></html>\n")
        return Page(text, ".html", None, damage, input_format="html-utf-8")
    return _page(d, body, damage)


# ------------------------------------------------------------------ CSV and lists


def _rows(table: Table, cell) -> list[list[str]]:
    return [["" if c is None else (cell(c) if c.key is not None else c.text) for c in row] for row in grid(table)]


def csv_and_lists(d: Draft) -> Page:
    rng = d.rng
    mode = rng.choice(["csv", "csv-quoted", "list", "list"])
    if mode.startswith("csv"):
        quoted = mode == "csv-quoted"

        def cell(c: Cell) -> str:
            v = c.value
            if isinstance(v, int) and abs(v) >= 1000:
                return f'"{v:,}"'
            return f'"{_plain(v)}"' if quoted else _plain(v)

        out = []
        for sec, table in _sections(d):
            out.append(HEADINGS[sec])
            for texts in _rows(table, cell):
                out.append(",".join(x if x.startswith('"') or not (quoted or "," in x) else f'"{x}"' for x in texts))
            out.append("")
        return _page(d, "\n".join(out), [mode])
    sep = rng.choice(["、", "，", ","])
    colon = rng.choice(["：", ":"])
    heads = rng.random() < 0.5  # 表二's 第二十条 lines kept
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        if sec == "四":
            out.append("（" + "、".join(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) + "）")
            names = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
            for g, name in zip(catalogue.APPEAL_GROUPS, names):
                out.append(name + colon + _list([d.values[f"{g}.{c}"] for c in catalogue.APPEAL_CELLS], sep, rng))
            continue
        for row in table:
            labels = [c.text for c in row if c.key is None and c.text]
            values = [c.value for c in row if c.key is not None]
            if values:
                out.append("".join(labels) + colon + _list(values, sep, rng))
            elif heads and sec == "二" and labels and labels[0].startswith("第二十条"):
                out.append(labels[0])
        out.append("")
    return _page(d, "\n".join(out), [f"list:{sep}", "table2_heads" if heads else "no_table2_heads"])


def _list(values: list[Any], sep: str, rng: random.Random) -> str:
    """A row's cells as a list; with ASCII commas, never one that reads as a number with thousands
    separators (`77,132,470`), and no separator inside a number."""
    if sep == "," and len(values) > 1 and re.fullmatch(r"\d{1,3}(?:,\d{3})+", ",".join(map(_plain, values))):
        sep = "、"
    items = [f"{v:,}" if sep != "," and isinstance(v, int) and abs(v) >= 1000 and rng.random() < 0.5 else _plain(v)
             for v in values]
    return sep.join(items) + rng.choice(["", "。", "；"])


# ------------------------------------------------------------------ extra columns and rows


_REMARKS = ("", "", "", "", "无", "—", "含网上申请", "已办结", "依申请公开")
_EXTRA_T2 = ("行政确认", "行政征收", "行政给付", "行政检查")


def extra_columns(d: Draft) -> Page:
    rng = d.rng
    sep = rng.choice(["\t", " | "])
    serial, remark, summary = rng.random() < 0.7, rng.random() < 0.5, rng.random() < 0.4
    extra_rows = rng.random() < 0.5
    if not (serial or remark or extra_rows):
        serial = True
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        n = 0
        for i, (row, src) in enumerate(zip(_rows(table, lambda c: _plain(c.value)), table)):
            value_row = any(c.key is not None for c in src)
            label = "".join(c.text for c in src if c.key is None)
            lines = [row]
            if extra_rows and sec == "二" and label in ("行政处罚", "行政强制") and rng.random() < 0.6:
                lines.append([rng.choice(_EXTRA_T2), str(rng.randint(0, 300))] + [""] * (len(row) - 2))
            if extra_rows and sec == "三" and label.startswith("一、本年新收"):
                lines.append(["其中：网上申请", "", ""] + [str(rng.randint(0, 9)) for _ in range(len(row) - 3)])
            for j, cells in enumerate(lines):
                extra_value = j > 0
                if serial:
                    if i == 0 and j == 0:
                        cells = ["序号"] + cells
                    elif (value_row and j == 0) or extra_value:
                        n += 1
                        cells = [str(n)] + cells
                    else:
                        cells = [""] + cells
                if remark:
                    cells = cells + (["备注"] if i == 0 and j == 0 else [rng.choice(_REMARKS) if value_row else ""])
                out.append(sep.join(cells))
        out.append("")
    damage = [f"sep:{sep.strip() or 'tab'}"] + [name for name, on in (("serial", serial), ("remark", remark),
                                                                       ("extra_rows", extra_rows), ("summary", summary)) if on]
    page = _page(d, "\n".join(out), damage)
    if summary:  # 表三's totals summed up in the prose above 表二
        v = d.values
        rows = [("本年新收政府信息公开申请", "requests.new.total"), ("上年结转", "requests.carried_over.total"),
                ("予以公开", "requests.granted.total"), ("结转下年度继续办理", "requests.carried_forward.total")]
        summary_text = "依申请公开情况汇总\n" + sep.join(["项目", "数量（件）"]) + "\n" + "\n".join(
            sep.join([name, str(v[k])]) for name, k in rows) + "\n\n"
        at = page.text.index(HEADINGS["二"])
        page.text = page.text[:at] + summary_text + page.text[at:]
    return page


# ------------------------------------------------------------------ label variants


_SHORT = {
    "一、本年新收政府信息公开申请数量": ["一、本年新收申请数", "一、新收申请数量", "1.本年新收政府信息公开申请数量"],
    "二、上年结转政府信息公开申请数量": ["二、上年结转申请数", "二、上年度结转申请数量", "2.上年结转政府信息公开申请数量"],
    "四、结转下年度继续办理": ["四、结转下年度继续办理数量", "四、转下年度继续办理"],
    "（七）总计": ["（七）总 计", "(七)总计", "（七）合计"],
    "规章": ["规章（件）", "政府规章"],
    "行政规范性文件": ["规范性文件", "行政规范性文件（件）"],
    "规范性文件": ["行政规范性文件", "规范性文件（件）"],
    "行政许可": ["行政许可（件）", "行政许可事项"],
    "行政处罚": ["行政处罚（件）", "行政处罚事项"],
    "行政强制": ["行政强制（件）", "行政强制措施"],
}
_CIRCLED = "①②③④⑤⑥⑦⑧"


def label_variants(d: Draft) -> Page:
    rng = d.rng
    numbering = rng.choice(["circled", "paren", "halfparen", "comma"])
    layout = rng.choice(["tab", "tab", "pipe"])
    breaks = layout == "tab" and rng.random() < 0.6  # label cells holding a line break
    # one way per page: Word copies a cell's line break with the row's numbers after its second
    # line; a PDF copy puts them on the first line and the label's tail below (mixed in one
    # table, a row between two cut labels could be either's, which no reader can tell)
    numbers_below = rng.random() < 0.5

    def label(s: str) -> str:
        if s in _SHORT and rng.random() < 0.7:
            return rng.choice(_SHORT[s])
        m = re.match(r"(\d)\.(.+)", s)
        if m:
            k, rest = int(m.group(1)), m.group(2)
            return {"circled": f"{_CIRCLED[k - 1]}{rest}", "paren": f"（{k}）{rest}", "halfparen": f"{k}）{rest}",
                    "comma": f"{k}、{rest}"}[numbering]
        return s

    sep = "\t" if layout == "tab" else " | "
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        g = grid(table)
        for row in g:
            cells = ["" if c is None else (_plain(c.value) if c.key is not None else label(c.text)) for c in row]
            last = max((i for i, c in enumerate(row) if c is not None and c.key is None and c.text), default=-1)
            text = cells[last] if last >= 0 else ""
            if breaks and sec == "三" and any(c is not None and c.key for c in row) and len(text) > 8 \
                    and rng.random() < 0.5:
                cut = rng.randint(3, len(text) - 3)
                if numbers_below:  # the numbers after the label's second line
                    cells[last] = text[:cut] + "\n" + text[cut:]
                    out.append(sep.join(cells))
                else:  # the label's tail alone on the line after the numbers
                    cells[last] = text[:cut]
                    out += [sep.join(cells), text[cut:]]
                continue
            out.append(sep.join(cells))
        out.append("")
    damage = [f"layout:{layout}", f"numbering:{numbering}"] + (
        [f"label_line_breaks:{'numbers_below' if numbers_below else 'numbers_above'}"] if breaks else [])
    return _page(d, "\n".join(out), damage)


# ------------------------------------------------------------------ text debris


def _value_lines(d: Draft, row: Any, *, heads: bool = True) -> list[str]:
    """Each table's heading, its 表二/表四 header lines (`heads`), and one line per value row
    made by `row(labels, numbers)`."""
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [_plain(c.value) for c in r if c.key is not None]
            if nums:
                out.append(row(labels, nums))
            elif heads and sec != "三" and labels:
                out.append(" ".join(labels))
        out.append("")
    return out


_ZERO_WIDTH = ("\u200b", "\u00ad", "\ufeff", "\u200b")
_WIDE_SPACES = ("\u00a0", "\u2002", "\u2003", "\u3000", "\u00a0\u00a0", "\u2003\u2003")
_ENTITIES = ("&nbsp;", "&#12288;", "&nbsp;&nbsp;", "&#160;", "&emsp;")
_BOXES = (("│", "─"), ("┃", "━"), ("｜", "─"))


def text_debris(d: Draft) -> Page:
    rng = d.rng
    mode = rng.choice(["cr", "odd-spaces", "box", "escaped-pipes", "entities", "bold", "semicolons"])
    damage = [mode]
    if mode in ("box", "escaped-pipes", "semicolons", "cr"):
        bar, rule = rng.choice(_BOXES)
        sep = {"box": bar, "escaped-pipes": " \\| ", "semicolons": ";", "cr": rng.choice(["\t", " \t", "\t "])}[mode]
        out = []
        for sec, table in _sections(d):
            out.append(HEADINGS[sec])
            if mode == "box":
                out.append(rule * 40)
            for texts in _rows(table, lambda c: _plain(c.value)):
                line = sep.join(f" {x} " if mode == "box" and x else x for x in texts)
                out.append({"box": bar + line + bar, "escaped-pipes": "\\| " + line + " \\|"}.get(mode, line))
                if mode == "box" and rng.random() < 0.5:
                    out.append(rule * 40)
            out.append("")
        page = _page(d, "\n".join(out), damage)
        if mode == "cr":
            page.text = page.text.replace("\n", "\r")  # an old Mac file: \r alone ends a line
        return page
    if mode == "odd-spaces":
        def junk(s: str) -> str:
            return "".join(ch + (rng.choice(_ZERO_WIDTH) if rng.random() < 0.08 else "") for ch in s)

        def row(labels: list[str], nums: list[str]) -> str:
            sep = rng.choice(_WIDE_SPACES)
            return junk("".join(labels)) + sep + sep.join(nums)
    elif mode == "entities":
        ent = rng.choice(_ENTITIES)
        damage.append(ent)

        def row(labels: list[str], nums: list[str]) -> str:
            label = "".join(labels).replace("“", "&ldquo;").replace("”", "&rdquo;")
            return label + ent + ent.join(nums)
    else:  # bold: Markdown paragraphs, some numbers emphasised
        def row(labels: list[str], nums: list[str]) -> str:
            return "".join(labels) + " " + " ".join(f"**{n}**" if rng.random() < 0.4 else n for n in nums) + "\n"
    return _page(d, "\n".join(_value_lines(d, row)), damage)


# ------------------------------------------------------------------ PDF text in another order


_T3_WRAPPED_HEADER = (
    "                                         申请人情况",
    "                              自然人      法人或其他组织                              总计",
    "                                   商业    科研    社会公    法律服    其他",
    "                                   企业    机构    益组织    务机构",
)


def pdf_text_order(d: Draft) -> Page:
    rng = d.rng
    mode = rng.choice(["numbers-first", "wrapped", "wrapped"])
    if mode == "numbers-first":
        sep = rng.choice([" ", "  "])
        lines = _value_lines(d, lambda labels, nums: sep.join(nums) + "  " + "".join(labels))
        return _page(d, "\n".join(lines), [mode, f"sep:{len(sep)}"])
    wrap = rng.choice([8, 10, 12])
    where = rng.choice(["middle", "last"])
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        if sec == "三":
            out.extend(_T3_WRAPPED_HEADER)
        width = 2 + max(len(_plain(c.value)) for r in table for c in r if c.key is not None)
        width = max(width, rng.choice([8, 10]))
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [_plain(c.value) for c in r if c.key is not None]
            if not nums:
                if sec != "三":
                    out.append(" ".join(labels))
                continue
            label = labels[-1] if labels else ""
            chunks = [label[i:i + wrap] for i in range(0, len(label), wrap)] or [""]
            at = (len(chunks) - 1) // 2 if where == "middle" else len(chunks) - 1
            for i, chunk in enumerate(chunks):
                line = "  " + chunk
                if i == at:
                    line += " " * max(2, 30 - _display(line)) + "".join(n.rjust(width) for n in nums)
                out.append(line.rstrip())
        out.append("")
    return _page(d, "\n".join(out), [mode, f"wrap:{wrap}", f"numbers:{where}"])


# ------------------------------------------------------------------ OCR letters in numbers


_OCR_LETTER = {"0": ("O", "o"), "1": ("l", "I")}


def ocr_letters(d: Draft) -> Page:
    """OCR text, numbers two spaces apart, some numbers with a letter for a digit inside or at
    their end (`4O`, `2O2`, `1l`): a person reads the digit, the reader must leave the cell a
    doubt (never the digits beside the letter). Which cells carry one is in `damage`."""
    rng = d.rng
    marked: list[str] = []

    def num(c: Cell) -> str:
        text = _plain(c.value)
        spots = [i for i in range(1, len(text)) if text[i] in _OCR_LETTER]
        if text.isdigit() and spots and rng.random() < 0.3:
            i = rng.choice(spots)
            marked.append(f"{c.key}={text[:i]}{text[i]}→{_OCR_LETTER[text[i]][0]}")
            return text[:i] + rng.choice(_OCR_LETTER[text[i]]) + text[i + 1:]
        return text

    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [num(c) for c in r if c.key is not None]
            if nums:
                out.append("".join(labels) + "  " + "  ".join(nums))
            elif sec != "三" and labels:
                out.append(" ".join(labels))
        out.append("")
    return _page(d, "\n".join(out), ["ocr_letters"] + marked)


def _display(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


__all__ = ["csv_and_lists", "extra_columns", "label_variants", "measure_words", "ocr_letters", "pdf_text_order",
           "text_debris"]
