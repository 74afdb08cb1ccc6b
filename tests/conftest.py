"""Shared fixtures: the labelled real reports copied into eval/real (never ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluation.cassette import vcr_settings

#: _replay_guard: a replayed request that is not on tape fails its test with "not on tape: …";
#: pytester: test_replay_miss runs a test session of its own to show it
pytest_plugins = ["_replay_guard", "pytester"]

ROOT = Path(__file__).resolve().parents[1]
EVAL_REAL = ROOT / "eval" / "real"


def gold_cases() -> list[tuple[Path, dict]]:
    """(report path, gold label dict) for every real labelled report, seeds first."""
    cases = []
    for gold_path in sorted(EVAL_REAL.rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        report = gold_path.with_name(gold["doc"])
        cases.append((report, gold))
    return cases


def seed_cases() -> list[tuple[Path, dict]]:
    return [c for c in gold_cases() if c[0].parent.name == "seeds"]


@pytest.fixture
def seed000() -> tuple[Path, dict]:
    return next(c for c in seed_cases() if c[0].name.startswith("000_"))


# ------------------------------------------------------------------ recorded model calls (VCR)

@pytest.fixture(scope="module")
def vcr_config():
    """Cassettes under tests/cassettes/<module>/: matched on method, path and body, not host or
    port, so a cassette replays whatever port its server ran on; secrets are dropped."""
    return vcr_settings()


# ------------------------------------------------------------------ eval/real in a store (exports)

@pytest.fixture(scope="session")
def real_store(tmp_path_factory):
    """eval/real read by the layout engine into a store (once per session; tests must not change it)."""
    from extractor.batch import run_batch
    from extractor.engines.layout import LayoutEngine
    from extractor.store import Store, as_url

    store = Store(as_url(str(tmp_path_factory.mktemp("real") / "xxgk.sqlite")))
    stats = run_batch([str(EVAL_REAL)], LayoutEngine(), store, progress=False, label="eval/real")
    assert stats.failed == 0
    return store
