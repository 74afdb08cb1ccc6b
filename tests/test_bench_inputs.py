"""`xxgk bench --inputs`: pages per second of each loader, by input kind."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from extractor.bench_inputs import bench_inputs
from extractor.cli import app

from _formats import make_formats
from conftest import EVAL_REAL


def test_each_input_kind_gets_its_pages_and_seconds_and_a_broken_file_is_listed(tmp_path):
    pdf = make_formats().make_all("003", tmp_path, formats=("pdf",))["pdf"]
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    figures = {f.kind: f for f in bench_inputs([str(EVAL_REAL / "seeds"), str(pdf), str(tmp_path / "broken.txt")])}
    assert figures["txt"].files == 5 and figures["txt"].pages == 5
    assert figures["pdf"].files == 1 and figures["pdf"].pages >= 2  # the seed's three tables take pages
    assert figures["pdf"].seconds > 0 and figures["pdf"].pages_per_second > 0
    assert figures["pdf"].pages_per_second < figures["txt"].pages_per_second  # a PDF page costs more
    assert len(figures["failed"].failed) == 1 and "broken.txt" in figures["failed"].failed[0]


def test_the_cli_prints_pages_per_second_per_kind():
    out = CliRunner().invoke(app, ["bench", "--inputs", "--json", str(EVAL_REAL / "seeds")])
    assert out.exit_code == 0, out.output
    [line] = [json.loads(x) for x in out.stdout.splitlines()]
    assert line["kind"] == "txt" and line["files"] == 5 and line["pages_per_second"] > 0
