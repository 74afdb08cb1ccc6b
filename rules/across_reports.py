"""Checks that need several reports: a body's carry-over between years, the same body and year
stored twice (and read with different numbers), narrative text repeated from the previous year,
and a region's whole-area (汇总) report against the bodies under it.

These see `ReportFacts` (one stored report each: organ, year, flat values, text), not one
`Facts`, so they are plain functions rather than registered rules:

    findings = check_across(reports)
    table = year_over_year(reports)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from extractor import catalogue, organs

from .identities import APPLICANT_NAMES

#: a report repeating more than this share of last year's narrative is flagged
REPEAT_THRESHOLD = 0.5
#: the cells shown in the year-over-year view
SUMMARY_KEYS: tuple[tuple[str, str], ...] = (
    ("requests.new.total", "新收申请"),
    ("requests.carried_over.total", "上年结转"),
    ("requests.granted.total", "予以公开"),
    ("requests.total.total", "办理总计"),
    ("requests.carried_forward.total", "结转下年"),
    ("review.total", "行政复议"),
    ("litigation_direct.total", "行政诉讼（直接）"),
    ("litigation_after_review.total", "行政诉讼（复议后）"),
)


@dataclass(frozen=True)
class ReportFacts:
    """One stored report, as the checks across reports see it."""

    doc: str
    organ: str | None
    year: int | None
    template: str | None
    values: Mapping[str, Any]
    text: str | None = None


@dataclass(frozen=True)
class Finding:
    """A problem seen across reports (same fields as a `Violation`, plus the reports involved)."""

    rule: str
    severity: str
    organ: str
    years: tuple[int, ...]
    docs: tuple[str, ...]
    keys: tuple[str, ...]
    expected: Any
    found: Any
    message: str


def organ_key(organ: str | None) -> str:
    """Bodies are matched on their normalised name (`extractor.organs`: 淮安市洪泽区人民政府 is
    洪泽区人民政府; the alias table in the package or `$XXGK_ORGAN_ALIASES` decides the rest)."""
    return organs.normalise(organ) or ""


def _by_body(reports: Iterable[ReportFacts]) -> dict[str, dict[int, list[ReportFacts]]]:
    out: dict[str, dict[int, list[ReportFacts]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        if r.organ and r.year is not None:
            out[organ_key(r.organ)][r.year].append(r)
    return out


def carry_over(reports: Iterable[ReportFacts]) -> list[Finding]:
    """二、上年结转 of year Y equals 四、结转下年度继续办理 of year Y-1, column by column."""
    found: list[Finding] = []
    for organ, years in _by_body(reports).items():
        for year in sorted(years):
            for cur in years[year]:
                for prev in years.get(year - 1, []):
                    for col in catalogue.APPLICANT_COLUMNS:
                        now_key, prev_key = f"requests.carried_over.{col}", f"requests.carried_forward.{col}"
                        a, b = cur.values.get(now_key), prev.values.get(prev_key)
                        if a is None or b is None or a == b:
                            continue
                        found.append(Finding(
                            rule=f"carry_over:requests.{col}", severity="warning", organ=organ,
                            years=(year - 1, year), docs=(prev.doc, cur.doc), keys=(prev_key, now_key),
                            expected=b, found=a,
                            message=f"{organ}：{year}年表三“二、上年结转”{APPLICANT_NAMES[col]}列为 {a}，"
                            f"但{year - 1}年报告“四、结转下年度继续办理”为 {b}，两者应相等",
                        ))
    return found


def duplicates(reports: Iterable[ReportFacts]) -> list[Finding]:
    """The same body and year read twice (two files, or two engines) with different numbers.

    Readings with identical numbers are grouped; each group that differs from the largest one
    gives one finding (k different readings → k - 1 findings, not one per pair).
    """
    found: list[Finding] = []
    for organ, years in _by_body(reports).items():
        for year, group in sorted(years.items()):
            readings: dict[tuple, list[ReportFacts]] = {}
            for r in group:
                signature = (r.template, tuple(sorted((k, str(v)) for k, v in r.values.items())))
                readings.setdefault(signature, []).append(r)
            if len(readings) < 2:
                continue
            ordered = sorted(readings.values(), key=len, reverse=True)
            ref = ordered[0][0]
            for other in ordered[1:]:
                b = other[0]
                keys = sorted(k for k in set(ref.values) | set(b.values) if ref.values.get(k) != b.values.get(k))
                if ref.template != b.template:
                    keys = keys or ["template"]
                sample = "；".join(f"{k}: {ref.values.get(k)} ≠ {b.values.get(k)}" for k in keys[:3])
                docs = tuple(x.doc for x in other)
                also = f"（另有 {len(docs) - 1} 份相同）" if len(docs) > 1 else ""
                found.append(Finding(
                    rule="same_year_differs", severity="error", organ=organ, years=(year,),
                    docs=(ref.doc, *docs), keys=tuple(keys), expected=None, found=len(keys),
                    message=f"{organ} {year}年有不同的提取结果：{b.doc}{also} 与 {ref.doc}"
                    f"{'等 ' + str(len(ordered[0])) + ' 份' if len(ordered[0]) > 1 else ''}相比 "
                    f"{len(keys)} 个单元格不同：{sample}",
                ))
    return found


def same_body_year(reports: Iterable[ReportFacts]) -> list[Finding]:
    """Two or more stored reports of one body and year (same numbers or not): a table summed by
    organ and year would count the body twice. One finding per body and year, naming every file."""
    found: list[Finding] = []
    for organ, years in _by_body(reports).items():
        for year, group in sorted(years.items()):
            if len(group) < 2:
                continue
            docs = tuple(r.doc for r in group)
            names = sorted({r.organ or "" for r in group})
            same = len({(r.template, tuple(sorted((k, str(v)) for k, v in r.values.items()))) for r in group}) == 1
            found.append(Finding(
                rule="duplicate_report", severity="warning", organ=organ, years=(year,), docs=docs, keys=(),
                expected=1, found=len(group),
                message=f"{organ} {year}年的报告存了 {len(group)} 份：{'、'.join(docs)}"
                f"（{'数字相同' if same else '数字不同'}；名称 {'、'.join(names)}）；"
                "按机关和年度汇总前只留一份（xxgk export --dedupe）",
            ))
    return found


#: a region's own name: 洪泽区, 涟水县, 平潭综合实验区, 昆山市 (its 人民政府 may follow)
_REGION = re.compile(r"^([\u4e00-\u9fff]{2,10}?(?:自治县|自治旗|实验区|新区|区|县|市|旗))(?:人民政府)?$")


def _region(organ: str) -> str | None:
    """The region a body's name is the whole of (`洪泽区人民政府` → 洪泽区), else None."""
    m = _REGION.match(organ)
    return m.group(1) if m else None


def region_rollup(reports: Iterable[ReportFacts]) -> list[Finding]:
    """A region's whole-area (汇总) report against the reports of the bodies under it in the batch.

    A body is under a region when its name starts with the region's (`洪泽区住房和城乡建设局` under
    `洪泽区`). The region's figure may exceed the sum over the bodies present (bodies missing from
    the batch, the government's own requests), so this is a finding across reports, not a violation:
    a `warning` when some cell of the region is *below* the sum of its bodies present (which no
    coverage explains), else an `info` stating the coverage."""
    found: list[Finding] = []
    bodies = _by_body(reports)
    for parent, years in bodies.items():
        region = _region(parent)
        if region is None:
            continue
        children = {organ: ys for organ, ys in bodies.items() if organ != parent and organ.startswith(region)
                    and _region(organ) is None}
        for year, group in sorted(years.items()):
            top = group[0]
            under = [rs[0] for rs in (ys.get(year, []) for ys in children.values()) if rs and rs[0].template == top.template]
            if not under:
                continue
            below = []
            for key in catalogue.keys(catalogue.as_template(top.template)):
                if not key.startswith(("requests.", "review.", "litigation")):
                    continue
                have = [v for r in under if (v := r.values.get(key)) is not None]
                if top.values.get(key) is None or len(have) < len(under):
                    continue
                if top.values[key] < sum(have):
                    below.append((key, top.values[key], sum(have)))
            coverage = f"本批次有其下 {len(under)} 个机关的报告（下属机关总数未知）"
            docs = (top.doc, *(r.doc for r in under))
            if below:
                sample = "；".join(f"{k} 汇总 {a} < 各机关之和 {b}" for k, a, b in below[:3])
                found.append(Finding(
                    rule="region_rollup", severity="warning", organ=parent, years=(year,), docs=docs,
                    keys=tuple(k for k, _, _ in below), expected=f">= {below[0][2]}", found=below[0][1],
                    message=f"{parent} {year}年汇总报告有 {len(below)} 个单元格小于其下机关之和：{sample}"
                    f"{'…' if len(below) > 3 else ''}。{coverage}"))
            else:
                found.append(Finding(
                    rule="region_rollup", severity="info", organ=parent, years=(year,), docs=docs, keys=(),
                    expected=None, found=len(under),
                    message=f"{parent} {year}年汇总报告的每个单元格都不小于其下机关之和。{coverage}"))
    return found


_SENTENCE = re.compile(r"[。！？；!?;\n]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def sentences(text: str | None) -> list[str]:
    """The narrative's sentences: table cells and numbers alone are too short or not prose."""
    out = []
    for s in _SENTENCE.split(text or ""):
        s = re.sub(r"\s+", "", s)
        if len(s) >= 12 and len(_CJK.findall(s)) >= 0.6 * len(s):
            out.append(s)
    return out


def repeat_share(text: str | None, previous: str | None) -> float | None:
    """Share (by characters) of this year's narrative sentences copied verbatim from last year's."""
    now, before = sentences(text), set(sentences(previous))
    total = sum(len(s) for s in now)
    if not total or not before:
        return None
    return sum(len(s) for s in now if s in before) / total


def repeated_text(reports: Iterable[ReportFacts], threshold: float = REPEAT_THRESHOLD) -> list[Finding]:
    """Flag a report whose narrative repeats more than `threshold` of the previous year's."""
    found: list[Finding] = []
    for organ, years in _by_body(reports).items():
        for year in sorted(years):
            for cur in years[year]:
                for prev in years.get(year - 1, []):
                    share = repeat_share(cur.text, prev.text)
                    if share is not None and share > threshold:
                        found.append(Finding(
                            rule="narrative_repeat", severity="warning", organ=organ, years=(year - 1, year),
                            docs=(prev.doc, cur.doc), keys=(), expected=f"<= {threshold:.0%}", found=round(share, 3),
                            message=f"{organ}：{year}年报告正文有 {share:.0%} 与{year - 1}年报告逐句相同（超过 {threshold:.0%}）",
                        ))
    return found


def check_across(reports: Iterable[ReportFacts]) -> list[Finding]:
    """Every check across reports."""
    reports = list(reports)
    return [*carry_over(reports), *same_body_year(reports), *duplicates(reports), *repeated_text(reports),
            *region_rollup(reports)]


@dataclass(frozen=True)
class YearRow:
    """One year of a body in the year-over-year view."""

    organ: str
    year: int
    doc: str
    template: str | None
    totals: dict[str, Any]
    repeat_share: float | None


def year_over_year(reports: Iterable[ReportFacts]) -> list[YearRow]:
    """Per body and year: the main totals and the share of text repeated from the year before."""
    rows: list[YearRow] = []
    for organ, years in sorted(_by_body(reports).items()):
        for year in sorted(years):
            prev = years.get(year - 1, [])
            for cur in years[year]:
                share = repeat_share(cur.text, prev[0].text) if prev else None
                rows.append(YearRow(organ=organ, year=year, doc=cur.doc, template=cur.template,
                                    totals={label: cur.values.get(k) for k, label in SUMMARY_KEYS},
                                    repeat_share=share))
    return rows
