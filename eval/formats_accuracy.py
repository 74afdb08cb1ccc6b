"""Accuracy per input format: every labelled report written as HTML/PDF/Word (and, with --ocr,
as a PNG scan and a scanned PDF), read back by an engine, compared with its gold label.

    python eval/formats_accuracy.py                       # html, pdf, docx for every gold file
    python eval/formats_accuracy.py --ocr --only 003,002  # add png + scanpdf for a few (slow)

Per format: documents, statuses, cells exactly right / cells in the gold label, and seconds.
The files are synthetic (official layout, gold numbers), so this measures the loaders and the
reader on clean layouts; real publications add their own noise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import make_formats  # noqa: E402

from extractor.engines import get_engine  # noqa: E402
from extractor.pipeline import extract_path  # noqa: E402


def _right(got: object, want: object) -> bool:
    if want is None or got is None:
        return got == want
    return float(got) == float(want)  # type: ignore[arg-type]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", default="layout")
    ap.add_argument("--ocr", action="store_true", help="also png and scanpdf (OCR, slow)")
    ap.add_argument("--only", default="", help="comma-separated name prefixes of gold files")
    args = ap.parse_args()
    formats = ("html", "pdf", "docx") + (("png", "scanpdf") if args.ocr else ())
    golds = sorted((ROOT / "eval" / "real").rglob("*.gold.json"))
    if args.only:
        golds = [g for g in golds if g.name.startswith(tuple(args.only.split(",")))]
    engine = get_engine(args.engine)
    stats: dict[str, dict] = defaultdict(lambda: {"docs": 0, "right": 0, "cells": 0, "seconds": 0.0, "status": defaultdict(int)})
    with tempfile.TemporaryDirectory() as tmp:
        for gold_path in golds:
            name = gold_path.name.split(".")[0]
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            files = make_formats.make_all(name, Path(tmp) / name, formats)
            for fmt, path in files.items():
                t0 = time.perf_counter()
                result = extract_path(str(path), engine)
                s = stats[fmt]
                s["seconds"] += time.perf_counter() - t0
                s["docs"] += 1
                s["status"][result.status] += 1
                line = result.to_line()
                fields = (json.loads(line) if isinstance(line, str) else line).get("fields") or {}
                wrong = [k for k, v in gold["fields"].items() if not _right(fields.get(k), v)]
                s["cells"] += len(gold["fields"])
                s["right"] += len(gold["fields"]) - len(wrong)
                if wrong:
                    print(f"# {name} {fmt}: {len(wrong)} wrong, e.g. {wrong[:3]}", file=sys.stderr)
    print("format\tdocs\tverified\treview\tfailed\tcells_right\tcells\taccuracy\tseconds")
    for fmt in formats:
        s = stats[fmt]
        st = s["status"]
        acc = s["right"] / s["cells"] if s["cells"] else 0.0
        print(f"{fmt}\t{s['docs']}\t{st['verified']}\t{st['review']}\t{st['failed']}\t{s['right']}\t{s['cells']}\t{acc:.4f}\t{s['seconds']:.1f}")


if __name__ == "__main__":
    main()
