"""The narrative rule's shortcuts give exactly what the plain way gives.

The plain way is kept here as the oracle: `re.finditer` over the whole prose for every claim
pattern, the clause before a match found by listing every clause end of the 200 characters
before it, and NFKC by the split/join of every decomposable character (or `unicodedata`).
"""

from __future__ import annotations

import random
import re
import re._parser as sre_parse  # the pattern widths `_REACH` must cover
import unicodedata

import pytest

from conftest import gold_cases
from extractor.load import load
from rules import narrative
from rules.narrative import CLAIMS, _N, _REACH, Mention, mentions, prose

# -- the oracle: the rule as it was before the shortcuts ---------------------------------------

_CLAUSE = re.compile(r"[,;:。!?|()]")
_SENTENCE = re.compile(r"[;。!?|]")


def _old_nfkc(text: str) -> str:
    parts = narrative._DECOMPOSABLE.split(text)
    parts[1::2] = map(narrative._DECOMPOSED.__getitem__, parts[1::2])
    text = "".join(parts)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _old_clause_before(text: str, start: int, pattern: re.Pattern[str]) -> str:
    cut = max((m.end() for m in pattern.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    return text[cut:start]


def _old_about_this_year(text: str, start: int, year: int | None) -> bool:
    for m in narrative._OTHER_YEAR.finditer(_old_clause_before(text, start, _CLAUSE)):
        if m.group(1) is None or year is None or int(m.group(1)) != year:
            return False
    return True


def _old_on_topic(text: str, start: int, claim) -> bool:
    before = _old_clause_before(text, start, _SENTENCE) if claim.strict_topic else text[max(0, start - 300):start]
    return bool(narrative._TOPIC.search(before + text[start:start + 40]))


def _old_snippet(text: str, m: re.Match[str]) -> str:
    start = max((c.end() for c in _SENTENCE.finditer(text, max(0, m.start() - 40), m.start())),
                default=max(0, m.start() - 40))
    return text[start:m.end()]


def _old_mentions(text: str, year: int | None) -> list[Mention]:
    out: list[Mention] = []
    for claim in CLAIMS:
        appeals = claim.name in ("review", "litigation")
        for pattern in claim.patterns:
            for m in re.finditer(pattern, text):
                if not appeals and ("复议" in m.group(0) or "诉讼" in m.group(0)):
                    continue
                if not _old_about_this_year(text, m.start(), year) or not _old_on_topic(text, m.start(), claim):
                    continue
                out.append(Mention(claim, int(m.group("n").replace(",", "")), _old_snippet(text, m)))
    return out


# -- inputs ------------------------------------------------------------------------------------

#: the words and figures of the claim patterns, the clause and sentence ends, the other-year and
#: topic words, and filler that fits a pattern's gap (no digit, no punctuation)
_PIECES = ("1", "23", "4", "1,234", "12,34", ",", ",,", ".", "件", "件", "件", "予以公开", "部分公开", "和", "不",
           "不予公开", "无法提供", "不予处理", "其他处理", "行政", "复议", "诉讼", "案件", "申请", "共", "共计", "的",
           "结转", "至", "下一年", "上年", "受理", "办结", "及", "与", "、", "或", "|", "。", ";", ":", "!", "?",
           "(", ")", "答复", "公开办结", "收到", "新收", "接收", "接到", "去年", "上一年度", "顺延", "转入", "了",
           "各类", "数量", "信息公开", "依申请", "公开申请", "2020年", "2021年", "同比", "上年度结转", "我局",
           "工作", "政府信息", "各单位", "本机关", "全年")
_YEARS = (None, 2020, 2021)


#: phrases each claim pattern reads, {} its figure
_PHRASES = ("受理申请{}件", "收到各类{}件申请", "受理政府信息公开申请数量共计{}件", "办结{}件", "答复共计{}件",
            "{}件予以公开", "予以公开{}件", "予以公开和部分公开的共{}件", "{}件予以公开及部分公开", "部分公开{}件",
            "不予公开{}件", "{}件申请不予以公开", "无法提供的{}件", "{}件无法提供", "不予处理{}件", "{}件不予处理",
            "其他处理{}件", "上年结转{}件", "去年结转的申请共{}件", "{}件结转下一年度", "{}件顺延至下年",
            "结转到下年度继续办理的申请共{}件", "行政复议{}件", "复议案件共{}件", "行政诉讼案件{}件", "诉讼{}件")
_FIGURES = ("1", "23", "0", "1,234", "12,34", "2,345,678", "1.5", "7")


def _random_texts(seed: int, n: int, longest: int) -> list[str]:
    """Random prose of pieces and claim phrases, half of it opening on the topic (信息公开) that
    the rule requires nearby."""
    rng = random.Random(seed)

    def piece() -> str:
        return rng.choice(_PHRASES).format(rng.choice(_FIGURES)) if rng.random() < 0.15 else rng.choice(_PIECES)

    return [rng.choice(("", "信息公开")) + "".join(piece() for _ in range(rng.randint(0, longest))) for _ in range(n)]


#: a label as far from its figure as `_REACH` allows, one character farther, and the other limits
_EDGES = (
    "信息公开受理" + "的" * 25 + "申请公开数量共计1件",
    "信息公开受理" + "的" * 26 + "申请公开数量共计1件",
    "信息公开工作,受理" + "工作" * 12 + "申请共12件,办结" + "的" * 15 + "共计3件,答复" + "的" * 16 + "共3件。",
    "上一年度结转的政府信息公开申请共5件,结转到下一年度继续办理的申请共2件,上年度结转3件",
    "1,234件予以公开,,1件不予公开,1,,2件无法提供,12,345件不予处理,,12件结转下一年",
    "行政行政复议案件共2件,行政诉讼案件3件,2020年行政复议4件,去年受理申请5件",
    "件", "12", "", "1件", ",1件", "1,件", "2,3件予以公开", "x" * 300 + "受理申请1件",
)


def _real_prose() -> list[str]:
    return [prose(load(str(report)).text) for report, _ in gold_cases()]


# -- the tests ---------------------------------------------------------------------------------


def test_reach_covers_every_pattern():
    # every pattern holds `_N` (the early exit and the windows rely on it), and what a pattern
    # allows before it is at most _REACH characters: measured by re's own parser
    widest = 0
    for claim in CLAIMS:
        for pattern in claim.patterns:
            assert _N in pattern, (claim.name, pattern)
            before = pattern.split(_N)[0]
            widest = max(widest, sre_parse.parse(before).getwidth()[1])
    assert widest == _REACH  # the label of 受理…申请 (35): a larger reach would be wasted


@pytest.mark.parametrize("text", _EDGES, ids=[f"edge{i}" for i in range(len(_EDGES))])
def test_mentions_match_the_plain_way_at_the_limits(text: str):
    for year in _YEARS:
        assert mentions(text, year) == _old_mentions(text, year)
    for claim, finders in narrative._FINDERS:
        for pattern, find in zip(claim.patterns, finders):
            assert [m.span() for m in find(text)] == [m.span() for m in re.finditer(pattern, text)]


def test_the_limits_are_hit():
    # the edge texts are not vacuous: the label at the reach is found, one farther is not
    assert [m.value for m in _old_mentions(_EDGES[0], None)] == [1]
    assert _old_mentions(_EDGES[1], None) == []
    assert len(_old_mentions(_EDGES[2], None)) == 2


def test_mentions_match_the_plain_way_on_random_prose():
    texts = _random_texts(11, 1500, 160)
    found = 0
    for i, text in enumerate(texts):
        year = _YEARS[i % 3]
        old = _old_mentions(text, year)
        assert mentions(text, year) == old, text
        found += len(old)
    assert found > 5000  # the texts do hold claims, of every kind


def test_mentions_match_the_plain_way_on_the_real_reports():
    found = 0
    for text in _real_prose():
        for year in _YEARS:
            old = _old_mentions(text, year)
            assert mentions(text, year) == old
            found += len(old)
    assert found > 20


def test_nfkc_matches_the_plain_way():
    rng = random.Random(5)
    decomposable = list(narrative._DECOMPOSED)
    # full-width and other forms, CJK, ASCII, and combining marks that compose with what a
    # replacement leaves (Ａ + U+0301 → Á): the replacement must not change the composition
    alphabet = decomposable + list(narrative._COMMON) * 20 + list("公开申请件12,.;:") + ["\u0301", "\u0308", "e", "A"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    texts += ["Ａ\u0301，", "，\u0301", "\u3000\u0301", "①，②"]
    for text in texts:
        assert narrative._nfkc(text) == _old_nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def test_nfkc_and_prose_match_the_plain_way_on_the_real_reports():
    for report, _ in gold_cases():
        text = load(str(report)).text
        assert narrative._nfkc(text) == _old_nfkc(text)


def test_clause_before_matches_the_plain_way():
    rng = random.Random(3)
    for text in _random_texts(13, 300, 200):
        for _ in range(5):
            start = rng.randint(0, len(text))
            assert narrative._clause_before(text, start, narrative._LAST_CLAUSE) == _old_clause_before(text, start, _CLAUSE)
            assert narrative._clause_before(text, start, narrative._LAST_SENTENCE) == \
                _old_clause_before(text, start, _SENTENCE)
