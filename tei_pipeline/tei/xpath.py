"""Typed XPath helpers (tei: and tp: prefixes). lxml's stubs type every XPath
result as any value; these say what a path selects and keep only that."""

from __future__ import annotations

from typing import Any

from lxml import etree

from .ns import XPATH_NS

Node = etree._Element | etree._ElementTree


def elements(node: Node, path: str, **variables: Any) -> list[etree._Element]:
    """The elements the path selects (anything else it selects is left out)."""
    found = node.xpath(path, namespaces=XPATH_NS, **variables)
    return [v for v in found if isinstance(v, etree._Element)] if isinstance(found, list) else []


def strings(node: Node, path: str, **variables: Any) -> list[str]:
    """The attribute values and texts the path selects, as str."""
    found = node.xpath(path, namespaces=XPATH_NS, **variables)
    return [str(v) for v in found if isinstance(v, str)] if isinstance(found, list) else []


def number(node: Node, path: str) -> float:
    """The value of an XPath number expression (count(), sum())."""
    found = node.xpath(path, namespaces=XPATH_NS)
    return float(found) if isinstance(found, (int, float)) else 0.0
