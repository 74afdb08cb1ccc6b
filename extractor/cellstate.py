"""The state of each cell: how sure a value is, carried to every output beside the value.

    read             settled by the layout reader from the print
    blank            printed empty (or a mark: —, /, 无): 0 by the format's convention
    doubt            not settled: the value is null, the candidates are in `doubts`
    missing          its table was not found (or the report has no record): null, no candidates
    model            filled by a model and checked: `auto` took its answer only after the identities
                     tied it to cells the reader read; a whole-report model reading (`llm`): every
                     identity the cell takes part in holds
    model_unchecked  filled by a model with nothing to check it (`llm`: a 表二 cell, or one whose
                     identity fails or cannot be summed)
    edited           a reviewer's correction (only after review: the store's decisions)

A state is derived from what a result already holds (values, printed text, doubts, which engine
gave each cell), so a stored result and a fresh one give the same states.
"""

from __future__ import annotations

from typing import Any, Iterable, Literal, Mapping

from .identities import touching

CellState = Literal["read", "blank", "doubt", "missing", "model", "model_unchecked", "edited"]
STATES: tuple[CellState, ...] = ("read", "blank", "doubt", "missing", "model", "model_unchecked", "edited")

#: how the review page and the Chinese exports name each state
STATE_NAMES: dict[str, str] = {
    "read": "已读取", "blank": "原文空白", "doubt": "存疑", "missing": "未找到此表",
    "model": "模型填写（已核对）", "model_unchecked": "模型填写（未核对）", "edited": "审核员修改",
}

#: printed marks that mean "nothing to report": read as 0, kept in `printed` (dashes doubled as
#: typists type them: `--`, `－－`, `――`; the layout reader also reads a lone `一` typed for a dash
#: beside a row's numbers, `_cells.dash_ones`; `无增减` is a 本年增/减 that did not change)
BLANK_MARKS = frozenset({"", "/", "／", "—", "——", "-", "--", "－", "－－", "–", "―", "――", "无", "空", "\\", "无增减"})

#: engines whose every value comes from a model (no reader cell to check it against)
_MODEL_ENGINES = frozenset({"llm"})


def cell_states(
    template: str | None,
    values: Mapping[str, Any],
    *,
    printed: Mapping[str, str] | None = None,
    doubts: Iterable[str] = (),
    cell_engines: Mapping[str, str] | None = None,
    engine: str | None = None,
    edited: Iterable[str] = (),
) -> dict[str, CellState]:
    """Cell key → its state, for every key of `values` (a record's flat view, or a decision's)."""
    printed = printed or {}
    cell_engines = cell_engines or {}
    doubtful, changed = set(doubts), set(edited)
    by_model = engine in _MODEL_ENGINES
    links = touching(template) if template in ("2019", "2021") and by_model else {}
    out: dict[str, CellState] = {}
    for key, value in values.items():
        if key in changed:
            out[key] = "edited"
        elif value is None:
            out[key] = "doubt" if key in doubtful else "missing"
        elif cell_engines.get(key) == "model":
            out[key] = "model"  # auto settles a cell with a model's answer only once checked
        elif by_model:
            out[key] = "model" if _checked(links.get(key, ()), values) else "model_unchecked"
        elif key in printed and printed[key].strip() in BLANK_MARKS:
            out[key] = "blank"
        else:
            out[key] = "read"
    return out


def _checked(idents: Iterable[Any], values: Mapping[str, Any]) -> bool:
    """A model's value is checked when it takes part in an identity and every one of them holds."""
    seen = False
    for ident in idents:
        sides = ident.sides(values.get)
        if sides is None or sides[0] != sides[1]:
            return False
        seen = True
    return seen


__all__ = ["BLANK_MARKS", "STATES", "STATE_NAMES", "CellState", "cell_states"]
