"""Narrative rule: figures stated in the report's prose against its tables."""

from __future__ import annotations

import pytest
from lxml import html

from _facts import changed, facts, fired, report_text
from conftest import EVAL_REAL, gold_cases
from rules.narrative import mentions, prose

SEED_003 = "003_"


def test_no_text_no_check():
    assert fired(facts("03_hongze"), "narrative_count") == []


def test_seed_003_prose_agrees_with_its_tables():
    f = facts(SEED_003, text=report_text(SEED_003))
    found = {(m.claim.name, m.value) for m in mentions(prose(f.text), f.year)}
    # "共受理依申请公开20件 … 12件予以公开 … 行政复议0件 … 行政诉讼案件3件"
    assert {("received", 20), ("granted", 12), ("review", 0), ("litigation", 3)} <= found
    assert fired(f, "narrative_count") == []


def test_seed_003_fires_when_the_table_disagrees():
    f = facts(SEED_003, text=report_text(SEED_003))
    f = changed(f, requests__granted__natural=11, requests__granted__total=11)
    (v,) = fired(f, "narrative_count")
    assert v.rule == "narrative_count:granted" and v.severity == "warning"
    assert (v.expected, v.found) == (11, 12) and "12件予以公开" in v.message


def test_report_03_says_17_requests_table_95():
    f = facts("03_hongze", text=report_text("03_hongze"))
    (v,) = fired(f, "narrative_count")
    assert v.rule == "narrative_count:received"
    assert (v.expected, v.found) == (95, 17)
    assert v.keys == ("requests.new.total",) and "17件" in v.message and "95" in v.message


def test_report_01_shanghai_granted_and_unable_contradict():
    path = EVAL_REAL / "reports" / "01_shanghai_bangongting_2019.html"
    text = html.document_fromstring(path.read_text(encoding="utf-8")).text_content()
    f = facts("01_shanghai", text=text)
    got = {v.rule: (v.expected, v.found) for v in fired(f, "narrative_count")}
    # the 总计 cells are blank (0); the columns add up to 275 and 337
    assert got == {"narrative_count:granted_or_partial": (0, 258), "narrative_count:unable": (0, 265)}
    messages = " ".join(v.message for v in fired(f, "narrative_count"))
    assert "按各列相加为 275" in messages and "按各列相加为 337" in messages


@pytest.mark.parametrize("path,gold", [c for c in gold_cases() if c[0].suffix == ".txt"],
                         ids=lambda c: getattr(c, "name", ""))
def test_prose_of_other_real_reports_agrees(path, gold):
    f = facts(path.name[:6], text=path.read_text(encoding="utf-8"))
    expected = 1 if path.name.startswith("03_") else 0
    assert len(fired(f, "narrative_count")) == expected


def _with(sentence: str, where: str = "narrative") -> str:
    text = report_text(SEED_003)
    anchor = "(五)监督保障" if where == "narrative" else "四、结转下年度继续办理"
    assert anchor in text
    return text.replace(anchor, sentence + anchor, 1)


def test_tables_are_not_prose():
    f = facts(SEED_003, text=_with("本年共受理政府信息公开申请99件。"))
    assert [v.found for v in fired(f, "narrative_count")] == [99]
    f = facts(SEED_003, text=_with("本年共受理政府信息公开申请99件。", where="table"))
    assert fired(f, "narrative_count") == []


def test_other_years_and_other_topics_are_skipped():
    for sentence in ("2019年受理政府信息公开申请15件。", "去年受理政府信息公开申请15件。",
                     "全年办理行政复议案件120件。"):
        assert fired(facts(SEED_003, text=_with(sentence)), "narrative_count") == [], sentence
    (v,) = fired(facts(SEED_003, text=_with("2020年因政府信息公开引起的行政复议案件120件。")), "narrative_count")
    assert v.rule == "narrative_count:review" and v.found == 120


def test_carried_over_counts_as_received_and_full_width_digits():
    f = facts(SEED_003, text=_with("共收到政府信息公开申请２０件，办结２０件。"))
    assert fired(f, "narrative_count") == []
    f = changed(facts(SEED_003, text=_with("共收到政府信息公开申请２２件。")),
                requests__carried_over__natural=2, requests__carried_over__total=2,
                requests__carried_forward__natural=2, requests__carried_forward__total=2)
    assert fired(f, "narrative_count") == []  # 20 new + 2 carried over
