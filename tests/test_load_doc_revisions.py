"""Binary Word 97–2003 text Word does not show, and text that is not the main document: tracked
deletions (sprmCFRMarkDel) and hidden text (sprmCFVanish) are not read, tracked insertions are;
field codes are dropped (nested fields too), only their results read; footnotes, headers,
comments and text boxes (the stories after `ccpText`) are not read; a fast-saved file's pieces
are followed in character order. Files from the evaluation's writer (`_doc_write`)."""

from __future__ import annotations

import random
import shutil
import struct
import time
from pathlib import Path

import olefile
import pytest

from extractor.errors import InputError
from extractor.evaluation._doc_write import DocCell, deleted, hidden, inserted, word97
from extractor.load import load
from extractor.load._word97 import _char_flags, _prm, read_fib, read_pieces

from _doc_files import read_or_refused, write


def _grid(doc, k: int = 0) -> list[list[str | None]]:
    t = doc.tables[k]
    out: list[list[str | None]] = [[None] * t.n_cols for _ in range(t.n_rows)]
    for c in t.cells:
        out[c.row][c.col] = c.text
    return out


def _streams(path: str) -> tuple[bytes, bytes]:
    ole = olefile.OleFileIO(path)
    word = ole.openstream("WordDocument").read()
    fib = read_fib(word)
    table = ole.openstream(fib.table_stream).read()
    ole.close()
    return word, table


#: a table whose cells were edited with Track Changes on: the older number deleted beside the new
_TRACKED = [
    [DocCell("项目", 1500), DocCell("本年新收", 2500), DocCell("上年结转", 3500)],
    [DocCell("自然人", 1500), DocCell(deleted("18") + inserted("21"), 2500), DocCell("3" + deleted("0"), 3500)],
    [DocCell("法人", 1500), DocCell(deleted("7") + "9", 2500), DocCell(hidden("55") + "2", 3500)],
    [DocCell("合计", 1500), DocCell("30", 2500), DocCell("5", 3500)],
]
_TRACKED_GRID = [["项目", "本年新收", "上年结转"], ["自然人", "21", "3"], ["法人", "9", "2"], ["合计", "30", "5"]]
_BLOCKS = ["某局2021年政府信息公开工作年度报告",
           "本年共收到申请" + deleted("28") + inserted("30") + "件。",
           deleted("这一段已删除：共公开文件 999 件。"),
           hidden("隐藏的说明：888 件"),
           "三、收到和处理政府信息公开申请情况", _TRACKED, "四、结束。"]


@pytest.mark.parametrize("pieces", ["mixed", "utf16", "fast"])
@pytest.mark.parametrize("revisions", ["chpx", "prm"])
def test_tracked_deletions_and_hidden_text_are_not_read_insertions_are(tmp_path, pieces, revisions):
    path = write(tmp_path, "r.doc", word97(_BLOCKS, pieces=pieces, revisions=revisions))
    doc = load(path)
    lines = doc.text.splitlines()
    assert lines[:3] == ["某局2021年政府信息公开工作年度报告", "本年共收到申请30件。", "三、收到和处理政府信息公开申请情况"]
    for gone in ("28", "999", "已删除", "888", "隐藏", "18", "55"):
        assert gone not in doc.text, gone
    assert lines[-1] == "四、结束。"
    assert _grid(doc) == _TRACKED_GRID
    for cell in doc.tables[0].cells:
        assert doc.text[cell.span[0]:cell.span[1]] == cell.text


def test_the_file_really_marks_the_text_and_a_plain_reading_would_show_it(tmp_path):
    """The deleted and hidden runs are in the text stream: read without character properties,
    the old numbers would be printed beside the new ones."""
    from extractor.load._word97 import ParaIndex, decode_text, structure

    word, table = _streams(write(tmp_path, "r.doc", word97(_BLOCKS)))
    fib = read_fib(word)
    pieces = read_pieces(table, fib, len(word))
    text = decode_text(word, pieces, fib.ccp_text)
    plain = structure(text, pieces, ParaIndex(word, table, fib))
    assert plain.blocks[1] == "本年共收到申请2830件。"
    assert [row.cells for row in plain.blocks[5]][1:3] == [["自然人", "1821", "30"], ["法人", "79", "552"]]


def test_a_row_deleted_with_track_changes_is_not_read(tmp_path):
    rows = [
        [DocCell("项目", 1500), DocCell("件数", 2500)],
        [DocCell("旧的一行", 1500), DocCell("77", 2500)],
        [DocCell("规章", 1500), DocCell("3", 2500)],
    ]
    for pieces in ("mixed", "fast"):
        data = word97(["标题", rows, "完"], pieces=pieces, deleted_rows={(1, 1)})
        doc = load(write(tmp_path, f"rows-{pieces}.doc", data))
        assert _grid(doc) == [["项目", "件数"], ["规章", "3"]]
        assert "77" not in doc.text and "旧的一行" not in doc.text


def test_a_deleted_paragraph_mark_between_two_tables_still_separates_them(tmp_path):
    t1 = [[DocCell("甲", 1500), DocCell("1", 2500)]]
    t2 = [[DocCell("乙", 1500), DocCell("2", 2500), DocCell("3", 3500)]]
    doc = load(write(tmp_path, "two.doc", word97(["标题", t1, deleted("删去的段落 5"), t2, "完"])))
    assert len(doc.tables) == 2
    assert _grid(doc, 0) == [["甲", "1"]] and _grid(doc, 1) == [["乙", "2", "3"]]
    assert "删去" not in doc.text


def test_toggle_operands_of_the_character_sprms():
    def op(sprm: int, v: int) -> bytes:
        return struct.pack("<HB", sprm, v)

    assert _char_flags(op(0x0800, 1)) == (True, None)
    assert _char_flags(op(0x0800, 1) + op(0x0800, 0)) == (False, None)  # the last one wins
    assert _char_flags(op(0x083C, 0x81)) == (None, True)  # the style's opposite (styles are plain)
    assert _char_flags(op(0x083C, 0x80)) == (None, False)
    assert _char_flags(op(0x0801, 1)) == (None, None)  # an insertion is the current text
    assert _char_flags(op(0x0800, 1)[:2]) == (None, None)  # an operand cut short says nothing


def test_a_pieces_prm_marks_its_characters():
    """Prm0: fComplex 0, isprm (the sprm's Word 6 number) in bits 1–7, the operand in the high
    byte; Prm1: fComplex 1, the index of a Prc in the CLX."""
    def prm0(isprm: int, val: int) -> int:
        return (isprm << 1) | (val << 8)

    assert _prm(prm0(0x41, 1), []) == (True, None)  # sprmCFStrikeRM (65): sprmCFRMarkDel
    assert _prm(prm0(0x41, 0), []) == (False, None)
    assert _prm(prm0(0x42, 1), []) == (None, None)  # sprmCFRMark (66): an insertion, read
    assert _prm(prm0(0x5C, 1), []) == (None, True)  # sprmCFVanish (92)
    assert _prm(prm0(0x5A, 1), []) == (None, None)  # sprmCFSmallCaps (90): shown
    assert _prm(prm0(0x18, 1), []) == (None, None)  # sprmPFInTable: not a character's
    hide_del = struct.pack("<HBHB", 0x083C, 1, 0x0800, 1)
    assert _prm((1 << 1) | 1, [b"", hide_del]) == (True, True)
    assert _prm((5 << 1) | 1, [hide_del]) == (None, None)  # a Prc that is not there


# ------------------------------------------------------------------ fields


def test_field_codes_are_dropped_and_nested_fields_keep_their_results(tmp_path):
    blocks = [
        "标题",
        # a field in another's code: IF { PAGE } = 1 … ; its result is the outer one's
        "第\x13 IF \x13 PAGE \x14 7 \x15 = 1 \"一\" \"二\" \x14二\x15页",
        # a field in another's result
        "见\x13 HYPERLINK \"http://www.example.gov.cn/11\" \x14网站第\x13 PAGE \x1412\x15页\x15。",
        # a field with no result (no \x14)
        "共\x13 SEQ 表 \\* ARABIC 13 \x15件",
        # a field deleted whole, marks and all
        "合计" + deleted("\x13 = 40 + 1 \x1441\x15") + "42件",
        [[DocCell("本年新收", 1500), DocCell("\x13 = 2 + 3 \x145\x15", 2500)]],
        "完",
    ]
    doc = load(write(tmp_path, "f.doc", word97(blocks)))
    lines = doc.text.splitlines()
    assert lines[:5] == ["标题", "第二页", "见网站第12页。", "共件", "合计42件"]
    assert _grid(doc) == [["本年新收", "5"]]
    for code in ("IF", "PAGE", "HYPERLINK", "example", "SEQ", "13", "40", "41"):
        assert code not in doc.text, code


def test_fields_nested_past_the_limit_stay_paired(tmp_path, monkeypatch):
    from extractor.load import limits

    monkeypatch.setattr(limits, "MAX_DOC_FIELD_DEPTH", 2)
    deep = "\x13 A \x13 B \x13 C \x14c\x15 \x14b\x15 \x14a\x15"
    doc = load(write(tmp_path, "deep.doc", word97(["标题", "前" + deep + "后 12 件", "完"])))
    assert doc.text.splitlines()[1] == "前a后 12 件"


# ------------------------------------------------------------------ the stories after the main text


def test_footnotes_headers_comments_and_text_boxes_are_not_read(tmp_path):
    rows = [[DocCell("项目", 1500), DocCell("件数", 2500)],
            [DocCell("申请\x02", 1500), DocCell("12", 2500)]]  # a footnote's reference in a cell
    stories = {"footnotes": ["\x02 其中 7 件为补正后受理。"], "headers": ["某局 第 1 页 共 3 页"],
               "comments": ["批注：核对 66"], "endnotes": ["尾注 55"], "textboxes": ["文本框 44"],
               "header_textboxes": ["页眉文本框 33"]}
    path = write(tmp_path, "notes.doc", word97(["标题", rows, "完"], stories=stories))
    word, _ = _streams(path)
    lw = struct.unpack_from("<22I", word, 32 + 2 + 28 + 2)
    assert lw[3] > 0 and all(lw[k] > 0 for k in (4, 5, 7, 8, 9, 10))  # ccpText, then ccpFtn … ccpHdrTxbx
    doc = load(path)
    assert doc.text.splitlines()[0] == "标题" and doc.text.splitlines()[-1] == "完"
    assert _grid(doc) == [["项目", "件数"], ["申请", "12"]]
    for story in ("其中", "7 件", "页眉", "第 1 页", "批注", "66", "尾注", "55", "文本框", "44", "33"):
        assert story not in doc.text, story


# ------------------------------------------------------------------ fast saves


def test_a_fast_saved_file_is_read_in_character_order(tmp_path):
    data = word97(_BLOCKS, pieces="fast")
    path = write(tmp_path, "fast.doc", data)
    word, table = _streams(path)
    fib_flags = struct.unpack_from("<H", word, 0x0A)[0]
    assert fib_flags & 0x0004  # fComplex
    pieces = read_pieces(table, read_fib(word), len(word))
    fcs = [p.fc for p in pieces]
    assert len(pieces) > 10 and fcs == sorted(fcs, reverse=True)  # stored back to front
    fast, plain = load(path), load(write(tmp_path, "plain.doc", word97(_BLOCKS)))
    assert fast.text == plain.text and _grid(fast) == _TRACKED_GRID


def test_a_fast_save_s_table_properties_in_the_pieces_prm_are_read(tmp_path):
    """A fast save that made the table keeps its paragraphs' in-table, row-end and cell-edge
    sprms in the Prm of the piece holding each mark (Prm0 sprmPFInTable, Prm1 a Prc), not in
    the paragraph FKPs, which say nothing."""
    for revisions in ("chpx", "prm"):
        path = write(tmp_path, f"prm-{revisions}.doc", word97(_BLOCKS, pieces="fast", revisions=revisions, para_props="prm"))
        word, table = _streams(path)
        pieces = read_pieces(table, read_fib(word), len(word))
        assert any(p.para == struct.pack("<HB", 0x2416, 1) for p in pieces)  # Prm0
        assert any(b"\x08\xd6" in p.para for p in pieces)  # Prm1 with sprmTDefTable
        doc = load(path)
        assert _grid(doc) == _TRACKED_GRID
        assert doc.text.splitlines()[-1] == "四、结束。"
    with pytest.raises(ValueError):
        word97(_BLOCKS, para_props="prm")


# ------------------------------------------------------------------ broken character properties


def test_random_bytes_in_the_character_pages_read_or_fail_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    rng = random.Random(7)
    seeds = [word97(_BLOCKS, pieces="mixed"), word97(_BLOCKS, pieces="fast", revisions="prm", table_stream="0Table", para_props="prm")]
    read = failed = 0
    start = time.process_time()
    for k, data in enumerate(seeds):
        at = data.index(b"\xec\xa5\xc1\x00")
        word, table = _streams(write(tmp_path, f"seed{k}.doc", data))
        fib = read_fib(word)
        n = (fib.lcb_chpx - 4) // 8
        pns = struct.unpack_from(f"<{n}I", table, fib.fc_chpx + 4 * (n + 1))
        pages = [at + pn * 512 for pn in pns]
        table_at = data.index(table[:64])  # the table stream, stored whole in the file's sectors
        plc = table_at + fib.fc_chpx
        clx = table_at + fib.fc_clx
        for i in range(120):
            b = bytearray(data)
            kind = i % 4
            if kind == 0:  # bytes of a character page
                page = rng.choice(pages)
                for _ in range(rng.randint(1, 30)):
                    b[page + rng.randrange(512)] = rng.randrange(256)
            elif kind == 1:  # a page's run count and size bytes
                page = rng.choice(pages)
                b[page + 511] = rng.randrange(256)
                b[page + rng.randrange(4, 40)] = rng.randrange(256)
            elif kind == 2:  # PlcBteChpx: the pages' fcs and numbers
                for _ in range(rng.randint(1, 4)):
                    struct.pack_into("<I", b, plc + 4 * rng.randrange((fib.lcb_chpx) // 4),
                                     rng.choice([0xFFFFFFFF, 0x3FFFFF, 0x10000, rng.randrange(1 << 32), 0]))
            else:  # the CLX: Prc sizes and the pieces' Prm
                for _ in range(rng.randint(1, 8)):
                    b[clx + rng.randrange(fib.lcb_clx)] = rng.randrange(256)
            path = write(tmp_path, f"c{k}_{i}.doc", bytes(b))
            if read_or_refused(path):
                read += 1
            else:
                failed += 1
    assert read + failed == 240 and read > 0 and failed > 0
    assert time.process_time() - start < 120


def test_character_page_limits_are_clear_errors(tmp_path, monkeypatch):
    from extractor.load import limits

    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = write(tmp_path, "r.doc", word97(_BLOCKS))
    monkeypatch.setattr(limits, "MAX_DOC_FKP_PAGES", 0)
    with pytest.raises(InputError, match="pages of (paragraph|character) properties, more than 0"):
        load(path)


# ------------------------------------------------------------------ a whole report


def test_a_report_edited_with_track_changes_reads_its_current_numbers(tmp_path):
    """The probe's `doc-tracked` report: older numbers deleted beside a third of the value cells,
    deleted rows of older numbers, a hidden note and a footnote; every cell read as printed now."""
    from extractor.engines.layout import LayoutEngine
    from extractor.evaluation._doc_write import doc_report
    from extractor.evaluation.gold import load_set
    from extractor.evaluation.metrics import score
    from extractor.evaluation.variants import narrative
    from extractor.pipeline import extract_paths
    from extractor.printed import tables

    case = next(c for c in load_set(Path(__file__).resolve().parents[1] / "eval" / "real") if c.is_report)
    before, after = narrative(case)
    title = f"{case.report_organ}{case.report_year}年政府信息公开工作年度报告"
    hows = []
    for seed in range(3):
        data, how = doc_report(title, before, after, tables(case.report_template, dict(case.fields)),
                               lambda c: str(c.value), random.Random(seed), edits=True)
        hows.append(how)
        write(tmp_path, f"r{seed}.doc", data)
    assert any(h[-1] != "deleted-rows:0" for h in hows)
    for r in extract_paths([str(tmp_path)], LayoutEngine()):
        s = score(case, r)
        assert s["exact"] and s["wrong_cells"] == 0, (r.doc, s["wrong"][:5])
