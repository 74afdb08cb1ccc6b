"""Cassettes get committed: no key or password may reach one, whatever the server echoes.

Records (vcrpy, the project's own recording settings) against a local endpoint that quotes the
key back in its 401 body, with a password and a key inside the base URL, then searches the
written cassette for each secret; the cassette must still replay.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import vcr

from extractor.engines.llm import LLMEngine
from extractor.errors import TransportError
from extractor.evaluation.cassette import vcr_settings
from extractor.load import load

from conftest import seed_cases

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])

KEY = "Zq7uTgW9pLr2mXk4"  # not shaped like a key: only its value can find it
SK_KEY = "sk-proj-Ab12Cd34Ef56Gh78"  # another key the server quotes (shaped like OpenAI's)
PASSWORD = "hunter2-pw-9911"
URL_KEY = "qq88Url5Key3"


@contextmanager
def echoing_server():
    """401 to every chat request, quoting the key it was sent and the whole request line."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            self.rfile.read(int(self.headers.get("content-length") or 0))
            sent = self.headers.get("authorization", "")
            body = json.dumps({"error": {
                "message": f"Incorrect API key provided: {sent.removeprefix('Bearer ')}. "
                           f"You sent {sent} to {self.path}; also tried {SK_KEY}",
                "type": "invalid_request_error", "code": "invalid_api_key"}}).encode()
            self.send_response(401)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.send_header("www-authenticate", f'Bearer realm="{KEY}"')
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


def _read(base_url: str, doc, tapes, mode: str):
    recorder = vcr.VCR(cassette_library_dir=str(tapes), record_mode=mode, **vcr_settings())
    with recorder.use_cassette("echo.yaml"):
        with pytest.raises(TransportError) as err:
            LLMEngine(model="m", base_url=base_url, transport_attempts=1).read(doc)
    return err.value


def test_no_key_or_password_reaches_a_recorded_cassette(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_API_KEY", KEY)
    doc = load(str(next(c for c in seed_cases() if c[0].name.startswith("004_"))[0]))
    with echoing_server() as port:
        base = f"http://bob:{PASSWORD}@127.0.0.1:{port}/v1?api_key={URL_KEY}"
        first = _read(base, doc, tmp_path, "once")
    assert first.kind == "auth"
    text = (tmp_path / "echo.yaml").read_text(encoding="utf-8")
    assert "Incorrect API key provided" in text  # the body was recorded, only its secrets masked
    for secret in (KEY, SK_KEY, PASSWORD, URL_KEY, "Ab12Cd34"):
        assert secret not in text, secret
    # the scrubbed cassette replays (the server is gone; nothing else could answer)
    again = _read(f"http://bob:{PASSWORD}@127.0.0.1:9/v1?api_key={URL_KEY}", doc, tmp_path, "none")
    assert again.kind == "auth" and again.status == 401
