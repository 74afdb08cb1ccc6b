"""xxgk-extractor: read 政府信息公开工作年度报告 tables into verified data.

    import extractor
    engine = extractor.get_engine("layout")  # or "auto", "llm"
    result = extractor.extract_path("report.txt", engine)
    result.status, result.fields, result.violations

Public names are re-exported here; modules hold one idea each (see README, "Where things are").
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .catalogue import APPLICANT_COLUMNS, Field, Template, fields, keys
from .cellstate import CellState, cell_states
from .document import Document, SourceCell, SourceTable
from .engines import Doubt, Engine, Provenance, Reading, Usage, get_engine
from .errors import (
    BadOptionError, BudgetExceededError, CatalogueError, EngineNotConfigured, ExportError,
    ExtractionError, InputError, LLMError, LabelError, MissingExtraError, RecordError,
    ReplayMissError, ReviewConflictError, ReviewError, RunFileError, StoreError, TransportError,
    TruncatedOutputError, UnknownEngineError, UnknownItemError, UnsupportedFormatError, XxgkError,
)
from .flat import from_flat, parse_report, to_flat
# `extractor.load` is the loaders subpackage; its `load()` is re-exported as `load_document`.
from .load import expand
from .load import load as load_document
from .pipeline import check_reading, extract_document, extract_path, extract_paths
from .result import Result, ReviewReason, Status, decide_status
from .schema import Report, Report2019, Report2021

try:
    __version__ = version("xxgk-extractor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+local"

__all__ = [
    "APPLICANT_COLUMNS", "BadOptionError", "BudgetExceededError", "CatalogueError", "CellState",
    "Document", "Doubt", "Engine", "EngineNotConfigured", "ExportError", "ExtractionError", "Field",
    "InputError", "LLMError", "LabelError", "MissingExtraError", "Provenance", "Reading",
    "RecordError", "ReplayMissError", "Report", "Report2019", "Report2021", "Result",
    "ReviewConflictError", "ReviewError", "ReviewReason", "RunFileError", "SourceCell",
    "SourceTable", "Status", "StoreError", "Template", "TransportError", "TruncatedOutputError",
    "UnknownEngineError", "UnknownItemError", "UnsupportedFormatError", "Usage", "XxgkError",
    "cell_states", "check_reading", "decide_status", "expand", "extract_document", "extract_path",
    "extract_paths", "fields", "from_flat", "get_engine", "keys", "load_document", "parse_report",
    "to_flat", "__version__",
]
