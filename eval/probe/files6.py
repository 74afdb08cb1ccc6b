"""Files (round 6: binary Word 97–2003): `.doc` and `.wps` binaries, tracked changes in a `.doc`.
"""

from __future__ import annotations

from typing import Any, Callable

from extractor.evaluation._doc_write import doc_report

from ._common import Ctx, cell_text


def doc_binary(ctx: Ctx) -> tuple[bytes, str]:
    """A report Word saved as binary .doc (`extractor.evaluation._doc_write`, shared with the
    generator): ASCII runs as 8-bit pieces beside UTF-16 ones, a 1Table stream, merges as wide
    cells or horzMerge runs, vertMerge for rowspans, now and then a field around the title."""
    return doc_report(ctx.title, ctx.before, ctx.after, ctx.sections, cell_text, ctx.rng, style="word")[0], ".doc"


def wps_binary(ctx: Ctx) -> tuple[bytes, str]:
    """A report WPS saved as .wps in Word 97's binary format: one UTF-16 piece, a 0Table stream,
    merges as horzMerge runs."""
    return doc_report(ctx.title, ctx.before, ctx.after, ctx.sections, cell_text, ctx.rng, style="wps")[0], ".wps"


def doc_tracked(ctx: Ctx) -> tuple[bytes, str]:
    """A .doc edited with Track Changes on and saved with the changes not accepted (now and then
    saved fast): an older number deleted beside the new one in about a third of the value cells
    (sprmCFRMarkDel, the new one inserted or plain), now and then a row of older numbers deleted
    whole, a hidden note with a number (sprmCFVanish), a footnote with numbers after the main
    text; the changes in the character FKPs or in the pieces' Prm."""
    return doc_report(ctx.title, ctx.before, ctx.after, ctx.sections, cell_text, ctx.rng, style="word", edits=True)[0], ".doc"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "doc-binary": doc_binary,
    "wps-binary": wps_binary,
    "doc-tracked": doc_tracked,
}
