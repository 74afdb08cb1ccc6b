#!/usr/bin/env python3
"""What last year's report of the same body tells the reviewer, measured on the labelled sets.

    python eval/prior_evidence.py                 # eval/real and eval/variants
    python eval/prior_evidence.py --restated      # last year's figures off by one (a body that restated)

For every labelled report, "last year's reading" is made from its own gold: 结转下年度 = this
year's 上年结转, and 现行有效件数 (对外公开总数量) = this year's less what this year added. The
report is then read alone and with that reading in a `Priors` book (as a batch holding both years
would). Last year's figures only order an undecided cell's candidates (they never settle it), so
the measure is how often the first candidate is the truth, alone and with last year's reading.
`--restated` shifts last year's figures by one, as a body that restated them would print: no
reading should agree then, and one that does agrees by chance.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import catalogue  # noqa: E402
from extractor.engines.layout import LayoutEngine  # noqa: E402
from extractor.evaluation.gold import load_set, same  # noqa: E402
from extractor.flat import to_flat  # noqa: E402
from extractor.load import load  # noqa: E402
from extractor.priors import Priors  # noqa: E402


def last_year(case, shift: int) -> dict:
    """Last year's settled cells as this year's gold implies them (shifted by `shift`)."""
    f, out = case.fields, {}
    for col in catalogue.APPLICANT_COLUMNS:
        v = f.get(f"requests.carried_over.{col}")
        if v is not None:
            out[f"requests.carried_forward.{col}"] = v + shift
    for row in ("regulations", "normative"):
        if case.template == "2021":
            key, now = f"active.{row}.in_force", [f.get(f"active.{row}.{k}") for k in ("in_force", "issued", "repealed")]
            if None not in now:
                out[key] = now[0] - now[1] + now[2] + shift
        elif case.template == "2019":
            key, now = f"active.{row}.total", [f.get(f"active.{row}.{k}") for k in ("total", "published")]
            if None not in now:
                out[key] = now[0] - now[1] + shift
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--restated", action="store_true", help="last year's figures off by one")
    args = ap.parse_args()
    tally: Counter = Counter()
    for set_name in ("real", "variants"):
        for case in load_set(ROOT / "eval" / set_name, set_name=set_name):
            if not case.is_report or case.year is None or not case.organ:
                continue
            doc = load(str(case.report))
            alone = LayoutEngine().read(doc)
            if alone.record is None:
                continue
            before = to_flat(alone.record)
            book = Priors()
            book.add("last-year", alone.record.organ or case.organ, case.year - 1, case.template,
                     last_year(case, 1 if args.restated else 0))
            with_prior = LayoutEngine(priors=book).read(doc)
            after = to_flat(with_prior.record)
            for key, gold in case.fields.items():
                if before.get(key) is not None:
                    if not same(after.get(key), before[key]):
                        tally[set_name, "changed a settled cell"] += 1
                    continue
                tally[set_name, "undecided"] += 1
                if after.get(key) is not None:
                    tally[set_name, "settled (must be 0)"] += 1
                for name, reading in (("alone", alone), ("with last year", with_prior)):
                    doubt = reading.doubts.get(key)
                    if doubt is not None and doubt.candidates and same(doubt.candidates[0], gold):
                        tally[set_name, f"first candidate true, {name}"] += 1
    print(f"last year's figures: {'off by one (restated)' if args.restated else 'as this year implies'}")
    for set_name in ("real", "variants"):
        row = {k[1]: v for k, v in tally.items() if k[0] == set_name}
        print(f"{set_name:9} " + ", ".join(f"{k}: {row.get(k, 0)}" for k in (
            "undecided", "first candidate true, alone", "first candidate true, with last year",
            "settled (must be 0)", "changed a settled cell")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
