"""A test engine whose worker process dies on chosen documents (for the Ray crash test).

`XXGK_TEST_CRASH_DIR` names a folder the test owns. A document whose name holds `-once-` kills
its process (os._exit) the first time it is read, leaving a flag file so the retry reads it;
one whose name holds `-always-` kills it every time. Every other document is read by the gold
engine (its label file beside it).
"""

from __future__ import annotations

import os
from pathlib import Path

from gold_engine import GoldEngine


class CrashingEngine(GoldEngine):
    name = "gold"

    def read(self, doc):
        flags = Path(os.environ["XXGK_TEST_CRASH_DIR"])
        if "-always-" in doc.name:
            (flags / f"{doc.name}.{os.getpid()}").touch()
            os._exit(3)
        if "-once-" in doc.name and not (flags / doc.name).exists():
            (flags / doc.name).touch()
            os._exit(3)
        return super().read(doc)
