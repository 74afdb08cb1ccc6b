"""Zip archives a user brings (subordinates' reports zipped, CMS attachments): each member that is
a supported file is a report of its own, named `archive.zip/folder/member.pdf` (docs/inputs.md,
"Zip archives").

A folder walk (`load.walk`) lists an archive's members in place of the archive (`expand`); that
name is the member's `path` everywhere (JSON line, store, review queue), its content hash is the
member's bytes (`member_sha256`), so a re-run reuses each member's result like a file's.
`load("a.zip/x.pdf")` unpacks that one member to a temporary file named `member.pdf` (never under
its own name: member names are data, a `../../x` never reaches the disk) and reads it as a file.

Member names stored without the UTF-8 flag are in the packer's code page: Chinese Windows tools
write GBK, which zipfile decodes as cp437; the bytes are taken back and decoded as UTF-8 or GB18030.
Bounds (`limits.py`): members in the directory, the total unpacked size, each member's size and
packing ratio (a zip bomb), archives in archives (one level is read). An encrypted member, a
damaged one, or a member whose name climbs out of the archive fails naming the member; a broken
archive fails naming the archive; the rest of the batch goes on.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import tempfile
import threading
import zipfile
from collections import OrderedDict
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..errors import InputError
from . import limits

if TYPE_CHECKING:
    from ..document import Document
    from . import Walk

_SUFFIXES = {".zip"}
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Member:
    info: zipfile.ZipInfo
    #: the name as the packer meant it (GBK names decoded), and as shown in `archive.zip/<shown>`
    name: str
    shown: str
    #: why the name is refused (it climbs out of the archive, or is absolute), None: it is fine
    unsafe: str | None


def decoded_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its packer wrote it: with the UTF-8 flag (bit 11) zipfile's decoding
    holds; without it zipfile read the bytes as cp437, so they are taken back and read as UTF-8
    (tools that omit the flag) or GB18030 (GBK: Chinese Windows zip tools), else left as cp437."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    unicode_path = _unicode_path(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _unicode_path(extra: bytes, raw: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path extra field (0x7075: 7-Zip, Info-ZIP, WinRAR
    write it beside a code-page name), when its CRC says it belongs to this very name."""
    import zlib

    pos = 0
    while pos + 4 <= len(extra):
        tag, size = int.from_bytes(extra[pos:pos + 2], "little"), int.from_bytes(extra[pos + 2:pos + 4], "little")
        body = extra[pos + 4:pos + 4 + size]
        if tag == 0x7075 and len(body) > 5 and body[0] == 1 and int.from_bytes(body[1:5], "little") == zlib.crc32(raw):
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        pos += 4 + size
    return None


def _member(info: zipfile.ZipInfo) -> Member:
    name = decoded_name(info)
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    unsafe = None
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        unsafe = "an absolute path"
    elif ".." in parts:
        unsafe = "a path that climbs out of the archive (zip slip)"
    elif _CONTROL.search(name):
        unsafe = "control characters"
    shown = "/".join("‥" if p == ".." else _CONTROL.sub("?", p) for p in parts)
    return Member(info, name, shown, unsafe)


#: files read as containers of reports: zip archives, and e-mails with attachments (`load/mail.py`)
_CONTAINERS = _SUFFIXES | {".eml"}


def in_archive(path: str) -> tuple[str, str] | None:
    """(archive file, member name) when `path` names a member (`a.zip/dir/x.pdf`, or an e-mail's
    attachment `mail.eml/附件.docx`), else None."""
    for m in re.finditer(r"/", path):
        head = path[: m.start()]
        if Path(head).suffix.lower() in _CONTAINERS and os.path.isfile(head):
            return head, path[m.end():]
    return None


@contextmanager
def _open(path: str, shown: str) -> Iterator[zipfile.ZipFile]:
    """The archive open, its directory checked against the limits; `shown` names it in errors."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise InputError(shown, f"not a readable zip archive ({type(e).__name__}: {e})") from e
    with z:
        infos = z.infolist()
        if len(infos) > limits.MAX_ARCHIVE_MEMBERS:
            raise InputError(shown, f"the zip archive lists {len(infos)} members, more than the "
                                    f"{limits.MAX_ARCHIVE_MEMBERS} an archive may have")
        total = sum(i.file_size for i in infos)
        if total > limits.MAX_ARCHIVE_TOTAL:
            raise InputError(shown, f"the zip archive unpacks to {total >> 20} MB, more than the "
                                    f"{limits.MAX_ARCHIVE_TOTAL >> 20} MB an archive may have")
        yield z


def _members(z: zipfile.ZipFile) -> list[Member]:
    return [_member(i) for i in z.infolist() if not i.is_dir()]


def _is_archive(name: str) -> bool:
    return Path(name).suffix.lower() in _SUFFIXES


def _why_passed_over(shown: str) -> str | None:
    """Why a member is not read, as a folder walk says of a file (None: it is read)."""
    from . import _SKIP_NAMES, SUPPORTED

    parts = shown.split("/")
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return "hidden"
    if Path(parts[-1]).suffix.lower() not in SUPPORTED:
        return "not a supported type"
    if Path(parts[-1]).stem.lower().startswith(_SKIP_NAMES):
        return "not a report (readme, sources, licence, changelog)"
    return None


def expand(paths: list[str], out: "Walk") -> list[str]:
    """`paths` with each zip archive replaced by its members' names (`a.zip/x.pdf`), sorted, an
    archive in it by its own members; members passed over go to `out.skipped`. An archive that
    cannot be listed (broken, past a limit) or holds no report file stays, so that reading it
    gives a `failed` line saying why."""
    from . import mail

    result: list[str] = []
    for path in paths:
        if mail.is_mail(path) and os.path.isfile(path):
            try:
                result.extend(mail.list_members(path, path, out) or [path])
            except InputError:
                result.append(path)  # reading it says why
            continue
        if not (_is_archive(path) and os.path.isfile(path)):
            result.append(path)
            continue
        try:
            found = _list(path, path, 1, out)
        except InputError:
            found = []
        result.extend(found or [path])
    return result


def _list(path: str, shown: str, depth: int, out: "Walk") -> list[str]:
    from ._sniff import kind
    from .mail import is_mail, list_members

    if kind(path) != "zip":
        return []  # an office package or no zip at all under .zip: read as what it is
    found: list[str] = []
    with _open(path, shown) as z:
        for m in _members(z):
            name = f"{shown}/{m.shown}"
            reason = None if m.unsafe else _why_passed_over(m.shown)
            if reason:
                out.skip(reason, name)
            elif _is_archive(m.shown) and depth < limits.MAX_ARCHIVE_DEPTH and not _unreadable(m.info):
                try:
                    with _unpacked(z, m, name) as inner:
                        found.extend(_list(inner, name, depth + 1, out) or [name])
                except InputError:
                    found.append(name)  # reading it says why
            elif is_mail(m.shown) and depth < limits.MAX_ARCHIVE_DEPTH and not _unreadable(m.info):
                try:  # a mailbox exported as a zip of .eml files: each mail's attachments
                    with _unpacked(z, m, name) as inner:
                        found.extend(list_members(inner, name, out, depth + 1) or [name])
                except InputError:
                    found.append(name)
            else:
                found.append(name)
    return sorted(dict.fromkeys(found), key=Path)


def _unreadable(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & 0x1)


def _check(m: Member, name: str) -> None:
    """Refuse a member that cannot or must not be unpacked, naming it."""
    info = m.info
    if m.unsafe:
        raise InputError(name, f"the member's name {m.name!r} is {m.unsafe}: not read")
    if info.flag_bits & 0x1:
        raise InputError(name, "the member is encrypted (password-protected): it cannot be read without its "
                               "password; unpack it with the password and read the file")
    if info.file_size > limits.MAX_BYTES:
        raise InputError(name, f"the member unpacks to {info.file_size >> 20} MB, more than the "
                               f"{limits.MAX_BYTES >> 20} MB a file may have")
    packed = max(info.compress_size, 1)
    if info.file_size > limits.RATIO_FLOOR and info.file_size > limits.MAX_DOCX_RATIO * packed:
        raise InputError(name, f"the member is packed {info.file_size // packed} times ({info.compress_size >> 10} KB "
                               f"unpack to {info.file_size >> 20} MB), more than the {limits.MAX_DOCX_RATIO} times "
                               "a real file packs: a zip bomb")


@contextmanager
def _unpacked(z: zipfile.ZipFile, m: Member, name: str) -> Iterator[str]:
    """The member unpacked to a temporary file named `member<suffix>` (never its own name)."""
    _check(m, name)
    suffix = Path(m.shown).suffix.lower()
    suffix = suffix if _SAFE_SUFFIX.fullmatch(suffix) else ""
    tmp = tempfile.mkdtemp(prefix="xxgk-zip-")
    try:
        target = os.path.join(tmp, "member" + suffix)
        try:
            with z.open(m.info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)  # zipfile stops at the declared size
        except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, ValueError, EOFError, OSError,
                NotImplementedError) as e:
            raise InputError(name, f"the member cannot be unpacked ({type(e).__name__}: {e})") from e
        yield target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class _Unpacked:
    """Archives in archives unpacked once for all their members (a batch reads them one after the
    other: without this each member, and its hash, would unpack the whole inner archive again).
    At most `KEEP` are kept, keyed by the outer file's identity and the member; one in use is
    never removed; the rest go when the process ends."""

    KEEP = 2

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.files: OrderedDict[tuple, tuple[str, int]] = OrderedDict()  # key → (file, readers)
        self.folder: str | None = None

    def _evict(self) -> None:
        for key in [k for k, (_, readers) in self.files.items() if readers == 0][: max(0, len(self.files) - self.KEEP)]:
            file, _ = self.files.pop(key)
            with suppress(OSError):
                os.remove(file)

    @contextmanager
    def get(self, archive: str, z: zipfile.ZipFile, m: Member, name: str) -> Iterator[str]:
        st = os.stat(archive)
        key = (os.path.realpath(archive), st.st_size, st.st_mtime_ns, m.info.header_offset, m.shown)
        with self.lock:
            if key in self.files:
                file, readers = self.files[key]
                self.files[key] = (file, readers + 1)
                self.files.move_to_end(key)
            else:
                file = ""
        if not file:
            with _unpacked(z, m, name) as fresh, self.lock:
                if key in self.files:  # another thread unpacked it meanwhile: theirs is used
                    file, readers = self.files[key]
                    self.files[key] = (file, readers + 1)
                else:
                    if self.folder is None:
                        self.folder = tempfile.mkdtemp(prefix="xxgk-zips-")
                        atexit.register(shutil.rmtree, self.folder, True)
                    fd, file = tempfile.mkstemp(suffix=".zip", dir=self.folder)
                    os.close(fd)
                    shutil.move(fresh, file)
                    self.files[key] = (file, 1)
        try:
            yield file
        finally:
            with self.lock:
                file, readers = self.files[key]
                self.files[key] = (file, readers - 1)
                self._evict()


_NESTED = _Unpacked()


def _nested(archive: str, z: zipfile.ZipFile, m: Member, name: str) -> Any:
    """An archive in `archive` unpacked (kept for its next member: `_Unpacked`)."""
    return _NESTED.get(archive, z, m, name)


@contextmanager
def _member_file(path: str) -> Iterator[str]:
    """The member `path` names (`a.zip/x.pdf`, `a.zip/inner.zip/x.pdf`) unpacked to a temporary file."""
    where = in_archive(path)
    if where is None:
        raise InputError(path, "no such file")
    archive, rest = where
    if Path(archive).suffix.lower() not in _SUFFIXES:  # an e-mail's attachment
        from .mail import member_file

        with member_file(archive, rest, path, shown=archive, depth=1) as file:
            yield file
        return
    with _find(archive, archive, rest, 1, path) as file:
        yield file


@contextmanager
def _find(archive: str, shown: str, rest: str, depth: int, path: str) -> Iterator[str]:
    with _open(archive, shown) as z:
        members = _members(z)
        exact = [m for m in members if m.shown == rest]
        if exact:
            m = exact[-1]  # two members of one name: the last, as zipfile and unzip take
            if _is_archive(m.shown) and depth < limits.MAX_ARCHIVE_DEPTH:
                pass  # an archive named whole: reading it says what it holds (below)
            elif _is_archive(m.shown):
                _check(m, path)
                raise InputError(path, f"a zip archive inside a zip archive inside a zip archive: only "
                                       f"{limits.MAX_ARCHIVE_DEPTH - 1} level of archives in an archive is read; "
                                       "unpack it and read the folder")
            with _unpacked(z, m, path) as file:
                yield file
            return
        from .mail import is_mail, member_file

        for m in members:
            if is_mail(m.shown) and rest.startswith(m.shown + "/") and depth < limits.MAX_ARCHIVE_DEPTH:
                inner_name = f"{shown}/{m.shown}"
                with _unpacked(z, m, inner_name) as inner, member_file(inner, rest[len(m.shown) + 1:], path,
                                                                       shown=inner_name, depth=depth + 1) as file:
                    yield file
                return
            if _is_archive(m.shown) and rest.startswith(m.shown + "/"):
                inner_name = f"{shown}/{m.shown}"
                if depth >= limits.MAX_ARCHIVE_DEPTH:
                    raise InputError(path, "a zip archive inside a zip archive inside a zip archive: not read")
                with _nested(archive, z, m, inner_name) as inner, _find(inner, inner_name, rest[len(m.shown) + 1:],
                                                                        depth + 1, path) as file:
                    yield file
                return
    raise InputError(path, f"no member {rest!r} in the zip archive {shown}")


def member_sha256(path: str) -> str:
    """The content hash of the member `path` names (its bytes, as `file_sha256` gives for a file);
    `OSError` when it cannot be read (the batch then reads it and writes why it failed)."""
    try:
        with _member_file(path) as file:
            h = hashlib.sha256()
            with open(file, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            return h.hexdigest()
    except InputError as e:
        raise OSError(str(e)) from e


def copy_member(path: str, target: str) -> bool:
    """Write the bytes of the member `path` names to `target` (the gold export keeps a reviewed
    report as it was published); False when `path` names no readable member."""
    if os.path.lexists(path) or in_archive(path) is None:
        return False
    try:
        with _member_file(path) as file:
            shutil.copyfile(file, target)
        return True
    except (InputError, OSError):
        return False


def load_member(path: str) -> "Document":
    """Read the member `path` names as a file of its own; the `Document` and any error name `path`."""
    from . import load

    with _member_file(path) as file:
        try:
            doc = load(file)
        except InputError as e:
            raise InputError(path, e.problem.replace(file, path)) from e
    doc.path = path
    return doc


def load_archive(path: str) -> "Document":
    """A zip archive named as one document (`load("a.zip")`): never one report; says why, or what
    reading it as a folder gives."""
    from . import Walk

    out = Walk()
    found = _list(path, path, 1, out)  # raises a broken archive's or a limit's reason
    if not found:
        passed = sum(len(v) for v in out.skipped.values())
        raise InputError(path, f"the zip archive holds no file that can be read as a report ({passed} passed over)")
    raise InputError(path, f"a zip archive of {len(found)} files: each is read as a report of its own "
                           f"(`xxgk extract {os.path.basename(path)}`, or `extract_paths`), e.g. {found[0]}")


#: signatures of archive formats that are not read (no well-kept pure-Python reader)
_UNREAD = {b"Rar!\x1a\x07": "a RAR archive", b"7z\xbc\xaf\x27\x1c": "a 7z archive"}


def unread_archive(path: str) -> "Document":
    """A `.rar` or `.7z` file: never read (no well-kept pure-Python reader of either); the failure
    names the file, says what its bytes are and how to read the reports in it."""
    from ._sniff import NAMES, kind

    suffix = Path(path).suffix.lower()
    with open(path, "rb") as f:
        head = f.read(8)
    what = next((name for magic, name in _UNREAD.items() if head.startswith(magic)), None)
    if what is None:
        found = kind(path)
        if found == "zip":
            raise InputError(path, f"this {suffix} is a zip archive: rename it .zip to read the reports in it")
        shown = NAMES[found] if found else "not an archive its suffix names"
        raise InputError(path, f"this {suffix} is {shown}; rename it to its own suffix to read it")
    label = "RAR" if "RAR" in what else "7z"
    named = "" if suffix == f".{label.lower()}" else f" (this {suffix} is {what})"
    raise InputError(path, f"{label} archives are not read{named}; unpack it first and read the folder "
                           f"(e.g. `7z x {os.path.basename(path)}`), or repack it as .zip")
