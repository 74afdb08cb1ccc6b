"""The flat, public view of a record: `{catalogue key: value}`, and back.

Keys are exactly the catalogue's for the record's version. A table absent from the report
gives `None` for each of its cells, so "not printed" never reads as 0; so does a cell the
reader could not settle in a table it found.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache
from typing import Any, Collection, Mapping

from pydantic import TypeAdapter

from . import catalogue
from .errors import CatalogueError
from .schema import REPORT_MODELS, TABLE_ATTRS, Report, Report2019, Report2021

Value = int | Decimal | None
#: the types of a count cell that `from_flat` passes on as they are
_PLAIN = frozenset({int, type(None)})
_REPORT = TypeAdapter(Report)


def to_flat(record: Report2019 | Report2021) -> dict[str, Value]:
    """Every catalogue key of the record's version with its value (None: table absent).

    A new dict on each call: callers may change theirs. A caller that needs one record's view
    several times (the pipeline: `unsettle`, the rules' facts, `decide_status`) asks once and
    passes it on."""
    return _flatten(record)


def _flatten(record: Report2019 | Report2021) -> dict[str, Value]:
    last, flat = _LAST
    if last is record:  # the record `from_flat` has just built: its view is known
        return dict(flat)
    out: dict[str, Value] = {}
    for path, leaves, keys, _ in _groups(record.template):
        node: Any = record
        for part in path:
            node = getattr(node, part)
            if node is None:
                break
        if node is None:
            out.update(dict.fromkeys(keys))
        else:
            cells = node.__dict__  # a pydantic model keeps its field values there
            for leaf, key in zip(leaves, keys):
                out[key] = cells[leaf]
    return out


@cache
def _groups(template: catalogue.Template) -> tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[bool, ...]], ...]:
    """The keys in catalogue order, in runs that share a parent (a table row): (parent path,
    leaf names, keys, is an amount). One lookup of the row serves all its cells."""
    runs: list[tuple[tuple[str, ...], list[str], list[str], list[bool]]] = []
    for key in catalogue.keys(template):
        *path, leaf = key.split(".")
        if not runs or runs[-1][0] != tuple(path):
            runs.append((tuple(path), [], [], []))
        runs[-1][1].append(leaf)
        runs[-1][2].append(key)
        runs[-1][3].append(catalogue.field(key).type == "decimal")
    return tuple((path, tuple(a), tuple(b), tuple(c)) for path, a, b, c in runs)


def from_flat(
    template: catalogue.Template,
    values: Mapping[str, Any],
    *,
    organ: str | None,
    year: int | None,
    printed: Mapping[str, str] | None = None,
    present: Collection[str] = (),
) -> Report2019 | Report2021:
    """Build a validated record from flat values.

    A table is absent when all its cells are None, unless it is named in `present` (found in
    the report, nothing in it settled); in a present table a None cell is one the reader could
    not settle. Raises `CatalogueError` when keys are missing or foreign to the version, and
    pydantic's `ValidationError` when a value breaks the schema (a negative count, say, or an
    organ or year that is unknown: None).
    """
    expected = catalogue.key_set(template)
    if len(values) != len(expected) or not expected.issuperset(values):
        missing = [k for k in catalogue.keys(template) if k not in values]
        extra = sorted(set(values) - expected)
        raise CatalogueError(
            f"template {template}: missing keys {missing[:5]}{'…' if len(missing) > 5 else ''}, "
            f"unknown keys {extra[:5]}{'…' if len(extra) > 5 else ''}"
        )
    found = set(present)
    if not found.issuperset(TABLE_ATTRS):  # a reader names every table it found: most often all
        for key, value in values.items():
            if value is not None:
                found.add(key.split(".", 1)[0])
    global _LAST
    keys, counts, amounts, shape = _shape(template)
    get = values.__getitem__
    # counts that are already ints (bool is not) or None need no coercion: nearly always (the
    # type test runs in C), and amounts that are Decimals or None; the rows are then built in C
    if _PLAIN.issuperset(map(type, map(get, counts))):
        if any(type(get(k)) not in _AMOUNT for k in amounts):
            coerced = dict(values)
            for k in amounts:
                if coerced[k] is not None:
                    coerced[k] = _coerce_as(True, coerced[k])
            get = coerced.__getitem__
        tree: dict[str, Any] = {table: None if table not in found else dict(zip(leaves, map(get, row_keys))) if leaves
                else {part: dict(zip(part_leaves, map(get, part_keys))) for part, part_leaves, part_keys in rows}
                for table, leaves, row_keys, rows in shape}
        record = REPORT_MODELS[template].model_validate(
            {"template": template, "organ": organ, "year": year, "printed": dict(printed or {}), **tree})
        if all(type(get(k)) in _AMOUNT for k in amounts):  # (a Decimal subclass might not stay one)
            # a table not found has every cell None: the record's flat view is the values
            _LAST = (record, dict(zip(keys, map(get, keys))))
        return record
    tree = {table: None for table in TABLE_ATTRS}
    for path, leaves, keys, decimals in _groups(template):
        table = path[0]
        if table not in found:
            continue
        if tree[table] is None:
            tree[table] = {}
        node = tree[table]
        for part in path[1:]:
            node = node.setdefault(part, {})
        row = list(map(values.__getitem__, keys))
        # a row of counts that are already ints (bool is not) or None needs no coercion: most rows
        # (the type test runs in C, not a Python step per cell)
        if True in decimals or not _PLAIN.issuperset(map(type, row)):
            row = [v if v is None or (not d and type(v) is int) else _coerce_as(d, v) for v, d in zip(row, decimals)]
        node.update(zip(leaves, row))
    model = REPORT_MODELS[template]
    return model.model_validate(
        {"template": template, "organ": organ, "year": year, "printed": dict(printed or {}), **tree}
    )


#: (the last record `from_flat` built, its flat view): `to_flat` of that record copies the view
#: instead of walking the record (the pipeline flattens the record the reader has just built)
_LAST: tuple[Any, dict[str, Value]] = (None, {})
_AMOUNT = frozenset({Decimal, type(None)})


@cache
def _shape(template: catalogue.Template) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[Any, ...]]:
    """The keys of `template` (all, counts, amounts), and the shape of its record for `from_flat`:
    per table, its cells' leaf names and keys when it is one row (表四's groups), else its rows
    (name, leaf names, keys)."""
    keys = catalogue.keys(template)
    amounts = tuple(k for k in keys if catalogue.field(k).type == "decimal")
    counts = tuple(k for k in keys if k not in amounts)
    shape: list[Any] = []
    for table in TABLE_ATTRS:
        runs = [(path, leaves, ks) for path, leaves, ks, _ in _groups(template) if path[0] == table]
        if len(runs) == 1 and len(runs[0][0]) == 1:
            shape.append((table, runs[0][1], runs[0][2], ()))
            continue
        rows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for path, leaves, ks in runs:
            if len(path) != 2:
                raise TypeError(f"unexpected record shape at {path}")
            before = rows.get(path[1], ((), ()))
            rows[path[1]] = (before[0] + leaves, before[1] + ks)
        shape.append((table, (), (), tuple((part, leaves, ks) for part, (leaves, ks) in rows.items())))
    return keys, counts, amounts, tuple(shape)


def _coerce(key: str, value: Any) -> int | Decimal:
    """Label files hold JSON numbers: amounts become Decimal (via str, so 21.53 stays 21.53)."""
    return _coerce_as(catalogue.field(key).type == "decimal", value)


def _coerce_as(decimal: bool, value: Any) -> int | Decimal:
    if decimal:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def value_problem(key: str, value: Any, *, negative_counts: bool = False) -> str | None:
    """Why a JSON value cannot be the value of cell `key` (None when it can, null included).

    Counts are integers (an integral float such as 5.0 too), amounts finite numbers (or numeric
    strings, as extract writes an amount a float cannot hold); never a bool, NaN or infinity.
    A negative count (not 本年增/减) is refused unless `negative_counts` (the schema's own
    check, with its message, comes later for label files)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return f"must be a number or null, not {_shown(value)}"
    decimal = catalogue.field(key).type == "decimal"
    if isinstance(value, str):
        if not decimal:
            return f"is a count but holds the text {_shown(value)}"
        try:
            value = Decimal(value)
        except ArithmeticError:
            return f"must be a number, not {_shown(value)}"
    if isinstance(value, Decimal) and not value.is_finite() or isinstance(value, float) and not math.isfinite(value):
        return f"must be a finite number, not {value}"
    if decimal and Decimal(str(value)).adjusted() > 30:  # a Decimal sum of such would overflow
        return f"is an amount too large to be one ({_shown(value)})"
    if not decimal and isinstance(value, float) and not value.is_integer():
        return f"is a count but holds {value!r}"
    if not decimal and not negative_counts and value < 0 and not catalogue.field(key).signed:
        return f"is a count and cannot be negative ({value})"
    return None


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_report(data: Mapping[str, Any]) -> Report2019 | Report2021:
    """Validate a record from its nested JSON form (as the language model or the store gives it)."""
    return _REPORT.validate_python(data)


def dump_value(value: Value) -> int | float | str | None:
    """A JSON-friendly value: Decimal amounts as numbers where exact, else as strings."""
    if isinstance(value, Decimal):
        as_float = float(value)
        return as_float if Decimal(str(as_float)) == value else str(value)
    return value
