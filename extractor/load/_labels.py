"""Re-read a scanned table's label words against the labels the official tables print.

The labels and headers of 表二, 表三 and 表四 are fixed by the two official formats (2019, 2021).
A row label read from a phone photo with one character wrong (`行政处药` for 行政处罚, `现章` for
规章, `1届于家秘密` for 1.属于国家秘密) names no row, and the row's numbers are lost. Each word
with a Chinese character inside a ruled table that is not itself a printed label, or a run of
one (a label wrapped over two lines in its cell is read line by line), is decoded again from its
own box, and the labels and runs close to its reading are scored by the recogniser's own
probabilities (the CTC likelihood of each label given the crop). A label replaces the reading
only when the recogniser finds it nearly as likely as what it read and clearly likelier than any
other label; a word that is no label (a line of a wrapped label, a note) stays as read. Numbers
are never touched here (their cells are re-read digits-only, `_numbers`).

When the engine read the page at its own size (a phone photo or a fax at its picture's
resolution), the recogniser's output for such a word is kept from the page's reading
(`_recognise.read_text`) and scored instead: a second recognition would read the same pixels.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Sequence

from .. import catalogue

if TYPE_CHECKING:  # numpy comes with the OCR extra
    import numpy as np

#: headers of the three tables in both formats, as printed one to a cell (the row and column
#: labels are the catalogue's)
_HEADERS = (
    "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
    "第二十条第（九）项", "第二十条第（十）项", "信息内容", "本年处理决定数量", "本年收费金额（单位：万元）",
    "申请人情况", "法人或其他组织", "本年度办理结果", "三、本年度办理结果", "（三）不予公开", "（四）无法提供",
    "（五）不予处理", "（六）其他处理", "行政诉讼", "未经复议直接起诉", "复议后起诉",
)
#: a catalogue row's section prefix (三（三）1.属于国家秘密 prints as 1.属于国家秘密)
_SECTION = re.compile(r"^三(?=（[一二三四五六七]）[^0-9])|^三（[一二三四五六七]）(?=[0-9])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: a label replaces the reading when it is at most this many nats less likely than the reading
#: itself, and at least `MARGIN` nats likelier than the next label
MAX_LOSS = 6.0
MARGIN = 3.0


@cache
def lexicon() -> frozenset[str]:
    """Every label and header the official tables print in a cell of its own."""
    out = set(_HEADERS)
    for f in catalogue.fields():
        for text in (f.row, f.column):
            text = _SECTION.sub("", text)
            out.update(part for part in text.split("·") if part)
    return frozenset(out)


@cache
def pieces() -> dict[int, dict[str, frozenset[str]]]:
    """The labels and every run of two or more of their characters (a label wrapped over lines
    in its cell is read line by line), by length, each with the labels it is a run of."""
    out: dict[int, dict[str, set[str]]] = {}
    for lb in lexicon():
        for i in range(len(lb)):
            for j in range(i + 2, len(lb) + 1):
                out.setdefault(j - i, {}).setdefault(lb[i:j], set()).add(lb)
    return {n: {run: frozenset(v) for run, v in runs.items()} for n, runs in out.items()}


def candidates(text: str) -> dict[str, frozenset[str]] | None:
    """The labels and runs (each with the labels it is a run of) a word read as `text` may be
    a misreading of, or None when it is no such word (no Chinese character, a label as read, or
    nothing close)."""
    flat = "".join(str(text).split())
    return _near(flat)


@lru_cache(maxsize=4096)
def _near(flat: str) -> dict[str, frozenset[str]] | None:
    by_length = pieces()
    if not _CJK.search(flat) or flat in by_length.get(len(flat), ()):
        return None
    chars = set(flat)
    near = {run: of for n in range(len(flat) - 1, len(flat) + 2) for run, of in by_length.get(n, {}).items()
            if 2 * len(chars.intersection(run)) >= len(flat)
            and difflib.SequenceMatcher(None, flat, run).ratio() >= 0.5}
    return near or None


def reread_labels(engine: Any, gray: np.ndarray, words: list[tuple[Any, str, float]],
                  inside: Sequence[tuple[float, float, float, float]],
                  probs: Mapping[int, np.ndarray] | None = None) -> list[tuple[Any, str, float]]:
    """The engine's (box, text, score) results with each label word inside a ruled table (`inside`:
    the tables' boxes, pixels) that the recogniser finds to be a printed label read as that label;
    the others unchanged.

    `probs`: the recogniser's output (frames × classes) for some of the words by index, from
    the page's own reading of them at the resolution of `gray` (`_recognise.read_text` keeps
    them when the engine did not scale the page): such a word is scored on that output instead
    of being recognised again from its crop."""
    out = list(words)
    h, w = gray.shape
    for k, (box, text, score) in enumerate(words):
        near = candidates(text)
        if not near:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        if not any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in inside):
            continue
        if probs is not None and k in probs:
            best = _best_label(engine, None, near, probs[k])
        else:
            pad = 2
            x0, y0 = max(0, int(min(xs)) - pad), max(0, int(min(ys)) - pad)
            x1, y1 = min(w, int(max(xs)) + pad + 1), min(h, int(max(ys)) + pad + 1)
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            best = _best_label(engine, gray[y0:y1, x0:x1], near)
        if best is not None:
            out[k] = (box, best, score)
    return out


def _best_label(engine: Any, crop: np.ndarray | None, near: dict[str, frozenset[str]],
                probs: np.ndarray | None = None) -> str | None:
    """The label (or run of one: `near` maps each to the labels it is a run of) the recogniser
    finds nearly as likely as its own reading of the crop (or of its output `probs`, frames ×
    classes) and clearly likelier than any run of other labels, or None."""
    import cv2
    import numpy as np

    rec = engine.text_rec
    chars: list[str] = rec.postprocess_op.character
    index = _char_index(tuple(chars))
    if probs is None:
        assert crop is not None
        _, img_h, img_w = rec.rec_image_shape
        img = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
        ratio = max(img_w / img_h, img.shape[1] / img.shape[0])
        probs = rec.session(rec.resize_norm_img(img, ratio)[np.newaxis, :].astype(np.float32))[0][0]
    logp = np.log(np.maximum(probs, 1e-12))
    reading = _greedy_text(probs, chars)
    own = ctc_log_likelihood(logp, [index[c] for c in reading if c in index])
    scored = []
    for lb in near:
        ids = [index.get(c) for c in lb]
        if any(i is None for i in ids):
            continue
        scored.append((ctc_log_likelihood(logp, ids), lb))  # type: ignore[arg-type]
    if not scored:
        return None
    scored.sort(reverse=True)
    top, label = scored[0]
    # a shorter or longer run of the same label is no rival: it binds the same row
    runner = next((ll for ll, run in scored[1:] if not near[run] & near[label]), -np.inf)
    if own - top <= MAX_LOSS and top - runner >= MARGIN:
        return label
    return None


@cache
def _char_index(chars: tuple[str, ...]) -> dict[str, int]:
    return {c: i for i, c in enumerate(chars) if i > 0}


def _greedy_text(probs: np.ndarray, chars: list[str]) -> str:
    idx = probs.argmax(axis=1)
    out, prev = "", -1
    for i in idx:
        if i != prev and i != 0:
            out += chars[i]
        prev = i
    return out


def ctc_log_likelihood(logp: np.ndarray, label: list[int]) -> float:
    """log P(label | frames) under CTC (blank = class 0): the sum over every alignment."""
    import numpy as np

    ext = [0]
    for c in label:
        ext += [c, 0]
    n = len(ext)
    ext_a = np.array(ext)
    # a skip over a blank is allowed between two different characters
    skip = np.zeros(n, bool)
    skip[2:] = (ext_a[2:] != 0) & (ext_a[2:] != ext_a[:-2])
    alpha = np.full(n, -np.inf)
    alpha[0] = logp[0, 0]
    if n > 1:
        alpha[1] = logp[0, ext[1]]
    for t in range(1, logp.shape[0]):
        prev1 = np.concatenate(([-np.inf], alpha[:-1]))
        prev2 = np.where(skip, np.concatenate(([-np.inf, -np.inf], alpha[:-2])), -np.inf)
        alpha = np.logaddexp(np.logaddexp(alpha, prev1), prev2) + logp[t, ext_a]
    return float(np.logaddexp(alpha[-1], alpha[-2]) if n > 1 else alpha[-1])
