"""An RTF writer for generated and probe reports: prose paragraphs and the report's tables as
RTF tables, as Word or WPS saves them (deterministic for a given `random.Random`)."""

from __future__ import annotations

import random
from typing import Callable

from ..printed import HEADINGS, Cell, Table, grid


def placed(table: Table) -> tuple[list[list[Cell | None]], dict[tuple[int, int], tuple[Cell, int, int]]]:
    """The table's grid and, for every slot, the cell covering it with the cell's first slot."""
    g = grid(table)
    owner: dict[tuple[int, int], tuple[Cell, int, int]] = {}
    for r, row in enumerate(g):
        for c, cell in enumerate(row):
            if cell is not None:
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        owner[(r + dr, c + dc)] = (cell, r, c)
    return g, owner


def column_edges(g: list[list[Cell | None]], owner: dict[tuple[int, int], tuple[Cell, int, int]],
                 rng: random.Random) -> list[int]:
    """Each column's right edge in twips, as a writer sets them: wide label columns, then number
    columns of slightly varying width (the RTF and Word 97 writers place cells on these)."""
    width = len(g[0])
    labels = sum(1 for c in range(width) if all((owner[(r, c)][0].key is None) for r in range(len(g)) if (r, c) in owner))
    edges, x = [], 0
    for c in range(width):
        x += 1500 if c < labels else rng.choice([620, 640, 700])
        edges.append(x)
    return edges


def rtf_text(s: str, mode: str) -> str:
    """Text as an RTF writer escapes it: `\\uN?` ("u", Word), `\\uc2\\uN\\'xx\\'xx` with a GBK
    fallback ("u+gbk"), or GBK bytes ("gbk", WPS)."""
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\line ")
        elif ord(ch) < 128:
            out.append(ch)
        elif mode == "gbk":
            out.append("".join(f"\\'{b:02x}" for b in ch.encode("gb18030")))
        else:
            n = ord(ch) if ord(ch) < 32768 else ord(ch) - 65536
            if mode == "u":
                out.append(f"\\u{n}?")
            else:
                out.append(f"{{\\uc2\\u{n}" + "".join(f"\\'{b:02x}" for b in ch.encode("gb18030")[:2]) + "}")
    return "".join(out)


def rtf_report(title: str, before: str, after: str, sections: list[tuple[str, Table]], cell_text: Callable[[Cell], str],
               rng: random.Random, *, mode: str, style: str) -> str:
    """The report as an RTF file's text (ASCII): prose paragraphs, the tables on their grid
    (label columns wider), merges written as Word does (a wide cell, `\\clvmgf`/`\\clvmrg`) or,
    for "wps" and now and then for "word", as `\\clmgf`/`\\clmrg` runs; "word" repeats each row's
    definition before `\\row`. `cell_text` prints a value cell."""
    hmerge = style == "wps" or rng.random() < 0.3
    out = ["{\\rtf1\\adeflang1025\\ansi\\ansicpg936\\uc1\\adeff0\\deff0\\stshfdbch13\\deflang1033\\deflangfe2052",
           "{\\fonttbl{\\f0\\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}",
           "{\\f13\\fbidi \\fnil\\fcharset134\\fprq2{\\*\\panose 02010600030101010101}" + rtf_text("宋体", "gbk") + "{\\*\\falt SimSun};}}",
           "{\\colortbl;\\red0\\green0\\blue0;\\red255\\green255\\blue255;}",
           "{\\*\\generator " + ("Microsoft Word 16" if style == "word" else "WPS Office") + ";}",
           "{\\info{\\title " + rtf_text(title, "gbk") + "}{\\author admin}{\\creatim\\yr2021\\mo1\\dy5}}",
           "{\\*\\xmlnstbl {\\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}",
           "\\paperw11906\\paperh16838\\margl1800\\margr1800\\margt1440\\margb1440",
           "{\\header \\pard\\plain \\qc " + rtf_text(title[:6] + "页眉", mode) + "\\par}"]
    run = "\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\hich\\af13\\dbch\\af13\\loch\\f13 "

    def para(text: str, align: str = "qj") -> None:
        out.append(f"\\pard\\plain \\ltrpar\\{align}\\li0\\ri0\\nowidctlpar\\wrapdefault\\faauto\\rin0\\lin0\\itap0 "
                   f"{{{run}{rtf_text(text, mode)}}}\\par")

    if not before.lstrip().startswith(title[:6]):
        before = title + "\n" + before
    for line in before.splitlines():
        if line.strip():
            para(line.strip())
    border = "\\clbrdrt\\brdrs\\brdrw10 \\clbrdrl\\brdrs\\brdrw10 \\clbrdrb\\brdrs\\brdrw10 \\clbrdrr\\brdrs\\brdrw10 "
    for sec, table in sections:
        para(HEADINGS[sec], "ql")
        g, owner = placed(table)
        width = len(g[0])
        edges = column_edges(g, owner, rng)
        for r in range(len(g)):
            defs, cells = [], []
            c = 0
            while c < width:
                cell, r0, c0 = owner[(r, c)]
                vm = "" if cell.rowspan == 1 else ("\\clvmgf" if r0 == r else "\\clvmrg")
                text = (cell_text(cell) if cell.key is not None else cell.text) if r0 == r else ""
                if hmerge and cell.colspan > 1:
                    for k in range(cell.colspan):
                        mark = "\\clmgf" if k == 0 else "\\clmrg"
                        defs.append(f"\\clvertalc{border}{vm}{mark}\\cellx{edges[c + k]}")
                        cells.append(text if k == 0 else "")
                else:
                    defs.append(f"\\clvertalc{border}{vm}\\cltxlrtb\\clftsWidth3\\cellx{edges[c + cell.colspan - 1]}")
                    cells.append(text)
                c += cell.colspan
            rowd = f"\\trowd \\irow{r}\\irowband{r}\\ltrrow\\ts11\\trgaph108\\trleft-108" + "".join(defs)
            body = "".join(f"\\pard\\plain \\ltrpar\\qc \\li0\\ri0\\widctlpar\\intbl\\wrapdefault\\faauto\\rin0\\lin0 "
                           f"{{{run}{rtf_text(t, mode)}}}\\cell " for t in cells)
            if style == "word":
                out.append(rowd + "\n" + body + "\\pard\\plain \\ltrpar\\ql \\widctlpar\\intbl\\wrapdefault {"
                           + run + rowd + "\\row }")
            else:
                out.append(rowd + "\n" + body + "\\row ")
        out.append("\\pard\\plain \\ltrpar\\ql {\\par}")
    for line in after.splitlines():
        if line.strip():
            para(line.strip())
    out.append("{\\*\\themedata 504b030414000600}{\\*\\datastore 0105000002000000}}")
    return "\r\n".join(out)
