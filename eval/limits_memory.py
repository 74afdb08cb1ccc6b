"""Peak memory of the largest input each loader accepts (`extractor/load/limits.py`).

    python eval/limits_memory.py make /tmp/limits            # one file per loader, just under its limits
    /usr/bin/time -v python eval/limits_memory.py load /tmp/limits/max.docx   # "Maximum resident set size"

Every file holds seed 003's report (as eval/make_formats.py writes it) repeated up to the limit,
so the figures are those of real content, not of a degenerate file that packs or parses cheaply.
"""

from __future__ import annotations

import io
import re
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from extractor.load import limits  # noqa: E402


def _repeat_to(unit: str, budget: int) -> int:
    return max(1, (budget - 4096) // len(unit.encode("utf-8")))


def make(out: Path) -> None:
    import make_formats as mf
    from PIL import Image
    from reportlab.pdfgen import canvas

    out.mkdir(parents=True, exist_ok=True)
    base = mf.make_all("003", out / "base", formats=("html", "docx", "png"))
    report, _ = mf.seed_files("003")
    text = report.read_text(encoding="utf-8")
    (out / "max.txt").write_text(text * _repeat_to(text, limits.MAX_TEXT_BYTES), encoding="utf-8")

    page = base["html"].read_text(encoding="utf-8")
    head, body, tail = re.match(r"(?s)(.*<body[^>]*>)(.*)(</body>.*)", page).groups()
    (out / "max.html").write_text(head + body * _repeat_to(body, limits.MAX_HTML_BYTES - len(page)) + tail,
                                  encoding="utf-8")

    src = zipfile.ZipFile(base["docx"])
    xml = src.read("word/document.xml").decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.rindex("<w:sectPr")
    inner = xml[start:end]
    big = xml[:start] + inner * _repeat_to(inner, limits.MAX_DOCX_XML_PART - len(xml)) + xml[end:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item.filename, big if item.filename == "word/document.xml" else src.read(item.filename))
    (out / "max.docx").write_bytes(buf.getvalue())

    blocks = mf.report_blocks(mf.seed_files("003")[1], text[:2000])
    mf.write_pdf(blocks * 140, out / "max.pdf")

    img = Image.open(base["png"])
    k = (limits.MAX_IMAGE_PIXELS * 0.99 / (img.width * img.height)) ** 0.5
    img.resize((int(img.width * k), int(img.height * k))).save(out / "max.png")

    c = canvas.Canvas(str(out / "poster_scan.pdf"), pagesize=(6000, 14000))  # 2 m × 5 m
    c.drawImage(str(base["png"]), 0, 0, 6000, 14000)
    c.save()
    for p in sorted(out.glob("max*")) + [out / "poster_scan.pdf"]:
        print(f"{p.name}: {p.stat().st_size / limits.MB:.1f} MB")


def load_one(path: str) -> None:
    from extractor.load import load

    t0 = time.perf_counter()
    doc = load(path)
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{Path(path).name}: {len(doc.text):,} characters, {len(doc.tables)} tables, "
          f"{doc.pages or '-'} pages; {took:.1f} s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "load"):
        raise SystemExit(__doc__)
    make(Path(sys.argv[2])) if sys.argv[1] == "make" else load_one(sys.argv[2])
