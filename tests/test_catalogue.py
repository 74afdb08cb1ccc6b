"""The cell catalogue (our copy of the spec's fields.tsv) and the schema models hold together."""

from __future__ import annotations

import typing
from decimal import Decimal

import pytest
from pydantic import BaseModel

from extractor import catalogue
from extractor.schema import REPORT_MODELS

METADATA = {"organ", "year", "template", "printed"}


def leaves(model: type[BaseModel], prefix: str = ""):
    """(flat key, pydantic FieldInfo) of every leaf of a report model, tables unwrapped."""
    for name, info in model.model_fields.items():
        args = typing.get_args(info.annotation) or (info.annotation,)
        sub = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if sub:
            yield from leaves(sub[0], f"{prefix}{name}.")
        elif f"{prefix}{name}" not in METADATA:
            yield f"{prefix}{name}", info


@pytest.mark.parametrize("template", catalogue.TEMPLATES)
def test_model_leaves_are_exactly_the_catalogue_keys(template):
    model_keys = [k for k, _ in leaves(REPORT_MODELS[template])]
    assert len(model_keys) == len(set(model_keys))
    assert set(model_keys) == set(catalogue.keys(template))


def _cell_type(info):
    """A cell's declared type: `X | None` (None: the reader could not settle it), X annotated."""
    args = [a for a in typing.get_args(info.annotation) if a is not type(None)]
    assert len(args) == 1, info.annotation
    base, *meta = typing.get_args(args[0]) or (args[0],)
    return base, [m for f in meta for m in getattr(f, "metadata", [f])]


@pytest.mark.parametrize("template", catalogue.TEMPLATES)
def test_model_types_follow_the_catalogue(template):
    for key, info in leaves(REPORT_MODELS[template]):
        entry = catalogue.field(key)
        base, metadata = _cell_type(info)
        if entry.type == "decimal":
            assert base is Decimal, key
        else:
            assert base is int, key
        lower = [m.ge for m in metadata if hasattr(m, "ge")]
        assert (lower == []) == entry.signed, f"{key}: only 本年增/减 may be negative"


def test_catalogue_is_internally_consistent():
    entries = catalogue.fields()
    keys = [f.key for f in entries]
    assert len(keys) == len(set(keys))
    for f in entries:
        assert set(f.templates) <= set(catalogue.TEMPLATES) and f.templates
        assert f.section in ("二", "三", "四")
        assert f.type in ("int", "decimal")
        assert f.key.split(".")[0] in ("active", "requests", "review", "litigation_direct", "litigation_after_review")
        assert (f.section == "二") == f.key.startswith("active.")
        assert (f.section == "三") == f.key.startswith("requests.")
        assert f.row and f.column
    # amounts in 万元 are the only decimals, and say so in their label
    decimals = {f.key for f in entries if f.type == "decimal"}
    assert decimals == {"active.procurement.amount", "active.fees.amount"}
    assert all("万元" in catalogue.field(k).column for k in decimals)
    assert {f.key for f in entries if f.signed} == {
        f"active.{r}.change" for r in ("licensing", "other_services", "punishment", "coercion", "fees")}


@pytest.mark.parametrize("template,rows,active", [("2019", 23, 22), ("2021", 25, 10)])
def test_catalogue_has_the_shape_of_the_printed_format(template, rows, active):
    keys = catalogue.keys(template)
    assert len(catalogue.request_rows(template)) == rows
    for row in catalogue.request_rows(template):
        assert [k for k in keys if k.startswith(f"requests.{row}.")] == [
            f"requests.{row}.{c}" for c in catalogue.APPLICANT_COLUMNS]
    assert len([k for k in keys if k.startswith("active.")]) == active
    assert [k for k in keys if k.split(".")[0] in catalogue.APPEAL_GROUPS] == [
        f"{g}.{c}" for g in catalogue.APPEAL_GROUPS for c in catalogue.APPEAL_CELLS]
    assert len(keys) == active + 7 * rows + 15
    outcome = catalogue.outcome_rows(template)
    assert outcome[0] == "granted" and len(outcome) == rows - 4


def test_catalogue_matches_every_gold_file():
    from conftest import gold_cases

    for _, gold in gold_cases():
        assert set(gold["fields"]) == set(catalogue.keys(gold["meta"]["template"]))


def test_catalogue_is_package_data():
    from importlib import resources

    assert resources.files("extractor").joinpath("data/fields.tsv").is_file()
    with pytest.raises(ValueError):
        catalogue.keys("2008")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        catalogue.field("requests.nope.total")
