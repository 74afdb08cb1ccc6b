"""`xxgk doctor` (`extractor.engines.llm.doctor.diagnose`): parsing tests on hand-written
OpenAI-compatible replies served by httpx.MockTransport (no server, no model): a good endpoint,
a wrong model name, a refused key, nothing listening, a server that refuses json_schema. What
they check is the diagnosis and the advice, not any model.
"""

from __future__ import annotations

import io
import json

import httpx
import pytest
from rich.console import Console
from typer.testing import CliRunner

from extractor.cli import app
from extractor.cli.doctor import render
from extractor.engines.llm.doctor import diagnose, suggest

from _llm_fake import completion

URL = "http://llm.invalid/v1"
GOOD_KEY = "sk-goodkey-0123456789"
BAD_KEY = "sk-wrongkey-9876543210"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL", "XXGK_API_KEY", "OPENAI_API_KEY", "XXGK_MODE"):
        monkeypatch.delenv(var, raising=False)


def tool_reply(arguments: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                "role": "assistant", "content": None,
                "tool_calls": [{"id": "call_1", "type": "function",
                                "function": {"name": "Probe", "arguments": arguments}}]}}],
            "usage": {"prompt_tokens": 20, "completion_tokens": 5, "total_tokens": 25}}


class Server:
    """A fake OpenAI-compatible server: GET /models, and chat completions in each mode."""

    def __init__(self, *, models=("qwen",), key=None, refuse=(), strict_model=False, refusal="not supported"):
        self.models, self.key, self.refuse, self.strict_model, self.refusal = models, key, refuse, strict_model, refusal
        self.seen: list[str] = []  # the mode of each chat request

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.key and request.headers.get("authorization") != f"Bearer {self.key}":
            given = request.headers.get("authorization", "").removeprefix("Bearer ")
            return httpx.Response(401, json={"error": {"message": f"Incorrect API key provided: {given}"}})
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json={"object": "list", "data": [
                {"id": m, "object": "model", "created": 0, "owned_by": "me"} for m in self.models]})
        body = json.loads(request.content)
        mode = "tools" if "tools" in body else {"json_schema": "json_schema", "json_object": "json"}.get(
            (body.get("response_format") or {}).get("type"), "plain")
        self.seen.append(mode)
        if self.strict_model and body["model"] not in self.models:
            return httpx.Response(404, json={"error": {"message": f"The model `{body['model']}` does not exist"}})
        if mode in self.refuse:
            return httpx.Response(400, json={"error": {"message": self.refusal}})
        if mode == "tools":
            return httpx.Response(200, json=tool_reply('{"answer": 2}'))
        return httpx.Response(200, json=completion('{"answer": 2}'))


def run(handler, **options):
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return diagnose({"base_url": URL, "model": "qwen", **options}, env={}, http_client=client, timeout=5)


def shown(diagnosis) -> str:
    out = io.StringIO()
    render(diagnosis, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def check(diagnosis, name):
    return next(c for c in diagnosis.checks if c.name == name)


def test_parsing_doctor_reachable_and_good():
    server = Server()
    d = run(server)
    assert d.ok and d.working_modes == ["json_schema", "tools", "json"]
    assert server.seen == ["json_schema", "tools", "json"]  # one tiny round trip per mode
    assert check(d, "model").ok and check(d, "endpoint").ok
    assert all(check(d, f"mode {m}").seconds is not None for m in d.working_modes)
    assert d.fixes() == []
    assert "the configured mode works" in shown(d)


def test_parsing_doctor_wrong_model_name_suggests_the_served_one():
    server = Server(models=("qwen2.5-1.5b-instruct", "llama3"), strict_model=True)
    d = run(server, model="qwen2.5-1.5b")
    assert not d.ok and d.working_modes == []
    assert check(d, "model").ok is False
    assert check(d, "mode json_schema").kind == "refused"
    assert any("--model qwen2.5-1.5b-instruct" in fix for fix in d.fixes())
    assert "FAIL" in shown(d)


def test_parsing_doctor_401_names_the_setting_never_the_key():
    d = run(Server(key=GOOD_KEY), api_key=BAD_KEY)
    endpoint = check(d, "endpoint")
    assert endpoint.ok is False and endpoint.kind == "auth" and "HTTP 401" in endpoint.detail
    assert not d.ok and all(check(d, f"mode {m}").ok is None for m in ("json_schema", "tools", "json"))
    [fix] = d.fixes()
    assert "XXGK_API_KEY" in fix and "OPENAI_API_KEY" in fix and "refused" in fix
    text = shown(d)
    assert "wrongkey" not in text and "goodkey" not in text


def test_parsing_doctor_no_key_at_all_says_none_is_set():
    d = run(Server(key=GOOD_KEY))
    assert not d.ok and "no key is set: set XXGK_API_KEY" in d.fixes()[0]


def test_parsing_doctor_unreachable():
    def nothing_there(request):
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    d = run(nothing_there)
    assert not d.ok and check(d, "endpoint").kind == "unreachable"
    assert "Connection refused" in check(d, "endpoint").detail
    [fix] = d.fixes()
    assert "nothing answers at http://llm.invalid/v1" in fix and "--base-url" in fix


def test_parsing_doctor_json_schema_refused_but_tools_works():
    server = Server(refuse=("json_schema",), refusal="response_format type json_schema is not supported")
    d = run(server)
    assert not d.ok and d.working_modes == ["tools", "json"]
    assert check(d, "mode json_schema").kind == "refused"
    assert any(f.startswith("use --mode tools") and "DeepSeek and DashScope need --mode json or tools" in f
               for f in d.fixes())
    # with the mode that works configured, the same server passes
    assert run(server, mode="tools").ok


def test_parsing_doctor_a_reply_that_does_not_parse_is_a_failure():
    def prose(request):
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json={"object": "list", "data": [{"id": "qwen", "object": "model"}]})
        return httpx.Response(200, json=completion("Sure! The answer is two."))

    d = run(prose, mode="json")
    assert not d.ok and check(d, "mode json").kind == "schema" and d.working_modes == []
    assert any("no mode gave a reply that parses" in f for f in d.fixes())


def test_parsing_doctor_a_name_not_listed_but_answered_is_not_a_failure():
    """llama.cpp lists its file's name but answers to any: the round trips decide."""
    d = run(Server(models=("qwen2.5-coder-0.5b-instruct-q4_k_m",)), model="qwen")
    assert d.ok and check(d, "model").ok is None and "answers to it anyway" in check(d, "model").detail
    assert d.fixes() == []


def test_parsing_doctor_server_text_is_shown_as_text_never_markup():
    server = Server(refuse=("json_schema", "tools", "json"), refusal="[bold red]nope[/] [link=http://x]y[/link]")
    text = shown(run(server))
    assert "[bold red]nope[/]" in text and "[link=http://x]y[/link]" in text


def test_doctor_suggests_close_names():
    assert suggest("qwen2.5-1.5b", ["llama3", "qwen2.5-1.5b-instruct-q4_k_m"]) == ["qwen2.5-1.5b-instruct-q4_k_m"]
    assert suggest("gpt-4o-mini", ["gpt-4o", "gpt-4o-mini-2024"])[0] == "gpt-4o-mini-2024"
    assert suggest("zzz", ["llama3"]) == []


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_cli_doctor_against_nothing_exits_1_with_the_fix():
    result = CliRunner().invoke(app, ["doctor", "--base-url", "http://127.0.0.1:9/v1", "--model", "qwen",
                                      "--timeout", "5"], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert "nothing answers at http://127.0.0.1:9/v1" in result.output


def test_cli_doctor_without_settings_exits_1_naming_them():
    result = CliRunner().invoke(app, ["doctor"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "--model (env XXGK_MODEL)" in result.output and "--base-url (env XXGK_BASE_URL)" in result.output


def test_parsing_doctor_never_shows_a_key_written_into_the_base_url():
    client = httpx.Client(transport=httpx.MockTransport(Server()))
    d = diagnose({"base_url": "http://user:sk-inurl-123456@llm.invalid/v1?api-key=sk-inquery-123456",
                  "model": "qwen"}, env={}, http_client=client, timeout=5)
    text = shown(d)
    assert "inurl" not in text and "inquery" not in text and "llm.invalid/v1" in text
