"""Word 97 files written for the .doc reader's tests: put on disk, and read or refused cleanly."""

from __future__ import annotations

import time
from pathlib import Path

from extractor.errors import InputError
from extractor.load import load


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def read_or_refused(path: str) -> bool:
    """True when the file reads, False when it is refused with an InputError naming it and the
    problem; anything else (another exception, five seconds or more) fails the test."""
    t0 = time.process_time()
    try:
        load(path)
        return True
    except InputError as e:
        assert e.path == path and e.problem
        return False
    finally:
        assert time.process_time() - t0 < 5, f"{path} took too long"
