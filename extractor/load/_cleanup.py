"""Page clean-up before OCR: what a phone photo or a fax does to a page, undone as far as it can be.

Each step is one OpenCV operation (or two) on the greyscale page and is kept only because it
measurably helps on the scan family (`eval/scans.py`, figures in docs/scans.md) without hurting
clean or office scans. Straightening (`_recognise.deskew`) runs before these, on the same page.

    gray = cleanup(gray)            # the steps of STEPS, in order

`XXGK_SCAN_CLEANUP` (a comma-separated list of step names, or `none`) replaces `STEPS`; it exists
to measure one step against another, not for everyday use.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and OpenCV come with the OCR extra
    import numpy as np


def flatten(gray: np.ndarray) -> np.ndarray:
    """Even out the lighting: divide the page by an estimate of its blank paper.

    The paper's brightness is what is left after closing the page (a grey-level dilation and
    erosion wider than any stroke or rule removes the dark ink), smoothed. Dividing by it makes
    the paper white everywhere, so a shadow across a photographed page neither darkens the
    cells under it into ink nor leaves the ink in the bright part too faint. Done on a quarter-size
    copy (the background varies slowly), then scaled back.
    """
    import cv2
    import numpy as np

    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    k = max(7, (min(small.shape) // 40) | 1)  # ~1/40 of the page: wider than a character
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    bg = cv2.GaussianBlur(bg, (0, 0), k / 2)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(bg, 1), scale=255)


#: Noise level (`noise_level`, grey levels) from which a page is denoised. Straightened, the scan
#: family's flatbed scans measure 0, its office copies 0.36–0.38 (denoising those cost 2 of 207
#: non-zero cells), its phone photos 1.10–1.13 (denoising those won 12).
NOISY = 0.7


def noise_level(gray: np.ndarray) -> float:
    """The standard deviation of the noise on the blank paper, estimated as Immerkær does (the
    mean absolute response to a Laplacian-difference kernel that cancels smooth shading), over
    the pixels with no ink within 3 px, so that strokes and rules do not count as noise."""
    import cv2
    import numpy as np

    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = np.abs(cv2.filter2D(gray.astype(np.float32), -1, kernel))
    paper = cv2.erode(gray, np.ones((7, 7), np.uint8)) > 150
    if not paper.any():
        return 0.0
    return float(response[paper].mean() * np.sqrt(np.pi / 2) / 6)


def denoise(gray: np.ndarray) -> np.ndarray:
    """Sensor noise and JPEG speckle off, edges kept: non-local means (each pixel averaged with
    the pixels whose neighbourhoods look like its own), which leaves thin strokes and rules sharp
    where a blur or a median would thin or break them. Only on a noisy page (`NOISY`): on a
    clean one it only softens the strokes."""
    import cv2
    import numpy as np

    if noise_level(gray) < NOISY:
        return gray
    box = inked_box(gray) if DENOISE_BOX else None
    if box is None:
        return cv2.fastNlMeansDenoising(gray, None, h=12, templateWindowSize=7, searchWindowSize=21)
    # the page's inked part denoised (with the 13 px each of its pixels is computed from: the
    # same values, to the bit, as denoising the whole page), the blank paper around it blurred
    h, w = gray.shape
    x0, y0, x1, y1 = box
    X0, Y0, X1, Y1 = max(0, x0 - _NLM_REACH), max(0, y0 - _NLM_REACH), min(w, x1 + _NLM_REACH), min(h, y1 + _NLM_REACH)
    part = cv2.fastNlMeansDenoising(np.ascontiguousarray(gray[Y0:Y1, X0:X1]), None, h=12, templateWindowSize=7,
                                    searchWindowSize=21)
    out = cv2.GaussianBlur(gray, (0, 0), 2)
    out[y0:y1, x0:x1] = part[y0 - Y0:y1 - Y0, x0 - X0:x1 - X0]
    return out


#: how far from a pixel non-local means looks (half its 21-px search window and half its 7-px
#: template): a part of the page denoised with this much around it is denoised exactly
_NLM_REACH = 13
#: the blank paper kept round the page's ink (`inked_box`) for the margins crops are cut with
_INK_PAD = 24
#: `XXGK_OCR_DENOISE_BOX=0` denoises the whole page
DENOISE_BOX = os.environ.get("XXGK_OCR_DENOISE_BOX", "1") != "0"


def inked_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1) round every mark on the page darker than the paper around it by
    30 grey levels, padded by `_INK_PAD`; None when it is most of the page anyway, or blank.

    Found at a quarter of the size (the noise averages out), against the paper's brightness there
    (a grey closing wider than any stroke or rule, as `flatten` does): a photo's dark corner or
    a shadow is paper, not ink. On the scan family's phone 表三 pages it covers 0.69–0.81 of the
    page (the table, its title, the page's text)."""
    h, w = gray.shape
    box = ink_extent(gray, 30)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    x0, y0, x1, y1 = max(0, x0 - _INK_PAD), max(0, y0 - _INK_PAD), min(w, x1 + _INK_PAD), min(h, y1 + _INK_PAD)
    if (x1 - x0) * (y1 - y0) > 0.9 * w * h:
        return None
    return x0, y0, x1, y1


def ink_extent(gray: np.ndarray, contrast: int) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1) round every mark on the page darker than the paper around it by
    more than `contrast` grey levels (found at a quarter of the size against a grey closing wider
    than any stroke or rule), None on a blank page."""
    h, w = gray.shape
    mask = ink_mask(gray, contrast)
    return mask_extent(mask, w / mask.shape[1], h / mask.shape[0])


def ink_mask(gray: np.ndarray, contrast: int) -> np.ndarray:
    """The marks of `ink_extent` as a quarter-size mask (1: ink), specks of one or two pixels
    there left out."""
    import cv2
    import numpy as np

    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats((cv2.subtract(paper, small) > contrast).astype(np.uint8),
                                                           connectivity=8)
    keep = np.zeros(n, np.uint8)
    keep[1:] = stats[1:, 4] >= 3
    return keep[labels]


def mask_extent(mask: np.ndarray, sx: float, sy: float) -> tuple[int, int, int, int] | None:
    """The box round a quarter-size ink mask's marks (`ink_mask`) in the page's pixels (`sx`,
    `sy`: page pixels per mask pixel), None when it holds none."""
    import numpy as np

    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not len(rows):
        return None
    return (int(cols[0] * sx), int(rows[0] * sy), int((cols[-1] + 1) * sx + 1), int((rows[-1] + 1) * sy + 1))


STEP_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {"flatten": flatten, "denoise": denoise}
#: The steps run on every scanned page, in order (each one measured: docs/scans.md).
STEPS: tuple[str, ...] = ("denoise",)


def steps() -> tuple[str, ...]:
    env = os.environ.get("XXGK_SCAN_CLEANUP")
    if env is None:
        return STEPS
    names = tuple(s.strip() for s in env.split(",") if s.strip() and s.strip() != "none")
    unknown = [s for s in names if s not in STEP_FUNCTIONS]
    if unknown:
        raise ValueError(f"XXGK_SCAN_CLEANUP: unknown step(s) {unknown}; known: {sorted(STEP_FUNCTIONS)}")
    return names


def cleanup(gray: np.ndarray) -> np.ndarray:
    """The page after the clean-up steps (`STEPS`, or `XXGK_SCAN_CLEANUP`)."""
    for name in steps():
        gray = STEP_FUNCTIONS[name](gray)
    return gray
