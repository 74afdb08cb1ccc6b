"""The Ray path gives the local path's result lines, byte for byte, on generated inputs.

    python eval/ray_identity.py [--out /tmp/ray-identity] [--text 150] [--pdf 35] [--docx 10] [--scans 3]

Builds a corpus: eval/real as it is, `--text` text variants from eval/variants (every k-th, so
each family is in), the labelled reports as text-layer PDFs and Word files (eval/make_formats.py),
and a few scans (`--scans`: a scanned PDF, a PNG, a scanned PDF with prose pages; OCR is slow).
Then runs `xxgk extract` on it twice, in this process's environment: locally (one thread) and
with `--ray local` (a new cluster on this machine, as `ray.init()` starts it), both with
`--no-store`, and compares the JSONL lines byte for byte after removing the `seconds` field (the
only timing field of a line). Prints the counts, the times, and the first differing lines.
Exit status 1 when any line differs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

_SECONDS = re.compile(r', "seconds": [-+0-9.eE]+')
TEXT_SUFFIXES = (".txt", ".html", ".md")


def build(out: Path, n_text: int, n_pdf: int, n_docx: int, n_scans: int) -> int:
    import make_formats

    if out.exists():
        shutil.rmtree(out)
    (out / "real").mkdir(parents=True)
    for f in sorted((ROOT / "eval" / "real").rglob("*")):
        if f.suffix in TEXT_SUFFIXES and f.name != "SOURCES.md":  # SOURCES.md is not a report
            shutil.copy(f, out / "real" / f.name)
    variants = ROOT / "eval" / "variants"
    if not variants.is_dir() or not any(variants.iterdir()):
        subprocess.run([sys.executable, str(ROOT / "eval" / "variants.py")], check=True)
    texts = sorted(f for f in variants.iterdir() if f.suffix in TEXT_SUFFIXES)
    step = max(len(texts) // max(n_text, 1), 1)
    (out / "variants").mkdir()
    for f in texts[::step][:n_text]:
        shutil.copy(f, out / "variants" / f.name)
    golds = sorted((ROOT / "eval" / "real").rglob("*.gold.json"))
    seeds = [g.name.split(".")[0] for g in golds]
    for name in seeds[:n_pdf]:
        make_formats.make_all(name, out / "pdf", ("pdf",))
    for name in seeds[:n_docx]:
        make_formats.make_all(name, out / "docx", ("docx",))
    scans = [("003", "scanpdf"), ("002", "png"), ("004", "prose")][:n_scans]
    for seed, kind in scans:
        if kind == "prose":
            from time_ocr_skip import prose_blocks

            (out / "scan").mkdir(parents=True, exist_ok=True)
            make_formats.write_scanpdf(prose_blocks(seed, 2), out / "scan" / f"{seed}_prose_scan.pdf")
        else:
            make_formats.make_all(seed, out / "scan", (kind,))
    return sum(1 for f in out.rglob("*") if f.is_file())


def run(inputs: Path, result: Path, extra: list[str]) -> float:
    cmd = ["xxgk", "extract", str(inputs), "--no-store", "--no-progress", "--out", str(result), *extra]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    tail = (proc.stderr or "").strip().splitlines()[-1:] or [""]
    print(f"  {' '.join(cmd[1:])}: exit {proc.returncode}, {secs:.0f} s — {tail[0]}", flush=True)
    return secs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/ray-identity"))
    ap.add_argument("--text", type=int, default=150)
    ap.add_argument("--pdf", type=int, default=35)
    ap.add_argument("--docx", type=int, default=10)
    ap.add_argument("--scans", type=int, default=3)
    args = ap.parse_args()
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    corpus = args.out / "inputs"
    n = build(corpus, args.text, args.pdf, args.docx, args.scans)
    kinds = {d.name: sum(1 for _ in d.iterdir()) for d in sorted(corpus.iterdir())}
    print(f"{n} documents: {kinds}", flush=True)
    local, remote = args.out / "local.jsonl", args.out / "ray.jsonl"
    t_local = run(corpus, local, [])
    t_ray = run(corpus, remote, ["--ray", "local"])
    a = [_SECONDS.sub("", x) for x in local.read_text(encoding="utf-8").splitlines()]
    b = [_SECONDS.sub("", x) for x in remote.read_text(encoding="utf-8").splitlines()]
    differ = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
    same = len(a) == len(b) == n and not differ
    print(f"lines: local {len(a)}, ray {len(b)}; differing: {len(differ)}; local {t_local:.0f} s, ray {t_ray:.0f} s")
    for k in differ[:3]:
        print(f"  line {k + 1}:\n    local {a[k][:300]}\n    ray   {b[k][:300]}")
    print("IDENTICAL (the `seconds` field aside)" if same else "NOT IDENTICAL")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
