"""docs/data.md: its export commands and pandas recipe run against an export of eval/real, and its
table of cells per format agrees with the catalogue."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractor import catalogue
from extractor.cli import app

from _pandas_load import TEXT

DOC = Path(__file__).resolve().parents[1] / "docs" / "data.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_recipe_runs_on_an_export_of_eval_real(real_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = real_store.url.removeprefix("sqlite:///")
    commands = [line.split("#")[0].strip() for block in _blocks("sh") for line in block.splitlines()
                if line.startswith("xxgk export")]
    assert len(commands) >= 6
    for command in commands:
        res = CliRunner().invoke(app, [*shlex.split(command)[1:], "--db", db])
        assert res.exit_code == 0, (command, res.output)
    namespace: dict = {}
    code = _blocks("python")
    assert len(code) >= 4
    for block in code:
        exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102 - our own documentation
    assert namespace["TEXT"] == TEXT  # the docs read exports the way the tests do
    pivot = namespace["pivot"]
    assert isinstance(pivot, pd.DataFrame) and "洪泽区人民政府" in pivot.index and 2023 in pivot.columns
    assert set(namespace["settled"].state) <= {"read", "blank", "edited", "model"}
    assert set(namespace["unsure"].state) <= {"doubt", "missing"}
    one = namespace["one"]
    assert len(one) < len(namespace["reports"])  # eval/real holds one report twice (or more)


def test_the_side_by_side_table_counts_what_the_catalogue_holds():
    text = DOC.read_text(encoding="utf-8").split("## 2019 and 2021 side by side", 1)[1]
    rows = re.findall(r"^\| (表[二三四]) \| (\d+) \| (\d+) \| (\d+) \|$", text, flags=re.M)
    assert [r[0] for r in rows] == ["表二", "表三", "表四"]
    section = {"表二": "二", "表三": "三", "表四": "四"}
    for table, both, only19, only21 in rows:
        fields = [f for f in catalogue.fields() if f.section == section[table]]
        counts = [sum(1 for f in fields if f.templates == t) for t in (("2019", "2021"), ("2019",), ("2021",))]
        assert [int(both), int(only19), int(only21)] == counts, table


@pytest.mark.parametrize("key", sorted(set(re.findall(r"`((?:active|requests|review|litigation_\w+)\.[\w.<>]+)`",
                                                       DOC.read_text(encoding="utf-8")))))
def test_every_key_the_doc_names_exists(key):
    pattern = re.escape(key).replace(re.escape("<column>"), r"\w+")
    names = [c for f in catalogue.fields() for c in (f.key, f.key + "_wan")]
    assert any(re.fullmatch(pattern, n) for n in names), key
