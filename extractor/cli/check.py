"""`xxgk check FILE`: run the rules on a gold label file or stored records (JSON lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

import rules

from ..checkfile import read_checkable
from ..errors import InputError
from ._output import error, say

def check(
    file: Path = typer.Argument(..., help="A *.gold.json label file, or a JSON-lines file from `xxgk extract`."),
    as_json: bool = typer.Option(False, "--json", help="Print violations as JSON for machines."),
    errors_only: bool = typer.Option(False, "--errors-only", help="Only error-level violations."),
    with_text: bool = typer.Option(True, "--text/--no-text", help="Read the report named by each record (beside a gold file, or its `path`) to compare its narrative with the tables."),
) -> None:
    """Run every rule on stored records and print the violations.

    A record that cannot be checked (not an object, no template, a count that is not a
    non-negative integer …) gets an error naming the file, the line and the problem; the others
    are still checked. Exit status 1 when any error-level violation is found or any record could
    not be checked, 2 when the file cannot be read.
    """
    out: list[dict[str, Any]] = []
    bad = False
    try:
        for item in read_checkable(file, with_text=with_text):
            if item.error is not None:
                bad = True
                out.append({"doc": item.name, "error": str(item.error), "violations": [], "named": item.named})
                continue
            assert item.facts is not None
            found = rules.check(item.facts)
            if errors_only:
                found = rules.errors(found)
            bad |= any(v.severity == "error" for v in found)
            out.append({"doc": item.name, "violations": [v.model_dump(mode="json") for v in found]})
    except InputError as exc:
        error(str(exc))
        raise typer.Exit(2)
    if as_json:
        for item in out:
            item.pop("named", None)
        typer.echo(json.dumps(out if len(out) > 1 else out[0], ensure_ascii=False, indent=1))
    else:
        for item in out:
            if "error" in item:  # the error names the file and the line; a record's own name first
                say(*([(item["doc"], "red"), ": "] if item.pop("named") else [("error:", "red"), " "]), item["error"])
                continue
            vs = item["violations"]
            say((item["doc"], "bold"), f": {len(vs)} violation(s)")
            for v in vs:
                typer.echo(f"  [{v['severity']}] {v['rule']}: {v['message']}")
    if bad:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(check)
