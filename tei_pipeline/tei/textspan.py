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
from collections.abc import Callable, Iterable, Iterator
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


@dataclass(slots=True)
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
    clue: str | re.Pattern[str] | None = None,
) -> int:
    """Replace every match of pattern in root's text by the element build() returns.

    With `group`, only that group of each match is replaced; the rest of the
    match (say, quotation marks around it) stays as text beside the element.
    `clue` is a string in the text node of every match ("_" for underscores): a
    root whose text lacks it is not searched at all (most paragraphs have no such
    mark, and a pattern searched text node by text node costs more than one `in`).
    A clue that is a pattern is searched for in each text node (its look-arounds
    must not see the next node's characters): cheaper than `pattern` there, and
    found wherever `pattern` would be.

    build gets the match and its source location; it returns the element that
    stands for the matched text (with whatever content it wants), or None to
    leave that match alone. Returns the number of matches replaced.
    """
    if isinstance(clue, str) and clue not in string_value(root):
        return 0
    count = 0
    for slot in list(text_slots(root, skip)):
        if isinstance(clue, re.Pattern) and clue.search(slot.get()) is None:
            continue
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


def collapsed(element: Element | None) -> str:
    """All text inside element with whitespace runs collapsed to one space ("" for None)."""
    return " ".join(string_value(element).split()) if element is not None else ""


# --- text runs: the text nodes of an element joined across lb -------------------------
#
# The slot engine above finds a pattern inside one text node; a run joins an
# element's text nodes across its lb children, so a name, date or number broken
# by a line break is found and wrapped whole (names, dates, numbers, suggest).

# Elements whose content is never searched: names, dates and numbers already
# recognised, identifiers, and letter-spaced words (closed up: their text is
# not the source's). Comments and processing instructions have no text to search.
RECOGNISED = frozenset(
    {
        "persName",
        "placeName",
        "orgName",
        "name",
        "rs",
        "roleName",
        "date",
        "time",
        "num",
        "measure",
        "idno",
    }
)


def default_skip(element: Element) -> bool:
    """True for elements whose content is not searched (see RECOGNISED)."""
    name = local_name(element.tag)
    return name in RECOGNISED or (name == "hi" and element.get("rend") == "letterspaced")


@dataclass(slots=True)
class Run:
    """The text nodes of one element joined across lb children by "\\n".

    `slots[k]` starts at `starts[k]` in `text`. A run never crosses any element
    but lb, so a match in it can be wrapped without breaking the tree.
    """

    slots: list[Slot]
    text: str
    starts: list[int]

    def locate(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """(slot index, offset in that slot) of a run offset. An end offset at a
        slot boundary belongs to the slot before it, a start offset to the one after."""
        index = 0
        for k, start in enumerate(self.starts):
            if start < offset or (start == offset and not end):
                index = k
        return index, offset - self.starts[index]

    def location(self, offset: int, fallback: str = "") -> Location:
        """Best-known source position of the character at `offset`."""
        index, local = self.locate(offset)
        return slot_location(self.slots[index], local, fallback)


def text_runs(root: Element, skip: Callable[[Element], bool] = default_skip) -> list[Run]:
    """Every run inside root (root's own text included), in document order."""
    runs: list[Run] = []
    _collect(root, skip, runs)
    return runs


def _collect(element: Element, skip: Callable[[Element], bool], runs: list[Run]) -> None:
    # the hottest walk of the transforms (every recogniser builds its runs anew):
    # texts are read as the slots are made, and lb is told by its tag's end
    slots = [Slot(element, False)]
    texts = [element.text or ""]
    for child in element:
        tag = child.tag
        named = isinstance(tag, str)
        if named and (tag.endswith("}lb") or tag == "lb"):  # local_name(tag) == "lb"
            slots.append(Slot(child, True))
            texts.append(child.tail or "")
            continue
        runs.append(_run(slots, texts))
        if named and not skip(child):
            _collect(child, skip, runs)
        slots = [Slot(child, True)]
        texts = [child.tail or ""]
    runs.append(_run(slots, texts))


def _run(slots: list[Slot], texts: list[str]) -> Run:
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return Run(slots, "\n".join(texts), starts)


def slot_location(slot: Slot, offset: int, fallback: str = "") -> Location:
    """Source position of character `offset` of a text node."""
    owner = slot.owner
    src = owner.get(SRC)
    # a paragraph's text holds the source's newlines: shifted() follows them
    if src and not slot.is_tail:
        return shifted(parse_src(src), offset, slot.get())
    if src and slot.is_tail and local_name(owner.tag) == "lb":
        # an lb stands at the start of its line
        return shifted(parse_src(src), offset, slot.get())
    if src and slot.is_tail and owner.get(SPAN):
        span = int(owner.get(SPAN) or 0)
        return shifted(parse_src(src), span + offset, " " * span + slot.get())
    anchor = owner.getparent() if slot.is_tail else owner
    return location_of(anchor if anchor is not None else owner, fallback)


def wrap_spans(run: Run, spans: Iterable[tuple[int, int, Element]]) -> list[Element]:
    """Put each element around its [start, end) of the run; spans must not overlap.

    An element over a line break takes the lb inside it (TEI allows lb in every
    phrase-level element). The elements get tp:src; those within one line also
    the length of the text they hold (tp:len), as wrap_matches() gives them.
    Returns the elements in document order.
    """
    ordered = sorted(spans, key=lambda span: span[0])
    for start, end, element in reversed(ordered):
        if element.get(SRC) is None:
            set_src(element, run.location(start))
        _wrap_one(run, start, end, element)
    return [element for _, _, element in ordered]


def _wrap_one(run: Run, start: int, end: int, element: Element) -> None:
    first, local_start = run.locate(start)
    last, local_end = run.locate(end, end=True)
    slot = run.slots[first]
    text = slot.get()
    if first == last:
        element.text = text[local_start:local_end]
        element.tail = text[local_end:]
        element.set(SPAN, str(end - start))
        slot.set(text[:local_start])
        insert_after_slot(slot, element)
        return
    element.text = text[local_start:]
    slot.set(text[:local_start])
    insert_after_slot(slot, element)
    for k in range(first + 1, last + 1):
        element.append(run.slots[k].owner)  # the lb moves in with its tail
    last_break = run.slots[last].owner
    rest = last_break.tail or ""
    last_break.tail = rest[:local_end]
    element.tail = rest[local_end:]
