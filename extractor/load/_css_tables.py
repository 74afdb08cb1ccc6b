"""Tables a page builds from `<div>`s with CSS (`display: table`/`table-row`/`table-cell`, or
`display: grid` with `grid-template-columns` and `grid-row`/`grid-column` spans), or as runs of
row elements (flex rows, `<ul>` rows of `<li>` cells, rows styled by a stylesheet the page only
links to), turned into `<table>` elements in place so the HTML loader reads their cells like any
table's.

Only what the page itself states is used: the classes' declarations in its `<style>` elements
(simple `.class { … }` rules) and each element's `style` attribute. Nothing is fetched, no
layout is computed: a grid's cells are placed by CSS's auto-placement (row by row, each at the
first free slot its span fits), which is how a browser places cells with spans only.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from lxml import etree

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS = re.compile(r"^\s*(?:[a-zA-Z0-9]*)\.([\w-]+)\s*$")
_DECL = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
_SPAN = re.compile(r"span\s+(\d+)")
_REPEAT = re.compile(r"repeat\(\s*(\d+)\s*,")
#: a grid larger than this is not taken for a report table (and cannot blow up the slots)
_MAX_COLS = 60


def _declarations(text: str) -> dict[str, str]:
    return {k.strip().lower(): v.strip().lower() for k, v in _DECL.findall(text or "")}


def _class_rules(root: Any) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for style in root.iter("style"):
        css = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.S)
        for selectors, body in _RULE.findall(css):
            decl = _declarations(body)
            for sel in selectors.split(","):
                m = _CLASS.match(sel)
                if m:
                    rules.setdefault(m.group(1), {}).update(decl)
    return rules


def hidden_rules(root: Any) -> Any:
    """A test of whether an element is hidden by what the page states: its `style` attribute
    (`display: none`, `visibility: hidden`/`collapse`) or its classes' rules in the page's
    `<style>` elements."""
    rules = _class_rules(root)

    def hidden(el: Any) -> bool:
        st: dict[str, str] = {}
        for cls in (el.get("class") or "").split():
            st.update(rules.get(cls, {}))
        st.update(_declarations(el.get("style") or ""))
        return (st.get("display", "").replace("!important", "").strip() == "none"
                or st.get("visibility", "").replace("!important", "").strip() in ("hidden", "collapse"))

    return hidden


def css_tables(root: Any) -> int:
    """Turn the page's CSS tables and grids into `<table>`s; returns how many were turned."""
    rules = _class_rules(root)

    def style(el: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for cls in (el.get("class") or "").split():
            out.update(rules.get(cls, {}))
        out.update(_declarations(el.get("style") or ""))
        return out

    if not rules and not any("display" in (el.get("style") or "") for el in root.iter("div", "section", "ul", "span")):
        return _row_runs(root, style)
    turned = 0
    for el in list(root.iter("div", "section", "ul", "ol")):
        st = style(el)
        display = st.get("display", "")
        if display in ("table", "inline-table"):
            turned += _table(el, style)
        elif display in ("grid", "inline-grid"):
            turned += _grid(el, st)
    return turned + _row_runs(root, style)


#: what a row of a div table is, and what its cells are (inline or leaf blocks, no block inside)
_ROW_TAGS = frozenset({"div", "ul", "ol", "li", "section", "dl"})
_CELL_TAGS = frozenset({"div", "span", "li", "dd", "dt", "em", "strong", "b", "font", "label", "i", "p", "a"})
_BLOCKS = ("div", "p", "ul", "ol", "li", "table", "section", "dl", "h1", "h2", "h3", "h4", "h5", "h6")
_NUMBER_CELL = re.compile(r"^\s*[-+]?\d[\d,，]*(?:\.\d+)?\s*$")
_FLEX = re.compile(r"^\s*(\d+(?:\.\d+)?)")


def _row_runs(root: Any, style: Any) -> int:
    """Tables drawn as runs of rows (flex rows, or rows whose layout is in a stylesheet the page
    links to): sibling elements of one tag and class, each holding only cells (elements with no
    block inside, the row itself printing no text of its own), most rows of two or more cells,
    three or more cells holding a lone number, in a fifth of the rows at least. A cell as wide as
    N others (`flex: N` against the run's usual `flex: 1`) spans N columns."""
    turned = 0
    parents: dict[Any, None] = {}  # each parent of a possible row once, in document order
    for el in root.iter(*_ROW_TAGS):
        parent = el.getparent()
        if parent is not None:
            parents.setdefault(parent, None)
    for parent in parents:
        if parent.tag in ("tr", "td", "th") or _in_table(parent):
            continue
        kids = [c for c in parent if isinstance(c.tag, str)]
        k = 0
        while k < len(kids):
            key = (kids[k].tag, kids[k].get("class"))
            j = k + 1
            while j < len(kids) and (kids[j].tag, kids[j].get("class")) == key:
                j += 1
            if j - k >= 3 and key[0] in _ROW_TAGS:  # a run of alike siblings: now look at each
                for run in _runs(kids[k:j]):
                    if len(run) >= 3 and _table_like([cells for _, cells in run]):
                        _make_table([row for row, _ in run], style)
                        turned += 1
            k = j
    return turned


def _runs(rows: list[Any]) -> list[list[tuple[Any, list[Any]]]]:
    """Alike siblings cut into runs of rows that hold only cells, with no text between them."""
    out: list[list[tuple[Any, list[Any]]]] = [[]]
    for row in rows:
        cells = _cells(row)
        if cells is None:
            out.append([])
            continue
        out[-1].append((row, cells))
        if (row.tail or "").strip():  # text between two rows ends the run
            out.append([])
    return out


def _cells(row: Any) -> list[Any] | None:
    if row.tag not in _ROW_TAGS or (row.text or "").strip():
        return None
    cells = [c for c in row if isinstance(c.tag, str)]
    if not cells or any(c.tag not in _CELL_TAGS or (c.tail or "").strip() for c in cells):
        return None
    if any(next(c.iterdescendants(*_BLOCKS), None) is not None for c in cells):
        return None
    return cells


def _table_like(rows: list[list[Any]]) -> bool:
    if sum(len(r) >= 2 for r in rows) * 2 < len(rows):
        return False
    numbers = [sum(bool(_NUMBER_CELL.match(c.text_content() or "")) for c in r) for r in rows]
    numbered = sum(n > 0 for n in numbers)
    # 表四 prints three header rows over one row of 15 numbers
    return sum(numbers) >= 3 and numbered * 5 >= len(rows)


def _in_table(el: Any) -> bool:
    return bool(el.xpath("ancestor-or-self::table"))


def _make_table(rows: list[Any], style: Any) -> None:
    grow = [[_grow(style(c)) for c in r if isinstance(c.tag, str)] for r in rows]
    usual = Counter(g for r in grow for g in r).most_common(1)[0][0]
    table = etree.Element("table")
    rows[0].addprevious(table)
    tail = rows[-1].tail
    for row, widths in zip(rows, grow):
        row.tail = None
        row.tag = "tr"
        for cell, g in zip([c for c in row if isinstance(c.tag, str)], widths):
            cell.tag = "td"
            n = g / usual if usual else 1
            if n >= 2 and n == int(n):
                cell.set("colspan", str(min(int(n), _MAX_COLS)))
        table.append(row)
    table.tail = tail


def _grow(st: dict[str, str]) -> float:
    m = _FLEX.match(st.get("flex-grow", "") or st.get("flex", ""))
    return float(m.group(1)) if m else 1.0


def _children(el: Any) -> list[Any]:
    return [c for c in el if isinstance(c.tag, str)]


def _table(el: Any, style: Any) -> int:
    rows: list[Any] = []
    for ch in _children(el):
        d = style(ch).get("display", "")
        if d == "table-row":
            rows.append(ch)
        elif d in ("table-row-group", "table-header-group", "table-footer-group"):
            rows += [r for r in _children(ch) if style(r).get("display", "") == "table-row"]
    if len(rows) < 2:
        return 0
    for row in rows:
        row.tag = "tr"
        for cell in _children(row):
            cell.tag = "td"
    for ch in _children(el):
        if ch.tag != "tr":
            ch.tag = "tbody"
    el.tag = "table"
    return 1


def _columns(template: str) -> int:
    m = _REPEAT.search(template)
    if m:
        return int(m.group(1))
    tracks = re.findall(r"minmax\([^)]*\)|[^\s]+", template.strip())
    return len(tracks) if template.strip() and template.strip() != "none" else 0


def _span(value: str) -> int:
    m = _SPAN.search(value or "")
    return max(1, min(int(m.group(1)), _MAX_COLS)) if m else 1


def _grid(el: Any, st: dict[str, str]) -> int:
    n = _columns(st.get("grid-template-columns", ""))
    cells = _children(el)
    if not 2 <= n <= _MAX_COLS or len(cells) < 2 * n // 2 + 1:
        return 0
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, int, int, Any]] = []
    r = c = 0
    for cell in cells:
        d = _declarations(cell.get("style") or "")
        rs, cs = _span(d.get("grid-row", "")), min(_span(d.get("grid-column", "")), n)
        while True:
            if c + cs > n:
                r, c = r + 1, 0
                continue
            if all((i, j) not in taken for i in range(r, r + rs) for j in range(c, c + cs)):
                break
            c += 1
        taken.update((i, j) for i in range(r, r + rs) for j in range(c, c + cs))
        placed.append((r, c, rs, cs, cell))
        c += cs
    for cell in cells:
        el.remove(cell)
    rows: dict[int, Any] = {}
    for r, c, rs, cs, cell in placed:
        if r not in rows:
            rows[r] = etree.SubElement(el, "tr")
        cell.tag = "td"
        cell.tail = None
        if rs > 1:
            cell.set("rowspan", str(rs))
        if cs > 1:
            cell.set("colspan", str(cs))
        rows[r].append(cell)
    el.tag = "table"
    return 1
