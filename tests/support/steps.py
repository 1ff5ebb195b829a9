"""Counting the work a writer does, to test that it grows linearly (never by timing).

`steps(work)` runs `work()` and returns how many steps it took: every Python line
and call, every call into C, and what those C calls cost inside, which a count
of calls alone does not see: the children lxml's len(), index() and insert() walk
(they count from one end of the children), and the nodes under the context
node of every XPath. A writer that asks len() once per child, or runs an XPath
over the whole page once per heading, shows up as a quadratic count.

lxml's own element classes cannot be patched, so while `work()` runs every
element is made from subclasses that count (the default element class lookup,
and lxml.html's HtmlElement); both are restored afterwards.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from lxml import etree, html

_count = [0]


def _add(n: int) -> None:
    _count[0] += n


def _size(el: Any) -> int:
    found = etree._Element.xpath(el, "count(descendant::node())")
    return int(found) if isinstance(found, float) else 0


class _Counted:
    """The costly element methods, counting the children or nodes they walk."""

    def __len__(self) -> int:
        n = etree._Element.__len__(self)
        _add(n)
        return n

    def index(self, child: Any, *args: Any) -> int:
        k = etree._Element.index(self, child, *args)
        _add(k)
        return k

    def insert(self, index: int, element: Any) -> None:
        _add(abs(index))
        etree._Element.insert(self, index, element)

    def xpath(self, path: str, **kw: Any) -> Any:
        _add(_size(self))
        return etree._Element.xpath(self, path, **kw)


class CountedElement(_Counted, etree.ElementBase):
    pass


@contextmanager
def _counted_elements() -> Iterator[None]:
    names = ("__len__", "index", "insert", "xpath")
    saved = {name: html.HtmlElement.__dict__.get(name) for name in names}
    etree.set_element_class_lookup(etree.ElementDefaultClassLookup(element=CountedElement))
    for name in saved:
        setattr(html.HtmlElement, name, getattr(_Counted, name))
    try:
        yield
    finally:
        etree.set_element_class_lookup()
        for name, value in saved.items():
            if value is None:
                delattr(html.HtmlElement, name)
            else:
                setattr(html.HtmlElement, name, value)


def steps(work: Callable[[], object]) -> int:
    """The number of steps `work()` takes (see the module docstring)."""

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        _add(1)  # a call, then each line of it
        return trace

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "c_call":
            _add(1)

    _count[0] = 0
    with _counted_elements():
        sys.settrace(trace)
        sys.setprofile(profile)
        try:
            work()
        finally:
            sys.setprofile(None)
            sys.settrace(None)
    return _count[0]


def growth(make: Callable[[int], Callable[[], object]], n: int, factor: int = 4) -> float:
    """steps at size factor * n over steps at size n: near `factor` (or below, as
    fixed costs weigh less) for linear work, near factor squared for quadratic."""
    small, large = make(n), make(factor * n)
    small()  # warm up: imports and caches are not the work measured
    return steps(large) / steps(small)


TEI_NS = "http://www.tei-c.org/ns/1.0"


def demanding_tei(n: int) -> bytes:
    """A TEI document with n of each shape a writer once took quadratic time on:
    sibling paragraphs; sections with a heading inside one div without a heading
    (each heading's level asks every enclosing div for its head); the same person
    named in every section (ids m-p0, m-p0-2 ...) and n times in one paragraph
    (n context lines cut from one block); dates, foot notes and list items."""
    sections = "".join(
        f'<div><head>Part {i}</head><p>Part {i} names <persName ref="#p0">someone</persName> '
        f'on <date when="19{i % 100:02d}-05-01">a day</date>.<note place="foot">Note {i}.</note>'
        "</p></div>"
        for i in range(n)
    )
    names = " and ".join(f'<persName ref="#p0">name {i}</persName>' for i in range(n))
    items = "".join(f"<item>item {i}</item>\\n" for i in range(n))
    paragraphs = "".join(f"<p>Paragraph {i}.</p>" for i in range(n))
    return (
        f'<TEI xmlns="{TEI_NS}" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>Steps</title>'
        "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
        f"</fileDesc></teiHeader><text><body>{paragraphs}<div>{sections}</div><p>{names}.</p>"
        f'<list>{items}</list></body></text><standOff><listPerson><person xml:id="p0">'
        "<persName>Person</persName></person></listPerson></standOff></TEI>"
    ).encode()
