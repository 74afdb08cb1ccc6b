"""The review page in a real browser (Debian's chromium driven by playwright).

Opens the queue, opens seed 000, sees its two violations highlighted, clicks a cell to see
where it was read, types a bad value (refused), corrects a cell (rules re-run live), resolves,
and finds the decision in the store; a report holding `<script>` shows it as text.
"""

from __future__ import annotations

import json
import os

import pytest
from _serve import review_server
from sqlalchemy import select

from extractor.batch import run_batch
from extractor.store import Store, as_url
from extractor.store.models import CellEditRow, DecisionRow

from gold_engine import GoldEngine, copy_seeds, gold_path

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} missing: apt-get install chromium fonts-noto-cjk"),
]
EVIL = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
SCREENSHOT = os.environ.get("XXGK_SCREENSHOT", "/tmp/xxgk-review.png")


@pytest.fixture
def server(tmp_path):
    folder = copy_seeds(tmp_path / "seeds")
    seed = next(folder.glob("000_*.txt"))
    evil = folder / "evil_report.txt"
    evil.write_text(seed.read_text(encoding="utf-8").replace("市住建局2020", "市住建局" + EVIL + "2020", 1), encoding="utf-8")
    gold = json.loads(gold_path(str(seed)).read_text(encoding="utf-8"))
    gold["meta"]["organ"] = "市住建局" + EVIL
    gold_path(str(evil)).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    store = Store(as_url(str(tmp_path / "xxgk.sqlite")))
    run_batch([str(folder)], GoldEngine(), store, progress=False)

    with review_server(store, reviewer="测试员") as url:
        yield url, store, seed.read_text(encoding="utf-8")


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"])
        pg = browser.new_page(viewport={"width": 1500, "height": 1000})
        pg.set_default_timeout(15000)
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.js_errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_review_seed_000_in_the_browser(server, page):
    from playwright.sync_api import expect

    base, store, text = server
    page.goto(base + "/")
    rows = page.locator("tr.item")
    assert rows.count() == 2  # seed 000 and its <script> twin; the other seeds are verified
    page.get_by_role("link", name="000_b232cca7e491c758.txt").click()

    # its two violations, explained in Chinese with the numbers, their cells highlighted
    violations = page.locator("#violations li.violation")
    assert violations.count() == 2
    assert "（七）总计印为 15" in violations.nth(0).inner_text()
    for key in ("requests.total.natural", "requests.granted.natural", "requests.total.total"):
        assert "bad" in page.locator(f'td[data-key="{key}"]').get_attribute("class")
    assert "bad" not in page.locator('td[data-key="requests.new.natural"]').get_attribute("class")

    # clicking a cell highlights where it was read
    cell = page.locator('td[data-key="requests.granted.natural"]')
    cell.click()
    start, end = int(cell.get_attribute("data-start")), int(cell.get_attribute("data-end"))
    assert page.locator("#source mark").inner_text() == text[start:end]

    # a bad value is refused live, and by the form, and never stored
    box = page.locator('input[name="cell:requests.total.natural"]')
    box.fill("abc")
    page.locator("#live-error").wait_for(state="visible")
    assert "不是整数" in page.locator("#live-error").inner_text()
    page.get_by_role("button", name="保存修改（重新检查）").click()
    assert "未保存" in page.locator("#error").inner_text()
    with store.session() as s:
        assert s.scalars(select(CellEditRow)).all() == []

    # a correction re-runs the rules at once
    box = page.locator('input[name="cell:requests.total.natural"]')
    box.fill("16")
    # rule ids are in data-rule (the page names rules in Chinese)
    expect(page.locator('#violations [data-rule="outcome_sum:requests.natural"]')).to_have_count(0)
    expect(page.locator('#violations [data-rule="balance:requests.natural"]')).to_have_count(1)  # 16 + 0 ≠ 16 + 1
    assert page.locator("#live-error").is_hidden()
    assert "bad" not in page.locator('td[data-key="requests.granted.natural"]').get_attribute("class")
    page.screenshot(path=SCREENSHOT)

    page.fill('textarea[name="comment"]', "（七）总计自然人列应为 16")
    page.get_by_role("button", name="结案：提取有误，已更正").click()
    page.locator("#done").wait_for()  # resolving goes on to the next open item
    with store.session() as s:
        decision = s.scalars(select(DecisionRow)).one()
        assert (decision.outcome, decision.reviewer) == ("extraction_corrected", "测试员")
        assert decision.values["requests.total.natural"] == 16 and decision.comment == "（七）总计自然人列应为 16"
        assert [(e.key, e.old, e.new) for e in s.scalars(select(CellEditRow))] == [("requests.total.natural", 15, 16)]
    page.goto(f"{base}/items/{decision.item_id}")
    page.get_by_text("已结案：提取有误，已更正").first.wait_for()
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_report_text_with_script_is_shown_as_text(server, page):
    base, _, _ = server
    page.goto(base + "/")
    page.get_by_role("link", name="evil_report.txt").click()
    page.locator("#source").wait_for()
    assert EVIL in page.locator("#source").inner_text()
    assert EVIL in page.locator("h1").inner_text()
    assert page.locator("body script").count() == 1  # only our own /static/review.js
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(base + "/")
    assert EVIL in page.locator("table.queue").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_published_html_is_rebuilt_as_text_only():
    from extractor.review._sanitise import html_tables

    tables = html_tables('<table onclick="x()"><tr><td colspan="2" style="color:red">'
                         '申请<script>alert(1)</script><b>人</b></td></tr></table>')
    (rows,) = tables
    assert rows[0][0].text == "申请 人" or rows[0][0].text == "申请人"
    assert rows[0][0].colspan == 2
