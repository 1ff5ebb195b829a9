"""HTML writer, what the site's pages about all documents need of one document:
its SUMMARY, small and saved as JSON, so the index, names, timeline and search
pages of a build are made from summaries, never from every tree at once.

Stage: writer. Input: one TEI tree (`tei_facts`: what the corpus must know
before any page is rendered: its register entries, the entries it refers to,
its header's facts) and its rendered page (`page_facts`: title, language, each
name and date with its words in context). Output: a DocSummary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ...tei.ns import local_name
from ...tei.xpath import strings
from ..base import as_dict
from .corpus import Contexts, kwic
from .header import bibl_text, plain, xp
from .names import date_key, date_phrase, date_start, entry_ref, human_date
from .register_page import Entry, entry_of

Kwic = tuple[str, str, str]  # (before, words, after), as corpus.kwic gives it
ENTRIES = "//tei:person | //tei:personGrp | //tei:place | //tei:org"
PUBLISHER = "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher"
BOOK_PUBLISHER = "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher/text()"


@dataclass
class MentionLine:
    """A name of the page that links to a register entry."""

    entry: str
    html_id: str
    kwic: Kwic


@dataclass
class DateLine:
    """A normalised date of the page: its value (date_start), its words, its
    certainty, its end (@to or else @notAfter, as given)."""

    html_id: str
    start: str | None
    phrase: str
    cert: str
    last: str | None
    kwic: Kwic


@dataclass(eq=False)  # compared and hashed by identity, as the pages it stands for
class DocSummary:
    name: str
    file: str = ""  # the page's file on the site (site.page_file), set by the corpus
    title: str = ""
    lang: str = "und"
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    date_key: tuple[int, int, int] | None = None
    date_label: str = "Undated"
    editions: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)  # the site's title
    book_publishers: list[str] = field(default_factory=list)  # the anthology's title
    entries: list[Entry] = field(default_factory=list)
    header_refs: list[tuple[str, str]] = field(default_factory=list)  # (entry, role)
    refs: list[str] = field(default_factory=list)  # every entry id a @ref names
    mentions: list[MentionLine] = field(default_factory=list)
    dates: list[DateLine] = field(default_factory=list)
    earlier: bool = False  # its source failed this build: listed from an earlier one

    def to_json(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocSummary:
        key = data["date_key"]
        return cls(
            name=data["name"],
            file=data["file"],
            title=data["title"],
            lang=data["lang"],
            subtitle=data["subtitle"],
            authors=list(data["authors"]),
            date_key=(int(key[0]), int(key[1]), int(key[2])) if key else None,
            date_label=data["date_label"],
            editions=list(data["editions"]),
            publishers=list(data["publishers"]),
            book_publishers=list(data["book_publishers"]),
            entries=[_entry(e) for e in data["entries"]],
            header_refs=[(str(a), str(b)) for a, b in data["header_refs"]],
            refs=list(data["refs"]),
            mentions=[
                MentionLine(m["entry"], m["html_id"], _kwic(m["kwic"])) for m in data["mentions"]
            ],
            dates=[
                DateLine(
                    d["html_id"], d["start"], d["phrase"], d["cert"], d["last"], _kwic(d["kwic"])
                )
                for d in data["dates"]
            ],
            earlier=bool(data.get("earlier", False)),
        )


def _kwic(value: list[str]) -> Kwic:
    return (str(value[0]), str(value[1]), str(value[2]))


def _entry(data: dict[str, Any]) -> Entry:
    return Entry(
        data["id"],
        data["kind"],
        data["main"],
        list(data["variants"]),
        data["birth"],
        data["death"],
        [(str(a), str(b)) for a, b in data["links"]],
        (float(data["point"][0]), float(data["point"][1])) if data.get("point") else None,
    )


def tei_facts(name: str, root: etree._Element) -> DocSummary:
    """What the corpus needs of a document before rendering any page: its entries
    (merged by id over all documents), the ids it refers to, its header's facts."""
    summary = DocSummary(name)
    summary.entries = [e for e in (entry_of(el) for el in xp(root, ENTRIES)) if e is not None]
    refs = {entry_ref(v) for v in strings(root, "//@ref")}
    summary.refs = sorted(r for r in refs if r)
    for el in xp(root, "tei:teiHeader//*[@ref]"):
        entry = entry_ref(el.get("ref"))
        if entry is None:
            continue
        by_author = any(local_name(a.tag) == "author" for a in (el, *el.iterancestors()))
        pair = (entry, "author" if by_author else "header")
        if pair not in summary.header_refs:
            summary.header_refs.append(pair)
    header = root.find("{http://www.tei-c.org/ns/1.0}teiHeader")
    subs = [t for t in xp(header, "tei:fileDesc/tei:titleStmt/tei:title") if t.get("type") == "sub"]
    summary.subtitle = plain(subs[0]) if subs else ""
    authors = (plain(x) for x in xp(header, "tei:fileDesc/tei:titleStmt/tei:author"))
    summary.authors = [a for a in authors if a]
    summary.date_key, summary.date_label = document_date(root)
    summary.editions = [
        bibl_text(b)
        for b in xp(header, "tei:fileDesc/tei:sourceDesc//tei:bibl")
        if b.get("type") != "digitalSource" and b.getparent().tag != b.tag
    ]
    summary.publishers = [plain(p) for p in xp(root, PUBLISHER)]
    summary.book_publishers = [p.strip() for p in strings(root, BOOK_PUBLISHER)]
    return summary


def page_facts(summary: DocSummary, page: Any) -> None:
    """Add what the rendered page (writers.html.Page) gives: title, language, and
    each name and date with its context, read before the page is marked for search."""
    summary.title, summary.lang = str(page.title), str(page.lang)
    contexts = Contexts()
    renderer = page.renderer
    summary.mentions = [
        MentionLine(m.entry_id, m.html_id, kwic(m.node, contexts=contexts))
        for m in renderer.mentions
    ]
    summary.dates = [
        DateLine(
            d.html_id,
            date_start(d.tei),
            date_phrase(d.tei),
            d.tei.get("cert") or "",
            next((v for v in (d.tei.get("to"), d.tei.get("notAfter")) if v), None),
            kwic(d.node, contexts=contexts),
        )
        for d in renderer.dates
    ]


def document_date(root: etree._Element) -> tuple[tuple[int, int, int] | None, str]:
    """When a document was written (profileDesc/creation) or sent (a letter's
    correspDesc), else the date it gives itself (docDate), else its earliest
    source edition: (sort key, label)."""
    sources = (
        ("tei:teiHeader/tei:profileDesc/tei:creation//tei:date", "Written"),
        (
            "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']"
            "//tei:date",
            "Sent",
        ),
        ("tei:text//tei:docDate", "Dated"),
        ("tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:bibl//tei:date", "Published"),
    )
    for path, label in sources:
        dated = []
        for el in xp(root, path):
            for attr in ("when", "from", "notBefore", "when-iso", "from-iso", "notBefore-iso"):
                key = date_key(el.get(attr))
                if key is not None:
                    dated.append((key, el.get(attr)))
                    break
        if dated:
            key, value = min(dated)
            return key, f"{label} {human_date(value)}"
    return None, "Undated"
