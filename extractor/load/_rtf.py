"""An RTF file's paragraphs and tables, read by a small tokenizer of our own.

The libraries on offer flatten tables to text (striprtf writes `|` for `\\cell` and drops the
row definitions, so merged cells shift their row) or only build a group tree (rtfparse); neither
keeps the cell boundaries (`\\cellx`) and merges (`\\clmgf`/`\\clmrg`, `\\clvmgf`/`\\clvmrg`)
that put a report's numbers under the right heading. The tokenizer is a loop over
`re.match`, with an explicit group stack (no recursion), so a hostile nesting costs a refusal,
not the interpreter's stack. Control words are only read, never acted on: fields show their
result (`\\fldrslt`), never their instruction; objects and pictures are skipped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from .limits import MAX_RTF_DEPTH as MAX_GROUP_DEPTH

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word, its parameter, the space that ends it
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    rb"|\\([^a-zA-Z'])"  # control symbol
    rb"|([{}])"
    rb"|([^\\{}\r\n]+)"  # plain text
    rb"|[\r\n]+"  # line ends in the file are not text
    rb"|\\"  # a lone backslash at the end of the file
)

#: destinations whose text is not the document's body
_SKIP = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr",
    "headerf", "footer", "footerl", "footerr", "footerf", "footnote", "fldinst", "themedata",
    "colorschememapping", "datastore", "latentstyles", "listtable", "listoverridetable", "rsidtbl",
    "generator", "xmlnstbl", "mmathPr", "filetbl", "revtbl", "annotation", "atnid", "atnauthor",
    "bkmkstart", "bkmkend", "nesttableprops", "nonshppict", "shppict", "shp", "shpinst", "sp",
    "objdata", "pgdsctbl", "userprops", "docvar", "xe", "tc", "txe", "protusertbl", "pn", "pntext",
    "listtext", "field-result-none",
}
_SYMBOLS = {"~": " ", "_": "-", "-": "", "\\": "\\", "{": "{", "}": "}", "\n": "\n", "\r": "\n", "|": ""}
_WORD_TEXT = {"tab": " ", "emdash": "—", "endash": "–", "emspace": " ", "enspace": " ", "qmspace": " ",
              "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
              "line": "\n", "nestcell": " ", "nestrow": " ", "zwj": "", "zwnj": ""}
#: font charsets (`\\fcharsetN`) to Python codecs; GB2312/GBK text is decoded as GB18030, its superset
_CHARSETS = {134: "gb18030", 136: "big5", 128: "cp932", 129: "cp949", 222: "cp874", 161: "cp1253",
             162: "cp1254", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 238: "cp1250"}


class RtfError(ValueError):
    """The file is not RTF this reader can read; the message says why."""


@dataclass
class CellDef:
    """One `\\cellx` definition of a row: its right edge (twips) and its merge marks."""

    right: int
    hmerge: str = ""  # "first" (\\clmgf), "cont" (\\clmrg)
    vmerge: str = ""  # "first" (\\clvmgf), "cont" (\\clvmrg)


@dataclass
class Row:
    cells: list[str]
    defs: list[CellDef]


@dataclass
class Parsed:
    """The body as blocks in order: a `str` is a paragraph, a list of `Row`s is a table."""

    blocks: list[str | list[Row]] = field(default_factory=list)


@dataclass
class _Group:
    skip: bool = False
    uc: int = 1
    codec: str | None = None  # the current font's code page, when its charset says one
    #: the code page of the font `\dbch\afN` names for double-byte text (Word on a Western
    #: system writes Chinese under `\loch\f0` with `\dbch\af13` naming the GBK font)
    dbcodec: str | None = None
    dbch: bool = False  # the last `\hich`/`\dbch`/`\loch` seen was `\dbch`
    #: text not shown: a tracked deletion (`\deleted`, as a .docx's `w:delText`) or hidden (`\v`)
    hidden: bool = False
    in_fonttbl: bool = False


def _codec(cpg: int) -> str:
    if cpg in (936, 54936):
        return "gb18030"
    try:
        "".encode(f"cp{cpg}")
        return f"cp{cpg}"
    except LookupError:
        return "cp1252"


def parse(data: bytes) -> Parsed:
    """The paragraphs and table rows of RTF `data`; `RtfError` for what cannot be read."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise RtfError("not an RTF document (it does not start with {\\rtf)")
    out = Parsed()
    default = "cp1252"
    fonts: dict[int, str] = {}
    font_no: int | None = None  # the font being defined in \fonttbl
    stack: list[_Group] = []
    g = _Group()
    para: list[str] = []  # the paragraph being read
    pending = bytearray()  # \'xx bytes not yet decoded (a double-byte character is two)
    pending_codec = default
    cell_parts: list[str] = []  # paragraphs of the cell being read
    row_cells: list[str] = []
    defs: list[CellDef] = []  # the current row's definitions (\trowd resets)
    cur = CellDef(0)
    rows: list[Row] = []
    in_table = False  # \intbl: the paragraph lies in a table cell
    to_skip = 0  # fallback characters after \uN still to skip

    def flush_bytes() -> None:
        nonlocal pending
        if pending:
            try:
                para.append(bytes(pending).decode(pending_codec))
            except UnicodeDecodeError as e:
                raise RtfError(f"text that is not valid {pending_codec} (bytes {bytes(pending)[e.start:e.end + 1].hex(' ')})") from e
            pending = bytearray()

    def text() -> str:
        flush_bytes()
        s = "".join(para)
        para.clear()
        return s

    def end_table() -> None:
        nonlocal rows
        if rows:
            out.blocks.append(rows)
            rows = []

    def add(s: str) -> None:
        flush_bytes()
        para.append(s)

    def end_paragraph() -> None:
        """A paragraph ends (\\par, \\sect, \\page or `\\` before a line end): into the cell
        being read, else a block of its own after any table it closes."""
        s = text()
        if in_table:
            cell_parts.append(s)
        else:
            end_table()
            out.blocks.append(s)

    pos, n = 0, len(data)
    while pos < n:
        m = _TOKEN.match(data, pos)
        if m is None:  # cannot happen: every byte matches one branch; be safe
            raise RtfError(f"unreadable bytes at offset {pos}")
        pos = m.end()
        word, param, hexbyte, symbol, brace, plain = m.groups()
        if brace == b"{":
            if len(stack) >= MAX_GROUP_DEPTH:
                raise RtfError(f"groups nested more than {MAX_GROUP_DEPTH} deep")
            stack.append(g)
            g = dataclasses.replace(g)
            to_skip = 0
            if data.startswith(b"\\*", pos):  # an optional destination this reader does not know
                g.skip = True
            continue
        if brace == b"}":
            if not stack:
                break
            g = stack.pop()
            to_skip = 0
            if not stack:
                break  # the document group closed: what follows (NULs, padding) is not RTF
            continue
        if word is not None:
            w = word.decode("ascii")
            if w == "bin" and param:  # binary data: skipped by its length, never parsed
                pos += max(0, int(param))
                continue
            if to_skip:
                to_skip -= 1
                continue
            if w in _SKIP:
                if w == "fonttbl":
                    g.in_fonttbl = True
                g.skip = True
                if w != "fonttbl":
                    continue
            if g.in_fonttbl:
                if w == "f" and param:
                    font_no = int(param)
                elif w == "fcharset" and param and font_no is not None and int(param) in _CHARSETS:
                    fonts[font_no] = _CHARSETS[int(param)]
                elif w == "cpg" and param and font_no is not None and int(param) not in (0, 1252):
                    fonts[font_no] = _codec(int(param))
                continue
            if w == "ansicpg" and param:
                default = _codec(int(param))
                continue
            if g.skip:
                continue
            if w == "uc" and param:
                g.uc = max(0, int(param))
            elif w == "u" and param:
                v = int(param)
                if not g.hidden:
                    add(chr(v + 65536 if v < 0 else v) if -32768 <= v <= 0x10FFFF else "")
                to_skip = g.uc
            elif w in ("deleted", "v"):
                g.hidden = param is None or int(param) != 0
            elif w == "plain":
                g.hidden = False
            elif w == "f" and param is not None:
                g.codec = fonts.get(int(param))
            elif w == "af" and param is not None:
                if g.dbch:
                    g.dbcodec = fonts.get(int(param))
            elif w in ("hich", "loch", "dbch"):
                g.dbch = w == "dbch"
            elif w in ("par", "sect", "page"):
                end_paragraph()
            elif w == "pard":
                in_table = False
            elif w == "intbl":
                in_table = True
            elif w == "cell":
                cell_parts.append(text())
                row_cells.append("\n".join(p for p in cell_parts if p.strip()))
                cell_parts = []
                in_table = True
            elif w == "row":
                tail = text()  # text after the last \cell (none in a well-formed row)
                if tail.strip():
                    row_cells.append(tail)
                if row_cells:
                    rows.append(Row(row_cells, defs))
                row_cells = []
                in_table = False
            elif w == "trowd":
                defs, cur = [], CellDef(0)
            elif w == "clmgf":
                cur.hmerge = "first"
            elif w == "clmrg":
                cur.hmerge = "cont"
            elif w == "clvmgf":
                cur.vmerge = "first"
            elif w == "clvmrg":
                cur.vmerge = "cont"
            elif w == "cellx" and param is not None:
                cur.right = int(param)
                defs.append(cur)
                cur = CellDef(0)
            elif w in _WORD_TEXT and not g.hidden:
                add(_WORD_TEXT[w])
            continue
        if hexbyte is not None:
            if to_skip:
                to_skip -= 1
                continue
            if g.skip or g.hidden:
                continue
            codec = g.codec or g.dbcodec or default
            if pending and codec != pending_codec:
                flush_bytes()
            pending_codec = codec
            pending.append(int(hexbyte, 16))
            continue
        if symbol is not None:
            s = symbol.decode("latin-1")
            if to_skip:
                to_skip -= 1
                continue
            if g.skip or s == "*":
                continue
            if s in ("\n", "\r"):  # `\` before a line end is \par
                end_paragraph()
            elif s in _SYMBOLS and not g.hidden:
                add(_SYMBOLS[s])
            continue
        if plain is not None:
            if g.skip:
                continue
            raw = plain
            if to_skip:
                k = min(to_skip, len(raw))
                raw, to_skip = raw[k:], to_skip - k
            if raw and not g.hidden:
                codec = "ascii" if raw.isascii() else (g.codec or g.dbcodec or default)  # 8-bit bytes: the code page's
                try:
                    add(raw.decode(codec))
                except UnicodeDecodeError as e:
                    raise RtfError(f"text that is not valid {codec} (at offset {m.start() + e.start})") from e
    if len(stack) > 1:
        raise RtfError(f"the file ends inside {len(stack)} open groups: it is truncated")
    last = text()
    if row_cells:
        rows.append(Row(row_cells, defs))
    end_table()
    if last.strip():
        out.blocks.append(last)
    return out
