"""Numbers written as LaTeX inline math (MinerU, marker, Nougat) → the number as printed.

Model-based PDF converters write a table's numbers as math: `$12$`, `$1 2$` (math mode drops the
space: it shows 12), `\\(12\\)`, `$\\mathbf{5}$`, `${12}$`, `$-3$`, `$1,234$`, `$1{,}234$`,
`$21.53$`, `$5\\%$`. The page shows the number; the text has `$` and backslashes in it, which
no reader takes for a number (a table of them reads as nothing, or as other cells). Only math
holding one number and nothing else is unwrapped: its digits, sign, thousands commas and
decimal point as they are (spaces between digits dropped, as math mode shows them), never a
formula (`$a+b$`, `$2^{3}$`, `$\\frac{1}{2}$`), never `$$ … $$` display math, never `\\$`.
"""

from __future__ import annotations

import re

_S = r"[ \t]"
#: a style wrapper around the number (`\mathbf{…}`, `\textbf{…}`, `{…}`)
_WRAP = rf"(?:\\(?:mathbf|mathrm|textbf|text|textrm|boldsymbol|bm|mathsf|mathit){_S}*)?\{{{_S}*"
#: the number: sign, digits with spaces/thin spaces between, `,`, `{,}`, `.`, a percent sign
_NUMBER = rf"[-+−]?{_S}*\d(?:[\d \t]|\{{,\}}|,|\\,|\.(?={_S}*\d))*(?:{_S}*\\%)?"
_BODY = re.compile(rf"{_S}*(?:{_WRAP}(?P<a>{_NUMBER}){_S}*\}}|(?P<b>{_NUMBER})){_S}*")
#: math as TeX pairs its delimiters, left to right: `\$` and `$$…$$` are skipped, `$…$` and
#: `\(…\)` (on one line) are looked into
_MATH = re.compile(r"\\\$|\$\$.*?\$\$|\$(?P<d>[^$\n]*)\$|\\\((?P<p>[^\n]*?)\\\)", re.S)


def _number(m: re.Match[str]) -> str:
    inner = m.group("d") if m.group("d") is not None else m.group("p")
    body = _BODY.fullmatch(inner) if inner is not None else None
    if body is None:
        return m.group(0)
    number = body.group("a") if body.group("a") is not None else body.group("b")
    number = number.replace("{,}", ",").replace("\\,", "").replace("\\%", "%").replace("−", "-")
    joined = re.sub(r"[ \t]+", "", number)
    if re.match(r"[-+]?0\d", joined) and joined != number:  # `$0 0 1$`: cells run together, not one number
        return m.group(0)
    return joined


def unwrap_math_numbers(text: str) -> str:
    """`text` with every inline math that holds only a number replaced by that number."""
    if "$" not in text and "\\(" not in text:
        return text
    return _MATH.sub(_number, text)
