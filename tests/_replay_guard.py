"""A test that replays a cassette and sends a request not on tape fails, saying so.

vcrpy raises `CannotOverwriteExistingCassetteException` for a request its cassette cannot
answer; the openai client wraps it as a connection error, and the engine, `auto` or a `failed`
line may carry it away from the test's assertions. This plugin notes every miss during a test
and fails the test with "not on tape: …" whatever the test made of it. A test that provokes a
miss on purpose says so with `@pytest.mark.replay_miss_expected`.
"""

from __future__ import annotations

import pytest

from extractor.engines.llm._transport import NOT_ON_TAPE


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "replay_miss_expected: the test provokes a cassette miss on purpose")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    try:
        from vcr.errors import CannotOverwriteExistingCassetteException as Miss
    except ModuleNotFoundError:  # no vcrpy, no cassettes
        return (yield)
    if item.get_closest_marker("replay_miss_expected"):
        return (yield)
    misses: list = []
    original = Miss.__init__

    def noting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        misses.append(self)

    Miss.__init__ = noting
    try:
        result = yield
    except BaseException as exc:
        if misses:
            raise pytest.fail.Exception(_message(misses), pytrace=False) from exc
        raise
    finally:
        Miss.__init__ = original
    if misses:
        pytest.fail(_message(misses), pytrace=False)
    return result


def _message(misses: list) -> str:
    first = misses[0]
    request = getattr(first, "failed_request", None)
    cassette = getattr(getattr(first, "cassette", None), "_path", "?")
    what = f"{request.method} {request.path}" if request is not None else "a request"
    return (f"{NOT_ON_TAPE} (for the tests: tests/record.sh). {len(misses)} request(s) missed, "
            f"the first {what} in cassette {cassette}")
