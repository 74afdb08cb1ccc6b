"""`LLMEngine`: any OpenAI-compatible model fills the report's tables through instructor.

One document: segment → one structured call (instructor re-asks on schema failures, tenacity
retries transport errors underneath) → optional rule-guided repair pass → a `Reading` with the
record, usage, settings (model, mode, prompt version) and a trace of every attempt.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import httpx
import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

import prompts
import rules

from ...document import Document
from ...errors import LLMError, TruncatedOutputError, XxgkError
from ...flat import dump_value, to_flat
from ..base import Doubt, Reading
from . import _transport
from ._config import LLMSettings, resolve
from ._input import ModelInput, build_input
from ._repair import repair_message
from ._shape import TITLE_YEAR, compact_model, from_record, labels

MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
}
_FORMAT_NAMES = {"2019": "2019 年版（国办公开办函〔2019〕60号）", "2021": "2021 年版（国办公开办函〔2021〕30号）"}


class LLMEngine:
    """Reads a report with a language model. Options: see `LLMSettings` (flag > env > default)."""

    name = "llm"

    def __init__(self, *, http_client: httpx.Client | None = None, **options: Any):
        """`http_client`: your own httpx client (proxy, CA bundle, a test transport)."""
        self.config: LLMSettings = resolve(options).require()
        self._prices = self.config.prices()
        self._client = _transport.make_client(self.config, http_client)

    def settings(self) -> dict[str, Any]:
        c = self.config
        return {"engine": self.name, "model": c.model, "mode": c.mode, "prompt_version": c.prompt_version,
                "temperature": c.temperature, "max_tokens": c.max_tokens, "segment": c.segment,
                "repair": c.repair, "reasks": c.reasks}

    # ------------------------------------------------------------------ one document

    def read(self, doc: Document, *, context: str | None = None) -> Reading:
        """Read one document. `context` (from auto) is appended to the user message."""
        meter = _transport.Meter(self.config, prices=self._prices)
        sent = build_input(doc.text, segment=self.config.segment)
        messages = self._messages(sent, context)
        trace: list[dict[str, Any]] = []
        try:
            reply = self._ask(meter, messages, sent)
            record = reply.to_record()
            found = rules.check(rules.facts_from_record(record, text=doc.text))
            errors = [v for v in found if v.severity == "error"]
            trace.append(_attempt("extract", meter, record, errors))
            if errors and self.config.repair:
                record = self._repair(meter, messages, record, errors, sent, doc, trace)
        except XxgkError as exc:
            # the document fails, but its spending is not lost: usage travels on the error
            exc.usage = meter.usage  # type: ignore[attr-defined]
            raise
        settings = {**self.settings(), "template": sent.template, "segmented": sent.segmented}
        if sent.template_guessed:
            settings["template_guessed"] = True
        doubts = ungrounded(record, sent.text)
        if record.active is not None:
            # No identity ties 表二's cells together, so the rules cannot catch a misread one:
            # on the eval set the 1.5B model passed every rule on reports it had misread.
            doubts["active"] = Doubt(
                reason="unchecked", detail="表二 has no identities to check a model's reading; "
                "confirm it, or read with --engine auto (the layout reader checks it)")
        return Reading(
            record=record, engine=self.name, doubts=doubts,
            usage=meter.usage, settings=settings, trace=trace + [{"calls": meter.calls_log}],
        )

    def _messages(self, sent: ModelInput, context: str | None) -> list[dict[str, str]]:
        v = self.config.prompt_version
        user = prompts.render(
            "extract", v, "user", format_name=_FORMAT_NAMES[sent.template],
            labels=labels(sent.template), header=sent.header or "（无）", tables=sent.tables,
        )
        if context:
            user += "\n\n" + context
        # trailing newlines of the prompt files are dropped: request bodies stay stable
        return [{"role": "system", "content": prompts.load("extract", v, "system").rstrip()},
                {"role": "user", "content": user.rstrip()}]

    def _ask(self, meter: _transport.Meter, messages: list[dict[str, str]], sent: ModelInput):
        create = instructor.patch(create=_transport.metered_create(self._client, meter),
                                  mode=MODES[self.config.mode])
        token = TITLE_YEAR.set(sent.title_year)
        try:
            return create(
                response_model=compact_model(sent.template), max_retries=self.config.reasks,
                messages=messages, model=self.config.model,
                temperature=self.config.temperature, max_tokens=self.config.max_tokens,
            )
        except IncompleteOutputException as exc:
            raise TruncatedOutputError(
                f"the model's output was cut off at max_tokens={self.config.max_tokens}") from exc
        except InstructorRetryException as exc:
            ours = _our_cause(exc)
            if ours is not None:
                raise ours from None
            raise LLMError(
                f"the model's reply failed the schema after {self.config.reasks} re-ask(s): "
                f"{_schema_problem(exc)}") from None
        finally:
            TITLE_YEAR.reset(token)

    def _repair(self, meter, messages, record, errors, sent, doc, trace):
        """Send the violations once; keep whichever record breaks fewer error rules."""
        follow_up = messages + [
            {"role": "assistant", "content": json.dumps(from_record(record), ensure_ascii=False)},
            {"role": "user", "content": repair_message(errors, sent.text, self.config.prompt_version).rstrip()},
        ]
        try:
            repaired = self._ask(meter, follow_up, sent).to_record()
        except LLMError as exc:  # a failed repair leaves the first reading standing
            trace.append({"pass": "repair", "error": str(exc), "kept": False})
            return record
        after = [v for v in rules.check(rules.facts_from_record(repaired, text=doc.text)) if v.severity == "error"]
        better = len(after) < len(errors)
        trace.append({**_attempt("repair", meter, repaired, after), "kept": better})
        trace[0]["kept"] = not better
        return repaired if better else record


def _attempt(name: str, meter, record, errors) -> dict[str, Any]:
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


def _schema_problem(exc: InstructorRetryException) -> str:
    """The last attempt's validation error, on one line (instructor's own message is XML-ish)."""
    attempts = getattr(exc, "failed_attempts", None) or []
    last = attempts[-1].exception if attempts else (exc.__cause__ or exc)
    lines = [l.strip() for l in str(last).splitlines() if l.strip()]
    return " ".join(lines[:4])[:400] or type(last).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


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
