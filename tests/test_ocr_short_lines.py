"""Round 8 of the scan work (issue 18): cheaper reads that keep two reads per number cell.

- The engine's short lines (`_recognise.recognise_lines`: one to three digits, a label fragment)
  are recognised each on its own padded to `SHORT_LINE` px instead of the model's 320 px; longer
  lines are read as the engine batches them.
- A number cell that holds ink but where the detector found no text (a lone digit it missed) is
  read like a line of the page from its own crop (`_numbers._read_lines`, every character, 320 px
  or more; since round 9 a short crop padded like a short line of the page) before the digits-only re-read, so it still has two reads that must agree; a line read
  that stands alone is never an agreed reading."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("cv2")

from extractor.load import _numbers  # noqa: E402
from extractor.load._grid import GridCell, GridTable  # noqa: E402
from extractor.load._recognise import SHORT_LINE, recognise_lines  # noqa: E402

from _fake_ocr import FakeRecogniser  # noqa: E402

CHARS = ["blank", *"0123456789.!E"]


@pytest.fixture(autouse=True)
def _no_tiers(monkeypatch):
    """No narrower tier than `SHORT_LINE` / `NARROW_WIDTH` unless a test sets one."""
    monkeypatch.setattr(_numbers, "SHORT_TIERS", ())


class _Rec(FakeRecogniser):
    """A recogniser reading `text_at[width]` from an input `width` px wide (one character a frame,
    each at `sure`, a `3` taking the rest); it records the widths it was given, and how many lines went through the
    engine's own batched call."""

    CHARS = CHARS

    def __init__(self, text_at, sure=0.99):
        super().__init__(text_at, sure)
        self.batched = 0

    def __call__(self, crops):  # the engine's batched read of its lines (postprocess: text, score)
        self.batched += len(crops)
        return [(self.text_at["batch"], 0.9) for _ in crops], 0.0

    def postprocess(self, preds):
        p = preds[0]
        idx, text, prev, confs = p.argmax(axis=1), "", -1, []
        for step, i in enumerate(idx):
            if i != prev and i != 0:
                text += CHARS[i]
                confs.append(float(p[step, i]))
            prev = i
        return [(text, min(confs) if confs else 0.0)]


class _Post:
    def __init__(self, rec):
        self.rec = rec
        self.character = CHARS

    def __call__(self, preds):
        return self.rec.postprocess(preds)


class _Engine:
    def __init__(self, rec):
        rec.postprocess_op = _Post(rec)
        self.text_rec = rec


def test_a_short_line_is_read_alone_at_the_short_width_and_a_long_one_at_its_own_width():
    # twelfth round: a long line is read at its own width (at least 320 px), not padded to the widest
    # line of the engine's batch
    rec = _Rec({SHORT_LINE: "77", 400: "2019", 320: "12"})
    short = np.full((48, 60, 3), 255, np.uint8)  # 60 px at 48 px high: within SHORT_LINE
    long_ = np.full((48, 400, 3), 255, np.uint8)
    longest = np.full((24, 900, 3), 255, np.uint8)  # 1800 px at 48 px high: read at 1800, alone
    rec.text_at[1800] = "1"
    out = recognise_lines(_Engine(rec), [long_, short, longest])
    assert [t for t, _ in out] == ["2019", "77", "1"]
    assert sorted(rec.widths) == [SHORT_LINE, 400, 1800] and rec.batched == 0


def test_a_line_just_wider_than_the_short_width_is_read_at_the_models_320_px():
    rec = _Rec({320: "12"})
    out = recognise_lines(_Engine(rec), [np.full((48, SHORT_LINE + 2, 3), 255, np.uint8)])
    assert [t for t, _ in out] == ["12"] and rec.widths == [320] and rec.batched == 0


def test_the_engines_batches_are_kept_behind_a_switch(monkeypatch):
    from extractor.load import _recognise

    monkeypatch.setattr(_recognise, "OWN_WIDTH", False)
    rec = _Rec({"batch": "总计"})
    out = recognise_lines(_Engine(rec), [np.full((48, SHORT_LINE + 2, 3), 255, np.uint8)])
    assert out == [("总计", 0.9)] and rec.widths == [] and rec.batched == 1


def _page_with_digit():
    """A grey page with one ruled number cell holding a `7`-like blot, and its table (the
    detector found no text in the cell)."""
    gray = np.full((100, 200), 255, np.uint8)
    gray[30:70, 90:110] = 0  # the ink
    cell = GridCell(0, 1, 1, 1, "", (10.0, 10.0, 190.0, 90.0), 1)
    label = GridCell(0, 0, 1, 1, "行政处罚", (0.0, 10.0, 10.0, 90.0), 1)
    return gray, cell, GridTable([label, cell], [0.0, 10.0, 190.0], (0.0, 10.0, 190.0, 90.0), 1, 1)


def test_a_number_cell_the_detector_missed_is_read_twice_and_agrees_only_when_both_reads_do(monkeypatch):
    monkeypatch.setattr(_numbers, "MISSED_NARROW", 0)  # the line read at the model's 320 px
    gray, cell, table = _page_with_digit()
    rec = _Rec({320: "7", _numbers.NARROW_WIDTH: "7"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert (cell.text, cell.agreed) == ("7", True)
    assert rec.widths[0] >= 320 and _numbers.NARROW_WIDTH in rec.widths  # the line read, then the digits


def test_a_missed_cell_short_enough_is_read_as_a_short_line_of_the_page_is(monkeypatch):
    # round 9: its line read padded to the narrowest tier it fits, as `recognise_lines` pads the
    # page's short lines, not to 320 px; still two reads, both needed
    monkeypatch.setattr(_numbers, "SHORT_TIERS", (96,))
    gray, cell, table = _page_with_digit()
    rec = _Rec({96: "7", 320: "7"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert (cell.text, cell.agreed) == ("7", True) and rec.widths == [96, 96]
    monkeypatch.setattr(_numbers, "MISSED_NARROW", 0)
    gray, cell, table = _page_with_digit()
    rec = _Rec({96: "7", 320: "7"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert rec.widths == [320, 96]


def test_a_missed_cell_read_as_nothing_narrow_is_read_again_at_320(monkeypatch):
    # 003's `+6` (clean PDF): nothing at 96 px, `+6` at 0.996 at 320 px
    monkeypatch.setattr(_numbers, "SHORT_TIERS", (96,))
    gray, cell, table = _page_with_digit()
    rec = _Rec({96: "", 320: "7"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert (cell.text, cell.agreed) == ("7", True) and rec.widths == [96, 320, 96, 320]


def test_a_missed_cell_read_narrow_as_no_digit_is_read_again_at_320_and_a_number_is_not(monkeypatch):
    # 003's `+6` (clean image): `+` at 96 px, `+6` at 320 px; a lone `0` read narrow stands
    monkeypatch.setattr(_numbers, "SHORT_TIERS", (96,))
    crop = np.full((48, 40), 255, np.uint8)
    rec = _Rec({96: ".", 320: "7"})
    assert _numbers._read_lines(_Engine(rec), [crop])[0][0] == "7" and rec.widths == [96, 320]
    rec = _Rec({96: "0", 320: "7"}, sure=0.55)  # unsure, but a number: its confidence is not asked
    assert _numbers._read_lines(_Engine(rec), [crop])[0][0] == "0" and rec.widths == [96]


def test_a_missed_cell_whose_two_reads_differ_is_a_doubt(monkeypatch):
    monkeypatch.setattr(_numbers, "MISSED_NARROW", 0)  # the two reads at different widths
    gray, cell, table = _page_with_digit()
    rec = _Rec({320: "1", _numbers.NARROW_WIDTH: "7"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert cell.agreed is False  # 1 against 7: never a settled value


def test_a_missed_cell_whose_line_read_is_no_number_is_never_agreed(monkeypatch):
    monkeypatch.setattr(_numbers, "MISSED_NARROW", 0)
    gray, cell, table = _page_with_digit()
    rec = _Rec({320: "E", _numbers.NARROW_WIDTH: "E"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert cell.agreed is False


def test_a_crop_that_fits_a_narrower_tier_is_padded_to_it_and_read_again_at_320_when_unsure(monkeypatch):
    monkeypatch.setattr(_numbers, "SHORT_TIERS", (96,))
    rec = _Rec({96: "5", 320: "5"}, sure=0.6)
    (_, _, digits, _, _), = _numbers._decode(_Engine(rec), [np.full((48, 40), 255, np.uint8)])
    assert (digits, rec.widths) == ("5", [96, 320])
    rec = _Rec({_numbers.NARROW_WIDTH: "123"})
    _numbers._decode(_Engine(rec), [np.full((48, 120), 255, np.uint8)])  # wider than 96: 160
    assert rec.widths == [_numbers.NARROW_WIDTH]


def test_a_short_line_of_the_page_is_padded_to_the_narrowest_tier_it_fits(monkeypatch):
    monkeypatch.setattr(_numbers, "SHORT_TIERS", (96,))
    rec = _Rec({96: "0", SHORT_LINE: "12"})
    out = recognise_lines(_Engine(rec), [np.full((48, 50, 3), 255, np.uint8), np.full((48, 130, 3), 255, np.uint8)])
    assert [t for t, _ in out] == ["0", "12"] and rec.widths == [96, SHORT_LINE]


def test_a_full_width_digit_read_narrow_is_the_same_number_and_a_different_digit_is_not():
    # read narrow, the recogniser prints a crisp 0 as ０ as often as not: still the same number
    assert _numbers.same_number("０", "0") and _numbers.same_number("－１２", "-12")
    assert _numbers.looks_numeric("１２") and not _numbers.looks_numeric("行政")
    assert not _numbers.same_number("７", "1") and not _numbers.same_number("１２", "-12")


def test_a_cell_the_page_read_in_full_width_digits_is_re_read_and_agrees():
    gray, cell, table = _page_with_digit()
    cell.text = "７"  # the page's narrow read
    rec = _Rec({_numbers.NARROW_WIDTH: "7"})
    _numbers.reread_numbers(_Engine(rec), gray, [table], 1.0)
    assert (cell.text, cell.agreed) == ("7", True)
