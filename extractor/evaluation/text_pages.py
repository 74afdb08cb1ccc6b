"""A family of text layouts from issue 11's fourth probe round (eval/probe_unseen.py), each a
way real reports reach us as text that the families before it did not print:

- `table2-prose`: 表二 written as sentences, no table (`行政许可上一年项目数量396项，本年增/减0项，…`);
- `pdftotext-pages`: PDF text over pages: a page number (`— 5 —`, `第5页 共9页`, a bare `5`) and a
  form feed, the title as a running header, `续表` and 表三's header again, a wrapped label
  broken by the page break;
- `paragraph-cells`: a Word table turned into text a cell a paragraph (docx2txt): one blank line
  after each cell, an empty cell two more, every 0 an empty cell;
- `dash-marks`: zeros printed as `--`, `－－`, `―`, `——`, `／` or `一` typed for a dash;
- `traditional`: the page a 繁體 switch serves;
- `legal-subtotal`: 表三 with a 小计 column after the five 法人或其他组织 columns;
- `unnumbered-subrows`: sub-rows without their numbering (`属于国家秘密`, `其他`).

Every page prints each cell apart, so none leaves a cell undecidable: no `ambiguous` list.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ._tables import HEADINGS
from .family_pages import Draft, Page, _prose, _sections, _title
from .paste_pages import _plain, _value_lines

MODES = ("table2-prose", "pdftotext-pages", "paragraph-cells", "dash-marks", "traditional", "legal-subtotal",
         "unnumbered-subrows")

#: a few traditional characters of the format's words and the bodies' names (the generator's
#: own list: the reader's folding is not used to make its test)
_TRAD = str.maketrans(dict(zip(
    "开请数结转办无国务处关机经权护内执询没现补确访举类当获认费规许罚强业对总决废条项发况动组织会构诉维纠审采购额减"
    "报门区县镇乡厅员为长统计单应证实进与义级财产设层录传网线众议属险过据专态时间区资环卫医疗监质检税",
    "開請數結轉辦無國務處關機經權護內執詢沒現補確訪舉類當獲認費規許罰強業對總決廢條項發況動組織會構訴維糾審採購額減"
    "報門區縣鎮鄉廳員為長統計單應證實進與義級財產設層錄傳網線眾議屬險過據專態時間區資環衛醫療監質檢稅")))
_DASHES = ("--", "－－", "―", "——", "／", "一")


def _page(d: Draft, body: str, damage: list[str]) -> Page:
    before, after = _prose(d)
    return Page(f"{_title(d)}\n{before}{body}\n{after}", ".txt", None, damage, input_format="txt-utf-8")


def _spaced(labels: list[str], nums: list[str]) -> str:
    return "".join(labels) + "  " + "  ".join(nums)


def text_layouts(d: Draft) -> Page:
    mode = d.rng.choice(MODES)
    return {"table2-prose": _table2_prose, "pdftotext-pages": _pdftotext_pages, "paragraph-cells": _paragraph_cells,
            "dash-marks": _dash_marks, "traditional": _traditional, "legal-subtotal": _legal_subtotal,
            "unnumbered-subrows": _unnumbered}[mode](d)


def _table2_prose(d: Draft) -> Page:
    rng, v = d.rng, d.values
    sep, end = rng.choice(["，", "、"]), rng.choice(["；", "。"])

    def n(key: str, word: str = "件") -> str:
        return f"{_plain(v[key])}{word}"
    if d.template == "2021":
        parts = [(f"本年制发规章{n('active.regulations.issued')}{sep}废止{n('active.regulations.repealed')}{sep}"
                  f"现行有效{n('active.regulations.in_force')}{end}"),
                 (f"制发行政规范性文件{n('active.normative.issued')}{sep}废止{n('active.normative.repealed')}{sep}"
                  f"现行有效{n('active.normative.in_force')}{end}"),
                 f"行政许可本年处理决定数量{n('active.licensing.decisions')}{end}",
                 (f"行政处罚本年处理决定数量{n('active.punishment.decisions')}{sep}"
                  f"行政强制本年处理决定数量{n('active.coercion.decisions')}{end}"),
                 f"行政事业性收费本年收费金额{_plain(v['active.fees.amount'])}万元。"]
    else:
        parts = [f"{name}本年新制作数量{n(f'active.{k}.made')}{sep}本年新公开数量{n(f'active.{k}.published')}{sep}"
                 f"对外公开总数量{n(f'active.{k}.total')}{end}" for k, name in (("regulations", "规章"), ("normative", "规范性文件"))]
        parts += [f"{name}上一年项目数量{n(f'active.{k}.prior', '项')}{sep}本年增/减{n(f'active.{k}.change', '项')}{sep}"
                  f"处理决定数量{n(f'active.{k}.decisions')}{end}"
                  for k, name in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
                                  ("punishment", "行政处罚"), ("coercion", "行政强制"))]
        parts.append(f"行政事业性收费上一年项目数量{n('active.fees.prior', '项')}{sep}本年增/减{n('active.fees.change', '项')}{end}")
        parts.append(f"政府集中采购项目数量{n('active.procurement.items', '项')}{sep}"
                     f"采购总金额{_plain(v['active.procurement.amount'])}万元。")
    lines = _value_lines(d, _spaced)
    body = "\n".join(lines)
    rest = body.split(HEADINGS["三"], 1)[1]
    return _page(d, HEADINGS["二"] + "\n" + "".join(parts) + "\n\n" + HEADINGS["三"] + rest, ["table2-prose"])


def _pdftotext_pages(d: Draft) -> Page:
    rng = d.rng
    per_page, total = rng.randint(12, 22), rng.randint(6, 12)
    foot = rng.choice(["— {n} —", "- {n} -", "第{n}页 共{t}页", "{n}", "第 {n} 页"])
    running = rng.choice([_title(d), d.organ, ""])
    again = rng.random() < 0.6
    header = ["申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    lines: list[tuple[str, str]] = []
    for sec, table in _sections(d):
        lines.append((HEADINGS[sec], ""))
        if sec == "三":
            lines += [(h, "h") for h in header]
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            nums = [_plain(c.value) for c in r if c.key is not None]
            if nums:
                label = "".join(labels)
                if len(label) > 10 and rng.random() < 0.3:
                    k, top = rng.randint(4, len(label) - 3), rng.random() < 0.5
                    lines.append((label[:k] + ("  " + "  ".join(nums) if top else ""), sec))
                    lines.append((label[k:] + ("" if top else "  " + "  ".join(nums)), sec))
                else:
                    lines.append((_spaced(labels, nums), sec))
            elif sec != "三":
                lines.append((" ".join(labels), "h"))
        lines.append(("", ""))
    before, after = _prose(d)
    out = [_title(d)] + before.split("\n")
    count, page_no = len(out), 1
    for text, kind in lines:
        count += 1
        if count >= per_page and kind != "h":
            out += [foot.format(n=page_no, t=total), "\f" + running]
            page_no += 1
            if kind and again:
                out.append(rng.choice(["续表", "（续表）", "续上表"]))
                if kind == "三":
                    out += header
            count = 0
        out.append(text)
    out += after.split("\n") + [foot.format(n=page_no, t=total)]
    return Page("\n".join(out) + "\n", ".txt", None, ["pdftotext-pages", f"foot:{foot}"], input_format="txt-utf-8")


def _paragraph_cells(d: Draft) -> Page:
    out = []
    for sec, table in _sections(d):
        out += [HEADINGS[sec], ""]
        for row in table:
            for c in row:
                out += [c.text if c.key is None else ("" if c.value == 0 else _plain(c.value)), ""]
    return _page(d, "\n".join(out), ["paragraph-cells", "blank_zero"])


def _dash_marks(d: Draft) -> Page:
    rng = d.rng
    marks = rng.sample(_DASHES, 3)
    sep = rng.choice(["\t", " | ", "  "])

    def cell(v: Any) -> str:
        if v == 0 and not isinstance(v, Decimal) and rng.random() < 0.7:
            return rng.choice(marks)
        return _plain(v)
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            vals = [cell(c.value) for c in r if c.key is not None]
            if vals:
                out.append("".join(labels) + sep + sep.join(vals))
            elif sec == "二":
                out.append(" ".join(labels))
        out.append("")
    return _page(d, "\n".join(out), ["dash-marks", *marks])


def _traditional(d: Draft) -> Page:
    page = _page(d, "\n".join(_value_lines(d, _spaced)), ["traditional"])
    page.text = page.text.translate(_TRAD)
    return page


def _legal_subtotal(d: Draft) -> Page:
    out = []
    for sec, table in _sections(d):
        out.append(HEADINGS[sec])
        if sec == "三":
            out += ["自然人  法人或其他组织  总计", "商业企业  科研机构  社会公益组织  法律服务机构  其他  小计"]
        for r in table:
            labels = [c.text for c in r if c.key is None and c.text]
            vals = [c.value for c in r if c.key is not None]
            if not vals:
                if sec == "二":
                    out.append(" ".join(labels))
                continue
            nums = [_plain(x) for x in vals]
            if sec == "三":
                nums = nums[:6] + [str(sum(vals[1:6]))] + nums[6:]
            out.append(_spaced(labels, nums))
        out.append("")
    return _page(d, "\n".join(out), ["legal-subtotal"])


def _unnumbered(d: Draft) -> Page:
    lines = _value_lines(d, lambda labels, nums: _spaced([re.sub(r"^\d+[.．、]", "", x) for x in labels], nums))
    return _page(d, "\n".join(lines), ["unnumbered-subrows"])
