"""`xxgk extract PATH...`: one JSON line per document."""

from __future__ import annotations

from collections import Counter
from typing import Optional

import typer

from ..engines import get_engine
from ..errors import XxgkError
from ..pipeline import extract_paths
from ._output import console, json_lines, write_line


def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) and globs."),
    engine: str = typer.Option("auto", "--engine", "-e", help="layout | llm | auto (layout first, the model only where it must)."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Write JSON lines to this file (appends) instead of stdout."),
    model: Optional[str] = typer.Option(None, "--model", help="Model name (env XXGK_MODEL)."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (env XXGK_BASE_URL)."),
    mode: Optional[str] = typer.Option(None, "--mode", help="instructor mode: tools | json_schema | json (env XXGK_MODE)."),
    temperature: Optional[float] = typer.Option(None, "--temperature", help="Sampling temperature (default 0)."),
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", help="Max output tokens per call."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds per model call."),
    repair: Optional[bool] = typer.Option(None, "--repair/--no-repair", help="Send records that break an identity back to the model once."),
    provenance: bool = typer.Option(True, "--provenance/--no-provenance", help="Include where each cell was read."),
) -> None:
    """Extract the tables of every report under PATHS and check them; one JSON line each.

    Exit status: 0 when every document was read (verified or sent to review), 1 when some failed.
    """
    options = {k: v for k, v in dict(
        model=model, base_url=base_url, mode=mode, temperature=temperature,
        max_tokens=max_tokens, timeout=timeout, repair=repair,
    ).items() if v is not None}
    try:
        eng = get_engine(engine, **options)
    except XxgkError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    counts: Counter[str] = Counter()
    with json_lines(out) as fh:
        for result in extract_paths(paths, eng):
            counts[result.status] += 1
            write_line(fh, result.to_line(provenance=provenance))
            if result.status == "failed":
                console.print(f"[red]failed[/red] {result.error}")
    total = sum(counts.values())
    console.print(
        f"{total} documents: [green]{counts['verified']} verified[/green], "
        f"[yellow]{counts['review']} review[/yellow], [red]{counts['failed']} failed[/red]"
    )
    if total == 0:
        console.print("[red]error:[/red] no documents found under the given paths")
        raise typer.Exit(2)
    if counts["failed"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(extract)
