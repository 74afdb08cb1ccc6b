"""Last year's report of the same body as evidence (extractor/priors.py, layout/evidence.py)."""

from __future__ import annotations

import io
import json

from extractor.batch import JsonlSink, run_batch
from extractor.document import Document
from extractor.engines.auto import AutoEngine
from extractor.engines.layout import LayoutEngine
from extractor.engines.layout.evidence import prior_claims
from extractor.flat import to_flat
from extractor.priors import Prior, Priors

ORGAN = "平潭综合实验区某局"
#: 2021 format, 表二 only; the 规范性文件 row prints "3024": 3/0/24 or 30/2/4, and the prose is silent
PAGE = (ORGAN + "{year}年政府信息公开工作年度报告 一、总体情况 本年度依法公开。"
        "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "行政规范性文件{row}第二十条第（五）项信息内容本年处理决定数量行政许可5"
        "三、收到和处理政府信息公开申请情况")
ROW = ("active.normative.issued", "active.normative.repealed", "active.normative.in_force")


def _read(engine, year: int, row: str):
    text = PAGE.format(year=year, row=row)
    doc = Document(path=f"{year}.txt", text=text, format="text", sha256=str(year))
    r = engine.read(doc)
    return r, to_flat(r.record)


def _book(**entries) -> Priors:
    book = Priors()
    for year, (organ, values) in entries.items():
        book.add(f"{year[1:]}.txt", organ, int(year[1:]), "2021", values)
    return book


def test_without_last_year_the_run_stays_undecided():
    r, f = _read(LayoutEngine(), 2025, "3024")
    assert tuple(f[k] for k in ROW) == (None, None, None)
    assert sorted(r.doubts["active.normative.in_force"].candidates) == [4, 24]


def test_last_years_in_force_puts_the_reading_it_agrees_with_first_but_settles_nothing():
    # 24 = 21 + 3 − 0 holds; 4 = 21 + 30 − 2 does not. Bodies restate last year's figures, so
    # the agreement orders the candidates for the reviewer and the cells stay None.
    engine = LayoutEngine(priors=_book(y2024=(ORGAN, {"active.normative.in_force": 21})))
    r, f = _read(engine, 2025, "3024")
    assert tuple(f[k] for k in ROW) == (None, None, None)
    assert [r.doubts[k].candidates[0] for k in ROW] == [3, 0, 24]
    assert "of 2024 (21, 2024.txt)" in r.doubts["active.normative.in_force"].detail
    # last year's figures that agree with the other reading put it first: 4 = −24 + 30 − 2
    engine = LayoutEngine(priors=_book(y2024=(ORGAN, {"active.normative.in_force": -24})))
    r, f = _read(engine, 2025, "3024")
    assert [r.doubts[k].candidates[0] for k in ROW] == [30, 2, 4]


def test_a_last_year_no_reading_agrees_with_is_passed_over():
    engine = LayoutEngine(priors=_book(y2024=(ORGAN, {"active.normative.in_force": 5})))
    r, f = _read(engine, 2025, "3024")
    alone, _ = _read(LayoutEngine(), 2025, "3024")
    assert r.doubts["active.normative.in_force"] == alone.doubts["active.normative.in_force"]


def test_only_the_same_body_and_the_year_before_count():
    for book in (_book(y2024=("平潭综合实验区另一局", {"active.normative.in_force": 21})),
                 _book(y2023=(ORGAN, {"active.normative.in_force": 21}))):
        r, f = _read(LayoutEngine(priors=book), 2025, "3024")
        assert "of 2024" not in r.doubts["active.normative.in_force"].detail


def test_two_different_readings_of_one_body_and_year_cancel():
    book = Priors()
    book.add("a.txt", ORGAN, 2024, "2021", {"active.normative.in_force": 21})
    book.add("b.txt", ORGAN, 2024, "2021", {"active.normative.in_force": 22})
    assert book.get(ORGAN, 2024) is None
    book.add("c.txt", "某县局", 2024, "2021", {"active.normative.in_force": 21})
    book.add("c copy.txt", "某县 局", 2024, "2021", {"active.normative.in_force": 21})
    assert book.get("某县局", 2024) is not None  # the same reading twice (a copy) is no conflict


def test_prior_claims_link_carried_over_to_last_years_carried_forward_across_formats():
    prior = Prior("2020.txt", ORGAN, 2020, "2019", {"requests.carried_forward.natural": 4,
                                                    "active.normative.total": 9})
    found = prior_claims(prior, "2021")
    (claim,) = found["requests.carried_over.natural"]
    assert claim.holds({"requests.carried_over.natural": 4}) and not claim.holds({"requests.carried_over.natural": 5})
    # 对外公开总数量 (2019) and 现行有效件数 (2021) count different things: no claim across formats
    assert not any(k.startswith("active.") for k in found)


def test_a_batch_uses_the_report_of_the_year_before_read_earlier_in_it(tmp_path):
    (tmp_path / "a_2024.txt").write_text(PAGE.format(year=2024, row="3 0 21"), encoding="utf-8")
    (tmp_path / "b_2025.txt").write_text(PAGE.format(year=2025, row="3024"), encoding="utf-8")
    for engine in (LayoutEngine(), AutoEngine()):
        buf = io.StringIO()
        run_batch([str(tmp_path)], engine, None, sink=JsonlSink(buf), progress=False)
        lines = {json.loads(x)["doc"]: json.loads(x) for x in buf.getvalue().splitlines()}
        line = lines["b_2025.txt"]
        assert tuple(line["fields"][k] for k in ROW) == (None, None, None)
        assert [line["doubts"][k]["candidates"][0] for k in ROW] == [3, 0, 24]
        assert "a_2024.txt" in line["doubts"]["active.normative.in_force"]["detail"]
        assert engine.priors is None  # the batch's book does not outlive the batch
        r, f = _read(engine, 2025, "3024")  # read alone: the reader's own order
        assert "of 2024" not in r.doubts["active.normative.in_force"].detail


def test_a_later_batch_finds_last_years_report_in_the_store(tmp_path):
    """January 2026 audits the 2025 reports; the 2024 ones were read into the same store a year ago."""
    from extractor.store import Store

    store = Store(f"sqlite:///{tmp_path / 'xxgk.sqlite'}")
    last, this = tmp_path / "2024", tmp_path / "2025"
    last.mkdir(), this.mkdir()
    (last / "a_2024.txt").write_text(PAGE.format(year=2024, row="3 0 21"), encoding="utf-8")
    (this / "b_2025.txt").write_text(PAGE.format(year=2025, row="3024"), encoding="utf-8")
    run_batch([str(last)], LayoutEngine(), store, progress=False)
    buf = io.StringIO()
    run_batch([str(this)], LayoutEngine(), store, sink=JsonlSink(buf), progress=False)
    line = json.loads(buf.getvalue())
    assert [line["doubts"][k]["candidates"][0] for k in ROW] == [3, 0, 24]
    assert "a_2024.txt" in line["doubts"]["active.normative.in_force"]["detail"]
    # without the store (or its 2024 reading) the reader's own order stands
    buf = io.StringIO()
    run_batch([str(this)], LayoutEngine(), None, sink=JsonlSink(buf), progress=False)
    assert "a_2024.txt" not in json.loads(buf.getvalue())["doubts"]["active.normative.in_force"]["detail"]
