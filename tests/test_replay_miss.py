"""Cassettes that stay true: a request not on tape is an error that says so, never a retried
connection error: in the engine, in `auto`, in `xxgk eval` (which exits non-zero), and in pytest
(a replaying test that misses fails with the message).

The cassettes are recorded here, against a fake OpenAI-compatible server on 127.0.0.1 that
answers with a report's gold record (so these are transport tests, not tests of a model); the
"changed prompt" is the system prompt with a word added, as a prompt edit would change it.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import prompts
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.engines.auto import AutoEngine
from extractor.engines.llm import LLMEngine, _transport
from extractor.errors import ReplayMissError
from extractor.evaluation.cassette import recorded
from extractor.load import load
from extractor.pipeline import extract_loaded

from _llm_fake import completion, gold_record, local_server, reply_for
from conftest import gold_cases

pytestmark = [pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"]),
              pytest.mark.replay_miss_expected]
MESSAGE = "not on tape: the prompt changed since recording; re-record with --record"


def case(prefix: str):
    path, gold = next(c for c in gold_cases() if c[0].name.startswith(prefix))
    return load(str(path)), gold


def fake_server(gold: dict | None = None, *, reply: str | None = None):
    """A local OpenAI-compatible endpoint answering every chat request with the gold record (or `reply`)."""
    return local_server(completion(reply if reply is not None else reply_for(gold_record(gold))))


@pytest.fixture
def changed_prompt(monkeypatch):
    """The system prompts (the extraction's, auto's questions'), edited after the recording."""
    original = prompts.load

    def edited(name, version=prompts.CURRENT, part=None):
        text = original(name, version, part)
        return text + "\n（已修改）" if part == "system" else text

    def apply():
        monkeypatch.setattr(prompts, "load", edited)

    return apply


@pytest.fixture
def waits(monkeypatch):
    seen: list[float] = []
    monkeypatch.setattr(_transport, "sleep", seen.append)
    return seen


def test_transport_a_changed_prompt_is_not_on_tape_and_not_retried(tmp_path, changed_prompt, waits):
    doc, gold = case("004_")
    with fake_server(gold) as url:
        with recorded(tmp_path, "t.yaml", mode="all"):
            first = LLMEngine(model="m", base_url=url).read(doc)
    assert first.record is not None
    dead = "http://127.0.0.1:9/v1"  # replay ignores host and port: nothing is called
    with recorded(tmp_path, "t.yaml", mode="none"):
        again = LLMEngine(model="m", base_url=dead).read(doc)  # unchanged: replays
    assert again.record == first.record
    changed_prompt()
    with recorded(tmp_path, "t.yaml", mode="none"):
        with pytest.raises(ReplayMissError, match=MESSAGE) as err:
            LLMEngine(model="m", base_url=dead).read(doc)
    assert err.value.kind == "replay_miss" and "t.yaml" in str(err.value)
    assert waits == [] and err.value.usage.calls == 1  # one request, never retried


def test_transport_auto_fails_the_report_on_a_replay_miss(tmp_path, changed_prompt, waits):
    doc, gold = case("07_")  # the reader cannot settle its 规范性文件 row: auto asks about it
    with fake_server(reply='{"q1": "69 3 665"}') as url:
        with recorded(tmp_path, "a.yaml", mode="all"):
            assert extract_loaded(doc, AutoEngine(model="m", base_url=url)).model_error is None
    changed_prompt()
    with recorded(tmp_path, "a.yaml", mode="none"):
        result = extract_loaded(doc, AutoEngine(model="m", base_url="http://127.0.0.1:9/v1"))
    assert result.status == "failed" and MESSAGE in result.error
    assert result.model_error_kind == "replay_miss" and waits == []


def test_eval_cli_fails_the_report_and_exits_non_zero_on_a_replay_miss(tmp_path, changed_prompt):
    _, gold = case("004_")

    def evaluate(base_url, name, *extra):
        return CliRunner().invoke(app, [
            "eval", "--engine", "llm", "--model", "m", "--base-url", base_url, "--only", "004_",
            "--out", str(tmp_path), "--name", name, "--cassette", str(tmp_path / "tapes"), *extra],
            env={"COLUMNS": "250"})

    with fake_server(gold) as url:
        assert evaluate(url, "live").exit_code == 0
    assert evaluate("http://127.0.0.1:9/v1", "same", "--replay-only").exit_code == 0
    changed_prompt()
    replay = evaluate("http://127.0.0.1:9/v1", "changed", "--replay-only")
    assert replay.exit_code == 1, replay.output
    assert MESSAGE in replay.output and "these figures do not measure the model" in replay.output
    doc = json.loads((tmp_path / "changed.json").read_text(encoding="utf-8").split('"docs": [\n', 1)[1]
                     .split("\n")[0].strip().rstrip(","))
    assert doc["status"] == "failed" and MESSAGE in doc["error"] and doc["model_error_kind"] == "replay_miss"


def test_pytest_a_replaying_test_that_misses_fails_with_the_message(pytester, monkeypatch):
    """The `_replay_guard` plugin (loaded by conftest): a test that swallows the miss still fails."""
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    pytester.makeconftest('pytest_plugins = ["_replay_guard"]\n')
    folder = pytester.path / "cassettes" / "test_inner"
    folder.mkdir(parents=True)
    (folder / "test_swallows_the_miss.yaml").write_text(textwrap.dedent("""\
        interactions:
        - request:
            body: '{"prompt": "as recorded"}'
            headers: {}
            method: POST
            uri: http://127.0.0.1:9/v1/chat/completions
          response:
            body: {string: '{}'}
            headers: {}
            status: {code: 200, message: OK}
        version: 1
        """), encoding="utf-8")
    pytester.makepyfile(test_inner=textwrap.dedent("""\
        import httpx
        import pytest

        @pytest.fixture(scope="module")
        def vcr_config():
            return {"match_on": ["method", "path", "body"]}

        @pytest.mark.vcr
        def test_swallows_the_miss():
            try:
                httpx.post("http://127.0.0.1:9/v1/chat/completions", content=b'{"prompt": "changed"}')
            except Exception:
                pass  # as a `failed` line would: the guard must fail the test anyway

        @pytest.mark.vcr("test_swallows_the_miss.yaml")
        def test_replays_fine():
            assert httpx.post("http://127.0.0.1:9/v1/chat/completions",
                              content=b'{"prompt": "as recorded"}').status_code == 200
        """))
    result = pytester.runpytest_subprocess("--record-mode=none", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([f"*{MESSAGE}*POST /v1/chat/completions*"])
