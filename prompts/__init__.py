"""Versioned prompt files, shipped as package data: `load("extract", "v1", "system")`.

Prompts live here as Markdown files named `<name>.<version>.<part>.md` (or `<name>.<version>.md`),
never as strings in code, so that a change of wording is a new version recorded with each result.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

#: the prompt version the LLM engine uses unless told otherwise
CURRENT = "v1"
#: the version of the question prompt (`ask`) the auto engine uses for what the reader left open
ASK = "v1"


@cache
def load(name: str, version: str = CURRENT, part: str | None = None) -> str:
    """The text of `prompts/<name>.<version>[.<part>].md`; FileNotFoundError names the file."""
    filename = f"{name}.{version}.{part}.md" if part else f"{name}.{version}.md"
    path = resources.files(__name__).joinpath(filename)
    if not path.is_file():
        raise FileNotFoundError(f"prompt file {filename!r} not found in the prompts package")
    return path.read_text(encoding="utf-8")


def render(name: str, version: str = CURRENT, part: str | None = None, **values: str) -> str:
    """Fill a prompt's `{placeholders}`."""
    return load(name, version, part).format(**values)


__all__ = ["ASK", "CURRENT", "load", "render"]
