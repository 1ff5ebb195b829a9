"""Conventions of how names are written that say what a span is, or that it is
none (near misses in tests/fixtures/recognition/conventions.cases):

- what the model labels as a nationality, creed, event, work, product, law or
  language (spaCy's NORP, EVENT, WORK_OF_ART, PRODUCT, LAW, LANGUAGE) is no
  person, place or organization, whatever a title or a gazetteer says of it;
  but initials before a surname still make a person ("M. Oyelaran": no group
  has initials), and a further mention of a name the document has guessed
  surely stays that name ("Oyelaran" after "Margaret Oyelaran"), though the
  model says NORP there;
- a common noun alone in brackets is a stage direction of a transcript
  ("(Laughter.)", "[Applause]"), not a name; a name the gazetteer knows there
  stays ("(Jerusalem.)");
- a body's name is built on a head noun: "Department of Labor", "the Shipping
  Board", "Civil Service Commission" are organizations, even when each of their
  words is a common word of the text; a plural head ("the Departments") names
  no one body;
- a name ending in a word for a feature of the land ("Northwest Territory",
  "Muscle Shoals", "Rio Grande" is the gazetteer's) is a place;
- a one-word name the model calls a person that the gazetteer knows as one
  place, after a preposition of place ("at", "in", "on", "near", "via"), with no title
  of address before it and no longer person's name in the document holding it,
  is that place ("at Annapolis"; not "Mary bade", not "Jackson" after "Andrew
  Jackson", not "President Washington"); one it calls an organization that the
  gazetteer knows is a place too there ("at Vincennes"; not "Date and Time"),
  unless the lexicon lists it as an adjective ("Federal", "Eastern");
- a name guessed by its initials takes in the capitalised forename before them
  ("Ulysses S. Grant", never "S. Grant" out of it), but not a title ("Secretary
  J. Smith") nor a word capitalised only as a sentence's first that the
  document also writes in lower case ("Today J. Smith ... today");
- an abbreviated place keeps its full stop ("Richmond, Va."), when the
  gazetteer knows the abbreviation; one it does not know is not tagged, as
  what it stands for cannot be told ("Xq." is no place called "Xq");
- "in the year of our Lord 1869, and of the Independence of the United States
  the ninety-third" is a dating formula: "the Independence of X" after a year
  or before an ordinal is an era, no organization; X in it is still a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, TypeVar

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .model import Entity

NOT_NAMES = frozenset("NORP EVENT WORK_OF_ART PRODUCT LAW LANGUAGE".split())
# head nouns of bodies: "Department of X", "X Board"
_BODIES = "Department Bureau Board Commission Administration Agency Ministry Office Council"
ORG_FIRST = re.compile(rf"^(?:{'|'.join(_BODIES.split())})\s+(?:of|for)\s+(?:the\s+)?[A-Z]")
ORG_LAST = frozenset(_BODIES.split()) | {"Committee", "Corporation"}
# words for a feature of the land closing a place's name
LAND = frozenset(
    """Territory Territories Shoals Island Islands River Valley Mountains Lake Lakes
    Bay Gulf Canal Falls Isthmus Peninsula Sea Ocean Strait Straits Desert Plains""".split()
)
_INDEPENDENCE = re.compile(r"Independence\s+of\s+(?:the\s+)?(?=[A-Z])")
_ORDINAL_AFTER = re.compile(
    r"\s+the\s+(?:[a-z]+[\s-])*?(?:first|second|third|[a-z]+th|\d+[a-z]{1,2})\b"
)
_YEAR_BEFORE = re.compile(r"(?:\d{3,4}|Lord),?\s+and\s+of\s+the\s+$")
_BRACKETED = re.compile(r"[(\[]\s*$")
# a preposition of place right before a word ("at Annapolis", "in Vincennes"): the
# only context in which a word the model took for a person or a body is read as
# the gazetteer's place ("Mary", "Time", "Shu" are towns somewhere too)
_LOCATIVE = re.compile(r"(?<![\w'’])(?:at|in|on|near|via)\s+$")
_CLOSING = re.compile(r"\s*[.!]?\s*[)\]]")


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)


def outside_not_names(
    found: list[S], entities: list[Entity], exempt: Callable[[S], bool]
) -> list[S]:
    """The guesses over no span the model labels as no person, place or
    organization, but those `exempt` keeps (a person by initials)."""
    barred = [(e.start, e.end) for e in entities if e.label in NOT_NAMES]
    return [g for g in found if exempt(g) or all(g.end <= s or e <= g.start for s, e in barred)]


def stage_direction(
    text: str, start: int, end: int, lexicon: Lexicon, gazetteer: Gazetteer
) -> bool:
    """A common noun alone in brackets ("(Laughter.)"), see the module docstring."""
    words = text[start:end]
    return (
        " " not in words
        and _BRACKETED.search(text, max(0, start - 3), start) is not None
        and _CLOSING.match(text, end) is not None
        and words.lower() in lexicon.nouns
        and not gazetteer.readings(words)
    )


def organization(words: str) -> bool:
    """A body's name on a singular head noun ("Department of Labor", "Farm Loan Board")."""
    return " " in words and (ORG_FIRST.match(words) is not None or words.split()[-1] in ORG_LAST)


def land(words: str) -> bool:
    """A name of several words ending in a feature of the land ("Northwest Territory")."""
    return " " in words and words.split()[-1] in LAND


def after_locative(text: str, start: int) -> bool:
    """A preposition of place just before `start` ("at ", "in ")."""
    return _LOCATIVE.search(text, max(0, start - 12), start) is not None


def place_not_person(
    words: str, titled: bool, person_word: bool, located: bool, gazetteer: Gazetteer
) -> bool:
    """A one-word "person" the gazetteer knows as one place, after a preposition
    of place ("at Annapolis"; not "Mary bade", "Mary's")."""
    return (
        located
        and " " not in words
        and not titled
        and not person_word
        and gazetteer.clear(words) is not None
    )


def forename(
    word: str, sentence_start: bool, lower: frozenset[str], titles: frozenset[str]
) -> bool:
    """Is the capitalised word before a name's initials part of it ("Ulysses")?"""
    if word in titles or word.rstrip(".") in titles:
        return False
    return not (sentence_start and word.lower() in lower)


def abbreviation(text: str, start: int, end: int, model_end: int, gazetteer: Gazetteer) -> int:
    """The end of a one-word place with its abbreviation's full stop, which the
    model's span holds ("Va."); -1 if the gazetteer does not know it; `end`
    when the span is no abbreviation."""
    if " " in text[start:end] or not text[end - 1].islower() or text[end:model_end] != ".":
        return end
    return end + 1 if gazetteer.readings(text[start : end + 1]) else -1


def dating_formula(text: str, start: int, end: int) -> int | None:
    """Where the name inside "the Independence of X" in a dating formula begins, or None."""
    head = _INDEPENDENCE.match(text, start)
    if head is None or head.end() >= end:
        return None
    year_before = _YEAR_BEFORE.search(text, max(0, start - 30), start) is not None
    return head.end() if year_before or _ORDINAL_AFTER.match(text, end) else None


def unknown_place(words: str, located: bool, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    """A name the gazetteer knows, after a preposition of place, that is no
    adjective ("at Vincennes"; not "Federal", not "Date and Time")."""
    return located and bool(gazetteer.readings(words)) and words.lower() not in lexicon.adjectives
