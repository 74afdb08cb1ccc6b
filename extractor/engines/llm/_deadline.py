"""Wall-clock deadlines for model calls: a server dripping its reply cannot keep a call alive.

httpx's timeouts bound each read, so a reply sent one byte a second never times out. The sync
path plugs `DeadlineBackend` under httpx's connection pool: every connect, read and write waits
at most until the current call's deadline (`until`, a context variable set around one HTTP
call), then raises httpcore's own timeout, which reaches the engine as `APITimeoutError`. The
async path cancels the awaited call at the deadline (`asyncio.timeout`, in `_transport`).
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Any, Iterable, Iterator

#: monotonic time by which the HTTP call running in this context must be over (None: no bound)
_DEADLINE: ContextVar[float | None] = ContextVar("xxgk_call_deadline", default=None)


@contextmanager
def until(deadline: float) -> Iterator[None]:
    """Bound every network wait of the HTTP calls made inside the block by `deadline` (monotonic)."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def left() -> float | None:
    """Seconds until the current deadline (None without one)."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    remaining = left()
    if remaining is None:
        return timeout
    if remaining <= 0:
        raise error("the model call's deadline passed (--timeout)")
    return remaining if timeout is None else min(timeout, remaining)


class _Stream:
    """A connection whose every wait ends by the deadline of the call using it."""

    def __init__(self, inner: Any, errors: ModuleType):
        self._inner = inner
        self._errors = errors  # httpcore or httpcore2: the pool maps only its own exceptions

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, self._errors.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, self._errors.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        inner = self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout, self._errors.ConnectTimeout))
        return _Stream(inner, self._errors)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend:
    """httpcore's network backend (or httpcore2's) with every connection bounded by the current
    call's deadline."""

    def __init__(self, inner: Any):
        self._inner = inner
        self._errors = sys.modules[type(inner).__module__.split(".")[0]]

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Iterable[Any] | None = None) -> _Stream:
        inner = self._inner.connect_tcp(host, port, _bounded(timeout, self._errors.ConnectTimeout),
                                        local_address, socket_options)
        return _Stream(inner, self._errors)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> _Stream:
        inner = self._inner.connect_unix_socket(path, _bounded(timeout, self._errors.ConnectTimeout), socket_options)
        return _Stream(inner, self._errors)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def bound(client: Any) -> Any:
    """The sync httpx (or httpx2) client with `DeadlineBackend` under each of its connection pools
    (proxies included). httpx has no public hook for this: the pools' backend is swapped in place.
    A transport without a pool (a test's MockTransport) has no network to wait on and is left alone."""
    transports = [t for t in (client._transport, *client._mounts.values()) if t is not None]  # noqa: SLF001
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if pool is not None and backend is not None and not isinstance(backend, DeadlineBackend):
            pool._network_backend = DeadlineBackend(backend)  # noqa: SLF001
    return client
