"""The result store: documents, runs, records, violations, review items and decisions.

    store = Store(as_url("--db value or None", out="results.jsonl"))

SQLite by default (`xxgk.sqlite`, WAL mode); any SQLAlchemy URL (PostgreSQL) with `--db`.
The schema is created and upgraded by the versioned steps in `_migrations.py`.

The store is a wall: every query is a `Store` method returning the frozen records of
`records.py`; its row classes (`models.py`) and SQLAlchemy stay inside this package.
"""

from .items import REOPENED, closed_error
from .records import (
    Batch, CellEdit, CurrentRecord, Decided, Decision, ItemFilter, ItemLine, ItemRecord, ReviewState,
    StoredDecision, StoredViolation,
)
from .store import (
    DEFAULT_NAME, Store, as_url, code_version, default_url, file_sha256, reusable, review_reasons,
    safe_url, settings_hash,
)

__all__ = [
    "Batch", "CellEdit", "CurrentRecord", "DEFAULT_NAME", "Decided", "Decision", "ItemFilter", "ItemLine",
    "ItemRecord", "REOPENED", "ReviewState", "Store", "StoredDecision", "StoredViolation", "as_url",
    "closed_error", "code_version", "default_url", "file_sha256", "reusable", "review_reasons", "safe_url",
    "settings_hash",
]
