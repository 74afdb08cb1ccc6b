"""The command line as a user meets it: `--version`, choices shown and checked (a usage error is
exit 2 everywhere), environment variables in `--help`, did-you-mean for cell keys and report ids,
tables for `review list`, and the hint after `xxgk extract`."""

from __future__ import annotations

import io
import json
import typing
from importlib.metadata import version
from typing import Any, Iterator

import pytest
from rich.console import Console
from typer.main import get_command
from typer.testing import CliRunner

from conftest import EVAL_REAL, seed_cases
from extractor import catalogue
from extractor.cli import app
from extractor.engines import ENGINES
from gold_engine import filled_store

runner = CliRunner()
BAD = "no-such-choice"


def invoke(*args: str, **kwargs: Any):
    """Run `xxgk`, its help and error panels wide enough that no line of theirs is wrapped."""
    return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "400", **kwargs.pop("env", {})},
                         **kwargs)


def walk(command: Any = None, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and subcommand of the typer app, with the words that call it."""
    command = command or get_command(app)
    if path:
        yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


def choices(param: Any) -> tuple[str, ...]:
    """The fixed choices of an option (a `Literal`, under Optional or list), or ()."""
    annotation = param.type_descriptor.annotation
    while typing.get_origin(annotation) in (typing.Union, list):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()


def options(command: Any) -> list[Any]:
    return [p for p in command.params if getattr(p, "opts", None) and p.opts[0].startswith("--")
            and p.name not in ("help", "version_")]


COMMANDS = list(walk())
IDS = [" ".join(p) for p, _ in COMMANDS]


def test_the_walk_finds_every_command():
    names = set(IDS)
    assert {"extract", "check", "eval", "eval add", "eval compare", "eval table", "review list", "review resolve",
            "export", "serve", "bench", "doctor"} <= names


def test_version_comes_from_the_package_metadata():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"xxgk {version('xxgk-extractor')}\n"
    assert "--version" in invoke("--help").stdout


@pytest.mark.parametrize("path,command", COMMANDS, ids=IDS)
def test_an_unknown_option_is_a_usage_error(path, command):
    result = invoke(*path, "--no-such-option")
    assert result.exit_code == 2, result.output
    assert "No such option: --no" in result.output  # (`review resolve` reads dashes as underscores)


@pytest.mark.parametrize("path,command", COMMANDS, ids=IDS)
def test_a_bad_choice_is_a_usage_error_and_the_choices_are_in_help(path, command):
    helped = " ".join(invoke(*path, "--help").stdout.split())
    for param in options(command):
        allowed = choices(param)
        if not allowed:
            continue
        assert "|".join(allowed) in helped.replace(" ", ""), (path, param.name)
        result = invoke(*path, param.opts[0], BAD)
        assert result.exit_code == 2, (path, param.opts[0], result.output)
        said = " ".join(result.output.split())
        assert f"Invalid value for '{param.opts[0]}'" in said and BAD in said, said


def test_the_options_with_fixed_choices_have_them():
    """The reported free strings: each now a choice, taken from the library's registries."""
    by_path = dict(COMMANDS)
    expected = {
        ("extract", "--engine"): tuple(ENGINES), ("extract", "--mode"): ("json_schema", "tools", "json"),
        ("eval", "--engine"): tuple(ENGINES), ("eval", "--set"): ("real", "variants", "scans", "all"),
        ("eval", "--mode"): ("json_schema", "tools", "json"), ("eval add", "--engine"): tuple(ENGINES),
        ("bench", "--engine"): tuple(ENGINES), ("doctor", "--mode"): ("json_schema", "tools", "json"),
        ("review list", "--state"): ("open", "resolved", "superseded", "all"),
        ("review list", "--template"): ("2019", "2021"),
        ("review resolve", "--outcome"): ("extraction_corrected", "report_wrong"),
        ("export", "--format"): ("csv", "xlsx", "parquet", "jsonl"),
        ("export", "--layout"): ("wide", "long"), ("export", "--labels"): ("en", "zh"),
    }
    for (cmd, opt), allowed in expected.items():
        param = next(p for p in options(by_path[tuple(cmd.split())]) if p.opts[0] == opt)
        assert choices(param) == allowed, (cmd, opt)


def test_the_old_hand_checks_now_exit_2():
    """`--engine foo` and `review resolve --outcome wrong` used to differ (2 and 1)."""
    assert invoke("extract", "--engine", "foo", "x.txt").exit_code == 2
    wrong = invoke("review", "resolve", "1", "--outcome", "wrong", "--reviewer", "r")
    assert wrong.exit_code == 2 and "extraction_corrected" in wrong.output
    assert invoke("eval", "--set", "nope").exit_code == 2


ENV = {"--model": "XXGK_MODEL", "--base-url": "XXGK_BASE_URL", "--mode": "XXGK_MODE",
       "--temperature": "XXGK_TEMPERATURE", "--max-tokens": "XXGK_MAX_TOKENS", "--timeout": "XXGK_TIMEOUT",
       "--repair": "XXGK_REPAIR", "--max-model-failures": "XXGK_MAX_MODEL_FAILURES", "--eval-dir": "XXGK_EVAL_DIR"}


def test_every_option_with_an_environment_variable_names_it():
    seen = set()
    for path, command in COMMANDS:
        for param in options(command):
            var = ENV.get(param.opts[0])
            if var is None or (path == ("doctor",) and param.opts[0] == "--timeout"):  # the probe's own
                continue
            envvar = param.envvar if isinstance(param.envvar, list) else [param.envvar]
            assert envvar[0] == var, (path, param.opts[0], param.envvar)
            seen.add(param.opts[0])
    assert seen == set(ENV)
    extract = invoke("extract", "--help", env={"COLUMNS": "200"}).stdout
    assert "env var: XXGK_MODEL" in extract and "XXGK_BASE_URL, OPENAI_BASE_URL" in extract


def test_a_model_variable_does_not_reach_the_layout_reader(tmp_path, monkeypatch):
    """The engines read the environment themselves: XXGK_MODEL set for `llm` must not become an
    option the layout reader refuses (it takes none)."""
    monkeypatch.setenv("XXGK_MODEL", "some-model")
    monkeypatch.setenv("XXGK_MODE", "tools")
    seed = seed_cases()[3][0]
    result = invoke("extract", "--engine", "layout", "--no-store", str(seed))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["engine"] == "layout"
    typed = invoke("extract", "--engine", "layout", "--no-store", "--model", "m", str(seed))
    assert typed.exit_code == 2 and "layout" in typed.output  # a flag is still passed, and refused


# ---------------------------------------------------------------- did you mean

def test_did_you_mean_over_the_catalogue_keys():
    assert catalogue.unknown_key("requests.total.natural") is None
    said = catalogue.unknown_key("requests.totl.natural")
    assert said.startswith("'requests.totl.natural' is not a cell key") and "'requests.total.natural'" in said
    assert "did you mean" not in catalogue.unknown_key("zzz")
    assert catalogue.unknown_key("active.regulations.issued", "2019") is not None  # a 2021 cell
    assert catalogue.unknown_key("active.regulations.issued") is None
    hint = catalogue.mismatch_hints(["requests.totl.natural"], ["requests.total.natural", "appeals.review.total"])
    assert hint == "; 'requests.totl.natural': did you mean 'requests.total.natural'?"
    assert catalogue.mismatch_hints(["zzz"], ["requests.total.natural"]) == ""


def test_review_resolve_refuses_a_misspelt_key_with_the_closest(tmp_path):
    store = filled_store(tmp_path)
    db = str(tmp_path / "xxgk.sqlite")
    item = json.loads(invoke("review", "list", "--db", db, "--json").stdout.splitlines()[0])
    result = invoke("review", "resolve", str(item["id"]), "--db", db, "--outcome", "extraction_corrected",
                    "--reviewer", "r", "--set", "requests.totl.natural=16")
    said = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "'requests.totl.natural' is not a cell key (did you mean 'requests.total.natural'" in said
    shape = invoke("review", "resolve", str(item["id"]), "--db", db, "--outcome", "report_wrong",
                   "--reviewer", "r", "--set", "requests.total.natural")
    assert shape.exit_code == 2 and "expected KEY=VALUE" in shape.output
    from extractor.review import get_item

    assert get_item(store, item["id"]).summary.state == "open"  # nothing was stored
    fixed = invoke("review", "resolve", str(item["id"]), "--db", db, "--outcome", "extraction-corrected",
                   "--reviewer", "r", "--set", " requests.total.natural = 16 ")
    assert fixed.exit_code == 0, fixed.output
    assert get_item(store, item["id"]).values["requests.total.natural"] == 16


def test_check_names_the_key_a_misspelt_one_was_meant_to_be(tmp_path):
    gold = json.loads((EVAL_REAL / "seeds" / "003_1b7ac8ccf42148d8.gold.json").read_text(encoding="utf-8"))
    gold["fields"]["requests.totl.natural"] = gold["fields"].pop("requests.total.natural")
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = invoke("check", "--no-text", str(path))
    assert result.exit_code == 1
    assert "'requests.totl.natural': did you mean 'requests.total.natural'?" in " ".join(result.stdout.split())


def test_eval_only_matching_nothing_names_the_closest_ids():
    typo = invoke("eval", "--only", "000_b232cca7e491x758", "--set", "real")
    assert typo.exit_code == 2
    said = " ".join(typo.output.split())
    assert "no report id" in said and "did you mean" in said and "000_b232cca7e491c758" in said


# ---------------------------------------------------------------- tables

def test_review_list_is_a_table_with_plain_and_json_for_scripts(tmp_path):
    filled_store(tmp_path)
    db = str(tmp_path / "xxgk.sqlite")
    table = invoke("review", "list", "--db", db)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    header = next(line for line in lines if "reasons" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == [
        "item", "report", "organ", "year", "format", "state", "reasons"]
    (row,) = [line for line in lines if line.startswith("│ #")]
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells[1].startswith("000_") and cells[2:6] == ["市住建局", "2020", "2019", "open"]
    assert "error:outcome_sum:requests.natural" in cells[6]  # piped, a cell is never cut
    plain = invoke("review", "list", "--db", db, "--plain").stdout.splitlines()
    assert len(plain) == 1 and plain[0].split("\t")[1:6] == [cells[1], "市住建局", "2020", "2019", "open"]
    as_json = [json.loads(x) for x in invoke("review", "list", "--db", db, "--json").stdout.splitlines()]
    assert [x["doc"] for x in as_json] == [cells[1]]
    both = invoke("review", "list", "--db", db, "--json", "--plain")
    assert both.exit_code == 2 and "choose one of --json or --plain" in " ".join(both.output.split())
    assert invoke("review", "list", "--db", db, "--state", "resolved").stdout == ""  # no empty table


def test_a_table_shows_markup_as_text():
    from extractor.cli._output import print_table

    buf = io.StringIO()
    print_table(["a", "b"], [["[/x]", "[red]y"], [None, 3]], out=Console(file=buf, width=40))
    text = buf.getvalue()
    assert "[/x]" in text and "[red]y" in text and "?" in text


# ---------------------------------------------------------------- after extract

def test_next_steps_name_this_store(tmp_path, monkeypatch):
    from extractor.cli.extract import next_steps
    from extractor.store import default_url

    monkeypatch.chdir(tmp_path)
    here = next_steps(default_url(), review=2)
    assert here[0] == "next: xxgk review list  (2 to review)" and "xxgk serve" in here[1]
    assert "xxgk export --out results.xlsx" in here[2]
    other = next_steps(f"sqlite:///{tmp_path}/a b/x.sqlite")
    assert other[0] == f"next: xxgk review list --db '{tmp_path}/a b/x.sqlite'"
    server = next_steps("postgresql://u:secret@db.example/xxgk")
    assert "secret" not in " ".join(server) and "--db 'postgresql://…@db.example/xxgk'" in server[0]


def test_extract_prints_the_hint_only_on_a_terminal(tmp_path, monkeypatch):
    import extractor.cli._output as output
    import extractor.cli.extract as extract

    monkeypatch.chdir(tmp_path)
    seed = str(seed_cases()[0][0])
    piped = invoke("extract", "--engine", "layout", seed)
    assert piped.exit_code == 0 and "next:" not in piped.output
    buf = io.StringIO()
    terminal = Console(file=buf, force_terminal=True, markup=False, highlight=False, width=200)
    monkeypatch.setattr(output, "console", terminal)
    monkeypatch.setattr(extract, "console", terminal)
    shown = invoke("extract", "--engine", "layout", "--force", seed)
    assert shown.exit_code == 0
    said = buf.getvalue()
    assert "next: xxgk review list  (1 to review)" in said and "xxgk serve" in said and "xxgk export" in said
    assert "next:" not in shown.stdout  # stderr only: stdout stays JSON lines
