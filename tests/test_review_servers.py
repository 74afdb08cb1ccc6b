"""Two `xxgk serve` processes on one store: one decision per item, the other reviewer gets 409;
each server answers only its own host names (DNS rebinding)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from extractor.batch import run_batch
from extractor.review import list_items
from extractor.store import Store, as_url
from extractor.store.models import DecisionRow

from gold_engine import GoldEngine, review_copies

ROOT = Path(__file__).resolve().parents[1]
WAIT = 120  # seconds the posts may take
pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, reviewer: str, *extra: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from extractor.cli import main; main()", "serve", "--db", db, "--port", str(port),
         "--reviewer", reviewer, *extra],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, proc.stderr.read().decode()
        try:
            httpx.get(base + "/favicon.ico", timeout=2)
            return proc, base
        except httpx.TransportError:
            assert time.monotonic() < deadline, "xxgk serve did not start within 60 s"
            time.sleep(0.2)


@pytest.fixture
def two_servers(tmp_path):
    db = str(tmp_path / "xxgk.sqlite")
    store = Store(as_url(db))
    run_batch([str(review_copies(tmp_path / "in", 8))], GoldEngine(), store, progress=False)
    procs = []
    try:
        a, base_a = _serve(db, "甲", "--allow-host", "review.internal")
        procs.append(a)
        b, base_b = _serve(db, "乙")
        procs.append(b)
        yield store, base_a, base_b
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def _token(client: httpx.Client, base: str, item_id: int) -> str | None:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"{base}/items/{item_id}").text)
    return found.group(1) if found else None


def test_two_serve_processes_let_one_reviewer_decide_the_other_gets_409(two_servers):
    store, base_a, base_b = two_servers
    ids = [i.id for i in list_items(store)]
    with httpx.Client(timeout=30) as client:
        tokens = {base: _token(client, base, ids[0]) for base in (base_a, base_b)}
    statuses: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    barrier = threading.Barrier(2)

    def post_all(base: str, name: str) -> None:
        with httpx.Client(timeout=30) as client:
            for item_id in ids:
                barrier.wait(30)
                r = client.post(f"{base}/items/{item_id}", data={
                    "action": "report_wrong", "reviewer": name, "comment": "", "csrf_token": tokens[base] or ""})
                statuses[item_id].append((r.status_code, r.text))

    threads = [threading.Thread(target=post_all, args=(base_a, "甲")),
               threading.Thread(target=post_all, args=(base_b, "乙"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
        assert not t.is_alive(), "the posts did not finish"
    for item_id in ids:
        codes = sorted(code for code, _ in statuses[item_id])
        assert codes == [303, 409], (item_id, codes)
        refused = next(body for code, body in statuses[item_id] if code == 409)
        assert "already resolved" in refused
    with store.session() as s:
        per_item = s.execute(select(DecisionRow.item_id, func.count()).group_by(DecisionRow.item_id)).all()
    assert sorted(per_item) == [(i, 1) for i in ids]


def test_serve_answers_only_its_own_host_names(two_servers):
    _, base_a, base_b = two_servers
    with httpx.Client(timeout=30) as client:
        assert client.get(base_a + "/", headers={"Host": "review.internal"}).status_code == 200
        assert client.get(base_b + "/", headers={"Host": "review.internal"}).status_code == 400  # not allowed on B
        for base in (base_a, base_b):
            assert client.get(base + "/", headers={"Host": "rebind.attacker.test"}).status_code == 400
            assert client.get(base + "/", headers={"Host": "localhost"}).status_code == 200
