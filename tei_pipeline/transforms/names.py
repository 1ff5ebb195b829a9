"""Names: tag the registered forms of persons, places and organizations in the text.

Input: the tree after the inline transforms (quotations, work references);
the run's registers (ctx.services.registers, registers/). Output: persName,
placeName or orgName with @ref="#id" around every registered form in running
text, titles of works, bylines, signatures, captions and credits (ENCODING.md
"Names, dates and numbers"; TEI P5 13.2). Before::

    <p>the guidance of Lenin and, after Lenin's death, of Comrade J.V. Stalin</p>

After::

    <p>the guidance of <persName ref="#lenin">Lenin</persName> and, after
    <persName ref="#lenin">Lenin</persName>'s death, of Comrade
    <persName ref="#stalin">J.V. Stalin</persName></p>

Rules, each for a reason:

- longest form first, whole words only: "Leninism", "Stalinist" and
  "Marxist-Leninist" are words of their own, not names (a hyphen joins words);
- a possessive 's stays text after the name; honorifics (Comrade, Dr.) are not
  part of any form and stay outside;
- initials match with any spacing ("V. I. Lenin", "V.I. Lenin", "V.\u200aI.
  Lenin"), and a name may be broken by a line break (a newline or an lb);
- a form that is only part of a longer name is not that name: "United States"
  in "a United States of Europe", "Winston" in "Winston Churchill", "Marx" in
  "Jenny Marx", "America" in "Latin America" (a wrong tag is worse than a
  missing one);
- a name inside a registered organization's name is tagged inside it ("China"
  in "Communist Party of China"; the registers' rule): TEI lets a name nest in
  another (13.2.1). A place in a place ("Europe" in "Eastern Europe") is not;
- a form the register marks cert="medium" is tagged with cert="medium".

The header is done after it is built (standoff.HeaderNamesTransform): the
authors of the titleStmt and the editions in sourceDesc/listBibl get @ref the
same way.

The text-run helpers it searches with (a run is the text of an element joined
across its lb children) are tei/textspan.py's, shared with dates and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from ..context import Services
from ..registers import NAME_TAGS, Entry, Registers
from ..tei.builder import make
from ..tei.lookback import ends_before
from ..tei.ns import local_name, tei
from ..tei.textspan import RECOGNISED as RECOGNISED
from ..tei.textspan import Run as Run
from ..tei.textspan import default_skip as default_skip
from ..tei.textspan import slot_location as slot_location
from ..tei.textspan import string_value as text_of
from ..tei.textspan import text_runs as text_runs
from ..tei.textspan import wrap_spans as wrap_spans
from ..tei.xpath import elements as elements
from ..tei.xpath import strings as strings
from .base import Context, Transform

Element = etree._Element

# The text-run engine (Run, text_runs, wrap_spans) lives in tei/textspan.py, beside
# the slot engine it builds on; the XPath helpers in tei/xpath.py. Re-exported here
# for the transforms that import them from this module.


# ---------------------------------------------------------------- the matcher

APOSTROPHES = "'\u2019"
HYPHENS = "-\u2010\u2011"
# Words before a one-word name that are not part of the name (TEI would put
# them in roleName; ENCODING.md keeps them outside the name).
HONORIFICS = frozenset(
    """Comrade Comrades Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Miss Madame Mme Mme.
    President Chairman Premier Marshal General Generalissimo Secretary Professor Prof.
    Sir Lord Lady Saint St. Citizen Brother Sister Father King Queen Prince Princess Tsar Czar
    Emperor Pope Senator Governor Minister Judge Justice Captain Colonel Lieutenant Admiral
    Ambassador Chancellor Vice Reverend Rev Rev.""".split()
)
_WORD_BEFORE = re.compile(r"(?P<word>[A-Z][\w.'’-]*)\s+$")
# A word before a one-word place name that makes another place of it.
_REGION_BEFORE = re.compile(
    r"(?<!\w)(?:North|South|East|West|Northern|Southern|Eastern|Western"
    r"|Central|Latin|Upper|Lower|Middle|Inner|Outer|Greater|New)\s+$"
)
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_TITLE_WORD = re.compile(r"\b([^\W\d_])[\w'’-]{3,}")  # the first letter of a longer word
_SENTENCE_START = re.compile(r"(?:^|[.!?:][\"”’)\]]*)\s*[\"“‘(\[]*$")
_WORD_AFTER = re.compile(r"\s+[A-Z]")
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@dataclass(frozen=True)
class Found:
    """One registered form found in a text: where, which entry, and the form's @cert."""

    start: int
    end: int
    entry: Entry
    cert: str | None


def form_key(text: str) -> str:
    """A form as matched: white space collapsed, none after a full stop (initials),
    one apostrophe and one hyphen."""
    collapsed = re.sub(r"\.\s+", ".", " ".join(text.split()))
    table = {ord(c): "'" for c in APOSTROPHES} | {ord(c): "-" for c in HYPHENS}
    return collapsed.translate(table)


def form_pattern(form: str) -> str:
    """A regular expression for one form, as it may be spaced and broken in a text."""
    first, rest = _form_parts(form)
    return f"{_WORD_START if form[:1].isalnum() else ''}{first}{rest}"


# Not inside a word, nor after a word and an apostrophe or a hyphen.
_WORD_START = rf"(?<!\w)(?<!\w[{APOSTROPHES}])(?<!\w[{HYPHENS}])"


def _form_parts(form: str) -> tuple[str, str]:
    """The pattern of a form's first character and of the rest (end guard included)."""
    parts = []
    for index, char in enumerate(form):
        if char == ".":
            parts.append(r"\." if index == len(form) - 1 else r"\.\s*")
        elif char == " ":
            if not form[index - 1 : index] == ".":  # after an initial the \s* is there
                parts.append(r"\s+")
        elif char in APOSTROPHES:
            parts.append(f"[{APOSTROPHES}]")
        elif char in HYPHENS:
            parts.append(f"[{HYPHENS}]")
        else:
            parts.append(re.escape(char))
    rest = "".join(parts[1:])
    if form[-1:].isalnum():
        rest = rf"{rest}(?!\w)(?![{APOSTROPHES}]\w\w)(?![{HYPHENS}]\w)"
    return (parts[0] if parts else ""), rest


def forms_pattern(forms: list[str]) -> str:
    """One expression for the forms, each tried in the given order (the first that
    matches wins), grouped by first character: re then finds the places where a form
    may start by that character alone and tries only the forms starting with it.
    (Forms with different first characters never match at the same place, so the
    grouping keeps the order that matters.)"""
    groups: dict[str, list[str]] = {}
    guarded: dict[str, bool] = {}
    for form in forms:
        first, rest = _form_parts(form)
        groups.setdefault(first, []).append(rest)
        guarded[first] = form[:1].isalnum()
    alternatives = []
    for first, rests in groups.items():
        # the word-start guard of an alphanumeric first character, looked at after it
        guard = (
            rf"(?<!\w{first})(?<!\w[{APOSTROPHES}]{first})(?<!\w[{HYPHENS}]{first})"
            if guarded[first]
            else ""
        )
        alternatives.append(f"{first}{guard}(?:{'|'.join(rests)})")
    return "|".join(alternatives)


class NameMatcher:
    """Finds the registered forms in a string, longest first."""

    def __init__(self, registers: Registers) -> None:
        self.registers = registers
        forms = registers.forms()
        keys: dict[str, tuple[str, str | None] | None] = {}
        for text, entry_id in forms:
            form = registers.form(text)
            cert = form.cert if form else None
            key = form_key(text)
            known = keys.get(key, (entry_id, cert))
            keys[key] = (entry_id, cert) if known and known[0] == entry_id else None
        self._keys = keys
        self._single = {key for key in keys if " " not in key and "." not in key}
        self._persons = self._keys_of(registers, "person")
        self._places = self._keys_of(registers, "place")
        self._forms = forms
        self._patterns: dict[str | None, re.Pattern[str] | None] = {}

    def _pattern(self, exclude: str | None) -> re.Pattern[str] | None:
        """One regular expression for all forms (but those of `exclude`), longest first."""
        if exclude not in self._patterns:
            forms = [text for text, entry_id in self._forms if entry_id != exclude]
            self._patterns[exclude] = re.compile(forms_pattern(forms)) if forms else None
        return self._patterns[exclude]

    @staticmethod
    def _keys_of(registers: Registers, kind: str) -> set[str]:
        return {
            form_key(f.text) for e in registers.entries if e.kind.value == kind for f in e.forms
        }

    def find(self, text: str, exclude: str | None = None) -> Iterator[Found]:
        """The forms in text, left to right, not overlapping; `exclude` is an entry id
        not to report (the name a nested search is inside of)."""
        pattern = self._pattern(exclude)
        if pattern is None:
            return
        position = 0
        # In title case every word is capitalised, so a capitalised neighbour
        # says nothing ("the Renegade Kautsky"); only the "of" rule is kept.
        # Asked at the first match: most texts have none.
        neighbours: bool | None = None
        while (match := pattern.search(text, position)) is not None:
            if neighbours is None:
                neighbours = not title_case(text)
            found = self._accept(text, match, neighbours)
            if isinstance(found, int):  # part of a longer name: go on after it
                position = max(found, match.start() + 1)
                continue
            if found is None:
                position = match.start() + 1
                continue
            yield found
            position = match.end()

    def _accept(self, text: str, match: re.Match[str], neighbours: bool) -> Found | int | None:
        known = self._keys.get(form_key(match.group(0)))
        entry = self.registers.get(known[0]) if known else None
        if known is None or entry is None:
            return None
        after = _OF_NAME.match(text, match.end())
        if after:  # "United States" in "United States of Europe"
            return after.end()
        key = form_key(match.group(0))
        if not neighbours:
            return Found(match.start(), match.end(), entry, known[1])
        if key in self._single and _WORD_AFTER.match(text, match.end()):
            return match.end()  # "Winston" in "Winston Churchill"
        if key in self._single and key in self._persons and _name_before(text, match.start()):
            return match.end()  # "Marx" in "Jenny Marx"
        if (
            key in self._single
            and key in self._places
            and _REGION_BEFORE.search(text, max(0, match.start() - 12), match.start())
        ):
            return match.end()  # "America" in "Latin America", "Germany" in "East Germany"
        return Found(match.start(), match.end(), entry, known[1])


def title_case(text: str, minimum: int = 2) -> bool:
    """Are (nearly) all longer words capitalised, as in the title of a work? At
    least `minimum` words of four letters or more are asked for."""
    firsts = _TITLE_WORD.findall(text)
    return len(firsts) >= minimum and sum(map(str.isupper, firsts)) >= 0.8 * len(firsts)


def _name_before(text: str, start: int) -> bool:
    """Is the word before `start` a capitalised word of the same name (not an
    honorific, not a word that is capitalised because it begins a sentence)?"""
    before = _WORD_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return False
    word = before.group("word")
    if word in HONORIFICS or word.rstrip(".") in HONORIFICS:
        return False
    if word.endswith(".") and not _INITIALS.fullmatch(word):
        return False  # an abbreviation or the end of a sentence, not part of the name
    end = before.start()
    while end and text[end - 1].isspace():
        end -= 1
    return not ends_before(_SENTENCE_START, text, end)


def matcher_for(registers: Registers) -> NameMatcher:
    """A matcher of these registers' forms (build it once and keep it: see `run_matcher`)."""
    return NameMatcher(registers)


def run_matcher(services: Services) -> NameMatcher:
    """The run's matcher of its registers, built on first use and kept in the services."""
    if services.matcher_cache is None or services.matcher_cache.registers is not services.registers:
        services.matcher_cache = NameMatcher(services.registers)
    return services.matcher_cache


# ---------------------------------------------------------------- tagging


def tag_names(
    root: Element,
    matcher: NameMatcher,
    inside: str | None = None,
    skip: Callable[[Element], bool] = default_skip,
) -> list[Element]:
    """Tag every registered form in root's text, and the names inside each
    organization's name. `inside` is the entry root itself names. Returns the
    outer names made."""
    made: list[Element] = []
    for run in text_runs(root, skip):
        spans = [
            (found.start, found.end, name_element(found))
            for found in matcher.find(run.text, exclude=inside)
        ]
        made.extend(wrap_spans(run, spans))
    for element in made:
        if local_name(element.tag) == "orgName":  # "China" in "Communist Party of China"
            tag_names(element, matcher, inside=element.get("ref", "#")[1:])
    return made


def name_element(found: Found) -> Element:
    """persName, placeName or orgName pointing at the entry (TEI P5 13.2.1)."""
    element = make(NAME_TAGS[found.entry.kind])
    point_at_entry(element, found)
    return element


def point_at_entry(element: Element, found: Found) -> None:
    """@ref to the register entry, and @cert where the register doubts the form."""
    element.set("ref", found.entry.ref)
    if found.cert == "medium":
        element.set("cert", "medium")


class NamesTransform(Transform):
    """Tag the registered names in the text (see the module docstring)."""

    name = "names"
    priority = 250

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        text = doc.getroot().find(tei("text"))
        if text is not None:
            tag_names(text, run_matcher(ctx.services))


__all__ = [
    "NameMatcher",
    "NamesTransform",
    "Run",
    "default_skip",
    "matcher_for",
    "run_matcher",
    "elements",
    "strings",
    "tag_names",
    "text_of",
    "text_runs",
    "wrap_spans",
]
