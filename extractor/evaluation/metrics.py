"""Scoring: one extraction against its gold label (`score`), and a set of them (`summarize`).

Scores are plain dicts so that a run file holds them as they are and `compare`/the gate can
recompute nothing. A cell the reader decided (a value) is right only when it equals the gold
value; a cell it left undecided (None, with a doubt naming its candidates) is counted apart:
with the gold among its candidates it is not wrong, but it is not right either. Field accuracy
is given over all cells and over the cells whose gold value is not 0 (most cells are 0: an
extractor answering 0 everywhere scores well on the first and badly on the second). Review
routing says whether wrong readings were kept out of `verified`. A text that is not a report
(gold `"expect": "failed"`) is scored by whether it was rejected.
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

#: How a cell that is not right was read (the `state` of a `wrong` entry).
WRONG, UNDECIDED, UNDECIDED_MISSED, NOT_FOUND = "wrong", "undecided", "undecided_missed", "not_found"
#: Per-document counts written since undecided cells are counted apart; a run file without them
#: (written before) gives "unknown" for the figures made from them.
NEW_COUNTS = ("undecided", "undecided_with_gold", "wrong_cells", "no_wrong")


def score(case: GoldCase, result: Result) -> dict[str, Any]:
    """Compare one Result with its gold case, cell by cell."""
    if not case.is_report:
        return _score_non_report(case, result)
    found = result.fields  # {} when the document failed
    off: list[dict[str, Any]] = []  # every cell not read right, with how it was read
    right = nonzero = nonzero_right = undecided = with_gold = 0
    for key, gold in case.fields.items():
        value = found.get(key)
        doubt = result.doubts.get(key)
        if value is not None or gold is None:
            ok = same(value, gold)
            entry: dict[str, Any] | None = None if ok else {"key": key, "gold": dump_value(gold), "found": dump_value(value), "state": WRONG}
            if entry is not None and value is None:
                entry["state"] = NOT_FOUND
        elif doubt is not None:  # undecided: the table was found, this cell was not settled
            ok = False
            candidates = [dump_value(c) if not isinstance(c, str) else c for c in doubt.candidates]
            # the gold, or a value the gold's `ambiguous` list allows: what the print leaves open
            hit = any(same(c, a) for c in doubt.candidates for a in case.allowed(key))
            undecided += 1
            with_gold += hit
            entry = {"key": key, "gold": dump_value(gold), "found": None, "candidates": candidates,
                     "state": UNDECIDED if hit else UNDECIDED_MISSED}
        else:  # no value and no doubt: the table (or the report) was not found
            ok = False
            entry = {"key": key, "gold": dump_value(gold), "found": None, "state": NOT_FOUND}
        right += ok
        if gold is not None and gold != 0:
            nonzero += 1
            nonzero_right += ok
        if entry is not None:
            off.append(entry)
    template_ok = result.template == case.template
    errors = sorted({v.rule for v in result.violations if v.severity == "error"})
    wrong_cells = len(off) - with_gold
    by_model = [k for k, e in result.cell_engines.items() if e == "model"]
    return {
        **_head(case, result),
        "expect": "report",
        "template": {"gold": case.template, "found": result.template, "ok": template_ok},
        "year": {"gold": case.year, "found": result.year, "ok": result.year == case.year},
        "organ": {"gold": case.organ, "found": result.organ, "ok": _organ(result.organ) == _organ(case.organ)},
        "cells": len(case.fields),
        "right": right,
        "nonzero_cells": nonzero,
        "nonzero_right": nonzero_right,
        "undecided": undecided,
        "undecided_with_gold": with_gold,
        "wrong_cells": wrong_cells,
        "ambiguous_cells": len(case.ambiguous),
        # exact: every cell decided right; no wrong: every cell right or undecided with the gold among its candidates
        "exact": template_ok and not off,
        "no_wrong": template_ok and wrong_cells == 0,
        "source_violations": sorted(case.source_violations),
        "rule_errors": errors,
        "doubts": sorted(result.doubts),
        # right cells are not repeated here: their value is the gold's
        "wrong": off,
        "usage": result.usage.model_dump(mode="json"),
        # cells a model settled (auto: checked by the identities), and how many of those are right
        "model_cells": len(by_model),
        "model_cells_right": sum(same(found.get(k), case.fields.get(k)) for k in by_model),
        "seconds": round(result.seconds, 4),
    }


def _head(case: GoldCase, result: Result) -> dict[str, Any]:
    return {
        "id": case.id,
        "set": case.set,
        "report": _shown(case.report),
        "family": case.family,
        "input_format": case.input_format,
        "variant_of": (case.variant or {}).get("of") or (case.variant or {}).get("narrative_of"),
        "status": result.status,
        "flagged": result.status != "verified",
        "error": result.error,
    }


def _score_non_report(case: GoldCase, result: Result) -> dict[str, Any]:
    """A text that is not a report is read right when it is rejected (status `failed`)."""
    rejected = result.status == "failed"
    return {
        **_head(case, result),
        "expect": "failed",
        "kind": case.kind,
        "rejected": rejected,
        "template": {"gold": None, "found": result.template, "ok": result.template is None},
        "cells": 0, "right": 0, "nonzero_cells": 0, "nonzero_right": 0,
        "undecided": 0, "undecided_with_gold": 0, "wrong_cells": 0, "ambiguous_cells": 0,
        "exact": rejected,  # for a non-report, "read right" means rejected
        "no_wrong": rejected,
        "source_violations": [],
        "rule_errors": sorted({v.rule for v in result.violations if v.severity == "error"}),
        "doubts": sorted(result.doubts),
        "wrong": [],
        "usage": result.usage.model_dump(mode="json"),
        "seconds": round(result.seconds, 4),
    }


def is_report(doc: dict[str, Any]) -> bool:
    """A scored document of a report (run files written before non-reports were scored have
    no `expect`: all their documents are reports)."""
    return doc.get("expect", "report") == "report"


def summarize(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Every figure of a set of scored documents (one set: real and variants are never mixed)."""
    docs = list(docs)
    reports = [d for d in docs if is_report(d)]
    out = _accuracy(reports)
    n = len(reports)
    out["status"] = dict(Counter(d["status"] for d in reports))
    #: reports read not at all (no record): each is named, never hidden inside the accuracy
    out["failed_docs"] = [d["id"] for d in reports if d["status"] == "failed"]
    for what in ("template", "year", "organ"):
        out[f"{what}_accuracy"] = _rate(sum(d[what]["ok"] for d in reports), n)
    out["non_reports"] = non_reports(docs)
    out["routing"] = routing(docs)
    out["usage"] = usage(docs)
    out["by_family"] = {k: _accuracy(v) for k, v in sorted(_group(docs, "family").items())}
    out["by_input_format"] = {k: _accuracy(v) for k, v in sorted(_group(docs, "input_format").items())}
    out["by_field"] = by_field(reports)
    return out


def non_reports(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Texts that are not reports: how many were rejected (`failed`), how many got through."""
    others = [d for d in docs if not is_report(d)]
    rejected = sum(d["status"] == "failed" for d in others)
    return {
        "documents": len(others),
        "rejected": rejected,
        "rejected_rate": _rate(rejected, len(others)),
        "review": sum(d["status"] == "review" for d in others),
        "verified": sum(d["status"] == "verified" for d in others),
        "not_rejected_docs": [d["id"] for d in others if d["status"] != "failed"],
    }


def routing(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Were the reports that must be reviewed sent to review, and the right ones left alone?

    A text that is not a report and was not rejected counts as read wrongly: flagged when it went
    to review, and among the wrong-but-verified when it came out verified."""
    reports = [d for d in docs if is_report(d)]
    broken = [d for d in reports if d["source_violations"]]
    wrong = [d for d in reports if not d["exact"]] + [d for d in docs if not is_report(d) and d["status"] != "failed"]
    fine = [d for d in reports if d["exact"] and not d["source_violations"]]
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
    total = {k: sum(d["usage"].get(k) or 0 for d in docs)
             for k in ("calls", "retries", "questions", "prompt_tokens", "completion_tokens")}
    seconds = [d["seconds"] for d in docs]
    asked = [d for d in docs if d["usage"].get("calls")]
    per_call = sorted((d["usage"].get("prompt_tokens") or 0) + (d["usage"].get("completion_tokens") or 0) for d in asked)
    return {
        **total,
        # the reports that needed the model: how many, and the median of what each spent
        "documents_with_calls": len(asked),
        "tokens_median_with_calls": per_call[len(per_call) // 2] if per_call else 0,
        "seconds_median_with_calls": sorted(d["seconds"] for d in asked)[len(asked) // 2] if asked else 0.0,
        "model_cells": sum(d.get("model_cells", 0) for d in docs),
        "model_cells_right": sum(d.get("model_cells_right", 0) for d in docs),
        "calls_per_doc": round(total["calls"] / n, 3),
        "prompt_tokens_per_doc": round(total["prompt_tokens"] / n, 1),
        "completion_tokens_per_doc": round(total["completion_tokens"] / n, 1),
        "seconds_total": round(sum(seconds), 3),
        "seconds_per_doc": round(sum(seconds) / n, 4),
        "seconds_max": round(max(seconds, default=0.0), 4),
    }


def by_field(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per cell key: how many reports have it, how many read it wrongly (wrong, not found, or
    undecided without the gold among the candidates) and how many left it undecided."""
    n: Counter[str] = Counter()
    bad: Counter[str] = Counter()  # wrong cells: decided wrong, not found, undecided without the gold
    open_: Counter[str] = Counter()  # undecided, with or without the gold among the candidates
    off: Counter[str] = Counter()  # not read right at all
    for d in docs:
        for key in catalogue.keys(d["template"]["gold"]):  # a gold file holds every key of its version
            n[key] += 1
        for w in d["wrong"]:
            state = w.get("state", WRONG)
            off[w["key"]] += 1
            bad[w["key"]] += state != UNDECIDED
            open_[w["key"]] += state in (UNDECIDED, UNDECIDED_MISSED)
    return {k: {"documents": n[k], "wrong": bad[k], "undecided": open_[k], "accuracy": _rate(n[k] - off[k], n[k])}
            for k in n}


def wrong_cells(docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every cell not read right as (document, key, gold, found, state)."""
    return [{"id": d["id"], **w} for d in docs for w in d["wrong"]]


def _accuracy(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The accuracy figures of a group of documents (reports scored by cell, non-reports by
    rejection); figures made from counts an old run file lacks are None ("unknown")."""
    reports = [d for d in docs if is_report(d)]
    others = [d for d in docs if not is_report(d)]
    n = len(reports)
    cells = sum(d["cells"] for d in reports)
    right = sum(d["right"] for d in reports)
    nz = sum(d["nonzero_cells"] for d in reports)
    nz_right = sum(d["nonzero_right"] for d in reports)
    exact = sum(d["exact"] for d in reports)
    out: dict[str, Any] = {
        "documents": n,
        "cells": cells, "right": right, "accuracy": _rate(right, cells),
        "nonzero_cells": nz, "nonzero_right": nz_right, "nonzero_accuracy": _rate(nz_right, nz),
        "exact": exact, "exact_rate": _rate(exact, n),
    }
    known = all(all(k in d for k in NEW_COUNTS) for d in reports)

    def count(k: str) -> int:
        return sum(d[k] for d in reports)

    def total(k: str) -> int | None:
        return count(k) if known else None

    out.update({
        "undecided": total("undecided"), "undecided_with_gold": total("undecided_with_gold"),
        "undecided_rate": _rate(count("undecided"), cells) if known else None,
        "wrong_cells": total("wrong_cells"),
        "wrong_rate": _rate(count("wrong_cells"), cells) if known else None,
        "no_wrong": total("no_wrong"), "no_wrong_rate": _rate(count("no_wrong"), n) if known else None,
        "ambiguous_cells": sum(d.get("ambiguous_cells", 0) for d in reports) if known else None,
        "non_reports": len(others), "rejected": sum(d["status"] == "failed" for d in others),
        # the format version, organ and year read right (a covering letter's organ, a late 2019 format)
        **{f"{what}_right": sum(d[what]["ok"] for d in reports) for what in ("template", "organ", "year")},
    })
    out["rejected_rate"] = _rate(out["rejected"], len(others))
    return out


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
