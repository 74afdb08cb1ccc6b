"""Chinese names for what the review page shows by id: rules, doubt reasons, queue reasons.

The one table of names. Ids stay in the data (the store, JSON lines, `data-rule` attributes);
a reviewer in a 政务公开 office reads these names instead. An id without a name is shown as
itself, and `tests/test_review_page.py` fails when a registered rule, a check across reports or
a reason an engine gives has none.
"""

from __future__ import annotations

from .. import catalogue

#: rule id (the part before `:`) → short name; the registry's description says more
RULES: dict[str, str] = {
    "row_total": "行总计不符",
    "balance": "列平衡不符（一+二≠三+四）",
    "outcome_sum": "办理结果合计不符",
    "group_total": "复议诉讼合计不符",
    "negative_count": "出现负数",
    "items_below_zero": "项目数量小于零",
    "template_year": "格式与年度不符",
    "amount_unit": "金额单位存疑",
    "stock_below_new": "总数少于本年新增",
    "narrative_count": "正文与表格不一致",
    "carry_over": "上年结转与上年报告不符",
    "same_year_differs": "同一机关同一年度数字不同",
    "narrative_repeat": "正文大段重复上年",
    "duplicate_report": "同一机关同一年度的报告存了多份",
    "region_rollup": "地区汇总报告与其下机关之和比较",
}

#: a doubt's reason (why the engine left a cell or a report field unsettled) → what it means
DOUBTS: dict[str, str] = {
    "ambiguous_split": "数字连在一起，有几种拆法都能对上表格",
    "row_total_broken": "本行总计对不上，拆法不唯一",
    "ambiguous_column": "不能确定数字属于哪一列",
    "label_placement": "不能确定数字属于哪一行",
    "unreadable": "原文不是可识读的数字",
    "column_not_printed": "表格没有印这一列（如没有总计列），不填值；候选值为同行各列之和，系推算而非印出",
    "bracketed_number": "数字印在括号里（可能是减少数，也可能是注释编号），请核对正负",
    "low_confidence": "OCR 识别把握不大",
    "ocr_disagreement": "OCR 两次识读不一致（可能丢了一位数字或符号）",
    "ocr_noise": "OCR 读出的数字旁有杂点（如 ¥0），请核对",
    "ocr_letter": "数字中夹着形似数字的字母（如 4O、l2），可能是 OCR 误识，请核对",
    "unknown_mark": "数字后印有无法识别的符号（如 27 △、5 #），请核对",
    "dash_or_one": "单独的“一”：可能是数字 1，也可能是用“一”字代替的横线（0），请核对",
    "unconfirmed_scan": "扫描件中只识读一次、且无勾稽关系可核对",
    "duplicate_row": "同一行印了两次，数字不同",
    "merged_row": "（六）其他处理印成了一行而不是三行",
    "missing_title": "标题和正文都没有写明",
    "too_many_readings": "可能的读法太多，无法逐一核对",
    "cells_do_not_fit": "这一行的数字个数与格式不符",
    "missing_row": "报告中没有找到这一行",
    "unread": "没有读到",
    "unchecked": "模型填写，没有勾稽关系可以核对",
    "not_in_source": "模型给出的数在原文中找不到",
    "disagreement": "版式读取与模型结果不一致",
    "model_model": "模型答案已核对",
    "model_refused": "模型答案与勾稽关系不符，未采用",
    "model_unchecked": "模型答案无从核对，未采用",
}

#: the kind of a queue reason (`doubt:<cell>:<reason>`, `missing_table:<table>` …) → its name
KINDS: dict[str, str] = {
    "doubt": "存疑单元格",
    "disagreement": "读取与模型不一致",
    "missing_table": "未找到表格",
    "model_error": "模型调用失败",
}

_APPLICANTS = dict(zip(catalogue.APPLICANT_COLUMNS, ("自然人", "商业企业", "科研机构", "社会公益组织",
                                                      "法律服务机构", "其他", "总计")))
_GROUPS = {"review": "行政复议", "litigation_direct": "行政诉讼（直接起诉）",
           "litigation_after_review": "行政诉讼（复议后起诉）"}


def rule_name(rule_id: str) -> str:
    """`outcome_sum:requests.natural` → `办理结果合计不符 · 自然人列`; an unknown id as itself."""
    base, _, about = rule_id.partition(":")
    name = RULES.get(base)
    if name is None:
        return rule_id
    where = _row(about) if base == "row_total" else _about(about)
    return f"{name} · {where}" if where else name


def _row(about: str) -> str:
    """A 表三 row (`requests.total` → `三（七）总计`)."""
    try:
        return catalogue.field(f"{about}.total").row
    except KeyError:
        return about


def _about(about: str) -> str:
    """What a family member is about: a 表三 column or row, or a 表四 group."""
    if not about:
        return ""
    if about in _GROUPS:
        return _GROUPS[about]
    part = about.removeprefix("requests.")
    if part in _APPLICANTS:
        return f"{_APPLICANTS[part]}列"
    try:
        return catalogue.field(f"requests.{part}.total").row
    except KeyError:
        return about


def doubt_name(reason: str) -> str:
    """A doubt's reason in Chinese; an unknown one as itself."""
    return DOUBTS.get(reason, reason)


def reason_name(kind: str) -> str:
    """A queue chip: a rule id (from an `error:` reason) or a reason kind, in Chinese."""
    return KINDS.get(kind) or rule_name(kind)


__all__ = ["DOUBTS", "KINDS", "RULES", "doubt_name", "reason_name", "rule_name"]
