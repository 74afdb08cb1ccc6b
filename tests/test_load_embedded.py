"""Markdown whose tables are embedded HTML (MinerU, olmOCR, Marker), and docling's Markdown
that repeats a merged cell into every column it spans."""

from __future__ import annotations

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load

TITLE = "# 某县人民政府办公室2023年政府信息公开工作年度报告\n\n"
KEYS = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")
T3_HTML = ("## 三、收到和处理政府信息公开申请情况\n\n"
           '<table><tr><td rowspan="3" colspan="3">本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和</td>'
           '<td colspan="7">申请人情况</td></tr>'
           '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
           "<tr><td>商业企业</td><td>科研机构</td><td>社会公益<br>组织</td><td>法律服务<br>机构</td><td>其他</td></tr>"
           '<tr><td colspan="3">一、本年新收政府<br>信息公开申请数量</td><td>7</td><td>2</td><td>1</td><td>0</td><td>0</td><td>3</td><td>13</td></tr>'
           '<tr><td colspan="3">二、上年结转政府<br>信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>'
           "</table>\n\n后文。\n")


def test_tables_embedded_as_html_in_markdown_are_read_with_their_spans(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(TITLE + T3_HTML, encoding="utf-8")
    doc = load(str(path))
    assert len(doc.tables) == 1 and "<table" not in doc.text and "后文。" in doc.text
    cell = next(c for c in doc.tables[0].cells if c.text.startswith("一、"))
    assert cell.text == "一、本年新收政府信息公开申请数量" and cell.colspan == 3
    flat = to_flat(LayoutEngine().read(doc).record)
    assert [flat[f"requests.new.{k}"] for k in KEYS] == [7, 2, 1, 0, 0, 3, 13]
    assert [flat[f"requests.carried_over.{k}"] for k in KEYS] == [1, 0, 0, 0, 0, 0, 1]


def test_text_with_no_table_markup_is_loaded_as_it_is(tmp_path):
    path = tmp_path / "r.md"
    text = TITLE + "正文提到<table>但没有表格。\n"
    path.write_text(text, encoding="utf-8")
    doc = load(str(path))
    assert doc.text == text and doc.tables == []


T2_DOCLING = """二、主动公开政府信息情况

| 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 5 | 5 | 5 |
| 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 |
| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |
| 行政许可 | 2629 | 2629 | 2629 |
| 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 |
| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |
| 行政处罚 | 1330 | 1330 | 1330 |
| 行政强制 | 54 | 54 | 54 |
| 第二十条第（八）项 | 第二十条第（八）项 | 第二十条第（八）项 | 第二十条第（八）项 |
| 信息内容 | 本年收费金额（万元） | 本年收费金额（万元） | 本年收费金额（万元） |
| 行政事业性收费 | 12.5 | 12.5 | 12.5 |

三、收到和处理政府信息公开申请情况
"""


def test_a_merged_cell_repeated_by_docling_is_one_cell_only_where_its_header_repeats(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(TITLE + T2_DOCLING, encoding="utf-8")
    reading = LayoutEngine().read(load(str(path)))
    flat = to_flat(reading.record)
    assert (flat["active.licensing.decisions"], flat["active.punishment.decisions"]) == (2629, 1330)
    assert flat["active.coercion.decisions"] == 54
    # three equal counts under three different headers stay three cells
    assert [flat[f"active.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [5, 5, 5]
    assert not [k for k in reading.doubts if k.startswith("active.")]
