"""Two OCR reads of a scanned number cell (the page's, and the crop's digits-only re-read) are
compared: a dropped digit or a lost sign is a disagreement, a look-alike letter is not."""

from __future__ import annotations

import pytest

from extractor.load._numbers import same_number


@pytest.mark.parametrize("page,crop", [("77", "77"), ("O", "0"), ("1,203", "1203"), ("l2", "12"), (" 5 ", "5")])
def test_reads_of_the_same_number_agree(page, crop):
    assert same_number(page, crop)


@pytest.mark.parametrize("page,crop", [("77", "7"), ("-3", "3"), ("12", "21"), ("100", "10"), ("", "0")])
def test_a_dropped_digit_a_lost_sign_or_another_number_disagree(page, crop):
    assert not same_number(page, crop)


def test_a_scanned_positive_change_cell_keeps_both_signs_as_candidates():
    """A minus sign is a short thin stroke both OCR reads can lose together (`-14` read as `14`
    twice), and no identity checks 本年增/减: a positive one from a scan is a doubt holding both
    signs; a zero has no sign to lose, a minus both reads saw stays, and a text layer's minus is
    printed, not recognised."""
    from extractor.engines.layout._cells import Cell
    from extractor.engines.layout.cellvalue import cell_read

    def read(text: str, key: str = "active.licensing.change", confidence: float | None = 0.99):
        return cell_read(key, Cell("num", text, 0, len(text), confidence=confidence, agreed=True))

    read_, doubt = read("14")
    assert doubt is not None and doubt.reason == "unconfirmed_scan" and doubt.candidates == [14, -14]
    assert read("-3")[1] is None  # a minus both reads saw is printed
    assert read("0")[1] is None
    assert read("14", confidence=None)[1] is None  # a text layer
    assert read("14", key="active.licensing.decisions")[1] is None  # read twice alike, no sign to lose


def test_a_number_cell_read_as_a_mark_is_read_again_as_a_candidate():
    """The page reads a lone 1 as `【`: the digits-only re-read finds the 1, which is kept as a
    reading the two reads disagree on (a doubt an identity may settle), never as a settled one."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("rapidocr_onnxruntime")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    from extractor.load._grid import GridCell, GridTable
    from extractor.load._numbers import reread_numbers
    from extractor.load._recognise import _engine

    page = Image.new("L", (300, 120), 255)
    d = ImageDraw.Draw(page)
    d.rectangle((50, 30, 250, 90), outline=0, width=2)
    d.text((140, 45), "1", fill=0, font=ImageFont.truetype(cjk_font_or_skip(), 26))
    cell = GridCell(0, 0, 1, 1, "【", (50, 30, 250, 90), 1, 0.6)
    reread_numbers(_engine(), np.asarray(page), [GridTable([cell], [50, 250], (50, 30, 250, 90), 1, 1)], 1.0)
    assert (cell.text, cell.agreed, cell.sign) == ("1", False, "")


def _one_cell(text: str, printed: str, conf: float, size: int = 26):
    """A ruled cell printing `printed` that the page read as `text`, after the digits-only re-read."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("rapidocr_onnxruntime")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    from extractor.load._grid import GridCell, GridTable
    from extractor.load._numbers import reread_numbers
    from extractor.load._recognise import _engine

    page = Image.new("L", (300, 120), 255)
    d = ImageDraw.Draw(page)
    d.rectangle((50, 30, 250, 90), outline=0, width=2)
    d.text((130, 45), printed, fill=0, font=ImageFont.truetype(cjk_font_or_skip(), size))
    cell = GridCell(0, 0, 1, 1, text, (50, 30, 250, 90), 1, conf)
    reread_numbers(_engine(), np.asarray(page), [GridTable([cell], [50, 250], (50, 30, 250, 90), 1, 1)], 1.0)
    return cell


def test_a_number_read_as_one_unsure_character_is_read_again_as_a_candidate():
    """`69` read by the page as `的` at 0.6: the re-read's 69 is a candidate, not a settled value;
    a sure character, or a blank mark such as 无, is left as the page read it."""
    cell = _one_cell("的", "69", 0.6)
    assert (cell.text, cell.agreed) == ("69", False)
    assert _one_cell("的", "69", 0.95).text == "的"
    assert _one_cell("无", "无", 0.5).text == "无"


def test_a_separator_at_an_end_of_a_reading_is_trimmed_into_a_disagreement():
    """A speck after `72` read as `72.`: the cell reads 72, and the two reads do not agree."""
    cell = _one_cell("72", "72.", 0.99)
    assert (cell.text, cell.agreed) == ("72", False)


def _probs(rows: list[dict[int, float]], classes: int):
    np = pytest.importorskip("numpy")
    p = np.full((len(rows), classes), 1e-4)
    for t, row in enumerate(rows):
        for c, v in row.items():
            p[t, c] = v
    return p / p.sum(axis=1, keepdims=True)


def test_an_unsure_digit_gives_its_runner_up_as_an_alternative_reading():
    """`12` with the 2 read at 0.6 and a 7 at 0.35 beside it: `17` is the alternative; a sure digit
    gives none, and a separator is never a digit's alternative."""
    np = pytest.importorskip("numpy")
    from extractor.load._numbers import _greedy

    chars = ["", "1", "2", "7", ".", "字"]
    allowed = np.array([0, 1, 2, 3, 4])
    unsure = _probs([{1: 0.98}, {0: 0.98}, {2: 0.6, 3: 0.35}, {0: 0.98}], len(chars))
    text, conf, alternatives = _greedy(unsure, allowed, chars, renormalise=True)
    assert (text, alternatives) == ("12", ["17"]) and conf < 0.9
    sure = _probs([{1: 0.98}, {0: 0.98}, {2: 0.97}], len(chars))
    assert _greedy(sure, allowed, chars, renormalise=True)[2] == []
    point = _probs([{1: 0.98}, {0: 0.98}, {2: 0.6, 4: 0.35}], len(chars))
    assert _greedy(point, allowed, chars, renormalise=True)[2] == []


def test_a_low_confidence_cell_holds_the_runner_up_as_a_candidate_and_an_identity_may_pin_it():
    """A 表三 total read `17` unsure of its 7 (runner-up 1): a doubt with [17, 11]; the row's
    identity, every other cell settled and summing to 11, settles it at 11 and says so. A value
    the identity requires that neither reading shows is never taken."""
    from extractor.engines.layout._cells import Cell
    from extractor.engines.layout.cellvalue import cell_read
    from extractor.engines.layout.confirm import confirm_weak
    from extractor.engines.layout.rowread import TableRead

    key = "requests.granted.total"
    read, doubt = cell_read(key, Cell("num", "17", 0, 2, confidence=0.6, agreed=True, alternatives=("11",)))
    assert doubt is not None and doubt.reason == "low_confidence" and doubt.candidates == [17, 11]

    def table(parts: list[int]) -> TableRead:
        out = TableRead()
        for col, v in zip(("natural", "commercial", "research", "nonprofit", "legal_service", "other_org"), parts):
            out.take([f"requests.granted.{col}"], [Cell("num", str(v), 0, 1, confidence=0.99, agreed=True)])
        out.reads[key], out.doubts[key] = read, doubt
        return out

    pinned = table([5, 6, 0, 0, 0, 0])
    confirm_weak(pinned, "2021")
    assert key not in pinned.doubts and pinned.reads[key].value == 11
    assert "runner-up" in pinned.reads[key].evidence[-1]["detail"]
    neither = table([5, 7, 0, 0, 0, 0])  # 12: neither 17 nor 11
    confirm_weak(neither, "2021")
    assert key in neither.doubts and neither.reads[key].value == 17


def test_a_faint_number_the_page_found_is_read_twice():
    """A phone photo's faint `0` (its darkest pixels ~120–140 on paper at ~220: nothing under
    128 to crop) that the page read as `o` at 0.4 is read digits-only too, cut at its own paper's
    and ink's half-way level, so the two reads are compared (they agree) instead of the page's
    reading standing alone; a blank cell's noise is no ink."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("rapidocr_onnxruntime")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    from extractor.load._grid import GridCell, GridTable
    from extractor.load._numbers import _faint_level, _ink, reread_numbers
    from extractor.load._recognise import _engine

    page = Image.new("L", (300, 120), 220)
    d = ImageDraw.Draw(page)
    d.rectangle((50, 30, 250, 90), outline=0, width=2)
    d.text((140, 45), "0", fill=135, font=ImageFont.truetype(cjk_font_or_skip(), 26))
    gray = np.asarray(page)
    assert _ink(gray[36:84, 56:244]) is None and _faint_level(gray[36:84, 56:244]) is not None
    cell = GridCell(0, 0, 1, 1, "o", (50, 30, 250, 90), 1, 0.4)
    reread_numbers(_engine(), gray, [GridTable([cell], [50, 250], (50, 30, 250, 90), 1, 1)], 1.0)
    assert (cell.text, cell.agreed) == ("0", True) and cell.conf is not None and cell.conf >= 0.9
    noise = np.clip(220 + np.random.default_rng(0).normal(0, 8, (48, 188)), 0, 255).astype(np.uint8)
    assert _faint_level(noise) is None
