"""The words that name a 表二 or 表三 column when a row is written as prose rather than as a table.

`行政许可上一年项目数量396项，本年增/减0项，处理决定数量181件`: a row's counts each after the words
of their column; `（一）予以公开：自然人3件，商业企业0件，…，总计5件` (表三 as a list, each count after
its applicant's name). `collect_rows` keeps such a row open across those words (they name the
next cell in the table's order), where other text after a row's numbers closes it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

#: column (the last part of a 表二 key) → its words as reports write them
_WORDS = {
    "made": r"(?:本年)?新?制作(?:数量|件数)?",
    "published": r"(?:本年)?新?公开(?:数量|件数)?",
    "total": r"(?:对外)?公开总数量?|总数量?|累计公开(?:总?数量?|件数)?",
    # (2021's heads as other reports word them: 本年新增 / 本年减少 / 累计有效, 新制定 / 废止 / 现行有效)
    "issued": r"(?:本年)?(?:新?(?:制发|制定|印发)|新增)(?:数量|件数)?",
    "repealed": r"(?:本年)?(?:废止|减少)(?:数量|件数)?",
    "in_force": r"(?:累计)?(?:现行)?有效(?:数量|件数)?",
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


#: 表三's columns (the last part of a requests key) → their names as a list item writes them
_APPLICANTS = {
    "natural": "自然人", "commercial": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织",
    "legal_service": "法律服务机构", "other_org": r"其他(?:组织)?", "total": "总计|合计",
}
_APPLICANT_PATTERNS = {col: re.compile(r"(?:其中)?(?:" + words + r")(?:为|是|共)?") for col, words in _APPLICANTS.items()}
_LIST_MARKS = "，、；;,（("
_FIRST_APPLICANT = re.compile(r"[：:]\s*(?:自然人|(总计|合计))(?:为|是|共)?$")


def names_applicant(text: str, column: str) -> bool:
    """Is `text` only the name of 表三's applicant column `column` (with punctuation around it)?"""
    pattern = _APPLICANT_PATTERNS.get(column)
    return pattern is not None and pattern.fullmatch(text.strip(_EDGE)) is not None


def an_applicant(text: str) -> bool:
    """Is `text` only the name of one of 表三's applicant columns after the mark that ends the
    count before it (`，商业企业`, `；总计`): a list's item, never a label?"""
    stripped = text.strip(_EDGE)
    return text.lstrip(" \t")[:1] in _LIST_MARKS and any(p.fullmatch(stripped) is not None for p in _APPLICANT_PATTERNS.values())


def names_a_column(text: str) -> bool:
    """Is `text` a list's mark and then only the name of a 表三 applicant column or the words of a
    表二 column (`、商业企业`, `、本年增/减`): the next count's name, never a row's label?"""
    return an_applicant(text) or (text[:1] in _LIST_MARKS and any(
        p.fullmatch(text.strip(_EDGE)) is not None for p in _PATTERNS.values()))


def applicants_named(label: str) -> str | None:
    """Does a 表三 row's label end with a colon and the first column's name (`予以公开：自然人`):
    the row written as a list of named counts? "first": the columns in the table's order;
    "total": the total first, then the others in order (`予以公开：总计5件（其中自然人3件，…）`);
    None: no list."""
    m = _FIRST_APPLICANT.search(label.strip(" \t，,"))
    return None if m is None else "total" if m.group(1) else "first"


#: the head of a column a report prints after the format's own: last year's figure, the change
#: from it, a share of the total (`上年同期`, `上年数`, `上年制发件数`, `去年同期`, `同比增减(%)`, `增幅`, `占比`),
#: a running count over the years (`累计`, `历年累计`, `累计制发件数`); never a column of the format
#: (`累计有效`, `累计现行有效`, `累计公开` are 表二's own columns in other words: not these)
#: (2019's `上一年项目数量` and `本年增/减` are not these)
EXTRA_HEAD = re.compile(r"(?:(?:上年|去年|上一年)(?:同期|度)?(?:制发|新制作|新公开|废止)?(?:数|数量|件数|总计|合计|同期数)?"
                        r"|同比(?:增减|增长|变化|变动)?(?:幅度|率|比例)?|(?:比上年|较上年)?增减(?:幅度|率|比例|情况)?"
                        r"|增幅|增长率|占比|所?占比例|比重"
                        r"|(?:历年)?累计(?:数|数量|件数|制发(?:件数|数量)?|制定件数|印发件数)?)(?:[（(]%[）)]|%)?")
#: a head that may be a 2019 表二 column printed short (its 本年增/减 as `增减`)
BARE_CHANGE = re.compile(r"(?:本年)?增减")
#: a 备注 (remarks) column's head: a column of words beside the numbers, never a count
REMARK_HEADS = frozenset({"备注", "说明", "备 注"})


@lru_cache(maxsize=1024)
def column_named(text: str, columns: tuple[str, ...]) -> str | None:
    """The one of `columns` (last parts of 表二 keys) whose words `text` is, or None (none or several).
    Remembered (a few hundred entries at most): the same header words come back in every report."""
    hits = [col for col in columns if names_column(text, col)]
    return hits[0] if len(hits) == 1 else None


def heads_named(texts: Sequence[str], columns: tuple[str, ...]) -> list[str | None]:
    """The column each of a header's `texts` names (`column_named`); when all but one name a
    column of `columns` each once and the header has as many words as `columns` (none of them an
    added column's head), the one left names the column left (`本年新制作 | 累计公开 | 本年新公开`:
    the middle word is the total's, whatever its wording)."""
    named = [column_named(t, columns) for t in texts]
    known = [n for n in named if n is not None]
    if len(texts) == len(columns) and len(known) == len(columns) - 1 and len(set(known)) == len(known) \
            and not any(EXTRA_HEAD.fullmatch(t.strip()) for t, n in zip(texts, named) if n is None):
        left = next(c for c in columns if c not in known)
        named = [left if n is None else n for n in named]
    return named
