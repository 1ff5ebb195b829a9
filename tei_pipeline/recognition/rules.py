"""From evidence to guesses: what of the model's findings is tagged, as what,
and how sure; and the names that context alone shows.

Input: the text of one run, the model's entities in it, and what is known of the
whole document (its lower-case words, the names guessed so far). Output:
Guess(start, end, kind, cert) spans, not overlapping. Evidence and certainty:

- high: two kinds of evidence agree: the model and a gazetteer (a place), the
  model and a title before the name ("Senator Goldwater"), or a byline;
- medium: one strong kind: a name of several words or with initials from the
  model ("Qasem Soleimani"), a title or initials alone ("Secretary Folger",
  "N. Angell"), a country or US state alone, a one-word name that repeats a
  word of a longer name found in the same document ("Soleimani");
- low: the model alone on one word.

Never guessed: part of a longer name (a capitalised word joined to the span),
a word derived from a name ("Leninism", "Americans", "Japanese": nationality
words are spaCy's NORP and never tagged), a one-word span that begins a
sentence and occurs in lower case elsewhere, anything in a run written in
capitals (a heading), spans with digits.
More conventions (stage directions, heads of bodies): conventions.py; where a
span begins and ends, and when it is part of a longer name: spans.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import ClassVar

from ..tei.lookback import ends_before
from ..transforms.names import HONORIFICS, title_case
from . import conventions as cv
from .attribution import attribution, by_line, closing_names, in_capitals, signatures
from .common_words import derived_place, generic, known_as_one
from .dignity import RANKS, SAINTS, attributive, building, dignified, rank_not_title
from .gazetteer import Gazetteer
from .lexicon import EMPTY, Lexicon
from .model import Entity
from .spans import (
    DERIVED,
    LABEL,
    LEGISLATORS,
    OFFICES,
    POSSESSIVE,
    SENTENCE_START,
    joined_after,
    joined_before,
    run_on,
    trimmed,
)

# spaCy's OntoNotes labels; FAC (buildings, bridges, and in practice islands and
# gulfs) is a place in TEI's sense (13.2.3); NORP (nationalities) is never a name.
KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org"}
CERT_ORDER = {"low": 0, "medium": 1, "high": 2}
_NAME_WORD = r"[A-Z][a-z][\w'’-]*"
_INITIALS = r"(?:[A-Z]\.\s?){1,3}"
# Each pattern begins with "(?=[A-Z])": the same matches, but the regular
# expression engine then skips to the next capital letter instead of trying the
# look-behind at every character (about 40 % less time on the speeches).
TITLED = re.compile(
    rf"(?=[A-Z])(?<![\w.])(?P<title>[A-Z][a-z]*\.?)\s+"
    rf"(?P<name>(?:{_INITIALS})?{_NAME_WORD}(?:\s+{_NAME_WORD})*)"
)
# a forename before the initials belongs to the name ("Ulysses S. Grant", conventions.py)
INITIALLED = re.compile(
    rf"(?=[A-Z])(?<![\w.])(?P<name>(?P<fore>{_NAME_WORD}\s+)?{_INITIALS}{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
# Abbreviated states and bodies written with initials, not persons' initials (nor
# are the Latin labels of a postscript: spans.LABEL).
ABBREVIATED = re.compile(r"(?:U\.\s?[SKN]\.|U\.S\.A\.|U\.S\.S\.R\.)")
CAPITALISED = re.compile(rf"(?=[A-Z])(?<![\w'’.-]){_NAME_WORD}(?:\s+{_NAME_WORD})*")
COMPASS = frozenset("North South East West".split())  # "the East": a region, not a town
_PARTICLE = re.compile(r"(?:al|el)-(?=[A-Z])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TITLE_AT_END = re.compile(r"([A-Z][a-z]*\.?)\s+$")


@dataclass(frozen=True)
class Guess:
    """A span of a run guessed to be a name: [start, end), its kind, @cert."""

    start: int
    end: int
    kind: str
    cert: str
    text: str

    def overlaps(self, other: Guess) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class DocumentEvidence:
    """What the whole document tells about a word: its lower-case words, and the
    words of the longer names guessed in it (filled as guesses are made)."""

    lower: frozenset[str]
    lexicon: Lexicon = EMPTY  # the model's common nouns and adjectives (lexicon.py)
    closing: Counter[str] = field(default_factory=Counter)  # capitals closing runs
    norp: set[str] = field(default_factory=set)  # what the model calls a nationality or creed
    name_words: dict[str, str] = field(default_factory=dict)  # word -> kind of its longer name
    kinds: dict[str, Counter[str]] = field(default_factory=dict)  # form -> kinds guessed
    sure: dict[str, str] = field(default_factory=dict)  # form -> kind, guessed medium or high
    labelled: Counter[str] = field(default_factory=Counter)  # form -> the model's ORG/GPE mentions
    written: str = ""  # the document's text, for a phrase written in lower case
    _pattern: tuple[int, re.Pattern[str] | None] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, texts: Iterable[str], lexicon: Lexicon = EMPTY) -> DocumentEvidence:
        runs = list(texts)
        written = "\n".join(runs)  # no word runs across the line break
        words = {w for w in set(_WORD.findall(written)) if w.islower()}
        return cls(frozenset(words), lexicon, closing_names(runs), written=written)

    def common_word(self, word: str) -> bool:
        """A capitalised word that is a plural of a common noun ("Hells", "Shahs"),
        by the model's lexicon or by its singular in lower case in the text, or
        an adjective only ("Eastern")."""
        return (
            self.lexicon.is_plural(word)
            or self.lexicon.is_adjective_only(word)
            or any(s in self.lower for s in self.lexicon.singulars(word))
        )

    def sure_pattern(self) -> re.Pattern[str] | None:
        """One expression for every sure form, longest first (made once per document)."""
        if self._pattern is None or self._pattern[0] != len(self.sure):
            forms = sorted(self.sure, key=lambda f: (-len(f), f))
            body = "|".join(re.escape(f) for f in forms)
            compiled = re.compile(rf"(?<![\w'’.-])(?:{body})(?![\w-])") if forms else None
            self._pattern = (len(self.sure), compiled)
        return self._pattern[1]

    def kind_of(self, form: str, kind: str) -> str:
        """The kind the document guesses for a form more often than any other (one
        name, one kind); on a tie the model's kind for this mention stands."""
        counts = self.kinds.get(form)
        if not counts:
            return kind
        # Counter.most_common(2), without its heap (a form has a kind or two)
        ranked = sorted(counts.items(), key=itemgetter(1), reverse=True)
        if len(ranked) >= 2 and ranked[0][1] == ranked[1][1]:
            return kind
        return ranked[0][0]

    def learn(self, chosen: list[Guess]) -> None:
        for guess in chosen:
            self.kinds.setdefault(guess.text, Counter())[guess.kind] += 1
            if guess.cert != "low":
                self.sure.setdefault(guess.text, guess.kind)
            if " " in guess.text and guess.kind == "person":
                for word in guess.text.split():
                    self.name_words.setdefault(word, guess.kind)
                surname = guess.text.split()[-1]
                common = {surname.lower(), surname.lower().removesuffix("s")} & self.lower
                if guess.cert != "low" and len(surname) > 2 and not common:
                    self.sure.setdefault(surname, "person")  # "Oyelaran" of "Margaret Oyelaran"


@dataclass(frozen=True)
class RunShape:
    """What a run shows by its own words and the model's spans, whatever the
    document has learnt so far: read once, for both passes of `guesses`."""

    signed: list[Guess]  # an attribution and signatures (the layout's evidence)
    capitals: bool  # written in capitals (a heading)
    title: bool  # in title case (a title, a slogan)
    spans: list[tuple[int, int] | None]  # each entity's span, trimmed as its label asks
    places: frozenset[int]  # where the model's places begin
    context: ContextMatches  # the matches of the patterns of context

    @classmethod
    def of(cls, text: str, entities: list[Entity], evidence: DocumentEvidence) -> RunShape:
        signed: list[Guess] = []  # good in capitals and title case
        if (span := attribution(text, evidence.closing, evidence.common_word)) is not None:
            signed.append(Guess(span[0], span[1], "person", "medium", text[span[0] : span[1]]))
        for start, end in signatures(text, evidence.common_word, evidence.lower):
            signature = Guess(start, end, "person", "medium", text[start:end])
            if not any(signature.overlaps(s) for s in signed):  # the same as the attribution
                signed.append(signature)
        if in_capitals(text):
            return cls(signed, True, False, [], frozenset(), ContextMatches.EMPTY)
        places = frozenset(
            span[0]
            for e in entities
            if e.label in ("GPE", "LOC") and (span := trimmed(text, e.start, e.end))
        )
        spans = [trimmed(text, e.start, e.end, body=e.label == "ORG") for e in entities]
        return cls(signed, False, title_case(text), spans, places, ContextMatches.of(text))


@dataclass(frozen=True)
class ContextMatches:
    """The matches in a run of TITLED, INITIALLED and CAPITALISED."""

    titled: list[re.Match[str]]
    initialled: list[re.Match[str]]
    capitalised: list[re.Match[str]]

    EMPTY: ClassVar[ContextMatches]

    @classmethod
    def of(cls, text: str) -> ContextMatches:
        return cls(
            list(TITLED.finditer(text)),
            list(INITIALLED.finditer(text)),
            list(CAPITALISED.finditer(text)),
        )


ContextMatches.EMPTY = ContextMatches([], [], [])


def guesses(
    text: str,
    entities: list[Entity],
    evidence: DocumentEvidence,
    gazetteer: Gazetteer,
    byline: bool = False,
    learn: bool = False,
    shape: RunShape | None = None,
) -> list[Guess]:
    """The spans of a run to tag (see the module docstring), left to right. A
    first pass over the document with `learn` gathers its evidence; `shape` is
    the run's RunShape, made once for both passes (made here if not given)."""
    if learn:
        evidence.norp.update(text[e.start : e.end] for e in entities if e.label == "NORP")
        bodies = [trimmed(text, e.start, e.end) for e in entities if e.label in ("ORG", "GPE")]
        evidence.labelled.update(text[s[0] : s[1]] for s in bodies if s)
    if shape is None:
        shape = RunShape.of(text, entities, evidence)
    signed = shape.signed
    if shape.capitals:  # a heading: only a signature with initials
        if learn:
            evidence.learn(signed)
        return list(signed)
    found = [
        g
        for e, span in zip(entities, shape.spans, strict=True)
        if (g := _from_model(text, e, span, evidence, gazetteer, byline, shape.places))
    ]
    found += _from_context(text, evidence, gazetteer, shape.context)
    found = cv.outside_not_names(found, entities, _initialled)  # "the War of Kenya"
    if not learn:  # a name the document knows surely outweighs the model's label
        found += _repeats(text, evidence)
    if shape.title:  # a title, slogan or heading: capitals say nothing there
        found = [g for g in found if g.cert == "high"]
    found += signed
    chosen: list[Guess] = []
    for guess in sorted(found, key=lambda g: (-CERT_ORDER[g.cert], -(g.end - g.start), g.start)):
        if not any(guess.overlaps(c) for c in chosen):
            chosen.append(guess)
    if learn:
        evidence.learn(chosen)
    return sorted(chosen, key=lambda g: g.start)


def titled_persons(text: str, evidence: DocumentEvidence, gazetteer: Gazetteer) -> list[Guess]:
    """The persons of a run in the title of a work: only where a title of address
    ("Mr. Pickwick") or initials ("J. S. Mill") show one, as the model's reading
    of capitalised title words says nothing."""
    found: list[Guess] = []
    for guess in _from_context(text, evidence, gazetteer, ContextMatches.of(text)):
        if guess.kind == "person" and (
            _titled_before(text, guess.start) or INITIALLED.fullmatch(guess.text)
        ):
            # every word of a title is capitalised: a possessive ends the name
            # ("Dr. Okonkwo's Journey"), as the name's own words cannot be told
            form = re.split(r"['’]s\b", guess.text)[0]
            person = Guess(guess.start, guess.start + len(form), "person", guess.cert, form)
            if not any(person.overlaps(f) for f in found):  # by title and by initials
                found.append(person)
    return found


def _repeats(text: str, evidence: DocumentEvidence) -> list[Guess]:
    """Every other mention of a name guessed with medium or high certainty in this
    document ("Soleimani was plotting" at the start of a sentence)."""
    pattern = evidence.sure_pattern()
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        form = match.group(0)
        if _acceptable(text, match.start(), match.end(), evidence, titled=True):
            found.append(Guess(match.start(), match.end(), evidence.sure[form], "medium", form))
    return found


def _from_model(
    text: str,
    entity: Entity,
    span: tuple[int, int] | None,
    evidence: DocumentEvidence,
    gazetteer: Gazetteer,
    byline: bool,
    places: frozenset[int] = frozenset(),
) -> Guess | None:
    """The guess the model's entity gives, its span trimmed (RunShape.spans)."""
    kind = KINDS.get(entity.label)
    if kind is None or span is None:
        return None
    start, end = span
    if (initials := run_on(text, start, end, evidence.lower, evidence.lexicon)) is not None:
        org = entity.label == "ORG"  # "N.R.A. Its object": the abbreviation alone, if a body
        return Guess(start, initials, "org", "medium", text[start:initials]) if org else None
    if kind == "place" and (end := cv.abbreviation(text, start, end, entity.end, gazetteer)) < 0:
        return None  # "Va." is Virginia; an abbreviation no gazetteer knows is not tagged
    if (inner := cv.dating_formula(text, start, end)) is not None:
        words = text[inner:end]  # "... and of the Independence of the United States the 93d"
        return Guess(inner, end, "place", "high", words) if gazetteer.readings(words) else None
    if kind == "place":
        start += cv.second_of_pair(text[start:end])  # "North and South America"
    words = text[start:end]
    origin = places if kind == "person" else frozenset()  # "Phil Gramm of Texas"
    derived = derived_place(text, start, end, entity.label, gazetteer, evidence.lexicon)
    if not _acceptable(text, start, end, evidence, places=origin, derived=derived):
        return None  # unless "the Caribbean": a derived word alone as a place
    if cv.not_a_body(words, gazetteer, evidence.lexicon):
        return None  # "the Bermuda Conference", "the Pacific Doctrine": a meeting, a text
    if cv.stage_direction(text, start, end, evidence.lexicon, gazetteer):
        return None  # "(Laughter.)"
    if kind in ("person", "org") and (byline or by_line(text, start, end)) and " " in words:
        return Guess(
            start, end, "person", "high", words
        )  # "By Leo Tolstoy", whatever the model said
    kind = evidence.kind_of(words, kind)
    located = cv.after_locative(text, start)  # "at Annapolis"
    if gazetteer.is_broad(words) or cv.polity_of(words, gazetteer):
        kind = "place"  # "Georgia", "Iran", "the State of Alaska", whatever the model thought
    elif building(words):
        kind = "place"  # "Executive Office Building" (dignity.py)
    elif cv.organization(words):
        kind = "org"  # "Department of Labor", "Shipping Board" (conventions.py)
    elif cv.land(words) or (
        kind == "org" and cv.unknown_place(words, located, evidence.lexicon, gazetteer)
    ):
        kind = "place"  # "Northwest Territory", "at Vincennes"
    if words in COMPASS or cv.compass_pair(words):
        return None  # "the West", "the East": political notions (sources/registers/places.xml)
    title = _title_before(text, start)
    if title is not None and rank_not_title(title, words, evidence.lower):
        return None  # "the General Government"
    if dignified(text, start, words, kind, evidence.lower, evidence.lexicon):
        return None  # "the Government", "our Republic"
    person_word = words in evidence.name_words or evidence.sure.get(words) == "person"
    if kind == "person" and cv.place_not_person(
        words, title is not None, person_word, located, gazetteer
    ):
        kind = "place"  # "at Annapolis": the gazetteer's one place, no title
    if title is not None and title not in SAINTS and kind == "place":
        kind = "person"  # "President Washington" in a text about the city
    if kind == "place" and (gazetteer.readings(words) or cv.polity_of(words, gazetteer)):
        return Guess(start, end, kind, "high", words)
    if kind == "person" and (byline or title is not None):
        return Guess(start, end, kind, "high", words)
    if " " not in words and evidence.common_word(words):
        return None  # "Hells", "Constitutions", "Eastern": plurals and adjectives
    if " " not in words and (kind := evidence.name_words.get(words, kind)) == "person":
        return Guess(start, end, kind, "medium", words)  # "Soleimani" after "Qasem Soleimani"
    if " " in words or "." in words or "-" in words:
        common = generic(words, evidence.lower, evidence.lexicon) and not cv.organization(words)
        if common and not known_as_one(words, evidence.labelled, evidence.written, gazetteer):
            return None  # "Japanese Government", not "United Nations" (common_words.py)
        return Guess(start, end, kind, "medium", words)
    if words.lower() in evidence.lower or ends_before(SENTENCE_START, text, start):
        return None  # "Government", "State": common words capitalised for dignity
    if kind != "place" and attributive(text, end, words, evidence.lexicon):
        return None  # "Federal legislation"
    return Guess(start, end, kind, "low", words)


def _from_context(
    text: str, evidence: DocumentEvidence, gazetteer: Gazetteer, context: ContextMatches
) -> list[Guess]:
    found: list[Guess] = []
    for match in context.titled:
        title = match.group("title")
        name = POSSESSIVE.sub("", match.group("name"))  # "Lord Mayor's feast"
        first = name.split()[0]
        if (
            _address(title)
            and first not in OFFICES
            and first not in HONORIFICS
            and not gazetteer.is_broad(name)
            and not rank_not_title(title, name, evidence.lower)
            and not (title in RANKS and name in cv.ORG_LAST)  # "this General Assembly"
        ):
            start = match.start("name")
            if _acceptable(text, start, start + len(name), evidence, titled=True):
                found.append(Guess(start, start + len(name), "person", "medium", name))
    for match in context.initialled:
        start = match.start()
        if (fore := match.group("fore")) and not cv.forename(
            fore.strip(), ends_before(SENTENCE_START, text, start), evidence.lower, HONORIFICS
        ):
            start = match.end("fore")  # "Secretary J. Smith", "Yesterday J. Smith"
        if ABBREVIATED.match(text, start) or LABEL.match(text, start):
            continue
        if cv.function_word(match.group(0).split()[-1], evidence.lower, evidence.lexicon):
            continue  # "P.S. If you have to ...": no surname
        if _acceptable(text, start, match.end(), evidence, titled=True):
            found.append(Guess(start, match.end(), "person", "medium", text[start : match.end()]))
    for match in context.capitalised:
        if gazetteer.is_broad(match.group(0)) and _acceptable(
            text, match.start(), match.end(), evidence
        ):
            found.append(Guess(match.start(), match.end(), "place", "medium", match.group(0)))
    return found


def _acceptable(
    text: str,
    start: int,
    end: int,
    evidence: DocumentEvidence,
    titled: bool = False,
    places: frozenset[int] = frozenset(),
    derived: bool = False,
) -> bool:
    words = text[start:end]
    if _PARTICLE.match(words):
        words = words[3:]  # "al-Baghdadi"
    if not words[:1].isupper() or len(words) < 2 or any(c.isdigit() for c in words):
        return False
    if " " not in words and DERIVED.match(words) and not derived:
        return False  # "Leninism", "Americans", "Iranian"
    if joined_before(text, start, evidence.norp) or joined_after(text, end, places):
        return False  # part of a longer name
    first = words.split()[0]
    if not titled and " " not in words and ends_before(SENTENCE_START, text, start):
        return first.lower() not in evidence.lower  # "Hostilities exist."
    return True


def _initialled(guess: Guess) -> bool:
    """A person by initials ("M. Oyelaran"): no group or event has initials."""
    return guess.kind == "person" and INITIALLED.fullmatch(guess.text) is not None


def _titled_before(text: str, start: int) -> bool:
    return _title_before(text, start) is not None


def _title_before(text: str, start: int) -> str | None:
    """The title of address right before a span ("President", "Mr."), if any."""
    word = _TITLE_AT_END.search(text[max(0, start - 20) : start])
    if word is None:
        return None
    title = word.group(1)
    return title if _address(title) else None


def _address(title: str) -> bool:
    """A title of address as written: "Mr.", "Dr", "President"; a full word with
    a full stop ("President. We've tried") ends a sentence and is no title."""
    return title in HONORIFICS or title in LEGISLATORS
