"""Building TEI elements: one small factory so every element carries its source position."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..diagnostics import Location
from .ns import NSMAP, SRC, tei

Element = etree._Element


def make(
    name: str,
    text: str | None = None,
    *,
    src: Location | None = None,
    children: Iterable[Element] = (),
    **attrs: str | None,
) -> Element:
    """A TEI element `name` with text, children and attributes.

    Attribute names use TEI spelling; a trailing underscore is dropped so that
    Python keywords can be given (`type_="main"`). None values are skipped.
    """
    element = etree.Element(tei(name), nsmap=NSMAP)  # type: ignore[arg-type]
    for key, value in attrs.items():
        if value is not None:
            element.set(key.rstrip("_"), value)
    if text:
        element.text = text
    for child in children:
        element.append(child)
    if src is not None:
        set_src(element, src)
    return element


def sub(parent: Element, name: str, text: str | None = None, **kwargs: object) -> Element:
    """Like make(), appended to parent."""
    child = make(name, text, **kwargs)  # type: ignore[arg-type]
    parent.append(child)
    return child


def set_src(element: Element, location: Location) -> None:
    """Record where in the source an element comes from, as tp:src="path:line:col"."""
    element.set(SRC, f"{location.path}:{location.line}:{max(location.column, 1)}")


def append_text(element: Element, text: str) -> None:
    """Append text at the end of element's content (after its last child, if any)."""
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def drop(node: Element) -> None:
    """Remove an element (of any lxml tree) but keep its tail text in place."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def standoff_of(doc: etree._ElementTree) -> Element:
    """The document's standOff, made right after `text` (or at the end of the
    root) when it has none: register copies and recognised places share it."""
    root = doc.getroot()
    existing = root.find(tei("standOff"))
    if existing is not None:
        return existing
    standoff = make("standOff")
    text = root.find(tei("text"))
    if text is not None:
        text.addnext(standoff)
    else:
        root.append(standoff)
    return standoff
