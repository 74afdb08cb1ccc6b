#!/usr/bin/env python3
"""Measure the LLM engine on the labelled reports: accuracy, seconds, tokens, and the repair pass.

    python eval/bench_llm.py --base-url http://127.0.0.1:8092/v1 --model qwen1.5b --out runs/llm15.jsonl

Per report: field accuracy on the gold's non-zero cells (a gold `ambiguous` list gives accepted
alternatives) for the first reading and after the repair pass (one run gives both: the trace keeps
each attempt), seconds, prompt/completion tokens, and the prompt's token count with and without
the segmenter (by the server's /tokenize endpoint, so the unsegmented prompt is never run).
`--summary FILE` prints the table of an earlier run without calling the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.engines.llm import LLMEngine  # noqa: E402
from extractor.engines.llm._input import build_input  # noqa: E402
from extractor.engines.llm._run import messages  # noqa: E402
from extractor.errors import XxgkError  # noqa: E402
from extractor.load import load  # noqa: E402


def gold_cases() -> list[tuple[Path, dict]]:
    cases = []
    for gold_path in sorted((ROOT / "eval" / "real").rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cases.append((gold_path.with_name(gold["doc"]), gold))
    return cases


def accuracy(fields: dict[str, Any] | None, gold: dict) -> tuple[int, int]:
    """(right, total) over the gold's non-zero cells; `ambiguous` alternatives count as right."""
    alts = gold.get("ambiguous", {})
    right = total = 0
    for key, want in gold["fields"].items():
        if want is None or want == 0:
            continue
        total += 1
        got = (fields or {}).get(key)
        if got is None:
            continue
        ok = [want, *alts.get(key, [])]
        if any(abs(float(got) - float(w)) < 1e-9 for w in ok):
            right += 1
    return right, total


def count_tokens(base_url: str, engine: LLMEngine, text: str, segment: bool) -> int | None:
    """Tokens of the system + user prompt the engine would send, by the server's /tokenize."""
    sent = build_input(text, segment=segment)
    content = "\n".join(m["content"] for m in messages(engine.config, sent, None))
    url = base_url.rstrip("/").removesuffix("/v1") + "/tokenize"
    req = urllib.request.Request(url, data=json.dumps({"content": content}).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return len(json.load(r)["tokens"])
    except OSError:
        return None


def run(args) -> list[dict]:
    engine = LLMEngine(model=args.model, base_url=args.base_url, repair=not args.no_repair,
                       max_tokens=args.max_tokens, mode=args.mode, timeout=args.timeout)
    rows = []
    cases = gold_cases()
    if args.only:
        cases = [c for c in cases if any(o in c[0].name for o in args.only)]
    for path, gold in cases:
        try:
            doc = load(str(path))
        except Exception as exc:  # e.g. a loader not written yet: say so, go on
            row = {"doc": path.name, "model": args.model, "skipped": f"cannot load: {type(exc).__name__}: {exc}"}
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), file=args.out_fh, flush=True)
            continue
        row: dict[str, Any] = {"doc": path.name, "model": args.model,
                               "tokens_segmented": count_tokens(args.base_url, engine, doc.text, True),
                               "tokens_full": count_tokens(args.base_url, engine, doc.text, False)}
        if args.tokens_only:
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), file=args.out_fh, flush=True)
            continue
        t0 = time.perf_counter()
        try:
            reading = engine.read(doc)
        except XxgkError as exc:
            row.update(error=str(exc), seconds=time.perf_counter() - t0)
            usage = getattr(exc, "usage", None)
            row["usage"] = usage.model_dump() if usage else None
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), file=args.out_fh, flush=True)
            continue
        row["seconds"] = round(time.perf_counter() - t0, 2)
        row["usage"] = reading.usage.model_dump()
        row["calls"] = next((t["calls"] for t in reading.trace if "calls" in t), [])
        passes = [t for t in reading.trace if "pass" in t]
        first = passes[0]
        row["first_errors"] = len(first["errors"])
        row["first"] = accuracy(first["fields"], gold)
        repair = next((t for t in passes if t["pass"] == "repair"), None)
        if repair is not None and "fields" in repair:
            row["repair_errors"] = len(repair["errors"])
            row["repaired"] = accuracy(repair["fields"], gold)
            row["repair_kept"] = repair["kept"]
        row["template_ok"] = reading.record.template == gold["meta"]["template"]
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), file=args.out_fh, flush=True)
    return rows


def summary(rows: list[dict]) -> str:
    skipped = [r for r in rows if "skipped" in r]
    rows = [r for r in rows if "skipped" not in r]
    ok = [r for r in rows if "first" in r]
    def pct(pairs):
        right = sum(p[0] for p in pairs); total = sum(p[1] for p in pairs)
        return f"{right}/{total} = {100 * right / total:.1f}%" if total else "n/a"
    first = [r["first"] for r in ok]
    final = [r.get("repaired") if r.get("repair_kept") else r["first"] for r in ok]
    repaired_docs = [r for r in ok if "repaired" in r]
    lines = [
        f"reports: {len(ok)} read, {sum('error' in r for r in rows)} failed, {len(skipped)} skipped (could not load)",
        f"accuracy on non-zero cells, first reading: {pct(first)}",
        f"accuracy after repair (better record kept): {pct(final)}",
        f"repair attempted on {len(repaired_docs)} report(s): accuracy of those before {pct([r['first'] for r in repaired_docs])}, "
        f"repair attempt itself {pct([r['repaired'] for r in repaired_docs])}; "
        f"error violations before {sum(r['first_errors'] for r in repaired_docs)}, after {sum(r['repair_errors'] for r in repaired_docs)}",
    ]
    if ok:
        secs = [r["seconds"] for r in ok]
        lines.append(f"seconds per report: mean {sum(secs) / len(secs):.1f} (min {min(secs):.1f}, max {max(secs):.1f}; including repair calls)")
        calls = [r["usage"]["calls"] for r in ok]
        pt = [r["usage"]["prompt_tokens"] for r in ok]
        ct = [r["usage"]["completion_tokens"] for r in ok]
        lines.append(f"calls per report: {sum(calls) / len(ok):.2f}; prompt tokens {sum(pt) / len(ok):.0f}, completion tokens {sum(ct) / len(ok):.0f} per report (all calls)")
    seg = [r for r in rows if r.get("tokens_segmented") and r.get("tokens_full")]
    if seg:
        s = sum(r["tokens_segmented"] for r in seg); f = sum(r["tokens_full"] for r in seg)
        lines.append(f"prompt tokens per report (first call): segmented {s / len(seg):.0f}, whole text {f / len(seg):.0f} (saving {100 * (1 - s / f):.0f}%)")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base-url", default="http://127.0.0.1:8091/v1")
    ap.add_argument("--model", default="local")
    ap.add_argument("--mode", default="json_schema")
    ap.add_argument("--max-tokens", type=int, default=2048)
    ap.add_argument("--timeout", type=float, default=900, help="seconds per call (a busy CPU is slow)")
    ap.add_argument("--no-repair", action="store_true", help="first readings only")
    ap.add_argument("--only", nargs="*", help="substrings of report file names")
    ap.add_argument("--out", help="append per-report JSON lines here")
    ap.add_argument("--summary", help="print the summary of an earlier --out file and stop")
    ap.add_argument("--tokens-only", action="store_true",
                    help="only count prompt tokens with and without the segmenter (no extraction)")
    args = ap.parse_args()
    if args.summary:
        rows = [json.loads(l) for l in Path(args.summary).read_text(encoding="utf-8").splitlines() if l.strip()]
        print(summary(rows))
        return 0
    args.out_fh = open(args.out, "a", encoding="utf-8") if args.out else sys.stdout
    rows = run(args)
    print(summary(rows), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
