"""`pdftotext -layout` and viewer copies of tables that leave their zeros blank and print too few
numbers to show their columns (issue 11, probe `layout-blank-cells`, `viewer-copy`): a row's label
alone is a doubt with the blank (0) as candidate, a table of labels and header words with no
number a table of such doubts, never a table not found."""

from __future__ import annotations

from _text_report import T3_HEAD, read_text

#: 表二 with one number: its header words set out by spaces, too few numbers to show columns
T2_FEW = ("二、主动公开政府信息情况\n第二十条第（一）项\n"
          "信息内容                    本年制发件数  本年废止件数  现行有效件数\n"
          "规章\n行政规范性文件\n第二十条第（五）项\n信息内容                    本年处理决定数量\n"
          "行政许可                                                           5\n"
          "第二十条第（六）项\n信息内容                    本年处理决定数量\n行政处罚\n行政强制\n"
          "第二十条第（八）项\n信息内容                    本年收费金额（万元）\n行政事业性收费\n\n")
#: 表三 of the 2021 format, every label, no number (as `pdftotext -layout` prints it)
T3_EMPTY = '三、收到和处理政府信息公开申请情况\n                                                                    申请人情况\n本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和              法人或其他组织\n                                                                    自然人    商业企业  科研机构  社会公益  法律服务  其他      总计\n                                                                                                  组织      机构\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n                （一）予以公开\n                （二）部分公开\n                                1.属于国家秘密\n                                2.其他法律行政法规禁止公开\n                                3.危及“三安全一稳定”\n                （三）不予公开  4.保护第三方合法权益\n                                5.属于三类内部事务信息\n                                6.属于四类过程性信息\n                                7.属于行政执法案卷\n                                8.属于行政查询事项\n                                1.本机关不掌握相关政府信息\n                （四）无法提供  2.没有现成信息需要另行制作\n三、本年度办理                  3.补正后申请内容仍不明确\n结果                            1.信访举报投诉类申请\n                                2.重复申请\n                （五）不予处理  3.要求提供公开出版物\n                                4.无正当理由大量反复申请\n                                5.要求行政机关确认或重新出具已获取\n                                信息\n                                1.申请人无正当理由逾期不补正、行政\n                                机关不再处理其政府信息公开申请\n                （六）其他处理  2.申请人逾期未按收费通知要求缴纳费\n                                用、行政机关不再处理其政府信息公开\n                                申请\n                                3.其他\n                （七）总计\n四、结转下年度继续办理\n\n'
T4_EMPTY = ("四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议                                          行政诉讼\n"
            "结果维持  结果纠正  其他结果  尚未审结  总计      未经复议直接起诉                                  复议后起诉\n"
            "                                                  结果维持  结果纠正  其他结果  尚未审结  总计      结果维持  结果纠正  其他结果  尚未审结  总计\n\n"
            "五、存在的主要问题及改进情况\n无\n")


def test_tables_of_labels_with_header_words_in_columns_and_no_number_are_doubts_not_missing(tmp_path):
    reading, flat = read_text(tmp_path, T2_FEW + T3_EMPTY + T4_EMPTY)
    assert flat["active.licensing.decisions"] == 5
    for key in ("active.normative.issued", "active.normative.in_force", "requests.new.natural",
                "requests.granted.total", "review.upheld", "litigation_after_review.total"):
        assert flat[key] is None, key
        doubt = reading.doubts[key]
        assert doubt.reason == "missing_row" and doubt.candidates == [0], key
    assert reading.doubts  # (a reading with doubts goes to review)


def test_a_viewer_copy_whose_other_table_prints_labels_only_offers_0_for_a_lone_label(tmp_path):
    # a cell a line, an empty cell no line: 表三 prints its labels and no number (every cell
    # blank, or nobody filled it: doubts); 表二's labels alone are not read as blank rows on the
    # strength of that table (test_layout_round6), but offer the blank as candidate (was: none)
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n"
          "规章\n行政规范性文件\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n"
          "第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n行政强制\n"
          "第二十条第（八）项\n信息内容\n本年收费金额（万元）\n行政事业性收费\n27.8334\n")
    t3 = T3_HEAD + "\n".join(["自然人", "商业企业", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                              "（一）予以公开", "（二）部分公开", "（七）总计", "四、结转下年度继续办理"]) + "\n"
    reading, flat = read_text(tmp_path, t2 + t3 + "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无\n")
    assert str(flat["active.fees.amount"]) == "27.8334"
    for key in ("active.normative.issued", "active.licensing.decisions", "active.coercion.decisions"):
        assert flat[key] is None and reading.doubts[key].candidates == [0], key
    assert flat["requests.new.natural"] is None and reading.doubts["requests.new.natural"].candidates == [0]


#: 表三 and 表四 of 2019 copied a cell a line, no number (nothing requested, nothing appealed)
T34_LABELS = '三、收到和处理政府信息公开申请情况\n本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n三、本年度办理结果\n（一）予以公开\n（二）部分公开\n（三）不予公开\n1.属于国家秘密\n2.其他法律行政法规禁止公开\n3.危及“三安全一稳定”\n4.保护第三方合法权益\n5.属于三类内部事务信息\n6.属于四类过程性信息\n7.属于行政执法案卷\n8.属于行政查询事项\n（四）无法提供\n1.本机关不掌握相关政府信息\n2.没有现成信息需要另行制作\n3.补正后申请内容仍不明确\n（五）不予处理\n1.信访举报投诉类申请\n2.重复申请\n3.要求提供公开出版物\n4.无正当理由大量反复申请\n5.要求行政机关确认或重新出具已获取信息\n（六）其他处理\n（七）总计\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n\n'


def test_a_number_alone_on_its_line_in_a_cell_a_line_copy_is_one_cell_in_any_of_its_rows_cells(tmp_path):
    # a viewer's copy, an empty cell no line: 行政许可 then `48` is 48 in one of its three
    # cells (which one the page does not say), never 4 and 8 run together
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n"
          "规章\n规范性文件\n12\n12\n12\n第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
          "行政许可\n48\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
          "行政处罚\n行政强制\n第二十条第（八）项\n信息内容\n上一年项目数量\n本年增/减\n行政事业性收费\n2\n"
          "第二十条第（九）项\n信息内容\n采购项目数量\n采购总金额\n政府集中采购\n18\n4253521.2\n")
    reading, flat = read_text(tmp_path, t2 + T34_LABELS, title="某县农业农村局2020年政府信息公开工作年度报告\n")
    for key in ("active.licensing.prior", "active.licensing.change", "active.licensing.decisions"):
        assert flat[key] is None, key
        assert sorted(reading.doubts[key].candidates) == [0, 48], key


def test_a_copy_that_runs_a_rows_cells_together_still_splits_a_number_alone_on_its_line(tmp_path):
    # `000` under 规章: this copy prints a row's cells run together, so `48` may be 4 and 8
    t2 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n"
          "规章\n000\n规范性文件\n12\n12\n12\n第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
          "行政许可\n48\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
          "行政处罚\n行政强制\n第二十条第（八）项\n信息内容\n上一年项目数量\n本年增/减\n行政事业性收费\n2\n"
          "第二十条第（九）项\n信息内容\n采购项目数量\n采购总金额\n政府集中采购\n18\n4253521.2\n")
    reading, flat = read_text(tmp_path, t2 + T34_LABELS, title="某县农业农村局2020年政府信息公开工作年度报告\n")
    assert flat["active.licensing.prior"] is None
    assert 4 in reading.doubts["active.licensing.prior"].candidates


#: 表三 as `pdftotext -layout` prints it with narrow columns: names wrapped, zeros blank
T3_HEAD_WRAPPED = ("                                                                    申请人情况\n"
        "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和            法人或其他组织\n"
        "                                                                    自然人  商业企  科研机  社会公  法律服  其他    总计\n"
        "                                                                            业      构      益组织  务机构\n")
T3_FEW_ROWS = ("一、本年新收政府信息公开申请数量                                        23                                              23\n"
        "二、上年结转政府信息公开申请数量\n"
        "                （一）予以公开                                           7                                               7\n"
        "                （二）部分公开                                           1                                               1\n"
        "                （七）总计                                               8                                               8\n"
        "四、结转下年度继续办理                                                  15                                              15\n")


def test_applicant_names_wrapped_in_narrow_columns_place_a_rows_few_numbers(tmp_path):
    # `商业企` over `业`: the first line's piece of a wrapped name stands over its column as the
    # whole name would; with 自然人, 其他 and 总计 whole they show all seven columns, so `23 … 23`
    # is 自然人 and 总计 (was: a doubt, 23 in any of the six applicant columns)
    reading, flat = read_text(tmp_path, T2_FEW + T3_HEAD + T3_HEAD_WRAPPED + T3_FEW_ROWS + T4_EMPTY)
    assert [flat[f"requests.new.{k}"] for k in ("natural", "commercial", "other_org", "total")] == [23, 0, 0, 23]
    assert [flat[f"requests.granted.{k}"] for k in ("natural", "research", "total")] == [7, 0, 7]


def _right_aligned(nums: dict[int, int], *, width: int, gap: int) -> str:
    """A line of numbers right-aligned in fixed-width columns (column → number; the rest blank)."""
    line = ""
    for j, v in sorted(nums.items()):
        end = (width + gap) * j + width
        line += " " * (end - len(str(v)) - len(line)) + str(v)
    return line


def test_table4_column_words_over_its_fifteen_columns_place_its_few_numbers(tmp_path):
    # `pdftotext -layout` of a 表四 that leaves its zeros blank: five numbers in fifteen columns
    # are too many placements to list; the column words, over their columns on two lines, place
    # them (right-aligned or left-aligned: both kept, the other cells blank under both)
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议                                                    行政诉讼\n"
          "结果维持    结果纠正    其他结果    尚未审结    总计        未经复议直接起诉                                            复议后起诉\n"
          "                                                            结果维持    结果纠正    其他结果    尚未审结    总计        结果维持    结果纠正    其他结果    尚未审结    总计\n"
          + _right_aligned({0: 10, 1: 1, 4: 11, 10: 5, 14: 5}, width=10, gap=2) + "\n\n"
          "五、存在的主要问题及改进情况\n无\n")
    reading, flat = read_text(tmp_path, T2_FEW + T3_HEAD + T3_HEAD_WRAPPED + T3_FEW_ROWS + t4)
    assert flat["litigation_direct.upheld"] == flat["litigation_direct.total"] == 0
    assert flat["review.pending"] == 0 or 0 in reading.doubts["review.pending"].candidates
    for key, value in (("review.upheld", 10), ("review.corrected", 1), ("review.total", 11),
                       ("litigation_after_review.upheld", 5), ("litigation_after_review.total", 5)):
        assert flat[key] == value or (flat[key] is None and value in reading.doubts[key].candidates), key
