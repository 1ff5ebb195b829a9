"""Finding and wrapping spans of running text in a TEI tree.

Transforms that recognise something inside paragraphs (a footnote marker, a
quotation, a date) all need the same operation: find a pattern in the text
nodes of an element, and replace each match by an element. lxml keeps text in
`.text` and `.tail`, so this module hides that bookkeeping in one place.

A match never crosses an element boundary: a span broken by markup is not
recognised (a missing tag is better than a wrong one, ENCODING.md principle 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

from lxml import etree

from ..diagnostics import Location
from .builder import set_src
from .ns import SRC, TP_NS, local_name
from .positions import location_of, parse_src, shifted

Element = etree._Element
SPAN = f"{{{TP_NS}}}len"  # length in the source of the text an element replaced

# Elements whose text is never searched: notes are searched on their own, and
# already-recognised spans are not recognised again inside.
DEFAULT_SKIP = frozenset(
    {
        "note",
        "q",
        "date",
        "persName",
        "placeName",
        "orgName",
        "title",
        "num",
        "measure",
        "hi",
        "bibl",
        "idno",
        "label",
    }
)


@dataclass
class Slot:
    """One text node: the `.text` of `owner`, or its `.tail`."""

    owner: Element
    is_tail: bool

    def get(self) -> str:
        return (self.owner.tail if self.is_tail else self.owner.text) or ""

    def set(self, value: str) -> None:
        if self.is_tail:
            self.owner.tail = value
        else:
            self.owner.text = value

    def location(self, offset: int) -> Location:
        """Best-known source position of character `offset` of this text node."""
        owner = self.owner
        src = owner.get(SRC)
        if src and not self.is_tail:
            return shifted(parse_src(src), offset, self.get())
        if src and self.is_tail and owner.get(SPAN):
            span = int(owner.get(SPAN) or 0)
            return shifted(parse_src(src), span + offset, " " * span + self.get())
        anchor = owner.getparent() if self.is_tail else owner
        return location_of(anchor if anchor is not None else owner)


def text_slots(root: Element, skip: frozenset[str] = DEFAULT_SKIP) -> Iterator[Slot]:
    """Every text node inside root, in document order, not inside a skipped element."""
    yield Slot(root, False)
    for child in root:
        if not isinstance(child.tag, str):
            yield Slot(child, True)
            continue
        if local_name(child.tag) not in skip:
            yield from text_slots(child, skip)
        yield Slot(child, True)


Builder = Callable[[re.Match[str], Location], Element | None]


def wrap_matches(
    root: Element,
    pattern: re.Pattern[str],
    build: Builder,
    skip: frozenset[str] = DEFAULT_SKIP,
    group: int | str = 0,
) -> int:
    """Replace every match of pattern in root's text by the element build() returns.

    With `group`, only that group of each match is replaced; the rest of the
    match (say, quotation marks around it) stays as text beside the element.

    build gets the match and its source location; it returns the element that
    stands for the matched text (with whatever content it wants), or None to
    leave that match alone. Returns the number of matches replaced.
    """
    count = 0
    for slot in list(text_slots(root, skip)):
        count += _wrap_in_slot(slot, pattern, build, group)
    return count


def _wrap_in_slot(slot: Slot, pattern: re.Pattern[str], build: Builder, group: int | str) -> int:
    count = 0
    base = 0  # offset of the current slot's text within the original text node
    origin = slot
    position = 0
    while True:
        text = slot.get()
        match = pattern.search(text, position)
        if match is None:
            return count
        start, end = match.span(group)
        element = build(match, origin.location(base + start))
        if element is None:
            position = match.end()
            continue
        if element.get(SRC) is None:
            set_src(element, origin.location(base + start))
        element.set(SPAN, str(end - start))
        slot.set(text[:start])
        element.tail = text[end:]
        insert_after_slot(slot, element)
        base += end
        slot, position = Slot(element, True), match.end() - end
        count += 1


def insert_after_slot(slot: Slot, element: Element) -> None:
    """Put element right after the text node `slot` (its text stays before it)."""
    if slot.is_tail:
        parent = slot.owner.getparent()
        assert parent is not None
        parent.insert(parent.index(slot.owner) + 1, element)
    else:
        slot.owner.insert(0, element)


def string_value(element: Element) -> str:
    """All text inside element, in order (XPath string())."""
    # text and tails of a parsed tree are str; lxml's stubs also allow bytes
    return "".join(cast("Iterator[str]", element.itertext()))
