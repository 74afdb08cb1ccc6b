"""Tables drawn as runs of row elements (flex rows of divs or spans, `<ul>` rows of `<li>`s), read
as tables; lists and paragraphs that only look like rows stay text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.load import load

_HEAD = "<html><head><meta charset='utf-8'><title>某局2023年政府信息公开工作年度报告</title>{style}</head><body>"


def _load(tmp_path: Path, body: str, style: str = ""):
    p = tmp_path / "page.html"
    p.write_text(_HEAD.format(style=style) + body + "</body></html>", encoding="utf-8")
    return load(str(p))


def _grid(doc, k: int = 0) -> list[list[str | None]]:
    return [[c.text if c else None for c in row] for row in doc.tables[k].grid()]


def test_flex_rows_with_a_wide_cell_are_a_table_with_its_span(tmp_path):
    style = "<style>.row{display:flex}.cell{flex:1}.w2{flex:2}</style>"
    rows = ("<div class='row'><div class='cell w2'>第二十条第（五）项</div></div>"
            "<div class='row'><div class='cell'>信息内容</div><div class='cell'>本年处理决定数量</div></div>"
            "<div class='row'><div class='cell'>行政许可</div><div class='cell'>221</div></div>"
            "<div class='row'><div class='cell'>行政处罚</div><div class='cell'>20</div></div>"
            "<div class='row'><div class='cell'>行政强制</div><div class='cell'>0</div></div>")
    doc = _load(tmp_path, f"<p>二、主动公开政府信息情况</p><div class='tbl'>{rows}</div><p>三、收到</p>", style)
    assert _grid(doc) == [["第二十条第（五）项", "第二十条第（五）项"], ["信息内容", "本年处理决定数量"],
                          ["行政许可", "221"], ["行政处罚", "20"], ["行政强制", "0"]]
    lines = doc.text.splitlines()
    assert lines.index("二、主动公开政府信息情况") < lines.index("行政许可\t221") < lines.index("三、收到")


@pytest.mark.parametrize("row,cell", [("ul", "li"), ("div", "span")])
def test_rows_styled_only_by_a_linked_stylesheet_are_read_by_their_shape(tmp_path, row, cell):
    body = "".join(f"<{row} class='tr'><{cell} class='td'>{a}</{cell}><{cell} class='td' style='flex:1'>{b}</{cell}>"
                   f"<{cell} class='td'></{cell}></{row}>"
                   for a, b in (("信息内容", "本年处理决定数量"), ("行政许可", "5"), ("行政处罚", "12"), ("行政强制", "0")))
    doc = _load(tmp_path, f"<p>二、主动公开政府信息情况</p><div>{body}</div>", "<link rel='stylesheet' href='/a.css'>")
    assert _grid(doc)[1:] == [["行政许可", "5", ""], ["行政处罚", "12", ""], ["行政强制", "0", ""]]


def test_lists_and_paragraphs_that_look_like_rows_stay_text(tmp_path):
    news = "".join(f"<li class='item'><a href='/n{i}'>关于印发第{i}号通知</a><span>2023-0{i}-01</span></li>" for i in range(1, 6))
    paras = "".join(f"<p class='MsoNormal'><span>行政许可</span><span>{i}</span></p>" for i in range(1, 6))
    split = "<div class='r'><span>行政许可</span><span>5</span></div>说明<div class='r'><span>行政处罚</span><span>6</span></div>"
    doc = _load(tmp_path, f"<ul class='news'>{news}</ul>{paras}{split}")
    assert doc.tables == []
    assert "行政许可1" in doc.text and "关于印发第1号通知2023-01-01" in doc.text
