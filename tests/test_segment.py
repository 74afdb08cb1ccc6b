"""Titles, format versions and table spans found in report texts."""

from __future__ import annotations

import pytest

from conftest import EVAL_REAL
from extractor.load import load
from extractor.segment import detect_template, find_tables, markup_heading, read_title, stated_year


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
    # titles in the wild
    ("XX局2019年政府信息公开年度报告\n一、总体情况", "XX局", 2019),
    ("2019年XX局政府信息公开工作年度报告\n一、总体情况", "XX局", 2019),
    ("XX局 2024年度政府信息公开工作年度报告\n一、总体情况", "XX局", 2024),
    ("XX市统计局政府信息公开工作年度报告（2023年度）\n一、总体情况", "XX市统计局", 2023),
    ("2019年XX区人民政府信息公开工作年度报告", "XX区人民政府", 2019),  # 人民政府 and 政府信息 share 政府
    # a title split over lines in a PDF's text, with the page footer above it
    ("- 1 -\n淮安市洪泽区人民\n政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市洪泽区人民政府办公室根据", "淮安市洪泽区人民政府", 2024),
    ("某某县交通运输局\n\n2022年度政府信息公开工作\n\n年度报告\n\n一、总体情况", "某某县交通运输局", 2022),
    ("洪 泽 区 人 民 政 府\n2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告", "洪泽区人民政府", 2023),
    # an HTML page's <title> with its site name, a breadcrumb
    ("XX市人民政府门户网站_XX市统计局2023年政府信息公开工作年度报告\n一、总体情况", "XX市统计局", 2023),
    ("首页 > 政务公开 > 年报 > XX县统计局2023年政府信息公开工作年度报告\n一、总体情况", "XX县统计局", 2023),
    # a Markdown heading (a converter's output)
    ("# XX县公安局2024年政府信息公开工作年度报告\n\n本报告根据《条例》编制。", "XX县公安局", 2024),
])
def test_read_title(text, organ, year):
    assert read_title(text) == (organ, year)


def test_read_title_none_when_nothing_names_the_report():
    assert read_title("一、总体情况\n我们做了很多工作。") == (None, None)


LETTER = """标题: 平潭综合实验区苏平片区管理局关于报送2020年度政府信息公开工作年度报告的函
发布时间: 2021-01-27 17:19
==================== 正文 ====================
平潭综合实验区苏平片区管理局关于报送2020年度政府信息公开工作年度报告的函区管委会办公室：根据《中华人民共和国政府信息公开条例》要求，现公布苏平片区管理局2020年信息公开工作年度报告。"""


@pytest.mark.parametrize("text,organ,year", [
    # a letter: the sender is the organ, not the letter's title nor the office it is addressed to
    (LETTER, "平潭综合实验区苏平片区管理局", 2020),
    ("关于报送2020年度政府信息公开工作年度报告的函\n区管委会办公室：\n现将我局2020年度政府信息公开工作年度报告报送。"
     "\n……\n六、其他需要报告的事项\n无。\n平潭综合实验区苏平片区管理局\n2021年1月26日", "平潭综合实验区苏平片区管理局", 2020),
    # a notice issuing another body's report: the report is that body's
    ("XX县人民政府办公室关于印发XX县人民政府2019年政府信息公开工作年度报告的通知", "XX县人民政府", 2019),
    # a web page's header field, when the title names no body, or names it shorter
    ("2023年度政府信息公开工作年度报告\n发布机构: XX市统计局\n一、总体情况", "XX市统计局", 2023),
    ("区公安局2024年政府信息公开工作年度报告\n发布机构: 平潭综合实验区公安局", "平潭综合实验区公安局", 2024),
    ("平潭综合实验区公安局2024年政府信息公开工作年度报告\n发布机构: 区公安局", "平潭综合实验区公安局", 2024),
    ("平潭综合实验区2023年度政府信息公开工作年度报告\n发布机构: 平潭综合实验区管委会办公室", "平潭综合实验区", 2023),
    # a field that names no body is not an organ; prose is not a title
    ("2023年度政府信息公开工作年度报告\n来源：本网\n统计期限自2023年1月1日起", None, 2023),
    ("一、总体情况\n2023 年，我局认真贯彻落实。现将我局 2023 年度政府信息公开工作报告如下：", None, 2023),
])
def test_read_organ(text, organ, year):
    assert read_title(text) == (organ, year)


@pytest.mark.parametrize("text,year", [
    ("本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。", 2019),
    ("报告所列数据统计期限为 2022 年 1 月至 12 月。", 2022),
    ("2021年，我局坚持以习近平新时代中国特色社会主义思想为指导", 2021),
    ("根据2019年修订的《条例》第五十条，本条例自2019年5月15日起施行。", None),  # years, but not the report's
])
def test_stated_year(text, year):
    assert stated_year(text) == year


def test_organ_from_the_page_markup_outside_the_body():
    html = ("<html><head><title>XX市统计局2023年政府信息公开工作年度报告_XX市人民政府</title>"
            "<script>var t='2099年度报告';</script></head><body><div class=title>XX市统计局2023年政府信息公开工作年度报告"
            "</div><span>来源：XX市统计局</span><p>正文&nbsp;内容</p><table><tr><td>本年新收</td></tr></table></body></html>")
    heading = markup_heading(html)
    assert "2099" not in heading and "本年新收" not in heading
    assert read_title(heading) == ("XX市统计局", 2023)
    page = load(str(EVAL_REAL / "reports" / "58_pingtan-jtjsj_2024_htmlexcerpt.html"))
    assert "年度报告" not in page.text[:200]  # the loader kept the body, not the page's heading …
    assert read_title(markup_heading(page.source_html)) == ("平潭综合实验区交通与建设局", 2024)  # … the markup has it


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


@pytest.mark.parametrize("first,second", [("一、本年新收政府信息公开申请数量", ""), ("一、本", "年新收政府信息公开申请数量"),
                                          ("一、本年新", "收政府信息公开申请数量")])
def test_find_tables_when_a_converter_cut_the_first_label_over_two_table_lines(first, second):
    text = ("二、主动公开政府信息情况\n| 第二十条第（一）项 |  |\n| 规章 | 0 | 0 | 0 |\n三、收到和处理政府信息公开申请情况\n"
            f"| {first} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| {second} |  |  |  |  |  |  |  |\n"
            "四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | 结果维持 |\n| 0 |\n五、存在的主要问题及改进情况\n")
    s = find_tables(text)
    assert s.table3 is not None and text[s.table3[0]:].startswith("收到和处理")
    assert s.table2[1] == s.table3[0] and s.table3[1] == s.table4[0]


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
