"""The batch on a local Ray cluster (extractor/distributed.py): the same lines as a local run,
and a worker that dies mid-batch loses no document. Skipped when Ray is not installed
(`pip install 'xxgk-extractor[ray]'`; the `test` extra has it)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.batch import JsonlSink, run_batch
from extractor.cli import app
from extractor.engines import get_engine
from extractor.store import Store, as_url

from gold_engine import copy_seeds, gold_path
from test_remote import timeless

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'xxgk-extractor[ray]'")

from extractor.distributed import RayExecutor, run_batch_on_ray  # noqa: E402

pytestmark = pytest.mark.ray
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A two-CPU Ray cluster on this machine for the module; its workers import this tree and
    the test engines, and see the crash engine's flag folder."""
    flags = tmp_path_factory.mktemp("crash-flags")
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)]), "XXGK_TEST_CRASH_DIR": str(flags)}
    ray.init(num_cpus=2, include_dashboard=False, runtime_env={"env_vars": env}, log_to_driver=False)
    try:
        yield flags
    finally:
        ray.shutdown()


def _lines(buf: io.StringIO) -> list[dict]:
    return [json.loads(x) for x in buf.getvalue().splitlines()]


def test_eval_real_on_ray_gives_the_lines_of_a_local_run(cluster, tmp_path):
    local, remote = io.StringIO(), io.StringIO()
    inputs = [str(ROOT / "eval" / "real")]
    run_batch(inputs, get_engine("auto"), Store(as_url(str(tmp_path / "a.sqlite"))), sink=JsonlSink(local),
              progress=False)
    store = Store(as_url(str(tmp_path / "b.sqlite")))
    stats = run_batch_on_ray(inputs, "auto", store, sink=JsonlSink(remote), progress=False)
    assert stats.done == len(_lines(local)) == 35
    assert timeless(_lines(remote)) == timeless(_lines(local))
    again = io.StringIO()  # resume: everything is in the store, nothing is shipped
    stats = run_batch_on_ray(inputs, "auto", store, sink=JsonlSink(again), progress=False)
    assert stats.skipped == 35 and timeless(_lines(again)) == timeless(_lines(local))


def test_a_worker_killed_mid_batch_loses_no_document(cluster, tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    names = sorted(p.name for p in seeds.glob("*.txt"))
    for name, tag in ((names[1], "once"), (names[3], "always")):  # rename a report and its label
        gold = gold_path(str(seeds / name))
        new = f"{name[:-4]}-{tag}-.txt"
        (seeds / name).rename(seeds / new)
        gold.rename(gold_path(str(seeds / new)))
    buf = io.StringIO()
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    stats = run_batch_on_ray([str(seeds)], "crash_engine:CrashingEngine", store, sink=JsonlSink(buf),
                             progress=False, executor=RayExecutor(max_retries=1))
    lines = _lines(buf)
    docs = [x["doc"] for x in lines]
    assert len(docs) == len(set(docs)) == 5 and stats.done == 5  # every document exactly once
    by = {x["doc"]: x for x in lines}
    once = next(d for d in docs if "-once-" in d)
    always = next(d for d in docs if "-always-" in d)
    assert (cluster / once).exists()  # it did crash its worker, and its retry read it
    assert by[once]["status"] in ("verified", "review") and by[once]["fields"]
    assert len(list(cluster.glob(always + ".*"))) == 2  # the first try and the one retry
    assert by[always]["status"] == "failed" and "WorkerCrashedError" in by[always]["error"]
    assert always in by[always]["error"]
    assert stats.failed == 1 and sum(x["status"] != "failed" for x in lines) == 4


def test_cli_extract_ray(cluster, tmp_path, monkeypatch):
    seeds = ROOT / "eval" / "real" / "seeds"
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    local = runner.invoke(app, ["extract", str(seeds), "--engine", "layout", "--out", "local.jsonl", "--no-store"])
    res = runner.invoke(app, ["extract", str(seeds), "--engine", "layout", "--out", "ray.jsonl", "--ray", "auto",
                              "--db", "r.sqlite"])
    assert local.exit_code == res.exit_code == 0, res.output
    read = lambda name: timeless([json.loads(x) for x in (tmp_path / name).read_text().splitlines()])  # noqa: E731
    assert read("ray.jsonl") == read("local.jsonl") and len(read("ray.jsonl")) == 5
