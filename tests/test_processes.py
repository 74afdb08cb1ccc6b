"""`xxgk extract --processes N`: the documents read in spawned worker processes give the lines of
a one-thread run, and a worker that dies loses no document."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from typer.testing import CliRunner

from extractor.batch import JsonlSink, run_batch
from extractor.cli import app
from extractor.engines import get_engine
from extractor.processes import MAX_RETRIES, run_batch_in_processes
from extractor.store import Store, as_url

from gold_engine import copy_seeds, gold_path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _lines(buf: io.StringIO) -> list[dict]:
    return [{k: v for k, v in json.loads(x).items() if k != "seconds"} for x in buf.getvalue().splitlines()]


def test_eval_real_in_two_processes_gives_the_lines_of_a_local_run(tmp_path):
    local, workers = io.StringIO(), io.StringIO()
    inputs = [str(ROOT / "eval" / "real")]
    run_batch(inputs, get_engine("layout"), Store(as_url(str(tmp_path / "a.sqlite"))), sink=JsonlSink(local),
              progress=False)
    stats = run_batch_in_processes(inputs, "layout", Store(as_url(str(tmp_path / "b.sqlite"))), processes=2,
                                   sink=JsonlSink(workers), progress=False)
    assert stats.done == 35 and _lines(workers) == _lines(local)


def test_a_worker_that_dies_loses_no_document(tmp_path, monkeypatch):
    flags = tmp_path / "flags"
    flags.mkdir()
    # the spawned workers import the test engines from here and see the crash engine's flag folder
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), str(TESTS), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("XXGK_TEST_CRASH_DIR", str(flags))
    seeds = copy_seeds(tmp_path / "seeds")
    name = sorted(p.name for p in seeds.glob("*.txt"))[2]
    gold = gold_path(str(seeds / name))
    new = f"{name[:-4]}-always-.txt"
    (seeds / name).rename(seeds / new)
    gold.rename(gold_path(str(seeds / new)))
    buf = io.StringIO()
    stats = run_batch_in_processes([str(seeds)], "crash_engine:CrashingEngine", None, processes=2,
                                   sink=JsonlSink(buf), progress=False)
    lines = _lines(buf)
    docs = [x["doc"] for x in lines]
    assert len(docs) == len(set(docs)) == 5 and stats.done == 5  # every document exactly once
    by = {x["doc"]: x for x in lines}
    assert by[new]["status"] == "failed" and new in by[new]["error"] and "BrokenProcessPool" in by[new]["error"]
    assert len(list(flags.glob(new + ".*"))) == 1 + MAX_RETRIES  # it killed its worker on every try
    # the documents in flight with the dead worker were read again on a fresh pool: none is lost
    assert all(by[d]["status"] != "failed" and by[d]["fields"] for d in docs if d != new)


def test_cli_extract_processes(tmp_path, monkeypatch):
    seeds = ROOT / "eval" / "real" / "seeds"
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    local = runner.invoke(app, ["extract", str(seeds), "--engine", "layout", "--out", "local.jsonl", "--no-store"])
    res = runner.invoke(app, ["extract", str(seeds), "--engine", "layout", "--out", "p.jsonl", "--processes", "2",
                              "--no-store"])
    assert local.exit_code == res.exit_code == 0, res.output
    read = lambda name: [{k: v for k, v in json.loads(x).items() if k != "seconds"}  # noqa: E731
                         for x in (tmp_path / name).read_text().splitlines()]
    assert read("p.jsonl") == read("local.jsonl") and len(read("p.jsonl")) == 5
    both = runner.invoke(app, ["extract", str(seeds), "--processes", "2", "--ray", "local", "--no-store"])
    assert both.exit_code == 2
