"""Titles, format versions and table spans found in report texts."""

from __future__ import annotations

import pytest

from conftest import EVAL_REAL
from extractor.segment import detect_template, find_tables, read_title


@pytest.mark.parametrize("text,organ,year", [
    ("市住建局2020年度政府信息公开工作年度报告\n\n一、总体情况", "市住建局", 2020),
    ("湛河区住建局 2023 年政府信息公开工作年度报告", "湛河区住建局", 2023),
    ("- 1 -\n洪泽区人民政府\n2023 年政府信息公开工作年度报告\n本报告由", "洪泽区人民政府", 2023),
    ("标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n发布时间: 2020-01-20", "平潭综合实验区", 2019),
    ("XX县交通运输局关于2022年政府信息公开工作年度报告", "XX县交通运输局", 2022),
    # the year before the organ
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告\n发布日期：2020-01-31", "上海市人民政府办公厅", 2019),
    # no title line: the body named in the text
    ("一、总体情况\n2023年以来,津市市住房保障服务中心在市委、市政府的坚强领导下", "津市市住房保障服务中心", 2023),
    ("一、总体情况\n(一)主动公开。\n2020年我局主动公开信息591条。如对本报告有任何疑问,请与瓯海区住房和城乡建设局联系,地址", "瓯海区住房和城乡建设局", 2020),
])
def test_read_title(text, organ, year):
    assert read_title(text) == (organ, year)


def test_read_title_none_when_nothing_names_the_report():
    assert read_title("一、总体情况\n我们做了很多工作。") == (None, None)


def test_detect_template_by_labels_then_year():
    assert detect_template("信息内容 本年制发件数 本年废止件数 现行有效件数") == "2021"
    assert detect_template("本年新制作数量 本年新公开数量 对外公开总数量") == "2019"
    assert detect_template("no labels", 2020) == "2019"
    assert detect_template("no labels") is None


def test_find_tables_in_order():
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议 结果维持\n0\n五、存在的主要问题及改进情况\n")
    s = find_tables(text)
    assert s.table2[0] < s.table3[0] < s.table4[0] < s.table4[1]
    assert text[s.table3[0]:].startswith("收到和处理")
    assert "存在的主要问题" not in text[s.table4[0]:s.table4[1]]


@pytest.mark.parametrize("text,template", [
    # typo'd and spaced headers still count
    ("信息内容 本 年 制 发 件 数 本年废止件数 先行有效件数", "2021"),
    ("信息内容 本年新制作数量 本公开数量 对外公开总数量", "2019"),
    # the document numbers cited in prose do not decide; the printed columns do
    ("依据国办公开办函〔2019〕60号。国办公开办函〔2019〕60号要求。信息内容 本年制发件数 本年废止件数 现行有效件数", "2021"),
    ("依据国办公开办函〔2021〕30号编制。信息内容 本年新制作数量 本年新公开数量 对外公开总数量", "2019"),
])
def test_detect_template_reads_the_columns(text, template):
    assert detect_template(text, 2030 if template == "2019" else 2019) == template


def test_a_report_citing_the_2019_notice_with_2021_tables_is_2021():
    text = (EVAL_REAL / "reports" / "49_pingtan-gzj_2022_flat.txt").read_text(encoding="utf-8")
    assert "国办公开办函〔2019〕60号" in text
    assert detect_template(text) == "2021"
