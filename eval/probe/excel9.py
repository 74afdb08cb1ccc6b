"""Workbook quirks (excel9, issue 11)

Workbooks as offices send them: custom number formats (0"件", #,##0, a dash for 0, 0.00 for fees),
numbers stored as text or in full-width digits; a few counts Excel turned into dates (`3-12`
typed into a cell); the three tables on three sheets in any order with the title on a cover
sheet or only in the document properties; merged ranges whose value sits in a cell other than
the top-left (LibreOffice); and sheets styled thousands of columns and rows past the table.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from extractor.printed import HEADINGS, grid

from ._common import Ctx, plain
from .files3 import _sheet_layout
from .files5 import ods_export


def _x9_sheets(ctx: Ctx, number: Callable[[Any, bool], Any]) -> Any:
    """The standard export (`_sheet_layout`) as an openpyxl workbook, plus where the merges are:
    (workbook, [(sheet, r0, c0, r1, c1)] 1-based)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "年报"
    sheets = [wb.active]
    merges = []
    for s, r, c, rs, cs, v in _sheet_layout(ctx, number):
        if s == len(sheets):
            sheets.append(wb.create_sheet(f"表{s + 1}"))
        sheets[s].cell(r + 1, c + 1, v if v != "" else None)
        if rs > 1 or cs > 1:
            merges.append((s, r + 1, c + 1, r + rs, c + cs))
    return wb, merges


def _x9_save(wb: Any) -> bytes:
    import io

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _x9_number_formats(ctx: Ctx) -> tuple[bytes, str]:
    """Counts under custom number formats (0"件", #,##0, 0;-0;"—" that shows 0 as a dash, General),
    fees under 0.00; now and then a number stored as text (Excel's green triangle, `'12`) or typed
    in full-width digits (１２)."""
    rng = ctx.rng
    fmt_int = rng.choice(['0"件"', '#,##0', '0;-0;"—"', '0;-0;"-"', '#,##0;-#,##0;"－"', 'General'])
    fmt_dec = rng.choice(["0.00", "#,##0.00", '0.00"万元"'])
    text_share = rng.choice([0.0, 0.1, 0.3])
    wide = str.maketrans("0123456789.", "０１２３４５６７８９．")

    def number(x: Any, as_text: bool) -> Any:
        if rng.random() < text_share:
            t = plain(x)
            return t.translate(wide) if rng.random() < 0.5 else t
        return float(x) if isinstance(x, Decimal) else x

    wb, merges = _x9_sheets(ctx, number)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, bool):
                    continue
                if isinstance(c.value, int):
                    c.number_format = fmt_int
                elif isinstance(c.value, float):
                    c.number_format = fmt_dec
                elif isinstance(c.value, str) and re.fullmatch(r"[0-9.]+", c.value) and rng.random() < 0.5:
                    c.quotePrefix = True  # typed as '12: Excel's green triangle
    for s, r0, c0, r1, c1 in merges:
        wb.worksheets[s].merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    ctx.recipe = f"{fmt_int} {fmt_dec} text {text_share}"  # type: ignore[attr-defined]
    return _x9_save(wb), ".xlsx"


def _x9_typed_dates(ctx: Ctx) -> tuple[bytes, str]:
    """One to three small counts (1–12) that Excel turned into dates when typed as `3-12` (a pair
    written in one cell): the cell holds a date serial with a date format (m月d日, m-d, yyyy/m/d).
    The number is not in the file: the cell must be a doubt, never the month, day or year read."""
    import datetime as dt

    rng = ctx.rng
    fmt = rng.choice(["m月d日", "m-d", "yyyy/m/d", "mm-dd"])
    year = ctx.case.report_year or 2023
    wb, merges = _x9_sheets(ctx, lambda x, as_text: plain(x) if isinstance(x, Decimal) else x)
    small = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, int) and not isinstance(c.value, bool) and 1 <= c.value <= 12]
    for c in rng.sample(small, min(len(small), rng.randint(1, 3))):
        c.value = dt.datetime(int(year), c.value, rng.randint(1, 28))
        c.number_format = fmt
    for s, r0, c0, r1, c1 in merges:
        wb.worksheets[s].merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    ctx.recipe = fmt  # type: ignore[attr-defined]
    return _x9_save(wb), ".xlsx"


def _x9_sheet_split(ctx: Ctx) -> tuple[bytes, str]:
    """Each table on its own sheet (表二/表三/表四, Sheet1..3 or 第二部分..), the sheets in any
    order, the title on a cover sheet of its own or only in the document properties (core.xml)."""
    import openpyxl

    rng = ctx.rng
    names = rng.choice([["表二", "表三", "表四"], ["Sheet1", "Sheet2", "Sheet3"], ["主动公开", "依申请公开", "复议诉讼"]])
    cover = rng.choice(["sheet", "properties", "both"])
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    order = list(range(len(ctx.sections)))
    rng.shuffle(order)
    made = {}
    for k in order:
        made[k] = wb.create_sheet(names[k] if k < len(names) else f"表{k + 2}")
    for n, (sec, table) in enumerate(ctx.sections):
        ws = made[n]
        ws.cell(1, 1, HEADINGS[sec])
        g = grid(table)
        for r, row in enumerate(table):
            col = 0
            for c in row:
                while col < len(g[0]) and g[r][col] is not c:
                    col += 1
                v = c.text if c.key is None else (plain(c.value) if isinstance(c.value, Decimal) else c.value)
                ws.cell(r + 2, col + 1, v if v != "" else None)
                if c.rowspan > 1 or c.colspan > 1:
                    ws.merge_cells(start_row=r + 2, start_column=col + 1, end_row=r + 1 + c.rowspan, end_column=col + c.colspan)
                col += c.colspan
    if cover in ("sheet", "both"):
        ws = wb.create_sheet("封面", 0 if rng.random() < 0.7 else len(wb.worksheets))
        ws.cell(1, 1, ctx.title)
    if cover in ("properties", "both"):
        wb.properties.title = ctx.title
    ctx.recipe = f"{names[0]} order {order} title {cover}"  # type: ignore[attr-defined]
    return _x9_save(wb), ".xlsx"


def _x9_merge_offset(ctx: Ctx) -> tuple[bytes, str]:
    """Merged ranges as LibreOffice may leave them: the value in a cell of the range other than
    the top-left (the last row's, or the middle one's), the top-left empty."""
    import io
    import zipfile

    rng = ctx.rng
    where = rng.choice(["last", "middle"])
    wb, merges = _x9_sheets(ctx, lambda x, as_text: plain(x) if isinstance(x, Decimal) else x)
    per_sheet: dict[int, list[str]] = {}
    from openpyxl.utils import get_column_letter as L

    for s, r0, c0, r1, c1 in merges:
        ws = wb.worksheets[s]
        v = ws.cell(r0, c0).value
        if v is not None and (r1 > r0 or c1 > c0) and rng.random() < 0.7:
            r = r1 if where == "last" else (r0 + r1) // 2
            c = c0 if r1 > r0 else (c1 if where == "last" else (c0 + c1) // 2)
            ws.cell(r0, c0).value = None
            ws.cell(r, c).value = v
        per_sheet.setdefault(s, []).append(f"{L(c0)}{r0}:{L(c1)}{r1}")
    data = _x9_save(wb)
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: z.read(n) for n in z.namelist()}
    for s, refs in per_sheet.items():
        name = f"xl/worksheets/sheet{s + 1}.xml"
        xml = parts[name].decode()
        mc = f'<mergeCells count="{len(refs)}">' + "".join(f'<mergeCell ref="{x}"/>' for x in refs) + "</mergeCells>"
        parts[name] = xml.replace("</sheetData>", "</sheetData>" + mc, 1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zz:
        for name, b in parts.items():
            zz.writestr(name, b)
    ctx.recipe = where  # type: ignore[attr-defined]
    return out.getvalue(), ".xlsx"


def _x9_wide_styled(ctx: Ctx) -> tuple[bytes, str]:
    """The standard export with a whole-sheet style: thousands of empty cells styled (borders,
    a fill) to the right of and below the table, as a sheet formatted by selecting whole columns or
    rows; a print area set on the used part, and now and then a hidden sheet."""
    from openpyxl.styles import Border, PatternFill, Side

    rng = ctx.rng
    wb, merges = _x9_sheets(ctx, lambda x, as_text: plain(x) if isinstance(x, Decimal) else x)
    for s, r0, c0, r1, c1 in merges:
        wb.worksheets[s].merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    n_cols, n_rows = rng.choice([(300, 400), (1200, 60), (40, 5000), (16384, 3)])
    thin = Side(style="thin")
    fill = PatternFill("solid", fgColor="FFFFFF")
    for ws in wb.worksheets:
        used_r, used_c = ws.max_row, ws.max_column
        ws.print_area = f"A1:{ws.cell(used_r, used_c).coordinate}"
        ws.cell(n_rows, n_cols).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for c in range(1, min(n_cols, 2000) + 1, 3):
            ws.cell(1, c).fill = fill
        for r in range(1, min(n_rows, 3000) + 1, 7):
            ws.cell(r, used_c + 1).fill = fill
    if rng.random() < 0.3:
        old = wb.create_sheet("旧表")
        old.cell(1, 1, "上年数据")
        old.cell(2, 1, 99)
        old.sheet_state = "hidden"
    ctx.recipe = f"{n_cols}x{n_rows}"  # type: ignore[attr-defined]
    return _x9_save(wb), ".xlsx"


def _x9_ods_quirks(ctx: Ctx) -> tuple[bytes, str]:
    """The .ods export (`ods_export`) as LibreOffice leaves some files: one to three counts typed
    as `3-12` stored as date cells (`office:value-type="date"`, shown 3月12日 or 2024/3/12), and
    merged cells whose text sits in the covered cell after the spanning one (the span's own cell
    empty). The date cells must be doubts, the merged texts read."""
    import io
    import zipfile

    rng = ctx.rng
    data, suffix = ods_export(ctx)
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["content.xml"].decode()
    plain_float = re.compile(r'<table:table-cell office:value-type="float" office:value="(\d+)"><text:p>\1</text:p></table:table-cell>')
    spots = [m for m in plain_float.finditer(xml) if 1 <= int(m.group(1)) <= 12]
    year = int(ctx.case.report_year or 2023)
    shown = rng.choice(["{m}月{d}日", "{y}/{m}/{d}", "{m}-{d}"])
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(1, 3))), key=lambda m: m.start(), reverse=True)
    for m in chosen:
        month, day = int(m.group(1)), rng.randint(1, 28)
        cell = (f'<table:table-cell office:value-type="date" office:date-value="{year}-{month:02d}-{day:02d}">'
                f"<text:p>{shown.format(y=year, m=month, d=day)}</text:p></table:table-cell>")
        xml = xml[:m.start()] + cell + xml[m.end():]
    moved = 0

    def move(m: re.Match) -> str:
        nonlocal moved
        if rng.random() < 0.6:
            return m.group(0)
        moved += 1
        attrs = m.group(1).replace(' office:value-type="string"', "")
        return (f"<table:table-cell{attrs}/>"
                f'<table:covered-table-cell office:value-type="string"><text:p>{m.group(2)}</text:p></table:covered-table-cell>')

    xml = re.sub(r'<table:table-cell((?: office:value-type="string")? table:number-columns-spanned="\d+"[^>]*)>'
                 r"<text:p>([^<]*)</text:p></table:table-cell><table:covered-table-cell/>", move, xml)
    parts["content.xml"] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zz:
        for name, b in parts.items():
            zz.writestr(name, b, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    ctx.recipe = f"{len(chosen)} dates {shown}, {moved} moved"  # type: ignore[attr-defined]
    return out.getvalue(), suffix


def _x9_xls_quirks(ctx: Ctx) -> tuple[bytes, str]:
    """The .xls export (BIFF8, as `xls_binary`) with merged ranges whose value sits in the range's
    last cell (the top-left empty), and one to three small counts stored as dates (a count typed
    as `3-12`, formatted m月d日 or m/d/yy): the dates must be doubts, the merged values read."""
    import datetime as dt
    import io

    import xlwt

    rng = ctx.rng
    fmt = xlwt.easyxf(num_format_str=rng.choice(['m"月"d"日"', "m/d/yy", "yyyy/m/d"]))
    year = int(ctx.case.report_year or 2023)
    wb = xlwt.Workbook(encoding="utf-8")
    sheets = [wb.add_sheet("年报")]
    cells = list(_sheet_layout(ctx, lambda x, as_text: float(x) if isinstance(x, Decimal) else x))
    small = [k for k, (_, _, _, rs, cs, v) in enumerate(cells)
             if rs == cs == 1 and isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12]
    dated = set(rng.sample(small, min(len(small), rng.randint(1, 3))))
    moved = 0
    for k, (s, r, c, rs, cs, v) in enumerate(cells):
        if s == len(sheets):
            sheets.append(wb.add_sheet(f"表{s + 1}"))
        ws = sheets[s]
        if rs > 1 or cs > 1:
            ws.merged_ranges.append((r, r + rs - 1, c, c + cs - 1))
            if v != "" and rng.random() < 0.7:
                moved += 1
                ws.write(r + rs - 1, c + cs - 1, v)
            elif v != "":
                ws.write(r, c, v)
        elif k in dated:
            ws.write(r, c, dt.datetime(year, v, rng.randint(1, 28)), fmt)
        elif v != "":
            ws.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    ctx.recipe = f"{len(dated)} dates, {moved} moved"  # type: ignore[attr-defined]
    return buf.getvalue(), ".xls"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "xlsx-number-formats": _x9_number_formats,
    "xlsx-typed-dates": _x9_typed_dates,
    "xlsx-sheet-split": _x9_sheet_split,
    "xlsx-merge-offset": _x9_merge_offset,
    "xlsx-wide-styled": _x9_wide_styled,
    "ods-quirks": _x9_ods_quirks,
    "xls-quirks": _x9_xls_quirks,
}
