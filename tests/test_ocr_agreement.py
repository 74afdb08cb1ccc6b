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
