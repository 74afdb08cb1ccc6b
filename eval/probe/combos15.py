"""Round 15 (combos15): compound layouts with the quirks of rounds 9–14 stacked.

Like round 5's combo families (`combos`), each report draws 2–4 compatible quirks (seeded by
family and report), one or two of them newer ones: 表三's counts with their share (`12（30%）`) or
in Chinese numerals, 表三's rows written short (`不予公开-国家秘密`) or as list items, 表二's heads in
other words (and order) or 表二 printed column by column, a 单位 column, an added column between
the format's own (上年数 / 上年同期 / 上年), 上年同期 columns and a 备注 column of remarks with
numbers after them; on web pages also a hidden helper column (`<col style="display:none">`) with
stale numbers, and numbers in read-only `<input value>` fields or `<img alt>` pictures. The older
quirks (synonyms, typos, other enumerators, units, separators, marks for 0, captions, notes, page
breaks) come from `combos._Combo`. Bases: tab, pipe, Markdown, spaced rows, one flattened line
(`combo-text-c`); HTML tables with spans or Word tables (`combo-web-c`). The gold is the real
report's: every quirk keeps the printed numbers decidable (a hidden column is not printed).
"""

from __future__ import annotations

import html
from typing import Any, Callable

from extractor.printed import Cell, grid

from ._common import Ctx, is_value_row, page, row_label
from .combos import _Combo, cms_page
from .text12 import _pct, remark, t3_item_lines
from .text14 import _SHORT_FORMS, _T2_HEADS, cn_numeral, columns_down, row_totals, t3_short_rows, with_share
from .web13 import _HIDE
from .web14 import form_field


class _E:
    """One printed cell of a table being re-printed; a spanned cell fills every slot it covers."""

    __slots__ = ("text", "key", "attrs")

    def __init__(self, text: str = "", key: str | None = None, attrs: str = ""):
        self.text, self.key, self.attrs = text, key, attrs


class _Table:
    """A table as slots (rows × columns of `_E`), the kind of each row (head, section, value)."""

    def __init__(self, sec: str, slots: list[list[_E]], kinds: list[str], labels: int, raw: list[str]):
        self.sec, self.slots, self.kinds, self.labels = sec, slots, kinds, labels
        self.raw = raw  # each row's labels as the format words them (before the label quirks)
        self.hidden: int | None = None
        self.hidden_style = ""

    @classmethod
    def of(cls, sec: str, table: list[list[Cell]], cell: Callable[[Cell], str], label: Callable[[str], str]) -> "_Table":
        g = grid(table)
        slots: list[list[_E | None]] = [[None] * len(g[0]) for _ in g]
        for r, row in enumerate(g):
            for k, c in enumerate(row):
                if c is None:
                    continue
                e = _E(cell(c) if c.key is not None else (label(c.text) if c.text else ""), c.key)
                for dr in range(c.rowspan):
                    for dk in range(c.colspan):
                        slots[r + dr][k + dk] = e
        full = [[e if e is not None else _E() for e in row] for row in slots]
        kinds = ["value" if is_value_row(src) else "section" if row_label(src).startswith("第二十条") else "head"
                 for src in table]
        labels = {"二": 1, "三": 3, "四": 0}[sec]
        return cls(sec, full, kinds, labels, [row_label(src) for src in table])

    def insert(self, col: int, text: Callable[[int], str | None], rows: range | None = None) -> None:
        """A column inserted before slot `col`: row r gets `text(r)` (a new cell), or (None) the cell
        spanning over the place widens, else an empty cell. Rows outside `rows` widen their last cell."""
        rows = rows if rows is not None else range(len(self.slots))
        made: dict[int, _E] = {}
        for r, row in enumerate(self.slots):
            if r not in rows:
                row.append(row[-1] if row[-1].text or row[-1].key else _E())
                continue
            t = text(r)
            left = row[col - 1] if 0 < col <= len(row) else None
            right = row[col] if col < len(row) else None
            if t is None and left is not None and left is right:
                row.insert(col, left)
            elif t == "^" and r > 0:  # the cell above spans down into this row
                row.insert(col, self.slots[r - 1][col])
            else:
                e = made.setdefault(r, _E(t or ""))
                row.insert(col, e)

    def head_rows(self) -> int:
        return next((i for i, k in enumerate(self.kinds) if k == "value"), 0)

    def text_rows(self) -> list[list[str]]:
        """Each row's slot texts, a spanned cell's text in its first slot only."""
        seen: set[int] = set()
        out = []
        for row in self.slots:
            line = []
            for e in row:
                line.append("" if id(e) in seen else e.text)
                seen.add(id(e))
            out.append(line)
        return out


def _column(tb: _Table, col: int, head: str, value: Callable[[], str], head_row: int = 0,
            rows: range | None = None) -> None:
    """A column before slot `col`: `head` in row `head_row` (spanning the head rows below it), a
    value from `value()` in each value row, a spanned cell over the place widened elsewhere."""
    heads = tb.head_rows()
    rows = rows if rows is not None else range(len(tb.slots))

    def text(r: int) -> str | None:
        if r == head_row:
            return head
        if head_row < r < heads:
            return "^"
        if tb.kinds[r] == "value":
            return value()
        return None
    tb.insert(col, text, rows)


_NEW_TEXT = ("count-percent", "cn-numerals", "t3-short-labels", "t2-header-synonyms", "list-item-rows",
             "t2-column-order", "unit-column", "columns-between", "prior-year", "remark-numbers")
_NEW_WEB = ("count-percent", "cn-numerals", "t3-short-labels", "t2-header-synonyms", "unit-column",
            "columns-between", "prior-year", "remark-numbers", "hidden-col", "form-cells")
_COLUMNS = ("unit-column", "columns-between", "prior-year", "remark-numbers", "hidden-col")
_OLD = ("synonyms", "typos", "renumber", "label-spaces", "parenthetical", "units", "thousands", "zero-marks",
        "fullwidth-digits", "ocr-letters", "captions", "notes", "page-break")
#: quirks that do not go together (the print would be unreadable or the quirks undo each other)
_CLASH = [
    {"cn-numerals", "thousands"}, {"cn-numerals", "fullwidth-digits"}, {"cn-numerals", "ocr-letters"},
    {"cn-numerals", "zero-marks"}, {"cn-numerals", "count-percent"}, {"cn-numerals", "units"},
    {"count-percent", "units"}, {"count-percent", "fullwidth-digits"}, {"count-percent", "ocr-letters"},
    {"count-percent", "list-item-rows"}, {"t3-short-labels", "list-item-rows"}, {"list-item-rows", "units"},
    {"list-item-rows", "zero-marks"}, {"form-cells", "units"}, {"form-cells", "label-spaces"},
    {"t2-column-order", "typos"}, {"t2-column-order", "label-spaces"},  # (its 第二十条 lines found by their words)
]


def _draw(ctx: Ctx, form: str) -> tuple[_Combo, list[str]]:
    """The report's quirks: one or two newer ones, then older ones up to 2–4 in all, none clashing."""
    rng = ctx.rng
    new: tuple[str, ...] = _NEW_WEB if form in ("html", "docx") else _NEW_TEXT
    if form in ("spaced", "flat"):  # blanks dropped: an added column's place is not printed
        new = tuple(q for q in new if q not in _COLUMNS and not (form == "flat" and q == "t2-column-order"))
    if form == "docx":
        new = tuple(q for q in new if q not in ("hidden-col", "form-cells"))
    old = tuple(q for q in _OLD if not (q == "page-break" and form in ("flat", "docx")))
    total = rng.randint(2, 4)
    n_new = min(rng.randint(1, 2), total)
    chosen: list[str] = []
    for pool, n in ((new, n_new), (old, total)):
        for q in rng.sample(pool, len(pool)):
            if len(chosen) >= n:
                break
            if not any({q, o} <= clash for o in chosen for clash in _CLASH):
                chosen.append(q)
    cb = _Combo(ctx, form if form != "docx" else "html", (), (0, 0))
    cb.quirks = sorted(q for q in chosen if q in _OLD)
    cb.form = form
    ctx.recipe = f"{form}+" + "+".join(sorted(chosen))  # type: ignore[attr-defined]
    return cb, sorted(chosen)


class _Print:
    """The report's quirks and the tables they make."""

    def __init__(self, ctx: Ctx, form: str):
        self.ctx, self.form = ctx, form
        self.cb, self.quirks = _draw(ctx, form)
        rng = self.rng = ctx.rng
        self.totals = row_totals(ctx)
        self.share = (rng.choice(["{n}（{p}%）", "{n} ({p}%)", "{n}（占{p}%）", "{n}({p}%)"]), rng.choice([0, 1, 2]))
        self.cn_word = rng.choice(["", "", "件"])
        self.short = rng.choice(_SHORT_FORMS)
        self.heads2 = rng.choice(_T2_HEADS[ctx.case.report_template])
        self.order2 = rng.choice([[0, 1, 2], [0, 1, 2], [2, 0, 1], [1, 0, 2], [0, 2, 1]])
        self.unit_head = rng.choice(["单位", "计量单位"])
        self.between = (rng.choice(["二三四", "二", "三", "四", "三四", "二三"]), rng.choice(["上年数", "上年同期"]),
                        rng.choice(["上年同期", "同比", "上年总计"]), rng.choice([1, 6, 6, 3]), rng.choice(["上年", "上年同期"]))
        self.prior = (rng.choice([["上年数"], ["上年同期"], ["上年数", "同比增减(%)"]]),
                      rng.choice([["上年同期"], ["上年总计"], ["上年同期", "同比增减"]]))
        self.hide = (rng.choice(_HIDE[:3]), rng.random() < 0.5, rng.choice(["三", "四"]))
        self.field_mode = rng.choice(["input", "input", "img", "mixed"])
        self.recipe = ctx.recipe  # type: ignore[attr-defined]

    def has(self, q: str) -> bool:
        return q in self.quirks

    def cell(self, c: Cell) -> str:
        v = c.value
        count = isinstance(v, int) and not isinstance(v, bool) and v >= 0 and not (c.key or "").endswith("amount")
        if self.has("cn-numerals") and count:
            return cn_numeral(v) + self.cn_word
        if self.has("count-percent") and c.key in self.totals:
            return with_share(self.rng, v, self.totals[c.key], *self.share)
        return self.cb.cell(c)

    def list_cell(self, c: Cell) -> str:
        """A count as a list item prints it: the list puts its own measure word after it (a
        numeral's `件` besides would print `五十八件个`, which no report does)."""
        text = self.cell(c)
        if self.has("cn-numerals") and self.cn_word and text.endswith(self.cn_word):
            return text[: -len(self.cn_word)]
        return text

    def table(self, sec: str, table: list[list[Cell]]) -> _Table:
        tb = _Table.of(sec, table, self.cell, self.cb.label)
        if sec == "二" and self.has("t2-header-synonyms"):
            self._t2_heads(tb)
        if sec == "三" and self.has("t3-short-labels"):
            tb = self._t3_short(table)
        columns = not (sec == "二" and self.has("t2-column-order"))
        if columns and self.has("unit-column") and sec in "二三":
            self._unit(tb)
        if columns and self.has("columns-between") and sec in self.between[0]:
            self._between(tb)
        if columns and self.has("prior-year") and sec in "二三":
            self._prior(tb)
        if columns and self.has("hidden-col") and sec == self.hide[2]:
            self._hidden(tb)
        if columns and self.has("remark-numbers"):
            _column(tb, len(tb.slots[0]), "备注", lambda: remark(self.rng))
        return tb

    def _first_section(self, tb: _Table) -> range:
        """表二's first 第二十条 section's rows: its 信息内容 head and value rows."""
        start = next(i for i, raw in enumerate(tb.raw) if raw.startswith("信息内容"))
        end = next((i for i in range(start + 1, len(tb.slots)) if tb.kinds[i] != "value"), len(tb.slots))
        return range(start, end)

    def _t2_heads(self, tb: _Table) -> None:
        part = self._first_section(tb)
        tb.slots[part[0]][1:4] = [_E(self.heads2[i]) for i in self.order2]
        for r in part[1:]:
            row = tb.slots[r]
            row[1:4] = [row[1 + i] for i in self.order2]

    def _t3_short(self, table: list[list[Cell]]) -> _Table:
        corner, group, natural, legal, total = _E(), _E("申请人情况"), _E("自然人"), _E("法人或其他组织"), _E("总计")
        subs = [_E(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]
        slots = [[corner] + [group] * 7, [corner, natural] + [legal] * 5 + [total], [corner, natural] + subs + [total]]
        for label, cells in t3_short_rows(self.ctx, self.short):
            slots.append([_E(label)] + [_E(self.cell(c), c.key) for c in cells])
        return _Table("三", slots, ["head"] * 3 + ["value"] * (len(slots) - 3), 1, [e[0].text for e in slots])

    def _unit(self, tb: _Table) -> None:
        if tb.sec == "二":
            def text(r: int) -> str | None:
                if tb.raw[r].startswith("信息内容"):
                    return self.unit_head
                if tb.kinds[r] == "value":
                    return "万元" if any((e.key or "").endswith("amount") for e in tb.slots[r]) else "件"
                return None
            tb.insert(1, text)
        else:
            _column(tb, tb.labels, self.unit_head, lambda: "件")
        tb.labels += 1

    def _between(self, tb: _Table) -> None:
        _, head2, head3, at3, head4 = self.between
        n = lambda: str(self.rng.randint(0, 60))  # noqa: E731
        if tb.sec == "二":
            part = self._first_section(tb)
            _column(tb, tb.labels + 1, head2, n, part[0], part)
        elif tb.sec == "三":
            head_row = 2 if at3 == 3 else 1  # inside 法人或其他组织's five: on their line
            _column(tb, tb.labels + at3, head3, n, head_row)
        else:
            for col, head_row in ((15, 2), (10, 2), (5, 1)):  # right to left: the columns stay put
                _column(tb, col, head4, lambda: str(self.rng.randint(0, 9)), head_row)

    def _prior(self, tb: _Table) -> None:
        heads = self.prior[0] if tb.sec == "二" else self.prior[1]
        for h in heads:
            value = (lambda: _pct(self.rng)) if "增减" in h else (lambda: str(self.rng.randint(0, 500)))
            if tb.sec == "二":
                part = self._first_section(tb)
                _column(tb, len(tb.slots[part[0]]), h, value, part[0], part)
            else:
                _column(tb, len(tb.slots[0]), h, value)

    def _hidden(self, tb: _Table) -> None:
        """A helper column the page hides (its `<col>` and, or only, its cells `display:none`):
        stale numbers the browser does not show."""
        style, cells_hidden, _ = self.hide
        width = len(tb.slots[0])
        col = tb.labels if tb.sec == "三" and self.rng.random() < 0.5 else width  # after the labels, or right of the table
        _column(tb, col, "辅助列", lambda: str(self.rng.randint(0, 90)))
        for row in tb.slots:
            row[col].attrs = f" {style}" if cells_hidden else ""
        tb.hidden, tb.hidden_style = col, style

    def heading(self, sec: str) -> str:
        return self.cb.heading(sec)


# ------------------------------------------------------------------ text bases


def _text_lines(p: _Print, tb: _Table) -> list[str]:
    form, sec = p.form, tb.sec
    if sec == "二" and p.has("t2-column-order"):
        return columns_down(tb.text_rows())
    if sec == "三" and p.has("list-item-rows"):
        return t3_item_lines(p.ctx, p.list_cell, p.cb.label)
    rows = tb.text_rows()
    if form in ("tab", "pipe", "md"):
        sep = {"tab": "\t", "pipe": " | ", "md": " | "}[form]
        lines = [("| " + sep.join(r) + " |") if form == "md" else sep.join(r) for r in rows]
        if form == "md":
            lines.insert(1, "|" + "---|" * len(rows[0]))
        return lines
    sep = "  " if form == "spaced" else " "
    lines = []
    for r, (row, slots) in enumerate(zip(rows, tb.slots)):
        labels = [t for t, e in zip(row, slots) if t and e.key is None]
        values = [t for t, e in zip(row, slots) if e.key is not None and t]
        if tb.kinds[r] != "value":
            if sec == "三" and not p.has("t3-short-labels"):
                continue  # (as round 5's spaced rows: 表三's head not printed)
            if labels:
                lines.append(" ".join(labels))
        else:
            lines.append("".join(labels) + sep + sep.join(values))
    return lines


def _text(p: _Print) -> str:
    out: list[str] = []
    for sec, table in p.ctx.sections:
        out.append(p.heading(sec))
        lines = _text_lines(p, p.table(sec, table))
        if sec == "三" and p.has("page-break") and p.form != "flat":
            cut = p.rng.randrange(len(lines) // 3, 2 * len(lines) // 3)
            lines[cut:cut] = p.cb.furniture()
        out += lines
        if p.has("notes"):
            out += p.cb.note()
        out.append("")
    if p.form == "flat":
        return " ".join(x for x in out if x)
    return "\n".join(out)


def combo_text_c(ctx: Ctx) -> tuple[str, str]:
    """Text and Markdown pages (tab, pipe, Markdown, spaced rows, one flattened line) with 2–4
    quirks stacked, one or two of them from rounds 9–14."""
    form = ctx.rng.choice(["tab", "pipe", "md", "spaced", "flat"])
    p = _Print(ctx, form)
    body = _text(p)
    if form == "flat":
        return ctx.before.replace("\n", " ") + " " + body + " " + ctx.after.replace("\n", " ") + "\n", ".txt"
    return page(ctx, body), ".md" if form == "md" else ".txt"


# ------------------------------------------------------------------ web and Word bases


def _spans(tb: _Table) -> list[tuple[int, int, _E, int, int]]:
    """(row, column, cell, rowspan, colspan) of each cell where it starts."""
    out, seen = [], set()
    for r, row in enumerate(tb.slots):
        for k, e in enumerate(row):
            if id(e) in seen:
                continue
            seen.add(id(e))
            cs = 1
            while k + cs < len(row) and row[k + cs] is e:
                cs += 1
            rs = 1
            while r + rs < len(tb.slots) and k < len(tb.slots[r + rs]) and tb.slots[r + rs][k] is e:
                rs += 1
            out.append((r, k, e, rs, cs))
    return out


def _html_table(p: _Print, tb: _Table) -> str:
    rows: list[list[str]] = [[] for _ in tb.slots]
    for r, k, e, rs, cs in _spans(tb):
        attrs = "".join(f' {a}="{n}"' for a, n in (("rowspan", rs), ("colspan", cs)) if n > 1) + e.attrs
        text = html.escape(e.text)
        if e.key is not None and p.has("form-cells"):
            text = form_field(p.rng, p.field_mode, text)
        rows[r].append(f"<td{attrs}>{text or '&nbsp;'}</td>")
    cols = ""
    if tb.hidden is not None:
        cols = "<colgroup>" + "".join(f"<col {tb.hidden_style}>" if k == tb.hidden else "<col>"
                                      for k in range(len(tb.slots[0]))) + "</colgroup>"
    return "<table border=1 cellspacing=0>" + cols + "".join("<tr>" + "".join(r) + "</tr>" for r in rows) + "</table>"


def _html(p: _Print) -> str:
    ctx, rng = p.ctx, p.rng
    out = []
    for sec, table in ctx.sections:
        out.append(f"<p><b>{html.escape(p.heading(sec))}</b></p>")
        if p.has("notes"):
            out.append(f"<p style='text-align:right'>{rng.choice(['单位：件', '（单位：件）'])}</p>")
        out.append(_html_table(p, p.table(sec, table)))
        if p.has("notes"):
            out.append(f"<p>{html.escape(p.cb.note()[0])}</p>")
    return cms_page(ctx, out, p.has("page-break"))


def _docx(p: _Print) -> bytes:
    """The report as a .docx: prose paragraphs, the tables as Word tables with their merges."""
    import io

    import docx

    d = docx.Document()
    for line in p.ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for sec, table in p.ctx.sections:
        d.add_paragraph(p.heading(sec))
        tb = p.table(sec, table)
        t = d.add_table(rows=len(tb.slots), cols=max(len(r) for r in tb.slots))
        for r, k, e, rs, cs in _spans(tb):
            target = t.cell(r, k)
            if rs > 1 or cs > 1:
                target = target.merge(t.cell(r + rs - 1, k + cs - 1))
            target.text = e.text
        if p.has("notes"):
            d.add_paragraph(p.cb.note()[0])
    for line in p.ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def combo_web_c(ctx: Ctx) -> tuple[str | bytes, str]:
    """CMS pages (HTML tables with spans) or Word documents with 2–4 quirks stacked, one or two of
    them from rounds 9–14 (added columns, a hidden helper column, form fields and number pictures,
    counts with shares or in Chinese numerals, short 表三 labels, 表二 head synonyms)."""
    form = ctx.rng.choice(["html", "html", "docx"])
    p = _Print(ctx, form)
    if form == "docx":
        return _docx(p), ".docx"
    return _html(p), ".html"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "combo-text-c": combo_text_c,
    "combo-text-c-d": combo_text_c,  # the same recipe, drawn again (the family's name seeds it)
    "combo-web-c": combo_web_c,
    "combo-web-c-d": combo_web_c,
}
