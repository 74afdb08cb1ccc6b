"""Versioned schema migrations: each step is explicit, applied once, in order, and never drops.

The database records its version in `xxgk_schema`. A step is a function taking alembic's
`Operations` (no alembic.ini or env.py needed: the steps live here, as code shipped with the
package). To change the schema, change `models.py` AND append a step; `tests/test_store.py`
checks that a database built by the steps matches the models.
"""

from __future__ import annotations

from typing import Callable

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.engine import Connection


def _tz() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _v1(op: Operations) -> None:
    """The first schema: documents, runs, records, violations, review items, edits, decisions."""
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("format", sa.String(16)),
        sa.Column("encoding", sa.String(32)),
        sa.Column("text", sa.Text),
        sa.Column("source_html", sa.Text),
        sa.Column("created_at", _tz(), nullable=False),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"], unique=True)
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.Text),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("model", sa.Text),
        sa.Column("prompt_version", sa.Text),
        sa.Column("code_version", sa.Text),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("settings_hash", sa.String(64), nullable=False),
        sa.Column("started_at", _tz(), nullable=False),
        sa.Column("finished_at", _tz()),
        *(sa.Column(c, sa.Integer, nullable=False) for c in
          ("documents", "skipped", "verified", "review", "failed", "prompt_tokens", "completion_tokens")),
        sa.Column("seconds", sa.Float, nullable=False),
    )
    op.create_index("ix_runs_settings_hash", "runs", ["settings_hash"])
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("settings_hash", sa.String(64), nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(32)),
        sa.Column("template", sa.String(8)),
        sa.Column("year", sa.Integer),
        sa.Column("organ", sa.Text),
        *(sa.Column(c, sa.JSON, nullable=False) for c in
          ("values", "printed", "provenance", "doubts", "cell_engines", "settings")),
        *(sa.Column(c, sa.Integer, nullable=False) for c in ("prompt_tokens", "completion_tokens", "calls")),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("line", sa.JSON, nullable=False),
        sa.Column("created_at", _tz(), nullable=False),
    )
    for col in ("document_id", "run_id", "settings_hash", "current", "status"):
        op.create_index(f"ix_records_{col}", "records", [col])
    op.create_table(
        "violations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("keys", sa.JSON, nullable=False),
        sa.Column("expected", sa.JSON),
        sa.Column("found", sa.JSON),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_violations_record_id", "violations", ["record_id"])
    op.create_index("ix_violations_rule", "violations", ["rule"])
    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("rules", sa.JSON, nullable=False),
        sa.Column("values", sa.JSON),
        sa.Column("created_at", _tz(), nullable=False),
        sa.Column("updated_at", _tz(), nullable=False),
    )
    op.create_index("ix_review_items_record_id", "review_items", ["record_id"], unique=True)
    op.create_index("ix_review_items_state", "review_items", ["state"])
    op.create_table(
        "cell_edits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("review_items.id"), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("at", _tz(), nullable=False),
    )
    op.create_index("ix_cell_edits_item_id", "cell_edits", ["item_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("review_items.id"), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("violations", sa.JSON, nullable=False),
        sa.Column("decided_at", _tz(), nullable=False),
    )
    op.create_index("ix_decisions_item_id", "decisions", ["item_id"])


#: (version, what it does, step) — append only; never edit or remove a released step.
MIGRATIONS: list[tuple[int, str, Callable[[Operations], None]]] = [
    (1, "initial schema", _v1),
]
LATEST = MIGRATIONS[-1][0]

_VERSION = sa.Table(
    "xxgk_schema", sa.MetaData(),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", _tz(), nullable=False, server_default=sa.func.current_timestamp()),
)


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("xxgk_schema"):
        return 0
    return conn.execute(sa.select(sa.func.max(_VERSION.c.version))).scalar() or 0


#: the PostgreSQL advisory lock that serialises migrations ("xxgk" in ASCII)
_LOCK_KEY = 0x78786B67


def migrate(conn: Connection) -> list[int]:
    """Apply every step newer than the database's version; returns the versions applied.

    Call it in a write transaction (SQLite: `BEGIN IMMEDIATE`, as `Store` does): a second
    process opening the same new database waits here, then finds the schema made."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    _VERSION.create(conn, checkfirst=True)
    have = current_version(conn)
    if have > LATEST:
        from ..errors import StoreError

        raise StoreError(f"the database is at schema version {have}, newer than this xxgk ({LATEST}); upgrade xxgk")
    op = Operations(MigrationContext.configure(conn))
    applied = []
    for version, description, step in MIGRATIONS:
        if version <= have:
            continue
        step(op)
        conn.execute(_VERSION.insert().values(version=version, description=description))
        applied.append(version)
    return applied
