"""Common words capitalised for dignity, and what a title or a head word says
of a name's kind.

English capitalises a common noun that stands for an institution or for God
("the Government", "our Republic", "Providence"), and an adjective before a
noun ("Federal legislation"); neither is a name. The conventions used here:

- a one-word person or place after a determiner ("the", "our", "this") whose
  lower-case form the text uses is no name; nor a person after one that the
  model's lexicon lists as a noun (a person takes no article), nor a place
  after a possessive ("our Republic") unless it qualifies the noun after it
  ("our Pacific shores"): WordNet lists proper nouns too, so after "the" the
  lexicon alone is not enough ("the Hague"); an organization named by a
  common noun ("the Senate", "the Treasury", "our Congress") is how bodies are
  named and stays, but not after the possessive of one person ("my
  Inauguration", "his Administration": one person's thing is no body);
- a word after a title that is also an adjective or a rank ("General",
  "Vice") is no person when the text writes it in lower case ("the General
  Government"); after a form of address ("Mr. Baker", "the baker") it is;
- a word guessed on the model alone as a person or body that the lexicon
  lists as an adjective, right before a common noun in lower case, is an
  adjective ("Federal legislation"; a place so used is still a place, "the
  Pacific northwest"; not a name guessed surely elsewhere, "the Bush administration"
  after "George W. Bush");
- a name after a title of address is a person even where the document reads
  the same word as a place ("President Washington" in a text about the city);
- a name whose last word is a kind of building is a place (TEI 13.2.3: a
  building is a place), whatever the model said ("Executive Office Building").
"""

from __future__ import annotations

import re

from .lexicon import Lexicon

_DETERMINER = re.compile(
    r"(?<![\w'’])(?P<word>[Tt]he|[Oo]ur|[Tt]his|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[Mm]y|[Yy]our)\s+$"
)
# the possessives of one person ("your" may speak to a nation: "your Parliament")
_ONES = frozenset("my his her".split())
# titles that are also ordinary words of rank or degree: no form of address
RANKS = frozenset("General Vice Premier Chief Justice Father Brother Sister".split())
# titles before a place's name (St. Louis, Saint Paul): no person
SAINTS = frozenset("Saint St. St Fort".split())
BUILDINGS = frozenset("Building Palace Castle Tower Bridge Cathedral Abbey Monument".split())
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def dignified(
    text: str, start: int, words: str, kind: str, lower: frozenset[str], lexicon: Lexicon
) -> bool:
    """A one-word person, place or (after "my", "his", "her") organization
    after a determiner that is a common noun capitalised ("the Government",
    "our Republic", "my Inauguration"), see the module docstring."""
    if kind not in ("person", "place", "org") or " " in words:
        return False
    before = _DETERMINER.search(text, max(0, start - 12), start)
    if before is None:
        return False
    if kind == "org":  # one person's thing is no body: "my Inauguration"; "our Congress" stays
        return before.group("word").lower() in _ONES and words.lower() in lexicon.nouns
    common = words.lower()
    if common in lower:
        return True
    if common not in lexicon.nouns:
        return False
    if kind == "person":
        return True
    # a place after a possessive, unless it qualifies the noun after it ("our
    # Pacific shores"): WordNet lists proper nouns too, so the lexicon alone is
    # not enough ("the Hague")
    return before.group("word").lower() != "the" and not attributive(
        text, start + len(words), words, lexicon, any_word=True
    )


def rank_not_title(title: str, name: str, lower: frozenset[str]) -> bool:
    """A word after a rank ("General Government") that the text writes in lower case."""
    return title in RANKS and " " not in name and name.lower() in lower


def attributive(text: str, end: int, words: str, lexicon: Lexicon, any_word: bool = False) -> bool:
    """An adjective before a lower-case noun ("Federal legislation"); with
    `any_word`, any word before one ("our Pacific shores")."""
    following = _NEXT_WORD.match(text, end)
    return (
        " " not in words
        and (any_word or words.lower() in lexicon.adjectives)
        and following is not None
        and (following.group(1) in lexicon.nouns or _plural(following.group(1), lexicon))
    )


def _plural(word: str, lexicon: Lexicon) -> bool:
    """A plural of a listed noun ("shores"); not a short word ("was": "wa")."""
    return len(word) > 3 and bool(lexicon.singulars(word))


def building(words: str) -> bool:
    """A name of several words ending in a kind of building."""
    return " " in words and words.split()[-1] in BUILDINGS
