"""The transport layer: one HTTP call to the model, retried by tenacity, metered, checked.

Transport errors (timeouts, connection errors, 429 honouring Retry-After, 5xx) are retried here
with exponential backoff and jitter, a bounded number of times; the openai client's own retries
are off (max_retries=0) so nothing retries twice. Validation re-asks happen one layer up, in
instructor, and never see a transport error. A reply cut off by the token limit raises
`TruncatedOutputError`: it is a failure, never a partial record. A request a recorded run
(vcrpy cassette) has no answer for is a `ReplayMissError`, never retried as a connection error. `metered_create` (sync) and
`ametered_create` (asyncio) share all of this; they differ only in awaiting the client.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterator

import httpx
import openai
from tenacity import AsyncRetrying, RetryCallState, Retrying, retry_if_exception

from ...errors import BudgetExceededError, LLMError, ReplayMissError, TransportError, TruncatedOutputError
from ...redact import remember, scrub
from ..base import Usage
from . import _deadline
from ._config import LLMSettings

#: tenacity sleeps through this, so that tests can watch the waits without waiting
sleep: Callable[[float], None] = time.sleep
#: the async path's sleep, likewise
asleep: Callable[[float], Awaitable[None]] = asyncio.sleep


def _client_options(settings: LLMSettings) -> dict[str, Any]:
    remember(settings.api_key)  # scrubbed from error messages and cassettes from now on
    return {
        "base_url": settings.base_url,
        # local servers take any key; the client insists on one
        "api_key": settings.api_key or "no-key",
        "timeout": settings.timeout,
        "max_retries": 0,
    }


def make_client(settings: LLMSettings, http_client: httpx.Client | None = None) -> openai.OpenAI:
    """A sync openai client for any OpenAI-compatible endpoint, with its own retries off and its
    connections bounded by each call's wall-clock deadline (`_deadline.bound`, also on `http_client`)."""
    client = _deadline.bound(http_client if http_client is not None else openai.DefaultHttpxClient())
    openai_client = openai.OpenAI(http_client=client, **_client_options(settings))
    openai_client.chat.completions  # noqa: B018 (openai imports its resources on first use: seconds, now, not inside a call's deadline)
    return openai_client


def make_async_client(settings: LLMSettings, http_client: httpx.AsyncClient | None = None) -> openai.AsyncOpenAI:
    """The async client, with the same settings (and its own retries off too)."""
    # openai>=3 types its client as httpx2's but still takes an httpx one (its `_httpx2` shim)
    return openai.AsyncOpenAI(http_client=http_client, **_client_options(settings))  # type: ignore[arg-type]


def is_transient(exc: BaseException) -> bool:
    """Worth another attempt: timeouts, broken connections, 429 and 5xx (never a replay miss)."""
    if replay_miss(exc) is not None:
        return False
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


#: vcrpy's exception for a request its cassette cannot answer (vcrpy is a test extra: by name)
_REPLAY_MISS = "CannotOverwriteExistingCassetteException"
#: what a replay miss says, wherever it surfaces (the eval, the tests)
NOT_ON_TAPE = "not on tape: the prompt changed since recording; re-record with --record"


def replay_miss(exc: BaseException | None) -> BaseException | None:
    """vcrpy's miss behind an openai error (the client wraps it in `APIConnectionError`), if any."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__name__ == _REPLAY_MISS:
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def failure_kind(exc: BaseException) -> str:
    """What an openai error says failed: one of `extractor.errors.MODEL_FAILURE_KINDS`."""
    if replay_miss(exc) is not None:
        return "replay_miss"
    if isinstance(exc, openai.APITimeoutError):  # a subclass of APIConnectionError: first
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "unreachable"
    status = getattr(exc, "status_code", None)
    if status in (401, 403):
        return "auth"
    if status == 429:
        return "rate_limited"
    if isinstance(status, int) and status >= 500:
        return "server"
    return "refused" if isinstance(status, int) else "unusable"


def _waits_too_long(exc: BaseException, s: LLMSettings) -> bool:
    """The server asked for a longer wait than we honour (`max_retry_after`): give up now."""
    asked = retry_after(exc)
    return asked is not None and asked > s.max_retry_after


class _Clock:
    """The time of one model call: when it must be over (`deadline`, retries and waits included),
    how many HTTP attempts it made, and whether it gave up for lack of time."""

    def __init__(self, s: LLMSettings):
        self.settings = s
        self.end = time.monotonic() + s.overall_deadline
        self.attempts = 0
        self.out_of_time = False

    def attempt_end(self) -> float:
        """When the next HTTP attempt must be over: `timeout` from now, or the call's deadline."""
        self.attempts += 1
        return min(time.monotonic() + self.settings.timeout, self.end)


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (Retry-After / retry-after-ms), if it said."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    if ms := headers.get("retry-after-ms"):
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time()) if when else None


@dataclass
class Meter:
    """Accounting of one document: every HTTP call, including failed and retried ones."""

    settings: LLMSettings
    usage: Usage = field(default_factory=Usage)
    calls_log: list[dict[str, Any]] = field(default_factory=list)
    prices: tuple[float, float] | None = None

    def check_budget(self) -> None:
        s, u = self.settings, self.usage
        if s.budget_calls is not None and u.calls >= s.budget_calls:
            raise BudgetExceededError(f"per-document budget of {s.budget_calls} model calls used up")
        if s.budget_tokens is not None and u.prompt_tokens + u.completion_tokens >= s.budget_tokens:
            raise BudgetExceededError(
                f"per-document budget of {s.budget_tokens} tokens used up "
                f"({u.prompt_tokens + u.completion_tokens} spent)")

    def add(self, *, seconds: float, prompt: int = 0, completion: int = 0, retry: bool = False,
            outcome: str = "ok") -> None:
        cost = None
        if self.prices is not None:
            cost = (prompt * self.prices[0] + completion * self.prices[1]) / 1_000_000
        self.usage = self.usage.add(Usage(
            calls=1, retries=int(retry), prompt_tokens=prompt, completion_tokens=completion,
            seconds=seconds, cost=cost))
        self.calls_log.append({"outcome": outcome, "prompt_tokens": prompt,
                               "completion_tokens": completion, "seconds": round(seconds, 3)})


class _Reply:
    """Holds the response of one HTTP call, for `_Calls.call` to account once the call returns."""

    response: Any = None


class _Calls:
    """The HTTP calls behind one create: each budget-checked and metered (failed ones too), and
    every reply checked for truncation. Shared by the sync and the async create."""

    def __init__(self, meter: Meter):
        self.meter = meter
        self.first = True  # the first call of a create is not a retry

    @contextmanager
    def call(self, max_tokens: Any) -> Iterator[_Reply]:
        self.meter.check_budget()
        retry, self.first = not self.first, False
        reply = _Reply()
        t0 = time.perf_counter()
        try:
            yield reply
        except Exception as exc:
            self.meter.add(seconds=time.perf_counter() - t0, retry=retry, outcome=type(exc).__name__)
            raise
        response = reply.response
        u = getattr(response, "usage", None)
        self.meter.add(seconds=time.perf_counter() - t0, retry=retry,
                       prompt=getattr(u, "prompt_tokens", 0) or 0,
                       completion=getattr(u, "completion_tokens", 0) or 0,
                       outcome=response.choices[0].finish_reason or "ok")
        if response.choices[0].finish_reason == "length":
            raise TruncatedOutputError(
                f"the model's output was cut off at max_tokens={max_tokens} "
                "(finish_reason=length); raise --max-tokens")


def _policy(s: LLMSettings, clock: _Clock) -> dict[str, Any]:
    """tenacity's settings for transport errors, the same for the sync and the async create: at
    most `transport_attempts` attempts, none whose wait would end past the call's deadline, and
    none after a Retry-After longer than `max_retry_after`."""

    def wait(state: RetryCallState) -> float:
        asked = retry_after(state.outcome.exception() if state.outcome else None)
        if asked is not None:
            return asked  # at most max_retry_after: a longer ask is not retried
        # exponential backoff with jitter: backoff, 2x, 4x … (+ up to one backoff step at random)
        step = s.backoff * 2 ** (state.attempt_number - 1)
        return min(s.max_wait, step + random.uniform(0, s.backoff))

    def stop(state: RetryCallState) -> bool:
        if state.attempt_number >= max(1, s.transport_attempts):
            return True
        clock.out_of_time = time.monotonic() + (state.upcoming_sleep or 0.0) >= clock.end
        return clock.out_of_time

    def retry(exc: BaseException) -> bool:
        return is_transient(exc) and not _waits_too_long(exc, s)

    return {"stop": stop, "retry": retry_if_exception(retry), "wait": wait, "reraise": True}


def transport_error(exc: openai.OpenAIError, s: LLMSettings, clock: _Clock) -> LLMError:
    """What the engine raises for an openai error that survived (or was not worth) the retries:
    a `TransportError` whose `kind` says what failed, or a `ReplayMissError`."""
    kind, status = failure_kind(exc), getattr(exc, "status_code", None)
    if kind == "replay_miss":
        return ReplayMissError(f"{NOT_ON_TAPE}{_cassette_of(replay_miss(exc))}")
    detail = error_detail(exc, s.api_key)
    if is_transient(exc) and _waits_too_long(exc, s):
        return TransportError(
            f"the server asked to wait {retry_after(exc):g} s before trying again (Retry-After), more "
            f"than the {s.max_retry_after:g} s we wait at most (XXGK_MAX_RETRY_AFTER): {detail}",
            kind=kind, status=status)
    if not is_transient(exc):
        return TransportError(f"model endpoint refused the request: {detail}", kind=kind, status=status)
    if clock.out_of_time:
        return TransportError(
            f"model call gave up after {clock.attempts} attempt(s): its deadline of "
            f"{s.overall_deadline:g} s (XXGK_DEADLINE) was reached: {detail}", kind=kind, status=status)
    return TransportError(f"model call failed after {clock.attempts} attempt(s): {detail}",
                          kind=kind, status=status)


def error_detail(exc: BaseException, key: str | None) -> str:
    """What an openai error says, briefly and redacted: `AuthenticationError (HTTP 401): <the
    server's message>`, or `APIConnectionError ([Errno 111] Connection refused)`."""
    if isinstance(exc, openai.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        said = body.get("message") if isinstance(body.get("message"), str) else None
        return f"{_describe(exc)}: {redact(said or str(exc.message or exc), key)[:300]}"
    return f"{_describe(exc)}{_cause_text(exc, key)}"


def metered_create(client: openai.OpenAI, meter: Meter) -> Callable[..., Any]:
    """`chat.completions.create` with transport retries, accounting and the truncation check.

    This is the function instructor patches: each validation re-ask calls it afresh.
    """
    calls = _Calls(meter)
    completions = client.chat.completions  # looked up before any clock starts

    def create(**kwargs: Any) -> Any:
        clock = _Clock(meter.settings)

        def one_call(**kwargs: Any) -> Any:
            with calls.call(kwargs.get("max_tokens")) as reply, _deadline.until(clock.attempt_end()):
                reply.response = completions.create(**kwargs)
            return reply.response

        try:
            return Retrying(sleep=lambda seconds: sleep(seconds), **_policy(meter.settings, clock))(one_call, **kwargs)
        except openai.OpenAIError as exc:
            raise transport_error(exc, meter.settings, clock) from exc

    return create


def ametered_create(client: openai.AsyncOpenAI, meter: Meter) -> Callable[..., Awaitable[Any]]:
    """The async `metered_create`: the same retries, accounting and checks, awaiting the client."""
    calls = _Calls(meter)
    completions = client.chat.completions  # before any clock starts, as in `metered_create`

    async def wait(seconds: float) -> None:
        await asleep(seconds)

    async def create(**kwargs: Any) -> Any:
        clock = _Clock(meter.settings)

        async def one_call(**kwargs: Any) -> Any:
            left = clock.attempt_end() - time.monotonic()
            with calls.call(kwargs.get("max_tokens")) as reply:
                try:
                    async with asyncio.timeout(max(0.0, left)):  # cancels the call, reading included
                        reply.response = await completions.create(**kwargs)
                except TimeoutError as exc:
                    # openai>=3 types the request as httpx2's; the error only keeps it for the reader
                    raise openai.APITimeoutError(
                        request=httpx.Request("POST", str(client.base_url))) from exc  # type: ignore[arg-type]
            return reply.response

        try:
            return await AsyncRetrying(sleep=wait, **_policy(meter.settings, clock))(one_call, **kwargs)
        except openai.OpenAIError as exc:
            raise transport_error(exc, meter.settings, clock) from exc

    return create


def _describe(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    name = type(exc).__name__
    return f"{name} (HTTP {status})" if status else name


def _cause_text(exc: BaseException, key: str | None) -> str:
    """What lay under a connection error (`[Errno 111] Connection refused` …), briefly."""
    cause = exc.__cause__
    text = " ".join(str(cause).split()) if cause is not None else ""
    return f" ({redact(text, key)[:120]})" if text else ""


def _cassette_of(miss: BaseException | None) -> str:
    """` (cassette NAME)` for a vcrpy miss, when it says which cassette."""
    path = getattr(getattr(miss, "cassette", None), "_path", None)
    return f" (cassette {str(path).replace(chr(92), '/').rsplit('/', 1)[-1]})" if path else ""


def redact(text: str, key: str | None) -> str:
    """A server's error message may quote the key, a URL's password or a token: never pass it on."""
    return scrub(text, key)
