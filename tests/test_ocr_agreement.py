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
