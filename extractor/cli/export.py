"""`xxgk export`: the store as a wide (one row per report) or long (one row per cell) table, or as jsonl."""

from __future__ import annotations

from typing import Optional

import typer

from ..errors import XxgkError
from ._output import error, say
from ._params import ExportFormat, ExportLabels, ExportLayout


def export(
    out: str = typer.Option(..., "--out", "-o", help="Output file, e.g. results.xlsx."),
    fmt: Optional[ExportFormat] = typer.Option(None, "--format", "-f", help="Default: from the --out suffix."),
    layout: ExportLayout = typer.Option("wide", "--layout", help="wide: one row per report; long: one row per report × cell."),
    labels: ExportLabels = typer.Option("en", "--labels", help="Column headers: en (cell keys) or zh (Chinese labels)."),
    dedupe: bool = typer.Option(False, "--dedupe", help="One report per body and year: the reviewed one, else the newest."),
    aliases: Optional[str] = typer.Option(
        None, "--aliases", envvar="XXGK_ORGAN_ALIASES",
        help="Organ alias file (alias<TAB>organ), over the packaged one."),
    db: Optional[str] = typer.Option(None, "--db", help="Store: a file path (SQLite) or a SQLAlchemy URL; default ./xxgk.sqlite."),
) -> None:
    """Write every stored report with each cell's state, plus its violations (see docs/data.md)."""
    from ..export import FORMATS, export as write, written_files
    from .review import open_store

    fmt = fmt or out.rsplit(".", 1)[-1].lower()  # typer checked --format, --layout and --labels
    if fmt not in FORMATS:
        error(f"unknown format {fmt!r} (from the --out suffix); choose one of {', '.join(FORMATS)} (--format)")
        raise typer.Exit(2)
    try:
        n, nv = write(open_store(db), out, fmt=fmt, layout=layout, labels=labels, dedupe=dedupe, aliases=aliases)
    except (XxgkError, OSError) as exc:
        error(f"{out}: {exc}")
        raise typer.Exit(1)
    say(f"{n} report(s), {nv} violation(s) → {', '.join(written_files(out, fmt, layout))}")


def register(app: typer.Typer) -> None:
    app.command()(export)
