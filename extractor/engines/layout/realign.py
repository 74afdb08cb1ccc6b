"""Rows whose blank cells printed as nothing, read by the columns the page shows.

Run on the rows the other readings left as `cells_do_not_fit` (`columns` holds the model of
a page's columns: tab grids, numbers lined up in space-aligned text).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from . import columns
from ._cells import Cell, display_width
from .slices import REQUEST_COLUMNS
from .cellvalue import cell_read
from .rowread import TableRead, _placement_candidates, cut_value, edges, inside
from .solve import Read, RowReadings, TooHard, pieces, row_readings


def realign(rows: Sequence[tuple[Sequence[str], list[Cell], Cell | None]], cells: Sequence[Cell], into: TableRead, *,
            align: str | None, name: str, template: str, others: Sequence[Cell] = ()) -> None:
    """Read by the page's columns the rows of one width left as `cells_do_not_fit`.

    `rows`: (keys, cells, label) of every row of that width in the table, the evidence of where
    its columns stand (`columns`); `others`: the numbers of its rows of other widths. A tab grid
    places each number for sure. Space-aligned columns may leave several placements; a placement
    is the table's, never one row's, so they go to `settle` as readings of all the stuck rows at
    once, the evenly spaced ones first. A row still stuck whose numbers stand apart (spaces, no
    columns shown) gets every order-keeping placement of them, row by row.
    """
    stuck = [(keys, cs) for keys, cs, _ in rows if is_stuck(into, keys)]
    if not stuck:
        return
    lines = columns.lines_of(cells)
    n = len(rows[0][0])
    grid = columns.slot_map([cs for _, cs, _ in rows], n, lines)
    if grid is not None:
        on_line = columns.by_line(cells)
        for keys, cs in stuck:
            placed = columns.by_slot(cs, grid, n, on_line.get(cs[0].line, ()) if cs else ())
            if placed is not None:
                into.take(keys, placed)
        return
    if align is not None:
        _by_position(rows, stuck, lines, into, align, name, others, _heads(cells, n))
    for keys, cs in stuck:
        if is_stuck(into, keys):
            _apart(keys, cs, into, template)


def is_stuck(into: TableRead, keys: Sequence[str]) -> bool:
    doubt = into.doubts.get(keys[0])
    return doubt is not None and doubt.reason == "cells_do_not_fit"


def _heads(cells: Sequence[Cell], n: int) -> list[tuple[float, int]]:
    """表三's applicant columns' header words printed in space-aligned text, before the table's
    first number: (display centre, column), each column once (none when a name is printed
    twice). A name wrapped in its narrow column counts by its first line's piece, when that
    starts one name only (`商业企` over `业`, `社会公益组` over `织`): the piece fills its column's
    width as the whole word would."""
    if n == 3 * len(_APPEAL_COLUMNS):
        return _appeal_heads(cells)
    if n != len(REQUEST_COLUMNS):
        return []
    out: dict[int, float] = {}
    for c in cells:
        if c.kind == "num":
            break
        if c.kind == "text" and c.col is not None and (j := _head_of(c.text)) is not None:
            if j in out:
                return []
            out[j] = c.col - display_width(c.text) / 2
    return [(x, j) for j, x in out.items()]


#: 表四's column words, each group's five (行政复议, 未经复议直接起诉, 复议后起诉)
_APPEAL_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _appeal_heads(cells: Sequence[Cell]) -> list[tuple[float, int]]:
    """表四's fifteen column words printed in space-aligned text before its first number (the
    groups' words on one line or two, as its header wraps): (display centre, column) when, left
    to right, there are fifteen naming the three groups' five columns in order; else none."""
    found: list[tuple[float, int]] = []
    for c in cells:
        if c.kind == "num":
            break
        if c.kind == "text" and c.col is not None and (k := _head_of(c.text, _APPEAL_COLUMNS)) is not None:
            found.append((c.col - display_width(c.text) / 2, k))
    found.sort()
    if len(found) != len(_APPEAL_COLUMNS) * 3 or any(k != i % len(_APPEAL_COLUMNS) for i, (_, k) in enumerate(found)):
        return []
    return [(x, i) for i, (x, _) in enumerate(found)]


def _head_of(text: str, names: Sequence[str] = REQUEST_COLUMNS) -> int | None:
    """The column whose name `text` is, or whose name alone it starts (two characters or more:
    `商业企`), else None."""
    if text in names:
        return names.index(text)
    if len(text) < 2:
        return None
    starts = [j for j, name in enumerate(names) if name.startswith(text)]
    return starts[0] if len(starts) == 1 else None


def _by_position(rows: Sequence[tuple[Sequence[str], list[Cell], Cell | None]],
                 stuck: list[tuple[Sequence[str], list[Cell]]], lines: columns.Lines, into: TableRead, align: str,
                 name: str, others: Sequence[Cell], heads: Sequence[tuple[float, int]] = ()) -> None:
    """Space-aligned rows: the stuck rows read under every placement of the numbers that the
    page's columns allow (rows read in full pin their numbers' columns; the labels' right
    edge is the wall the first column stands after)."""
    n = len(rows[0][0])
    evidence = [(keys, nums) for keys, cs, _ in rows for nums in [[c for c in cs if c.kind == "num"]]
                if nums and all(c.col is not None for c in nums)]
    todo = [(keys, nums) for keys, cs in stuck for nums in [[c for c in cs if c.kind == "num"]]
            if nums and all(c.col is not None and c.line == nums[0].line for c in nums)]
    if not todo:
        return
    stuck_keys = {keys[0] for keys, _ in stuck}
    pins = [(c, j) for keys, nums in evidence if keys[0] not in stuck_keys for j, key in enumerate(keys)
            for c in nums if key not in into.doubts and into.reads.get(key) and into.reads[key].start == c.start]
    # the rows' own lines: their numbers' and their labels' (a blank row's label line holds its blank run)
    on = {c.line for _, cs, label in rows for c in (*cs, *([label] if label else [])) if c is label or c.kind == "num"}
    wall = max((lines.wall[ln] for ln in on if ln in lines.wall), default=-1)  # -1: no label, a number may start the line
    # where the rows' blank cells, printed as spaces, end: the table's right edge
    where = columns.placements([nums for _, nums in evidence], pins, n, wall, align,
                               [c for c in others if c.col is not None], lines.blank_end(on), heads)
    even = _readings(todo, where.even)
    spare = _readings(todo, where.any or [])
    known = {tuple(r.value for r in reading) for reading in even}
    spare = [r for r in spare if tuple(x.value for x in r) not in known]
    if not even:
        even, spare = spare, []
    if not even:
        return
    keys_all = tuple(k for keys, _ in todo for k in keys)
    for key in keys_all:
        into.doubts.pop(key, None)
    if len(even) == 1 and not spare:
        into.reads.update(zip(keys_all, even[0]))
        return
    for key in keys_all:
        into.reads.pop(key, None)
    into.options[f"{name}:columns"] = RowReadings(keys_all, even, wider=spare or None, reason="ambiguous_column")


def _apart(keys: Sequence[str], cells: list[Cell], into: TableRead, template: str) -> None:
    """A row of whole numbers set apart by spaces, fewer than its columns, in no column the page
    shows: every order-keeping placement of them (blanks elsewhere) that keeps the row's own
    identities is a reading, for `settle` (each printed number is one cell: the space is sure)."""
    core = edges(cells)
    nums = [c for c in core if c.kind == "num"]
    if not nums or len(nums) != len(core) or len(nums) >= len(keys) or any(c.col is None or c.bordered for c in nums):
        return
    row_pieces = pieces(nums)
    if row_pieces is None:
        return
    atomic = [replace(p, atomic=True) for p in row_pieces]
    try:
        readings = row_readings(keys, atomic, inside(tuple(keys), template), value=cut_value)
    except TooHard:
        # too many placements to list (表四: three numbers in fifteen columns): each cell's doubt
        # holds every value an order-keeping placement gives it (before: no candidate)
        _placement_candidates(keys, atomic, into)
        return
    if not readings.readings:
        return
    readings.reason = "ambiguous_column"
    for key in keys:
        into.doubts.pop(key, None)
    if len(readings.readings) == 1 and not readings.broken:
        into.reads.update(zip(keys, readings.readings[0]))
        return
    for key in keys:
        into.reads.pop(key, None)
    into.options[keys[0].rsplit(".", 1)[0]] = readings


def _readings(todo: list[tuple[Sequence[str], list[Cell]]], placements: Sequence[dict[int, int]]) -> list[list[Read]]:
    """The stuck rows' readings under each placement (cell id → column), distinct by value; a
    placement that puts a number where its key cannot hold it (a decimal count) is none."""
    out: list[list[Read]] = []
    seen: set[tuple] = set()
    for where in placements:
        reading: list[Read] = []
        for keys, nums in todo:
            slots: list[Cell | None] = [None] * len(keys)
            for c in nums:
                slots[where[id(c)]] = c
            at = nums[0].start
            for key, slot in zip(keys, slots):
                read, doubt = cell_read(key, slot if slot is not None else Cell("blank", "", at, at))
                if doubt is not None or read.value is None:
                    break
                reading.append(read)
            else:
                continue
            break
        else:
            sig = tuple(r.value for r in reading)
            if sig not in seen:
                seen.add(sig)
                out.append(reading)
    return out
