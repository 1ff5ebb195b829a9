"""A printed book's title page at the top of a text: centred or capitalised
short lines (title, "BY", author, translator, publisher, city, year).

Input: the first blocks of the work. Output: the number of blocks that form
the title page, and a role for each of their lines, which build.py turns into
`titlePage` with `docTitle/titlePart`, `byline/docAuthor`, `docImprint` and
`docDate` (TEI Guidelines 4.6). Only a run that opens with displayed lines (all
centred, or all in capitals) is read this way; other title blocks are left to
layout.py's simpler rule.
"""

from __future__ import annotations

import re

from . import patterns as P
from .headings import BARE_NUMBER, LABELLED, ROMAN
from .lines import Block, Line

SHORT_LINES = ("text", "verse")  # centred lines may look like verse
CENTRED = 8  # a line indented this far is set in the middle of the page
TITLE_PAGE_BLOCKS = 12
BY_WORD = re.compile(r"^(?:by|By|BY|von|VON|par|PAR)$")
BY_NAME = re.compile(r"^(?P<by>(?:by|By|BY)\s+)(?P<name>\S.*)$")
LETTER_SPACED = re.compile(r"^(?:\S\s\S\s){2,}")  # spaces or no-break spaces
YEAR = re.compile(r"\b1[5-9]\d\d\b|\b20\d\d\b")
PRICE = re.compile(r"\b(?:Price|PRICE)\b|[$£]\s?\d")
# the words of an imprint: a publisher or a printer
IMPRINT = re.compile(
    r"\b(?:Publishing|Publishers?|Press|Co\.|Company|Ltd\.?|Verlag|VERLAG|[ÉE]diteurs?|"
    r"Libraires?|Printers?|PRESS|PUBLISHERS?)(?!\w)|^(?:Printed|PRINTED|GEDRUCKT|Gedruckt)\b"
)
# the usual names of the parts that follow a title page end it
FRONT_PART = re.compile(
    r"^(?:CONTENTS|Contents|PREFACE|Preface|INTRODUCTION|Introduction|DEDICATION|"
    r"Dedication|TABLE OF CONTENTS|INDEX|APPENDIX)\.?$"
)


def _displayed(block: Block) -> bool:
    texts = [line.text for line in block.lines]
    indents = [line.indent for line in block.lines]
    centred = max(indents) >= CENTRED and min(indents) > 0
    capitals = all(_capitals(t) for t in texts)
    return block.kind in SHORT_LINES and (centred or capitals) and len(texts) <= 4


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _fits(block: Block) -> bool:
    if block.kind not in SHORT_LINES or len(block.lines) > 4:
        return False
    for line in block.lines:
        text = line.text
        if _words(text) > 14 or P.SENTENCE_BREAK.search(text):
            return False
        if FRONT_PART.match(text) or LABELLED.match(text) or ROMAN.match(text):
            return False
        if P.is_rule(text) or BARE_NUMBER.match(text):
            return False  # an underline (a heading), a number opening a letter
        if text.startswith("[") and text.endswith("]"):
            return False  # an [Illustration] or a note
    return True


def title_page_run(blocks: list[Block]) -> list[tuple[str, Block, int]] | None:
    """(role, block, line index) for each line of a displayed title page, or None."""
    if not blocks or not _fits(blocks[0]):
        return None
    by_next = len(blocks) > 1 and bool(
        BY_WORD.match(blocks[1].first.text) or BY_NAME.match(blocks[1].first.text)
    )
    if not (_displayed(blocks[0]) or by_next):
        return None
    roles: list[tuple[str, Block, int]] = []
    state = "title"
    for number, block in enumerate(blocks[: min(TITLE_PAGE_BLOCKS, len(blocks) - 1)]):
        # (a body is left) the first block opens the page; others must look the part
        if number and (not _fits(block) or not (_displayed(block) or _small_part(block, state))):
            break
        mark = len(roles)
        for index, line in enumerate(block.lines):
            role, state = _role(line, state)
            if index and roles[-1][0] == "printed":
                role = "printed"  # a publisher's block: name, then cities
            roles.append((role, block, index))
        ours = [role for role, _, _ in roles[mark:]]
        if len(ours) > 1 and ("printed" in ours or "date" in ours) and "main" not in ours:
            # city, publisher and year in one block: one imprint
            roles[mark:] = [("printed", block, i) for i in range(len(block.lines))]
    return roles


def _small_part(block: Block, state: str) -> bool:
    """A short line, not displayed, that a title page still holds: "by", the
    author's name after it, or a line under the byline ("Translated by ...")."""
    text = block.first.text
    if not all(_words(line.text) <= 8 for line in block.lines):
        return False
    return bool(BY_WORD.match(text) or BY_NAME.match(text)) or state in ("author", "after")


def _words(text: str) -> int:
    """Words of a line; in a letter-spaced line ("K U R T  W O L F F") words are
    what double spaces separate."""
    if LETTER_SPACED.match(text):
        return len(re.split(r"\s{2,}", text))
    return len(text.split())


def _role(line: Line, state: str) -> tuple[str, str]:
    """The role of one title-page line, and the state for the next line:
    "title" (main then sub), "author" (right after a bare "BY"), "after"."""
    text = line.text
    if state == "author":
        return "author", "after"
    if BY_WORD.match(text):
        return "byword", "author"
    if BY_NAME.match(text):
        return "byname", "after"
    if P.is_date_line(text):
        return "date", "after"
    if YEAR.search(text) or PRICE.search(text) or IMPRINT.search(text):
        return "printed", "after"
    if state == "title":
        return "main", "sub"
    if state == "sub":
        return "sub", "sub"
    return "desc", "after"
