"""`xxgk extract PATH...`: one JSON line per document."""

from __future__ import annotations

import shlex
import sys
from typing import Any, Optional

import typer

from ..batch import JsonlSink, run_batch
from ..engines import get_engine
from ..errors import XxgkError
from ..model_failures import DEFAULT_LIMIT
from ..store import Store, as_url, default_url, safe_url
from ._output import console, error, say
from ._params import ENV_BASE_URL, ENV_MODE, ENV_MODEL, EngineName, Mode, from_command_line


def extract(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) and globs."),
    engine: EngineName = typer.Option("auto", "--engine", "-e", help="auto: layout first, the model only where it must; layout: no model; llm: the model reads everything."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Write JSON lines to this file (appends) instead of stdout."),
    model: Optional[str] = typer.Option(None, "--model", envvar=ENV_MODEL, help="Model name."),
    base_url: Optional[str] = typer.Option(None, "--base-url", envvar=ENV_BASE_URL, help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1."),
    mode: Optional[Mode] = typer.Option(None, "--mode", envvar=ENV_MODE, help="How the model is asked for JSON (default json_schema; DeepSeek and DashScope need json or tools)."),
    temperature: Optional[float] = typer.Option(None, "--temperature", envvar="XXGK_TEMPERATURE", help="Sampling temperature (default 0)."),
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", envvar="XXGK_MAX_TOKENS", help="Max output tokens per call (default 2048)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", envvar="XXGK_TIMEOUT", help="Seconds per model call (default 300)."),
    repair: Optional[bool] = typer.Option(None, "--repair/--no-repair", envvar="XXGK_REPAIR", help="Send records that break an identity back to the model once (default off)."),
    provenance: bool = typer.Option(True, "--provenance/--no-provenance", help="Include where each cell was read."),
    db: Optional[str] = typer.Option(None, "--db", help="Store: a file path (SQLite) or a SQLAlchemy URL such as postgresql://…; default xxgk.sqlite next to --out, or in the current folder."),
    no_store: bool = typer.Option(False, "--no-store", help="Do not use a store (no skipping of finished documents)."),
    force: bool = typer.Option(False, "--force", help="Extract again documents the store already has a result for."),
    concurrency: int = typer.Option(1, "--concurrency", "-j", min=1, help="Documents read at the same time (model calls wait on the network)."),
    rate: Optional[float] = typer.Option(None, "--rate", help="At most this many documents started per minute."),
    label: Optional[str] = typer.Option(None, "--label", help="A name for this batch (the review queue filters by batch)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    max_model_failures: int = typer.Option(
        DEFAULT_LIMIT, "--max-model-failures", min=0, envvar="XXGK_MAX_MODEL_FAILURES",
        help="Stop the batch after this many documents in a row could not reach the model (0: never stop)."),
    processes: int = typer.Option(
        0, "--processes", "-p", min=0,
        help="Read the documents in this many worker processes (CPU work: PDFs, scans, the layout reader); "
             "0: in this process. --concurrency is for model calls, which wait on the network."),
    ray: Optional[str] = typer.Option(
        None, "--ray", metavar="ADDRESS",
        help="Read the documents as Ray tasks on a cluster: local (a new one on this machine), auto (the one "
             "`ray start` runs here), HOST:6379 or ray://HOST:10001 (pip install 'xxgk-extractor[ray]'; docs/scale.md)."),
) -> None:
    """Extract the tables of every report under PATHS and check them; one JSON line each.

    Results go to the store too: a re-run skips documents already done with the same engine
    settings (their stored lines are printed again), and a killed run resumes where it stopped.

    Exit status: 0 when every document was read (verified or sent to review); 1 when some
    failed, when the model failed on some (their lines carry `model_error`; they are stored but
    read again next time), or when the batch stopped early (model unreachable, key refused).
    """
    options = from_command_line(
        ctx, model=model, base_url=base_url, mode=mode, temperature=temperature,
        max_tokens=max_tokens, timeout=timeout, repair=repair,
    )
    try:
        eng = get_engine(engine, **options)
    except XxgkError as exc:
        error(str(exc))
        raise typer.Exit(2)
    if ray is not None and processes:
        error("--ray and --processes are two ways to spread the work: give one of them")
        raise typer.Exit(2)
    if ray is not None:
        try:
            from ..distributed import import_ray

            import_ray()
        except XxgkError as exc:
            error(str(exc))
            raise typer.Exit(2)
    try:
        store = None if no_store else Store(as_url(db, out))
    except XxgkError as exc:
        error(str(exc))
        raise typer.Exit(2)
    to_file = None if out is None or out == "-" else out
    sink = JsonlSink.open(to_file, provenance=provenance) if to_file is not None else JsonlSink(sys.stdout, provenance=provenance)
    try:
        common: dict[str, Any] = dict(sink=sink, force=force, concurrency=concurrency, rate=rate, label=label,
                      progress=console.is_terminal if progress is None else progress, console=console,
                      max_model_failures=max_model_failures)
        if ray is not None:
            from ..distributed import run_batch_on_ray

            stats = run_batch_on_ray(paths, engine, store, options=options, address=ray, **common)
        elif processes:
            from ..processes import run_batch_in_processes

            stats = run_batch_in_processes(paths, engine, store, processes=processes, options=options, **common)
        else:
            stats = run_batch(paths, eng, store, **common)
    finally:
        if to_file is not None:
            sink.close()
        if store is not None:
            store.close()
    reused = f", {stats.skipped} reused from the store" if stats.skipped else ""
    say(f"{stats.done} documents: ", (f"{stats.verified} verified", "green"), ", ",
        (f"{stats.review} review", "yellow"), ", ", (f"{stats.failed} failed", "red"), reused,
        f"; store: {safe_url(store.url)}" if store is not None else "")
    if stats.passed_over:
        say(passed_over(stats.passed_over))
    for line in stats.model_failures.lines():
        say(("model error:", "red"), " ", line)
    if stats.stopped:
        say(("stopped:", "red"), f" {stats.stopped}; {stats.not_read} of {stats.total} "
            "documents not read (no line written for them)")
    if store is not None and stats.done and console.is_terminal:
        for line in next_steps(store.url, review=stats.review):
            say(line, style="dim")
    if stats.done == 0 and not stats.stopped:
        error("no documents found under the given paths")
        raise typer.Exit(2)
    if stats.failed or stats.store_errors or stats.model_failures.documents or stats.stopped:
        raise typer.Exit(1)


def next_steps(url: str, *, review: int = 0) -> list[str]:
    """What to do after a batch, for a new user: the commands, copy-pasteable against this store
    (`--db` only when it is not the default ./xxgk.sqlite; a server URL without its password)."""
    if url == default_url():
        db = ""
    elif url.startswith("sqlite:///"):
        db = " --db " + shlex.quote(url[len("sqlite:///"):])
    else:
        db = " --db " + shlex.quote(safe_url(url))
    waiting = f"  ({review} to review)" if review else ""
    return [f"next: xxgk review list{db}{waiting}",
            f"      xxgk serve{db}  (the review page)",
            f"      xxgk export{db} --out results.xlsx"]


def passed_over(skipped: dict[str, list[str]], examples: int = 3) -> str:
    """`passed over 6 files: 5 not a supported type (a.json, …), 1 hidden (.notes.txt)`."""
    total = sum(len(v) for v in skipped.values())
    parts = []
    for reason, paths in sorted(skipped.items(), key=lambda kv: -len(kv[1])):
        shown = ", ".join(paths[:examples]) + (", …" if len(paths) > examples else "")
        parts.append(f"{len(paths)} {reason} ({shown})")
    return f"passed over {total} file{'s' if total != 1 else ''}: " + "; ".join(parts)


def register(app: typer.Typer) -> None:
    app.command()(extract)
