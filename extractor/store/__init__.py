"""The result store: documents, runs, records, violations, review items and decisions.

    store = Store(as_url("--db value or None", out="results.jsonl"))

SQLite by default (`xxgk.sqlite`, WAL mode); any SQLAlchemy URL (PostgreSQL) with `--db`.
The schema is created and upgraded by the versioned steps in `_migrations.py`.
"""

from .models import (
    Base, CellEditRow, DecisionRow, DocumentRow, RecordRow, ReviewItemRow, RunRow, ViolationRow,
)
from .store import (
    DEFAULT_NAME, Store, as_url, code_version, default_url, file_sha256, reusable, review_reasons,
    safe_url, settings_hash,
)

__all__ = [
    "Base", "CellEditRow", "DEFAULT_NAME", "DecisionRow", "DocumentRow", "RecordRow", "ReviewItemRow",
    "RunRow", "Store", "ViolationRow", "as_url", "code_version", "default_url", "file_sha256",
    "reusable", "review_reasons", "safe_url", "settings_hash",
]
