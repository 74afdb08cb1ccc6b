"""The compact reply shape: printed rows as number lists, converted to the strict record."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extractor.engines.llm._input import build_input
from extractor.engines.llm._repair import repair_message, source_lines
from extractor.engines.llm._shape import compact_model, from_record, labels
from extractor.engines.llm.engine import ungrounded
from extractor.load import load
import rules

from _llm_fake import gold_record
from conftest import gold_cases, seed_cases


@pytest.mark.parametrize("path, gold", gold_cases(), ids=lambda c: getattr(c, "name", ""))
def test_every_gold_record_survives_the_compact_shape(path, gold):
    record = gold_record(gold)
    model = compact_model(record.template)
    again = model.model_validate_json(json.dumps(from_record(record))).to_record()
    assert again == record


def test_rows_follow_the_printed_order_and_width():
    schema = compact_model("2021").model_json_schema()
    req = schema["$defs"]["Requests2021"]["properties"]
    names = list(req)
    assert names[:3] == ["new", "carried_over", "granted"]
    assert names[-5:] == ["other_no_correction", "other_unpaid_fee", "other_misc", "total", "carried_forward"]
    assert req["new"]["minItems"] == req["new"]["maxItems"] == 7
    assert "本年新收" in req["new"]["description"]
    assert "结果维持" in labels("2019") and "采购总金额" in labels("2019")


def test_strict_schema_errors_surface_in_the_compact_model():
    path, gold = next(c for c in seed_cases() if c[0].name.startswith("003_"))
    data = from_record(gold_record(gold))
    data["requests"]["granted"][0] = -3  # a count cannot be negative
    with pytest.raises(ValidationError, match="requests.granted.natural|greater than or equal to 0"):
        compact_model("2019").model_validate(data)


def test_segmented_input_is_smaller_and_keeps_the_tables():
    for path, gold in seed_cases():
        text = load(str(path)).text
        sent = build_input(text)
        assert sent.segmented and sent.template == gold["meta"]["template"]
        assert len(sent.text) < len(text)
        assert "本年新收" in sent.tables.replace(" ", "")


def test_numbers_the_model_invents_are_doubted():
    path, gold = next(c for c in seed_cases() if c[0].name.startswith("003_"))
    record = gold_record(gold)
    text = load(str(path)).text
    assert ungrounded(record, text) == {}
    forged = record.model_copy(update={"requests": record.requests.model_copy(update={
        "new": record.requests.new.model_copy(update={"natural": 987})})})
    doubts = ungrounded(forged, text)
    assert list(doubts) == ["requests.new.natural"] and doubts["requests.new.natural"].reason == "not_in_source"


def test_repair_message_names_the_identity_cells_and_source_lines():
    path, gold = next(c for c in seed_cases() if c[0].name.startswith("003_"))
    record = gold_record(gold)
    broken = record.model_copy(update={"requests": record.requests.model_copy(update={
        "granted": record.requests.granted.model_copy(update={"natural": 11})})})
    errors = [v for v in rules.check(rules.facts_from_record(broken)) if v.severity == "error"]
    assert errors
    sent = build_input(load(str(path)).text)
    msg = repair_message(errors, sent.text, "v1")
    assert "requests.granted.natural" in msg
    assert "不要为了让合计相等而修改数字" in msg  # re-read, never make the sums work
    assert any("予以公开" in line and "12" in line for line in source_lines(sent.text, ["requests.granted.natural"]))
