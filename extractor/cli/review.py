"""`xxgk review list|show|resolve|reopen|export-gold|across` and `xxgk serve` (the review web page)."""

from __future__ import annotations

import json
import os
from typing import Any, Optional

import typer

from ..errors import XxgkError
from ..store import Store, as_url, safe_url
from ._output import error, print_table, say
from ._params import DASHES_AS_UNDERSCORES, Outcome, ReviewState, TemplateName, at_most_one, cell_values

review_app = typer.Typer(help="Work through the reports the rules flagged.", no_args_is_help=True)

DB_HELP = "Store: a file path (SQLite) or a SQLAlchemy URL; default ./xxgk.sqlite."


def open_store(db: str | None) -> Store:
    """An existing store (a missing SQLite file is an error here, not a new empty store)."""
    url = as_url(db)
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not os.path.exists(path):
            error(f"no store at {path}; run `xxgk extract` first (or pass --db)")
            raise typer.Exit(2)
    try:
        return Store(url)
    except XxgkError as exc:
        error(str(exc))
        raise typer.Exit(2)


def _fail(exc: Exception) -> None:
    error(str(exc))
    raise typer.Exit(1)


@review_app.command("list")
def list_cmd(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    state: ReviewState = typer.Option("open", "--state", help="Open items, closed ones (resolved, or superseded by a new extraction), or all."),
    rule: Optional[str] = typer.Option(None, "--rule", help="Only items flagged by this rule (e.g. balance) or reason (doubt)."),
    template: Optional[TemplateName] = typer.Option(None, "--template", help="Format version."),
    organ: Optional[str] = typer.Option(None, "--organ", help="Issuing body, exactly as extracted."),
    batch: Optional[int] = typer.Option(None, "--batch", help="Run id of an `xxgk extract` batch."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines for machines."),
    plain: bool = typer.Option(False, "--plain", help="Tab-separated lines for scripts, no table."),
) -> None:
    """The review queue as a table, with counts per rule (on stderr)."""
    from ..review import counts, list_items

    at_most_one(json=as_json, plain=plain)
    store = open_store(db)
    try:
        items = list_items(store, state=state, rule=rule, template=template, organ=organ, batch=batch)
    except XxgkError as exc:
        _fail(exc)
    if as_json:
        for it in items:
            typer.echo(json.dumps(it.__dict__, ensure_ascii=False))
        return
    rows = [(f"#{it.id}", it.doc, it.organ or "?", it.year or "?", it.template or "?",
             it.state if it.outcome is None else f"{it.state}: {it.outcome}",
             ", ".join(it.reasons[:3]) + (" …" if len(it.reasons) > 3 else "")) for it in items]
    if plain:
        for row in rows:
            typer.echo("\t".join(str(cell) for cell in row))
    elif rows:
        print_table(("item", "report", "organ", "year", "format", "state", "reasons"), rows)
    by_rule = counts(items)["rule"]
    say(f"{len(items)} item(s)" + (": " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()) if by_rule else ""))


@review_app.command("show")
def show_cmd(
    item_id: int = typer.Argument(..., help="Review item number (from `xxgk review list`)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON for machines."),
) -> None:
    """One item: why it is in the queue, the violations (re-checked on the current values), decisions."""
    from ..review import get_item

    store = open_store(db)
    try:
        d = get_item(store, item_id)
    except XxgkError as exc:
        _fail(exc)
    data: dict[str, Any] = {
        **d.summary.__dict__, "violations": [v.model_dump(mode="json") for v in d.violations],
        "doubts": d.doubts, "edits": d.edits, "decisions": d.decisions,
        "cells": {k: d.values.get(k) for v in d.violations for k in v.keys},
    }
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        return
    s = d.summary
    typer.echo(f"#{s.id} {s.doc} ({s.path}) — {s.organ} {s.year} template {s.template} — {s.state}")
    typer.echo("reasons: " + ", ".join(s.reasons))
    for v in d.violations:
        typer.echo(f"  [{v.severity}] {v.rule}: {v.message}")
    for k, dbt in d.doubts.items():
        typer.echo(f"  [doubt] {k}: {dbt.get('reason')} {dbt.get('candidates') or ''}")
    for e in d.edits:
        typer.echo(f"  edit {e['key']}: {e['old']} -> {e['new']} by {e['reviewer']} at {e['at']:%Y-%m-%d %H:%M}")
    for x in d.decisions:
        typer.echo(f"  decision: {x['outcome']} by {x['reviewer']} at {x['at']:%Y-%m-%d %H:%M}: {x['comment']}")


@review_app.command("resolve", context_settings=DASHES_AS_UNDERSCORES)
def resolve_cmd(
    item_id: int = typer.Argument(..., help="Review item number."),
    outcome: Outcome = typer.Option(..., "--outcome", help="extraction_corrected: values were fixed; report_wrong: the printed report breaks the rules (`report-wrong` is taken too)."),
    reviewer: str = typer.Option(..., "--reviewer", help="Who decides (kept with the decision)."),
    comment: str = typer.Option("", "--comment", help="Why."),
    set_: list[str] = typer.Option([], "--set", callback=cell_values, help="Correct a cell: KEY=VALUE (repeatable), e.g. requests.total.natural=16; a key that is no cell is refused with the closest ones."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Close an item, optionally correcting cells first (validated by the schema; a bad value is refused)."""
    from ..review import resolve

    store = open_store(db)
    try:
        decision = resolve(store, item_id, outcome=outcome, reviewer=reviewer, comment=comment,
                           values=dict(pair.split("=", 1) for pair in set_))
    except XxgkError as exc:
        _fail(exc)
    left = [v["rule"] for v in decision["violations"] if v["severity"] == "error"]
    say(f"#{item_id} resolved: {decision['outcome']} by {decision['reviewer']}"
                  + (f"; still broken (kept as the report's own errors): {', '.join(left)}" if left else ""))


@review_app.command("reopen")
def reopen_cmd(
    item_id: int = typer.Argument(..., help="Review item number."),
    reviewer: str = typer.Option(..., "--reviewer", help="Who reopens it (kept in the history)."),
    comment: str = typer.Option("", "--comment", help="Why."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Open a resolved item again; its decisions and edits stay in the history (exit 1 when it is not resolved)."""
    from ..review import reopen

    try:
        reopen(open_store(db), item_id, reviewer=reviewer, comment=comment)
    except XxgkError as exc:
        _fail(exc)
    say(f"#{item_id} reopened by {reviewer.strip()}; its earlier decisions stay in the history")


@review_app.command("export-gold")
def export_gold_cmd(
    out: str = typer.Option(..., "--out", "-o", help="Folder for the label files, e.g. eval/real/reviewed/."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write every resolved item as a gold label file (plus its report) for the eval set."""
    from ..review import export_gold

    written = export_gold(open_store(db), out)
    for p in written:
        typer.echo(str(p))
    say(f"{len(written)} label file(s) in {out}")


@review_app.command("across")
def across_cmd(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON lines for machines."),
    years: bool = typer.Option(False, "--years", help="Also print the year-over-year view of each body."),
) -> None:
    """Checks across stored reports: carry-over between years, same body+year differing, repeated text."""
    from rules.across_reports import check_across, year_over_year

    from ..review import stored_reports

    reports = stored_reports(open_store(db))
    findings = check_across(reports)
    for f in findings:
        if as_json:
            typer.echo(json.dumps(f.__dict__, ensure_ascii=False, default=str))
        else:
            typer.echo(f"[{f.severity}] {f.rule}: {f.message}")
    if years:
        for r in year_over_year(reports):
            share = "—" if r.repeat_share is None else f"{r.repeat_share:.0%}"
            if as_json:
                typer.echo(json.dumps({"year_over_year": r.__dict__}, ensure_ascii=False, default=str))
            else:
                totals = " ".join(f"{k}={v}" for k, v in r.totals.items())
                typer.echo(f"{r.organ}\t{r.year}\t{r.doc}\t{totals}\trepeated text {share}")
    say(f"{len(reports)} report(s), {len(findings)} finding(s) across reports")
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; keep 127.0.0.1 unless you know who can reach it."),
    port: int = typer.Option(8765, "--port"),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="Default reviewer name on the forms (default: your user name)."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another host name the page may be reached by (repeatable); it answers 127.0.0.1, localhost, [::1] and the --host address."),
) -> None:
    """Start the review web page (http://127.0.0.1:8765)."""
    import uvicorn

    from ..review.app import create_app

    store = open_store(db)
    hosts = [*allow_host, *([] if host in ("0.0.0.0", "::", "") else [host])]  # a wildcard is no name
    say(f"review page: http://{host}:{port}/  (store {safe_url(store.url)}; Ctrl-C to stop)")
    uvicorn.run(create_app(store, reviewer=reviewer, allowed_hosts=hosts), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
    app.command()(serve)
