"""An eval run: extract every labelled report with one engine, score it, and keep it as a run file.

The run file (JSON) holds what produced it (engine, model, prompt version, code version, date),
the summary of each set, and every document's score including the values found, so that two
runs can be compared cell by cell later without re-running anything.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterable

from ..engines.base import Engine
from ..errors import RunFileError
from ..load import IGNORE_MARKER
from ..pipeline import extract_path
from .gold import GoldCase
from .metrics import is_report, score, summarize

RUN_FORMAT = 1


def run_eval(
    cases: Iterable[GoldCase],
    engine: Engine,
    *,
    progress: Callable[[GoldCase, dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Extract and score every case; return the run (a JSON-ready dict). A document whose model
    call failed says so (`model_error`, `model_error_kind`): see `unmeasured`."""
    docs: list[dict[str, Any]] = []
    for case in cases:
        result = extract_path(str(case.report), engine)
        doc = score(case, result)
        if result.model_error is not None:
            doc["model_error"], doc["model_error_kind"] = result.model_error, result.model_error_kind
        docs.append(doc)
        if progress is not None:
            progress(case, doc)
    return make_run(docs, engine)


#: model failures that make a run measure nothing about the model: the calls did not happen
#: as they should (not on tape, endpoint unreachable or too slow, key refused)
UNMEASURED = frozenset({"replay_miss", "unreachable", "timeout", "auth"})


def unmeasured(run: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents of a run whose model calls did not happen as they should (see UNMEASURED)."""
    return [d for d in run.get("docs", []) if d.get("model_error_kind") in UNMEASURED]


def all_failed(run: dict[str, Any]) -> list[dict[str, Any]]:
    """The reports of a run when every one of them failed (no record): a run that measures
    nothing (a missing dependency, a broken loader). Empty when at least one was read."""
    reports = [d for d in run.get("docs", []) if is_report(d)]
    return reports if reports and all(d["status"] == "failed" for d in reports) else []


def make_run(docs: list[dict[str, Any]], engine: Engine | None = None, *, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Wrap scored documents with what produced them and the per-set summaries."""
    raw = settings if settings is not None else _settings(engine)
    settings = {k: v for k, v in raw.items() if not _secret(k)}  # secrets never reach a run file
    sets = sorted({d["set"] for d in docs}, key=lambda s: (s != "real", s))
    return {
        "format": RUN_FORMAT,
        "engine": getattr(engine, "name", None) or settings.get("engine"),
        "model": _setting(settings, "model"),
        "prompt_version": _setting(settings, "prompt_version"),
        "settings": settings,
        "code_version": code_version(),
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "summary": {s: summarize(d for d in docs if d["set"] == s) for s in sets},
        "docs": docs,
    }


def code_version() -> dict[str, str | None]:
    """The package version and, in a git checkout, `git describe` (so a figure names its code)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pkg = version("xxgk-extractor")
    except PackageNotFoundError:
        pkg = None
    described = None
    here = Path(__file__).resolve().parents[2]
    if (here / ".git").exists():
        try:
            described = subprocess.run(
                ["git", "describe", "--always", "--dirty", "--tags"], cwd=here,
                capture_output=True, text=True, timeout=10,
            ).stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            described = None
    return {"package": pkg, "git": described}


def save_run(run: dict[str, Any], folder: str | os.PathLike[str], *, stem: str | None = None) -> Path:
    """Write the run file into a folder; returns its path (`<engine>[-<model>]-<date>.json`)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    # run reports (.md/.html) are not annual reports: `xxgk extract eval/` passes over them
    (out / IGNORE_MARKER).write_text("xxgk eval output\n", encoding="utf-8")
    if stem is None:
        model = (run.get("model") or "").replace("/", "_").replace(":", "_")
        stamp = run["date"].replace(":", "").replace("-", "")[:15]
        stem = "-".join(x for x in (run.get("engine") or "engine", model, stamp) if x)
    path = out / f"{stem}.json"
    path.write_text(_dumps(run), encoding="utf-8")
    return path


def _dumps(run: dict[str, Any]) -> str:
    """JSON with one line per document: small, and a diff of two run files reads per report."""
    dump = lambda v: json.dumps(v, ensure_ascii=False, default=str)  # noqa: E731
    head = [f" {dump(k)}: {dump(v)}" for k, v in run.items() if k != "docs"]
    docs = ",\n".join(f"  {dump(d)}" for d in run["docs"])
    return "{\n" + ",\n".join(head) + ',\n "docs": [\n' + docs + "\n ]\n}\n"


def load_run(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a run file; raises `RunFileError` naming the file when it is not one."""
    try:
        run = json.loads(Path(path).read_text(encoding="utf-8"))
    except RecursionError as exc:
        raise RunFileError(str(path), "cannot read the run file (nested too deeply)") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: bad JSON, a 5000-digit number
        raise RunFileError(str(path), f"cannot read the run file ({exc})") from exc
    if not isinstance(run, dict) or "docs" not in run or "summary" not in run:
        raise RunFileError(str(path), "not an xxgk eval run file (no 'docs' and 'summary')")
    if not isinstance(run["docs"], list) or not all(isinstance(d, dict) for d in run["docs"]):
        raise RunFileError(str(path), "'docs' must be a list of objects, one per report")
    if not isinstance(run["summary"], dict):
        raise RunFileError(str(path), "'summary' must be an object {set: figures}")
    return run


def reports_of(cases: list[GoldCase], run: dict[str, Any], *, source: str = "the run file") -> list[GoldCase]:
    """The cases a run scored, in its order: re-running (or re-recording) a baseline on exactly its
    own reports. Raises `RunFileError` when the run names a report the cases do not hold."""
    by_key = {(c.set, c.id): c for c in cases}
    wanted = [(d.get("set"), d.get("id")) for d in run["docs"]]
    missing = [f"{s}/{i}" for s, i in wanted if (s, i) not in by_key]
    if missing:
        raise RunFileError(source, f"{len(missing)} of its {len(wanted)} reports are not in the labelled set "
                                   f"(first: {missing[0]}); run --set all, or regenerate eval/variants")
    return [by_key[k] for k in wanted]


def _setting(settings: dict[str, Any], name: str) -> Any:
    """A setting of the engine, or of the model engine inside it (auto nests `llm`)."""
    if settings.get(name) is not None:
        return settings[name]
    inner = settings.get("llm")
    return inner.get(name) if isinstance(inner, dict) else None


def _settings(engine: Engine | None) -> dict[str, Any]:
    if engine is None:
        return {}
    try:
        s = dict(engine.settings() or {})
    except Exception:  # an engine's settings must never stop the eval
        s = {}
    s.setdefault("engine", getattr(engine, "name", None))
    return s


def _secret(name: str) -> bool:
    name = name.lower()
    return any(w in name for w in ("api_key", "apikey", "secret", "password", "authorization")) or name in ("key", "token")
