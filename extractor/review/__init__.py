"""The review queue: flagged records, cell edits validated by the schema, decisions, gold export.

    items = list_items(store, rule="balance")
    resolve(store, item.id, outcome="report_wrong", reviewer="王", comment="原文如此")

`create_app(store)` (in `app.py`, imported lazily: FastAPI is only needed by `xxgk serve`) is
the web page.
"""

from .across import stored_reports
from .gold import export_gold
from .queue import (
    OUTCOMES, STATES, ItemDetail, ItemSummary, Progress, batches, check_values, counts, get_item, list_items,
    neighbours, parse_cell, progress, reopen, resolve, save_values,
)

__all__ = [
    "ItemDetail", "ItemSummary", "OUTCOMES", "Progress", "STATES", "batches", "check_values", "counts", "export_gold",
    "get_item", "list_items", "neighbours", "parse_cell", "progress", "reopen", "resolve", "save_values",
    "stored_reports",
]
