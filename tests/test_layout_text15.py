"""Text forms of round 15 of the unseen-layout probe (issue 11): an added column (上年数, 上年同期,
同比增减, a bare 增减) between the format's own columns in space-aligned text (`pdftotext -layout`):
its numbers are placed under its head by where they stand and never read into a format cell."""

from __future__ import annotations

import unicodedata

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text

ROWS = ("new", "carried_over", "granted", "partial", "total", "carried_forward")


def _w(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _laid(rows: list[list[str]], widths: list[int]) -> str:
    """Rows as `pdftotext -layout` prints them: each cell in its column (two spaces apart), a
    number right-aligned, a word left-aligned."""
    out = []
    for row in rows:
        line = ""
        for cell, width in zip(row, widths):
            pad = width - _w(cell)
            line += (" " * pad + cell if cell.isdigit() or cell[1:].isdigit() else cell + " " * pad) + "  "
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


def _t2(head: str) -> str:
    first = _laid([["信息内容", "本年制发件数", head, "本年废止件数", "现行有效件数"],
                   ["规章", "0", "23", "0", "0"], ["行政规范性文件", "3", "12", "1", "27"]], [16, 14, 14, 14, 14])
    return "二、主动公开政府信息情况\n第二十条第（一）项\n" + first \
        + "第二十条第（五）项" + T2.split("第二十条第（五）项", 1)[1]


def _t3(at: int, head: str) -> str:
    """表三 space-aligned with an added column before value column `at` (1: after 自然人, 6:
    before 总计), its head on the line of 自然人 / 法人或其他组织 / 总计."""
    heads = ["", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    five = ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    heads.insert(at + 1, head)
    five.insert(at + 1, "")
    rows = [heads, five]
    for r, (lab, nums) in enumerate(T3_ROWS):
        cells = [str(v) for v in nums]
        cells.insert(at, str(40 + r))  # last year's figure: no column of the format holds it
        rows.append([lab.split("\t")[-1]] + cells)
    return T3_HEAD + _laid(rows, [34] + [14] * 8) + "\n"


def test_t2_spaced_column_added_between_its_own(tmp_path):
    for head in ("上年数", "同比增减"):
        reading, flat = read_text(tmp_path, _t2(head) + _t3(6, "上年同期"))
        assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27], head
        assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 0, 0], head


def test_t3_spaced_column_added_after_natural_or_before_the_total(tmp_path):
    for at, head in ((1, "上年同期"), (6, "同比"), (6, "增减"), (1, "增减")):
        _, flat = read_text(tmp_path, _t2("上年数") + _t3(at, head))
        got = [[flat[f"requests.{row}.{k}"] for k in KEYS] for row in ROWS]
        assert got == [nums for _, nums in T3_ROWS], (at, head)


def test_t3_tab_column_headed_by_a_bare_change_word(tmp_path):
    # a bare 增减 heads a format column only in 2019's 表二 (本年增/减 printed short): in 表三 it is
    # a column the report added, dropped by its tab cell
    lines = [["", "自然人", "法人或其他组织", "", "", "", "", "增减", "总计"],
             ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "", ""]]
    rows = []
    for r, (lab, nums) in enumerate(T3_ROWS):
        cells = [str(v) for v in nums]
        cells.insert(6, str(40 + r))
        rows.append(lab.split("\t")[-1] + "\t" + "\t".join(cells))
    text = T2 + T3_HEAD + "\n".join("\t".join(x) for x in lines) + "\n" + "\n".join(rows) + "\n\n"
    _, flat = read_text(tmp_path, text)
    got = [[flat[f"requests.{row}.{k}"] for k in KEYS] for row in ROWS]
    assert got == [nums for _, nums in T3_ROWS]


def test_cells_a_few_spaces_apart_are_not_placed_by_where_they_stand(tmp_path):
    # the rows' cells only two spaces apart (no columns) under a header whose 占比 stands far
    # right on the note's line: a long label puts a row's counts where 占比 stands, yet they do
    # not line up under it; the rows are cut at their end as before, not by where they stand
    long = ("（六）其他处理  1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            [0, 1, 0, 0, 0, 0, 1])
    head = ("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和  申请人情况  占比\n"
            "自然人  法人或其他组织  总计\n商业企业  科研机构  社会公益组织  法律服务机构  其他\n")
    rows = [T3_ROWS[0], T3_ROWS[1], T3_ROWS[2], T3_ROWS[3], long, T3_ROWS[4], T3_ROWS[5]]
    body = "".join(lab.replace("\t", "  ") + "  " + "  ".join(map(str, nums)) + f"  +{r}.5%\n"
                   for r, (lab, nums) in enumerate(rows))
    _, flat = read_text(tmp_path, T2 + T3_HEAD + head + body + "\n")
    got = [[flat[f"requests.{row}.{k}"] for k in KEYS] for row in ROWS]
    assert got == [nums for _, nums in T3_ROWS]
    assert [flat[f"requests.other_no_correction.{k}"] for k in KEYS] == long[1]


def test_t2_cumulative_column_beside_the_formats_three(tmp_path):
    # a running count over the years (累计, 历年累计, 累计制发件数) is no column of the format: after
    # the three, or between 本年废止件数 and 现行有效件数 (tab rows, or space-aligned columns)
    rest = "第二十条第（五）项" + T2.split("第二十条第（五）项", 1)[1]
    tab = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t累计制发件数\t现行有效件数\n"
           "规章\t0\t0\t12\t0\n行政规范性文件\t3\t1\t140\t27\n" + rest)
    spaced = "二、主动公开政府信息情况\n第二十条第（一）项\n" + _laid(
        [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "历年累计"],
         ["规章", "0", "0", "0", "12"], ["行政规范性文件", "3", "1", "27", "140"]], [16, 14, 14, 14, 14]) + rest
    for text in (tab, spaced):
        _, flat = read_text(tmp_path, text + _t3(6, "上年同期"))
        assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
        assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 0, 0]


def test_t2_cumulative_words_of_the_formats_own_column_stay_it(tmp_path):
    # 累计有效 is 现行有效件数 in other words, not an added column
    tab = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新增\t本年减少\t累计有效\n"
           "规章\t0\t0\t0\n行政规范性文件\t3\t1\t27\n" + "第二十条第（五）项" + T2.split("第二十条第（五）项", 1)[1])
    _, flat = read_text(tmp_path, tab + _t3(6, "上年同期"))
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]


def test_t3_label_wrapped_over_many_lines_under_its_numbers(tmp_path):
    # `pdftotext -layout` of a top-aligned table with a narrow label column: a long label's first
    # piece beside the numbers, its other four or five pieces on lines of their own below them;
    # the next row's label starts with its enumerator (`2.`): the pieces are the row's own
    wrap = lambda s, k: [s[i:i + k] for i in range(0, len(s), k)]  # noqa: E731
    rows = [("一、本年新收政府信息公开申请数量", [9, 4, 3, 2, 1, 5, 24]),
            ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 1, 2]),
            ("（一）予以公开", [6, 3, 2, 1, 1, 4, 17]),
            ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0, 1]),
            ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 1, 0, 0, 0, 0, 0]),
            ("3.其他", [0, 0, 2, 0, 0, 0, 3]),
            ("（七）总计", [8, 4, 3, 2, 1, 5, 23]),
            ("四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])]
    lines = [_laid([["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]],
                   [12] + [12] * 7).rstrip("\n")]
    for label, nums in rows:
        pieces = wrap(label, 6)
        lines.append(_laid([[pieces[0]] + [str(v) for v in nums]], [12] + [12] * 7).rstrip("\n"))
        lines += pieces[1:]
    _, flat = read_text(tmp_path, T2 + T3_HEAD + "\n".join(lines) + "\n\n")
    for row, (_, nums) in zip(("new", "carried_over", "granted", "other_no_correction", "other_unpaid_fee",
                               "other_misc", "total", "carried_forward"), rows):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, row


def test_t3_parent_at_the_bottom_inside_its_last_rows_wrapped_label(tmp_path):
    # a bottom-aligned table: （五）不予处理 stands on the line of its last row's numbers, after
    # that row's first label piece on the line above (`5.要求行政机关确认或重新出具已获取`, then
    # `（五）不予处理  信息  0 …`)
    w = [14, 34] + [8] * 7
    lay = lambda cells: _laid([cells], w).rstrip("\n")  # noqa: E731
    nums = {"new": [9, 4, 3, 2, 1, 5, 24], "carried_over": [1, 0, 0, 0, 0, 1, 2],
            "granted": [6, 3, 2, 1, 1, 4, 17], "ignored_complaint": [1, 0, 0, 0, 0, 0, 1],
            "ignored_duplicate": [0, 1, 0, 0, 0, 0, 1], "ignored_confirm": [2, 0, 1, 0, 0, 0, 3],
            "total": [8, 4, 3, 2, 1, 5, 23], "carried_forward": [2, 0, 0, 0, 0, 1, 3]}
    s = lambda row: [str(v) for v in nums[row]]  # noqa: E731
    lines = [lay(["", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]),
             lay(["一、本年新收", "政府信息公开申请数量"] + s("new")),
             lay(["二、上年结转", "政府信息公开申请数量"] + s("carried_over")),
             lay(["", "（一）予以公开"] + s("granted")),
             lay(["", "1.信访举报投诉类申请"] + s("ignored_complaint")),
             lay(["", "2.重复申请"] + s("ignored_duplicate")),
             lay(["", "5.要求行政机关确认或重新出具已获取"]),
             lay(["（五）不予处理", "信息"] + s("ignored_confirm")),
             lay(["", "（七）总计"] + s("total")),
             lay(["四、结转下年度继续办理", ""] + s("carried_forward"))]
    _, flat = read_text(tmp_path, T2 + T3_HEAD + "\n".join(lines) + "\n\n")
    for row in ("ignored_complaint", "ignored_duplicate", "ignored_confirm", "total"):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums[row], row


T2_SIDEWAYS = ("二、主动公开政府信息情况\n第二十条第（一）项\n项目\t规章\t行政规范性文件\n"
               "本年制发件数\t0\t3\n本年废止件数\t2\t1\n现行有效件数\t5\t27\n"
               "第二十条第（五）项\n信息内容\t行政许可\n本年处理决定数量\t1205\n"
               "第二十条第（六）项\n信息内容\t行政处罚\t行政强制\n本年处理决定数量\t88\t4\n"
               "第二十条第（八）项\n信息内容\t行政事业性收费\n本年收费金额（万元）\t12.5\n\n")


def test_t2_on_its_side_measures_as_rows(tmp_path):
    _, flat = read_text(tmp_path, T2_SIDEWAYS + _t3(6, "上年同期"))
    assert [flat[f"active.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 2, 5]
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]
    assert [flat["active.licensing.decisions"], flat["active.punishment.decisions"], flat["active.coercion.decisions"]] \
        == [1205, 88, 4]
    # the measures in another order: each row's words say whose column it is
    moved = T2_SIDEWAYS.replace("本年制发件数\t0\t3\n本年废止件数\t2\t1\n", "本年废止件数\t2\t1\n本年制发件数\t0\t3\n")
    _, flat = read_text(tmp_path, moved + _t3(6, "上年同期"))
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [3, 1, 27]


def test_t2_on_its_side_missing_a_measure_is_not_turned(tmp_path):
    # a measure's line left out: the section is no upright table's turn, and no cell of it is
    # read as another column's
    short = T2_SIDEWAYS.replace("本年废止件数\t2\t1\n", "")
    _, flat = read_text(tmp_path, short + _t3(6, "上年同期"))
    got = [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")]
    assert all(v in (None, want) for v, want in zip(got, [3, 1, 27])), got
