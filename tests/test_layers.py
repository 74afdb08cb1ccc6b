"""Layers: lower modules never import higher ones (import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    command = str(exe) if exe.exists() else shutil.which("lint-imports")
    if command is None:
        pytest.fail("lint-imports is not installed (pip install -e '.[test]')")
    return subprocess.run([command, "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_import_contracts_are_kept():
    run = lint_imports()
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "broken" in run.stdout and "0 broken" in run.stdout


def test_a_broken_contract_is_caught(tmp_path):
    """The check is not vacuous: the CLI does import the pipeline, so forbidding it must fail."""
    config = tmp_path / "contracts.ini"
    config.write_text(
        "[importlinter]\nroot_packages =\n    extractor\n    rules\n\n"
        "[importlinter:contract:cli]\nname = cli without pipeline\ntype = forbidden\n"
        "source_modules =\n    extractor.cli\nforbidden_modules =\n    extractor.pipeline\n",
        encoding="utf-8",
    )
    run = lint_imports("--config", str(config))
    assert run.returncode != 0 and "BROKEN" in run.stdout.upper()
