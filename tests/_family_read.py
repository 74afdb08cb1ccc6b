"""Read a generator family's pages as the eval does: each page written with its gold, read by the
layout engine, scored. Shared by the round tests that check a new family end to end."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.engines.layout import LayoutEngine
from extractor.evaluation import load_set
from extractor.evaluation.families import FAMILIES, build, gold
from extractor.evaluation.gold import load_gold
from extractor.evaluation.metrics import score
from extractor.pipeline import extract_path

from conftest import EVAL_REAL

_ENGINE = LayoutEngine()


def family_readings(tmp_path: Path, name: str, n: int = 8, seed: int = 7):
    """Yield (page, result, score) for the first `n` pages of family `name`, after checking the two
    promises on each: no cell decided wrong (undecided with the gold is allowed), and `verified`
    only when exact."""
    family = next(f for f in FAMILIES if f.name == name)
    real = load_set(EVAL_REAL)
    for i in range(n):
        d, page, found = build(family, real, seed, i)
        path = tmp_path / f"{i:03d}{page.suffix}"
        path.write_text(page.text, encoding="utf-8")
        g = tmp_path / f"{i:03d}.gold.json"
        g.write_text(json.dumps(gold(d, page, found, path.name, seed), ensure_ascii=False), encoding="utf-8")
        result = extract_path(str(path), _ENGINE)
        s = score(load_gold(g, set_name="variants"), result)
        assert not [e for e in s["wrong"] if e["state"] != "undecided"], (page.damage, s["wrong"][:3])
        assert result.status != "verified" or s["exact"]
        yield page, result, s
