"""Text forms of round 5 of eval/probe_unseen.py (issue 11): a wide 表三 printed in vertical
slices one after the other (PDF printers, Excel's page setup), stitched back into whole rows."""

from __future__ import annotations

from _text_report import KEYS, T2, T3_HEAD, TITLE, read_text

from extractor.engines.layout._cells import tokenize
from extractor.engines.layout.slices import stitch

# every column a different number, so a cell put in another column reads wrongly
T3_ROWS = [("一、本年新收政府信息公开申请数量", [9, 4, 3, 2, 1, 5, 24]),
           ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 1, 2]),
           ("三、本年度办理结果（一）予以公开", [6, 3, 2, 1, 1, 4, 17]),
           ("（二）部分公开", [2, 1, 1, 1, 0, 1, 6]),
           ("（七）总计", [8, 4, 3, 2, 1, 5, 23]),
           ("四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])]
COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _read(tmp_path, text: str):
    return read_text(tmp_path, T2 + text)


def _sliced(cuts, lead: str, sep: str = "  ", caption: str = "", rows=T3_ROWS) -> str:
    out = [T3_HEAD.strip()]
    for k in range(len(cuts) - 1):
        a, b = cuts[k], cuts[k + 1]
        if k and caption:
            out.append(caption)
        serial = lead == "numbers"
        out.append(sep.join((["行次"] if serial else []) + ([""] if k == 0 or lead == "labels" else []) + list(COLS[a:b])))
        for i, (label, nums) in enumerate(rows, 1):
            cells = ([str(i)] if serial else []) + ([label] if k == 0 or lead == "labels" else [])
            out.append(sep.join(cells + [str(n) for n in nums[a:b]]))
    return "\n".join(out) + "\n"


def _requests_doubts(reading) -> list[str]:
    return [k for k, d in reading.doubts.items() if k.startswith("requests.") and d.reason != "missing_row"]


def _check(flat) -> None:
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]
    assert [flat[f"requests.carried_over.{k}"] for k in KEYS] == T3_ROWS[1][1]
    assert [flat[f"requests.total.{k}"] for k in KEYS] == T3_ROWS[4][1]
    assert [flat[f"requests.carried_forward.{k}"] for k in KEYS] == T3_ROWS[5][1]


def test_two_slices_with_the_labels_repeated_are_read_as_whole_rows(tmp_path):
    reading, flat = _read(tmp_path, _sliced([0, 4, 7], "labels"))
    _check(flat)
    assert not _requests_doubts(reading)


def test_slices_led_by_a_row_number_only_never_read_the_number_as_a_cell(tmp_path):
    reading, flat = _read(tmp_path, _sliced([0, 4, 7], "numbers", sep="\t", caption="续表"))
    _check(flat)
    assert not _requests_doubts(reading)


def test_three_slices_of_numbers_alone_after_the_first(tmp_path):
    reading, flat = _read(tmp_path, _sliced([0, 3, 5, 7], "none", sep=" ", caption="表三（续）"))
    _check(flat)
    assert not _requests_doubts(reading)


def _cells(text: str):
    full = TITLE + text
    return tokenize(full, 0, len(full))


def test_slices_that_do_not_agree_are_left_as_printed():
    # a later slice with a row fewer than the first: which row its numbers belong to is not known
    cells = _cells(_sliced([0, 4, 7], "none"))
    assert stitch(cells) is not cells
    short = _sliced([0, 4, 7], "none").rsplit("\n", 2)[0] + "\n"
    cells = _cells(short)
    assert stitch(cells) is cells
    # a repeated label that is not the first slice's row
    text = _sliced([0, 4, 7], "labels")
    head, tail = text.split("法律服务机构", 1)
    cells = _cells(head + "法律服务机构" + tail.replace("二、上年结转", "二、上年度结转", 1))
    assert stitch(cells) is cells
    # headers that name a column twice, or skip one, are no slices of one table
    text = _sliced([0, 4, 7], "none")
    for bad in (text.replace("\n法律服务机构  其他  总计", "\n社会公益组织  法律服务机构  其他  总计"),
                text.replace("  社会公益组织\n", "\n", 1)):
        assert bad != text
        cells = _cells(bad)
        assert stitch(cells) is cells


def _transposed(sep: str, whole: bool = True, order=range(7), lead: str = "项目") -> str:
    labels = [label if whole else label.split("）")[-1] if label.startswith("三、") else label for label, _ in T3_ROWS]
    out = [T3_HEAD.strip(), sep.join([lead] + labels)]
    for k in order:
        out.append(sep.join([COLS[k]] + [str(nums[k]) for _, nums in T3_ROWS]))
    return "\n".join(out) + "\n"


def test_table3_on_its_side_is_read_upright(tmp_path):
    for sep in ("\t", " | ", "  "):
        reading, flat = _read(tmp_path, _transposed(sep))
        _check(flat)
        assert not _requests_doubts(reading), sep
    # 总计 first, the parent left out of a label: the columns are told by the applicants' names
    reading, flat = _read(tmp_path, _transposed("\t", whole=False, order=[6, 0, 1, 2, 3, 4, 5]))
    _check(flat)
    assert not _requests_doubts(reading)


def test_an_applicant_line_that_does_not_fit_the_header_is_not_read_into_other_columns(tmp_path):
    text = _transposed("  ")
    lines = text.split("\n")
    lines[3] = lines[3].rsplit("  ", 1)[0]  # 商业企业's line a cell short: which cell is missing is not known
    reading, flat = _read(tmp_path, "\n".join(lines))
    for k, gold in zip(KEYS, T3_ROWS[0][1]):
        assert flat[f"requests.new.{k}"] in (None, gold)  # never another column's number
    assert flat["requests.new.commercial"] is None and "requests.new.commercial" in reading.doubts


def _viewer(rows=T3_ROWS) -> str:
    """表三 as a browser's PDF viewer copies it: a cell a line, an empty cell (0) no line."""
    out = [T3_HEAD.strip(), "申请人情况", *COLS[:1], "法人或其他组织", *COLS[1:]]
    for label, nums in rows:
        out.append(label)
        out += [str(n) for n in nums if n]
    return "\n".join(out) + "\n"


def test_a_viewer_copy_reads_no_cell_wrongly_and_a_label_alone_is_a_row_of_blanks(tmp_path):
    rows = T3_ROWS[:3] + [("（二）部分公开", [0] * 7)] + T3_ROWS[4:]
    reading, flat = _read(tmp_path, _viewer(rows))
    for label, nums in rows:
        row = {"一": "new", "二": "carried_over", "三": "granted", "（二": "partial", "（七": "total", "四": "carried_forward"}
        key = next(v for k, v in row.items() if label.startswith(k))
        for k, gold in zip(KEYS, nums):
            got = flat[f"requests.{key}.{k}"]
            assert got in (None, gold), (key, k, got, gold)  # never another column's number
            if got is None:
                assert gold in reading.doubts[f"requests.{key}.{k}"].candidates, (key, k)
    # the label printed alone: its row's cells were all empty (before, the row was not found)
    assert [flat[f"requests.partial.{k}"] for k in KEYS] == [0] * 7
    # the row that printed all seven numbers is read as printed
    assert [flat[f"requests.new.{k}"] for k in KEYS] == T3_ROWS[0][1]


def test_a_cell_a_line_is_only_the_viewer_copy_form():
    from extractor.engines.layout.lines import a_cell_a_line
    assert a_cell_a_line(_cells(_viewer()), 7)
    # every label first, then every number (pdfminer's column order): labels and numbers never take turns
    labels = "\n".join(label for label, _ in T3_ROWS)
    numbers = "\n".join(str(n) for _, nums in T3_ROWS for n in nums)
    assert not a_cell_a_line(_cells(T3_HEAD + labels + "\n" + numbers + "\n"), 7)
    # … page by page (labels and numbers take turns, but a run of numbers is longer than a row)
    half = len(T3_ROWS) // 2
    pages = ["\n".join(label for label, _ in part) + "\n" + "\n".join(str(n) for _, nums in part for n in nums)
             for part in (T3_ROWS[:half], T3_ROWS[half:])]
    assert not a_cell_a_line(_cells(T3_HEAD + "\n".join(pages) + "\n"), 7)
    # an empty cell printed as an empty tab cell: empty cells do leave something
    assert not a_cell_a_line(_cells(_viewer().replace("\n9\n", "\n\t\n9\n")), 7)
    # rows on one line each
    assert not a_cell_a_line(_cells(_sliced([0, 7], "labels")), 7)


def test_header_words_a_cell_a_line_over_a_table_of_no_numbers_are_no_slices():
    # the header's words one a line (自然人 / 法人或其他组织 / 总计 / 商业企业 …), every cell empty
    text = T3_HEAD + "\n".join(["自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
                               + [x for label, _ in T3_ROWS for x in (label, "\t", "\t")]) + "\n"
    cells = _cells(text)
    assert stitch(cells) is cells
