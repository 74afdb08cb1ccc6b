"""Extraction engines: `layout` (deterministic reader), `llm` (a language model), `auto` (both).

`get_engine(name, **options)` builds one; engines are imported lazily so that the layout reader
never pays for the model client's import.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import UnknownEngineError
from .base import Doubt, Engine, Provenance, Reading, Usage

#: engine name → "module:Class", imported only when that engine is asked for
ENGINES: dict[str, str] = {
    "auto": "extractor.engines.auto:AutoEngine",
    "layout": "extractor.engines.layout:LayoutEngine",
    "llm": "extractor.engines.llm:LLMEngine",
}


def get_engine(name: str = "auto", **options: Any) -> Engine:
    """Build an engine by name; `UnknownEngineError` for a name not in ENGINES, and the engine's
    own `BadOptionError` (or `EngineNotConfigured`) for options it does not take."""
    target = ENGINES.get(name)
    if target is None:
        raise UnknownEngineError(name, ENGINES)
    module, cls = target.split(":")
    return getattr(importlib.import_module(module), cls)(**options)


__all__ = ["ENGINES", "Doubt", "Engine", "Provenance", "Reading", "Usage", "get_engine"]
