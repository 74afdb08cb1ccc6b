"""Layouts of round 14 (web) of the unseen-layout probe (issue 11): a PDF converted to HTML by
pdf2htmlEX (text runs placed by CSS classes, no `<table>`), an Excel sheet saved as a web page
(hidden `<col>`s), and online-form pages whose numbers are `<input value>` fields or `<img alt>`
digit pictures."""

from __future__ import annotations

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, TITLE

from extractor.engines.layout import LayoutEngine
from extractor.flat import to_flat
from extractor.load import load

ENGINE = LayoutEngine()
NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _read(tmp_path, page: str, name: str = "r.html"):
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    doc = load(str(path))
    reading = ENGINE.read(doc)
    return doc, reading, to_flat(reading.record)


def _t3_exact(flat) -> bool:
    return all([flat[f"requests.{row}.{k}"] for k in KEYS] == nums for row, nums in zip(
        ("new", "carried_over", "granted", "partial", "total", "carried_forward"), (n for _, n in T3_ROWS)))


def _t3_doubts(reading) -> list[str]:
    """表三's doubts but for the rows the short test table leaves out."""
    return [k for k, d in reading.doubts.items() if k.startswith("requests.") and d.reason != "missing_row"]


def _t2_lines() -> list[list[str]]:
    return [[c for c in line.split("  ") if c] for line in T2.splitlines() if line.strip()]


def _t3_lines() -> list[list[str]]:
    return [["项目", *NAMES]] + [[label.replace("\t", ""), *map(str, nums)] for label, nums in T3_ROWS]


def _pdf2htmlex(one_div: bool, scale: float = 0.25) -> str:
    """The test report as pdf2htmlEX writes a page: each cell a run at its left and baseline (or
    each line one run, its cells apart by gap spans), the places only in CSS classes."""
    lines = [[TITLE.strip()]] + _t2_lines() + [[T3_HEAD.strip()]] + _t3_lines()
    css, divs = [], []
    size = 9.0
    for i, cells in enumerate(lines):
        css.append(f".y{i:x}{{bottom:{800 - 16 * i}.000000px;}}")
        xs = [50.0] + [260.0 + 48 * k for k in range(len(cells) - 1)]
        if one_div:
            parts, end = [cells[0]], xs[0] + sum(size if ord(ch) > 0x2E80 else size / 2 for ch in cells[0])
            for x, t in zip(xs[1:], cells[1:]):
                css.append(f"._{i}_{len(parts)}{{width:{(x - end) / scale:.3f}px;}}")
                parts.append(f'<span class="_ _{i}_{len(parts)}"></span>{t}')
                end = x + sum(size if ord(ch) > 0x2E80 else size / 2 for ch in t)
            divs.append(f'<div class="t m0 x0 h2 y{i:x} ff1 fs0">{"".join(parts)}</div>')
        else:
            for k, (x, t) in enumerate(zip(xs, cells)):
                divs.append(f'<div class="t m0 x{k + 1:x} h2 y{i:x} ff1 fs0">{t}</div>')
    css += [f".x0{{left:{50:.6f}px;}}"] + [f".x{k + 1:x}{{left:{x:.6f}px;}}" for k, x in
                                             enumerate([50.0] + [260.0 + 48 * k for k in range(8)])]
    css += [f".m0{{transform:matrix({scale},0,0,{scale},0,0);}}", f".fs0{{font-size:{size / scale}px;}}",
            ".h0{height:841.889800px;}", ".t{position:absolute;white-space:pre;font-size:1px;}"]
    return ('<html><head><meta charset="utf-8"/><meta name="generator" content="pdf2htmlEX"/><style>'
            + "\n".join(css) + '</style></head><body><div id="page-container"><div id="pf1" class="pf w0 h0">'
            '<div class="pc pc1 w0 h0">' + "".join(divs) + "</div></div></div></body></html>")


def test_a_pdf_converted_to_positioned_runs_is_read_as_a_pdfs_words(tmp_path):
    # every run a div placed by its classes: read one run a line, the numbers of a row ran into
    # one another (`924…` from `<span class="_ _3"></span>` gaps) or stood one per line
    for one_div in (True, False):
        doc, reading, flat = _read(tmp_path, _pdf2htmlex(one_div))
        assert doc.tables, one_div
        assert _t3_exact(flat), one_div
        assert flat["active.licensing.decisions"] == 1205 and flat["active.normative.in_force"] == 27
        assert not _t3_doubts(reading), one_div


def test_a_page_of_few_positioned_runs_is_read_as_html(tmp_path):
    # a page with a `.y1{bottom:…}` rule and a few placed divs is no conversion: its table is read
    page = _pdf2htmlex(False).replace('<div class="pc pc1 w0 h0">', '<div class="pc pc1 w0 h0">' + _table(), 1)
    small = page[:page.index('<div class="t ')] + "</div></div></div></body></html>"
    doc, reading, flat = _read(tmp_path, small)
    assert _t3_exact(flat)


def _table(cell=lambda v: f"<td>{v}</td>", cols: str = "", extra=lambda r: "") -> str:
    t2 = "".join(f"<p>{c[0]}</p>" if len(c) == 1 else "<table border=1><tr>" + "".join(f"<td>{x}</td>" for x in c) + "</tr></table>"
                 for c in _t2_lines())
    rows = ["<tr><td>项目</td>" + extra(-1) + "".join(f"<td>{n}</td>" for n in NAMES) + "</tr>"]
    for r, (label, nums) in enumerate(T3_ROWS):
        rows.append("<tr><td>" + label.replace("\t", "") + "</td>" + extra(r) + "".join(cell(v) for v in nums) + "</tr>")
    return f"<p>{TITLE.strip()}</p>{t2}<p>{T3_HEAD.strip()}</p><table border=1>{cols}" + "".join(rows) + "</table>"


def test_numbers_in_read_only_fields_and_in_pictures_alt_text_are_cells(tmp_path):
    # was: the fields and pictures skipped, every cell blank, read as 0 and verified
    for cell in (lambda v: f'<td><input type="text" value="{v}" readonly></td>',
                 lambda v: f'<td><input value="{v}" disabled class="form-control"></td>',
                 lambda v: f"<td><textarea readonly>{v}</textarea></td>",
                 lambda v: f'<td><img src="/n/{v}.png" alt="{v}"></td>',
                 lambda v: f'<td><img src="/n/{v}.png" title="{v}"></td>'):
        doc, reading, flat = _read(tmp_path, f"<html><body>{_table(cell)}</body></html>")
        assert _t3_exact(flat), cell(5)
    # a picture's alt that is no number, a hidden field: no cell text
    doc, reading, flat = _read(tmp_path, "<html><body>" + _table(
        lambda v: f'<td><img src="l.png" alt="图标"><input type="hidden" value="99">{v}</td>') + "</body></html>")
    assert _t3_exact(flat)
    assert not any("图标" in c.text or "99" in c.text for t in doc.tables for c in t.cells)


def test_a_column_the_table_hides_by_its_col_is_not_printed(tmp_path):
    # Excel's "save as web page": a helper column hidden by `<col style='display:none'>` (its cells
    # hidden too, or not) holding last year's figures; a merged cell over it spans one column less
    cols = "<col width=160><col width=0 style='display:none'>" + "<col width=64>" * 7
    for hidden_cells in (False, True):
        hide = " style='display:none'" if hidden_cells else ""
        extra = lambda r: f"<td{hide}>{'上年' if r < 0 else 40 + r}</td>"  # noqa: E731
        doc, reading, flat = _read(tmp_path, f"<html><body>{_table(cols=cols, extra=extra)}</body></html>", "r.htm")
        assert _t3_exact(flat), hidden_cells
        assert not _t3_doubts(reading)
    spanned = _table(cols=cols, extra=lambda r: "<td>上年</td>" if r < 0 else "<td>1</td>").replace(
        "<tr><td>项目</td><td>上年</td>", "<tr><td colspan=2>项目</td>")
    doc, reading, flat = _read(tmp_path, f"<html><body>{spanned}</body></html>")
    assert _t3_exact(flat)
    head = next(c for t in doc.tables for c in t.cells if c.text == "项目")
    assert head.colspan == 1
