"""One name per body (`extractor.organs`), and the same body and year stored twice as an across finding."""

from __future__ import annotations

import pytest

from extractor import organs
from extractor.errors import XxgkError
from rules.across_reports import ReportFacts, check_across, same_body_year


@pytest.mark.parametrize("printed, expected", [
    ("淮安市洪泽区人民政府", "洪泽区人民政府"),
    ("江苏省淮安市洪泽区人民政府", "洪泽区人民政府"),
    ("洪泽区\u3000人民政府", "洪泽区人民政府"),  # a full-width space
    ("洪泽区 政府办", "洪泽区人民政府办公室"),
    ("洪泽区政府办公室", "洪泽区人民政府办公室"),
    ("北京市西城区政府", "西城区人民政府"),
    ("广西壮族自治区南宁市青秀区人民政府", "青秀区人民政府"),
    ("上海市浦东新区人民政府", "浦东新区人民政府"),
    ("平潭综合实验区管委会", "平潭综合实验区"),  # the packaged alias table
])
def test_variants_of_one_body_get_one_name(printed, expected):
    assert organs.normalise(printed, organs.aliases()) == expected


@pytest.mark.parametrize("name", [
    "淮安市人民政府",  # a city's own government keeps its city
    "江苏省人民政府办公厅",
    "淮安市住房和城乡建设局",  # no county-level unit follows: 住房和城乡建设局 alone would name no one
    "北京市城市管理委员会",
    "苏州市工业园区管理委员会",  # a 园区 is not a county-level unit
    "平潭综合实验区金井片区管理局",
    "津市市住房保障服务中心",
    "伊川县城市管理局",
])
def test_names_that_must_not_lose_their_place(name):
    assert organs.normalise(name, {}) == name


def test_no_name_is_none():
    assert organs.normalise(None) is None and organs.normalise(" \u3000") is None


def test_a_user_alias_file_wins_and_keeps_two_bodies_apart(tmp_path, monkeypatch):
    f = tmp_path / "aliases.tsv"
    f.write_text("alias\torgan\n# 两个鼓楼区\n南京市鼓楼区人民政府\t南京市鼓楼区人民政府\n"
                 "平潭综合实验区管委会\t平潭综合实验区管理委员会\n", encoding="utf-8")
    table = organs.aliases(str(f))
    assert organs.normalise("南京市鼓楼区人民政府", table) == "南京市鼓楼区人民政府"
    assert organs.normalise("福州市鼓楼区人民政府", table) == "鼓楼区人民政府"
    assert organs.normalise("平潭综合实验区管委会", table) == "平潭综合实验区管理委员会"
    monkeypatch.setenv(organs.ENV, str(f))
    assert organs.normalise("南京市鼓楼区人民政府") == "南京市鼓楼区人民政府"
    monkeypatch.delenv(organs.ENV)
    assert organs.normalise("南京市鼓楼区人民政府") == "鼓楼区人民政府"


def test_a_malformed_alias_file_names_the_line(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("甲单位\t甲\n只有一列\n", encoding="utf-8")
    with pytest.raises(XxgkError, match="line 2"):
        organs.aliases(str(f))
    with pytest.raises(XxgkError, match="cannot read"):
        organs.aliases(str(tmp_path / "missing.tsv"))


def _facts(doc, organ, year, total):
    return ReportFacts(doc=doc, organ=organ, year=year, template="2021", values={"requests.new.total": total})


def test_the_same_body_and_year_twice_is_a_finding_naming_both_files():
    same = [_facts("a.txt", "洪泽区人民政府", 2023, 5), _facts("b.txt", "淮安市洪泽区人民政府", 2023, 5)]
    (f,) = same_body_year(same)
    assert (f.rule, f.severity, f.docs, f.years, f.found) == ("duplicate_report", "warning", ("a.txt", "b.txt"), (2023,), 2)
    assert "a.txt" in f.message and "b.txt" in f.message and "数字相同" in f.message
    differ = [_facts("a.txt", "洪泽区人民政府", 2023, 5), _facts("b.txt", "洪泽区人民政府", 2023, 6)]
    rules = sorted(f.rule for f in check_across(differ))
    assert rules == ["duplicate_report", "same_year_differs"]
    assert "数字不同" in same_body_year(differ)[0].message
    apart = [_facts("a.txt", "洪泽区人民政府", 2023, 5), _facts("b.txt", "洪泽区人民政府", 2024, 5),
             _facts("c.txt", "淮安市人民政府", 2023, 5)]
    assert same_body_year(apart) == []
