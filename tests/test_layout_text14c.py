"""Text forms of round 14c of the unseen-layout probe (issue 11): a column the report adds printed
between the format's own columns (表二's 上年数 between 本年制发件数 and 本年废止件数, 表三's 上年同期
after 自然人 or before 总计, 表四's 上年 after each group's 总计): its cells are never read into a
format cell."""

from __future__ import annotations

from _text_report import KEYS, T3_HEAD, T3_ROWS, read_text

ROWS = ("new", "carried_over", "granted", "partial", "total", "carried_forward")

T2_TAB = ("二、主动公开政府信息情况\n"
          "第二十条第（一）项\n信息内容\t本年制发件数\t上年数\t本年废止件数\t现行有效件数\n"
          "规章\t0\t2\t0\t0\n行政规范性文件\t3\t9\t1\t27\n"
          "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t1205\n"
          "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t88\n行政强制\t4\n"
          "第二十条第（八）项\n信息内容\t本年收费金额（万元）\n行政事业性收费\t0\n\n")


def _t3(at: int, head_line: int, head: str = "上年同期") -> str:
    """表三 as tab rows with an added column before value column `at` (0: 自然人 … 6: 总计), its
    head on header line `head_line` (1: 自然人 / 法人或其他组织 / 总计, 2: the five)."""
    lines = [["", "申请人情况"], ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
             ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    for i, line in enumerate(lines):
        line += [""] * (8 - len(line))
        line.insert(1 + at, head if i == head_line else "")
    rows = []
    for r, (lab, nums) in enumerate(T3_ROWS):
        cells = [str(v) for v in nums]
        cells.insert(at, str(40 + r))  # last year's figure: no column of the format holds it
        rows.append(lab.split("\t")[-1] + "\t" + "\t".join(cells))
    return T3_HEAD + "\n".join("\t".join(x) for x in lines) + "\n" + "\n".join(rows) + "\n\n"


def test_t2_column_added_between_its_own_columns(tmp_path):
    _, flat = read_text(tmp_path, T2_TAB + _t3(6, 1))
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 0, 0]
    # 上年制发件数 names last year's figure as well
    _, flat = read_text(tmp_path, T2_TAB.replace("\t上年数\t", "\t上年制发件数\t") + _t3(6, 1))
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]


def test_t3_column_added_after_natural_inside_the_five_or_before_the_total(tmp_path):
    for at, head_line in ((1, 1), (2, 2), (6, 1)):
        _, flat = read_text(tmp_path, T2_TAB + _t3(at, head_line))
        got = [[flat[f"requests.{row}.{k}"] for k in KEYS] for row in ROWS]
        assert got == [nums for _, nums in T3_ROWS], (at, head_line)


def test_t4_last_years_figure_after_each_groups_total(tmp_path):
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议\t\t\t\t\t\t行政诉讼\n"
          "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t上年\t未经复议直接起诉\t\t\t\t\t\t复议后起诉\n"
          "\t\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t上年\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t上年\n"
          "1\t2\t0\t1\t4\t7\t2\t0\t1\t0\t3\t8\t0\t1\t0\t1\t2\t9\n\n")
    _, flat = read_text(tmp_path, T2_TAB + _t3(6, 1) + t4)
    got = [flat[f"{g}.{c}"] for g in ("review", "litigation_direct", "litigation_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
    assert got == [1, 2, 0, 1, 4, 2, 0, 1, 0, 3, 0, 1, 0, 1, 2]


def test_a_row_a_tab_cell_off_its_header_is_not_cut_by_the_heads_cells(tmp_path):
    # the header's one label cell, 予以公开's row two (`三、本年度办理结果 | （一）予以公开`): the
    # row's cells stand a tab cell right of the heads; cutting the 上年同期 head's tab cell would
    # drop the row's 总计 and keep last year's figure
    head = T3_HEAD + "\t".join(["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
                                "上年同期"]) + "\n"
    rows = "".join(lab + "\t" + "\t".join(map(str, nums + [90 + r])) + "\n" for r, (lab, nums) in enumerate(T3_ROWS))
    reading, flat = read_text(tmp_path, T2_TAB + head + rows + "\n")
    for row, (_, nums) in zip(ROWS, T3_ROWS):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] in (nums, [None] * 7) or all(
            flat[f"requests.{row}.{k}"] in (v, None) for k, v in zip(KEYS, nums)), row
    assert flat["requests.granted.total"] in (17, None)
