"""The families of `eval/probe_unseen.py` (issue 11): layouts the variant generator does not print.

Each family is a function `f(ctx) -> (text or bytes, suffix)` that re-prints one labelled report of
eval/real (`ctx`, a `_common.Ctx`: its gold numbers, its prose, the family's seeded randomness) in
one way seen in published reports; `eval/probe_unseen.py` writes the files, reads them with the
layout reader and counts the figures per family.

Where the families live: one module per round / theme, named for it (`pastes2`, `docs2`: round 2;
`files3`, `files4`, `files5`, `files6`, `files8`, `files9`, `office8`: files the loaders read;
`text3` … `text8`: text forms; `combos`: several quirks at once; `markup9`, `pdf9`, `web9`,
`t4groups`, `excel9`, `ocrtext9`, `text12`, `web13`, `pdf13`, `text14`, `web14`, `text14c`, `text14b`, `web15`, `text15`, `combos15`: quirks of rounds 9–14 stacked). `_common` holds what every family shares (`Ctx`, `SEED`, the
printed rows as text); a helper one module wrote and another reuses is imported from the first.

To add a family: write the function in the module of its theme (or a new module with a docstring
saying what it prints) and add it to that module's `FAMILIES` dict; a new module is also added to
`_MODULES` below. The order of `_MODULES` (then of each module's dict) is the order of the
printed table and of `--family`'s choices: append, do not reorder.
"""

from __future__ import annotations

from typing import Any, Callable

from . import (
    combos, docs2, excel9, files3, files4, files5, files6, files8, files9, markup9, ocrtext9,
    office8, pastes2, pdf9, pdf13, pictures, t4groups, text12, text3, text4, text5, text6, text7, text8, web9,
    web13, text14, web14, text14c, text14b, web15, text15, combos15,
)
from ._common import Ctx

_MODULES = (  # the order of the families
    pastes2, docs2, files3, files4, text3, text4, files5, text5, files6, combos, office8, text6,
    text7, files8, text8, markup9, pdf9, web9, files9, t4groups, excel9, ocrtext9, pictures, text12,
    web13, pdf13, text14, web14, text14c, text14b, web15, text15, combos15,
)

FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {}
for _module in _MODULES:
    assert not set(_module.FAMILIES) & set(FAMILIES), _module.__name__
    FAMILIES.update(_module.FAMILIES)
