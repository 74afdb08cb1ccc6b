"""表三 printed labels first, each row's numbers after them all (probe labels-then-rows /
labels-then-columns), in a report whose own print breaks a row total: no reading of the order
keeps the totals, so each cell is null with every value a reading gives it (the printed one among
them), never a missing row with no candidate, never a value."""

from __future__ import annotations

from _text_report import KEYS, T2, T3_HEAD, T3_ROWS, read_text

NAMES = ("new", "carried_over", "granted", "partial", "total", "carried_forward")
HEAD = "\t\t申请人情况\n\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"


def _labels_then_rows(rows) -> str:
    labels = "".join(label.split("\t")[-1] + "\n" for label, _ in rows)
    return T3_HEAD + HEAD + "三、本年度办理结果\n" + labels + "".join("  ".join(map(str, n)) + "\n" for _, n in rows)


def test_labels_first_rows_read_when_the_totals_close(tmp_path):
    reading, flat = read_text(tmp_path, T2 + _labels_then_rows(T3_ROWS))
    for (_, nums), name in zip(T3_ROWS, NAMES):
        assert [flat[f"requests.{name}.{k}"] for k in KEYS] == nums, name


def test_labels_first_rows_with_a_broken_total_are_doubts_holding_the_print(tmp_path):
    rows = [(label, list(nums)) for label, nums in T3_ROWS]
    rows[0][1][6] += 1  # the report prints 25 for a row summing to 24
    reading, flat = read_text(tmp_path, T2 + _labels_then_rows(rows))
    for (_, nums), name in zip(rows, NAMES):
        for k, n in zip(KEYS, nums):
            key = f"requests.{name}.{k}"
            assert flat[key] is None, key  # no layout is sure: never a value
            doubt = reading.doubts[key]
            assert doubt.reason == "row_total_broken" and n in doubt.candidates, (key, doubt)
