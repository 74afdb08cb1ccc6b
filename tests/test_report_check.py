"""Is it a report of the national format? Texts that are not (a guide, a work-plan review, a
report before 2019) fail with a reason; every real report passes, whatever its spacing and typos."""

from __future__ import annotations

import pytest

from conftest import EVAL_REAL, gold_cases
from extractor.engines.layout import LayoutEngine
from extractor.load import load
from extractor.pipeline import extract_paths
from extractor.segment import NOT_A_REPORT, TABLES_NOT_IN_TEXT, is_annual_report, report_problem, tables_shown

#: a 政府信息公开指南: speaks of 主动公开, 依申请公开, 规范性文件, 予以公开, 行政复议 … in prose
GUIDE = """XX市交通运输局政府信息公开指南
为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，编制本指南。
申请人需要获得本机关政府信息公开服务的，建议阅读本指南。本机关于每年1月31日前公布上一年度政府信息公开工作年度报告。
一、主动公开
（一）公开范围。本机关按照《条例》第十九条、第二十条第（一）项至第（十五）项的规定，主动公开机构职能、规章和
规范性文件、行政许可、行政处罚、行政强制的依据、条件、程序以及本机关认为具有一定社会影响的决定等政府信息。
（二）公开方式。通过本局门户网站“政府信息公开”专栏、政务新媒体、新闻发布会以及报刊、广播、电视等方式公开。
（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。
二、依申请公开
（一）受理机构。名称：XX市交通运输局办公室；办公地址：XX市人民路88号；办公时间：工作日上午9:00—12:00，
下午14:00—17:30；邮政编码：000000；联系电话：0000-12345678。
（二）申请渠道。1.当面申请。2.信函申请。3.网络申请：登录门户网站“依申请公开”栏目在线填写申请表。
申请人为自然人的，应当提供身份证明；申请人为法人或者非法人组织的，应当提供营业执照或统一社会信用代码证。
（三）处理程序。本机关收到申请后，能够当场答复的当场予以答复；不能当场答复的，自收到申请之日起20个工作日内
予以答复。所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；可以公开的，予以公开；属于
不予公开范围的，告知申请人不予公开并说明理由；经检索没有所申请公开信息的，告知申请人该政府信息不存在；
没有现成信息需要对现有政府信息进行加工、分析的，可以不予提供；申请内容不明确的，一次性告知申请人作出补正。
（四）收费标准。本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，
按照《政府信息公开信息处理费管理办法》收取信息处理费。
三、监督和救济
公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向XX市人民政府办公室投诉、举报，
也可以依法申请行政复议或者提起行政诉讼。
"""

#: a 政务公开工作要点落实情况: the year's figures in prose, the annual report only cited
WORK_POINTS = """XX区人民政府办公室关于2022年政务公开工作要点落实情况的报告
按照《国务院办公厅关于印发2022年政务公开工作要点的通知》（国办发〔2022〕8号）和省、市工作部署，现将我区2022年
政务公开工作要点落实情况报告如下：
一、围绕稳住经济大盘加强信息发布。全年主动公开政府信息3562条，其中规范性文件12件，均在印发后20个工作日内公开；
清理现行有效的规范性文件，废止3件。
二、持续深化依申请公开工作。全年共收到政府信息公开申请86件，均在法定期限内答复，其中予以公开41件，部分公开9件，
不予公开3件，无法提供28件，不予处理5件。因政府信息公开被申请行政复议2件、提起行政诉讼1件，均未被纠错。
三、夯实公开平台。按时编制发布2021年度政府信息公开工作年度报告，严格按照年度报告格式（国办公开办函〔2021〕30号）
规范填报主动公开、依申请公开、行政复议和行政诉讼情况，年度报告在1月31日前上网公开。
四、下一步工作。进一步加强政策解读和回应关切，推进基层政务公开标准化规范化。
"""

#: a 2017 report: old statistics table (主动公开政府信息数, 收费及减免 …), no 第二十条, no 本年新收
OLD_REPORT_TABLE = """XX县人民政府2017年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》要求，由XX县人民政府办公室编制。全文包括概述，主动公开政府信息情况，
依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼的情况，存在的主要
问题和改进措施。本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。
一、概述（略）
二、主动公开政府信息情况：2017年，全县共主动公开政府信息4127条，其中规范性文件16件。
三、依申请公开政府信息情况：共受理政府信息公开申请23件，已全部办结，其中同意公开19件，同意部分公开2件，信息不存在2件。
四、政府信息公开的收费及减免情况：2017年未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况：被申请行政复议1件，复议结果维持；未发生行政诉讼。
附表：政府信息公开情况统计表（2017年度）
统计指标\t单位\t统计数
一、主动公开情况
（一）主动公开政府信息数\t条\t4127
其中：主动公开规范性文件数\t条\t16
制发规范性文件总数\t件\t18
二、依申请公开情况
（一）收到申请数\t件\t23
1.当面申请数\t件\t9
2.网络申请数\t件\t11
3.信函申请数\t件\t3
（二）申请办结数\t件\t23
（三）申请答复数\t件\t23
1.属于已主动公开范围数\t件\t5
2.同意公开答复数\t件\t14
3.同意部分公开答复数\t件\t2
4.不同意公开答复数\t件\t0
5.申请信息不存在数\t件\t2
三、行政复议数量\t件\t1
（一）维持具体行政行为数\t件\t1
（二）被依法纠错数\t件\t0
（三）其他情形数\t件\t0
四、行政诉讼数量\t件\t0
五、依申请公开信息收取的费用\t万元\t0
"""

#: a 2015 report with its statistics in prose only
OLD_REPORT_PROSE = """XX市环境保护局2015年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》规定，特向社会公布2015年度本局政府信息公开年度报告。本报告中所列数据的统计
期限自2015年1月1日起至2015年12月31日止。
一、主动公开政府信息情况。全年主动公开政府信息628条，其中规范性文件4件、环境影响评价公示215条。
二、依申请公开政府信息情况。全年共收到依申请公开信息数17件，其中自然人申请15件，法人或其他组织申请2件；
予以公开12件，部分公开2件，不予公开1件，信息不存在2件，均按时答复。
三、收费及减免情况。本年度未收取检索、复制、邮寄等费用。
四、因政府信息公开申请行政复议、提起行政诉讼情况。本年度发生行政复议1件，结果维持；无行政诉讼。
五、存在的主要问题及改进措施（略）。
"""

NOT_REPORTS = {"guide": GUIDE, "work_points": WORK_POINTS, "old_table": OLD_REPORT_TABLE, "old_prose": OLD_REPORT_PROSE}


@pytest.mark.parametrize("kind", sorted(NOT_REPORTS))
def test_a_text_that_is_not_a_report_of_the_format_is_rejected(kind):
    text = NOT_REPORTS[kind]
    assert "信息公开" in text and "行政复议" in text  # the words the old check looked for are all there
    assert tables_shown(text) == []
    assert report_problem(text) == NOT_A_REPORT and not is_annual_report(text)


@pytest.mark.parametrize("kind", sorted(NOT_REPORTS))
def test_not_a_report_fails_with_its_reason_and_the_batch_goes_on(tmp_path, kind):
    bad = tmp_path / f"{kind}.txt"
    bad.write_text(NOT_REPORTS[kind], encoding="utf-8")
    good = EVAL_REAL / "seeds" / "002_943bbbccc038582b.txt"
    first, second = extract_paths([str(bad), str(good)], LayoutEngine())
    assert first.status == "failed" and first.record is None and first.fields == {}
    assert first.error == f"{bad}: {NOT_A_REPORT}"
    assert "no 表二/表三/表四 of the national format found" in first.error
    assert second.status in ("verified", "review") and second.record is not None


@pytest.mark.parametrize("path", [p for p, _ in gold_cases()], ids=lambda p: p.name)
def test_every_real_report_is_a_report(path):
    text = load(str(path)).text
    assert report_problem(text) is None
    assert tables_shown(text) == ["表二", "表三", "表四"]


# each table alone is enough, spelt the way real texts spell it: spaces inside the labels, none
# at all, and the typos printed in real reports (行政法复议, 上年转结, 先行有效件数, 本公开数量)
TABLE4_SPACED = """四、政府信息公开行政法复议、行政诉讼情况
行 政 法 复 议\t行 政 诉 讼
结 果 维 持\t结 果 纠 正\t其 他 结 果\t尚 未 审 结\t总 计\t未经复议直接起诉\t复议后起诉
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
"""
TABLE3_GLUED = ("三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他"
                "总计一、本年新收政府信息公开申请数量5000005二、上年转结政府信息公开申请数量0000000三、本年度办理结果"
                "（一）予以公开3000003（二）部分公开0000000（三）不予公开1.属于国家秘密0000000四、结转下年度继续办理0000000")
TABLE2_2021_TYPO = """二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t先行有效件数
规章\t0\t0\t0
行政规范性文件\t3\t1\t23
"""
TABLE2_2019_TYPO = ("第二十条第（一）项 信息内容 本年新制作数量 本公开数量 对外公开总数量 规章 0 0 0 规范性文件 2 2 9 "
                    "第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 3 0 12")


@pytest.mark.parametrize("text,table", [
    (TABLE4_SPACED, "表四"), (TABLE3_GLUED, "表三"), (TABLE2_2021_TYPO, "表二"), (TABLE2_2019_TYPO, "表二"),
], ids=["table4-spaced", "table3-glued", "table2-2021-typo", "table2-2019-typo"])
def test_one_table_spelt_loosely_makes_a_report(text, table):
    assert tables_shown("XX局2021年度政府信息公开工作年度报告\n" + text) == [table]
    assert report_problem(text) is None


def test_a_report_of_the_format_whose_tables_are_pictures_says_so():
    text = ("XX局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，我局……\n二、主动公开政府信息情况\n"
            "（表格见图片）\n三、收到和处理政府信息公开申请情况\n（表格见图片）\n"
            "四、政府信息公开行政复议、行政诉讼情况\n（表格见图片）\n五、存在的主要问题及改进情况\n……")
    assert report_problem(text) == TABLES_NOT_IN_TEXT
    assert report_problem(OLD_REPORT_TABLE) == report_problem(GUIDE) == NOT_A_REPORT  # neither has that heading


def test_two_labels_of_a_table_need_a_third():
    # two labels only a table prints are still not a table; with the table's heading words they are
    assert tables_shown("结果维持、结果纠正") == []
    assert tables_shown("行政复议 结果维持 结果纠正") == ["表四"]
    assert tables_shown("本年新收 结转下年度 科研机构") == ["表三"]
