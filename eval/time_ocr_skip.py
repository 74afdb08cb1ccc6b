"""What skipping OCR on scanned prose pages saves, and that the tables read the same.

    python eval/time_ocr_skip.py --seed 003 --prose-pages 3

Writes the seed's report as a scanned PDF with extra prose pages (the seed's paragraphs repeated:
`--prose-pages` pages' worth before the tables and one after), then loads it twice: with every
scanned page OCR'd (`XXGK_OCR_ALL_PAGES=1`) and with the default (the first page and pages that
show a ruled table). Prints pages OCR'd, seconds (wall and CPU), and whether the tables' cells and
the layout engine's fields and doubts are the same. OCR is slow: minutes per run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import make_formats  # noqa: E402


def prose_blocks(seed: str, prose_pages: int) -> list:
    """The report's blocks with about `prose_pages` pages of prose before the tables and a page
    after them (a scanned report whose numbers are on a few of its pages)."""
    from extractor.segment import find_tables

    report, gold = make_formats.seed_files(seed)
    text = report.read_text(encoding="utf-8")
    seg = find_tables(text)
    prose = text[: min([s[0] for s in seg.tables().values()] or [len(text)])]
    blocks = make_formats.report_blocks(gold, prose)
    paras = [p.strip() for p in prose.splitlines() if len(p.strip()) > 30 and "|" not in p] or [
        "本机关坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。" * 4
    ]
    filler: list[tuple[str, str]] = []
    # ~40 lines of 10.5 pt text fill an A4 page; a 400-character paragraph is ~9 lines
    per_page = 5
    for k in range(per_page * prose_pages):
        filler.append(("p", (paras[k % len(paras)] * 3)[:400]))
    head, rest = blocks[:1], blocks[1:]
    tail = [("h", "七、附：工作情况说明")] + [("p", (paras[k % len(paras)] * 3)[:400]) for k in range(per_page)]
    return head + filler + rest + tail


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", default="003")
    ap.add_argument("--prose-pages", type=int, default=3)
    args = ap.parse_args()
    from extractor.engines.layout import LayoutEngine
    from extractor.flat import to_flat
    from extractor.load import load

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{args.seed}_prose_scan.pdf"
        make_formats.write_scanpdf(prose_blocks(args.seed, args.prose_pages), path)
        runs = {}
        for label, env in (("every page", "1"), ("tables only", "")):
            os.environ["XXGK_OCR_ALL_PAGES"] = env
            t0, c0 = time.perf_counter(), time.process_time()
            doc = load(str(path))
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            ocr = sorted({c.locator["page"] for t in doc.tables for c in t.cells if c.locator})
            reading = LayoutEngine().read(doc)
            flat = to_flat(reading.record) if reading.record is not None else None
            cells = [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in t.cells] for t in doc.tables]
            runs[label] = (cells, flat, sorted(reading.doubts))
            print(f"{label}\tpages={doc.pages}\ttable pages={ocr}\tseconds={secs:.1f}\tcpu={cpu:.1f}"
                  f"\ttables={len(doc.tables)}\tdoubts={len(reading.doubts)}", flush=True)
        a, b = runs.values()
        print(f"same cells: {a[0] == b[0]}\tsame fields: {a[1] == b[1]}\tsame doubts: {a[2] == b[2]}")


if __name__ == "__main__":
    main()
