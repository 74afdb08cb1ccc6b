"""Transport tests: `--timeout` bounds a whole model call, not each read, and retries are bounded.

A local server on 127.0.0.1 drips its reply one byte at a time, never pausing as long as the
timeout: httpx's per-read timeout alone would keep such a call alive as long as the server
likes. A 429 asking for an hour's wait gives up at once instead of sleeping.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest

from extractor.engines.llm import LLMEngine, _transport
from extractor.errors import TransportError
from extractor.load import load

from _llm_fake import Script
from conftest import seed_cases

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])

#: how late after its deadline a call may end (thread start-up, a busy 2-core machine)
MARGIN = 1.5


@pytest.fixture(scope="module")
def doc():
    return load(str(next(c for c in seed_cases() if c[0].name.startswith("004_"))[0]))


@contextmanager
def dripping_server(*, headers_first: bool, every: float = 0.3, lasts: float = 12.0):
    """Answers each connection by dripping one byte every `every` s for `lasts` s: the status line
    itself (`headers_first=False`) or, after complete headers, the body."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()
    served: list[float] = []

    def drip(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            try:
                conn.recv(65536)
                served.append(time.monotonic())
                if headers_first:
                    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                                 b"content-length: 100000\r\n\r\n")
                head = b"HTTP/1.1 200 OK\r\n"
                t0 = time.monotonic()
                k = 0
                while not stop.is_set() and time.monotonic() - t0 < lasts:
                    conn.sendall(b" " if headers_first else head[k % len(head):k % len(head) + 1])
                    k += 1
                    time.sleep(every)
            except OSError:
                pass  # the client hung up: what a deadline does

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1", served
    finally:
        stop.set()
        sock.close()


@pytest.mark.parametrize("headers_first", [True, False], ids=["body-drip", "status-line-drip"])
def test_timeout_bounds_the_whole_call_against_a_dripping_server(doc, headers_first):
    with dripping_server(headers_first=headers_first) as (url, served):
        eng = LLMEngine(model="m", base_url=url, timeout=2, transport_attempts=1)
        t0 = time.monotonic()
        with pytest.raises(TransportError) as err:
            eng.read(doc)
        took = time.monotonic() - t0
    assert err.value.kind == "timeout"
    assert len(served) == 1
    assert took < 2 + MARGIN, f"a 2 s call took {took:.1f} s"


def test_async_timeout_bounds_the_whole_call_against_a_dripping_server(doc):
    with dripping_server(headers_first=True) as (url, served):
        eng = LLMEngine(model="m", base_url=url, timeout=2, transport_attempts=1)
        t0 = time.monotonic()
        with pytest.raises(TransportError) as err:
            asyncio.run(eng.aread(doc))
        took = time.monotonic() - t0
    assert err.value.kind == "timeout"
    assert took < 2 + MARGIN, f"a 2 s call took {took:.1f} s"


def test_retries_stop_at_the_overall_deadline(doc):
    with dripping_server(headers_first=True) as (url, served):
        eng = LLMEngine(model="m", base_url=url, timeout=1, deadline=2.5, transport_attempts=10,
                        backoff=0.1)
        t0 = time.monotonic()
        with pytest.raises(TransportError, match="deadline of 2.5 s") as err:
            eng.read(doc)
        took = time.monotonic() - t0
    assert err.value.kind == "timeout"
    assert 2 <= len(served) <= 3  # retried while time was left, not ten times
    assert took < 2.5 + MARGIN, f"a call with a 2.5 s deadline took {took:.1f} s"


@pytest.mark.parametrize("header", [{"retry-after": "3600"}, {"retry-after-ms": "3600000"}])
def test_retry_after_beyond_the_cap_gives_up_at_once(doc, monkeypatch, header):
    waits: list[float] = []
    monkeypatch.setattr(_transport, "sleep", waits.append)
    script = Script([httpx.Response(429, headers=header, json={"error": {"message": "slow down"}})] * 4)
    eng = LLMEngine(model="m", base_url="http://llm.invalid/v1", http_client=script.client())
    t0 = time.monotonic()
    with pytest.raises(TransportError, match=r"asked to wait 3600 s.*60 s.*XXGK_MAX_RETRY_AFTER") as err:
        eng.read(doc)
    assert time.monotonic() - t0 < 5
    assert err.value.kind == "rate_limited" and err.value.status == 429
    assert waits == [] and len(script.requests) == 1


def test_retry_after_within_the_cap_is_honoured_but_not_past_the_deadline(doc, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(_transport, "sleep", waits.append)
    script = Script([httpx.Response(429, headers={"retry-after": "30"}, json={"error": {"message": "busy"}})] * 4)
    eng = LLMEngine(model="m", base_url="http://llm.invalid/v1", http_client=script.client(),
                    timeout=5, deadline=20)
    with pytest.raises(TransportError, match="deadline of 20 s") as err:
        eng.read(doc)
    assert err.value.kind == "rate_limited"
    assert waits == [] and len(script.requests) == 1  # a 30 s wait would end past the deadline
