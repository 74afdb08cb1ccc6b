"""表四 as vertical groups (issue 11)

表四's three groups one under the other, each a heading then one (result, number) line per result:
`行政复议` then `结果维持 5`, `结果纠正：0` …, or a 2-column Markdown table per group under `### 行政复议`;
sometimes the three groups side by side on tab lines (a PDF's three small tables as text).
"""

from __future__ import annotations

from typing import Any, Callable

from extractor import catalogue
from extractor.printed import APPEAL_LABELS

from ._common import Ctx, page, plain
from .text3 import _spaced_with_table4


_T4_NAMES = (("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"),
             ("行政复议", "未经复议直接起诉", "复议后起诉"),
             ("一、行政复议", "二、行政诉讼（未经复议直接起诉）", "三、行政诉讼（复议后起诉）"))


def _t4_vertical_groups(ctx: Ctx) -> tuple[str, str]:
    """表四 as three groups, each a heading line then `label value` lines (or a 2-column Markdown
    table per group, or the groups side by side on tab lines); 表二 and 表三 spaced rows."""
    rng = ctx.rng
    names = rng.choice(_T4_NAMES)
    shape = rng.choice(["lines", "lines", "markdown", "side"])
    labels = APPEAL_LABELS

    def table4() -> list[str]:
        v, out = ctx.values, []
        if shape == "side":
            out.append("\t".join(names))
            for c, lab in zip(catalogue.APPEAL_CELLS, labels):
                out.append("\t".join(f"{lab}\t{plain(v[f'{g}.{c}'])}" for g in catalogue.APPEAL_GROUPS))
            return out
        sep = rng.choice([" ", "  ", "\t", "：", ": "])
        head = rng.choice(["{}", "### {}", "**{}**", "{}："])
        for g, name in zip(catalogue.APPEAL_GROUPS, names):
            out.append(head.format(name))
            if shape == "markdown":
                out += ["", "| 结果 | 数量 |", "|---|---|"]
                out += [f"| {lab} | {plain(v[f'{g}.{c}'])} |" for c, lab in zip(catalogue.APPEAL_CELLS, labels)]
                out.append("")
            else:
                out += [f"{lab}{sep}{plain(v[f'{g}.{c}'])}" for c, lab in zip(catalogue.APPEAL_CELLS, labels)]
        return out
    ctx.recipe = shape  # type: ignore[attr-defined]
    return page(ctx, _spaced_with_table4(ctx, table4)), ".txt"


FAMILIES: dict[str, Callable[[Ctx], tuple[Any, str]]] = {
    "table4-vertical-groups": _t4_vertical_groups,
}
