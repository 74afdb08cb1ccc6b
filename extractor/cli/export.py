"""`xxgk export --format csv|xlsx|jsonl`: the store as one row per report (flat keys as columns)."""

from __future__ import annotations

from typing import Optional

import typer

from ..errors import XxgkError
from ._output import error, say
from ._params import ExportFormat


def export(
    out: str = typer.Option(..., "--out", "-o", help="Output file, e.g. results.xlsx."),
    fmt: Optional[ExportFormat] = typer.Option(None, "--format", "-f", help="Default: from the --out suffix."),
    db: Optional[str] = typer.Option(None, "--db", help="Store: a file path (SQLite) or a SQLAlchemy URL; default ./xxgk.sqlite."),
) -> None:
    """Write every stored report as a wide table, plus its violations (xlsx sheet / *.violations.csv)."""
    from ..export import FORMATS, export as write, violations_path
    from .review import open_store

    fmt = fmt or out.rsplit(".", 1)[-1].lower()
    if fmt not in FORMATS:
        error(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)} (--format)")
        raise typer.Exit(2)
    try:
        n, nv = write(open_store(db), out, fmt=fmt)
    except (XxgkError, OSError) as exc:
        error(f"{out}: {exc}")
        raise typer.Exit(1)
    extra = f" and {violations_path(out)}" if fmt == "csv" else ""
    say(f"{n} report(s), {nv} violation(s) → {out}{extra}")


def register(app: typer.Typer) -> None:
    app.command()(export)
