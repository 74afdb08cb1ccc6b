"""`AutoEngine`, the default: the layout reader first, a model only for what the reader could not settle.

- A reading with no unsettled cell needs no model call, even when its print breaks an identity:
  no model can mend a printed error, the report goes to review as it is.
- A report in which the reader found no table at all is read by the model whole (the `llm`
  engine, on the report's segmented text).
- Otherwise the model is asked small questions about exactly the unsettled regions (a 表三 row,
  a 表二 item, a 表四 group; `engines.questions`), all in one call, and each answer goes back
  through the identities before it settles anything. An answer nothing can check (a pick among
  readings the identities all allow, any 表二 or 表四 answer) leaves its cells unsettled, with
  the model's value as their first candidate: an unchecked model value never reaches `verified`.

With no model configured (no --model/--base-url, no XXGK_MODEL/XXGK_BASE_URL), the reader's
reading is returned as it is, so its doubts send it to review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import prompts

from ..document import Document
from ..errors import LLMError, ReplayMissError, XxgkError, brief
from ..priors import Priors
from .base import Reading
from .layout import LayoutEngine
from .llm._config import resolve
from .questions import MAX_CHOICES, Question, answer_model, parse, questions, render, settle

if TYPE_CHECKING:
    from .llm import LLMEngine

#: rendered question text sent in one call at most (about 600 tokens); the rest stay doubts
MAX_QUESTION_CHARS = 900


class AutoEngine:
    """Layout reader first; the LLM engine (when configured) for what it could not settle."""

    name = "auto"

    def __init__(self, *, http_client: Any = None, **options: Any):
        self.layout = LayoutEngine()
        self.llm: LLMEngine | None = None
        if resolve(options).configured:  # also rejects unknown or malformed options
            from .llm import LLMEngine

            self.llm = LLMEngine(http_client=http_client, **options)

    @property
    def priors(self) -> Priors | None:
        """Last year's readings for the layout reader (see `extractor.priors`)."""
        return self.layout.priors

    @priors.setter
    def priors(self, book: Priors | None) -> None:
        self.layout.priors = book

    def settings(self) -> dict[str, Any]:
        return {"engine": self.name, "layout": self.layout.settings(),
                "llm": self.llm.settings() if self.llm else None,
                "questions": {"prompt": f"ask.{prompts.ASK}", "max_chars": MAX_QUESTION_CHARS,
                              "max_choices": MAX_CHOICES}}

    def read(self, doc: Document) -> Reading:
        first = self.layout.read(doc)
        llm = self.llm
        if first.record is None:
            if llm is None:
                return _note(first, "no table found and no model configured")
            return self._ask_model(first, lambda: llm.read(doc))
        if llm is None:  # no one to ask: questions are not even written (the default's speed)
            return _note(first, "no model configured: the reader's doubts go to review as they are") \
                if first.doubts else first
        asked, left = plan(questions(doc, first))
        if not asked:
            return first  # nothing unsettled: a printed error goes to review with no model call
        template = first.record.template
        return self._ask_model(first, lambda: self._answer(llm, template, first, asked, left))

    def _answer(self, llm: LLMEngine, template: str, first: Reading, asked: list[Question],
                left: list[Question]) -> Reading:
        """One call with every question; the answers checked and written in."""
        messages = [
            {"role": "system", "content": prompts.load("ask", prompts.ASK, "system").rstrip()},
            {"role": "user", "content": prompts.render("ask", prompts.ASK, "user", format_name=f"{template} 年版",
                                                       count=str(len(asked)), questions=render(asked)).rstrip()},
        ]
        reply, usage = llm.ask(messages, answer_model(asked))
        answers = parse(asked, reply)
        reading, verdicts = settle(first, asked, answers)
        trace: dict[str, Any] = {"questions": [{"region": q.region, "choices": len(q.choices), "answer": list(map(str, answers.get(q.region, ()))),
                                "verdict": next((v.state for v in verdicts if v.region == q.region), "unanswered")}
                               for q in asked]}
        if left:
            trace["not_asked"] = [q.region for q in left]
        settled = sum(v.state == "model" for v in verdicts)
        return reading.model_copy(update={
            "engine": "auto" if settled else first.engine, "usage": usage.model_copy(update={"questions": len(asked)}),
            "settings": self.settings(),
            "trace": first.trace + [trace]})

    def _ask_model(self, first: Reading, call: Callable[[], Reading]) -> Reading:
        """Run a model call; when it fails, the reader's reading stands and says why (never silently)."""
        try:
            return call()
        except XxgkError as exc:
            if isinstance(exc, ReplayMissError):
                raise  # a recording that no longer matches fails the report: re-record it
            usage = exc.usage if isinstance(exc, LLMError) else None
            note = {"auto": "the model failed; the reader's reading is kept", "error": str(exc)}
            return first.model_copy(update={
                "trace": first.trace + [note], "usage": usage or first.usage,
                "settings": self.settings(),
                "model_error": brief(exc),
                "model_error_kind": exc.kind if isinstance(exc, LLMError) else "unusable"})


def plan(qs: list[Question]) -> tuple[list[Question], list[Question]]:
    """The questions one call asks: those whose answer can settle cells (no readings to pick from)
    first, then picks among readings, while their text fits MAX_QUESTION_CHARS; and the rest."""
    ordered = sorted(qs, key=lambda q: bool(q.choices))
    asked: list[Question] = []
    used = 0
    for q in ordered:
        size = len(render([q]))
        if asked and used + size > MAX_QUESTION_CHARS:
            continue
        asked.append(q)
        used += size
    left = [q for q in qs if q not in asked]
    return sorted(asked, key=qs.index), left


def _note(reading: Reading, why: str) -> Reading:
    return reading.model_copy(update={"trace": reading.trace + [{"auto": why}]})


__all__ = ["AutoEngine", "MAX_QUESTION_CHARS"]
