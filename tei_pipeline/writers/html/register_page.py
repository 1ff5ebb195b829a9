"""HTML writer, the register page of a site (names.html): persons, places and
organizations of all documents (TEI Guidelines 13.3, listPerson, listPlace,
listOrg), and every place the texts name them.

Stage: writer. Input: the entries the documents list (in their standOff, or
anywhere: other projects keep them in back), merged by xml:id, and the names
met while rendering the document pages. Output: names.html, one
<article id="<xml:id>"> per entry (the target of the pages' name links) with
its main and variant forms, life dates, authority links, and each mention as a
line of context linking back to it (`doc.html#m-<id>`).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any, BinaryIO

from lxml import etree, html

from ...tei.ns import XML_ID, local_name
from .core import PageOptions, sub
from .corpus import context_line, doc_link, loose, site_page, write_page, write_within
from .header import plain, xp
from .names import human_date
from .places_map import MapPlace, coordinates, places_map

if TYPE_CHECKING:  # summary.py reads entries with entry_of
    from .spool import Spool
    from .summary import DocSummary, MentionLine

Marker = Callable[[Any], None]  # marks a page (its root) for the search index

KINDS = (("person", "Persons"), ("place", "Places"), ("org", "Organizations"))
ENTRY_TAGS = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
NAME_TAGS = {
    "person": ("persName", "name"),
    "place": ("placeName", "name", "geogName"),
    "org": ("orgName", "name"),
}
MAIN_TYPES = frozenset({"main", "pref", "preferred", "reg", "standard", "full"})
_WIKIDATA = re.compile(r"(?:^|/)(Q[1-9][0-9]*)/?$")
_DIGITS = re.compile(r"(?:^|/)([0-9]+)/?$")


@dataclass
class Entry:
    """A person, place or organization, merged from the documents that list it."""

    id: str
    kind: str
    main: str
    variants: list[str] = field(default_factory=list)
    birth: str = ""
    death: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url or "")
    point: tuple[float, float] | None = None  # a place's (latitude, longitude)

    def sort_key(self) -> str:
        decomposed = unicodedata.normalize("NFKD", self.main.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    def merge(self, other: Entry) -> None:
        for form in [other.main, *other.variants]:
            if form and form != self.main and form not in self.variants:
                self.variants.append(form)
        self.birth = self.birth or other.birth
        self.death = self.death or other.death
        self.links += [link for link in other.links if link not in self.links]
        self.point = self.point or other.point


def form_text(el: etree._Element) -> str:
    """A name as a reader looks it up: 'Surname, Forename' when the TEI says which
    part is which, else the words as written."""
    surnames = [plain(s) for s in xp(el, "tei:surname")]
    forenames = [plain(f) for f in xp(el, "tei:forename")]
    if surnames and forenames and not (el.text or "").strip():
        return f"{' '.join(surnames)}, {' '.join(forenames)}"
    return plain(el)


def life_date(el: etree._Element | None) -> str:
    if el is None:
        return ""
    for holder in (el, *xp(el, "tei:date")):
        for attr in ("when", "notBefore", "from", "notAfter"):
            if holder.get(attr):
                return human_date(holder.get(attr))
    return plain(el)


def authority_link(idno: etree._Element) -> tuple[str, str] | None:
    """(label, url) of an authority id: Wikidata Q-numbers and VIAF and GND ids
    become links to the authority; any other http(s) URL is linked as it is."""
    text = plain(idno)
    kind = (idno.get("subtype") or idno.get("type") or "").strip()
    low = kind.casefold()
    if not text:
        return None
    if low == "wikidata" or "wikidata.org" in text:
        m = _WIKIDATA.search(text)
        if m:
            return f"Wikidata {m[1]}", f"https://www.wikidata.org/wiki/{m[1]}"
    if low == "viaf" or "viaf.org" in text:
        m = _DIGITS.search(text)
        if m:
            return f"VIAF {m[1]}", f"https://viaf.org/viaf/{m[1]}"
    if low == "geonames" and text.isdigit():
        return f"GeoNames {text}", f"https://www.geonames.org/{text}"
    if low in ("gnd", "d-nb") and not text.startswith("http"):
        return f"GND {text}", f"https://d-nb.info/gnd/{text}"
    if text.startswith(("https://", "http://")):
        return f"{kind or 'Link'}: {text.split('//', 1)[1].rstrip('/')}", text
    return f"{kind or 'Id'}: {text}", ""


def entry_of(el: etree._Element) -> Entry | None:
    xml_id = el.get(XML_ID)
    kind = ENTRY_TAGS.get(local_name(el.tag))
    if not xml_id or kind is None:
        return None
    forms = [c for c in el if local_name(c.tag) in NAME_TAGS[kind]]
    mains = [f for f in forms if (f.get("type") or "") in MAIN_TYPES] or forms[:1]
    main = form_text(mains[0]) if mains else xml_id
    entry = Entry(xml_id, kind, main)
    for form in forms:
        text = form_text(form)
        if text and text != main and text not in entry.variants:
            entry.variants.append(text)
    entry.birth = life_date(next(iter(xp(el, "tei:birth")), None))
    entry.death = life_date(next(iter(xp(el, "tei:death")), None))
    for geo in xp(el, "tei:location/tei:geo"):
        point = coordinates(plain(geo))
        if point is not None and entry.point is None:
            entry.point = point
            entry.links.append(map_link(*point))
    for idno in xp(el, "tei:idno"):
        link = authority_link(idno)
        if link and link not in entry.links:
            entry.links.append(link)
    return entry


def map_link(latitude: float, longitude: float) -> tuple[str, str]:
    """(label, url) of a point: "1.28° S, 36.82° E" linked to it on OpenStreetMap."""
    label = (
        f"{abs(latitude):.2f}° {'S' if latitude < 0 else 'N'},"
        f" {abs(longitude):.2f}° {'W' if longitude < 0 else 'E'}"
    )
    url = f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=10/{latitude}/{longitude}"
    return label, url


def merge_entries(found: Iterable[Entry]) -> dict[str, Entry]:
    """Entries of all documents (each document's in its order), merged by xml:id:
    the first one met gives the main form."""
    entries: dict[str, Entry] = {}
    for entry in found:
        if entry.id in entries:
            entries[entry.id].merge(copy.deepcopy(entry))
        else:
            entries[entry.id] = copy.deepcopy(entry)
    return entries


def write_names(
    out: BinaryIO, spool: Spool, entries: dict[str, Entry], options: PageOptions, mark: Marker
) -> None:
    """names.html (see the module docstring) to `out`, one entry at a time, each with
    its lines read from the spooled summaries; `mark` (search.mark_names_page) marks
    the page for the search index, applied to the page and to each entry."""
    counts = {kind: sum(1 for e in entries.values() if e.kind == kind) for kind, _ in KINDS}
    intro = (
        "Persons, places and organizations named in the texts, in alphabetical order. "
        "Each entry gives the forms the texts use and lists every place a text names it; "
        "follow a line to read it in its text."
    )
    root, main = site_page("Names", options, "Names", intro)
    if not entries:
        sub(main, "p", "The texts name no person, place or organization from a register.")
    mark(root)
    if not entries:
        write_page(out, root, main, lambda xf: None)
        return
    used = set(entries)
    section_ids = {kind: _free(f"{kind}s", used) for kind, _ in KINDS}
    jump = sub(main, "nav", aria_label="Kinds of names", class_="jump")
    ul = sub(jump, "ul")
    for kind, label in KINDS:
        if counts[kind]:
            sub(sub(ul, "li"), "a", f"{label} ({counts[kind]})", href=f"#{section_ids[kind]}")

    def fill(xf: Any) -> None:
        for kind, label in KINDS:
            chosen = sorted((e for e in entries.values() if e.kind == kind), key=Entry.sort_key)
            if not chosen:
                continue
            heading_id = _free(f"{section_ids[kind]}-heading", used)
            section = loose(
                "section", id=section_ids[kind], class_="register", aria_labelledby=heading_id
            )
            sub(section, "h2", label, id=heading_id)
            if kind == "place":
                drawn = [MapPlace(e.id, e.main, *e.point) for e in chosen if e.point is not None]
                picture = places_map(drawn)
                if picture is not None:
                    section.append(picture)
            write_within(xf, section, section, partial(_entries, chosen=chosen))

    def _entries(xf: Any, chosen: list[Entry]) -> None:
        for entry in chosen:
            # each entry in a page of its own, for `mark` to read as it reads the whole
            page = html.Element("html")
            in_headers = spool.header_refs(entry.id)
            art = _entry(sub(page, "main"), entry, in_headers)
            # the lines come by document (in build order), each one's in its text's order
            per_doc = groupby(spool.mentions(entry.id), itemgetter(0))
            first = next(per_doc, None)
            if first is None:
                if not in_headers:
                    sub(art, "p", "Not named in the reading text.", class_="none")
                mark(page)
                xf.write(art)
                continue
            by_doc = sub(art, "ul", class_="mentions")
            mark(page)
            lines = ((doc, [m for _, m in mine]) for doc, mine in chain([first], per_doc))
            write_within(xf, art, by_doc, partial(_each, lines=lines))

    write_page(out, root, main, fill)


def _free(wanted: str, used: set[str]) -> str:
    candidate, k = wanted, 1
    while candidate in used:
        k += 1
        candidate = f"{wanted}-{k}"
    used.add(candidate)
    return candidate


def _entry(parent: Any, entry: Entry, in_headers: list[tuple[DocSummary, str]]) -> Any:
    """An entry's article: its forms, facts and the documents whose header names it."""
    art = sub(parent, "article", id=entry.id, class_=f"entry entry-{entry.kind}")
    sub(art, "h3", entry.main)
    _facts(art, entry)
    for role, label in (("author", "Author of "), ("header", "Named in the description of ")):
        docs = [page for page, r in in_headers if r == role]
        if docs:
            p = sub(art, "p", label, class_="named-in-header")
            for i, page in enumerate(docs):
                doc_link(p, page).tail = ", " if i < len(docs) - 1 else None
    return art


def _each(xf: Any, lines: Iterable[tuple[DocSummary, list[MentionLine]]]) -> None:
    """Each document's lines naming an entry: a link to it, then the lines."""
    for page, mine in lines:
        li = loose("li")
        doc_link(li, page).set("class", "doc")
        if len(mine) > 1:
            sub(li, "span", f" ({len(mine)} times)", class_="count")
        ol = sub(li, "ol", class_="kwic-list")
        for mention in mine:
            href = f"{page.file}#{mention.html_id}"
            context_line(ol, mention.kwic, href, page.lang, "li")
        xf.write(li)


def _facts(art: Any, entry: Entry) -> None:
    """One line: life dates · other forms · authority links."""
    parts: list[Any] = []
    if entry.birth or entry.death:
        parts.append(
            sub(art, "span", f"{entry.birth or '?'} – {entry.death or ''}".strip(), class_="life")
        )
    if entry.variants:
        forms = sub(art, "span", "also written ", class_="forms")
        for i, form in enumerate(entry.variants):
            sub(forms, "span", form, class_="form").tail = (
                ", " if i < len(entry.variants) - 1 else None
            )
        parts.append(forms)
    for label, url in entry.links:
        parts.append(
            sub(art, "a", label, href=url, class_="authority")
            if url
            else sub(art, "span", label, class_="authority")
        )
    if not parts:
        return
    p = sub(art, "p", class_="facts")
    for i, part in enumerate(parts):
        p.append(part)
        part.tail = " · " if i < len(parts) - 1 else None
