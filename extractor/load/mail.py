"""E-mail messages saved as files (`.eml`, RFC 822): a subordinate's report sent as the mail's
body or attached to it (docs/inputs.md, "E-mail messages").

A mail is read as a container, like a zip archive (`load/archive.py`): each attachment that is a
supported file is a report of its own, named `mail.eml/附件名.docx` (a zip attached is read one
level down, `mail.eml/报告.zip/x.pdf`); the body (its `text/html` part, else its `text/plain`
part, quoted-printable or base64, in the charset the part names: GB2312/GBK read as GB18030) is
the document `mail.eml` when the mail has no readable attachment, or when it is long enough to be
a report itself (`BODY_REPORT_CHARS`): a covering note ("请查收附件") is not read.

Names are data: an attachment's name (RFC 2047 `=?GBK?B?…?=`, RFC 2231 `filename*=`, or raw
GBK bytes) is decoded, cut to its last path component (a `../../x` or `C:\\x` names `x`), its
control characters shown as `?`; a part without a name is `附件N` with its content type's
suffix; two attachments of one name are told apart (`名 (2).docx`). An attachment is unpacked
to a temporary file named `member<suffix>`, never under its own name. Images shown in the body
(`Content-ID`, not an attachment: logos, signatures) are not reports and are not read. Bounds
(`limits.py`): the mail's size (`MAX_BYTES`), its parts (`MAX_ARCHIVE_MEMBERS`), multipart
nesting (`MAX_MAIL_DEPTH`), each attachment decoded (`MAX_BYTES`).
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from email.header import decode_header
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import InputError
from . import limits

if TYPE_CHECKING:
    from ..document import Document
    from . import Walk

MAIL_SUFFIXES = {".eml"}
#: a body with at least this many characters (spaces not counted) is read as a report even beside
#: attachments; a covering note has a few dozen, a report's text thousands
BODY_REPORT_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
#: charsets Chinese mail clients name, read as the superset they are part of
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030"}
#: suffixes for an attachment without a name, by content type
_TYPE_SUFFIX = {
    "application/pdf": ".pdf", "application/msword": ".doc", "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/zip": ".zip", "application/x-zip-compressed": ".zip", "text/html": ".html",
    "application/rtf": ".rtf", "text/rtf": ".rtf", "image/png": ".png", "image/jpeg": ".jpg",
    "application/ofd": ".ofd", "text/plain": ".txt",
}


class _RawHeaders(email.policy.Compat32):
    """compat32, but a header is given as written: 8-bit bytes (an old webmail's GBK file name)
    stay as surrogates that `decoded` reads, not a `Header` of replacement characters."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_RAW_HEADERS = _RawHeaders()


@dataclass
class Attachment:
    part: Message
    #: the name shown in `mail.eml/<shown>` (decoded, one path component, unique in the mail)
    shown: str


@dataclass
class Mail:
    body: Message | None
    attachments: list[Attachment]


def is_mail(path: str) -> bool:
    return Path(path).suffix.lower() in MAIL_SUFFIXES


def _parse(path: str, shown: str) -> Mail:
    size = os.path.getsize(path)
    if size > limits.MAX_BYTES:
        raise InputError(shown, f"the e-mail is {size >> 20} MB, more than the {limits.MAX_BYTES >> 20} MB a file may have")
    with open(path, "rb") as f:
        data = f.read()
    if not data.strip():
        raise InputError(shown, "empty file")
    try:
        msg = email.message_from_bytes(data, policy=_RAW_HEADERS)
        parts = _walk(msg, shown)
    except RecursionError as e:
        raise InputError(shown, "the e-mail's parts are nested too deep to be read") from e
    if not any(k.lower() in ("from", "to", "subject", "date", "mime-version", "content-type", "received", "message-id")
               for k in msg.keys()):
        raise InputError(shown, "not an e-mail message (no mail headers such as From, To, Subject)")
    body: Message | None = None
    plain: Message | None = None
    attachments: list[Attachment] = []
    taken: set[str] = set()
    for part in parts:
        if part.is_multipart():
            continue
        if _is_attachment(part):
            if _in_body(part):
                continue  # an image shown in the body (logo, signature): not a report
            attachments.append(Attachment(part, _unique(_name(part, len(attachments) + 1), taken)))
        elif part.get_content_type() == "text/html" and body is None:
            body = part
        elif part.get_content_type() == "text/plain" and plain is None:
            plain = part
    return Mail(body if body is not None else plain, attachments)


def _walk(msg: Message, shown: str) -> list[Message]:
    """Every part (a forwarded mail's too), at most `MAX_ARCHIVE_MEMBERS`, nested at most
    `MAX_MAIL_DEPTH` deep; without recursion, so no nesting can exhaust the stack."""
    out: list[Message] = []
    stack: list[tuple[Message, int]] = [(msg, 0)]
    while stack:
        part, depth = stack.pop()
        if depth > limits.MAX_MAIL_DEPTH:
            raise InputError(shown, f"the e-mail's parts are nested more than {limits.MAX_MAIL_DEPTH} deep "
                                    "(a mail client nests a few)")
        out.append(part)
        if len(out) > limits.MAX_ARCHIVE_MEMBERS:
            raise InputError(shown, f"the e-mail has more than {limits.MAX_ARCHIVE_MEMBERS} parts")
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend((p, depth + 1) for p in reversed(payload) if isinstance(p, Message))
    return out


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    return disposition == "attachment" or part.get_param("filename", header="content-disposition") is not None \
        or part.get_param("name") is not None


def _in_body(part: Message) -> bool:
    """An inline part the body shows (`cid:`): has a Content-ID and is not marked an attachment."""
    disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    return part.get("Content-ID") is not None and disposition != "attachment" and part.get_content_maintype() == "image"


def decoded(value: str) -> str:
    """A header value's RFC 2047 encoded words decoded (GB2312/GBK as GB18030); raw 8-bit bytes
    (which compat32 keeps as surrogates) read as UTF-8 or GB18030."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        raw = value.encode("ascii", "surrogateescape")
        for encoding in ("utf-8", "gb18030"):
            try:
                value = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if "=?" not in value:
        return value
    out = []
    try:
        pieces = decode_header(value)
    except Exception:  # a malformed encoded word: shown as written
        return value
    for text, charset in pieces:
        if isinstance(text, str):
            out.append(text)
            continue
        name = _SUPERSET.get((charset or "").lower(), charset or "utf-8")
        try:
            out.append(text.decode(name))
        except (LookupError, UnicodeDecodeError):
            out.append(text.decode("gb18030", "replace"))
    return "".join(out)


def _name(part: Message, n: int) -> str:
    """The attachment's name as its sender meant it, one path component, no control characters."""
    raw = part.get_filename() or part.get_param("name")
    if isinstance(raw, tuple):  # an RFC 2231 value compat32 did not collapse
        raw = email.utils.collapse_rfc2231_value(raw)
    name = decoded(str(raw)) if raw else ""
    name = name.replace("\\", "/").split("/")[-1].strip()
    name = _CONTROL.sub("?", name)
    if name in ("", ".", ".."):
        name = f"附件{n}{_TYPE_SUFFIX.get(part.get_content_type(), '')}"
    return name


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = os.path.splitext(name)
    shown, k = name, 1
    while shown in taken:
        k += 1
        shown = f"{stem} ({k}){suffix}"
    taken.add(shown)
    return shown


def _payload(att: Attachment, name: str) -> bytes:
    payload = att.part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        raise InputError(name, "the attachment is empty")
    if len(payload) > limits.MAX_BYTES:
        raise InputError(name, f"the attachment is {len(payload) >> 20} MB, more than the "
                               f"{limits.MAX_BYTES >> 20} MB a file may have")
    return payload


def _body_text(path: str, part: Message) -> str:
    """The body's decoded text (for the listing's question: is it a report?)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = _decode(path, payload[: limits.MAX_HTML_BYTES], part.get_content_charset())[0]
    if part.get_content_type() == "text/html":
        text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>|<[^>]*>|&[a-z#0-9]+;", "", text)
    return re.sub(r"\s+", "", text)


def _body_is_report(path: str, mail: Mail, readable: int) -> bool:
    if mail.body is None:
        return False
    return readable == 0 or len(_body_text(path, mail.body)) >= BODY_REPORT_CHARS


def _decode(path: str, payload: bytes, charset: str | None) -> tuple[str, str]:
    from .mht import _decode as decode_part  # the web archive's rules: UTF-8 first, then the label

    return decode_part(path, payload, _SUPERSET.get((charset or "").lower(), charset))


# ------------------------------------------------------------------ the folder walk


def list_members(path: str, shown: str, out: "Walk", depth: int = 1) -> list[str]:
    """What a folder walk reads of the mail at `path` (named `shown`, `depth` containers down):
    its readable attachments (`shown/附件名.docx`, an attached zip's members one level down while
    `MAX_ARCHIVE_DEPTH` allows) and the mail itself when its body is a report (see the module).
    Raises `InputError` for a mail that cannot be parsed."""
    from . import archive

    mail = _parse(path, shown)
    found: list[str] = []
    for att in mail.attachments:
        name = f"{shown}/{att.shown}"
        reason = archive._why_passed_over(att.shown)
        if reason:
            out.skip(reason, name)
        elif archive._is_archive(att.shown) and depth < limits.MAX_ARCHIVE_DEPTH:
            try:
                with _unpacked(att, name) as inner:
                    found.extend(archive._list(inner, name, depth + 1, out) or [name])
            except InputError:
                found.append(name)  # reading it says why
        else:
            found.append(name)
    if _body_is_report(path, mail, len(found)):
        found.insert(0, shown)
    elif mail.body is not None:
        out.skip("the e-mail's body is a covering note (its attachments are read)", shown)
    return found


@contextmanager
def _unpacked(att: Attachment, name: str) -> Iterator[str]:
    """The attachment decoded to a temporary file named `member<suffix>` (never its own name)."""
    data = _payload(att, name)
    suffix = Path(att.shown).suffix.lower()
    suffix = suffix if _SAFE_SUFFIX.fullmatch(suffix) else ""
    tmp = tempfile.mkdtemp(prefix="xxgk-mail-")
    try:
        target = os.path.join(tmp, "member" + suffix)
        with open(target, "wb") as f:
            f.write(data)
        yield target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def member_file(mail_path: str, rest: str, path: str, *, shown: str, depth: int) -> Iterator[str]:
    """The attachment `rest` names (`附件.docx`, or `报告.zip/x.pdf` inside an attached zip) of the
    mail at `mail_path` (named `shown`, `depth` containers down), unpacked to a temporary file;
    errors name `path`."""
    from . import archive

    mail = _parse(mail_path, shown)
    for att in reversed(mail.attachments):
        if att.shown == rest:
            if archive._is_archive(att.shown) and depth >= limits.MAX_ARCHIVE_DEPTH:
                raise InputError(path, "a zip archive attached to an e-mail inside a zip archive: only one level of "
                                       "containers inside a container is read; unpack it and read the folder")
            with _unpacked(att, path) as file:
                yield file
            return
    for att in mail.attachments:
        if archive._is_archive(att.shown) and rest.startswith(att.shown + "/") and depth < limits.MAX_ARCHIVE_DEPTH:
            inner_name = f"{shown}/{att.shown}"
            with _unpacked(att, inner_name) as inner, archive._find(inner, inner_name, rest[len(att.shown) + 1:],
                                                                      depth + 1, path) as file:
                yield file
            return
    raise InputError(path, f"no attachment {rest!r} in the e-mail {shown}")


# ------------------------------------------------------------------ the body as a document


def load_mail(path: str) -> "Document":
    """The mail's body as a document (`mail.eml`); a mail whose body is a covering note of its
    attachments says so (its attachments are read as `mail.eml/附件名`)."""
    from ..document import Document
    from ._common import bytes_sha256, file_sha256
    from .html import html_document

    mail = _parse(path, path)
    readable = [a for a in mail.attachments if _readable_name(a.shown)]
    if not _body_is_report(path, mail, len(readable)):
        if readable:
            raise InputError(path, f"an e-mail with {len(readable)} attachment(s): each is read as a report of its own "
                                   f"(`xxgk extract` on it, or `extract_paths`), e.g. {path}/{readable[0].shown}")
        if mail.attachments:
            names = ", ".join(a.shown for a in mail.attachments[:3])
            raise InputError(path, f"the e-mail has no body and no attachment that can be read as a report ({names})")
        raise InputError(path, "the e-mail has no text body and no attachment")
    assert mail.body is not None
    payload = mail.body.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise InputError(path, "the e-mail's body is empty")
    if len(payload) > limits.MAX_HTML_BYTES:
        raise InputError(path, f"the e-mail's body is {len(payload) >> 20} MB, more than the "
                               f"{limits.MAX_HTML_BYTES >> 20} MB a report page may have")
    text, encoding = _decode(path, payload, mail.body.get_content_charset())
    if mail.body.get_content_type() == "text/html":
        doc = html_document(path, payload, text, encoding)
    else:
        doc = Document(path=path, text=text.replace("\r\n", "\n"), format="txt", sha256=bytes_sha256(payload),
                       encoding=encoding)
    doc.sha256 = file_sha256(path)
    return doc


def _readable_name(shown: str) -> bool:
    from . import archive

    return archive._why_passed_over(shown) is None
