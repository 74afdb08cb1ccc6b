"""The text detector is run on the part of a page round its ink (`_recognise.detector_window`):
its margins and the blank paper below its tables hold no text, and the detector's time grows
with its input. The lines found are the whole page's (the window's text map laid on a blank one
of the page's size)."""

from __future__ import annotations

import pytest


def _page(width: int = 900, height: int = 1200):
    """A page with wide blank margins holding a small ruled table, as BGR pixels."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("rapidocr_onnxruntime")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font_or_skip(), 24)
    page = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(page)
    d.rectangle((150, 200, 750, 420), outline="black", width=2)
    d.line((430, 200, 430, 420), fill="black", width=2)
    d.line((150, 310, 750, 310), fill="black", width=2)
    d.text((170, 240), "本年新收政府信息公开申请数量", fill="black", font=font)
    d.text((560, 240), "1203", fill="black", font=font)
    d.text((170, 350), "行政处罚", fill="black", font=font)
    d.text((580, 350), "7", fill="black", font=font)
    return np.asarray(page)[:, :, ::-1].copy()


def test_the_window_is_round_the_ink_on_the_networks_grid():
    np = pytest.importorskip("numpy")
    from extractor.load._recognise import WINDOW_PAD, detector_window

    gray = np.full((1216, 896), 255, np.uint8)
    gray[200:421:20, 150:750] = 0  # a ruled block: thin dark strokes
    gray[200:420, 150:751:50] = 0
    x0, y0, x1, y1 = detector_window(gray)
    assert all(v % 32 == 0 for v in (x0, y0, x1, y1))
    assert x0 <= 150 - WINDOW_PAD and y0 <= 200 - WINDOW_PAD and x1 >= 750 + WINDOW_PAD and y1 >= 420 + WINDOW_PAD
    assert (x1 - x0) * (y1 - y0) < 0.4 * gray.size
    assert detector_window(np.full((1216, 896), 255, np.uint8)) is None  # nothing on it
    full = np.full((1216, 896), 255, np.uint8)
    full[20:1200, 20:880:40] = 0  # ink all over: the whole page
    assert detector_window(full) is None


def test_the_lines_found_in_the_window_are_the_whole_pages(monkeypatch):
    np = pytest.importorskip("numpy")
    from extractor.load import _recognise
    from extractor.load._recognise import _engine, detect

    img = _page()
    monkeypatch.setattr(_recognise, "DET_WINDOW", False)
    whole = detect(_engine(), img)
    monkeypatch.setattr(_recognise, "DET_WINDOW", True)
    window = detect(_engine(), img)
    assert whole is not None and window is not None and len(window) == len(whole) >= 4
    # the network pools over its whole input (its attention blocks average each channel), so a
    # box may move by a few pixels (a lone `7`'s by 4 here), no more
    assert all(np.abs(a - b).max() <= 5 for a, b in zip(whole, window))
