"""Notes: move each note of the trailing notes block to its marker in the text.

The reader leaves the notes block as endnotes; this transform finds each
marker (a number glued to a word or punctuation, `word[1]`, or a superscript
`word¹`), in order, removes it from the running text and puts the note there.
The number is kept in @n (ENCODING.md, "numbered notes block").

Before::

    <p>... to the oppressed peoples of the East.1</p>
    ...
    <back><div type="notes"><note place="end" n="1">Source: ...</note></div></back>

After::

    <p>... to the oppressed peoples of the East.<note place="foot" n="1">Source: ...</note></p>
"""

from __future__ import annotations

import re
from collections import deque
from typing import cast

from lxml import etree

from ..readers.plaintext.markers import has_markers as has_markers  # re-exported
from ..readers.plaintext.markers import marker_pattern
from ..tei.ns import xpath_elements
from ..tei.positions import location_of
from ..tei.textspan import Slot, insert_after_slot, text_slots
from .base import Context, Transform


class NotesTransform(Transform):
    """Attach the endnotes of the trailing notes block to their markers."""

    name = "notes"
    priority = 100

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for block in xpath_elements(doc, "//tei:back/tei:div[@type='notes']"):
            self._attach(block, doc, ctx)

    def _attach(self, block: etree._Element, doc: etree._ElementTree, ctx: Context) -> None:
        parent = cast(etree._Element, block.getparent())  # the back (see apply)
        position = parent.index(block)
        parent.remove(block)  # search the text without the notes themselves
        pending = deque(xpath_elements(block, "tei:note"))
        text = doc.find(".//{http://www.tei-c.org/ns/1.0}text")
        slots = list(text_slots(text)) if text is not None else []
        index = 0
        while pending and index < len(slots):
            note = pending[0]
            slot = slots[index]
            found = marker_pattern(int(cast(str, note.get("n")))).search(slot.get())
            if found is None:
                index += 1
                continue
            pending.popleft()
            slots[index] = _place(note, slot, found)
        for note in pending:
            ctx.reporter.report(
                "n-001",
                location_of(note, ctx.shown_as),
                f"note {note.get('n')} has no marker in the text",
            )
        if len(block):
            parent.insert(position, block)
        if not len(parent):
            cast(etree._Element, parent.getparent()).remove(parent)


def _place(note: etree._Element, slot: Slot, found: re.Match[str]) -> Slot:
    """Put note where the marker was; return the slot of the text after it."""
    text = slot.get()
    slot.set(text[: found.start()])
    note.tail = text[found.end() :]
    note.set("place", "foot")
    insert_after_slot(slot, note)  # lxml moves the note out of the notes block
    return Slot(note, True)
