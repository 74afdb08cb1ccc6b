"""The sign before a scanned number, seen in the cell's pixels (`extractor/load/_sign.py`), and
what the layout reader makes of it for a 本年增/减: a positive number with nothing (or a plus)
before its digits needs no doubt; a minus the pixels show and the reads lost is a doubt."""

from __future__ import annotations

import pytest


def _cell(text: str, *, height: int = 40, blur: float = 0.0, noise: float = 0.0, seed: int = 0):
    """A number cell's inside (rules trimmed off) as a scan gives it: grey, the text centred."""
    np = pytest.importorskip("numpy")
    cv2 = pytest.importorskip("cv2")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font_or_skip(), round(height * 0.45))
    img = Image.new("L", (height * 4, height), 235)
    d = ImageDraw.Draw(img)
    w = d.textlength(text, font=font)
    d.text((height * 2 - w / 2, height * 0.25), text, fill=20, font=font)
    a = np.asarray(img, dtype=np.float32)
    if blur:
        a = cv2.GaussianBlur(a, (0, 0), blur)
    if noise:
        a = a + np.random.default_rng(seed).normal(0, noise, a.shape)
    return np.clip(a, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("text,sign", [("14", ""), ("-14", "-"), ("+14", "+"), ("-1", "-"), ("7", ""),
                                       ("+205", "+"), ("-9", "-")])
def test_the_sign_printed_before_the_digits_is_seen(text, sign):
    from extractor.load._sign import sign_in_pixels

    assert sign_in_pixels(_cell(text)) == sign
    assert sign_in_pixels(_cell(text, height=28, blur=0.8)) in (sign, None)  # blurred: right or no verdict


def test_a_speck_before_the_digits_settles_nothing():
    np = pytest.importorskip("numpy")
    from extractor.load._sign import sign_in_pixels

    cell = _cell("14")
    ys, xs = np.where(cell < 128)
    cell[int(ys.mean()) - 1:int(ys.mean()) + 2, xs.min() - 12:xs.min() - 9] = 20  # a dot, not a stroke
    assert sign_in_pixels(cell) is None
    assert sign_in_pixels(np.full((30, 100), 230, np.uint8)) is None  # a blank cell: no digits


def test_the_reader_takes_the_pixels_sign_for_a_scanned_change():
    from extractor.engines.layout._cells import Cell
    from extractor.engines.layout.cellvalue import cell_read

    def read(text: str, sign: str | None, agreed: bool | None = True):
        return cell_read("active.licensing.change",
                         Cell("num", text, 0, len(text), confidence=0.99, agreed=agreed, sign=sign))

    assert read("14", "")[1] is None  # nothing before the digits: positive, as read
    assert read("+14", "+")[1] is None
    assert read("-14", "-")[1] is None
    lost = read("14", "-")[1]  # the pixels show a minus both reads lost
    assert lost is not None and lost.reason == "ocr_disagreement" and lost.candidates == [14, -14]
    speck = read("-14", "")[1]  # a minus read where the cell shows nothing
    assert speck is not None and speck.candidates == [-14, 14]
    unsure = read("14", None)[1]  # no verdict from the pixels: both signs stay candidates
    assert unsure is not None and unsure.reason == "unconfirmed_scan" and unsure.candidates == [14, -14]
    once = read("14", None, agreed=None)[1]
    assert once is not None and once.candidates == [14, -14]
