"""The `xxgk` command: a thin layer over the library (each command module registers itself)."""

from __future__ import annotations

import gc
import importlib
from importlib.metadata import PackageNotFoundError, version

import typer

from ._output import configure_logging

app = typer.Typer(
    name="xxgk",
    help="Read 政府信息公开工作年度报告 tables into verified data: extract, check, review, eval.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def package_version() -> str:
    """The installed distribution's version (pyproject's `version`), or `unknown` when this code
    runs from a checkout that was never installed."""
    try:
        return version("xxgk-extractor")
    except PackageNotFoundError:
        return "unknown"


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"xxgk {package_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version_: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                  help="Print the version and exit."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log everything, the model client's requests and retries too."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Log errors only."),
) -> None:
    """Read 政府信息公开工作年度报告 tables into verified data: extract, check, review, eval."""
    configure_logging(verbose=verbose, quiet=quiet)


# Each module defines `register(app)`; a module still being written is simply absent.
for _name in ("extract", "check", "eval", "review", "export", "bench", "doctor"):
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    # the imports leave ~95k long-lived objects; frozen, they are no longer rescanned by each
    # full garbage collection (one every ~90 reports in a batch, ~10 ms each otherwise)
    gc.freeze()
    # a report's reading makes ~4,000 short-lived objects, nearly all freed by reference
    # counting: a young-generation scan every 700 allocations was ~3 % of a layout batch
    gc.set_threshold(20_000, 20, 20)
    app()
