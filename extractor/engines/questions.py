"""Small questions about exactly what the layout reader could not settle, and their answers checked.

One question per unsettled region: a 表三 row, a 表二 item, a 表四 group. Each carries the
region's printed label, its columns, the text where it is printed (between the regions read
around it, so a few dozen characters), and, when the print allows several readings, those
readings as the only answers allowed. The answer schema is as tight as the region allows: one
of the readings, or exactly as many numbers as the region has cells.

`settle` takes the answers back through the format's identities (the same objects the reader
splits digits with and the rules judge with): an answer settles its cells only when every
identity it takes part in holds and each of its cells is tied, by one of them, to a cell the
reader settled; an answer that breaks an identity is refused, and one that nothing can check
(a pick among readings the identities all allow, any 表二 or 表四 answer) stays a doubt. Either
way the cell stays None with the model's value among its candidates: an unchecked model value
never counts towards `verified`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from .. import catalogue
from ..document import Document
from ..flat import dump_value, from_flat, to_flat
from ..identities import Identity, identities
from ..segment import find_tables
from .base import Doubt, Provenance, Reading

#: readings offered as choices at most; a region with more is asked for its numbers
MAX_CHOICES = 12
#: characters of printed text shown for one region at most
MAX_SOURCE = 160


@dataclass(frozen=True)
class Question:
    """What the model is asked about one region, and what checks its answer."""

    region: str  # requests.partial, active.normative, review …
    keys: tuple[str, ...]  # the region's cells, in printed order
    label: str  # the row's printed label (format's own words)
    columns: tuple[str, ...]
    source: str  # the printed text the region is in ("" when the reader did not find it)
    span: tuple[int, int] | None
    choices: tuple[tuple[Any, ...], ...] = ()  # readings the print allows; () asks for the numbers
    settled: dict[str, Any] = field(default_factory=dict)  # cells of the region the reader did settle
    #: the values the print allows for each unsettled cell (the reader's candidates; empty: unread)
    candidates: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def reading(self, values: tuple[Any, ...]) -> str:
        """A reading as the model sees and writes it: the numbers, one space apart."""
        return " ".join(str(dump_value(v)) for v in values)


# ---------------------------------------------------------------- asking


#: tables the reader may miss whole that a question can cover in a few dozen numbers (表三's 175
#: cells are too many for one question; a report without it goes to review as read)
_WHOLE = {"active": ("active",), "appeals": catalogue.APPEAL_GROUPS}
#: printed text of a whole table shown at most
MAX_TABLE_SOURCE = 400


def questions(doc: Document, reading: Reading) -> list[Question]:
    """One question per region with an unsettled cell, in printed order; then one per small table
    (表二, 表四) the reader did not find at all, with the table's section as the segmenter found it."""
    record = reading.record
    if record is None:
        return []
    template = record.template
    values = to_flat(record)
    doubted = {k for k in reading.doubts if k in catalogue.key_set(template)}
    order = _regions(template)
    out = _row_questions(doc, reading, template, values, doubted, order) if doubted else []
    for table, parts in _WHOLE.items():
        span = _table_span(doc.text, table)
        if getattr(record, parts[0]) is None and span is not None:
            keys = tuple(k for k in catalogue.keys(template) if k.split(".", 1)[0] in parts)
            span = (span[0], min(span[1], span[0] + MAX_TABLE_SOURCE))
            label = "表二（主动公开政府信息情况）全表" if table == "active" else "表四（行政复议、行政诉讼）全表"
            out.append(Question(region=f"table:{table}", keys=keys, label=label,
                                columns=tuple(_column_name(k) for k in keys), source=doc.text[span[0]:span[1]].strip(),
                                span=span))
    return out


def _column_name(key: str) -> str:
    f = catalogue.field(key)
    return f"{f.row}·{f.column}"


def _row_questions(doc: Document, reading: Reading, template: catalogue.Template, values: dict[str, Any], doubted: set[str],
                   order: tuple[str, ...]) -> list[Question]:
    out = []
    for i, region in enumerate(order):
        keys = _keys(template, region)
        if not doubted.intersection(keys):
            continue
        settled = {k: values[k] for k in keys if k not in doubted and values[k] is not None}
        span = _window(doc, reading, template, order, i)
        source = doc.text[span[0]:span[1]].strip() if span else ""
        own = _extent(reading, template, region)
        pools = {k: tuple(reading.doubts[k].candidates) for k in keys if k in doubted}
        choices = _choices(template, keys, settled, reading.doubts, doc.text[own[0]:own[1]]) if own else ()
        out.append(Question(
            region=region, keys=keys, label=_label(region, keys), columns=tuple(catalogue.field(k).column for k in keys),
            source=source, span=span, choices=choices, settled=settled,
            candidates={k: c for k, c in pools.items() if c}))
    return out


def _regions(template: catalogue.Template) -> tuple[str, ...]:
    """Every region of the format, in printed order: 表二 items, 表三 rows, 表四 groups."""
    return (tuple(f"active.{r}" for r in catalogue.printed_rows(template, "active"))
            + tuple(f"requests.{r}" for r in catalogue.printed_rows(template, "requests"))
            + catalogue.APPEAL_GROUPS)


def _keys(template: catalogue.Template, region: str) -> tuple[str, ...]:
    return tuple(k for k in catalogue.keys(template) if k.rsplit(".", 1)[0] == region)


def _label(region: str, keys: tuple[str, ...]) -> str:
    f = catalogue.field(keys[0])
    return f.row if region.startswith(("active.", "requests.")) else f"表四 {f.row}"


def _inside(template: catalogue.Template, keys: tuple[str, ...]) -> list[Identity]:
    own = set(keys)
    return [i for i in identities(template) if own.issuperset(i.keys)]


def _choices(template: catalogue.Template, keys: tuple[str, ...], settled: dict[str, Any], doubts: dict[str, Doubt],
             cells: str) -> tuple[tuple[Any, ...], ...]:
    """The region's readings the print allows, when every unsettled cell has candidates and they
    are few: combinations of the cells' candidates (settled cells fixed) that keep the row's own
    identities and whose digits, in order, are exactly those printed in its cells; else ()."""
    open_keys = [k for k in keys if k not in settled]
    pools = [doubts[k].candidates if k in doubts else [] for k in open_keys]
    if not all(pools) or _product_size(pools) > 4096:
        return ()
    printed = _digit_text(cells)
    out = []
    inside = _inside(template, keys)
    for combo in itertools.product(*pools):
        values = {**settled, **dict(zip(open_keys, combo))}
        row = tuple(values[k] for k in keys)
        if not _same_digits("".join(_digits(v) for v in row), printed):
            continue  # not a cut of what is printed: the candidates of different cells do not join up
        if all((s := i.sides(values.get)) is None or s[0] == s[1] for i in inside):
            out.append(row)
    return tuple(out) if 1 < len(out) <= MAX_CHOICES else ()


def _product_size(pools: list[list[Any]]) -> int:
    n = 1
    for p in pools:
        n *= len(p)
    return n


def _extent(reading: Reading, template: catalogue.Template, region: str) -> tuple[int, int] | None:
    """From the first to the last character of a region's cells, where the reader placed them."""
    spans = [(p.start, p.end) for k in _keys(template, region)
             if (p := reading.provenance.get(k)) is not None and p.start is not None and p.end is not None]
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None


def _window(doc: Document, reading: Reading, template: catalogue.Template, order: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """Where region `order[i]` is printed: its own cells, from the end of the region printed
    before it (its label lies in between); for a region the reader did not find, the gap between
    the regions found around it. None when nothing locates it."""
    table = _table_of(order[i])
    same = [j for j, r in enumerate(order) if _table_of(r) == table]
    before = next((e for j in reversed(same) if j < i and (e := _extent(reading, template, order[j]))), None)
    after = next((e for j in same if j > i and (e := _extent(reading, template, order[j]))), None)
    own = _extent(reading, template, order[i])
    bounds = _table_span(doc.text, table)
    if own is not None:
        start = before[1] if before is not None and own[0] - before[1] <= MAX_SOURCE else max(0, own[0] - 60)
        return start, own[1]
    lo = before[1] if before is not None else (bounds[0] if bounds else None)
    hi = after[0] if after is not None else (bounds[1] if bounds else None)
    if lo is None or hi is None or hi <= lo:
        return None
    return lo, min(hi, lo + MAX_SOURCE)


def _table_of(region: str) -> str:
    return region.split(".", 1)[0] if region.startswith(("active.", "requests.")) else "appeals"


def _table_span(text: str, table: str) -> tuple[int, int] | None:
    seg = find_tables(text)
    return {"active": seg.table2, "requests": seg.table3, "appeals": seg.table4}[table]


def render(qs: list[Question]) -> str:
    """The numbered questions, as the user message lists them."""
    lines = []
    for n, q in enumerate(qs, 1):
        limit = MAX_TABLE_SOURCE if q.region.startswith("table:") else MAX_SOURCE
        line = f"q{n}. 行：{q.label}；列：{'、'.join(q.columns)}；原文：“{_squeeze(q.source, limit) or '（未找到）'}”"
        if q.choices:
            line += "；可选读法（只能选一个）：" + " | ".join(f"“{q.reading(c)}”" for c in q.choices)
        lines.append(line)
    return "\n".join(lines)


def _squeeze(text: str, limit: int = MAX_SOURCE) -> str:
    """Line breaks as spaces (runs of spaces kept: in aligned text a wide gap is a blank cell)."""
    return " ".join(text.replace("\r", "").split("\n"))[:limit]


def answer_model(qs: list[Question]) -> type[BaseModel]:
    """The reply schema: q1 … qN, each one of its choices or exactly as many numbers as cells."""
    fields: dict[str, Any] = {}
    for n, q in enumerate(qs, 1):
        if q.choices:
            options = tuple(dict.fromkeys(q.reading(c) for c in q.choices))
            fields[f"q{n}"] = (Literal[options], Field(description=f"{q.label}：可选读法之一"))
        else:
            fields[f"q{n}"] = (_numbers(q.keys), Field(description=f"{q.label}：{'、'.join(q.columns)}"))
    return create_model("Answers", __config__=ConfigDict(extra="forbid"), **fields)


def _numbers(keys: tuple[str, ...]) -> Any:
    n = len(keys)
    if any(catalogue.field(k).type == "decimal" for k in keys):
        item: Any = float
    elif any(catalogue.field(k).signed for k in keys):
        item = int
    else:
        item = Annotated[int, Field(ge=0)]
    return Annotated[list[item], Field(min_length=n, max_length=n)]


def parse(qs: list[Question], reply: BaseModel) -> dict[str, tuple[Any, ...]]:
    """Region → the values the model answered (amounts as Decimal); a malformed answer is left out."""
    out: dict[str, tuple[Any, ...]] = {}
    for n, q in enumerate(qs, 1):
        raw = getattr(reply, f"q{n}")
        parts = raw.split() if isinstance(raw, str) else list(raw)
        try:
            values = tuple(_value(k, p) for k, p in zip(q.keys, parts))
        except (InvalidOperation, ValueError):
            continue
        if len(values) == len(q.keys) and None not in values:
            out[q.region] = values
    return out


def _value(key: str, raw: Any) -> Any:
    number = Decimal(str(raw))
    f = catalogue.field(key)
    if f.type == "decimal":
        return number if number >= 0 else None
    if number != number.to_integral_value() or (number < 0 and not f.signed):
        return None
    return int(number)


# ---------------------------------------------------------------- checking


@dataclass
class Verdict:
    """What an answer did: settled its cells (`model`), or not, and why."""

    region: str
    state: str  # "model" (checked), "refused" (breaks an identity), "unchecked" (nothing checks it)
    why: str


def settle(reading: Reading, qs: list[Question], answers: dict[str, tuple[Any, ...]]) -> tuple[Reading, list[Verdict]]:
    """The reader's reading with the answers that identities check written in; every other answer
    becomes the first candidate of its cells' doubts, which stay."""
    record = reading.record
    assert record is not None
    template = record.template
    values = to_flat(record)
    reader = {k for k, v in values.items() if v is not None}  # what the reader itself settled
    by_region = {q.region: q for q in qs}
    trial = dict(values)  # the reader's cells with the answers that may settle theirs, checked together
    verdicts: dict[str, Verdict] = {}
    for region, vals in answers.items():
        q = by_region[region]
        verdict = _screen(q, vals)
        if verdict is None and region.startswith("table:"):
            # a table the reader did not find: no cell of it was read, nothing ties the answer down
            verdict = Verdict(region, "unchecked", "the reader found no cell of this table to check it against")
        if verdict is not None:
            verdicts[region] = verdict
        else:
            trial.update(zip(q.keys, vals))
    for region in [r for r in answers if r not in verdicts]:
        q = by_region[region]
        own = set(q.keys)
        touching = [i for i in identities(template) if own & set(i.keys)]
        broken = [i.id for i in touching if (s := i.sides(trial.get)) is not None and s[0] != s[1]]
        if broken:
            verdicts[region] = Verdict(region, "refused", f"breaks {', '.join(broken)}")
            continue
        # a cell is checked by an identity that holds with every cell known and a cell the reader read
        checked = {k for i in touching if i.sides(trial.get) is not None and (set(i.keys) - own) & reader
                   for k in own.intersection(i.keys)}
        if all(k in checked or k in q.settled for k in q.keys):
            verdicts[region] = Verdict(region, "model", "every identity it takes part in holds")
        else:
            verdicts[region] = Verdict(region, "unchecked", "no identity ties it to a cell the reader read")
    return _apply(reading, by_region, answers, verdicts), list(verdicts.values())


def _screen(q: Question, values: tuple[Any, ...]) -> Verdict | None:
    """A verdict an answer gets before any identity is tried, or None when identities decide."""
    clash = [k for k, v in zip(q.keys, values) if k in q.settled and v != q.settled[k]]
    if clash:
        return Verdict(q.region, "refused", f"disagrees with cells the reader read: {', '.join(clash)}")
    if q.candidates:
        # the reader's readings all keep every identity: nothing can tell the model's pick apart
        fits = all(dump_value(v) in q.candidates.get(k, (dump_value(v),)) for k, v in zip(q.keys, values))
        return (Verdict(q.region, "unchecked", "a pick among readings the print and the identities all allow")
                if fits else Verdict(q.region, "refused", "not a reading the print allows"))
    if not _printed(values, q.source):
        return Verdict(q.region, "refused", "a number in the answer is not in the printed text")
    return None


def _printed(values: tuple[Any, ...], source: str) -> bool:
    """Every non-zero number of the answer appears in the printed text (its digits, in order)."""
    digits = _digit_text(source)
    return all(_digits(v) in digits for v in values if v)


def _same_digits(a: str, b: str) -> bool:
    """Equal digit texts, an amount's trailing zeros aside (2059.209 is printed 2059.2090)."""
    return a == b or ("." in a and "." in b and a.rstrip("0") == b.rstrip("0"))


def _digit_text(source: str) -> str:
    """The digits (and decimal points) of a printed text, in order, nothing else."""
    return "".join(ch for ch in source.translate(_FULLWIDTH) if ch.isdigit() or ch == ".")


def _digits(v: Any) -> str:
    if isinstance(v, Decimal):
        text = format(abs(v).normalize(), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(abs(v))


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _apply(reading: Reading, by_region: dict[str, Question], answers: dict[str, tuple[Any, ...]],
           verdicts: dict[str, Verdict]) -> Reading:
    record = reading.record
    if record is None:
        raise ValueError("no record to settle questions in: the reader read none")
    values = to_flat(record)
    doubts = dict(reading.doubts)
    provenance = dict(reading.provenance)
    engines = dict(reading.cell_engines)
    for region, verdict in verdicts.items():
        q = by_region[region]
        for key, value in zip(q.keys, answers[region]):
            if key in q.settled:
                continue
            if verdict.state == "model":
                values[key] = value
                doubts.pop(key, None)
                engines[key] = "model"
                if q.span is not None:
                    provenance[key] = Provenance(start=q.span[0], end=q.span[1])
                continue
            old = doubts.get(key) or Doubt(reason="unread")
            shown = dump_value(value)
            rest = [c for c in old.candidates if c != shown]
            doubts[key] = Doubt(
                reason="model_refused" if verdict.state == "refused" else "model_unchecked", candidates=[shown, *rest],
                detail=f"the reader was unsure ({old.reason}); the model answered {shown}: {verdict.why}")
    present = [t for t in ("active", "requests", *catalogue.APPEAL_GROUPS) if getattr(record, t) is not None]
    for region in verdicts:  # a table only the model found is present now, its cells all open
        if region.startswith("table:"):
            present.extend(_WHOLE[region.split(":", 1)[1]])
    new = from_flat(record.template, values, organ=record.organ, year=record.year, printed=record.printed,
                    present=present)
    if any(v.state == "model" for v in verdicts.values()):
        for key, v in to_flat(new).items():
            if v is not None and key not in engines:
                engines[key] = "layout"
    return reading.model_copy(update={"record": new, "doubts": doubts, "provenance": provenance,
                                      "cell_engines": engines})


__all__ = ["MAX_CHOICES", "Question", "Verdict", "answer_model", "parse", "questions", "render", "settle"]
