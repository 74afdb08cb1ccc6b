"""Shortcuts of the row reader and the tokenizer give exactly what the plain computation gives.

Each test runs the plain formulation (the code as it was before the shortcut) beside the reader's
on inputs where the shortcut's trigger is present and where it is not.
"""

from __future__ import annotations

import random
from dataclasses import fields

from extractor.document import SourceCell
from extractor.engines.layout import columns, solve
from extractor.engines.layout._cells import _MD_RULE, _PAGE_LINE, Cell, _piece, _split, tokenize
from extractor.engines.layout.grid import _from_source, _source_cell
from extractor.engines.layout.lines import a_cell_a_line
from extractor.engines.layout.reader import without_notes
from extractor.engines.layout.solve import Piece, _enumerate, _one_per_character, _sums, by_identities, pieces
from extractor.identities import Identity

_KINDS = ("num", "num", "text", "blank")
_FIELDS = [f.name for f in fields(Cell)]


def astuple(c: Cell) -> tuple:
    """Every field of a cell (`dataclasses.astuple` copies deeply: slow for thousands of cells)."""
    return tuple(getattr(c, name) for name in _FIELDS)


def _random_cells(rng: random.Random, n: int, *, slots: bool = False) -> list[Cell]:
    """A stream of cells in line order, some bordered, some with no line, some printed blank."""
    out, line = [], 0
    for i in range(n):
        if rng.random() < 0.4:
            line += 10
        kind = rng.choice(_KINDS)
        text = {"num": rng.choice(["0", "12", "3"]), "text": rng.choice(["注：见", "予以公开", "说明"]),
                "blank": rng.choice(["", "—"])}[kind]
        c = Cell(kind, text, i, i + 1, line if rng.random() > 0.1 else -1)  # type: ignore[arg-type]
        c.bordered = rng.random() < 0.15
        if slots and rng.random() < 0.8:
            c.slot = rng.randint(0, 6)
        c.col = rng.choice([None, 3, 8, 12])
        c.fill = kind == "blank" and rng.random() < 0.3
        out.append(c)
    return out


# ---------------------------------------------------------------- lines.a_cell_a_line


def _a_cell_a_line_plain(cells, width):
    per_line: dict[int, int] = {}
    turns = run = 0
    previous = None
    for c in cells:
        if c.kind == "blank":
            return False
        if c.line >= 0:
            per_line[c.line] = per_line.get(c.line, 0) + 1
        turns += previous == "text" and c.kind == "num"
        run = run + 1 if c.kind == "num" else 0
        if run > width:
            return False
        previous = c.kind
    nums = [c for c in cells if c.kind == "num"]
    return len(nums) >= 3 and turns >= 2 and all(not c.bordered and c.line >= 0 and per_line[c.line] == 1 for c in nums)


def _cell_a_line(labels_and_numbers: list[tuple[str, list[str]]]) -> list[Cell]:
    out, at = [], 0
    for label, numbers in labels_and_numbers:
        for kind, text in [("text", label)] + [("num", n) for n in numbers]:
            out.append(Cell(kind, text, at, at + len(text), at))  # type: ignore[arg-type]
            at += len(text) + 1
    return out


def test_a_cell_a_line_exits_early_with_the_plain_answer():
    # a table a cell a line (no early exit: the whole stream is looked at) → True
    printed = _cell_a_line([("予以公开", ["1", "2"]), ("不予公开", ["3"]), ("其他", ["4", "5"])])
    assert a_cell_a_line(printed, 7) is True and _a_cell_a_line_plain(printed, 7) is True
    # the same with two numbers on one line (the early exit's trigger) → False both ways
    shared = list(printed)
    shared[2] = Cell("num", "2", shared[1].end + 1, shared[1].end + 2, shared[1].line)
    assert a_cell_a_line(shared, 7) is False and _a_cell_a_line_plain(shared, 7) is False
    # a label printed as two text cells on its line (no number there): still a cell a line
    two_words = list(printed)
    two_words.insert(1, Cell("text", "其中", printed[0].end, printed[0].end + 2, printed[0].line))
    assert a_cell_a_line(two_words, 7) is True and _a_cell_a_line_plain(two_words, 7) is True
    rng = random.Random(11)
    answers = set()
    for _ in range(3000):
        cells = _random_cells(rng, rng.randint(0, 14))
        cells = [c for c in cells if c.kind != "blank" or rng.random() < 0.2]
        width = rng.choice([1, 2, 7])
        assert a_cell_a_line(cells, width) == _a_cell_a_line_plain(cells, width)
        # near a cell a line: a line of one number, or of one or two words, now and then two numbers
        near, at = [], 0
        for _ in range(rng.randint(0, 12)):
            line = [rng.choice(["num", "text"])]
            line += [rng.choice(["text", "text", "num"])] if rng.random() < 0.3 else []
            for kind in line:
                near.append(Cell(kind, "1" if kind == "num" else "公开", at, at + 1, at - at % 10))  # type: ignore[arg-type]
                at += 1
            at += 10 - at % 10
        got = a_cell_a_line(near, width)
        assert got == _a_cell_a_line_plain(near, width)
        answers.add(got)
    assert answers == {True, False}


# ---------------------------------------------------------------- reader.without_notes


def _without_notes_plain(cells):
    from extractor.engines.layout.reader import _NOTE

    cut: dict[int, int] = {}
    for i, c in enumerate(cells):
        if c.kind == "text" and c.line not in cut and ("注" in c.text or "说明" in c.text) \
                and _NOTE.match(c.text.lstrip()):
            cut[c.line] = i
    if not cut:
        return cells
    return [c for i, c in enumerate(cells) if c.line not in cut or i < cut[c.line]]


def test_without_notes_skips_only_tables_with_no_note_word():
    note = [Cell("text", "予以公开", 0, 4, 0), Cell("num", "3", 5, 6, 0), Cell("text", "注：本表", 7, 11, 0),
            Cell("num", "2022", 11, 15, 0)]
    assert [c.text for c in without_notes(note)] == ["予以公开", "3"] == [c.text for c in _without_notes_plain(note)]
    # 说 and 明 in two cells: the cheap test lets it through, the plain scan finds no note
    split = [Cell("text", "说", 0, 1, 0), Cell("text", "明：", 1, 3, 0), Cell("num", "3", 4, 5, 0)]
    assert without_notes(split) == _without_notes_plain(split) == split
    plain = [Cell("text", "予以公开", 0, 4, 0), Cell("num", "3", 5, 6, 0)]
    assert without_notes(plain) is plain
    rng = random.Random(12)
    for _ in range(2000):
        cells = _random_cells(rng, rng.randint(0, 10))
        assert without_notes(cells) == _without_notes_plain(cells)


# ---------------------------------------------------------------- _cells: bare numbers, tab cells


def test_bare_digits_are_never_a_page_line_or_a_rule():
    # (why `_cells_of_line` asks neither pattern of a line of digits alone)
    rng = random.Random(13)
    for _ in range(2000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 6)))
        line = rng.choice(["", " ", "  ", "\t"]) + digits + rng.choice(["", " ", "\f"])
        assert _PAGE_LINE.match(line) is None and _MD_RULE.match(line) is None
    # page lines and rules that start with a digit or a mark are still dropped; a bare number stays
    text = "表\n第 3 页\n- 3 -\n3/9\n12\n|---|---|\n"
    assert [c.text for c in tokenize(text, 0, len(text))] == ["表", "12"]


def _split_plain(text, a, b, sep, out, line, bordered=False):
    pos = a
    for slot, piece in enumerate(text[a:b].split(sep)):
        end = pos + len(piece)
        stripped = piece.strip()
        if not stripped:
            c = Cell("blank", "", end, end, line)
            c.slot, c.bordered = slot, bordered
            out.append(c)
        elif stripped.isascii() and stripped.isdigit():
            lead = len(piece) - len(piece.lstrip())
            c = Cell("num", stripped, pos + lead, pos + lead + len(stripped), line)
            c.slot, c.bordered = slot, bordered
            out.append(c)
        else:
            first = len(out)
            s, e = pos, end
            if len(stripped) > 4 and stripped[:2] in ("**", "__") and stripped.endswith(stripped[:2]):
                s = pos + len(piece) - len(piece.lstrip()) + 2
                e = s + len(stripped) - 4
            _piece(text, s, e, out, False, line)
            for c in out[first:]:
                c.slot, c.bordered = slot, bordered
        pos = end + 1


_PIECES = ["", " ", "0", " 12 ", "予以公开", " （一）予以公开 ", "—", " / ", "无", "3件", "1,191个", "〇",
           "合计 3", "l2", "4O", "**95**", "__总计__", "**（七）总计**", "-", "2 . 其 他", "第1项", "0 0"]


def test_tab_cells_inline_what_piece_makes():
    rng = random.Random(14)
    for _ in range(1000):
        sep = rng.choice(["\t", "|"])
        row = sep.join(rng.choice(_PIECES) for _ in range(rng.randint(1, 8)))
        text = "x\n" + row + "\ny"
        a, b = 2, 2 + len(row)
        for bordered in (False, True):
            got: list[Cell] = []
            want: list[Cell] = []
            _split(text, a, b, sep, got, a, bordered)
            _split_plain(text, a, b, sep, want, a, bordered)
            assert [astuple(c) for c in got] == [astuple(c) for c in want], repr(row)


# ---------------------------------------------------------------- columns.by_slot, columns.lines_of


def _by_slot_plain(cells, grid, n, on_line=()):
    nums = [c for c in cells if c.kind == "num"]
    if not nums or any(c.slot not in grid or c.line != nums[0].line for c in nums):
        return None
    line = nums[0].line
    mine = [c for c in cells if c.line == line and c.slot in grid]
    if any(c.kind == "text" for c in mine):
        return None
    held = {id(c) for c in mine}
    if any(c.slot in grid and c.printed and id(c) not in held or c.kind == "text" and c.slot in grid
           for c in on_line if c.line == line):
        return None
    out = [None] * n
    for c in mine:
        out[grid[c.slot]] = c
    end = max(c.end for c in mine)
    return [c if c is not None else Cell("blank", "", end, end, line) for c in out]


def _lines_of_plain(cells):
    wall: dict[int, int] = {}
    width: dict[int, int] = {}
    ends: dict[int, int] = {}
    numbered: set[int] = set()
    for c in cells:
        if c.slot is not None:
            width[c.line] = max(width.get(c.line, 0), c.slot + 1)
        if c.kind == "num":
            numbered.add(c.line)
        elif c.kind == "text" and c.line not in numbered:
            edge = c.slot if c.slot is not None else c.col
            if edge is not None:
                wall[c.line] = max(wall.get(c.line, edge), edge)
        elif c.fill and c.col is not None:
            ends[c.line] = c.col
    return wall, width, ends


def _same_cells(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return [astuple(c) for c in a] == [astuple(c) for c in b]


def test_by_slot_and_lines_of_are_the_plain_formulation():
    rng = random.Random(15)
    placed = 0
    for _ in range(4000):
        table = _random_cells(rng, rng.randint(0, 12), slots=True)
        lines = columns.lines_of(table)
        assert (lines.wall, lines.cells, lines.ends) == _lines_of_plain(table)
        row = [c for c in table if rng.random() < 0.7]
        grid = {s: j for j, s in enumerate(sorted(rng.sample(range(7), rng.randint(1, 5))))}
        on_line = table if rng.random() < 0.7 else ()
        got = columns.by_slot(row, grid, len(grid), on_line)
        assert _same_cells(got, _by_slot_plain(row, grid, len(grid), on_line))
        placed += got is not None
    assert placed > 50  # (the random rows do reach the placing branch)


# ---------------------------------------------------------------- grid cells


def test_grid_cell_made_by_position_is_from_source():
    for sc in (SourceCell(0, 0, "3"), SourceCell(1, 2, "l2", locator={"page": 3}, confidence=0.5, agreed=False,
                                                   sign="-", alternatives=("12",))):
        for agreed in ("source", False, None, True):
            got = _source_cell("num", sc.text, 4, 6, sc, agreed=agreed)
            assert astuple(got) == astuple(_from_source(Cell("num", sc.text, 4, 6), sc, agreed=agreed))


# ---------------------------------------------------------------- the solver's memos


def _row_total(keys):
    return Identity("row_total", "x", tuple(keys[:-1]), tuple(keys[-1:]))


def test_identities_memo_keeps_tuples_by_identity_and_never_a_list():
    calls = []

    def fn(keys, idents):
        calls.append(idents)
        return (keys, idents)

    get = by_identities(fn)
    keys = ("a", "b", "c")
    one, other = (_row_total(keys),), (Identity("balance", "y", ("a",), ("b",)),)
    assert get(keys, one) == (keys, one) and get(keys, one) == (keys, one)
    assert len(calls) == 1  # remembered
    assert get(keys, other) == (keys, other)  # another tuple: its own answer
    listed = [one[0]]
    assert get(keys, listed) == (keys, one)
    listed.append(other[0])  # a list may change: never remembered
    assert get(keys, listed) == (keys, (one[0], other[0]))


def test_digits_read_one_per_cell_with_one_remembered_call():
    keys = tuple(f"requests.new.c{i}" for i in range(7))
    row = pieces([Cell("num", "1000001", 10, 17)])
    assert row is not None

    def value(key, digits, sign):
        return int(digits) if sign != "-" else -int(digits)

    got = _one_per_character(keys, row, value)
    assert [(r.value, r.start, r.end, r.printed) for r in got or []] == [(int(ch), 10 + j, 11 + j, None)
                                                                        for j, ch in enumerate("1000001")]
    # a key that cannot hold its digit: no reading, whichever key it is
    for bad in keys:
        def refusing(key, digits, sign, bad=bad):
            return None if key == bad and digits != "0" else int(digits)
        want = None if bad in (keys[0], keys[6]) else [1, 0, 0, 0, 0, 0, 1]
        got = _one_per_character(keys, row, refusing)
        assert (None if got is None else [r.value for r in got]) == want


def test_row_search_same_with_a_remembered_shape_and_without():
    keys = tuple(f"requests.new.c{i}" for i in range(7))
    sums = _sums(keys, (_row_total(keys),))

    def value(key, digits, sign):
        return int(digits)

    rng = random.Random(16)
    for _ in range(80):
        values = [rng.choice([0, 0, 1, 7, 12]) for _ in range(6)]
        run = "".join(map(str, values)) + str(sum(values))
        row = pieces([Cell("num", run, 0, len(run))])
        for drops in (0, 1):
            remembered = _enumerate(keys, row, drops, sums, value)  # a tuple: its shape kept
            again = _enumerate(keys, row, drops, sums, value)
            fresh = _enumerate(keys, row, drops, list(sums), value)  # a list: made anew
            as_values = [[[(r.value, r.start, r.end) for r in reading] for reading in found]
                         for found in (remembered, again, fresh)]
            assert as_values[0] == as_values[1] == as_values[2]
    assert solve._SHAPES  # (the tuple's shape was kept)


def test_piece_is_still_compared_and_hashed_by_value():
    a = Piece(False, "12", 0, "", "", False, "12", 0, 2)
    b = Piece(False, "12", 0, "", "", False, "12", 0, 2)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Piece(False, "13", 0, "", "", False, "13", 0, 2)
