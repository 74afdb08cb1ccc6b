"""表三 written as list items whose counts are Chinese numerals glued to their applicant's name
(`予以公开：自然人二十一个、商业企业零个…`, `总计九十五件（其中自然人九十五件、…）`): each count
split out of the words as the digits of such a list are, a lone `一` with no measure word a
doubt of 1 and a dash unless the list writes its zeros `零`."""

from __future__ import annotations

import re

from _text_report import T2, T3_HEAD, T3_ROWS, read_text

KEYS = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")
ROWS = ("new", "carried_over", "granted", "partial", "total", "carried_forward")
_CN = "零一二三四五六七八九"


def _cn(v: int) -> str:
    assert 0 <= v < 100
    if v < 10:
        return _CN[v]
    return ("" if v < 20 else _CN[v // 10]) + "十" + ("" if v % 10 == 0 else _CN[v % 10])


def _listed(total_first: bool = False, unit: str = "件", comma: str = "、", zero: str = "零") -> str:
    names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    out = [T3_HEAD]
    for label, nums in T3_ROWS:
        pairs = [f"{n}{_cn(v) if v else zero}{unit}" for n, v in zip(names, nums)]
        text = f"{pairs[-1]}（其中{comma.join(pairs[:-1])}）" if total_first else comma.join(pairs)
        for part in label.split("\t")[:-1]:
            out.append(part + "\n")
        out.append(label.split("\t")[-1] + "：" + text + "。\n")
    return "".join(out)


def _doubts(reading, prefix: str) -> list[str]:
    return [k for k, d in reading.doubts.items() if k.startswith(prefix) and d.reason != "missing_row"]


def test_list_items_with_counts_in_numerals_read_in_the_columns_order(tmp_path):
    assert _cn(24) == "二十四" and _cn(17) == "十七"
    for unit, comma in (("件", "、"), ("个", "，"), ("件", "；")):
        reading, flat = read_text(tmp_path, T2 + _listed(unit=unit, comma=comma))
        for (label, nums), row in zip(T3_ROWS, ROWS):
            assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, (label, unit, comma)
        assert not _doubts(reading, "requests.")


def test_list_items_in_numerals_with_the_total_first(tmp_path):
    reading, flat = read_text(tmp_path, T2 + _listed(total_first=True))
    for (label, nums), row in zip(T3_ROWS, ROWS):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, label
    assert not _doubts(reading, "requests.")


def test_a_lone_one_with_no_measure_word_is_one_where_the_list_writes_its_zeros(tmp_path):
    # no measure word: `自然人一、` may be a dash typed with the numeral key, but a typist who
    # writes 零 for a zero types no dash
    reading, flat = read_text(tmp_path, T2 + _listed(unit="", comma="，"))
    assert [flat[f"requests.carried_over.{k}"] for k in KEYS] == T3_ROWS[1][1]
    assert not _doubts(reading, "requests.")


def test_a_lone_one_with_no_measure_word_and_no_zero_is_a_doubt():
    # nothing in the run says the typist writes no dash: its lone `一`s are 1 or a dash
    from extractor.engines.layout._cells import tokenize
    text = "（二）部分公开：自然人二、商业企业一、科研机构三、社会公益组织二、法律服务机构一、其他四、总计十三。\n"
    nums = [c for c in tokenize(text, 0, len(text)) if c.kind == "num"]
    assert [c.text for c in nums] == ["二", "一", "三", "二", "一", "四", "十三"]
    assert [c.dash_or_one for c in nums] == [False, True, False, False, True, False, False]
    # a zero written `零` in another row of the table: no dash in this one either
    text += "（三）不予公开：自然人零、商业企业零、科研机构零、社会公益组织零、法律服务机构零、其他零、总计零。\n"
    assert not any(c.dash_or_one for c in tokenize(text, 0, len(text)))


def test_prose_naming_an_applicant_with_a_numeral_is_not_split():
    from extractor.engines.layout._cells import tokenize
    text = "其中自然人三名代表参加了会议，其他一些单位也参加。\n"
    cells = tokenize(text, 0, len(text))
    assert all(c.kind == "text" for c in cells)


def _cn_big(v: int) -> str:
    return {1205: "一千二百零五", 88: "八十八"}.get(v) or _cn(v)


def test_a_table_flattened_onto_one_line_with_counts_in_numerals(tmp_path):
    # `规章 零件 零件 零件 行政规范性文件 三件 一件 二十七件 第二十条…`: each run of numerals between
    # two rows' labels stands where a row's values stand (a line-based reading sees words after them)
    t2 = re.sub(r"(?<=  )\d+(?=  |\n)", lambda m: _cn_big(int(m.group())) + "件", T2.replace("行政事业性收费  0", "行政事业性收费  0.5"))
    head = "申请人情况  自然人  法人或其他组织  总计  商业企业  科研机构  社会公益组织  法律服务机构  其他\n"
    t3 = T3_HEAD + head + "".join(lab.split("\t")[-1] + "  " + "  ".join(_cn(v) + "件" for v in nums) + "\n"
                                  for lab, nums in T3_ROWS)
    flat_text = re.sub(r"\s+", " ", t2 + t3) + "\n"
    assert "规章 零件 零件 零件 行政规范性文件 三件 一件 二十七件 第二十条" in flat_text
    reading, flat = read_text(tmp_path, flat_text)
    assert [flat["active.normative.issued"], flat["active.normative.repealed"], flat["active.normative.in_force"]] == [3, 1, 27]
    assert [flat["active.regulations.issued"], flat["active.licensing.decisions"], flat["active.punishment.decisions"]] == [0, 1205, 88]
    assert not _doubts(reading, "active.")


def test_a_letter_spaced_labels_numerals_stay_words():
    from extractor.engines.layout._cells import tokenize
    text = "第 二 十 条 第 （ 一 ） 项 规章 零件 零件 零件 行政规范性文件 三件 一件 二十七件\n"
    cells = tokenize(text, 0, len(text))
    assert [c.text for c in cells if c.kind == "num"] == ["零件"] * 3 + ["三件", "一件", "二十七件"]
