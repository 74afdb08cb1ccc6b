"""Narrow number crops read side by side in one input (`_numbers._decode`) read as each alone
does: a crop's digits come from the output over its own pixels, none from its neighbours'."""

from __future__ import annotations

import pytest


def _crop(text: str, size: int = 26):
    np = pytest.importorskip("numpy")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    from extractor.load._numbers import _ink

    page = Image.new("L", (40 + size * len(text), size + 30), 255)
    ImageDraw.Draw(page).text((20, 10), text, fill=0, font=ImageFont.truetype(cjk_font_or_skip(), size))
    crop = _ink(np.asarray(page))
    assert crop is not None
    return crop


def test_crops_read_side_by_side_read_as_alone_and_no_digit_crosses_over():
    pytest.importorskip("rapidocr_onnxruntime")
    from extractor.load import _numbers
    from extractor.load._recognise import _engine

    printed = ["0", "888", "1", "12", "7", "305", "1", "77", "0", "4"]
    crops = [_crop(t) for t in printed]
    engine = _engine()
    together = _numbers._decode(engine, crops)
    alone = _numbers._decode_alone(engine, crops)
    assert [r[2] for r in together] == [r[2] for r in alone] == printed
    assert all(r[3] >= 0.9 for r in together)
    # read side by side, really: the group's input is one image holding the crops apart
    chars = engine.text_rec.postprocess_op.character
    np = pytest.importorskip("numpy")
    allowed = np.array([0] + [i for i, ch in enumerate(chars) if ch in _numbers.ALLOWED])
    assert [r[2] for r in _numbers._side_by_side(engine.text_rec, crops[:7], chars, allowed)] == printed[:7]


def test_a_crop_not_sure_side_by_side_is_read_alone(monkeypatch):
    """A crop whose side-by-side read is no sure number (here: every read made unsure) is read
    alone, as before: the side-by-side read never settles a doubtful crop."""
    pytest.importorskip("rapidocr_onnxruntime")
    from extractor.load import _numbers
    from extractor.load._recognise import _engine

    crops = [_crop(t) for t in ("5", "61", "9")]
    seen: list[int] = []
    alone = _numbers._decode_alone

    def counted(engine, cs):
        seen.append(len(cs))
        return alone(engine, cs)

    monkeypatch.setattr(_numbers, "_side_by_side", lambda rec, cs, chars, allowed: [("5", 1.0, "5", 0.5, [])] * len(cs))
    monkeypatch.setattr(_numbers, "_decode_alone", counted)
    assert [r[2] for r in _numbers._decode(_engine(), crops)] == ["5", "61", "9"]
    assert seen == [3]


def test_a_side_by_side_read_short_of_a_digit_is_read_alone(monkeypatch):
    """Beside other crops the recogniser can drop a digit with confidence (a phone photo's 14-px
    `18` read `8` at 1.0): a side-by-side read with fewer digits than the crop has digit-tall
    pieces of ink is not taken, the crop is read alone."""
    pytest.importorskip("rapidocr_onnxruntime")
    from extractor.load import _numbers
    from extractor.load._recognise import _engine

    assert [_numbers._glyphs(_crop(t)) for t in ("18", "0", "305", "-5", "7.")] == [2, 1, 3, 1, 1]
    crops = [_crop(t) for t in ("18", "3")]
    monkeypatch.setattr(_numbers, "_side_by_side",
                        lambda rec, cs, chars, allowed: [("8", 1.0, "8", 1.0, []), ("3", 1.0, "3", 1.0, [])])
    assert [r[2] for r in _numbers._decode(_engine(), crops)] == ["18", "3"]


def test_a_faint_digit_broken_under_128_counts_as_one_piece():
    """Twelfth round of the scan work: a phone page's faint `0` is mostly lighter than 128, its darkest pixels two short
    arcs; counted at the crop's own Otsu threshold it is one piece, so its side-by-side read is
    taken instead of being read again alone. Two digits that touch at that threshold but not
    under 128 still count two (a `12` read `2` side by side is read alone)."""
    np = pytest.importorskip("numpy")
    from extractor.load import _numbers

    faint = np.full((14, 10), 200, np.uint8)
    faint[2:12, 2] = faint[2:12, 7] = 150  # the 0's sides, lighter than 128 ...
    faint[2, 2:8] = faint[11, 2:8] = 150
    faint[4:6, 2] = faint[8:11, 7] = 100  # ... but for two short dark bits
    assert _numbers._glyphs(faint) == 1 and _numbers._enough_digits("0", faint)
    touching = np.full((14, 14), 230, np.uint8)
    touching[2:12, 3] = touching[2:12, 9] = 40  # two dark strokes ...
    touching[2:12, 4:9] = 140  # ... joined by grey that is ink at Otsu's threshold, not under 128
    assert _numbers._glyphs(touching) == 2 and not _numbers._enough_digits("2", touching)
    assert _numbers._enough_digits("12", touching)
