"""Tables a page draws with a script from data it carries (`var tableData = [[…], …]`, rows of
cell objects with spans, a `<script type="application/json">`): the data is read as JSON, never
run, and put back as `<table>`s where the script would draw them, so the HTML loader reads their
cells like any table's.

A table is taken only when it looks like one of a report's: rows of text and numbers, some text
in Chinese, at most `_MAX_SLOTS` cells (chart series and settings are left alone). It goes into
the empty element the script names (`'#table2'`, `getElementById("table2")`) when the script
names as many empty elements as it holds tables, else right after the script.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html

_START = re.compile(r"(?:=|\(|,|:|return)\s*(?=[\[{])")
_ID = re.compile(r"""["']#?([A-Za-z][\w-]*)["']""")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
_TEXT_KEYS = ("text", "value", "v", "label", "name", "title", "content", "val")
_ROWSPAN = ("rowspan", "rowSpan", "rs")
_COLSPAN = ("colspan", "colSpan", "cs")
#: cells a data table may have to be taken for a report table (a report's largest has ~300)
_MAX_SLOTS = 5000
#: how deep the data is searched for tables; how many JSON literals one script may hold and how
#: many places it is tried at (a failed try can scan far: the tries bound the work); scripts
#: longer than `_MAX_SCRIPT` characters are code libraries, not a report's data
_MAX_DEPTH = 6
_MAX_LITERALS = 200
_MAX_TRIES = 2000
_MAX_SCRIPT = 1 << 20
#: characters failed tries may scan in all, per script (each starts where the last one did not)
_MAX_SCANNED = 4 << 20


def script_tables(root: Any) -> int:
    """Put the tables the page's scripts carry as data into the page; returns how many."""
    added = 0
    for script in list(root.iter("script")):
        text = script.text or ""
        if len(text) > _MAX_SCRIPT or ("[" not in text and "{" not in text):
            continue
        kind = (script.get("type") or "").lower()
        tables = _tables_in(_literals(text, whole="json" in kind and "ld+json" not in kind))
        if not tables:
            continue
        elements = [_element(t) for t in tables]
        targets = _targets(root, text, script)
        if len(targets) == len(elements):
            for box, table in zip(targets, elements):
                box.append(table)
        else:
            anchor = script
            for table in elements:
                anchor.addnext(table)
                anchor = table
        added += len(elements)
    return added


#: `JSON.parse('…')`: the data as a JavaScript string literal (a template's `{{ data|safe }}`)
_PARSE = re.compile(r"""JSON\.parse\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)""", re.S)


def _parsed_strings(text: str) -> list[Any]:
    """The values of the script's `JSON.parse("…")` calls whose string is JSON."""
    out: list[Any] = []
    for m in _PARSE.finditer(text):
        body = m.group(2)
        if m.group(1) == "'":  # a single-quoted literal: as a double-quoted one
            body = re.sub(r'\\\'|"', lambda q: "'" if q.group() == "\\'" else '\\"', body)
        try:
            out.append(json.loads(json.loads(f'"{body}"')))
        except (ValueError, RecursionError):
            continue
        if len(out) >= _MAX_LITERALS:
            break
    return out


def _literals(text: str, *, whole: bool) -> list[Any]:
    """The JSON values the script's text holds: the whole text (a JSON data block), or each array
    or object literal after `=`, `(`, `,` or `:` (the longest first: one inside another is skipped)."""
    if whole:
        try:
            return [json.loads(text)]
        except ValueError:
            return []
    decoder = json.JSONDecoder()
    out: list[Any] = _parsed_strings(text) if "JSON.parse" in text else []
    end = tries = scanned = 0
    for m in _START.finditer(text):
        if m.end() < end:
            continue
        tries += 1
        if tries > _MAX_TRIES or len(out) >= _MAX_LITERALS:
            break
        try:
            value, stop = decoder.raw_decode(text, m.end())
        except json.JSONDecodeError as e:
            scanned += e.pos - m.end()
            if scanned > _MAX_SCANNED:
                break
            continue
        except RecursionError:  # arrays nested thousands deep: no table
            continue
        out.append(value)
        end = stop
    return out


def _tables_in(values: list[Any]) -> list[list[list[Any]]]:
    found: list[list[list[Any]]] = []

    def visit(v: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        rows = _rows(v)
        if rows is not None:
            found.append(rows)
            return
        if isinstance(v, dict):
            for x in v.values():
                visit(x, depth + 1)
        elif isinstance(v, list):
            for x in v:
                visit(x, depth + 1)

    for v in values:
        visit(v, 0)
    return found


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _cell(v: Any) -> bool:
    return _scalar(v) or (isinstance(v, dict) and any(k in v and _scalar(v[k]) for k in _TEXT_KEYS))


def _rows(v: Any) -> list[list[Any]] | None:
    """`v` as a table's rows of cells (scalars, or cell objects with spans), or None."""
    if not isinstance(v, list) or len(v) < 2:
        return None
    if all(isinstance(r, list) and all(_cell(c) for c in r) for r in v):
        rows = v
    elif all(isinstance(r, dict) and r and all(_scalar(x) or (isinstance(x, list) and all(_scalar(y) for y in x))
                                               for x in r.values()) for r in v):
        # a row object: its values in order, a list of values spread over cells
        rows = [[y for x in r.values() for y in (x if isinstance(x, list) else [x])] for r in v]
    else:
        return None
    cells = [c for r in rows for c in r]
    if len(cells) > _MAX_SLOTS or max(len(r) for r in rows) < 2:
        return None
    texts = [_text(c) for c in cells]
    if not any(_CJK.search(t) for t in texts) or not any(_NUMBER.match(t) for t in texts):
        return None
    return rows


def _text(c: Any) -> str:
    if isinstance(c, dict):
        c = next((c[k] for k in _TEXT_KEYS if k in c), "")
    if c is None or isinstance(c, bool):
        return "" if c is None else str(c)
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return str(c)


def _span(c: Any, keys: tuple[str, ...]) -> int:
    if not isinstance(c, dict):
        return 1
    for k in keys:
        try:
            return max(1, min(int(c[k]), 200))
        except (KeyError, TypeError, ValueError):
            continue
    return 1


def _element(rows: list[list[Any]]) -> Any:
    table = lxml.html.Element("table")
    for r in rows:
        tr = lxml.html.Element("tr")
        for c in r:
            td = lxml.html.Element("td")
            td.text = _text(c)
            for attr, keys in (("rowspan", _ROWSPAN), ("colspan", _COLSPAN)):
                n = _span(c, keys)
                if n > 1:
                    td.set(attr, str(n))
            tr.append(td)
        table.append(tr)
    return table


def _targets(root: Any, text: str, script: Any) -> list[Any]:
    """The empty elements the script names by id, in the order it names them."""
    out: list[Any] = []
    for name in dict.fromkeys(_ID.findall(text)):
        hits = [e for e in root.xpath("//*[@id=$i]", i=name) if e is not script and e.tag != "script"]
        if hits and not hits[0].text_content().strip() and not len(hits[0]):
            out.append(hits[0])
    return out
