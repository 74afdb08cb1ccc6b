"""Organ and year of reports on crawled web pages: other reports' titles around the report's own
(a 'related reports' list, 上一篇/下一篇), page words before a title, a body referred to, not named."""

from __future__ import annotations

import pytest

from extractor.segment import read_title

BODY = ("本报告所列数据统计期限为2023年1月1日至2023年12月31日。\n一、总体情况\n2023年，我局认真贯彻落实《条例》。\n"
        "六、其他需要报告的事项\n无。\n")
RELATED = ["XX市统计局2022年政府信息公开工作年度报告 2023-01-20", "XX市统计局2021年政府信息公开工作年度报告 2022-01-18",
           "YY县交通运输局2020年度政府信息公开工作年度报告 2021-02-03"]


def test_related_list_above_the_title_lends_no_organ_nor_year():
    text = "相关报告\n" + "\n".join(RELATED) + "\nXX市统计局2023年政府信息公开工作年度报告\n" + BODY
    assert read_title(text) == ("XX市统计局", 2023)


def test_related_list_on_one_flattened_line():
    # a crawler's text: the list, the title and the body on one line; only the first title starts
    # the line, and it is another body's report of another year
    text = " ".join(["相关报告", *RELATED[::-1], "XX市统计局2023年政府信息公开工作年度报告", BODY.replace("\n", " ")])
    assert read_title(text) == ("XX市统计局", 2023)


def test_titles_that_disagree_and_no_stated_year_give_nothing():
    text = "\n".join(RELATED) + "\n一、总体情况\n我们做了很多工作。"
    assert read_title(text) == (None, None)


def test_titles_of_the_stated_year_by_two_bodies_give_no_organ():
    text = ("YY县交通运输局2023年度政府信息公开工作年度报告 2024-01-10\nXX市统计局2022年政府信息公开工作年度报告 2023-01-20\n"
            "ZZ区民政局2023年政府信息公开工作年度报告\n" + BODY)
    assert read_title(text) == (None, 2023)


@pytest.mark.parametrize("lead", ["相关报告 ", "往年报告 ", "首页 > 政府信息公开 > 政府信息公开年报 ", "当前位置：首页 > 年报 > 正文 ",
                                  "相关信息 "])
def test_page_words_before_the_title_on_its_line_are_no_organ(lead):
    text = lead + "XX市统计局2023年政府信息公开工作年度报告 发布时间：2024-01-20 浏览次数：1234 " + BODY.replace("\n", " ")
    assert read_title(text) == ("XX市统计局", 2023)


@pytest.mark.parametrize("text", [
    "本机关2023年政府信息公开工作年度报告\n" + BODY,
    "政府信息公开工作年度报告（2023年度）\n" + BODY + "如对本报告有疑问，请与本机关办公室联系。\n",
])
def test_a_body_referred_to_is_no_organ(text):
    assert read_title(text) == (None, 2023)


def test_organ_from_the_signature_when_the_title_names_none():
    text = "政府信息公开工作年度报告（2023年度）\n" + BODY + "XX市XX局\n2024年1月18日\n"
    assert read_title(text) == ("XX市XX局", 2023)


def test_of_several_bodies_titles_the_one_the_text_signs():
    text = ("YY县交通运输局2023年度政府信息公开工作年度报告 2024-01-10\nZZ区民政局2023年政府信息公开工作年度报告\n"
            + BODY + "ZZ区民政局\n2024年1月18日\n")
    assert read_title(text) == ("ZZ区民政局", 2023)


def test_prose_run_into_a_flattened_title_is_no_organ():
    # a flattened page: the list, the title, then the body that names the report in a sentence
    text = " ".join([*RELATED, "XX市统计局2023年政府信息公开工作年度报告", "标题: XX市统计局2023年政府信息公开工作年度报告",
                     "分享到：微信 QQ空间", "根据《条例》要求，特向社会公布XX市统计局2023年政府信息公开工作年度报告。",
                     BODY.replace("\n", " ")])
    assert read_title(text) == ("XX市统计局", 2023)


def test_a_second_report_in_the_head_lends_the_first_nothing():
    first = "XX市统计局2023年政府信息公开工作年度报告\n" + BODY + "XX市统计局\n2024年1月18日\n"
    second = "YY县交通运输局2023年度政府信息公开工作年度报告\n" + BODY + "YY县交通运输局\n2024年1月20日\n"
    assert read_title(first + "\n" + second) == ("XX市统计局", 2023)


CHROME = ("无障碍浏览 | 长者模式 | 登录 | 注册 当前位置：首页 > 政府信息公开 > 年度报告 > 正文 时间：2024年01月16日 访问量：1360 次 "
          "【字体：大 中 小】 打印本页 关闭窗口 分享到：微信 微博 QQ空间 ")


@pytest.mark.parametrize("title", ["湛河区住建局 2023 年政府信息公开工作年度报告", "湛河区住建局2023年度政府信息公开工作年度报告 发布时间：2024-01-16"])
def test_a_flattened_page_title_after_the_sites_furniture(title):
    assert read_title(CHROME + title + " " + BODY.replace("\n", " ")) == ("湛河区住建局", 2023)


def test_a_flattened_page_without_a_title_names_no_body_from_its_prose():
    text = CHROME + "一、总体情况 2023年，我局认真贯彻落实。现将我局 2023 年度政府信息公开工作报告如下：" + BODY.replace("\n", " ")
    assert read_title(text) == (None, 2023)


def test_a_flattened_year_first_title_and_an_office_as_the_source():
    # "信息来源：办公室" names an office of no body; the title, year first, names the body
    text = (CHROME + "2023年湛河区住建局政府信息公开工作年度报告 发布日期：2024-02-16 9:46 信息来源：办公室 点击数：7437 "
            + BODY.replace("\n", " "))
    assert read_title(text) == ("湛河区住建局", 2023)
    assert read_title("2023年度政府信息公开工作年度报告\n来源：办公室\n" + BODY) == (None, 2023)


def test_short_field_organ_takes_the_full_name_a_header_line_prints():
    """A page's field gives the body's short form (发布机构: 区公安局) and its header line the full
    name: the full name is the organ; prose that starts a line with the short form is no name."""
    from extractor.segment import read_title

    head = "平潭综合实验区公安局  政务公开\n政府信息公开工作年度报告\n发布机构: 区公安局\n栏目: 年报\n"
    assert read_title(head + "一、总体情况\n2024年，区公安局坚持…")[0] == "平潭综合实验区公安局"
    prose = "政府信息公开工作年度报告\n发布机构: 区公安局\n本年度区公安局 开展工作\n"
    assert read_title(prose + "一、总体情况\n2024年，区公安局坚持…")[0] == "区公安局"
    two = "甲区公安局  政务公开\n乙区公安局  政务公开\n发布机构: 区公安局\n"
    assert read_title(two + "一、总体情况\n")[0] == "区公安局"  # two fuller names: the short one stays
