"""Find the parts of a report: its title (organ, year), format version, and the three tables.

Works on plain text with character offsets, so that every engine and the review page can point
back into `Document.text`. Anchors are the format's own fixed labels (第二十条, 本年新收,
结果维持), which survive every layout; headings are used only to widen a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]

_TITLE = re.compile(
    r"(?P<organ>[^\s\n，。、:：]{2,40}?)\s*(?P<year>20\d\d)\s*年\s*度?\s*(?:的)?\s*政府\s*信息\s*公开\s*(?:工作)?\s*(?:年度)?\s*报告"
)
#: the year before the organ: "2019年上海市人民政府办公厅政府信息公开工作年度报告"
_TITLE_YEAR_FIRST = re.compile(
    r"(?P<year>20\d\d)\s*年\s*度?\s*(?P<organ>[^\s\n，。、:：0-9]{2,40}?)\s*政府\s*信息\s*公开\s*(?:工作)?\s*(?:年度)?\s*报告"
)
_REPORT_WORD = re.compile(r"报\s*告")
_PERIOD = re.compile(r"(20\d\d)\s*年\s*1\s*月\s*1\s*日")
_ANY_YEAR = re.compile(r"(20\d\d)\s*年")
#: reports without a title line still name their body: "请与瓯海区住房和城乡建设局联系",
#: "2023年以来,津市市住房保障服务中心在市委…"
_ORGAN_HINTS = (
    re.compile(r"请与\s*(?P<organ>[^\s，,。（(、:：]{2,30}?)\s*联系"),
    re.compile(
        r"20\d\d\s*年(?:以来|度)?\s*[，,]?\s*(?P<organ>[^\s，,。、:：我0-9]{2,30}?(?:局|中心|委员会|办公室|人民政府|办|院|所|站|队))"
        r"(?:在|坚持|认真|深入|按照|紧紧|始终|全面|以|紧密)"
    ),
)


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


def find_tables(text: str) -> Segments:
    """Locate 表二, 表三 and 表四 by their fixed labels."""
    n = len(text)
    art20 = _find(text, r"第\s*二\s*十\s*条")
    new_req = _find(text, r"本\s*年\s*新\s*收")
    upheld = _find(text, r"结\s*果\s*维\s*持", max(new_req, 0))
    if upheld < 0:
        upheld = _find(text, r"维\s*持", max(new_req, 0))

    def head_before(anchor: int, pattern: str, floor: int) -> int:
        # a heading far above its anchor is the report's table of contents, not the table's;
        # so only the last 600 characters are searched (the headings' words never overlap)
        h = _rfind(text, pattern, max(floor, anchor - 599), anchor)
        return h if h >= 0 else anchor

    t2 = t3 = t4 = None
    t2_start = head_before(art20, r"主\s*动\s*公\s*开", 0) if art20 >= 0 else -1
    t3_start = head_before(new_req, r"收\s*到\s*和\s*处\s*理|依\s*申\s*请\s*公\s*开|申\s*请\s*人\s*情\s*况", max(art20, 0)) if new_req >= 0 else -1
    t4_start = -1
    if upheld >= 0:
        t4_start = head_before(upheld, r"行\s*政\s*复\s*议", max(new_req, 0))
    end = _find(text, r"[五5][、.．]\s*(?:政府信息公开工作)?存在的?主要问题|存在的主要问题及改进情况|存\s*在\s*的\s*主\s*要\s*问\s*题", max(t4_start, t3_start, t2_start, 0))
    end = n if end < 0 else end
    if t2_start >= 0:
        t2 = (t2_start, t3_start if t3_start > t2_start else (t4_start if t4_start > t2_start else end))
    if t3_start >= 0:
        t3 = (t3_start, t4_start if t4_start > t3_start else end)
    if t4_start >= 0:
        t4 = (t4_start, max(end, t4_start))
    first = min([s[0] for s in (t2, t3, t4) if s] or [n])
    header_end = min(first, 600) if first > 0 else min(n, 600)
    return Segments(header=(0, header_end), table2=t2, table3=t3, table4=t4)


def read_title(text: str) -> tuple[str | None, int | None]:
    """The organ and year from the report's title (first match in the first lines)."""
    head = text[:3000]
    found = []
    # try the title patterns only just before each "报告" (searching the whole head is slow)
    for r in _REPORT_WORD.finditer(head):
        a = max(0, r.start() - 80)
        window = head[a:r.end()]
        found = [m for m in (_TITLE.search(window), _TITLE_YEAR_FIRST.search(window)) if m]
        if found:
            break
    if found:
        m = min(found, key=lambda m: m.start())
        organ = re.sub(r"^(标题|题目)[:：]\s*|关于$", "", m.group("organ")).strip()
        return organ or None, int(m.group("year"))
    organ = None
    for hint in _ORGAN_HINTS:
        h = hint.search(head)
        if h:
            organ = h.group("organ").strip()
            break
    p = _PERIOD.search(head) or _ANY_YEAR.search(head[:1500])
    return organ, int(p.group(1)) if p else None


# ------------------------------------------------------------------ format version and the check


#: column labels only one format prints (typo-tolerant: "先行有效件数", "本公开数量" still count)
_MARKERS_2021 = ("制发件数", "废止件数", "有效件数", "收费金额", "逾期不补正", "收费通知")
_MARKERS_2019 = ("新制作数量", "新公开数量", "本公开数量", "公开总数量", "上一年项目数量", "本年增/减",
                 "采购项目数量", "采购总金额")


def detect_template(text: str, year: int | None = None) -> str | None:
    """`2021` or `2019` from the table labels; the year decides only when the labels do not.

    Counts distinct column labels, so a label repeated in prose (or a cited document number,
    which is not a label) cannot outweigh a printed table.
    """
    flat = _flat(text)
    score21 = sum(m in flat for m in _MARKERS_2021)
    score19 = sum(m in flat for m in _MARKERS_2019)
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
    return NOT_A_REPORT


def is_annual_report(text: str) -> bool:
    """Does the text print at least one of the national format's tables (2019 or 2021)?"""
    return report_problem(text) is None
