"""OCR text of a ruled table (issue 11): the vertical rules read as glyphs between a row's cells
(`本年新收 I 5 I 0 l 3`, `丨`, `[`, `]`, `!`) are the row's borders; a minus read as a dash or
the CJK `一` before a 本年增/减 is a doubt with both values, never a plain positive number."""

from __future__ import annotations

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text

from extractor.engines.layout._cells import reading_text, tokenize

T2_2019 = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容  本年新制作数量  本年新公开数量  对外公开总数量\n"
           "规章  0  0  0\n规范性文件  3  3  27\n第二十条第（五）项\n信息内容  上一年项目数量  本年增/减  处理决定数量\n"
           "行政许可  40  {a}12  1205\n其他对外管理服务事项  5  0  9\n第二十条第（六）项\n"
           "信息内容  上一年项目数量  本年增/减  处理决定数量\n行政处罚  20  {b}3  88\n行政强制  4  0  1\n"
           "第二十条第（八）项\n信息内容  上一年项目数量  本年增/减\n行政事业性收费  2  0\n"
           "第二十条第（九）项\n信息内容  采购项目数量  采购总金额\n政府集中采购  3  21.5\n\n")
TITLE_2019 = "某县人民政府办公室2019年政府信息公开工作年度报告\n"


def test_border_glyphs_of_a_row_read_as_pipes_the_same_length():
    for line, read in [("数量 I 5 I 0 l 3 I", "数量 | 5 | 0 | 3 |"),
                       ("数量 ] 5 [ 0 ! 3", "数量 | 5 | 0 | 3"),
                       ("数量丨5丨0丨3", "数量|5|0|3"),
                       ("行政许可 ] 550", "行政许可   550"),
                       ("I 5 I 0 I 3 I", "| 5 | 0 | 3 |")]:  # 表四's numbers under its header rows
        assert reading_text(line) == read
        assert len(reading_text(line)) == len(line)


def test_glyphs_that_are_no_borders_are_left_alone():
    for line in ["见[1]和[2]", "见 [2]", "注 [ 5 ] 共",  # a note's number, brackets in prose
                 "行政许可 I 550", "x l 2 0 O 3",  # a lone letter may be a `1` read as a letter
                 "本年 | 5 1 0 | 3",  # a border read as the digit 1: the line keeps what it prints
                 "数量 I 5 0 I 3"]:  # no glyph between two numbers: no strict border pattern
        assert reading_text(line) == line


def test_a_table_with_its_rules_read_as_glyphs_reads_exactly(tmp_path):
    for glyph in ("I", "l", "]", "丨", "!"):
        rows = "".join(f"{label} {glyph} " + f" {glyph} ".join(map(str, nums)) + f" {glyph}\n"
                       for label, nums in T3_ROWS)
        reading, flat = read_text(tmp_path, T2 + T3_HEAD + rows.replace("\t", ""))
        for label, nums in T3_ROWS:
            row = "new" if label.startswith("一") else "carried_over" if label.startswith("二") else \
                "granted" if "予以公开" in label else "partial" if "部分" in label else \
                "total" if "总计" in label else "carried_forward"
            assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, (glyph, label)
        assert flat["active.normative.in_force"] == 27 and flat["active.licensing.decisions"] == 1205


def test_a_minus_read_as_a_dash_or_the_cjk_one_is_a_doubt_with_both_values(tmp_path):
    reading, flat = read_text(tmp_path, T2_2019.format(a="—", b="一"), title=TITLE_2019)
    assert flat["active.licensing.change"] is None and flat["active.punishment.change"] is None
    assert reading.doubts["active.licensing.change"].candidates == [-12, 12]
    assert reading.doubts["active.punishment.change"].candidates == [-3, 3]
    # the row's other cells keep their columns
    assert (flat["active.licensing.prior"], flat["active.licensing.decisions"]) == (40, 1205)
    assert (flat["active.punishment.prior"], flat["active.punishment.decisions"]) == (20, 88)
    # a printed minus is a minus, a plain number a plain number
    _, flat = read_text(tmp_path, T2_2019.format(a="-", b="-"), title=TITLE_2019)
    assert (flat["active.licensing.change"], flat["active.punishment.change"]) == (-12, -3)


def _rows(bad: dict[int, int]) -> str:
    """表三's rows as a pipe table, the border `bad[row]` of some rows read as the digit 1."""
    out = ""
    for k, (label, nums) in enumerate(T3_ROWS):
        seps = [" | "] * (len(nums) - 1)
        if k in bad:
            seps[bad[k]] = " 1 "
        out += label.replace("\t", "") + " | " + "".join(f"{n}{s}" for n, s in zip(nums, seps + [""])) + " |\n"
    return out


def test_a_border_read_as_the_digit_one_is_the_rule_when_the_rows_total_says_so(tmp_path):
    # `| 9 | 4 | 3 1 2 | 1 |`: a lone 1 where a rule stands, one number too many; the one reading
    # that takes it for the rule keeps the row's total (it was a doubt with no candidate)
    reading, flat = read_text(tmp_path, T2 + T3_HEAD + _rows({0: 2, 4: 5}))
    for label, nums in T3_ROWS:
        row = "new" if label.startswith("一") else "total" if "总计" in label else None
        if row is not None:
            assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums
            assert not any(f"requests.{row}.{k}" in reading.doubts for k in KEYS)
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == [6, 3, 2, 1, 1, 4, 17]
    # a ruled row with glyphs whose borders do not all stand between its numbers is a pipe row too
    assert reading_text("规章 丨 0 1 0 丨 0") == "规章 | 0 1 0 | 0"


#: 表二 (2021) OCR'd from a ruled table, its rules read as `｜` ({n}: the 行政规范性文件 row's cells;
#: {c}, {d}: the label's rule, or a `1`)
T2_RULED = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            "规章 ｜ 0 ｜ 0 ｜ 0\n行政规范性文件 {n}\n"
            "第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 ｜ 1205\n"
            "第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 ｜ 88\n行政强制{c}4\n"
            "第二十条第（八）项\n信息内容 本年收费金额（万元）\n行政事业性收费{d}0\n\n")


def _ruled_t3() -> str:
    return "".join(label.replace("\t", "") + " ｜ " + " ｜ ".join(map(str, nums)) + "\n" for label, nums in T3_ROWS)


def test_the_rule_before_a_rows_only_cell_read_as_one_is_no_value(tmp_path):
    # `行政强制 1 4`, `行政事业性收费 1 0` on a page whose rows print their rules: the 1 is the
    # label's rule (they read 1 and a doubt, or 1 as the fee, before)
    text = T2_RULED.format(n="｜ 3 ｜ 1 ｜ 27", c=" 1 ", d=" 1 ") + T3_HEAD + _ruled_t3()
    reading, flat = read_text(tmp_path, text)
    assert flat["active.coercion.decisions"] == 4 and flat["active.fees.amount"] == 0
    assert flat["active.normative.issued"] == 3 and flat["active.licensing.decisions"] == 1205
    assert [flat[f"requests.new.{k}"] for k in KEYS] == [9, 4, 3, 2, 1, 5, 24]
    # the same lines on a page that prints no rule: two numbers for one cell stay a doubt
    plain = T2_RULED.format(n="3 1 27", c=" 1 ", d=" 1 ").replace(" ｜ ", " ")
    reading, flat = read_text(tmp_path, plain + T3_HEAD + _ruled_t3().replace(" ｜ ", "  "))
    assert flat["active.coercion.decisions"] is None and "active.coercion.decisions" in reading.doubts


def test_a_rule_one_beside_a_one_digit_cell_is_a_doubt_with_both_readings(tmp_path):
    # `行政规范性文件 1 3 1 27` on a ruled page: a 1 the label's rule and 3, 1 the cells, or 1, 3
    # the cells and the inner 1 a rule; 表二 has no identity to choose: each cell the print leaves
    # open holds both values (a rule 1 both a rule and a digit), the one every reading agrees on is read
    text = T2_RULED.format(n="1 3 1 27", c=" ｜ ", d=" ｜ ") + T3_HEAD + _ruled_t3()
    reading, flat = read_text(tmp_path, text)
    assert flat["active.normative.issued"] is None and flat["active.normative.repealed"] is None
    assert sorted(reading.doubts["active.normative.issued"].candidates) == [1, 3]
    assert sorted(reading.doubts["active.normative.repealed"].candidates) == [1, 3]
    assert flat["active.normative.in_force"] == 27  # every reading agrees on it
    # one reading only (`1 3 ｜ 1 ｜ 27`: the second 1 stands between rules, a cell): read
    reading, flat = read_text(tmp_path, T2_RULED.format(n="1 3 ｜ 1 ｜ 27", c=" ｜ ", d=" ｜ ") + T3_HEAD + _ruled_t3())
    assert (flat["active.normative.issued"], flat["active.normative.repealed"]) == (3, 1)


def test_cells_apart_by_chinese_punctuation_without_a_colon(tmp_path):
    for line, read in [("行政处罚 1191、0、305", "行政处罚|1191|0|305"),
                       ("规范性文件 12。12。12", "规范性文件|12|12|12"),
                       (" o、o、o、0", " o|o|o|0")]:
        assert reading_text(line) == read
    for line in ["行政许可 1，191", "他说 5、6 月", "规范性文件：0、0、2", "其中 2019、2020年"]:
        assert reading_text(line) == line  # a thousands separator, prose, a list with its colon
    # a `，` that may be a thousands separator stays, the list's other marks part its cells
    assert reading_text("x 1，191，0") == "x|1，191|0"
    rows = "".join(label.replace("\t", "") + " " + "、".join(map(str, nums)) + "\n" for label, nums in T3_ROWS)
    _, flat = read_text(tmp_path, T2 + T3_HEAD + rows)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == [9, 4, 3, 2, 1, 5, 24]
    assert [flat[f"requests.total.{k}"] for k in KEYS] == [8, 4, 3, 2, 1, 5, 23]


#: 表二 (2019) as OCR prints it with `，` between cells and zeros read as the letter o
T2_2019_LETTERS = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
                   "规章 0，0，o\n规范性文件 o，o，o\n第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n"
                   "行政许可 o，o，0\n其他对外管理服务事项 1，1，o\n第二十条第（六）项\n"
                   "信息内容 上一年项目数量 本年增/减 处理决定数量\n行政处罚 0，0，o\n行政强制 o，o，o\n"
                   "第二十条第（八）项\n信息内容 上一年项目数量 本年增/减\n行政事业性收费 o，o\n"
                   "第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购 16，5\n\n")


def test_zeros_read_as_letters_in_a_ruled_or_punctuated_row_are_doubts_with_the_zero(tmp_path):
    # `规章 0，0，o`, `规范性文件 o，o，o`: each o a cell whose candidate is 0 (it was label text that
    # ended the row: a doubt with no candidate); a row of letters is no header either, whose equal
    # names made `1，1，o` lose its second 1 as a merged cell's copy (read 1, 0, and a doubt)
    reading, flat = read_text(tmp_path, T2_2019_LETTERS, title=TITLE_2019)
    for key in ("active.regulations.total", "active.normative.made", "active.normative.total",
                "active.coercion.prior", "active.coercion.decisions", "active.fees.prior", "active.fees.change"):
        assert flat[key] is None and reading.doubts[key].candidates == [0], key
    assert (flat["active.regulations.made"], flat["active.regulations.published"]) == (0, 0)
    assert (flat["active.other_services.prior"], flat["active.other_services.change"]) == (1, 1)
    assert reading.doubts["active.other_services.decisions"].candidates == [0]
    # the same as spaced columns (`规章  o  o  o`, `行政强制  o`)
    spaced = T2_2019_LETTERS.replace("，", "  ").replace("规章 ", "规章  ").replace("规范性文件 ", "规范性文件  ")
    reading, flat = read_text(tmp_path, spaced, title=TITLE_2019)
    assert flat["active.normative.made"] is None and reading.doubts["active.normative.made"].candidates == [0]
    assert flat["active.regulations.total"] is None and reading.doubts["active.regulations.total"].candidates == [0]


def test_labels_with_ocr_look_alike_characters_name_their_rows(tmp_path):
    # `（一）予以云幵` (公开 read 云幵), `（二）部分云幵`, `重复中清`: two characters of a short label, past a
    # typo's distance, and two neighbouring rows so damaged that their order cannot pin them
    rows = [(label.replace("\t", "").replace("公开", "云幵"), nums) for label, nums in T3_ROWS]
    text = T2 + T3_HEAD + "".join(f"{label}  " + "  ".join(map(str, nums)) + "\n" for label, nums in rows)
    reading, flat = read_text(tmp_path, text)
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == [6, 3, 2, 1, 1, 4, 17]
    assert [flat[f"requests.partial.{k}"] for k in KEYS] == [2, 1, 1, 1, 0, 1, 6]
    assert [flat[f"requests.new.{k}"] for k in KEYS] == [9, 4, 3, 2, 1, 5, 24]
    # prose that the look-alikes do not turn into a label stays no row
    from extractor.engines.layout.labels import table3
    assert table3("2021").match("中清云幵") is None


def test_a_space_inside_a_number_is_joined_where_the_rows_total_or_columns_say_so(tmp_path):
    # OCR's character segmentation: `2 4` for 24 in a row whose cells stand three spaces apart;
    # the row has a cell too many, the one reading that joins a pair keeps its total (it was a
    # doubt with no candidate)
    rows = [(label.replace("\t", ""), [str(n) for n in nums]) for label, nums in T3_ROWS]
    rows[0][1][-1] = "2 4"  # 一、本年新收 … 24
    rows[2][1][-1] = "1 7"  # （一）予以公开 … 17
    text = T2 + T3_HEAD + "".join(f"{label}   " + "   ".join(nums) + "\n" for label, nums in rows)
    reading, flat = read_text(tmp_path, text)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == [9, 4, 3, 2, 1, 5, 24]
    assert [flat[f"requests.granted.{k}"] for k in KEYS] == [6, 3, 2, 1, 1, 4, 17]
    # a one-cell row: two numbers one space apart on a line that parts its cells by two spaces
    # (`行政许可  120 5`): joined; on a line of single spaces no column gap tells: a doubt with the
    # joined number as candidate, never a value
    rest = text[len(T2 + T3_HEAD):]
    reading, flat = read_text(tmp_path, T2.replace("行政许可  1205", "行政许可  120 5") + T3_HEAD + rest)
    assert flat["active.licensing.decisions"] == 1205
    reading, flat = read_text(tmp_path, T2.replace("行政许可  1205", "行政许可 120 5") + T3_HEAD + rest)
    assert flat["active.licensing.decisions"] is None
    assert reading.doubts["active.licensing.decisions"].candidates == [1205]


def test_a_rule_read_as_a_letter_before_a_rows_only_cell_and_brackets_between_cells(tmp_path):
    # `行政许可 I 1205` on a page whose other rows print their rules: the I is the label's rule (a
    # lone letter is no one-cell row's border in `_row`; it was two cells for one column)
    text = T2_RULED.format(n="｜ 3 ｜ 1 ｜ 27", c=" l ", d=" ｜ ").replace("行政许可 ｜ 1205", "行政许可 I 1205")
    reading, flat = read_text(tmp_path, text + T3_HEAD + _ruled_t3())
    assert flat["active.licensing.decisions"] == 1205 and flat["active.coercion.decisions"] == 4
    # `0[0]0`: brackets with digits on both sides are borders, not a note's number after a cell
    assert reading_text("规章 ! 0 ! 0[0]0") == "规章 | 0 | 0|0|0"
    assert reading_text("规章 | 2 | 0 | 2[1]") == "规章 | 2 | 0 | 2[1]"


def test_a_comma_before_three_digits_in_a_list_row_is_both_readings_and_the_total_chooses(tmp_path):
    # `746，12，0，0，10，1，769`: `1，769` a thousands separator or two cells; the row lacks one cell
    # and only the split keeps its total (it was left as printed: no cell read, no candidate)
    big = [746, 12, 0, 0, 10, 1, 769]
    rows = {"一、本年新收政府信息公开申请数量": big, "二、上年结转政府信息公开申请数量": [0] * 7,
            "（一）予以公开": big, "（二）部分公开": [0] * 7, "（七）总计": big, "四、结转下年度继续办理": [0] * 7}
    text = T2 + T3_HEAD + "".join(f"{label} " + "，".join(map(str, nums)) + "\n" for label, nums in rows.items())
    reading, flat = read_text(tmp_path, text)
    for row in ("new", "granted", "total"):
        assert [flat[f"requests.{row}.{k}"] for k in KEYS] == big, row
    # a row with no identity to choose (表二): a doubt with the split reading as candidates
    reading, flat = read_text(tmp_path, T2.replace("行政规范性文件  3  1  27", "行政规范性文件 3，1，270") + T3_HEAD)
    assert flat["active.normative.issued"] is None
    assert [reading.doubts[f"active.normative.{k}"].candidates for k in ("issued", "repealed", "in_force")] \
        == [[3], [1], [270]]


def _t3_with(rows: dict[int, str]) -> str:
    """表三 spaced, the rows `rows` names printed as given."""
    return T3_HEAD + "".join(label.replace("\t", "") + "  " + (rows.get(k) or "  ".join(map(str, nums))) + "\n"
                             for k, (label, nums) in enumerate(T3_ROWS))


def test_letters_read_for_digits_that_only_identities_together_pin_are_settled_as_printed(tmp_path):
    # zeros printed as O at four corners of a rectangle (上年结转 and 结转下年度, 商业企业 and 科研机构):
    # each row and each column holds two of them, so no identity pins one alone; every identity
    # holds with them read as printed, so they are (they stayed doubts with 0 as candidate)
    text = _t3_with({1: "1  O  O  0  0  1  2", 5: "2  O  O  0  0  1  3"})
    reading, flat = read_text(tmp_path, T2 + text)
    for row in ("carried_over", "carried_forward"):
        for k in ("commercial", "research"):
            assert flat[f"requests.{row}.{k}"] == 0 and f"requests.{row}.{k}" not in reading.doubts
    # a letter whose reading breaks an identity stays a doubt: l (1) where the row's total needs 0
    reading, flat = read_text(tmp_path, T2 + _t3_with({1: "1  O  l  0  0  1  2", 5: "2  O  O  0  0  1  3"}))
    assert flat["requests.carried_over.research"] is None
    assert reading.doubts["requests.carried_over.research"].candidates == [1]



def test_rules_read_as_any_border_glyph_are_no_marks_after_a_number(tmp_path):
    # `四、结转下年度继续办理 1 0 丨 0 丨 0 …`: the label's rule read as the digit 1 leaves the
    # row's other glyphs as printed; `0 丨` is a number and a rule, never a number with a mark no
    # reader knows (`27 △`), which left the row's cells doubts without the gold (probe
    # ocr-rule-ones: 314 such cells, the rule readers never saw the row's rules)
    for glyph in ("丨", "!", "｜"):
        line = f"四、结转下年度继续办理 1 0 {glyph} 2 {glyph} 0 {glyph} 0"
        assert [c.text for c in tokenize(line, 0, len(line))][1:] == ["1", "0", "2", "0", "0"]
        rows = [label.replace("\t", "") + (" 1 " if k in (0, 5) else f" {glyph} ")
                + f" {glyph} ".join(map(str, nums)) + "\n" for k, (label, nums) in enumerate(T3_ROWS)]
        reading, flat = read_text(tmp_path, T2 + T3_HEAD + "".join(rows))
        for label, nums in T3_ROWS:
            row = "new" if label.startswith("一") else "total" if "总计" in label else \
                "carried_forward" if label.startswith("四") else None
            if row is not None:
                assert [flat[f"requests.{row}.{k}"] for k in KEYS] == nums, (glyph, label)


def test_ascii_commas_of_a_colon_list_that_make_one_number_are_both_readings(tmp_path):
    # `行政规范性文件：77,132,470；`: a list of three cells, or one number with its thousands
    # separators; 表二 has no identity to choose: each cell a doubt holding the list's reading
    # (before: one number for three cells, doubts with no candidate; probe colon-list)
    text = T2.replace("行政规范性文件  3  1  27", "行政规范性文件：77,132,470；")
    reading, flat = read_text(tmp_path, text + T3_HEAD)
    assert [flat[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [None] * 3
    assert [reading.doubts[f"active.normative.{k}"].candidates for k in ("issued", "repealed", "in_force")] \
        == [[77], [132], [470]]
    # one number with its separators in a row that prints all its cells stays one number
    reading, flat = read_text(tmp_path, T2.replace("行政许可  1205", "行政许可  1,205") + T3_HEAD)
    assert flat["active.licensing.decisions"] == 1205
