"""Source positions of TEI elements: tp:src for trees read from plain text,
lxml's sourceline for trees parsed from TEI files."""

from __future__ import annotations

from typing import cast

from lxml import etree

from ..diagnostics import Location
from .ns import SRC


def location_of(element: etree._Element, fallback_path: str = "") -> Location:
    """The nearest recorded position of element or, failing that, of an ancestor."""
    node: etree._Element | None = element
    while node is not None:
        src = node.get(SRC)
        if src:
            return parse_src(src)
        node = node.getparent()
    return Location(fallback_path, source_line(element) or 0, 0)


def source_line(element: etree._Element) -> int | None:
    """lxml's sourceline of element (lxml-stubs leave it untyped)."""
    return cast("int | None", element.sourceline)


def parse_src(src: str) -> Location:
    path, line, column = src.rsplit(":", 2)
    return Location(path, int(line), int(column))


def shifted(location: Location, offset: int, text: str | None = None) -> Location:
    """The location `offset` characters further on. `text` is what starts at
    `location`: a line break in its first `offset` characters moves to the next
    line (a paragraph's text holds the newlines of the source)."""
    skipped = (text or "")[:offset]
    if "\n" not in skipped:
        return Location(location.path, location.line, location.column + offset)
    return Location(
        location.path, location.line + skipped.count("\n"), offset - skipped.rfind("\n")
    )
