"""Every exception the package raises, in one hierarchy.

Callers catch `XxgkError` for anything of ours; each subclass carries what failed so that a
batch can write a clear `failed` line and go on with the next document.
"""

from __future__ import annotations


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


class CatalogueError(XxgkError):
    """The cell catalogue and a record (or a label file) do not agree on the keys."""


class LabelError(XxgkError):
    """A gold label file is malformed: missing keys, wrong version, bad values."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ExtractionError(XxgkError):
    """An engine could not produce a record for a document."""


class EngineNotConfigured(ExtractionError):
    """An engine needs settings it does not have (a model name, a base URL)."""


class LLMError(ExtractionError):
    """The language model failed after every retry, or its output was unusable."""


class TransportError(LLMError):
    """Network, timeout, 429 or 5xx errors that survived the transport retries."""


class TruncatedOutputError(LLMError):
    """The model's output was cut off by the token limit: never a partial record."""


class BudgetExceededError(LLMError):
    """A per-document budget (tokens or calls) was used up."""


class StoreError(XxgkError):
    """The result store could not be read or written."""


class ReviewError(XxgkError):
    """A reviewer action was refused (bad value, unknown item)."""


class RunFileError(XxgkError):
    """An eval run file could not be read, or is not a run file."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
