"""The review page's guards: only its own host names (DNS rebinding), a CSRF token on every
post, the Origin check, and 409 for a decision on an item someone already closed."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from extractor.review import list_items, resolve
from extractor.review.app import create_app
from extractor.store.models import CellEditRow, DecisionRow

from gold_engine import filled_store

LOCAL = "http://127.0.0.1:8765"


@pytest.fixture
def store(tmp_path):
    return filled_store(tmp_path)


@pytest.fixture
def item_id(store):
    return list_items(store)[0].id


def token_of(page: str) -> str:
    found = re.search(r'<input type="hidden" name="csrf_token" value="([^"]+)">', page)
    assert found, "the form carries no CSRF token"
    return found.group(1)


def decisions(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(DecisionRow.id)))


def test_a_rebound_host_name_can_neither_read_nor_resolve(store, item_id):
    evil = TestClient(create_app(store), base_url="http://rebind.attacker.test:8765")
    for url in ("/", f"/items/{item_id}", "/across", "/static/review.js"):
        r = evil.get(url)
        assert r.status_code == 400 and "审核" not in r.text, url
    token = token_of(TestClient(create_app(store), base_url=LOCAL).get(f"/items/{item_id}").text)
    r = evil.post(f"/items/{item_id}", data={"action": "report_wrong", "reviewer": "x", "csrf_token": token})
    assert r.status_code == 400 and decisions(store) == 0
    no_host = TestClient(create_app(store), base_url=LOCAL)
    assert no_host.get("/", headers={"host": ""}).status_code == 400


@pytest.mark.parametrize("base", ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765",
                                  "http://LOCALHOST", "http://127.0.0.1"])
def test_loopback_names_are_served(store, base):
    assert TestClient(create_app(store), base_url=base).get("/").status_code == 200


def test_allow_host_adds_a_name(store):
    app = create_app(store, allowed_hosts=["review.internal", "10.0.0.7"])
    assert TestClient(app, base_url="http://review.internal:8765").get("/").status_code == 200
    assert TestClient(app, base_url="http://10.0.0.7").get("/").status_code == 200
    assert TestClient(app, base_url="http://other.internal").get("/").status_code == 400
    assert TestClient(app, base_url=LOCAL).get("/").status_code == 200


def test_every_post_needs_the_servers_token(store, item_id):
    client = TestClient(create_app(store, reviewer="王"), base_url=LOCAL)
    page = client.get(f"/items/{item_id}").text
    token = token_of(page)
    assert f'<meta name="csrf-token" content="{token}">' in page  # for the page's own live check
    form = {"action": "save", "cell:requests.total.natural": "16", "reviewer": "王"}
    for bad in ({}, {"csrf_token": ""}, {"csrf_token": token[:-1] + ("0" if token[-1] != "0" else "1")},
                {"csrf_token": token_of(TestClient(create_app(store), base_url=LOCAL).get(f"/items/{item_id}").text)}):
        r = client.post(f"/items/{item_id}", data={**form, **bad}, follow_redirects=False)
        assert r.status_code == 403, bad
    for headers in ({}, {"x-csrf-token": "nope"}):
        r = client.post(f"/items/{item_id}/check", json={"values": {}}, headers=headers)
        assert r.status_code == 403
    with store.session() as s:
        assert s.scalar(select(func.count(CellEditRow.id))) == 0
    assert client.post(f"/items/{item_id}/check", json={"values": {}}, headers={"x-csrf-token": token}).status_code == 200
    r = client.post(f"/items/{item_id}", data={**form, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    with store.session() as s:
        assert s.scalar(select(func.count(CellEditRow.id))) == 1


def test_the_origin_check_still_stands(store, item_id):
    client = TestClient(create_app(store), base_url=LOCAL)
    token = token_of(client.get(f"/items/{item_id}").text)
    r = client.post(f"/items/{item_id}", data={"action": "report_wrong", "reviewer": "x", "csrf_token": token},
                    headers={"origin": "http://evil.test"}, follow_redirects=False)
    assert r.status_code == 403 and decisions(store) == 0
    r = client.post(f"/items/{item_id}", data={"action": "report_wrong", "reviewer": "x", "csrf_token": token},
                    headers={"origin": LOCAL}, follow_redirects=False)
    assert r.status_code == 303 and decisions(store) == 1


def test_a_decision_on_a_closed_item_is_409(store, item_id):
    client = TestClient(create_app(store), base_url=LOCAL)
    token = token_of(client.get(f"/items/{item_id}").text)
    resolve(store, item_id, outcome="report_wrong", reviewer="甲")
    r = client.post(f"/items/{item_id}", data={"action": "report_wrong", "reviewer": "乙", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 409 and "already resolved (report_wrong by 甲)" in r.text
    assert decisions(store) == 1
