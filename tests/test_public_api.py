"""The package root exports what a user needs (as httpx tests its exported members), and
engines are built by name with typed errors for what cannot be built."""

from __future__ import annotations

import inspect

import pytest

import extractor
from extractor import errors
from extractor.engines import ENGINES, get_engine


def test_every_name_in_all_exists_and_every_public_error_is_exported():
    for name in extractor.__all__:
        assert hasattr(extractor, name), name
    exceptions = {n for n, obj in vars(errors).items()
                  if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__ == errors.__name__
                  and not n.startswith("_")}
    missing = exceptions - set(extractor.__all__)
    assert not missing, f"errors not re-exported from the package root: {sorted(missing)}"


def test_every_registered_engine_builds_by_name():
    model = {"model": "qwen2.5-1.5b", "base_url": "http://127.0.0.1:9/v1"}  # building one calls nothing
    for name in ENGINES:
        assert get_engine(name, **(model if name == "llm" else {})).name == name
    with pytest.raises(extractor.EngineNotConfigured):
        get_engine("llm")


def test_an_unknown_engine_is_a_typed_error_naming_the_choices():
    with pytest.raises(extractor.UnknownEngineError) as info:
        get_engine("layuot")
    assert info.value.name == "layuot" and set(info.value.choices) == set(ENGINES)
    assert "layout" in str(info.value)


def test_the_layout_reader_refuses_model_options_instead_of_ignoring_them():
    with pytest.raises(extractor.BadOptionError) as info:
        get_engine("layout", model="gpt-4o", nonsense=1)
    assert info.value.engine == "layout" and info.value.options == ("model", "nonsense")


def test_a_review_reason_reads_back_from_the_string_the_store_keeps():
    from extractor.result import ReviewReason

    for text in ("error:outcome_sum:requests.total", "doubt:requests.new.total:ambiguous_split",
                 "disagreement:organ:disagreement", "model_error:timeout", "missing_table:active"):
        reason = ReviewReason.parse(text)
        assert str(reason) == text
    assert ReviewReason.parse("error:outcome_sum:requests.total").subject == "outcome_sum:requests.total"
    assert ReviewReason.parse("doubt:requests.new.total:ambiguous_split").detail == "ambiguous_split"
    assert not ReviewReason.parse("model_error:timeout").sends_to_review
