"""The words that name a 表二 column when a row is written as prose rather than as a table.

`行政许可上一年项目数量396项，本年增/减0项，处理决定数量181件`: a row's counts each after the words
of their column. `collect_rows` keeps such a row open across those words (they name the next
cell in the table's order), where other text after a row's numbers closes it.
"""

from __future__ import annotations

import re

#: column (the last part of a 表二 key) → its words as reports write them
_WORDS = {
    "made": r"(?:本年)?新?制作(?:数量|件数)?",
    "published": r"(?:本年)?新?公开(?:数量|件数)?",
    "total": r"(?:对外)?公开总数量?|总数量?",
    "issued": r"(?:本年)?新?(?:制发|制定|印发)(?:数量|件数)?",
    "repealed": r"(?:本年)?废止(?:数量|件数)?",
    "in_force": r"现行有效(?:数量|件数)?",
    "prior": r"上一?年度?项目数量?",
    "change": r"本年(?:度)?增/?减(?:数量)?|增/?减",
    "decisions": r"(?:本年)?(?:作出)?处理决定(?:数量|件数)?",
    "amount": r"(?:本年)?收费金额|采购总?金额",
    "items": r"(?:采购)?项目数量?",
}
_PATTERNS = {col: re.compile(r"(?:其中)?(?:" + words + r")(?:为|是|共)?") for col, words in _WORDS.items()}
#: punctuation between a count and the next column's words
_EDGE = " \t，、；;,：:。（）()"


def names_column(text: str, column: str) -> bool:
    """Is `text` only the words of `column` (with the punctuation around them)?"""
    pattern = _PATTERNS.get(column)
    return pattern is not None and pattern.fullmatch(text.strip(_EDGE)) is not None
