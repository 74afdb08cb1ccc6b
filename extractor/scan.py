"""Finding a pattern's matches fast in a report's long text.

`re` has no literal to skip ahead to in a pattern that opens with one of several words or a
look-behind, so `finditer` tries it at every place of the text. When the places a match can start
are known (where an opening word stands, found by `str.find`), trying the pattern there alone
gives the same matches, in the same order, for a fraction of the work. Used by the narrative rule
(rules/narrative.py) and the layout reader's prose evidence (engines/layout/evidence.py).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def matches_at(text: str, pattern: re.Pattern[str], starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match starts at one of `starts` (in
    increasing order): tried at those places alone, a place inside the last match passed over."""
    pos = 0
    for k in starts:
        if k < pos:
            continue  # inside the last match
        m = pattern.match(text, k)
        if m:
            yield m
            pos = m.end()
