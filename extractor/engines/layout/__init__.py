"""The layout reader: a deterministic engine for the three standard tables in every layout.

    from extractor.engines.layout import LayoutEngine
    reading = LayoutEngine().read(doc)
"""

from .engine import VERSION, LayoutEngine

__all__ = ["LayoutEngine", "VERSION"]
