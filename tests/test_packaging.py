"""A plain, non-editable install works: build the wheel, install it in a fresh venv, and run the
CLI from outside the repository (package data: fields.tsv, prompts, templates)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import EVAL_REAL

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractor", "rules", "prompts")

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the project installed from its wheel; returns the venv's bin folder
    (the sources the wheel was built from are in `../../src`)."""
    tmp = tmp_path_factory.mktemp("pkg")
    # Build from a copy, so that the build leaves no build/ or *.egg-info in the working tree.
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "setup.cfg"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, src / package, ignore=ignore)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", src, cwd=tmp)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = (tmp / "dist").glob("xxgk_extractor-*.whl")

    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    got = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp)
    assert got.returncode == 0, got.stdout[-3000:] + got.stderr[-3000:]
    # Dependencies come from the dev venv, as a plain path entry: its .pth files (the editable
    # install of this project among them) are not processed, so the project comes from the wheel.
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip())
    (site / "zz_dev_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv / "bin"


@pytest.fixture
def outside(tmp_path) -> Path:
    work = tmp_path / "elsewhere"
    work.mkdir()
    return work


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "XXGK_"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if "venv" not in p)
    return env


def test_project_comes_from_the_wheel_with_its_data(installed, outside):
    code = (
        "import json, extractor, rules, prompts; "
        "print(json.dumps([extractor.__file__, rules.__file__, prompts.__file__]))"
    )
    got = run(installed / "python", "-c", code, cwd=outside, env=clean_env())
    assert got.returncode == 0, got.stderr
    for path in json.loads(got.stdout):
        assert str(installed.parent) in path and str(ROOT) not in path, path
    site = Path(json.loads(got.stdout)[0]).parents[1]
    # every module and data file of the packages built (catalogue, prompts, templates …) is installed
    src = installed.parents[1] / "src"
    for package in PACKAGES:
        for f in (src / package).rglob("*"):
            if f.is_file():
                assert (site / f.relative_to(src)).is_file(), f"{f.relative_to(src)} is not in the wheel"


def test_cli_runs_outside_the_repository(installed, outside):
    env = clean_env()
    helped = run(installed / "xxgk", "--help", cwd=outside, env=env)
    assert helped.returncode == 0 and "extract" in helped.stdout and "check" in helped.stdout, helped.stderr

    gold = shutil.copy2(EVAL_REAL / "seeds" / "000_b232cca7e491c758.gold.json", outside)
    checked = run(installed / "xxgk", "check", "--json", gold, cwd=outside, env=env)
    assert checked.returncode == 1, checked.stderr
    violations = [json.loads(line) for line in checked.stdout.splitlines()]
    rules_found = sorted(v["rule"] for v in violations if v["severity"] == "error")
    assert rules_found == ["outcome_sum:requests.natural", "outcome_sum:requests.total"]

    report = shutil.copy2(EVAL_REAL / "seeds" / "003_1b7ac8ccf42148d8.txt", outside)
    extracted = run(installed / "xxgk", "extract", "--engine", "layout", "--no-store", report, cwd=outside, env=env)
    assert extracted.returncode == 0, extracted.stderr[-3000:]
    (line,) = [json.loads(x) for x in extracted.stdout.splitlines() if x.strip()]
    assert line["status"] != "failed" and line["template"] == "2019" and line["fields"]["requests.new.total"] == 20
