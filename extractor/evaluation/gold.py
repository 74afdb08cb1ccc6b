"""Gold label files: load them, check them, and find the labelled sets on disk.

A gold file (`*.gold.json`, format in docs/gold-format.md) says what a report prints. Every file
is checked when it is loaded — keys complete for its version, values valid for the schema,
`ambiguous` alternatives that include the chosen value, and `source_violations` equal to the
identities its own numbers break — so a wrong label fails loudly instead of skewing a figure.
A text that is not a report of the current format has a gold file too, saying so
(`"expect": "failed"`, its `kind`, no fields): the eval then expects the document rejected.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

import rules

from .. import catalogue
from ..errors import CatalogueError, LabelError
from ..flat import Value, _coerce, from_flat, value_problem

#: The keys a gold file may hold; `variant` is written by the variant generator only.
GOLD_KEYS = {"doc", "meta", "fields", "ambiguous", "source_violations", "notes", "variant", "expect"}
#: The keys of a gold file for a text that is not a report (`"expect": "failed"`).
NON_REPORT_KEYS = {"doc", "expect", "kind", "notes", "variant"}
#: What a non-report is (`kind`): a work-points progress note, a disclosure guide, an annual
#: report in the format used before 2019, or something else.
NON_REPORT_KINDS = ("work-points", "guide", "pre-2019-report", "other")
#: scans (eval/scans.py) are OCR'd, minutes a report: never part of "all"
SETS = ("real", "variants", "scans")
MANIFEST = "manifest.json"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class GoldCase:
    """One labelled report: where it is, what it prints, and how it is laid out."""

    id: str  # path of the report relative to its set's folder, e.g. "seeds/000_….txt"
    set: str  # "real", "variants" or "scans"
    report: Path
    gold_path: Path
    template: catalogue.Template | None  # None for a text that is not a report
    year: int | None
    organ: str | None
    fields: dict[str, Value]
    ambiguous: dict[str, tuple[Value, ...]] = field(default_factory=dict)
    source_violations: tuple[str, ...] = ()
    family: str = UNKNOWN
    input_format: str = UNKNOWN
    notes: str = ""
    variant: dict[str, Any] | None = None
    expect: str = "report"  # "report", or "failed" for a text that is not a report
    kind: str | None = None  # what a non-report is (NON_REPORT_KINDS)

    @property
    def is_report(self) -> bool:
        return self.expect == "report"

    # A labelled report has its format version, year and organ; a text that is not a report has none.
    @property
    def report_template(self) -> catalogue.Template:
        if self.template is None:
            raise ValueError(f"{self.id}: not a labelled report, it has no format version")
        return self.template

    @property
    def report_year(self) -> int:
        if self.year is None:
            raise ValueError(f"{self.id}: not a labelled report, it has no year")
        return self.year

    @property
    def report_organ(self) -> str:
        if self.organ is None:
            raise ValueError(f"{self.id}: not a labelled report, it has no organ")
        return self.organ

    def allowed(self, key: str) -> tuple[Value, ...]:
        """Every value that counts as a right reading of a cell."""
        return (self.fields[key], *self.ambiguous.get(key, ()))

    @property
    def nonzero_keys(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.fields.items() if v is not None and v != 0)


def same(a: Any, b: Any) -> bool:
    """Exact numeric equality that is safe across int, float and Decimal (21.53 == Decimal('21.53'))."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except ArithmeticError:
        return False


def load_gold(gold_path: str | os.PathLike[str], *, set_name: str = "real", root: Path | None = None,
              manifest: dict[str, Any] | None = None) -> GoldCase:
    """Read and check one gold file; raises `LabelError` naming the file and what is wrong."""
    path = Path(gold_path)
    where = str(path)
    data = read_json(path, "gold file")
    if not isinstance(data, dict):
        raise LabelError(where, "a gold file must hold one JSON object")
    check_gold(data, where)
    report = path.with_name(data["doc"])
    if not report.is_file():
        raise LabelError(where, f"the labelled report {data['doc']!r} is not beside the gold file")
    root = root or path.parent
    rel = report.relative_to(root).as_posix() if report.is_relative_to(root) else report.name
    entry = (manifest or {}).get(rel) or {}
    if not isinstance(entry, dict):
        raise LabelError(where, f"the manifest's entry for {rel!r} must be an object")
    variant = data.get("variant")
    family = (variant or {}).get("family") or entry.get("family") or UNKNOWN
    input_format = (variant or {}).get("input_format") or entry.get("input_format") or UNKNOWN
    if data.get("expect") == "failed":
        return GoldCase(id=rel, set=set_name, report=report, gold_path=path, template=None, year=None, organ=None,
                        fields={}, family=family, input_format=input_format, notes=str(data.get("notes") or ""),
                        variant=variant, expect="failed", kind=str(data["kind"]))
    template = catalogue.as_template(data["meta"]["template"])  # checked with the label file
    fields = {k: (None if v is None else _coerce(k, v)) for k, v in data["fields"].items()}
    ambiguous: dict[str, tuple[Value, ...]] = {k: tuple(_coerce(k, x) for x in vs) for k, vs in (data.get("ambiguous") or {}).items()}
    return GoldCase(
        id=rel, set=set_name, report=report, gold_path=path, template=template,
        year=int(data["meta"]["year"]), organ=str(data["meta"]["organ"]), fields=fields,
        ambiguous=ambiguous, source_violations=tuple(data.get("source_violations") or ()),
        family=family, input_format=input_format, notes=str(data.get("notes") or ""), variant=variant,
    )


def check_gold(data: dict[str, Any], where: str) -> None:
    """Every check of a gold file's content; raises `LabelError(where, problem)` on the first failure."""
    _check_common(data, where)
    expect = data.get("expect", "report")
    if expect == "failed":
        _check_non_report(data, where)
        return
    if expect != "report":
        raise LabelError(where, f"expect must be 'report' (the default) or 'failed', not {expect!r}")
    unknown = sorted(set(data) - GOLD_KEYS)
    if unknown:
        raise LabelError(where, f"unknown top-level keys {unknown}")
    for key in ("doc", "meta", "fields"):
        if key not in data:
            raise LabelError(where, f"missing {key!r}")
    meta = data["meta"]
    if not isinstance(meta, dict) or not {"year", "template", "organ"} <= set(meta):
        raise LabelError(where, "meta must hold year, template and organ")
    template = str(meta["template"])
    if template not in catalogue.TEMPLATES:
        raise LabelError(where, f"meta.template {template!r} is not one of {catalogue.TEMPLATES}")
    if not isinstance(meta["year"], int) or isinstance(meta["year"], bool):
        raise LabelError(where, f"meta.year must be an integer, not {meta['year']!r}")
    fields = data["fields"]
    if not isinstance(fields, dict):
        raise LabelError(where, "fields must be an object {key: number}")
    expected = catalogue.keys(template)
    missing = [k for k in expected if k not in fields]
    extra = sorted(set(fields) - set(expected))
    if missing or extra:
        raise LabelError(where, f"fields do not match the {template} version: missing {_few(missing)}, "
                                f"unknown {_few(extra)}{catalogue.mismatch_hints(extra, missing)}")
    for key, value in fields.items():
        if isinstance(value, str):  # a label holds JSON numbers, amounts too
            raise LabelError(where, f"fields[{key!r}] must be a number or null, not {value!r:.60}")
        problem = value_problem(key, value, negative_counts=True)  # the schema's own message below
        if problem:
            raise LabelError(where, f"fields[{key!r}] {problem}")
    try:
        from_flat(template, fields, organ=str(meta["organ"]) or "?", year=meta["year"])
    except (ValidationError, CatalogueError) as exc:
        raise LabelError(where, f"fields do not fit the schema: {_short(exc)}") from exc
    ambiguous = data.get("ambiguous") or {}
    if not isinstance(ambiguous, dict):
        raise LabelError(where, "ambiguous must be an object {key: [values]}")
    for key, values in ambiguous.items():
        if key not in fields:
            raise LabelError(where, f"ambiguous names {key!r}, which is not a cell of the {template} version")
        if not isinstance(values, list) or not values:
            raise LabelError(where, f"ambiguous[{key!r}] must be a non-empty list of values")
        for value in values:
            problem = "must not be null" if value is None else value_problem(key, value, negative_counts=True)
            if problem or isinstance(value, str):
                raise LabelError(where, f"ambiguous[{key!r}] holds {value!r:.60}: {problem or 'not a number'}")
        if not any(same(v, fields[key]) for v in values):
            raise LabelError(where, f"ambiguous[{key!r}] does not include the chosen value {fields[key]!r}")
    declared = data.get("source_violations") or []
    if not isinstance(declared, list) or not all(isinstance(x, str) for x in declared):
        raise LabelError(where, "source_violations must be a list of identity ids")
    found = identity_violations(data)
    if sorted(set(declared)) != sorted(set(found)):
        raise LabelError(
            where,
            "source_violations do not match the identities its numbers break: "
            f"declared but not found {sorted(set(declared) - set(found))}, "
            f"found but not declared {sorted(set(found) - set(declared))}",
        )


def _check_non_report(data: dict[str, Any], where: str) -> None:
    """A gold file for a text that is not a report: no numbers, a kind, and where the text is."""
    unknown = sorted(set(data) - NON_REPORT_KEYS)
    if unknown:
        raise LabelError(where, f"a gold file with expect 'failed' holds no {unknown} (a non-report has no cells)")
    if not isinstance(data.get("kind"), str) or data["kind"] not in NON_REPORT_KINDS:
        raise LabelError(where, f"kind must be one of {NON_REPORT_KINDS}, not {data.get('kind')!r}")


def _check_common(data: dict[str, Any], where: str) -> None:
    """What every gold file needs: `doc`, the report's file name beside it (nothing that leaves
    the folder: `../x`, `sub/x`), and `variant`, when there, an object of texts."""
    doc = data.get("doc")
    if "doc" not in data:
        raise LabelError(where, "missing 'doc'")
    if not isinstance(doc, str) or not doc or doc in (".", "..") or any(c in doc for c in "/\\\0"):
        raise LabelError(where, f"doc must be the report's file name beside the gold file, not {doc!r:.80}")
    variant = data.get("variant")
    if variant is not None and not (isinstance(variant, dict)
                                    and all(isinstance(variant.get(k), (str, type(None))) for k in ("family", "input_format"))):
        raise LabelError(where, "variant must be an object (its family and input_format texts)")
    if not isinstance(data.get("notes", ""), (str, type(None))):
        raise LabelError(where, "notes must be text")


def read_json(path: Path, what: str) -> Any:
    """A JSON file's value; `LabelError` naming the file when it cannot be read or parsed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except RecursionError as exc:
        raise LabelError(str(path), f"cannot read the {what} (nested too deeply)") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: bad JSON, a 5000-digit number
        raise LabelError(str(path), f"cannot read the {what} ({exc})") from exc


def identity_violations(data: dict[str, Any]) -> list[str]:
    """Ids of the error-level identities a gold file's numbers break, in rule order."""
    found = rules.check(rules.facts_from_gold(data), kinds=["identities"])
    return [v.rule for v in rules.errors(found)]


def read_manifest(folder: Path) -> dict[str, Any]:
    """The set's manifest ({report path: {family, input_format}}), empty when there is none."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    data = read_json(path, "manifest")
    if not isinstance(data, dict):
        raise LabelError(str(path), "the manifest must be an object {report path: {family, input_format}}")
    entries = {k: v for k, v in data.items() if not k.startswith("_")}
    bad = next((k for k, v in entries.items() if not isinstance(v, dict)), None)
    if bad is not None:
        raise LabelError(str(path), f"the manifest's entry for {bad!r} must be an object")
    return entries


def load_set(folder: str | os.PathLike[str], *, set_name: str = "real",
             errors: list[LabelError] | None = None) -> list[GoldCase]:
    """Every gold file under a folder, checked, in path order. The first broken one raises its
    `LabelError`; with an `errors` list, each broken one is added to it and the rest still read."""
    root = Path(folder)
    if not root.is_dir():
        raise LabelError(str(root), "no such labelled-set folder")
    manifest = read_manifest(root)
    cases = []
    for p in sorted(root.rglob("*.gold.json")):
        try:
            cases.append(load_gold(p, set_name=set_name, root=root, manifest=manifest))
        except LabelError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return cases


def default_eval_dir() -> Path:
    """`$XXGK_EVAL_DIR`, else ./eval when it holds a labelled set, else the checkout's eval/."""
    env = os.environ.get("XXGK_EVAL_DIR")
    if env:
        return Path(env)
    here = Path.cwd() / "eval"
    if (here / "real").is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "eval"


def _few(items: Iterable[str]) -> str:
    items = list(items)
    return f"{items[:5]}{' …' if len(items) > 5 else ''}"


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']} ({exc.error_count()} error(s))"
    return str(exc)
