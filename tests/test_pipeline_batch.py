"""A batch with broken files next to good ones: one result each, broken ones `failed` with an
error naming the file and the cause, the others unaffected (library level, a fake engine)."""

from __future__ import annotations

import shutil

from conftest import EVAL_REAL, seed_cases
from extractor.engines.base import Reading
from extractor.errors import ExtractionError
from extractor.flat import from_flat
from extractor.pipeline import extract_paths

SEEDS = {p.name: g for p, g in seed_cases()}


class SeedEngine:
    """Reads a seed by its file name from its gold file: tests the batch, not the reading."""

    name = "seed-fake"

    def settings(self) -> dict:
        return {"engine": self.name}

    def read(self, doc) -> Reading:
        gold = SEEDS.get(doc.name)
        if gold is None:
            raise ExtractionError(f"{doc.path}: no gold for this file")
        meta = gold["meta"]
        return Reading(record=from_flat(meta["template"], gold["fields"], organ=meta["organ"], year=meta["year"]),
                       engine=self.name)


def broken_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (tmp_path / "weather.txt").write_text("今天天气很好，我们去公园散步。\n" * 20, encoding="utf-8")
    gbk = tmp_path / "gbk" / "003_1b7ac8ccf42148d8.txt"
    gbk.parent.mkdir()
    gbk.write_bytes((EVAL_REAL / "seeds" / gbk.name).read_text(encoding="utf-8").encode("gbk"))
    return {
        "empty": str(tmp_path / "empty.txt"), "binary": str(tmp_path / "binary.txt"),
        "weather": str(tmp_path / "weather.txt"), "missing": str(tmp_path / "missing.txt"), "gbk": str(gbk),
    }


def test_batch_isolates_broken_files(tmp_path):
    files = broken_files(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(EVAL_REAL / "seeds", seeds)
    inputs = [files["empty"], files["binary"], files["gbk"], files["missing"], files["weather"], str(seeds)]
    results = list(extract_paths(inputs, SeedEngine()))
    assert len(results) == 5 + 5  # one per file; SOURCES.md and *.gold.json are not reports
    by_path = {r.path: r for r in results}
    causes = {"empty": "empty file", "binary": "binary", "missing": "no such file",
              "weather": "not a government information-disclosure annual report"}
    for name, cause in causes.items():
        r = by_path[files[name]]
        assert r.status == "failed" and r.record is None, name
        assert files[name] in r.error and cause in r.error, r.error
        line = r.to_line()
        assert line["status"] == "failed" and line["error"] == r.error and line["fields"] == {}
    gbk = by_path[files["gbk"]]
    original = by_path[str(seeds / "003_1b7ac8ccf42148d8.txt")]
    assert gbk.status == original.status == "verified"
    assert gbk.record == original.record and gbk.error is None
    statuses = {r.doc: r.status for r in results if r.path.startswith(str(seeds))}
    assert statuses == {name: ("review" if name.startswith("000_") else "verified") for name in SEEDS}
    seed000 = next(r for r in results if r.doc.startswith("000_"))
    assert sorted(v.rule for v in seed000.violations if v.severity == "error") == [
        "outcome_sum:requests.natural", "outcome_sum:requests.total"]


def test_an_engine_error_fails_only_its_document(tmp_path):
    stray = tmp_path / "999_unknown.txt"
    stray.write_text((EVAL_REAL / "seeds" / "003_1b7ac8ccf42148d8.txt").read_text(encoding="utf-8"), encoding="utf-8")
    good = str(EVAL_REAL / "seeds" / "002_943bbbccc038582b.txt")
    first, second = extract_paths([str(stray), good], SeedEngine())
    assert first.status == "failed" and str(stray) in first.error and "no gold" in first.error
    assert second.status == "verified"
