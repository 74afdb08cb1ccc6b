"""Text input: the encoding is detected, never assumed; bad files raise InputError naming them."""

from __future__ import annotations

import codecs
import os

import pytest

from conftest import seed_cases
from extractor.errors import InputError, UnsupportedFormatError
from extractor.load import expand, load

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
}


@pytest.fixture(scope="module")
def seed_texts():
    return {p.name: p.read_text(encoding="utf-8") for p, _ in seed_cases()}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_seed_reads_the_same_in_every_encoding(tmp_path, seed_texts, encoding):
    for name, text in seed_texts.items():
        path = tmp_path / name
        path.write_bytes(ENCODINGS[encoding](text))
        doc = load(path)
        assert doc.text == text, f"{name} in {encoding}: read as {doc.encoding}"
        assert doc.format == "txt" and doc.name == name and len(doc.sha256) == 64


def test_gbk_is_not_mistaken_for_something_else(tmp_path, seed_texts):
    text = next(iter(seed_texts.values()))
    path = tmp_path / "r.md"
    path.write_bytes(text.encode("gbk"))
    doc = load(path)
    assert doc.encoding == "gb18030" and doc.format == "md"


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \r\n\t\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("garbage.txt", bytes([0x80, 0x81, 0xFE, 0xFF, 0x90]) * 200, "cannot decode"),
])
def test_bad_text_files_raise_input_error_naming_the_file(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.path == str(path) and problem in info.value.problem
    assert str(path) in str(info.value)


def test_missing_folder_and_unsupported(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        load(tmp_path)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError, match="convert"):
        load(tmp_path / "old.doc")
    (tmp_path / "data.xyz").write_text("x")
    with pytest.raises(UnsupportedFormatError, match=r"\.xyz"):
        load(tmp_path / "data.xyz")


def test_expand_walks_folders_globs_and_keeps_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "SOURCES.md").write_text("x")
    (tmp_path / "c.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("x")
    assert expand([str(tmp_path)]) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]
    assert expand([os.path.join(tmp_path, "*.txt")]) == [str(tmp_path / "a.txt")]
    missing = str(tmp_path / "nope.txt")
    assert expand([missing, str(tmp_path / "a.txt"), str(tmp_path / "a.txt")]) == [missing, str(tmp_path / "a.txt")]


def test_a_broken_byte_order_mark_file_is_an_input_error(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "报告".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError, match="byte-order mark"):
        load(path)


@pytest.mark.parametrize("encoding", ["utf-8-bom", "gb18030", "utf-16-le-bom", "utf-16-le"])
def test_html_is_decoded_the_same_way(tmp_path, encoding):
    pytest.importorskip("extractor.load.html", reason="the HTML loader is not there yet")
    from conftest import EVAL_REAL

    source = EVAL_REAL / "reports" / "01_shanghai_bangongting_2019.html"
    expected = load(source).text
    copy = tmp_path / source.name
    copy.write_bytes(ENCODINGS[encoding](source.read_text(encoding="utf-8")))
    assert load(copy).text == expected
