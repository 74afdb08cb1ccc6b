"""Option types and helpers shared by the commands: the fixed choices, taken from the library's
own registries, as `Literal`s, so typer shows them in `--help` and refuses anything else as a
usage error (exit 2) before a command runs; and which values came from the command line.
"""

from __future__ import annotations

from typing import Any, Literal

import typer

from .. import catalogue
from ..catalogue import TEMPLATES
from ..engines import ENGINES
from ..engines.llm import MODES
from ..evaluation.gold import SETS as LABELLED_SETS
from ..export import FORMATS, LABELS, LAYOUTS
from ..review import OUTCOMES, STATES


def choice(values: Any) -> Any:
    """`Literal[values…]`, built from a registry so a new engine or format shows up by itself."""
    return Literal[tuple(values)]


EngineName = choice(ENGINES)
Mode = choice(MODES)
#: `all`: every labelled set, reported apart
EvalSet = choice((*LABELLED_SETS, "all"))
ExportFormat = choice(FORMATS)
ExportLayout = choice(LAYOUTS)
ExportLabels = choice(LABELS)
Outcome = choice(OUTCOMES)
ReviewState = choice(STATES)
TemplateName = choice(TEMPLATES)

#: `report-wrong` is taken for `report_wrong` (choices and option names alike)
DASHES_AS_UNDERSCORES = {"token_normalize_func": lambda token: token.replace("-", "_")}

#: the environment variables of the model settings, as the engine reads them (first set wins)
ENV_MODEL = "XXGK_MODEL"
ENV_BASE_URL = ["XXGK_BASE_URL", "OPENAI_BASE_URL"]
ENV_MODE = "XXGK_MODE"


def from_command_line(ctx: typer.Context, **values: Any) -> dict[str, Any]:
    """The values the user typed as flags (not defaults, not environment variables).

    The engines read the environment themselves, and only the ones that take the setting: a
    `XXGK_MODEL` meant for `--engine llm` must not become an option the layout reader refuses.
    The options still name their variables (`envvar=`) so that `--help` shows them.
    """
    return {name: value for name, value in values.items()
            if value is not None and getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"}


def cell_values(pairs: list[str]) -> list[str]:
    """`--set KEY=VALUE`, checked before anything runs: each must be `KEY=VALUE` with a key of the
    catalogue (a misspelt one is refused with the closest keys: a usage error, exit 2). Returns
    the pairs with the spaces around key and value dropped."""
    out = []
    for pair in pairs:
        if "=" not in pair:
            raise typer.BadParameter(f"{pair!r}: expected KEY=VALUE, e.g. requests.total.natural=16")
        key, value = (part.strip() for part in pair.split("=", 1))
        problem = catalogue.unknown_key(key)
        if problem:
            raise typer.BadParameter(problem)
        out.append(f"{key}={value}")
    return out


def at_most_one(**flags: bool) -> None:
    """Output flags that exclude each other (`--json` and `--plain`): two at once is a usage
    error (exit 2), not one silently winning."""
    given = [name for name, on in flags.items() if on]
    if len(given) > 1:
        raise typer.BadParameter(f"choose one of {' or '.join('--' + n for n in given)}")
