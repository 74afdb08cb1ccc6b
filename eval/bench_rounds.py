"""Fastest and median round of the layout engine + rules over the labelled reports, for comparing
two checkouts on a shared (noisy) machine: run it alternately against each.

    git worktree add /tmp/old <commit>
    PYTHONPATH=/tmp/old python eval/bench_rounds.py --label old   # the old code
    python eval/bench_rounds.py --label new                        # this checkout

Each round reads every report once; the CPU time of each round is measured on one core. The
last figure adds up each report's fastest reading over all rounds: a burst of other work on the
core spoils a round, but rarely the same report in every round, so it is the steadiest of the
three on a busy machine. Works
with any commit that has `extractor.bench.load_all` (so it can time code older than the
fastest-round figure of `xxgk bench`).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time

from extractor.bench import load_all
from extractor.engines import get_engine
from extractor.pipeline import extract_document


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["eval/real"])
    ap.add_argument("--rounds", type=int, default=60)
    ap.add_argument("--core", type=int, default=None, help="CPU core to pin to (default: the last one)")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    docs, _ = load_all(a.paths)
    engine = get_engine("layout")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {a.core if a.core is not None else max(os.sched_getaffinity(0))})
    gc.freeze()  # as the CLI does
    for doc in docs:
        extract_document(doc, engine)
    rounds = []
    best = [float("inf")] * len(docs)  # each report's fastest reading
    for _ in range(a.rounds):
        c = time.process_time()
        for i, doc in enumerate(docs):
            t = time.process_time()
            extract_document(doc, engine)
            best[i] = min(best[i], time.process_time() - t)
        rounds.append(time.process_time() - c)
    print(f"{a.label} {len(docs)} reports, {a.rounds} rounds: fastest {len(docs) / min(rounds):.0f} reports/s, "
          f"median {len(docs) / statistics.median(rounds):.0f} reports/s, each report at its fastest "
          f"{len(docs) / sum(best):.0f} reports/s (CPU time, one core)")


if __name__ == "__main__":
    main()
