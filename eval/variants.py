"""Generate the variants of the real labelled reports (same as `xxgk eval variants`).

    python eval/variants.py [--out eval/variants] [--seed N]

The generator itself is `extractor.evaluation.variants`; `xxgk eval --set variants` runs it on
demand when eval/variants/ is missing or stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.evaluation import generate, load_set  # noqa: E402
from extractor.evaluation.variants import DEFAULT_SEED  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "variants")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    cases = load_set(ROOT / "eval" / "real")
    paths = generate(cases, args.out, seed=args.seed)
    print(f"wrote {len(paths)} variants (real reports re-rendered, and the failure families) to {args.out}")


if __name__ == "__main__":
    main()
