"""After the header: its names point at the registers, and a standOff holds copies
of the register entries the document refers to, so it stands alone.

The header (transforms/header.py) is built from the text as plain strings, so its
names are tagged here, once it exists: the titleStmt's authors and the place of
creation get @ref when their whole text is a registered form, and the names in
the editions of sourceDesc/listBibl are tagged as in the text (names.py).

Input: the finished tree (text and header), whose persName, placeName and
orgName point at register entries with @ref="#id". Output: a standOff after
`text` holding a listPerson, listPlace and listOrg with a copy of exactly the
entries referred to, in the order of their first mention (ENCODING.md
principle 3; TEI P5 16.10 standOff, 13.3 listPerson/listPlace/listOrg).
Before::

    <TEI xml:id="lenin">...<persName ref="#lenin">Lenin</persName>...</text></TEI>

After (the copy's xml:id would collide with the document's own, so the copy is
renamed and the pointers follow it)::

    <TEI xml:id="lenin">...<persName ref="#lenin-person">Lenin</persName>...</text>
      <standOff><listPerson><person xml:id="lenin-person">...</person></listPerson></standOff></TEI>

The problems found in the registers are reported once per run, with the first
document converted: they are the registers', not any one text's. What was
reported lives in the run's services (context.Services.reported).
"""

from __future__ import annotations

from lxml import etree

from ..context import Services
from ..diagnostics import Reporter
from ..registers import NAME_TAGS, Entry, Kind, Registers
from ..tei.builder import make, standoff_of
from ..tei.ns import XML_ID, local_name, tei
from .base import Context, Transform
from .names import NameMatcher, elements, point_at_entry, run_matcher, strings, tag_names, text_of

Element = etree._Element

LISTS = {Kind.PERSON: "listPerson", Kind.PLACE: "listPlace", Kind.ORG: "listOrg"}
POINTING = (
    "//*[self::tei:persName or self::tei:placeName or self::tei:orgName"
    " or self::tei:name or self::tei:rs][@ref]"
)
ENTRY_TAGS = frozenset(kind.value for kind in Kind)


# -- names in the header ------------------------------------------------------------

# Header names that stand alone: @ref on the element itself when its whole text is
# one registered form; otherwise the names inside it are tagged.
HEADER_WHOLE = (
    "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author"
    "/*[self::tei:persName or self::tei:orgName][not(@ref)]"
    " | /tei:TEI/tei:teiHeader/tei:profileDesc/tei:creation/tei:placeName[not(@ref)]"
)
HEADER_SEARCHED = (
    "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:listBibl//tei:bibl"
    "/*[self::tei:author or self::tei:editor or self::tei:title"
    " or self::tei:publisher or self::tei:pubPlace]"
)


def tag_header_names(doc: etree._ElementTree, matcher: NameMatcher) -> None:
    """The titleStmt's authors and the place of creation get @ref when their whole
    text is a registered form (an author's element follows the entry's kind); the
    editions in listBibl, and names that are not whole, have the names inside tagged."""
    for element in elements(doc, HEADER_WHOLE):
        if not _refer_whole(element, matcher):
            tag_names(element, matcher)
    for element in elements(doc, HEADER_SEARCHED):
        tag_names(element, matcher)


def _refer_whole(element: Element, matcher: NameMatcher) -> bool:
    text = text_of(element)
    found = next(matcher.find(text), None)
    if found is None or text[: found.start].strip() or text[found.end :].strip():
        return False
    tag = NAME_TAGS[found.entry.kind]
    parent = element.getparent()
    if local_name(element.tag) != tag and (parent is None or local_name(parent.tag) != "author"):
        return False
    element.tag = tei(tag)
    point_at_entry(element, found)
    return True


class HeaderNamesTransform(Transform):
    """After the header is built: @ref on its authors, names in its editions."""

    name = "header-names"
    priority = 410

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        tag_header_names(doc, run_matcher(ctx.services))


# -- the standOff -------------------------------------------------------------------


def report_register_problems(services: Services, reporter: Reporter) -> None:
    """Give each problem of the run's registers to the reporter the first time it is
    seen in this run (the services remember what was reported)."""
    for problem in services.registers.problems:
        services.report_once(reporter, problem)


def referred_entries(doc: etree._ElementTree, registers: Registers) -> list[Entry]:
    """The register entries the document points at, in the order of first mention
    (the text first, then the header, which names again what the text names)."""
    root = doc.getroot()
    parts = [root.find(tei("text")), root.find(tei("teiHeader"))]
    seen: dict[str, Entry] = {}
    for part in (p for p in parts if p is not None):
        for element in elements(part, POINTING.replace("//", ".//", 1)):
            for token in (element.get("ref") or "").split():
                entry = registers.get(token[1:]) if token.startswith("#") else None
                if entry is not None and entry.id not in seen:
                    seen[entry.id] = entry
    return list(seen.values())


def entry_copy(entry: Entry) -> Element:
    """The entry as it goes into a document: without comments and without the
    entries nested in it (those are copied on their own when referred to)."""
    element = entry.copy_element()
    for node in list(element.iter()):
        is_comment = not isinstance(node.tag, str)
        nested = node is not element and not is_comment and local_name(node.tag) in ENTRY_TAGS
        if is_comment or nested:
            _remove_keeping_tail(node)
    return element


def _remove_keeping_tail(node: Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    previous = node.getprevious()
    if node.tail and node.tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def unique_ids(doc: etree._ElementTree, entries: list[Entry]) -> dict[str, str]:
    """Entry id -> the xml:id its copy gets: the same, unless the document already
    uses it (its own xml:id, "tei-pipeline"), then "<id>-<kind>", then numbered."""
    taken = set(strings(doc, "//@xml:id[not(ancestor::tei:standOff)]"))
    chosen: dict[str, str] = {}
    for entry in entries:
        new_id, number = entry.id, 1
        while new_id in taken:
            new_id = f"{entry.id}-{entry.kind.value}" + (f"-{number}" if number > 1 else "")
            number += 1
        taken.add(new_id)
        chosen[entry.id] = new_id
    return chosen


def add_standoff(doc: etree._ElementTree, registers: Registers) -> None:
    """Put copies of the referred entries into the document's standOff (made
    after `text` if there is none), renaming copies whose id is already taken."""
    entries = referred_entries(doc, registers)
    if not entries:
        return
    ids = unique_ids(doc, entries)
    _repoint(doc, ids)
    standoff = standoff_of(doc)
    present = set(strings(standoff, ".//@xml:id"))
    for kind in Kind:
        copies = [e for e in entries if e.kind is kind and ids[e.id] not in present]
        if not copies:
            continue
        listing = make(LISTS[kind])
        for entry in copies:
            element = entry_copy(entry)
            element.set(XML_ID, ids[entry.id])
            listing.append(element)
        standoff.append(listing)


def _repoint(doc: etree._ElementTree, ids: dict[str, str]) -> None:
    if all(old == new for old, new in ids.items()):
        return
    for element in elements(doc, POINTING):
        tokens = (element.get("ref") or "").split()
        element.set(
            "ref", " ".join(f"#{ids.get(t[1:], t[1:])}" if t.startswith("#") else t for t in tokens)
        )


class StandOffTransform(Transform):
    """Copy the entries the document refers to into its standOff (see the module docstring)."""

    name = "standoff"
    priority = 450

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        report_register_problems(ctx.services, ctx.reporter)
        add_standoff(doc, ctx.services.registers)
