"""Two runs side by side (`compare`), and the gate that refuses a change that makes things worse.

The gate fails when, on any set both runs cover, field accuracy (all cells or non-zero cells),
document exact match, review recall or the share of non-reports rejected falls by more than
`max_drop` (a share, 0.01 = one point), when the share of wrong cells rises by more than
`max_drop`, when more wrong readings pass as verified, or when a document that was read exactly
is no longer. It compares only the figures both runs have (a run file written before undecided
cells were counted apart has no wrong-cell figure) and says which it skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .metrics import summarize

#: (summary path, label) of the figures the gate watches; higher is better for each.
GATED = (
    (("accuracy",), "field accuracy"),
    (("nonzero_accuracy",), "non-zero field accuracy"),
    (("exact_rate",), "document exact match"),
    (("routing", "recall"), "review recall"),
    (("non_reports", "rejected_rate"), "not-a-report rejected"),
)
#: (summary path, label) of the figures the gate watches where lower is better.
GATED_RISING = (
    (("wrong_rate",), "wrong cells (share of all cells)"),
)


@dataclass
class GateResult:
    ok: bool
    failures: list[str] = field(default_factory=list)
    #: figures one of the two runs does not have (an older run file), so not compared
    skipped: list[str] = field(default_factory=list)


def gate(baseline: dict[str, Any], current: dict[str, Any], *, max_drop: float = 0.0) -> GateResult:
    """Does `current` keep up with `baseline`? Lists every reason when it does not."""
    failures: list[str] = []
    skipped: list[str] = []
    for set_name, (a, b) in _common_summaries(baseline, current).items():
        for path, label, sign in [(p, l, 1) for p, l in GATED] + [(p, l, -1) for p, l in GATED_RISING]:
            va, vb = _get(a, path), _get(b, path)
            if va is None or vb is None:
                if (va is None) != (vb is None):
                    skipped.append(f"[{set_name}] {label}: only in the {'baseline' if vb is None else 'current'} run")
                continue
            if sign * (va - vb) > max_drop + 1e-12:
                verb = "fell" if sign > 0 else "rose"
                failures.append(f"[{set_name}] {label} {verb} from {va:.2%} to {vb:.2%} (more than {max_drop:.2%})")
        wa, wb = a["routing"]["wrong_verified"], b["routing"]["wrong_verified"]
        if wb > wa:
            failures.append(f"[{set_name}] wrong readings passed as verified: {wa} → {wb}")
    before = {(d["set"], d["id"]) for d in baseline["docs"] if d["exact"]}
    now = {(d["set"], d["id"]): d for d in current["docs"]}
    for key in sorted(before):
        d = now.get(key)
        if d is not None and not d["exact"]:
            failures.append(f"[{key[0]}] {key[1]} was read exactly and is not any more ({_doc_state(d)})")
    return GateResult(ok=not failures, failures=failures, skipped=skipped)


def _common_summaries(a: dict[str, Any], b: dict[str, Any]) -> dict[str, tuple[dict, dict]]:
    """Per set, both runs summarised over the reports they share (a run with --only, or a set
    that grew, is compared like for like)."""
    out = {}
    for set_name in sorted(set(a["summary"]) & set(b["summary"])):
        ids_a = {d["id"] for d in a["docs"] if d["set"] == set_name}
        ids_b = {d["id"] for d in b["docs"] if d["set"] == set_name}
        if ids_a == ids_b:
            out[set_name] = (a["summary"][set_name], b["summary"][set_name])
            continue
        shared = ids_a & ids_b
        if shared:
            out[set_name] = (_summary_of(a, set_name, shared), _summary_of(b, set_name, shared))
    return out


def _summary_of(run: dict[str, Any], set_name: str, ids: set[str]) -> dict[str, Any]:
    return summarize(d for d in run["docs"] if d["set"] == set_name and d["id"] in ids)


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Summaries side by side and every cell whose found value differs between the runs."""
    figures = []
    for set_name in sorted(set(a["summary"]) | set(b["summary"]), key=lambda s: (s != "real", s)):
        sa, sb = a["summary"].get(set_name, {}), b["summary"].get(set_name, {})
        for path, label in FIGURES:
            figures.append({"set": set_name, "figure": label, "a": _get(sa, path), "b": _get(sb, path)})
    docs_a = {(d["set"], d["id"]): d for d in a["docs"]}
    docs_b = {(d["set"], d["id"]): d for d in b["docs"]}
    cells = []
    status = []
    for key in sorted(set(docs_a) & set(docs_b)):
        da, db = docs_a[key], docs_b[key]
        if da["status"] != db["status"] or da["exact"] != db["exact"]:
            status.append({"set": key[0], "id": key[1], "a": _doc_state(da), "b": _doc_state(db)})
        wrong_a = {w["key"]: w for w in da["wrong"]}
        wrong_b = {w["key"]: w for w in db["wrong"]}
        for k in sorted(set(wrong_a) | set(wrong_b)):
            wa, wb = wrong_a.get(k), wrong_b.get(k)
            if wa is not None and wb is not None and _reading(wa) == _reading(wb):
                continue  # the same reading in both runs
            gold = (wa if wa is not None else wrong_b[k])["gold"]  # k is in one of them
            cells.append({
                "set": key[0], "id": key[1], "key": k, "gold": gold,
                "a": _reading(wa) if wa else gold, "a_ok": wa is None, "a_state": _state(wa),
                "b": _reading(wb) if wb else gold, "b_ok": wb is None, "b_state": _state(wb),
            })
    return {
        "a": _about(a), "b": _about(b), "figures": figures, "documents": status, "cells": cells,
        "only_in_a": sorted(f"{s}/{i}" for s, i in set(docs_a) - set(docs_b)),
        "only_in_b": sorted(f"{s}/{i}" for s, i in set(docs_b) - set(docs_a)),
    }


#: The figures shown side by side (summary path, label).
FIGURES = (
    (("documents",), "documents"),
    (("accuracy",), "field accuracy"),
    (("nonzero_accuracy",), "non-zero field accuracy"),
    (("undecided",), "undecided cells"),
    (("undecided_with_gold",), "undecided cells with the gold among the candidates"),
    (("wrong_cells",), "wrong cells"),
    (("wrong_rate",), "wrong cells (share of all cells)"),
    (("exact_rate",), "document exact match"),
    (("no_wrong_rate",), "documents with no wrong cell (share)"),
    (("non_reports", "rejected_rate"), "not-a-report rejected (share)"),
    (("template_accuracy",), "format-version accuracy"),
    (("organ_accuracy",), "organ accuracy"),
    (("year_accuracy",), "year accuracy"),
    (("routing", "recall"), "review recall (printed errors flagged)"),
    (("routing", "wrong_verified"), "wrong but verified"),
    (("routing", "needless_flag_rate"), "needless review (right & consistent)"),
    (("usage", "calls_per_doc"), "model calls / report"),
    (("usage", "prompt_tokens_per_doc"), "prompt tokens / report"),
    (("usage", "completion_tokens_per_doc"), "completion tokens / report"),
    (("usage", "seconds_per_doc"), "seconds / report"),
)


def _about(run: dict[str, Any]) -> dict[str, Any]:
    return {k: run.get(k) for k in ("engine", "model", "prompt_version", "code_version", "date")}


def _doc_state(d: dict[str, Any]) -> str:
    if d.get("expect") == "failed":
        return f"{d['status']}, {'rejected' if d['exact'] else 'not rejected'}"
    if d["exact"]:
        return f"{d['status']}, exact"
    if "wrong_cells" not in d:  # an old run file: every cell not right counted as wrong
        return f"{d['status']}, {len(d['wrong'])} wrong"
    return f"{d['status']}, {d['wrong_cells']} wrong, {d['undecided']} undecided"


def _state(w: dict[str, Any] | None) -> str:
    return "right" if w is None else w.get("state", "wrong")


def _reading(w: dict[str, Any]) -> Any:
    """What a run read for a cell that is not right: the value, or `undecided [candidates]`."""
    if w.get("state", "").startswith("undecided"):
        return f"undecided {w.get('candidates')}"
    return w["found"]


def _get(summary: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = summary
    for p in path:
        if not isinstance(node, dict):
            return None
        node = node.get(p)
    return node
