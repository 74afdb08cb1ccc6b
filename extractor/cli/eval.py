"""`xxgk eval`: measure an engine on the labelled set, compare two runs, gate a change, grow the set.

    xxgk eval [run] [--engine layout|llm|auto] [--model M] [--set real|variants|all] [--out DIR]
    xxgk eval compare RUN_A RUN_B [--max-drop X]
    xxgk eval add REPORT [--family F]
    xxgk eval variants
    xxgk eval table RUN... [--markdown | --json]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from ..engines import get_engine
from ..errors import LabelError, XxgkError
from ..evaluation import (
    add_report, compare, compare_markdown, default_eval_dir, ensure_variants, gate, generate, load_run,
    load_set, run_eval, save_run, to_html, to_markdown,
)
from ..evaluation.cassette import cassette_name, recorded
from ..catalogue import did_you_mean
from ..evaluation.report import figures, figures_table, headline, md_table
from ..evaluation.run import all_failed, reports_of as chosen_reports, unmeasured
from ..evaluation.variants import DEFAULT_SEED
from ._output import error, print_table, say
from ._params import ENV_BASE_URL, ENV_MODE, ENV_MODEL, EngineName, EvalSet, Mode, at_most_one, from_command_line

eval_app = typer.Typer(
    name="eval",
    help="Measure accuracy, review routing, cost and speed on the labelled reports; compare and gate runs.",
    no_args_is_help=False,
    invoke_without_command=True,
)


def run(
    ctx: typer.Context,
    engine: EngineName = typer.Option("layout", "--engine", "-e", help="The engine to measure."),
    model: Optional[str] = typer.Option(None, "--model", envvar=ENV_MODEL, help="Model name for llm/auto."),
    base_url: Optional[str] = typer.Option(None, "--base-url", envvar=ENV_BASE_URL, help="OpenAI-compatible endpoint."),
    mode: Optional[Mode] = typer.Option(None, "--mode", envvar=ENV_MODE, help="How llm/auto ask the model for JSON (default json_schema)."),
    set_: EvalSet = typer.Option("real", "--set", help="The labelled set (variants are generated when missing; all: real and variants, reported apart; scans: drawn by eval/scans.py, OCR'd, slow)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for the run file and reports (default: eval/runs)."),
    eval_dir: Optional[Path] = typer.Option(None, "--eval-dir", envvar="XXGK_EVAL_DIR", help="Folder holding real/ and variants/ (default: ./eval)."),
    only: Optional[str] = typer.Option(None, "--only", help="Only reports whose id contains this text (nothing matching: the closest ids are named)."),
    reports_of: Optional[Path] = typer.Option(None, "--reports-of", help="Only the reports this run file scored (re-run or re-record a baseline on its own reports)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Run file to gate against."),
    max_drop: float = typer.Option(0.0, "--max-drop", help="Largest allowed fall of a gated figure, as a share (0.01 = 1 point)."),
    name: Optional[str] = typer.Option(None, "--name", help="File stem of the run file and reports."),
    cassette: Optional[Path] = typer.Option(None, "--cassette", help="Replay model calls from this folder (record the ones missing)."),
    record: bool = typer.Option(False, "--record", help="With --cassette: call the live endpoint and record every call anew."),
    replay_only: bool = typer.Option(False, "--replay-only", help="With --cassette: never call the endpoint; fail on a call not recorded."),
) -> None:
    """Run the engine over the labelled set, print the figures, write the run file and reports.

    Exit status 1 when a --baseline gate fails, when every report failed, or when a report's
    model calls did not happen as they should (not on tape in a replay, endpoint unreachable or timed out, key refused);
    2 on bad input (labels, engine settings).
    """
    if ctx.invoked_subcommand is not None:
        return
    root = eval_dir or default_eval_dir()
    options = from_command_line(ctx, model=model, base_url=base_url, mode=mode)
    try:
        eng = get_engine(engine, **options)
        cases = _cases(root, set_)
        base = load_run(baseline) if baseline else None
        if reports_of is not None:
            cases = chosen_reports(cases, load_run(reports_of), source=str(reports_of))
    except XxgkError as exc:
        _fail(str(exc))
    if only:
        chosen = [c for c in cases if only in c.id]
        if cases and not chosen:
            _fail(f"--only {only!r}: no report id under {root} contains it"
                  + did_you_mean(only, [c.id for c in cases] + [c.id.rsplit("/", 1)[-1] for c in cases]))
        cases = chosen
    if not cases:
        _fail(f"no labelled reports found under {root} for --set {set_}")
    say(f"eval: {len(cases)} reports, engine {engine}")

    def progress(case: Any, doc: dict[str, Any]) -> None:
        if doc["set"] != "real" and doc["exact"]:
            return  # hundreds of variants: list only the ones read wrongly
        mark: tuple[str | tuple[str, str], ...]
        if doc.get("expect") == "failed":
            mark = (("rejected", "green"),) if doc["exact"] else (("not rejected (not a report)", "red"),)
        elif doc["exact"]:
            mark = (("exact", "green"),)
        else:
            mark = ((f"{doc['wrong_cells']} wrong", "red"), f", {doc['undecided']} undecided")
        problem = doc.get("model_error") or (doc.get("error") if doc["status"] == "failed" else None)
        why = (f" ({problem})", "red") if problem and doc.get("expect") != "failed" else ""
        say(f"  {doc['set']}/{doc['id']}: {doc['status']}, ", *mark, f", {doc['seconds']:.2f}s", why)

    if cassette is not None:
        tape_mode = "all" if record else "none" if replay_only else "new_episodes"
        try:
            with recorded(cassette, cassette_name(engine, model), mode=tape_mode) as tape:
                result = run_eval(cases, eng, progress=progress)
        except XxgkError as exc:
            _fail(str(exc))
        result["cassette"] = {"path": str(tape), "mode": tape_mode}
    else:
        result = run_eval(cases, eng, progress=progress)
    folder = out or (root / "runs")
    path = save_run(result, folder, stem=name)
    md = path.with_suffix(".md")
    md.write_text(to_markdown(result), encoding="utf-8")
    path.with_suffix(".html").write_text(to_html(result), encoding="utf-8")
    for set_name, summary in result["summary"].items():
        typer.echo(f"\n## {set_name}\n")
        typer.echo("\n".join(md_table(["figure", "value"], headline(summary))))
    say(f"\nrun file {path}\nreport   {md} (and .html)")
    bad = unmeasured(result)
    if bad:
        kinds = sorted({d["model_error_kind"] for d in bad})
        say(("error:", "red"), f" {len(bad)} of {len(result['docs'])} reports: the model calls did not "
            f"happen as they should ({', '.join(kinds)}); these figures do not measure the model. "
            f"First: {bad[0]['model_error']}")
        raise typer.Exit(1)
    failed = all_failed(result)
    if failed:
        error(f"every one of the {len(failed)} reports failed (no record read): these figures measure "
              f"nothing. First: {failed[0].get('error')}")
        raise typer.Exit(1)
    if base is not None:
        _gate(base, result, max_drop)


def compare_cmd(
    run_a: Path = typer.Argument(..., help="The earlier (baseline) run file."),
    run_b: Path = typer.Argument(..., help="The later run file."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Also write the comparison (Markdown) here."),
    max_drop: Optional[float] = typer.Option(None, "--max-drop", help="Gate B against A: exit 1 when a figure falls by more than this share."),
) -> None:
    """Show two runs side by side, cell by cell where they differ; with --max-drop, gate B against A."""
    try:
        a, b = load_run(run_a), load_run(run_b)
    except XxgkError as exc:
        _fail(str(exc))
    text = compare_markdown(compare(a, b))
    typer.echo(text)
    if out:
        out.write_text(text, encoding="utf-8")
    if max_drop is not None:
        _gate(a, b, max_drop)


def add_cmd(
    ctx: typer.Context,
    report: Path = typer.Argument(..., help="The report to label (any format `xxgk extract` reads)."),
    engine: EngineName = typer.Option("auto", "--engine", "-e", help="Engine whose reading becomes the skeleton."),
    model: Optional[str] = typer.Option(None, "--model", envvar=ENV_MODEL, help="Model name for llm/auto."),
    base_url: Optional[str] = typer.Option(None, "--base-url", envvar=ENV_BASE_URL, help="OpenAI-compatible endpoint."),
    to: Optional[Path] = typer.Option(None, "--to", help="Folder of the labelled set (default: eval/real/reports)."),
    family: str = typer.Option("unknown", "--family", help="Layout family (pipe, tab, html, pdf-text, …)."),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="How the text was obtained (default: the file suffix)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing gold file."),
) -> None:
    """Copy REPORT into the labelled set and write its gold skeleton, for a person to correct."""
    options = from_command_line(ctx, model=model, base_url=base_url)
    try:
        eng = get_engine(engine, **options)
    except XxgkError as exc:
        if engine != "auto":
            _fail(str(exc))
        eng = get_engine("layout")  # auto needs nothing more than layout; fall back quietly
    folder = to or (default_eval_dir() / "real" / "reports")
    try:
        gold = add_report(report, eng, folder, family=family, input_format=input_format, force=force)
    except XxgkError as exc:
        _fail(str(exc))
    say(f"wrote {gold}\nNow correct every cell against the printed tables and rewrite its `notes`;"
        f" `xxgk eval --only {report.name}` checks it on load.")


def variants_cmd(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for the variants (default: eval/variants)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (the default reproduces the shipped figures)."),
) -> None:
    """(Re)generate the variants: the real labelled reports re-rendered, and the families' reports."""
    root = default_eval_dir()
    try:
        cases = load_set(root / "real")
        paths = generate(cases, out or (root / "variants"), seed=DEFAULT_SEED if seed is None else seed)
    except XxgkError as exc:
        _fail(str(exc))
    say(f"wrote {len(paths)} variants (real reports re-rendered, and the failure families) "
        f"to {out or (root / 'variants')}")


def table_cmd(
    runs: list[Path] = typer.Argument(..., help="Run files, one row per run and set."),
    markdown: bool = typer.Option(False, "--markdown", help="The Markdown table (as in the README and docs/eval.md)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per row, keyed by the column names."),
) -> None:
    """Print the headline figures of runs as one table: one row per run and set."""
    at_most_one(markdown=markdown, json=as_json)
    try:
        loaded = [load_run(p) for p in runs]
    except XxgkError as exc:
        _fail(str(exc))
    if markdown:
        typer.echo(figures_table(loaded), nl=False)
        return
    header, rows = figures(loaded)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(dict(zip(header, row)), ensure_ascii=False))
        return
    # one column per run and set, a figure per row: nineteen figures fit a terminal this way
    titles = [" ".join(str(cell) for cell in row[:3]) for row in rows]  # engine, model, set
    print_table(["figure", *titles], [[name, *(row[i] for row in rows)] for i, name in enumerate(header) if i >= 3])


def _cases(root: Path, set_: str) -> list:
    """The labelled reports of the set. Every gold file is read; when any is broken, each is
    named and the eval stops (exit 2): figures measured without some labels would mislead."""
    broken: list[LabelError] = []
    cases = []
    if set_ in ("real", "all"):
        cases += load_set(root / "real", set_name="real", errors=broken)
    if set_ in ("variants", "all") and not broken:
        real = cases if set_ == "all" else load_set(root / "real", set_name="real", errors=broken)
        if not broken and ensure_variants(real, root / "variants"):
            say(f"generated variants into {root / 'variants'}")
        if not broken:
            cases += load_set(root / "variants", set_name="variants", errors=broken)
    if set_ == "scans":
        if not (root / "scans").is_dir():
            _fail(f"no scans in {root / 'scans'}: draw them first with `python eval/scans.py make` "
                  "(clean, office and phone scans of labelled reports; OCR takes minutes a report)")
        cases += load_set(root / "scans", set_name="scans", errors=broken)
    for exc in broken:
        error(str(exc))
    if broken:
        _fail(f"{len(broken)} label file{'s are' if len(broken) > 1 else ' is'} broken; "
              "fix them first (figures measured without them would mislead)")
    return cases


def _gate(base: dict[str, Any], current: dict[str, Any], max_drop: float) -> None:
    verdict = gate(base, current, max_drop=max_drop)
    for figure in verdict.skipped:
        say(f"gate skipped {figure} (not in both run files)")
    if verdict.ok:
        say(("gate passed", "green"), f" (max drop {max_drop:.2%})")
        return
    say(("gate failed", "red"), f" (max drop {max_drop:.2%}):")
    for reason in verdict.failures:
        typer.echo(f"  - {reason}", err=True)
    raise typer.Exit(1)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)  # plain: a file path must not be wrapped
    raise typer.Exit(2)


eval_app.callback(invoke_without_command=True)(run)
eval_app.command("run")(run)
eval_app.command("compare")(compare_cmd)
eval_app.command("add")(add_cmd)
eval_app.command("variants")(variants_cmd)
eval_app.command("table")(table_cmd)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
