"""No document is silently skipped: hidden names only below the folder named, `..` and
folders under `~/.cache` work, an unreadable folder or a broken link gets a `failed` line,
and the batch says what it passed over and why."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

from conftest import seed_cases
from extractor.cli import app
from extractor.errors import InputError
from extractor.load import IGNORE_MARKER, expand, load, walk
from extractor.pipeline import extract_paths
from gold_engine import GoldEngine

runner = CliRunner()


def reports(folder) -> list[str]:
    """The five seeds with their labels in `folder`; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for report, _ in seed_cases():
        shutil.copy(report, folder / report.name)
        gold = report.with_name(report.name.rsplit(".", 1)[0] + ".gold.json")
        shutil.copy(gold, folder / gold.name)
        out.append(str(folder / report.name))
    return sorted(out)


def test_a_parent_named_with_dots_is_walked(tmp_path, monkeypatch):
    found = reports(tmp_path / "reports")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert expand(["../reports"]) == [os.path.join("..", "reports", os.path.basename(p)) for p in found]
    assert expand([str(tmp_path / "work" / ".." / "reports")]) == [
        str(tmp_path / "work" / ".." / "reports" / os.path.basename(p)) for p in found]


def test_a_folder_under_a_hidden_folder_is_walked(tmp_path):
    found = reports(tmp_path / ".cache" / "xxgk" / "reports")
    assert expand([str(tmp_path / ".cache" / "xxgk" / "reports")]) == found
    assert expand([str(tmp_path / ".cache")]) == found  # the user named it: nothing above it is hidden


def test_hidden_names_below_the_named_folder_are_passed_over_and_said(tmp_path):
    found = reports(tmp_path / "r")
    (tmp_path / "r" / ".git").mkdir()
    (tmp_path / "r" / ".git" / "x.txt").write_text("x")
    (tmp_path / "r" / ".draft.txt").write_text("x")
    (tmp_path / "r" / "README.md").write_text("x")
    (tmp_path / "r" / "runs").mkdir()
    (tmp_path / "r" / "runs" / IGNORE_MARKER).write_text("")
    (tmp_path / "r" / "runs" / "run.md").write_text("x")
    got = walk([str(tmp_path / "r")])
    assert got.paths == found
    assert sorted(got.skipped["hidden"]) == [str(tmp_path / "r" / ".draft.txt"), str(tmp_path / "r" / ".git")]
    assert got.skipped["not a report (readme, sources, licence, changelog)"] == [str(tmp_path / "r" / "README.md")]
    assert got.skipped[f"tool output (holds {IGNORE_MARKER})"] == [str(tmp_path / "r" / "runs")]
    assert len(got.skipped["not a supported type"]) == 5  # the .gold.json labels


def test_a_broken_link_is_a_failed_line_naming_it(tmp_path):
    found = reports(tmp_path / "r")
    dead = tmp_path / "r" / "dead.txt"
    dead.symlink_to(tmp_path / "gone.txt")
    assert str(dead) in expand([str(tmp_path / "r")])
    with pytest.raises(InputError, match="broken symbolic link") as e:
        load(dead)
    assert e.value.path == str(dead) and "gone.txt" in str(e.value)
    results = {r.path: r for r in extract_paths([str(tmp_path / "r")], GoldEngine())}
    assert results[str(dead)].status == "failed" and str(dead) in results[str(dead)].error
    assert all(results[p].status != "failed" for p in found)


def test_an_unreadable_folder_is_a_failed_line_naming_it(tmp_path, monkeypatch):
    found = reports(tmp_path / "r")
    locked = tmp_path / "r" / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert expand([str(tmp_path / "r")]) == sorted(found + [str(locked)])
    with pytest.raises(InputError, match="cannot read the folder.*Permission denied") as e:
        load(locked)
    assert e.value.path == str(locked)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder: chmod cannot lock one")
def test_a_folder_without_read_permission_is_a_failed_line(tmp_path):
    reports(tmp_path / "r")
    locked = tmp_path / "r" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert str(locked) in expand([str(tmp_path / "r")])
    finally:
        locked.chmod(0o755)


def test_extract_of_a_parent_folder_reads_it_and_lists_what_it_passed_over(tmp_path, monkeypatch):
    import extractor.cli.extract as cli_extract

    monkeypatch.setattr(cli_extract, "get_engine", lambda name, **kw: GoldEngine())
    reports(tmp_path / "reports")
    (tmp_path / "reports" / ".notes.txt").write_text("x")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    result = runner.invoke(app, ["extract", "--no-store", "../reports"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 5
    said = " ".join(result.stderr.split())
    assert "5 documents" in said
    assert "passed over 6 files" in said
    assert "5 not a supported type" in said and "1 hidden" in said
    assert os.path.join("..", "reports", ".notes.txt") in said
