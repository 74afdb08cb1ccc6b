"""A minimal binary Word 97 writer for generated and probe reports (no LibreOffice or antiword
here to make real ones): an OLE compound file (CFB v3, 512-byte sectors) holding a
`WordDocument` stream (FIB, the text as pieces, paragraph and character FKPs) and a `1Table`
stream (CLX with the piece table, PlcBtePapx, PlcBteChpx). Tables are Word's: each cell's text
ends with \\x07 and a row with a second \\x07 whose paragraph carries sprmPFTtp and the row's
sprmTDefTable (cell edges, merge flags). Only for the evaluation: the product reads such files
with `extractor.load.doc`. Deterministic for a given `random.Random`.
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from ..printed import HEADINGS, Cell, Table
from ._rtf_write import column_edges, placed

_SECTOR = 512
_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_MINI_CUTOFF = 4096


# ------------------------------------------------------------------ the compound file


def _dir_entry(name: str, kind: int, start: int, size: int, *, left: int = _FREE, right: int = _FREE,
               child: int = _FREE, red: bool = False) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 0 if red else 1, left, right, child)
            + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))


def cfb(streams: dict[str, bytes]) -> bytes:
    """A CFB v3 file holding `streams` in its root storage. Each stream is padded to the mini
    stream cutoff (4096 bytes), so every one lives in regular sectors and no mini stream is needed."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's order
    datas = [streams[n].ljust(_MINI_CUTOFF, b"\0") for n in names]
    fat: list[int] = []
    starts = []
    for data in datas:
        n = -(-len(data) // _SECTOR)
        starts.append(len(fat))
        fat += [len(fat) + k + 1 for k in range(n - 1)] + [_END]
    n_dir_entries = 1 + len(names)
    n_dir = -(-n_dir_entries * 128 // _SECTOR)
    dir_start = len(fat)
    fat += [dir_start + k + 1 for k in range(n_dir - 1)] + [_END]
    n_fat = 1
    while (len(fat) + n_fat) > n_fat * 128:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("too large for a compound file without DIFAT sectors")
    fat_start = len(fat)
    fat += [_FATSECT] * n_fat
    fat += [_FREE] * (n_fat * 128 - len(fat))
    # the directory: the root, its children as a tree (middle one the root's child, black; the
    # others strung off it, red: readers only follow the links)
    mid = len(names) // 2
    entries = [_dir_entry("Root Entry", 5, _END, 0, child=1 + mid)]
    for i, name in enumerate(names):
        left = 1 + (i - 1) if i == mid and i > 0 else _FREE
        right = 1 + (i + 1) if i >= mid and i + 1 < len(names) else _FREE
        if i < mid and i > 0:
            left = 1 + (i - 1)
        entries.append(_dir_entry(name, 2, starts[i], len(datas[i]), left=left, right=right, red=i != mid))
    unused = b"\0" * 68 + struct.pack("<3I", _FREE, _FREE, _FREE) + b"\0" * 48
    directory = b"".join(entries) + unused * (n_dir * 4 - len(entries))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, _MINI_CUTOFF, _END, 0, _END, 0)
              + struct.pack("<109I", *([fat_start + k for k in range(n_fat)] + [_FREE] * (109 - n_fat))))
    assert len(header) == _SECTOR
    body = b"".join(d.ljust(-(-len(d) // _SECTOR) * _SECTOR, b"\0") for d in datas)
    return header + body + directory + struct.pack(f"<{len(fat)}I", *fat)


# ------------------------------------------------------------------ the Word document


@dataclass
class DocCell:
    text: str
    right: int  # right edge, twips from the row's left edge
    hmerge: int = 0  # TC80 horzMerge: 1 first of a merged run, 2 merged into the previous
    vmerge: int = 0  # TC80 vertMerge: 3 first of a merged set, 1 merged into the cell above


Block = str | list[list[DocCell]]


def _papx(grpprl: bytes) -> bytes:
    """PapxInFkp: the style index 0 and `grpprl`, its size as cb (odd sizes) or 0, cb' (even)."""
    data = b"\0\0" + grpprl
    if len(data) % 2:
        return bytes([(len(data) + 1) // 2]) + data
    return bytes([0, len(data) // 2]) + data


_IN_TABLE = struct.pack("<HB", 0x2416, 1)
_TTP = struct.pack("<HB", 0x2417, 1)


def _tdef(cells: list[DocCell]) -> bytes:
    body = bytes([len(cells)]) + struct.pack(f"<{len(cells) + 1}h", -108, *[c.right - 108 for c in cells])
    for c in cells:
        grf = c.hmerge | (c.vmerge << 5) | (1 << 7)  # vertAlign centre
        body += struct.pack("<HH", grf, 0) + struct.pack("<I", 0x01000004) * 4  # single borders
    return struct.pack("<HH", 0xD608, len(body) + 1) + body


def _fkp_pages(runs: list[tuple[int, int, bytes]], first_pn: int, entry: int = 13) -> tuple[bytes, list[int], list[int]]:
    """Runs (fc start, fc end, properties as stored) packed in 512-byte FKP pages: the pages, their
    first fcs (and the last run's end) and page numbers, for a PlcBte. `entry` is the size of a
    run's entry after the fcs: 13 for a PapxFkp (offset and PHE), 1 for a ChpxFkp; empty
    properties (a character run with none) are stored nowhere and point at 0."""
    pages: list[bytes] = []
    fcs: list[int] = []
    pns: list[int] = []
    i = 0
    while i < len(runs):
        chosen: list[int] = []
        stored: dict[bytes, int] = {}
        top = 511  # property bytes grow down from here
        while i < len(runs):
            props = runs[i][2]
            need_top = top
            if props and props not in stored:
                need_top = (top - len(props)) & ~1
            if 4 * (len(chosen) + 2) + entry * (len(chosen) + 1) > need_top:
                break
            if props and props not in stored:
                stored[props] = need_top
                top = need_top
            chosen.append(i)
            i += 1
        if not chosen:
            raise ValueError("a run's properties do not fit one FKP page")
        page = bytearray(_SECTOR)
        crun = len(chosen)
        rgfc = [runs[k][0] for k in chosen] + [runs[chosen[-1]][1]]
        struct.pack_into(f"<{crun + 1}I", page, 0, *rgfc)
        for n, k in enumerate(chosen):
            page[4 * (crun + 1) + entry * n] = stored[runs[k][2]] // 2 if runs[k][2] else 0
        for props, off in stored.items():
            page[off:off + len(props)] = props
        page[511] = crun
        pages.append(bytes(page))
        fcs.append(rgfc[0])
        pns.append(first_pn + len(pns))
    fcs.append(runs[-1][1])
    return b"".join(pages), fcs, pns


#: marks around text in a paragraph or cell: a tracked deletion, a tracked insertion, hidden text
#: (`deleted`, `inserted`, `hidden`); a paragraph marked whole has its paragraph mark marked too
DEL, INS, HIDE = ("\ue000", "\ue001"), ("\ue002", "\ue003"), ("\ue004", "\ue005")
_F_DEL, _F_INS, _F_HIDE = 1, 2, 4
#: the character sprm of each mark (sprmCFRMarkDel, sprmCFRMarkIns, sprmCFVanish) and its Prm0 isprm
_FLAG_SPRM = {_F_DEL: (0x0800, 0x41), _F_INS: (0x0801, 0x42), _F_HIDE: (0x083C, 0x5C)}
#: the stories after the main text, in the FIB's order ([MS-DOC] FibRgLw97: ccpFtn … ccpHdrTxbx)
STORIES = {"footnotes": 4, "headers": 5, "comments": 7, "endnotes": 8, "textboxes": 9, "header_textboxes": 10}


def deleted(text: str) -> str:
    return DEL[0] + text + DEL[1]


def inserted(text: str) -> str:
    return INS[0] + text + INS[1]


def hidden(text: str) -> str:
    return HIDE[0] + text + HIDE[1]


def _unmark(text: str) -> tuple[str, list[int]]:
    """The text without its marks, and each character's flags. A text marked whole (its last
    character's flags those of every character) passes them to the mark after it: the last flag."""
    out: list[str] = []
    flags: list[int] = []
    state = 0
    opening = {DEL[0]: _F_DEL, INS[0]: _F_INS, HIDE[0]: _F_HIDE}
    closing = {DEL[1]: _F_DEL, INS[1]: _F_INS, HIDE[1]: _F_HIDE}
    for ch in text:
        if ch in opening:
            state |= opening[ch]
        elif ch in closing:
            state &= ~closing[ch]
        else:
            out.append(ch)
            flags.append(state)
    return "".join(out), flags


def _grpprl(flag: int) -> bytes:
    return b"".join(struct.pack("<HB", _FLAG_SPRM[f][0], 1) for f in (_F_DEL, _F_INS, _F_HIDE) if flag & f)


def _para_grpprl(kind: str, cells: list[DocCell] | None) -> bytes:
    """A paragraph's sprms: none for a paragraph, in table for a cell, and row end with the row's
    sprmTDefTable for a row's end mark."""
    return b"" if kind == "para" else _IN_TABLE if kind == "cell" else _IN_TABLE + _TTP + _tdef(cells or [])


def _flag_runs(flags: Sequence[int], n: int) -> Iterator[tuple[int, int]]:
    """[k, j) for each run of the first `n` characters whose revision flags are the same."""
    k = 0
    while k < n:
        j = k
        while j < n and flags[j] == flags[k]:
            j += 1
        yield k, j
        k = j


def _chpx_pages(runs: list[tuple[int, int, int]], first_pn: int) -> tuple[bytes, list[int], list[int]]:
    """Character runs (fc start, fc end, flags) packed in ChpxFkp pages (a Chpx is its size byte
    and grpprl; a run without flags points at none)."""
    def chpx(flag: int) -> bytes:
        return bytes([len(_grpprl(flag))]) + _grpprl(flag) if flag else b""
    return _fkp_pages([(a, b, chpx(flag)) for a, b, flag in runs], first_pn, entry=1)


def _fib(ccp_text: int, pairs: dict[int, tuple[int, int]], cb_mac: int, table_stream: str,
         stories: dict[int, int] | None = None, complex_: bool = False) -> bytes:
    flags = 0x1000 | 0x4000 | (0x0200 if table_stream == "1Table" else 0)  # fExtChar, fFarEast, fWhichTblStm
    if complex_:
        flags |= 0x0004  # fComplex: saved fast, the piece table holds edits out of order
    base = struct.pack("<HHHHHHHIBBHHII", 0xA5EC, 0xC1, 0, 0x0804, 0, flags, 0xBF, 0, 0, 0, 0, 0, 0, 0)
    assert len(base) == 32
    rgw = struct.pack("<H", 14) + struct.pack("<14H", *([0] * 13 + [0x0804]))
    lw = [0] * 22
    lw[0], lw[3] = cb_mac, ccp_text
    for k, n in (stories or {}).items():
        lw[k] = n
    rglw = struct.pack("<H", 22) + struct.pack("<22I", *lw)
    fclcb = [0] * (93 * 2)
    for k, (fc, lcb) in pairs.items():
        fclcb[2 * k], fclcb[2 * k + 1] = fc, lcb
    return base + rgw + rglw + struct.pack("<H", 93) + struct.pack(f"<{93 * 2}I", *fclcb) + struct.pack("<H", 0)


def word97(blocks: list[Block], *, pieces: str = "mixed", fields: list[tuple[int, str]] | None = None,
           table_stream: str = "1Table", deleted_rows: set[tuple[int, int]] | None = None,
           stories: dict[str, list[str]] | None = None, revisions: str = "chpx", para_props: str = "fkp") -> bytes:
    """The blocks (paragraphs; tables as rows of `DocCell`s) as a .doc file.

    `pieces`: "mixed" stores each run of ASCII-only paragraphs or cells as an 8-bit (compressed)
    piece and the rest as UTF-16 pieces; "utf16" one UTF-16 piece for the whole text; "fast" as
    a fast save leaves it: a piece per paragraph or cell (8-bit or UTF-16 as in "mixed"), stored
    in the stream in reverse order, fComplex set.
    `fields`: (paragraph index, field code) pairs: that paragraph is written as a field's result.
    `table_stream`: "1Table" (Word) or "0Table" (the FIB's fWhichTblStm says which).
    Text marked `deleted`, `inserted` or `hidden` (in a paragraph or cell) is written with
    sprmCFRMarkDel, sprmCFRMarkIns or sprmCFVanish: in the character FKPs (`revisions` "chpx"),
    or (`revisions` "prm") as the Prm of pieces of their own, as fast saves do (Prm0 for one
    property, Prm1 naming a Prc for several). `deleted_rows`: (block index, row index) of rows
    deleted with Track Changes on, their cells' text and marks all deleted.
    `stories`: the text after the main document, by `STORIES` name (footnotes, headers …): its
    paragraphs, counted in the FIB's ccpFtn, ccpHdd … and followed by the final paragraph mark.
    `para_props`: "fkp" writes the table paragraphs' sprms (in table, row end, sprmTDefTable) in
    the paragraph FKPs; "prm" (a fast save's, with `pieces` "fast") in the Prm of the piece that
    holds the paragraph's mark (Prm0 sprmPFInTable for a cell, Prm1 for a row end), the FKPs plain."""
    if para_props == "prm" and pieces != "fast":
        raise ValueError("paragraph properties in the pieces' Prm need a piece per paragraph (pieces='fast')")
    wanted_fields = dict(fields or [])
    gone_rows = deleted_rows or set()
    # the text, paragraph by paragraph: (text ending in its mark, kind, the row for a row end, flags)
    paras: list[tuple[str, str, list[DocCell] | None, list[int]]] = []

    def add(raw: str, kind: str, row: list[DocCell] | None, whole: int = 0) -> None:
        text, flags = _unmark(raw[:-1])
        mark = flags[-1] if flags and all(f == flags[-1] for f in flags) else 0
        paras.append((text + raw[-1], kind, row, [f | whole for f in flags] + [mark | whole]))

    for n, b in enumerate(blocks):
        if isinstance(b, str):
            text = b.replace("\n", "\x0b")
            if n in wanted_fields:
                text = f"\x13 {wanted_fields[n]} \x14{text}\x15"
            add(text + "\r", "para", None)
            continue
        for r, row in enumerate(b):
            whole = _F_DEL if (n, r) in gone_rows else 0
            for c in row:
                add(c.text.replace("\n", "\r") + "\x07", "cell", None, whole)
            add("\x07", "ttp", row, whole)
    if not paras or paras[-1][1] != "para":
        add("\r", "para", None)
    ccp_main = sum(len(t) for t, _, _, _ in paras)
    story_ccp: dict[int, int] = {}
    for name, texts in (stories or {}).items():
        before = len(paras)
        for t in texts:
            add(t.replace("\n", "\x0b") + "\r", "para", None)
        story_ccp[STORIES[name]] = sum(len(t) for t, _, _, _ in paras[before:])
    if story_ccp:
        add("\r", "para", None)  # the document's last paragraph mark, after every story
    # pieces: consecutive paragraphs of one kind of storage joined (one piece per paragraph in a
    # fast save; a paragraph split where its flags change when they go in the pieces' Prm)
    segments: list[tuple[bool, int, str, int]] = []  # (8-bit, flags, text, the paragraph it ends or -1)
    for n_para, (text, _, _, flags) in enumerate(paras):
        compressed = pieces in ("mixed", "fast") and all(ord(ch) < 128 for ch in text)
        if revisions == "prm":
            for k, j in _flag_runs(flags, len(text)):
                segments.append((compressed, flags[k], text[k:j], n_para if j == len(text) else -1))
        else:
            segments.append((compressed, 0, text, n_para))
    chunks: list[tuple[bool, int, str, int]] = []
    for compressed, flag, text, ends in segments:
        if chunks and pieces != "fast" and chunks[-1][:2] == (compressed, flag):
            chunks[-1] = (compressed, flag, chunks[-1][2] + text, ends)
        else:
            chunks.append((compressed, flag, text, ends))
    fc_min = 1024
    datas = [text.encode("latin-1") if compressed else text.encode("utf-16-le") for compressed, _, text, _ in chunks]
    order = list(range(len(chunks)))[::-1] if pieces == "fast" else list(range(len(chunks)))
    chunk_fc = {}
    fc = fc_min
    for k in order:
        chunk_fc[k] = fc
        fc += len(datas[k])
    stream = b"".join(datas[k] for k in order)
    fc_mac = fc
    prcs: list[bytes] = []
    cps, pcds = [0], []
    piece_at: list[tuple[int, int, bool]] = []  # (cp0, fc0, compressed)
    for k, (compressed, flag, text, ends) in enumerate(chunks):
        f0 = chunk_fc[k]
        piece_at.append((cps[-1], f0, compressed))
        prm = 0
        para_grpprl = _para_grpprl(paras[ends][1], paras[ends][2]) if para_props == "prm" and ends >= 0 else b""
        if flag and bin(flag).count("1") == 1 and not para_grpprl:
            prm = (_FLAG_SPRM[flag][1] << 1) | (1 << 8)  # Prm0: isprm, val 1
        elif not flag and para_grpprl == _IN_TABLE:
            prm = (0x18 << 1) | (1 << 8)  # Prm0: sprmPFInTable (Word 6's sprm 24), 1
        elif flag or para_grpprl:
            prm = (len(prcs) << 1) | 1  # Prm1: the Prc's index
            prcs.append(_grpprl(flag) + para_grpprl)
        pcds.append(struct.pack("<HIH", 0, (f0 * 2) | 0x40000000 if compressed else f0, prm))
        cps.append(cps[-1] + len(text))

    def fc_spans(cp0: int, cp1: int) -> list[tuple[int, int]]:
        """The stream ranges of characters [cp0, cp1), piece by piece."""
        out = []
        for i, (p_cp0, f0, comp) in enumerate(piece_at):
            a, b = max(cp0, p_cp0), min(cp1, cps[i + 1])
            if a < b:
                w = 1 if comp else 2
                out.append((f0 + (a - p_cp0) * w, f0 + (b - p_cp0) * w))
        return out

    def runs_of(spans: list[tuple[int, int, bytes | int]]) -> list[tuple[int, int, bytes | int]]:
        """Ranges in stream order, neighbours with the same properties joined."""
        out: list[tuple[int, int, bytes | int]] = []
        for a, b, prop in sorted(spans, key=lambda t: t[0]):
            if out and out[-1][2] == prop and out[-1][1] == a:
                out[-1] = (out[-1][0], b, prop)
            else:
                out.append((a, b, prop))
        return out

    # paragraph runs: each paragraph's stream ranges with its properties
    para_spans: list[tuple[int, int, bytes | int]] = []
    char_spans: list[tuple[int, int, bytes | int]] = []
    cp = 0
    for text, kind, cells, flags in paras:
        papx = _papx(b"" if para_props == "prm" else _para_grpprl(kind, cells))
        para_spans += [(a, b, papx) for a, b in fc_spans(cp, cp + len(text))]
        if revisions == "chpx":
            for k, j in _flag_runs(flags, len(text)):
                char_spans += [(a, b, flags[k]) for a, b in fc_spans(cp + k, cp + j)]
        cp += len(text)
    runs = [(a, b, prop) for a, b, prop in runs_of(para_spans) if isinstance(prop, bytes)]
    char_runs = [(a, b, prop) for a, b, prop in runs_of(char_spans) if isinstance(prop, int)]
    # WordDocument: FIB, text, then FKP pages (512-aligned)
    text_end = fc_min + len(stream)
    first_pn = -(-text_end // _SECTOR)
    papx_pages, papx_fcs, papx_pns = _fkp_pages(runs, first_pn)
    chpx_pn = first_pn + len(papx_pns)
    if any(flag for _, _, flag in char_runs):
        chpx_pages, chpx_fcs, chpx_pns = _chpx_pages(char_runs, chpx_pn)
    else:  # one page: the whole text without character properties
        page = bytearray(_SECTOR)
        struct.pack_into("<II", page, 0, fc_min, fc_mac)
        page[511] = 1
        chpx_pages, chpx_fcs, chpx_pns = bytes(page), [fc_min, fc_mac], [chpx_pn]
    # 1Table: CLX, PlcBtePapx, PlcBteChpx
    plcpcd = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    clx = b"".join(b"\x01" + struct.pack("<h", len(g)) + g for g in prcs)
    clx += b"\x02" + struct.pack("<I", len(plcpcd)) + plcpcd
    bte_papx = struct.pack(f"<{len(papx_fcs)}I", *papx_fcs) + struct.pack(f"<{len(papx_pns)}I", *papx_pns)
    bte_chpx = struct.pack(f"<{len(chpx_fcs)}I", *chpx_fcs) + struct.pack(f"<{len(chpx_pns)}I", *chpx_pns)
    table = clx + bte_papx + bte_chpx
    pairs = {33: (0, len(clx)), 13: (len(clx), len(bte_papx)), 12: (len(clx) + len(bte_papx), len(bte_chpx))}
    size = (chpx_pns[-1] + 1) * _SECTOR
    fib = _fib(ccp_main, pairs, size, table_stream, story_ccp, pieces == "fast")
    word = (fib.ljust(fc_min, b"\0") + stream).ljust(first_pn * _SECTOR, b"\0") + papx_pages + chpx_pages
    return cfb({"WordDocument": word, table_stream: table})


# ------------------------------------------------------------------ a report


def doc_report(title: str, before: str, after: str, sections: list[tuple[str, Table]], cell_text: Callable[[Cell], str],
               rng: random.Random, *, style: str = "word", edits: bool = False) -> tuple[bytes, list[str]]:
    """The report as a .doc file's bytes, and what was chosen (pieces, merges, a field): the
    tables on their grid (label columns wider), a merged cell as a wide cell or, now and then,
    as a horzMerge run; a vertical merge as vertMerge marks with empty cells below. "word" saves
    8-bit pieces for ASCII runs beside UTF-16 ones and a 1Table stream; "wps" (WPS Office) one
    UTF-16 piece, a 0Table stream and merges as horzMerge runs.

    `edits`: the report as edited with Track Changes on and saved without accepting them (now
    and then saved fast): an older number deleted beside the new one in about a third of the
    value cells, now and then a whole row of older numbers deleted, a hidden note with a number
    and a footnote with numbers; the changes in the character FKPs or in the pieces' Prm, and in
    a fast save now and then the table paragraphs' properties too."""
    wps = style == "wps"
    hruns = wps or rng.random() < 0.3
    mode = "utf16" if wps else rng.choice(["mixed", "mixed", "utf16"])
    revisions = "chpx"
    gone_rows: set[tuple[int, int]] = set()
    para_props = "fkp"
    if edits:
        mode = rng.choice(["mixed", "utf16", "fast"])
        revisions = rng.choice(["chpx", "prm"])
        if mode == "fast":
            para_props = rng.choice(["fkp", "prm"])
    blocks: list[Block] = []
    if not before.lstrip().startswith(title[:6]):
        before = title + "\n" + before
    blocks += [line.strip() for line in before.splitlines() if line.strip()]
    for sec, table in sections:
        blocks.append(HEADINGS[sec])
        g, owner = placed(table)
        width = len(g[0])
        edges = column_edges(g, owner, rng)
        rows: list[list[DocCell]] = []
        for r in range(len(g)):
            cells: list[DocCell] = []
            c = 0
            while c < width:
                cell, r0, c0 = owner[(r, c)]
                vm = 0 if cell.rowspan == 1 else (3 if r0 == r else 1)
                text = (cell_text(cell) if cell.key is not None else cell.text) if r0 == r else ""
                if edits and cell.key is not None and text.isdigit() and rng.random() < 0.35:
                    old = deleted(str(int(text) + rng.randint(1, 9)))
                    text = old + (inserted(text) if rng.random() < 0.5 else text)
                if hruns and cell.colspan > 1:
                    for k in range(cell.colspan):
                        cells.append(DocCell(text if k == 0 else "", edges[c + k], 1 if k == 0 else 2, vm))
                else:
                    cells.append(DocCell(text, edges[c + cell.colspan - 1], 0, vm))
                c += cell.colspan
            if edits and any(owner[(r, k)][0].key is not None for k in range(width)) \
                    and all(d.vmerge == 0 for d in cells) and rng.random() < 0.15:
                gone_rows.add((len(blocks), len(rows)))  # the row of older numbers, deleted
                rows.append([DocCell(str(rng.randint(0, 99)) if _unmarked(d.text).isdigit() else d.text,
                                     d.right, d.hmerge) for d in cells])
            rows.append(cells)
        blocks.append(rows)
    blocks += [line.strip() for line in after.splitlines() if line.strip()]
    fields = [(0, 'TITLE \\* MERGEFORMAT')] if rng.random() < 0.5 else []
    stories: dict[str, list[str]] = {}
    if edits:
        blocks.insert(len(blocks) - 1 if isinstance(blocks[-1], str) else len(blocks),
                      hidden(f"（内部核对：上年报送数 {rng.randint(10, 999)} 件，待删）"))
        blocks[0] = str(blocks[0]) + "\x02"
        stories["footnotes"] = [f"\x02 本报告所列数据统计期限自 {rng.randint(2000, 2020)} 年 1 月 1 日起，共 {rng.randint(10, 99)} 项。"]
    data = word97(blocks, pieces=mode, fields=fields, table_stream="0Table" if wps else "1Table",
                  deleted_rows=gone_rows, stories=stories, revisions=revisions, para_props=para_props)
    how = [f"pieces:{mode}", "merges:" + ("runs" if hruns else "wide"), "field" if fields else "no-field"]
    return data, how + ([f"revisions:{revisions}", f"deleted-rows:{len(gone_rows)}", f"table-props:{para_props}"]
                        if edits else [])


def _unmarked(text: str) -> str:
    """The text as Word shows it: the deleted and hidden runs out, the marks gone."""
    clean, flags = _unmark(text)
    return "".join(ch for ch, f in zip(clean, flags) if not f & (_F_DEL | _F_HIDE))
