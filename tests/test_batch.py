"""Batch runs: store + JSON lines, skipping on re-run, --force, failures, and a kill mid-batch."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from extractor.batch import JsonlSink, _cut_partial_line, run_batch
from extractor.cli import app
from extractor.store import Store, as_url
from extractor.store.models import RecordRow

from conftest import seed_cases
from gold_engine import GoldEngine

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture
def seeds(tmp_path) -> Path:
    """The five seed reports with their labels (the gold engine reads the labels)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for report, _ in seed_cases():
        shutil.copy(report, folder / report.name)
        gold = report.with_name(report.name.rsplit(".", 1)[0] + ".gold.json")
        shutil.copy(gold, folder / gold.name)
    return folder


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def essence(line: dict) -> tuple:
    """What must be identical between an interrupted and an uninterrupted run."""
    return (line["doc"], line["status"], json.dumps(line["fields"], sort_keys=True),
            json.dumps(line["violations"], sort_keys=True))


def record_count(store: Store, current_only: bool = False) -> int:
    with store.session() as s:
        q = select(func.count(RecordRow.id))
        if current_only:
            q = q.where(RecordRow.current.is_(True))
        return s.scalar(q)


def test_batch_stores_every_result_and_a_rerun_reuses_them(seeds, tmp_path):
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    out = tmp_path / "out.jsonl"
    engine = GoldEngine()
    sink = JsonlSink.open(str(out))
    stats = run_batch([str(seeds)], engine, store, sink=sink, progress=False)
    sink.close()
    assert (stats.done, stats.skipped, engine.reads) == (5, 0, 5)
    assert stats.review == 1 and stats.verified == 4  # seed 000 breaks outcome_sum as printed
    assert stats.tokens == 5 * 110
    assert record_count(store) == 5

    again = GoldEngine()
    buf = io.StringIO()
    stats2 = run_batch([str(seeds)], again, store, sink=JsonlSink(buf), progress=False)
    assert (stats2.done, stats2.skipped, again.reads) == (5, 5, 0)
    assert record_count(store) == 5
    assert sorted(essence(x) for x in map(json.loads, buf.getvalue().splitlines())) == sorted(map(essence, lines(out)))

    forced = GoldEngine()
    run_batch([str(seeds)], forced, store, force=True, progress=False)
    assert forced.reads == 5
    assert record_count(store) == 10 and record_count(store, current_only=True) == 5

    changed = GoldEngine(version="2")  # other engine settings: not the same result
    run_batch([str(seeds)], changed, store, progress=False)
    assert changed.reads == 5


def test_a_broken_document_does_not_stop_the_batch(seeds, tmp_path):
    (seeds / "zz_broken.txt").write_bytes(b"\x00\x01\x02 not a report" * 10)
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    buf = io.StringIO()
    stats = run_batch([str(seeds), str(seeds / "missing.txt")], GoldEngine(), store, sink=JsonlSink(buf), progress=False)
    assert stats.done == 7 and stats.failed == 2
    failed = [x for x in map(json.loads, buf.getvalue().splitlines()) if x["status"] == "failed"]
    assert {Path(x["path"]).name for x in failed} == {"zz_broken.txt", "missing.txt"}
    assert all(x["path"] in x["error"] for x in failed)


def test_concurrent_batch_gives_the_same_results(seeds, tmp_path):
    one, many = io.StringIO(), io.StringIO()
    run_batch([str(seeds)], GoldEngine(), Store(as_url(str(tmp_path / "a.sqlite"))), sink=JsonlSink(one), progress=False)
    run_batch([str(seeds)], GoldEngine(), Store(as_url(str(tmp_path / "b.sqlite"))), sink=JsonlSink(many),
              concurrency=3, rate=6000, progress=False)
    parse = lambda b: sorted(essence(json.loads(x)) for x in b.getvalue().splitlines())  # noqa: E731
    assert parse(one) == parse(many)


class _SlowFirst(GoldEngine):
    """The gold engine, slower the earlier a document comes: later ones finish first."""

    def read(self, doc):
        time.sleep({"000": 0.4, "001": 0.3, "002": 0.2}.get(doc.name[:3], 0.0))
        return super().read(doc)


def test_lines_come_in_input_order_whatever_finishes_first(seeds, tmp_path):
    buf = io.StringIO()
    store = Store(as_url(str(tmp_path / "o.sqlite")))
    run_batch([str(seeds)], _SlowFirst(), store, sink=JsonlSink(buf), concurrency=4, progress=False)
    names = [json.loads(x)["doc"] for x in buf.getvalue().splitlines()]
    assert names == sorted(names) and len(names) == 5
    # a re-run re-emits the stored lines, in the same order
    again = io.StringIO()
    run_batch([str(seeds)], _SlowFirst(), store, sink=JsonlSink(again), concurrency=4, progress=False)
    assert [json.loads(x)["doc"] for x in again.getvalue().splitlines()] == names


_KILLABLE = """
import sys
sys.path.insert(0, {tests!r})
from gold_engine import GoldEngine
from extractor.batch import JsonlSink, run_batch
from extractor.store import Store
exit_after = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "-" else None
delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 1
sink = JsonlSink.open({out!r})
run_batch([{folder!r}], GoldEngine(exit_after=exit_after, delay=delay), Store({url!r}), sink=sink,
          progress=False, concurrency=concurrency)
"""


def _run(script: Path, *args: str) -> int:
    return subprocess.run([sys.executable, str(script), *args], cwd=ROOT, timeout=120).returncode


def test_batch_killed_midway_resumes_without_loss_or_duplicates(seeds, tmp_path):
    def script(name: str) -> tuple[Path, Path, str]:
        out, url = tmp_path / f"{name}.jsonl", as_url(str(tmp_path / f"{name}.sqlite"))
        path = tmp_path / f"{name}.py"
        path.write_text(_KILLABLE.format(tests=str(TESTS), out=str(out), folder=str(seeds), url=url))
        return path, out, url

    killed, killed_out, killed_url = script("killed")
    assert _run(killed, "2") == 17  # os._exit while reading the third document
    finished = len(lines(killed_out))
    assert 1 <= finished <= 2  # the next document may have been read but not yet written
    assert record_count(Store(killed_url)) == finished
    with open(killed_out, "a", encoding="utf-8") as fh:
        fh.write('{"doc": "half a line')  # as if killed while writing
    assert _run(killed) == 0  # resume

    clean, clean_out, clean_url = script("clean")
    assert _run(clean) == 0
    assert sorted(map(essence, lines(killed_out))) == sorted(map(essence, lines(clean_out)))
    assert len(lines(killed_out)) == 5  # no duplicate lines, no half line
    resumed = Store(killed_url)
    assert record_count(resumed) == 5  # nothing extracted twice
    with resumed.session() as s:
        runs = s.execute(select(RecordRow.run_id, func.count()).group_by(RecordRow.run_id)).all()
    assert sorted(n for _, n in runs) == sorted([finished, 5 - finished])


def test_batch_sigkilled_at_a_random_moment_resumes(seeds, tmp_path):
    import signal

    out, url = tmp_path / "k.jsonl", as_url(str(tmp_path / "k.sqlite"))
    script = tmp_path / "k.py"
    script.write_text(_KILLABLE.format(tests=str(TESTS), out=str(out), folder=str(seeds), url=url))
    proc = subprocess.Popen([sys.executable, str(script), "-", "0.3", "2"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not (out.exists() and out.read_text(encoding="utf-8").count("\n") >= 1):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    done = record_count(Store(url))
    assert 1 <= done < 5
    assert _run(script) == 0
    store = Store(url)
    assert record_count(store) == 5 and record_count(store, current_only=True) == 5
    assert sorted(x["doc"] for x in lines(out)) == sorted(p.name for p in seeds.glob("*.txt"))


def test_cut_partial_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"a": 1}\n{"b": ', encoding="utf-8")
    _cut_partial_line(str(p))
    assert p.read_text(encoding="utf-8") == '{"a": 1}\n'
    _cut_partial_line(str(p))
    assert p.read_text(encoding="utf-8") == '{"a": 1}\n'


def test_cli_extract_writes_store_and_prints_lines(seeds, tmp_path, monkeypatch):
    """`xxgk extract` with a real engine name: JSON lines on stdout, store in the current folder."""
    import extractor.cli.extract as cli_extract

    monkeypatch.setattr(cli_extract, "get_engine", lambda name, **kw: GoldEngine())
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["extract", str(seeds), "--concurrency", "2"])
    assert res.exit_code == 0, res.output
    printed = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert len(printed) == 5
    assert os.path.exists(tmp_path / "xxgk.sqlite")
    res2 = runner.invoke(app, ["extract", str(seeds)])
    assert res2.exit_code == 0
    assert "5 reused from the store" in res2.output
    assert len([x for x in res2.stdout.splitlines() if x.startswith("{")]) == 5


class FormatEngine(GoldEngine):
    """The gold engine, noting how each document it was given had been read."""

    def __init__(self):
        super().__init__()
        self.formats: list[tuple[str, str]] = []

    def read(self, doc):
        self.formats.append((doc.name, doc.format))
        return super().read(doc)


def html_and_md_with_the_same_bytes(folder: Path) -> tuple[Path, Path]:
    """`r.html` and `r.md` holding the same bytes (a page of seed 002 without <html>): read as a
    web page from the one, as Markdown text from the other."""
    report, _ = seed_cases()[2]
    body = "".join(f"<p>{line}</p>\n" for line in report.read_text(encoding="utf-8").splitlines())
    html, md = folder / "r.html", folder / "r.md"
    html.write_text(body, encoding="utf-8")
    md.write_bytes(html.read_bytes())
    gold = report.with_name(report.name.rsplit(".", 1)[0] + ".gold.json")
    shutil.copy(gold, folder / "r.gold.json")
    return html, md


def test_same_bytes_read_another_way_are_not_reused(tmp_path):
    """The reuse key is the bytes and how they are read: a .md never gets the reading of the
    .html holding the same bytes, in one batch or from an earlier one."""
    folder = tmp_path / "in"
    folder.mkdir()
    html, md = html_and_md_with_the_same_bytes(folder)
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    engine = FormatEngine()
    stats = run_batch([str(html), str(md)], engine, store, progress=False)
    assert sorted(engine.formats) == [("r.html", "html"), ("r.md", "md")]
    assert stats.skipped == 0

    first = FormatEngine()
    run_batch([str(html)], first, store2 := Store(as_url(str(tmp_path / "z.sqlite"))), progress=False)
    then = FormatEngine()
    stats = run_batch([str(md)], then, store2, progress=False)
    assert then.formats == [("r.md", "md")] and stats.skipped == 0

    copy = folder / "copy.html"  # the same bytes read the same way are still reused
    copy.write_bytes(html.read_bytes())
    again = FormatEngine()
    stats = run_batch([str(copy)], again, store2, progress=False)
    assert again.formats == [] and stats.skipped == 1


def test_three_copies_of_a_document_without_a_store_are_all_read(tmp_path):
    """The third copy met the second still in flight and was deferred again, for ever (the batch
    never ended): now it waits for it."""
    from extractor.engines.layout import LayoutEngine

    seed = next(p for p, _ in seed_cases())
    for i in range(3):
        shutil.copy(seed, tmp_path / f"copy{i}{seed.suffix}")
    buf = io.StringIO()
    stats = run_batch([str(tmp_path)], LayoutEngine(), None, sink=JsonlSink(buf), progress=False)
    assert stats.done == 3
    assert sorted(x["doc"] for x in map(json.loads, buf.getvalue().splitlines())) == [f"copy{i}{seed.suffix}" for i in range(3)]
