"""The printed tables' cell model now lives in `extractor.printed` (the review page uses it too)."""

from ..printed import (
    APPEAL_LABELS, APPLICANTS, BALANCE_NOTE, GROUP_LABELS, HEADINGS, Cell, Table, grid, table2, table3, table4, tables,
)

__all__ = ["APPEAL_LABELS", "APPLICANTS", "BALANCE_NOTE", "GROUP_LABELS", "HEADINGS", "Cell", "Table", "grid",
           "table2", "table3", "table4", "tables"]
