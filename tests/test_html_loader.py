"""HTML pages as government sites publish them: article body, tables with spans, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.flat import to_flat
from extractor.load import load
from extractor.load.html import load_html

PAGE = """<html><head><meta charset="gbk"><title>2019年上海市人民政府办公厅政府信息公开工作年度报告_上海市人民政府</title>
<script>var x = "第二十条 1 2 3";</script></head><body>
<div class="nav-menu"><a href="/">首页</a> 政务公开 2018年年报</div>
<div class="article">
<p style='text-align: center;font-weight: bold;'>2019年上海市人民政府办公厅政府信息公开工作年度报告</p>
<p>二、主动公开政府信息情况</p>
<table border="1"><tbody>
<tr><td colspan="5"><p align="center">第二十条第（一）项</p></td></tr>
<tr><td><p align="center">信息内容</p></td><td><p align="center">本年新<br />制作数量</p></td>
<td colspan="2"><p align="center">本年新<br />公开数量</p></td><td><p align="center">对外公开总数量</p></td></tr>
<tr><td><p>规章</p></td><td><p align="center">13</p></td><td colspan="2"><p align="center">13</p></td><td><p>524</p></td></tr>
<tr><td colspan="5"><p align="center">第二十条第（九）项</p></td></tr>
<tr><td><p>政府集中采购</p></td><td colspan="2"><p align="center">6</p></td><td colspan="2"><p align="center">251000元</p></td></tr>
</tbody></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1"><tbody>
<tr><td colspan="3" rowspan="3"><p>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p></td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3"><p>一、本年新收政府信息公开申请数量</p></td><td>821</td><td>35</td><td>&nbsp;</td><td>&nbsp;</td><td>2</td><td>1</td><td>859</td></tr>
<tr><td rowspan="3"><p>三、本年度办理结果</p></td><td colspan="2"><p>（一）予以公开</p></td><td>258</td><td>12</td><td>&nbsp;</td><td>&nbsp;</td><td>1</td><td>1</td><td>272</td></tr>
<tr><td rowspan="2"><p>（三）不予公开</p></td><td><p>1.属于国家秘密</p></td><td>14</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>14</td></tr>
<tr><td><p>2.其他法律行政法规禁止公开</p></td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
</tbody></table>
<p><br />四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>5</td><td>&nbsp;</td><td>&nbsp;</td><td>2</td><td>7</td><td>8</td><td>&nbsp;</td><td>&nbsp;</td><td>1</td><td>9</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr></table>
<p>五、政府信息公开工作存在的主要问题及改进情况</p>
</div><div class="footer">版权所有 2020</div></body></html>"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    p = tmp_path / "report.html"
    p.write_bytes(PAGE.encode("gbk"))
    return p


def test_html_text_tables_spans_and_locators(page: Path):
    doc = load(str(page))
    assert doc.format == "html" and doc.encoding in ("gb18030", "gbk")
    assert doc.source_html is not None and "<table" in doc.source_html
    assert "首页" not in doc.text and "var x" not in doc.text  # navigation and scripts dropped
    assert doc.text.startswith("2019年上海市人民政府办公厅")
    assert "规章\t13\t13\t524" in doc.text  # a table row is a line of tab-separated cells
    assert "信息内容\t本年新制作数量\t本年新公开数量" in doc.text  # <br/> inside a label joined
    assert len(doc.tables) == 3
    t3 = doc.tables[1]
    first = next(c for c in t3.cells if c.text.startswith("（本列数据"))
    assert (first.rowspan, first.colspan) == (3, 3)
    assert t3.n_cols == 10
    vertical = next(c for c in t3.cells if c.text == "三、本年度办理结果")
    assert vertical.rowspan == 3 and vertical.col == 0
    blank = next(c for c in t3.cells if c.row == 3 and c.col == 5)
    assert blank.text == ""  # &nbsp;
    for c in t3.cells:
        assert doc.text[c.span[0]:c.span[1]] == c.text
        assert c.locator["dom"].startswith("table[2]/tr[")


def test_html_read_by_the_layout_engine_through_its_grids(page: Path):
    doc = load(str(page))
    reading = LayoutEngine().read(doc)
    assert reading.trace[0]["source"] == {"active": "grid", "requests": "grid", "appeals": "grid"}
    f = to_flat(reading.record)
    assert reading.record.organ == "上海市人民政府办公厅" and reading.record.year == 2019
    assert (f["active.regulations.made"], f["active.regulations.published"], f["active.regulations.total"]) == (13, 13, 524)
    assert f["active.procurement.items"] == 6 and int(f["active.procurement.amount"]) == 251000
    assert reading.record.printed["active.procurement.amount"] == "251000元"
    assert [f[f"requests.new.{c}"] for c in ("natural", "commercial", "research", "total")] == [821, 35, 0, 859]
    assert reading.record.printed["requests.new.research"] == ""
    assert f["requests.denied_state_secret.natural"] == 14 and f["requests.denied_prohibited.total"] == 0
    assert (f["review.upheld"], f["review.pending"], f["review.total"], f["litigation_direct.total"]) == (5, 2, 7, 9)
    prov = reading.provenance["requests.new.natural"]
    assert doc.text[prov.start:prov.end] == "821" and prov.locator["dom"].startswith("table[2]/tr[4]/")


def test_html_without_text_is_an_input_error(tmp_path: Path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="empty.html"):
        load_html(str(p))


def test_xhtml_with_an_encoding_declaration(tmp_path: Path):
    p = tmp_path / "x.xhtml"
    p.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace('charset="gbk"', 'charset="utf-8"'),
                 encoding="utf-8")
    doc = load(str(p))
    assert "规章\t13\t13\t524" in doc.text and len(doc.tables) == 3


def test_one_cell_table_inside_a_cell_is_that_cells_content(tmp_path: Path):
    """CMS editors centre a number by wrapping it in a one-cell table: the outer table is still the
    data table (read as a grid), the number its cell's text; a frame holding tables stays a frame."""
    wrapped = "<table width='100%' border=0><tr><td align=center><span>1</span><span>2</span></td></tr></table>"
    page = (f"<html><body><p>某局2023年政府信息公开工作年度报告</p><table><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
            f"<tr><td>行政许可</td><td>{wrapped}</td></tr><tr><td>行政处罚</td><td>&nbsp;</td></tr></table>"
            "<table><tr><td><table><tr><td>行政强制</td><td>3</td></tr></table></td></tr></table></body></html>")
    p = tmp_path / "wrapped.html"
    p.write_text(page, encoding="utf-8")
    doc = load(str(p))
    grids = [[[c.text for c in row] for row in t.grid()] for t in doc.tables]
    assert grids == [[["信息内容", "本年处理决定数量"], ["行政许可", "12"], ["行政处罚", ""]], [["行政强制", "3"]]]
