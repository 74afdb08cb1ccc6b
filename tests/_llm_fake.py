"""Hand-written OpenAI-compatible HTTP replies for the transport and parsing tests.

Some failures (429, timeouts, 5xx) cannot be recorded from a real local server; these tests
fake them at the HTTP layer with httpx.MockTransport, and are named as transport/parsing tests.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterator

import httpx

from extractor.engines.llm._shape import from_record
from extractor.flat import from_flat


def gold_record(gold: dict):
    m = gold["meta"]
    return from_flat(m["template"], gold["fields"], organ=m["organ"] or "某机关", year=m["year"])


def completion(content: str, *, finish_reason: str = "stop", prompt_tokens: int = 100,
               completion_tokens: int = 50) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def reply_for(record) -> str:
    return json.dumps(from_record(record), ensure_ascii=False)


class Script:
    """A MockTransport that plays a list of steps: an httpx.Response, a dict (200 JSON), or an exception."""

    def __init__(self, steps: list[Any]):
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.steps:
            raise AssertionError("the engine made more calls than the test expected")
        step = self.steps.pop(0)
        if isinstance(step, BaseException):
            raise step
        if isinstance(step, dict):
            return httpx.Response(200, json=step)
        return step

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))

    def async_client(self) -> httpx.AsyncClient:
        """The same script for `LLMEngine.aread` (MockTransport serves async clients too)."""
        return httpx.AsyncClient(transport=httpx.MockTransport(self))

    def bodies(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]


Handler = Callable[[httpx.Request], httpx.Response]


@contextmanager
def local_server(reply: dict[str, Any] | Callable[[str], dict[str, Any]],
                 hits: list[str] | None = None) -> Iterator[str]:
    """A real OpenAI-compatible endpoint on 127.0.0.1 answering every POST with `reply` (a
    completion dict, or a function of the request body), for tests that record cassettes; notes
    each body in `hits` if given; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            sent = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
            if hits is not None:
                hits.append(sent)
            body = json.dumps(reply(sent) if callable(reply) else reply).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()
        server.server_close()
