"""What a printed cell is worth for a cell key: a count, a signed 本年增/减, an amount in 万元.

`cell_read` reads one cell (a blank is 0, kept as printed; anything else unreadable is a doubt);
`part_value` reads a number cut from a run of digits, for the solver.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ... import catalogue
from ...document import LOW_CONFIDENCE
from ...identities import touching
from ..base import Doubt
from ._cells import _MEASURE, Cell, parse_number
from .solve import Read


_DECIMAL = {f.key for f in catalogue.fields() if f.type == "decimal"}
_SIGNED = {f.key for f in catalogue.fields() if f.signed}
#: cells some identity checks (表三, 表四): a misread there breaks a sum; 表二's cells have none
_CHECKED = frozenset(touching("2019")) | frozenset(touching("2021"))


def zero(key: str) -> Any:
    return Decimal(0) if key in _DECIMAL else 0


def _value(key: str, n: Decimal) -> tuple[Any, str | None]:
    """The schema value of a number for a key, or a reason it cannot be one."""
    if key in _DECIMAL:
        return (n if n >= 0 else None), (None if n >= 0 else "negative")
    if n != n.to_integral_value():
        return None, "not_a_count"
    if n < 0 and key not in _SIGNED:
        return None, "negative"
    return int(n), None


def cell_read(key: str, cell: Cell) -> tuple[Read, Doubt | None]:
    """Read one cell for a key: blanks are 0 (printed kept); anything unreadable is a doubt."""
    if cell.kind == "blank":
        read, doubt = Read(zero(key), cell.text, cell.start, cell.end, cell.locator), None
    elif cell.dash_or_one:
        # (`cnnum.numeral_cells`): 1 first, the count the numeral writes; an identity may pick either
        return Read(None, cell.text, cell.start, cell.end, cell.locator), Doubt(
            reason="dash_or_one", candidates=[json_value(v) for v in (_value(key, Decimal(1))[0], zero(key))],
            detail=f"a lone {cell.text.strip()!r} among counts in digits and Chinese numerals: the count 1, "
                   "or a dash typed with the numeral key (0)?")
    else:
        value, printed, doubt = _interpret(key, cell.text)
        read = Read(value, printed, cell.start, cell.end, cell.locator)
        if doubt is not None and cell.confidence is not None:
            return _noisy_scan(key, cell, read, doubt)
    if doubt is None and cell.confidence is not None:
        doubt = _scan_doubt(key, cell, read)
    return read, doubt


#: letters an OCR makes of digits (l/I for 1, O/o for 0, S for 5, B for 8, Z for 2, g for 9): a
#: cell holding one is not "digits plus noise", its digits alone may lose one
_DIGIT_LIKE = re.compile(r"[lIOoSBZgqD]")
#: what a scan's specks and stray marks read as, beside a cell's digits
_NOISE = re.compile(r"[^0-9.,\-+]")


def _noisy_scan(key: str, cell: Cell, read: Read, doubt: Doubt) -> tuple[Read, Doubt]:
    """A scanned cell read as digits with a stray mark (`¥0`, `3！`): its digits are the candidate
    (kept in the read, for an identity to confirm), the cell a doubt. Without digits, or with a
    letter that may be a misread digit, it stays unreadable with no candidate."""
    text = cell.text.strip()
    digits = _NOISE.sub("", text)
    if not digits or _DIGIT_LIKE.search(text):
        if doubt.reason == "ocr_letter":
            # a scan's letter for a digit has its own confidence and reads (`_scan_doubt`): no
            # candidate from the text alone
            return read, Doubt(reason="unreadable", detail=f"not a number: {cell.text!r}")
        return read, doubt
    value, _, problem = _interpret(key, digits)
    if problem is not None:
        return read, doubt
    return (Read(value, text, cell.start, cell.end, cell.locator),
            Doubt(reason="ocr_noise", candidates=[json_value(value)],
                  detail=f"OCR read {text!r}: the digits {digits} beside a mark no number has"))


def _scan_doubt(key: str, cell: Cell, read: Read) -> Doubt | None:
    """A cell read from a scan is a doubt unless the recogniser was sure and, where no identity
    can check it (表二), two reads of it agree: a scan's confident misread is a silent error."""
    candidates = [] if read.value is None else [json_value(read.value)]
    if cell.confidence is not None and cell.confidence < LOW_CONFIDENCE:
        # the recogniser's runner-up for an unsure digit (1/7, 3/8 …) is a candidate too, after the read
        for alt in cell.alternatives:
            value = _interpret(key, alt)[0]
            if value is not None and json_value(value) not in candidates:
                candidates.append(json_value(value))
        return Doubt(reason="low_confidence", detail=f"OCR confidence {cell.confidence:.2f} for {cell.text!r}",
                     candidates=candidates)
    if cell.kind != "num":
        return None
    if cell.agreed is False:
        return Doubt(reason="ocr_disagreement", candidates=candidates,
                     detail=f"two OCR reads of the cell differ (kept {cell.text!r}): a digit or a sign may be lost")
    signed = key in _SIGNED and read.value is not None and read.value != 0
    if signed and cell.sign is not None and (cell.sign == "-") != (read.value < 0):
        # the pixels left of the digits and the reads disagree on the sign: a minus the reads lost,
        # or one they saw in a speck
        seen = {"-": "a minus", "+": "a plus", "": "nothing"}[cell.sign]
        return Doubt(reason="ocr_disagreement", candidates=[json_value(read.value), json_value(-read.value)],
                     detail=f"OCR read {cell.text!r}, but the cell shows {seen} before the digits")
    if cell.agreed is None and key not in _CHECKED:
        if signed and read.value > 0 and cell.sign is None:
            candidates.append(json_value(-read.value))  # its sign is no surer than its digits
        return Doubt(reason="unconfirmed_scan", candidates=candidates,
                     detail=f"OCR read {cell.text!r} once, and no identity checks this cell")
    if signed and key not in _CHECKED and read.value > 0 and cell.sign is None:
        # a minus sign is a short thin stroke both reads can lose together (-14 read as 14 twice),
        # and no identity checks 本年增/减: a positive one may have been printed negative, unless
        # the cell's pixels show nothing or a plus before its digits (`SourceCell.sign`; a minus
        # both reads saw is kept)
        return Doubt(reason="unconfirmed_scan", candidates=[json_value(read.value), json_value(-read.value)],
                     detail=f"OCR read {cell.text!r}; a scan's minus sign is easily lost, the cell's pixels "
                            "do not settle it, and no identity checks this cell")
    return None


#: a number an OCR printed with letters for some digits (O/o for 0, l/I for 1)
#: (its measure word or unit kept: `1O个`)
_OCR_WORD = re.compile(r"[+\-]?[0-9OolI]+(?:\.[0-9OolI]+)?(?:" + _MEASURE + "|万元|元)?")
_OCR_DIGITS = str.maketrans("OolI", "0011")
#: a number in brackets standing as a cell (`_cells._accounting`)
_BRACKETED = re.compile(r"[（(]([0-9]+)[）)]")
#: a date a spreadsheet cell holds, as the loader writes it (`load/_sheets.date_text`): its month and day
_DATE = re.compile(r"=DATE\(\d{1,4},(\d{1,2}),(\d{1,2})\)")
#: a number and, a space after it, one mark no reader knows (`_cells._marked_numbers`)
_MARKED = re.compile(r"([+\-]?[0-9０-９][0-9０-９,，.．]*) (\S)")
#: a number after a dash or the CJK one, as one cell (`ocrtext.dash_minus`)
_DASHED = re.compile(r"[—–一]([0-9]+)")


@lru_cache(maxsize=16384)
def _interpret(key: str, text: str) -> tuple[Any, str | None, Doubt | None]:
    """A number cell's value for a key, its printed text when not plain, or why it is no value."""
    num = parse_number(text)
    if num is None:
        if (m := _BRACKETED.fullmatch(text.strip())) is not None:
            # `(14)`: an accountant's decrease, or a note's number: the print does not say which,
            # so the cell is a doubt whose candidates are both readings the key allows
            n = Decimal(m.group(1))
            values = [v for v in (_value(key, -n)[0], _value(key, n)[0]) if v is not None]
            return None, text, Doubt(reason="bracketed_number", candidates=[json_value(v) for v in values],
                                     detail=f"a number in brackets: {text!r} (a decrease, or a note?)")
        if (m := _DASHED.fullmatch(text.strip())) is not None:
            # `—12`, `一12` (`ocrtext.dash_minus`): a minus read as a dash or the CJK one, or a
            # blank's mark against the number: both readings the key allows are the candidates
            n = Decimal(m.group(1))
            values = [v for v in (_value(key, -n)[0], _value(key, n)[0]) if v is not None]
            return None, text, Doubt(reason="ocr_letter", candidates=[json_value(v) for v in values],
                                     detail=f"a dash or 一 before the digits: {text!r} (a minus, or a blank's mark?)")
        if (m := _DATE.fullmatch(text.strip())) is not None:
            # a count typed as `3-12` or `3/12` that a spreadsheet stored as a date (`load/_sheets.
            # date_text`): the number is not in the file; the readings the print allows are its
            # month and its day, the candidates, never the value
            values = [v for v in dict.fromkeys(_value(key, Decimal(int(g)))[0] for g in m.groups()) if v is not None]
            return None, text, Doubt(reason="unreadable", candidates=[json_value(v) for v in values],
                                     detail=f"a date where a number belongs: {text!r} (a count typed as month-day, "
                                            "stored as a date: the month or the day?)")
        if (m := _MARKED.fullmatch(text.strip())) is not None and (num := parse_number(m.group(1))) is not None:
            # `27 △` (`_cells._marked_numbers`): a mark no reader knows after the number (a note?
            # a flag? a digit misprinted?): the number is the candidate, never the value
            value = _value(key, num.value)[0]
            return None, text, Doubt(reason="unknown_mark", candidates=[] if value is None else [json_value(value)],
                                     detail=f"a mark the reader does not know after the number: {text!r}")
        if _OCR_WORD.fullmatch(text.strip()):
            # `4O`, `2l`: the digits an OCR read as letters are the candidate, never the value
            read = parse_number(text.strip().translate(_OCR_DIGITS))
            value = None if read is None else _value(key, read.value)[0]
            return None, text, Doubt(reason="ocr_letter", candidates=[] if value is None else [json_value(value)],
                                     detail=f"a letter among the digits (OCR?): {text!r}")
        return None, text, Doubt(reason="unreadable", detail=f"not a number: {text!r}")
    value, problem = _value(key, num.value)
    if problem:
        return None, text, Doubt(reason="unreadable", detail=f"{problem}: printed {text!r}")
    return value, (None if num.plain else text.strip()), None


@lru_cache(maxsize=16384)
def part_value(key: str, digits: str, sign: str) -> Any:
    """The value of a number cut from a run (`digits`, its printed sign) for a key; None when
    the key cannot hold it (a point in a count, a negative count)."""
    value, problem = _value(key, Decimal(digits) if sign != "-" else -Decimal(digits))
    return None if problem else value


def json_value(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v
