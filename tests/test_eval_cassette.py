"""LLM evals replay recorded HTTP: a run recorded against a (local, fake) endpoint is reproduced
offline with the endpoint gone, with the same figures and the same token counts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluation import load_run

from _llm_fake import completion, gold_record, local_server, reply_for
from conftest import EVAL_REAL

# the recording half talks to a fake endpoint on this machine; CI blocks every other address
pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])
runner = CliRunner()
GOLD = json.loads((EVAL_REAL / "seeds" / "004_cf1e86794f147280.gold.json").read_text(encoding="utf-8"))


def _eval(tmp_path, base_url, name, *extra):
    return runner.invoke(app, [
        "eval", "--engine", "llm", "--model", "fake-model", "--base-url", base_url, "--only", "004_",
        "--out", str(tmp_path), "--name", name, "--cassette", str(tmp_path / "tapes"), *extra,
    ], env={"XXGK_API_KEY": "sk-secret-test-key"})


def test_a_recorded_llm_eval_replays_offline_with_the_same_figures(tmp_path):
    with local_server(completion(reply_for(gold_record(GOLD)), prompt_tokens=1234, completion_tokens=321)) as url:
        live = _eval(tmp_path, url, "live")
    assert live.exit_code == 0, live.output
    tapes = list((tmp_path / "tapes").glob("*.yaml"))
    assert len(tapes) == 1 and "sk-secret-test-key" not in tapes[0].read_text(encoding="utf-8")

    replay = _eval(tmp_path, "http://127.0.0.1:9/v1", "replay", "--replay-only")  # nothing listens there
    assert replay.exit_code == 0, replay.output
    a, b = load_run(tmp_path / "live.json"), load_run(tmp_path / "replay.json")
    sa, sb = a["summary"]["real"], b["summary"]["real"]
    assert sa["exact"] == sb["exact"] == 1
    assert sa["usage"]["calls"] == sb["usage"]["calls"] >= 1
    assert sa["usage"]["prompt_tokens"] == sb["usage"]["prompt_tokens"] == 1234 * sa["usage"]["calls"]
    assert b["model"] == "fake-model" and b["cassette"]["mode"] == "none"
    assert "sk-secret" not in (tmp_path / "replay.json").read_text(encoding="utf-8")


def test_replay_only_without_a_cassette_is_a_clear_error(tmp_path):
    result = _eval(tmp_path, "http://127.0.0.1:9/v1", "x", "--replay-only")
    assert result.exit_code == 2
    assert "no such cassette" in result.output
