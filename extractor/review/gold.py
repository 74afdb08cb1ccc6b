"""Resolved review items → gold label files, so that review work grows the eval set.

The format is the one of `eval/real/**/*.gold.json`: doc, meta {year, template, organ}, fields,
source_violations (the identities the decided values break, as the gold format defines them:
identity rules only, not plausibility checks), notes.
The report itself is written beside its label (label files name their report in `doc`).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import rules

from ..load.archive import copy_member
from ..store import Store, file_sha256
from .queue import OUTCOMES


def export_gold(store: Store, out: str | os.PathLike[str]) -> list[Path]:
    """Write one `<name>.gold.json` (and the report) per resolved item; returns the label paths."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for item in store.resolved_items():
        line, decision = item.line, item.decisions[-1]
        name = _report_name(folder, line.doc, item.sha256)
        _write_report(folder / name, line.path, item.text)
        when = decision.decided_at.strftime("%Y-%m-%d")
        gold = {
            "doc": name,
            "meta": {"year": line.year, "template": line.template, "organ": line.organ},
            "fields": dict(decision.values),
            "source_violations": _identity_violations(line.template, line.year, line.organ, decision.values),
            "notes": f"Reviewed by {decision.reviewer} on {when} ({decision.outcome}: "
                     f"{OUTCOMES.get(decision.outcome, '')}). {decision.comment}".strip(),
        }
        label = folder / (name.rsplit(".", 1)[0] + ".gold.json")
        label.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(label)
    return written


def _identity_violations(template: str | None, year: int | None, organ: str | None,
                         values: dict[str, Any]) -> list[str]:
    """What the eval's gold check expects in `source_violations`: broken identities only."""
    gold = {"meta": {"template": template, "year": year, "organ": organ}, "fields": values}
    return [v.rule for v in rules.errors(rules.check(rules.facts_from_gold(gold), kinds=["identities"]))]


def _report_name(folder: Path, name: str, sha256: str) -> str:
    """The report's own name, unless a different report of that name is already in the folder."""
    target = folder / name
    if not target.exists() or _sha(target) == sha256:
        return name
    stem, _, suffix = name.rpartition(".")
    return f"{stem}_{sha256[:8]}.{suffix}" if stem else f"{name}_{sha256[:8]}"


def _write_report(target: Path, source: str, text: str | None) -> None:
    if os.path.isfile(source):
        if not target.exists() or not os.path.samefile(source, target):
            shutil.copyfile(source, target)
    elif copy_member(source, str(target)):  # a report read from a zip archive (`a.zip/x.pdf`)
        pass
    elif text is not None:
        target.write_text(text, encoding="utf-8")


def _sha(path: Path) -> str:
    return file_sha256(str(path)) or ""
