"""Headings and the divisions they open, and how those divisions nest.

Input: the blocks of running text. Output: for a block that opens a division,
a Heading (its kind, the lines of its head, its number); the Sections state
decides where the new `div` goes. Kinds, by convention:

- "setext=", "setext-", "setext*": a line underlined by a rule of that character
- "label": "CHAPTER I.", "Part 2", "ESSAY No. 12" (a word, then a number)
- "roman": a bare Roman numeral ("I", "IV.") in its sequence
- "numbered": "IV. Title", "3. Title" (ENCODING.md)
- "caps": a short line in capitals; "plain": a short capitalised line

Nesting follows the order in which kinds first appear (as pandoc ranks setext
and ATX styles): a kind first seen inside a division nests under it; a kind seen
before returns to its level. A chapter's title on its own line joins its head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from . import patterns as P
from .lines import Block, Line

UNDERLINE = re.compile(r"^(?P<c>[=\-*~^])(?P=c){2,}$")
LABELLED = re.compile(
    r"^(?P<label>(?:CHAPTER|Chapter|PART|Part|BOOK|Book|SECTION|Section|ARTICLE|Article|"
    r"CANTO|Canto|LETTER|Letter|ESSAY|Essay|LECTURE|Lecture|ACT|Act|SCENE|Scene)\s+"
    r"(?:No\.\s*)?(?P<n>[IVXLC]+|\d{1,3}))\b[.:]?(?:\s+(?P<title>\S.*))?$"
)
# "ESSAY No. 12", "The Crisis No. 3": a series name with its number
SERIES = re.compile(r"^(?P<label>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}) No\.\s*(?P<n>\d{1,4})\.?$")
BARE_NUMBER = re.compile(r"^(?P<n>\d{1,4})\.$")
ADDRESSEE = re.compile(r"^(?:TO|To|AN|An|À|A)\s+\S")
BY_LINE = re.compile(r"^(?:by|By|BY)(?:\s+\S.*)?$")  # a credit: "BY", "BY ELIZA LEE FOLLEN."
ROMAN = re.compile(r"^(?P<n>[IVXLC]{1,7})\.?$")
# "M. W.", "W. L. COURTNEY.": initials, perhaps with a surname in capitals
INITIALS = re.compile(r"(?:[A-Z]\.\s*){1,4}(?:[A-Z][A-Z'\-]+\.?)?")
# a contents line: a title, a run of spaces or dots, a page number
CONTENTS_ENTRY = re.compile(r"\S(?:\s{3,}|\s*\.{3,}\s*)(?:\d+|[ivxlc]+)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# head/@rend for the underline a setext heading had
_UNDERLINES = {"=": "double", "-": "single", "*": "asterisks", "~": "tildes", "^": "carets"}


@dataclass
class Heading:
    kind: str
    lines: list[Line]
    n: str | None = None
    rend: str | None = None  # what an underline stood for
    type: str | None = None  # "letter" for a numbered letter of a collection
    blocks: int = 1  # blocks the heading takes (2 when a title line joins it)


@dataclass
class Sections:
    """Open divisions, innermost last, and the order kinds were first seen in."""

    stack: list[tuple[str, etree._Element]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    last_roman: int = 0
    last_number: int = 0
    closed: bool = False  # the innermost division has its closer

    def parent_for(self, kind: str, container: etree._Element) -> etree._Element:
        if kind not in self.kinds:
            self.kinds.append(kind)
        level = min(self.kinds.index(kind), len(self.stack) - (1 if self.closed else 0))
        self.closed = False
        del self.stack[level:]
        return self.stack[-1][1] if self.stack else container

    def opened(self, kind: str, div: etree._Element) -> None:
        self.stack.append((kind, div))


def roman_value(text: str) -> int | None:
    values = [_ROMAN_VALUES[ch] for ch in text]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return total if total > 0 else None


def find_heading(blocks: list[Block], index: int, state: Sections) -> Heading | None:
    block = blocks[index]
    beyond = index + 1
    while beyond < len(blocks) and blocks[beyond].kind in ("notes", "notes-part"):
        beyond += 1  # a heading's footnote stands under it
    following = blocks[beyond] if beyond < len(blocks) else None
    if block.kind != "text" or following is None:
        return None
    if index and block.gap == 0:
        return None  # a paragraph split off by its indent: a heading stands between blank lines
    if len(block.lines) == 2:
        return _setext(block)
    if len(block.lines) != 1:
        return None
    line = block.first
    text = line.text
    if (address := _address(blocks, index)) is not None:
        return address
    found = LABELLED.match(text) or SERIES.match(text)
    if found is not None:
        heading = Heading("label", [line], found.group("n"))
        after = blocks[index + 1].first.text
        if CONTENTS_ENTRY.search(text) or CONTENTS_ENTRY.search(after):
            return None  # a line of a table of contents
        if found.groupdict().get("title"):
            # "CHAPTER 1.  TITLE" over another such line: a contents list, not a division
            return None if LABELLED.match(after) else heading
        return _with_title_line(heading, blocks, index)
    if (number := BARE_NUMBER.match(text)) is not None:
        heading = _with_title_line(Heading("number", [line], number.group("n")), blocks, index)
        addressed = len(heading.lines) == 2 and ADDRESSEE.match(heading.lines[1].text)
        value = int(number.group("n"))
        if not addressed and value != state.last_number + 1:
            return None  # a year or a stray number, not the next of a series
        state.last_number = value
        if addressed:
            heading.type = "letter"  # "438." then "TO THE COPYIST.": a letter in a collection
        return heading
    if (roman := ROMAN.match(text)) is not None:
        numeral = roman_value(roman.group("n"))
        if numeral is not None and (numeral == 1 or numeral == state.last_roman + 1):
            state.last_roman = numeral
            return _with_title_line(Heading("roman", [line], roman.group("n")), blocks, index)
        return None
    return _shaped(block, blocks[index - 1] if index else None, following)


def _setext(block: Block) -> Heading | None:
    title, rule = block.lines
    found = UNDERLINE.match(rule.text)
    if found is None or rule.indent > title.indent + 2:
        return None
    if not P.is_short_line(title.text, 15) or not 0.5 * len(title.text) <= len(rule.text):
        return None
    char = found.group("c")
    return Heading(f"setext{char}", [title], rend=f"underline-{_UNDERLINES[char]}")


def _with_title_line(heading: Heading, blocks: list[Block], index: int) -> Heading:
    """ "CHAPTER I." then "INTRODUCTORY." on its own line: one head of two lines."""
    if index + 2 >= len(blocks):
        return heading
    title = blocks[index + 1]
    text = title.first.text
    if (
        title.kind == "text"
        and len(title.lines) == 1
        and P.is_short_line(text, 10)
        and not P.SENTENCE_BREAK.search(text)
        and not text.endswith((",", ";", ":"))
        and (text.isupper() or P.is_heading_text(text))
        and not LABELLED.match(text)
        and not ROMAN.match(text)
    ):
        heading.lines.append(title.first)
        heading.blocks = 2
    return heading


def _shaped(block: Block, previous: Block | None, following: Block) -> Heading | None:
    """A short line that looks like a heading and is not a signature or a date."""
    text = block.first.text
    if len(text.split()) > 20:
        return None  # longer than every shape below (a paragraph): skip the costly tests
    if (
        P.is_date_line(text)
        or _signature_like(text, previous)
        or CONTENTS_ENTRY.search(text)
        or P.is_byline(text)
        or BY_LINE.match(text)
        or P.SALUTE.match(text)
        or P.CLOSING.match(text)
        or _attribution_like(text, previous)
        or text in ("TO", "To")  # the first line of an address
    ):
        return None
    numbered = P.NUMBERED_HEAD.match(text)
    if numbered and len(text.split()) <= 20 and not text.endswith((",", ";")):
        return Heading("numbered", [block.first], numbered.group("n") or numbered.group("label"))
    letters = [ch for ch in text if ch.isalpha()]
    if (
        len(letters) >= 2
        and all(ch.isupper() for ch in letters)
        and P.is_short_line(text)
        and not P.SENTENCE_BREAK.search(text)
        and not text.endswith((",", ";", ":", "-"))
        and following.kind in ("text", "list")
    ):
        return Heading("caps", [block.first])
    if P.is_heading_text(text) and following.kind in ("text", "list"):
        return Heading("plain", [block.first])
    return None


def _signature_like(text: str, previous: Block | None) -> bool:
    """Initials ("M. W."), or a name under a closing formula that ends with a comma."""
    if INITIALS.fullmatch(text):
        return True
    if previous is None:
        return False
    before = previous.lines[-1].text
    if before.endswith(","):
        return P.is_name_like(text.rstrip("."))
    # a name in capitals under an unfinished line ("... Your attached" / "FATHER.")
    unfinished = not before.endswith((".", "!", "?", ":", ";", '"', "”", "_", ")", "]"))
    return unfinished and text.isupper() and len(text.split()) <= 4 and text.endswith(".")


def _attribution_like(text: str, previous: Block | None) -> bool:
    """A name in capitals under a quotation ("... names._" / "THE VEDAS.") credits it."""
    if previous is None or len(text.split()) > 4:
        return False
    if not (text.endswith(".") or P.is_name_like(text)):
        return False
    return previous.lines[-1].text.endswith(("_", "”", '"', "’", "'"))


ADDRESS_LINES = 4


def _address(blocks: list[Block], index: int) -> Heading | None:
    """ "TO" / "M. TALLEYRAND PERIGORD," / "LATE BISHOP OF AUTUN." over a
    salutation: the address of a letter (a dedication) opens it."""
    text = blocks[index].first.text
    if not (text in ("TO", "To") or (ADDRESSEE.match(text) and text.isupper())):
        return None
    lines = []
    for end in range(index, min(index + ADDRESS_LINES, len(blocks) - 1)):
        block = blocks[end]
        if block.kind != "text" or len(block.lines) != 1 or not block.first.text.isupper():
            return None
        lines.append(block.first)
        if P.SALUTE.match(blocks[end + 1].first.text) and len(blocks[end + 1].lines) == 1:
            return Heading("address", lines, type="letter", blocks=len(lines))
    return None
