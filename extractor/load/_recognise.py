"""The OCR machinery shared by the image loader and the PDF loader's scanned pages: the engine
(loaded once per process), page straightening and clean-up (`_cleanup`), ruling lines, and a page's text boxes rebuilt into
lines and table cells with their confidences.

The engine is `rapidocr-onnxruntime` 1.4.x, whose Chinese models ship inside the wheel (no
download at run time). Number cells are read again digits-only (`_numbers`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Sequence

from ._cleanup import cleanup
from . import _pinned
from ._grid import Box, GridTable, PageBlocks, Word, page_blocks, table_from_boxes
from ._labels import candidates, reread_labels
from ._memory import release_memory
from ._numbers import reread_numbers, short_width
from ._rowbind import bind_rows

#: Boxes scored below this by the recogniser are dropped as noise (the engine's default is 0.5;
#: lower, so that a doubtful digit is kept and flagged instead of silently vanishing).
MIN_BOX_SCORE = 0.3
#: Longest image side we OCR at; bigger scans are scaled down first (bounded memory and time).
MAX_SIDE = 3500
#: Most pixels the text detector is given (the recogniser still cuts its lines from the page as
#: the engine scales it, ≤ 2000 px a side). The detector's memory and time grow with its input:
#: an A4 page rendered at 200 dpi (1408 × 1984 px once the engine has scaled it, 2.8 M pixels)
#: took ~435 MB above the loaded models and ~1.5 CPU s. Detected smaller, it misses lone digits
#: (fourth round: at 2.0 M pixels the phone-level PDFs read 171/207 non-zero cells instead of
#: 188/207), but since the eighth round a number cell that holds ink where the detector found no
#: text is read from its own crop (`_numbers.reread_numbers`), so the detector's work is the
#: labels and the text outside the tables: at 1.4 M pixels (an A4 page detected at 0.7 of its
#: side) the four default reports read as well or better at every level, for half the
#: detector's time and ~180 MB less memory (docs/scans.md, eighth round).
#: `XXGK_OCR_DET_PIXELS` sets it.
DET_PIXELS = int(os.environ.get("XXGK_OCR_DET_PIXELS", "0")) or 1_400_000


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as e:  # the optional extra is not installed
        raise ImportError(
            "OCR needs rapidocr-onnxruntime 1.4.x: pip install 'xxgk-extractor[ocr]'"
        ) from e
    from rapidocr_onnxruntime.utils import infer_engine

    threads = int(os.environ.get("XXGK_OCR_THREADS", "0")) or -1
    # the engine's sessions with their worker threads sleeping when idle instead of spinning: on a
    # busy machine a spinning thread burns a core the other work needs (huaian's office PDF, two
    # threads at a load of 3.5 on 2 cores: 36.8 CPU s and 36.9 s wall spinning, 21.5 CPU s and
    # 19.7 s wall not; one thread: 19.5 CPU s). The same kernels split the same way: same reads.
    options = infer_engine.OrtInferSession._init_sess_opts

    def no_spinning(config: dict[str, Any]) -> Any:
        opts = options(config)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return opts

    infer_engine.OrtInferSession._init_sess_opts = staticmethod(no_spinning)
    try:
        engine = RapidOCR(text_score=MIN_BOX_SCORE, intra_op_num_threads=threads)
    finally:
        infer_engine.OrtInferSession._init_sess_opts = staticmethod(options)
    engine.text_rec.session = OneByOne(engine.text_rec.session)
    return engine


class OneByOne:
    """The recogniser's session, run on a batch's images one at a time.

    Each image of a batch is computed on its own by the model, so its output is the same to the
    bit either way (checked on batches of 16 at 320 and 640 px); but a batch runs slower per
    image on this CPU than the images run one by one (16 at 48 × 320 px: 71 against 41 ms an
    image on one thread), and its buffers grow with it (6 lines of 40:1 took ~300 MB). The
    batches keep their meaning, the width every image of one is padded to."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def __call__(self, batch: Any) -> list[Any]:
        import numpy as np

        outs = [self.session(batch[i : i + 1]) for i in range(len(batch))]
        return [np.concatenate([o[k] for o in outs]) for k in range(len(outs[0]))] if outs else self.session(batch)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.session, name)


def ocr_image(image: Any, page: int, unit: float = 1.0) -> PageBlocks:
    """One page image (PIL) → its blocks; coordinates divided by `unit` (pixels → PDF points)."""
    import cv2
    import numpy as np

    scale = 1.0
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    unit = unit * scale
    # straightened in grey: the page is read in grey from here on, and a grey page turns in a
    # third of the time of its RGB copy (~0.11 against 0.27 CPU s an A4 page at 200 dpi)
    image = deskew(image.convert("L"))
    gray = cleanup(np.asarray(image))
    height = image.height
    del image  # only the grey page is read from here on: no colour copy beside the detector
    table_boxes = ruled_cells(gray)
    # the number cells of a 表三 (found by the grid's shape alone) are read first digits-only from
    # their own crops; the page's reading of their text is put off, and made only for the cells
    # whose identities do not pin them (`_numbers.reread_numbers`, `_pinned`)
    defer = [_pinned.block_rects(table_from_boxes(boxes, [], page, tol=4.0)[0]) for boxes in table_boxes] if PIN else []
    probs: dict[int, Any] = {}
    blocks = [(min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
              for rects in defer if rects]
    result, deferred = read_text(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), [r for rects in defer for r in rects],
                                 probs if REUSE_LABEL_READS else None, blocks)
    inside = [(min(b[0] for b in t), min(b[1] for b in t), max(b[2] for b in t), max(b[3] for b in t))
              for t in table_boxes]
    # a label word holding a character the official tables never print is read again
    result = reread_labels(_engine(), gray, list(result or []), inside, probs)
    del probs
    words = [_word(box, text, score, unit) for box, text, score in result]
    tables: list[GridTable] = []
    free = words
    for boxes in table_boxes:
        scaled = [(x0 / unit, y0 / unit, x1 / unit, y1 / unit) for x0, y0, x1, y1 in boxes]
        table, took = table_from_boxes(scaled, free, page, tol=4.0 / unit)
        free = [w for k, w in enumerate(free) if k not in took]
        tables.append(table)
    bind_rows(tables)  # a 表三 item label misread past recognising: named by its place in its group
    later = [(_word(box, "", 0.0, unit), crop) for box, crop in deferred]
    reread_numbers(_engine(), gray, tables, unit, later, pin=PIN)
    release_memory()
    return page_blocks(page, height / unit, tables, free)


def _word(box: Any, text: str, score: float, unit: float) -> Word:
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    return Word(str(text), min(xs) / unit, min(ys) / unit, max(xs) / unit, max(ys) / unit, float(score))


#: a 表三's number cells read once when their identities pin them (`_pinned`); `XXGK_OCR_PIN=0`
#: reads every number cell twice
PIN = os.environ.get("XXGK_OCR_PIN", "1") != "0"


#: a label word's reading by the page kept for `_labels.reread_labels` when the page was read at
#: its own size (a phone photo or a fax at its own resolution), instead of recognised again from
#: the same pixels; `XXGK_OCR_REUSE_LABELS=0` recognises it again
REUSE_LABEL_READS = os.environ.get("XXGK_OCR_REUSE_LABELS", "1") != "0"


def read_text(bgr: Any, defer: Sequence[Box] = (), probs: dict[int, Any] | None = None, skip: Sequence[Box] = (),
              ) -> tuple[list[tuple[Any, str, float]], list[tuple[Any, Any]]]:
    """The engine's (box, text, score) for each line of text found on a page, its boxes in the
    page's pixels: the engine's own steps, with the detector given at most `DET_PIXELS` pixels.
    A line whose box's centre is inside one of the `defer` rectangles (page pixels) is not
    recognised: it comes back apart, as (box, its crop), for `recognise_deferred`. `probs`, when
    given and the engine read the page at its own size, gets the recogniser's output for each
    line that may be a misread label (`_labels.candidates`), by its place in the list returned.
    The detector is not run over the rectangles `skip` (page pixels: a 表三's number block, whose
    cells are read from their own crops, `detect`).

    The engine would detect on the page as it scales it for recognition (2000 px a side); the
    boxes found on the smaller copy are scaled back and the lines cut from the larger one, so the
    recogniser reads what it read before, for less memory and time in the detector.
    """
    import cv2

    engine = _engine()
    raw_h, raw_w = bgr.shape[:2]
    img, ratio_h, ratio_w = engine.preprocess(bgr)
    record: dict[str, Any] = {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}}
    del bgr  # the caller's copy is its only other reference: the scaled one is read from here on
    img, record = engine.maybe_add_letterbox(img, record)
    h, w = img.shape[:2]
    shrink = min(1.0, (DET_PIXELS / (h * w)) ** 0.5)
    small = img if shrink == 1.0 else cv2.resize(img, (round(w * shrink), round(h * shrink)), interpolation=cv2.INTER_AREA)
    top, left = record.get("padding_1", {}).get("top", 0), record.get("padding_1", {}).get("left", 0)
    at = small.shape[1] / w, small.shape[0] / h  # page pixels → the detector's copy
    boxes = detect(engine, small, [((x0 / ratio_w + left) * at[0], (y0 / ratio_h + top) * at[1],
                                    (x1 / ratio_w + left) * at[0], (y1 / ratio_h + top) * at[1])
                                   for x0, y0, x1, y1 in skip])
    release_memory()
    if boxes is None:
        return [], []
    if small is not img:
        sx, sy = w / small.shape[1], h / small.shape[0]
        boxes = [(b * (sx, sy)).astype(b.dtype) for b in boxes]
    del small
    crops = engine.get_crop_img_list(img, boxes)
    del img
    boxes = engine._get_origin_points(boxes, record, raw_h, raw_w)
    later = [k for k, b in enumerate(boxes) if _inside(b, defer)] if defer else []
    put_off = set(later)
    now = [k for k in range(len(boxes)) if k not in put_off]
    own_size = ratio_h == ratio_w == 1.0 and record.get("padding_1", {}).get("top", 0) == 0
    kept: dict[int, Any] | None = {} if probs is not None and own_size else None
    texts = recognise_lines(engine, [crops[k] for k in now], kept)
    release_memory()
    if kept and probs is not None:
        place = 0
        for i, (text, score) in enumerate(texts):
            if float(score) >= MIN_BOX_SCORE:
                if i in kept:
                    probs[place] = kept[i]
                place += 1
    del kept
    # no angle classifier: a table page is upright once straightened (a box turned 180° is not
    # a case the layout reader meets), and classifying every box cost ~10 % of the page's time
    return ([(boxes[k].tolist(), str(text), float(score)) for k, (text, score) in zip(now, texts)
             if float(score) >= MIN_BOX_SCORE],
            [(boxes[k].tolist(), crops[k]) for k in later])


def _inside(box: Any, rects: Sequence[Box]) -> bool:
    cx = float(sum(p[0] for p in box)) / len(box)
    cy = float(sum(p[1] for p in box)) / len(box)
    return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in rects)


def recognise_deferred(engine: Any, crops: list[Any]) -> list[tuple[str, float]]:
    """The page's reading of lines put off by `read_text`, as it would have read them; a line
    scored under `MIN_BOX_SCORE` comes back as ("", 0.0), as if never found."""
    return [(t, s) if s >= MIN_BOX_SCORE else ("", 0.0) for t, s in recognise_lines(engine, crops)]


#: a line the detector found that is at most this many pixels wide at the recogniser's 48 px
#: height (a number of one to three digits, a label fragment of a character or two) is recognised
#: on its own, padded to this width or the narrowest of `_numbers.SHORT_TIERS` it fits in; the
#: engine pads every line to at least 320 px, and the model's time grows with the width (one
#: thread: ~29 ms at 320 px, ~14 at 160, ~9 at 96). Measured on the scan family (eighth round):
#: the same or more cells read right at every level.
SHORT_LINE = int(os.environ.get("XXGK_OCR_SHORT_LINE", "160"))


#: a page's line longer than `SHORT_LINE` is read at its own width (and at least the model's 320
#: px) rather than padded to the widest line of the engine's batch of six (sorted by width): the
#: model's time grows with its input's width, and shanghai's phone 表三 page gave it 13 008 px
#: of batched lines for 10 918 of lines (twelfth round, docs/scans.md).
#: `XXGK_OCR_OWN_WIDTH=0` reads them in the engine's batches.
OWN_WIDTH = os.environ.get("XXGK_OCR_OWN_WIDTH", "1") != "0"


def recognise_lines(engine: Any, crops: list[Any], kept: dict[int, Any] | None = None) -> list[tuple[str, float]]:
    """The recogniser's (text, score) for each line crop: a short line (`SHORT_LINE`) on its own,
    padded to `SHORT_LINE` px; the others each at its own width and at least 320 px (`OWN_WIDTH`;
    switched off: as the engine reads them, sorted by width, in batches padded to the widest).
    `kept`, when given, gets the recogniser's output (frames × classes) of each line read as a
    possible misread label (`_labels.candidates`), by the line's index."""
    import numpy as np

    rec = engine.text_rec
    _, img_h, img_w = rec.rec_image_shape
    limit = SHORT_LINE / img_h
    short = [i for i, c in enumerate(crops) if SHORT_LINE and c.shape[1] / c.shape[0] <= limit]
    taken = set(short)
    rest = [i for i in range(len(crops)) if i not in taken]
    out: list[tuple[str, float]] = [("", 0.0)] * len(crops)

    def read(i: int, ratio: float) -> None:
        preds = rec.session(rec.resize_norm_img(crops[i], ratio)[np.newaxis, :].astype(np.float32))[0]
        text, score = rec.postprocess_op(preds)[0][:2]
        out[i] = (text, score)
        if kept is not None and candidates(str(text)):
            kept[i] = preds[0]

    if OWN_WIDTH:
        # each line at its own width (at least the model's 320 px): padded to its batch's widest,
        # a 359-px line beside an 850-px one cost the model 850 px of work
        for i in rest:
            read(i, max(img_w / img_h, crops[i].shape[1] / float(crops[i].shape[0])))
    elif rest and kept is None:
        texts, _ = rec([crops[i] for i in rest])
        for i, (text, score) in zip(rest, texts):
            out[i] = (text, score)
    elif rest:
        # the engine's own batches, as `TextRecognizer.__call__` makes them (sorted by width, each
        # line padded to its batch's widest and to at least 320 px), read here to keep outputs
        order = [rest[j] for j in np.argsort(np.array([crops[i].shape[1] / float(crops[i].shape[0]) for i in rest]))]
        for b in range(0, len(order), rec.rec_batch_num):
            batch = order[b : b + rec.rec_batch_num]
            widest = max([img_w / img_h, *(crops[i].shape[1] / float(crops[i].shape[0]) for i in batch)])
            for i in batch:
                read(i, widest)
    for i in short:
        read(i, short_width(img_h * crops[i].shape[1] / crops[i].shape[0], SHORT_LINE) / img_h)
    return out


def detect(engine: Any, img: Any, skip: Sequence[Box] = ()) -> list[Any] | None:
    """The engine's `auto_text_det` (its boxes, sorted), with the detector's input normalised in
    place in float32, run on the window round the page's ink only (`detector_window`) and not
    over the rectangles `skip` (in `img`'s pixels: a 表三's number block, `parts_around`).

    The engine normalises through float64 temporaries (its mean and std are float64 arrays) into
    a transposed float32 array, which onnxruntime copies again to a contiguous one: an A4 page at
    200 dpi (1408 × 1984 px after scaling) held ~67 MB of input beside the model's ~515 MB.
    Subtracting 0.5 and dividing by 0.5 give the same float32 values either way (the float64
    result is exact and rounded once; float32 rounds the exact result once too), so the boxes
    are the engine's to the pixel (`tests/test_ocr_engine.py`)."""
    import numpy as np

    from ._cleanup import ink_mask

    det = engine.text_det
    pre = det.get_preprocess(max(img.shape[0], img.shape[1]))
    resized = pre.resize(img)
    if resized is None:
        return None
    full = resized.shape[:2]
    mask = ink_mask(resized[:, :, 0], WINDOW_CONTRAST) if DET_WINDOW or (skip and DET_SKIP_BLOCK) else None
    window = detector_window(resized[:, :, 0], mask) if DET_WINDOW else None
    parts: list[tuple[Box, Box]] = [(window, window)] if window is not None else []
    if skip and DET_SKIP_BLOCK and mask is not None:
        sx, sy = full[1] / img.shape[1], full[0] / img.shape[0]
        blocks = [(x0 * sx, y0 * sy, x1 * sx, y1 * sy) for x0, y0, x1, y1 in skip]
        parts = parts_around(window or (0, 0, full[1], full[0]), blocks, mask, full)
    if not parts:
        preds = det.infer(_normalised(resized, pre))[0]
    else:
        # each part's text map laid on a blank one of the whole page: the boxes come out in the
        # page's coordinates, as the engine finds them
        preds = None
        for core, context in parts:
            x0, y0, x1, y1 = (int(v) for v in context)
            got = det.infer(_normalised(resized[y0:y1, x0:x1], pre))[0]
            if preds is None:
                preds = np.zeros((*got.shape[:2], *full), got.dtype)
            a0, b0, a1, b1 = (int(v) for v in core)
            preds[:, :, b0:b1, a0:a1] = got[:, :, b0 - y0:b1 - y0, a0 - x0:a1 - x0]
            del got
        if preds is None:
            return None
    del resized
    boxes, _ = det.postprocess_op(preds, img.shape[:2])
    boxes = det.filter_tag_det_res(boxes, img.shape[:2])
    if boxes is None or len(boxes) < 1:
        return None
    return list(engine.sorted_boxes(boxes))


def _normalised(resized: Any, pre: Any) -> Any:
    """The detector's input for a (part of a) resized page, normalised in float32."""
    import numpy as np

    x = np.empty((1, 3, *resized.shape[:2]), np.float32)
    for c in range(3):
        plane = x[0, c]
        np.multiply(resized[:, :, c], np.float32(pre.scale), out=plane, dtype=np.float32)
        plane -= np.float32(pre.mean[c])
        plane /= np.float32(pre.std[c])
    return x


#: the detector is run on the part of its input round the page's ink only (`detector_window`);
#: `XXGK_OCR_DET_WINDOW=0` runs it on the whole page
DET_WINDOW = os.environ.get("XXGK_OCR_DET_WINDOW", "1") != "0"
#: the detector is not run over a 表三's number block (`parts_around`): its cells are read from
#: their own crops; `XXGK_OCR_DET_SKIP_BLOCK=0` runs it there too
DET_SKIP_BLOCK = os.environ.get("XXGK_OCR_DET_SKIP_BLOCK", "1") != "0"
#: blank paper (detector pixels) kept round the ink in the detector's window, before the window is
#: widened to the network's stride: the text map near the ink is the whole page's
WINDOW_PAD = 48
#: the network's stride: a window starting on it is cut on the same 32-px grid as the whole page
_STRIDE = 32


def detector_window(gray: Any, mask: Any = None) -> tuple[int, int, int, int] | None:
    """The part (x0, y0, x1, y1) of the detector's input (`gray`, its sides multiples of 32) that
    holds the page's ink, with `WINDOW_PAD` px of paper round it, on the network's 32-px grid;
    None when that is most of the input anyway.

    The detector's time and memory grow with its input, and a page's margins and the blank paper
    below its last table hold no text: on the scan family's 表三 pages the ink covers 0.63–0.74 of
    the page, on a page holding only 表四 a tenth. Ink is found as `_cleanup.ink_extent` finds it
    (against the paper's brightness, so a photo's shadow is paper), with a lower contrast so a
    faint fax's small text counts (`mask`: `_cleanup.ink_mask` of `gray` at that contrast, when
    already made)."""
    from ._cleanup import ink_mask, mask_extent

    h, w = gray.shape
    if mask is None:
        mask = ink_mask(gray, WINDOW_CONTRAST)
    box = mask_extent(mask, w / mask.shape[1], h / mask.shape[0])
    if box is None:
        return None
    x0, y0, x1, y1 = _on_grid(_padded(box, WINDOW_PAD), w, h)
    if (x1 - x0) * (y1 - y0) > 0.9 * w * h:
        return None
    return x0, y0, x1, y1


def _padded(box: Box, pad: float) -> Box:
    return box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad


def _on_grid(box: Box, w: int, h: int) -> tuple[int, int, int, int]:
    """`box` widened to the network's 32-px grid, inside the input (`w` × `h`)."""
    x0, y0, x1, y1 = (int(v // 1) if k < 2 else -int(-v // 1) for k, v in enumerate(box))
    return (max(0, x0 // _STRIDE * _STRIDE), max(0, y0 // _STRIDE * _STRIDE),
            min(w, -(-x1 // _STRIDE) * _STRIDE), min(h, -(-y1 // _STRIDE) * _STRIDE))


def parts_around(window: Box, blocks: Sequence[Box], mask: Any, full: tuple[int, int]) -> list[tuple[Box, Box]]:
    """The parts of the detector's `window` outside a 表三's number block (`blocks`, detector
    pixels; the first that lies in the window), each as (core, context): the detector is run on
    the context (the core with `WINDOW_PAD` px round it, on the 32-px grid) and its text map kept
    over the core only. Above the block, below it, left and right of it; a part holding no ink
    (`mask`, quarter size: the margin beside a table; the block's own rule trimmed off) is left out.

    A 表三's ~175 number cells are each read from their own crop (`_numbers.reread_numbers`),
    their identities pinning most; the page's reading of them was only a second read, made for
    the cells no identity pins. The block is ~0.3–0.4 of a 表三 page's detector input."""
    wx0, wy0, wx1, wy1 = window
    h, w = full
    for bx0, by0, bx1, by1 in blocks:
        bx0, by0, bx1, by1 = max(bx0, wx0), max(by0, wy0), min(bx1, wx1), min(by1, wy1)
        if bx1 - bx0 < 2 * WINDOW_PAD or by1 - by0 < 2 * WINDOW_PAD:
            continue  # not in the window, or too small to be worth a cut
        cores = [(wx0, wy0, wx1, by0), (wx0, by1, wx1, wy1), (wx0, by0, bx0, by1), (bx1, by0, wx1, by1)]
        parts: list[tuple[Box, Box]] = []
        for core in cores:
            if core[2] - core[0] < 1 or core[3] - core[1] < 1 or not _inked(mask, core, (bx0, by0, bx1, by1), full):
                continue
            context = _on_grid(_padded(core, WINDOW_PAD), w, h)
            x0, y0, x1, y1 = core
            parts.append(((int(x0), int(y0), int(x1), int(y1)), context))
        return parts
    return [(window, window)]


#: the block's own rules (a few detector pixels) are not ink of the parts beside it
_RULE = 12


def _inked(mask: Any, core: Box, block: Box, full: tuple[int, int]) -> bool:
    """Does `core` hold ink (`mask`, quarter size) farther than `_RULE` px from the block?"""
    h, w = full
    sy, sx = mask.shape[0] / h, mask.shape[1] / w
    x0, y0, x1, y1 = core
    bx0, by0, bx1, by1 = block
    # the side touching the block pulled back by the rule's width
    if x0 >= bx1 - 1:
        x0 += _RULE
    if x1 <= bx0 + 1:
        x1 -= _RULE
    if y0 >= by1 - 1:
        y0 += _RULE
    if y1 <= by0 + 1:
        y1 -= _RULE
    a0, b0, a1, b1 = int(x0 * sx), int(y0 * sy), -int(-x1 * sx // 1), -int(-y1 * sy // 1)
    return a1 > a0 and b1 > b0 and bool(mask[b0:b1, a0:a1].any())


#: how much darker than the paper round it a mark must be to count as ink for the detector's
#: window (`_cleanup.inked_box` asks 30 of what it denoises)
WINDOW_CONTRAST = 12


def deskew(image: Any, max_angle: float = 10.0) -> Any:
    """Straighten a page scanned at a slant, by the angle of its long horizontal rules.

    A slant of a degree or two breaks a table's rules apart (and with them the cells); the page is
    turned back when long near-horizontal lines agree on an angle between 0.2° and `max_angle`.
    Each rule is found as one piece (ink thickened upwards and downwards, then kept where it runs
    on horizontally farther than a character: text goes) and its angle is a line fitted through
    its pixels: a few milliseconds, where a Hough transform at 0.1° took 2–6 s a page.
    """
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    binary = cv2.adaptiveThreshold(cv2.bitwise_not(small), 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    w = binary.shape[1]
    band = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))  # a slanted rule in one piece
    rules = cv2.morphologyEx(band, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 40), 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    angles = []
    for i in range(1, n):
        x, y, cw, ch, _ = (int(v) for v in stats[i])
        if cw < w // 3 or ch > cw * np.tan(np.radians(max_angle)) + 8:
            continue  # not a long rule, or steeper than a page is ever turned
        ys, xs = np.nonzero(labels[y:y + ch, x:x + cw] == i)
        vx, vy, _, _ = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        a = float(np.degrees(np.arctan2(vy, vx)))
        angles.append(a - 180 if a > 90 else a + 180 if a < -90 else a)
    if len(angles) < 2:
        return image
    angle = float(np.median(angles))
    if abs(angle) < 0.2:
        return image
    from PIL import Image

    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    white = 255 if image.mode == "L" else (255, 255, 255)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=white)


def ruled_cells(gray: Any) -> list[list[tuple[float, float, float, float]]]:
    """The cell boxes of each ruled table in a grey image, from its horizontal and vertical lines."""
    import cv2
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    binary = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    h, w = binary.shape
    edges: list[dict[str, Any]] = []
    # kernels scale with the page width (≈ resolution), not its height: a tall page must not
    # lose the short vertical rules of a one-line row; strokes of characters are shorter still
    unit = max(min(h, w) // 50, 15)
    for orient, kernel in (("h", (int(unit * 1.3), 1)), ("v", (1, unit))):
        mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for cnt in contours:
            x, y, cw, ch = cv2.boundingRect(cnt)
            if orient == "h":
                mid = y + ch / 2
                edges.append({"x0": x, "x1": x + cw, "top": mid, "bottom": mid, "width": cw, "height": 0, "orientation": "h"})
            else:
                mid = x + cw / 2
                edges.append({"x0": mid, "x1": mid, "top": y, "bottom": y + ch, "width": 0, "height": ch, "orientation": "v"})
    if not edges:
        return []
    tol = max(3, round(min(h, w) / 400))
    merged = merge_edges(edges, tol, tol, tol, tol)
    cells = intersections_to_cells(edges_to_intersections(merged, tol, tol))
    # a table has several cells and is bigger than a few characters (strokes can cross too)
    return [
        t for t in cells_to_tables(cells)
        if len(t) >= 2 and max(b[2] for b in t) - min(b[0] for b in t) > 4 * unit
        and max(b[3] for b in t) - min(b[1] for b in t) > unit
    ]
