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
