"""Notes blocks: which blocks of a plain text are footnotes, and their items.

Input: the text's Blocks. Output: the trailing notes block (Layout.notes, read
into back/div[@type='notes'] as before) and, anywhere in the body, blocks of
kind "notes" that the builder turns into `note` elements where they stood.
transforms/notes.py then moves every note to its marker.

The shapes are the conventions of printed and e-text editions (ENCODING.md,
"a notes block"), never a text's words:

- a notes heading (`FOOTNOTES:`, `Notes`, a dashed rule then `Footnotes`)
  followed by items `[1] text`, `[A] text`, `1. text`, `(1) text`, `¹ text`,
  `* text`, `.. [2] text` (reStructuredText);
- items of those shapes ending the text, with no heading;
- one note right after its paragraph, letter or heading: `[Footnote 1: ...]`,
  `[Note A: ...]`, `(*Footnote. ...)`; these announce themselves.

Items without an announcing word become notes only when the text before them
has a marker for each, in order (a list at the end stays a list).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ...diagnostics import Location
from ...tei.builder import make, sub
from .lines import Block, Line
from .markers import CLOSE, OPEN, PENDING, SUPERSCRIPT_VALUES

# Tells whether a text has a marker for each of the note labels, in order;
# `shapes` says how the notes were labelled (see transforms/notes.py).
NoteMarkerTest = Callable[[str, list[str], frozenset[str]], bool]


_LABEL = r"\d{1,4}|[A-Z]"
# Item shapes, each with the marker shapes its notes are found by.
ITEM_SHAPES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(rf"^\.\.\s+\[(?P<n>{_LABEL}|#[\w-]*)\]\s+(?P<text>\S.*)$"), frozenset({"rst"})),
    (re.compile(rf"^\[(?P<n>{_LABEL})\]\s*(?P<text>\S.*)$"), frozenset({"bracket"})),
    (re.compile(r"^\((?P<n>\d{1,3})\)\s+(?P<text>\S.*)$"), frozenset({"paren"})),
    (re.compile(r"^(?P<n>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?P<text>\S.*)$"), frozenset({"superscript"})),
    (re.compile(r"^(?P<n>\*{1,3}|[†‡§])\s*(?P<text>[^\s*].*)$"), frozenset({"symbol"})),
    (
        re.compile(r"^(?P<n>\d{1,4})[.)]\s+(?P<text>\S.*)$"),
        frozenset({"bracket", "superscript", "glued"}),
    ),
]
# Notes that say they are notes, filling a whole block: "[Footnote 1: ...]",
# "[Note A: ...]", "(*Footnote. ...)".
ANNOUNCED = [
    (
        re.compile(
            rf"^(?P<open>\[(?P<word>(?i:foot-?note|note))\s+(?P<n>{_LABEL}|\*|†)\s*[:.]\s*)"
            r"(?P<text>.*?)(?P<close>\])$",
            re.DOTALL,
        ),
        "bracket",
    ),
    (
        re.compile(
            r"^(?P<open>\((?P<n>\*{1,3}|†)(?P<word>(?i:foot-?note|note))\.?\s*)"
            r"(?P<text>.*?)(?P<close>\))$",
            re.DOTALL,
        ),
        "symbol",
    ),
]
ANNOUNCING = re.compile(r"^(?:\[|\(\*{0,3}|\(†)(?i:foot-?note|note)\b")
HEADING = re.compile(r"^(?i:foot-?notes?|end-?notes|notes)\s*[:.]?$")
DASHES = re.compile(r"^[-_=~*]{3,}$")


@dataclass
class NoteItem:
    """One note of the source: its label, first line, content (one string per
    paragraph), and the source's words around the content (kept so that an
    unmatched note can be given back as it was)."""

    label: str
    line: Line
    parts: list[str]
    shapes: frozenset[str]
    open: str
    close: str = ""
    word: str = ""  # "Footnote", "Note": the note says what it is


# A note that says what it is may run over this many paragraphs before its
# closing bracket; beyond that an unclosed "[Footnote" is left as text.
MAX_PARTS = 30
# Shapes that mark a note wherever the block stands (a paragraph opening with
# a superscript, a reStructuredText footnote); the others need a notes heading
# or the end of the text.
ANYWHERE = frozenset({"superscript", "rst"})


def items_of(block: Block) -> list[NoteItem] | None:
    """The items of block if every line starts an item or carries one on, else None."""
    items: list[NoteItem] = []
    for line in block.lines:
        item = _item(line)
        if item is not None and (not items or item.shapes == items[0].shapes):
            items.append(item)
        elif items:
            items[-1].parts[-1] += "\n" + line.text  # a note wrapped over several lines
        else:
            return None
    return items


def _item(line: Line) -> NoteItem | None:
    for pattern, shapes in ITEM_SHAPES:
        found = pattern.match(line.text)
        if found:
            opening = line.text[: found.start("text")]
            label = found["n"].translate(SUPERSCRIPT_VALUES)  # "¹" is note 1
            return NoteItem(label, line, [found["text"]], shapes, opening)
    return None


def announced_at(blocks: list[Block], index: int, end: int) -> tuple[NoteItem, int] | None:
    """A note that says it is one ("[Footnote 1: ...]"), over one or more
    blocks from index; with the index after its last block."""
    if not ANNOUNCING.match(blocks[index].first.text):
        return None
    parts: list[str] = []
    for stop in range(index, min(end, index + MAX_PARTS)):
        parts.append("\n".join(line.text for line in blocks[stop].lines))
        if stop > index and ANNOUNCING.match(parts[-1]):
            return None  # another note begins: this one was never closed
        if parts[-1].endswith(("]", ")")):
            return _announced(blocks[index].first, parts, stop + 1)
    return None


def _announced(first: Line, parts: list[str], stop: int) -> tuple[NoteItem, int] | None:
    for pattern, shape in ANNOUNCED:
        found = pattern.match("\n\n".join(parts))
        if found:
            parts[0] = parts[0][found.end("open") :]
            parts[-1] = parts[-1][: len(parts[-1]) - len(found["close"])]
            words = found["open"], found["close"], found["word"]
            return NoteItem(found["n"], first, parts, frozenset({shape}), *words), stop
    return None


def unit_at(blocks: list[Block], index: int, end: int) -> tuple[list[NoteItem], int] | None:
    """The notes starting at blocks[index] and the index after them, or None."""
    announced = announced_at(blocks, index, end)
    if announced is not None:
        return [announced[0]], announced[1]
    items = items_of(blocks[index])
    return (items, index + 1) if items else None


def is_heading(block: Block) -> bool:
    """`FOOTNOTES:`, `Notes`, `.. rubric:: Footnotes`, perhaps under or over a dashed rule."""
    texts = [line.text for line in block.lines if not DASHES.match(line.text)]
    if len(texts) != 1 or len(block.lines) > 3:
        return False
    return bool(HEADING.match(texts[0].removeprefix(".. rubric::").strip()))


def take_notes(
    blocks: list[Block], start: int, end: int, notes: list[Block], has_marker: NoteMarkerTest
) -> int:
    """Mark the notes blocks inside the text (kind "notes", continued by
    "notes-part"); a trailing block of unannounced items goes to `notes`.
    Returns the new end of the text."""
    scope_start = 0  # a title may hold a marker too ("TO THE COPYIST.[1]")
    index = start
    while index < end:
        group = _group_at(blocks, index, end)
        if group is None:
            index += 1
            continue
        items, stop, announced = group
        headed = index > start and is_heading(blocks[index - 1])
        if announced or _confirmed(
            blocks, scope_start, index, items, has_marker, headed, stop == end
        ):
            if stop == end and not announced:
                notes.extend(blocks[index:end])
                return index
            for block in blocks[index:stop]:
                block.kind = "notes-part"
            blocks[index].kind = "notes"
            scope_start = stop
        index = stop
    return end


def _group_at(blocks: list[Block], index: int, end: int) -> tuple[list[NoteItem], int, bool] | None:
    """The run of notes from index: its items, the index after it, and whether
    every note in it announced itself."""
    items: list[NoteItem] = []
    stop = index
    announced = True
    while stop < end and (unit := unit_at(blocks, stop, end)) is not None:
        if items and unit[0][0].shapes != items[0].shapes:
            break
        announced = announced and bool(unit[0][0].word)
        items.extend(unit[0])
        stop = unit[1]
    return (items, stop, announced) if items else None


def _confirmed(
    blocks: list[Block],
    scope_start: int,
    index: int,
    items: list[NoteItem],
    has_marker: NoteMarkerTest,
    headed: bool,
    at_end: bool,
) -> bool:
    """Unannounced items are notes under a notes heading, at the end of the
    text, or in a shape that is a note anywhere; and only when the text before
    has their markers in order."""
    shapes = items[0].shapes
    if not (headed or at_end or shapes <= ANYWHERE):
        return False
    if not headed and shapes <= {"symbol"}:
        return False  # "* text" lines at the end are a bulleted list
    if "rst" in shapes:
        scope_start = 0  # reStructuredText cites a footnote anywhere before it
    text = "\n".join(line.text for b in blocks[scope_start:index] for line in b.lines)
    return has_marker(text, [item.label for item in items], shapes)


def note_elements(
    blocks: list[Block], index: int, at: Callable[[Line], Location]
) -> tuple[list[etree._Element], int]:
    """The notes of the group marked at blocks[index], waiting for their
    markers, and the index of the block after them."""
    elements: list[etree._Element] = []
    while index < len(blocks) and blocks[index].kind in ("notes", "notes-part"):
        unit = unit_at(blocks, index, len(blocks))
        assert unit is not None  # take_notes marked only blocks that hold notes
        elements.extend(note_element(item, at(item.line)) for item in unit[0])
        index = unit[1]
    return elements, index


def note_element(item: NoteItem, src: Location, place: str | None = None) -> etree._Element:
    note = make("note", place=place, n=item.label, src=src)
    note.set(PENDING, " ".join(sorted(item.shapes)))
    if place is None:
        note.set(OPEN, item.open)
        note.set(CLOSE, item.close)
    if item.word:
        # the note's own words ("Footnote 1:") are kept as its label
        words = item.open.lstrip("[(")
        sub(note, "label", words.rstrip(), src=src).tail = words[len(words.rstrip()) :]
    if len(item.parts) == 1:
        if len(note):
            note[-1].tail = (note[-1].tail or "") + item.parts[0]
        else:
            note.text = item.parts[0]
        return note
    for part in item.parts:
        sub(note, "p", part, src=src)
    return note


def trailing_items(blocks: list[Block]) -> list[NoteItem]:
    return [item for block in blocks for item in items_of(block) or []]
