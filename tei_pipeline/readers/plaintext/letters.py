"""Letters: a salutation opening a division and a closing run ending it.

Input: the blocks of running text and the position the reader is at. Output:
how many blocks form a letter's closer (a closing formula such as "Yours
truly," or "Your attached", then a signature: a name or initials in capitals,
perhaps a dateline), which build.py turns into `closer` with `salute`,
`signed` and `dateline` (TEI Guidelines 4.2.2). A closer is only taken where
the division ends right after it (at a heading or at the end of the text), or
where only a postscript follows: blocks opening with "P.S.", "N.B." and the like,
up to the next heading, which build.py turns into `postscript`.
"""

from __future__ import annotations

import dataclasses
import re

from . import patterns as P
from .headings import INITIALS, Sections, find_heading
from .lines import Block

CLOSER_BLOCKS = 3  # a closing formula, a signature, a date: at most this many blocks
# "BEETHOVEN.", "LUDWIG VAN BEETHOVEN.", "M. K. GANDHI", "Signed: A, B, AND C."
# a phrase of words only, ending on a word: "Sometimes bear in mind your attached"
PHRASE = re.compile(r"[^\W\d_][\w'’]*(?:,?\s+[^\W\d_][\w'’]*)*")
# a place before a date: "Vienna, ", "BOSTON, MASS., "
PLACE = re.compile(
    r"^[^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,3}(?:, [^\W\d_][\w'’.\-]*){0,2}, $"
)
# a letter's date without its year: "October 5.", "Tuesday, August 2."
MONTH_DAY = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, )?(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|"
    r"Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}(?:st|nd|rd|th)?\.?$",
    re.IGNORECASE,
)
# a letter's date as loose as a writer gives it, trusted only right before the
# salutation: "August", "Tuesday", "Aug. 1825", "Sunday morning"
LOOSE_DATE = re.compile(
    r"^(?:(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?: (?:morning|evening|night))?|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:,? \d{4})?)\.?$",
    re.IGNORECASE,
)
# a postscript's label, followed by a space or the end: "P.S.", "P.P.S.", "PS:", "N.B.",
# "Postscript." (not "N.B.C." or "PS/2")
POSTSCRIPT = re.compile(
    r"^(?:P\.\s?(?:P\.\s?)?S\.|P{1,2}S[.:]|N\.\s?B\.|NB[.:]|Post-?script(?:um)?[.:,]?|"
    r"POST-?SCRIPT(?:UM)?[.:,]?|Nachschrift[.:]?)(?=\s|$)"
)
SIGNATURE = re.compile(r"^(?:Signed:\s*)?[A-Z][A-Z.'\- ,]{1,60}\.?$")
SIGNATURE_CHARS = 80  # no signature runs longer (SIGNATURE allows some 70)


def is_signature(text: str) -> bool:
    if len(text) > SIGNATURE_CHARS:  # a paragraph's last line, thousands of characters long
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and (
        INITIALS.fullmatch(text) is not None
        or (SIGNATURE.match(text) is not None and len(text.split()) <= 6)
    )


def closer_length(blocks: list[Block], index: int, sections: Sections, at_end: bool = False) -> int:
    """The number of blocks from index that close a letter, or 0. With at_end the
    closer (and any postscript) must end the blocks: the closer of a text that is
    one letter, where no division may follow it."""
    for size in range(1, CLOSER_BLOCKS + 1):
        end = index + size
        if end > len(blocks):
            return 0
        lines = [line for block in blocks[index:end] for line in block.lines]
        if any(block.kind != "text" for block in blocks[index:end]) or len(lines) > 5:
            return 0
        if not _closing_shape([line.text for line in lines]):
            continue
        after = end + postscript_length(blocks, end, sections)
        if after == len(blocks) or (
            not at_end and find_heading(blocks, after, dataclasses.replace(sections))
        ):
            return size
    return 0


def postscript_length(blocks: list[Block], index: int, sections: Sections) -> int:
    """The number of blocks from index that form a postscript: a block of text that
    opens with a postscript's label, and the blocks of text after it up to the next
    heading; 0 where blocks[index] does not open one. Only asked after a closer."""
    if index >= len(blocks) or not _opens_postscript(blocks[index]):
        return 0
    end = index + 1
    while (
        end < len(blocks)
        and blocks[end].kind == "text"
        and not find_heading(blocks, end, dataclasses.replace(sections))
    ):
        end += 1
    return end - index


def _opens_postscript(block: Block) -> bool:
    return block.kind == "text" and POSTSCRIPT.match(block.first.text) is not None


def _closing_shape(texts: list[str]) -> bool:
    """Short lines: a formula (or a short unfinished phrase in lower case, as
    "Your attached"), then a signature."""
    if len(texts) < 2 or not is_signature(texts[-1]) or texts[-1].endswith(","):
        return False
    middle = texts[1:-1]  # "I am, sir," / "Yours respectfully," / "M. W."
    if len(texts) > 3 or any(not (P.is_date_line(t) or P.CLOSING.match(t)) for t in middle):
        return False
    formula = texts[0]
    return bool(P.CLOSING.match(formula)) or (
        len(formula.split()) <= 8
        and PHRASE.fullmatch(formula) is not None
        and any(ch.islower() for ch in formula)
    )


def is_salutation(block: Block) -> bool:
    return block.kind == "text" and len(block.lines) == 1 and bool(P.SALUTE.match(block.first.text))


def dateline_parts(block: Block, before_salutation: bool = False) -> tuple[str, str] | None:
    """("Vienna, ", "Feb. 22, 1827.") for a one-line dateline: a date, or a place,
    a comma and a date; None for other lines. Right before a salutation a looser
    date will do, with a place: "Baden, August", "Vienna, Tuesday"."""
    if block.kind != "text" or len(block.lines) != 1:
        return None
    text = block.first.text
    if _dated(text):
        return "", text
    for found in re.finditer(", ", text):  # "BOSTON, MASS., OCT. 3, 1851."
        place, rest = text[: found.end()], text[found.end() :]
        capitalised = all(word[0].isupper() for word in place.replace(",", " ").split())
        loose = before_salutation and LOOSE_DATE.match(rest) is not None
        if PLACE.match(place) and capitalised and (_dated(rest) or loose):
            return place, rest
    return None


def _dated(text: str) -> bool:
    return P.is_date_line(text) or MONTH_DAY.match(text) is not None
