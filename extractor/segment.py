"""Find the parts of a report: its title (organ, year), format version, and the three tables.

Works on plain text with character offsets, so that every engine and the review page can point
back into `Document.text`. Anchors are the format's own fixed labels (第二十条, 本年新收,
结果维持), which survive every layout; headings are used only to widen a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from itertools import islice
from typing import Iterator

from .catalogue import Template

Span = tuple[int, int]

#: characters an organ's name is made of: Chinese, Latin letters (a "XX局" placeholder), brackets, ·
_ORGAN_CHARS = r"[\u4e00-\u9fffA-Za-z（）()·]"
#: a title, squashed (no spaces): "XX局2019年度政府信息公开工作年度报告"; the organ may be empty
#: ("关于报送2020年度…报告的函"), the caller then looks elsewhere for it
_TITLE = re.compile(
    rf"(?P<organ>{_ORGAN_CHARS}{{0,60}}?)(?P<year>20\d\d)年度?(?:的)?(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
#: the year before the organ: "2019年上海市人民政府办公厅政府信息公开工作年度报告"
_TITLE_YEAR_FIRST = re.compile(
    rf"(?P<year>20\d\d)年度?(?P<organ>{_ORGAN_CHARS}{{2,40}}?)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
#: the year after the title: "XX局政府信息公开工作年度报告（2023年度）"
_TITLE_YEAR_AFTER = re.compile(
    rf"(?P<organ>{_ORGAN_CHARS}{{3,40}}?)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)[（(](?P<year>20\d\d)年?度?[）)]"
)
_REPORT_WORD = re.compile(r"报\s*告|年\s*报")
#: a line that can be the first part of a title split over lines: short, only an organ's characters
_TITLE_PART = re.compile(rf"{_ORGAN_CHARS}{{2,40}}")
#: "XX局关于报送…", "XX办公室关于印发YY 2019年…": the sender before 关于, the report's body after it
_ABOUT = re.compile(r"关于(?:报送|印发|公布|发布|上报|呈报|转发|公开)?")
_LABEL_PREFIX = re.compile(r"^(?:标题|题目|名称)")
#: a page's words a crawler leaves before a title on its line (a list's heading, a breadcrumb's last
#: word): no body's name holds 报告 or 年报, nor starts with 正文 or 相关信息
_FURNITURE = re.compile(r"^.*(?:报告|年报)|^(?:正文|详情|全文|内容|详细信息|相关信息|相关文章|相关链接|热点推荐|推荐阅读|当前位置|首页)")
#: what may precede a title on its line: nothing, a crawler's field label, a Markdown heading's `#`,
#: or a breadcrumb or site name ending in a separator ("首页 > 年报 > XX局2023年…", "门户网站_XX局2023年…")
_TITLE_LEAD = re.compile(r"(?:.*[|｜>»_\-—]|(?:标题|题目|名称)[:：]?|#{1,6})?")
#: what an organ's name ends with (a title or a field that ends otherwise names no body)
_ORGAN_END = re.compile(
    r"(?:局|委|会|办|室|厅|府|政府|中心|院|所|站|队|处|部|署|区|县|市|州|盟|旗|镇|乡|街道|关|馆|社|司|台|团|校|行|园|场|组)$"
)
#: a web page's own header fields: "发布机构: XX局", "来源：XX局"
_FIELD_KEYS = ("发布机构", "发文机关", "发文单位", "发布单位", "来源", "公开主体")
_FIELD = re.compile(rf"(?:{'|'.join(_FIELD_KEYS)})\s*[:：]\s*(?P<organ>{_ORGAN_CHARS}{{3,40}})")
#: a year the text states as the report's own: the statistics period, or "2020年我局…"
_STATED_YEARS = (
    re.compile(r"(20\d\d)\s*年\s*1\s*月\s*(?:1\s*日|份?\s*(?:起\s*)?(?:至|到|—|－|-|~))"),
    re.compile(r"(20\d\d)\s*年\s*(?:度\s*)?(?:以来\s*)?[，,]?\s*(?:我|本)(?:局|委|办|中心|单位|院|所|厅|部|区|县|市|镇|乡|机关|处|站|队|会)"),
    re.compile(r"(20\d\d)\s*年\s*以来"),
)
#: reports without a title line still name their body: "请与瓯海区住房和城乡建设局联系",
#: "2023年以来,津市市住房保障服务中心在市委…"
_ORGAN_HINTS = (
    re.compile(r"请与\s*(?P<organ>[^\s，,。（(、:：]{2,30}?)\s*联系"),
    re.compile(
        r"20\d\d\s*年(?:以来|度)?\s*[，,]?\s*(?P<organ>[^\s，,。、:：我0-9]{2,30}?(?:局|中心|委员会|办公室|人民政府|办|院|所|站|队))"
        r"(?:在|坚持|认真|深入|按照|紧紧|始终|全面|以|紧密)"
    ),
)
#: the signature at the end: "平潭综合实验区苏平片区管理局\n2021年1月26日" (its own line or after a
#: sentence): the date, then the name just before it, starting a line or a sentence
_DATE = re.compile(r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_SIGNER = re.compile(rf"(?:^|[\s。；;])(?P<organ>{_ORGAN_CHARS}{{3,40}})\s*$")
_MARKUP_DROP = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_MARKUP_TAG = re.compile(r"<[^>]*>")
_MARKUP_KEEP = re.compile(r"报告|年报|发布机构|发文机关|来源")

@dataclass(frozen=True)
class Segments:
    """Offsets of the report's parts in its text; a table not found is None."""

    header: Span
    table2: Span | None
    table3: Span | None
    table4: Span | None

    def tables(self) -> dict[str, Span]:
        return {k: v for k, v in (("二", self.table2), ("三", self.table3), ("四", self.table4)) if v}


def _squash(text: str) -> str:
    """Drop spaces so that labels split by a PDF's spacing still match."""
    return "".join(text.split())  # str.split() drops exactly what `\s` matches, several times faster


@lru_cache(maxsize=2)
def _flat(text: str) -> str:
    """A whole report squashed, kept: the report check and the format detection read it in turn."""
    return _squash(text)


def _find(text: str, pattern: str, start: int = 0, end: int | None = None) -> int:
    m = re.compile(pattern).search(text, start, len(text) if end is None else end)
    return m.start() if m else -1


def _rfind(text: str, pattern: str, start: int, end: int) -> int:
    last = -1
    for m in re.finditer(pattern, text[start:end]):
        last = start + m.start()
    return last


#: 表三's first label, also when a converter cut it over two table lines, its numbers on the
#: first: "| 一、本年新 | 7 | … |" then "| 收政府信息公开申请数量 |  | … |" (or a tab row, its
#: label cell holding a line break)
#: 本年新收, its characters apart by the rest of a bordered line, or by a wrapped label's numbers
#: (`一、本年新  6  0 … 6` then `收政府信息…` in PDF text)
_NEW_REQUESTS = r"(?:\s*[|\t][^\n]*\n\s*\|?|[ \d]+\n)?\s*".join("本年新收")


#: 表三's words after its first label, for a 本年新收 that typing or OCR damaged
_TABLE3_WORDS = r"申\s*请\s*人\s*情\s*况|上\s*年\s*度?\s*结\s*转|予\s*以\s*公\s*开"


#: where the tables end: section 五's heading (五、存在的主要问题…) or its words spaced out; the
#: first match of any. Each searched on its own: a pattern that starts with one literal character
#: lets `re` skip ahead to it (fast), where an alternation or a [五5] class is tried at every
#: position (3× the cost). 存在的主要问题及改进情况 needs none of its own: the spaced words match
#: wherever it does
_PROBLEMS = tuple(re.compile(p) for p in (r"五[、.．]\s*(?:政府信息公开工作)?存在的?主要问题",
                                         r"5[、.．]\s*(?:政府信息公开工作)?存在的?主要问题",
                                         r"存\s*在\s*的\s*主\s*要\s*问\s*题"))


@lru_cache(maxsize=4)
def find_tables(text: str) -> Segments:
    """Locate 表二, 表三 and 表四 by their fixed labels (kept for the last few texts: the reader,
    its evidence and the narrative rule each ask for the same report's)."""
    n = len(text)
    art20 = _find(text, r"第\s*二\s*十\s*条")
    heading = art20 < 0
    if heading:  # 表二 printed without its 第二十条 lines (as a list, say): its section heading
        # numbered as a section (二、): an introduction lists the sections' names too
        art20 = _find(text, r"[二2]\s*[、.．]\s*主\s*动\s*公\s*开\s*政\s*府\s*信\s*息\s*情\s*况")
    if art20 < 0:  # or under a caption: （二）…, 表2 …, 附表一：… (a page that dropped the section headings)
        art20 = _find(text, r"(?:[（(]\s*二\s*[）)]|表\s*[二2]|附\s*表\s*[一1]\s*[：:]?)\s*主\s*动\s*公\s*开\s*政\s*府\s*信\s*息\s*情\s*况")
    # 表三 follows 表二: a 本年新收 above 第二十条 is the prose's or a summary's, not 表三's label
    new_req = _find(text, _NEW_REQUESTS, art20) if art20 >= 0 else -1
    if new_req < 0:
        new_req = _find(text, _NEW_REQUESTS)
    if new_req < 0 and art20 >= 0:  # 一、新收申请数量: the label without 本年
        new_req = _find(text, r"[一1][、.．]\s*新\s*收", art20)
    if new_req < 0 and art20 >= 0:  # 本年新收 mistyped (本午新收, 本年新牧): 表三's other fixed words
        new_req = _find(text, _TABLE3_WORDS, art20)
    upheld = _find(text, r"结\s*果\s*维\s*持", max(new_req, 0))
    if upheld < 0:
        upheld = _find(text, r"维\s*持", max(new_req, 0))

    def head_before(anchor: int, pattern: str, floor: int) -> int:
        # a heading far above its anchor is the report's table of contents, not the table's;
        # so only the last 600 characters are searched (the headings' words never overlap)
        h = _rfind(text, pattern, max(floor, anchor - 599), anchor)
        return h if h >= 0 else anchor

    t2 = t3 = t4 = None
    t2_start = -1 if art20 < 0 else art20 if heading else head_before(art20, r"主\s*动\s*公\s*开", 0)
    t3_start = head_before(new_req, r"收\s*到\s*和\s*处\s*理|依\s*申\s*请\s*公\s*开|申\s*请\s*人\s*情\s*况", max(art20, 0)) if new_req >= 0 else -1
    t4_start = -1
    if upheld >= 0:
        t4_start = head_before(upheld, r"行\s*政\s*复\s*议", max(new_req, 0))
    elif new_req >= 0:  # 表四 printed with no header words, its numbers straight under its
        # section heading (四、…行政复议…): the heading starts it, as 二、 does for 表二
        t4_start = _find(text, r"[四4]\s*[、.．]\s*[^\n。]{0,30}?行\s*政\s*复\s*议", new_req)
        if t4_start < 0 and (upheld := _find(text, r"结\s*果\s*维\s*持")) >= 0:
            # printed before 表三 (a report whose tables run 表四, 表三, 表二): its header words
            t4_start = head_before(upheld, r"行\s*政\s*复\s*议", 0)
    after = max(t4_start, t3_start, t2_start, 0)
    end = min((m.start() for p in _PROBLEMS if (m := p.search(text, after))), default=n)
    # each table ends where the next one starts, in whatever order they are printed
    starts = [x for x in (t2_start, t3_start, t4_start) if x >= 0]

    # and where a heading names what follows as another year's (last year's tables quoted too)
    stale = stale_headings(text, max(min(starts, default=n), 0), end, _own_year(text)) if starts else []

    def end_of(start: int) -> int:
        return min([x for x in starts + stale if x > start] or [max(end, start)])

    if t2_start >= 0:
        t2 = (t2_start, end_of(t2_start))
    if t3_start >= 0:
        t3 = (t3_start, end_of(t3_start))
    if t4_start >= 0:
        t4 = (t4_start, end_of(t4_start))
    first = min([s[0] for s in (t2, t3, t4) if s] or [n])
    header_end = min(first, 600) if first > 0 else min(n, 600)
    return Segments(header=(0, header_end), table2=t2, table3=t3, table4=t4)


#: words a heading uses for another year's table: 上年度 / 上一年度 / 去年, or a copy kept 对照
_STALE_WORDS = re.compile(r"上\s*一?\s*年\s*度|去\s*年|对\s*照")
#: a year a heading names (`2022年度`)
_HEADING_YEAR = re.compile(r"(20\d\d)\s*年")
#: a line heading a table or a section of them: the tables' headings' words
_HEADING_WORDS = re.compile(r"情\s*况|统\s*计|附\s*表")
#: a table's own label, never a heading: 表三's 上年(度)结转, 2019 表二's 上一年项目数量
_LABEL_WORDS = re.compile(r"结\s*转|项\s*目\s*数\s*量")


def _stale_line(line: str, year: int | None) -> bool:
    """A line heading a table (or a section of tables) as another year's than the report's
    `year`: short, no sentence and no table row, naming 上年度/去年/对照 or only other years."""
    line = line.strip()
    if not line or len(line) > 60 or "\t" in line or "|" in line or "。" in line \
            or not _HEADING_WORDS.search(line) or _LABEL_WORDS.search(line):
        return False
    if _STALE_WORDS.search(line):
        return True
    years = {int(y) for y in _HEADING_YEAR.findall(line)}
    return year is not None and bool(years) and year not in years


def stale_headings(text: str, start: int, end: int, year: int | None) -> list[int]:
    """Where each line of text[start:end] that heads a table as another year's starts (a report
    quoting last year's tables under `2022年度…情况（对照）` or a section `上年度情况`): such a
    heading ends the table above it, as the next table's start does. A year the heading names is
    judged only when the report's `year` is known."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        if _stale_line(m.group(), year):
            out.append(start + m.start())
    return out


def stale_grid(text: str, floor: int, start: int, year: int | None) -> bool:
    """A grid starting at `start` stands under a heading naming it as another year's: a line of
    the text between the grid before it (`floor`) and it, at most 300 characters up, is one."""
    return bool(stale_headings(text, max(floor, start - 300, 0), start, year))


def _own_year(text: str) -> int | None:
    """The report's year from its first title or its stated period (not `read_title`, which asks
    `find_tables` for where a second report starts)."""
    return _title(text[:3000])[1] or stated_year(text[:6000])


def read_title(text: str) -> tuple[str | None, int | None]:
    """The organ and year of the report: its title, else the page's header fields and the body's
    own words; None for what the text does not state (a guess is never returned)."""
    text = _first_report(text)
    head = text[:3000]
    organ, year = _own_title(head, text)
    field = _field_organ(head[:1000])  # a page's header fields sit on top
    if organ is None or (field and field != organ and field.endswith(organ)):
        organ = field or organ  # "区公安局" in the title, "平潭综合实验区公安局" in the field: the full name
    organ = organ or _signature(text) or _hinted_organ(head)  # who signed it, else who it names
    if organ is not None:
        organ = _named_in_full(organ, head[:1000]) or organ
    return organ, year if year is not None else stated_year(text[:6000])


def _first_report(text: str) -> str:
    """The text up to a second report's title: a title line after the report's tables (a site's
    汇总 page holding several bodies' reports one after the other, a 下一篇 line naming another
    report) that names another body or year than the first title does. Its statistics period,
    its signature and its header fields are not this report's (the text unchanged when none)."""
    segs = find_tables(text)
    starts = [s[0] for s in (segs.table2, segs.table3, segs.table4) if s]
    if not starts:
        return text
    last = max(starts)
    first = _title(text[:3000])
    if first[0] is None:
        return text
    for start, organ, year in _placed_titles(text[last:]):
        same = (organ.endswith(first[0]) or first[0].endswith(organ)) and year == first[1] if organ else True
        if not same:
            return text[:last + start]
    return text


def title_organ(text: str) -> str | None:
    """The organ as the report's own title line names it (None: no title line names one)."""
    return _title(text[:3000])[0]


def titled_organ(text: str) -> str | None:
    """The organ as a title or a page's header field names it (None: only a signature or a
    mention would, or nothing)."""
    head = text[:3000]
    return _title(head)[0] or _field_organ(head[:1000])


def _title(head: str) -> tuple[str | None, int | None]:
    """Organ and year from the first title line (before the first "报告" that ends a title)."""
    placed = _head_titles(head)
    return (placed[0][1], placed[0][2]) if placed else (None, None)


@lru_cache(maxsize=4)
def _head_titles(head: str) -> tuple[tuple[int, str | None, int], ...]:
    """The first eight title lines of a head (`_placed_titles`), kept for the last few heads: the
    report's own title (`_own_title`), the first report's (`_first_report`) and the page's title
    (`title_organ`, `titled_organ`) are asked of the same head in turn."""
    return tuple(islice(_placed_titles(head), 8))


def _placed_titles(head: str) -> Iterator[tuple[int, str | None, int]]:
    """Where each title line of `head` starts, its organ and year, in order."""
    seen = -1
    for r in _REPORT_WORD.finditer(head):
        found = _title_match(head, r.start(), r.end() + 10)  # "…报告（2023年度）"
        if found is None:
            continue
        m, line_start, window = found
        if line_start <= seen:
            continue  # the same line's title, found again at a later "报告" on it
        seen = line_start
        raw = m.group("organ")
        if m.re is _TITLE_YEAR_FIRST and raw.endswith("人民"):
            raw += "政府"  # "2019年XX区人民政府信息公开…": the body's 政府 is also the title's
        organ = _clean_organ(raw)
        if organ is None and m.re is _TITLE:
            # a title split over lines in a PDF's text: "洪泽区人民\n政府\n2023年政府信息…"
            organ = _organ_above(head, line_start, window[:m.start("year")])
        yield line_start, organ, int(m.group("year"))


#: where a report's body starts: its first sentence's first mark (a title, a page's furniture and a
#: list of titles print none)
_SENTENCE_MARK = re.compile(r"[，。；]")


def _own_title(head: str, text: str) -> tuple[str | None, int | None]:
    """The report's own title among the titles its head prints. A crawled page can print other
    reports' titles near its own (a 'related reports' list, 上一篇/下一篇), on lines of their own
    or flattened into one line with the report, and a file can hold a second report after the
    first: when the titles name other bodies or years, the report's is the last one before its
    body starts, if its statistics period states that year; a head that does not settle it
    gives None (never a guess)."""
    placed = _head_titles(head)
    listed = _listed_titles(head)
    found = [(o, y) for _, o, y in placed]
    if len({y for _, y in found} | {y for _, _, y, _ in listed}) <= 1 and (not found or _agree(set(found))):
        if found:
            return found[0]
        # no title starts a line: a page flattened to one line, its title after the site's
        # furniture (`分享到：微信 QQ空间 XX局 2023 年…报告 一、总体情况`), set apart by spaces
        alone = [(o, y) for _, o, y, apart in listed if apart]
        if not alone or not _agree(set(alone)):
            return None, None
        stated = _period_year(text[:8000])
        return alone[0] if stated in (None, alone[0][1]) else (None, stated)
    stated = _period_year(text[:8000]) or stated_year(text[:6000])
    mark = _SENTENCE_MARK.search(head)
    body = mark.start() if mark else len(head)
    # the titles before the body of the year the text states (on a line of its own, then in a line)
    early = sorted([(p, 1, o) for p, o, y in placed if p < body and y == stated]
                   + [(p, 0, o) for p, o, y, _ in listed if p < body and y == stated])
    if stated is None or not early:
        return None, stated
    names = sorted({o for _, _, o in early if o is not None}, key=len)
    if all(n.endswith(names[0]) for n in names):
        # one body: the last title's name (a list of its other years' reports above it)
        return next((o for _, _, o in reversed(early) if o is not None), None), stated
    # several bodies' reports of that year: the one the text names again outside the titles (its
    # signature, its contact line), when only one is
    again = [n for n in names if text.count(n) > sum(n in t for _, t, _, _ in listed if t is not None)]
    return (again[0] if len(again) == 1 else None), stated


#: a title anywhere in a head (a page flattened to one line prints several): the organ (no space
#: inside: "分享到：微信 QQ空间 XX局2023年…" names XX局), the year, the title's words; or the year first
_LISTED = re.compile(rf"(?P<organ>{_ORGAN_CHARS}{{2,40}}?)\s*(?P<year>20\d\d)\s*年度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_LISTED_YEAR_FIRST = re.compile(
    rf"(?P<year>20\d\d)\s*年度?\s*(?P<organ>{_ORGAN_CHARS}{{2,40}}?)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")


def _listed_titles(head: str) -> list[tuple[int, str | None, int, bool]]:
    """Every title-like string of the head that names a body: (where, organ, year, set apart as
    a title is on a flattened page: a space, the start or a breadcrumb's separator before it and
    a space after it)."""
    out: list[tuple[int, str | None, int, bool]] = []
    for pattern in (_LISTED, _LISTED_YEAR_FIRST):
        for m in (_listed_matches(head) if pattern is _LISTED else pattern.finditer(head)):
            if "关于" in m.group("organ") or head[max(0, m.start() - 1):m.start()] in ("《", "“"):
                continue  # a document the text cites ("《XX办公室关于做好2021年…报告…的通知》"), no title
            raw = m.group("organ")
            if pattern is _LISTED_YEAR_FIRST and raw.endswith("人民"):
                raw += "政府"  # "2019年XX区人民政府信息公开…": the body's 政府 is also the title's
            organ = _clean_organ(raw)
            if organ is not None:
                apart = (m.start() == 0 or head[m.start() - 1].isspace() or head[m.start() - 1] in ">»|_：:") \
                    and (m.end() == len(head) or head[m.end()].isspace())
                out.append((m.start(), organ, int(m.group("year")), apart))
    return sorted(out, key=lambda t: t[0])


#: the end of a `_LISTED` title (its year and words): a literal "20" to search for, fast
_LISTED_TAIL = re.compile(r"20\d\d\s*年度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")


def _listed_matches(head: str) -> Iterator[re.Match[str]]:
    """`_LISTED.finditer(head)`, searched only just before each title's end (its organ is at most
    40 characters before its year): the pattern opens with a repeated class, which a whole-head
    scan tries at every position (a tenth of the reader's time on a page of 3,000 characters)."""
    done = 0
    for tail in _LISTED_TAIL.finditer(head):
        ys = tail.start()
        k = ys
        while k > done and head[k - 1].isspace():  # the spaces the pattern allows before the year
            k -= 1
        lo = max(done, k - 40)
        m = _LISTED.search(head, lo, tail.end())
        if m is not None:
            done = m.end()
            yield m


def _agree(titles: set[tuple[str | None, int]]) -> bool:
    """The titles name one year and (where they name one) one body, in its full or short name."""
    if len({y for _, y in titles}) != 1:
        return False
    names = sorted({o for o, _ in titles if o is not None}, key=len)
    return all(n.endswith(names[0]) for n in names)


#: the statistics period: "统计期限为2023年1月1日至2023年12月31日", "自2023年1月1日起至…"
_PERIOD = re.compile(r"(20\d\d)\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~)")


def _period_year(text: str) -> int | None:
    m = _PERIOD.search(text)
    return int(m.group(1)) if m else None


def _title_match(head: str, start: int, end: int) -> tuple[re.Match[str], int, str] | None:
    """The title ending at head[start:end] ("报告"), when it is a line of its own (or wraps over up
    to three short lines: "…2022年度政府信息公开工作\n年度报告"); prose ("现将我局2023年度…报告
    如下") is no title."""
    line_start = head.rfind("\n", 0, start) + 1
    for _ in range(3):
        if start - line_start > 160:
            return None  # a long line is prose, not a title
        window = _squash(head[line_start:end])
        # (each of the three patterns holds a year, 20xx, and 信息公开: a window without both, half
        # of them, is no title without a scan)
        m = (_TITLE.search(window) or _TITLE_YEAR_FIRST.search(window) or _TITLE_YEAR_AFTER.search(window)) \
            if "20" in window and "信息公开" in window else None
        if m is not None:
            # the title starts its line (after a crawler's "标题:" or a breadcrumb at most)
            return (m, line_start, window) if _TITLE_LEAD.fullmatch(window[:m.start()]) else None
        line_start = _line_above(head, line_start)
        if line_start < 0:
            return None
    return None


def _line_above(head: str, line_start: int) -> int:
    """Where the last non-blank line before `line_start` starts; -1 when there is none."""
    end = len(head[:line_start].rstrip())
    return head.rfind("\n", 0, end) + 1 if end else -1


def _organ_above(head: str, line_start: int, rest: str) -> str | None:
    """Join up to three short lines above a title line that starts with its year (or a stub)."""
    lines = [ln.strip() for ln in head[:line_start].splitlines()[-6:]]
    joined = rest
    for ln in reversed([ln for ln in lines if ln]):
        if len(ln) > 40 or not _TITLE_PART.fullmatch(_squash(ln)):
            break
        joined = _squash(ln) + joined
        organ = _clean_organ(joined)
        if organ is not None:
            return organ
    return None


def _clean_organ(raw: str) -> str | None:
    """The issuing body in a title's text before its year, or None when it names no body."""
    name = _LABEL_PREFIX.sub("", raw)
    lead = _FURNITURE.match(name)
    if lead and _is_organ(name[lead.end():]):
        name = name[lead.end():]  # "相关报告XX局…", "年度报告>正文 XX局…": the page's words, then the title
    about = _ABOUT.search(name)
    if about:
        sender, subject = name[:about.start()], name[about.end():]
        # "XX办公室关于印发YY 2019年…报告的通知" is YY's report; "XX局关于报送2020年度…的函" is XX's
        name = subject if _is_organ(subject) else sender
    return name if _is_organ(name) else None


def _is_organ(name: str) -> bool:
    return len(name) >= 3 and bool(_ORGAN_END.search(name.rstrip("（）()"))) and not _DEICTIC.fullmatch(name)


#: a body referred to, not named: "本机关", "我局", "本单位办公室" (a report that names itself so
#: names no body a reader could file it under)
_DEICTIC = re.compile(r"(?:本|我|该)(?:机关|单位|部门|局|委|办|厅|院|部|中心|政府|府|区|县|市|镇|乡|街道|处|所|站|队|室|会)"
                      r"(?:办公室|办)?"
                      # an office with no body before it ("信息来源：办公室" on a page)
                      r"|(?:综合)?办公室|信息中心|综合科|秘书科")


def _field_organ(head: str) -> str | None:
    """The body named by a web page's header field (发布机构, 发文机关, 来源), if it names one."""
    for key in _FIELD_KEYS:  # find each label with str.find, then match there: a scan of the
        at = head.find(key)    # head with the regex's alternation costs several times more
        while at >= 0:
            m = _FIELD.match(head, at)
            if m and _is_organ(m.group("organ")):
                return m.group("organ")
            at = head.find(key, at + 1)
    return None


#: characters of a sentence, not of a body's name ("本年度区公安局 …" starts no name)
_PROSE_CHARS = re.compile(r"[年度本我的了在对将是有该经由]")


def _named_in_full(organ: str, head: str) -> str | None:
    """The one fuller name the head prints on its own for `organ` ("平潭综合实验区公安局  政务公开"
    in a page header, "发布机构: 区公安局" in a field): a line that starts with a longer body's
    name ending in `organ`, set apart by a space or the line's end. None: no such line, or two
    different ones (then the short name stays as written)."""
    found = _full_names(organ, head)
    found = {f for f in found if f != organ and _is_organ(f) and not _DEICTIC.fullmatch(f)
             and not _PROSE_CHARS.search(f[:len(f) - len(organ)])}
    return found.pop() if len(found) == 1 else None


def banner_organ(text: str) -> str | None:
    """A body's name a page banner or a Word page header prints on one of the text's first lines,
    alone or before a section's words ("平潭综合实验区农业农村局  政务公开"). Only a candidate for a
    person: the banner of a portal that hosts other bodies' reports names the portal, so the
    reader never takes it as the organ. None: no such line, or two different names."""
    found = set()
    for line in [ln.strip() for ln in text[:600].splitlines() if ln.strip()][:4]:
        m = _BANNER.fullmatch(line)
        if m and _is_organ(m.group(1)) and not _NOT_BANNER.search(m.group(1)):
            found.add(m.group(1))
    return found.pop() if len(found) == 1 else None


#: a banner line: a name, then nothing or (after a space) a few words of the site's or section's
_BANNER = re.compile(r"([\u4e00-\u9fff]{3,30})(?:[ \t\u3000]+[\u4e00-\u9fff]{2,8})?")
#: a sentence or a heading, not a name: a year, or "本/我/该/全…" at the start ("本年度全区")
_NOT_BANNER = re.compile(r"年|^[本我该全]")


def _full_names(organ: str, head: str) -> set[str]:
    """`re.finditer(rf"(?m)^[ \t　]*([\u4e00-\u9fff]{2,30}?{re.escape(organ)})(?=[ \t　]|$)", head)`'s
    names, found from the organ's occurrences (str.find): a pattern made per report is compiled per
    report (the `re` module's cache holds a few hundred), a millisecond each. On each line, the
    first occurrence that 2 to 30 Chinese characters open the line before (after its spaces) and a
    space or the line's end follows is the one the lazy pattern matches."""
    if "\n" in organ or not organ:
        return {m.group(1) for m in re.finditer(
            rf"(?m)^[ \t　]*([\u4e00-\u9fff]{{2,30}}?{re.escape(organ)})(?=[ \t　]|$)", head)}
    found: set[str] = set()
    n = len(head)
    done = -1  # the start of the last line a name was found on
    at = head.find(organ)
    while at >= 0:
        line = head.rfind("\n", 0, at) + 1
        if line != done:
            q = line
            while q < at and head[q] in " \t　":
                q += 1
            end = at + len(organ)
            if 2 <= at - q <= 30 and _ALL_HAN.fullmatch(head, q, at) and (end == n or head[end] in " \t　\n"):
                found.add(head[q:end])
                done = line
        at = head.find(organ, at + 1)
    return found


_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _hinted_organ(head: str) -> str | None:
    for hint in _ORGAN_HINTS:
        h = hint.search(head)
        if h and not _DEICTIC.fullmatch(h.group("organ").strip()):
            return h.group("organ").strip()
    return None


def _signature(text: str) -> str | None:
    """The body that signed the report: a name just before the closing date, in the last lines."""
    tail = text[-400:]
    dates = list(_DATE.finditer(tail))
    if not dates:
        return None
    start = dates[-1].start()
    m = _SIGNER.search(tail, max(0, start - 50), start)
    return m.group("organ") if m and _is_organ(m.group("organ")) else None


def stated_year(text: str) -> int | None:
    """The report's year as its text states it (统计期限自2019年1月1日, "2020年我局…"), or None."""
    for pattern in _STATED_YEARS:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


def markup_heading(html: str) -> str:
    """The lines of a web page's markup that can hold its title or header fields, as plain text.

    A loader keeps the report's body; the page's <title>, its heading and its "来源：" line may
    sit outside it. Only the markup before the first table is read, tags dropped.
    """
    end = html.find("<table")
    lines = _MARKUP_TAG.sub("\n", _MARKUP_DROP.sub("", html[:end if end >= 0 else 60000])).splitlines()
    kept = (unescape(ln).strip() for ln in lines if _MARKUP_KEEP.search(ln))
    return "\n".join(ln for ln in kept if ln)


# ------------------------------------------------------------------ format version and the check


#: column labels only one format prints (typo-tolerant: "先行有效件数", "本公开数量" still count)
_MARKERS_2021 = ("制发件数", "废止件数", "有效件数", "收费金额", "逾期不补正", "收费通知")
_MARKERS_2019 = ("新制作数量", "新公开数量", "本公开数量", "公开总数量", "上一年项目数量", "本年增/减",
                 "采购项目数量", "采购总金额")


def detect_template(text: str, year: int | None = None) -> Template | None:
    """`2021` or `2019` from the table labels; the year decides only when the labels do not.

    Counts distinct column labels, so a label repeated in prose (or a cited document number,
    which is not a label) cannot outweigh a printed table.
    """
    flat = _flat(text)
    score21 = sum(m in flat for m in _MARKERS_2021)
    score19, left = 0, len(_MARKERS_2019)
    for marker in _MARKERS_2019:  # counted until the labels left cannot make a tie (a 2021 report
        if score19 + left < score21:  # prints none of them, and a label absent costs a scan of
            return "2021"  # the whole text)
        score19 += marker in flat
        left -= 1
    if score21 != score19:
        return "2021" if score21 > score19 else "2019"
    if year is not None:
        return "2021" if year >= 2021 else "2019"
    return None


#: each table's fixed labels, squashed, with the typos real reports print; a tuple is one anchor.
#: `strong` labels only the table prints; `weak` ones also come up in prose (a guide, the 条例)
_ANCHORS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "表二": {
        "strong": (("新制作数量",), ("新公开数量", "本公开数量"), ("公开总数量",), ("上一年项目数量", "上年项目数量"),
                   ("本年增/减", "本年增减"), ("处理决定数量",), ("采购项目数量",), ("采购总金额",),
                   ("制发件数",), ("废止件数",), ("有效件数",), ("收费金额",)),
        "weak": (("第二十条第",), ("规范性文件", "规章")),
    },
    "表三": {
        "strong": (("本年新收",), ("上年结转", "上年转结"), ("申请人情况",), ("商业企业",), ("科研机构",),
                   ("社会公益组织",), ("法律服务机构",), ("没有现成信息",), ("内容仍不明确",), ("信访举报投诉",),
                   ("公开出版物",), ("大量反复申请",), ("确认或重新出具",), ("结转下年度", "结转下一年度"),
                   ("三安全一稳定",), ("逾期不补正",)),
        "weak": (("自然人",), ("予以公开",), ("不予公开",), ("无法提供",), ("不予处理",)),
    },
    "表四": {
        "strong": (("结果维持",), ("结果纠正",), ("其他结果",), ("尚未审结",), ("直接起诉",), ("复议后起诉",)),
        "weak": (("行政复议", "行政法复议"), ("行政诉讼",)),
    },
}
NOT_A_REPORT = ("not a government information-disclosure annual report in the 2019 or 2021 format "
                "(no 表二/表三/表四 of the national format found)")
#: a report of the format whose tables are not in its text (pictures on the page, a scan's lost layer)
TABLES_NOT_IN_TEXT = ("a report with the headings of the 2019/2021 format, but none of its tables "
                      "(表二/表三/表四) is in the text; are they pictures?")
#: the section heading of 表三 only the 2019 and 2021 formats print (before 2019: 依申请公开情况)
_FORMAT_HEADING = "收到和处理政府信息公开申请"


def tables_shown(text: str) -> list[str]:
    """The tables (表二, 表三, 表四) the text prints, each recognised by several of its own labels."""
    flat = _flat(text)
    return [name for name, anchors in _ANCHORS.items() if _shows(flat, anchors)]


def _shows(flat: str, anchors: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    # two labels no prose uses, three in all: a guide quoting 行政复议 and 规范性文件 is no table
    strong = 0
    for variants in anchors["strong"]:
        strong += any(v in flat for v in variants)
        if strong >= 3:
            return True
    if strong < 2:
        return False
    return any(any(v in flat for v in variants) for variants in anchors["weak"])


def report_problem(text: str) -> str | None:
    """Why the text is not an annual report of the national format, or None when it is one."""
    flat = _flat(text)
    # 表三 first: its labels stand in every report and are found early, so the scan stops soon
    if any(_shows(flat, _ANCHORS[name]) for name in ("表三", "表四", "表二")):
        return None
    return TABLES_NOT_IN_TEXT if _FORMAT_HEADING in flat else NOT_A_REPORT


def is_annual_report(text: str) -> bool:
    """Does the text print at least one of the national format's tables (2019 or 2021)?"""
    return report_problem(text) is None
