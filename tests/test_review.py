"""The review queue: items, validated edits, decisions, gold export, the CLI and checks across reports."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import ReviewError
from extractor.review import export_gold, get_item, list_items, parse_cell, resolve, save_values
from extractor.store.models import CellEditRow, DecisionRow
from rules.across_reports import ReportFacts, carry_over, check_across, duplicates, repeat_share, year_over_year

from gold_engine import filled_store


@pytest.fixture
def store(tmp_path):
    return filled_store(tmp_path)


def seed_item(store):
    return next(i for i in list_items(store) if i.doc.startswith("000_"))


def test_seed_000_is_queued_for_its_two_outcome_sum_errors(store):
    items = list_items(store)
    assert [i.doc[:3] for i in items] == ["000"]
    item = items[0]
    assert item.rules == ("outcome_sum",)
    assert sorted(item.reasons) == ["error:outcome_sum:requests.natural", "error:outcome_sum:requests.total"]
    assert list_items(store, rule="balance") == []
    assert list_items(store, rule="outcome_sum", template="2019", organ="市住建局")[0].id == item.id
    assert list_items(store, template="2021") == []


def test_bad_values_are_refused_and_never_stored(store):
    item = seed_item(store)
    for bad, words in (("abc", "不是整数"), ("-1", "不能为负数"), ("1.5", "不是整数")):
        with pytest.raises(ReviewError, match=words):
            save_values(store, item.id, {"requests.total.natural": bad}, reviewer="r")
    with pytest.raises(ReviewError, match="not in the 2019 format"):
        save_values(store, item.id, {"active.regulations.issued": "1"}, reviewer="r")
    with store.session() as s:
        assert s.scalar(select(func.count(CellEditRow.id))) == 0
    assert get_item(store, item.id).values["requests.total.natural"] == 15


def test_parse_cell_types():
    assert parse_cell("active.fees.change", "+5") == 5
    assert parse_cell("active.fees.change", "-3") == -3
    assert parse_cell("active.procurement.amount", "21.53") == Decimal("21.53")
    assert parse_cell("requests.new.natural", " 1,203 ") == 1203
    assert parse_cell("requests.new.natural", "") is None


def test_edit_rechecks_and_resolve_keeps_who_when_why(store):
    item = seed_item(store)
    violations = save_values(store, item.id, {"requests.total.natural": "16", "requests.total.total": "20"}, reviewer="李")
    assert not any(v.rule.startswith("outcome_sum") for v in violations)
    assert any(v.rule.startswith("balance") for v in violations)  # 16 + 0 ≠ 16 + 1: now the balance breaks
    with pytest.raises(ReviewError, match="reviewer"):
        resolve(store, item.id, outcome="report_wrong", reviewer=" ")
    decision = resolve(store, item.id, outcome="extraction_corrected", reviewer="李", comment="核对原文")
    assert decision["reviewer"] == "李" and decision["outcome"] == "extraction_corrected"
    d = get_item(store, item.id)
    assert d.summary.state == "resolved" and d.decisions[0]["comment"] == "核对原文"
    assert [(e["key"], e["old"], e["new"]) for e in d.edits] == [
        ("requests.total.natural", 15, 16), ("requests.total.total", 19, 20)]
    assert list_items(store) == [] and len(list_items(store, state="resolved")) == 1
    with pytest.raises(ReviewError, match="already resolved"):
        resolve(store, item.id, outcome="report_wrong", reviewer="李")


def test_extraction_corrected_needs_a_correction(store):
    item = seed_item(store)
    with pytest.raises(ReviewError, match="至少改动一个单元格"):
        resolve(store, item.id, outcome="extraction_corrected", reviewer="r")


def test_resolved_report_exports_as_the_gold_label(store, tmp_path):
    from conftest import seed_cases

    item = seed_item(store)
    resolve(store, item.id, outcome="report_wrong", reviewer="王", comment="原文（七）总计少 1")
    written = export_gold(store, tmp_path / "reviewed")
    assert [p.name for p in written] == ["000_b232cca7e491c758.gold.json"]
    gold = json.loads(written[0].read_text(encoding="utf-8"))
    expected = next(g for r, g in seed_cases() if r.name.startswith("000_"))
    assert gold["doc"] == expected["doc"] and (tmp_path / "reviewed" / gold["doc"]).exists()
    assert gold["meta"] == expected["meta"]
    assert gold["fields"] == expected["fields"]
    assert gold["source_violations"] == expected["source_violations"]
    assert "王" in gold["notes"] and "原文（七）总计少 1" in gold["notes"]


def test_cli_list_show_resolve(store, tmp_path):
    db = str(tmp_path / "xxgk.sqlite")
    runner = CliRunner()
    listed = runner.invoke(app, ["review", "list", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    item = json.loads(listed.stdout.splitlines()[0])
    shown = runner.invoke(app, ["review", "show", str(item["id"]), "--db", db])
    assert "outcome_sum:requests.total" in shown.stdout and "但（七）总计印为 19" in shown.stdout
    bad = runner.invoke(app, ["review", "resolve", str(item["id"]), "--db", db, "--outcome", "extraction_corrected",
                              "--reviewer", "r", "--set", "requests.total.natural=x"])
    assert bad.exit_code == 1 and "不是整数" in bad.output
    ok = runner.invoke(app, ["review", "resolve", str(item["id"]), "--db", db, "--outcome", "report-wrong",
                             "--reviewer", "r", "--comment", "as printed"])
    assert ok.exit_code == 0, ok.output
    with store.session() as s:
        assert s.scalars(select(DecisionRow)).one().outcome == "report_wrong"
    resolved = runner.invoke(app, ["review", "list", "--db", db, "--state", "resolved"])
    assert "report_wrong" in resolved.stdout
    missing = runner.invoke(app, ["review", "list", "--db", str(tmp_path / "nope.sqlite")])
    assert missing.exit_code == 2 and "no store" in missing.output


# ------------------------------------------------------------------ across reports

def _report(doc, year, carried_over, carried_forward, text="", organ="某区财政局"):
    values = {f"requests.carried_over.{c}": carried_over for c in ("natural", "total")}
    values |= {f"requests.carried_forward.{c}": carried_forward for c in ("natural", "total")}
    return ReportFacts(doc=doc, organ=organ, year=year, template="2021", values=values, text=text)


def test_carry_over_between_years():
    ok = [_report("a", 2021, 0, 3), _report("b", 2022, 3, 1)]
    assert carry_over(ok) == []
    bad = [_report("a", 2021, 0, 3), _report("b", 2022, 2, 1), _report("c", 2022, 3, 0, organ="别的机关")]
    found = carry_over(bad)
    assert [f.rule for f in found] == ["carry_over:requests.natural", "carry_over:requests.total"]
    assert found[0].docs == ("a", "b") and "2022年" in found[0].message and "为 3" in found[0].message


def test_same_body_and_year_twice_with_different_numbers():
    same = [_report("a", 2022, 1, 1), _report("a2", 2022, 1, 1)]
    assert duplicates(same) == []
    differ = [_report("a", 2022, 1, 1), _report("a2", 2022, 1, 2, organ="某区 财政局")]
    (f,) = duplicates(differ)
    assert f.rule == "same_year_differs" and f.found == 2 and f.severity == "error"


def test_repeated_narrative_text_is_flagged_over_half():
    old = "我局认真贯彻落实政府信息公开条例的各项要求。进一步完善依申请公开工作流程和答复规范。加强政务公开平台建设和管理。"
    copied = old + "今年新增了一项专门的公开审查制度安排。"
    fresh = "今年我局围绕优化营商环境开展重点领域信息公开。全面推行行政执法公示制度并建立台账。"
    assert repeat_share(copied, old) > 0.5 and repeat_share(fresh, old) == 0
    found = check_across([_report("a", 2021, 0, 0, old), _report("b", 2022, 0, 0, copied)])
    assert [f.rule for f in found] == ["narrative_repeat"]
    assert check_across([_report("a", 2021, 0, 0, old), _report("b", 2022, 0, 0, fresh)]) == []
    rows = year_over_year([_report("a", 2021, 0, 0, old), _report("b", 2022, 0, 0, copied)])
    assert [r.year for r in rows] == [2021, 2022] and rows[0].repeat_share is None and rows[1].repeat_share > 0.5


def test_cli_across_on_the_store(store, tmp_path):
    res = CliRunner().invoke(app, ["review", "across", "--db", str(tmp_path / "xxgk.sqlite"), "--years"])
    assert res.exit_code in (0, 1), res.output
    assert "report(s)" in res.output and "市住建局" in res.stdout


def test_each_cell_shows_its_state_and_an_edit_makes_it_edited(store):
    from fastapi.testclient import TestClient

    from extractor.review.app import create_app

    item = seed_item(store)
    d = get_item(store, item.id)
    assert set(d.states) == set(d.values)
    assert {s for s in d.states.values()} <= {"read", "blank", "doubt", "missing"}
    assert all((d.states[k] == "blank") == (k in d.printed and not d.printed[k].strip()) for k in d.states
               if d.values[k] is not None)
    save_values(store, item.id, {"requests.total.natural": "16"}, reviewer="李")
    d = get_item(store, item.id)
    assert d.states["requests.total.natural"] == "edited" and d.states["requests.total.total"] != "edited"
    page = TestClient(create_app(store), base_url="http://127.0.0.1:8765").get(f"/items/{item.id}").text
    assert 'data-key="requests.total.natural" data-state="edited"' in page
    assert "状态：审核员修改" in page


def test_a_region_s_whole_area_report_is_compared_with_the_bodies_under_it():
    from extractor import catalogue
    from rules.across_reports import region_rollup

    def report(doc, organ, new_total, review_total=0):
        values = dict.fromkeys(catalogue.keys("2021"), 0)
        values["requests.new.total"], values["review.total"] = new_total, review_total
        return ReportFacts(doc=doc, organ=organ, year=2023, template="2021", values=values)

    bodies = [report("a.txt", "洪泽区住房和城乡建设局", 3, 1), report("b.txt", "淮安市洪泽区人民政府办公室", 2)]
    [ok] = region_rollup([report("all.txt", "洪泽区人民政府", 9, 1), *bodies])
    assert ok.rule == "region_rollup" and ok.severity == "info" and ok.found == 2
    assert ok.docs == ("all.txt", "a.txt", "b.txt") and "其下 2 个机关" in ok.message
    [low] = region_rollup([report("all.txt", "洪泽区", 4, 0), *bodies])
    assert low.severity == "warning" and low.keys == ("requests.new.total", "review.total")
    assert "requests.new.total 汇总 4 < 各机关之和 5" in low.message
    assert region_rollup(bodies) == []  # no whole-area report, no finding
    assert region_rollup([report("all.txt", "涟水县人民政府", 1), *bodies]) == []  # not its bodies
