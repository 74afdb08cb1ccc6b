"""`xxgk doctor`: check the configured model endpoint and say what to change (a thin layer over
`extractor.engines.llm.doctor.diagnose`)."""

from __future__ import annotations

from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engines.llm.doctor import Diagnosis, diagnose
from ._output import console
from ._params import ENV_BASE_URL, ENV_MODE, ENV_MODEL, Mode, from_command_line


def doctor(
    ctx: typer.Context,
    model: Optional[str] = typer.Option(None, "--model", envvar=ENV_MODEL, help="Model name."),
    base_url: Optional[str] = typer.Option(None, "--base-url", envvar=ENV_BASE_URL, help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1."),
    mode: Optional[Mode] = typer.Option(None, "--mode", envvar=ENV_MODE, help="The mode `xxgk extract` will use (default json_schema)."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Seconds per check (a CPU-only model needs more on its first call)."),
) -> None:
    """Check the model endpoint: reachable, model served, which modes work, how fast; what to change.

    Settings as for `xxgk extract` (flags, then XXGK_* / OPENAI_* variables; the key from
    XXGK_API_KEY or OPENAI_API_KEY, never shown). Exit status 0 when the configured mode works,
    1 otherwise.
    """
    options = from_command_line(ctx, model=model, base_url=base_url, mode=mode)
    diagnosis = diagnose(options, timeout=timeout)
    render(diagnosis, console)
    if not diagnosis.ok:
        raise typer.Exit(1)


_MARK = {True: ("ok", "green"), False: ("FAIL", "red"), None: ("–", "yellow")}


def render(diagnosis: Diagnosis, out: Console) -> None:
    """The checks as a table, then what to change. Server texts are shown as text, never markup."""
    table = Table(title="xxgk doctor", show_lines=False)
    for column in ("check", "result", "time", "detail"):
        table.add_column(column, overflow="fold")
    for c in diagnosis.checks:
        word, colour = _MARK[c.ok]
        seconds = f"{c.seconds:.2f} s" if c.seconds is not None else ""
        table.add_row(Text(c.name), Text(word, style=colour), Text(seconds), Text(c.detail))
    out.print(table)
    fixes = diagnosis.fixes()
    if fixes:
        out.print("What to change:")
        for fix in fixes:
            out.print(Text(f"  - {fix}"), soft_wrap=True)
    verdict = Text("the configured mode works", style="green") if diagnosis.ok else \
        Text("the configured mode does not work", style="red")
    out.print(verdict)


def register(app: typer.Typer) -> None:
    app.command()(doctor)
