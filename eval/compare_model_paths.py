#!/usr/bin/env python3
"""Questions against the whole-report call: the same model, the same reports, side by side.

    python eval/compare_model_paths.py --base-url http://127.0.0.1:8093/v1 \\
        --model qwen2.5-coder-1.5b-instruct-q4_k_m 07_pingtan 41_pingtan 50_pingtan

For each labelled report whose id contains one of the given texts: `auto` (the layout reader, then
small questions about what it left open) and `llm` (the whole segmented report in one call, what
`auto` sent before issue 12): prompt and completion tokens, seconds, cells read wrongly against
the gold, cells a model settled, and the status. Calls a live model: seconds are this machine's.

    python eval/compare_model_paths.py --base-url … --model … --prompts eval/baselines/auto-qwen15.json

`--prompts RUN` calls no model: for every report of an `auto` run file that made a call, the
tokens of the whole-report prompt (`llm` engine, segmented) by the server's /tokenize, beside
what `auto` spent on the same report.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.engines import get_engine  # noqa: E402
from extractor.evaluation import load_set, score  # noqa: E402
from extractor.load import load  # noqa: E402
from extractor.pipeline import extract_loaded  # noqa: E402


def prompt_sizes(run_file: str, base_url: str, model: str) -> None:
    """Whole-report prompt tokens (by /tokenize) beside what auto spent, for each report auto asked about."""
    from extractor.engines.llm import LLMEngine
    from extractor.engines.llm._input import build_input
    from extractor.engines.llm._run import messages
    from extractor.evaluation import load_run

    run = load_run(run_file)
    engine = LLMEngine(model=model, base_url=base_url)
    rows = []
    print("| report | auto: questions | auto: prompt + completion | whole report: prompt (tokenized) |")
    print("|---|---|---|---|")
    for d in run["docs"]:
        u = d["usage"]
        if not u.get("calls"):
            continue
        sent = build_input(load(str(ROOT / "eval" / d["set"] / d["id"])).text, segment=True)
        text = "\n".join(m["content"] for m in messages(engine.config, sent, None))
        request = urllib.request.Request(base_url.rsplit("/v1", 1)[0] + "/tokenize", method="POST",
                                         data=json.dumps({"content": text}).encode(),
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as reply:
            whole = len(json.loads(reply.read())["tokens"])
        rows.append((u["prompt_tokens"] + u["completion_tokens"], whole))
        print(f"| {d['id']} | {u.get('questions', 0)} | {u['prompt_tokens']} + {u['completion_tokens']} | {whole} |")
    if rows:
        mid = len(rows) // 2
        print(f"\nmedian over {len(rows)} reports: auto {sorted(r[0] for r in rows)[mid]} tokens in all; "
              f"the whole-report call's prompt alone {sorted(r[1] for r in rows)[mid]} tokens")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="*", help="texts a report's id must contain")
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--prompts", metavar="RUN", help="an auto run file: compare prompt sizes, call no model")
    args = ap.parse_args()
    if args.prompts:
        return prompt_sizes(args.prompts, args.base_url, args.model)
    cases = [c for c in load_set(ROOT / "eval" / "real") if any(o in c.id for o in args.only)]
    engines = {name: get_engine(name, model=args.model, base_url=args.base_url) for name in ("auto", "llm")}
    print("| report | path | calls | questions | prompt | completion | seconds | wrong cells | undecided | "
          "model-settled (right) | status |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for case in cases:
        doc = load(str(case.report))
        for name, engine in engines.items():
            t0 = time.perf_counter()
            result = extract_loaded(doc, engine)
            seconds = time.perf_counter() - t0
            s = score(case, result)
            u = result.usage
            print(f"| {case.id} | {name} | {u.calls} | {u.questions} | {u.prompt_tokens} | {u.completion_tokens} | "
                  f"{seconds:.0f} | {s['wrong_cells']} | {s['undecided']} | {s['model_cells']} ({s['model_cells_right']}) | "
                  f"{result.status}{' (' + result.model_error_kind + ')' if result.model_error_kind else ''} |",
                  flush=True)


if __name__ == "__main__":
    main()
