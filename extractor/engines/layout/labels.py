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
    ("total", r"[（(]?七[）)]?(?:总计|合计)"),
    ("carried_forward", r"(?:结转|转结)下(?:一)?年|下年度继续"),
    (PARENT, r"不予公开|无法提供|不予处理|本年度?办理结果"),
)
_T3_2019 = (("other", r"其他处理"),)
_T3_2021 = (
    ("other_no_correction", r"逾期不补正|不补正|申请人无正当理由"),
    ("other_unpaid_fee", r"收费通知|缴纳费用|逾期未按|未按收费"),
    # "3.其他" ends its phrase, or runs into the next label ("…申请3.其他（七）总计"); 其他 alone
    # right after the row above it is the same row printed without its number (`rows.collect_rows`)
    ("other_misc", r"(?:[（(]?[3３][.．、)）]?|③)其他(?!法律|处理|对外)"),
    (OTHER_PARENT, r"其他处理"),
)


@dataclass(frozen=True)
class RowPatterns:
    """Compiled label patterns of one table of one format, with each row's column keys."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    columns: dict[str, tuple[str, ...]]  # row → flat keys in printed order
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
        if len(self._seen) < 20000:
            self._seen[flat] = best[2] if best else None
        return best[2] if best else None

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


@cache
def table2(template: catalogue.Template) -> RowPatterns:
    cols = _columns("active", template)
    pats = tuple((row, re.compile(p)) for row, p in _T2 if row in cols)
    return RowPatterns(pats, cols)


@cache
def table3(template: catalogue.Template) -> RowPatterns:
    cols = _columns("requests", template)
    extra = _T3_2019 if template == "2019" else _T3_2021
    pats = tuple((row, re.compile(p)) for row, p in (*_T3_COMMON, *extra))
    return RowPatterns(pats, cols)


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
