"""`diagnose`: can the configured model endpoint be used, and if not, what to change.

Checks, in order: the settings (model, base URL, mode), the endpoint (`GET /models`), whether
the model name is served (with close names when it is not), and one tiny structured round trip
per instructor mode (json_schema, tools, json: a one-field reply, a few tokens, a short timeout),
each timed. Every failure carries what to change. The key is never shown, and a server's error
text is redacted before it is kept; `xxgk doctor` prints the result (`extractor/cli/doctor.py`).
"""

from __future__ import annotations

import difflib
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Mapping

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel

from ...errors import EngineNotConfigured, LLMError, TruncatedOutputError
from . import _transport
from ._config import ENV, MODES, LLMSettings, resolve
from ._run import _our_cause, _schema_problem
from .engine import MODES as INSTRUCTOR_MODES

#: what each probe asks: small enough for any model, structured enough to test a mode
PROBE_PROMPT = 'Answer with a JSON object with one field, "answer", the integer 2.'
PROBE_MAX_TOKENS = 64
#: a hint for hosted APIs whose json_schema support is missing or partial
HOSTED_HINT = "DeepSeek and DashScope need --mode json or tools"


class Probe(BaseModel):
    """The one-field reply of a probe: whether a mode's structured output comes back at all."""

    answer: int


@dataclass(frozen=True)
class Check:
    """One line of the diagnosis: what was checked, how it went, what to change."""

    name: str
    ok: bool | None  # None: not tried, or not decisive (e.g. a server without GET /models)
    detail: str
    fix: str = ""
    seconds: float | None = None
    kind: str = ""  # for a failure: what failed (`extractor.errors.MODEL_FAILURE_KINDS`)


@dataclass
class Diagnosis:
    """Every check, and whether the configured mode works (what the exit status reflects)."""

    settings: LLMSettings | None
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        mode = self.settings.mode if self.settings else None
        return any(c.name == f"mode {mode}" and c.ok for c in self.checks)

    @property
    def working_modes(self) -> list[str]:
        return [c.name.split(" ", 1)[1] for c in self.checks if c.name.startswith("mode ") and c.ok]

    def fixes(self) -> list[str]:
        """What to change, one line per failed check, without repeats."""
        out: list[str] = []
        for c in self.checks:
            if c.fix and c.fix not in out:
                out.append(c.fix)
        return out


def diagnose(options: Mapping[str, Any] | None = None, *, env: Mapping[str, str] | None = None,
             http_client: httpx.Client | None = None, timeout: float = 30.0) -> Diagnosis:
    """Check the endpoint configured by `options` (CLI flags) over the environment, as
    `xxgk extract` resolves it. `http_client`: your own httpx client (proxy, a test transport)."""
    try:
        settings = resolve(options, env).require()
    except EngineNotConfigured as exc:
        return Diagnosis(None, [Check("settings", False, "the model endpoint is not configured", fix=str(exc))])
    # one attempt per check, a short timeout, no budget: a diagnosis, not a reading
    settings = replace(settings, timeout=timeout, transport_attempts=1, budget_calls=None, budget_tokens=None)
    diagnosis = Diagnosis(settings, [_settings_check(settings)])
    client = _transport.make_client(settings, http_client)
    endpoint, served = _endpoint_check(client, settings)
    diagnosis.checks.append(endpoint)
    if endpoint.ok is False:  # unreachable, timed out or the key refused: every probe would fail alike
        diagnosis.checks += [Check(f"mode {m}", None, f"not tried ({endpoint.name}: {_KIND[endpoint.kind]})")
                             for m in _modes(settings)]
        return diagnosis
    if served is not None:
        diagnosis.checks.append(_model_check(settings.model or "", served))
    for mode in _modes(settings):
        check = _probe(client, settings, mode, served)
        diagnosis.checks.append(check)
        if check.ok is False and check.kind in ("unreachable", "timeout", "auth"):
            rest = [m for m in _modes(settings) if f"mode {m}" not in {c.name for c in diagnosis.checks}]
            diagnosis.checks += [Check(f"mode {m}", None, f"not tried ({check.name}: {_KIND[check.kind]})")
                                 for m in rest]
            break
    _settle_model_check(diagnosis)
    _add_mode_fix(diagnosis)
    return diagnosis


# ---------------------------------------------------------------------------- the checks


def _settings_check(s: LLMSettings) -> Check:
    key = "set" if s.api_key else f"none (set {ENV['api_key'][0]} if the endpoint needs one)"
    return Check("settings", True, f"model {s.model!r} at {_safe_url(s.base_url)}, mode {s.mode}, key: {key}")


def _endpoint_check(client: openai.OpenAI, s: LLMSettings) -> tuple[Check, list[str] | None]:
    """GET /models: is anything there, does it take the key; the names it serves (None: unknown)."""
    t0 = time.perf_counter()
    try:
        page = client.models.list()
    except openai.OpenAIError as exc:
        seconds = time.perf_counter() - t0
        kind = _transport.failure_kind(exc)
        detail = _transport.error_detail(exc, s.api_key)
        if kind in ("unreachable", "timeout", "auth"):
            return Check("endpoint", False, f"{_KIND[kind]}: {detail}", fix=_fix(kind, s), seconds=seconds,
                         kind=kind), None
        # some OpenAI-compatible servers have no /models: not decisive, the probes will tell
        return Check("endpoint", None, f"GET /models failed ({detail}); trying the chat endpoint anyway",
                     seconds=seconds), None
    seconds = time.perf_counter() - t0
    names = [m.id for m in getattr(page, "data", []) or [] if getattr(m, "id", None)]
    return Check("endpoint", True, f"answers GET /models: {len(names)} model(s) served", seconds=seconds), names


def _model_check(model: str, served: list[str]) -> Check:
    if model in served:
        return Check("model", True, f"{model!r} is served")
    close = suggest(model, served)
    listed = ", ".join(repr(n) for n in served[:8]) + (" …" if len(served) > 8 else "")
    fix = (f"--model {close[0]}" + (f" (or {', '.join(close[1:])})" if len(close) > 1 else "")
           if close else f"--model one of {listed}" if served else "")
    return Check("model", False, f"{model!r} is not among the models served ({listed or 'none listed'}); "
                 "some servers (llama.cpp) answer to any name: the mode checks say whether this one does",
                 fix=f"use {fix} (env {ENV['model'][0]})" if fix else "")


def suggest(model: str, served: list[str]) -> list[str]:
    """Served names close to `model`: those containing it, those it contains, then similar ones."""
    low = model.lower()
    near = [n for n in served if low and low in n.lower()]
    near += [n for n in served if low and n.lower() in low and n not in near]
    near += [n for n in difflib.get_close_matches(model, served, n=3, cutoff=0.5) if n not in near]
    return near[:3]


def _probe(client: openai.OpenAI, s: LLMSettings, mode: str, served: list[str] | None) -> Check:
    """One tiny structured round trip in `mode`."""
    meter = _transport.Meter(s)
    create = instructor.patch(create=_transport.metered_create(client, meter), mode=INSTRUCTOR_MODES[mode])
    t0 = time.perf_counter()
    try:
        with _instructor_quiet():
            reply = create(response_model=Probe, max_retries=0, model=s.model, temperature=0,
                           max_tokens=PROBE_MAX_TOKENS, messages=[{"role": "user", "content": PROBE_PROMPT}])
    except (LLMError, InstructorRetryException, IncompleteOutputException) as exc:
        err = _as_llm_error(exc)
        seconds = time.perf_counter() - t0
        detail = f"{_KIND.get(err.kind, err.kind)}: {err}"
        return Check(f"mode {mode}", False, detail, fix=_probe_fix(err, s, mode, served), seconds=seconds,
                     kind=err.kind)
    return Check(f"mode {mode}", True, f"structured reply parsed (answer={reply.answer})",
                 seconds=time.perf_counter() - t0)


def _settle_model_check(diagnosis: Diagnosis) -> None:
    """A name the server does not list but answers to (llama.cpp takes any): not a failure."""
    for i, c in enumerate(diagnosis.checks):
        if c.name == "model" and c.ok is False and diagnosis.working_modes:
            diagnosis.checks[i] = Check("model", None, c.detail.split(";")[0] + "; the server answers to it anyway")


def _add_mode_fix(diagnosis: Diagnosis) -> None:
    """When the configured mode fails: which mode to use instead, or that none works."""
    s = diagnosis.settings
    if s is None or diagnosis.ok:
        return
    working = diagnosis.working_modes
    if working:
        hint = f"; {HOSTED_HINT}" if s.mode == "json_schema" else ""
        fix = (f"use --mode {working[0]} (env {ENV['mode'][0]}): mode {s.mode} does not work here; "
               f"working: {', '.join(working)}{hint}")
        diagnosis.checks.append(Check("advice", None, f"working modes: {', '.join(working)}", fix=fix))
    elif any(c.kind in ("schema", "unusable") for c in diagnosis.checks):
        diagnosis.checks.append(Check("advice", None, "no mode gave a structured reply", fix=(
            "no mode gave a reply that parses: the server may ignore response_format and tools, or the "
            "model may be too small for structured output; try another model")))


# ---------------------------------------------------------------------------- errors and fixes

_KIND = {
    "unreachable": "unreachable", "timeout": "no answer in time", "auth": "key refused",
    "refused": "refused", "rate_limited": "rate limited", "server": "server error",
    "truncated": "reply cut off", "schema": "reply did not parse", "budget": "budget",
    "replay_miss": "not on tape", "unusable": "unusable reply",
}


def _fix(kind: str, s: LLMSettings) -> str:
    url = _safe_url(s.base_url)
    if kind == "unreachable":
        return (f"nothing answers at {url}: start the server, or correct --base-url "
                f"(env {ENV['base_url'][0]}; an OpenAI-compatible URL ends in /v1)")
    if kind == "timeout":
        return (f"no answer from {url} within {s.timeout:g} s: check the URL and the server's load, "
                "or give doctor a longer --timeout (a CPU-only model is slow to start)")
    if kind == "auth":
        what = "the key was refused" if s.api_key else "no key is set"
        return f"{what}: set {ENV['api_key'][0]} (or {ENV['api_key'][1]}) to a key this endpoint accepts"
    if kind in ("rate_limited", "server"):
        return f"the endpoint answered {_KIND[kind]}: try again later, or ask its operator"
    return ""


def _probe_fix(err: LLMError, s: LLMSettings, mode: str, served: list[str] | None) -> str:
    if err.kind in ("unreachable", "timeout", "auth", "rate_limited", "server"):
        return _fix(err.kind, s)
    if _unknown_model(err):
        close = suggest(s.model or "", served or [])
        other = f": use --model {close[0]}" if close else f": check --model (env {ENV['model'][0]})"
        return f"the endpoint does not know model {s.model!r}{other}"
    if err.kind == "truncated":
        return f"mode {mode}: the reply did not fit in {PROBE_MAX_TOKENS} tokens (a reasoning model?): try another --mode"
    return ""  # refused or unparsed: _add_mode_fix names a mode that works, if any


def _as_llm_error(exc: BaseException) -> LLMError:
    """instructor's wrapping removed: the LLMError underneath, or one made from the reply's problem."""
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, IncompleteOutputException):
        return TruncatedOutputError(f"the reply was cut off at max_tokens={PROBE_MAX_TOKENS}")
    ours = _our_cause(exc)
    if isinstance(ours, LLMError):
        return ours
    return LLMError(_schema_problem(exc), kind="schema")


def _unknown_model(err: LLMError) -> bool:
    """A 404, or a 400 saying the model does not exist (servers differ in which they send)."""
    return err.status == 404 or (err.kind == "refused" and bool(re.search(
        r"model\W.*\b(not exist|does not exist|not found|not served)|unknown model|model_not_found",
        str(err), re.I)))


def _modes(s: LLMSettings) -> list[str]:
    """Every mode, the configured one first."""
    return [s.mode] + [m for m in MODES if m != s.mode]


def _safe_url(url: str | None) -> str:
    """The base URL without user:password@ or a query (either may hold a key)."""
    if not url:
        return ""
    url = url.split("?", 1)[0]
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url


@contextmanager
def _instructor_quiet() -> Iterator[None]:
    """instructor logs each failed attempt at ERROR; the diagnosis reports the failure itself."""
    log = logging.getLogger("instructor")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)
