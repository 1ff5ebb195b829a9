"""Candidates for the registers: name-like spans of the texts that no register knows.

Input: plain texts. Each is read by the plain-text reader and enriched by the
transforms that come before the header (so what the registers know, dates and
numbers are already tagged, and every span keeps its source position). Output: the capitalised word
sequences left untagged, counted over all the texts, each with the place of its
first occurrence, most frequent first. An editor reviews them; nothing is ever
added to a register by this (ENCODING.md: "A name the register does not know is
never guessed into an entry").

Left out, because they are not names or are known already: words capitalised
only because they begin a sentence (the same word occurs in lower case in the
texts, or is a function word), months and weekdays, honorifics, words derived
from names ("Leninism", "Russian", "Chinese"), registered forms, everything
inside a tagged name, date or number, and title-case runs (titles of works,
headings, menus), where capitals tell nothing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .context import Services
from .diagnostics import Location
from .pipeline import enrich_file
from .registers import Registers
from .tei.ns import local_name, tei
from .transforms.header import HeaderTransform
from .transforms.names import (
    HONORIFICS,
    Run,
    default_skip,
    form_key,
    text_of,
    text_runs,
    title_case,
)

Element = etree._Element

_CAPITAL = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"
_PARTICLE = r"(?:of|the|de|van|von|der|du|la|le|al|bin|ibn|y|da|del|dos)"
SEQUENCE = re.compile(rf"(?<![\w'’.-]){_CAPITAL}(?:[ \u00a0](?:{_PARTICLE} )*{_CAPITAL})*")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[—–-]|\n)\s*[\"“‘(\[]*$")
CALENDAR = frozenset(
    [calendar.month_name[n] for n in range(1, 13)]
    + [calendar.month_abbr[n] for n in range(1, 13)]
    + [calendar.day_name[n] for n in range(7)]
    + [calendar.day_abbr[n] for n in range(7)]
    + ["Sept"]
)
FUNCTION_WORDS = frozenset(
    """A An The This That These Those It Its I We You He She They
    In On At By For From With Without Of To Into Onto Upon As And But Or Nor So Yet If
    When While Where Whereas Although Though Because Since Until Unless After Before
    Not No Yes All Any Every Each Some Most Many Much More Such Only Even Also Then
    There Here What Which Who Whom Whose Why How Our Their His Her My Your Let""".split()
)
ABBREVIATIONS = frozenset("Vol Vols No Nos Nr Fig Ch Art Sec Ed Eds Pp".split())
INSIDE_SENTENCE = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")
DERIVED = re.compile(r".*(?:ism|isms|ist|ists|ian|ians|ese|ish)$")


@dataclass(frozen=True)
class Candidate:
    """A name-like span: its text, how often it occurs, and where it first occurs."""

    text: str
    count: int
    first: Location


@dataclass(frozen=True)
class Occurrence:
    """One span found: its words, where, and whether it begins a sentence."""

    text: str
    where: Location
    initial: bool


def read_tree(path: Path, shown_as: str, services: Services) -> tuple[etree._ElementTree, str]:
    """The text read and enriched up to the names, by the pipeline's own run; and the source."""
    return enrich_file(path, shown_as, HeaderTransform.priority, services)


def lower_case_words(texts: Iterable[str]) -> set[str]:
    """Every word that occurs in lower case somewhere (a common word, not a name),
    and, as "=Word", every capitalised word that occurs inside a sentence."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in WORD.findall(text) if w.islower())
        words.update(f"={w}" for w in INSIDE_SENTENCE.findall(text))
    return words


def occurrences(
    tree: etree._ElementTree, common: set[str], known: frozenset[str], shown_as: str
) -> Iterator[Occurrence]:
    """The name-like spans of one document that no register knows."""
    text = tree.getroot().find(tei("text"))
    if text is None:
        return
    for run in text_runs(text, _skip):
        if title_case(_container_text(run), minimum=1):
            continue
        for match in SEQUENCE.finditer(run.text):
            found = _trim(run, match, common, known)
            if found is not None:
                start, words, initial = found
                yield Occurrence(words, run.location(start, shown_as), initial)


def _container_text(run: Run) -> str:
    """All the text of the element the run belongs to (a menu item, a paragraph)."""
    first = run.slots[0]
    owner = first.owner.getparent() if first.is_tail else first.owner
    return text_of(owner if owner is not None else first.owner)


def _skip(element: Element) -> bool:
    return default_skip(element) or local_name(element.tag) == "title"


def _trim(
    run: Run, match: re.Match[str], common: set[str], known: frozenset[str]
) -> tuple[int, str, bool] | None:
    """The part of a capitalised sequence that may be a name (start, words, and
    whether it begins a sentence), or None."""
    tokens = [(m.start() + match.start(), m.group(0)) for m in re.finditer(r"\S+", match.group(0))]
    initial = SENTENCE_START.search(run.text, 0, match.start()) is not None
    while tokens and _droppable(tokens[0][1], initial, common):
        tokens, initial = tokens[1:], False
    while tokens and not tokens[-1][1][:1].isupper():
        tokens = tokens[:-1]
    if not tokens or all(t.rstrip(".") in CALENDAR for _, t in tokens):
        return None  # "December", "Monday": a date's words, not a name
    if len(tokens) == 1 and tokens[0][1] in ABBREVIATIONS:
        return None
    start = tokens[0][0]
    words = re.sub(r"['’]s$", "", run.text[start : tokens[-1][0] + len(tokens[-1][1])])
    words = " ".join(words.split())
    if len(tokens) == 1 and (
        DERIVED.match(words) or len(words) < 2 or words.isupper() and len(words) < 2
    ):
        return None
    if form_key(words) in known:
        return None
    return start, words, initial


def _droppable(token: str, sentence_initial: bool, common: set[str]) -> bool:
    bare = token.rstrip(".")
    if token in HONORIFICS or bare in HONORIFICS:
        return True
    if not token[:1].isupper():
        return True  # a particle left at the start
    if bare == "I" or bare.startswith(("I'", "I’")) or bare in FUNCTION_WORDS:
        return True
    # At the start of a sentence a word is capitalised anyway: it counts as a
    # name only if it is also capitalised inside sentences ("Addressing" is not).
    return sentence_initial and (bare.lower() in common or f"={bare}" not in common)


def known_forms(registers: Registers) -> frozenset[str]:
    """The registers' forms as the recogniser compares them (computed once per suggest run)."""
    return frozenset(form_key(f.text) for e in registers.entries for f in e.forms)


def suggest(paths: Iterable[tuple[Path, str]], services: Services) -> list[Candidate]:
    """Unregistered name-like spans over all the texts (path, name shown), most
    frequent first, then by where they first occur. The registers known are the
    run's (its project's), as the conversion uses them."""
    known = known_forms(services.registers)
    read = [(read_tree(path, shown, services), shown) for path, shown in paths]
    common = lower_case_words(source for (_, source), _ in read)
    counts: dict[str, int] = {}
    first: dict[str, Location] = {}
    inside: set[str] = set()  # seen at least once not beginning a sentence
    for (tree, _), shown in read:
        for found in occurrences(tree, common, known, shown):
            counts[found.text] = counts.get(found.text, 0) + 1
            first.setdefault(found.text, found.where)
            if not found.initial:
                inside.add(found.text)
    # A single word seen only at the start of sentences ("Undoubtedly", "Thirdly")
    # is capitalised for that reason alone.
    found_all = [
        Candidate(text, count, first[text])
        for text, count in counts.items()
        if text in inside or " " in text
    ]
    return sorted(
        found_all, key=lambda c: (-c.count, c.first.path, c.first.line, c.first.column, c.text)
    )


def table(candidates: list[Candidate], limit: int | None = 40) -> str:
    """The candidates as a plain table: count, span, first place."""
    shown = candidates if limit is None else candidates[:limit]
    width = max([len(c.text) for c in shown] + [9])
    lines = [f"{'count':>5}  {'candidate':<{width}}  first seen at"]
    lines += [f"{c.count:>5}  {c.text:<{width}}  {c.first}" for c in shown]
    if limit is not None and len(candidates) > limit:
        lines.append(f"... {len(candidates) - limit} more (--all shows them all)")
    return "\n".join(lines)
