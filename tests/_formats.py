"""Access to `eval/make_formats.py` (which writes a seed report as HTML/PDF/Word/PNG) for tests."""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


@cache
def make_formats() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_formats", ROOT / "eval" / "make_formats.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_formats"] = mod  # dataclasses look their module up while it is executed
    spec.loader.exec_module(mod)
    return mod


def cjk_font_or_skip() -> str:
    """The CJK TrueType font scans are drawn with, or a skip saying what to install: without one
    a page rendered for OCR (a scan, or a PDF whose text layer cannot be decoded) loses its text."""
    import pytest

    try:
        return make_formats().find_font()
    except FileNotFoundError as e:
        pytest.skip(str(e))


def gold(seed: str) -> dict:
    path = next((ROOT / "eval" / "real").rglob(f"{seed}_*.gold.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def same_numbers(fields: dict, expected: dict) -> list[str]:
    """Keys whose value differs from the gold label (numbers compared as numbers)."""
    bad = []
    for k, v in expected.items():
        got = fields.get(k)
        if v is None or got is None:
            if v != got:
                bad.append(k)
        elif float(got) != float(v):
            bad.append(k)
    return bad
