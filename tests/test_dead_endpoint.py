"""Regression (issue 12): `xxgk extract --engine auto` against an endpoint where nothing listens.

It used to exit 0 with "0 failed", lines without any error, and the store reused those readings
on the next run without calling the model. Now every line says `model_error`, the summary says
the model was unreachable, the exit status is 1, and a second run calls the model again.
Nothing listens on 127.0.0.1:9 (the discard port): the connection is refused at once.
"""

from __future__ import annotations

import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from extractor.batch import JsonlSink, run_batch
from extractor.cli import app
from extractor.engines.auto import AutoEngine
from extractor.store import Store, as_url

from conftest import EVAL_REAL

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
DEAD = "http://127.0.0.1:9/v1"
#: real reports the layout reader cannot settle alone, so auto asks the model about each
REPORTS = ["05_pingtan_2019.txt", "07_pingtan_2021.txt", "09_pingtan_2023.txt"]


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy(EVAL_REAL / "reports" / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL", "XXGK_API_KEY", "OPENAI_API_KEY",
                "XXGK_MAX_MODEL_FAILURES"):
        monkeypatch.delenv(var, raising=False)


def test_library_dead_endpoint_every_line_says_so_and_a_rerun_asks_again(reports, tmp_path):
    store = Store(as_url(str(tmp_path / "x.sqlite")))
    engine = AutoEngine(base_url=DEAD, model="qwen", transport_attempts=1, timeout=5)
    for run in (1, 2):
        out = io.StringIO()
        stats = run_batch([str(reports)], engine, store, sink=JsonlSink(out), progress=False)
        lines = [json.loads(x) for x in out.getvalue().splitlines()]
        assert [x["doc"] for x in lines] == REPORTS, run
        for line in lines:
            assert line["model_error_kind"] == "unreachable"
            assert "APIConnectionError" in line["model_error"] and "Connection refused" in line["model_error"]
            assert line["engine"] == "layout"
            assert line["usage"]["calls"] == 1  # asked the model (again, on the second run)
        assert stats.skipped == 0 and stats.model_failures.documents == 3
        assert stats.stopped is None  # the third failure in a row came with nothing left to read
        assert stats.model_failures.lines() == [
            "3 reports: model unreachable (" + lines[0]["model_error"] + "), read by the layout reader only"]
    store.close()


def test_cli_dead_endpoint_exits_1_says_so_and_a_rerun_asks_again(reports, tmp_path):
    runner = CliRunner()
    args = ["extract", "--engine", "auto", "--base-url", DEAD, "--model", "qwen", "--no-progress",
            "--db", str(tmp_path / "x.sqlite"), "--out", str(tmp_path / "out.jsonl"), str(reports)]
    env = {"XXGK_TRANSPORT_ATTEMPTS": "1", "XXGK_TIMEOUT": "5"}
    for run in (1, 2):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 1, result.output
        assert "3 reports: model unreachable (TransportError: model call failed after 1 attempt(s)" in result.output
        assert "read by the layout reader only" in result.output
        assert "reused" not in result.output  # nothing came from the store
        lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(lines) == 3 * run  # the second run's lines are written, not taken as done
        assert all(x["model_error_kind"] == "unreachable" for x in lines)
        assert sum(x["usage"]["calls"] for x in lines[-3:]) == 3


def test_cli_dead_endpoint_stops_early_and_says_how_many_were_left(reports, tmp_path):
    result = CliRunner().invoke(app, [
        "extract", "--engine", "auto", "--base-url", DEAD, "--model", "qwen", "--no-progress", "--no-store",
        "--out", str(tmp_path / "out.jsonl"), str(reports)],
        env={"XXGK_TRANSPORT_ATTEMPTS": "1", "XXGK_TIMEOUT": "5", "XXGK_MAX_MODEL_FAILURES": "1"})
    assert result.exit_code == 1, result.output
    assert "stopped: 1 document in a row could not reach the model" in result.output
    assert "2 of 3 documents not read" in result.output
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1
