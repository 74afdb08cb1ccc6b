"""Growing the labelled set: a gold skeleton from the current best extraction, for a person to correct.

`add_report` copies a report into the set, extracts it, and writes `<name>.gold.json` with the
values found, the identities they break, and a note listing the cells the engine doubted. The
skeleton passes the load check as written; a person then corrects it against the printed
tables. `gold_from_values` is the same writer for other sources (resolved review items).
"""

from __future__ import annotations

import datetime as _dt
import json
import shutil
from pathlib import Path
from typing import Any, Mapping

from .. import catalogue
from ..engines.base import Engine
from ..errors import LabelError, XxgkError
from ..flat import dump_value
from ..load import load
from ..pipeline import extract_path
from ..segment import detect_template, read_title
from .gold import MANIFEST, UNKNOWN, check_gold, identity_violations

SKELETON_NOTE = "SKELETON from {engine} on {date}: check every cell against the printed tables, then rewrite this note."


def gold_from_values(
    doc: str, *, template: catalogue.Template, year: int, organ: str, values: Mapping[str, Any], notes: str = "",
    ambiguous: Mapping[str, list[Any]] | None = None,
) -> dict[str, Any]:
    """A gold dict for a report whose values are known; `source_violations` computed from them."""
    fields = {k: dump_value(values.get(k)) for k in catalogue.keys(template)}
    gold: dict[str, Any] = {"doc": doc, "meta": {"year": year, "template": template, "organ": organ}, "fields": fields}
    if ambiguous:
        gold["ambiguous"] = {k: list(v) for k, v in ambiguous.items()}
    gold["source_violations"] = identity_violations(gold)
    gold["notes"] = notes
    return gold


def add_report(
    report: str | Path, engine: Engine, folder: str | Path, *, family: str = UNKNOWN,
    input_format: str | None = None, force: bool = False,
) -> Path:
    """Copy a report into `folder`, extract it and write its gold skeleton; returns the gold path."""
    src = Path(report)
    if not src.is_file():
        raise LabelError(str(src), "no such report file")
    dest_dir = Path(folder)
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / src.name
    gold_path = dest.with_name(dest.name.rsplit(".", 1)[0] + ".gold.json")
    if gold_path.exists() and not force:
        raise LabelError(str(gold_path), "a gold file exists already (use --force to overwrite it)")
    if dest.resolve() != src.resolve():
        shutil.copyfile(src, dest)
    result = extract_path(str(dest), engine)
    date = _dt.date.today().isoformat()
    note = SKELETON_NOTE.format(engine=result.engine or engine.name, date=date)
    if result.record is not None:
        template, year, organ, values = result.template, result.year, result.organ, result.fields
        if result.doubts:
            note += " Doubted cells: " + ", ".join(f"{k} ({d.reason})" for k, d in sorted(result.doubts.items())) + "."
    else:
        try:
            text = load(str(dest)).text
        except XxgkError:
            text = ""
        organ, year = read_title(text)
        template = detect_template(text, year) or "2021"
        values = {k: 0 for k in catalogue.keys(template)}
        note += f" The extraction failed ({result.error}); every cell is 0 here."
    gold = gold_from_values(dest.name, template=catalogue.as_template(template or "2021"), year=year or _dt.date.today().year - 1, organ=organ or "?",
                            values=values, notes=note)
    check_gold(gold, str(gold_path))
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _record_in_manifest(dest_dir, dest, family=family, input_format=input_format or dest.suffix.lstrip(".").lower())
    return gold_path


def _record_in_manifest(dest_dir: Path, report: Path, *, family: str, input_format: str) -> None:
    """Add the report to the nearest manifest.json above it (the set's), creating one if none."""
    root = next((p for p in (dest_dir, *list(dest_dir.resolve().parents)[:2]) if (p / MANIFEST).is_file()), dest_dir)
    path = root / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data[report.resolve().relative_to(root.resolve()).as_posix()] = {"family": family, "input_format": input_format}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
