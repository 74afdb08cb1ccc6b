"""Texts that are not an annual report in the 2019 or 2021 format, for the eval to see rejected.

Users drop whatever a disclosure column holds into a batch: a 政务公开工作要点落实情况, a
政府信息公开指南, an annual report from before 2019 (statistics in prose, or the old
统计指标/单位/统计数 table; no 第二十条 / 表三 / 表四 of the current format). They share the
current reports' vocabulary (政府信息公开, 依申请, 行政复议, even 年度报告), which is what makes
them worth testing: the expected outcome is `failed`, with a reason, never a record.
"""

from __future__ import annotations

import random

KINDS = ("work-points", "guide", "pre-2019-report")


def text(kind: str, organ: str, year: int, rng: random.Random) -> tuple[str, str]:
    """(title, full text) of one non-report of this kind."""
    return {"work-points": work_points, "guide": guide, "pre-2019-report": old_report}[kind](organ, year, rng)


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def work_points(organ: str, year: int, rng: random.Random) -> tuple[str, str]:
    title = f"{organ}{year}年政务公开工作要点落实情况"
    n = rng.randint(0, 60)
    body = [
        title,
        f"根据《{year}年政务公开工作要点》（{_pick(rng, '政办', '管办', '办')}〔{year}〕{rng.randint(3, 90)}号）要求，"
        f"现将我局{year}年政务公开工作要点落实情况报告如下：",
        f"一、{_pick(rng, '围绕稳经济促发展加强政策发布解读', '聚焦重点领域深化信息公开', '强化政策解读回应关切')}",
        f"全年通过门户网站发布政策文件{rng.randint(3, 40)}件，制作图文解读{rng.randint(1, 20)}篇，"
        f"{_pick(rng, '回应社会关切', '及时回应群众关切')}{rng.randint(1, 30)}次。",
        "二、加强政府信息公开平台建设",
        f"按时编制并在门户网站公开{year - 1}年政府信息公开工作年度报告，更新政府信息公开指南和目录，"
        f"规范政府信息公开专栏{rng.randint(5, 30)}个栏目。",
        "三、依法做好依申请公开工作",
        f"全年共受理政府信息公开申请{n}件，均在法定期限内答复，"
        + _pick(rng, "未发生因政府信息公开引起的行政复议、行政诉讼案件。",
                f"因政府信息公开申请引起行政复议{rng.randint(0, 2)}件。"),
        "四、下一步工作打算",
        _pick(rng, "我局将继续对照工作要点，细化任务分工，确保各项任务按时落实到位。",
              "下一步，我局将进一步提高政务公开标准化规范化水平，加强业务培训。"),
        f"{organ}",
        f"{year}年{rng.randint(10, 12)}月{rng.randint(1, 28)}日",
    ]
    return title, "\n".join(body) + "\n"


def guide(organ: str, year: int, rng: random.Random) -> tuple[str, str]:
    title = f"{organ}政府信息公开指南" + _pick(rng, "", f"（{year}年修订）")
    body = [
        title,
        "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
        "申请人可以通过本指南了解本机关政府信息公开的范围、方式和程序。",
        "一、主动公开",
        "（一）公开的主要内容：机构职能、政策文件、规划计划、财政资金、行政许可和行政处罚等。",
        f"（二）公开方式：{_pick(rng, '门户网站政府信息公开专栏', '政府网站、政务新媒体及公告栏')}。",
        "（三）公开时限：属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。",
        "二、依申请公开",
        "（一）受理机构",
        f"名称：{organ}办公室；办公地址：{_pick(rng, '行政服务中心', '管委会大楼')}{rng.randint(1, 9)}号楼"
        f"{rng.randint(1, 12)}层；邮政编码：{rng.randint(350000, 359999)}；"
        f"联系电话：0591-{rng.randint(20000000, 89999999)}；办公时间：工作日上午8:00-12:00，下午15:00-18:00。",
        "（二）申请的提出：申请人可以通过当面、信函、网络等方式提出申请，申请时应当填写《政府信息公开申请表》。",
        "（三）申请的处理：能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。",
        "（四）收费：依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费。",
        "三、监督和救济",
        "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
        "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
    ]
    return title, "\n".join(body) + "\n"


def old_report(organ: str, year: int, rng: random.Random) -> tuple[str, str]:
    """An annual report in the format used before 2019: statistics in prose, or the old table."""
    title = f"{organ}{year}年政府信息公开工作年度报告"
    active = rng.randint(20, 900)
    asked = rng.randint(0, 40)
    granted = rng.randint(0, asked)
    partial = rng.randint(0, asked - granted)
    body = [
        title,
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，报告中所列数据的统计期限自{year}年1月1日起"
        f"至{year}年12月31日止。",
        "一、概述",
        f"{year}年，我局认真贯彻落实政府信息公开工作各项部署，"
        + _pick(rng, "不断完善工作机制。", "扎实推进政务公开工作。"),
        "二、主动公开政府信息情况",
        f"全年共主动公开政府信息{active}条，其中通过政府网站公开{active - rng.randint(0, active // 3)}条。",
        "三、依申请公开政府信息情况",
        f"全年共收到政府信息公开申请{asked}件，已全部办结。其中同意公开{granted}件，"
        f"同意部分公开{partial}件，不予公开{asked - granted - partial}件。",
        "四、政府信息公开的收费及减免情况",
        "本年度未收取任何费用。",
        "五、因政府信息公开申请提起行政复议、行政诉讼的情况",
        _pick(rng, "本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。",
              f"本年度因政府信息公开申请提起行政复议{rng.randint(1, 3)}件，行政诉讼0件。"),
        "六、政府信息公开工作存在的主要问题及改进情况",
        "主要问题是公开内容不够丰富。下一步将进一步规范公开工作。",
    ]
    if rng.random() < 0.5:  # the old statistics table (统计指标 / 单位 / 统计数)
        body += ["附表：政府信息公开情况统计表", "统计指标\t单位\t统计数",
                 "一、主动公开情况\t—\t—", f"（一）主动公开政府信息数\t条\t{active}",
                 "二、回应解读情况\t—\t—", "三、依申请公开情况\t—\t—",
                 f"（一）收到申请数\t件\t{asked}", f"（二）申请办结数\t件\t{asked}",
                 f"1.按时办结数\t件\t{asked}", "四、行政复议数量\t件\t0", "五、行政诉讼数量\t件\t0"]
    body.append(f"{organ}\n{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日")
    return title, "\n".join(body) + "\n"
