"""Binary Word 97–2003 files (`.doc`, WPS's `.wps`) read without LibreOffice: the piece table's
8-bit and UTF-16 pieces, paragraphs, table rows from cell and row marks with their edges and
merges, fields' results; broken, encrypted and hostile files refused with a reason naming the
file, the batch going on. The files are made by the evaluation's writer (`_doc_write`)."""

from __future__ import annotations

import random
import shutil
import struct
import time
from pathlib import Path

import olefile
import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.evaluation._doc_write import DocCell, doc_report, word97
from extractor.load import load, sniff
from extractor.load._word97 import Piece, decode_text
from extractor.pipeline import extract_paths

from _doc_files import read_or_refused, write

_REAL = Path(__file__).resolve().parents[1] / "eval" / "real" / "seeds" / "000_b232cca7e491c758.txt"

#: a label cell two rows high (vertMerge), a heading as one wide cell, a total across the row
_TABLE = [
    [DocCell("信息内容", 1500, 0, 3), DocCell("本年制发件数", 2200), DocCell("本年废止件数", 2900)],
    [DocCell("", 1500, 0, 1), DocCell("12", 2200), DocCell("", 2900)],
    [DocCell("规章", 1500), DocCell("3", 2200), DocCell("0", 2900)],
    [DocCell("合计（件）", 2900)],
]
_BLOCKS = ["某局2021年政府信息公开工作年度报告", "Report in English, 2021", "二、主动公开政府信息情况", _TABLE, "三、结束。"]


def _grid(doc, k: int = 0) -> list[list[tuple[str, int, int] | None]]:
    t = doc.tables[k]
    out: list[list[tuple[str, int, int] | None]] = [[None] * t.n_cols for _ in range(t.n_rows)]
    for c in t.cells:
        out[c.row][c.col] = (c.text, c.rowspan, c.colspan)
    return out


_EXPECTED = [
    [("信息内容", 2, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1)],
    [None, ("12", 1, 1), ("", 1, 1)],
    [("规章", 1, 1), ("3", 1, 1), ("0", 1, 1)],
    [("合计（件）", 1, 3), None, None],
]


@pytest.mark.parametrize("pieces", ["mixed", "utf16"])
@pytest.mark.parametrize("stream", ["1Table", "0Table"])
def test_a_word97_file_reads_as_paragraphs_and_cells(tmp_path, pieces, stream):
    data = word97(_BLOCKS, pieces=pieces, table_stream=stream, fields=[(0, 'HYPERLINK "http://www.example.gov.cn/"')])
    path = write(tmp_path, "report.doc", data)
    ole = olefile.OleFileIO(path)  # an independent reader of the container
    assert sorted(n[0] for n in ole.listdir()) == sorted(["WordDocument", stream])
    ole.close()
    assert sniff(path) == "ole"
    doc = load(path)
    assert doc.format == "doc"
    assert doc.text.splitlines()[:3] == ["某局2021年政府信息公开工作年度报告", "Report in English, 2021", "二、主动公开政府信息情况"]
    assert "HYPERLINK" not in doc.text  # a field's code is dropped, its result kept
    assert doc.text.splitlines()[-1] == "三、结束。"
    assert len(doc.tables) == 1
    assert _grid(doc) == _EXPECTED
    for cell in doc.tables[0].cells:
        assert doc.text[cell.span[0]:cell.span[1]] == cell.text


def test_both_kinds_of_piece_are_written_and_read(tmp_path):
    """The mixed file holds 8-bit pieces (ASCII cells) beside UTF-16 pieces (Chinese)."""
    from extractor.load._word97 import read_fib, read_pieces

    ole = olefile.OleFileIO(write(tmp_path, "r.doc", word97(_BLOCKS, pieces="mixed")))
    word, table = ole.openstream("WordDocument").read(), ole.openstream("1Table").read()
    pieces = read_pieces(table, read_fib(word), len(word))
    assert {p.compressed for p in pieces} == {True, False}


def test_horizontal_merge_runs_are_one_cell_with_a_colspan(tmp_path):
    rows = [[DocCell("一、本年新收", 1500, 1), DocCell("", 2200, 2), DocCell("5", 2900)],
            [DocCell("申请人", 1500), DocCell("自然人", 2200), DocCell("1", 2900)]]
    doc = load(write(tmp_path, "m.wps", word97(["标题", rows, "完"], table_stream="0Table")))
    assert _grid(doc) == [[("一、本年新收", 1, 2), None, ("5", 1, 1)],
                          [("申请人", 1, 1), ("自然人", 1, 1), ("1", 1, 1)]]


def test_eight_bit_pieces_use_words_mapping_of_0x80_0x9f():
    word = b"\x93A\x94 \x80 \x81"
    assert decode_text(word, [Piece(0, len(word), 0, True)], len(word)) == "\u201cA\u201d \u20ac \x81"


def test_a_generated_report_reads_through_the_layout_engine(tmp_path):
    from extractor.evaluation.gold import load_set

    case = next(c for c in load_set(Path(__file__).resolve().parents[1] / "eval" / "real") if c.is_report)
    from extractor.evaluation.variants import narrative
    from extractor.printed import tables

    before, after = narrative(case)
    title = f"{case.report_organ}{case.report_year}年政府信息公开工作年度报告"
    for style in ("word", "wps"):
        data, _ = doc_report(title, before, after, tables(case.report_template, dict(case.fields)),
                             lambda c: str(c.value), random.Random(1), style=style)
        write(tmp_path, f"r-{style}.doc", data)
    results = list(extract_paths([str(tmp_path)], LayoutEngine()))
    assert [r.status for r in results] != ["failed", "failed"]
    for r in results:
        assert r.status in ("verified", "review"), r.error


def _fib_at(data: bytes) -> int:
    """Where the WordDocument stream (its FIB: wIdent, nFib 0xC1) starts in the file."""
    return data.index(b"\xec\xa5\xc1\x00")


def _fib_flags(data: bytes, set_bits: int) -> bytes:
    """The file with the FIB's flag word changed."""
    out = bytearray(data)
    flags_at = _fib_at(data) + 0x0A
    struct.pack_into("<H", out, flags_at, struct.unpack_from("<H", out, flags_at)[0] | set_bits)
    return bytes(out)


def test_encrypted_old_and_broken_files_fail_with_a_reason_and_the_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no LibreOffice to fall back on
    good = word97(_BLOCKS)
    write(tmp_path, "locked.doc", _fib_flags(good, 0x0100))
    word95 = bytearray(good)
    struct.pack_into("<H", word95, _fib_at(good) + 2, 0x68)
    write(tmp_path, "word95.doc", bytes(word95))
    write(tmp_path, "cut.doc", good[: len(good) // 2])
    write(tmp_path, "zeros.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    no_word = bytearray(good)
    at = good.index("WordDocument".encode("utf-16-le"))
    no_word[at:at + 24] = "WordDocumenX".encode("utf-16-le")
    write(tmp_path, "notword.doc", bytes(no_word))
    shutil.copy(_REAL, tmp_path / "good.txt")
    results = {r.doc: r for r in extract_paths([str(tmp_path)], LayoutEngine())}
    assert results["good.txt"].status in ("verified", "review")
    reasons = {
        "locked.doc": "password-protected", "word95.doc": "Word 6/95", "cut.doc": "cannot be read",
        "zeros.wps": "not a readable OLE compound file", "notword.doc": "without a WordDocument stream",
    }
    for name, reason in reasons.items():
        r = results[name]
        assert r.status == "failed" and name in r.error and reason in r.error, (name, r.error)
        assert "old Word/WPS format (.doc/.wps)" in r.error


def test_libreoffice_is_tried_only_when_the_reader_refuses(tmp_path, monkeypatch):
    import extractor.load.docx as docx_loader

    calls = []

    def fake_convert(path):
        calls.append(path)
        raise InputError(path, "LibreOffice could not convert it")

    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(docx_loader, "load_doc", fake_convert)
    good = write(tmp_path, "good.doc", word97(_BLOCKS))
    assert load(good).format == "doc" and calls == []
    bad = write(tmp_path, "locked.doc", _fib_flags(word97(_BLOCKS), 0x0100))
    with pytest.raises(InputError, match="password-protected"):  # the reader's reason, not LibreOffice's
        load(bad)
    assert calls == [bad]


def _mutants(data: bytes, n: int, seed: int):
    rng = random.Random(seed)
    for i in range(n):
        b = bytearray(data)
        kind = i % 4
        if kind == 0:  # flip bytes anywhere
            for _ in range(rng.randint(1, 20)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 1:  # flip bytes in the FIB, the text and its properties (the WordDocument stream)
            at = _fib_at(data)
            for _ in range(rng.randint(1, 12)):
                b[at + rng.randrange(min(4096, len(b) - at))] = rng.randrange(256)
        elif kind == 2:  # big numbers where counts and offsets are
            for _ in range(rng.randint(1, 6)):
                at = rng.randrange(0, len(b) - 4)
                struct.pack_into("<I", b, at, rng.choice([0xFFFFFFFF, 0x7FFFFFFF, 0x40000000, 0x10000, 1, 0]))
        else:  # cut short, or padded with junk
            b = b[: rng.randrange(512, len(b))] if rng.random() < 0.6 else b + bytes(rng.randrange(256) for _ in range(700))
        yield bytes(b)


def test_fuzzed_files_read_or_fail_cleanly_and_quickly(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    seeds = [word97(_BLOCKS, pieces="mixed"), word97(_BLOCKS * 3, pieces="utf16", table_stream="0Table")]
    read = failed = 0
    start = time.process_time()
    for k, data in enumerate(seeds):
        for i, mutant in enumerate(_mutants(data, 160, k)):
            path = write(tmp_path, f"m{k}_{i}.doc", mutant)
            if read_or_refused(path):
                read += 1
            else:
                failed += 1
    assert read + failed == 320 and read > 0 and failed > 0
    assert time.process_time() - start < 120


def test_without_paragraph_properties_a_second_cell_mark_ends_the_row():
    from extractor.load._word97 import structure

    text = "标题\r甲\x071\x07\x07乙\x072\x07\x07完\r"
    parsed = structure(text, [Piece(0, len(text), 0, False)], None)
    assert parsed.blocks[0] == "标题" and parsed.blocks[2] == "完"
    assert [row.cells for row in parsed.blocks[1]] == [["甲", "1"], ["乙", "2"]]


def test_piece_and_stream_limits_are_clear_errors(tmp_path, monkeypatch):
    from extractor.load import limits

    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = write(tmp_path, "r.doc", word97(_BLOCKS, pieces="mixed"))
    monkeypatch.setattr(limits, "MAX_DOC_PIECES", 2)
    with pytest.raises(InputError, match="pieces, more than the 2"):
        load(path)
    monkeypatch.setattr(limits, "MAX_DOC_STREAM", 1000)
    with pytest.raises(InputError, match="stream has [0-9,]+ bytes, more than the 1,000 a stream may have"):
        load(path)
