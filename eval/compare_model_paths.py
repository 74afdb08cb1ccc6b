#!/usr/bin/env python3
"""Questions against the whole-report call: the same model, the same reports, side by side.

    python eval/compare_model_paths.py --base-url http://127.0.0.1:8093/v1 \\
        --model qwen2.5-coder-1.5b-instruct-q4_k_m 07_pingtan 41_pingtan 50_pingtan

For each labelled report whose id contains one of the given texts: `auto` (the layout reader, then
small questions about what it left open) and `llm` (the whole segmented report in one call, what
`auto` sent before issue 12): prompt and completion tokens, seconds, cells read wrongly against
the gold, cells a model settled, and the status. Calls a live model: seconds are this machine's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.engines import get_engine  # noqa: E402
from extractor.evaluation import load_set, score  # noqa: E402
from extractor.load import load  # noqa: E402
from extractor.pipeline import extract_loaded  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="+", help="texts a report's id must contain")
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", required=True)
    args = ap.parse_args()
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
