"""EPUB writer, content documents: the HTML writer's page turned into XHTML.

Stage: writer. Input: the HTML writer's page tree (`writers.html.build_page`,
the same tree the site page is serialized from: each document is rendered
once). Output: XHTML content
documents (EPUB 3.3 6.1) as `Page`s, split from the one HTML page:

    <slug>-title.xhtml   generated title page: title, authors, and the HTML
                         page's provenance panel (source editions, checksum,
                         encoder, licence)
    <slug>.xhtml         the text: the page's title block (the TEI titlePage),
                         main, and its notes as EPUB footnotes
    <slug>-links.xhtml   the scraped page's menus (div[@type='navigation']):
                         kept, but as an appendix after the text, out of the
                         reading flow (ENCODING.md: "left out of reading views")

Footnotes (EPUB 3 Structural Semantics; DPUB-ARIA): the marker becomes
`<a epub:type="noteref" role="doc-noteref">`, each note an
`<aside epub:type="footnote" role="doc-footnote">` after the text. Reading
systems that support it show the note as a pop-up; the others show the asides
at the end of the text, and the links work both ways.

Generated words (headings, labels) carry the class "gen", as in the HTML writer,
so the edition's own words can be told apart.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from ...tei import xpath
from ...tei.builder import drop
from ...tei.textspan import collapsed
from ..html.core import last_child
from ..html.lang import direction

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: XHTML_NS, "epub": EPUB_NS}
STYLESHEET = "style.css"
GEN = "gen"


@dataclass
class Heading:
    """A heading of a content document, for the table of contents."""

    level: int
    id: str
    label: str


@dataclass
class Page:
    """One XHTML content document of the spine."""

    href: str
    title: str
    lang: str
    body: list[Any]  # XHTML elements, children of <body>
    kind: str  # "titlepage", "text" or "appendix"
    headings: list[Heading] = field(default_factory=list)
    body_type: str | None = None  # epub:type of <body>

    def to_bytes(self) -> bytes:
        return xhtml_document(self.title, self.lang, self.body, self.body_type)


@dataclass
class PageParts:
    """The HTML page cut into the pieces the EPUB places apart (lxml.html elements)."""

    lang: str
    title: str
    title_block: Any | None
    main: Any | None
    navs: list[Any]
    provenance: list[Any]


PREFIXES = {"h": XHTML_NS, "epub": EPUB_NS}


def elements(node: Any, path: str, **variables: Any) -> list[Any]:
    """The elements an XPath (h: and epub: prefixes) finds, by tei/xpath.py."""
    return xpath.elements(node, path, PREFIXES, **variables)


def strings(node: Any, path: str) -> list[str]:
    """The attribute values or texts an XPath (h: and epub: prefixes) finds, as str."""
    return xpath.strings(node, path, PREFIXES)


words = collapsed  # tei/textspan.py: the text (not the tail), whitespace runs collapsed


def has_class(name: str) -> str:
    """XPath predicate: the element's class list holds `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def cut_page(page: Any) -> PageParts:
    """Cut the HTML writer's page (the <html> element of build_page, or its bytes)
    into title block, main, navigations and provenance. The page itself is left
    as it is: the cut works on a copy, since the site page is made from the same tree."""
    doc = html.document_fromstring(page) if isinstance(page, bytes) else copy.deepcopy(page)
    body = doc.find("body")
    title = " ".join((doc.findtext(".//head/title") or "").split())
    if body is not None:
        web_only(body)
    header = body.find("header") if body is not None else None
    main = body.find("main") if body is not None else None
    navs = (
        []
        if body is None
        else elements(
            body,
            f"./nav[{has_class('source-nav')}] | "
            f"./main//nav[{has_class('navigation')} and not(ancestor::nav)]",
        )
    )
    for nav in navs:
        if nav.getparent() is not body:
            drop(nav)
    footer = body.find("footer") if body is not None else None
    provenance = list(footer) if footer is not None else []
    return PageParts(doc.get("lang") or "und", title, header, main, navs, provenance)


# Parts of the web page that a book has no use for: its scripts, the skip link and
# site menu (a reading system has its own navigation), the page's own links, and
# the hover previews of notes (an EPUB reading system pops the note up itself).
WEB_ONLY = (
    "script",
    "style",
    f"a[{has_class('skip-link')}]",
    f"nav[{has_class('site-nav')}]",
    f"nav[{has_class('page-nav')}]",
    f"*[{has_class('note-preview')}]",
)


def web_only(body: Any) -> None:
    for node in elements(body, " | ".join(f".//{path}" for path in WEB_ONLY)):
        drop(node)
    for fold in elements(body, ".//details"):
        # Folded menus: a book keeps them open in the appendix; the generated
        # summary line goes, a summary of the source's own becomes a paragraph.
        for summary in fold.findall("summary"):
            if GEN in (summary.get("class") or "").split():
                drop(summary)
            else:
                summary.tag = "p"
        unwrap(fold)


def unwrap(node: Any) -> None:
    """Replace an element by its children (text and tail kept in place)."""
    parent = node.getparent()
    prev = node.getprevious()
    if node.text:
        if prev is not None:
            prev.tail = (prev.tail or "") + node.text
        else:
            parent.text = (parent.text or "") + node.text
    children = list(node)
    for child in children:
        # addprevious, not insert(index + k): insert counts from the first child,
        # so moving K children into a long parent was K times its length.
        node.addprevious(child)
    last = children[-1] if children else prev
    if node.tail:
        if last is not None:
            last.tail = (last.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


# --- HTML -> XHTML ---------------------------------------------------------------------


def to_xhtml(el: Any) -> etree._Element:
    """A deep copy of an lxml.html element in the XHTML namespace."""
    node = etree.Element(f"{{{XHTML_NS}}}{el.tag}")
    for key, value in el.attrib.items():
        if key.startswith("{"):
            node.set(key, value)
        elif key == "epub:type":
            node.set(EPUB_TYPE, value)
        elif key == "xml:lang":
            node.set(XML_LANG, value)
        elif ":" in key:
            continue  # a prefixed name the HTML parser kept as it was: no XML meaning
        else:
            node.set(key, value)
            if key == "lang":
                node.set(XML_LANG, value)  # XHTML: xml:lang beside lang, with the same value
    node.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            node.append(to_xhtml(child))
        else:  # comments and PIs: keep only their tail
            last = last_child(node)
            if last is not None:
                last.tail = (last.tail or "") + (child.tail or "")
            else:  # "" even with no tail: <x><!-- c --></x> stays <x></x>, not <x/>
                node.text = (node.text or "") + (child.tail or "")
    node.tail = el.tail
    return node


def x(tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A new XHTML element; `class_` for class, `epub_type` for epub:type."""
    node = etree.Element(f"{{{XHTML_NS}}}{tag}")
    for key, value in attrs.items():
        if key == "epub_type":
            node.set(EPUB_TYPE, value)
        else:
            node.set(key.rstrip("_").replace("_", "-"), value)
    if text:
        node.text = text
    return node


def xsub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = x(tag, text, **attrs)
    parent.append(node)
    return node


def english(node: etree._Element, lang: str) -> etree._Element:
    """Mark a label this writer (or the HTML writer) wrote in English as English
    when the book is in another language, so a screen reader pronounces it right
    (WCAG 2.1 3.1.2 Language of Parts)."""
    if lang.split("-")[0].lower() != "en":
        node.set("lang", "en")
        node.set(XML_LANG, "en")
        if direction(lang) == "rtl":
            node.set("dir", "ltr")
    return node


# English labels of the HTML writer inside the parts the EPUB keeps: the notes
# heading, note markers and back links (their aria-labels), the provenance headings.
HTML_LABELS = (
    f".//h:section[{has_class('notes')}]/h:h2",
    ".//h:a[@role='doc-noteref'] | .//h:a[@role='doc-backlink']",
    f".//h:section[{has_class('provenance')}]//*[self::h:h2 or self::h:h3 or self::h:dt]",
)


def english_labels(nodes: list[etree._Element], lang: str) -> None:
    for node in nodes:
        for path in HTML_LABELS:
            for label in elements(node, path):
                english(label, lang)


def xhtml_document(
    title: str, lang: str, body: Iterable[Any], body_type: str | None = None
) -> bytes:
    root = etree.Element(f"{{{XHTML_NS}}}html", nsmap=NSMAP)  # type: ignore[arg-type]
    root.set("lang", lang)
    root.set(XML_LANG, lang)
    if direction(lang) == "rtl":
        root.set("dir", "rtl")
    head = xsub(root, "head")
    xsub(head, "meta", charset="utf-8")
    xsub(head, "title", title or "Untitled")
    xsub(head, "link", rel="stylesheet", type="text/css", href=STYLESHEET)
    body_el = xsub(root, "body")
    if body_type:
        body_el.set(EPUB_TYPE, body_type)
    for child in body:
        body_el.append(child)
    return (
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype="<!DOCTYPE html>")
        + b"\n"
    )


# --- rules on the converted tree ----------------------------------------------------------


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def ids_in(nodes: Iterable[etree._Element]) -> set[str]:
    return {i for n in nodes for i in strings(n, ".//@id | @id")}


def fix_links(nodes: list[etree._Element]) -> None:
    """Links must resolve inside the book (EPUBCheck RSC-007/RSC-012): a link to
    an id of this document stays; a link to a page the EPUB does not have (the
    HTML writer's register page index.html) becomes a span, keeping its words;
    web links stay."""
    known = ids_in(nodes)
    for node in nodes:
        for a in node.iter(f"{{{XHTML_NS}}}a"):
            href = a.get("href") or ""
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            if href.startswith("#") and href[1:] in known:
                continue
            a.tag = f"{{{XHTML_NS}}}span"
            if href:
                a.set("data-href", href)
            for attr in ("href", "role", "rel", "target", "hreflang", "type", "download"):
                if attr in a.attrib:
                    del a.attrib[attr]


def footnotes(main: etree._Element) -> None:
    """HTML notes section (ol/li) -> asides with epub:type footnote; markers -> noterefs."""
    for a in main.iter(f"{{{XHTML_NS}}}a"):
        if a.get("role") == "doc-noteref":
            a.set(EPUB_TYPE, "noteref")
    for section in elements(main, f".//h:section[{has_class('notes')}]"):
        for ol in elements(section, f"h:ol[{has_class('footnotes')}]"):
            asides = [_aside(li) for li in ol if local(li) == "li"]
            for aside in asides:
                ol.addprevious(aside)  # in order, each in O(1) (see unwrap)
            section.remove(ol)


def _aside(li: etree._Element) -> etree._Element:
    aside = x("aside", epub_type="footnote", role="doc-footnote")
    for key, value in li.attrib.items():
        aside.set(key, value)
    aside.text = li.text
    for child in list(li):
        aside.append(child)
    back = next((a for a in aside if local(a) == "a" and a.get("role") == "doc-backlink"), None)
    body = next((d for d in aside if local(d) == "div"), None)
    if back is not None and body is not None:
        # The back link opens the note's first paragraph, so a pop-up shows
        # "1 The note ..." on one line, as a printed footnote does.
        lead = next(iter(body), None)
        first = (
            lead
            if lead is not None and local(lead) == "p" and not (body.text or "").strip()
            else None
        )
        aside.remove(back)
        target = first if first is not None else body
        back.tail = " " + (target.text or "")
        target.text = None
        target.insert(0, back)
    return aside


def number_headings(main: etree._Element, prefix: str = "h") -> list[Heading]:
    """Give every h2-h6 of the text an id (for the table of contents) and list them."""
    used = ids_in([main])
    found = []
    count = 0
    for h in main.iter():
        name = local(h)
        if len(name) == 2 and name[0] == "h" and name[1] in "23456":
            if not h.get("id"):
                count += 1
                candidate = f"{prefix}-{count}"
                while candidate in used:
                    count += 1
                    candidate = f"{prefix}-{count}"
                used.add(candidate)
                h.set("id", candidate)
            label = words(h)
            if label:
                found.append(Heading(int(name[1]), h.get("id") or "", label))
    return found
