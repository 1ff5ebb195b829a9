"""A Project Gutenberg frame: the distributor's header and licence around a work.

Input: the text's Blocks. Output: the blocks split into the frame's front (the
header up to the `*** START OF ...` line, or in older files up to the asterisk
rule closing the header or the "small print"), the work, and the frame's back
(from "End of the Project Gutenberg ..." or `*** END OF ...` to the end: the
licence). The rules follow Project Gutenberg's own conventions, which many
texts share; the frame's words stay in the TEI as boilerplate divisions, and
its catalogue fields (Title:, Author:, Release Date: ... [EBook #N]) are read
from there by transforms/header.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Block, Line

START = re.compile(r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
END = re.compile(r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
END_WORDS = re.compile(r"^End of (?:the )?Project Gutenberg(?:'s)?\b", re.IGNORECASE)
# The opening line of a Project Gutenberg file: "The Project Gutenberg EBook of X".
OPENING = re.compile(r"^(?:The )?Project Gutenberg(?:'s)? E-?(?:Book|text)\b", re.IGNORECASE)
SMALL_PRINT_END = re.compile(r"SMALL PRINT.*\*END\*|\*END\*.*SMALL PRINT", re.IGNORECASE)
ASTERISK_RULE = re.compile(r"^\*{3,}$")
# "Title: X", "Release Date: June 6, 2010 [EBook #1065]", "Character set encoding: ASCII"
FIELD = re.compile(
    r"^(?P<label>Title|Subtitle|Author|Authors|Translator|Editor|Editors|Commentator|"
    r"Illustrator|Contributor|Release Date|Posting Date|Last Updated|Edition|Language|"
    r"Character set encoding|Produced by|Credits)\s*:\s*(?P<value>\S.*)?$"
)
CREDIT = re.compile(r"^(?:Produced by|E-?text prepared by|Transcribed by|Prepared by)\b")
HEADER_REACH = 400  # a header lies within the first lines of a file


@dataclass
class Frame:
    """The frame's front and back blocks; the work is what lies between."""

    front: list[Block] = field(default_factory=list)
    back: list[Block] = field(default_factory=list)


def split_frame(blocks: list[Block]) -> tuple[Frame, list[Block]]:
    """(the frame, the blocks of the work)."""
    frame = Frame()
    start = _front_end(blocks)
    end = _back_start(blocks, start)
    frame.front, frame.back = blocks[:start], blocks[end:]
    return frame, blocks[start:end]


def _front_end(blocks: list[Block]) -> int:
    near = [i for i, b in enumerate(blocks) if b.first.number <= HEADER_REACH]
    for index in near:
        if any(START.match(line.text) for line in blocks[index].lines):
            return _credits_after(blocks, index + 1, notes=True)
    if not near or not OPENING.search(blocks[0].first.text):
        return 0
    # an older file: the header (fields, perhaps a small print) closes with a rule of asterisks
    opened = False
    for index in near:
        texts = [line.text for line in blocks[index].lines]
        if any(FIELD.match(t) or SMALL_PRINT_END.search(t) for t in texts):
            opened = True
        elif opened and ASTERISK_RULE.match(texts[-1]):
            return _credits_after(blocks, index + 1)
    return 0


def _credits_after(blocks: list[Block], index: int, notes: bool = False) -> int:
    """A "Produced by ..." credit right after the start line is the distributor's
    too, and so (after a START line) is a note that speaks of Project Gutenberg."""
    while index < len(blocks) and (
        CREDIT.match(blocks[index].first.text)
        or (notes and "Project Gutenberg" in blocks[index].text)
    ):
        index += 1
    return index


def _back_start(blocks: list[Block], start: int) -> int:
    for index in range(start, len(blocks)):
        first = blocks[index].first.text
        if END.match(first) or END_WORDS.match(first):
            if index > start and _is_asterisk_rule(blocks[index - 1]):
                return index - 1  # the rule that closes the work goes with the frame
            return index
    return len(blocks)


def _is_asterisk_rule(block: Block) -> bool:
    return len(block.lines) == 1 and bool(ASTERISK_RULE.match(block.first.text))


# any "Label: value" line of a document's own field header (as a PEP's or an e-mail's)
ANY_FIELD = re.compile(r"^(?P<label>[A-Z][A-Za-z]*(?:[ -][A-Za-z]+)?)\s*:\s*(?P<value>\S.*)?$")


def field_header(block: Block) -> bool:
    """A first block of "Label: value" lines with a Title: among them."""
    fields = field_lines(block, ANY_FIELD)
    return (
        fields is not None
        and len(fields) >= 2
        and any(line.text.startswith("Title:") for line, _ in fields)
    )


def field_lines(
    block: Block, pattern: re.Pattern[str] = FIELD
) -> list[tuple[Line, list[Line]]] | None:
    """A block of catalogue fields as (field line, its continuation lines), or
    None when some line is neither a field nor an indented continuation."""
    fields: list[tuple[Line, list[Line]]] = []
    for line in block.lines:
        if pattern.match(line.text) and line.indent == 0:
            fields.append((line, []))
        elif fields and line.indent > 0:
            fields[-1][1].append(line)
        elif fields and line.text.startswith("[") and line.text.endswith("]"):
            fields[-1][1].append(line)  # "[Most recently updated: ...]" under a date
        else:
            return None
    return fields or None
