"""The transport layer: one HTTP call to the model, retried by tenacity, metered, checked.

Transport errors (timeouts, connection errors, 429 honouring Retry-After, 5xx) are retried here
with exponential backoff and jitter, a bounded number of times; the openai client's own retries
are off (max_retries=0) so nothing retries twice. Validation re-asks happen one layer up, in
instructor, and never see a transport error. A reply cut off by the token limit raises
`TruncatedOutputError`: it is a failure, never a partial record.
"""

from __future__ import annotations

import email.utils
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import httpx
import openai
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from ...errors import BudgetExceededError, TransportError, TruncatedOutputError
from ..base import Usage
from ._config import LLMSettings

#: tenacity sleeps through this, so that tests can watch the waits without waiting
sleep: Callable[[float], None] = time.sleep


def make_client(settings: LLMSettings, http_client: httpx.Client | None = None) -> openai.OpenAI:
    """A sync openai client for any OpenAI-compatible endpoint, with its own retries off."""
    return openai.OpenAI(
        http_client=http_client,
        base_url=settings.base_url,
        # local servers take any key; the client insists on one
        api_key=settings.api_key or "no-key",
        timeout=settings.timeout,
        max_retries=0,
    )


def is_transient(exc: BaseException) -> bool:
    """Worth another attempt: timeouts, broken connections, 429 and 5xx."""
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


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


def metered_create(client: openai.OpenAI, meter: Meter) -> Callable[..., Any]:
    """`chat.completions.create` with transport retries, accounting and the truncation check.

    This is the function instructor patches: each validation re-ask calls it afresh.
    """
    s = meter.settings
    first_call = [True]  # the first call of the whole document is not a retry

    def wait(state: RetryCallState) -> float:
        asked = retry_after(state.outcome.exception() if state.outcome else None)
        if asked is not None:
            return min(s.max_wait, asked)
        # exponential backoff with jitter: backoff, 2x, 4x … (+ up to one backoff step at random)
        step = s.backoff * 2 ** (state.attempt_number - 1)
        return min(s.max_wait, step + random.uniform(0, s.backoff))

    def one_call(**kwargs: Any) -> Any:
        meter.check_budget()
        retry = not first_call[0]
        first_call[0] = False
        t0 = time.perf_counter()
        try:
            response = client.chat.completions.create(**kwargs)
        except Exception as exc:
            meter.add(seconds=time.perf_counter() - t0, retry=retry, outcome=type(exc).__name__)
            raise
        u = getattr(response, "usage", None)
        meter.add(seconds=time.perf_counter() - t0, retry=retry,
                  prompt=getattr(u, "prompt_tokens", 0) or 0,
                  completion=getattr(u, "completion_tokens", 0) or 0,
                  outcome=response.choices[0].finish_reason or "ok")
        if response.choices[0].finish_reason == "length":
            raise TruncatedOutputError(
                f"the model's output was cut off at max_tokens={kwargs.get('max_tokens')} "
                "(finish_reason=length); raise --max-tokens")
        return response

    def create(**kwargs: Any) -> Any:
        retrying = Retrying(
            stop=stop_after_attempt(max(1, s.transport_attempts)),
            retry=retry_if_exception(is_transient),
            wait=wait,
            sleep=lambda seconds: sleep(seconds),
            reraise=True,
        )
        try:
            return retrying(one_call, **kwargs)
        except openai.OpenAIError as exc:
            if not is_transient(exc):
                detail = _redact(str(getattr(exc, "message", "") or exc), s.api_key)[:300]
                raise TransportError(f"model endpoint refused the request: {_describe(exc)}: {detail}") from exc
            raise TransportError(
                f"model call failed after {s.transport_attempts} attempt(s): {_describe(exc)}") from exc

    return create


def _describe(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    name = type(exc).__name__
    return f"{name} (HTTP {status})" if status else name


def _redact(text: str, key: str | None) -> str:
    """A server's error message may quote the key (or part of it): never pass it on."""
    if key:
        text = text.replace(key, "***")
    return re.sub(r"sk-[A-Za-z0-9_\-*]{4,}", "sk-***", text)
