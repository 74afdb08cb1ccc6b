"""`xxgk check FILE`: run the rules on a gold label file or stored records (JSON lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

import rules

from ..errors import XxgkError
from ..flat import _coerce
from ..load import load
from ._output import error, say


def facts_of(obj: dict[str, Any], *, text: str | None = None) -> rules.Facts:
    """A gold file has `meta` + `fields`; an extract line has `template` + `fields` at top level.

    `text` is the report's text, for the rules that compare the narrative with the tables."""
    if "meta" in obj:
        return rules.facts_from_gold(obj, text=text)
    if obj.get("template") is None:
        raise ValueError("no template: the record failed or is not an xxgk record")
    return rules.Facts(
        template=str(obj["template"]), year=obj.get("year"), organ=obj.get("organ"),
        values={k: (None if v is None else _coerce(k, v)) for k, v in obj["fields"].items()},
        printed=obj.get("printed") or {}, text=text,
    )


def report_text(obj: dict[str, Any], folder: Path) -> str | None:
    """The text of the report a record names (`path`, or `doc` beside the file), when readable."""
    for candidate in (obj.get("path"), folder / str(obj.get("doc", ""))):
        if candidate and obj.get("doc") and Path(candidate).is_file():
            try:
                return load(str(candidate)).text
            except XxgkError:
                return None
    return None


def load_records(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def check(
    file: Path = typer.Argument(..., help="A *.gold.json label file, or a JSON-lines file from `xxgk extract`."),
    as_json: bool = typer.Option(False, "--json", help="Print violations as JSON for machines."),
    errors_only: bool = typer.Option(False, "--errors-only", help="Only error-level violations."),
    with_text: bool = typer.Option(True, "--text/--no-text", help="Read the report named by each record (beside a gold file, or its `path`) to compare its narrative with the tables."),
) -> None:
    """Run every rule on stored records and print the violations.

    Exit status 1 when any error-level violation is found, 2 when the file cannot be read.
    """
    try:
        records = load_records(file)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        error(f"{file}: cannot read ({exc})")
        raise typer.Exit(2)
    out: list[dict[str, Any]] = []
    any_error = False
    for obj in records:
        name = obj.get("doc", str(file))
        try:
            text = report_text(obj, file.parent) if with_text else None
            found = rules.check(facts_of(obj, text=text))
        except (KeyError, ValueError, TypeError) as exc:
            out.append({"doc": name, "error": f"{file}: {exc}", "violations": []})
            continue
        if errors_only:
            found = rules.errors(found)
        any_error |= any(v.severity == "error" for v in found)
        out.append({"doc": name, "violations": [v.model_dump(mode="json") for v in found]})
    if as_json:
        typer.echo(json.dumps(out if len(out) > 1 else out[0], ensure_ascii=False, indent=1))
    else:
        for item in out:
            if "error" in item:
                say((str(item["doc"]), "red"), f": {item['error']}")
                continue
            vs = item["violations"]
            say((str(item["doc"]), "bold"), f": {len(vs)} violation(s)")
            for v in vs:
                typer.echo(f"  [{v['severity']}] {v['rule']}: {v['message']}")
    if any_error:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(check)
