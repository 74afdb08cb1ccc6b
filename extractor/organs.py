"""One name per government body: `淮安市洪泽区人民政府` and `洪泽区人民政府` are the same organ.

    normalise("淮安市洪泽区人民政府")          # "洪泽区人民政府"
    normalise("洪泽区 政府办")                 # "洪泽区人民政府办公室"

Reports name their publisher in many ways; counting by organ and year needs one key per body.
`normalise` removes spaces (full-width too) and width variants, drops a parent's 省/市/州
prefix when a county-level unit follows, writes 政府 / 政府办 / 府办 as 人民政府 /
人民政府办公室, and then applies the alias table: `data/organ_aliases.tsv` in the package, plus
a user file (`--aliases FILE`, or the `XXGK_ORGAN_ALIASES` environment variable) whose lines win.
An alias file has two tab-separated columns, `alias` and `organ`; `#` starts a comment.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Mapping

from .errors import XxgkError

ENV = "XXGK_ORGAN_ALIASES"

_HAN = r"[\u4e00-\u9fff]"
#: a parent unit that may prefix a county-level one: 江苏省, 淮安市, 广西壮族自治区, 延边朝鲜族自治州 …
_PARENT = re.compile(rf"^{_HAN}{{2,7}}?(?:省|自治区|自治州|市|州|盟|地区)")
#: a county-level unit right after it: 洪泽区, 涟水县, 浦东新区, 昆山市, 额济纳旗 …
_CHILD = re.compile(rf"^{_HAN}{{2,6}}?(?:自治县|自治旗|新区|市|区|县|旗)")
#: 区 names that are not county-level units (a city's 园区 is not its own body): never a child
_NOT_CHILD = ("园区", "开发区", "片区", "社区", "景区", "保税区", "合作区", "示范区", "功能区")
#: 政府 / 政府办 / 府办 written out (a unit's own government and its general office)
_OFFICE = re.compile(r"(?:人民政府办公室|政府办公室|人民政府办|政府办|府办)$")
_GOVERNMENT = re.compile(r"(?<!人民)政府$")


def clean(name: str) -> str:
    """Width variants folded (NFKC), every space removed (U+3000 too)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def _strip_parents(name: str) -> str:
    while (parent := _PARENT.match(name)) is not None:
        rest = name[parent.end():]
        child = _CHILD.match(rest)
        if child is None or child.group(0).endswith(_NOT_CHILD):
            break
        name = rest
    return name


def _written_out(name: str) -> str:
    name = _OFFICE.sub("人民政府办公室", name)
    return _GOVERNMENT.sub("人民政府", name)


def normalise(name: str | None, aliases: Mapping[str, str] | None = None) -> str | None:
    """The one name of the body `name` stands for (None for no name)."""
    if name is None or not clean(name):
        return None
    table = default_aliases() if aliases is None else aliases
    cleaned = clean(name)
    if cleaned in table:
        return table[cleaned]
    out = _written_out(_strip_parents(cleaned))
    return table.get(out, out)


def read_aliases(path: str) -> dict[str, str]:
    """An alias file → {cleaned alias: organ}; a malformed line raises `XxgkError` naming it."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except OSError as exc:
        raise XxgkError(f"{path}: cannot read the organ alias file ({exc.strerror or exc})") from exc
    return _parse(text, path)


def _parse(text: str, where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, row in enumerate(csv.reader(text.splitlines(), delimiter="\t"), 1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if n == 1 and row[0].strip() == "alias":
            continue  # the header
        if len(row) < 2 or not row[1].strip():
            raise XxgkError(f"{where}: line {n}: expected 'alias<TAB>organ', got {chr(9).join(row)!r}")
        out[clean(row[0])] = clean(row[1])
    return out


@cache
def _packaged() -> dict[str, str]:
    text = resources.files("extractor").joinpath("data/organ_aliases.tsv").read_text(encoding="utf-8")
    return _parse(text, "extractor/data/organ_aliases.tsv")


def aliases(path: str | None = None) -> dict[str, str]:
    """The package's alias table, overlaid by a user file (`path`, else `$XXGK_ORGAN_ALIASES`)."""
    path = path or os.environ.get(ENV) or None
    return {**_packaged(), **(read_aliases(path) if path else {})}


def default_aliases() -> dict[str, str]:
    """`aliases()` for the environment as it is now (read once per distinct file)."""
    return _cached(os.environ.get(ENV) or None)


@cache
def _cached(path: str | None) -> dict[str, str]:
    return aliases(path)


__all__ = ["ENV", "aliases", "clean", "default_aliases", "normalise", "read_aliases"]
