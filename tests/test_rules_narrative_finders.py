"""The narrative rule's fast pattern finders list exactly the matches `re.finditer` lists."""

from __future__ import annotations

import random
import re

import pytest

from conftest import gold_cases
from extractor.load import load
from rules.narrative import _FINDERS, _finder, prose

#: hand-made prose with the awkward cases: thousands separators, decimals, runs of digits,
#: numbers glued to the keyword, 行政 prefixes, repeated 件 and matches back to back
TRICKY = (
    "共受理申请1,234件，12件予以公开，3件予以公开和部分公开，1.5件不予公开，12,34件无法提供，"
    "2,345,678件不予处理，0件结转下一年度，行政复议2件，复议复议3件，行政诉讼案件4件，诉讼5件，"
    "件件1件2件,3件予以公开4件予以公开行政行政复议6件，19件结转至下年，上年结转的申请共7件。"
)
#: pieces the random texts are built of: the words and figures of the patterns, and their separators
_PIECES = ("1", "23", "4", "1,234", ",", ".", "件", "件", "予以公开", "部分公开", "和", "不", "不予公开", "无法提供",
           "不予处理", "其他处理", "行政", "复议", "诉讼", "案件", "申请", "共", "的", "结转", "至", "下一年",
           "上年", "受理", "办结", "及", "与", "、", "或", "|", "。", "答复", "公开办结", "收到", "新收", "去年",
           "上一年度", "顺延", "转入", "了")


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("n")) for m in matches]


def _texts() -> list[str]:
    rng = random.Random(7)
    fuzz = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 120))) for _ in range(300)]
    return [TRICKY, "", "件", "12", *fuzz]


_TEXTS = _texts()


@pytest.mark.parametrize("text", _TEXTS, ids=[f"text{i}" for i in range(len(_TEXTS))])
def test_finders_match_finditer_on_tricky_and_random_text(text: str):
    for claim, finders in _FINDERS:
        for pattern, find in zip(claim.patterns, finders):
            assert _spans(find(text)) == _spans(re.finditer(pattern, text)), (claim.name, pattern)


def test_finders_match_finditer_on_the_real_reports():
    for report, _ in gold_cases()[:40]:
        text = prose(load(str(report)).text)
        for claim, finders in _FINDERS:
            for pattern, find in zip(claim.patterns, finders):
                assert _spans(find(text)) == _spans(re.finditer(pattern, text)), (report.name, claim.name)


def test_the_slow_patterns_get_a_fast_finder():
    # the patterns that start with a figure, an optional 行政 or a group of words (`(?:办结|答复)`)
    # are the ones re cannot skip through: every claim pattern now opens with one of them
    fast = [p for claim, _ in _FINDERS for p in claim.patterns if _finder(p) != re.compile(p).finditer]
    assert len(fast) == sum(len(claim.patterns) for claim, _ in _FINDERS)


def test_str_split_drops_exactly_what_backslash_s_matches():
    # prose() and segment._squash remove whitespace with "".join(text.split()) instead of re.sub(r"\s+")
    everything = "".join(chr(o) for o in range(0x110000) if not 0xD800 <= o <= 0xDFFF)  # every code point
    assert "".join(everything.split()) == re.sub(r"\s+", "", everything)
