"""Typed XPath helpers (tei: and tp: prefixes). lxml's stubs type every XPath
result as any value; these say what a path selects and keep only that."""

from __future__ import annotations

from typing import Any

from lxml import etree

from .ns import XPATH_NS, compiled

Node = etree._Element | etree._ElementTree


Prefixes = dict[str, str]


def nodes(
    node: Node | None, path: str, namespaces: Prefixes = XPATH_NS, **variables: Any
) -> list[Any]:
    """Whatever the path selects (elements, attribute values, texts); [] from None.
    `namespaces` are the path's prefixes (tei: and tp: unless told otherwise)."""
    prefixes = () if namespaces is XPATH_NS else tuple(sorted(namespaces.items()))
    found = [] if node is None else compiled(path, prefixes)(node, **variables)
    return list(found) if isinstance(found, list) else []


def elements(
    node: Node | None, path: str, namespaces: Prefixes = XPATH_NS, **variables: Any
) -> list[etree._Element]:
    """The elements the path selects (anything else it selects is left out); [] from None."""
    found = nodes(node, path, namespaces, **variables)
    return [v for v in found if isinstance(v, etree._Element)]


def strings(
    node: Node | None, path: str, namespaces: Prefixes = XPATH_NS, **variables: Any
) -> list[str]:
    """The attribute values and texts the path selects, as str; [] from None."""
    return [str(v) for v in nodes(node, path, namespaces, **variables) if isinstance(v, str)]


def number(node: Node, path: str) -> float:
    """The value of an XPath number expression (count(), sum())."""
    found = compiled(path)(node)
    return float(found) if isinstance(found, (int, float)) else 0.0
