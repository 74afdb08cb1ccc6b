"""The review page in Chromium at 390 and 1280 px, worked with the keyboard only (issue 15).

At each width: the queue, a 2021 report and the across page fit the viewport (nothing wider
than the screen but the tables' own scroll boxes; panes stacked below 900 px); a 2021 report's
rows are in printed order; three items are resolved with keys alone, each landing on the next
open item (`e` to the first problem, a digit takes a candidate, Enter in a cell moves on,
Ctrl+Enter resolves); a resolved item is reopened from the keyboard; no mouse event is fired.
Screenshots go to $XXGK_SCREENSHOTS (default: the test's tmp dir); their paths are printed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _serve import review_server
from sqlalchemy import select

from extractor.store.models import DecisionRow

from _review_store import CANDIDATES, DOUBT_KEY, review_store

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} missing: apt-get install chromium fonts-noto-cjk"),
]
#: counts mouse events in sessionStorage, which survives the page's navigations in the tab
NO_MOUSE = """for (const t of ["mousedown", "mouseup", "click", "pointerdown"]) {
  addEventListener(t, (e) => { if (t !== "click" || e.detail > 0) sessionStorage.mouse = (+sessionStorage.mouse || 0) + 1; }, true);
}"""


@pytest.fixture
def server(tmp_path):
    store = review_store(tmp_path)
    with review_server(store, reviewer="键盘审核员") as url:
        yield url, store


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("XXGK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _browser_page(p, width: int):
    browser = p.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"])
    page = browser.new_page(viewport={"width": width, "height": 900 if width > 600 else 844})
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(NO_MOUSE)
    return browser, page, errors


def _shot(page, shots: Path, name: str) -> None:
    path = shots / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def _fits(page, width: int) -> None:
    """Nothing makes the page wider than the viewport (wide tables scroll inside their own box)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _focused(page) -> dict:
    return page.evaluate("""(() => { const a = document.activeElement;
        return {tag: a.tagName, cls: a.className, name: a.name || "", key: a.dataset.key || "", id: a.id}; })()""")


def _landed_on(page, base: str, item: int, done: int) -> None:
    page.wait_for_url(f"{base}/items/{item}?done={done}")
    assert f"#{done} 已结案" in page.locator("#done").inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_only_review_at(width, server, shots):
    from playwright.sync_api import sync_playwright

    base, store = server
    with sync_playwright() as p:
        browser, page, errors = _browser_page(p, width)
        try:
            _work_through(page, base, store, width, shots)
            assert page.evaluate("+sessionStorage.mouse || 0") == 0  # keyboard only, all the way
            assert errors == []
        finally:
            browser.close()


def _work_through(page, base, store, width, shots):
    page.goto(base + "/")
    assert page.locator("tr.item").count() == 4 and "办理结果合计不符" in page.locator("table.queue").inner_text()
    _fits(page, width)
    _shot(page, shots, f"queue-{width}.png")

    # item 1 (2019, the print is wrong): e → first violation, Enter → its culprit, Ctrl+Enter → report_wrong
    page.goto(base + "/items/1")
    page.keyboard.press("e")
    assert _focused(page)["tag"] == "LI" and "violation" in _focused(page)["cls"]
    page.keyboard.press("Enter")
    assert _focused(page)["name"] == "cell:requests.total.natural"
    page.keyboard.press("Control+Enter")
    _landed_on(page, base, 2, 1)

    # item 2 (2021, a doubt): rows in printed order, layout, a digit takes candidate 2
    keys = page.eval_on_selector_all("table.t3 td.cell", "tds => tds.map(td => td.dataset.key)")
    rows = list(dict.fromkeys(k.split(".")[1] for k in keys))
    assert rows.index("other_misc") < rows.index("total") < rows.index("carried_forward") == len(rows) - 1
    labels = page.eval_on_selector_all("table.t2 th.row", "ths => ths.map(th => th.textContent)")
    assert labels == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    _fits(page, width)
    src, tables = page.locator(".source-pane").bounding_box(), page.locator(".tables-pane").bounding_box()
    if width < 900:
        assert tables["y"] >= src["y"] + src["height"] - 1 and tables["width"] >= width - 40  # stacked, full width
    else:
        assert tables["x"] > src["x"] + src["width"] - 1 and abs(tables["y"] - src["y"]) < 5  # side by side
    assert page.locator("table.t3").bounding_box()["width"] > 300  # the tables column no longer collapses
    _shot(page, shots, f"item-2021-{width}.png")
    page.keyboard.press("e")
    assert _focused(page)["key"] == DOUBT_KEY
    page.keyboard.press("2")
    assert page.locator(f'input[name="cell:{DOUBT_KEY}"]').input_value() == str(CANDIDATES[1])
    page.keyboard.press("Control+Enter")
    _landed_on(page, base, 3, 2)

    # item 3 (2021, a misread total): the culprit says what it should be; fix it, Enter moves on
    culprit = page.locator("td.cell.culprit")
    assert culprit.count() == 1 and "应为 0，印为 3" in culprit.inner_text()
    page.keyboard.press("e")
    page.keyboard.press("Enter")
    assert _focused(page)["name"] == "cell:requests.total.total"
    page.keyboard.press("Control+a")
    page.keyboard.type("0")
    page.locator("td.cell.culprit").wait_for(state="detached")  # the live check cleared it
    page.keyboard.press("Enter")  # the next cell, not a submit
    assert _focused(page)["name"] == "cell:requests.carried_forward.natural"
    assert page.url == f"{base}/items/3?done=2"
    page.keyboard.press("Control+Enter")
    _landed_on(page, base, 4, 3)

    with store.session() as s:
        decided = [(d.item_id, d.outcome, d.reviewer) for d in s.scalars(select(DecisionRow).order_by(DecisionRow.id))]
        assert decided == [(1, "report_wrong", "键盘审核员"), (2, "extraction_corrected", "键盘审核员"),
                           (3, "extraction_corrected", "键盘审核员")]
        assert s.scalars(select(DecisionRow).where(DecisionRow.item_id == 2)).one().values[DOUBT_KEY] == CANDIDATES[1]

    # the across page: each report links to its item, values under the report's name
    page.goto(base + "/across")
    assert page.locator('li.violation a[href="/items/4"]').count() >= 1
    _fits(page, width)
    _shot(page, shots, f"across-{width}.png")

    # reopen item 1 with the keyboard: Tab to the button, Enter
    page.goto(base + "/items/1")
    for presses in range(60):
        if _focused(page)["id"] == "reopen":
            break
        page.keyboard.press("Tab")
    assert _focused(page)["id"] == "reopen", "the reopen button is not reachable by Tab"
    page.keyboard.press("Enter")
    page.get_by_text("待审核（已重新打开）").first.wait_for()
    assert page.locator('li.decision[data-outcome="reopened"]').count() == 1
    assert page.locator('li.decision[data-outcome="report_wrong"]').count() == 1  # the history stays
    print(f"Tab presses to the reopen button at {width} px: {presses}")
    # j goes on to the next open item
    page.keyboard.press("j")
    page.wait_for_url(f"{base}/items/4")
