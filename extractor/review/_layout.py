"""The extracted tables laid out like the official format (表二, 表三 25×7, 表四), from the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from .. import catalogue


@dataclass(frozen=True)
class Block:
    """Rows of 表二 that share the same column headers (one 第二十条 item)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row label, keys in column order)


def table2(template: str) -> list[Block]:
    rows: dict[str, list[str]] = {}
    for key in catalogue.keys(template):  # type: ignore[arg-type]
        if key.startswith("active."):
            rows.setdefault(".".join(key.split(".")[:2]), []).append(key)
    blocks: list[Block] = []
    for keys in rows.values():
        cols = tuple(catalogue.field(k).column for k in keys)
        label = catalogue.field(keys[0]).row
        if blocks and blocks[-1].columns == cols:
            blocks[-1] = Block(cols, blocks[-1].rows + ((label, tuple(keys)),))
        else:
            blocks.append(Block(cols, ((label, tuple(keys)),)))
    return blocks


def table3(template: str) -> tuple[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]:
    """Column labels and (row label, keys) for the 25 (2021) or 23 (2019) rows × 7 columns."""
    cols = tuple(catalogue.field(f"requests.new.{c}").column for c in catalogue.APPLICANT_COLUMNS)
    rows = [
        (catalogue.field(f"requests.{r}.total").row, tuple(f"requests.{r}.{c}" for c in catalogue.APPLICANT_COLUMNS))
        for r in catalogue.request_rows(template)  # type: ignore[arg-type]
    ]
    return cols, rows


def table4() -> tuple[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]:
    """Cell labels and (group label, keys) for the three groups of five."""
    cols = tuple(catalogue.field(f"review.{c}").column for c in catalogue.APPEAL_CELLS)
    groups = [(catalogue.field(f"{g}.total").row, tuple(f"{g}.{c}" for c in catalogue.APPEAL_CELLS))
              for g in catalogue.APPEAL_GROUPS]
    return cols, groups
