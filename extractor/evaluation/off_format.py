"""Reports off the national format, as departments publish them: the quirks, one function each.

Seen in published reports: a 2021 report printed in the 2019 format (the format must then be
read from the tables, not from the year), no 规章 row (a department without legislative power
leaves it out; its cells are 0), （六）2 and 3 printed with their labels but no numbers (0),
typos in labels (行政法复议, 上年转结, 先行有效件数, 本公开数量), and a report sent as a letter
(`…局关于报送2020年政府信息公开工作年度报告的函`, addressed `区管委会办公室：`), whose organ is
the sender. Each quirk changes the cell model of `_tables` or the values, never a number's print.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from .. import catalogue
from ._tables import Cell, Table

QUIRKS = ("late-2019-format", "no-regulations-row", "empty-other-rows", "label-typos", "letter")
#: label as printed in the format → the typo published reports carry, and the version it occurs in
TYPOS = {
    "行政复议": ("行政法复议", ("2019", "2021")),
    "二、上年结转政府信息公开申请数量": ("二、上年转结政府信息公开申请数量", ("2019", "2021")),
    "现行有效件数": ("先行有效件数", ("2021",)),
    "本年新公开数量": ("本公开数量", ("2019",)),
}
#: 2021's （六） rows that some reports print with a label and no numbers
EMPTY_OTHER_ROWS = ("other_unpaid_fee", "other_misc")


def applicable(quirk: str, template: str) -> bool:
    return quirk != "empty-other-rows" or template == "2021"


def zero_regulations(values: dict[str, Any]) -> dict[str, Any]:
    """Values of a department that prints no 规章 row: its cells are 0."""
    return {k: (0 if k.startswith("active.regulations.") else v) for k, v in values.items()}


def zero_other_rows(values: dict[str, Any]) -> dict[str, Any]:
    """2021 values whose （六）2 and 3 rows are 0: their requests counted as 予以公开 instead
    (so every identity still holds)."""
    out = dict(values)
    for row in EMPTY_OTHER_ROWS:
        for col in catalogue.APPLICANT_COLUMNS:
            out[f"requests.granted.{col}"] += out[f"requests.{row}.{col}"]
            out[f"requests.{row}.{col}"] = 0
    return out


def without_row(table: Table, label: str) -> Table:
    """The table without the row whose first label is `label` (规章)."""
    return [row for row in table if not (row and row[0].key is None and row[0].text == label)]


def blank_rows(table: Table, rows: tuple[str, ...]) -> Table:
    """The table with the value cells of these 表三 rows printed empty (labels kept)."""
    prefixes = tuple(f"requests.{r}." for r in rows)
    return [[Cell(text="", colspan=c.colspan) if c.key and c.key.startswith(prefixes) else c for c in row]
            for row in table]


def blank_keys(rows: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"requests.{r}.{c}" for r in rows for c in catalogue.APPLICANT_COLUMNS)


def with_typos(sections: list[tuple[str, Table]], template: str, rng: random.Random) -> tuple[list[tuple[str, Table]], list[str]]:
    """The tables with one or two of the typos published reports carry; returns the typos used."""
    candidates = [label for label, (_, versions) in TYPOS.items() if template in versions]
    chosen = set(rng.sample(candidates, rng.randint(1, min(2, len(candidates)))))
    out = [(sec, [[replace(c, text=TYPOS[c.text][0]) if c.key is None and c.text in chosen else c for c in row]
                  for row in table]) for sec, table in sections]
    return out, sorted(TYPOS[label][0] for label in chosen)


def letter_title(organ: str, year: int) -> str:
    return f"{organ}关于报送{year}年政府信息公开工作年度报告的函"


def letter_opening(year: int, rng: random.Random) -> str:
    """The address and first sentence of a covering letter."""
    to = rng.choice(["区管委会办公室：", "区办公室：", "管委会办公室："])
    return (f"{to}\n根据《中华人民共和国政府信息公开条例》要求，现将我局{year}年政府信息公开工作年度报告"
            f"报送如下：\n")
