"""A fake text recogniser for the OCR re-read tests: what rapidocr's `TextRecognizer` offers
`load/_numbers` and `load/_recognise` (its `session`, `resize_norm_img`, `character`,
`rec_image_shape`), reading a chosen text by the width of the input it is given."""

from __future__ import annotations

import numpy as np


class FakeRecogniser:
    """Reads `text_at[width]` from an input `width` px wide (one character a frame, each at
    `sure`, a `3` taking the rest of its probability: a look-alike) over the alphabet `CHARS`
    (a subclass's), and records the widths it was given."""

    CHARS: list[str] = ["blank", *"0123456789.!"]

    def __init__(self, text_at, sure=0.99):
        self.character = self.CHARS
        self.postprocess_op = self
        self.rec_image_shape = (3, 48, 320)
        self.text_at, self.sure, self.widths = text_at, sure, []

    def resize_norm_img(self, img, ratio):
        return np.zeros((3, 48, int(48 * ratio)), np.float32)

    def session(self, batch):
        chars = self.CHARS
        width = batch.shape[-1]
        self.widths.append(width)
        text = self.text_at[width]
        out = np.full((2 * len(text) + 1, len(chars)), 1e-4)
        out[:, 0] = 1.0  # blanks
        for t, ch in enumerate(text):
            out[2 * t + 1, 0] = 1e-4
            out[2 * t + 1, chars.index(ch)] = self.sure
            out[2 * t + 1, chars.index("3")] += 1 - self.sure  # the rest on a look-alike
        return [(out / out.sum(axis=1, keepdims=True))[np.newaxis]]
