"""The review page a reviewer works 200 reports on (issue 15), without a browser: printed order
and labels, the one culprit of a failed identity, blanks, Chinese names, reopen (store, page,
CLI), next open item after resolving, queue progress and filters, the across page's links."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from extractor.cli import app as cli
from extractor.errors import ReviewConflictError, ReviewError
from extractor.review import get_item, neighbours, progress, reopen, resolve, save_values
from extractor.review._layout import keys_in_order
from extractor.store.models import CellEditRow, DecisionRow, ReviewItemRow

from _review_store import BLANK_KEY, CANDIDATES, DOUBT_KEY, TWIN, review_store

HOST = "http://127.0.0.1:8765"


@pytest.fixture
def store(tmp_path):
    return review_store(tmp_path)


@pytest.fixture
def client(store):
    from fastapi.testclient import TestClient

    from extractor.review.app import create_app

    return TestClient(create_app(store, reviewer="审核员甲"), base_url=HOST)


def _token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def _keys(html: str) -> list[str]:
    return re.findall(r'data-key="([^"]+)" data-state=', html)


def test_2021_rows_and_labels_as_printed(client):
    html = client.get("/items/2").text  # seed 002, 2021 format
    keys = _keys(html)
    rows = [k.split(".")[1] for k in keys if k.startswith("requests.") and k.endswith(".natural")]
    assert rows[-6:] == ["ignored_confirm", "other_no_correction", "other_unpaid_fee", "other_misc", "total",
                         "carried_forward"]  # （五）5 → （六）1-3 → （七）总计 → 四、结转
    active = [k.split(".")[1] for k in keys if k.startswith("active.")]
    assert active == ["regulations"] * 3 + ["normative"] * 3 + ["licensing", "punishment", "coercion", "fees"]
    assert keys == keys_in_order("2021")
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    for label in ("第二十条第（一）项", "行政规范性文件", "本年处理决定数量", "（六）其他处理", "（七）总计",
                  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "四、结转下年度继续办理",
                  "法人或其他组织", "未经复议直接起诉", "本年收费金额（单位：万元）",
                  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"):
        assert f">{label}<" in html, label
    assert html.index(">（六）其他处理<") < html.index(">（七）总计<") < html.index(">四、结转下年度继续办理<")


def test_2019_rows_as_printed(client):
    keys = _keys(client.get("/items/1").text)
    active = list(dict.fromkeys(k.split(".")[1] for k in keys if k.startswith("active.")))
    assert active == ["regulations", "normative", "licensing", "other_services", "punishment", "coercion", "fees",
                      "procurement"]
    assert keys == keys_in_order("2019") and "requests.other_misc.natural" not in keys


def test_a_failed_identity_marks_its_one_total(client):
    html = client.get("/items/1").text  # seed 000: two outcome sums fail
    culprits = re.findall(r'<td class="cell bad culprit[^"]*"\s+data-key="([^"]+)"', html)
    assert culprits == ["requests.total.natural", "requests.total.total"]
    assert re.findall(r'<span class="note">([^<]*)</span>', html) == ["应为 16，印为 15", "应为 20，印为 19"]
    parts = re.findall(r'<td class="cell bad part[^"]*"\s+data-key="([^"]+)"', html)
    assert "requests.granted.natural" in parts and "requests.total.natural" not in parts
    assert 'data-key="requests.new.natural"' in html and "requests.new.natural" not in parts
    # the live check gives the same marks for the reviewer's values
    token = _token(html)
    live = client.post("/items/1/check", json={"values": {"requests.total.natural": "16"}},
                       headers={"X-CSRF-Token": token}).json()
    marks = live["marks"]
    assert live["ok"] and "requests.granted.natural" not in marks  # its column sums again
    # 16 now breaks the column's balance (16 + 0 ≠ 16 + 1) and the （七）总计 row (20 ≠ 19)
    assert marks["requests.total.natural"]["role"] == "culprit"
    assert marks["requests.total.natural"]["notes"] == ["应为 15，现为 16"]
    assert marks["requests.total.total"]["notes"] == ["应为 20，印为 19"]
    assert set(marks["requests.total.total"]["rules"]) == {"row_total:requests.total", "outcome_sum:requests.total"}
    assert marks["requests.new.natural"]["role"] == "part"
    assert {v["name"] for v in live["violations"]} >= {"列平衡不符（一+二≠三+四） · 自然人列"}


def test_full_values_are_visible(client, store):
    save_values(store, 3, {"active.fees.amount": "24252.311082"}, reviewer="r")
    html = client.get("/items/3").text
    box = re.search(r'<input name="cell:active.fees.amount" value="24252.311082" size="(\d+)"', html)
    assert box and int(box.group(1)) > len("24252.311082")


def test_a_printed_blank_is_an_empty_cell_marked_and_stays_zero(client, store):
    html = client.get("/items/2").text
    cell = re.search(rf'data-key="{re.escape(BLANK_KEY)}".*?</td>', html, re.S).group(0)
    assert f'name="cell:{BLANK_KEY}" value=""' in cell and '<span class="blank-mark" aria-hidden="true">空白</span>' in cell
    token = _token(html)
    form = {"csrf_token": token, "action": "save", "reviewer": "r", f"cell:{BLANK_KEY}": "", f"cell:{DOUBT_KEY}": "0"}
    assert client.post("/items/2", data=form, follow_redirects=False).status_code == 303
    d = get_item(store, 2)
    assert d.values[BLANK_KEY] == 0 and d.values[DOUBT_KEY] == 0
    with store.session() as s:
        assert [e.key for e in s.scalars(select(CellEditRow))] == [DOUBT_KEY]  # the blank was not an edit


def test_every_rule_and_reason_has_a_chinese_name():
    from rules import REGISTRY
    from extractor.review.names import DOUBTS, RULES, doubt_name, reason_name, rule_name

    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert set(REGISTRY) <= set(RULES)
    assert {"carry_over", "same_year_differs", "narrative_repeat"} <= set(RULES)
    from typing import get_args

    from extractor.engines.base import DoubtReason

    # every reason an engine may give (the type checker holds the engines to the Literal) is named
    assert len(get_args(DoubtReason)) > 12 and set(get_args(DoubtReason)) == set(DOUBTS)
    assert all(cjk.search(n) for n in [*RULES.values(), *DOUBTS.values()])
    assert rule_name("outcome_sum:requests.natural") == "办理结果合计不符 · 自然人列"
    assert rule_name("row_total:requests.total") == "行总计不符 · 三（七）总计"
    assert rule_name("no_such_rule:x") == "no_such_rule:x" and doubt_name("new_reason") == "new_reason"
    assert reason_name("doubt") == "存疑单元格" and reason_name("group_total") == "复议诉讼合计不符"


def test_page_names_rules_and_doubts_in_chinese(client):
    html = client.get("/items/2").text
    assert '<span class="reason" data-reason="ambiguous_split" title="引擎记录：2 splits of the run fit the table">' \
           '数字连在一起，有几种拆法都能对上表格</span>' in html
    assert 'data-rule="doubt" title="doubt">存疑单元格</span>' in html
    buttons = re.findall(r'<button type="button" class="cand"[^>]*data-value="([^"]+)"[^>]*><kbd>(\d)</kbd>', html)
    assert buttons == [(str(c), str(i)) for i, c in enumerate(CANDIDATES, 1)]
    queue = client.get("/").text
    assert "办理结果合计不符" in queue and ">outcome_sum<" not in queue


def test_reopen_keeps_the_history(store):
    resolve(store, 1, outcome="report_wrong", reviewer="王", comment="原文如此")
    with pytest.raises(ReviewConflictError, match="open already"):
        reopen(store, 2, reviewer="王")
    with pytest.raises(ReviewError, match="reviewer"):
        reopen(store, 1, reviewer=" ")
    reopen(store, 1, reviewer="李", comment="再核对")
    d = get_item(store, 1)
    assert d.summary.state == "open" and d.summary.outcome == "reopened"
    assert [(x["outcome"], x["reviewer"], x["comment"]) for x in d.decisions] == [
        ("report_wrong", "王", "原文如此"), ("reopened", "李", "再核对")]
    with pytest.raises(ReviewConflictError, match="open already"):
        reopen(store, 1, reviewer="李")
    resolve(store, 1, outcome="report_wrong", reviewer="李")
    assert [x["outcome"] for x in get_item(store, 1).decisions] == ["report_wrong", "reopened", "report_wrong"]


def test_reopen_from_the_cli(store, tmp_path):
    db = str(tmp_path / "xxgk.sqlite")
    runner = CliRunner()
    refused = runner.invoke(cli, ["review", "reopen", "1", "--db", db, "--reviewer", "王"])
    assert refused.exit_code == 1 and "only a resolved item can be reopened" in refused.output
    resolve(store, 1, outcome="report_wrong", reviewer="王")
    ok = runner.invoke(cli, ["review", "reopen", "1", "--db", db, "--reviewer", "李", "--comment", "再看"])
    assert ok.exit_code == 0, ok.output
    with store.session() as s:
        assert s.get(ReviewItemRow, 1).state == "open"
        assert [d.outcome for d in s.scalars(select(DecisionRow).order_by(DecisionRow.id))] == ["report_wrong", "reopened"]


def test_reopen_on_the_page(client, store):
    resolve(store, 3, outcome="report_wrong", reviewer="王")
    html = client.get("/items/3").text
    assert 'value="reopen" id="reopen"' in html and 'value="report_wrong"' not in html
    bare = client.post("/items/3", data={"action": "reopen", "reviewer": "李"})
    assert bare.status_code == 403  # no CSRF token, nothing done
    done = client.post("/items/3", data={"csrf_token": _token(html), "action": "reopen", "reviewer": "李",
                                         "comment": "重看"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/items/3"
    page = client.get("/items/3").text
    assert "待审核（已重新打开）" in page and '<li class="decision" data-outcome="reopened"><b>重新打开</b> — 李' in page


def test_resolving_goes_to_the_next_open_item_of_the_same_queue(client, store):
    html = client.get("/items/1?template=2021").text  # an item outside the filter still has neighbours in it
    assert 'id="next-item" rel="next" href="/items/2?template=2021"' in html
    assert 'id="prev-item" rel="prev" href="/items/4?template=2021"' in html  # wraps around
    html = client.get("/items/2?template=2021").text
    assert 'action="/items/2?template=2021"' in html
    form = {"csrf_token": _token(html), "action": "extraction_corrected", "reviewer": "r", f"cell:{DOUBT_KEY}": "0"}
    moved = client.post("/items/2?template=2021", data=form, follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/items/3?template=2021&done=2"
    assert "#2 已结案，这是下一项待审核" in client.get(moved.headers["location"]).text
    assert neighbours(store, 3, template="2021") == (4, 4)
    for item in (3, 4):
        resolve(store, item, outcome="report_wrong", reviewer="r")
    assert neighbours(store, 1, template="2021") == (None, None)
    html = client.get("/items/1?template=2021").text
    assert 'id="next-item"' not in html
    last = client.post("/items/1?template=2021", data={"csrf_token": _token(html), "action": "report_wrong",
                                                       "reviewer": "r"}, follow_redirects=False)
    assert last.headers["location"] == "/?template=2021&done=1"
    assert "队列中已没有待审核项" in client.get(last.headers["location"]).text


def test_queue_progress_and_filters_in_the_url(client, store):
    resolve(store, 1, outcome="report_wrong", reviewer="王")
    resolve(store, 3, outcome="report_wrong", reviewer="李")
    p = progress(store)
    assert (p.open, p.resolved, p.today) == (2, 2, 2)
    assert sorted(p.reviewers) == [("李", 1, 1), ("王", 1, 1)]
    tomorrow = progress(store, now=datetime.now(timezone.utc) + timedelta(days=1))
    assert tomorrow.today == 0 and sorted(tomorrow.reviewers) == [("李", 0, 1), ("王", 0, 1)]
    html = client.get("/?template=2021&organ=").text
    assert '<b id="p-open">2</b>' in html and '<b id="p-today">2</b>' in html and 'data-reviewer="王"' in html
    assert '<option value="2021" selected>' in html
    assert [int(i) for i in re.findall(r'<a href="/items/(\d+)\?template=2021">', html)] == [2, 4]
    assert client.get("/?batch=x").status_code == 400


def test_across_page_links_each_report_and_labels_its_values(client):
    html = client.get("/across").text
    finding = html[html.index('data-rule="carry_over:requests.natural"'):]
    finding = finding[:finding.index("</li>")]
    rows = re.findall(r'<tr><th><a href="/items/(\d+)">([^<]+)</a>.*?<td>(.*?)</td></tr>', finding, re.S)
    assert [(i, d) for i, d, _ in rows] == [("3", "004_cf1e86794f147280.txt"), ("4", TWIN)]
    assert "四、结转下年度继续办理 / 自然人：<b>0</b>" in rows[0][2]
    assert "二、上年结转政府信息公开申请数量 / 自然人：<b>5</b>" in rows[1][2]
    assert '<a href="/items/4">zz_twin_2024.txt</a>' in html[html.index("逐年对照"):]
