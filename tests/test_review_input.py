"""What a reviewer types: strict numbers (no NaN, exponents, underscores, non-ASCII digits, stray
signs or separators, no unbounded length), a 400 with the reason on the page, exact integers in
the audit log, and 404 for item ids that are unknown or out of range."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from extractor.cli import app as cli
from extractor.errors import ReviewError, UnknownItemError
from extractor.review import get_item, list_items, parse_cell, save_values
from extractor.review.app import create_app
from extractor.store.models import CellEditRow

from gold_engine import filled_store

COUNT, CHANGE, AMOUNT = "requests.new.natural", "active.fees.change", "active.procurement.amount"
REFUSED = [
    (AMOUNT, "NaN"), (AMOUNT, "sNaN"), (AMOUNT, "-NaN"), (AMOUNT, "Infinity"), (AMOUNT, "inf"),
    (AMOUNT, "1e999999"), (AMOUNT, "1E3"), (AMOUNT, "0x10"), (AMOUNT, "-1.5"), (AMOUNT, "+1.5"),
    (AMOUNT, "1.2.3"), (AMOUNT, ".5"), (AMOUNT, "1234567890123.5"), (AMOUNT, "1.1234567"),
    (COUNT, "99999999999999999999999999"), (COUNT, "1234567890123"), (COUNT, "1,2,3"), (COUNT, "12,34"),
    (COUNT, "1_000"), (COUNT, "٣"), (COUNT, "１２"), (COUNT, "+5"), (COUNT, "-0"), (COUNT, "5-"),
    (COUNT, "1 000"), (COUNT, "1.0"), (COUNT, "NaN"), (COUNT, "9" * 5000), (COUNT, "1" + "0" * 4300),
    (CHANGE, "--5"), (CHANGE, "+-5"), (CHANGE, "٣"), (CHANGE, "1e3"), (CHANGE, "-99999999999999"),
]
ACCEPTED = [
    (COUNT, " 1,203 ", 1203), (COUNT, "1，203", 1203), (COUNT, "0", 0), (COUNT, "007", 7),
    (COUNT, "999999999999", 999999999999), (COUNT, "", None), (CHANGE, "+5", 5), (CHANGE, "-3", -3),
    (CHANGE, "-999999999999", -999999999999), (AMOUNT, "21.53", Decimal("21.53")), (AMOUNT, "1,234.5", Decimal("1234.5")),
    (AMOUNT, "999999999999.123456", Decimal("999999999999.123456")), (COUNT, 12, 12),
]


@pytest.mark.parametrize("key,raw", REFUSED)
def test_parse_cell_refuses(key, raw):
    with pytest.raises(ReviewError, match="表") as exc:
        parse_cell(key, raw)
    assert len(str(exc.value)) < 200  # a huge input is not echoed back whole


@pytest.mark.parametrize("key,raw,value", ACCEPTED)
def test_parse_cell_accepts(key, raw, value):
    got = parse_cell(key, raw)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), 1e300, True, [1], {"a": 1}])
def test_parse_cell_refuses_what_json_can_send(raw):
    with pytest.raises(ReviewError):
        parse_cell(COUNT, raw)


@pytest.fixture
def store(tmp_path):
    return filled_store(tmp_path)


@pytest.fixture
def client(store):
    return TestClient(create_app(store, reviewer="王"), base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


def _token(client, item_id):
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/items/{item_id}").text)
    return found.group(1) if found else ""


@pytest.mark.parametrize("key,raw", [(AMOUNT, "NaN"), (AMOUNT, "sNaN"), (AMOUNT, "1e999999"), (COUNT, "1,2,3"),
                                     (COUNT, "99999999999999999999999999"), (COUNT, "1_000"), (COUNT, "٣"),
                                     (COUNT, "+5")])
def test_the_page_refuses_bad_input_with_400_and_stores_nothing(store, client, key, raw):
    item_id = list_items(store)[0].id
    token = _token(client, item_id)
    headers = {"x-csrf-token": token}
    for action in ("save", "report_wrong"):
        r = client.post(f"/items/{item_id}", data={f"cell:{key}": raw, "action": action, "reviewer": "王",
                                                   "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 400, (action, r.status_code, r.text[:300])
        assert 'id="error"' in r.text and "未保存" in r.text
    r = client.post(f"/items/{item_id}/check", json={"values": {key: raw}}, headers=headers)
    assert r.status_code == 422 and r.json()["ok"] is False and "表" in r.json()["error"]
    with store.session() as s:
        assert s.scalar(select(func.count(CellEditRow.id))) == 0
    assert get_item(store, item_id).summary.state == "open"


def test_the_live_check_refuses_numbers_json_cannot_hold_exactly(store, client):
    item_id = list_items(store)[0].id
    headers = {"x-csrf-token": _token(client, item_id), "content-type": "application/json"}
    for body in ('{"values": {"%s": NaN}}' % AMOUNT, '{"values": {"%s": 1e999}}' % COUNT,
                 '{"values": {"%s": 99999999999999999999999999}}' % COUNT, '{"values": [1]}', '[]', '{'):
        r = client.post(f"/items/{item_id}/check", content=body, headers=headers)
        assert r.status_code in (400, 422), (body, r.status_code)


def test_the_audit_log_keeps_integers_exact(store):
    item_id = list_items(store)[0].id
    save_values(store, item_id, {COUNT: "999999999999", AMOUNT: "999999999999.123456"}, reviewer="王")
    with store.session() as s:
        edits = {e.key: e.new for e in s.scalars(select(CellEditRow))}
    assert edits[COUNT] == 999999999999 and type(edits[COUNT]) is int
    assert not isinstance(edits[AMOUNT], float) and Decimal(edits[AMOUNT]) == Decimal("999999999999.123456")
    assert get_item(store, item_id).values[COUNT] == 999999999999


def test_the_audit_log_never_turns_a_big_integer_into_a_float(store):
    item_id = list_items(store)[0].id
    base = get_item(store, item_id).values
    store.write_review(item_id, seen=None, base=base, values={**base, COUNT: 2**70}, reviewer="王")
    with store.session() as s:
        (new,) = [e.new for e in s.scalars(select(CellEditRow))]
    assert not isinstance(new, float) and int(new) == 2**70


@pytest.mark.parametrize("raw", ["99999999999999999999999", "9223372036854775808", "0", "-1", "12345", "１", "abc"])
def test_unknown_or_out_of_range_ids_are_404(store, client, raw):
    token = _token(client, list_items(store)[0].id)
    assert client.get(f"/items/{raw}").status_code == 404
    r = client.post(f"/items/{raw}", data={"action": "save", "csrf_token": token})
    assert r.status_code == 404
    r = client.post(f"/items/{raw}/check", json={"values": {}}, headers={"x-csrf-token": token})
    assert r.status_code == 404


def test_out_of_range_ids_are_unknown_items(store):
    for raw in (2**63, 10**30, 0, -5):
        with pytest.raises(UnknownItemError):
            get_item(store, raw)
    r = CliRunner().invoke(cli, ["review", "show", "99999999999999999999999", "--db", str(store.url)[10:]])
    assert r.exit_code == 1 and "no review item #99999999999999999999999" in r.output
