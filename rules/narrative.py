"""Numbers the report states in its prose that contradict its own tables.

"共受理政府信息公开申请17件" while 表三 本年新收 is 95 (report 03) is worth a reviewer's look,
but it is a warning, not an error: the prose often counts differently (one office instead of
the whole government, requests received including last year's), and the printed table is the
data. The rule only reads the text outside the tables, only sentences about information
disclosure, and skips figures of another year; any reasonable reading of the table (printed 总计
or the sum of the columns; with or without last year's carried-over requests) counts as agreeing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Callable, Iterator

from extractor import catalogue
from extractor.scan import matches_at
from extractor.segment import find_tables

from .base import Facts, Number, rule, violation

#: A number of 件: not the tail of a longer number or of a decimal; thousands separators allowed.
_N = r"(?<![\d.])(?<!\d,)(?P<n>\d{1,3}(?:,\d{3})+|\d+)件"
#: Characters that may sit between a label and its number: no digits, no clause punctuation.
_GAP = r"[^\d,.;:!?。；|()]"
#: Where a clause ends (after NFKC: full-width ，；：（） are ASCII).
_CLAUSE = re.compile(r"[,;:。!?|()]")
_SENTENCE = re.compile(r"[;。!?|]")
#: up to the last clause / sentence end of a stretch (greedy `.*`: one `match`, which walks back
#: from the stretch's end, instead of listing every clause end of it)
_LAST_CLAUSE = re.compile(".*" + _CLAUSE.pattern, re.S)
_LAST_SENTENCE = re.compile(".*" + _SENTENCE.pattern, re.S)
_TOPIC = re.compile(r"信息公开|依申请|公开申请")
_OTHER_YEAR = re.compile(r"(20\d\d)年|去年|上年(?!度?结转)|上一年(?!度?结转)|同比")


@dataclass(frozen=True)
class Claim:
    """A kind of figure the prose states, how it is phrased, and where the table holds it."""

    name: str
    label: str  # how a reviewer calls the table figure
    patterns: tuple[str, ...]
    #: each alternative is a list of 表三 rows (summed) or 表四 groups; any alternative may match
    readings: tuple[tuple[str, ...], ...]
    #: the topic (信息公开) must appear earlier in the same sentence, not only nearby
    strict_topic: bool = False


def _requests(*rows: str) -> tuple[str, ...]:
    return tuple(f"requests.{r}" for r in rows)


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "received", "表三“一、本年新收政府信息公开申请数量”总计",
        (
            rf"(?:受理|收到|新收|接收|接到){_GAP}{{0,25}}?申请(?:公开)?(?:数量)?(?:共计|共|合计|总计|为)?{_N}",
            rf"(?:受理|收到|新收|接收|接到)了?(?:各类)?{_N}{_GAP}{{0,8}}?申请",
        ),
        (_requests("new"), _requests("new", "carried_over")),
    ),
    Claim(
        "done", "表三“（七）总计”",
        # not "同意公开答复数1件" (how many were answered 公开: an outcome, not all done)
        (rf"(?<!公开)(?:办结|答复){_GAP}{{0,15}}?(?:共计|共|合计)?{_N}",),
        (_requests("total"),),
    ),
    Claim(
        "granted_or_partial", "表三“（一）予以公开”与“（二）部分公开”之和",
        (rf"予以公开(?:及|和|与|、|或)部分公开的?共?{_N}", rf"{_N}(?:申请)?予以公开(?:及|和|与|、|或)部分公开"),
        (_requests("granted", "partial"),),
    ),
    Claim(
        "granted", "表三“（一）予以公开”总计",
        (rf"(?<!不)予以公开的?共?{_N}", rf"{_N}(?:申请)?予以公开(?!及|和|与|、|或)"),
        (_requests("granted"), _requests("granted", "partial")),
    ),
    Claim(
        "partial", "表三“（二）部分公开”总计",
        (rf"(?<![及和与、或])部分公开的?共?{_N}",),
        (_requests("partial"),),
    ),
    Claim("denied", "表三“（三）不予公开”各项之和", (rf"不予以?公开的?共?{_N}", rf"{_N}(?:申请)?不予以?公开"), ()),
    Claim("unable", "表三“（四）无法提供”各项之和", (rf"无法提供的?共?{_N}", rf"{_N}(?:申请)?无法提供"), ()),
    Claim("ignored", "表三“（五）不予处理”各项之和", (rf"不予以?处理的?共?{_N}", rf"{_N}(?:申请)?不予以?处理"), ()),
    Claim("other", "表三“（六）其他处理”", (rf"其他处理的?共?{_N}",), ()),
    Claim(
        "carried_over", "表三“二、上年结转政府信息公开申请数量”总计",
        (rf"(?:上一?年度?|去年)结转的?(?:政府信息公开)?(?:申请)?共?{_N}",),
        (_requests("carried_over"),),
    ),
    Claim(
        "carried_forward", "表三“四、结转下年度继续办理”总计",
        (
            rf"{_N}{_GAP}{{0,12}}?(?:结转|顺延|转入)(?:到|至)?下一?年",
            rf"(?:结转|顺延|转入)(?:到|至)?下一?年度?(?:继续)?(?:办理|答复)?的?(?:申请)?共?{_N}",
        ),
        (_requests("carried_forward"),),
    ),
    Claim(
        "review", "表四“行政复议”总计",
        (rf"(?:行政)?复议(?:案件|申请)?共?{_N}",),
        (("review",),), strict_topic=True,
    ),
    Claim(
        "litigation", "表四“行政诉讼”两组总计之和",
        (rf"(?:行政)?诉讼(?:案件)?共?{_N}",),
        (("litigation_direct", "litigation_after_review"), ("litigation_direct",), ("litigation_after_review",)),
        strict_topic=True,
    ),
)


@cache
def _readings(claim: Claim, template: catalogue.Template) -> tuple[tuple[str, ...], ...]:
    """The row groups whose sum the prose may mean; the outcome groups depend on the version."""
    if claim.readings:
        return claim.readings
    prefix = {"denied": "denied_", "unable": "unable_", "ignored": "ignored_", "other": "other"}[claim.name]
    return (_requests(*(r for r in catalogue.outcome_rows(template) if r.startswith(prefix))),)


def _values(f: Facts, parts: tuple[str, ...]) -> tuple[list[str], set[Number]] | None:
    """The total keys of some rows/groups, and the sums a reader may take (printed 总计, or the
    sum of the columns where the 总计 cells were left blank); None when a table is absent."""
    total_keys: list[str] = []
    printed: Number = 0
    summed: Number = 0
    for part in parts:
        total_key, inner = catalogue.summed_cells(part)
        if not f.has(total_key, *inner):
            return None
        total_keys.append(total_key)
        printed += f.value(total_key)
        summed += sum(f.value(k) for k in inner)
    return total_keys, {printed, summed}


#: Characters of the blocks reports use (punctuation, circled numbers, full-width forms) that
#: NFKC changes, with their NFKD. Replacing a character by its NFKD leaves the NFKD of the whole
#: text, hence its NFKC, unchanged; the table only decides which characters take the fast path.
_DECOMPOSED = {
    chr(i): d for a, b in ((0x2000, 0x2070), (0x2460, 0x2500), (0x3000, 0x3040), (0xFF00, 0xFFF0))
    for i in range(a, b) if (d := unicodedata.normalize("NFKD", chr(i))) != chr(i)
}
#: one such character, captured: `split` keeps it, at the odd places of its list
_DECOMPOSABLE = re.compile("([" + "".join(map(re.escape, _DECOMPOSED)) + "])")
#: the ones of them Chinese prose is full of (full-width ，（）：；－！？ and the ideographic space)
_COMMON = "，（）：；\u3000－！？"


def _nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, about 7× faster on report text: the full-width
    punctuation of Chinese prose fails NFKC's quick check and sends the whole text down the slow
    path; decomposed first, the text usually passes it and is returned as it is."""
    # the characters nearly every report uses, replaced first with `str.replace` (each a memchr-speed
    # scan, where the regex below walks the text at ~10 ns a character): most texts then pass the
    # quick check as they are; the others go on with the rest replaced as well (same NFKC)
    for char in _COMMON:
        text = text.replace(char, _DECOMPOSED[char])
    if unicodedata.is_normalized("NFKC", text):
        return text
    # split and join rather than `sub` with a function: no Python call per character replaced
    parts = _DECOMPOSABLE.split(text)
    parts[1::2] = map(_DECOMPOSED.__getitem__, parts[1::2])
    text = "".join(parts)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def prose(text: str) -> str:
    """The report's text without its tables, normalised (NFKC, no whitespace) for matching."""
    spans = sorted(find_tables(text).tables().values())
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pieces.append("|")
        pos = max(pos, end)
    pieces.append(text[pos:])
    # str.split() drops exactly what `\s` matches; two numbers apart stay two numbers ("12 3" →
    # "12|3"): what `re.sub(r"(?<=\d)\s+(?=\d)", "|")` then dropping whitespace gives, 4× faster
    words = _nfkc("".join(pieces)).split()
    out = words[:1]
    for before, word in zip(words, words[1:]):
        if word[0].isdecimal() and before[-1].isdecimal():  # `\d` is str.isdecimal()
            out.append("|")
        out.append(word)
    return "".join(out)


@dataclass(frozen=True)
class Mention:
    claim: Claim
    value: int
    snippet: str


def _anchored(text: str, pattern: re.Pattern[str], anchor: str,
              starts: Callable[[int, int], range]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches can only start in `starts(k, pos)`
    around each `anchor` found at k (pos: where the search resumed). Same matches, same order."""
    pos = 0
    for k in _places(text, anchor):
        if k < pos:
            continue  # inside the last match
        for s in starts(k, pos):
            m = pattern.match(text, s)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = k + 1


def _count_first(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that starts with a figure of 件 (`_N`), found fast.

    Such a match is a run of digits and commas ending just before a 件, so it can only start in the
    run before a 件: the pattern is tried there alone instead of at every character (`re` cannot
    skip ahead over a leading look-behind). The runs are found once per text for all such
    patterns (`_runs_before_count`). Same matches, same order.
    """
    pos = 0
    for k, starts in _figure_starts(text):
        if k < pos:
            continue
        for s in starts:
            if s < pos:
                continue
            m = pattern.match(text, s)
            if m:
                yield m
                pos = m.end()
                break


@lru_cache(maxsize=1)
def _figure_starts(text: str) -> tuple[tuple[int, tuple[int, ...]], ...]:
    r"""(k, starts) for each run of `_runs_before_count`: the places in the run where `_N`'s
    look-behinds pass, the only ones a match can start at. Inside a run the character before is
    a digit (`(?<![\d.])` fails) or a comma, which passes only with no digit before it
    (`(?<!\d,)`): mostly the run's first place alone, instead of one `match` per digit."""
    out = []
    for k, start in _runs_before_count(text):
        starts = [start]
        for s in range(start + 1, k):
            if text[s - 1] == "," and (s < 2 or not text[s - 2].isdecimal()):
                starts.append(s)
        out.append((k, tuple(starts)))
    return tuple(out)


@lru_cache(maxsize=1)
def _runs_before_count(text: str) -> tuple[tuple[int, int], ...]:
    """(k, s) for each 件 at k with digits or commas right before it, s where that run starts:
    the places seven claim patterns look (one text, the prose of the report being checked)."""
    out = []
    k = text.find("件")
    while k >= 0:
        start = k
        while start > 0 and (text[start - 1].isdecimal() or text[start - 1] == ","):  # `\d` is isdecimal()
            start -= 1
        if start < k:
            out.append((k, start))
        k = text.find("件", k + 1)
    return tuple(out)


#: How far before its figure's digits a claim's match can start: the longest stretch a pattern
#: allows before `_N` (受理 + 25 characters + 申请公开数量共计, 35); a test measures every pattern's.
_REACH = 35


@lru_cache(maxsize=1)
def _windows(text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of `text` that hold every word a claim's match opens with: every match holds a
    figure of 件 (`_N`), so it starts at most `_REACH` characters before a run of digits before a
    件 and its opening word ends before that 件. Disjoint, in order; none without such a figure."""
    out: list[tuple[int, int]] = []
    for k, start in _runs_before_count(text):
        lo = max(0, start - _REACH)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], k)
        else:
            out.append((lo, k))
    return tuple(out)


@lru_cache(maxsize=64)
def _places(text: str, word: str) -> tuple[int, ...]:
    """Every place `word` starts in `text` that a claim's match can open with, in order
    (overlapping ones too): in `_windows` only, not the whole text (a `find` over the whole prose
    per word was most of the rule's time). Several patterns look for the same words in the same
    text (the prose of the report being checked), found once."""
    out = []
    for lo, hi in _windows(text):
        k = text.find(word, lo, hi)
        while k >= 0:
            out.append(k)
            k = text.find(word, k + 1, hi)
    return tuple(out)


@lru_cache(maxsize=16)
def _starts(text: str, words: tuple[str, ...]) -> tuple[int, ...]:
    """Every place one of `words` starts in `text`, in order, each place once."""
    return tuple(sorted(set().union(*(_places(text, w) for w in words))))


def _word_first(text: str, pattern: re.Pattern[str], word: str, prefix: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that starts with an optional `prefix` and then `word`
    (`(?:行政)?复议…`): a match can only start at a `word` or just before it. Same matches, same order."""
    back = len(prefix)
    return _anchored(text, pattern, word, lambda k, pos: range(max(pos, k - back), k + 1))


def _words_first(text: str, pattern: re.Pattern[str], words: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that starts (after an optional look-behind) with
    one of several words (`(?:办结|答复)…`): a match can only start where one of them does, so the
    pattern is tried there alone. Same matches, same order."""
    return matches_at(text, pattern, _starts(text, words))


def _first_words(pattern: str) -> tuple[str, ...] | None:
    """The words a pattern's match must start with, when it opens with a group of plain
    alternatives (`(?<!公开)(?:办结|答复)`, `(?:上一?年度?|去年)`): each alternative's required
    Chinese lead. None for any other pattern."""
    group = _LEADING_GROUP.match(pattern)
    if group is None:
        return None
    words = []
    for alt in group.group("alts").split("|"):
        lead = _LEADING_WORD.match(alt)
        if lead is None:
            return None
        word = lead.group()
        if alt[lead.end():lead.end() + 1] in ("?", "*", "{"):
            word = word[:-1]  # "上一?年": the last character is optional
        if not word:
            return None
        words.append(word)
    return tuple(words)


def _finder(pattern: str) -> Callable[[str], Iterator[re.Match[str]]]:
    """The fastest exact way to list a claim pattern's matches (see `_count_first`, `_word_first`)."""
    compiled = re.compile(pattern)
    if pattern.startswith(_N):
        return lambda text: _count_first(text, compiled)
    for prefix, word in (("行政", "复议"), ("行政", "诉讼")):
        if pattern.startswith(f"(?:{prefix})?{word}"):
            return partial(_word_first, pattern=compiled, word=word, prefix=prefix)
    lead = _LOOKBEHIND_WORD.match(pattern)
    if lead:  # "(?<!不)予以公开…": a match starts exactly at the word
        word = lead.group("word")
        if pattern[lead.end():lead.end() + 1] in ("?", "*", "+", "{"):
            word = word[:-1]  # "予以公开的?": the last character is optional
        if word:
            return partial(_word_first, pattern=compiled, word=word, prefix="")
    lead = _LEADING_WORD.match(pattern)
    if lead:  # "不予以?公开…": a match starts exactly at the word's required part, 不予
        word = lead.group()
        if pattern[lead.end():lead.end() + 1] in ("?", "*", "+", "{"):
            word = word[:-1]
        if word:
            return partial(_word_first, pattern=compiled, word=word, prefix="")
    words = _first_words(pattern)
    if words:  # "(?:受理|收到|…)…": a match starts exactly at one of the words
        return partial(_words_first, pattern=compiled, words=words)
    return compiled.finditer


#: a pattern that starts with a Chinese word
_LEADING_WORD = re.compile(r"[\u4e00-\u9fff]+")
#: a pattern that starts with an optional look-behind and then a group of alternatives
_LEADING_GROUP = re.compile(r"(?:\(\?<!(?:\[[^\]]*\]|[^()\[\]\\]+)\))?\(\?:(?P<alts>[^()\[\]\\]+)\)")
#: a pattern that starts with a look-behind and then a Chinese word
_LOOKBEHIND_WORD = re.compile(r"\(\?<!(?:\[[^\]]*\]|[^()\[\]\\]+)\)(?P<word>[\u4e00-\u9fff]+)")


#: each claim with the finders of its patterns, compiled once
_FINDERS: tuple[tuple[Claim, tuple[Callable[[str], Iterator[re.Match[str]]], ...]], ...] = tuple(
    (claim, tuple(_finder(p) for p in claim.patterns)) for claim in CLAIMS
)


def _anchors(find: Callable[[str], Iterator[re.Match[str]]]) -> tuple[str, ...]:
    """The words one of which every match of a finder opens with (`_word_first`, `_words_first`);
    () for a finder that looks elsewhere (`_count_first`)."""
    if isinstance(find, partial):
        return (find.keywords["word"],) if "word" in find.keywords else tuple(find.keywords["words"])
    return ()


#: `_FINDERS`' anchor words, finder by finder
_ANCHORS: tuple[tuple[tuple[str, ...], ...], ...] = tuple(tuple(map(_anchors, finders)) for _, finders in _FINDERS)


@lru_cache(maxsize=1)
def _window_text(text: str) -> str:
    """The text of `_windows`, apart: a word is in it exactly when `_places` finds it."""
    return "|".join(text[lo:hi] for lo, hi in _windows(text))


def mentions(text: str, year: int | None) -> list[Mention]:
    """Every figure the prose states about the requests and appeals of the report's year."""
    out: list[Mention] = []
    if not _runs_before_count(text):
        return out  # every pattern holds a figure of 件 (`_N`): no figure, no match
    near = _window_text(text)
    for (claim, finders), anchors in zip(_FINDERS, _ANCHORS):
        appeals = claim.name in ("review", "litigation")
        for find, words in zip(finders, anchors):
            if words and not any(map(near.__contains__, words)):
                continue  # none of its opening words where a match can open: no match (C-speed test)
            for m in find(text):
                if not appeals and ("复议" in m.group(0) or "诉讼" in m.group(0)):
                    continue
                if not _about_this_year(text, m.start(), year) or not _on_topic(text, m.start(), claim):
                    continue
                out.append(Mention(claim, int(m.group("n").replace(",", "")), _snippet(text, m)))
    return out


def _clause_before(text: str, start: int, last: re.Pattern[str]) -> str:
    """The text after the last clause (`_LAST_CLAUSE`) or sentence end before `start`, at most
    200 characters back."""
    lo = max(0, start - 200)
    m = last.match(text, lo, start)
    return text[m.end() if m else lo:start]


def _about_this_year(text: str, start: int, year: int | None) -> bool:
    for m in _OTHER_YEAR.finditer(_clause_before(text, start, _LAST_CLAUSE)):
        if m.group(1) is None or year is None or int(m.group(1)) != year:
            return False
    return True


def _on_topic(text: str, start: int, claim: Claim) -> bool:
    before = _clause_before(text, start, _LAST_SENTENCE) if claim.strict_topic else text[max(0, start - 300):start]
    return bool(_TOPIC.search(before + text[start:start + 40]))


def _snippet(text: str, m: re.Match[str]) -> str:
    lo = max(0, m.start() - 40)
    last = _LAST_SENTENCE.match(text, lo, m.start())
    return text[last.end() if last else lo:m.end()]


def _check(f: Facts, claim: Claim, found: list[Mention]):
    """One violation per figure of a claim that no reading of the table gives."""
    options = [v for v in (_values(f, parts) for parts in _readings(claim, f.template)) if v is not None]
    if not options:
        return
    accepted = set().union(*(values for _, values in options))
    keys, values = options[0]
    printed = sum(f.value(k) for k in keys)
    other = sorted(v for v in values if v != printed)
    seen: set[int] = set()
    for m in found:
        if m.value in accepted or m.value in seen:
            continue
        seen.add(m.value)
        also = f"（按各列相加为 {other[0]}）" if other else ""
        yield violation(
            "narrative_count", suffix=claim.name, keys=keys, expected=printed, found=m.value,
            message=f"正文称“{m.snippet}”，但{claim.label}为 {printed}{also}。"
            "正文可能只统计了部分单位或口径不同，请核对正文与表格",
        )


@rule("narrative_count", "warning", "正文中的申请数、办理结果、结转数、复议诉讼数应与表三、表四一致")
def narrative_count(f: Facts):
    if not f.text:
        return
    by_claim: dict[str, list[Mention]] = {}
    for m in mentions(prose(f.text), f.year):
        by_claim.setdefault(m.claim.name, []).append(m)
    for claim in CLAIMS:
        if claim.name in by_claim:
            yield from _check(f, claim, by_claim[claim.name])


__all__: list[str] = ["CLAIMS", "Claim", "Mention", "mentions", "narrative_count", "prose"]
