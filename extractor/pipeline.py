"""load → engine → rules → Result, for one document or many.

This is the library function behind `xxgk extract`; the CLI, the batch runner, the eval and the
tests all call it. One broken document gives a `failed` Result and never stops the others.
"""

from __future__ import annotations

import time
from operator import attrgetter
from typing import Any, Iterable, Iterator

import rules

from .document import Document
from .engines.base import Doubt, Engine
from .errors import InputError, LLMError, XxgkError, brief
from .flat import dump_value, from_flat, to_flat
from .identities import touching
from .load import expand, load
from .load._sniff import told
from .result import Result, decide_status
from .schema import TABLE_ATTRS
from .segment import report_problem
from .traditional import simplified


def low_confidence_doubts(doc: Document, reading) -> dict[str, Doubt]:
    """A doubt for every cell the engine read from OCR text the recogniser was unsure of."""
    weak = [c.span for c in doc.low_confidence_cells() if c.span]
    out: dict[str, Doubt] = {}
    for key, prov in reading.provenance.items():
        if prov.start is None or key in reading.doubts:
            continue
        if any(e.get("kind") == "identity" for e in prov.evidence or ()):
            continue  # the engine confirmed the unsure digit by an identity (layout/confirm.py)
        for a, b in weak:
            if a <= prov.start < max(b, a + 1):
                out[key] = Doubt(reason="low_confidence", detail=f"OCR read {doc.text[a:b]!r} with low confidence")
                break
    return out


def recognised_layer_doubts(doc: Document, reading) -> dict[str, Doubt]:
    """A doubt for every number read from another program's OCR layer (`Document.recognised`)
    that no identity checks (表二): that layer is one read of a scan, and a scan's confident
    misread is a silent error (the rule our own OCR keeps in `layout.cellvalue._scan_doubt`)."""
    record = reading.record
    if record is None:
        return {}
    checked = touching(record.template)
    out: dict[str, Doubt] = {}
    for key, value in to_flat(record).items():
        if value is None or key in checked or key in reading.doubts:
            continue
        prov = reading.provenance.get(key)
        if prov is None or prov.start is None:
            continue  # not read from the text (a blank the table left empty)
        out[key] = Doubt(reason="unconfirmed_scan", candidates=[dump_value(value)],
                         detail=f"read {doc.text[prov.start:prov.end]!r} from the PDF's invisible OCR layer "
                                "(another program's reading of a page picture), and no identity checks this cell")
    return out


_CONFIDENCE = attrgetter("confidence")


def _recognised(doc: Document) -> bool:
    """Some cell of the document's tables has an OCR confidence (the fields are taken in C)."""
    for table in doc.tables:
        confidences = list(map(_CONFIDENCE, table.cells))
        if confidences.count(None) != len(confidences):
            return True
    return False


def unsettle(reading):
    """The reading with every doubted cell None: unsure is never a number in any output.

    Engines leave the cells they doubt None themselves; a doubt added later (low OCR confidence)
    or an engine that kept a value beside its doubt has the value moved into the candidates."""
    return _unsettle(reading)[0]


def _unsettle(reading) -> tuple[Any, dict[str, Any] | None]:
    """`unsettle`, and the flat view of the record it returns (None: no record), which
    `check_reading` passes on to the rules and the status: one record, flattened once."""
    record = reading.record
    if record is None:
        return reading, None
    values = to_flat(record)
    if not reading.doubts:
        return reading, values
    doubts = dict(reading.doubts)
    changed = False
    for key, doubt in reading.doubts.items():
        value = values.get(key)
        if value is None:
            continue
        values[key] = None
        changed = True
        if not doubt.candidates:
            doubts[key] = doubt.model_copy(update={"candidates": [dump_value(value)]})
    if not changed:
        return reading, values
    present = [t for t in TABLE_ATTRS if getattr(record, t) is not None]
    record = from_flat(record.template, values, organ=record.organ, year=record.year,
                       printed=record.printed, present=present)
    return reading.model_copy(update={"record": record, "doubts": doubts}), to_flat(record)


def picture_doubts(doc: Document, reading) -> dict[str, Doubt]:
    """For each table the reading lacks in a document whose pictures could not all be read
    (`Document.picture_problems`: a saved page's missing file, a `src` not followed), an
    `unreadable` doubt on its first cell naming the pictures: the reviewer learns where the table
    went. Never on a cell that was read."""
    from . import catalogue

    record = reading.record
    detail = "the table may be a picture that could not be read: " + "; ".join(doc.picture_problems[:5])
    out: dict[str, Doubt] = {}
    for table in TABLE_ATTRS:
        if getattr(record, table) is None:
            key = next((k for k in catalogue.keys(record.template) if k.startswith(table + ".")), None)
            if key is not None and key not in reading.doubts:
                out[key] = Doubt(reason="unreadable", detail=detail[:1000])
    return out


def check_reading(doc: Document, reading, *, seconds: float = 0.0) -> Result:
    """Run the rules on an engine's reading and decide the status."""
    if doc.tables and _recognised(doc):
        extra = low_confidence_doubts(doc, reading)
        if extra:
            reading = reading.model_copy(update={"doubts": {**reading.doubts, **extra}})
    if doc.recognised:
        extra = recognised_layer_doubts(doc, reading)
        if extra:
            reading = reading.model_copy(update={"doubts": {**reading.doubts, **extra}})
    if doc.picture_problems and reading.record is not None:
        extra = picture_doubts(doc, reading)
        if extra:
            reading = reading.model_copy(update={"doubts": {**reading.doubts, **extra}})
    reading, values = _unsettle(reading)
    record = reading.record
    violations = rules.check(rules.facts_from_record(record, text=doc.text, values=values)) \
        if record is not None else []
    # every part is an already validated object (the reading's): validating them again would
    # walk its 200 provenance entries a second time
    return Result.model_construct(
        doc=doc.name, path=doc.path, sha256=doc.sha256,
        status=decide_status(record, violations, reading.doubts, values),
        engine=reading.engine,
        template=record.template if record else None,
        year=record.year if record else None,
        organ=record.organ if record else None,
        record=record, violations=violations, doubts=reading.doubts,
        provenance=reading.provenance, cell_engines=reading.cell_engines,
        usage=reading.usage, settings=reading.settings, seconds=seconds,
        error=None if record is not None else "no tables could be read",
        model_error=reading.model_error, model_error_kind=reading.model_error_kind,
    )


def require_report(doc: Document) -> None:
    """Raise `InputError` for a document that prints none of the format's tables (before any engine
    runs): a guide, a work plan or a pre-2019 report must fail, not pass as a table of zeros."""
    problem = report_problem(doc.text)
    if problem is not None:
        if doc.picture_problems:  # the tables were pictures that could not be read: which, and why
            problem += "; pictures not read: " + "; ".join(doc.picture_problems[:5])
        raise InputError(doc.path, problem)


def extract_document(doc: Document, engine: Engine) -> Result:
    """Extract and check one loaded document."""
    t0 = time.perf_counter()
    doc = simplified(doc)  # a page served in 繁體 is read through its simplified characters
    require_report(doc)
    reading = engine.read(doc)
    return check_reading(doc, reading, seconds=time.perf_counter() - t0)


def failed(path: str, error: str, *, engine: str | None = None, sha256: str | None = None) -> Result:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return Result(doc=name, path=path, status="failed", engine=engine, error=error, sha256=sha256)


def extract_path(path: str, engine: Engine) -> Result:
    """Load, extract and check one file; any error becomes a `failed` Result naming the file."""
    t0 = time.perf_counter()
    loaded = load_or_fail(path, engine)
    if isinstance(loaded, Result):
        return loaded
    return extract_loaded(loaded, engine, t0=t0)


def load_or_fail(path: str, engine: Engine) -> Document | Result:
    """The loaded document, or a `failed` Result naming the file when it cannot be loaded."""
    try:
        return load(path)
    except XxgkError as exc:
        return failed(path, str(exc), engine=engine.name)
    except Exception as exc:  # a loader bug must not lose the batch
        return failed(path, f"{path}: could not read the file ({type(exc).__name__}: {exc})", engine=engine.name)


def extract_loaded(doc: Document, engine: Engine, *, t0: float | None = None) -> Result:
    """Extract and check a loaded document; any error becomes a `failed` Result naming the file."""
    t0 = time.perf_counter() if t0 is None else t0
    try:
        return extract_document(doc, engine)
    except Exception as exc:
        return failed_result(doc, engine, exc, t0=t0)


def failed_result(doc: Document, engine: Engine, exc: Exception, *, t0: float) -> Result:
    """The `failed` Result for an error raised while extracting a loaded document."""
    path = doc.path
    if isinstance(exc, XxgkError):
        msg = str(exc) if doc.path in str(exc) else f"{doc.path}: {exc}"
        msg = told(doc.path, doc.format, msg)  # "this .pdf is an HTML page: …" (load/_sniff.py)
        update: dict = {"seconds": time.perf_counter() - t0}
        if isinstance(exc, LLMError):  # the model failed: what, and what the document had spent
            update.update(model_error=brief(exc), model_error_kind=exc.kind)
            if exc.usage is not None:
                update["usage"] = exc.usage
        return failed(path, msg, engine=engine.name, sha256=doc.sha256).model_copy(update=update)
    return failed(path, f"{path}: extraction failed ({type(exc).__name__}: {exc})",
                  engine=engine.name, sha256=doc.sha256)


def extract_paths(inputs: Iterable[str], engine: Engine) -> Iterator[Result]:
    """Every file under the inputs (files, folders, globs), one Result each, in order."""
    for path in expand(inputs):
        yield extract_path(path, engine)
