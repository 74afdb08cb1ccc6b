"""OCR text of tables (issue 11, ocrtext9)

What Tesseract, PaddleOCR, ABBYY, WPS 图片转文字 or a phone app print from a scanned table: the
vertical rules read as glyphs between cells (`本年新收 I 5 I 0 l 3`, sometimes as the digit `1`),
a cell read into the next line, rows a little out of order, look-alike CJK characters in a label,
Chinese punctuation after numbers, `O`/`〇` for zero, `—`/`一` for a blank or a minus, a space
inside a number from character segmentation.
"""

from __future__ import annotations

from typing import Any, Callable

from extractor.printed import Cell, HEADINGS

from ._common import Ctx, page, plain
from .text7 import _changes_drawn


_O9_RULES = ["|", "I", "l", "丨", "｜", "!", "[", "]"]
_O9_CJK = {"请": "清", "公": "云", "申": "中", "政": "攻", "复": "夏", "议": "仪", "诉": "拆", "开": "幵"}


def _o9_value_lines(ctx: Ctx, cell: Callable[[Cell], str] = lambda c: plain(c.value)) -> list[tuple[str, str, list[str]]]:
    """(section, label, printed cells) of every value row, or (section, heading/label, []) for the
    lines a printed table shows without numbers (the heading, 表二's and 表四's header rows)."""
    out: list[tuple[str, str, list[str]]] = []
    for sec, table in ctx.sections:
        out.append((sec, HEADINGS[sec], []))
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [cell(c) for c in r if c.key is not None]
            if nums:
                out.append((sec, "".join(labels), nums))
            elif sec != "三":
                out.append((sec, " ".join(labels), []))
    return out


def _o9_join(lines: list[tuple[str, str, list[str]]], sep: Callable[[], str], lead: Callable[[], str]) -> str:
    out, last = [], None
    for sec, label, nums in lines:
        if last is not None and sec != last:
            out.append("")
        last = sec
        out.append(label + (lead() + sep().join([nums[0]]) if nums else "") + "".join(sep() + n for n in nums[1:]))
    return "\n".join(out) + "\n"


def _o9_rule_glyphs(ctx: Ctx) -> tuple[str, str]:
    """Table rules read as glyphs between cells and before the first one: one glyph a report
    (`|`, `I`, `l`, `丨`, `｜`, `!`, `[`, `]`), now and then another, a space each side or none."""
    rng = ctx.rng
    main = rng.choice(_O9_RULES)
    tight = rng.random() < 0.25
    ctx.recipe = f"{main} tight={tight}"  # type: ignore[attr-defined]

    def sep() -> str:
        g = main if rng.random() < 0.85 else rng.choice(_O9_RULES)
        return g if tight and g not in "Il!" else f" {g} "
    return page(ctx, _o9_join(_o9_value_lines(ctx), sep, sep)), ".txt"


def _o9_rule_ones(ctx: Ctx) -> tuple[str, str]:
    """Table rules read as `|` or `丨`, a few of them read as the digit `1` (`本年新收 | 5 1 0 | 3`):
    a `1` is then an extra cell; the reader may doubt such rows, never verify a wrong value."""
    rng = ctx.rng
    main = rng.choice(["|", "丨", "｜"])
    rate = rng.choice([0.05, 0.1, 0.2])
    ctx.recipe = f"{main} ones={rate}"  # type: ignore[attr-defined]

    def sep() -> str:
        return " 1 " if rng.random() < rate else f" {main} "
    return page(ctx, _o9_join(_o9_value_lines(ctx), sep, sep)), ".txt"


def _o9_neighbour_lines(ctx: Ctx) -> tuple[str, str]:
    """A few rows' last cell read onto the next line (alone, or before the next row's label), two
    neighbouring rows of a table now and then swapped, spaced cells."""
    rng = ctx.rng
    lines = _o9_value_lines(ctx)
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if a[0] == b[0] and a[2] and b[2] and rng.random() < 0.12:
            lines[i], lines[i + 1] = b, a
    out, last = [], None
    for sec, label, nums in lines:
        if last is not None and sec != last:
            out.append("")
        last = sec
        if len(nums) >= 2 and rng.random() < 0.15:
            out.append(label + "  " + "  ".join(nums[:-1]))
            out.append(nums[-1])
        else:
            out.append(label + ("  " + "  ".join(nums) if nums else ""))
    return page(ctx, "\n".join(out) + "\n"), ".txt"


def _o9_garbled_labels(ctx: Ctx) -> tuple[str, str]:
    """Row labels and headers with typical OCR look-alikes (`本年新收政府信息云开申清数量`: 请→清,
    公→云, 申→中, 议→仪 …), one or two characters a line, spaced cells."""
    rng = ctx.rng

    def garble(s: str) -> str:
        idx = [i for i, ch in enumerate(s) if ch in _O9_CJK]
        for i in rng.sample(idx, min(len(idx), rng.choice([0, 1, 1, 2]))):
            s = s[:i] + _O9_CJK[s[i]] + s[i + 1:]
        return s
    lines = [(sec, garble(label), nums) for sec, label, nums in _o9_value_lines(ctx)]
    return page(ctx, _o9_join(lines, lambda: "  ", lambda: "  ")), ".txt"


def _o9_cjk_punct(ctx: Ctx) -> tuple[str, str]:
    """Chinese punctuation as OCR prints it around cells: `，` or `。` after a number (`5，0，3`),
    `、` between cells, zero as `O`, `o` or `〇`, a blank zero as `—`; one style a report."""
    rng = ctx.rng
    style = rng.choice(["，", "。", "、", "spaced"])
    zero = rng.choice(["O", "o", "〇", "—", "0"])
    ctx.recipe = f"{style} zero={zero}"  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        return (zero if rng.random() < 0.6 else "0") if c.value == 0 else plain(c.value)
    lines = _o9_value_lines(ctx, cell)
    if style == "spaced":
        return page(ctx, _o9_join(lines, lambda: "  ", lambda: "  ")), ".txt"
    return page(ctx, _o9_join(lines, lambda: style, lambda: " ")), ".txt"


def _o9_minus_glyphs(ctx: Ctx) -> tuple[str, str]:
    """2019 表二's 本年增/减 drawn with both signs and the minus read as `一` (the CJK one), `—` or
    `－`; zeros now and then `—`; spaced cells. Reports of other years print their tables plain."""
    rng = ctx.rng
    _changes_drawn(ctx)
    minus = rng.choice(["一", "—", "－", "-"])
    ctx.recipe = minus  # type: ignore[attr-defined]

    def cell(c: Cell) -> str:
        v = c.value
        if isinstance(v, int) and not isinstance(v, bool) and v < 0:
            return minus + str(-v)
        return plain(v)
    return page(ctx, _o9_join(_o9_value_lines(ctx, cell), lambda: "  ", lambda: "  ")), ".txt"


def _o9_split_digits(ctx: Ctx) -> tuple[str, str]:
    """Character segmentation: a space inside a few numbers of two or more digits (`1 2` for 12),
    cells two or more spaces apart; the reader may settle a split only where the identities do,
    else doubts with the gold among the candidates."""
    rng = ctx.rng

    def cell(c: Cell) -> str:
        n = plain(c.value)
        if n.isdigit() and len(n) >= 2 and rng.random() < 0.15:
            i = rng.randrange(1, len(n))
            return n[:i] + " " + n[i:]
        return n
    return page(ctx, _o9_join(_o9_value_lines(ctx, cell), lambda: "   ", lambda: "   ")), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "ocr-rule-glyphs": _o9_rule_glyphs,
    "ocr-rule-ones": _o9_rule_ones,
    "ocr-neighbour-lines": _o9_neighbour_lines,
    "ocr-garbled-labels": _o9_garbled_labels,
    "ocr-cjk-punct": _o9_cjk_punct,
    "ocr-minus-glyphs": _o9_minus_glyphs,
    "ocr-split-digits": _o9_split_digits,
}
