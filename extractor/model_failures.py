"""A batch's model failures: counted by kind, summed up for the user, and when to stop.

One document's model failure does not stop a batch (auto keeps the reader's reading; the llm
engine fails that document), but a dead endpoint fails every document the same way: after
`limit` documents in a row whose model call could not connect (unreachable, timed out) the
batch stops, and a refused key (HTTP 401/403) stops it at once, naming the setting to fix.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .errors import CONNECTION_FAILURES
from .result import Result

#: how a summary line names each kind of failure
KIND_WORDS = {
    "unreachable": "model unreachable",
    "timeout": "model timed out",
    "auth": "API key refused",
    "refused": "request refused by the endpoint",
    "rate_limited": "rate limited",
    "server": "server error",
    "truncated": "reply cut off at --max-tokens",
    "schema": "reply failed the schema",
    "budget": "per-document budget used up",
    "replay_miss": "not on tape",
    "unusable": "model failed",
}
#: the default for `--max-model-failures` (env XXGK_MAX_MODEL_FAILURES)
DEFAULT_LIMIT = 3


@dataclass
class ModelFailures:
    """What went wrong with the model over a batch, seen one result at a time in input order."""

    #: documents in a row that could not reach the model before the batch stops (0: never stop)
    limit: int = DEFAULT_LIMIT
    #: (kind, what became of the document) -> documents
    counts: Counter = field(default_factory=Counter)
    #: (kind, what became of the document) -> the first document's error, as an example
    examples: dict[tuple[str, str], str] = field(default_factory=dict)
    consecutive: int = 0
    #: why the batch must stop (None: go on)
    stop: str | None = None

    @property
    def documents(self) -> int:
        return sum(self.counts.values())

    def see(self, result: Result) -> None:
        """Count one result; decide whether the batch must stop."""
        if result.model_error is None:
            if result.usage.calls:  # the model answered: the endpoint is alive
                self.consecutive = 0
            return
        kind = result.model_error_kind or "unusable"
        outcome = "failed" if result.status == "failed" else "read by the layout reader only"
        self.counts[(kind, outcome)] += 1
        self.examples.setdefault((kind, outcome), result.model_error)
        if kind == "auth":
            self.stop = (f"the model endpoint refused the API key ({result.model_error}): set "
                         "XXGK_API_KEY (or OPENAI_API_KEY) to a key this endpoint accepts")
        elif kind in CONNECTION_FAILURES:
            self.consecutive += 1
            if self.limit and self.consecutive >= self.limit:
                docs = "document" if self.consecutive == 1 else "documents"
                self.stop = (f"{self.consecutive} {docs} in a row could not reach the model "
                             f"({KIND_WORDS[kind]}: {result.model_error}); check --base-url "
                             "(XXGK_BASE_URL) and that the server is running (`xxgk doctor` checks it)")
        else:
            self.consecutive = 0  # the endpoint answered, with something unusable

    def lines(self) -> list[str]:
        """One plain line per kind of failure, most documents first."""
        out = []
        for (kind, outcome), n in self.counts.most_common():
            word = "report" if n == 1 else "reports"
            out.append(f"{n} {word}: {KIND_WORDS.get(kind, kind)} ({self.examples[(kind, outcome)]}), {outcome}")
        return out
