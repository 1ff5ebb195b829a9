"""Where a name's span begins and ends: the model's span trimmed of a leading
"the", a title, a possessive, trailing punctuation (not an initial's full
stop) and a plural style ("the States of North Carolina": the places after it
are the names); where an abbreviation in initials run on into the next
sentence ends ("N.R.A. Its"); and whether a capitalised word joins it to a
longer name (then the span is part of that name and never guessed alone).
"""

from __future__ import annotations

import re

from ..transforms.names import HONORIFICS
from .conventions import ORG_LAST, function_word
from .dignity import RANKS
from .lexicon import Lexicon

# Offices and forms of address that follow a title but are not names
# ("Mr. Speaker", "Mr. Vice President").
# Members of a legislature addressed by their seat ("Congressman Hartley",
# "Congressmen Phil Gramm of Texas and ..."): titles too, though no register's
LEGISLATORS = frozenset("Congressman Congresswoman Congressmen Congresswomen".split())
OFFICES = (
    frozenset(
        """Speaker President Vice Chairman Chair Secretary Members Member
        Gentlemen Ladies Chief Justice Minister Commander General Mayor
        Representative Representatives Senators""".split()
    )
    | LEGISLATORS
)
DERIVED = re.compile(
    r"^[A-Z](?:[\w'’-]*(?:ism|isms|ist|ists|ian|ians|ese|ish|ans)"
    r"|\w{2,}(?:ican|ean))$"
)  # not "Dean", "Sean"
OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
# "Secretary of State", "Minister of the Interior": the title of an office
OFFICE_OF = re.compile(
    r"\b(?:Secretary|Secretaries|Minister|Ministers|Commissioner|Chancellor"
    r"|Attorney|Governor|Department|Ministry)\s+of\s+(?:the\s+)?$"
)
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[—–]|\n)\s*[\"“‘(\[]*$")
LEADING = re.compile(r"^(?:[Tt]he)\s+")
# the label of a postscript or a nota bene: Latin abbreviations, never a name's
# initials ("N.B. Send off the letter", "P.S. Mary came")
LABEL = re.compile(r"(?:P\.(?:P\.)?S\.|N\.B\.)(?:\s+|$)")  # used with .match
POSSESSIVE = re.compile(r"['’]s?$")
# "the States of North Carolina, West Virginia, ...": a plural style names no
# one polity; the places after it are the names
PLURAL_STYLE = re.compile(
    r"(?:States|Commonwealths|Republics|Kingdoms|Territories|Provinces)\s+of\s+(?:the\s+)?(?=[A-Z])"
)
# "the N.R.A. Its object": three initials or more closing a sentence, and the
# next sentence's first word
RUN_ON = re.compile(r"((?:[A-Z]\.\s?){2,}[A-Z]\.)\s+([A-Z][a-z]+)$")
# compiled once: trimmed and the joins run on every span the model finds
_TITLE_OR_OFFICE = HONORIFICS | OFFICES
_FIRST_TWO = re.compile(r"(\S+)\s+(\S+)")
_LEAD_WORD = re.compile(r"[A-Z][\w'’-]*\s+(?=[A-Z])")
_COMMON_LAST = re.compile(r"\s+[a-z]+$")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[ \u00a0]$")
_ALL_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_JOINED_WORD = re.compile(r"(?:[ \u00a0][A-Z][a-z]|[-‐]\w)")
_BEFORE_NUMBER = re.compile(r"\.\s*\d")


def trimmed(text: str, start: int, end: int, body: bool = False) -> tuple[int, int] | None:
    """The span without a leading "the", a title, a possessive or trailing
    punctuation. In a `body`'s name (what the model calls an organization) a
    rank before the head noun of a body is the name's own word ("the General
    Assembly", not "Assembly"; "General Smith" is still "Smith")."""
    words = text[start:end]
    if lead := LABEL.match(words):
        start += lead.end()
        words = text[start:end]
        if " " not in words.strip():
            return None  # "N.B. Send": the model took the label for initials
    if lead := LEADING.match(words):
        start += lead.end()
    if style := PLURAL_STYLE.match(text, start, end):
        start = style.end()
    while True:
        first = _FIRST_TWO.match(text, start, end)
        if first is None or first.group(1).rstrip(".") not in _TITLE_OR_OFFICE:
            break
        if body and first.group(1) in RANKS and first.group(2).rstrip(".,;:") in ORG_LAST:
            break
        start = first.end(1)
        start += len(text[start:end]) - len(text[start:end].lstrip())
    lead = _LEAD_WORD.match(text[start:end])
    if lead and DERIVED.match(lead.group(0).strip()) and OF_NAME.search(text, start, end):
        start += lead.end()  # "American Island of Oahu" (not "Hawaiian Islands")
    words = text[start:end]
    if tail := POSSESSIVE.search(words):
        end -= len(tail.group(0))
    while (last := _COMMON_LAST.search(text[start:end])) is not None:
        end -= len(last.group(0))  # "Pacific area": a common noun after the name
    while end > start and not text[end - 1].isalnum() and not initial_at(text, end):
        end -= 1
    words = text[start:end]
    if words in OFFICES or words.rstrip(".") in HONORIFICS:
        return None  # "Mr. Speaker"
    return (start, end) if end > start else None


def run_on(text: str, start: int, end: int, lower: frozenset[str], lexicon: Lexicon) -> int | None:
    """Where an abbreviation of three initials or more ends, if the span runs on
    into the next sentence's first word, a function word ("N.R.A. Its")."""
    initials = RUN_ON.match(text, start, end)
    if initials is None or not function_word(initials.group(2), lower, lexicon):
        return None
    return initials.end(1)


def initial_at(text: str, end: int) -> bool:
    """Does text[:end] end with a full stop after a single capital ("U.S.")?"""
    return (
        text[end - 1] == "."
        and end >= 2
        and text[end - 2].isupper()
        and (end < 3 or not text[end - 3].isalpha())
    )


def joined_before(text: str, start: int, norp: set[str]) -> bool:
    before = text[max(0, start - 40) : start]
    if OFFICE_OF.search(before):
        return True  # "Secretary of State": the title of an office
    if before.endswith(("-", "‐")) and len(before) > 1 and before[-2].isalpha():
        return True
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1)
    if token in HONORIFICS or token.rstrip(".") in HONORIFICS or token in OFFICES:
        return False
    if DERIVED.match(token) or token in norp:
        return False  # "the American Island of Oahu", "the Hindu Swami": an adjective
    if token.endswith(".") and (not _ALL_INITIALS.fullmatch(token) or LABEL.match(token)):
        return False  # the end of a sentence, or "P.S." before a name
    if len(token) > 1 and token.isupper() and text[start : start + 1].isupper():
        return True  # "KWABENA BOATENG": capitals are no sentence's first letter
    # a capitalised word that begins the sentence is capitalised for that reason
    return SENTENCE_START.search(before, 0, word.start()) is None


def joined_after(text: str, end: int, places: frozenset[int] = frozenset()) -> bool:
    """Is a capitalised word or "of <Name>" joined to the span's end? Not "of"
    before one of `places` (where the model's own places begin) after a
    person: "Phil Gramm of Texas" is a person from a place, not one name."""
    if _JOINED_WORD.match(text[end : end + 3]):
        return True
    if _BEFORE_NUMBER.match(text[end : end + 3]):
        return True  # "Vol. 1", "No. 21": an abbreviation before a number
    if (of := OF_NAME.match(text, end)) is None:
        return False
    return of.end() - 1 not in places  # "United States" of "United States of Europe"
