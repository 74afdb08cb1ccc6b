"""The batch with an executor (extractor/remote.py), without Ray: a thread pool stands in for
the workers, so the driver's side (order, last year's readings, lost tasks) is tested fast."""

from __future__ import annotations

import io
import json
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from typer.testing import CliRunner

from extractor.batch import JsonlSink, run_batch
from extractor.cli import app
from extractor.engines.layout import LayoutEngine
from extractor.remote import EngineSpec, read_document
from extractor.store import Store, as_url

from gold_engine import GoldEngine, copy_seeds
from test_priors import PAGE, ROW

GOLD = EngineSpec.of("gold_engine:GoldEngine")


def _lines(buf: io.StringIO) -> list[dict]:
    return [json.loads(x) for x in buf.getvalue().splitlines()]


def timeless(lines: list[dict]) -> list[dict]:
    """Lines without the `seconds` a document took (a timing, different on every run)."""
    return [{k: v for k, v in x.items() if k != "seconds"} for x in lines]


def _two_years(folder):
    folder.mkdir(exist_ok=True)
    (folder / "a_2024.txt").write_text(PAGE.format(year=2024, row="3 0 21"), encoding="utf-8")
    (folder / "b_2025.txt").write_text(PAGE.format(year=2025, row="3024"), encoding="utf-8")
    return folder


def test_an_executor_gives_the_lines_of_a_local_run(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    local, remote = io.StringIO(), io.StringIO()
    run_batch([str(seeds)], GoldEngine(), Store(as_url(str(tmp_path / "a.sqlite"))), sink=JsonlSink(local),
              progress=False)
    stats = run_batch([str(seeds)], GoldEngine(), Store(as_url(str(tmp_path / "b.sqlite"))), sink=JsonlSink(remote),
                      progress=False, executor=ThreadPoolExecutor(3), spec=GOLD, concurrency=3)
    assert stats.done == 5 and stats.rereads == 0
    assert timeless(_lines(remote)) == timeless(_lines(local))


def test_a_stale_answer_about_last_year_is_read_again_with_the_drivers(tmp_path):
    """Both years are shipped at once: the 2025 worker has no 2024 reading yet; at its turn the
    driver has it, so 2025 is read again and gets last year's evidence as a local run does."""
    folder = _two_years(tmp_path / "in")
    local = io.StringIO()
    run_batch([str(folder)], LayoutEngine(), None, sink=JsonlSink(local), progress=False)
    remote = io.StringIO()
    stats = run_batch([str(folder)], LayoutEngine(), None, sink=JsonlSink(remote), progress=False,
                      executor=ThreadPoolExecutor(2), spec=EngineSpec.of("layout"), concurrency=2)
    assert stats.rereads == 1
    line = _lines(remote)[1]
    assert [line["doubts"][k]["candidates"][0] for k in ROW] == [3, 0, 24]
    assert "a_2024.txt" in line["doubts"]["active.normative.in_force"]["detail"]
    assert timeless(_lines(remote)) == timeless(_lines(local))


def test_last_years_reading_in_the_store_reaches_the_workers(tmp_path):
    folder = _two_years(tmp_path / "in")
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    run_batch([str(folder / "a_2024.txt")], LayoutEngine(), store, progress=False)
    buf = io.StringIO()
    stats = run_batch([str(folder / "b_2025.txt")], LayoutEngine(), store, sink=JsonlSink(buf), progress=False,
                      executor=ThreadPoolExecutor(1), spec=EngineSpec.of("layout"))
    assert stats.rereads == 1  # the first snapshot had not asked the store yet
    assert "a_2024.txt" in _lines(buf)[0]["doubts"]["active.normative.in_force"]["detail"]


def test_a_worker_reads_with_the_answers_it_is_given_and_notes_its_questions(tmp_path):
    folder = _two_years(tmp_path / "in")
    alone = read_document(EngineSpec.of("layout"), str(folder / "b_2025.txt"))
    assert list(alone.asked.values()) == [None]
    assert alone.doc is not None and alone.result.status == "review"


class _Losing:
    """A thread pool whose task for one document never comes back (a worker that kept dying)."""

    def __init__(self, doomed: str):
        self.pool = ThreadPoolExecutor(2)
        self.doomed = doomed

    def submit(self, fn, *args) -> Future:
        if self.doomed in args[1]:
            lost: Future = Future()
            lost.set_exception(RuntimeError("the worker died while running the task\nmore detail"))
            return lost
        return self.pool.submit(fn, *args)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_a_lost_task_is_a_failed_line_naming_the_cause_and_the_batch_goes_on(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    doomed = sorted(p.name for p in seeds.glob("*.txt"))[2]
    buf = io.StringIO()
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    stats = run_batch([str(seeds)], GoldEngine(), store, sink=JsonlSink(buf), progress=False,
                      executor=_Losing(doomed), spec=GOLD)
    lines = _lines(buf)
    assert [x["doc"] for x in lines] == sorted(p.name for p in seeds.glob("*.txt"))
    bad = [x for x in lines if x["status"] == "failed"]
    assert [x["doc"] for x in bad] == [doomed] and stats.failed == 1
    assert "builtins.RuntimeError: the worker died while running the task" in bad[0]["error"]
    assert "more detail" not in bad[0]["error"]
    again = io.StringIO()  # a failed line is not reused: the next run reads that document again
    stats = run_batch([str(seeds)], GoldEngine(), store, sink=JsonlSink(again), progress=False)
    assert stats.skipped == 4 and stats.failed == 0


def test_an_executor_without_a_spec_is_refused(tmp_path):
    with pytest.raises(TypeError, match="spec"):
        run_batch([str(tmp_path)], GoldEngine(), None, executor=ThreadPoolExecutor(1), progress=False)


def test_an_engine_the_workers_cannot_build_fails_each_document_by_name(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    out = read_document(EngineSpec.of("layout", model="x"), str(next(seeds.glob("*.txt"))))
    assert out.result.status == "failed" and "could not be built" in out.result.error


def test_cli_ray_without_ray_says_how_to_install_it(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as when it is not installed
    res = CliRunner().invoke(app, ["extract", str(copy_seeds(tmp_path / "s")), "--ray", "local", "--no-store"])
    assert res.exit_code == 2
    assert "pip install 'xxgk-extractor[ray]'" in res.output
