"""A scanned table's label words re-read against the official labels (`load/_labels`)."""

from __future__ import annotations

import itertools

import pytest

np = pytest.importorskip("numpy")

from extractor.load._labels import ctc_log_likelihood, lexicon, reread_labels  # noqa: E402


def _collapse(path):
    out, prev = [], -1
    for c in path:
        if c != prev and c != 0:
            out.append(c)
        prev = c
    return out


def test_ctc_likelihood_sums_every_alignment():
    rng = np.random.default_rng(1)
    p = rng.random((5, 4))
    p /= p.sum(axis=1, keepdims=True)
    lp = np.log(p)
    for label in ([1], [1, 2], [2, 2], [3, 1, 2]):
        brute = sum(np.exp(sum(lp[t, c] for t, c in enumerate(path)))
                    for path in itertools.product(range(4), repeat=5) if _collapse(path) == label)
        assert ctc_log_likelihood(lp, label) == pytest.approx(np.log(brute))


def test_lexicon_holds_labels_as_printed_in_a_cell():
    lex = lexicon()
    assert {"规章", "行政处罚", "1.属于国家秘密", "（七）总计", "未经复议直接起诉", "信息内容"} <= lex
    assert "三（三）1.属于国家秘密" not in lex  # the catalogue's section prefix is not printed


class _Rec:
    """A recogniser whose every crop gives the frames of `frames` (one character per frame)."""

    def __init__(self, chars, frames, sure):
        self.character = ["blank", *chars]
        self.postprocess_op = self
        self.rec_image_shape = (3, 48, 320)
        self.frames, self.sure = frames, sure

    def resize_norm_img(self, img, ratio):
        return np.zeros((3, 48, 320), np.float32)

    def session(self, batch):
        n = len(self.character)
        out = np.full((len(self.frames) * 2, n), 1e-4)
        for t, ch in enumerate(self.frames):
            row = out[2 * t]
            for c, p in self.sure.get(t, {ch: 0.99}).items():
                row[self.character.index(c)] = p
            out[2 * t + 1, 0] = 0.99  # a blank between characters
        return [(out / out.sum(axis=1, keepdims=True))[np.newaxis]]


class _Engine:
    def __init__(self, rec):
        self.text_rec = rec


BOX = [[10, 10], [90, 10], [90, 30], [10, 30]]
TABLE = [(0, 0, 200, 200)]


def test_a_misread_label_the_recogniser_half_saw_is_read_as_the_label():
    # 罚 read as 药 at 0.6, with 0.35 for 罚: the printed label is nearly as likely as the reading
    rec = _Rec("行政处药罚强制", "行政处药", {3: {"药": 0.6, "罚": 0.35}})
    out = reread_labels(_Engine(rec), np.full((100, 220), 255, np.uint8), [(BOX, "行政处药", 0.9)], TABLE)
    assert out[0][1] == "行政处罚"


def test_a_confident_reading_is_not_forced_onto_a_label():
    rec = _Rec("行政处药罚强制", "行政处药", {3: {"药": 0.999}})
    out = reread_labels(_Engine(rec), np.full((100, 220), 255, np.uint8), [(BOX, "行政处药", 0.9)], TABLE)
    assert out[0][1] == "行政处药"


def test_words_outside_ruled_tables_are_left_alone():
    rec = _Rec("行政处药罚强制", "行政处药", {3: {"药": 0.6, "罚": 0.35}})
    words = [(BOX, "行政处药", 0.9)]
    assert reread_labels(_Engine(rec), np.full((100, 220), 255, np.uint8), words, [(100, 100, 200, 200)]) == words


class _Counting(_Rec):
    def __init__(self, *a):
        super().__init__(*a)
        self.calls = 0

    def session(self, batch):
        self.calls += 1
        return super().session(batch)


def test_a_word_whose_page_reading_is_kept_is_scored_on_it_without_being_read_again():
    # the page read the word at the resolution of `gray` (a phone photo at its own size): its
    # recogniser output decides, and the recogniser is not run again on the crop
    kept = _Rec("行政处药罚强制", "行政处药", {3: {"药": 0.6, "罚": 0.35}}).session(None)[0][0]
    rec = _Counting("行政处药罚强制", "行政处药", {3: {"药": 0.999}})  # a crop re-read would say 药
    gray = np.full((100, 220), 255, np.uint8)
    out = reread_labels(_Engine(rec), gray, [(BOX, "行政处药", 0.9)], TABLE, {0: kept})
    assert out[0][1] == "行政处罚" and rec.calls == 0
    out = reread_labels(_Engine(rec), gray, [(BOX, "行政处药", 0.9)], TABLE, {})
    assert out[0][1] == "行政处药" and rec.calls == 1
