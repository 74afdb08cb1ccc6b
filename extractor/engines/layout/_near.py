"""How far a printed label is from a format label: edits (a character replaced, dropped, added,
or two neighbours swapped) to turn the end of the printed text into the label.

Typing and OCR damage one character of a label (予与公开, 部份公开, 本机关不掌捱…) so that no
keyword pattern of `labels` finds its row; the row is still found when exactly one format label
is that close.
"""

from __future__ import annotations


def tail_distance(text: str, label: str, max_prefix: int) -> int:
    """The fewest edits that turn some end of `text` (what follows its first ≤ `max_prefix`
    characters) into `label` (optimal string alignment: a swap of two neighbours is one edit)."""
    n, m = len(text), len(label)
    inf = n + m + 1
    # d[i][j]: edits between text[s:i] (best start s ≤ max_prefix) and label[:j]
    prev2: list[int] = []
    prev = [inf] * (m + 1)
    prev[0] = 0
    for j in range(1, m + 1):
        prev[j] = j
    for i in range(1, n + 1):
        cur = [0 if i <= max_prefix else i - max_prefix] + [inf] * m
        # (a start after i characters is free while i ≤ max_prefix; later text must be deleted)
        ch = text[i - 1]
        for j in range(1, m + 1):
            cost = 0 if ch == label[j - 1] else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ch == label[j - 2] and text[i - 2] == label[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = best
        prev2, prev = prev, cur
    return prev[m]
