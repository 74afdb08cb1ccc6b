"""The committed baselines stay true: each model baseline replays offline from its cassette with the
same statuses, cells and tokens, and the layout reader passes its gate against its baseline.

A model baseline (eval/baselines/*.json with a model) was recorded against a real local model
(scripts/local_llm.py); its cassette is eval/cassettes/<cassette_name(engine, model)>. A change to
a prompt, the question builder or the reader that changes what is sent makes the replay miss:
the test then fails with "not on tape: … re-record with --record", and the baseline must be
recorded anew (docs/eval.md says how).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.engines import get_engine
from extractor.evaluation import ensure_variants, gate, load_run, load_set, run_eval
from extractor.evaluation.cassette import cassette_name, recorded

ROOT = Path(__file__).resolve().parents[1]
BASELINES = sorted(p for p in (ROOT / "eval" / "baselines").glob("*.json")
                   if json.loads(p.read_text(encoding="utf-8")).get("model"))


def _cases(run: dict):
    """The labelled reports a run scored, from eval/real and (generated on demand) eval/variants."""
    wanted = {(d["set"], d["id"]) for d in run["docs"]}
    real = load_set(ROOT / "eval" / "real", set_name="real")
    cases = list(real)
    if any(s == "variants" for s, _ in wanted):
        ensure_variants(real, ROOT / "eval" / "variants")
        cases += load_set(ROOT / "eval" / "variants", set_name="variants")
    return [c for c in cases if (c.set, c.id) in wanted]


@pytest.mark.parametrize("path", BASELINES, ids=lambda p: p.stem)
def test_a_model_baseline_replays_offline_with_the_same_figures(path):
    base = load_run(path)
    engine = get_engine(base["engine"], model=base["model"], base_url="http://127.0.0.1:9/v1",
                        mode=(base.get("settings") or {}).get("mode") or (base.get("settings") or {}).get("llm", {}).get("mode"))
    cases = _cases(base)
    assert len(cases) == len(base["docs"]), "the baseline names reports that are not in eval/"
    with recorded(ROOT / "eval" / "cassettes", cassette_name(base["engine"], base["model"]), mode="none"):
        run = run_eval(cases, engine)
    now = {(d["set"], d["id"]): d for d in run["docs"]}
    for was in base["docs"]:
        got = now[(was["set"], was["id"])]
        assert not got.get("model_error"), (was["id"], got.get("model_error"))
        assert got["status"] == was["status"], was["id"]
        assert [w["key"] for w in got["wrong"]] == [w["key"] for w in was["wrong"]], was["id"]
        for k in ("calls", "prompt_tokens", "completion_tokens"):
            assert got["usage"][k] == was["usage"][k], (was["id"], k)


def test_the_layout_reader_passes_its_gate():
    base = load_run(ROOT / "eval" / "baselines" / "layout.json")
    run = run_eval(load_set(ROOT / "eval" / "real"), get_engine("layout"))
    verdict = gate(base, run, max_drop=0.0)
    assert verdict.ok, verdict.failures
