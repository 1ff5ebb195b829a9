"""Names that the layout of a text shows: bylines and attributions, where a
name is often written in capitals and the model, trained on running prose,
does not see it.

- "By Leo Tolstoy", "by Dr. Jonathan Swift": a name after "by" that ends its
  line is a person, whatever the model took it for (an organization, often);
- a signature or attribution in capitals at the end of a paragraph, after its
  last sentence or after "by": "With an Introduction by M. K. GANDHI",
  "... without stumbling. KRISHNA." It is a person when initials show it
  (M. K.), when "by" stands before it, or when the same capitals close two
  paragraphs or more of the document (an epigraph's recurring attribution);
  never a word the text also writes in lower case or a plural of a common noun.

- a signature on a line of its own in capitals with initials is the whole
  name ("U. S. GRANT."), though the line does not close the run (a
  countersignature may follow); "U. S. NAVY." is no one, as "navy" is a common
  noun of the model's lexicon;
- a countersignature: a name in capitals followed by ", <office>" on the last
  line of a run ("HAMILTON FISH, Secretary of State.") is a person; the same
  words inside a paragraph, or before a word that names no office, are not.

A run written wholly in capitals (a heading) yields only a name with initials.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from ..transforms.names import HONORIFICS

_TITLE = r"(?:(?:" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
_TITLE += r")\.?\s+)?"
# "By Leo Tolstoy", "by Dr. Jonathan Swift" ending the line
BY_LINE = re.compile(rf"(?:^|\n)[ \t]*[Bb][Yy][ \t]+{_TITLE}$")
_AFTER_NAME = re.compile(r"[ \t]*[.,;]?[ \t]*(?:\n|$)")
_CAPITALS_NAME = (
    r"(?P<initials>(?:[A-Z]\.\s?){0,3})(?P<words>[A-Z][A-Z'’-]+(?:[ ][A-Z][A-Z'’-]+){0,2})"
)
CLOSING = re.compile(
    rf"(?:^|(?P<sentence>[.!?;:_”\"’)])[ \t\n]+|(?P<by>\b[Bb][Yy])[ \t\n]+|^[ \t\n]+)"
    rf"{_CAPITALS_NAME}\.?[ \t\n]*$"
)
_NAME_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ'’-")  # the last letters _CAPITALS_NAME allows

SIGNATURE_LINE = re.compile(
    r"(?:^|\n)[ \t]*(?P<initials>(?:[A-Z]\.[ ]?){1,3})"
    r"(?P<words>[A-Z][A-Z'’-]+(?:[ ][A-Z][A-Z'’-]+){0,2})"
    r"\.?[ \t]*(?=\n|$)"
)
# initials that also abbreviate a state ("U. S. NAVY"): the word must be no common word
_STATE_INITIALS = re.compile(r"U\.\s?[SKN]\.")
# the offices that countersign a proclamation or an order
OFFICES = "Secretary Attorney Attorney-General Postmaster Governor Commissioner Acting Chairman"
_COUNTERSIGNED = re.compile(
    r"(?:^|\n)[ \t]*(?P<words>[A-Z][A-Z'’-]+(?:[ ](?:[A-Z]\.[ ])?[A-Z][A-Z'’-]+){1,2}),[ \t]+"
    rf"(?:{'|'.join(OFFICES.split())})\b[^\n]*\s*$"
)


def signatures(
    text: str, common: Callable[[str], bool], lower: frozenset[str]
) -> list[tuple[int, int]]:
    """The spans of signatures and a countersignature in a run (see the module docstring)."""
    found = []
    for match in SIGNATURE_LINE.finditer(text):
        words = match.group("words").split()
        state = _STATE_INITIALS.fullmatch(match.group("initials").strip()) is not None
        if not any(common(w.capitalize()) or (state and w.lower() in lower) for w in words):
            found.append((match.start("initials"), match.end("words")))
    if (counter := _COUNTERSIGNED.search(text)) is not None:
        if not any(common(w.capitalize()) for w in counter.group("words").split()):
            found.append((counter.start("words"), counter.end("words")))
    return found


def by_line(text: str, start: int, end: int) -> bool:
    """Does the span [start, end) follow "by" at the start of its line and end it?"""
    return (
        BY_LINE.search(text, max(0, start - 40), start) is not None
        and _AFTER_NAME.match(text, end) is not None
    )


def _closing(text: str) -> re.Match[str] | None:
    """CLOSING's match, searched only where it can end: the run must end in a
    capital, an apostrophe or a hyphen, an optional full stop and blanks (most
    runs end in a lower-case word, and a search from every position is slow)."""
    end = text.rstrip(" \t\n")
    end = end[:-1] if end.endswith(".") else end
    if not end or end[-1] not in _NAME_END:
        return None
    return CLOSING.search(text)


def closing_names(texts: Iterable[str]) -> Counter[str]:
    """How many runs of the document each capitals name closes after a sentence
    (the evidence of a recurring attribution)."""
    found: Counter[str] = Counter()
    for text in texts:
        match = _closing(text)
        if match and match.group("sentence") and not in_capitals(text):
            found[text[match.start("initials") : match.end("words")]] += 1
    return found


def in_capitals(text: str) -> bool:
    """A run with no lower-case letter and some letters (a heading)."""
    # str.upper() runs in C
    return text == text.upper() and text != text.lower() and len(text.strip()) >= 4


def attribution(
    text: str, closing: Counter[str], common: Callable[[str], bool]
) -> tuple[int, int] | None:
    """The span of a capitals attribution closing the run, or None (see the module docstring)."""
    match = _closing(text)
    if match is None:
        return None
    start, end = match.start("initials"), match.end("words")
    name = text[start:end]
    if match.group("initials"):
        evidence = True
    elif in_capitals(text):
        evidence = False  # a heading: its capitals say nothing
    else:
        evidence = bool(match.group("by")) or closing[name] >= 2
    words = match.group("words").split()
    if not evidence or any(common(w.capitalize()) for w in words):
        return None
    return start, end
