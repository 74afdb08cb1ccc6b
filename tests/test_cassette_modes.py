"""`xxgk eval --cassette DIR` replays what is on tape and records only what is not: after a reader
change alters one report's question, re-running the eval records that one call and keeps the rest.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from extractor.errors import XxgkError
from extractor.evaluation.cassette import recorded

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])


@contextmanager
def counting_server(hits: list[str]):
    """Answers every POST with the body it was sent, and notes each one."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            sent = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
            hits.append(sent)
            body = json.dumps({"echo": sent}).encode()
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
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def _ask(port: int, question: str) -> str:
    return httpx.post(f"http://127.0.0.1:{port}/v1/chat", content=question).json()["echo"]


def test_the_default_mode_replays_the_recorded_and_records_the_missing(tmp_path):
    hits: list[str] = []
    with counting_server(hits) as port:
        with recorded(tmp_path, "t.yaml", mode="new_episodes"):
            assert _ask(port, "question A") == "question A"
        with recorded(tmp_path, "t.yaml", mode="new_episodes"):
            assert _ask(port, "question A") == "question A"  # from tape
            assert _ask(port, "question B") == "question B"  # new: recorded
    assert hits == ["question A", "question B"]
    with recorded(tmp_path, "t.yaml", mode="none"):  # both replay with no server at all
        assert _ask(port, "question B") == "question B"
        assert _ask(port, "question A") == "question A"


@pytest.mark.replay_miss_expected
def test_a_replay_only_run_refuses_a_question_not_on_tape(tmp_path):
    hits: list[str] = []
    with counting_server(hits) as port:
        with recorded(tmp_path, "t.yaml", mode="new_episodes"):
            _ask(port, "question A")
        with recorded(tmp_path, "t.yaml", mode="none"):
            with pytest.raises(Exception, match="question B|[Cc]an ?not overwrite|CannotOverwrite"):
                _ask(port, "question B")
    assert hits == ["question A"]
    with pytest.raises(XxgkError, match="new_episodes"):
        with recorded(tmp_path, "t.yaml", mode="sometimes"):
            pass
