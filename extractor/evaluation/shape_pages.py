"""A family of table shapes from issue 11's fifth probe round (eval/probe_unseen.py): the tables
printed whole but in another shape than the upright grid the other families print:

- `split-columns`: 表三 wider than the page, printed in two or three vertical slices one after
  the other (the labels with 自然人…社会公益组织, then 法律服务机构, 其他, 总计), each under its own
  column header (later ones after `续表`), their rows led by the labels again, a 行次 number, or
  nothing;
- `grid-table`: every table a pandoc/Emacs grid table (`+----+`, `|`, `=` under the header), long
  labels and header words wrapped inside their cells, spanned cells drawn across what they span;
- `html-in-markdown`: Markdown from a model-based PDF converter (MinerU, olmOCR, Marker) with the
  tables as embedded HTML (rowspan/colspan, `<br>` inside long cells);
- `docling-markdown`: docling's pipe tables, a merged cell's text repeated into every column and
  row it spans;
- `transposed`: 表三 on its side, the applicant types as rows and the outcome rows as columns.

Every page prints each cell apart, so none leaves a cell undecidable: no `ambiguous` list.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Any, Callable

from ._tables import APPLICANTS, HEADINGS, Cell, Table, grid
from .family_pages import Draft, Page, _prose, _sections, _title
from .paste_pages import _plain

MODES = ("split-columns", "grid-table", "html-in-markdown", "docling-markdown", "transposed")


def table_shapes(d: Draft) -> Page:
    mode = MODES[d.index % len(MODES)]  # each shape in turn: both formats of each within 28 reports
    return {"split-columns": _split_columns, "grid-table": _grid_page, "html-in-markdown": _html_page,
            "docling-markdown": _docling_page, "transposed": _transposed}[mode](d)


def _cell(c: Cell) -> str:
    return _plain(c.value) if c.key is not None else c.text


def _rows(table: Table) -> list[tuple[list[str], list[str]]]:
    """The table's value rows: (label parts, printed numbers)."""
    out = []
    for r in table:
        nums = [_plain(c.value) for c in r if c.key is not None]
        if nums:
            out.append(([c.text for c in r if c.key is None and c.text], nums))
    return out


def _other_rows(table: Table, sep: str) -> list[str]:
    """表二 or 表四 as spaced rows (their labels, then their numbers; header lines as words)."""
    out = []
    for r in table:
        labels = [c.text for c in r if c.key is None and c.text]
        nums = [_plain(c.value) for c in r if c.key is not None]
        out.append(" ".join(labels) + (sep + sep.join(nums) if nums else ""))
    return out


def _text_page(d: Draft, body: str, damage: list[str], suffix: str = ".txt") -> Page:
    before, after = _prose(d)
    return Page(f"{_title(d)}\n{before}{body}\n{after}", suffix, None, damage,
                input_format="md-utf-8" if suffix == ".md" else "txt-utf-8")


def _split_columns(d: Draft) -> Page:
    rng = d.rng
    sep = rng.choice(["\t", "  ", " "])
    cuts = rng.choice([[0, 4, 7], [0, 4, 7], [0, 3, 5, 7], [0, 5, 7]])
    lead = rng.choice(["labels", "numbers", "none"])
    caption = rng.choice(["", "续表", "（续表）", "表三（续）"])
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        if sec != "三":
            out += _other_rows(table, sep) + [""]
            continue
        rows = _rows(table)
        for k in range(len(cuts) - 1):
            a, b = cuts[k], cuts[k + 1]
            if k and caption:
                out.append(caption)
            labelled = k == 0 or lead == "labels"
            out.append(sep.join((["行次"] if lead == "numbers" else []) + ([""] if labelled else [])
                                + list(APPLICANTS[a:b])).strip(" "))
            for i, (labels, nums) in enumerate(rows, 1):
                cells = ([str(i)] if lead == "numbers" else []) + (["".join(labels)] if labelled else [])
                out.append(sep.join(cells + nums[a:b]))
            out.append("")
    return _text_page(d, "\n".join(out), ["split-columns", f"{len(cuts) - 1}-slices", f"lead-{lead}"])


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _wrap(text: str, width: int) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and _width(cur + ch) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur] if cur or not lines else lines


def grid_table(table: Table, widths: list[int], *, head: int, right: bool,
               value: Callable[[Any], str] = _plain) -> list[str]:
    """The table drawn as a pandoc/Emacs grid table: `+---+` borders, `|` between cells, spanned
    cells across what they span, text wrapped inside its cell, `=` under the first `head` rows,
    numbers right-aligned when `right` (the probe prints its own numbers with `value`)."""
    g = grid(table)
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w + 3)
    boxes = [(r, c, x) for r, row in enumerate(g) for c, x in enumerate(row) if x is not None]

    def inner(c: int, x: Cell) -> int:
        return xs[c + x.colspan] - xs[c] - 3

    def lines_of(c: int, x: Cell) -> list[str]:
        t = value(x.value) if x.key is not None else x.text
        return _wrap(t, max(2, inner(c, x))) if t else [""]
    hs = [1] * len(g)
    for r, c, x in boxes:
        if x.rowspan == 1:
            hs[r] = max(hs[r], len(lines_of(c, x)))
    for r, c, x in boxes:
        if x.rowspan > 1:
            have = sum(hs[r:r + x.rowspan]) + x.rowspan - 1
            hs[r + x.rowspan - 1] += max(0, len(lines_of(c, x)) - have)
    ys = [0]
    for h in hs:
        ys.append(ys[-1] + h + 1)
    canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    for r, c, x in boxes:
        x0, x1, y0, y1 = xs[c], xs[c + x.colspan], ys[r], ys[r + x.rowspan]
        for y in (y0, y1):
            rule = "=" if head and y == ys[head] else "-"
            for i in range(x0 + 1, x1):
                canvas[y][i] = rule
        for y in range(y0 + 1, y1):
            canvas[y][x0] = canvas[y][x1] = "|"
        for y in (y0, y1):
            canvas[y][x0] = canvas[y][x1] = "+"
        for k, text in enumerate(lines_of(c, x)):
            if right and x.key is not None:
                text = " " * (inner(c, x) - _width(text)) + text
            pos = x0 + 2
            for ch in text:
                canvas[y0 + 1 + k][pos] = ch
                pos += 1
                if _width(ch) == 2:
                    canvas[y0 + 1 + k][pos] = ""
                    pos += 1
    return ["".join(row).rstrip() for row in canvas]


def _grid_page(d: Draft) -> Page:
    rng = d.rng
    right = rng.random() < 0.5
    numw = rng.choice([4, 6, 8])
    out = []
    for sec, table in _sections(d):
        out += [HEADINGS[sec], ""]
        ncol = len(grid(table)[0])
        if sec == "二":
            widths = [rng.choice([10, 14, 20])] + [rng.choice([8, 12])] * (ncol - 1)
        else:
            labels = 3 if sec == "三" else 0
            widths = [rng.choice([4, 6, 8, 12, 16]) for _ in range(labels)] + [numw] * (ncol - labels)
        head = 0
        if sec == "三" and rng.random() < 0.7:
            head = next(i for i, r in enumerate(table) if any(c.key is not None for c in r))
        out += grid_table(table, widths, head=head, right=right) + [""]
    return _text_page(d, "\n".join(out), ["grid-table"], rng.choice([".md", ".txt"]))


def _html_table(table: Table, *, br: int, one_line: bool, th: bool) -> str:
    rows = []
    for r, row in enumerate(table):
        head = th and r < 3 and not any(c.key is not None for c in row)
        tag = "th" if head else "td"
        cells = []
        for c in row:
            t = html.escape(_cell(c))
            if br and c.key is None and len(c.text) > br:
                t = "<br>".join(html.escape(c.text[k:k + br]) for k in range(0, len(c.text), br))
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            cells.append(f"<{tag}{attrs}>{t}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if one_line:
        return "<table>" + "".join(rows) + "</table>"
    return "<table>\n" + "\n".join("  " + r for r in rows) + "\n</table>"


def _html_page(d: Draft) -> Page:
    rng = d.rng
    br, one_line, th = rng.choice([0, 6, 8, 10]), rng.random() < 0.5, rng.random() < 0.5
    hashes = rng.choice(["## ", "### "])
    out = []
    for sec, table in _sections(d):
        out += [hashes + HEADINGS[sec], "", _html_table(table, br=br, one_line=one_line, th=th), ""]
    return _text_page(d, "\n".join(out), ["html-in-markdown"], ".md")


def _docling_page(d: Draft) -> Page:
    out = []
    for sec, table in _sections(d):
        g = grid(table)
        fill = [["" for _ in row] for row in g]
        for r, row in enumerate(g):
            for k, c in enumerate(row):
                if c is not None:
                    for dr in range(c.rowspan):
                        for dk in range(c.colspan):
                            fill[r + dr][k + dk] = _cell(c)
        out += [f"**{HEADINGS[sec]}**", "", "| " + " | ".join(fill[0]) + " |",
                "|" + "|".join("---" for _ in fill[0]) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in fill[1:]] + [""]
    return _text_page(d, "\n".join(out), ["docling-markdown"], ".md")


def _transposed(d: Draft) -> Page:
    rng = d.rng
    sep = rng.choice(["\t", " | ", "  "])
    whole = rng.random() < 0.5
    order = list(range(7))
    if rng.random() < 0.3:
        order = [6] + order[:6]
    lead = rng.choice(["申请人情况", "项目", ""])
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        if sec != "三":
            out += _other_rows(table, sep) + [""]
            continue
        rows = _rows(table)
        out.append(sep.join([lead] + ["".join(lab) if whole else lab[-1] for lab, _ in rows]).strip(" "))
        out += [sep.join([APPLICANTS[k]] + [n[k] for _, n in rows]) for k in order] + [""]
    return _text_page(d, "\n".join(out), ["transposed", "whole-labels" if whole else "own-labels"])
