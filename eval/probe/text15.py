"""Round 15 (text15): round 14's added columns and 表二 heads in space-aligned text, as
`pdftotext -layout` prints a Word table (each cell's text at its column, padded with spaces, a
cell wrapped to its column's width: pdf13's `_grid_lines`). A 单位 column (件 / 项 / 万元) between
the labels and the numbers, its head 单位 in the header; an added column (上年数 / 上年同期 /
同比增减) between the format's own columns, its head naming it; 表二's first section's heads in
other words (本年新增 / 本年减少 / 累计有效 …) wrapped over two or three lines in narrow columns;
表二 with a 累计 column beside the format's three (tab, pipe or spaced rows).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from extractor.printed import Cell, HEADINGS, Table, grid

from ._common import Ctx, page, plain, row_label
from .pdf13 import _grid_lines, _layout_line, _w, _widths, _wrap
from .text14 import _T2_HEADS


def _starts(table: Table) -> list[list[int]]:
    """Each cell's first grid column, row by row (the table's own order of cells)."""
    g = grid(table)
    out = []
    for r, row in enumerate(table):
        cols = [c for c, cell in enumerate(g[r]) if cell is not None]
        out.append(cols)
    return out


def with_column(table: Table, col: int, cell_for: Callable[[int, list[Cell]], Cell | None]) -> Table:
    """`table` with a column inserted before grid column `col`: a cell spanning across `col`
    spans one more; otherwise row r gets `cell_for(r, row)` there (None: the slot is covered by
    a tall cell inserted above, so nothing is added)."""
    starts = _starts(table)
    out: Table = []
    covered = 0
    for r, row in enumerate(table):
        new_row = []
        placed = False
        for cell, start in zip(row, starts[r]):
            if not placed and start < col < start + cell.colspan:
                cell = dataclasses.replace(cell, colspan=cell.colspan + 1)
                placed = True
            elif not placed and start >= col:
                if covered:
                    placed = True
                else:
                    extra = cell_for(r, row)
                    if extra is not None:
                        new_row.append(extra)
                        covered = extra.rowspan
                    placed = True
            new_row.append(cell)
        if not placed and not covered:
            extra = cell_for(r, row)
            if extra is not None:
                new_row.append(extra)
                covered = extra.rowspan
        covered = max(0, covered - 1)
        out.append(new_row)
    return out


def _keep_numbers(c: Cell, t: str, w: int) -> list[str]:
    """A cell's lines: a number (an amount with decimals too) never broken, a label wrapped."""
    return [t] if c.key is not None or _is_number(t) else _wrap(t, w)


def _is_number(t: str) -> bool:
    return t.replace(".", "", 1).replace("%", "").lstrip("+-").isdigit()


def _spaced(ctx: Ctx, tables: list[tuple[str, Table]], *, label: list[int], num: int, t2label: int,
            valign: str = "top", gap: int = 2) -> str:
    """The tables as `pdftotext -layout` prints them (numbers, added ones too, right-aligned)."""
    out = []
    for sec, table in tables:
        out.append(HEADINGS[sec])
        widths = _widths(sec, table, label, num, t2label=t2label, t4=num)
        lines = _grid_lines(table, widths, gap=gap, valign=valign, wrap=_keep_numbers,
                            halign=lambda c: "right" if c.key is not None or _is_number(c.text) else "left")
        out += [_layout_line(p) for p in lines]
        out.append("")
    return "\n".join(out)


def _header_rows(table: Table) -> int:
    return next(i for i, row in enumerate(table) if any(c.key is not None for c in row))


def unit_column_spaced(ctx: Ctx) -> tuple[str, str]:
    """A 单位 column between the labels and the numbers in space-aligned text: 表二 `信息内容  单位
    本年制发件数 …`, its rows `规章  件  0  0  3`, 收费 `万元`, 处理决定 `项` or `件`; 表三 a `件`
    after each row's label and 单位 in its header (beside the top-left note)."""
    rng = ctx.rng
    head = rng.choice(["单位", "计量单位", "单位："])
    count = rng.choice(["件", "项", "个"])
    num = rng.choice([6, 8])
    label = rng.choice([[10, 12, 30], [12, 14, 34]])
    valign = rng.choice(["top", "middle"])
    ctx.recipe = f"{head} {count} numbers {num} labels {label} {valign}"  # type: ignore[attr-defined]
    tables = []
    for sec, table in ctx.sections:
        if sec == "二":
            def unit2(r: int, row: list[Cell]) -> Cell | None:
                keys = [c.key for c in row if c.key is not None]
                if row_label(row).startswith("信息内容"):
                    return Cell(text=head)
                if not keys:
                    return Cell(text="")
                if keys[0].endswith("amount"):
                    return Cell(text="万元")
                return Cell(text="件" if keys[0].startswith(("active.regulations", "active.normative")) else count)
            table = with_column(table, 1, unit2)
        elif sec == "三":
            heads = _header_rows(table)
            table = with_column(table, 3, lambda r, row: Cell(text=head, rowspan=heads) if r == 0 else Cell(text="件"))
        tables.append((sec, table))
    return page(ctx, _spaced(ctx, tables, label=label, num=num, t2label=rng.choice([16, 20]), valign=valign)), ".txt"


def columns_between_spaced(ctx: Ctx) -> tuple[str, str]:
    """An added column between the format's own in space-aligned text: 表二 `本年制发件数  上年数
    本年废止件数` (2019: after 本年新制作数量; the sections with one wide column get it after theirs
    too), 表三 a 上年同期 / 同比 column after 自然人, inside 法人或其他组织's five or before 总计, 表四
    a 上年 column after each group's 总计 (which tables get one: seeded); each its head in the
    header, its numbers right-aligned like the format's."""
    rng = ctx.rng
    which = rng.choice(["二三四", "二", "三", "四", "三四", "二三"])
    head2 = rng.choice(["上年数", "上年同期", "同比增减", "增减"])
    head3 = rng.choice(["上年同期", "同比", "上年总计", "同比增减", "增减"])
    at3 = rng.choice([4, 9, 9, 6])  # grid column: after 自然人, before 总计, inside the five
    head4 = rng.choice(["上年", "上年同期", "上年总计"])
    num = rng.choice([8, 10])
    valign = rng.choice(["top", "middle"])
    ctx.recipe = f"{which} {head2} {head3}@{at3} {head4} numbers {num} {valign}"  # type: ignore[attr-defined]

    def n(head: str, top: int = 60) -> str:
        if "增减" in head:
            return rng.choice(["+", "-", ""]) + str(rng.randint(0, 20))
        return str(rng.randint(0, top))

    tables = []
    for sec, table in ctx.sections:
        if sec == "二" and "二" in which:
            table = with_column(table, 2, lambda r, row: (
                Cell(text=head2) if row_label(row).startswith("信息内容")
                else Cell(text=n(head2)) if any(c.key is not None for c in row) else Cell(text="")))
        elif sec == "三" and "三" in which:
            inside = 4 < at3 < 9
            heads = _header_rows(table)

            def add3(r: int, row: list[Cell]) -> Cell | None:
                if r < heads:
                    return Cell(text=head3, rowspan=heads - r) if r == (2 if inside else 1) else Cell(text="")
                return Cell(text=n(head3))
            table = with_column(table, at3, add3)
        elif sec == "四" and "四" in which:
            for col in (15, 10, 5):
                table = with_column(table, col, lambda r, row: (
                    Cell(text=head4, rowspan=2) if r == 1 else Cell(text="") if r == 0 else Cell(text=n(head4, 9))))
        tables.append((sec, table))
    label = rng.choice([[10, 12, 30], [12, 14, 34]])
    return page(ctx, _spaced(ctx, tables, label=label, num=num, t2label=rng.choice([16, 20]), valign=valign)), ".txt"


def t2_heads_spaced(ctx: Ctx) -> tuple[str, str]:
    """表二 in space-aligned text whose first section's column heads are other words than the
    format's (本年新增 / 本年减少 / 累计有效, 本年新制作 / 本年新公开 / 累计公开 …) set in narrow
    columns, so each head wraps over two or three lines (`本年`/`新增`, `本年新`/`制作数`/`量`),
    top or middle aligned; 表三 and 表四 as the format prints them."""
    rng = ctx.rng
    heads = rng.choice(_T2_HEADS[ctx.case.report_template])
    num = rng.choice([4, 6])
    valign = rng.choice(["top", "middle", "bottom"])
    ctx.recipe = f"{heads} numbers {num} {valign}"  # type: ignore[attr-defined]
    tables = []
    for sec, table in ctx.sections:
        if sec == "二":
            section = 0
            new = []
            for row in table:
                lab = row_label(row)
                if lab.startswith("第二十条"):
                    section += 1
                if section == 1 and lab.startswith("信息内容"):
                    row = [row[0]] + [dataclasses.replace(c, text=h) for c, h in zip(row[1:], heads)]
                new.append(row)
            table = new
        tables.append((sec, table))
    out = []
    for sec, table in tables:
        out.append(HEADINGS[sec])
        if sec == "二":
            widths = [rng.choice([16, 20])] + [num] * 3
        else:
            widths = _widths(sec, table, [12, 14, 34], 8, t4=8)
        out += [_layout_line(p) for p in _grid_lines(table, widths, gap=rng.choice([2, 3]), valign=valign, wrap=_keep_numbers)]
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


_CUMULATIVE = ["累计制发件数", "累计", "累计数", "历年累计", "累计制发"]


def t2_cumulative(ctx: Ctx) -> tuple[str, str]:
    """表二's first section with a 累计 column beside the format's three (after the last, or between
    本年废止件数 and 现行有效件数), its head `累计` / `累计制发件数` / `历年累计`, its numbers larger than
    the rows' own; tab, pipe or space-aligned rows."""
    rng = ctx.rng
    form = rng.choice(["\t", " | ", "spaced"])
    head = rng.choice(_CUMULATIVE)
    at = rng.choice([4, 4, 3])
    ctx.recipe = f"{form!r} {head}@{at}"  # type: ignore[attr-defined]
    tables = []
    for sec, table in ctx.sections:
        if sec == "二":
            sections = [sum(row_label(x).startswith("第二十条") for x in table[:r + 1]) for r in range(len(table))]

            def add(r: int, row: list[Cell]) -> Cell | None:
                section = sections[r]
                lab = row_label(row)
                if section == 1 and lab.startswith("信息内容"):
                    return Cell(text=head)
                if section == 1 and any(c.key is not None for c in row):
                    top = max((c.value for c in row if isinstance(c.value, int)), default=0)
                    return Cell(text=str(top + rng.randint(5, 200)))
                return Cell(text="")
            table = with_column(table, at, add)
        tables.append((sec, table))
    if form == "spaced":
        label = rng.choice([[10, 12, 30], [12, 14, 34]])
        body = _spaced(ctx, tables, label=label, num=8, t2label=16)
    else:
        out = []
        for sec, table in tables:
            out.append(HEADINGS[sec])
            rows = [["" if c is None else (plain(c.value) if c.key is not None else c.text) for c in row]
                    for row in grid(table)]
            out += [form.join(row) for row in rows]
            out.append("")
        body = "\n".join(out)
    return page(ctx, body), ".txt"


def t3_wrapped_spaced(ctx: Ctx) -> tuple[str, str]:
    """`pdftotext -layout` of a Word table whose 表三 label columns are narrow: a long row label
    wraps onto two or three lines, the row's numbers on its first, middle or last line (the
    table's vertical alignment: top, middle or bottom), the merged parents (三、本年度办理结果,
    （三）不予公开) broken over the lines of the rows they span; the numbers right-aligned in their
    columns, set out by runs of spaces; 表二 and 表四 alike."""
    rng = ctx.rng
    valign = rng.choice(["top", "middle", "bottom"])
    label = rng.choice([[6, 8, 14], [8, 8, 16], [4, 10, 12], [6, 6, 18], [8, 10, 20]])
    num = rng.choice([6, 8])
    ctx.recipe = f"{valign}, labels {label}, numbers {num}"  # type: ignore[attr-defined]
    body = _spaced(ctx, ctx.sections, label=label, num=num, t2label=rng.choice([10, 12, 16]), valign=valign,
                   gap=rng.choice([2, 3]))
    return page(ctx, body), ".txt"


def _t2_sections(table: Table) -> list[tuple[str, list[str], list[tuple[str, list[Cell]]]]]:
    """表二's 第二十条 sections: (the section's line, its column heads, its rows (label, value cells))."""
    out: list[tuple[str, list[str], list[tuple[str, list[Cell]]]]] = []
    for row in table:
        lab = row_label(row)
        if lab.startswith("第二十条"):
            out.append((lab, [], []))
        elif lab.startswith("信息内容"):
            out[-1][1].extend(c.text for c in row[1:])
        else:
            out[-1][2].append((row[0].text, [c for c in row if c.key is not None]))
    return out


def t2_rows_as_words(ctx: Ctx) -> tuple[str, str]:
    """表二 transposed: each 第二十条 section's rows named by its measures (本年制发件数 / 本年废止件数 /
    现行有效件数, 上一年项目数量 / 本年增/减 / 处理决定数量, 本年处理决定数量), its columns by its items
    (规章, 行政规范性文件; 行政处罚, 行政强制 …), the head cell 项目 / 信息内容 / 类别; tab, pipe or
    space-aligned rows (表三 and 表四 as the format prints them, tab rows)."""
    rng = ctx.rng
    form = rng.choice(["\t", " | ", "spaced"])
    corner = rng.choice(["项目", "信息内容", "类别", ""])
    ctx.recipe = f"{form!r} {corner!r}"  # type: ignore[attr-defined]
    out = []
    for sec, table in ctx.sections:
        out.append(HEADINGS[sec])
        if sec != "二":
            for row in grid(table):
                out.append("\t".join("" if c is None else (plain(c.value) if c.key is not None else c.text) for c in row))
            out.append("")
            continue
        for title, heads, rows in _t2_sections(table):
            out.append(title)
            block = [[corner] + [label for label, _ in rows]]
            for j, head in enumerate(heads):
                block.append([head] + [plain(cells[j].value) if j < len(cells) else "" for _, cells in rows])
            if form == "spaced":
                width = max(_w(r[0]) for r in block) + 2
                cols = [max(_w(r[k]) for r in block) + 2 for k in range(1, len(block[0]))]
                for r in block:
                    line = r[0] + " " * (width - _w(r[0]))
                    for k, cell in enumerate(r[1:]):
                        line += cell.rjust(cols[k] - (_w(cell) - len(cell))) if _is_number(cell) else cell + " " * (cols[k] - _w(cell))
                    out.append(line.rstrip())
            else:
                out += [form.join(r) for r in block]
        out.append("")
    return page(ctx, "\n".join(out)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "unit-column-spaced": unit_column_spaced,
    "columns-between-spaced": columns_between_spaced,
    "t2-heads-spaced": t2_heads_spaced,
    "t2-cumulative": t2_cumulative,
    "t3-wrapped-spaced": t3_wrapped_spaced,
    "t2-rows-as-words": t2_rows_as_words,
}
