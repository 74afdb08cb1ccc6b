"""Extraction engines: `layout` (deterministic reader), `llm` (a language model), `auto` (both).

`get_engine(name, **options)` builds one; engines are imported lazily so that the layout reader
never pays for the model client's import.
"""

from __future__ import annotations

from typing import Any

from ..errors import XxgkError
from .base import Doubt, Engine, Provenance, Reading, Usage

ENGINES = ("auto", "layout", "llm")


def get_engine(name: str = "auto", **options: Any) -> Engine:
    if name == "layout":
        from .layout import LayoutEngine

        return LayoutEngine(**options)
    if name == "llm":
        from .llm import LLMEngine

        return LLMEngine(**options)
    if name == "auto":
        from .auto import AutoEngine

        return AutoEngine(**options)
    raise XxgkError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Doubt", "Engine", "Provenance", "Reading", "Usage", "get_engine"]
