"""`xxgk check FILE`: run the rules on a gold label file or stored records (JSON lines)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..checkfile import check_file
from ..errors import InputError
from ._output import error, say


def check(
    file: Path = typer.Argument(..., help="A *.gold.json label file, or a JSON-lines file from `xxgk extract`."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per violation (JSON lines), each with its `doc`."),
    errors_only: bool = typer.Option(False, "--errors-only", help="Only error-level violations."),
    with_text: bool = typer.Option(True, "--text/--no-text", help="Read the report named by each record (beside a gold file, or its `path`) to compare its narrative with the tables."),
) -> None:
    """Run every rule on stored records and print the violations.

    stdout gets one line per violation, `doc: [severity] rule: message` (with --json one JSON
    object per line: doc, rule, severity, keys, expected, found, message), so a redirected file
    keeps which report each violation belongs to; stderr gets a count per record. A record that
    cannot be checked (not an object, no template, a count that is not a non-negative integer …)
    gets a line with its error naming the file, the line and the problem; the others are still
    checked. Exit status 1 when any error-level violation is found or any record could not be
    checked, 2 when the file cannot be read.
    """
    bad = False
    try:
        for record in check_file(file, with_text=with_text, errors_only=errors_only):
            if not as_json and record.checked:
                say((record.doc, "bold"), f": {len(record.findings)} violation(s)")
            for finding in record.findings:
                bad |= finding.severity == "error"
                typer.echo(json.dumps(finding.as_json(), ensure_ascii=False) if as_json else finding.line())
    except InputError as exc:
        error(str(exc))
        raise typer.Exit(2)
    if bad:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(check)
