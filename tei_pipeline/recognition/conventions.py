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
- a meeting named after where it met ("the Bermuda Conference", "a Geneva
  Summit") is an event, and a name ending in a word for a text, a doctrine or
  a plan ("the Pacific Doctrine", "the Wagner Act", "the Marshall Plan") or
  beginning with one before "of" ("the Treaty of Ghent") is a work: no person,
  place or organization (a conference that is a body, "the Southern Christian
  Leadership Conference", stays); nor is a name on the plural of a body's
  head noun ("the Post Office Departments", "Departments of the Government":
  several bodies, as "the Executive Departments" above);
- "the State of Alaska", "the Commonwealth of Virginia", "the Republic of
  Ghana": a polity's style before a country, continent or US state is that
  place, whatever the model said ("the State of the Union" is no place: a
  Union is a town somewhere, no state);
- "North and South America", "Central and South America": two places with the
  name they share said once; the second ("South America") is whole and is
  the place tagged, the first is not written out, so not tagged;
- two points of the compass joined ("North-South", "East-West") name a
  relation between regions, no place;
- a capitalised word that the text also writes in lower case and the lexicon
  lists as neither noun nor adjective is a function word ("If", "For"): never
  a surname after initials ("P.S. If you ...");
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
ORG_LAST = frozenset(_BODIES.split()) | {"Committee", "Corporation", "Assembly", "Parliament"}
# words for a feature of the land closing a place's name
LAND = frozenset(
    """Territory Territories Shoals Island Islands River Valley Mountains Lake Lakes
    Bay Gulf Canal Falls Isthmus Peninsula Sea Ocean Strait Straits Desert Plains""".split()
)
_MEETINGS = frozenset("Conference Summit".split())
_WORKS = frozenset(
    """Act Acts Doctrine Treaty Accord Accords Pact Agreement Plan Declaration
    Proclamation Amendment Communique Charter Covenant Protocol Convention""".split()
)
_WORK_OF = re.compile(rf"^(?:{'|'.join(sorted(_WORKS))})\s+of\s+[A-Z]")
_POLITY_OF = re.compile(
    r"^(?:State|Commonwealth|Republic|Kingdom|Territory|Province|Principality|Empire)"
    r"\s+of\s+(?:the\s+)?(?P<name>[A-Z].*)$"
)
_REGIONS = "North|South|East|West|Northern|Southern|Eastern|Western|Central|Latin|Upper|Lower"
_SHARED_NAME = re.compile(rf"^(?:{_REGIONS})\s+and\s+(?=(?:{_REGIONS})\s+[A-Z])")
_COMPASS_PAIR = re.compile(r"^(?:North|South|East|West)[-‐–](?:North|South|East|West)$")
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


def not_a_body(words: str, gazetteer: Gazetteer, lexicon: Lexicon) -> bool:
    """A meeting named after its place, a text, doctrine or plan, or bodies
    named by a plural head (see the module docstring): "Bermuda Conference",
    "Pacific Doctrine", "Treaty of Ghent", "Post Office Departments"."""
    parts = words.split()
    if len(parts) < 2:
        return False
    head = parts[0] if parts[1] == "of" else parts[-1]
    if any(s.capitalize() in ORG_LAST for s in lexicon.singulars(head)):
        return True  # "the Departments of the Government": several bodies, not one
    if parts[-1] in _MEETINGS:
        return bool(gazetteer.readings(" ".join(parts[:-1])))
    return parts[-1] in _WORKS or _WORK_OF.match(words) is not None


def polity_of(words: str, gazetteer: Gazetteer) -> bool:
    """ "The State of Alaska": a polity's style before a country, continent or US state."""
    style = _POLITY_OF.match(words)
    return style is not None and gazetteer.is_broad(style.group("name"))


def compass_pair(words: str) -> bool:
    """ "North-South", "East-West": a relation between regions."""
    return _COMPASS_PAIR.match(words) is not None


def function_word(word: str, lower: frozenset[str], lexicon: Lexicon) -> bool:
    """A capitalised word the text writes in lower case that the lexicon lists
    as neither noun nor adjective ("If", "For"): a word of the sentence."""
    common = word.lower()
    return common in lower and common not in lexicon.nouns and common not in lexicon.adjectives


def second_of_pair(words: str) -> int:
    """Where the whole second place of "North and South America" begins in
    `words` (0 when the words are no such pair)."""
    pair = _SHARED_NAME.match(words)
    return pair.end() if pair else 0
