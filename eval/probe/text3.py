"""Round 3: text forms (issue 11)

Web pages flattened to text, PDF text layers, OCR text and pastes, printed in ways the round-2
families above and the generator do not: pdftotext's wide columns, rows read in other orders,
odd whitespace and characters, OCR letters in numbers, labels joined to their parent, other
captions, decimals and signs, escaped Markdown, HTML entities left in text.
(`ocr-letters-glued` was written later, with round 4's pages; it is listed with these.)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from extractor import catalogue
from extractor.printed import Cell, HEADINGS

from ._common import Ctx, WIDE, grid_text, page, plain, tab_tables
from .pastes2 import _CIRCLED


def _width(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _value_rows(ctx: Ctx) -> list[tuple[str, list[str], list[str]]]:
    """Every table's value rows: (section, label parts, printed numbers); header rows skipped."""
    out = []
    for sec, table in ctx.sections:
        for row in table:
            labels = [c.text for c in row if c.key is None and c.text]
            nums = [plain(c.value) for c in row if c.key is not None]
            if nums:
                out.append((sec, labels, nums))
    return out


def _rows_text(ctx: Ctx, row: Callable[[str, list[str], list[str]], list[str]],
               heading: Callable[[str], str] = lambda s: HEADINGS[s], sep: str = "\n") -> str:
    out = []
    for sec, table in ctx.sections:
        out.append(heading(sec))
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if nums:
                out += row(sec, labels, nums)
            elif sec == "二" or (sec == "四" and labels):
                out.append(" ".join(labels))
        out.append("")
    return sep.join(out)


def pdftotext_wrapped(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext -layout`: wide right-aligned columns, a long label wrapped over 2–3 lines with
    the numbers on its middle or last line, 表三's header words wrapped into lines above."""
    rng = ctx.rng
    wrap = rng.choice([8, 10, 12])
    where = rng.choice(["middle", "last"])
    colw = rng.choice([8, 10])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec == "三":
            out += ["                                         申请人情况",
                    "                              自然人      法人或其他组织                              总计",
                    "                                   商业    科研    社会公    法律服    其他",
                    "                                   企业    机构    益组织    务机构"]
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if not nums:
                if sec in ("二", "四"):
                    out.append(" ".join(labels))
                continue
            label = labels[-1] if labels else ""
            chunks = [label[i:i + wrap] for i in range(0, len(label), wrap)] or [""]
            at = (len(chunks) - 1) // 2 if where == "middle" else len(chunks) - 1
            numtext = "".join(("  " + n).rjust(colw) for n in nums)
            for i, ch in enumerate(chunks):
                line = "  " + ch
                if i == at:
                    line += " " * max(2, 30 - _width(line)) + numtext
                out.append(line.rstrip())
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def numbers_first(ctx: Ctx) -> tuple[str, str]:
    """PDF text extracted with the numbers before the label on each row's line."""
    sep = ctx.rng.choice([" ", "  "])
    return page(ctx, _rows_text(ctx, lambda sec, labels, nums: [sep.join(nums) + "  " + "".join(labels)])), ".txt"


def numbers_next_line(ctx: Ctx) -> tuple[str, str]:
    """PDF text with each row's label on one line and its numbers on the next."""
    sep = ctx.rng.choice([" ", "  "])
    return page(ctx, _rows_text(ctx, lambda sec, labels, nums: ["".join(labels), sep.join(nums)])), ".txt"


def numbers_wrapped(ctx: Ctx) -> tuple[str, str]:
    """One row's numbers wrapped onto two lines (a narrow page): the first few, then the rest."""
    rng = ctx.rng

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        if len(nums) >= 5 and rng.random() < 0.4:
            k = rng.randint(2, len(nums) - 2)
            return ["".join(labels) + "  " + "  ".join(nums[:k]), "  ".join(nums[k:])]
        return ["".join(labels) + "  " + "  ".join(nums)]
    return page(ctx, _rows_text(ctx, row)), ".txt"


def labels_then_rows(ctx: Ctx) -> tuple[str, str]:
    """A table read column by column by the text layer: 表三's labels all first, then each row's
    numbers on its own line in the same order."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec != "三":
            for r in table:
                labels = [c.text for c in r if c.key is None and c.text]
                nums = [plain(c.value) for c in r if c.key is not None]
                out.append(" ".join(labels) + ("  " + "  ".join(nums) if nums else ""))
            out.append("")
            continue
        rows = [([c.text for c in r if c.key is None and c.text], [plain(c.value) for c in r if c.key is not None])
                for r in table]
        rows = [(l, n) for l, n in rows if n]
        out += ["".join(l) for l, _ in rows]
        out += ["  ".join(n) for _, n in rows]
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_ODD_SPACES = ["\u00a0", "\u2002", "\u2003", "\u3000", "\u00a0\u00a0", "\u2003\u2003", " \u00a0"]


def odd_spaces(ctx: Ctx) -> tuple[str, str]:
    """Cells set apart by NBSP, en/em spaces or U+3000 (varying), zero-width spaces and soft
    hyphens inside the labels."""
    rng = ctx.rng

    def junk(s: str) -> str:
        out = []
        for ch in s:
            out.append(ch)
            if rng.random() < 0.08:
                out.append(rng.choice(["\u200b", "\u00ad", "\u200b", "\ufeff"]))
        return "".join(out)

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        sep = rng.choice(_ODD_SPACES)
        return [junk("".join(labels)) + sep + sep.join(nums)]
    return page(ctx, _rows_text(ctx, row)), ".txt"


def cr_line_ends(ctx: Ctx) -> tuple[str, str]:
    """Old Mac `\\r` line ends (or `\\r\\n`), cells apart by tabs mixed with spaces."""
    rng = ctx.rng
    eol = rng.choice(["\r", "\r\n", "\r"])

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        text = "".join(labels)
        for n in nums:
            text += rng.choice(["\t", " \t", "\t ", "\t\t"]) + n
        return [text]
    return page(ctx, _rows_text(ctx, row)).replace("\n", eol), ".txt"


_HALF_PUNCT = str.maketrans({"（": "(", "）": ")", "、": ",", "：": ":"})


def fullwidth_forms(ctx: Ctx) -> tuple[str, str]:
    """Full-width digits in the numbers and labels (`１．`, `１２`), half-width brackets in the
    labels (`(一)予以公开`), cells apart by U+3000 or two spaces."""
    rng = ctx.rng
    half = rng.random() < 0.5
    sep = rng.choice(["\u3000", "  "])

    def lab(s: str) -> str:
        s = re.sub(r"^(\d)\.", lambda m: m.group(1).translate(WIDE) + "．", s)
        return s.translate(_HALF_PUNCT) if half else s

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        return ["".join(lab(x) for x in labels) + sep + sep.join(n.translate(WIDE) for n in nums)]
    return page(ctx, _rows_text(ctx, row)), ".txt"


def box_drawing(ctx: Ctx) -> tuple[str, str]:
    """A text-mode table: `│`/`┃` between cells, `━━━`/`───` rules between rows."""
    rng = ctx.rng
    bar, rule = rng.choice([("│", "─"), ("┃", "━"), ("|", "-")])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        out.append(("┌" if bar == "│" else "") + rule * 40)
        for r in grid_text(table, lambda c: plain(c.value)):
            out.append(bar + bar.join(f" {x} " if x else "   " for x in r) + bar)
            if rng.random() < 0.5:
                out.append(rule * 40)
        out.append(rule * 40)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_OCR_LETTERS = {"0": ["O", "o"], "1": ["l", "I"]}


def ocr_letters(ctx: Ctx) -> tuple[str, str]:
    """OCR text: now and then O/o for 0 or l/I for 1 inside a number (a person reads the digit;
    the reader must doubt it, never take a letter silently), numbers two spaces apart."""
    rng = ctx.rng

    def num(n: str) -> str:
        if len(n) >= 2 and rng.random() < 0.25:
            i = rng.randrange(1, len(n))
            if n[i] in _OCR_LETTERS:
                return n[:i] + rng.choice(_OCR_LETTERS[n[i]]) + n[i + 1:]
        return n

    return page(ctx, _rows_text(ctx, lambda sec, labels, nums: ["".join(labels) + "  " + "  ".join(num(n) for n in nums)])), ".txt"


def ocr_spacing(ctx: Ctx) -> tuple[str, str]:
    """OCR text: a doubled space between cells, a space inside a label, `。` or `，` as the
    thousands separator of a number."""
    rng = ctx.rng

    def num(n: str) -> str:
        if n.isdigit() and len(n) >= 4:
            return f"{int(n):,}".replace(",", rng.choice(["，", ","]))
        return n

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        label = "".join(labels)
        if len(label) > 4 and rng.random() < 0.3:
            i = rng.randrange(2, len(label) - 1)
            label = label[:i] + " " + label[i:]
        return [label + "  " + "".join(num(n) + rng.choice(["  ", "   ", "  "]) for n in nums).rstrip()]
    return page(ctx, _rows_text(ctx, row)), ".txt"


def parent_joined(ctx: Ctx) -> tuple[str, str]:
    """Each row's label printed whole with its parents joined (`三、本年度办理结果（一）予以公开`,
    `（三）不予公开1.属于国家秘密`), numbers spaced, one row a line."""
    sep = ctx.rng.choice([" ", "  ", "\t"])
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        parents: dict[int, str] = {}
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if sec == "三":
                if labels and labels[0].startswith("三、"):
                    parents = {0: labels[0]}
                    labels = labels[1:]
                if labels and re.match(r"（[三四五六]）", labels[0]) and len(labels) > 1:
                    parents[1] = labels[0]
                    labels = labels[1:]
                if labels and re.match(r"（[一二七]）", labels[0]):
                    parents.pop(1, None)
                if labels and labels[0].startswith("四、"):
                    parents = {}
                full = "".join(parents.get(k, "") for k in (0, 1)) + "".join(labels) if nums and parents and not (
                    labels and labels[0].startswith(("一、", "二、", "四、"))) else "".join(labels)
            else:
                full = " ".join(labels)
            if nums:
                out.append(full + sep + sep.join(nums))
            elif sec != "三":
                out.append(full)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def sub_numbering(ctx: Ctx) -> tuple[str, str]:
    """Sub-rows numbered `1．`, `(1)` or `①` in flattened text, cells one space apart."""
    rng = ctx.rng
    style = rng.choice(["wide-dot", "halfparen-both", "circled"])

    def lab(s: str) -> str:
        m = re.match(r"(\d)\.(.+)", s)
        if not m:
            return s
        k, rest = int(m.group(1)), m.group(2)
        return {"wide-dot": f"{k}．{rest}", "halfparen-both": f"({k}){rest}", "circled": f"{_CIRCLED[k - 1]}{rest}"}[style]

    return page(ctx, _rows_text(ctx, lambda sec, labels, nums: ["".join(lab(x) for x in labels) + " " + " ".join(nums)],
                                sep=" ")), ".txt"


_CAPTIONS = {
    "二": ["表2 主动公开政府信息情况", "附表一：主动公开政府信息情况", "（二）主动公开政府信息情况", "表二"],
    "三": ["表3 收到和处理政府信息公开申请情况", "附表二：收到和处理政府信息公开申请情况", "（三）收到和处理政府信息公开申请情况", "表三"],
    "四": ["表4 政府信息公开行政复议、行政诉讼情况", "附表三：政府信息公开行政复议、行政诉讼情况", "（四）政府信息公开行政复议、行政诉讼情况", "表四"],
}


def captions(ctx: Ctx) -> tuple[str, str]:
    """The tables under captions (`表3 …`, `附表二：…`, `（三）收到和处理…情况`, `表四`) instead of
    the format's headings, rows two spaces apart."""
    k = ctx.rng.randrange(4)
    return page(ctx, _rows_text(ctx, lambda sec, labels, nums: ["".join(labels) + "  " + "  ".join(nums)],
                                heading=lambda s: _CAPTIONS[s][k])), ".txt"


def header_same_line(ctx: Ctx) -> tuple[str, str]:
    """Each table's header words on the same line as its first data row (a PDF text layer that
    merged the two lines)."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        head: list[str] = []
        first = True
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if not nums:
                if sec == "二" and labels and labels[0].startswith("第二十条"):
                    out.append(labels[0])
                    first = True
                    head = []
                    continue
                head += labels
                continue
            line = "".join(labels) + "  " + "  ".join(nums)
            if head and (first or sec != "二"):
                line = " ".join(head) + " " + line
                head = []
            first = False
            out.append(line)
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def fee_decimals(ctx: Ctx) -> tuple[str, str]:
    """Amounts as accounts print them: `1,234.56`, `0.00`, `5949.09万元`, counts plain, tab rows."""
    rng = ctx.rng

    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, Decimal):
            text = f"{v:,f}" if v >= 1000 and rng.random() < 0.6 else plain(v)
            if v == 0:
                text = rng.choice(["0.00", "0.0", "0"])
            return text + rng.choice(["", "万元"])
        return plain(v)
    return page(ctx, tab_tables(ctx, cell, sep=rng.choice(["\t", "  "]))), ".txt"


def table2_reordered(ctx: Ctx) -> tuple[str, str]:
    """表二's rows in another order (许可/处罚/强制 first, then 规章/规范性文件, 收费 last or
    first), each row with its numbers two spaces apart, no 第二十条 lines."""
    rng = ctx.rng
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        rows = [([c.text for c in r if c.key is None and c.text], [plain(c.value) for c in r if c.key is not None])
                for r in table]
        if sec == "四":
            out += [" ".join(l) for l, n in rows if not n]
        rows = [(l, n) for l, n in rows if n]
        if sec == "二":
            rng.shuffle(rows)
        for l, n in rows:
            out.append("".join(l) + "  " + "  ".join(n))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def signed_changes(ctx: Ctx) -> tuple[str, str]:
    """2019 表二's 本年增/减 with a sign always (`+5`, `＋5`, `－3`, `—3`, `+0`), rows spaced."""
    rng = ctx.rng
    plus, minus = rng.choice([("+", "-"), ("＋", "－"), ("+", "—"), ("＋", "-")])

    def cell(c: Cell) -> str:
        v = c.value
        if c.key and c.key.endswith(".change") and isinstance(v, int):
            return (plus if v >= 0 else minus) + str(abs(v)) if v != 0 or rng.random() < 0.5 else "0"
        return plain(v)

    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [cell(c) for c in r if c.key is not None]
            if nums:
                out.append("".join(labels) + "  " + "  ".join(nums))
            elif sec != "三":
                out.append(" ".join(labels))
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


def escaped_pipes(ctx: Ctx) -> tuple[str, str]:
    """Markdown pasted through an editor that escapes pipes: `\\| 行政许可 \\| 5 \\| 0 \\|`."""
    body = tab_tables(ctx, lambda c: plain(c.value), sep=" \\| ")
    lines = [("\\| " + ln + " \\|") if "\\|" in ln else ln for ln in body.split("\n")]
    return page(ctx, "\n".join(lines)), ".txt"


def html_entities_text(ctx: Ctx) -> tuple[str, str]:
    """Text scraped with its HTML entities left in: `&nbsp;` or `&#12288;` between cells,
    `&ldquo;三安全一稳定&rdquo;`, `&amp;`."""
    rng = ctx.rng
    ent = rng.choice(["&nbsp;", "&#12288;", "&nbsp;&nbsp;", "&#160;", "&emsp;"])

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        label = "".join(labels).replace("“", "&ldquo;").replace("”", "&rdquo;")
        return [label + ent + ent.join(nums)]
    return page(ctx, _rows_text(ctx, row)), ".txt"


def bold_flat(ctx: Ctx) -> tuple[str, str]:
    """Markdown paragraphs (no table): each row a line, its numbers wrapped in `**` now and then."""
    rng = ctx.rng

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        return ["".join(labels) + " " + " ".join(f"**{n}**" if rng.random() < 0.4 else n for n in nums), ""]
    return page(ctx, _rows_text(ctx, row)), ".md"


def semicolon_csv(ctx: Ctx) -> tuple[str, str]:
    """A spreadsheet exported with `;` between cells (a European-locale CSV)."""
    return page(ctx, tab_tables(ctx, lambda c: plain(c.value), sep=";")), ".txt"


def flat_one_line(ctx: Ctx) -> tuple[str, str]:
    """The whole report one line, every cell one space apart, then NBSP after each label."""
    rng = ctx.rng

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        return ["".join(labels) + "\u00a0" + rng.choice([" ", "\u00a0"]).join(nums)]
    body = _rows_text(ctx, row, sep=" ")
    return ctx.before.replace("\n", " ") + " " + body + " " + ctx.after.replace("\n", " ") + "\n", ".txt"


def _spaced_with_table4(ctx: Ctx, table4: Callable[[], list[str]]) -> str:
    """PDF-text-like spaced rows for 表二 and 表三, with 表四's lines as `table4` prints them."""
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec == "四":
            out += table4()
            continue
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [plain(c.value) for c in r if c.key is not None]
            if nums:
                out.append("".join(labels) + "  " + "  ".join(nums))
            elif sec == "二":
                out.append(" ".join(labels))
        out.append("")
    return "\n".join(out)


def table4_column_words(ctx: Ctx) -> tuple[str, str]:
    """表四 in PDF text: each group's name, its five column words and five numbers on one line."""
    def table4() -> list[str]:
        v, out = ctx.values, []
        names = ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")
        for g, name in zip(catalogue.APPEAL_GROUPS, names):
            out.append(name + " 结果维持 结果纠正 其他结果 尚未审结 总计")
            out.append("  ".join(str(v[f"{g}.{c}"]) for c in catalogue.APPEAL_CELLS))
        return out
    return page(ctx, _spaced_with_table4(ctx, table4)), ".txt"


def table4_bare(ctx: Ctx) -> tuple[str, str]:
    """表四 with no header words: its 15 numbers straight under its section heading, on one line
    or one group a line (the other tables spaced rows)."""
    per_line = ctx.rng.choice((15, 5))

    def table4() -> list[str]:
        nums = [str(ctx.values[f"{g}.{c}"]) for g in catalogue.APPEAL_GROUPS for c in catalogue.APPEAL_CELLS]
        return [" ".join(nums[i:i + per_line]) for i in range(0, 15, per_line)]
    return page(ctx, _spaced_with_table4(ctx, table4)), ".txt"


_OCR_GLYPHS = {"0": ["O", "o"], "1": ["l", "I"]}


def ocr_letters_glued(ctx: Ctx) -> tuple[str, str]:
    """OCR text with the first number glued to its row's label and look-alike letters for digits,
    lone ones too (`本年新收政府信息公开申请数量l2 0 O 3`): the reader must doubt a letter, never
    take it silently nor lose the row; cells one space apart."""
    rng = ctx.rng

    def num(n: str) -> str:
        if rng.random() < 0.3 and any(ch in _OCR_GLYPHS for ch in n):
            i = rng.choice([k for k, ch in enumerate(n) if ch in _OCR_GLYPHS])
            return n[:i] + rng.choice(_OCR_GLYPHS[n[i]]) + n[i + 1:]
        return n

    def row(sec: str, labels: list[str], nums: list[str]) -> list[str]:
        return ["".join(labels) + " ".join(num(n) for n in nums)]
    return page(ctx, _rows_text(ctx, row)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "pdftotext-wrapped": pdftotext_wrapped,
    "numbers-first": numbers_first,
    "numbers-next-line": numbers_next_line,
    "numbers-wrapped": numbers_wrapped,
    "labels-then-rows": labels_then_rows,
    "odd-spaces": odd_spaces,
    "cr-line-ends": cr_line_ends,
    "fullwidth-forms": fullwidth_forms,
    "box-drawing": box_drawing,
    "ocr-letters": ocr_letters,
    "ocr-spacing": ocr_spacing,
    "parent-joined": parent_joined,
    "sub-numbering": sub_numbering,
    "captions": captions,
    "header-same-line": header_same_line,
    "fee-decimals": fee_decimals,
    "table2-reordered": table2_reordered,
    "signed-changes": signed_changes,
    "escaped-pipes": escaped_pipes,
    "html-entities-text": html_entities_text,
    "bold-flat": bold_flat,
    "semicolon-csv": semicolon_csv,
    "flat-one-line": flat_one_line,
    "table4-column-words": table4_column_words,
    "table4-bare": table4_bare,
    "ocr-letters-glued": ocr_letters_glued,
}
