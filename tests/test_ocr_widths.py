"""The digits-only re-read recognises each number crop at its own width (`load/_numbers._decode`):
a short crop padded to `NARROW_WIDTH` (half the model's cost), read again at the model's 320 px
when that narrow read is not a confident number; a longer crop never narrower than 320 px."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("cv2")

from extractor.load import _numbers  # noqa: E402
from extractor.load._numbers import NARROW_WIDTH, _decode  # noqa: E402

from _fake_ocr import FakeRecogniser  # noqa: E402


@pytest.fixture(autouse=True)
def _no_tiers(monkeypatch):
    """These tests are about `NARROW_WIDTH` and 320 px: no narrower tier (see test_ocr_short_lines)."""
    monkeypatch.setattr(_numbers, "SHORT_TIERS", ())

CHARS = ["blank", *"0123456789.!"]


class _Rec(FakeRecogniser):
    """The fake recogniser over `CHARS`."""

    CHARS = CHARS


class _Engine:
    def __init__(self, rec):
        self.text_rec = rec


def _crop(width, height=48):
    return np.full((height, width), 255, np.uint8)


def test_a_short_crop_read_confidently_narrow_is_read_once_narrow():
    rec = _Rec({NARROW_WIDTH: "77", 320: "7"})
    (free, _, digits, conf, _), = _decode(_Engine(rec), [_crop(60)])
    assert (free, digits, rec.widths) == ("77", "77", [NARROW_WIDTH])
    assert conf > 0.9


def test_a_short_crop_not_read_as_a_number_narrow_is_read_again_at_the_models_width():
    rec = _Rec({NARROW_WIDTH: "!", 320: "1"})
    (free, _, digits, _, _), = _decode(_Engine(rec), [_crop(20)])
    assert (free, digits, rec.widths) == ("1", "1", [NARROW_WIDTH, 320])


def test_an_unsure_narrow_read_is_read_again():
    rec = _Rec({NARROW_WIDTH: "5", 320: "5"}, sure=0.6)
    (_, _, digits, conf, _), = _decode(_Engine(rec), [_crop(30)])
    assert (digits, rec.widths) == ("5", [NARROW_WIDTH, 320])
    assert conf < 0.9  # still unsure: the doubt stays


def test_longer_crops_are_read_once_at_320_px_or_their_own_width_each():
    rec = _Rec({320: "24252.31", 480: "24252.311082"})
    out = _decode(_Engine(rec), [_crop(240), _crop(480)])
    assert rec.widths == [320, 480]  # not both padded to the wider one
    assert [o[2] for o in out] == ["24252.31", "24252.311082"]
