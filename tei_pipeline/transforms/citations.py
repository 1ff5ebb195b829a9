"""Edition citations as they stand in prefaces and mastheads, parsed into bibl.

    Revolutionary Forces ..., in the Selected Works of Mao Zedong, First English
    Edition, Vol. 4, Foreign Languages Press, Beijing, 1965.

becomes::

    <bibl type="printSource"><title level="a">Revolutionary Forces ...</title>
      <title level="m">Selected Works of Mao Zedong</title><edition>First English Edition</edition>
      <biblScope unit="volume">4</biblScope><publisher>Foreign Languages Press</publisher>
      <pubPlace>Beijing</pubPlace><date when="1965">1965</date></bibl>

The parts are recognised by their form (Vol. N, No. N, an edition statement,
a year last), never by the words of a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..tei.builder import make, sub
from .dates import parse_date

VOLUME = re.compile(r"^(?:Vol\.|Volume|vol\.)\s*(?P<v>[\dIVXLC]+)$")
ISSUE = re.compile(r"^(?:No\.|Nr\.|Issue|no\.)\s*(?P<v>\d+)$")
PAGES = re.compile(r"^(?:pp?\.)\s*(?P<v>[\d\-–]+)$")
EDITION = re.compile(r"\b(?:[Ee]dition|[Ee]d\.)$")
TRAILING_DATE = re.compile(r"\s*\((?P<date>[^()]+)\)\.?$")
IN_CONTAINER = re.compile(r",\s+in\s+(?:the\s+)?", re.IGNORECASE)


@dataclass
class Citation:
    title: str
    container: str | None = None
    periodical: bool = False
    edition: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    places: str | None = None
    date: str | None = None
    author: str | None = None
    leftovers: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.leftovers


def parse_citation(text: str) -> Citation:
    text = text.strip().rstrip(".")
    date = None
    found = TRAILING_DATE.search(text)
    if found and parse_date(found.group("date")):
        date, text = found.group("date"), text[: found.start()]
    container = None
    split = IN_CONTAINER.search(text)
    if split:
        title, rest = text[: split.start()], text[split.end() :]
        segments = [s.strip() for s in rest.split(",")]
        container, segments = segments[0], segments[1:]
        # a container title may hold commas until the first recognised part
        while segments and not _is_part(segments[0]) and len(segments) > 3:
            container += ", " + segments.pop(0)
    else:
        segments = [s.strip() for s in text.split(",")]
        index = next((i for i, s in enumerate(segments) if i and _is_part(s)), len(segments))
        title, segments = ", ".join(segments[:index]), segments[index:]
    citation = Citation(title=title.strip(), container=container, date=date)
    _assign_parts(citation, segments)
    return citation


def _is_part(segment: str) -> bool:
    return bool(
        VOLUME.match(segment)
        or ISSUE.match(segment)
        or PAGES.match(segment)
        or EDITION.search(segment)
        or parse_date(segment)
    )


def _assign_parts(citation: Citation, segments: list[str]) -> None:
    rest: list[str] = []
    for segment in segments:
        if m := VOLUME.match(segment):
            citation.volume = m.group("v")
        elif m := ISSUE.match(segment):
            citation.issue = m.group("v")
            citation.periodical = citation.container is None
        elif m := PAGES.match(segment):
            citation.pages = m.group("v")
        elif EDITION.search(segment):
            citation.edition = segment
        elif citation.date is None and parse_date(segment):
            citation.date = segment
        else:
            rest.append(segment)
    # what is left, in the usual order: publisher, then place(s)
    if rest:
        citation.publisher = rest[0]
        citation.places = ", ".join(rest[1:]) or None


def citation_bibl(citation: Citation, kind: str = "printSource") -> etree._Element:
    bibl = make("bibl", type_=kind)
    if citation.author:
        sub(bibl, "author", citation.author)
    level = "j" if citation.periodical else ("a" if citation.container else "m")
    sub(bibl, "title", citation.title, level=level)
    if citation.container:
        sub(bibl, "title", citation.container, level="m")
    if citation.edition:
        sub(bibl, "edition", citation.edition)
    for unit, value in (
        ("volume", citation.volume),
        ("issue", citation.issue),
        ("page", citation.pages),
    ):
        if value:
            sub(bibl, "biblScope", value, unit=unit)
    if citation.publisher:
        sub(bibl, "publisher", citation.publisher)
    if citation.places:
        sub(bibl, "pubPlace", citation.places)
    if citation.date:
        parsed = parse_date(citation.date)
        sub(bibl, "date", citation.date, when=parsed.when if parsed else None)
    return bibl
