"""Tables a loader kept as cells (HTML, Word, PDF words, OCR boxes) → the reader's cell stream.

A grid never loses its borders, so its blank cells are cells for sure (`firm`), and a cell
spanning several rows or columns is read once, where it starts. Which table a grid holds
(表二, 表三 or 表四) is told by its fixed labels.
"""

from __future__ import annotations

import re
from typing import Literal

from ...document import SourceCell, SourceTable
from ._cells import BLANK_MARKS, Cell, Kind, _tokens, parse_number
from .colwords import BARE_CHANGE, EXTRA_HEAD, REMARK_HEADS, column_named
from .lines import counts_up

TableKind = Literal["active", "requests", "appeals"]

_SPACE = re.compile(r"\s+")


def kind_of(table: SourceTable) -> TableKind | None:
    """Which of the three tables a grid holds, by its fixed labels (None: none of them)."""
    flat = _SPACE.sub("", "".join(c.text for c in table.cells))
    if "本年新收" in flat or "予以公开" in flat or "不予公开" in flat:
        return "requests"
    if "结果维持" in flat or ("行政复议" in flat and "行政诉讼" in flat):
        return "appeals"
    if "第二十条" in flat or "信息内容" in flat or "行政许可" in flat or "规范性文件" in flat:
        return "active"
    return None


#: words only 表三's later rows print: a grid holding them and none of 表三's header words is the
#: rest of a 表三 that a page break cut into two tables (Word and PDF exports to HTML do)
_TABLE3_LATER = re.compile(r"无法提供|不予处理|其他处理|结转下年度|本机关不掌握|重复申请|行政执法案卷|行政查询事项"
                           r"|国家秘密|第三方合法权益|过程性信息|内部事务信息|公开出版物")


def continues(table: SourceTable, previous: TableKind | None) -> TableKind | None:
    """The kind of table an unnamed grid continues: 表三 cut by a page break, when the grid
    before it was 表三 and this one prints only its later rows; else None."""
    if previous != "requests":
        return None
    flat = _SPACE.sub("", "".join(c.text for c in table.cells))
    return "requests" if _TABLE3_LATER.search(flat) else None


#: a row label has a Chinese character; OCR noise in a value cell has none
_CJK = re.compile(r"[\u4e00-\u9fff]")


#: a spreadsheet formula shown as text (`=SUM(C5:C7)`, `=B3+C3`): the loader's way of saying the
#: file holds no result for the cell (load/_formulas.py); no label starts like this
FORMULA = re.compile(r"=\s*(?:[A-Za-z]+\(|\$?[A-Za-z]{1,3}\$?\d)")


def _ocr_noise(text: str) -> bool:
    """A value cell's reading that is not a number (`¥0`, `！`, `l2`) and no label either."""
    return not _CJK.search(text) and parse_number(text) is None


#: letters an OCR reads for digits, a whole value cell (`O`, `l`, `lO`)
_LETTERS = re.compile(r"[OolI]{1,3}")


def _numbers_after(row: list, sc: SourceCell) -> bool:
    """A cell after `sc` in its grid row holds a number."""
    after = False
    for x in row:
        if x is sc:
            after = True
        elif after and x is not None and parse_number(x.text.strip()) is not None:
            return True
    return False


def _serials(rows: list) -> set[int]:
    """The cells of a 序号 column: under a header cell 序号, or a first column of numbers counting
    up (1, 2, 3 … on three rows or more) with a label beside each. They are no values."""
    def text(sc) -> str:
        return "" if sc is None else sc.text.strip()

    for r in rows:
        for j, sc in enumerate(r):
            # (inline, not `text(sc)`: no Python call per cell of the grid)
            if sc is not None and sc.text.strip() == "序号" and (j == 0 or r[j - 1] is not sc):
                return {id(x[j]) for x in rows if len(x) > j and x[j] is not None and x[j] is not sc
                        and x[j].text.strip().isdigit() and (j == 0 or x[j - 1] is not x[j])}
    first = [(x[0], int(text(x[0]))) for x in rows if len(x) > 1 and text(x[0]).isdecimal() and not text(x[0]).startswith("0")
             and x[1] is not x[0] and (x[1] is None or not text(x[1]) or not text(x[1]).replace(",", "").isdigit())]
    if not counts_up([n for _, n in first]):
        return set()
    return {id(sc) for sc, _ in first}


def _remarks(rows: list) -> set[int]:
    """The cells of a 备注 column (under a header cell 备注 or 说明): remarks, never values, even
    when one is a mark a table prints for 0 (`无`, `—`)."""
    for r in rows:
        for j, sc in enumerate(r):
            if sc is not None and sc.text.strip() in REMARK_HEADS and (j == 0 or r[j - 1] is not sc):
                return {id(x[j]) for x in rows if len(x) > j and x[j] is not None and x[j] is not sc
                        and (j == 0 or x[j - 1] is not x[j])}
    return set()


_SECTION = re.compile(r"信息内容|第二十条")
#: a grid cell (a line of the cells' texts joined) that is an added column's head
_EXTRA_CELL = re.compile(r"(?m)^\s*(?:" + EXTRA_HEAD.pattern + r")\s*$")


def _extras(rows: list) -> set[int]:
    """The cells of columns a report adds to a table: under a header cell naming last year's
    figure or the change from it (`上年同期`, `同比增减(%)`) on a header row (a row with no number)
    that names other columns too — after the format's own, or between them (`本年制发件数 | 上年数 |
    本年废止件数`, `自然人 | 上年同期 | 商业企业`, its head merged down over the header rows below).
    A grid's column is the same column in every row, so the cells under the head, and only they,
    hold no values of the format (read into the format's columns they would shift the row's
    later cells by one). A later header row with a 表二 section's words (the next section's
    columns are its own) and none of them ends them."""
    out: set[int] = set()
    cols: list[int] = []
    for r in rows:
        # (a head spanning columns, 上年 over last year's seven, holds each of them)
        heads = [j for j, sc in enumerate(r) if sc is not None
                 and EXTRA_HEAD.fullmatch(t := sc.text.strip()) and not BARE_CHANGE.fullmatch(t)]
        if not heads and not cols:
            continue  # (most grids: one regex a cell, no number parsed)
        texts = [("" if sc is None else sc.text.strip()) for sc in r]
        if any(parse_number(t) is not None for t in texts if t):
            for j in cols:
                if len(r) > j and r[j] is not None and (j == 0 or r[j - 1] is not r[j]):
                    out.add(id(r[j]))
            continue
        right = [j for j, t in enumerate(texts) if t and (j == 0 or r[j - 1] is not r[j])]
        starts = [j for j in heads if j == 0 or r[j - 1] is not r[j]]
        if starts and len(right) > len(starts):
            cols = heads
        elif any(_SECTION.search(t) for t in texts):
            cols = []
    return out


#: 表三's column names as a header prints them → their place in the format's order
_APPLICANT_AT = {"自然人": 0, "商业企业": 1, "科研机构": 2, "社会公益组织": 3, "法律服务机构": 4, "其他": 5,
                 "其他组织": 5, "总计": 6, "合计": 6}


def _in_format_order(rows: list) -> list:
    """表三's grid rows with their cells put in the format's column order, when its header rows
    (the rows above the first holding a number) name the seven columns each in a column of its own
    in another order (法人或其他组织's five before 自然人): read in the format's order such rows keep
    every total and would be verified wrong. Each cell keeps its text and offsets; only the order
    of the stream changes. The rows as they are otherwise."""
    at: dict[int, int] = {}  # format place → grid column
    first = len(rows)
    for i, r in enumerate(rows):
        if any(sc is not None and parse_number(sc.text.strip()) is not None for sc in r):
            first = i
            break
        for j, sc in enumerate(r):
            if sc is None or sc.colspan != 1:
                continue
            place = _APPLICANT_AT.get("".join(sc.text.split()))
            if place is not None:
                at.setdefault(place, j)
    if len(at) != 7 or len(set(at.values())) != 7:
        return rows
    cols = [at[k] for k in range(7)]
    if cols == sorted(cols):
        return rows
    places = sorted(cols)
    out = rows[:first]
    for r in rows[first:]:
        if len(r) <= places[-1] or any(r[j] is not None and r[j].colspan != 1 for j in places):
            out.append(r)
            continue
        new = list(r)
        for place, col in zip(places, cols):
            new[place] = r[col]
        out.append(new)
    return out


#: 表二's columns in the format's order (each section's own run in it: 2019's made, published,
#: total; prior, change, decisions; items, amount; 2021's issued, repealed, in_force)
_T2_ORDER = ("made", "published", "total", "issued", "repealed", "in_force", "prior", "change", "decisions",
             "items", "amount")


def _t2_in_format_order(rows: list) -> list:
    """表二's grid rows with each section's value cells put in the format's column order, when the
    section's header row (`信息内容 | 本年废止件数 | 本年制发件数 | …`) names each of its columns
    once in another order. Texts and offsets kept; other rows as they are."""
    out = []
    move: list[tuple[int, int]] | None = None  # (to, from) grid columns for the rows below a header
    for r in rows:
        if r and r[0] is not None and "信息内容" in r[0].text:
            texts = ["" if sc is None else "".join(sc.text.split()) for sc in r]
        else:
            texts = []
        if texts and texts[0] == "信息内容":
            cols = [j for j in range(1, len(r)) if texts[j] and r[j] is not r[j - 1]]
            named = [column_named(texts[j], _T2_ORDER) for j in cols]
            move = None
            if len(cols) >= 2 and None not in named and len(set(named)) == len(named):
                ranked = sorted(range(len(cols)), key=lambda i: _T2_ORDER.index(named[i]))
                if ranked != list(range(len(cols))):
                    move = [(cols[k], cols[i]) for k, i in enumerate(ranked)]
            out.append(r)
            continue
        if move is None or not any(sc is not None and parse_number(sc.text.strip()) is not None for sc in r) \
                or len(r) <= max(j for pair in move for j in pair):
            out.append(r)
            continue
        new = list(r)
        for to, frm in move:
            new[to] = r[frm]
        out.append(new)
    return out


def _from_source(c: Cell, sc: SourceCell, *, agreed: bool | None | Literal["source"] = "source") -> Cell:
    """`c`, cut from the grid cell `sc`, marked bordered and firm and given what the loader knew
    of `sc` (where, how sure, whether two reads agreed, the sign its pixels show): in one place, so
    no way of cutting a cell forgets a piece of it."""
    c.firm = c.bordered = True
    c.locator, c.confidence, c.sign, c.alternatives = sc.locator, sc.confidence, sc.sign, sc.alternatives
    c.agreed = sc.agreed if agreed == "source" else agreed
    return c


def _source_cell(kind: Kind, text: str, start: int | None, end: int | None, sc: SourceCell, *,
                 agreed: bool | None | Literal["source"] = "source") -> Cell:
    """A new cell of the grid cell `sc`: what `_from_source` makes of `Cell(kind, text, start,
    end)`, its slots set here (a grid's every cell: a class call would run the dataclass's
    __init__ in an interpreter frame of its own)."""
    c = _new(Cell)
    c.kind = kind
    c.text = text
    c.start = start  # type: ignore[assignment]
    c.end = end  # type: ignore[assignment]
    c.line = -1
    c.glued = c.fill = False
    c.firm = c.bordered = True
    c.locator = sc.locator
    c.col = c.slot = None
    c.confidence = sc.confidence
    c.agreed = sc.agreed if agreed == "source" else agreed
    c.sign = sc.sign
    c.alternatives = sc.alternatives
    c.rule = c.dash_or_one = False
    return c


_new = object.__new__


def grid_cells(table: SourceTable, text: str, kind: TableKind | None = None) -> list[Cell]:
    """The table's cells row by row, each spanned cell once, with offsets into `text` (`kind`:
    the table's, when known: 表三's cells are put in the format's column order its header gives)."""
    out: list[Cell] = []
    seen: set[int] = set()
    rows = table.grid()
    serials = _serials(rows) | _remarks(rows)
    if _EXTRA_CELL.search("\n".join([sc.text for sc in table.cells])) is not None:  # (one search a grid)
        serials |= _extras(rows)
    if kind == "requests":
        rows = _in_format_order(rows)
    elif kind == "active":
        rows = _t2_in_format_order(rows)
    for row in rows:
        numbers = False  # a number cell came before in this row
        for sc in row:
            if sc is None:
                continue
            key = id(sc)
            if key in seen:
                continue
            seen.add(key)
            if key in serials:
                continue
            stripped = sc.text.strip()
            span = sc.span
            raw = None if span is None else text[span[0]:span[1]]
            if raw is not None and raw.strip() != stripped:
                span = raw = None  # offsets that do not point at the cell's text are no offsets
            s, e = (span[0], span[1]) if span else (None, None)
            if stripped in BLANK_MARKS:
                out.append(_source_cell("blank", stripped, s, e, sc))
                continue
            if stripped.isdigit() and stripped.isascii():
                # plain digits (most value cells): a number, as `parse_number` below reads them (no
                # formula, OCR noise nor letters), without the questions' calls
                at = None if s is None else s + raw.index(stripped)  # type: ignore[union-attr]
                out.append(_source_cell("num", stripped, at, None if at is None else at + len(stripped), sc))
                numbers = True
                continue
            if stripped[:1] == "=" and FORMULA.match(stripped):
                # a value whose number the file does not hold: one unreadable cell (null, a doubt),
                # its row's other cells read as printed
                out.append(_source_cell("num", stripped, s, e, sc))
                numbers = True
                continue
            if numbers and sc.confidence is not None and _ocr_noise(stripped):
                # a scan's value cell read as no number (`¥0`, `！`): one unreadable cell, never a
                # label that breaks its row (its neighbours are read as printed)
                out.append(_source_cell("num", stripped, s, e, sc, agreed=False))
                continue
            if sc.confidence is None and _LETTERS.fullmatch(stripped) and (numbers or _numbers_after(row, sc)):
                # another program's OCR of a scan (a PDF's invisible text layer) with letters for
                # a value's digits (`O` for 0, `l` for 1) standing as the cell among the row's
                # numbers: one number cell (an `ocr_letter` doubt, the digits as its candidate),
                # never label text that leaves the row a cell short
                out.append(_source_cell("num", stripped, s, e, sc))
                numbers = True
                continue
            if parse_number(stripped) is not None:
                # one number with its unit or measure word (`3件`, `1,191个`): a grid cell holds one value
                at = None if s is None else s + raw.index(stripped)  # type: ignore[union-attr]
                out.append(_source_cell("num", stripped, at, None if at is None else at + len(stripped), sc))
                numbers = True
                continue
            first = len(out)
            if span is not None:
                _tokens(text, span[0], span[1], out)
            else:
                _tokens(sc.text, 0, len(sc.text), out)
            numbers = numbers or any(c.kind == "num" for c in out[first:])
            for c in out[first:]:
                _from_source(c, sc)
                c.glued = False
                if span is None:
                    c.start = c.end = None  # type: ignore[assignment]
    return out
