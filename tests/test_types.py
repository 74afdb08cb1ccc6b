"""Types: `mypy` (configured in pyproject.toml's [tool.mypy]) passes on extractor, rules and prompts.

CI runs only pytest, so this test is what keeps the type checker passing. A cold run takes about a
minute; mypy's cache lives in pytest's cache folder, so a second run on the same checkout is quicker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_type_checker_passes(pytestconfig, monkeypatch, tmp_path):
    try:
        from mypy import api
    except ImportError:
        pytest.fail("mypy is not installed (pip install -e '.[test]')")
    # pytest's cache folder when its cache plugin is on (`-p no:cacheprovider` turns it off)
    cache = pytestconfig.cache.mkdir("mypy") if getattr(pytestconfig, "cache", None) is not None else tmp_path
    monkeypatch.chdir(ROOT)  # the config's `packages` are found from the repository's root
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(cache)])
    assert status == 0, f"mypy found errors (`mypy` in the repository's root shows them):\n{out}{err}"
