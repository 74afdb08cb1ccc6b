"""Splitting digit runs, reading printed numbers, and the timing harness of the layout reader.

(The solver itself is tested against brute force in test_layout_solve.py.)"""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import EVAL_REAL
from extractor.bench import bench, load_all
from extractor.engines.layout import LayoutEngine
from extractor.engines.layout._cells import parse_number, tokenize
from extractor.engines.layout._cells import Cell
from extractor.engines.layout.labels import table4_keys
from extractor.engines.layout.cellvalue import part_value
from extractor.engines.layout.rowread import inside
from extractor.engines.layout.solve import pieces, row_readings

ROW = tuple(f"requests.new.{c}" for c in ("natural", "commercial", "research", "nonprofit", "legal_service",
                                          "other_org", "total"))


def splits(run: str, keys) -> set[tuple]:
    """The values of every reading of one run of digits as the cells `keys`, under their identities."""
    got = row_readings(keys, pieces([Cell("num", run, 0, len(run))]), inside(tuple(keys), "2021"), value=part_value)
    return {tuple(r.value for r in reading) for reading in got.readings}


def test_row_run_has_one_split_whose_parts_sum_to_the_total():
    assert splits("263000029", ROW) == {(26, 3, 0, 0, 0, 0, 29)}


def test_row_run_with_two_splits_keeps_both():
    assert splits("270020130", ROW) == {(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)}


def test_no_number_starts_with_zero_and_no_split_at_a_decimal_point():
    made = ("active.regulations.issued", "active.regulations.repealed", "active.regulations.in_force")
    assert splits("000", made) == {(0, 0, 0)}
    buy = ("active.procurement.items", "active.procurement.amount")
    assert (13, Decimal("575394432.52")) in splits("13575394432.52", buy)
    assert all(isinstance(items, int) for items, _ in splits("1.52", buy))
    assert splits("1.5", made[:2]) == set()  # a count cannot hold a decimal point


def test_appeals_run_split_by_group_totals():
    assert splits("10203120001200000", table4_keys()) == {(1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)}


@pytest.mark.parametrize("text,value,plain", [
    ("0", Decimal(0), True), ("18,390", Decimal(18390), False), ("+5", Decimal(5), False),
    ("-14", Decimal(-14), False), ("１２", Decimal(12), False), ("21.53万元", Decimal("21.53"), False),
    ("251000元", Decimal(251000), False), ("232.4586", Decimal("232.4586"), True),
])
def test_printed_numbers(text, value, plain):
    n = parse_number(text)
    assert n is not None and n.value == value and n.plain is plain


def test_not_numbers():
    assert parse_number("本年增/减") is None and parse_number("1.属于") is None


def test_enumerator_glued_to_the_previous_rows_digits_goes_back_to_its_label():
    text = "8.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息00000002.没有现成信息"
    cells = tokenize(text, 0, len(text))
    assert [(c.kind, c.text) for c in cells] == [
        ("text", "8.属于行政查询事项"), ("num", "0000000"), ("text", "（四）无法提供"), ("text", "1.本机关不掌握相关政府信息"),
        ("num", "0000000"), ("text", "2.没有现成信息")]


def test_page_footers_and_markdown_rules_are_not_cells():
    text = "规章 1 0 11\n- 4 -\n— 3 —\n第 2 页\n|---|---|\n行政许可 5\n"
    nums = [c.text for c in tokenize(text, 0, len(text)) if c.kind == "num"]
    assert nums == ["1", "0", "11", "5"]


def test_bench_reads_and_times_every_report():
    docs, load_ms = load_all([str(EVAL_REAL / "seeds")])
    assert len(docs) == 5 and load_ms > 0
    result = bench(docs, LayoutEngine(), repeat=2, warmup=0)
    assert result.runs == 10 and len(result.latencies_ms) == 10
    assert result.per_second > 0 and result.per_cpu_second > 0
    assert "reports/s" in result.summary()
    # one CPU time per round; the fastest round is at least the mean rate
    assert len(result.rounds) == 2 and abs(sum(result.rounds) - result.cpu_seconds) < 0.05
    assert result.best_per_second >= result.per_cpu_second * 0.99


def test_numbers_inside_labels_are_label_text():
    text = "（本列数据的勾稽关系为：第1项加第2项之和）\n第二十条第(1)项\n（1）属于国家秘密 3 0 0 0 0 0 3\n"
    nums = [c.text for c in tokenize(text, 0, len(text)) if c.kind == "num"]
    assert nums == ["3", "0", "0", "0", "0", "0", "3"]


def test_bench_command_prints_its_figures_as_json():
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    out = CliRunner().invoke(app, ["bench", str(EVAL_REAL / "seeds"), "-n", "1", "--json", "--all-cores"])
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)
    assert figures["documents"] == 5 and figures["runs"] == 5 and figures["reports_per_second"] > 0
    assert figures["fastest_round_reports_per_cpu_second"] > 0
