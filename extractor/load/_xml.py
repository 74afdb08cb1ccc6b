"""XML parts of zip packages (OFD, OpenDocument) parsed safely: no DTD loaded, no entity
expanded, no network, no huge-tree mode (libxml2's own depth and size bounds hold)."""

from __future__ import annotations

from typing import Any


def parse_xml(data: bytes) -> Any:
    """The root element of `data`; `ValueError` (lxml's syntax error) for XML that is not well formed."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        raise ValueError(str(e)) from e
    if root is None:
        raise ValueError("no root element")
    return root


def read_xml_file(path: str, what: str) -> Any:
    """The root element of the XML file at `path` (a flat OpenDocument file, a Word 2003 XML
    document), held to the XML part limit before it is parsed; `InputError` naming `what` (e.g.
    "the Word XML document") when it is too big, or naming the syntax error when it is not XML."""
    import os

    from ..errors import InputError
    from . import limits

    size = os.path.getsize(path)
    if size > limits.MAX_DOCX_XML_PART:
        raise InputError(path, f"{what} is {size >> 20} MB, more than the "
                               f"{limits.MAX_DOCX_XML_PART >> 20} MB an XML document may have (parsing it would take gigabytes)")
    with open(path, "rb") as f:
        data = f.read()
    try:
        return parse_xml(data)
    except ValueError as e:
        raise InputError(path, f"not readable XML ({e})") from e
