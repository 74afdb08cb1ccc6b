"""How the tests load an export in pandas: the same reading docs/data.md shows (its recipe is
run by tests/test_docs_data.py and must give the same frames)."""

from __future__ import annotations

import pandas as pd

#: text columns of every export: read as text even when a column happens to hold only digits
TEXT = {c: "string" for c in (
    "doc", "path", "sha256", "organ", "organ_normalised", "template", "format", "status", "final_status", "engine",
    "reviewed", "duplicate_of", "table", "row", "column", "key", "printed", "unit", "state", "failed_rules",
    "rule", "severity", "keys", "expected", "found", "message",
)}


def load(path, fmt: str, sheet: str | None = None) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "xlsx":
        return pd.read_excel(path, sheet_name=sheet or 0, dtype=TEXT, dtype_backend="numpy_nullable")
    return pd.read_csv(path, dtype=TEXT, dtype_backend="numpy_nullable", keep_default_na=False, na_values=[""])
