"""RTF files (`.rtf`, and `.doc`/`.wps` whose bytes are RTF) read natively: paragraphs, tables on
their `\\cellx` grid with merges as spans, Chinese in `\\uN` and `\\'xx` escapes; hostile files
refused with a reason naming the file while the batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.load import limits, load, sniff, walk
from extractor.pipeline import extract_paths

_REAL = Path(__file__).resolve().parents[1] / "eval" / "real" / "seeds" / "000_b232cca7e491c758.txt"


def _u(s: str) -> str:
    """Non-ASCII as Word writes it: `\\uN?` (negative above 32767)."""
    return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in s)


def _gbk(s: str) -> str:
    return "".join(ch if ord(ch) < 128 else "".join(f"\\'{b:02x}" for b in ch.encode("gbk")) for ch in s)


def _grid(doc, k: int = 0) -> list[list[tuple[str, int, int] | None]]:
    """Table `k` as rows of (text, rowspan, colspan) at each cell's first slot, None where covered or absent."""
    t = doc.tables[k]
    out: list[list[tuple[str, int, int] | None]] = [[None] * t.n_cols for _ in range(t.n_rows)]
    for c in t.cells:
        out[c.row][c.col] = (c.text, c.rowspan, c.colspan)
    return out


#: a Word-style table: a label cell two rows high (\clvmgf/\clvmrg), a heading two columns wide
#: written once as a wide cell, row definitions repeated in a group before \row as Word does
_WORD = (
    "{\\rtf1\\ansi\\ansicpg936\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times;}{\\f13\\fnil\\fcharset134 "
    + _gbk("宋体") + ";}}{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Microsoft Word;}"
    "{\\info{\\title " + _gbk("标题不是正文") + "}}{\\header \\pard " + _u("页眉不是正文") + "\\par}\n"
    "\\pard\\plain " + _u("镕县人民政府2023年政府信息公开工作年度报告") + "\\par\n"
    "\\pard " + _u("三、收到和处理政府信息公开申请情况") + "\\par\n"
    "\\trowd\\trgaph108\\clvmgf\\cellx2000\\cellx4000\\cellx5000\n"
    "\\pard\\intbl " + _u("信息内容") + "\\cell\\pard\\intbl " + _u("申请人") + "\\cell\\pard\\intbl{\\trowd\\trgaph108\\clvmgf\\cellx2000\\cellx4000\\cellx5000\\row}\n"
    "\\trowd\\trgaph108\\clvmrg\\cellx2000\\cellx3000\\cellx4000\\cellx5000\n"
    "\\pard\\intbl\\cell\\pard\\intbl " + _u("自然人") + "\\cell " + _u("法人") + "\\cell " + _u("总计") + "\\cell\\row\n"
    "\\trowd\\cellx2000\\cellx3000\\cellx4000\\cellx5000\n"
    "\\pard\\intbl " + _u("行政许可") + "\\cell 3\\cell 2\\cell 5\\cell\\row\n"
    "\\pard " + _u("四、结束") + "{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt " + _u("链接") + "}}\\par}"
)


def test_word_rtf_table_keeps_merges_as_spans_and_skips_what_is_not_body(tmp_path):
    p = tmp_path / "report.rtf"
    p.write_bytes(_WORD.encode("ascii"))
    doc = load(str(p))
    assert doc.format == "rtf" and len(doc.tables) == 1
    assert _grid(doc) == [
        [("信息内容", 2, 1), ("申请人", 1, 2), None, None],
        [None, ("自然人", 1, 1), ("法人", 1, 1), ("总计", 1, 1)],
        [("行政许可", 1, 1), ("3", 1, 1), ("2", 1, 1), ("5", 1, 1)],
    ]
    lines = doc.text.splitlines()
    assert lines[0] == "镕县人民政府2023年政府信息公开工作年度报告" and "四、结束链接" in lines
    assert "标题不是正文" not in doc.text and "页眉不是正文" not in doc.text and "HYPERLINK" not in doc.text
    for c in doc.tables[0].cells:  # each cell's span points at its text
        assert doc.text[c.span[0]:c.span[1]] == c.text


def test_wps_rtf_named_doc_gbk_bytes_and_horizontal_merge_runs(tmp_path):
    """WPS: GBK `\\'xx` escapes, a heading merged over two columns as \\clmgf + \\clmrg, a \\uc2
    escape whose two-byte fallback is skipped, and an ANSI document whose Chinese font says GBK."""
    body = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset134 SimSun;}}\n"
            "\\pard\\f1 " + _gbk("某局2022年年度报告") + "\\par\n"
            "\\trowd\\clmgf\\cellx1000\\clmrg\\cellx2000\\cellx3000\n"
            "\\pard\\intbl\\f1 " + _gbk("申请人情况") + "\\cell\\cell " + _gbk("总计") + "\\cell\\row\n"
            "\\trowd\\cellx1000\\cellx2000\\cellx3000\n"
            "\\pard\\intbl\\f1 {\\uc2\\u33258\\'d7\\'d4}" + _gbk("然人") + "\\cell 7\\cell 7\\cell\\row\n"
            "\\pard\\par}")
    p = tmp_path / "report.doc"
    p.write_bytes(body.encode("ascii"))
    assert sniff(str(p)) == "rtf"
    doc = load(str(p))
    assert doc.text.splitlines()[0] == "某局2022年年度报告"
    assert _grid(doc) == [[("申请人情况", 1, 2), None, ("总计", 1, 1)],
                          [("自然人", 1, 1), ("7", 1, 1), ("7", 1, 1)]]


def test_rtf_report_is_read_by_the_layout_engine(tmp_path):
    rows = [("信息内容", "本年新收", "本年增/减"), ("行政许可", "5", "1"), ("行政处罚", "12", "-2")]
    parts = ["{\\rtf1\\ansi\\ansicpg936 \\pard " + _u("镕县人民政府2023年政府信息公开工作年度报告") + "\\par",
             "\\pard " + _u("二、主动公开政府信息情况") + "\\par"]
    for row in rows:
        parts.append("\\trowd" + "".join(f"\\cellx{1500 * (k + 1)}" for k in range(3)) + "\\pard\\intbl "
                     + "".join(_u(t) + "\\cell " for t in row) + "\\row")
    parts.append("}")
    p = tmp_path / "r.rtf"
    p.write_bytes("\n".join(parts).encode("ascii"))
    doc = load(str(p))
    assert [[c.text for c in row if c] for row in doc.tables[0].grid()] == [list(r) for r in rows]


@pytest.mark.parametrize("name,data,reason", [
    ("deep.rtf", b"{\\rtf1 " + b"{" * (limits.MAX_RTF_DEPTH + 5) + b"x" + b"}" * (limits.MAX_RTF_DEPTH + 6),
     f"nested more than {limits.MAX_RTF_DEPTH} deep"),
    ("cut.doc", b"{\\rtf1\\ansi \\trowd\\cellx100 {\\pard\\intbl {\\b 12", "truncated"),
    ("bad.rtf", b"{\\rtf1\\ansi\\ansicpg936 \\pard \\'ff\\'fe\\'ff\\par}", "not valid gb18030"),
    ("raw.rtf", b"{\\rtf1\\ansi\\ansicpg936 \\pard abc\xff\xff\\par}", "not valid gb18030"),
    ("empty.wps", b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}}", "has no text"),
    ("fake.rtf", b"PK\x03\x04 not a zip", "not a"),
    ("plain.rtf", "只是文字".encode("utf-8"), "not an RTF document"),
])
def test_hostile_rtf_is_refused_naming_the_file(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        load(str(p))
    assert str(p) in str(e.value) and reason in str(e.value), str(e.value)


def test_oversized_rtf_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RTF_BYTES", 1000)
    p = tmp_path / "big.rtf"
    p.write_bytes(b"{\\rtf1 " + b"x" * 2000 + b"}")
    with pytest.raises(InputError, match="larger than"):
        load(str(p))


def test_binary_data_is_skipped_by_its_length(tmp_path):
    p = tmp_path / "bin.rtf"
    p.write_bytes(b"{\\rtf1 {\\*\\objdata \\bin6 }{\\}\\'} \\pard " + _u("正文").encode() + b"\\par}")
    assert load(str(p)).text == "正文\n"


def test_a_batch_with_hostile_rtf_goes_on(tmp_path):
    (tmp_path / "deep.rtf").write_bytes(b"{\\rtf1 " + b"{" * 10_000)
    (tmp_path / "bad.doc").write_bytes(b"{\\rtf1\\ansi\\ansicpg936 \\'ff\\'ff}")
    shutil.copy(_REAL, tmp_path / "good.txt")
    assert sorted(p.rsplit("/", 1)[1] for p in walk([str(tmp_path)]).paths) == ["bad.doc", "deep.rtf", "good.txt"]
    results = {r.doc: r for r in extract_paths([str(tmp_path)], LayoutEngine())}
    assert results["good.txt"].status in ("verified", "review")
    for name in ("deep.rtf", "bad.doc"):
        assert results[name].status == "failed" and name in (results[name].error or ""), results[name].error


def test_western_word_rtf_reads_chinese_in_the_dbch_font(tmp_path):
    """Word on a Western system: \\ansicpg1252, the run's font \\f0 is Latin, but \\dbch\\af13 names
    the GBK font the double-byte characters are in."""
    body = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times;}{\\f13\\fnil\\fcharset134 SimSun;}}\n"
            "\\pard\\plain {\\rtlch\\af0 \\ltrch\\hich\\af0\\dbch\\af13\\loch\\f0 " + _gbk("本年新收") + " 12}\\par}")
    p = tmp_path / "w.rtf"
    p.write_bytes(body.encode("ascii"))
    assert load(str(p)).text == "本年新收 12\n"


def test_bytes_after_the_document_group_are_not_text(tmp_path):
    p = tmp_path / "pad.rtf"
    p.write_bytes(b"{\\rtf1\\ansi \\pard " + _u("正文").encode() + b"\\par}\r\n\x00\x00junk\xff")
    assert load(str(p)).text == "正文\n"


def test_tracked_deletions_and_hidden_text_are_not_read(tmp_path):
    """Track changes: the number typed over (`\\deleted`) is not read, the new one is; hidden text
    (`\\v`) is not read; `\\plain` and `\\v0` end them."""
    body = ("{\\rtf1\\ansi\\ansicpg936 \\trowd\\cellx1000\\cellx2000 \\pard\\intbl " + _u("行政许可") + "\\cell "
            "{\\deleted\\revauthdel1 12}{\\revised 15}\\cell\\row \\pard {\\v " + _u("隐藏") + "}{\\v\\v0 "
            + _u("显示") + "}{\\deleted \\plain " + _u("正文") + "}\\par}")
    p = tmp_path / "rev.rtf"
    p.write_bytes(body.encode("ascii"))
    doc = load(str(p))
    assert _grid(doc) == [[("行政许可", 1, 1), ("15", 1, 1)]]
    assert doc.text.splitlines()[-1] == "显示正文"
