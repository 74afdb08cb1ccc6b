"""Pages whose tables a script draws from data the page carries: the data is read as JSON (never
run) into tables; a page whose tables only a script could draw fails with that reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.load import load

_HEAD = "<html><head><meta charset='utf-8'><title>某局2023年政府信息公开工作年度报告</title></head><body>"
_ROWS = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", 0, 0, 3], ["行政规范性文件", 5, 1, 66]]


def _grid(doc, k: int = 0) -> list[list[str | None]]:
    return [[c.text if c else None for c in row] for row in doc.tables[k].grid()]


def _write(tmp_path: Path, body: str) -> str:
    p = tmp_path / "page.html"
    p.write_text(_HEAD + body + "</body></html>", encoding="utf-8")
    return str(p)


@pytest.mark.parametrize("script", [
    "var tableData = {data};\nrender('#t2', tableData);",
    "window.onload = function () {{ draw(document.getElementById(\"t2\"), {data}); }};",
    "var rows = JSON.parse('{data}'); render('#t2', rows);",
    "var rows = JSON.parse(\"{quoted}\"); render('#t2', rows);",
])
def test_array_of_rows_in_a_script_becomes_the_table_in_its_container(tmp_path, script):
    data = json.dumps(_ROWS, ensure_ascii=True)  # \\u escapes, as many pages write them
    quoted = json.dumps(data)[1:-1]  # the JSON inside a double-quoted JavaScript string
    path = _write(tmp_path, "<p>二、主动公开政府信息情况</p><div id='t2'></div><p>三、收到和处理政府信息公开申请情况</p>"
                            f"<script>{script.format(data=data, quoted=quoted)}</script>")
    doc = load(path)
    assert _grid(doc) == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "3"],
                          ["行政规范性文件", "5", "1", "66"]]
    # the table stands where the script draws it: between the two headings
    lines = doc.text.splitlines()
    assert lines.index("二、主动公开政府信息情况") < lines.index("规章\t0\t0\t3") < lines.index("三、收到和处理政府信息公开申请情况")


def test_cell_objects_with_spans_and_a_json_data_block(tmp_path):
    rows = [[{"text": "行政复议", "colspan": 2}, {"text": "行政诉讼", "rowSpan": 2}], [{"text": "结果维持"}, {"text": "总计"}],
            [{"text": 1}, {"text": 3}, {"text": 7}]]
    path = _write(tmp_path, "<p>四、政府信息公开行政复议、行政诉讼情况</p><div id='x'></div>"
                            f"<script type='application/json'>{json.dumps({'rows': rows})}</script>")
    assert _grid(load(path)) == [["行政复议", "行政复议", "行政诉讼"], ["结果维持", "总计", "行政诉讼"], ["1", "3", "7"]]


def test_scripts_that_hold_no_report_table_are_left_alone(tmp_path):
    path = _write(tmp_path, "<p>政府信息公开工作年度报告</p><p>一、总体情况 本年新收申请12件。</p>"
                            "<script>var series = [[1, 2], [3, 4]]; var conf = {\"menu\": [\"首页\", \"公开\"]};</script>")
    doc = load(path)
    assert doc.tables == [] and "本年新收申请12件" in doc.text


@pytest.mark.parametrize("script", [
    "$.ajax({url: '/api/report/12', success: function (d) { $('#t3').html(build(d)); }});",
    "document.write('<table><tr><td>' + '本年新收政府信息公开申请数量' + '</td></tr></table>');",
])
def test_tables_only_a_script_could_draw_fail_with_that_reason(tmp_path, script):
    path = _write(tmp_path, "<p>某局2023年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
                            f"<div id='t3'></div><script>{script}</script>")
    with pytest.raises(InputError, match=r"page\.html: the report's tables are drawn by a script"):
        load(path)


@pytest.mark.parametrize("js", ["x = [1" + ",[1" * 50000 + " oops", "x=" + "[" * 100000, "f({" * 20000])
def test_hostile_script_data_gives_no_table_and_no_crash(tmp_path, js):
    path = _write(tmp_path, f"<p>政府信息公开工作年度报告</p><script>{js}</script>")
    assert load(path).tables == []
