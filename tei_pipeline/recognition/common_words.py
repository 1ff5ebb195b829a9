"""Names made of common or derived words: when such a span is a name after all
(near misses in tests/fixtures/recognition/conventions.cases).

- a phrase of common words only ("Japanese Government", "Departments of the
  Government": every capitalised word is derived or written in lower case in
  the text) is no name; but a phrase the model labels a body or a polity is
  one name where the gazetteer knows it, or where the model labels it so in
  two mentions or more and the text never writes the phrase itself in lower
  case ("the United Nations" beside "nations" and "united"; not "the United
  Nations of the world" in a text that also speaks of "united nations");
- a word of the derived form ("European", "Caribbean") is an adjective or a
  demonym before a noun ("European nations") and never a name alone; but
  singular, after "the" and before no noun or adjective, where the gazetteer
  knows it or the model labels it a location, it is the place ("the
  Caribbean."; not "the Europeans", not "the Caribbean nations").
"""

from __future__ import annotations

import re
from collections import Counter

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .spans import DERIVED

_THE_BEFORE = re.compile(r"(?<![\w'’-])[Tt]he\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z][\w'’-]*)")


def generic(words: str, lower: frozenset[str], lexicon: Lexicon) -> bool:
    """A phrase of common words only: every capitalised word is derived or occurs
    in lower case, or every one is a plural ("Conferences and Congresses")."""
    capitalised = [w for w in words.split() if w[:1].isupper()]
    if all(lexicon.is_plural(w) for w in capitalised):
        return True
    return all(
        DERIVED.match(w) or w.lower() in lower or w.lower().removesuffix("s") in lower
        for w in capitalised
    )


def known_as_one(words: str, labelled: Counter[str], written: str, gazetteer: Gazetteer) -> bool:
    """Is a phrase of common words one name, by the gazetteer or by the model's
    repeated label where the text never writes the phrase in lower case?"""
    if gazetteer.readings(words):
        return True
    if labelled[words] < 2:
        return False
    phrase = words.lower()
    if phrase not in written:  # a plain find first: the text is the whole document's
        return True
    lowered = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
    return lowered.search(written) is None


def derived_place(
    text: str, start: int, end: int, label: str, gazetteer: Gazetteer, lexicon: Lexicon
) -> bool:
    """A singular derived-form word alone after "the", before no noun or
    adjective, that the gazetteer knows or the model labels a location."""
    words = text[start:end]
    if " " in words or not DERIVED.match(words) or words.endswith("s"):
        return False
    if _THE_BEFORE.search(text, max(0, start - 10), start) is None:
        return False
    if (after := _NEXT_WORD.match(text, end)) is not None:
        following = after.group(1)
        if (
            following in lexicon.nouns
            or following in lexicon.adjectives
            or lexicon.singulars(following)
        ):
            return False  # "the Caribbean nations": an adjective
    return label == "LOC" or bool(gazetteer.readings(words))
