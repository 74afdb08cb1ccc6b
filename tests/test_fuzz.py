"""Fuzz pass (hypothesis): loaders, the number parser and the layout reader's row/table solver on
arbitrary input must return or raise our typed errors, quickly; never crash or hang.

Bounded for CI: every property runs a fixed, small number of examples with no per-example
deadline (a busy machine must not make it flaky), and each example asserts its own time bound.
To hunt for more, `XXGK_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py` draws that many random
examples per property instead of the same 60 (20 for a whole report) each run.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor.document import Document
from extractor.engines.layout import LayoutEngine, labels
from extractor.engines.layout._cells import parse_number, tokenize
from extractor.engines.layout.cellvalue import cell_read, part_value
from extractor.engines.layout.rowread import inside
from extractor.engines.layout.solve import RowReadings, TooHard, pieces, row_readings, solve
from extractor.errors import InputError, XxgkError
from extractor.identities import identities
from extractor.load import load
from extractor.load._numbers import looks_numeric
from extractor.segment import find_tables

from conftest import seed_cases

#: wall-clock seconds one example may take (a loader on a few KB, one report read)
QUICK = 5.0
_HUNT = int(os.environ.get("XXGK_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_HUNT or 60, deadline=None, derandomize=not _HUNT, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FEW = settings(FUZZ, max_examples=_HUNT // 10 or 20)

_DIR = Path(__file__).parent


def _timed(fn, *args):
    t0 = time.monotonic()
    out = fn(*args)
    took = time.monotonic() - t0
    assert took < QUICK, f"{fn.__name__} took {took:.1f} s"
    return out


# ------------------------------------------------------------------ loaders

_markup = st.lists(st.sampled_from(["<html>", "<body>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>",
                                    "<div>", "</div>", "<p>", "<br>", "<td rowspan=9999 colspan=-3>", "<!--",
                                    "<script>", "&nbsp;", "\x00", "\ufeff", "第二十条", "本年新收", "12", " ",
                                    "<?xml version='1.0' encoding='gbk'?>"]), max_size=60).map("".join)


def _load_written(tmp_path_factory, name: str, data: bytes):
    """Write `data` as a file called `name` and load it; None when the loader refuses it with an
    `InputError`, which must name the file."""
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    try:
        return _timed(load, str(path))
    except InputError as e:
        assert str(path) in str(e)
        return None


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), _markup.map(lambda s: s.encode("utf-8", "surrogatepass"))))
@example(data=b"\xef\xbb\xbf")  # found by this test: a byte-order mark alone loaded as an empty document
@example(data=b"\xff\xfe \x00\n\x00")
def test_fuzz_text_and_html_loaders(tmp_path_factory, suffix, data):
    doc = _load_written(tmp_path_factory, f"input{suffix}", data)
    if doc is None:
        return
    assert doc.text.strip()
    for t in doc.tables:  # every cell points at its text
        for c in t.cells:
            assert doc.text[c.span[0]:c.span[1]] == c.text


def _minimal_docx() -> dict[str, bytes]:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("政府信息公开工作年度报告")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "本年新收"
    d.save(buf)
    z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return {n: z.read(n) for n in z.namelist()}


_DOCX = _minimal_docx()


@st.composite
def docx_ish(draw) -> bytes:
    """A zip shaped like a .docx: its real parts, some cut, mutated or replaced, some dropped."""
    parts = dict(_DOCX)
    for name in draw(st.lists(st.sampled_from(sorted(parts)), max_size=4, unique=True)):
        how = draw(st.sampled_from(["drop", "cut", "flip", "junk", "xml"]))
        data = parts[name]
        if how == "drop":
            del parts[name]
        elif how == "cut":
            parts[name] = data[: draw(st.integers(0, len(data)))]
        elif how == "flip":
            i = draw(st.integers(0, max(0, len(data) - 1)))
            parts[name] = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]
        elif how == "junk":
            parts[name] = draw(st.binary(max_size=200))
        else:  # a hostile attribute where Word writes a number
            text = data.decode("utf-8", "replace")
            value = draw(st.sampled_from(["-1", "0", "x", "99999999999", "1e3", "", "²"]))
            parts[name] = re.sub(r'w:val="\d+"', f'w:val="{value}"', text).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    raw = buf.getvalue()
    if draw(st.booleans()):  # damage the package itself
        i = draw(st.integers(0, len(raw) - 1))
        raw = raw[:i] + draw(st.binary(max_size=8)) + raw[i + 8:]
    return raw


@FUZZ
@given(data=docx_ish())
def test_fuzz_docx_loader(tmp_path_factory, data):
    doc = _load_written(tmp_path_factory, "input.docx", data)
    if doc is None:
        return
    for t in doc.tables:
        assert t.n_rows * t.n_cols <= 100_000 and all(c.colspan >= 1 and c.rowspan >= 1 for c in t.cells)
        t.grid()


# ------------------------------------------------------------------ number parser

_numberish = st.text(alphabet="0123456789０１２３４５６７８９.,，+-—－ 万元%/OoTl\u3000\t", max_size=30)


@FUZZ
@given(text=st.one_of(_numberish, st.text(max_size=30)))
def test_fuzz_number_parser(text):
    num = parse_number(text)
    if num is not None:
        assert num.value == num.value  # a finite Decimal, not NaN
        assert abs(num.value) < 10 ** 31
    looks_numeric(text)
    for key in ("requests.new.natural", "active.fees.amount", "appeals.review.total"):
        read, doubt = cell_read(key, _cell(text))
        assert read.value is None or doubt is None or doubt.reason


def _cell(text: str):
    cells = tokenize(text, 0, len(text))
    from extractor.engines.layout._cells import Cell

    return cells[0] if cells else Cell("blank", "", 0, 0, 0)


@FUZZ
@given(digits=st.text(alphabet="0123456789.", min_size=1, max_size=25), sign=st.sampled_from(["", "-", "+"]))
def test_fuzz_part_value(digits, sign):
    try:
        part_value("requests.new.natural", digits, sign)
    except ArithmeticError:
        pass  # not a number: the solver never asks (its pieces are checked first)


# ------------------------------------------------------------------ the layout reader's solver

_KEYS = labels.table3("2021").columns
_ROW = st.text(alphabet="0123456789 \t", min_size=1, max_size=40)


def _row(keys: tuple[str, ...], text: str) -> RowReadings | None:
    row = pieces(tokenize(text, 0, len(text)))
    if row is None:
        return None
    return row_readings(keys, row, inside(keys, "2021"), value=part_value)


@FUZZ
@given(text=_ROW, which=st.sampled_from(sorted(_KEYS)))
def test_fuzz_row_splitting(text, which):
    keys = tuple(_KEYS[which])
    t0 = time.monotonic()
    try:
        readings = _row(keys, text)
    except TooHard:
        readings = None
    assert time.monotonic() - t0 < QUICK
    if readings is not None:
        for reading in readings.readings:
            assert len(reading) == len(keys)


@FUZZ
@given(texts=st.lists(_ROW, min_size=2, max_size=6))
def test_fuzz_table_solver(texts):
    rows = {}
    for name, text in zip(sorted(_KEYS), texts):
        try:
            got = _row(tuple(_KEYS[name]), text)
        except TooHard:
            continue
        if got is not None:
            rows[name] = got
    t0 = time.monotonic()
    try:
        solution = solve(rows, {}, identities("2021"))
    except TooHard:
        return
    assert time.monotonic() - t0 < QUICK
    for name, rr in rows.items():
        if rr.readings:
            assert all(k in solution.cells for k in rr.keys)


def _report() -> tuple[str, list[tuple[int, int]]]:
    path = next(c for c in seed_cases() if c[0].name.startswith("003_"))[0]
    text = path.read_text(encoding="utf-8")
    return text, sorted(find_tables(text).tables().values())


_TEXT, _SPANS = _report()


@FEW
@given(runs=st.lists(st.text(alphabet="0123456789 ", min_size=1, max_size=24), min_size=1, max_size=40))
def test_fuzz_layout_reader_on_a_report_whose_numbers_are_replaced(runs):
    """A real report with every run of digits inside its tables replaced by arbitrary digits and
    spaces: the reader settles, doubts or gives up on cells, but always returns, quickly."""
    it = iter(runs * 50)
    out, at = [], 0
    for a, b in _SPANS:
        out.append(_TEXT[at:a])
        out.append(re.sub(r"\d[\d ]*", lambda m: next(it, m.group()), _TEXT[a:b]))
        at = b
    out.append(_TEXT[at:])
    doc = Document(path="fuzz.txt", text="".join(out), format="txt", sha256="0" * 64)
    try:
        reading = _timed(LayoutEngine().read, doc)
    except XxgkError:
        return
    assert reading.engine == "layout"
