"""Tables a page builds from `<div>`s with CSS (`display: table`/`table-row`/`table-cell`, or
`display: grid` with `grid-template-columns` and `grid-row`/`grid-column` spans), turned into
`<table>` elements in place so the HTML loader reads their cells like any table's.

Only what the page itself states is used: the classes' declarations in its `<style>` elements
(simple `.class { … }` rules) and each element's `style` attribute. Nothing is fetched, no
layout is computed: a grid's cells are placed by CSS's auto-placement (row by row, each at the
first free slot its span fits), which is how a browser places cells with spans only.
"""

from __future__ import annotations

import re
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
        return 0
    turned = 0
    for el in list(root.iter("div", "section", "ul", "ol")):
        st = style(el)
        display = st.get("display", "")
        if display in ("table", "inline-table"):
            turned += _table(el, style)
        elif display in ("grid", "inline-grid"):
            turned += _grid(el, st)
    return turned


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
