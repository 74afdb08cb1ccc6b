"""Every exception the package raises, in one hierarchy.

Callers catch `XxgkError` for anything of ours; each subclass carries what failed so that a
batch can write a clear `failed` line and go on with the next document.
"""

from __future__ import annotations

from typing import Any


class XxgkError(Exception):
    """Base of every error raised by xxgk-extractor."""


class InputError(XxgkError):
    """A document could not be read: missing, empty, binary, undecodable, not a report."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class UnsupportedFormatError(InputError):
    """A file type we cannot read (or can only read after conversion, like .doc/.wps)."""


class UnknownEngineError(XxgkError):
    """`get_engine` was asked for an engine that does not exist."""

    def __init__(self, name: str, choices: Any):
        self.name = name
        self.choices = tuple(choices)
        super().__init__(f"unknown engine {name!r}; choose one of {', '.join(self.choices)}")


class BadOptionError(XxgkError):
    """An engine was given options it does not take (`get_engine("layout", model=…)`)."""

    def __init__(self, engine: str, options: Any, why: str = "it takes none of them"):
        self.engine = engine
        self.options = tuple(sorted(options))
        super().__init__(f"the {engine} engine does not take {', '.join(self.options)}: {why}")


class CatalogueError(XxgkError):
    """The cell catalogue and a record (or a label file) do not agree on the keys."""


class LabelError(XxgkError):
    """A gold label file is malformed: missing keys, wrong version, bad values."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RecordError(XxgkError):
    """One record of a JSON or JSON-lines input (`xxgk check`) is malformed; `where` says which
    (`line 4`, `record 2`), so the rest of the file can still be checked."""

    def __init__(self, path: str, where: str, problem: str):
        self.path = path
        self.where = where
        self.problem = problem
        super().__init__(f"{path}: {where}: {problem}")


class ExtractionError(XxgkError):
    """An engine could not produce a record for a document."""


class EngineNotConfigured(ExtractionError):
    """An engine needs settings it does not have (a model name, a base URL)."""


#: what an `LLMError` says failed (its `kind`), so that a caller can decide what to do next
MODEL_FAILURE_KINDS = (
    "unreachable",  # nothing answered at the base URL (connection refused, DNS, TLS …)
    "timeout",  # no answer within --timeout
    "auth",  # HTTP 401/403: the API key is missing or refused
    "refused",  # another 4xx: the request itself was rejected (unknown model, unsupported mode …)
    "rate_limited",  # HTTP 429 after every attempt
    "server",  # HTTP 5xx after every attempt
    "truncated",  # the reply was cut off at max_tokens
    "schema",  # the reply failed the schema after every re-ask
    "budget",  # the per-document budget was used up
    "replay_miss",  # a recorded run (cassette) has no answer for this request
    "unusable",  # anything else the model gave that could not be used
)
#: failures of the connection itself: the same will happen to the next document
CONNECTION_FAILURES = frozenset({"unreachable", "timeout"})


class LLMError(ExtractionError):
    """The language model failed after every retry, or its output was unusable.

    `kind` (one of `MODEL_FAILURE_KINDS`) says what failed; `status` is the HTTP status when the
    server answered; `usage` is what the document had spent when it failed (an
    `extractor.engines.base.Usage`, set by the engine). The message never holds a secret.
    """

    default_kind = "unusable"

    def __init__(self, message: str, *, kind: str | None = None, status: int | None = None,
                 usage: Any = None):
        super().__init__(message)
        self.kind = kind or self.default_kind
        self.status = status
        self.usage = usage


class TransportError(LLMError):
    """Network, timeout, 429 or 5xx errors that survived the transport retries (or a refused request)."""

    default_kind = "unreachable"


class ReplayMissError(LLMError):
    """A recorded run (cassette) has no answer for a request: the request changed since recording."""

    default_kind = "replay_miss"


class TruncatedOutputError(LLMError):
    """The model's output was cut off by the token limit: never a partial record."""

    default_kind = "truncated"


class BudgetExceededError(LLMError):
    """A per-document budget (tokens or calls) was used up."""

    default_kind = "budget"


class MissingExtraError(XxgkError):
    """A feature needs an optional extra that is not installed (`--ray` without Ray)."""

    def __init__(self, feature: str, extra: str, detail: str = ""):
        self.feature = feature
        self.extra = extra
        super().__init__(f"{feature} needs the optional extra {extra!r}: pip install 'xxgk-extractor[{extra}]'"
                         + (f" ({detail})" if detail else ""))


class StoreError(XxgkError):
    """The result store could not be read or written."""


class ReviewError(XxgkError):
    """A reviewer action was refused (bad value, unknown item)."""


class UnknownItemError(ReviewError):
    """No review item has this id (unknown, or not an id the store can hold)."""

    def __init__(self, item_id: object):
        self.item_id = item_id
        super().__init__(f"no review item #{item_id}")


class ReviewConflictError(ReviewError):
    """A reviewer's write lost a race: the item was closed, or changed, since the reviewer read it.

    `state` is the item's state now (`resolved`, `superseded`, or `open` when only its values
    changed); nothing of the refused write was stored.
    """

    def __init__(self, item_id: int, state: str, problem: str):
        self.item_id = item_id
        self.state = state
        self.problem = problem
        super().__init__(f"review item #{item_id} {problem}; nothing was saved")


class ExportError(XxgkError):
    """An export could not be written as asked (unknown format or layout, a missing extra, too many rows)."""


class RunFileError(XxgkError):
    """An eval run file could not be read, or is not a run file."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def brief(exc: BaseException, limit: int = 300) -> str:
    """`TypeName: message` on one line, at most `limit` characters (for result lines and summaries)."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
