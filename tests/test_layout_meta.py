"""The layout engine's organ, year and format version, and an unknown organ or year (None with a
doubt, never a placeholder or a guess) carried through result line, store, export and review."""

from __future__ import annotations

import csv
import html
import re

from fastapi.testclient import TestClient

from conftest import EVAL_REAL
from extractor.batch import run_batch
from extractor.document import Document
from extractor.engines.layout import LayoutEngine
from extractor.export import export
from extractor.load import load
from extractor.pipeline import extract_document, extract_path
from extractor.review.app import create_app
from extractor.review.queue import get_item, list_items
from extractor.store import Store, as_url

SEED004 = EVAL_REAL / "seeds" / "004_cf1e86794f147280.txt"  # 湛河区住建局 2023, 2021 format
TITLE004 = "湛河区住建局 2023 年政府信息公开工作年度报告"


def _untitled() -> str:
    """Seed 004 without its title: nothing else in it names the body ("我局" only)."""
    text = SEED004.read_text(encoding="utf-8")
    assert TITLE004 in text
    return text.replace(TITLE004, "")


def _read(text: str, name: str = "x.txt"):
    return extract_document(Document(path=name, text=text, format="txt", sha256="0" * 64), LayoutEngine())


def test_the_organ_not_found_is_none_with_a_doubt():
    result = _read(_untitled())
    assert result.organ is None and result.record.organ is None
    assert result.doubts["organ"].reason == "missing_title"
    assert result.year == 2023 and "year" not in result.doubts  # "2023 年，我局认真贯彻…" states it
    assert result.status == "review"
    line = result.to_line()
    assert line["organ"] is None and line["doubts"]["organ"]["reason"] == "missing_title"
    assert "未识别" not in str(line)


def test_a_year_the_text_never_states_is_none_with_a_doubt():
    text = re.sub(r"20\d\d", "", _untitled())
    result = _read(text)
    assert result.year is None and result.record.year is None and result.doubts["year"].reason == "missing_title"
    assert result.template == "2021"  # the columns decide the format, not the (missing) year
    assert result.record.requests is not None


def test_a_2021_report_printed_in_the_2019_format_is_2019_and_warned():
    path = EVAL_REAL / "seeds" / "000_b232cca7e491c758.txt"  # a 2020 report in the 2019 format
    text = path.read_text(encoding="utf-8").replace("市住建局2020年度", "市住建局2021年度", 1)
    result = _read(text)
    assert (result.organ, result.year, result.template) == ("市住建局", 2021, "2019")
    warned = [v for v in result.violations if v.rule == "template_year"]
    assert len(warned) == 1 and warned[0].severity == "warning" and warned[0].expected == "2021"


def test_a_letter_is_read_as_its_sender():
    result = extract_path(str(EVAL_REAL / "reports" / "44_pingtan-sppq_2020_letter_flat.txt"), LayoutEngine())
    assert (result.organ, result.year, result.template) == ("平潭综合实验区苏平片区管理局", 2020, "2019")
    assert "organ" not in result.doubts


def test_an_html_page_whose_body_lacks_its_title_takes_it_from_the_markup():
    path = EVAL_REAL / "reports" / "58_pingtan-jtjsj_2024_htmlexcerpt.html"
    doc = load(str(path))
    # the page's text without its last lines: no signature left, only the markup names the body
    doc.text = doc.text[:doc.text.rindex("六、其他需要报告的事项")]
    result = extract_document(doc, LayoutEngine())
    assert (result.organ, result.year) == ("平潭综合实验区交通与建设局", 2024) and "organ" not in result.doubts


def test_an_unknown_organ_and_year_go_through_store_export_and_review(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "untitled.txt").write_text(re.sub(r"20\d\d", "", _untitled()), encoding="utf-8")
    store = Store(as_url(str(tmp_path / "xxgk.sqlite")))
    stats = run_batch([str(folder)], LayoutEngine(), store, progress=False)
    assert stats.failed == 0
    export(store, str(tmp_path / "r.csv"), fmt="csv")
    with open(tmp_path / "r.csv", encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["organ"] == "" and row["year"] == "" and row["template"] == "2021"
    (item,) = list_items(store)
    assert item.organ is None and item.year is None and "doubt:organ:missing_title" in item.reasons
    detail = get_item(store, item.id)  # the page rechecks the rules on a record with no organ or year
    assert not [v for v in detail.violations if v.rule == "template_year"]
    client = TestClient(create_app(store, reviewer="测试员"), base_url="http://127.0.0.1:8765")
    for url in ("/", f"/items/{item.id}", "/across"):
        page = client.get(url)
        assert page.status_code == 200 and "None" not in page.text, url
    assert "（机关未知）" in client.get(f"/items/{item.id}").text


def test_a_banner_line_names_a_candidate_for_the_organ_never_the_organ():
    # a Word page header "XX局  政务公开" over a body whose title names no body: a portal's banner
    # looks the same, so the name is offered to the reviewer and the organ stays None
    result = _read("平潭综合实验区农业农村局  政务公开\n" + _untitled())
    assert result.organ is None and result.status != "verified"
    assert result.doubts["organ"].candidates == ["平潭综合实验区农业农村局"]
    # a heading or a sentence on the first lines is no banner; two different names give none
    assert _read("本年度全区  工作情况\n" + _untitled()).doubts["organ"].candidates == []
    two = _read("平潭综合实验区农业农村局\n平潭综合实验区行政审批局  政务公开\n" + _untitled())
    assert two.doubts["organ"].candidates == []


def test_a_page_title_names_the_body_better_than_the_sites_source_field():
    # a department's report posted on a parent government's site: the body's text has no title
    # line, its breadcrumb says 来源：<the site>, and only the page's <title> names the body
    body = html.escape(_untitled()).replace("\n", "</p><p>")
    page = ("<html><head><title>湛河区住建局2023年政府信息公开工作年度报告_平顶山市人民政府</title></head><body>"
            "<p>当前位置：首页 政务公开 年报 来源：平顶山市人民政府 时间：2024-01-20</p><p>" + body + "</p></body></html>")
    doc = Document(path="x.html", text="当前位置：首页 政务公开 年报 来源：平顶山市人民政府 时间：2024-01-20\n" + _untitled(),
                   format="html", sha256="0" * 64, source_html=page)
    assert extract_document(doc, LayoutEngine()).organ == "湛河区住建局"
    # without the page's title the source field is all there is, and it is what the reader says
    bare = page.replace("<title>湛河区住建局2023年政府信息公开工作年度报告_平顶山市人民政府</title>", "")
    doc = Document(path="x.html", text=doc.text, format="html", sha256="0" * 64, source_html=bare)
    assert extract_document(doc, LayoutEngine()).organ == "平顶山市人民政府"
