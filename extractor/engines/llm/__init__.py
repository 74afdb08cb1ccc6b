"""The LLM engine: an OpenAI-compatible model fills the strict schema via instructor.

    from extractor.engines.llm import LLMEngine
    reading = LLMEngine(model="qwen2.5-1.5b", base_url="http://127.0.0.1:8080/v1").read(doc)
"""

from ._config import ENV, MODES, LLMSettings, resolve
from .engine import LLMEngine

__all__ = ["ENV", "MODES", "LLMEngine", "LLMSettings", "resolve"]
