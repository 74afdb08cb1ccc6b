"""Speed shortcuts give exactly what the plain computation gives."""

from __future__ import annotations

import itertools
import random
import unicodedata
from decimal import Decimal

import pytest

from conftest import gold_cases
from extractor.engines.layout._cells import tokenize
from extractor.engines.layout._cells import Cell
from extractor.engines.layout.solve import TooHard, pieces, row_readings
from extractor.identities import Identity
from extractor.load import load
from rules.narrative import _nfkc


@pytest.mark.parametrize("report", [c[0] for c in gold_cases()], ids=lambda p: p.name)
def test_nfkc_of_report_text_is_unicodedatas(report):
    text = load(str(report)).text
    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_of_awkward_characters_is_unicodedatas():
    # full-width forms, combining marks (half-width voiced mark → combining), Hangul jamo,
    # CJK compatibility ideographs, circled numbers, ideographic space
    pool = [chr(i) for i in [*range(0x2000, 0x2070), *range(0x2460, 0x2500), *range(0x3000, 0x3100),
                             *range(0xFF00, 0xFFF0), *range(0x300, 0x370)]]
    pool += ["\u1100", "\u1161", "\u11a8", "\uac00", "\uf900", "A", "e", "一", "\n"]
    rng = random.Random(7)
    for _ in range(3000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert _nfkc(s) == unicodedata.normalize("NFKC", s), repr(s)


def _all_splits(run: str, n: int) -> list[tuple[str, ...]]:
    """Every cut into n valid integers whose last is the sum of the others, by brute force."""
    out = []
    for cuts in itertools.combinations(range(1, len(run)), n - 1):
        parts = tuple(run[a:b] for a, b in zip((0, *cuts), (*cuts, len(run))))
        if all(p == "0" or p[0] != "0" for p in parts) and sum(map(int, parts[:-1])) == int(parts[-1]):
            out.append(parts)
    return sorted(out)


def splits(run: str, n: int) -> list[tuple[str, ...]]:
    """The solver's readings of one run (no dropped blank) whose last part is the sum of the others."""
    keys = tuple(f"requests.new.c{i}" for i in range(n))
    total = Identity("row_total", "x", keys[:-1], keys[-1:]) if n > 1 else Identity("row_total", "x", (), keys)
    try:
        got = row_readings(keys, pieces([Cell("num", run, 0, len(run))]), [total], value=lambda k, d, s: int(d))
    except TooHard:  # no reading keeps the total: the print's every cut is too many to list
        return []
    if got.dropped or got.broken:
        return []
    return sorted(tuple(run[r.start:r.end] for r in reading) for reading in got.readings)


def test_splits_match_brute_force():
    rng = random.Random(3)
    for _ in range(300):
        n = rng.randint(2, 5)
        values = [rng.choice([0, 0, 1, 7, 10, 23, 105]) for _ in range(n - 1)]
        run = "".join(map(str, values)) + str(sum(values))
        assert splits(run, n) == _all_splits(run, n), run
    for run, n in (("000", 3), ("0012", 3), ("1001", 2), ("123", 3)):
        assert splits(run, n) == _all_splits(run, n), run
    # seven-column rows as 表三 prints them, and runs of random digits (mostly no split at all)
    for _ in range(200):
        values = [rng.choice([0, 0, 0, 1, 2, 9, 12, 30, 108]) for _ in range(6)]
        run = "".join(map(str, values)) + str(sum(values))
        assert splits(run, 7) == _all_splits(run, 7), run
        noise = "".join(rng.choice("0012345689") for _ in range(rng.randint(7, 12)))
        assert splits(noise, 7) == _all_splits(noise, 7), noise


def test_label_line_is_one_text_cell_and_a_mark_a_firm_blank():
    text = "（一）予以公开\n无\n本年新收12件\n"
    cells = tokenize(text, 0, len(text))
    assert [(c.kind, c.text, c.firm) for c in cells] == [
        ("text", "（一）予以公开", False), ("blank", "无", True), ("text", "本年新收", False),
        ("num", "12件", False)]  # a count keeps its measure word (read as 12)
    assert cells[3].glued and Decimal(cells[3].text.rstrip("件")) == 12


def _prose_by_regex(text: str) -> str:
    """`prose` as first written: tables cut out, NFKC, digits apart kept apart, whitespace gone."""
    import re

    from extractor.segment import find_tables

    pieces, pos = [], 0
    for start, end in sorted(find_tables(text).tables().values()):
        pieces += [text[pos:start], "|"]
        pos = max(pos, end)
    flat = unicodedata.normalize("NFKC", "".join(pieces) + text[pos:])
    return re.sub(r"\s+", "", re.sub(r"(?<=\d)\s+(?=\d)", "|", flat))


@pytest.mark.parametrize("report", [c[0] for c in gold_cases()], ids=lambda p: p.name)
def test_prose_of_report_text_is_the_regex_formulation(report):
    from rules.narrative import prose

    text = load(str(report)).text
    assert prose(text) == _prose_by_regex(text)


def test_prose_of_awkward_spacing_is_the_regex_formulation():
    from rules.narrative import prose

    rng = random.Random(11)
    pool = ["1", "2", "٣", "０", "件", "申请", " ", "  ", "\n", "\t", "\u3000", "\xa0", ",", "|", "a"]
    for _ in range(3000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        assert prose(s) == _prose_by_regex(s), repr(s)


#: the tokenizer's pattern as first written: one alternative a token, the whitespace a token too
_TOKEN_PLAIN = (
    r"(?P<num>[+\-＋－]?[0-9０-９](?:[0-9０-９]|[,，](?=[0-9０-９]{3}(?![0-9０-９]))|[.．](?=[0-9０-９]))*"
    r"(?:\s*(?:万元|元)|(?:件|个|项|次|起|宗|家|份|例|人次)(?![\u4e00-\u9fff]))?)"
    r"|(?P<text>(?:[^\s0-9０-９+\-＋－]|[+\-＋－](?![0-9０-９]))+)"
    r"|(?P<space>\s+)"
)
_AWKWARD = ["1", "0", "23", "０", "９", ",", "，", ".", "．", "+", "-", "＋", "－", " ", "  ", "\t", "\u3000",
            "\xa0", "\n", "件", "人次", "项", "万元", "元", "申请", "一", "（", "）", "O", "l", "、", "٣", "a"]


def _token_spans_plain(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    import re

    return [(m.lastgroup, m.start(), m.end()) for m in re.compile(_TOKEN_PLAIN).finditer(text, a, b)
            if m.lastgroup != "space"]


def _token_spans(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    from extractor.engines.layout._cells import _TOKEN

    out, e = [], a
    for space, num, tok in _TOKEN.findall(text, a, b):
        s = e + len(space)
        e = s + len(num or tok)
        out.append(("num" if num else "text", s, e))
    assert not text[e:b].strip()  # only a text's closing whitespace is in no token
    return out


def test_token_pattern_is_the_plain_formulation():
    # (runs of plain characters and possessive repeats are the speed; the tokens must not move)
    rng = random.Random(5)
    for _ in range(4000):
        s = "".join(rng.choice(_AWKWARD) for _ in range(rng.randint(0, 16)))
        a, b = sorted((rng.randint(0, len(s)), rng.randint(0, len(s))))
        assert _token_spans(s, a, b) == _token_spans_plain(s, a, b), repr(s[a:b])


def test_ocr_letter_scan_before_the_near_digit_pattern():
    from extractor.engines.layout._cells import _OCR_LETTER, _OCR_NEAR_DIGIT

    rng = random.Random(6)
    for _ in range(4000):
        s = "".join(rng.choice(_AWKWARD + ["o", "I", "  O "]) for _ in range(rng.randint(0, 12)))
        a = rng.randint(0, len(s))
        assert bool(_OCR_LETTER.search(s, a) and _OCR_NEAR_DIGIT.search(s, a)) == bool(_OCR_NEAR_DIGIT.search(s, a))


def test_lines_in_order_is_the_plain_loop():
    from extractor.engines.layout._cells import lines_in_order

    def plain(cells):
        out = []
        for c in cells:
            if c.line < 0:
                continue
            if out and out[-1][0].line == c.line:
                out[-1].append(c)
            else:
                out.append([c])
        return out

    rng = random.Random(8)
    for _ in range(2000):
        cells = [Cell("num", "1", i, i + 1, rng.choice([-1, 0, 0, 5, 9])) for i in range(rng.randint(0, 12))]
        assert lines_in_order(cells) == plain(cells)


_STATEMENTS = (
    "本年新制发规范性文件12件，新新制定的行政规范性文件 4 件，印发了的政府规章共5件，制作规章为3件。"
    "废止规章1件，废止了的行政规范性文件2件；现行有效规范性文件30件，现行有效的政府规章 7件。"
    "全年作出行政许可决定1,234件，做出了行政许可事项56起，办结行政处罚决定 7 宗，办理的行政强制措施决定8个。"
    "政府集中采购项目共9项，办理行政强制决定合计10次，制发制发规章11件，新制作规范性文件012件。"
)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_prose_statements_are_the_patterns_matches(template):
    # `_statements` tries each claim pattern only where one of its opening words stands: the
    # matches `finditer` gives, over report text and over prose with every kind of statement
    from extractor.engines.layout.evidence import _patterns, _statements
    texts = [load(str(c[0])).text for c in gold_cases()] + [_STATEMENTS, _STATEMENTS * 2, ""]
    found = 0
    places: list[dict] = [{} for _ in texts]  # a text's word places, shared by its patterns (as `claims` does)
    for _, pattern, opens in _patterns(template):
        for text, seen in zip(texts, places):
            plain = [(m.span(), m.group()) for m in pattern.finditer(text)]
            assert [(m.span(), m.group()) for m in _statements(pattern, opens, text)] == plain
            assert [(m.span(), m.group()) for m in _statements(pattern, opens, text, seen)] == plain
            found += len(plain)
    assert found > 20  # (the texts state each kind of cell)


def test_detect_template_stopping_early_is_the_full_count():
    """The 2019 labels counted until they cannot tie: the same answer as counting every label,
    over every mix of labels (ties go to the year, then to None)."""
    from extractor import segment

    rng = random.Random(11)
    m21, m19 = segment._MARKERS_2021, segment._MARKERS_2019
    for _ in range(400):
        a, b = rng.sample(m21, rng.randint(0, len(m21))), rng.sample(m19, rng.randint(0, len(m19)))
        text = "，".join(rng.sample(a + b, len(a) + len(b))) + "。"
        for year in (None, 2020, 2022):
            expected = "2021" if len(a) > len(b) else "2019" if len(b) > len(a) else \
                None if year is None else "2021" if year >= 2021 else "2019"
            assert segment.detect_template(text, year) == expected, (a, b, year)


def test_find_tables_end_is_the_first_of_its_patterns():
    """The end of the tables is the first 五、…存在的主要问题 / 5.… / 存在的主要问题 after them,
    whichever pattern matches first."""
    from extractor.segment import find_tables

    body = "二、主动公开政府信息情况\n第二十条第（一）项\n三、收到和处理政府信息公开申请情况\n本年新收 3\n四、行政复议\n结果维持 0\n"
    for tail, at in (("说明。五、存在的主要问题及改进情况\n存在的主要问题", "五"), ("5 存在主要问题（无顿号）\n存 在 的 主 要 问 题", "存"),
                     ("5、政府信息公开工作存在的主要问题\n五、存在的主要问题", "5")):
        text = body + tail
        seg = find_tables(text)
        assert seg.table4 is not None and text[seg.table4[1]] == at, tail


def test_is_traditional_counts_the_marker_characters():
    from extractor.traditional import is_traditional

    assert not is_traditional("本年新收政府信息公开申请数量" * 50)
    assert not is_traditional("公開申請數結")  # four marker characters
    assert is_traditional("公開申請數結轉")  # five
    assert not is_traditional("x" * 20000 + "開請數結轉辦總處況")  # only the first 20,000 characters


def _every_field(obj) -> tuple:
    """Each dataclass field's value (an unset slot raises AttributeError)."""
    import dataclasses

    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


def test_reads_set_field_by_field_are_the_constructors():
    # TableRead.take sets a Read's slots one by one (no __init__ call): every field is set, and
    # the read is the one the constructor gives
    from extractor.engines.layout.rowread import TableRead
    from extractor.engines.layout.solve import Read

    cells = [Cell("num", "12", 3, 5, 0), Cell("blank", "—", 6, 7, 0), Cell("num", "+5", 8, 10, 0),
             Cell("num", "21.5万元", 11, 17, 0), Cell("text", "x", 18, 19, 0)]
    keys = ["requests.new.natural", "requests.new.total", "active.regulations.made",
            "requests.carried.natural", "requests.carried.total"]
    t = TableRead()
    t.take(keys, cells)
    for key, cell in zip(keys, cells):
        read = t.reads[key]
        assert len(_every_field(read)) == 7
        assert read == Read(read.value, read.printed, cell.start, cell.end, cell.locator)
    assert t.reads["requests.new.total"].printed == "—" and t.reads["requests.new.total"].value == 0
    assert t.reads["requests.carried.total"].value is None and "requests.carried.total" in t.doubts


@pytest.mark.parametrize("report", [c[0] for c in gold_cases()][:6], ids=lambda p: p.name)
def test_provenance_set_field_by_field_is_the_constructors(report):
    # the layout engine sets each Provenance's slots one by one (no __init__ call)
    from extractor.engines.base import Provenance
    from extractor.engines.layout import LayoutEngine

    reading = LayoutEngine().read(load(str(report)))
    assert reading.provenance
    for p in reading.provenance.values():
        assert p == Provenance(*_every_field(p))
        assert p.start is not None or p.locator or p.evidence


def test_tab_and_pipe_cells_set_slot_by_slot_are_the_constructors():
    # `_split` makes an empty cell and a plain number by setting their slots (no __init__ call)
    text = "（一）予以公开\t12\t\t 0 \t—\n| 本年新收 | 3 |  | 7 |\n"
    cells = tokenize(text, 0, len(text))
    assert [(c.kind, c.text, c.slot) for c in cells] == [
        ("text", "（一）予以公开", 0), ("num", "12", 1), ("blank", "", 2), ("num", "0", 3), ("blank", "—", 4),
        ("blank", "", 0), ("text", "本年新收", 1), ("num", "3", 2), ("blank", "", 3), ("num", "7", 4), ("blank", "", 5)]
    for c in cells:
        assert c == Cell(*_every_field(c))
        assert text[c.start:c.end] == c.text and c.bordered and c.line in (0, text.index("|"))


def test_grid_cell_set_slot_by_slot_is_the_constructors():
    # `grid._source_cell` sets a cell's slots one by one (no __init__ call)
    from extractor.document import SourceCell
    from extractor.engines.layout.grid import _source_cell

    sc = SourceCell(row=1, col=2, text=" 1O ", locator={"page": 1}, confidence=0.7, agreed=True, sign="-",
                    alternatives=("10",))
    for agreed in ("source", False, None):
        c = _source_cell("num", "1O", 5, 7, sc, agreed=agreed)  # type: ignore[arg-type]
        assert c == Cell(*_every_field(c))
        assert c == Cell("num", "1O", 5, 7, -1, False, True, {"page": 1}, None, None, False, 0.7, True,
                         True if agreed == "source" else agreed, "-", ("10",))


def test_ocr_glyph_check_is_the_pattern_it_replaces():
    """`ocrtext._any` (two plain scans) answers as `_ANY` (alternation with a lookbehind) does."""
    import random

    from extractor.engines.layout import ocrtext

    rng = random.Random(7)
    alphabet = list(" \n\t|｜丨[]!Il1a数量")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    texts += ["本年 I 5 I 0", "html", "| 5 |", "数量 l\n3", "I 1", " l"]
    assert [ocrtext._any(t) for t in texts] == [ocrtext._ANY.search(t) is not None for t in texts]


def test_listed_titles_search_is_the_whole_head_scan():
    """`segment._listed_matches` (searched just before each title's end) finds what
    `_LISTED.finditer` over the whole head finds."""
    import random

    from extractor import segment

    rng = random.Random(11)
    alphabet = list("某市区县局人民政府办公室 \n\t年度2023信息公开工作报告年报政府（）()·abc关于《")
    tails = ["2023年信息公开工作年度报告", "2023 年度政府信息公开报告", "2024年政府信息公开年报", "20231年信息公开报告"]
    heads = []
    for _ in range(4000):
        h = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) + rng.choice(tails)
        heads.append((h + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))) * rng.randint(1, 3))
    heads.append("某" * 50 + "局 2023年信息公开工作年度报告")  # an organ longer than the pattern allows
    spans = lambda ms: [(m.start(), m.end(), m.group("organ")) for m in ms]  # noqa: E731
    assert [spans(segment._listed_matches(h)) for h in heads] == [spans(segment._LISTED.finditer(h)) for h in heads]
    assert any(spans(segment._LISTED.finditer(h)) for h in heads)


def test_plain_pipe_rows_are_what_the_row_reader_gives_back():
    """`ocrtext._plain_pipes` (a line whose only glyph is `|`, no `I` or `l`) skips only lines
    `_row` gives back unchanged, and `rule_glyphs` with the skips is the line-by-line rewrite."""
    import random

    from extractor.engines.layout import ocrtext

    rng = random.Random(5)
    alphabet = list("  ||||\t|｜丨[]!Il10 5 23数量予以公开—/无Oo，、。一-")
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(30000)]
    lines += ["| 规章 | 5 |", "规章 ] 5 |", "| 2 | 0 | 2[1] |", "| 行政许可 | 0 | 1 | 0 |", "|I| 5 |", "| 5 1 0 |"]
    for line in lines:
        if ocrtext._plain_pipes(line):
            assert ocrtext._row(line) == line, repr(line)
    assert sum(map(ocrtext._plain_pipes, lines)) > 3000

    def plain(text: str) -> str:  # rule_glyphs as it was: every line with a glyph through `_row`
        glyphs, punct = ocrtext._any(text), ocrtext._PUNCT_ANY.search(text) is not None
        out = []
        for line in text.splitlines(keepends=True):
            if glyphs and ocrtext._any(line):
                line = ocrtext._row(line)
            if punct and ocrtext._PUNCT_ANY.search(line):
                line = ocrtext._punct_row(line)
            out.append(line)
        return "".join(out) if glyphs or punct else text

    texts = ["\n".join(rng.sample(lines, rng.randint(1, 8))) for _ in range(3000)]
    texts += [load(str(c[0])).text for c in gold_cases()]
    assert [ocrtext.rule_glyphs(t) for t in texts] == [plain(t) for t in texts]


def test_dash_and_crowded_fast_exits_are_the_loops():
    """`dash_minus` and `crowded_slots` return early only where their loops change nothing: the
    same cells with one more at the end that defeats the early exit (a bordered `—` label, which
    no pair and no count takes) come out the same."""
    import copy

    from extractor.engines.layout import ocrtext

    texts = ["行政许可  0  —12  0\n规章 | 5 | 1 2 | 0 |\n", "| 1 | 2 |\n数量 一3 4\n", "本年新收 5 0 3\n"]
    texts += [load(str(c[0])).text for c in gold_cases()]
    exits = 0
    for text in texts:
        cells = tokenize(text, 0, len(text))
        for run in (lambda cs: ocrtext.dash_minus(text, cs), ocrtext.crowded_slots):
            fast, slow = copy.deepcopy(cells), copy.deepcopy(cells)
            run(fast)
            marker = Cell("text", "—", len(text), len(text))
            marker.bordered = True
            slow.append(marker)
            run(slow)
            assert slow[-1] is marker
            assert [_every_field(c) for c in fast] == [_every_field(c) for c in slow[:-1]]
            exits += [_every_field(c) for c in fast] == [_every_field(c) for c in cells]
    assert exits > len(texts)


def test_plain_digit_cells_taken_without_interpret_are_its_reading():
    """`TableRead.take` reads a cell of plain ASCII digits itself: the value (its type too) and
    printed text `cellvalue._interpret` gives, no doubt, for every key of both formats."""
    from extractor import catalogue
    from extractor.engines.layout.cellvalue import _interpret
    from extractor.engines.layout.rowread import TableRead

    keys = sorted({f.key for f in catalogue.fields()})
    texts = ["0", "7", "00", "0123", "18390", "999999999999", "1" * 30, "٣", "²", "１２", "1,191", "-3", "3件", "1.5"]
    for key in keys:
        t = TableRead()
        for text in texts:
            t.take([key], [Cell("num", text, 0, len(text))])
            value, printed, doubt = _interpret(key, text)
            got = t.reads[key]
            assert (type(got.value), got.value, got.printed) == (type(value), value, printed), (key, text)
            assert t.doubts.get(key) == doubt


def test_title_match_skipping_windows_without_year_or_words_is_the_three_searches():
    """`segment._title_match` searches a window only when it holds `20` and 信息公开: what the
    three patterns find searching every window."""
    import random

    from extractor import segment

    def plain(head: str, start: int, end: int):
        line_start = head.rfind("\n", 0, start) + 1
        for _ in range(3):
            if start - line_start > 160:
                return None
            window = segment._squash(head[line_start:end])
            m = segment._TITLE.search(window) or segment._TITLE_YEAR_FIRST.search(window) \
                or segment._TITLE_YEAR_AFTER.search(window)
            if m is not None:
                return (m.span(), m.re, line_start, window) if segment._TITLE_LEAD.fullmatch(window[:m.start()]) else None
            line_start = segment._line_above(head, line_start)
            if line_start < 0:
                return None
        return None

    rng = random.Random(3)
    parts = ["某市", "人民政府", "局", "2023", "年", "度", "政府", "信息", "公开", "工作", "报告", "年报", "（2022年度）",
             "\n", "\n", " ", "首页>", "现将", "如下", "2", "0"]
    heads = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 30))) for _ in range(6000)]
    heads += [load(str(c[0])).text[:3000] for c in gold_cases()]
    found = 0
    for head in heads:
        for r in segment._REPORT_WORD.finditer(head):
            got = segment._title_match(head, r.start(), r.end() + 10)
            want = plain(head, r.start(), r.end() + 10)
            assert (None if got is None else (got[0].span(), got[0].re, got[1], got[2])) == want, repr(head)
            found += want is not None
    assert found > 50


def test_full_names_found_by_occurrence_are_the_patterns():
    """`segment._full_names` (the organ's occurrences, no pattern per report) finds the names the
    pattern it replaces finds, on random heads and every gold report's head."""
    import random
    import re

    from extractor import segment

    def pattern(organ: str, head: str) -> set[str]:
        return {m.group(1) for m in re.finditer(
            rf"(?m)^[ \t　]*([\u4e00-\u9fff]{{2,30}}?{re.escape(organ)})(?=[ \t　]|$)", head)}

    rng = random.Random(13)
    organs = ["公安局", "区公安局", "局", "人民政府", "办公室(a)", "X局"]
    alphabet = ["平潭", "区", "公安局", "人民政府", "综合实验", " ", "\t", "　", "\n", "，", "a", "2023", "局", "X",
                "办公室(a)", "本年度"]
    cases = [(rng.choice(organs), "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25))))
             for _ in range(20000)]
    cases += [(segment.read_title(t)[0] or "公安局", t[:1000]) for t in (load(str(c[0])).text for c in gold_cases())]
    cases += [("公安局", "区公安局区公安局"), ("公安局", "XX区公安局XX区公安局"), ("公安局", "一二" * 20 + "公安局")]
    found = 0
    for organ, head in cases:
        assert segment._full_names(organ, head) == pattern(organ, head), (organ, head)
        found += bool(pattern(organ, head))
    assert found > 300


def test_pipe_lines_skip_the_page_and_rule_patterns_only_where_neither_matches():
    """`_cells_of_line` asks a line opening with `|` the page-number and Markdown-rule patterns
    only when it holds `---`: without it, neither matches such a line."""
    import random

    from extractor.engines.layout import _cells

    rng = random.Random(17)
    alphabet = list(" |||-—:第页/12 3\t数量") + ["---", " - ", "共"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(40000)]
    lines += ["|---|---|", "| :--- | ---: |", "| 1 |", "|-3-|", "| - 3 - |", " |---"]
    asked = 0
    for line in lines:
        stripped = line.strip()
        if stripped[:1] == "|" and "---" not in line:
            asked += 1
            assert not _cells._PAGE_LINE.match(line) and not _cells._MD_RULE.match(line), repr(line)
    assert asked > 5000 and any(_cells._MD_RULE.match(line) for line in lines)


def test_head_titles_kept_are_the_placed_titles():
    """A head's first eight title lines are found once and kept (`segment._head_titles`): the same
    as `_placed_titles` gives, for every gold report's head and for heads that print several
    titles (a list of a body's years, a wrapped title, prose naming a report); `_title` is the
    first of them, or (None, None) for a head with none."""
    from itertools import islice

    from extractor import segment

    heads = [load(str(p)).text[:3000] for p, _ in gold_cases()]
    titles = [f"某区人民政府{y}年政府信息公开工作年度报告" for y in range(2012, 2024)]
    heads += ["\n".join(titles), "\n".join(titles[:3]) + "\n现将我局2023年度政府信息公开工作年度报告如下",
              "洪泽区人民\n政府\n2023年政府信息公开工作年度报告\n一、总体情况", "没有标题的一页"]
    assert any(len(list(islice(segment._placed_titles(h), 9))) > 8 for h in heads)  # (more than kept)
    for head in heads:
        placed = tuple(islice(segment._placed_titles(head), 8))
        assert segment._head_titles(head) == placed
        assert segment._title(head) == ((placed[0][1], placed[0][2]) if placed else (None, None))


def _parent_pieces_plain(cells):
    """`lines.without_parent_pieces` as first written: every line a start, every lead cell tried."""
    from extractor.engines.layout._cells import lines_in_order
    from extractor.engines.layout.lines import PARENT_LABELS

    lines = [ln for ln in lines_in_order([c for c in cells if c.line >= 0 and not c.bordered]) if ln]
    if len(lines) < 2:
        return cells
    room = []
    for ln in lines:
        lead = []
        for c in ln:
            if c.kind != "text":
                break
            lead.append(c)
        room.append(lead if len(ln) == 1 else lead[:-1])
    taken: set[int] = set()
    for parent in PARENT_LABELS:
        for i in range(len(lines) - 1):
            got, left, k = [], parent, i
            while left and k < len(lines):
                piece = next((c for c in room[k] if id(c) not in taken and c.text and left.startswith(c.text)
                              and (got or len(c.text) < len(parent))), None)
                if piece is None:
                    break
                got.append(piece)
                left = left[len(piece.text):]
                k += 1
            if not left and len(got) >= 2:
                taken.update(id(c) for c in got)
    return cells if not taken else [c for c in cells if id(c) not in taken]


def test_parent_pieces_from_their_start_lines_are_the_plain_search():
    """`without_parent_pieces` tries only lead cells that are part of a parent label, from the
    lines holding one: the same cells dropped as trying every lead cell from every line, over
    random lines of parents' pieces, whole labels, other labels, numbers and blank marks."""
    from extractor.engines.layout.lines import PARENT_LABELS, without_parent_pieces

    rng = random.Random(5)
    words = [p[:k] for p in PARENT_LABELS for k in range(1, len(p))] + [p[k:] for p in PARENT_LABELS
                                                                          for k in range(1, len(p))]
    words += list(PARENT_LABELS) + ["（一）予以公开", "1.属于国家秘密", "息", "开", "理结果", "—", "其他\n处理"]
    dropped = 0
    for _ in range(1500):
        cells, pos = [], 0
        for _ in range(rng.randint(1, 9)):
            line = pos
            for _ in range(rng.randint(1, 4)):
                kind = rng.choice(["text", "text", "text", "num", "blank"])
                text = rng.choice(words) if kind == "text" else "3" if kind == "num" else "—"
                cells.append(Cell(kind, text, pos, pos + len(text), line, bordered=rng.random() < 0.05))
                pos += len(text) + 1
        out = without_parent_pieces(cells)
        assert [id(c) for c in out] == [id(c) for c in _parent_pieces_plain(cells)]
        dropped += out is not cells
    assert dropped > 10  # (the search did drop pieces)
