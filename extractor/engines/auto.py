"""`AutoEngine`, the default: the layout reader first, the model only where the reader is unsure.

A reading the reader settled completely (no doubts) that breaks no error rule needs no model
call. Any other report goes to the model with the reader's partial reading and doubts as context;
cells the reader settled keep the reader's value, and where the model disagrees the cell is
flagged (`disagreement`). A cell the reader could not read takes the model's value (the
identities check it); among several readings that all fit the identities the model's pick is
shown first but the cell stays in doubt, since nothing can check the pick. With no model configured (no --model/--base-url, no XXGK_MODEL/
XXGK_BASE_URL), the reader's reading is returned as it is, so its doubts send it to review.
"""

from __future__ import annotations

import json
from typing import Any

import rules

from .. import catalogue
from ..document import Document
from ..errors import LLMError, ReplayMissError, XxgkError, brief
from ..flat import dump_value, from_flat, to_flat
from .base import Doubt, Reading
from .layout import LayoutEngine
from .llm._config import resolve

#: doubts that are not about one cell: the model's reading of the title settles them
_TITLE_DOUBTS = ("organ", "year")


class AutoEngine:
    """Layout reader first; the LLM engine (when configured) for what it could not settle."""

    name = "auto"

    def __init__(self, *, http_client: Any = None, **options: Any):
        self.layout = LayoutEngine()
        self.llm = None
        if resolve(options).configured:  # also rejects unknown or malformed options
            from .llm import LLMEngine

            self.llm = LLMEngine(http_client=http_client, **options)

    def settings(self) -> dict[str, Any]:
        return {"engine": self.name, "layout": self.layout.settings(),
                "llm": self.llm.settings() if self.llm else None}

    def read(self, doc: Document) -> Reading:
        first = self.layout.read(doc)
        errors = _errors(first, doc)
        if first.record is not None and not first.doubts and not errors:
            return first  # settled by the reader alone: no model call
        if self.llm is None:
            return first.model_copy(update={"trace": first.trace + [
                {"auto": "no model configured: the reader's reading goes to review as it is"}]})
        try:
            second = self.llm.read(doc, context=_context(first, errors))
        except XxgkError as exc:
            if isinstance(exc, ReplayMissError):
                raise  # a recording that no longer matches fails the report: re-record it
            usage = exc.usage if isinstance(exc, LLMError) else None
            note = {"auto": "the model failed; the reader's reading is kept", "error": str(exc)}
            return first.model_copy(update={
                "trace": first.trace + [note], "usage": usage or first.usage,
                "settings": {**first.settings, "llm": self.llm.settings()},
                "model_error": brief(exc),
                "model_error_kind": exc.kind if isinstance(exc, LLMError) else "unusable"})
        return merge(first, second, settings=self.settings())


def _errors(reading: Reading, doc: Document) -> list:
    if reading.record is None:
        return []
    return [v for v in rules.check(rules.facts_from_record(reading.record, text=doc.text))
            if v.severity == "error"]


def _context(first: Reading, errors: list) -> str:
    """The reader's partial reading, for the model: what it read, what it could not settle."""
    if first.record is None:
        return "（版面读取器未能读出这份报告的表格。）"
    flat = {k: dump_value(v) for k, v in to_flat(first.record).items()}
    lines = ["另一个程序（版面读取器）对这份报告的初步读取结果如下，仅供参考；请以报告原文为准，自行逐格阅读。"]
    lines.append(json.dumps({k: v for k, v in flat.items() if v is not None}, ensure_ascii=False))
    if first.doubts:
        lines.append("它未能确定的单元格：")
        for key, d in list(first.doubts.items())[:40]:
            cands = f"，可能的值：{d.candidates}" if d.candidates else ""
            lines.append(f"- {key}：{d.reason}{cands}")
    if errors:
        lines.append("它的读取结果不满足的关系：")
        lines.extend(f"- {v.rule}：{v.message}" for v in errors[:20])
    return "\n".join(lines)


def merge(first: Reading, second: Reading, *, settings: dict[str, Any]) -> Reading:
    """One reading from the reader's and the model's, cell by cell; disagreements are doubts."""
    if first.record is None or second.record is None or first.record.template != second.record.template:
        chosen = second if second.record is not None else first
        return chosen.model_copy(update={
            "usage": second.usage, "settings": settings, "trace": first.trace + second.trace})
    a, b = first.record, second.record
    fa, fb = to_flat(a), to_flat(b)
    values: dict[str, Any] = {}
    doubts: dict[str, Doubt] = {}
    cell_engines: dict[str, str] = {}
    printed: dict[str, str] = {}
    provenance = {}
    for key in catalogue.keys(a.template):
        table = key.split(".", 1)[0]
        if getattr(a, table) is None or getattr(b, table) is None:
            # a table only one of them found is taken whole from that one
            src, fv = ("layout", fa) if getattr(a, table) is not None else ("llm", fb)
            values[key] = fv[key]
            if fv[key] is not None:
                cell_engines[key] = src
                _carry(key, src, first, second, doubts, printed, provenance)
            continue
        lv, mv, doubt = fa[key], fb[key], first.doubts.get(key)
        if doubt is None:
            values[key] = lv
            cell_engines[key] = "layout"
            _carry(key, "layout", first, second, doubts, printed, provenance)
            if mv != lv:
                doubts[key] = Doubt(reason="disagreement", candidates=[dump_value(lv), dump_value(mv)],
                                    detail="the layout reader and the model read this cell differently")
        elif not doubt.candidates:
            # the reader could not read the cell at all: the model's value stands, and the
            # identities (which pin most cells) check it like any other
            values[key] = mv
            cell_engines[key] = "llm"
            if key in second.doubts:
                doubts[key] = second.doubts[key]
        else:
            # the reader found several readings that fit every identity: the model's pick is the
            # best guess to show a reviewer, but nothing can check it, so the doubt stays
            fits = dump_value(mv) in doubt.candidates or mv in doubt.candidates
            values[key] = mv if fits else lv
            cell_engines[key] = "llm" if fits else "layout"
            extra = [] if fits else [dump_value(mv)]
            doubts[key] = Doubt(reason=doubt.reason if fits else "disagreement",
                                candidates=[*doubt.candidates, *extra],
                                detail=f"the reader was unsure ({doubt.reason}); the model read {dump_value(mv)}")
    organ = b.organ if "organ" in first.doubts else a.organ
    year = b.year if "year" in first.doubts else a.year
    for key in set(first.doubts) - set(fa) - set(_TITLE_DOUBTS):
        doubts[key] = first.doubts[key]  # doubts about something other than one cell stay
    record = from_flat(a.template, values, organ=organ, year=year, printed=printed)
    used = set(cell_engines.values())
    return Reading(
        record=record, engine="auto" if len(used) > 1 else (used.pop() if used else "auto"),
        doubts=doubts, provenance=provenance, cell_engines=cell_engines if len(used) > 1 else {},
        usage=second.usage, settings=settings, trace=first.trace + second.trace,
    )


def _carry(key, src, first, second, doubts, printed, provenance) -> None:
    """Bring a cell's doubt, printed text and provenance over from the engine that gave it."""
    reading = first if src == "layout" else second
    if key in reading.doubts:
        doubts[key] = reading.doubts[key]
    if reading.record is not None and key in reading.record.printed:
        printed[key] = reading.record.printed[key]
    if key in reading.provenance:
        provenance[key] = reading.provenance[key]
