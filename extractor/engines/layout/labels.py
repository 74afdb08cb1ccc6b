"""Row labels → catalogue rows, for 表二 and 表三 of both formats, tolerant of variants and typos.

The patterns are keywords of each printed row label (from the catalogue's `row` column),
plus the variants seen in published reports (上年转结, 其他法律行政止公开, 3、其他 …). A label
phrase may hold a parent label and its first child ("（三）不予公开1.属于国家秘密"): the label
that ends last is the one whose numbers follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ... import catalogue
from ._near import tail_distance

#: pseudo-rows: a parent label that some reports print with numbers of its own
OTHER_PARENT = "other_parent"
PARENT = "parent"

_T2 = (
    ("regulations", r"规章"),
    ("normative", r"规范性文件"),
    ("licensing", r"行政许可"),
    ("other_services", r"对外管理服务"),
    ("punishment", r"行政处罚"),
    ("coercion", r"行政强制"),
    ("fees", r"事业性收费"),
    ("procurement", r"集中采购"),
)

_T3_COMMON = (
    ("new", r"(?:本年(?:度)?)?新收"),
    ("carried_over", r"上年(?:度)?(?:结转|转结)"),
    ("granted", r"予以公开"),
    ("partial", r"部分公开"),
    ("denied_state_secret", r"国家秘密"),
    ("denied_prohibited", r"禁止公开|行政止公开|其他法律(?:行政)?法规"),
    ("denied_safety", r"三安全一稳定|危及"),
    ("denied_third_party", r"第三方合法权益|保护第三方"),
    ("denied_internal", r"内部事务"),
    ("denied_process", r"过程性信息"),
    ("denied_enforcement", r"执法案卷"),
    ("denied_query", r"查询事项"),
    ("unable_not_held", r"不掌握"),
    ("unable_create", r"另行制作|没有现成"),
    ("unable_unclear", r"仍不明确|补正后申请"),
    ("ignored_complaint", r"信访|举报投诉"),
    ("ignored_duplicate", r"重复申请"),
    ("ignored_publication", r"公开出版物"),
    ("ignored_excessive", r"大量反复"),
    ("ignored_confirm", r"确认或重新|重新出具|已获取信息"),
    # （七）总计, and as other numberings print it: 七、总计, 7.总计, （7）总计, ⑦总计
    ("total", r"(?:[（(]?七[）)]?、?|[（(]?[7７][）)]?[.．、]?|⑦)(?:总计|合计)"),
    ("carried_forward", r"(?:结转|转结)下(?:一)?年|下年度继续"),
    (PARENT, r"不予公开|无法提供|不予处理|本年度?办理结果"),
)
_T3_2019 = (("other", r"其他处理"),)
_T3_2021 = (
    ("other_no_correction", r"逾期不补正|不补正|申请人无正当理由"),
    ("other_unpaid_fee", r"收费通知|缴纳费用|逾期未按|未按收费"),
    # "3.其他" ends its phrase, or runs into the next label ("…申请3.其他（七）总计"); 其他 alone
    # right after the row above it is the same row printed without its number (`rows.collect_rows`)
    # (or after its parent's words, the enumerators dropped: `其他处理-其他`, `其他处理（其他）`)
    ("other_misc", r"(?:[（(]?[3３][.．、)）]?|③|其他处理[-－—·：:（(]?)其他(?!法律|处理|对外)"),
    (OTHER_PARENT, r"其他处理"),
)


#: characters an OCR reads for a label's own (公→云, 开→幵, 申→中, 请→清, 政→攻, 复→夏, 议→仪,
#: 诉→拆): a phrase that names no row is matched again with them read back, never before
_LOOKALIKES = str.maketrans("云幵中清攻夏仪拆", "公开申请政复议诉")


@dataclass(frozen=True)
class RowPatterns:
    """Compiled label patterns of one table of one format, with each row's column keys."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    columns: dict[str, tuple[str, ...]]  # row → flat keys in printed order
    #: (row, the format's label without its enumerator, that enumerator's number): for labels
    #: no pattern finds (`_near`)
    labels: tuple[tuple[str, str, int | None], ...] = ()
    #: every label of the table as the format prints it, enumerators dropped, one a line
    printed: str = ""
    #: phrase → row; the same printed labels recur in every report
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    _seen_all: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def match(self, phrase: str) -> str | None:
        """The row whose label ends last in the phrase (spaces ignored), or None."""
        flat = "".join(phrase.split())  # str.split() drops exactly what `\s` matches
        if flat in self._seen:
            return self._seen[flat]
        best: tuple[int, int, str] | None = None
        for row, pat in self.patterns:
            for m in pat.finditer(flat):
                cand = (m.end(), m.end() - m.start(), row)
                if best is None or cand[:2] > best[:2]:
                    best = cand
        found = best[2] if best else None
        end = best[0] if best else 0
        if found is None or (found in (PARENT, OTHER_PARENT) and len(flat) - end >= 4):
            # no row, or only a parent with a label after it: a label a typo away (`_near`)
            found = self._near(flat[end:]) or found
            if (found is None or found in (PARENT, OTHER_PARENT)) and (folded := flat.translate(_LOOKALIKES)) != flat:
                # OCR's look-alike characters (`予以云幵`, `重复中清`): the label they stand for
                again = self.match(folded)
                if found is None or again not in (None, PARENT, OTHER_PARENT):
                    found = again
        if len(self._seen) < 20000:
            self._seen[flat] = found
        return found

    def _near(self, flat: str) -> str | None:
        """The one row whose format label the phrase's end is a typo away from (one edit, two
        for a label of ten characters or more), or None: no row, or two rows as near that the
        phrase's enumerator (`1、予公开`: 予以公开 is （一）, 不予公开 （三）) does not tell apart."""
        if len(flat) < 4 or not self.labels:
            return None
        flat = _TRAILING_NOTE.sub("", flat) or flat
        if not _ANY_ENUMERATOR.match(flat) and flat in self.printed:
            # a piece of a label as the format prints it (`量反复申请`, a wrapped label's tail): no
            # typo; after an enumerator it is a label's start (`（一）予公开`)
            return None
        chars = set(flat[-60:])
        hits: list[tuple[int, str, int | None]] = []
        for row, label, number in self.labels:
            limit = 1 if len(label) < 10 else 2
            if sum(ch not in chars for ch in label) > limit:
                continue  # (cheap: most phrases share few characters with a label)
            tail = flat[-(len(label) + limit + _NEAR_PREFIX):]
            d = tail_distance(tail, label, len(tail))
            if d <= limit:
                hits.append((d, row, number))
        if not hits:
            return None
        least = min(h[0] for h in hits)
        near = {(row, number) for d, row, number in hits if d == least}
        if len({row for row, _ in near}) > 1:
            said = _enumerator_number(flat)
            near = {(row, number) for row, number in near if number == said}
        rows = {row for row, _ in near}
        return rows.pop() if len(rows) == 1 else None

    def match_all(self, phrase: str) -> tuple[str, ...]:
        """Every row whose label the phrase holds, in printed order (parents left out)."""
        flat = "".join(phrase.split())
        if flat in self._seen_all:
            return self._seen_all[flat]
        hits = sorted((m.start(), -m.end(), row) for row, pat in self.patterns for m in pat.finditer(flat))
        out: list[str] = []
        reach = -1
        for start, neg_end, row in hits:
            if start < reach and out and row != out[-1]:
                continue  # inside the previous label
            reach = max(reach, -neg_end)
            if row != PARENT and (not out or out[-1] != row):
                out.append(row)
        if len(self._seen_all) < 20000:
            self._seen_all[flat] = tuple(out)
        return tuple(out)


#: what may stand before a damaged label in its phrase (an enumerator, `其中：`), and a note after it
_NEAR_PREFIX = 6
_CN_DIGITS = "一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
_ANY_ENUMERATOR = re.compile(r"[（(]([一二三四五六七八九]|\d)[）)]|([一二三四五六七八九])、|(\d)[.．、）)]|([①-⑨])")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,30}[）)]$")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九]、|[（(][一二三四五六七八九][）)]|\d[.．])+")
#: a format label's short form that many reports print (a typo of it is the row's too)
_SHORT_FORMS = (("normative", "规范性文件"),)
#: parent labels and their enumerators' numbers, found as a typo of them too (so that their
#: child's label is not taken for them)
_PARENTS = (("本年度办理结果", 3), ("不予公开", 3), ("无法提供", 4), ("不予处理", 5))


@cache
def table2(template: catalogue.Template) -> RowPatterns:
    cols = _columns("active", template)
    pats = tuple((row, re.compile(p)) for row, p in _T2 if row in cols)
    return RowPatterns(pats, cols, _format_labels("active", template, ()), _printed("active", template))


@cache
def table3(template: catalogue.Template) -> RowPatterns:
    cols = _columns("requests", template)
    extra = _T3_2019 if template == "2019" else _T3_2021
    pats = tuple((row, re.compile(p)) for row, p in (*_T3_COMMON, *extra))
    parents = tuple((PARENT, p, n) for p, n in _PARENTS)
    if template != "2019":
        parents += ((OTHER_PARENT, "其他处理", 6),)
    return RowPatterns(pats, cols, _format_labels("requests", template, parents), _printed("requests", template))


def _format_labels(table: str, template: catalogue.Template,
                   parents: tuple[tuple[str, str, int], ...]) -> tuple[tuple[str, str, int | None], ...]:
    """Each row's label as the format prints it, its enumerators dropped, with the number of its
    own enumerator; labels shorter than four characters (规章, 总计, 其他) are left out: a typo
    of them is any other word."""
    out: dict[str, tuple[str, int | None]] = {}
    for f in catalogue.fields():
        if f.key.startswith(table + ".") and template in f.templates:
            label = _ENUMERATOR.sub("", f.row.removeprefix("三"))
            if len(label) >= 4:
                out.setdefault(f.key.split(".")[1], (label, _enumerator_number(f.row)))
    shorter = tuple((row, label, None) for row, label in _SHORT_FORMS if row in out and out[row][0] != label)
    return tuple((row, label, n) for row, (label, n) in out.items()) + shorter + parents


def _printed(table: str, template: catalogue.Template) -> str:
    """The table's row labels (parents' too) as the format prints them, enumerators dropped."""
    parts = {p for f in catalogue.fields() if f.key.startswith(table + ".") and template in f.templates
             for p in _ANY_ENUMERATOR.sub("\n", f.row.removeprefix("三")).split("\n") if p}
    return "\n".join(sorted(parts | {p for p, _ in _PARENTS}))


def _enumerator_number(text: str) -> int | None:
    """The number of the last enumerator in `text` (（一）, 一、, 1., 1、, (1), 1）, ①), or None."""
    found = None
    for m in _ANY_ENUMERATOR.finditer(text):
        found = next(g for g in m.groups() if g)
    if found is None:
        return None
    return _CN_DIGITS.index(found) + 1 if found in _CN_DIGITS else \
        _CIRCLED.index(found) + 1 if found in _CIRCLED else int(found)


@cache
def table4_keys() -> tuple[str, ...]:
    """表四's 15 cells in printed order: 复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/尚未/总计."""
    return tuple(f"{g}.{c}" for g in catalogue.APPEAL_GROUPS for c in catalogue.APPEAL_CELLS)


def _columns(table: str, template: catalogue.Template) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key in catalogue.keys(template):
        if key.startswith(table + "."):
            out.setdefault(key.split(".")[1], []).append(key)
    return {r: tuple(v) for r, v in out.items()}
