"""Scanned images (PNG, JPEG, every frame of a TIFF …) → a `Document`, through OCR.

The recognition itself (engine, straightening, ruling lines, cells with confidences) is in
`_recognise`, which the PDF loader's scanned pages use too; this module opens the image, guards
its size, cuts a tall image of stacked pages into strips (`_strips`) and joins its pages.
"""

from __future__ import annotations

from ..document import Document
from ..errors import InputError
from ._build import build_text
from ._common import file_sha256, max_pages
from ._grid import PageBlocks, join_pages
from ._recognise import ocr_image
from ._strips import page_strips
from .limits import MAX_IMAGE_PIXELS

def load_image(path: str, *, limit: int | None = None) -> Document:
    """OCR an image file (PNG, JPEG, TIFF — every frame of a multi-page TIFF) into a `Document`."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError


    limit = limit or max_pages()
    try:
        img = Image.open(path)
    except (UnidentifiedImageError, OSError) as e:
        raise InputError(path, f"not a readable image ({e})") from e
    except Image.DecompressionBombError as e:
        raise InputError(path, f"image too large to read safely ({e})") from e
    with img:
        n = getattr(img, "n_frames", 1)
        if n > limit:
            raise InputError(path, f"image has {n} pages, more than the limit of {limit} (set XXGK_MAX_PAGES to raise it)")
        pages: list[PageBlocks] = []
        try:
            for i, frame in enumerate(ImageSequence.Iterator(img), 1):
                _check_pixels(path, frame.size, i)  # from the header: nothing is decoded yet
                page = ImageOps.exif_transpose(frame).convert("RGB")  # turned as the camera meant
                for top, bottom in page_strips(page):  # a tall image of stacked pages: page by page
                    strip = page if (top, bottom) == (0, page.height) else page.crop((0, top, page.width, bottom))
                    pages.append(ocr_image(strip, len(pages) + 1))
        except InputError:
            raise
        except ImportError as e:
            raise InputError(path, str(e)) from e
        except (OSError, ValueError, Image.DecompressionBombError) as e:
            raise InputError(path, f"cannot decode the image ({e})") from e
    tb = build_text(join_pages(pages))
    if not tb.text.strip():
        raise InputError(path, "OCR found no text in the image")
    return Document(path=path, text=tb.text, format="image", sha256=file_sha256(path), tables=tb.tables, pages=n)


def _check_pixels(path: str, size: tuple[int, int], frame: int) -> None:
    w, h = size
    if w * h > MAX_IMAGE_PIXELS:
        where = f"page {frame} of the image" if frame > 1 else "image"
        raise InputError(path, f"{where} is {w}×{h} = {w * h:,} pixels, more than the limit of "
                               f"{MAX_IMAGE_PIXELS:,} pixels (decoding it would take {w * h * 3 >> 20} MB)")


