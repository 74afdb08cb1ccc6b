"""The scan family: labelled reports' tables drawn as scanned pages at three degradation levels,
read back by OCR and scored per level.

    python eval/scans.py make  [--out eval/scans] [--only 003,07_] [--levels clean,office,phone]
    nice python eval/scans.py score [--only 003,07_] [--levels phone] [--formats image,pdf]

Levels (`LEVELS`):

- `clean`: a flatbed scan at 200 dpi, straight, lossless PNG;
- `office`: a copier at 150 dpi, turned about 1°, slightly blurred, JPEG quality 60;
- `phone`: a phone photo or fax, 100–120 dpi, turned 2–3°, sensor noise, uneven lighting
  (a shadow across the page, a darker corner), JPEG quality 40.

Each report's title and its 表二/表三/表四 are drawn in the official layout (bordered grid,
merged header cells, a CJK font; `make_formats` supplies the layout) from the numbers of its gold
label, which is the gold of the scan. In every other report (chosen from the seed) the cells
whose gold is 0 are left blank, as many publications print them. Each report gives one image
(`.png` for clean, `.jpg` otherwise: all its tables on one tall page) and one image-only PDF (a
page per A4 page of tables, JPEG-compressed as a copier stores them). Everything is drawn from the
seed: the same seed, reports and levels give the same bytes.

The generated files are a cache: `make` (and `score`, when the folder is missing or stale) writes
them into `eval/scans/` (ignored by git) with their gold files, whose `variant.family` is
`scan-<level>` and `input_format` `image`/`scanpdf`, so `extractor.evaluation.load_set` reads them.

`score` reads every file with an engine (default layout), each (level, format) in a fresh child
process so that its peak memory is its own, and prints per level and format: reports, the share of
non-zero cells read exactly right, cells read wrongly without a doubt on them, reports read wrongly
but `verified` (must be 0), seconds per page (wall, and CPU of the child process with the OCR
engine's threads) and peak memory (maximum RSS); `-v` lists every cell not read right.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import resource
import shutil
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import make_formats

#: Bump when the drawing or the damage changes, so that a stale cache is rebuilt.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20261129
STAMP = ".generated.json"
#: The reports measured by default: both templates, few and many non-zero cells, one whose
#: printed tables break an identity (01_: it must come out `review`).
DEFAULT_ONLY = ("003_", "07_pingtan_2021", "16_huaian_2024", "01_shanghai")
DEFAULT_OUT = ROOT / "eval" / "scans"
A4 = (595.0, 842.0)  # points


@dataclass(frozen=True)
class Level:
    name: str
    dpi: tuple[int, int]  # drawn at a resolution in this range
    angle: tuple[float, float]  # turned by this many degrees (either way)
    blur: float  # Gaussian sigma, pixels
    noise: float  # Gaussian sensor noise, grey levels
    lighting: float  # how dark the shadowed part of the page gets (0: evenly lit)
    jpeg: int | None  # JPEG quality, None: lossless PNG

    @property
    def family(self) -> str:
        return f"scan-{self.name}"


LEVELS: dict[str, Level] = {
    "clean": Level("clean", (200, 200), (0.0, 0.0), 0.0, 0.0, 0.0, None),
    "office": Level("office", (150, 150), (0.8, 1.2), 0.6, 3.0, 0.08, 60),
    "phone": Level("phone", (100, 120), (2.0, 3.0), 0.8, 9.0, 0.4, 40),
}


# ---------------------------------------------------------------- drawing


def _rows_of(gold: dict[str, Any], blank_zero: bool) -> list[tuple[str, Any]]:
    """The report's title, headings and tables as ("h"|"table", content) blocks."""
    fields = dict(gold["fields"])
    if blank_zero:
        fields = {k: (None if v == 0 else v) for k, v in fields.items()}
    meta, t = gold["meta"], gold["meta"]["template"]
    return [
        ("h", f"{meta['organ']}{meta['year']}年政府信息公开工作年度报告"),
        ("h", "二、主动公开政府信息情况"), ("table", make_formats.table2(fields, t)),
        ("h", "三、收到和处理政府信息公开申请情况"), ("table", make_formats.table3(fields, t)),
        ("h", "四、政府信息公开行政复议、行政诉讼情况"), ("table", make_formats.table4(fields)),
    ]


def _layout(blocks: list[tuple[str, Any]], font: Any, font_head: Any, scale: float, inner: float, left: float) -> list[tuple[float, list[tuple]]]:
    """Each block as (height, drawing ops relative to its top), in pixels."""
    out = []
    for kind, content in blocks:
        if kind == "h":
            out.append((24 * scale, [("text", (left, 4 * scale, content, font_head))]))
            continue
        matrix, spans = make_formats.grid(content)
        n = len(matrix[0])
        fr = [0.12, 0.13, 0.2] + [0.55 / 7] * 7 if n == 10 else [1 / n] * n
        xs = [left]
        for f in fr:
            xs.append(xs[-1] + f * inner)
        span_of = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in spans}
        line = 13 * scale
        heights = []
        for r, row in enumerate(matrix):
            h = 20 * scale
            for c, text in enumerate(row):
                if text and span_of.get((r, c), (r, c))[0] == r:
                    c1 = span_of.get((r, c), (r, c))[1]
                    n_lines = len(make_formats._wrap(text, font, xs[c1 + 1] - xs[c] - 6 * scale))
                    h = max(h, line * n_lines + 7 * scale)
            heights.append(h)
        ys = [0.0]
        for h in heights:
            ys.append(ys[-1] + h)
        ops = []
        for r, row in enumerate(matrix):
            for c, text in enumerate(row):
                if text is None:
                    continue
                r1, c1 = span_of.get((r, c), (r, c))
                ops.append(("cell", ((xs[c], ys[r], xs[c1 + 1], ys[r1 + 1]), text, font, line)))
        out.append((ys[-1] + 10 * scale, ops))
    return out


def draw_pages(gold: dict[str, Any], dpi: int, blank_zero: bool, *, one_page: bool) -> list[Any]:
    """The report's tables as crisp greyscale pages (PIL "L") at `dpi`: A4 pages (a block that
    does not fit goes to the next page), or with `one_page` everything on one tall page."""
    return draw_blocks(_rows_of(gold, blank_zero), dpi, one_page=one_page)


def draw_blocks(blocks: list[tuple[str, Any]], dpi: int, *, one_page: bool) -> list[Any]:
    """("h"|"table", content) blocks drawn as crisp greyscale pages (see `draw_pages`)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    font_path = make_formats.find_font()
    font = ImageFont.truetype(font_path, round(9 * scale))
    font_head = ImageFont.truetype(font_path, round(11 * scale))
    margin_x, margin_y = 50 * scale, 45 * scale
    width = round(A4[0] * scale)
    laid = _layout(blocks, font, font_head, scale, width - 2 * margin_x, margin_x)
    pages: list[list[tuple[float, list[tuple]]]] = [[]]
    used = 0.0
    room = A4[1] * scale - 2 * margin_y
    for i, (h, ops) in enumerate(laid):
        # a heading stays with the table under it
        need = h + (laid[i + 1][0] if ops and ops[0][0] == "text" and i + 1 < len(laid) else 0)
        if not one_page and pages[-1] and used + need > room:
            pages.append([])
            used = 0.0
        pages[-1].append((h, ops))
        used += h
    images = []
    for placed in pages:
        height = round(max(A4[1] * scale, sum(h for h, _ in placed) + 2 * margin_y)) if not one_page \
            else round(sum(h for h, _ in placed) + 2 * margin_y)
        img = Image.new("L", (width, height), 255)
        d = ImageDraw.Draw(img)
        y = margin_y
        stroke = max(1, round(scale * 0.6))
        for h, ops in placed:
            for kind, args in ops:
                if kind == "text":
                    x, dy, text, f = args
                    d.text((x, y + dy), text, fill=0, font=f)
                    continue
                (x0, y0, x1, y1), text, f, line = args
                d.rectangle((x0, y + y0, x1, y + y1), outline=0, width=stroke)
                lines = make_formats._wrap(text, f, x1 - x0 - 6 * scale)
                ty = y + (y0 + y1) / 2 - line * len(lines) / 2
                for ln in lines:
                    tw = d.textlength(ln, font=f)
                    d.text(((x0 + x1) / 2 - tw / 2, ty), ln, fill=0, font=f)
                    ty += line
            y += h
        images.append(img)
    return images


def degrade(img: Any, level: Level, rng: Any) -> Any:
    """A crisp page as the level's device gives it back (PIL "L"; JPEG loss is applied on saving)."""
    import cv2
    import numpy as np
    from PIL import Image

    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape
    if level.angle[1] > 0:
        angle = float(rng.uniform(*level.angle)) * float(rng.choice([-1, 1]))
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        a = cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255.0)
    if level.blur > 0:
        a = cv2.GaussianBlur(a, (0, 0), level.blur)
    if level.lighting > 0:
        # paper is not white under a lamp: a shadow falling from one side and a darker corner
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        theta = rng.uniform(0, 2 * np.pi)
        ramp = (np.cos(theta) * (xx / w - 0.5) + np.sin(theta) * (yy / h - 0.5)) + 0.5  # 0..1 roughly
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        spot = np.exp(-(((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2) * 2.5)
        light = 1.0 - level.lighting * np.clip(0.7 * ramp + 0.3 * (1 - spot), 0, 1)
        paper = rng.uniform(0.86, 0.94) if level.lighting >= 0.2 else 0.97
        a = a * light * paper
    if level.noise > 0:
        a = a + rng.normal(0, level.noise, a.shape).astype(np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def scan_of(blocks: list[tuple[str, Any]], level: str, seed: int = DEFAULT_SEED, name: str = "blocks") -> Any:
    """Blocks drawn and degraded at a level as one page, JPEG loss included (PIL "L")."""
    from PIL import Image

    lv = LEVELS[level]
    dpi = int(_rng(seed, name, lv.name, "dpi").integers(lv.dpi[0], lv.dpi[1] + 1))
    page = degrade(draw_blocks(blocks, dpi, one_page=True)[0], lv, _rng(seed, name, lv.name, "image"))
    if lv.jpeg is None:
        return page
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=lv.jpeg)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def _rng(seed: int, name: str, level: str, what: str) -> Any:
    import numpy as np

    return np.random.default_rng(zlib.crc32(f"{seed}:{name}:{level}:{what}".encode()))


def report_files(gold: dict[str, Any], name: str, level: Level, out: Path, seed: int, blank_zero: bool) -> dict[str, Path]:
    """Write one report's scans at one level: {"image": …, "pdf": …}."""
    rng_dpi = _rng(seed, name, level.name, "dpi")
    dpi = int(rng_dpi.integers(level.dpi[0], level.dpi[1] + 1))
    written = {}
    for fmt in ("image", "pdf"):
        rng = _rng(seed, name, level.name, fmt)
        pages = [degrade(p, level, rng) for p in draw_pages(gold, dpi, blank_zero, one_page=fmt == "image")]
        if fmt == "image":
            path = out / f"{name}__{level.family}.{'png' if level.jpeg is None else 'jpg'}"
            if level.jpeg is None:
                pages[0].save(path, optimize=False)
            else:
                pages[0].save(path, quality=level.jpeg, dpi=(dpi, dpi))
        else:
            path = out / f"{name}__{level.family}.pdf"
            buf = io.BytesIO()
            pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                          quality=level.jpeg or 95)
            # Pillow stamps the time of creation: drop it, so that the same seed gives the same bytes
            data = _strip_dates(buf.getvalue())
            path.write_bytes(data)
        written[fmt] = path
    return written


def _strip_dates(pdf: bytes) -> bytes:
    import re

    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", lambda m: b"/" + m.group(1) + b" (D:20000101000000Z)", pdf)


def golds(only: tuple[str, ...] = DEFAULT_ONLY) -> list[tuple[str, Path, dict[str, Any]]]:
    """(name, path, gold) of the labelled reports of eval/real whose name starts with one of `only`."""
    out = []
    for p in sorted((ROOT / "eval" / "real").rglob("*.gold.json")):
        name = p.name.split(".")[0]
        gold = json.loads(p.read_text(encoding="utf-8"))
        if gold.get("expect") == "failed" or not name.startswith(tuple(only)):
            continue
        out.append((name, p, gold))
    return out


def generate(out: Path = DEFAULT_OUT, *, only: tuple[str, ...] = DEFAULT_ONLY, levels: tuple[str, ...] = tuple(LEVELS),
             seed: int = DEFAULT_SEED) -> list[Path]:
    """Write every chosen report at every level (image + PDF) with its gold file; the gold paths.
    The folder is emptied first (only when this generator wrote it)."""
    if out.exists() and any(out.iterdir()):
        if not (out / STAMP).is_file():
            raise SystemExit(f"{out} is not empty and was not written by eval/scans.py; not overwriting it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / ".xxgkignore").write_text("")
    written = []
    for i, (name, gold_path, gold) in enumerate(golds(only)):
        blank_zero = bool(_rng(seed, name, "-", "blank").integers(0, 2))  # every other report, by lot
        for lv in levels:
            level = LEVELS[lv]
            for fmt, path in report_files(gold, name, level, out, seed, blank_zero).items():
                g = {k: v for k, v in gold.items() if k not in ("ambiguous", "variant", "notes")}
                g["doc"] = path.name
                g["notes"] = (f"Scan of real/{gold_path.relative_to(ROOT / 'eval' / 'real').as_posix()} "
                              f"({level.name}, {'zeros blank' if blank_zero else 'zeros printed'}).")
                g["variant"] = {"of": name, "family": level.family, "input_format": "image" if fmt == "image" else "scanpdf",
                                "level": level.name, "blank_zero": "yes" if blank_zero else "no", "seed": str(seed)}
                if gold.get("ambiguous"):
                    g["ambiguous"] = gold["ambiguous"]
                gp = out / (path.name.rsplit(".", 1)[0] + f".{fmt}.gold.json")
                gp.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                written.append(gp)
    (out / STAMP).write_text(json.dumps(_stamp(only, levels, seed), indent=1) + "\n", encoding="utf-8")
    return written


def _stamp(only: tuple[str, ...], levels: tuple[str, ...], seed: int) -> dict[str, Any]:
    return {"generator": GENERATOR_VERSION, "seed": seed, "only": sorted(only), "levels": list(levels)}


def ensure(out: Path, only: tuple[str, ...], levels: tuple[str, ...], seed: int) -> bool:
    """Generate unless `out` already holds these reports at these levels (and more levels is fine);
    True when it was (re)generated."""
    try:
        have = json.loads((out / STAMP).read_text(encoding="utf-8"))
        want = _stamp(only, levels, seed)
        if {k: v for k, v in have.items() if k != "levels"} == {k: v for k, v in want.items() if k != "levels"} \
                and set(levels) <= set(have["levels"]):
            return False
    except (OSError, ValueError):
        pass
    generate(out, only=only, levels=levels, seed=seed)
    return True


# ---------------------------------------------------------------- scoring


def _score_group(paths: list[str], engine_name: str, queue: Any) -> None:
    """Child process: read the scans of one (level, format), score them, report with peak memory."""
    from extractor.engines import get_engine
    from extractor.evaluation import load_gold, score
    from extractor.evaluation.metrics import summarize
    from extractor.pipeline import extract_path

    engine = get_engine(engine_name)
    ocr_cpu = _count_ocr_pages()
    docs, pages, seconds, cpu, undoubted = [], 0, 0.0, 0.0, []
    for gp in paths:
        case = load_gold(gp, set_name="scans")
        t0, c0 = time.perf_counter(), time.process_time()
        result = extract_path(str(case.report), engine)
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0  # every thread of the process: the OCR engine's too
        pages += _pages(case.report)
        doc = score(case, result)
        docs.append(doc)
        # read as a number, wrongly, and no doubt raised on the cell: nothing points a reviewer at it
        for w in doc["wrong"]:
            if w["state"] == "wrong" and w["key"] not in result.doubts:
                undoubted.append(f"{case.id}:{w['key']} {w['gold']}→{w['found']}")
    s = summarize(docs)
    queue.put({
        "reports": len(docs), "nonzero_right": sum(d["nonzero_right"] for d in docs),
        "nonzero": sum(d["nonzero_cells"] for d in docs), "right": sum(d["right"] for d in docs),
        "cells": sum(d["cells"] for d in docs), "undoubted": undoubted,
        "wrong_verified": s["routing"]["wrong_verified"], "wrong_verified_docs": s["routing"]["wrong_verified_docs"],
        "status": s["status"], "pages": pages, "seconds": seconds, "cpu": cpu,
        "ocr_pages": len(ocr_cpu), "ocr_cpu": sum(ocr_cpu), "ocr_cpu_max": max(ocr_cpu, default=0.0),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "wrong": {d["id"]: [f"{w['key']} {w['gold']}→{w.get('found')}" for w in d["wrong"]] for d in docs if d["wrong"]},
    })


def _count_ocr_pages() -> list[float]:
    """The CPU seconds of each page (or strip of a tall image) the OCR reads in this process,
    filled in as they are read: the recogniser's own call (`_recognise.ocr_image`) timed, whatever
    loader calls it."""
    from extractor.load import _recognise, ocr

    took: list[float] = []
    inner = _recognise.ocr_image

    def timed(*args: Any, **kwargs: Any) -> Any:
        c0 = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            took.append(time.process_time() - c0)

    _recognise.ocr_image = timed  # the PDF loader looks it up at each page
    ocr.ocr_image = timed  # the image loader imported it by name
    return took


def _pages(path: Path) -> int:
    if path.suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        n = len(pdf)
        pdf.close()
        return n
    return 1


def score_levels(out: Path, levels: tuple[str, ...], formats: tuple[str, ...], engine: str = "layout",
                 verbose: bool = False) -> list[dict[str, Any]]:
    rows = []
    ctx = multiprocessing.get_context("spawn")  # a fresh process: its maxrss is this group's alone
    for lv in levels:
        for fmt in formats:
            suffix = "image" if fmt == "image" else "pdf"
            paths = sorted(str(p) for p in out.glob(f"*__scan-{lv}.{suffix}.gold.json"))
            if not paths:
                continue
            q = ctx.Queue()
            p = ctx.Process(target=_score_group, args=(paths, engine, q))
            p.start()
            r = q.get()
            p.join()
            r.update(level=lv, format=fmt)
            rows.append(r)
            _print_row(r)
            if verbose:
                for doc, wrong in r["wrong"].items():
                    print(f"#   {doc}: {len(wrong)} off: {', '.join(wrong)}", file=sys.stderr)
    return rows


HEADER = ("level\tformat\treports\tnon-zero right\tcells right\twrong, no doubt\twrong but verified"
          "\ts/page (wall)\ts/page (CPU)\tOCR'd pages\tCPU s/OCR'd page (mean, max)\tpeak MB")


def _print_row(r: dict[str, Any]) -> None:
    if not getattr(_print_row, "done", False):
        print(HEADER)
        _print_row.done = True  # type: ignore[attr-defined]
    nz = 100 * r["nonzero_right"] / r["nonzero"] if r["nonzero"] else 0.0
    print(f"{r['level']}\t{r['format']}\t{r['reports']}\t{nz:.2f}% ({r['nonzero_right']}/{r['nonzero']})"
          f"\t{r['right']}/{r['cells']}\t{len(r['undoubted'])}\t{r['wrong_verified']}"
          f"\t{r['seconds'] / max(r['pages'], 1):.1f}\t{r['cpu'] / max(r['pages'], 1):.1f}"
          f"\t{r.get('ocr_pages', 0)}\t{r.get('ocr_cpu', 0.0) / max(r.get('ocr_pages', 0), 1):.1f}, "
          f"{r.get('ocr_cpu_max', 0.0):.1f}\t{r['maxrss_mb']:.0f}", flush=True)
    for u in r["undoubted"][:10]:
        print(f"#   wrong, no doubt: {u}", file=sys.stderr)
    for d in r["wrong_verified_docs"]:
        print(f"#   WRONG BUT VERIFIED: {d}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("make", "score"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", default=",".join(DEFAULT_ONLY), help="comma-separated name prefixes of gold files")
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--formats", default="image,pdf", help="image, pdf or both")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--engine", default="layout")
    ap.add_argument("-v", "--verbose", action="store_true", help="list each report's cells not read right")
    args = ap.parse_args()
    only = tuple(x for x in args.only.split(",") if x)
    levels = tuple(args.levels.split(","))
    if args.what == "make":
        paths = generate(args.out, only=only, levels=levels, seed=args.seed)
        print(f"wrote {len(paths)} scans with their gold files into {args.out}")
        return
    if ensure(args.out, only, levels, args.seed):
        print(f"# generated the scans into {args.out}", file=sys.stderr)
    score_levels(args.out, levels, tuple(args.formats.split(",")), args.engine, verbose=args.verbose)


if __name__ == "__main__":
    main()
