"""Office files (.docx, .xlsx) are zip packages: their sizes are checked from the package's
directory before anything is unpacked, so a zip bomb or a gigabyte XML part is refused with a
reason (the limits are in `limits.py`). zipfile never unpacks more than a part's declared size,
so the declared sizes bound what is read."""

from __future__ import annotations

import zipfile
from typing import Callable

from ..errors import InputError
from . import limits


def _office_xml(name: str) -> bool:
    return "/media/" not in name and "/embeddings/" not in name  # those are kept as bytes, never parsed


def check_package(path: str, *, main_part: str, kind: str, suffix: str, not_zip: str,
                  xml: Callable[[str], bool] = _office_xml) -> None:
    """Refuse `path` unless it is a zip package holding `main_part` within every size bound;
    `kind` names the file in messages ("a Word document"), `not_zip` is the message for a file
    that is no zip at all; `xml` says which parts are parsed as XML (held to the XML part limit)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise InputError(path, not_zip) from e
    if main_part not in {i.filename for i in infos}:
        raise InputError(path, f"not {kind} (no {main_part} in the package)")
    for i in infos:
        _check_part(path, i, kind, xml(i.filename))
    total = sum(i.file_size for i in infos)
    if total > limits.MAX_DOCX_TOTAL:
        raise InputError(path, f"the {suffix} unpacks to {total >> 20} MB, more than the {limits.MAX_DOCX_TOTAL >> 20} MB "
                               f"{kind} may have")


def _check_part(path: str, info: zipfile.ZipInfo, kind: str, parsed: bool) -> None:
    name, size = info.filename, info.file_size
    if parsed and size > limits.MAX_DOCX_XML_PART:
        raise InputError(path, f"{name} unpacks to {size >> 20} MB, more than the {limits.MAX_DOCX_XML_PART >> 20} MB "
                               f"an XML part of {kind} may have (parsing it would take gigabytes)")
    if size > limits.RATIO_FLOOR and size > limits.MAX_DOCX_RATIO * max(info.compress_size, 1):
        raise InputError(path, f"{name} is packed {size // max(info.compress_size, 1)} times ({info.compress_size >> 10} KB "
                               f"unpack to {size >> 20} MB), more than the {limits.MAX_DOCX_RATIO} times a real document "
                               "packs: a zip bomb")
