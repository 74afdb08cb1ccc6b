"""Which column a number stands in, from what the page shows of the table's columns.

Rows that print a blank cell as nothing (space-aligned PDF text, tab rows with empty cells whose
total does not close) say which cell a number is only by where it stands:

- tab-separated lines: a column is a tab cell (`Cell.slot`), the same on every line of the
  table's grid. The grid is told by the lines themselves (label cells first, then exactly as
  many cells as the row has columns) or by rows that print every cell; when the two disagree,
  or a number stands outside the value cells, there is no grid.
- space-aligned text: a column is where numbers line up across the rows (right edges, or left
  edges; `alignment` tells which, or that the page does not say), even when no row prints every
  cell. When the rows show fewer positions than the row has columns, several placements remain:
  those under which the columns are evenly spaced after the labels (`lattices`, or `cell_grids`
  when the numbers may be centred) are the page's own reading, narrowed by what else the page
  shows (the numbers of rows of other widths, where the blank cells' spaces end); every
  placement that keeps the numbers' order (`injections`) is kept in reserve, for when the
  table's identities reject the even ones.

The caller (`reader`) turns placements into readings and lets the solver settle them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb, gcd
from typing import Callable, Iterable, Sequence

from ._cells import Cell, display_width

#: placements of a row's numbers kept in reserve at most (C(n, k) beyond it: none kept)
MAX_PLACEMENTS = 400


# ---------------------------------------------------------------- the page's lines


@dataclass
class Lines:
    """Per line of a table: where its label text ends, how many tab cells it has, where its
    trailing blank run ends."""

    #: line → right edge of the text before its first number (display column, or tab cell index)
    wall: dict[int, int]
    #: tab lines: line → number of tab cells on it
    cells: dict[int, int]
    #: space-aligned lines ending in a long blank run (`Cell.fill`): line → display column it ends at
    ends: dict[int, int]

    def blank_end(self, rows: Iterable[int]) -> int | None:
        """Where the blank runs of these row lines end, when they all end at one column and no
        other line with text ends there too (text padded to a page width marks no table edge)."""
        mine = set(rows)
        found = {self.ends[ln] for ln in mine if ln in self.ends}
        if len(found) != 1:
            return None
        end = found.pop()
        if any(e == end and ln not in mine and ln in self.wall for ln, e in self.ends.items()):
            return None
        return end


def lines_of(cells: Iterable[Cell]) -> Lines:
    """Where each line's label ends, how wide each tab line is, where each trailing blank run
    ends: one pass over the cells."""
    wall: dict[int, int] = {}
    width: dict[int, int] = {}
    ends: dict[int, int] = {}
    numbered: set[int] = set()
    for c in cells:  # (no max() call per cell: a table's every cell)
        line, slot, kind = c.line, c.slot, c.kind
        if slot is not None and slot >= width.get(line, 0):
            width[line] = slot + 1
        if kind == "num":
            numbered.add(line)
        elif kind == "text" and line not in numbered:
            edge = slot if slot is not None else c.col
            if edge is not None and edge >= wall.get(line, edge):
                wall[line] = edge
        elif c.fill and c.col is not None:
            ends[line] = c.col
    return Lines(wall, width, ends)


# ---------------------------------------------------------------- tab grids


def by_line(cells: Iterable[Cell]) -> dict[int, list[Cell]]:
    """Line → the cells on it (what `by_slot` checks a row against)."""
    out: dict[int, list[Cell]] = {}
    for c in cells:
        out.setdefault(c.line, []).append(c)
    return out


def slot_map(rows: Sequence[Sequence[Cell]], n: int, lines: Lines) -> dict[int, int] | None:
    """Tab cell → column for the rows of one width, when the table's tab lines agree on it.

    Told by the lines (after the rows' label cells, exactly n cells to the end of the table's
    widest tab line, a header line when an exporter cut the rows' trailing blank cells) and by
    rows printing all n numbers on one line; None when neither tells, when they disagree, or
    when a number of these rows stands outside the value cells.
    """
    on = {c.line for cells in rows for c in cells if c.slot is not None}
    if not on or n < 2:
        return None
    wall = max((lines.wall[ln] for ln in on if ln in lines.wall), default=-1)
    last = max(lines.cells.values())
    maps: list[dict[int, int]] = []
    if last - 1 - wall == n:
        maps.append({wall + 1 + j: j for j in range(n)})
    for cells in rows:
        # what the row prints in its cells: numbers, and marks for a blank (—, /, 无)
        nums = [c for c in cells if c.printed and (c.kind == "num" or c.slot is not None)]
        if len(nums) == n and all(c.slot is not None and c.line == nums[0].line for c in nums):
            maps.append({c.slot: j for j, c in enumerate(nums)})  # type: ignore[misc]
    if not maps or any(m != maps[0] for m in maps[1:]) or min(maps[0]) <= wall:
        return None
    grid = maps[0]
    if any(c.kind == "num" and c.slot is not None and c.slot not in grid for cells in rows for c in cells):
        return None
    return grid


def by_slot(cells: Sequence[Cell], grid: dict[int, int], n: int,
            on_line: Sequence[Cell] = ()) -> list[Cell] | None:
    """A row's n cells by the tab grid: its numbers under their columns, blanks elsewhere (a
    line cut short after its last number has blank cells there); None when the row is not on
    one line of the grid, or when its line prints more in the grid's cells than the row holds
    (text after a number closed the row early: `18,390人次`; a blank there would be a guess).
    `on_line`: every cell of the table on the row's line."""
    # (plain loops: asked of every row of a tab or pipe table)
    line = None  # the line of the row's first number
    for c in cells:
        if c.kind == "num":
            if line is None:
                line = c.line
            if c.slot not in grid or c.line != line:
                return None
    if line is None:
        return None
    mine = []
    for c in cells:
        if c.line == line and c.slot in grid:
            if c.kind == "text":
                return None
            mine.append(c)
    held = {id(c) for c in mine}
    for c in on_line:
        if c.line == line and c.slot in grid:
            kind = c.kind
            # a text cell in the grid, or a printed one (a number, a mark for a blank) the row lacks
            if kind == "text" or ((kind == "num" or (kind == "blank" and c.text)) and id(c) not in held):
                return None
    out: list[Cell | None] = [None] * n
    for c in mine:
        out[grid[c.slot]] = c  # type: ignore[index]
    end = max(c.end for c in mine)
    return [c if c is not None else Cell("blank", "", end, end, line) for c in out]


# ---------------------------------------------------------------- space-aligned text


def alignment(cells: Iterable[Cell]) -> str | None:
    """How a table's numbers line up across lines: "right", "left", "any" (they line up, but no
    edge is told: right, left or centred), or None when the page shows no columns.

    Columns are shown when at least three numbers, and half of all placed numbers, share their
    edge with a number on another line. An edge is told by numbers whose widths differ by two or
    more sharing it: numbers centred in their cells share an edge only when their widths differ
    by one (`5` and `12` end alike in an 8-wide cell, `123` ends one further).
    """
    nums = [c for c in cells if c.col is not None and c.kind == "num"]
    placed = len(nums)
    if placed < 3:
        return None
    right: dict[int, list[tuple[int, int]]] = {}
    left: dict[int, list[tuple[int, int]]] = {}
    for c in nums:
        w = display_width(c.text)
        right.setdefault(c.col, []).append((c.line, w))  # type: ignore[arg-type]
        left.setdefault(c.col - w, []).append((c.line, w))  # type: ignore[operator]
    r_count, r_widths = _lined_up(right)
    l_count, l_widths = _lined_up(left)
    if r_widths and l_widths:
        return None  # both edges line up numbers of two widths: no clean columns
    mode, count = ("left", l_count) if l_widths else ("right" if r_widths else "any", r_count)
    return mode if count >= 3 and 2 * count >= placed else None


def laid_out(cells: Iterable[Cell]) -> bool:
    """Does a table with too few numbers to show columns (`alignment` None) still show it is set
    out by spaces: a line printing four cells or more apart by runs of spaces (header words
    standing over their columns, `结果维持  结果纠正  其他结果  尚未审结  总计`)? Asked only of a
    table that prints too few numbers to place; it places no number."""
    per_line: dict[int, int] = {}
    for c in cells:
        if c.col is not None and not c.fill and (c.kind == "text" or c.kind == "num"):
            per_line[c.line] = per_line.get(c.line, 0) + 1
    return any(n >= 4 for n in per_line.values())


def _lined_up(index: dict[int, list[tuple[int, int]]]) -> tuple[int, bool]:
    """Numbers that share an edge with a number on another line; whether two whose widths
    differ by two or more do."""
    count, widths = 0, False
    for group in index.values():
        if len(group) > 1 and len({ln for ln, _ in group}) > 1:
            count += len(group)
            widths = widths or max(w for _, w in group) - min(w for _, w in group) >= 2
    return count, widths


@dataclass
class Placements:
    """Column of each number (by `id` of its cell) under each placement the page allows."""

    #: evenly spaced columns after the labels (the page's own reading)
    even: list[dict[int, int]]
    #: every placement that keeps the numbers' order (None: too many to keep)
    any: list[dict[int, int]] | None


def placements(rows: Sequence[Sequence[Cell]], pins: Sequence[tuple[Cell, int]], n: int, wall: int,
               mode: str, others: Sequence[Cell] = (), end: int | None = None,
               heads: Sequence[tuple[float, int]] = ()) -> Placements:
    """Where the numbers of `rows` (one width, n columns) may stand, as far as the page shows.

    `pins`: numbers whose column is already known (rows read in full); `wall`: the display column
    where the labels end (-1: no labels); `mode`: the table's alignment; `end`: where the rows'
    blank cells printed as spaces end (the table's right edge), None when the page does not show.

    Right or left alignment told: the numbers' edges are the columns' (`lattices`). Two marks
    narrow those grids when some fit them, else they say nothing: `others`, the numbers of the
    table's rows of other widths (the rows share one grid), and `end` (the last column's edge);
    a third, `heads` (the centres of four or more of the columns' header words, `pdftotext
    -layout` printing each over its column), narrows them last, the same way.
    No edge told ("any": numbers may be centred, or padded in their cells): a table that shows its
    right edge has the placements of equal cells between the labels and that edge, each holding
    its numbers whole (`cell_grids`); else numbers all of one width stand alike however aligned,
    and their grids are kept with the loosest wall (a number starts after the labels); numbers
    of two widths, with no edge and no right edge shown, have no even placement.
    """
    cells = [c for row in rows for c in row]
    edges = ("right", "left") if mode == "any" else (mode,)
    found = {edge: _by_edge(rows, pins, n, wall, edge, strict=mode != "any") for edge in edges}
    spare: dict[tuple[int, ...], dict[int, int]] | None = {}
    for got in found.values():
        if got is None:
            continue
        options = got[1]
        if options is None or spare is None:
            spare = None
        else:
            for where in options:
                spare.setdefault(tuple(where[id(c)] for c in cells), where)
    widths = {display_width(c.text) for c in cells}
    first_found = found[edges[0]]
    grids = first_found[0] if first_found is not None else []
    if mode == "any" and end is not None:
        even = cell_grids(rows, pins, n, wall, end, others, heads)
    elif mode == "any" and len(widths) == 1:
        if all(display_width(c.text) in widths for c in others):
            grids = _narrowed(grids, lambda g: all(g.holds(g.at(c)) for c in others))
        if len(heads) >= 4:
            grids = _narrowed(grids, lambda g: g.under(heads))
        even = [g.where for g in grids]
    elif mode == "any":
        even = []
    else:
        grids = _narrowed(grids, lambda g: all(g.holds(g.at(c)) for c in others))
        if end is not None:
            grids = _narrowed(grids, lambda g: g.ends_at(end))
        if len(heads) >= 4:
            grids = _narrowed(grids, lambda g: g.under(heads))
        even = [g.where for g in grids]
    if mode == "any" and not even and spare and len(heads) >= 4:
        # no even grid (numbers of two widths, no edge told, no right edge shown): the header
        # words, each over its column, keep the order-keeping placements they agree with
        even = [where for where in spare.values() if _under_heads(cells, where, heads, n)]
    elif mode == "any" and not even and spare is None and len(heads) >= 4:
        # too many order-keeping placements to list (表四's few numbers in fifteen columns): the
        # header words place each number by the same rules, when one places them all in order
        even = _placed_by_heads(cells, pins, heads, n)
    kept: dict[tuple[int, ...], dict[int, int]] = {}
    for where in even:
        kept.setdefault(tuple(where[id(c)] for c in cells), where)
    return Placements(list(kept.values()), None if spare is None else list(spare.values()))


def _head_centres(heads: Sequence[tuple[float, int]], n: int) -> list[float] | None:
    """Every column's header centre, those not printed whole put in by the line through the
    others (evenly spaced columns); None when the printed ones are not evenly spaced (off the
    line by a third of a step or more) or do not cover the first and last column."""
    js = [j for _, j in heads]
    if 0 not in js or max(js) != n - 1:
        return None
    mj = sum(js) / len(js)
    mx = sum(x for x, _ in heads) / len(heads)
    var = sum((j - mj) ** 2 for j in js)
    step = sum((j - mj) * (x - mx) for x, j in heads) / var
    if step <= 0 or any(abs(mx + step * (j - mj) - x) >= step / 3 for x, j in heads):
        return None
    got = {j: x for x, j in heads}
    return [got.get(j, mx + step * (j - mj)) for j in range(n)]


def _under_heads(cells: Sequence[Cell], where: dict[int, int], heads: Sequence[tuple[float, int]], n: int) -> bool:
    """Every number stands under its column's header word by one rule for all: right-aligned
    (its right edge past its column's word's centre, not past the next column's), left-aligned
    (its left edge before its word's centre, not before the previous column's) or centred (its
    centre nearest its own column's word)."""
    at = _head_centres(heads, n)
    if at is None:
        return False

    def right(c: Cell, j: int) -> bool:
        r = c.col or 0
        return r > at[j] and (j + 1 == n or r <= at[j + 1])

    def left(c: Cell, j: int) -> bool:
        edge = (c.col or 0) - display_width(c.text)
        return edge < at[j] and (j == 0 or edge >= at[j - 1])

    def centred(c: Cell, j: int) -> bool:
        m = (c.col or 0) - display_width(c.text) / 2
        return all(abs(m - at[j]) < abs(m - x) for k, x in enumerate(at) if k != j)

    return any(all(rule(c, where[id(c)]) for c in cells) for rule in (right, left, centred))


def _placed_by_heads(cells: Sequence[Cell], pins: Sequence[tuple[Cell, int]], heads: Sequence[tuple[float, int]],
                     n: int) -> list[dict[int, int]]:
    """The placements `_under_heads` would keep, found by each of its rules directly: every
    number in the column its rule gives it (right-aligned: the last column whose word's centre
    its right edge is past; left-aligned: the first whose centre its left edge is before;
    centred: the nearest centre), kept when the rule places every number, in each line's order,
    no two in one column, the pinned ones in their columns."""
    at = _head_centres(heads, n)
    if at is None:
        return []

    def right(c: Cell) -> int | None:
        j = sum(x < (c.col or 0) for x in at) - 1
        return j if j >= 0 else None

    def left(c: Cell) -> int | None:
        j = sum(x <= (c.col or 0) - display_width(c.text) for x in at)
        return j if j < n else None

    def centred(c: Cell) -> int | None:
        m = (c.col or 0) - display_width(c.text) / 2
        ds = sorted((abs(m - x), j) for j, x in enumerate(at))
        return ds[0][1] if ds[0][0] < ds[1][0] else None

    pinned = {id(c): j for c, j in pins}
    out: list[dict[int, int]] = []
    for rule in (right, left, centred):
        where: dict[int, int] = {}
        for c in cells:
            j = rule(c)
            if j is None or pinned.get(id(c), j) != j:
                break
            where[id(c)] = j
        else:
            by_line: dict[int, list[int]] = {}
            for c in sorted(cells, key=lambda c: (c.line, c.col or 0)):
                by_line.setdefault(c.line, []).append(where[id(c)])
            if all(all(a < b for a, b in zip(js, js[1:])) for js in by_line.values()) and where not in out:
                out.append(where)
    return out


def cell_grids(rows: Sequence[Sequence[Cell]], pins: Sequence[tuple[Cell, int]], n: int, wall: int, end: int,
               others: Sequence[Cell] = (), heads: Sequence[tuple[float, int]] = ()) -> list[dict[int, int]]:
    """Placements under n equal cells that end at `end` and start after the labels (`wall`),
    each number whole inside one cell, a row's numbers in distinct cells: wherever in its cell
    a number stands (right, left, centred, padded). Those under which `others` (numbers of the
    table's rows of other widths) also fall inside the cells, when some do; then those whose
    cells hold the header words' centres (`heads`, four or more), when some do."""
    cells = [c for row in rows for c in row]
    widest = max(display_width(c.text) for c in cells)
    found: list[tuple[dict[int, int], bool, bool]] = []
    for step in range(widest + 1, (end - max(wall, 0)) // n + 1):
        first = end - n * step
        where = _inside(cells, first, step, n)
        if where is None or any(len({where[id(c)] for c in row}) < len(row) for row in rows) \
                or any(where[id(c)] != j for c, j in pins):
            continue
        found.append((where, _inside(others, first, step, n) is not None, all(
            first + j * step <= x < first + (j + 1) * step for x, j in heads)))
    shared = [(w, h) for w, fits, h in found if fits]
    kept = shared if others and shared else [(w, h) for w, _, h in found]
    under = [w for w, h in kept if h]
    return under if len(heads) >= 4 and under else [w for w, _ in kept]


def _inside(cells: Sequence[Cell], first: int, step: int, n: int) -> dict[int, int] | None:
    """The cell (0..n-1, from `first`, `step` wide) holding each number whole; None if one is not."""
    where: dict[int, int] = {}
    for c in cells:
        right = c.col
        left = right - display_width(c.text)  # type: ignore[operator]
        j = (left - first) // step
        if j < 0 or j >= n or right > first + (j + 1) * step:  # type: ignore[operator]
            return None
        where[id(c)] = j
    return where


@dataclass
class _Grid:
    """One evenly spaced grid of n columns: which edge lines up, column 0, the step, the numbers' columns."""

    edge: str
    first: int
    step: int
    n: int
    widest: int
    where: dict[int, int]

    def at(self, c: Cell) -> int:
        return _at(c, self.edge)

    def holds(self, spot: int) -> bool:
        return (spot - self.first) % self.step == 0 and 0 <= (spot - self.first) // self.step < self.n

    def under(self, heads: Sequence[tuple[float, int]]) -> bool:
        """Each header word's centre stands inside its column's cell (column j's cell: the step
        before its right edge, or after its left edge)."""
        for x, j in heads:
            edge = self.first + j * self.step
            if not (edge - self.step < x <= edge + 1 if self.edge == "right" else edge - 1 <= x < edge + self.step):
                return False
        return True

    def ends_at(self, end: int) -> bool:
        """The last column's cell ends at `end`: a right-aligned number ends there (or one before,
        a cell's padding), a left-aligned one starts within the cell's width before it."""
        last = self.first + (self.n - 1) * self.step
        return last <= end <= last + 1 if self.edge == "right" else last + self.widest <= end <= last + self.step


def _at(c: Cell, edge: str) -> int:
    """The display column of a space-aligned cell's right or left edge."""
    if c.col is None:
        raise TypeError(f"cell {c.text!r} has no display column (not space-aligned text)")
    return c.col if edge == "right" else c.col - display_width(c.text)


def _by_edge(rows: Sequence[Sequence[Cell]], pins: Sequence[tuple[Cell, int]], n: int, wall: int,
             edge: str, strict: bool) -> tuple[list[_Grid], list[dict[int, int]] | None] | None:
    """Grids and order-keeping placements with columns told by one edge of the numbers; None
    when that edge shows no clean columns: two numbers of a row on one spot, more spots than
    columns, or two spots so close that numbers standing on them would touch (numbers centred
    in their cells, or off by a column here and there: one column shows several spots)."""
    spots = sorted({_at(c, edge) for row in rows for c in row})
    if not spots or len(spots) > n or any(len({_at(c, edge) for c in row}) < len(row) for row in rows):
        return None
    wide: dict[int, int] = {}
    for row in rows:
        for c in row:
            wide[_at(c, edge)] = max(wide.get(_at(c, edge), 0), display_width(c.text))
    for p, q in zip(spots, spots[1:]):
        if (q - wide[q] <= p) if edge == "right" else (p + wide[p] >= q):
            return None
    pinned: dict[int, int] = {}
    for c, j in pins:
        if pinned.setdefault(_at(c, edge), j) != j:
            return None
    widest = max(display_width(c.text) for row in rows for c in row)
    if edge == "right" and strict:
        def fits(first: int, step: int) -> bool:
            return first - step >= wall - 1  # the first column's cell starts after the labels (±1)
    elif edge == "right":
        def fits(first: int, step: int) -> bool:
            return first - widest >= wall  # a number in the first column starts after the labels
    else:
        def fits(first: int, step: int) -> bool:
            return first >= wall  # the first column's number starts after the labels

    def keep(cols: tuple[int, ...]) -> bool:
        return all(cols[spots.index(p)] == j for p, j in pinned.items())

    def as_map(cols: tuple[int, ...]) -> dict[int, int]:
        col_of = dict(zip(spots, cols))
        return {id(c): col_of[_at(c, edge)] for row in rows for c in row}

    grids = [_Grid(edge, first, step, n, widest, as_map(cols)) for cols, first, step in lattices(spots, n, widest + 1, fits)
             if keep(cols)]
    inj = injections(len(spots), n)
    return grids, None if inj is None else [as_map(h) for h in inj if keep(h)]


def _narrowed(grids: list[_Grid], mark: Callable[[_Grid], bool]) -> list[_Grid]:
    """The grids that fit a mark of the page, when some do; else all (the mark says nothing)."""
    fitting = [g for g in grids if mark(g)]
    return fitting or grids


def lattices(spots: Sequence[int], n: int, min_step: int,
             fits: Callable[[int, int], bool]) -> list[tuple[tuple[int, ...], int, int]]:
    """Every grid of n evenly spaced columns that holds all the spots: (column of each spot,
    position of column 0, step).

    `spots`: sorted distinct positions; `min_step`: the narrowest column (the widest number and
    a space); `fits(position of column 0, step)`: the left wall. One spot fits any step; every
    step from the narrowest up to the one that puts it in the column is tried.
    """
    k = len(spots)
    if not k or k > n:
        return []
    first = spots[0]
    if k == 1:
        return [((j,), first - j * step, step) for j in range(n) for step in range(min_step, max(min_step, first) + 1)
                if fits(first - j * step, step)]
    g = 0
    for p in spots[1:]:
        g = gcd(g, p - first)
    out: list[tuple[tuple[int, ...], int, int]] = []
    for step in range(min_step, g + 1):
        if g % step:
            continue
        span = (spots[-1] - first) // step
        for j in range(n - span):
            if fits(first - j * step, step):
                out.append((tuple(j + (p - first) // step for p in spots), first - j * step, step))
    return out


def injections(k: int, n: int) -> list[tuple[int, ...]] | None:
    """Every order-keeping placement of k positions into n columns; None past MAX_PLACEMENTS."""
    if k > n or comb(n, k) > MAX_PLACEMENTS:
        return None
    return list(combinations(range(n), k))


__all__ = ["MAX_PLACEMENTS", "Lines", "Placements", "alignment", "by_line", "by_slot", "cell_grids", "display_width", "injections",
           "lattices", "lines_of", "placements", "slot_map"]
