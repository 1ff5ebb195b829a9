"""Namespaces. TEI for the document; TP for the pipeline's internal attributes
(source positions), which strip_internal removes before validation and output."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
TP_NS = "urn:x-tei-pipeline:internal"
XML_NS = "http://www.w3.org/XML/1998/namespace"

NSMAP = {None: TEI_NS}
XPATH_NS = {"tei": TEI_NS, "tp": TP_NS}

SRC = f"{{{TP_NS}}}src"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def tei(local: str) -> str:
    """Clark name of a TEI element: tei("p") -> '{http://www.tei-c.org/ns/1.0}p'."""
    return f"{{{TEI_NS}}}{local}"


@lru_cache(maxsize=4096)
def local_name(tag: object) -> str:
    """Local name of an element tag, '' for comments and processing instructions.
    Cached: a tree has few distinct tags and the transforms ask for them often."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def xpath_elements(node: etree._Element | etree._ElementTree, path: str) -> list[etree._Element]:
    """The elements an XPath (tei: and tp: prefixes) selects. The path must
    select elements only: lxml's stubs type every XPath result as any value."""
    return cast("list[etree._Element]", compiled(path)(node))


@lru_cache(maxsize=1024)
def compiled(path: str, prefixes: tuple[tuple[str, str], ...] = ()) -> etree.XPath:
    """The XPath compiled once per process (node.xpath() compiles it on every call);
    `prefixes` are its namespaces, tei: and tp: when none are given. lxml locks a
    compiled XPath while it runs, so threads may share it."""
    return etree.XPath(path, namespaces=dict(prefixes) if prefixes else XPATH_NS)
