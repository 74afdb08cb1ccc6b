"""One document's reading, all but the model call: prompt, error mapping, rules, repair, `Reading`.

`LLMEngine.read` and `LLMEngine.aread` both drive a `DocumentRun`; they differ only in how
they call the model (sync or async), so the two paths cannot drift apart:

    run = DocumentRun(config, prices, doc, context)
    while (messages := run.next_request()) is not None:
        with run.asking():
            run.answer(<call the model with run.request(messages)>)
    reading = run.reading(name, settings)
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Iterator

from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

import prompts
import rules

from ...document import Document
from ...errors import LLMError, ReplayMissError, TruncatedOutputError, XxgkError
from ...flat import dump_value, to_flat
from ...schema import Report2019, Report2021
from ..base import Doubt, Reading
from ._config import LLMSettings
from ._input import ModelInput, build_input
from ._repair import repair_message
from ._shape import TITLE_YEAR, compact_model, from_record, labels
from ._transport import Meter

_FORMAT_NAMES = {"2019": "2019 年版（国办公开办函〔2019〕60号）", "2021": "2021 年版（国办公开办函〔2021〕30号）"}


class DocumentRun:
    """The state of one document's reading: what was sent, what came back, what it cost."""

    def __init__(self, config: LLMSettings, prices: tuple[float, float] | None, doc: Document,
                 context: str | None = None):
        self.config = config
        self.doc = doc
        self.meter = Meter(config, prices=prices)
        self.sent = build_input(doc.text, segment=config.segment)
        self.messages = messages(config, self.sent, context)
        self.trace: list[dict[str, Any]] = []
        self.record: Report2019 | Report2021 | None = None
        self.errors: list = []
        self._pass: str | None = None  # None (not asked yet), "extract", "repair", "done"

    # ------------------------------------------------------------------ the conversation

    def next_request(self) -> list[dict[str, str]] | None:
        """The messages of the next model call, or None when the reading is complete."""
        if self._pass is None:
            self._pass = "extract"
            return self.messages
        if self._pass == "extract" and self.errors and self.config.repair and self.record is not None:
            self._pass = "repair"
            # the model sees its own first answer, then each violation spelled out
            return self.messages + [
                {"role": "assistant", "content": json.dumps(from_record(self.record), ensure_ascii=False)},
                {"role": "user", "content": repair_message(self.errors, self.sent.text,
                                                           self.config.prompt_version).rstrip()},
            ]
        self._pass = "done"
        return None

    def request(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        """The keyword arguments of instructor's create for these messages."""
        c = self.config
        return {"response_model": compact_model(self.sent.template), "max_retries": c.reasks,
                "messages": messages, "model": c.model, "temperature": c.temperature,
                "max_tokens": c.max_tokens}

    @contextmanager
    def asking(self) -> Iterator[None]:
        """Around one model call and its answer: instructor's errors become ours; a failed repair
        leaves the first reading standing (unless a recording has no answer for it: that must be
        loud); any other failure carries the document's usage."""
        try:
            token = TITLE_YEAR.set(self.sent.title_year)
            try:
                with model_errors(self.config, self.meter):
                    yield
            finally:
                TITLE_YEAR.reset(token)
        except LLMError as exc:
            if self._pass != "repair" or isinstance(exc, ReplayMissError):
                raise
            self.trace.append({"pass": "repair", "error": str(exc), "kept": False})

    def answer(self, reply) -> None:
        """Take the model's reply: check it with the rules; after a repair keep the better record."""
        record = reply.to_record()
        errors = [v for v in rules.check(rules.facts_from_record(record, text=self.doc.text))
                  if v.severity == "error"]
        if self._pass == "extract":
            self.record, self.errors = record, errors
            self.trace.append(_attempt("extract", self.meter, record, errors))
            return
        # repair: keep whichever record breaks fewer error rules
        better = len(errors) < len(self.errors)
        self.trace.append({**_attempt("repair", self.meter, record, errors), "kept": better})
        self.trace[0]["kept"] = not better
        if better:
            self.record = record

    # ------------------------------------------------------------------ the result

    def reading(self, engine: str, settings: dict[str, Any]) -> Reading:
        sent, record = self.sent, self.record
        settings = {**settings, "template": sent.template, "segmented": sent.segmented}
        if sent.template_guessed:
            settings["template_guessed"] = True
        doubts = ungrounded(record, sent.text)
        if record is not None and record.active is not None:
            # No identity ties 表二's cells together, so the rules cannot catch a misread one:
            # on the eval set the 1.5B model passed every rule on reports it had misread.
            doubts["active"] = Doubt(
                reason="unchecked", detail="表二 has no identities to check a model's reading; "
                "confirm it, or read with --engine auto (the layout reader checks it)")
        return Reading(
            record=record, engine=engine, doubts=doubts, usage=self.meter.usage, settings=settings,
            trace=self.trace + [{"calls": self.meter.calls_log}],
        )


def messages(config: LLMSettings, sent: ModelInput, context: str | None) -> list[dict[str, str]]:
    """The system and user messages for the report; `context` (from auto) ends the user message."""
    v = config.prompt_version
    user = prompts.render(
        "extract", v, "user", format_name=_FORMAT_NAMES[sent.template],
        labels=labels(sent.template), header=sent.header or "（无）", tables=sent.tables,
    )
    if context:
        user += "\n\n" + context
    # trailing newlines of the prompt files are dropped: request bodies stay stable
    return [{"role": "system", "content": prompts.load("extract", v, "system").rstrip()},
            {"role": "user", "content": user.rstrip()}]


@contextmanager
def model_errors(config: LLMSettings, meter: Meter) -> Iterator[None]:
    """Around one structured call: instructor's exceptions become ours (`LLMError` and kin), and
    every model error carries what the document had spent when it failed."""
    try:
        try:
            yield
        except IncompleteOutputException as exc:
            raise TruncatedOutputError(f"the model's output was cut off at max_tokens={config.max_tokens}") from exc
        except InstructorRetryException as exc:
            ours = _our_cause(exc)
            if ours is not None:
                raise ours from None
            raise LLMError(f"the model's reply failed the schema after {config.reasks} re-ask(s): "
                           f"{_schema_problem(exc)}", kind="schema") from None
    except LLMError as exc:
        exc.usage = meter.usage
        raise


def _attempt(name: str, meter: Meter, record, errors) -> dict[str, Any]:
    return {
        "pass": name,
        "calls_so_far": meter.usage.calls,
        "errors": [v.rule for v in errors],
        "fields": {k: dump_value(v) for k, v in to_flat(record).items()},
    }


def _our_cause(exc: BaseException) -> XxgkError | None:
    seen = exc.__cause__ or exc.__context__
    while seen is not None:
        if isinstance(seen, XxgkError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _schema_problem(exc: BaseException) -> str:
    """The last attempt's validation error, on one line (instructor's own message is XML-ish);
    for an exception instructor did not wrap (no failed attempts), its cause's."""
    attempts = getattr(exc, "failed_attempts", None) or []
    last = attempts[-1].exception if attempts else (exc.__cause__ or exc)
    lines = [l.strip() for l in str(last).splitlines() if l.strip()]
    return " ".join(lines[:4])[:400] or type(last).__name__


_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def ungrounded(record, text: str) -> dict[str, Doubt]:
    """Non-zero values that appear nowhere in the text the model was sent: it made them up."""
    if record is None:
        return {}
    printed = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text.translate(_DIGITS)):
        token = m.group().replace(",", "")
        printed.add(token)
        printed.add(token.split(".")[0])
    doubts = {}
    for key, value in to_flat(record).items():
        if value is None or value == 0:
            continue
        as_text = str(abs(value)) if not isinstance(value, Decimal) else format(value.normalize(), "f")
        if as_text not in printed:
            doubts[key] = Doubt(reason="not_in_source", candidates=[dump_value(value)],
                                detail="the model gave a number that is not printed in the tables it was sent")
    return doubts
