"""`xxgk bench`: reports per second and per-report latency of an engine, rules included."""

from __future__ import annotations

import dataclasses
import json

import typer

from ..bench import bench as run_bench
from ..bench import hostile_documents, load_all, pin_one_core
from ..engines import get_engine
from ._output import error, say
from ._params import EngineName


def bench(
    paths: list[str] = typer.Argument(None, help="Reports to read (files, folders, globs). Default: eval/."),
    engine: EngineName = typer.Option("layout", "--engine", "-e", help="Engine to time (llm and auto call a model)."),
    repeat: int = typer.Option(50, "--repeat", "-n", min=1, help="Times each report is read."),
    one_core: bool = typer.Option(True, "--one-core/--all-cores", help="Pin the process to one CPU core."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    with_rules: bool = typer.Option(True, "--rules/--no-rules", help="Time the rules and status too (default), or the engine alone."),
    inputs: bool = typer.Option(False, "--inputs", help="Time the loaders instead: pages/s per input kind (text, PDF, scans)."),
) -> None:
    """Read the eval set many times and print reports/second and per-report latency (rules included);
    with --inputs, load each file once and print pages/s per input kind."""
    if inputs:
        return _bench_inputs(paths or ["eval"], as_json=as_json)
    docs, load_ms = load_all(paths or ["eval"])
    if not docs:
        error("no readable reports found")
        raise typer.Exit(2)
    core = pin_one_core() if one_core else None
    result = dataclasses.replace(run_bench(docs, get_engine(engine), repeat=repeat, core=core, rules=with_rules),
                                 load_ms=load_ms)
    hostile = run_bench(hostile_documents(), get_engine(engine), repeat=3, warmup=0, rules=with_rules)
    if as_json:
        typer.echo(json.dumps({
            "engine": engine, "rules": with_rules, "documents": result.documents, "runs": result.runs,
            "seconds": round(result.seconds, 4), "reports_per_second": round(result.per_second, 1),
            "reports_per_cpu_second": round(result.per_cpu_second, 1),
            "fastest_round_reports_per_cpu_second": round(result.best_per_second, 1),
            "latency_ms": {"median": round(result.percentile(0.5), 3), "p95": round(result.percentile(0.95), 3),
                           "max": round(max(result.latencies_ms), 3)},
            "load_ms": round(load_ms, 3), "core": core,
            "hostile_max_ms": round(max(hostile.latencies_ms), 3),
        }))
    else:
        typer.echo(f"engine {engine}{'' if with_rules else ' (no rules)'}: {result.summary()}")
        typer.echo(f"hostile reports ({hostile.documents}: a 200-digit run, 10,000 cells, every row ambiguous): "
                   f"slowest reading {max(hostile.latencies_ms):.1f} ms (must stay under 1,000 ms)")


def _bench_inputs(paths: list[str], *, as_json: bool) -> None:
    from ..bench_inputs import bench_inputs

    figures = bench_inputs(paths)
    if not any(f.files for f in figures):
        error("no readable files found")
        raise typer.Exit(2)
    for f in figures:
        if f.kind == "failed":
            say((f"{len(f.failed)} file(s) could not be loaded", "red"), f"; first: {f.failed[0]}")
            continue
        if as_json:
            typer.echo(json.dumps({"kind": f.kind, "files": f.files, "pages": f.pages, "seconds": round(f.seconds, 3),
                                   "pages_per_second": round(f.pages_per_second, 2),
                                   "pages_per_cpu_second": round(f.pages_per_cpu_second, 2)}, ensure_ascii=False))
        else:
            typer.echo(f"{f.kind}: {f.files} file(s), {f.pages} page(s) in {f.seconds:.2f} s: "
                       f"{f.pages_per_second:.2f} pages/s, {f.seconds / max(f.pages, 1):.3f} s/page "
                       f"({f.pages_per_cpu_second:.2f} pages per CPU second)")


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
