"""Scoring: one extraction against its gold label (`score`), and a set of them (`summarize`).

Scores are plain dicts so that a run file holds them as they are and `compare`/the gate can
recompute nothing. Field accuracy is given over all cells and over the cells whose gold value
is not 0 (most cells are 0: an extractor answering 0 everywhere scores well on the first and
badly on the second). Review routing says whether wrong readings were kept out of `verified`.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections import Counter, defaultdict
from typing import Any, Iterable

from .. import catalogue
from ..flat import dump_value
from ..result import Result
from .gold import GoldCase, same


def score(case: GoldCase, result: Result) -> dict[str, Any]:
    """Compare one Result with its gold case, cell by cell (ambiguous alternatives count as right)."""
    found = result.fields  # {} when the document failed
    wrong: list[dict[str, Any]] = []
    right = nonzero = nonzero_right = 0
    for key, gold in case.fields.items():
        value = found.get(key)
        ok = any(same(value, allowed) for allowed in case.allowed(key))
        right += ok
        if gold is not None and gold != 0:
            nonzero += 1
            nonzero_right += ok
        if not ok:
            wrong.append({"key": key, "gold": dump_value(gold), "found": dump_value(value)})
    template_ok = result.template == case.template
    errors = sorted({v.rule for v in result.violations if v.severity == "error"})
    return {
        "id": case.id,
        "set": case.set,
        "report": _shown(case.report),
        "family": case.family,
        "input_format": case.input_format,
        "variant_of": (case.variant or {}).get("of"),
        "status": result.status,
        "flagged": result.status != "verified",
        "error": result.error,
        "template": {"gold": case.template, "found": result.template, "ok": template_ok},
        "year": {"gold": case.year, "found": result.year, "ok": result.year == case.year},
        "organ": {"gold": case.organ, "found": result.organ, "ok": _organ(result.organ) == _organ(case.organ)},
        "cells": len(case.fields),
        "right": right,
        "nonzero_cells": nonzero,
        "nonzero_right": nonzero_right,
        "exact": template_ok and not wrong,
        "source_violations": sorted(case.source_violations),
        "rule_errors": errors,
        "doubts": sorted(result.doubts),
        # right cells are not repeated here: their value is the gold's (or an allowed alternative)
        "wrong": wrong,
        "usage": result.usage.model_dump(mode="json"),
        "seconds": round(result.seconds, 4),
    }


def summarize(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Every figure of a set of scored documents (one set: real and variants are never mixed)."""
    docs = list(docs)
    out = _accuracy(docs)
    n = len(docs)
    out["documents"] = n
    out["status"] = dict(Counter(d["status"] for d in docs))
    for what in ("template", "year", "organ"):
        out[f"{what}_accuracy"] = _rate(sum(d[what]["ok"] for d in docs), n)
    out["routing"] = routing(docs)
    out["usage"] = usage(docs)
    out["by_family"] = {k: _accuracy(v) for k, v in sorted(_group(docs, "family").items())}
    out["by_input_format"] = {k: _accuracy(v) for k, v in sorted(_group(docs, "input_format").items())}
    out["by_field"] = by_field(docs)
    return out


def routing(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Were the reports that must be reviewed sent to review, and the right ones left alone?"""
    broken = [d for d in docs if d["source_violations"]]
    wrong = [d for d in docs if not d["exact"]]
    fine = [d for d in docs if d["exact"] and not d["source_violations"]]
    return {
        "source_violation_docs": len(broken),
        "source_violation_flagged": sum(d["flagged"] for d in broken),
        "recall": _rate(sum(d["flagged"] for d in broken), len(broken)),
        "wrong_docs": len(wrong),
        "wrong_flagged": sum(d["flagged"] for d in wrong),
        # the promise: a verified report is read exactly right; this must be 0
        "wrong_verified": sum(not d["flagged"] for d in wrong),
        "wrong_verified_docs": [d["id"] for d in wrong if not d["flagged"]],
        "wrong_flag_rate": _rate(sum(d["flagged"] for d in wrong), len(wrong)),
        "right_consistent_docs": len(fine),
        "needless_flags": sum(d["flagged"] for d in fine),
        "needless_flag_rate": _rate(sum(d["flagged"] for d in fine), len(fine)),
        "verified": sum(not d["flagged"] for d in docs),
    }


def usage(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Model calls, tokens and wall time: totals and per report."""
    n = max(len(docs), 1)
    total = {k: sum(d["usage"].get(k) or 0 for d in docs) for k in ("calls", "retries", "prompt_tokens", "completion_tokens")}
    seconds = [d["seconds"] for d in docs]
    return {
        **total,
        "calls_per_doc": round(total["calls"] / n, 3),
        "prompt_tokens_per_doc": round(total["prompt_tokens"] / n, 1),
        "completion_tokens_per_doc": round(total["completion_tokens"] / n, 1),
        "seconds_total": round(sum(seconds), 3),
        "seconds_per_doc": round(sum(seconds) / n, 4),
        "seconds_max": round(max(seconds, default=0.0), 4),
    }


def by_field(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per cell key: how many documents have it, how many read it right."""
    n: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    for d in docs:
        for key in catalogue.keys(d["template"]["gold"]):  # a gold file holds every key of its version
            n[key] += 1
        for w in d["wrong"]:
            bad[w["key"]] += 1
    return {k: {"documents": n[k], "wrong": bad[k], "accuracy": _rate(n[k] - bad[k], n[k])} for k in n}


def wrong_cells(docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every wrong cell as (document, key, gold, found)."""
    return [{"id": d["id"], **w} for d in docs for w in d["wrong"]]


def _accuracy(docs: list[dict[str, Any]]) -> dict[str, Any]:
    cells = sum(d["cells"] for d in docs)
    right = sum(d["right"] for d in docs)
    nz = sum(d["nonzero_cells"] for d in docs)
    nz_right = sum(d["nonzero_right"] for d in docs)
    exact = sum(d["exact"] for d in docs)
    return {
        "documents": len(docs),
        "cells": cells, "right": right, "accuracy": _rate(right, cells),
        "nonzero_cells": nz, "nonzero_right": nz_right, "nonzero_accuracy": _rate(nz_right, nz),
        "exact": exact, "exact_rate": _rate(exact, len(docs)),
    }


def _group(docs: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        out[d[key]].append(d)
    return out


def _rate(part: int, whole: int) -> float | None:
    """A share in [0, 1], None when there is nothing to count (never a fake 100 %)."""
    return round(part / whole, 4) if whole else None


def _shown(path: Path) -> str:
    """A report's path relative to the working folder when it is under it (run files travel)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _organ(name: str | None) -> str:
    return re.sub(r"\s+", "", name or "")
