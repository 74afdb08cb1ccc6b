"""Binary Word 97–2003 (`.doc`, and WPS's `.wps` in that format) to paragraphs and table rows.

The document's text lives in the `WordDocument` stream as pieces ([MS-DOC] 2.4.1): the FIB
names the table stream (`0Table`/`1Table`, `fWhichTblStm`) and, in it, the CLX whose piece
table (`PlcPcd`) says where each run of characters is stored, as 8-bit text (`fCompressed`,
cp1252) or UTF-16LE. Table cells end with \\x07; which \\x07 ends a row (and which paragraph is
inside a table) is a paragraph property, read from the paragraph FKPs (`PlcBtePapx` →
`PapxFkp`): `sprmPFInTable`, `sprmPFTtp`, and the row's cell edges and merges from
`sprmTDefTable`. Fields (\\x13 code \\x14 result \\x15) keep their result. Text Word does not
show is not read: tracked deletions (`sprmCFRMarkDel`) and hidden text (`sprmCFVanish`), from the
character FKPs (`PlcBteChpx` → `ChpxFkp`) and the pieces' own modifiers (`Prm`, fast saves);
tracked insertions (`sprmCFRMarkIns`) are the current text and are read. Only the main document
(the first `ccpText` characters) is read: footnotes, headers, comments, endnotes and text boxes
follow it in the text and are not. Every count and offset is checked against the stream it points
into, so hostile input ends in `DocError`.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Iterator

from . import limits
from ._rtf import CellDef, Row

_WORD_IDENT = 0xA5EC
#: nFib of Word 97 and later (Word 6/95 files, nFib 101–105, keep their text another way)
_NFIB_97 = 0xC0
_FKP = 512

# paragraph and table sprms ([MS-DOC] 2.6.2, 2.6.3)
_IN_TABLE, _TTP, _ITAP, _INNER_CELL, _INNER_TTP, _TDEF_TABLE = 0x2416, 0x2417, 0x6649, 0x244B, 0x244C, 0xD608
_CHG_TABS = 0xC615
# character sprms ([MS-DOC] 2.6.1): a tracked deletion, a tracked insertion, hidden text
_RMARK_DEL, _RMARK_INS, _VANISH = 0x0800, 0x0801, 0x083C
#: sprmPFInTable and sprmPFTtp as a piece's Prm0 names them (Word 6's sprms 24 and 25)
_PRM0_PARA = {0x18: _IN_TABLE, 0x19: _TTP}
#: the same three as a piece's Prm0 names them: its isprm ([MS-DOC] Prm0), the sprm's Word 6 number
#: (sprmCFStrikeRM 65, sprmCFRMark 66, sprmCFVanish 92; 0x5A is sprmCFSmallCaps)
_PRM0 = {0x41: _RMARK_DEL, 0x42: _RMARK_INS, 0x5C: _VANISH}

#: bytes 0x80–0x9F of an 8-bit piece ([MS-DOC] 2.4.1, "compressed" text): cp1252's characters,
#: and the C1 code itself where cp1252 has none
_SPECIAL = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


class DocError(Exception):
    """The file is not a Word 97–2003 document this reader can read (the reason)."""


@dataclass
class Piece:
    cp0: int
    cp1: int
    fc: int  # byte offset of cp0 in WordDocument
    compressed: bool
    #: the piece's own modifier (Prm) on its characters: deleted / hidden set (True), cleared
    #: (False) or left to the character FKPs (None)
    deleted: bool | None = None
    hidden: bool | None = None
    #: the Prm's sprms for the paragraphs whose marks the piece holds (over their FKP's), or b""
    para: bytes = b""


@dataclass
class ParaProps:
    in_table: bool = False
    ttp: bool = False
    inner: bool = False  # a nested table's cell or row end (itap > 1)
    defs: list[CellDef] = field(default_factory=list)


@dataclass
class Parsed:
    """The main text as blocks in order: a `str` is a paragraph, a list of `Row`s a table."""

    blocks: list[str | list[Row]] = field(default_factory=list)


def _u16(b: bytes, off: int) -> int:
    if off + 2 > len(b):
        raise DocError("the file information block (FIB) is cut short")
    return int(struct.unpack_from("<H", b, off)[0])


def _u32(b: bytes, off: int) -> int:
    if off + 4 > len(b):
        raise DocError("the file information block (FIB) is cut short")
    return int(struct.unpack_from("<I", b, off)[0])


@dataclass
class Fib:
    table_stream: str
    ccp_text: int
    fc_clx: int
    lcb_clx: int
    fc_papx: int
    lcb_papx: int
    fc_chpx: int = 0
    lcb_chpx: int = 0


def read_fib(word: bytes) -> Fib:
    """The FIB fields this reader needs; refuses encrypted and pre-97 files."""
    if _u16(word, 0) != _WORD_IDENT:
        raise DocError("the WordDocument stream does not start with Word's signature (0xA5EC)")
    nfib = _u16(word, 2)
    flags = _u16(word, 0x0A)
    if flags & 0x0100:
        raise DocError("password-protected (encrypted) Word document: it cannot be read without its password")
    if flags & 0x8000:
        raise DocError("obfuscated (XOR-encrypted) Word document: it cannot be read without its password")
    if nfib < _NFIB_97:
        raise DocError(f"Word 6/95 or older format (nFib {nfib}), not Word 97–2003")
    pos = 32
    csw = _u16(word, pos)
    pos += 2 + 2 * csw
    cslw = _u16(word, pos)
    if cslw < 4:
        raise DocError("the FIB has no character counts (FibRgLw97 too short)")
    ccp_text = _u32(word, pos + 2 + 4 * 3)
    pos += 2 + 4 * cslw
    cb_fc_lcb = _u16(word, pos)
    if cb_fc_lcb < 34:
        raise DocError("the FIB has no piece table location (FibRgFcLcb97 too short)")
    base = pos + 2

    def pair(i: int) -> tuple[int, int]:
        return _u32(word, base + 8 * i), _u32(word, base + 8 * i + 4)

    fc_chpx, lcb_chpx = pair(12)
    fc_papx, lcb_papx = pair(13)
    fc_clx, lcb_clx = pair(33)
    return Fib("1Table" if flags & 0x0200 else "0Table", ccp_text, fc_clx, lcb_clx, fc_papx, lcb_papx,
               fc_chpx, lcb_chpx)


def read_pieces(table: bytes, fib: Fib, word_size: int) -> list[Piece]:
    """The piece table of the CLX: Prc entries skipped, then Pcdt's PlcPcd."""
    end = fib.fc_clx + fib.lcb_clx
    if fib.lcb_clx == 0 or end > len(table):
        raise DocError(f"the piece table (CLX at {fib.fc_clx}, {fib.lcb_clx} bytes) lies outside the table stream")
    pos = fib.fc_clx
    prcs: list[bytes] = []  # Prc: property modifiers, the pieces' Prm1 name them by index
    while pos < end and table[pos] == 0x01:
        if pos + 3 > end:
            raise DocError("the piece table is cut short")
        size = int(struct.unpack_from("<h", table, pos + 1)[0] & 0x7FFF)
        prcs.append(table[pos + 3:min(pos + 3 + size, end)])
        pos += 3 + size
    if pos + 5 > end or table[pos] != 0x02:
        raise DocError("the piece table (CLX) has no Pcdt entry")
    lcb = _u32(table, pos + 1)
    pos += 5
    if lcb < 4 or pos + lcb > end or (lcb - 4) % 12:
        raise DocError(f"the piece table's PlcPcd has an impossible size ({lcb} bytes)")
    n = (lcb - 4) // 12
    if n > limits.MAX_DOC_PIECES:
        raise DocError(f"the piece table has {n} pieces, more than the {limits.MAX_DOC_PIECES} a document may have")
    cps = struct.unpack_from(f"<{n + 1}I", table, pos)
    pieces: list[Piece] = []
    for i in range(n):
        fc_raw = _u32(table, pos + 4 * (n + 1) + 8 * i + 2)
        compressed = bool(fc_raw & 0x40000000)
        fc = (fc_raw & 0x3FFFFFFF) // 2 if compressed else fc_raw & 0x3FFFFFFF
        cp0, cp1 = cps[i], cps[i + 1]
        if cp1 < cp0 or (pieces and cp0 != pieces[-1].cp1):
            raise DocError("the piece table's character positions are not in order")
        if fc + (cp1 - cp0) * (1 if compressed else 2) > word_size:
            raise DocError("a piece of text lies outside the WordDocument stream")
        prm = int(struct.unpack_from("<H", table, pos + 4 * (n + 1) + 8 * i + 6)[0])
        deleted, hidden = _prm(prm, prcs)
        pieces.append(Piece(cp0, cp1, fc, compressed, deleted, hidden, _prm_para(prm, prcs)))
    if not pieces or pieces[0].cp0 != 0:
        raise DocError("the piece table does not start at the document's first character")
    return pieces


def _prm(prm: int, prcs: list[bytes]) -> tuple[bool | None, bool | None]:
    """A piece's Prm as (deleted, hidden): Prm0 one sprm with a byte operand, Prm1 a Prc's grpprl."""
    if prm & 1:
        k = prm >> 1
        return _char_flags(prcs[k]) if k < len(prcs) else (None, None)
    sprm = _PRM0.get((prm >> 1) & 0x7F)
    if sprm is None:
        return None, None
    return _char_flags(struct.pack("<HB", sprm, prm >> 8))


def _prm_para(prm: int, prcs: list[bytes]) -> bytes:
    """A piece's Prm as paragraph sprms (a grpprl; `_props` reads the paragraph's ones)."""
    if prm & 1:
        k = prm >> 1
        return prcs[k] if k < len(prcs) else b""
    sprm = _PRM0_PARA.get((prm >> 1) & 0x7F)
    return b"" if sprm is None else struct.pack("<HB", sprm, prm >> 8)


def _toggle(op: bytes) -> bool:
    """A Bool8/ToggleOperand: 1 on, 0 off; 0x81 (the style's opposite) on and 0x80 (the style's
    value) off, the styles taken as plain (they are not read)."""
    return bool(op) and op[0] in (1, 0x81)


def _char_flags(grpprl: bytes) -> tuple[bool | None, bool | None]:
    """(deleted, hidden) a character grpprl sets, None where it says nothing (the last sprm wins)."""
    deleted = hidden = None
    for sprm, op in _sprms(grpprl):
        if sprm == _RMARK_DEL:
            deleted = _toggle(op)
        elif sprm == _VANISH:
            hidden = _toggle(op)
    return deleted, hidden


def decode_text(word: bytes, pieces: list[Piece], ccp: int) -> str:
    """The characters [0, ccp) of the document from its pieces."""
    if ccp > pieces[-1].cp1:
        raise DocError(f"the document has {ccp} characters but its pieces hold {pieces[-1].cp1}")
    if ccp > limits.MAX_DOC_CHARS:
        raise DocError(f"the document's text has {ccp} characters, more than {limits.MAX_DOC_CHARS}")
    out = []
    for p in pieces:
        if p.cp0 >= ccp:
            break
        n = min(p.cp1, ccp) - p.cp0
        if p.compressed:
            out.append(word[p.fc:p.fc + n].decode("latin-1").translate(_SPECIAL))
        else:
            out.append(word[p.fc:p.fc + 2 * n].decode("utf-16-le", errors="replace"))
    return "".join(out)


def _sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    """A grpprl as (sprm, operand) pairs; an operand running past the end ends the list."""
    out, pos = [], 0
    while pos + 2 <= len(grpprl):
        sprm = int(struct.unpack_from("<H", grpprl, pos)[0])
        pos += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _TDEF_TABLE:
                if pos + 2 > len(grpprl):
                    break
                size = int(struct.unpack_from("<H", grpprl, pos)[0]) - 1
                pos += 2
            else:
                if pos >= len(grpprl):
                    break
                size = grpprl[pos]
                pos += 1
        else:
            size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        if size < 0 or pos + size > len(grpprl):
            break
        out.append((sprm, grpprl[pos:pos + size]))
        pos += size
    return out


def _tdef(op: bytes) -> list[CellDef]:
    """sprmTDefTable's cells: right edges (twips from the row's left edge) and merge marks."""
    if not op:
        return []
    n = op[0]
    if 1 + 2 * (n + 1) > len(op):
        return []
    centers = struct.unpack_from(f"<{n + 1}h", op, 1)
    tcs = op[1 + 2 * (n + 1):]
    defs = []
    for i in range(n):
        hmerge = vmerge = ""
        if 20 * i + 2 <= len(tcs):
            grf = int(struct.unpack_from("<H", tcs, 20 * i)[0])
            h, v = grf & 0x3, (grf >> 5) & 0x3
            hmerge = {1: "first", 2: "cont", 3: "cont"}.get(h, "")
            vmerge = {3: "first", 1: "cont", 2: "cont"}.get(v, "")
        defs.append(CellDef(max(0, centers[i + 1] - centers[0]), hmerge, vmerge))
    return defs


def _props(grpprl: bytes, base: ParaProps | None = None) -> ParaProps:
    """The paragraph properties `grpprl` sets, over `base`'s (not changed) when given."""
    p = ParaProps() if base is None else replace(base, defs=list(base.defs))
    itap = 0
    for sprm, op in _sprms(grpprl):
        if sprm == _IN_TABLE:
            p.in_table = op[0] != 0
        elif sprm == _TTP:
            p.ttp = op[0] != 0
        elif sprm == _ITAP:
            itap = int(struct.unpack_from("<i", op)[0])
        elif sprm in (_INNER_CELL, _INNER_TTP) and op[0]:
            p.inner = True
        elif sprm == _TDEF_TABLE:
            p.defs = _tdef(op)
    if itap > 1:
        p.inner = True
    if itap >= 1:
        p.in_table = True
    return p


def _fkp_runs(word: bytes, table: bytes, fc: int, lcb: int, kind: str, plc: str,
              entry: int) -> Iterator[tuple[int, bytes, int, int, int]]:
    """Each run of the FKP pages a PlcBte lists (`kind` "paragraph properties" or "character
    properties"): (page number, page, fc start, fc end, offset of its properties in the page).
    `entry` is a run's entry size after the fcs (13 for a PapxFkp, 1 for a ChpxFkp). The pages are
    checked to lie in their streams, to be no more than the limit, and to hold what they count."""
    if lcb < 4 or fc + lcb > len(table) or (lcb - 4) % 8:
        raise DocError(f"the {kind} ({plc}) lie outside the table stream")
    n = (lcb - 4) // 8
    if n > limits.MAX_DOC_FKP_PAGES:
        raise DocError(f"{n} pages of {kind}, more than {limits.MAX_DOC_FKP_PAGES}")
    for pn in struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1)):
        off = (pn & 0x3FFFFF) * _FKP
        page = word[off:off + _FKP]
        if len(page) < _FKP:
            raise DocError(f"a page of {kind} lies outside the WordDocument stream")
        crun = page[511]
        if 4 * (crun + 1) + entry * crun > 511:
            raise DocError(f"a page of {kind} holds more runs than fit")
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for i in range(crun):
            yield pn, page, fcs[i], fcs[i + 1], page[4 * (crun + 1) + entry * i] * 2


class ParaIndex:
    """Paragraph properties by the stream offset of a paragraph's mark (the paragraph FKPs)."""

    def __init__(self, word: bytes, table: bytes, fib: Fib):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.props: list[ParaProps] = []
        cache: dict[tuple[int, int], ParaProps] = {}
        for pn, page, start, end, boff in _fkp_runs(word, table, fib.fc_papx, fib.lcb_papx,
                                                     "paragraph properties", "PlcBtePapx", 13):
            if (pn, boff) not in cache:
                cache[(pn, boff)] = self._papx(page, boff)
            self.starts.append(start)
            self.ends.append(end)
            self.props.append(cache[(pn, boff)])
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[i] for i in order]
        self.ends = [self.ends[i] for i in order]
        self.props = [self.props[i] for i in order]

    @staticmethod
    def _papx(page: bytes, off: int) -> ParaProps:
        if off == 0 or off >= 511:
            return ParaProps()
        cb = page[off]
        if cb == 0:
            if off + 1 >= 511:
                return ParaProps()
            start, size = off + 2, 2 * page[off + 1]
        else:
            start, size = off + 1, 2 * cb - 1
        data = page[start:min(start + size, 511)]
        return _props(data[2:])  # after the style index (istd)

    def at(self, fc: int) -> ParaProps:
        i = bisect_right(self.starts, fc) - 1
        if i >= 0 and fc < self.ends[i]:
            return self.props[i]
        return ParaProps()


class CharIndex:
    """The runs of characters Word does not show, by stream offset: [start, end) with whether
    they are a tracked deletion and whether hidden (the character FKPs: `PlcBteChpx` → `ChpxFkp`).
    Runs of plain, bold, inserted … text are not kept."""

    def __init__(self, word: bytes, table: bytes, fib: Fib):
        self.runs: list[tuple[int, int, bool, bool]] = []
        if fib.lcb_chpx == 0:  # no character properties: nothing is marked deleted or hidden
            return
        cache: dict[tuple[int, int], tuple[bool, bool]] = {}
        for pn, page, start, end, boff in _fkp_runs(word, table, fib.fc_chpx, fib.lcb_chpx,
                                                     "character properties", "PlcBteChpx", 1):
            if (pn, boff) not in cache:
                grpprl = page[boff + 1:min(boff + 1 + page[boff], 511)] if 0 < boff < 511 else b""
                deleted, hidden = _char_flags(grpprl)
                cache[(pn, boff)] = (bool(deleted), bool(hidden))
            flags = cache[(pn, boff)]
            if any(flags) and start < end:
                self.runs.append((start, end, *flags))
        self.runs.sort()

    def masks(self, pieces: list[Piece], ccp: int) -> tuple[bytearray | None, bytearray | None]:
        """Per character of the main text: deleted, hidden (1) or not (0); None for none at all."""
        deleted = bytearray(ccp) if any(r[2] for r in self.runs) or any(p.deleted for p in pieces) else None
        hidden = bytearray(ccp) if any(r[3] for r in self.runs) or any(p.hidden for p in pieces) else None
        if deleted is None and hidden is None:
            return None, None
        starts = [r[0] for r in self.runs]
        for p in pieces:
            if p.cp0 >= ccp:
                break
            w = 1 if p.compressed else 2
            cp_end = min(p.cp1, ccp)
            fc0, fc1 = p.fc, p.fc + (cp_end - p.cp0) * w
            k = max(0, bisect_right(starts, fc0) - 1)
            while k < len(self.runs) and self.runs[k][0] < fc1:
                a, b, is_del, is_hid = self.runs[k]
                k += 1
                if b <= fc0:
                    continue
                cpa = p.cp0 + -(-(max(a, fc0) - fc0) // w)
                cpb = p.cp0 + -(-(min(b, fc1) - fc0) // w)
                if cpb > cpa:
                    if is_del and deleted is not None:
                        deleted[cpa:cpb] = b"\x01" * (cpb - cpa)
                    if is_hid and hidden is not None:
                        hidden[cpa:cpb] = b"\x01" * (cpb - cpa)
            for mask, flag in ((deleted, p.deleted), (hidden, p.hidden)):
                if mask is not None and flag is not None:
                    mask[p.cp0:cp_end] = (b"\x01" if flag else b"\x00") * (cp_end - p.cp0)
        return deleted, hidden


def _mark_props(paras: ParaIndex, pieces: list[Piece], cp: int, starts: list[int]) -> ParaProps:
    """The properties of the paragraph whose mark is at `cp`: its FKP's, then its piece's Prm's."""
    p = pieces[bisect_right(starts, cp) - 1]
    props = paras.at(p.fc + (cp - p.cp0) * (1 if p.compressed else 2))
    return _props(p.para, props) if p.para else props


#: characters dropped from the text: picture/object anchors, footnote and annotation marks,
#: the optional hyphen, the zero-width non-joiner Word marks
_DROP = set("\x01\x02\x03\x04\x05\x06\x08\x0e\x0f\x10\x11\x12\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1f")
#: characters read as a space (tab, line break, page/section break) or as a hyphen
_AS = {"\t": " ", "\x0b": " ", "\x0c": " ", "\x1e": "-"}


def structure(text: str, pieces: list[Piece], paras: ParaIndex | None,
              deleted: bytearray | None = None, hidden: bytearray | None = None) -> Parsed:
    """Paragraphs and table rows from the text and each paragraph mark's properties.

    Without paragraph properties (`paras` None) a \\x07 right after a cell's \\x07 is read as the
    row's end, which cannot tell an empty last cell from it. `deleted` and `hidden` mark, per
    character, a tracked deletion and hidden text: such characters are not read; a table row
    whose end mark is deleted is not read at all (Word drops the row when the change is
    accepted); a paragraph or cell mark deleted or hidden still ends its paragraph or cell (its
    text is not joined to the next one, which could be a table cell), and an empty paragraph
    whose mark is deleted or hidden is left out. Field marks are read even when deleted or hidden,
    so a field deleted whole leaves nothing and the fields around it stay paired."""
    out = Parsed()
    starts = [p.cp0 for p in pieces]
    cur: list[str] = []
    cell_parts: list[str] = []
    row_cells: list[str] = []
    rows: list[Row] = []
    field_stack: list[bool] = []  # per open field: still in its code (before \x14)
    in_code = 0
    too_deep = 0  # fields opened past MAX_DOC_FIELD_DEPTH: their \x14 and \x15 are theirs
    last_mark = ""
    gone: bytearray | None = None
    if deleted is not None and hidden is not None:
        gone = bytearray((int.from_bytes(deleted, "little") | int.from_bytes(hidden, "little"))
                         .to_bytes(len(deleted), "little"))
    else:
        gone = deleted if deleted is not None else hidden

    def end_table() -> None:
        nonlocal rows, row_cells, cell_parts
        if cell_parts:
            row_cells.append("\n".join(cell_parts))
            cell_parts = []
        if row_cells:
            rows.append(Row(row_cells, []))
            row_cells = []
        if rows:
            out.blocks.append(rows)
            rows = []

    for cp, ch in enumerate(text):
        if ch == "\x13":
            if len(field_stack) < limits.MAX_DOC_FIELD_DEPTH:
                field_stack.append(True)
                in_code += 1
            else:
                too_deep += 1
            continue
        if ch == "\x14":
            if too_deep:
                continue
            if field_stack and field_stack[-1]:
                field_stack[-1] = False
                in_code -= 1
            continue
        if ch == "\x15":
            if too_deep:
                too_deep -= 1
            elif field_stack:
                in_code -= field_stack.pop()
            continue
        if ch not in "\r\x07":
            if not in_code and ch not in _DROP and not (gone is not None and gone[cp]):
                cur.append(_AS.get(ch, ch))
            continue
        para = "".join(cur).strip()
        cur = []
        props = _mark_props(paras, pieces, cp, starts) if paras is not None else None
        if ch == "\x07":
            row_end = props.ttp if props is not None else (last_mark == "\x07" and not para)
            if props is not None and props.inner:
                cell_parts.append(para)
            elif row_end and deleted is not None and deleted[cp]:  # a deleted row
                row_cells = []
                cell_parts = []
                last_mark = ""
                continue
            elif row_end:
                if cell_parts:  # text before the row mark with no cell mark of its own
                    row_cells.append("\n".join(cell_parts))
                    cell_parts = []
                rows.append(Row(row_cells, props.defs if props is not None else []))
                row_cells = []
                last_mark = ""
                continue
            else:
                cell_parts.append(para)
                row_cells.append("\n".join(p for p in cell_parts if p))
                cell_parts = []
        else:
            in_table = props.in_table if props is not None else bool(row_cells or cell_parts)
            if in_table:
                if not (props is not None and props.inner and props.ttp):
                    cell_parts.append(para)
            else:
                end_table()
                if para or gone is None or not gone[cp]:  # an empty paragraph Word does not show is left out
                    out.blocks.append(para)
        last_mark = ch
    para = "".join(cur).strip()  # text after the last mark (a file cut short)
    in_cell = bool(row_cells or cell_parts)
    if para and in_cell:
        cell_parts.append(para)
    end_table()
    if para and not in_cell:
        out.blocks.append(para)
    return out


def parse(word: bytes, table_of: "dict[str, bytes]") -> Parsed:
    """The document's main text as blocks; `table_of` holds the 0Table/1Table stream(s)."""
    fib = read_fib(word)
    table = table_of.get(fib.table_stream)
    if table is None:
        raise DocError(f"the FIB names the {fib.table_stream} stream, which the file lacks")
    pieces = read_pieces(table, fib, len(word))
    text = decode_text(word, pieces, fib.ccp_text)
    try:
        paras: ParaIndex | None = ParaIndex(word, table, fib)
    except DocError:
        paras = None  # read the cells by their marks alone (`structure`)
    # no such fallback for the character properties: without them a deleted number would be read
    deleted, hidden = CharIndex(word, table, fib).masks(pieces, len(text))
    return structure(text, pieces, paras, deleted, hidden)
