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
from typing import Callable

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


def _fkp_pages(runs: list[tuple[int, int, bytes]], first_pn: int) -> tuple[bytes, list[int], list[int]]:
    """Paragraph runs (fc start, fc end, PapxInFkp) packed in 512-byte PapxFkp pages: the pages,
    their first fcs (and the last run's end) and page numbers, for PlcBtePapx."""
    pages: list[bytes] = []
    fcs: list[int] = []
    pns: list[int] = []
    i = 0
    while i < len(runs):
        chosen: list[int] = []
        papxs: dict[bytes, int] = {}
        top = 511  # papx bytes grow down from here
        while i < len(runs):
            papx = runs[i][2]
            need_top = top
            if papx not in papxs:
                need_top = (top - len(papx)) & ~1
            if 4 * (len(chosen) + 2) + 13 * (len(chosen) + 1) > need_top:
                break
            if papx not in papxs:
                papxs[papx] = need_top
                top = need_top
            chosen.append(i)
            i += 1
        if not chosen:
            raise ValueError("a paragraph's properties do not fit one FKP page")
        page = bytearray(_SECTOR)
        crun = len(chosen)
        rgfc = [runs[k][0] for k in chosen] + [runs[chosen[-1]][1]]
        struct.pack_into(f"<{crun + 1}I", page, 0, *rgfc)
        for n, k in enumerate(chosen):
            page[4 * (crun + 1) + 13 * n] = papxs[runs[k][2]] // 2
        for papx, off in papxs.items():
            page[off:off + len(papx)] = papx
        page[511] = crun
        pages.append(bytes(page))
        fcs.append(rgfc[0])
        pns.append(first_pn + len(pns))
    fcs.append(runs[-1][1])
    return b"".join(pages), fcs, pns


def _fib(ccp_text: int, pairs: dict[int, tuple[int, int]], cb_mac: int, table_stream: str) -> bytes:
    flags = 0x1000 | 0x4000 | (0x0200 if table_stream == "1Table" else 0)  # fExtChar, fFarEast, fWhichTblStm
    base = struct.pack("<HHHHHHHIBBHHII", 0xA5EC, 0xC1, 0, 0x0804, 0, flags, 0xBF, 0, 0, 0, 0, 0, 0, 0)
    assert len(base) == 32
    rgw = struct.pack("<H", 14) + struct.pack("<14H", *([0] * 13 + [0x0804]))
    lw = [0] * 22
    lw[0], lw[3] = cb_mac, ccp_text
    rglw = struct.pack("<H", 22) + struct.pack("<22I", *lw)
    fclcb = [0] * (93 * 2)
    for k, (fc, lcb) in pairs.items():
        fclcb[2 * k], fclcb[2 * k + 1] = fc, lcb
    return base + rgw + rglw + struct.pack("<H", 93) + struct.pack(f"<{93 * 2}I", *fclcb) + struct.pack("<H", 0)


def word97(blocks: list[Block], *, pieces: str = "mixed", fields: list[tuple[int, str]] | None = None,
           table_stream: str = "1Table") -> bytes:
    """The blocks (paragraphs; tables as rows of `DocCell`s) as a .doc file.

    `pieces`: "mixed" stores each run of ASCII-only paragraphs or cells as an 8-bit (compressed)
    piece and the rest as UTF-16 pieces; "utf16" one UTF-16 piece for the whole text.
    `fields`: (paragraph index, field code) pairs: that paragraph is written as a field's result.
    `table_stream`: "1Table" (Word) or "0Table" (the FIB's fWhichTblStm says which)."""
    wanted_fields = dict(fields or [])
    # the text, paragraph by paragraph: (text ending in its mark, kind, the row for a row end)
    paras: list[tuple[str, str, list[DocCell] | None]] = []
    for n, b in enumerate(blocks):
        if isinstance(b, str):
            text = b.replace("\n", "\x0b")
            if n in wanted_fields:
                text = f"\x13 {wanted_fields[n]} \x14{text}\x15"
            paras.append((text + "\r", "para", None))
            continue
        for row in b:
            for c in row:
                paras.append((c.text.replace("\n", "\r") + "\x07", "cell", None))
            paras.append(("\x07", "ttp", row))
    if not paras or paras[-1][1] != "para":
        paras.append(("\r", "para", None))
    # pieces: consecutive paragraphs of one kind of storage joined
    chunks: list[tuple[bool, str]] = []
    for text, _, _ in paras:
        compressed = pieces == "mixed" and all(ord(ch) < 128 for ch in text)
        if chunks and chunks[-1][0] == compressed:
            chunks[-1] = (compressed, chunks[-1][1] + text)
        else:
            chunks.append((compressed, text))
    fc_min = 1024
    stream = bytearray()
    cps, pcds, fc = [0], [], fc_min
    piece_at: list[tuple[int, int, bool]] = []  # (cp0, fc0, compressed)
    for compressed, text in chunks:
        data = text.encode("latin-1") if compressed else text.encode("utf-16-le")
        piece_at.append((cps[-1], fc, compressed))
        pcds.append(struct.pack("<HIH", 0, (fc * 2) | 0x40000000 if compressed else fc, 0))
        stream += data
        fc += len(data)
        cps.append(cps[-1] + len(text))
    fc_mac = fc
    ccp = cps[-1]

    def fc_of(cp: int) -> int:
        for cp0, f0, comp in reversed(piece_at):
            if cp >= cp0:
                return f0 + (cp - cp0) * (1 if comp else 2)
        raise AssertionError

    # paragraph runs: each paragraph's fc range with its properties (a paragraph inside a
    # compressed and a UTF-16 piece at once is split at the piece's end: both halves alike)
    runs: list[tuple[int, int, bytes]] = []
    cp = 0
    for text, kind, cells in paras:
        papx = _papx(b"" if kind == "para" else _IN_TABLE if kind == "cell" else _IN_TABLE + _TTP + _tdef(cells or []))
        start, end = fc_of(cp), fc_of(cp + len(text) - 1) + (1 if _compressed_at(piece_at, cp + len(text) - 1) else 2)
        if runs and runs[-1][2] == papx and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end, papx)
        else:
            runs.append((start, end, papx))
        cp += len(text)
    # WordDocument: FIB, text, then FKP pages (512-aligned)
    text_end = fc_min + len(stream)
    first_pn = -(-text_end // _SECTOR)
    papx_pages, papx_fcs, papx_pns = _fkp_pages(runs, first_pn)
    chpx_pn = first_pn + len(papx_pns)
    chpx = bytearray(_SECTOR)
    struct.pack_into("<II", chpx, 0, fc_min, fc_mac)
    chpx[511] = 1
    # 1Table: CLX, PlcBtePapx, PlcBteChpx
    plcpcd = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    clx = b"\x02" + struct.pack("<I", len(plcpcd)) + plcpcd
    bte_papx = struct.pack(f"<{len(papx_fcs)}I", *papx_fcs) + struct.pack(f"<{len(papx_pns)}I", *papx_pns)
    bte_chpx = struct.pack("<III", fc_min, fc_mac, chpx_pn)
    table = clx + bte_papx + bte_chpx
    pairs = {33: (0, len(clx)), 13: (len(clx), len(bte_papx)), 12: (len(clx) + len(bte_papx), len(bte_chpx))}
    size = (chpx_pn + 1) * _SECTOR
    fib = _fib(ccp, pairs, size, table_stream)
    word = (fib.ljust(fc_min, b"\0") + bytes(stream)).ljust(first_pn * _SECTOR, b"\0") + papx_pages + bytes(chpx)
    return cfb({"WordDocument": word, table_stream: table})


def _compressed_at(piece_at: list[tuple[int, int, bool]], cp: int) -> bool:
    for cp0, _, comp in reversed(piece_at):
        if cp >= cp0:
            return comp
    return False


# ------------------------------------------------------------------ a report


def doc_report(title: str, before: str, after: str, sections: list[tuple[str, Table]], cell_text: Callable[[Cell], str],
               rng: random.Random, *, style: str = "word") -> tuple[bytes, list[str]]:
    """The report as a .doc file's bytes, and what was chosen (pieces, merges, a field): the
    tables on their grid (label columns wider), a merged cell as a wide cell or, now and then,
    as a horzMerge run; a vertical merge as vertMerge marks with empty cells below. "word" saves
    8-bit pieces for ASCII runs beside UTF-16 ones and a 1Table stream; "wps" (WPS Office) one
    UTF-16 piece, a 0Table stream and merges as horzMerge runs."""
    wps = style == "wps"
    hruns = wps or rng.random() < 0.3
    mode = "utf16" if wps else rng.choice(["mixed", "mixed", "utf16"])
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
                if hruns and cell.colspan > 1:
                    for k in range(cell.colspan):
                        cells.append(DocCell(text if k == 0 else "", edges[c + k], 1 if k == 0 else 2, vm))
                else:
                    cells.append(DocCell(text, edges[c + cell.colspan - 1], 0, vm))
                c += cell.colspan
            rows.append(cells)
        blocks.append(rows)
    blocks += [line.strip() for line in after.splitlines() if line.strip()]
    fields = [(0, 'TITLE \\* MERGEFORMAT')] if rng.random() < 0.5 else []
    data = word97(blocks, pieces=mode, fields=fields, table_stream="0Table" if wps else "1Table")
    return data, [f"pieces:{mode}", "merges:" + ("runs" if hruns else "wide"), "field" if fields else "no-field"]
