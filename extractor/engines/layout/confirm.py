"""Digits the OCR was unsure of, confirmed by an identity that pins them down.

A scan's recogniser reports a confidence per cell; a digit read below `LOW_CONFIDENCE` is a doubt.
When an identity holds every other cell of its own as read with confidence, it fixes the doubted
cell's value: if that is the digit the recogniser read, two independent witnesses agree and the
cell is settled (its evidence names the identity). A value the identity implies but the print
does not show is never taken: the cell stays a doubt with the read digit as its candidate. The one
exception is a digit the recogniser was unsure of: its runner-up (1 for 7, 8 for 3, a candidate after
the read one) is a reading of the print too, and the identity may pin it instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...identities import Identity, touching
from .rowread import TableRead


#: doubts an identity may lift: the digit was read, but the recogniser was unsure of it, two
#: reads of it differed, a stray mark stood beside it (`¥0`), or a letter stood for a digit
#: (`4O`: its candidate, the digits it shows, is what the identity must require), or a mark no
#: reader knows was printed a space after it (`27 △`: likewise its number)
WEAK = frozenset({"low_confidence", "ocr_disagreement", "ocr_noise", "ocr_letter", "unknown_mark", "dash_or_one"})
#: weak doubts whose read is no number: their one candidate is what the identity must require
_SHOWN_AS_CANDIDATE = frozenset({"ocr_letter", "unknown_mark"})


def _implied(ident: Identity, key: str, value: dict[str, Any]) -> Any:
    """The value `key` must have for `ident` to hold, given every other cell; None when one is unsettled."""
    others = [k for k in ident.keys if k != key]
    if key not in ident.keys or any(value.get(k) is None for k in others) or ident.keys.count(key) != 1:
        return None
    parts = sum(value[k] for k in ident.parts if k != key)
    totals = sum(value[k] for k in ident.totals if k != key)
    return totals - parts if key in ident.parts else parts - totals


def confirm_weak(out: TableRead, template: str) -> None:
    """Settle the table's low-confidence cells that an identity confirms, until none is left to."""
    shown = {k: (out.reads[k].value if out.reads[k].value is not None
                 else d.candidates[0] if d.reason in _SHOWN_AS_CANDIDATE and len(d.candidates) == 1
                 else d.candidates[0] if d.reason == "dash_or_one" else None)
             for k, d in out.doubts.items() if d.reason in WEAK and k in out.reads}
    weak = {k for k, v in shown.items() if v is not None}
    # the recogniser's runner-up readings of an unsure digit (`cellvalue._scan_doubt`)
    # (and a lone `一`'s other reading, a dash: 0)
    runner_up = {k: out.doubts[k].candidates[1:] for k in weak if out.doubts[k].reason in ("low_confidence", "dash_or_one")}
    if not weak:
        return
    by_key = touching(template)
    settled = {k: r.value for k, r in out.reads.items() if k not in out.doubts}
    changed = True
    while changed:
        changed = False
        for key in sorted(weak):
            read_as = shown[key]
            idents = by_key.get(key, ())
            if out.doubts[key].reason == "dash_or_one":
                # 1 or a dash: two identities at least must tell, and every one that can the same
                # (one alone may be a total the print gets wrong, `row_total` of a broken row)
                told = [v for v in (_implied(i, key, settled) for i in idents) if v is not None]
                if len(told) < 2 or len(set(told)) > 1:
                    continue
            for ident in idents:
                implied = _implied(ident, key, settled)
                if implied is None or (implied != read_as and implied not in runner_up.get(key, ())):
                    continue
                read = out.reads[key]
                detail = out.doubts[key].detail
                if out.doubts[key].reason == "dash_or_one":
                    detail += f"; {ident.id} requires {implied}"
                elif implied != read_as:
                    detail += f"; the recogniser's runner-up reading {implied} is the one {ident.id} requires"
                evidence = [*(read.evidence or []), {"kind": "identity", "rule": ident.id, "detail": detail}]
                out.reads[key] = replace(read, value=implied, evidence=evidence)
                settled[key] = implied
                del out.doubts[key]
                weak.discard(key)
                changed = True
                break
    # (letters only: a digit the recogniser was unsure of needs an identity whose other cells are sure)
    _confirm_together(out, by_key, settled, {k: shown[k] for k in weak if out.doubts[k].reason == "ocr_letter"})


def _confirm_together(out: TableRead, by_key: dict[str, Any], settled: dict[str, Any], shown: dict[str, Any]) -> None:
    """Letters read for digits that no identity pins alone (two in one 表三 row, `l2 … O`), settled
    together: a cell whose every identity, two of them at least (its row's total and its column's
    balance), holds with the weak cells it names read as they print (their candidates) and every
    other cell settled; a weak cell kept only while its own identities hold so (the largest such
    set). A wrong reading would need another wrong one in each of its identities to hide it."""
    keep = set(shown)
    changed = True
    while changed and keep:
        changed = False
        value = {**settled, **{k: shown[k] for k in keep}}
        for key in sorted(keep):
            idents = by_key.get(key, ())
            ok = len(idents) >= 2
            for ident in idents if ok else ():
                sides = ident.sides(value.get)
                if sides is None or sides[0] != sides[1]:
                    ok = False
                    break
            if not ok:
                keep.discard(key)
                changed = True
    for key in sorted(keep):
        read = out.reads[key]
        idents = by_key.get(key, ())
        detail = (f"{out.doubts[key].detail}; read {shown[key]} as printed, which "
                  f"{', '.join(i.id for i in idents)} hold with")
        out.reads[key] = replace(read, value=shown[key], evidence=[
            *(read.evidence or []), *({"kind": "identity", "rule": i.id, "detail": detail} for i in idents)])
        del out.doubts[key]


__all__ = ["confirm_weak"]
