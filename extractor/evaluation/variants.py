"""Variants: each real labelled report's tables rendered in other layouts, damage and encodings,
and (`families`) reports with random numbers printed the way each failure family damages them.

    generate(load_set("eval/real"), "eval/variants")   # or: python eval/variants.py

A variant keeps the report's own narrative (the text before 表二 and after 表四) and replaces
its tables with the gold values printed in another layout (pipe, markdown, tab with empty
columns, one cell per line with blanks for 0, space-aligned PDF text with page footers and
wrapped labels, HTML with rowspan/colspan), then saves the file in another encoding (GBK,
GB18030, UTF-16, UTF-8 with BOM). Its gold file has the same numbers as the real one, so a
variant tests robustness, never new content. Everything is seeded: the same inputs give the
same bytes. The recipe variants sit at the top of the folder; the families' reports under
`synth/<family>/` (see `families`).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LabelError
from ..flat import dump_value
from ..segment import find_tables
from ._render import LAYOUTS, Style
from ._tables import tables
from .families import FAMILIES, PER_FAMILY, Family, write_families
from .gold import GoldCase

#: Bump when the output changes, so that stale generated folders are rebuilt.
GENERATOR_VERSION = 17
DEFAULT_SEED = 20240601
STAMP = ".generated.json"


@dataclass(frozen=True)
class Recipe:
    name: str
    layout: str
    encoding: str  # utf-8, utf-8-sig, gbk, gb18030, utf-16
    damage: tuple[str, ...] = ()
    crlf: bool = False

    @property
    def suffix(self) -> str:
        return {"html": ".html", "markdown": ".md"}.get(self.layout, ".txt")


RECIPES: tuple[Recipe, ...] = (
    Recipe("r01", "pipe", "utf-8"),
    Recipe("r02", "pipe", "gbk", ("extra_columns",)),
    Recipe("r03", "markdown", "utf-8"),
    Recipe("r04", "markdown", "utf-8-sig", ("fullwidth",)),
    Recipe("r05", "tab", "gb18030"),
    Recipe("r06", "tab", "utf-16", ("extra_columns",)),
    Recipe("r07", "tab", "utf-8", ("blank_zero",), crlf=True),
    Recipe("r08", "one-cell-per-line", "utf-8"),
    Recipe("r09", "one-cell-per-line", "gbk", ("blank_zero",)),
    Recipe("r10", "pdf-text", "utf-8", ("page_break", "wrap")),
    Recipe("r11", "pdf-text", "utf-8", ("fullwidth", "wrap")),
    Recipe("r12", "pdf-text", "gb18030", ("blank_zero", "page_break", "formfeed")),
    Recipe("r13", "html", "utf-8"),
    Recipe("r14", "html", "utf-8", ("blank_zero",)),
    Recipe("r15", "html", "gb18030", ("fullwidth",)),
    Recipe("r16", "tab", "utf-16", ("dash_zero", "thousands", "page_break"), crlf=True),
)


def narrative(case: GoldCase) -> tuple[str, str]:
    """The report's own text before its tables and after them (its tables cut out)."""
    text = _report_text(case.report)
    seg = find_tables(text)
    spans = [s for s in (seg.table2, seg.table3, seg.table4) if s]
    if not spans:
        head = text[: min(len(text), 1500)]
        return head.rstrip() + "\n", ""
    before, after = text[: spans[0][0]], text[spans[-1][1]:]
    # the section number printed just before 表二's heading ("二、") is re-printed with the heading
    before = re.sub(r"[\s　]*(?:[一二三四五六七八九十]|\d)\s*[、.．]\s*$", "", before)
    return before.rstrip() + "\n\n", after.lstrip()


def _report_text(path: Path) -> str:
    from ..load.text import decode

    text = decode(path.read_bytes(), str(path))[0]
    if path.suffix.lower() in (".html", ".htm"):
        import lxml.html

        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        for el in tree.iter("p", "div", "br", "tr", "h1", "h2", "h3", "li", "table"):
            el.tail = "\n" + (el.tail or "")
        text = tree.text_content()
        return re.sub(r"\n\s*\n+", "\n", text.replace("\xa0", " ")).strip() + "\n"
    return text


def render(case: GoldCase, recipe: Recipe, seed: int = DEFAULT_SEED) -> tuple[bytes, str, dict[str, Any]]:
    """(file bytes, encoding used, variant description) of one case in one recipe."""
    rng = random.Random(f"{seed}:{case.id}:{recipe.name}")
    flags: dict[str, Any] = {d: True for d in recipe.damage if d != "extra_columns"}
    style = Style(**flags)
    if "extra_columns" in recipe.damage:
        style.extra_columns = rng.randint(1, 2)
    if style.dash_zero:
        style.dash = rng.choice(["—", "/", "－"])
    body = LAYOUTS[recipe.layout](tables(case.report_template, case.fields), style, rng)
    before, after = narrative(case)
    if recipe.layout == "html":
        text = _html_page(case, before, body, after, recipe.encoding)
    else:
        text = before + body + "\n" + after
    if recipe.crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    encoding = recipe.encoding
    if encoding == "gbk":
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:  # a character GBK lacks: GB18030 is its superset
            encoding = "gb18030"
            data = text.encode(encoding)
    else:
        data = text.encode(encoding)
    about = {"of": case.id, "recipe": recipe.name, "family": recipe.layout,
             "input_format": f"{recipe.suffix.lstrip('.')}-{encoding}", "encoding": encoding,
             "damage": list(recipe.damage) + (["crlf"] if recipe.crlf else []), "seed": seed}
    return data, encoding, about


def _html_page(case: GoldCase, before: str, body: str, after: str, encoding: str) -> str:
    import html

    def paras(text: str) -> str:
        return "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())

    charset = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    return (f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{html.escape(case.report_organ)}{case.year}年政府信息公开工作年度报告</title></head>\n<body>\n"
            f"{paras(before)}\n{body}\n{paras(after)}\n</body></html>\n")


def variant_gold(case: GoldCase, name: str, about: dict[str, Any]) -> dict[str, Any]:
    """The gold of a variant: the real report's numbers (printed plainly now, so no `ambiguous`)."""
    return {
        "doc": name,
        "meta": {"year": case.year, "template": case.template, "organ": case.organ},
        "fields": {k: dump_value(v) for k, v in case.fields.items()},
        "source_violations": list(case.source_violations),
        "notes": f"Generated variant of real/{case.id}: {about['family']} layout, "
                 f"{', '.join(about['damage']) or 'no damage'}, {about['encoding']}.",
        "variant": about,
    }


def generate(cases: list[GoldCase], folder: str | Path, *, seed: int = DEFAULT_SEED,
             recipes: tuple[Recipe, ...] = RECIPES, families: tuple[Family, ...] = FAMILIES,
             per_family: int = PER_FAMILY) -> list[Path]:
    """Write every case × recipe, and `per_family` reports of each family, into `folder`
    (emptied first); returns the gold paths."""
    out = Path(folder)
    if out.exists() and any(out.iterdir()):
        if not (out / STAMP).is_file():
            raise LabelError(str(out), "is not empty and was not written by the variant generator; not overwriting it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases:
        stem = Path(case.id).name.rsplit(".", 1)[0]
        for recipe in recipes:
            data, _, about = render(case, recipe, seed)
            name = f"{stem}__{recipe.name}-{recipe.layout}{recipe.suffix}"
            (out / name).write_bytes(data)
            gold_path = out / (name.rsplit(".", 1)[0] + ".gold.json")
            gold_path.write_text(json.dumps(variant_gold(case, name, about), ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
            written.append(gold_path)
    recipe_count = len(written)
    written += write_families(cases, out, seed=seed, families=families, per_family=per_family)
    (out / STAMP).write_text(json.dumps({"generator": GENERATOR_VERSION, "seed": seed, "variants": len(written),
                                         "recipe_variants": recipe_count, "families": [f.name for f in families],
                                         "per_family": per_family, "from": sorted(c.id for c in cases)},
                                        indent=1) + "\n", encoding="utf-8")
    return written


def ensure_variants(cases: list[GoldCase], folder: str | Path, *, seed: int = DEFAULT_SEED) -> bool:
    """Generate the variants unless `folder` holds this generator's output for these cases; True if generated."""
    stamp = Path(folder) / STAMP
    try:
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if (info.get("generator") == GENERATOR_VERSION and info.get("seed") == seed
                and info.get("from") == sorted(c.id for c in cases)):
            return False
    except (OSError, json.JSONDecodeError):
        pass
    generate(cases, folder, seed=seed)
    return True
