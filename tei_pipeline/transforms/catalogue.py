"""A distributor's catalogue fields, read back from the TEI for the header.

Input: the gloss lists the plain-text reader made from a Project Gutenberg
header, kept in `front/div[@type='boilerplate']`::

    <list type="gloss"><label>Title:</label><item>The Raven</item>
      <label>Release Date:</label><item>June 6, 2010 [EBook #1065]</item></list>

Output: a Catalogue (title, subtitle, authors, contributors with their role,
the digital edition's number and dates), which transforms/header.py puts into
titleStmt and sourceDesc/listBibl. Only fields the text has are used.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from ..tei.builder import make, sub
from ..tei.ns import tei, xpath_elements
from .dates import parse_date

Element = etree._Element
EBOOK_NUMBER = re.compile(r"\[?\s*e-?book\s*#\s*(?P<n>\d+)\s*\]?", re.IGNORECASE)
# the roles a catalogue names beside the author, as respStmt/resp words
ROLES = {
    "translator": "Translator",
    "editor": "Editor",
    "editors": "Editor",
    "commentator": "Commentator",
    "illustrator": "Illustrator",
    "contributor": "Contributor",
}
EMAIL = re.compile(r"\s*<[^<>@\s]+@[^<>\s]+>")
DATES = {"release date": "release", "posting date": "posting", "last updated": "updated"}


@dataclass
class Catalogue:
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    contributors: list[tuple[str, str]] = field(default_factory=list)  # (resp, name)
    number: str = ""
    dates: list[tuple[str, str]] = field(default_factory=list)  # (type, words)
    distributed: bool = False  # read from a Project Gutenberg frame

    @property
    def found(self) -> bool:
        return bool(self.title or self.authors or self.number)


def catalogue_of(doc: etree._ElementTree) -> Catalogue:
    found = Catalogue()
    xpath = (
        "//tei:front/tei:div[@type='boilerplate' or @type='fields']"
        "/tei:list[@type='gloss']/tei:label"
    )
    found.distributed = bool(xpath_elements(doc, "//tei:front/tei:div[@type='boilerplate']"))
    for label in xpath_elements(doc, xpath):
        item = label.getnext()
        if item is None or item.tag != tei("item"):
            continue
        _take(found, " ".join((label.text or "").split()).rstrip(":").lower(), _lines(item))
    return found


def _take(found: Catalogue, name: str, lines: list[str]) -> None:
    if not lines:
        return
    value = " ".join(lines)
    if name == "title" and not found.title:
        found.title, found.subtitle = lines[0], " ".join(lines[1:])
    elif name in ("author", "authors"):
        # one author a line when the lines end with commas; an e-mail address is no name
        names = [line.rstrip(",") for line in lines] if len(lines) > 1 else [value]
        found.authors.extend(EMAIL.sub("", name).strip() for name in names)
    elif name in ROLES:
        found.contributors.append((ROLES[name], value))
    elif name in DATES:
        number = EBOOK_NUMBER.search(value)
        if number and not found.number:
            found.number = number.group("n")
        words = EBOOK_NUMBER.sub("", lines[0]).strip()
        if words:
            found.dates.append((DATES[name], words))


def _lines(item: Element) -> list[str]:
    """The item's text, one string per source line (lb), spaces tidied."""
    copied = copy.deepcopy(item)
    for lb in copied.iter(tei("lb")):
        lb.tail = "\n" + (lb.tail or "")
    text = "".join(str(piece) for piece in copied.itertext())
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def edition_bibl(found: Catalogue) -> Element:
    """The digital edition the plain text comes from, as the catalogue describes it."""
    bibl = make("bibl", type_="digitalSource")
    for name in found.authors:
        sub(bibl, "author", name)
    if found.title:
        sub(bibl, "title", found.title, level="m")
    for role, name in found.contributors:
        resp = sub(bibl, "respStmt")
        sub(resp, "resp", role)
        sub(resp, "persName", name)
    sub(bibl, "publisher", "Project Gutenberg")
    for kind, words in found.dates:
        parsed = parse_date(words)
        sub(bibl, "date", words, type_=kind, when=parsed.when if parsed else None)
    if found.number:
        sub(bibl, "idno", found.number, type_="gutenberg")
    return bibl
