"""Seconds per page of each loader, on a seed report written in every format by make_formats.

    python eval/time_loaders.py --seed 003

Prints one line per format: pages, wall seconds to load, seconds per page, CPU seconds per page
(all threads; a fairer figure on a shared machine), and how many tables and cells were kept. OCR is the slow one; set XXGK_OCR_THREADS to pin its threads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import make_formats  # noqa: E402

from extractor.load import load  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", default="003")
    ap.add_argument("--formats", default="html,docx,pdf,png")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_formats.make_all(args.seed, Path(tmp), tuple(args.formats.split(",")))
        for fmt, path in files.items():
            t0, c0 = time.perf_counter(), time.process_time()
            doc = load(str(path))
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            pages = doc.pages or 1
            cells = sum(len(t.cells) for t in doc.tables)
            print(
                f"{fmt}\tpages={pages}\tseconds={secs:.2f}\tper_page={secs / pages:.2f}"
                f"\tcpu_per_page={cpu / pages:.2f}\ttables={len(doc.tables)}\tcells={cells}"
            )


if __name__ == "__main__":
    main()
