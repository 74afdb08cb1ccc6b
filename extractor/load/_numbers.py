"""Re-read a scanned table's number cells with the recogniser limited to number characters.

The OCR engine reads an isolated `0` as `O`, `o` or `。` and a lone `1` as `T`, and its detector
can miss a one-digit box altogether. A statistics table's number cells can only hold digits,
signs and separators, so each such cell is cropped to its ink and decoded again with every other
character masked out (CTC greedy decoding over the allowed set). The confidence reported is the
recogniser's own probability of the chosen characters, so a doubtful digit stays doubtful.
Crops come from the full-resolution page (the engine itself reads a tall page scaled down).

A 表三's number cells are read the other way round: digits-only first, and the page's reading
(put off by `_recognise.read_text`) only for a cell whose identities do not pin its first read
(`_pinned`).

A number cell that holds ink where the page's detector found no text is first read like a line of
the page (every character allowed, padded like the page's short lines or to the model's 320 px,
from a crop with the detector's wider margins), and that reading stands for the page's: the cell
still needs both reads to agree.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Sequence

from ..cellstate import BLANK_MARKS
from ..document import LOW_CONFIDENCE
from ._grid import GridCell, GridTable, Word, group_lines, join_parts, min_conf, seg_text
from ._memory import release_memory
from ._pinned import holding, request_block
from ._sign import sign_in_pixels

if TYPE_CHECKING:  # numpy comes with the OCR extra; imported only when a scan is read
    import numpy as np

#: characters a number cell may hold (digits, sign, decimal/thousands separators, dashes, %)
ALLOWED = "0123456789+-.,%/—－"
#: what the unconstrained reading of a number cell looks like (digit look-alikes included)
_NUMBERISH = re.compile(r"^[\s0-9OoDQ〇。.,，·+\-—－/%TIl|lizZsSbB]*$")


#: full-width digits and signs as their ASCII forms: read narrow (`_recognise.SHORT_LINE`), the
#: recogniser prints a crisp `0` as `０` as often as not (eighth round: 50 of a clean page's 223
#: lines), the same number
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－．，％／", "0123456789+-.,%/")


def looks_numeric(text: str) -> bool:
    return len(text) <= 14 and bool(_NUMBERISH.match(text.translate(_FULL_WIDTH)))


#: a cell the page read as a mark or two and nothing else (`【`, `！`): a misread digit, or a speck
_MARK = re.compile(r"^[^\w\s]{1,2}$")
#: a lone character (`的` for 69) read with less confidence than this is a misread, not a word
_LONE_SURE = 0.7
#: an unsure digit's runner-up is an alternative reading when it has at least this share
_RUNNER_UP = 0.05
#: at most this many alternatives a cell (one unsure digit replaced in each)
_MAX_ALTERNATIVES = 3


def _misread(cell: Any) -> bool:
    """The page read the cell as a mark, or as one unsure character that is no blank mark."""
    text = cell.text.strip()
    if _MARK.match(text):
        return True
    return (len(text) == 1 and not text.isdigit() and text not in BLANK_MARKS
            and cell.conf is not None and cell.conf < _LONE_SURE)


def _trim(digits: str) -> str:
    """A digits-only reading without separators at its ends (`72.`: a speck read as a point)."""
    return digits.strip(".,/")


def reread_numbers(engine: Any, gray: np.ndarray, tables: Sequence[GridTable], unit: float,
                   deferred: Sequence[tuple[Word, Any]] = (), pin: bool = False) -> None:
    """Replace the text and confidence of number-like ruled cells by a digits-only reading.

    `gray` is the page image; cell boxes are in page units (`unit` pixels each). `deferred`: the
    page's lines inside a 表三's number cells, found but not yet recognised (`_recognise.read_text`),
    each with its crop: such a cell is read digits-only first, and the page's reading of it is
    made only when its identities do not pin it (`_pinned`). With `pin`, so is every 表三 cell,
    whether or not the page's detector found text in it (it is not run over a 表三's number block:
    `_recognise.detect`); a cell its identities do not pin is then read as a line from its own
    crop (as a missed cell is) for its second read.
    """
    blocks = [b for t in tables if (b := request_block(t)) is not None] if deferred or pin else []
    in_block = {id(c): c for _, keyed in blocks for c in keyed.values()}
    put_off: dict[int, list[tuple[Word, Any]]] = {}  # block cell → its deferred lines
    for w, crop in deferred:
        home = next((c for t in tables if t.ruled for c in t.cells
                     if c.bbox[0] - 1 <= w.cx <= c.bbox[2] + 1 and c.bbox[1] - 1 <= w.cy <= c.bbox[3] + 1), None)
        if home is not None:
            put_off.setdefault(id(home), []).append((w, crop))
    for cid in [cid for cid in put_off if cid not in in_block]:  # not a 表三 cell after all: read now
        _page_reading(engine, _cell_by_id(tables, cid), put_off.pop(cid))
    jobs: list[tuple[Any, np.ndarray]] = []
    missed: dict[int, np.ndarray | None] = {}  # job index → the crop read as the page's reading
    for t in tables:
        if not t.ruled:
            continue
        for c in t.cells:
            block = id(c) in in_block
            if not block and ((c.rowspan > 1 and c.text) or not (looks_numeric(c.text) or _misread(c))):
                continue
            # no shortcut for confident page readings: the engine reads a page scaled down to 2000
            # px, where a 9 can become a confident 6; the crop comes from the full-resolution page
            # (a 表三 cell is read from its crop first, and its identities may pin that read)
            area = _cell_area(gray, [v * unit for v in c.bbox])
            crop = None if area is None else _ink(area)
            if crop is None and area is not None and FAINT_INK and (block or id(c) in put_off or c.text.strip()):
                # the page found text here (or a 表三 cell, where the detector does not look),
                # but its ink is lighter than 128 (a faint `0` of a phone photo): cut at the
                # cell's own paper and ink, so that it is read twice (a blank cell's paper and
                # darkest pixels differ by less than 20 grey levels on the scan family's pages)
                level = _faint_level(area)
                crop = None if level is None else _ink(area, level=level)
            if area is None or crop is None:
                if id(c) in put_off:  # found by the detector but no ink to re-read: as it was read
                    _page_reading(engine, c, put_off.pop(id(c)))
                continue
            c.sign = sign_in_pixels(area)
            if not block and not c.text.strip() and MISSED_READ:
                missed[len(jobs)] = _ink(area, MISSED_PAD) if MISSED_PAD else crop
            jobs.append((c, crop))
    # the detector found no text in a cell that holds ink (a lone digit it missed): the cell is
    # read as the engine reads a line instead (its own crop, wider margins, at the engine's 320 px
    # or more, every character allowed), so it still gets two reads
    _missed_reads(engine, jobs, missed)
    decoded = _decode(engine, [crop for _, crop in jobs])
    first: dict[int, int] = {}  # a 表三 cell's sure first read (digits-only), by job
    unsure: list[int] = []
    for k, ((cell, _), read) in enumerate(zip(jobs, decoded)):
        if id(cell) not in in_block:
            _compare(cell, read, k in missed)
        elif (v := _sure(read)) is not None:
            first[k] = v
        else:
            unsure.append(k)
    # a 表三 cell read unsure is read again by the page now, so that its identities are then
    # checked with its two agreeing reads; a sure one whose identities all hold is pinned by them
    # (a misread digit breaks them, unless other misreads make up for it in every one), the others
    # are read by the page too
    _second_reads(engine, gray, unit, jobs, unsure, decoded, put_off)
    later: list[int] = []
    job_of = {id(cell): k for k, (cell, _) in enumerate(jobs)}
    for template, keyed in blocks:
        def value(key: str, keyed: dict[str, GridCell] = keyed) -> int | None:
            cell = keyed[key]
            k = job_of.get(id(cell))
            if k is None:  # no ink: a blank cell, printed for zero
                return 0 if not cell.text.strip() else None
            if k in first:
                return first[k]
            return int(cell.text) if cell.agreed and cell.text.isdecimal() else None
        mine = [key for key, cell in keyed.items() if job_of.get(id(cell)) in first]
        pinned = holding(template, value, mine, list(keyed))
        for key in mine:
            k = job_of[id(keyed[key])]
            if key in pinned:
                _, _, digits, digits_conf, alternatives = decoded[k]
                cell = keyed[key]
                cell.text, cell.conf, cell.agreed = digits, digits_conf, None  # read once, pinned
                cell.alternatives = tuple(dict.fromkeys(a for a in map(_trim, alternatives) if a and a != digits))
            else:
                later.append(k)
    _second_reads(engine, gray, unit, jobs, later, decoded, put_off)


def _cell_by_id(tables: Sequence[GridTable], cid: int) -> GridCell:
    return next(c for t in tables for c in t.cells if id(c) == cid)


def _page_reading(engine: Any, cell: GridCell, lines: list[tuple[Word, Any]],
                  read: Sequence[tuple[str, float]] | None = None) -> None:
    """A cell's text and confidence from the page's lines in it, recognised now (put off by
    `_recognise.read_text`; `read`: their readings when already made), joined as
    `_grid.table_from_boxes` joins a cell's words."""
    from ._recognise import recognise_deferred

    words = []
    for (w, _), (text, score) in zip(lines, read if read is not None else recognise_deferred(engine, [crop for _, crop in lines])):
        if text:
            words.append(Word(text, w.x0, w.top, w.x1, w.bottom, score))
    extra = join_parts(seg_text(line) for line in group_lines(words))
    cell.text = join_parts([cell.text, extra]) if cell.text else extra
    confs = [c for c in (cell.conf if cell.text != extra else None, min_conf(words)) if c is not None]
    cell.conf = min(confs) if confs else None


def _second_reads(engine: Any, gray: np.ndarray, unit: float, jobs: list[tuple[Any, np.ndarray]], which: list[int],
                  decoded: list[tuple[str, float, str, float, list[str]]], put_off: dict[int, list[tuple[Word, Any]]]) -> None:
    """The page's reading of the 表三 cells `which` (their lines put off, or a missed cell's line
    read), compared with their digits-only reads."""
    # a cell with no line of the page in it (the detector found none, or was not run over the
    # 表三's number block) is read as a line from its own crop, as a missed cell is
    own: dict[int, np.ndarray | None] = {}
    if MISSED_READ:
        for k in which:
            cell = jobs[k][0]
            if not put_off.get(id(cell)) and not cell.text.strip():
                area = _cell_area(gray, [v * unit for v in cell.bbox])
                own[k] = None if area is None else (_line_crop(area) if MISSED_PAD else jobs[k][1])
    missed: dict[int, np.ndarray | None] = {}
    alone: set[int] = set()  # read from its own crop, side by side
    together = _agreeing_side_by_side(engine, jobs, which, decoded, put_off, own) if SECOND_SIDE_BY_SIDE else {}
    for k in which:
        cell = jobs[k][0]
        lines = put_off.pop(id(cell), None)
        if k in together and lines:
            _page_reading(engine, cell, lines, together[k])
        elif k in together:
            (cell.text, cell.conf), = together[k]
            alone.add(k)
        elif lines:
            _page_reading(engine, cell, lines)
        if k not in alone and not cell.text.strip() and MISSED_READ:
            if k in own:
                missed[k] = own[k]
            else:
                area = _cell_area(gray, [v * unit for v in cell.bbox])
                missed[k] = None if area is None else (_line_crop(area) if MISSED_PAD else jobs[k][1])
    _missed_reads(engine, jobs, missed)
    for k in which:
        _compare(jobs[k][0], decoded[k], k in missed or k in alone)


#: the page's put-off reading of the 表三 cells its identities do not pin (a printed table that
#: breaks them: every cell of the rows and columns concerned) is first made `SIDE_BY_SIDE` lines
#: at a time (`_side_by_side`, every character allowed), in column order where the digits-only
#: reads were grouped in row order (other neighbours); a line whose reading there is the same
#: number as its cell's digits-only read keeps it, any other is read alone as before, so a
#: disagreement is always the page's own reading. `XXGK_OCR_SECOND_SIDE_BY_SIDE=0` reads each alone.
SECOND_SIDE_BY_SIDE = os.environ.get("XXGK_OCR_SECOND_SIDE_BY_SIDE", "1") != "0"


def _agreeing_side_by_side(engine: Any, jobs: list[tuple[Any, np.ndarray]], which: list[int],
                           decoded: list[tuple[str, float, str, float, list[str]]],
                           put_off: dict[int, list[tuple[Word, Any]]],
                           own: dict[int, np.ndarray | None] | None = None) -> dict[int, list[tuple[str, float]]]:
    """The jobs among `which` whose one put-off line (or, with none, its own crop in `own`: grey,
    padded as a missed cell's), read side by side with others, is the same number as the job's
    digits-only read: that line's (text, score) by job."""
    import cv2
    import numpy as np

    from ._recognise import MIN_BOX_SCORE, SHORT_LINE

    rec = engine.text_rec
    if SIDE_BY_SIDE < 2:
        return {}
    _, img_h, _ = rec.rec_image_shape
    lone: list[tuple[int, np.ndarray]] = []
    for k in which:
        lines = put_off.get(id(jobs[k][0]))
        if not decoded[k][2]:
            continue
        if lines:
            if len(lines) != 1 or lines[0][1].ndim != 3:
                continue
            crop = cv2.cvtColor(lines[0][1], cv2.COLOR_BGR2GRAY)
        elif own and (mine := own.get(k)) is not None:
            crop = mine
        else:
            continue
        if crop.shape[0] < 2 or crop.shape[1] / crop.shape[0] > SHORT_LINE / img_h:
            continue
        lone.append((k, crop))
    lone.sort(key=lambda kc: (jobs[kc[0]][0].col, jobs[kc[0]][0].row))
    chars: list[str] = rec.postprocess_op.character
    allowed = np.array([0] + [i for i, ch in enumerate(chars) if ch in ALLOWED])
    out: dict[int, list[tuple[str, float]]] = {}
    for i in range(0, len(lone), SIDE_BY_SIDE):
        group = lone[i:i + SIDE_BY_SIDE]
        if len(group) < 2:
            continue
        reads = _side_by_side(rec, [c for _, c in group], chars, allowed)
        for (k, _), (free, conf, _, _, _) in zip(group, reads):
            if free.strip() and conf >= MIN_BOX_SCORE and looks_numeric(free) and same_number(free, decoded[k][2]):
                out[k] = [(free, conf)]
    return out


def _missed_reads(engine: Any, jobs: list[tuple[Any, np.ndarray]], missed: dict[int, np.ndarray | None]) -> None:
    for k, (free, conf) in zip(missed, _read_lines(engine, list(missed.values()))):
        if free.strip():
            jobs[k][0].text, jobs[k][0].conf = free, conf


def _sure(read: tuple[str, float, str, float, list[str]]) -> int | None:
    """A digits-only read as a value when it is sure: a number by the free reading too, digits
    only (no sign or separator, nothing trimmed) and every digit at least `LOW_CONFIDENCE`."""
    free, _, digits, digits_conf, _ = read
    if looks_numeric(free) and re.fullmatch(r"[0-9]{1,9}", digits) and digits_conf >= LOW_CONFIDENCE:
        return int(digits)
    return None


def _compare(cell: Any, read: tuple[str, float, str, float, list[str]], was_missed: bool) -> None:
    """A cell's digits-only read `read` taken, compared with its page reading (`cell.text`)."""
    free, free_conf, digits, digits_conf, alternatives = read
    page_reading = cell.text
    trimmed = _trim(digits)
    others = tuple(dict.fromkeys(a for a in map(_trim, alternatives) if a and a != trimmed))
    if looks_numeric(free) and trimmed:
        cell.text, cell.conf, cell.alternatives = trimmed, digits_conf, others
        # two reads of the cell: the page's (scaled down) and the crop's; a digit dropped or
        # a sign lost by one of them shows as a disagreement, never as a confident value;
        # a separator trimmed off an end may be a digit's remains: a disagreement too
        cell.agreed = bool(page_reading.strip()) and trimmed == digits and same_number(page_reading, digits)
    elif _misread(cell) and trimmed:
        # the page read a mark (`【` for a 1) or one unsure character (`的` for 69) where the
        # digits-only re-read finds a number: a candidate, never a settled reading on its own
        cell.text, cell.conf, cell.agreed, cell.alternatives = trimmed, digits_conf, False, others
    elif not cell.text and free:  # the detector missed this cell's text: take the reading
        cell.text, cell.conf = free, free_conf
        cell.agreed = False  # read once only
    if was_missed and cell.agreed is None:
        cell.agreed = False  # the line read stands alone: no second read agreed with it


#: what the unconstrained recogniser prints for a digit (an isolated 0 as O, a 1 as l or T …)
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "。": "0", "T": "1", "I": "1",
                           "l": "1", "|": "1", "i": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "b": "6", "B": "8"})
_SPACING = re.compile(r"[\s,，·]")


def same_number(a: str, b: str) -> bool:
    """Do two readings of one cell print the same number? Look-alikes count as their digits,
    spaces and thousands separators are ignored; a dropped digit or a lost sign is a difference."""
    return (_SPACING.sub("", a.translate(_FULL_WIDTH).translate(_AS_DIGIT))
            == _SPACING.sub("", b.translate(_FULL_WIDTH).translate(_AS_DIGIT)))


def _cell_area(gray: np.ndarray, box: Sequence[float]) -> np.ndarray | None:
    """The inside of a cell's box, its rules trimmed off; None when nothing is left."""
    h, w = gray.shape
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    trim = max(3, round((y1 - y0) * 0.08))
    x0, y0, x1, y1 = max(0, x0 + trim), max(0, y0 + trim), min(w, x1 - trim), min(h, y1 - trim)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return gray[y0:y1, x0:x1]


def _ink(sub: np.ndarray, margin: float = 0.2, level: float = 128) -> np.ndarray | None:
    """A cell's inked area (`sub`: the cell, rules trimmed off; ink: darker than `level`), padded
    by `margin` of its height like a detector's text box; None if blank."""
    import numpy as np

    ys, xs = np.where(sub < level)
    if len(xs) < 6:
        return None
    a, b, c, d = ys.min(), ys.max(), xs.min(), xs.max()
    pad = max(2, int((b - a + 1) * margin))
    return sub[max(0, a - pad) : b + pad + 1, max(0, c - pad) : d + pad + 1]


def _line_crop(area: np.ndarray) -> np.ndarray | None:
    """A cell's ink padded like a detector's box (`MISSED_PAD`), to be read as a line of the
    page: cut at 128, or for a faint cell at `_faint_level`."""
    crop = _ink(area, MISSED_PAD)
    if crop is None and FAINT_INK and (level := _faint_level(area)) is not None:
        crop = _ink(area, MISSED_PAD, level=level)
    return crop


#: a number cell the page found text in whose ink is all lighter than 128 (`_ink` finds nothing: a
#: faint `0` of a phone photo, its darkest pixels ~120–140 on paper at ~220) is cut from its ink
#: at half-way between its paper and its darkest ink (`_faint_level`) and read digits-only, so
#: that it has two reads like any other cell instead of the page's alone; `XXGK_OCR_FAINT_INK=0`
#: leaves it to the page's reading
FAINT_INK = os.environ.get("XXGK_OCR_FAINT_INK", "1") != "0"
#: the least difference between a cell's paper and its darkest ink for `_faint_level` to see ink
FAINT_CONTRAST = 60


def _faint_level(sub: np.ndarray) -> float | None:
    """The grey level half-way between a cell's paper (its 90th percentile) and its darkest ink
    (its ten darkest pixels), None when they differ by less than `FAINT_CONTRAST` (nothing that
    stands out of the paper's noise)."""
    import numpy as np

    if sub.size < 20:
        return None
    paper = float(np.percentile(sub, 90))
    ink = float(np.partition(sub.ravel(), 10)[:10].mean())
    if paper - ink < FAINT_CONTRAST:
        return None
    return paper - 0.5 * (paper - ink)


#: narrower widths than `NARROW_WIDTH` (and the page's `_recognise.SHORT_LINE`) a short crop is
#: padded to when it fits: a one- or two-digit crop at 96 px costs ~9 ms against ~14 at 160
#: (eighth round). `XXGK_OCR_SHORT_TIERS` (comma-separated, empty for none) sets them.
SHORT_TIERS = tuple(int(v) for v in os.environ.get("XXGK_OCR_SHORT_TIERS", "96").split(",") if v.strip())


def short_width(width: float, limit: int) -> int:
    """The width a short input `width` px wide (at the recogniser's height) is padded to: the
    narrowest of `SHORT_TIERS` and `limit` it fits in."""
    return min([t for t in SHORT_TIERS if width <= t < limit] + [limit])


#: a number cell the detector left empty (a lone digit it missed) is read like a line of the
#: page (`_read_lines`) from its ink padded by this share of its height (the detector's boxes
#: stand wider than the ink than `_ink`'s crop does), so that it still has two reads: that one
#: and the digits-only re-read. `XXGK_OCR_MISSED_READ=0` turns it off (the cell is then read
#: once, never agreed).
MISSED_PAD = float(os.environ.get("XXGK_OCR_MISSED_PAD", "0.5"))
MISSED_READ = os.environ.get("XXGK_OCR_MISSED_READ", "1") != "0"
#: a missed cell's crop at most this wide (at the recogniser's height) is read padded to the
#: narrowest of `SHORT_TIERS` and this it fits in, as the page's short lines are
#: (`_recognise.SHORT_LINE`), and again at 320 px when that read holds no digit or is no number; 0
#: reads it at 320 px or its own width only (eighth round)
MISSED_NARROW = int(os.environ.get("XXGK_OCR_MISSED_NARROW", "160"))


def _read_lines(engine: Any, crops: list[np.ndarray | None]) -> list[tuple[str, float]]:
    """(text, confidence) of each crop read as the engine reads a line: every character allowed,
    padded to the model's 320 px or its own width."""
    import cv2
    import numpy as np

    rec = engine.text_rec
    _, img_h, img_w = rec.rec_image_shape
    out = []
    for crop in crops:
        if crop is None:
            out.append(("", 0.0))
            continue
        im = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
        own = im.shape[1] / im.shape[0]
        wide = max(own, img_w / img_h)
        # a short crop first padded like a short line of the page (`_recognise.SHORT_LINE`, the
        # same tiers); read again at 320 px, and that read taken, when the narrow read holds no
        # digit or is no number (round 9: 003's `+6` read as nothing or `+` narrow, `+6` at 320)
        narrow = (short_width(img_h * own, MISSED_NARROW) / img_h,) if MISSED_NARROW and own <= MISSED_NARROW / img_h else ()
        for ratio in (*narrow, wide):
            preds = rec.session(rec.resize_norm_img(im, ratio)[np.newaxis, :].astype(np.float32))[0]
            text, conf = rec.postprocess_op(preds)[0][:2]
            text, conf = str(text), float(conf)
            if looks_numeric(text) and any(ch.isdigit() for ch in text.translate(_FULL_WIDTH).translate(_AS_DIGIT)):
                break  # its confidence is not what settles the cell: the digits-only read's is
        out.append((text, conf))
    return out


#: a digits-only crop is recognised at its own width, padded to at least this many pixels
#: (at the recogniser's 48 px height), where the engine pads every line to 320 px: a one- or
#: two-digit crop costs half as much (onnxruntime, one thread: 18 against 37 ms)
NARROW_WIDTH = 160


#: narrow number crops (`NARROW_WIDTH` or less) are first read this many side by side in one input
#: (`_side_by_side`); 1 reads each alone. `XXGK_OCR_SIDE_BY_SIDE` sets it.
SIDE_BY_SIDE = int(os.environ.get("XXGK_OCR_SIDE_BY_SIDE", "7"))
#: blank pixels (at the recogniser's 48 px height) between two crops read side by side
SIDE_GAP = 16


def _decode(engine: Any, crops: list[np.ndarray]) -> list[tuple[str, float, str, float, list[str]]]:
    """`_decode_alone`'s reads, most narrow crops read `SIDE_BY_SIDE` at a time: a crop whose
    side-by-side read is a sure number (its free reading number-like, its digits at least
    `LOW_CONFIDENCE`) keeps it; any other is read alone as before.

    The recogniser's time grows with its input's width, and a narrow crop read alone is padded to
    96 px: seven one- or two-digit crops side by side, 16 px apart, make one input of ~300 px that
    costs about half their seven reads (huaian's phone 表三: 175 crops, 1.75 → 0.91 CPU s), and
    each crop's reading is decoded from the output steps over its own pixels (the model's output
    step is 8 px of input), the blank gap keeping its neighbours' digits out. Beside other crops
    the model can drop a digit with confidence, so a side-by-side read is taken only when it
    holds as many digits as the crop has digit-tall pieces of ink (`_glyphs`)."""
    import numpy as np

    rec = engine.text_rec
    _, img_h, _ = rec.rec_image_shape
    out: list[tuple[str, float, str, float, list[str]] | None] = [None] * len(crops)
    narrow = [k for k, c in enumerate(crops) if c.shape[1] / c.shape[0] <= NARROW_WIDTH / img_h]
    if SIDE_BY_SIDE > 1:
        chars: list[str] = rec.postprocess_op.character
        allowed = np.array([0] + [i for i, ch in enumerate(chars) if ch in ALLOWED])
        for i in range(0, len(narrow), SIDE_BY_SIDE):
            group = narrow[i:i + SIDE_BY_SIDE]
            if len(group) < 2:
                continue
            for k, read in zip(group, _side_by_side(rec, [crops[k] for k in group], chars, allowed)):
                if (looks_numeric(read[0]) and read[2].isdigit() and read[3] >= LOW_CONFIDENCE
                        and _enough_digits(read[2], crops[k])):
                    out[k] = read
    rest = [k for k in range(len(crops)) if out[k] is None]
    for k, read in zip(rest, _decode_alone(engine, [crops[k] for k in rest])):
        out[k] = read
    return [r for r in out if r is not None]


def _glyphs(crop: np.ndarray) -> int:
    """How many digit-tall pieces of ink a crop holds (each printed digit is one): specks, a
    point or a minus are shorter. Read side by side, the recogniser can drop a digit with
    confidence (`18` as `8` at 1.0 beside other crops, on a 14-px phone crop): a side-by-side read
    is taken only when it has as many digits as the crop has pieces (`_enough_digits`).

    A digit's height is taken from the crop's ink at its own Otsu threshold, and the pieces are
    counted twice, at that threshold and under 128, each counting those at least 0.6 of that
    height; the larger count stands. On a phone page a faint `0` is mostly lighter than 128: its
    darkest pixels fall into two or three short pieces (35 of shanghai's 表三 zeros were read a
    second time, alone, for that), while at Otsu's threshold two digits can touch (`12` one
    piece, read `2` side by side) where under 128 they are two."""
    import cv2
    import numpy as np

    def heights(ink: np.ndarray) -> list[int]:
        n, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
        return [int(stats[i][3]) for i in range(1, n) if int(stats[i][4]) >= 2]

    dark = heights(crop < 128)
    if not GLYPHS_OTSU:
        return sum(h >= 0.6 * max(dark) for h in dark) if dark else 0
    _, ink = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    otsu = heights(ink)
    if not otsu:
        return 0
    tall = 0.6 * max(otsu)
    return max(sum(h >= tall for h in otsu), sum(h >= tall for h in dark))


#: `_glyphs` counts pieces of a digit's height at the crop's Otsu threshold and under 128 (the
#: larger count), and a side-by-side read is taken when it has at least that many digits (digits
#: that touch make one piece); `XXGK_OCR_GLYPHS_OTSU=0` counts the pieces under 128 against the
#: tallest of them and asks for exactly as many digits (the eleventh round's rule)
GLYPHS_OTSU = os.environ.get("XXGK_OCR_GLYPHS_OTSU", "1") != "0"


def _enough_digits(digits: str, crop: np.ndarray) -> bool:
    """Does a side-by-side read hold no fewer digits than the crop's pieces of ink (`_glyphs`)? A
    digit dropped beside other crops leaves a piece without its digit; two digits that touch
    make one piece, read as two."""
    n = _glyphs(crop)
    return len(digits) >= n if GLYPHS_OTSU else len(digits) == n


def _side_by_side(rec: Any, crops: list[np.ndarray], chars: list[str],
                  allowed: np.ndarray) -> list[tuple[str, float, str, float, list[str]]]:
    """`_decode_alone`'s tuple for each crop, all read in one input side by side."""
    import cv2
    import numpy as np

    _, img_h, _ = rec.rec_image_shape
    parts: list[np.ndarray] = []
    spans: list[tuple[int, int]] = []
    x = 0
    for crop in crops:
        w = max(1, round(img_h * crop.shape[1] / crop.shape[0]))
        if parts:
            parts.append(np.full((img_h, SIDE_GAP), 255, np.uint8))
            x += SIDE_GAP
        parts.append(cv2.resize(crop, (w, img_h)))
        spans.append((x, x + w))
        x += w
    width = max(-(-x // 32) * 32, 96)
    im = cv2.cvtColor(np.hstack(parts), cv2.COLOR_GRAY2BGR)
    p = rec.session(rec.resize_norm_img(im, width / img_h)[np.newaxis, :].astype(np.float32))[0][0]
    step = width / p.shape[0]
    out = []
    for a, b in spans:
        sl = p[int(max(0, (a - SIDE_GAP / 2) // step)):int(min(p.shape[0], -(-(b + SIDE_GAP / 2) // step)))]
        free, free_conf, _ = _greedy(sl, np.arange(sl.shape[1]), chars)
        digits, digits_conf, alternatives = _greedy(sl, allowed, chars, renormalise=True)
        out.append((free, free_conf, digits, digits_conf, alternatives))
    return out


def _decode_alone(engine: Any, crops: list[np.ndarray]) -> list[tuple[str, float, str, float, list[str]]]:
    """(free reading, its confidence, digits-only reading, its confidence, the digits-only reading
    with an unsure digit replaced by its runner-up) for each crop.

    Each crop is recognised on its own, so a short crop is never squeezed by a wide one (`77`
    read `7`): a crop of `NARROW_WIDTH` or less (one to three digits) padded to `NARROW_WIDTH`,
    any other to the model's 320 px or its own width. A narrow read that is not a confident
    number (its free reading not number-like, or a digit under `LOW_CONFIDENCE`) is read again
    padded to 320 px, and that read is taken: a lone `1` in a narrow input can come out as `!`.
    Crops wider than `NARROW_WIDTH` are not read narrower than 320 px: `24252.311082` at its own
    288 px lost its point at 0.98."""
    import cv2
    import numpy as np

    rec = engine.text_rec
    chars: list[str] = rec.postprocess_op.character
    allowed = np.array([0] + [i for i, ch in enumerate(chars) if ch in ALLOWED])
    _, img_h, img_w = rec.rec_image_shape
    out = []
    for crop in crops:
        im = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
        own = im.shape[1] / im.shape[0]
        # a short crop first at `NARROW_WIDTH`; any other (or an unsure short one) at 320 px or more
        narrow = short_width(img_h * own, NARROW_WIDTH) / img_h
        for ratio in ((narrow, img_w / img_h) if own <= NARROW_WIDTH / img_h else (max(own, img_w / img_h),)):
            p = rec.session(rec.resize_norm_img(im, ratio)[np.newaxis, :].astype(np.float32))[0][0]
            free, free_conf, _ = _greedy(p, np.arange(p.shape[1]), chars)
            digits, digits_conf, alternatives = _greedy(p, allowed, chars, renormalise=True)
            if looks_numeric(free) and digits and digits_conf >= LOW_CONFIDENCE:
                break
        out.append((free, free_conf, digits, digits_conf, alternatives))
    release_memory()
    return out


def _greedy(p: np.ndarray, allowed: np.ndarray, chars: list[str],
            renormalise: bool = False) -> tuple[str, float, list[str]]:
    """CTC greedy decoding over `allowed` classes (index 0, the blank, included).

    With `renormalise`, a character's confidence is its share of the allowed characters'
    probability (which digit, given that the cell holds a number), scaled down when the allowed
    characters together are unlikely (the ink is probably not a number at all); and a character
    read with less confidence than `LOW_CONFIDENCE` gives an alternative reading, with it replaced
    by the allowed character the recogniser found next likeliest at that step (1/7, 3/8 …).
    """
    import numpy as np

    sub = p[:, allowed]
    idx = sub.argmax(axis=1)
    text, confs, prev = "", [], -1
    unsure: list[tuple[float, int, str]] = []  # (confidence, position, runner-up)
    digit = np.array([chars[k].isdigit() for k in allowed[1:]]) if renormalise else None
    for step, i in enumerate(idx):
        if i != prev and i != 0:
            text += chars[allowed[i]]
            prob = float(sub[step, i])
            if digit is not None:
                mass = float(sub[step, 1:].sum())
                prob = prob / max(mass, 1e-9) * min(1.0, mass / 0.3)
                row = np.where(digit, sub[step, 1:], 0.0)  # a digit for a digit: 1/7, 3/8 …
                row[i - 1] = 0.0
                j = int(row.argmax())
                if prob < LOW_CONFIDENCE and digit[i - 1] and row[j] / max(mass, 1e-9) >= _RUNNER_UP:
                    unsure.append((prob, len(text) - 1, chars[allowed[j + 1]]))
            confs.append(prob)
        prev = i
    alternatives = [text[:k] + ch + text[k + 1:] for _, k, ch in sorted(unsure)[:_MAX_ALTERNATIVES]]
    return text, (min(confs) if confs else 0.0), alternatives
