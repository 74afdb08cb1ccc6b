"""Layouts for the variant generator: the same printed tables as pipe, markdown, tab, one cell
per line, space-aligned PDF text, or HTML — each one a layout found in published reports.

Damage stays honest: a person reading the output sees the same table (a blank or a dash where
the report prints nothing for 0, full-width digits, a label wrapped onto the next line, a page
footer between two rows, empty columns that are empty in every row).
"""

from __future__ import annotations

import html
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._tables import BALANCE_NOTE, HEADINGS, Cell, Table, grid

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Style:
    """How values are printed."""

    blank_zero: bool = False  # a 0 printed as an empty cell
    dash_zero: bool = False  # a 0 printed as — or /
    fullwidth: bool = False  # digits as ０１２…
    thousands: bool = False  # 1,234
    extra_columns: int = 0  # empty columns inserted in every row of a table
    page_break: bool = False  # a page footer between two rows of 表三
    wrap: bool = False  # long labels wrapped onto a second line (PDF text)
    formfeed: bool = False  # page breaks carry a form feed
    dash: str = "—"
    nbsp_blank: bool = False  # one cell per line: an empty cell as a line holding &nbsp; (U+00A0)

    def value(self, cell: Cell) -> str:
        v = cell.value
        if v == 0 and self.blank_zero:
            return ""
        if v == 0 and self.dash_zero:
            return self.dash
        if isinstance(v, Decimal) or isinstance(v, float):
            text = format(Decimal(str(v)), "f")
        elif self.thousands and isinstance(v, int) and abs(v) >= 1000:
            text = f"{v:,}"
        else:
            text = str(v)
        return text.translate(_FULLWIDTH) if self.fullwidth else text

    def text(self, cell: Cell | None) -> str:
        if cell is None:
            return ""
        return self.value(cell) if cell.key is not None else cell.text


def _cols(table: Table, style: Style, rng: random.Random) -> list[list[str]]:
    """The table's grid as text, with the style's empty columns inserted at fixed positions."""
    rows = [[style.text(c) for c in row] for row in grid(table)]
    width = len(rows[0])
    spots = sorted(rng.randrange(1, width + 1) for _ in range(style.extra_columns))
    for at in reversed(spots):
        for row in rows:
            row.insert(at, "")
    return rows


def pipe(sections: list[tuple[str, Table]], style: Style, rng: random.Random, *, markdown: bool = False) -> str:
    out = []
    for sec, table in sections:
        out.append(HEADINGS[sec])
        if sec == "三":
            out.append(BALANCE_NOTE)
        rows = _cols(table, style, rng)
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        if markdown:
            lines.insert(1, "|" + "---|" * len(rows[0]))
            out.append("")
        out.extend(lines)
        out.append("")
    return "\n".join(out)


def tab(sections: list[tuple[str, Table]], style: Style, rng: random.Random) -> str:
    out = []
    for sec, table in sections:
        out.append(HEADINGS[sec])
        rows = _cols(table, style, rng)
        for i, row in enumerate(rows):
            if style.page_break and sec == "三" and i == len(rows) // 2:
                out.append(_footer(rng, style))
            out.append("\t".join(row))
        out.append("")
    return "\n".join(out)


def one_per_line(sections: list[tuple[str, Table]], style: Style, rng: random.Random) -> str:
    """Each cell on its own line (indented by a tab), a blank line between rows: copied from Word."""
    out = []
    for sec, table in sections:
        out += [HEADINGS[sec], ""]
        for row in table:
            cells = [style.text(c) for c in row]
            out += ["\xa0" if style.nbsp_blank and not t else "\t" + t for t in cells]
            out.append("")
    return "\n".join(out)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(width - _width(text), 0)
    return fill + text if right else text + fill


def _footer(rng: random.Random, style: Style) -> str:
    page = rng.randint(3, 9)
    return f"- {page} -" + ("\n\f" if style.formfeed else "")


def pdf_text(sections: list[tuple[str, Table]], style: Style, rng: random.Random) -> str:
    """Space-aligned text as a PDF's text layer gives it: labels left, values in fixed columns."""
    out = []
    for sec, table in sections:
        out.append(HEADINGS[sec])
        data_rows = [i for i, row in enumerate(table) if any(c.key for c in row)]
        # labels padded to one width so that the value columns line up (a blank cell stays
        # visible as a gap); with `wrap`, long labels break onto a second line instead
        widest = max([_width(" ".join(c.text for c in row if c.key is None and c.text)) for row in table
                      if any(c.key for c in row)] + [0])
        label_w = 0 if sec == "四" else (34 if style.wrap else widest + 2)
        # every value column as wide as the table's widest value plus two spaces, so that
        # neighbouring numbers never touch (full-width digits are two columns wide)
        col_w = max([8] + [_width(style.value(c)) + 2 for row in table for c in row if c.key])
        break_at = rng.choice(data_rows[len(data_rows) // 3: 2 * len(data_rows) // 3] or data_rows) if (
            style.page_break and sec == "三") else -1
        for i, row in enumerate(table):
            if i == break_at:
                out.append(_footer(rng, style))
            labels = [c.text for c in row if c.key is None]
            values = [style.value(c) for c in row if c.key is not None]
            if not values:  # a header row: its words, spaced as the PDF placed them
                out.append("  ".join(t for t in labels if t))
                continue
            label = " ".join(t for t in labels if t)
            cells = "".join(_pad(v, col_w, right=True) for v in values)
            if style.wrap and _width(label) > label_w and label_w:
                pieces = []
                while label:
                    cut = _cut(label, label_w)
                    pieces.append(label[:cut])
                    label = label[cut:]
                if rng.random() < 0.5:  # numbers on the first line, the label's tail below
                    out += [_pad(pieces[0], label_w) + cells, *pieces[1:]]
                else:  # the label's head alone, the numbers with its last piece
                    out += [*pieces[:-1], _pad(pieces[-1], label_w) + cells]
            else:
                out.append(_pad(label, label_w) + cells if label_w else cells)
        out.append("")
    return "\n".join(out)


def _cut(label: str, width: int) -> int:
    """Where a label breaks to fit `width` display columns."""
    w = 0
    for i, ch in enumerate(label):
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w > width:
            return i
    return len(label)


def html_tables(sections: list[tuple[str, Table]], style: Style, rng: random.Random) -> str:
    """HTML tables with rowspan/colspan; an empty cell is `&nbsp;`, as editors write it."""
    out = []
    for sec, table in sections:
        out.append(f"<p><strong>{html.escape(HEADINGS[sec])}</strong></p>")
        out.append('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">')
        for row in table:
            out.append("<tr>")
            for c in row:
                attrs = "".join(f' {k}="{n}"' for k, n in (("rowspan", c.rowspan), ("colspan", c.colspan)) if n > 1)
                text = html.escape(style.text(c)) or "&nbsp;"
                if c.key is None and rng.random() < 0.3:
                    text = f"<p style=\"text-align:center\"><span>{text}</span></p>"
                out.append(f"<td{attrs}>{text}</td>")
            out.append("</tr>")
        out.append("</table>")
    return "\n".join(out)


LAYOUTS: dict[str, Any] = {
    "pipe": pipe,
    "markdown": lambda s, st, r: pipe(s, st, r, markdown=True),
    "tab": tab,
    "one-cell-per-line": one_per_line,
    "pdf-text": pdf_text,
    "html": html_tables,
}
