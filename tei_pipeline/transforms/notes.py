"""Notes: move each note of the source to its marker in the text.

The reader leaves a trailing notes block as endnotes in back/div[@type='notes'],
and a notes block inside the text (after a chapter, a letter, a paragraph) as
`note` elements where it stood, marked tp:pending. This transform finds each
note's marker in the text since the previous notes block, in order, removes it
from the running text and puts the note there; the marker is kept in @n
(ENCODING.md, "a notes block"). Marker shapes: `word[1]`, `word[A]`, `[2]_`
(reStructuredText), `(1)`, `word¹`, `word*`, `word†`, and, for a `1. text`
block only, a number glued to a word or punctuation (`East.1`).

Before::

    <p>... to the oppressed peoples of the East.1</p>
    ...
    <back><div type="notes"><note place="end" n="1">Source: ...</note></div></back>

After::

    <p>... to the oppressed peoples of the East.<note place="foot" n="1">Source: ...</note></p>

Each text node is searched once, with one pattern for all the notes of a block,
so the work grows with the length of the text, not with text times notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from lxml import etree

from ..readers.plaintext.markers import (
    CLOSE,
    OPEN,
    PENDING,
    WARNED,
    has_markers,
    marker_label,
    marker_pattern,
)
from ..tei.builder import drop
from ..tei.ns import local_name, xpath_elements
from ..tei.positions import location_of
from ..tei.textspan import DEFAULT_SKIP, Slot, insert_after_slot
from .base import Context, Transform

Element = etree._Element
__all__ = ["NotesTransform", "has_markers"]  # has_markers: re-exported for older imports


@dataclass
class Group:
    """The notes of one notes block and the text nodes before it that hold their markers."""

    notes: list[Element] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)


# Where one note goes: the text node of its marker, the marker, the note.
Placement = tuple[Slot, re.Match[str], Element]


class NotesTransform(Transform):
    """Attach every note of the source to its marker."""

    name = "notes"
    priority = 100

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        text = doc.find(".//{http://www.tei-c.org/ns/1.0}text")
        if text is None:
            return
        blocks = xpath_elements(doc, "//tei:back/tei:div[@type='notes']")
        groups = list(_groups(text))
        placements: list[Placement] = []
        seen: list[Slot] = []
        for group in groups:
            seen.extend(group.slots)
            # reStructuredText cites a footnote anywhere before it (one pass per such block)
            slots = seen if "rst" in _shapes(group) else group.slots
            placements.extend(_match(group, slots, ctx))
        _place(placements)
        for block in blocks:
            _tidy_block(block)


def _shapes(group: Group) -> frozenset[str]:
    return frozenset(shape for note in group.notes for shape in (note.get(PENDING) or "").split())


def _groups(text: Element) -> Iterator[Group]:
    """Notes blocks in document order, each with the text nodes since the last."""
    current = Group()
    for item in _stream(text):
        if isinstance(item, Slot):
            if current.notes and item.get().strip():
                yield current
                current = Group()
            current.slots.append(item)
        else:
            current.notes.append(item)
    if current.notes:
        yield current


def _stream(root: Element) -> Iterator[Slot | Element]:
    """Text nodes and waiting notes inside root, in document order."""
    yield Slot(root, False)
    for child in root:
        if isinstance(child.tag, str) and child.get(PENDING) is not None:
            yield child  # its tail is blank: notes stand between blocks
            continue
        if isinstance(child.tag, str) and local_name(child.tag) not in DEFAULT_SKIP:
            yield from _stream(child)
        yield Slot(child, True)


def _match(group: Group, slots: list[Slot], ctx: Context) -> list[Placement]:
    """Each note of the group with the first marker of its label after the
    previous note's marker; the rest are reported and stay where they stood."""
    pattern = marker_pattern(_shapes(group))
    pending = group.notes
    labels = {note.get("n") for note in pending}
    placements: list[Placement] = []
    for slot in slots:
        text = slot.get()
        for found in pattern.finditer(text) if text else ():
            marker = marker_label(found)
            if marker is None:
                continue
            if len(placements) < len(pending) and marker[1] == pending[len(placements)].get("n"):
                placements.append((slot, found, pending[len(placements)]))
            elif marker[0] in WARNED and marker[1] in labels and marker[0] != "rst":
                ctx.reporter.report(
                    "n-003",
                    slot.location(found.start()),
                    f"marker {found[0]} has no note after it in this notes block",
                )
    for note in pending[len(placements) :]:
        ctx.reporter.report(
            "n-001",
            location_of(note, ctx.shown_as),
            f"note {note.get('n')} has no marker in the text before it",
        )
        _give_back(note)
    return placements


def _place(placements: list[Placement]) -> None:
    """Cut each text node at its markers and put the notes there (one pass per node)."""
    by_slot: dict[tuple[int, bool], list[Placement]] = {}
    for placement in placements:
        slot = placement[0]
        by_slot.setdefault((id(slot.owner), slot.is_tail), []).append(placement)
    for taken in by_slot.values():
        taken.sort(key=lambda placement: placement[1].start())
        slot = taken[0][0]
        text = slot.get()
        slot.set(text[: taken[0][1].start()])
        for index, (_, found, note) in enumerate(taken):
            stop = taken[index + 1][1].start() if index + 1 < len(taken) else len(text)
            drop(note)  # keeps whatever followed the note where it stood
            note.tail = text[found.end() : stop]
            note.set("place", "foot")
            _unset(note, PENDING, OPEN, CLOSE)
            if index == 0:
                insert_after_slot(slot, note)
            else:  # right after the note before: no search for its place among the siblings
                taken[index - 1][2].addnext(note)


def _give_back(note: Element) -> None:
    """An unmatched note stays where it stood: in the notes block at the end
    as an endnote, in the text as the paragraph it was."""
    if note.get(OPEN) is None:
        _unset(note, PENDING)
        return
    opening, closing = note.get(OPEN) or "", note.get(CLOSE) or ""
    label = note.find("{http://www.tei-c.org/ns/1.0}label")
    if label is not None:
        note.text = (label.text or "") + (label.tail or "")
        note.remove(label)
        opening = opening[: len(opening) - len(opening.lstrip("[("))]
    note.tag = "{http://www.tei-c.org/ns/1.0}p"
    note.text = opening + (note.text or "")
    if closing:
        if len(note):
            note[-1].tail = (note[-1].tail or "") + closing
        else:
            note.text += closing
    _unset(note, "n", PENDING, OPEN, CLOSE)


def _tidy_block(block: Element) -> None:
    """Drop the trailing notes block once all its notes have moved."""
    for note in block:
        _unset(note, PENDING)
    if len(block):
        return
    parent = cast(Element, block.getparent())
    parent.remove(block)
    if not len(parent):
        cast(Element, parent.getparent()).remove(parent)


def _unset(element: Element, *names: str) -> None:
    for name in names:
        if name in element.attrib:
            del element.attrib[name]
