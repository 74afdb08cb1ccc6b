"""Files (office8: Word and Excel structures)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import HEADINGS

from ._common import Ctx, hidden_totals, plain
from .files3 import _docx_bytes, _docx_doc, _docx_table, _sheet_layout


_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _docx_report(ctx: Ctx, dress: Callable[[Any, str], None]) -> tuple[bytes, str]:
    """A report as a .docx (prose, headings, tables as python-docx merges them), each table's
    XML then dressed by `dress(tbl, sec)` as a Word or WPS version writes it."""
    d = _docx_doc(ctx)
    for line in ctx.before.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    for sec, table in ctx.sections:
        d.add_paragraph(HEADINGS[sec])
        t = _docx_table(d, table, lambda c: plain(c.value))
        dress(t._tbl, sec)
    for line in ctx.after.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    return _docx_bytes(d), ".docx"


def _number_runs(tbl: Any) -> list[tuple[Any, Any, str]]:
    """(paragraph, run, text) of each cell paragraph holding one run that is a number."""
    out = []
    for p in list(tbl.iter(_w("p"))):
        runs = p.findall(_w("r"))
        if len(runs) == 1:
            text = "".join(x.text or "" for x in runs[0].iter(_w("t")))
            if re.fullmatch(r"-?[\d.]+", text):
                out.append((p, runs[0], text))
    return out


def _wrap_in(el: Any, xml: str) -> None:
    """Put `el` inside the wrapper element `xml` (its innermost empty element), where `el` was."""
    from docx.oxml import parse_xml

    wrapper = parse_xml(xml)
    inner = wrapper
    while len(inner):
        inner = inner[-1]
    el.addprevious(wrapper)
    inner.append(el)


def _run(text: str) -> str:
    return f'<w:r {_WNS}><w:t xml:space="preserve">{text}</w:t></w:r>'


def docx_controls(ctx: Ctx) -> tuple[bytes, str]:
    """A report from a form-like Word/WPS template: value cells and whole rows in content
    controls (`w:sdt`) or custom XML, numbers tagged by Chinese Word's smart tags, typed as
    fields (`= 3 + 4` with its result, `=SUM(ABOVE)`) or as hyperlinks, a minus typed as
    a non-breaking hyphen."""
    from docx.oxml import parse_xml

    rng = ctx.rng
    sdt = f'<w:sdt {_WNS}><w:sdtPr><w:id w:val="{{}}"/><w:text/></w:sdtPr><w:sdtContent/></w:sdt>'
    cxml = f'<w:customXml {_WNS} w:uri="urn:gov:report" w:element="{{}}"/>'

    def dress(tbl: Any, sec: str) -> None:
        for p, run, text in _number_runs(tbl):
            r = rng.random()
            if text.startswith("-"):
                run.addprevious(parse_xml(f'<w:r {_WNS}><w:noBreakHyphen/></w:r>'))
                run.find(_w("t")).text = text[1:]
            if r < 0.15:
                _wrap_in(run, f'<w:smartTag {_WNS} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv"/>')
            elif r < 0.3:
                a = rng.randint(0, 9)
                p.remove(run)
                for x in (f'<w:r {_WNS}><w:fldChar w:fldCharType="begin"/></w:r>',
                          f'<w:r {_WNS}><w:instrText xml:space="preserve"> = {a} + {a + 1} \\# "0" </w:instrText></w:r>',
                          f'<w:r {_WNS}><w:fldChar w:fldCharType="separate"/></w:r>', _run(text.lstrip("-")),
                          f'<w:r {_WNS}><w:fldChar w:fldCharType="end"/></w:r>'):
                    p.append(parse_xml(x))
            elif r < 0.4:
                _wrap_in(run, f'<w:fldSimple {_WNS} w:instr=" =SUM(ABOVE) "/>')
            elif r < 0.5:
                _wrap_in(run, f'<w:hyperlink {_WNS} w:anchor="_Toc{rng.randint(100, 999)}"/>')
        for tr in tbl.findall(_w("tr")):
            if rng.random() < 0.2:
                _wrap_in(tr, sdt.format(rng.randint(1, 10**6)) if rng.random() < 0.5 else cxml.format("row"))
                continue
            for tc in tr.findall(_w("tc")):
                if rng.random() < 0.15:
                    _wrap_in(tc, sdt.format(rng.randint(1, 10**6)) if rng.random() < 0.7 else cxml.format("cell"))

    return _docx_report(ctx, dress)


def docx_unshown(ctx: Ctx) -> tuple[bytes, str]:
    """A report edited in Word and saved with the edits showing what Word no longer shows: an
    older number kept as hidden text beside the new one (`w:vanish`), a number moved in from
    elsewhere with Track Changes on (`w:moveFrom` the old, `w:moveTo` the new), a row of older
    numbers deleted with Track Changes on (`w:trPr/w:del`), headers merged the old way
    (`w:hMerge` instead of `w:gridSpan`, as Word 97-era templates keep)."""
    import copy

    from docx.oxml import parse_xml

    rng = ctx.rng
    hmerge = rng.random() < 0.5
    n = [0]

    def rev() -> str:
        n[0] += 1
        return f'w:id="{n[0]}" w:author="办公室" w:date="2024-01-10T09:00:00Z"'

    def dress(tbl: Any, sec: str) -> None:
        for p, run, text in _number_runs(tbl):
            r = rng.random()
            old = str(int(float(text)) + rng.randint(1, 9)) if "." not in text else text + "1"
            if r < 0.2:
                run.addprevious(parse_xml(f'<w:r {_WNS}><w:rPr><w:vanish/></w:rPr><w:t>{old}</w:t></w:r>'))
            elif r < 0.35:
                p.remove(run)
                p.append(parse_xml(f'<w:moveFrom {_WNS} {rev()}>{_run(old)}</w:moveFrom>'))
                p.append(parse_xml(f'<w:moveTo {_WNS} {rev()}>{_run(text)}</w:moveTo>'))
        rows = tbl.findall(_w("tr"))
        for tr in rows[1:]:
            if rng.random() < 0.1 and len(_number_runs(tr)) > 1:
                dead = copy.deepcopy(tr)
                tr_pr = dead.find(_w("trPr"))
                if tr_pr is None:
                    tr_pr = parse_xml(f"<w:trPr {_WNS}/>")
                    dead.insert(0, tr_pr)
                tr_pr.append(parse_xml(f"<w:del {_WNS} {rev()}/>"))
                for t in dead.iter(_w("t")):  # a deleted row's text is deleted text
                    if re.fullmatch(r"-?[\d.]+", t.text or ""):
                        t.text = str(int(float(t.text)) + rng.randint(1, 9)) if "." not in t.text else t.text + "1"
                tr.addprevious(dead)
        if hmerge:
            for tc in list(tbl.iter(_w("tc"))):
                span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                if span is None or tc.find(f"{_w('tcPr')}/{_w('vMerge')}") is not None:
                    continue
                k = int(span.get(_w("val")))
                span.getparent().replace(span, parse_xml(f'<w:hMerge {_WNS} w:val="restart"/>'))
                for _ in range(k - 1):
                    tc.addnext(parse_xml(f'<w:tc {_WNS}><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>'))

    return _docx_report(ctx, dress)


def xlsx_formulas(ctx: Ctx) -> tuple[bytes, str]:
    """The report's tables exported to Excel (`_sheet_layout`), 表三's 总计 column and 表四's three
    总计 as formulas (the sum of the row's applicants, of the group's four results), saved as
    Excel does (the result kept), as a library writes them (no result: openpyxl) or with a
    placeholder 0 and "recompute on opening" (XlsxWriter); now and then a hidden helper column or
    a hidden row of last year's numbers, or a hidden sheet holding an older copy. Without a kept
    result, a total whose real report printed other than its parts' sum has that sum beside it
    in the gold's `ambiguous` (`hidden_totals`)."""
    import io
    import zipfile

    import openpyxl

    rng = ctx.rng
    mode = rng.choice(["cached", "uncached", "placeholder"])
    wb = openpyxl.Workbook()
    wb.active.title = "年报"
    sheets = [wb.active]
    formulas: dict[tuple[int, str], Any] = {}  # (sheet, ref) → the value Excel would show
    for s, r, c, rs, cs, v in _sheet_layout(ctx, lambda x, as_text: plain(x) if isinstance(x, Decimal) else x):
        if s == len(sheets):
            sheets.append(wb.create_sheet(f"表{s + 1}"))
        sheets[s].cell(r + 1, c + 1, v if v != "" else None)
        if rs > 1 or cs > 1:
            sheets[s].merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs)
    for ws in sheets:
        if rng.random() < 0.3 and ws.max_row > 6:  # last year's row inside the table, hidden
            r = rng.randint(5, ws.max_row - 1)
            src = [ws.cell(r, c).value for c in range(1, ws.max_column + 1)]
            ws.insert_rows(r + 1)
            for c, v in enumerate(src, 1):
                ws.cell(r + 1, c, v + rng.randint(1, 5) if isinstance(v, int) else None)
            ws.row_dimensions[r + 1].hidden = True
            for m in list(ws.merged_cells.ranges):  # openpyxl does not move merges on insert
                if m.min_row > r:
                    m.shift(0, 1)
                elif m.max_row > r:
                    m.expand(down=1)
    for s, ws in enumerate(sheets):  # 表三's 总计 column: the sum of the row's applicants
        for row in ws.iter_rows():
            nums = [c for c in row if isinstance(c.value, int)]
            if len(nums) >= 6 and all(c.value is None for c in row[nums[-1].column:]):
                # 表四's row of fifteen: each group's 总计 the sum of its four results (was: the
                # fifteenth cell the sum of the other fourteen, a formula no table holds)
                for group in ([nums[i:i + 5] for i in (0, 5, 10)] if len(nums) == 15 else [nums]):
                    last = group[-1]
                    formulas[(s, last.coordinate)] = last.value
                    last.value = f"=SUM({group[0].coordinate}:{group[-2].coordinate})"
    if mode != "cached":
        # the file holds no result (or a placeholder): where the real report's printed 总计
        # contradicts its parts, a person who opens the file sees the formula's sum, not the print
        ctx.ambiguous = hidden_totals(ctx)  # type: ignore[attr-defined]
    for ws in sheets:
        if rng.random() < 0.3:  # a helper column right of the table, hidden
            col = ws.max_column + 1
            for r in range(3, ws.max_row + 1):
                ws.cell(r, col, rng.randint(1, 99))
            ws.column_dimensions[openpyxl.utils.get_column_letter(col)].hidden = True
    if rng.random() < 0.3:
        old = wb.copy_worksheet(sheets[0])
        old.title = "上年"
        old.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    if mode == "uncached":
        return buf.getvalue(), ".xlsx"  # openpyxl: no results, and "recompute on opening"
    # put the results in, as Excel saves them (without openpyxl's request to recompute), or
    # XlsxWriter's 0 (with it)
    z = zipfile.ZipFile(buf)
    parts = {n: z.read(n) for n in z.namelist()}
    for (s, ref), v in formulas.items():
        name = f"xl/worksheets/sheet{s + 1}.xml"
        shown = "0" if mode == "placeholder" else str(v)
        parts[name] = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*(?:/>|></v>)',
                             lambda m: f"{m.group(1)}{m.group(2)}<v>{shown}</v>", parts[name].decode()).encode()
    wbx = re.sub(r"<calcPr[^>]*/>", "", parts["xl/workbook.xml"].decode())
    if mode == "placeholder":
        wbx = wbx.replace("</workbook>", '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
    parts["xl/workbook.xml"] = wbx.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zz:
        for name, data in parts.items():
            zz.writestr(name, data)
    return out.getvalue(), ".xlsx"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "docx-controls": docx_controls,
    "docx-unshown": docx_unshown,
    "xlsx-formulas": xlsx_formulas,
}
