"""A test engine that "reads" a report by looking up its gold label file (no parsing at all).

It lets the store, batch, export and review tests run on the real seeds whatever state the real
engines are in. Provenance points at the row label of each cell in the text, so that the review
page has somewhere to highlight. `exit_after=N` kills the process (os._exit) when the (N+1)th
document starts: a crash at an arbitrary point of a batch.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from extractor import catalogue
from extractor.document import Document
from extractor.engines.base import Doubt, Provenance, Reading, Usage
from extractor.flat import from_flat


class GoldEngine:
    name = "gold"

    def __init__(self, exit_after: int | None = None, doubts: dict[str, str] | None = None, version: str = "1",
                 delay: float = 0.0):
        self.exit_after = exit_after
        self.delay = delay
        self.doubts = doubts or {}
        self.version = version
        self.reads = 0
        self._lock = threading.Lock()

    def settings(self) -> dict:
        return {"engine": "gold", "version": self.version}

    def read(self, doc: Document) -> Reading:
        with self._lock:
            self.reads += 1
            if self.exit_after is not None and self.reads > self.exit_after:
                os._exit(17)
        if self.delay:
            import time

            time.sleep(self.delay)
        gold = json.loads(gold_path(doc.path).read_text(encoding="utf-8"))
        meta = gold["meta"]
        record = from_flat(meta["template"], gold["fields"], organ=meta["organ"], year=meta["year"])
        return Reading(
            record=record, engine=self.name, provenance=provenance(doc.text, meta["template"]),
            doubts={k: Doubt(reason=r) for k, r in self.doubts.items()},
            usage=Usage(calls=1, prompt_tokens=100, completion_tokens=10), settings=self.settings(),
        )


def gold_path(path: str) -> Path:
    p = Path(path)
    return p.with_name(p.name.rsplit(".", 1)[0] + ".gold.json")


def provenance(text: str, template: str) -> dict[str, Provenance]:
    out: dict[str, Provenance] = {}
    for key in catalogue.keys(template):  # type: ignore[arg-type]
        label = catalogue.field(key).row.split("）")[-1].split(".")[-1][:6]
        at = text.find(label)
        if at >= 0:
            out[key] = Provenance(start=at, end=at + len(label))
    return out


def copy_seeds(folder: Path) -> Path:
    """The five seed reports with their labels, copied into `folder` (the engine reads the labels)."""
    import shutil

    from conftest import seed_cases

    folder.mkdir(parents=True, exist_ok=True)
    for report, _ in seed_cases():
        shutil.copy(report, folder / report.name)
        shutil.copy(gold_path(str(report)), folder / gold_path(str(report)).name)
    return folder


def filled_store(tmp: Path):
    """A store holding the seeds as read by the gold engine."""
    from extractor.batch import run_batch
    from extractor.store import Store, as_url

    store = Store(as_url(str(tmp / "xxgk.sqlite")))
    run_batch([str(copy_seeds(tmp / "seeds"))], GoldEngine(), store, progress=False, label="seeds")
    return store


def review_copies(folder: Path, n: int) -> Path:
    """`n` reports that each go to review: seed 000 (two broken identities) with a different last
    line, so each is a document of its own (its own content hash), with its label beside it."""
    from conftest import seed_cases

    folder.mkdir(parents=True, exist_ok=True)
    report = next(r for r, _ in seed_cases() if r.name.startswith("000_"))
    text = report.read_text(encoding="utf-8")
    label = gold_path(str(report)).read_text(encoding="utf-8")
    for i in range(n):
        copy = folder / f"copy{i:03d}.txt"
        copy.write_text(f"{text}\n（副本 {i}）\n", encoding="utf-8")
        gold_path(str(copy)).write_text(label, encoding="utf-8")
    return folder
