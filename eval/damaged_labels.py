#!/usr/bin/env python3
"""A labelled set the layout reader cannot finish alone: real reports with one 表三 label damaged.

    python eval/damaged_labels.py /tmp/damaged            # writes /tmp/damaged/real/… (+ gold)
    xxgk eval --eval-dir /tmp/damaged --engine auto --model M --base-url URL --name damaged

Each real report whose 表三 prints a given row label once gets that label damaged as OCR damages
print (characters dropped, swapped for look-alikes, spaced out), so the reader cannot find the
row: its cells are unread (a doubt with no candidate). Nothing else changes, and the gold is the
report's own: a careful reader still reads the row by its place between the rows around it.
This is the case `auto`'s checked questions are for: the model reads the row, and the table's
identities decide whether its answer stands.

Since round 5 the layout reader finds a row whose label is one edit (two for a label of ten
characters or more) from exactly one format label (`layout/labels.py`, `_near`): of these
damages it reads 予 以 公升 and 本机关不掌捱相关政府信忌 itself; 部份公幵 (two edits in four
characters) stays unread, as it should. On 2026-11-30 the layout engine read 13 of the 33
damaged copies exactly (main before: 0, with 9 wrong cells; now 0 wrong). The layout side of
label damage is probed with many more damages by `eval/probe_unseen.py --family label-typos`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: printed label → what OCR made of it (look-alike characters, a dropped character, spacing)
DAMAGE = {
    "予以公开": "予 以 公升",
    "部分公开": "部份公幵",
    "本机关不掌握相关政府信息": "本机关不掌捱相关政府信忌",
    "结转下年度继续办理": "结 转下年渡继续力理",
}


def write(out: Path) -> int:
    reports = ROOT / "eval" / "real"
    target = out / "real"
    if target.exists():
        shutil.rmtree(target)
    written = 0
    manifest = {}
    for gold_path in sorted(reports.rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = gold_path.with_name(gold["doc"])
        if source.suffix != ".txt":
            continue
        text = source.read_text(encoding="utf-8")
        label = next((k for k in DAMAGE if text.count(k) == 1), None)
        if label is None:
            continue
        rel = source.relative_to(reports)
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text.replace(label, DAMAGE[label]), encoding="utf-8")
        gold["notes"] = f"{gold.get('notes', '')} Damaged copy: 表三 label {label!r} printed {DAMAGE[label]!r}."
        (target / rel.with_name(gold_path.name)).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                            encoding="utf-8")
        manifest[rel.as_posix()] = {"family": "damaged-label", "input_format": "txt"}
        written += 1
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    n = write(ap.parse_args().out)
    print(f"wrote {n} damaged reports")


if __name__ == "__main__":
    main()
