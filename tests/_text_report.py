"""A small text report for the layout-form tests: a title, a spaced 2021 表二, 表三's heading, and
one way to read a text through the loader and the layout reader."""

from __future__ import annotations

import re

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load

ENGINE = LayoutEngine()
TITLE = "某县人民政府办公室2023年政府信息公开工作年度报告\n"
T2 = ("二、主动公开政府信息情况\n"
      "第二十条第（一）项\n信息内容  本年制发件数  本年废止件数  现行有效件数\n"
      "规章  0  0  0\n行政规范性文件  3  1  27\n"
      "第二十条第（五）项\n信息内容  本年处理决定数量\n行政许可  1205\n"
      "第二十条第（六）项\n信息内容  本年处理决定数量\n行政处罚  88\n行政强制  4\n"
      "第二十条第（八）项\n信息内容  本年收费金额（万元）\n行政事业性收费  0\n\n")
T3_HEAD = "三、收到和处理政府信息公开申请情况\n"
#: 表三's rows, every column a different number (a cell put in another column reads wrongly)
T3_ROWS = [("一、本年新收政府信息公开申请数量", [9, 4, 3, 2, 1, 5, 24]),
           ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 1, 2]),
           ("三、本年度办理结果\t（一）予以公开", [6, 3, 2, 1, 1, 4, 17]),
           ("（二）部分公开", [2, 1, 1, 1, 0, 1, 6]),
           ("（七）总计", [8, 4, 3, 2, 1, 5, 23]),
           ("四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])]
#: the flat key suffixes of 表三's seven columns, in printed order
KEYS = ("natural", "commercial", "research", "nonprofit", "legal_service", "other_org", "total")


def read_text(tmp_path, text: str, *, title: str = TITLE):
    """The reading of `title + text` saved as a UTF-8 .txt file, and its record as flat keys."""
    path = tmp_path / "r.txt"
    path.write_bytes((title + text).encode("utf-8"))
    reading = ENGINE.read(load(str(path)))
    return reading, to_flat(reading.record)


def html_of(text: str) -> str:
    """`text`'s tables as HTML tables (a cell per tab or double space), its headings as
    paragraphs, under the report's title."""
    out, rows = [], []
    for line in text.splitlines():
        if line[:2] in ("二、", "三、", "四、") or not line.strip():
            if rows:
                out.append("<table border=1>" + "".join(rows) + "</table>")
                rows = []
            if line.strip():
                out.append(f"<p>{line}</p>")
            continue
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in re.split(r"\t| {2,}", line)) + "</tr>")
    if rows:
        out.append("<table border=1>" + "".join(rows) + "</table>")
    return f"<html><head><title>{TITLE.strip()}</title></head><body>" + "".join(out) + "</body></html>"
