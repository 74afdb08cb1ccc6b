"""What `xxgk check` reads: a gold label file, a JSON array of records, or extract's JSON lines.

    for item in read_checkable(Path("run.jsonl")):
        ... item.facts  or  item.error (a `RecordError` naming the file, the line and the problem)
    for finding in check_file(Path("run.jsonl")):
        print(finding.line())       # `doc: [error] rule: message`, one self-contained line each

Any JSON can arrive here (`5`, `null`, `[1,2,3]`, nesting thousands deep, `true` or NaN as a
count, `doc: "../../x"`): each record becomes rules facts or a typed per-record error, never a
traceback, so one bad record does not hide the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import rules

from . import catalogue
from .errors import InputError, RecordError
from .flat import _coerce, value_problem
from .load import load


@dataclass
class Checkable:
    """One record of the file: its name (its `doc`, else the file and where in it), and its facts
    or why it cannot be checked."""

    name: str
    facts: rules.Facts | None = None
    error: RecordError | None = None
    #: the name is the record's own `doc` (not made up from the file and the line)
    named: bool = False


def read_checkable(path: Path, *, with_text: bool = True) -> Iterator[Checkable]:
    """Every record of the file, in order. Raises `InputError` only when the file itself
    cannot be read (missing, not UTF-8); everything wrong inside it is a per-record error."""
    for where, obj in parse_records(path):
        if isinstance(obj, RecordError):
            yield Checkable(name=f"{path.name} ({where})", error=obj)
            continue
        doc = obj.get("doc")
        named = isinstance(doc, str) and bool(doc)
        name = str(doc) if named else f"{path.name} ({where})"
        try:
            text = report_text(obj, path.parent) if with_text else None
            yield Checkable(name=name, facts=facts_of(obj, text=text, where=where, path=str(path)), named=named)
        except RecordError as exc:
            yield Checkable(name=name, error=exc, named=named)


@dataclass(frozen=True)
class Finding:
    """One line of `xxgk check`: a violation of a record, or why a record cannot be checked.
    Each carries its document's name, so a line moved or grepped out of a redirected file still
    says which report it is about."""

    doc: str
    violation: rules.Violation | None = None
    error: RecordError | None = None
    #: the name is the record's own `doc` (not made up from the file and the line)
    named: bool = True

    @property
    def severity(self) -> str:
        return "error" if self.violation is None else self.violation.severity

    def as_json(self) -> dict[str, Any]:
        """`{"doc": …, "rule", "severity", "keys", "expected", "found", "message"}`, or
        `{"doc": …, "error": "file: line 4: problem"}`."""
        if self.violation is None:
            return {"doc": self.doc, "error": str(self.error)}
        return {"doc": self.doc, **self.violation.model_dump(mode="json")}

    def line(self) -> str:
        """`doc: [severity] rule: message`, or for a record that cannot be checked
        `doc: file: line 4: problem` (`file: line 4: problem` when it has no name of its own)."""
        if self.violation is not None:
            v = self.violation
            return one_line(f"{self.doc}: [{v.severity}] {v.rule}: {v.message}")
        assert self.error is not None
        return one_line(f"{self.doc}: {self.error}" if self.named else str(self.error))


@dataclass(frozen=True)
class Checked:
    """A record with its findings (none: it passed every rule)."""

    doc: str
    findings: tuple[Finding, ...]
    #: the record could be checked (its findings are violations, not an error)
    checked: bool = True


def check_file(path: Path, *, with_text: bool = True, errors_only: bool = False) -> Iterator[Checked]:
    """Run every rule on every record of the file, in order (`InputError` when the file itself
    cannot be read; a malformed record is a `Finding` with its `error`)."""
    for item in read_checkable(path, with_text=with_text):
        if item.error is not None:
            yield Checked(item.name, (Finding(item.name, error=item.error, named=item.named),), checked=False)
            continue
        assert item.facts is not None
        found = rules.check(item.facts)
        if errors_only:
            found = rules.errors(found)
        yield Checked(item.name, tuple(Finding(item.name, violation=v, named=item.named) for v in found))


def one_line(text: str) -> str:
    """The text on one line: a newline in a record's name or message is shown as `\\n`, so one
    finding is always one line of output."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def parse_records(path: Path) -> Iterator[tuple[str, dict[str, Any] | RecordError]]:
    """(`record 2` / `line 4`, the record object or why it is not one) for each record."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read ({exc})") from exc
    try:
        whole: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSON lines, or broken JSON
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        # JSON lines hold one object per line; a broken pretty-printed file opens with a lone `{`
        if len(lines) < 2 or not lines[0][1].rstrip().endswith("}"):
            yield "the file", RecordError(str(path), "the file", _not_json(exc) if lines else "holds no records")
            return
        for n, line in lines:
            yield f"line {n}", _one(str(path), f"line {n}", line)
        return
    items = whole if isinstance(whole, list) else [whole]
    if not items:
        yield "the file", RecordError(str(path), "the file", "holds no records (an empty list)")
    for i, obj in enumerate(items, 1):
        where = f"record {i}" if isinstance(whole, list) else "the file"
        yield where, obj if isinstance(obj, dict) else RecordError(str(path), where, _not_object(obj))


def _one(path: str, where: str, line: str) -> dict[str, Any] | RecordError:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return RecordError(path, where, _not_json(exc))
    return obj if isinstance(obj, dict) else RecordError(path, where, _not_object(obj))


def _not_json(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "not JSON this program reads (nested too deeply)"
    return f"not JSON ({exc})"


def _not_object(obj: Any) -> str:
    kind = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list"}.get(type(obj), type(obj).__name__)
    return f"a record must be a JSON object, not {kind}"


def facts_of(obj: dict[str, Any], *, text: str | None = None, where: str = "the record",
             path: str = "?") -> rules.Facts:
    """Rules facts of a gold file (`meta` + `fields`) or an extract line (`template` + `fields`
    at the top); raises `RecordError` saying what is wrong with the record."""
    def bad(problem: str) -> RecordError:
        return RecordError(path, where, problem)

    meta = obj.get("meta") if "meta" in obj else obj
    if not isinstance(meta, dict):
        raise bad("meta must be an object with template, year and organ")
    template = meta.get("template")
    if template is None and "meta" not in obj:
        raise bad("no template: the record failed or is not an xxgk record")
    if template not in catalogue.TEMPLATES:
        raise bad(f"template must be one of {catalogue.TEMPLATES}, not {template!r:.60}")
    year, organ = meta.get("year"), meta.get("organ")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise bad(f"year must be an integer or null, not {year!r:.60}")
    if organ is not None and not isinstance(organ, str):
        raise bad(f"organ must be text or null, not {organ!r:.60}")
    fields = obj.get("fields")
    if not isinstance(fields, dict):
        raise bad("fields must be an object {key: number}")
    expected = catalogue.keys(template)
    missing = [k for k in expected if k not in fields]
    unknown = sorted(k for k in fields if k not in catalogue.key_set(template))
    if missing or unknown:
        raise bad(f"fields do not match the {template} version: missing {missing[:5]}, unknown {unknown[:5]}"
                  + catalogue.mismatch_hints(unknown, missing))
    for key, value in fields.items():
        problem = value_problem(key, value)
        if problem:
            raise bad(f"fields[{key!r}] {problem}")
    printed = obj.get("printed") or {}
    if not isinstance(printed, dict) or not all(isinstance(v, str) for v in printed.values()):
        raise bad("printed must be an object {key: text}")
    return rules.Facts(
        template=template, year=year, organ=organ,
        values={k: (None if v is None else _coerce(k, v)) for k, v in fields.items()},
        printed=printed, text=text,
    )


def report_text(obj: dict[str, Any], folder: Path) -> str | None:
    """The text of the report a record names, when readable: its `path`, or its `doc` beside
    the file (which must stay in that folder: `../../x` is refused, not read)."""
    doc = obj.get("doc")
    if not isinstance(doc, str) or not doc:
        return None
    candidates = [obj["path"]] if isinstance(obj.get("path"), str) and "\0" not in obj["path"] else []
    if "\0" not in doc:
        beside = (folder / doc).resolve()
        if beside.is_relative_to(folder.resolve()):
            candidates.append(str(beside))
    for candidate in candidates:
        if Path(candidate).is_file():
            try:
                return load(candidate).text
            except Exception:  # noqa: BLE001 - the narrative is optional: an unreadable report gives none
                return None
    return None
