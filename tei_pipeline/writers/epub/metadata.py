"""EPUB writer, package metadata from the TEI header (EPUB 3.3 5.5 Metadata).

Stage: writer. Input: a TEI tree (its teiHeader and root attributes). Output: a
`BookMetadata` holding plain strings only, ready for the OPF `metadata` element.

Rules (each one is also a unit test):
- title: `titleStmt/title[@type='main']` (else the item's `title[@level='a']`,
  else the first untyped title), subtitle from
  `title[@type='sub']`; creators: `titleStmt/author`, in order, role `aut`.
- exactly one date (EPUB 3.3 allows at most one `dc:date`): the creation date
  (`profileDesc/creation/date`, or a letter's `correspAction[@type='sent']/date`);
  without one, the earliest dated source edition;
  without any, no `dc:date` at all rather than an invented one. The other
  editions' dates stay in their `dc:source` text.
- language: `TEI/@xml:lang`, then `text/@xml:lang`, then `langUsage/language/@ident`,
  as a BCP 47 tag; never the machine's locale.
- `dc:source`: one per source edition (or manuscript), as one plain line (no markup).
- identifier: `urn:uuid:` made from the sha256 of the canonical TEI bytes, so
  the same TEI always gives the same identifier.
- `dcterms:modified`: `SOURCE_DATE_EPOCH` when set (reproducible-builds.org),
  else the latest date in the header, else 1980-01-01; never the clock.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from ...tei.ns import XML_LANG, local_name
from ...tei.xpath import elements, strings
from ..html.header import bibl_text
from ..html.lang import bcp47

# All identifiers of this writer live under one uuid5 namespace (itself a uuid5
# of the project's name), so they never collide with other tools' uuid5s.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-tei-pipeline:epub")
FALLBACK_MODIFIED = "1980-01-01T00:00:00Z"  # the zip format's own epoch
# W3CDTF forms allowed in dc:date (EPUB 3.3 5.5.3.2.3 refers to [[W3CDTF]]).
_W3CDTF = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class Creator:
    """A dc:creator (or dc:contributor) with its MARC relator role."""

    name: str
    role: str = "aut"


@dataclass
class BookMetadata:
    """What goes into the OPF metadata element; every value is plain text."""

    identifier: str
    title: str
    subtitle: str = ""
    creators: list[Creator] = field(default_factory=list)
    contributors: list[Creator] = field(default_factory=list)
    date: str | None = None
    languages: list[str] = field(default_factory=lambda: ["und"])
    sources: list[str] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    modified: str = FALLBACK_MODIFIED

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "und"


xp = elements  # the TEI XPath helpers of tei/xpath.py, by the names this writer uses
xp_strings = strings


# TEI elements that are blocks: their words never run into their neighbours'.
BLOCKS = frozenset("p ab l lg item list head label note quote cit bibl".split())


def plain(el: etree._Element | None) -> str:
    """Text of an element with whitespace runs collapsed: no markup survives;
    blocks (two licence paragraphs) are separated by a space."""
    if el is None:
        return ""

    def flow(node: etree._Element) -> str:
        out = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str):
                block = local_name(child.tag) in BLOCKS
                out.append(f" {flow(child)} " if block else flow(child))
            out.append(child.tail or "")
        return "".join(out)

    return " ".join(flow(el).split())


def root_of(doc: etree._ElementTree | etree._Element) -> etree._Element:
    return doc.getroot() if isinstance(doc, etree._ElementTree) else doc


def header_of(root: etree._Element) -> etree._Element | None:
    found = xp(root, "tei:teiHeader")
    return found[0] if found else None


def titles(header: etree._Element | None) -> tuple[str, str]:
    """(main title, subtitle) from titleStmt."""
    all_titles = xp(header, "tei:fileDesc/tei:titleStmt/tei:title")
    # type main first; else the title of this item (level a) rather than of its
    # series (level s) or journal; else the first title without a type.
    mains = (
        [t for t in all_titles if t.get("type") == "main"]
        or [t for t in all_titles if t.get("level") == "a" and not t.get("type")]
        or [t for t in all_titles if not t.get("type") and t.get("level") not in ("s", "j")]
        or [t for t in all_titles if not t.get("type")]
        or all_titles
    )
    subs = [t for t in all_titles if t.get("type") == "sub"]
    return (plain(mains[0]) if mains else "", plain(subs[0]) if subs else "")


def creators(header: etree._Element | None) -> list[Creator]:
    names = (plain(a) for a in xp(header, "tei:fileDesc/tei:titleStmt/tei:author"))
    return [Creator(n) for n in dict.fromkeys(n for n in names if n)]


NAMES = "*[self::tei:name or self::tei:persName or self::tei:orgName]"


def contributors(header: etree._Element | None) -> list[Creator]:
    """Who encoded the text (respStmt names): MARC relator `mrk`, markup editor;
    editors of the edition: `edt`."""
    found: list[Creator] = []
    for ed in xp(header, "tei:fileDesc/tei:titleStmt/tei:editor"):
        names = xp(ed, NAMES) or [ed]  # one editor element may name several people
        found += [Creator(plain(n), "edt") for n in names if plain(n)]
    for name in xp(header, f"tei:fileDesc/tei:titleStmt/tei:respStmt/{NAMES}"):
        if plain(name):
            found.append(Creator(plain(name), "mrk"))
    return list({(c.name, c.role): c for c in found}.values())


def w3cdtf(value: str | None) -> str | None:
    """A TEI date value usable as dc:date, or None (BCE, times, odd forms)."""
    value = (value or "").strip()
    return value if _W3CDTF.match(value) else None


def date_value(date: etree._Element) -> str | None:
    """The start of a dated element: @when, else @from / @notBefore."""
    for attr in ("when", "from", "notBefore", "when-iso", "from-iso", "notBefore-iso"):
        found = w3cdtf(date.get(attr))
        if found:
            return found
    return None


def book_date(header: etree._Element | None) -> str | None:
    """When the text was made: its creation date, or for a letter the date it
    was sent (correspDesc); else the earliest dated source edition."""
    for date in xp(
        header,
        "tei:profileDesc/tei:creation//tei:date | tei:profileDesc/"
        "tei:correspDesc/tei:correspAction[@type='sent']/tei:date",
    ):
        if (value := date_value(date)) is not None:
            return value
    edition_dates = [
        v
        for d in xp(header, "tei:fileDesc/tei:sourceDesc//tei:bibl//tei:date")
        if (v := date_value(d)) is not None
    ]
    return min(edition_dates, key=_sort_key) if edition_dates else None


def _sort_key(value: str) -> str:
    return (value + "-01-01")[:10] if len(value) < 10 else value[:10]


def languages(root: etree._Element) -> list[str]:
    """The text's language(s) as BCP 47 tags, primary first; 'und' if none is given."""
    found: list[str] = []
    candidates = [root.get(XML_LANG)]
    candidates += xp_strings(root, "tei:text/@xml:lang")
    candidates += xp_strings(
        root, "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident"
    )
    for value in candidates:
        tag = bcp47(value or "")
        if tag:
            found.append(tag)
    return list(dict.fromkeys(found)) or ["und"]


def source_editions(header: etree._Element | None) -> list[str]:
    """One plain line per source edition (the bibls of sourceDesc other than the
    digital source file itself, which the title page names with its checksum)."""
    bibls = [
        b
        for b in xp(header, "tei:fileDesc/tei:sourceDesc//tei:bibl")
        if b.get("type") != "digitalSource" and not _inside_bibl(b)
    ]
    bibls += xp(header, "tei:fileDesc/tei:sourceDesc//tei:biblStruct")
    lines = [" ".join(bibl_text(b).split()) for b in bibls]
    # a manuscript witness: where it is kept ("GB, Cambridge, University Library, B 68")
    for ms in xp(header, "tei:fileDesc/tei:sourceDesc//tei:msDesc/tei:msIdentifier"):
        lines.append(
            ", ".join(plain(part) for part in ms if isinstance(part.tag, str) and plain(part))
        )
    return list(dict.fromkeys(line for line in lines if line))


def _inside_bibl(el: etree._Element) -> bool:
    return any(a.tag == el.tag for a in el.iterancestors())


def rights(header: etree._Element | None) -> list[str]:
    avail = xp(header, "tei:fileDesc/tei:publicationStmt/tei:availability")
    licences = xp(header, "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence")
    texts = []
    for el in licences or avail:
        text = plain(el)
        target = el.get("target") or ""
        if target and target not in text:
            text = f"{text} ({target})" if text else target
        texts.append(text)
    return list(dict.fromkeys(t for t in texts if t))


def publishers(header: etree._Element | None) -> list[str]:
    names = (plain(p) for p in xp(header, "tei:fileDesc/tei:publicationStmt/tei:publisher"))
    return list(dict.fromkeys(n for n in names if n))


def content_identifier(*parts: bytes) -> str:
    """urn:uuid derived from the sha256 of the given bytes (in order)."""
    return identifier_of_digests([hashlib.sha256(part).digest() for part in parts])


def identifier_of_digests(digests: list[bytes]) -> str:
    """content_identifier of parts known by their sha256 digests alone."""
    digest = hashlib.sha256()
    for part in digests:
        digest.update(part)
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, digest.hexdigest())}"


def modified(headers: list[etree._Element | None]) -> str:
    """dcterms:modified as CCYY-MM-DDThh:mm:ssZ (EPUB 3.3 5.5.7): from
    SOURCE_DATE_EPOCH, else the latest date in the header(s), else 1980-01-01."""
    return modified_of([latest_day(header) for header in headers])


def latest_day(header: etree._Element | None) -> str | None:
    """The latest day (CCYY-MM-DD) a header's dates give, if any."""
    latest: str | None = None
    for value in xp_strings(header, ".//@when | .//@to | .//@notAfter"):
        m = _ISO_PREFIX.match(str(value))
        if m:
            day = f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"
            if _W3CDTF.match(day) and (latest is None or day > latest):
                latest = day
    return latest


def modified_of(days: list[str | None]) -> str:
    """modified() of headers known by their latest days."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = datetime.fromtimestamp(int(epoch), tz=UTC)
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    known = [day for day in days if day is not None]
    return f"{max(known)}T00:00:00Z" if known else FALLBACK_MODIFIED


def book_metadata(
    doc: etree._ElementTree | etree._Element, tei_bytes: bytes, fallback_title: str = "Untitled"
) -> BookMetadata:
    """The metadata of the EPUB of one TEI document."""
    root = root_of(doc)
    header = header_of(root)
    title, subtitle = titles(header)
    return BookMetadata(
        identifier=content_identifier(tei_bytes),
        title=title or fallback_title,
        subtitle=subtitle,
        creators=creators(header),
        contributors=contributors(header),
        date=book_date(header),
        languages=languages(root),
        sources=source_editions(header),
        rights=rights(header),
        publishers=publishers(header),
        modified=modified([header]),
    )


def anthology_metadata(
    books: list[BookMetadata],
    headers: list[etree._Element | None],
    title: str,
    tei_bytes: list[bytes],
) -> BookMetadata:
    """One book made of several documents: the union of their creators, sources
    and rights (first seen first); its date is the latest of the texts' dates, as
    a collection cannot be older than its newest text."""
    days = [latest_day(header) for header in headers]
    digests = [hashlib.sha256(data).digest() for data in tei_bytes]
    return collected_metadata(books, days, title, digests)


def collected_metadata(
    books: list[BookMetadata], days: list[str | None], title: str, digests: list[bytes]
) -> BookMetadata:
    """anthology_metadata of documents known by their metadata, the latest day
    of their headers and the sha256 digests of their canonical TEI."""

    def union(values: list[list[str]]) -> list[str]:
        return list(dict.fromkeys(v for vs in values for v in vs))

    dates = [b.date for b in books if b.date]
    creator_names = union([[c.name for c in b.creators] for b in books])
    contribs = {(c.name, c.role): c for b in books for c in b.contributors}
    return BookMetadata(
        identifier=identifier_of_digests(
            [hashlib.sha256(title.encode("utf-8")).digest(), *digests]
        ),
        title=title,
        creators=[Creator(n) for n in creator_names],
        contributors=list(contribs.values()),
        date=max(dates, key=_sort_key) if dates else None,
        languages=union([b.languages for b in books]) or ["und"],
        sources=union([b.sources for b in books]),
        rights=union([b.rights for b in books]),
        publishers=union([b.publishers for b in books]),
        modified=modified_of(days),
    )
