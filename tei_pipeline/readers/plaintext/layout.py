"""Document layout: which blocks of a plain text are title, menus, preface,
opening display lines, body, closer and notes.

Input: the text's Blocks. Output: a Layout, the same blocks in source order,
sorted into the parts a TEI document has (front, body, back). The rules are
about where a convention stands in a text (a title block on top, a notes block
at the end), never about particular words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .gutenberg import Frame, field_header, split_frame
from .lines import Block, split_indented_paragraphs
from .notes_block import NoteMarkerTest, take_notes
from .titlepage import title_page_run

MENU_RUN = 4
# an ASCII box: "+-----+" edges, "| ... |" lines
BOX_EDGE = re.compile(r"^\+[-=+]{3,}\+$")
BOX_LINE = re.compile(
    r"^(?:\+[-=+]{3,}\+|\|.*\|)$"
)  # this many short link-like blocks in a row are a web page's menu


@dataclass
class TitleLine:
    role: str  # imprint, date, citation, main, sub, byline
    block: Block
    line_index: int = 0


@dataclass
class Layout:
    title: list[TitleLine] = field(default_factory=list)
    front_display: list[Block] = field(default_factory=list)
    front_nav: list[Block] = field(default_factory=list)
    preface: list[Block] = field(default_factory=list)
    opening: list[Block] = field(default_factory=list)  # '#' lines opening the body
    body: list[Block] = field(default_factory=list)
    closer: list[Block] = field(default_factory=list)
    after_closer: list[Block] = field(default_factory=list)
    back_nav: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    frame: Frame = field(default_factory=Frame)  # a distributor's header and licence
    fields: list[Block] = field(default_factory=list)  # the text's own "Title: ..." header


def classify(block: Block) -> str:
    """The kind of a single block, judged from its own lines."""
    texts = [line.text for line in block.lines]
    if all(P.DISPLAY.match(t) for t in texts):
        return "display"
    if len(texts) >= 3 and BOX_EDGE.match(texts[0]) and all(BOX_LINE.match(t) for t in texts):
        return "box"
    if len(texts) == 1 and P.is_rule(texts[0]):
        return "rule"
    if P.list_item(texts[0]) and all(
        P.list_item(t) or _continues(block, i) for i, t in enumerate(texts)
    ):
        return "list"
    if P.FIGURE.match(texts[0]):
        return "figure"
    if len(texts) == 1 and P.ATTRIBUTION.match(texts[0]) and block.words <= 30:
        return "attribution"
    if _verse(block):
        return "verse"
    return "text"


VERSE_INDENT = 2  # verse set in from the margin of the prose around it
VERSE_LINE = 70


def _verse(block: Block) -> bool:
    """Indented lines that each begin with a capital (or a quotation mark and a
    capital), none longer than a verse line: a stanza. Prose indented as a whole
    has lines beginning in lower case."""
    lines = block.lines
    if len(lines) < 2 or min(line.indent for line in lines) < VERSE_INDENT:
        return False
    if len(lines) == 2 and max(len(line.text) for line in lines) > 50:
        return False
    return all(
        len(line.text) <= VERSE_LINE and line.text.lstrip("\"'“‘«(_[").strip()[:1].isupper()
        for line in lines
    )


def _continues(block: Block, index: int) -> bool:
    """A line that carries on the list item above it (indented under its text)."""
    return index > 0 and block.lines[index].indent > block.lines[0].indent


def lay_out(blocks: list[Block], has_marker: NoteMarkerTest) -> Layout:
    blocks = [part for block in blocks for part in split_indented_paragraphs(block)]
    for block in blocks:
        block.kind = classify(block)
    layout = Layout()
    layout.frame, blocks = split_frame(blocks)
    if blocks and not layout.frame.front and field_header(blocks[0]):
        layout.fields, blocks = blocks[:1], blocks[1:]
    start = _take_title(blocks, layout)
    end = len(blocks)
    end = take_notes(blocks, start, end, layout.notes, has_marker)
    end = _take_back_nav(blocks, start, end, layout)
    start = _take_front_display(blocks, start, end, layout)
    start = _take_front_nav(blocks, start, end, layout)
    start = _take_preface(blocks, start, end, layout)
    start = _take_opening(blocks, start, end, layout)
    end = _take_closer(blocks, start, end, layout)
    layout.body = blocks[start:end]
    _take_headnote(layout)
    return layout


# -- the top ---------------------------------------------------------------


def _take_title(blocks: list[Block], layout: Layout) -> int:
    run = title_page_run(blocks)
    if run:
        layout.title.extend(TitleLine(role, block, i) for role, block, i in run)
        return len({id(block) for _, block, _ in run})
    index = 0
    have_main = False
    while index < min(len(blocks), 5):
        block = blocks[index]
        roles = _title_roles(block, have_main)
        if roles is None:
            break
        layout.title.extend(TitleLine(role, block, i) for i, role in enumerate(roles))
        have_main = have_main or "main" in roles or "citation" in roles
        index += 1
    return index


def _title_roles(block: Block, have_main: bool) -> list[str] | None:
    if block.kind != "text" or len(block.lines) > 3:
        return None
    texts = [line.text for line in block.lines]
    if any(
        len(t.split()) > 20 or P.SENTENCE_BREAK.search(t) or P.is_rule(t) for t in texts
    ) or P.NUMBERED_HEAD.match(texts[0]):  # an underlined line is a heading, not a title
        return None
    if len(texts) == 1:
        text = texts[0]
        if P.MASTHEAD.match(text):
            return ["imprint"]
        if P.is_date_line(text):
            return ["date"]
        if P.CITATION.match(text) and not have_main:
            return ["citation"]
        if P.is_byline(text):
            return ["byline"]
        if P.SALUTE.match(text) and not have_main:  # a letter's "Dear Sir,--" is no title
            return None
        if text.startswith("(") and text.endswith(")") and have_main:
            return ["sub"]
    if have_main or any(t.endswith((".", ",", ";", ":", ".)")) for t in texts):
        return None
    return ["main"] + ["sub"] * (len(texts) - 1)


def _take_front_display(blocks: list[Block], start: int, end: int, layout: Layout) -> int:
    """`#` lines right under the title, before anything else, belong to the front."""
    if not layout.title:
        return start
    while start < end and blocks[start].kind == "display":
        layout.front_display.append(blocks[start])
        start += 1
    return start


def _menu_block(block: Block) -> bool:
    return (
        block.kind in ("text", "rule")
        and len(block.lines) <= 3
        and all(block.kind == "rule" or P.is_menu_entry(line.text) for line in block.lines)
    )


def _take_front_nav(blocks: list[Block], start: int, end: int, layout: Layout) -> int:
    stop = start
    while stop < end and _menu_block(blocks[stop]):
        stop += 1
    if stop - start >= MENU_RUN:
        layout.front_nav = blocks[start:stop]
        return stop
    return start


def _take_preface(blocks: list[Block], start: int, end: int, layout: Layout) -> int:
    index = start
    while index < end:
        block = blocks[index]
        if block.kind == "text" and P.EDITORIAL_CUES.search(block.text):
            index += 1
        elif block.kind == "list" and index > start and blocks[index - 1].text.endswith(":"):
            index += 1
        else:
            break
    layout.preface = blocks[start:index]
    return index


def _take_opening(blocks: list[Block], start: int, end: int, layout: Layout) -> int:
    while start < end and blocks[start].kind == "display":
        layout.opening.append(blocks[start])
        start += 1
    return start


def _take_headnote(layout: Layout) -> None:
    """A first paragraph that introduces a quotation filling the rest of the
    text (closed by an attribution line naming its author) is a headnote: an
    editor's preface to the quoted passage."""
    body = layout.body
    if layout.preface or len(body) < 3 or body[-1].kind != "attribution":
        return
    found = P.ATTRIBUTION.match(body[-1].text)
    surname = found.group("author").split()[-1] if found else ""
    first = body[0]
    if any(b.kind != "text" or b.text.endswith(":") for b in body[:-1]):
        return
    if (
        first.kind == "text"
        and surname
        and re.search(rf"\b{re.escape(surname)}\b", first.text)
        and not first.text.startswith(("“", '"', "«"))
    ):
        layout.preface = [first]
        layout.body = body[1:]


# -- the end ---------------------------------------------------------------


def _take_back_nav(blocks: list[Block], start: int, end: int, layout: Layout) -> int:
    index = end
    while index > start and _menu_block(blocks[index - 1]):
        index -= 1
    if end - index >= MENU_RUN:
        layout.back_nav = blocks[index:end]
        return index
    return end


def _take_closer(blocks: list[Block], start: int, end: int, layout: Layout) -> int:
    """A signature and/or dateline ending the text, perhaps followed by figures."""
    index = end
    while index > start and blocks[index - 1].kind == "figure":
        index -= 1
    figures = blocks[index:end]
    closer_start = _closer_start(blocks, start, index)
    if closer_start == index:
        return end
    layout.closer = blocks[closer_start:index]
    layout.after_closer = figures
    return closer_start


def _closer_start(blocks: list[Block], start: int, end: int) -> int:
    if end <= start:
        return end
    last = [line.text for line in blocks[end - 1].lines]
    if blocks[end - 1].kind != "text" or len(last) > 2:
        return end
    if len(last) == 2 and P.is_name_like(last[0]) and P.is_date_line(last[1]):
        return end - 1
    if len(last) == 1 and P.is_date_line(last[0]):
        before = blocks[end - 2] if end - 2 >= start else None
        if (
            before is not None
            and len(before.lines) == 1
            and before.kind == "text"
            and (P.is_name_like(before.lines[0].text) or _place_line(before.lines[0].text))
        ):
            return end - 2
        return end - 1
    return end


def _place_line(text: str) -> bool:
    """A place in capitals over a closing date: "YASNAYA POLYANA."."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(text.split()) <= 4
