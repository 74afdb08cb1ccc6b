"""Speed shortcuts of round 15 give exactly what the plain computation they replace gives."""

from __future__ import annotations

import copy
import random

from conftest import gold_cases
from extractor.engines.layout._cells import Cell, tokenize
from extractor.load import load

_TEXTS = ["十二", "一", "二件", "一件", "零", "〇", "三百", "", "5", "一二", "十", "—", "无", "予以公开", "一、本年新收"]


def _random_cells(rng: random.Random, n: int) -> list[Cell]:
    cells = []
    for i in range(n):
        c = Cell(rng.choice(["num", "text", "blank"]), rng.choice(_TEXTS), i, i + 1, rng.choice([-1, 0, 4, 9]))
        c.bordered = rng.random() < 0.4
        c.glued = rng.random() < 0.3
        c.slot = rng.choice([None, 0, 1, 2])
        cells.append(c)
    return cells


def test_writes_numerals_loop_is_the_generator():
    from extractor.engines.layout.cnnum import _NO_DASH, FIRST, writes_numerals

    def plain(cells):
        return any(c.kind == "num" and c.text[:1] in FIRST and _NO_DASH.search(c.text) for c in cells)

    rng = random.Random(15)
    seen = set()
    for _ in range(3000):
        cells = _random_cells(rng, rng.randint(0, 8))
        assert writes_numerals(cells) == plain(cells)
        seen.add(plain(cells))
    assert seen == {True, False}
    for case in gold_cases():
        text = load(str(case[0])).text
        cells = tokenize(text, 0, len(text))
        assert writes_numerals(cells) == plain(cells)


def test_any_helpers_are_the_map_formulations():
    """The plain loops of `any_bordered`, `any_slotted`, `any_on_line`, `has_number` give what the
    `map(attrgetter)` formulations they replace gave (random cells)."""
    from operator import attrgetter

    from extractor.engines.layout._cells import any_bordered, any_on_line, any_slotted, has_number

    rng = random.Random(16)
    seen = set()
    for _ in range(3000):
        cells = _random_cells(rng, rng.randint(0, 5))
        got = (any_bordered(cells), any_slotted(cells), any_on_line(cells), has_number(cells))
        want = (any(map(attrgetter("bordered"), cells)), any(s is not None for s in map(attrgetter("slot"), cells)),
                any(ln >= 0 for ln in map(attrgetter("line"), cells)), "num" in map(attrgetter("kind"), cells))
        assert got == want
        seen.add(want)
    assert len(seen) > 8


def test_crowded_slots_is_its_plain_loop():
    """`crowded_slots` with its early exits (no bordered cell; no two numbers in one place) is its
    plain loop (random rows, crowded and not, and the gold reports)."""
    from extractor.engines.layout.ocrtext import crowded_slots

    def plain(cells):
        places = [(c.line, c.slot) for c in cells if c.kind == "num" and c.bordered and c.slot is not None]
        seen: dict = {}
        for place in places:
            seen[place] = seen.get(place, 0) + 1
        lines = {line for (line, _), n in seen.items() if n >= 2}
        for c in cells:
            if c.line in lines and c.bordered:
                c.bordered = False
                c.slot = None

    def fields(cells):
        return [(c.bordered, c.slot) for c in cells]

    rng = random.Random(17)
    changed = 0
    cases = [_random_cells(rng, rng.randint(0, 8)) for _ in range(3000)]
    cases += [tokenize(t, 0, len(t)) for t in (load(str(c[0])).text for c in gold_cases())]
    cases += [tokenize(t, 0, len(t)) for t in ("规章 | 5 | 1 2 | 0 |\n", "| 1 | 2 |\n| 3 4 | 5 |\n")]
    for cells in cases:
        fast, slow = copy.deepcopy(cells), copy.deepcopy(cells)
        crowded_slots(fast)
        plain(slow)
        assert fields(fast) == fields(slow)
        changed += fields(slow) != fields(cells)
    assert changed > 10  # (the loop did change cells)


def test_row_helpers_are_the_map_formulations():
    """`rowread._all_placed`, `rowread._numbers_on` and `lines._text_and_num` (plain loops) give
    what the `map(attrgetter)` formulations they replace gave (random cells, display columns set
    or not)."""
    from operator import attrgetter

    from extractor.engines.layout.lines import _text_and_num
    from extractor.engines.layout.rowread import _all_placed, _numbers_on

    rng = random.Random(19)
    seen = set()
    for _ in range(3000):
        cells = _random_cells(rng, rng.randint(0, 5))
        for c in cells:
            c.col = rng.choice([None, 3, 8])
        nums = [c for c in cells if c.kind == "num"]
        line = rng.choice([0, 4])
        kinds = list(map(attrgetter("kind"), cells))
        want = (None not in map(attrgetter("col"), nums) and "text" not in kinds,
                all(k == "num" for k in kinds) and all(c.line == line for c in cells),
                (kinds.count("text"), kinds.count("num")))
        assert (_all_placed(nums, cells), _numbers_on(cells, line), _text_and_num(cells)) == want
        seen.add(want[:2])
    assert len(seen) == 4
