"""EPUB writer, the book's parts: pages, table of contents and landmarks.

Stage: writer. Input: TEI trees. Output: a `package.Book`. One TEI document
gives three pages (xhtml.py says what each holds): its title page with the
provenance, its text with the notes, and, when the source was a web page with
menus, an appendix keeping them. An anthology adds its own title page, with the
list of the texts, before them; every text keeps its own title page.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from importlib.resources import files
from typing import Any

from lxml import etree

from ...transforms.base import Context
from ..html import PageOptions, build_page
from .metadata import BookMetadata, book_metadata, header_of, root_of, titles
from .package import TocEntry
from .xhtml import (
    GEN,
    XHTML_NS,
    Heading,
    Page,
    cut_page,
    english,
    english_labels,
    fix_links,
    footnotes,
    has_class,
    number_headings,
    strings,
    to_xhtml,
    words,
    x,
    xsub,
)

_SLUG_BAD = re.compile(r"[^A-Za-z0-9_-]+")


def stylesheet() -> bytes:
    return files(__package__).joinpath("style.css").read_bytes()


def slugify(name: str) -> str:
    return _SLUG_BAD.sub("-", name).strip("-") or "text"


def canonical_bytes(doc: etree._ElementTree | etree._Element) -> bytes:
    """The TEI as canonical XML (C14N 2.0): the same tree always gives the same
    bytes, whatever its indentation came from."""
    # tostring(method="c14n2") made into a str by canonicalize, its writer, and
    # encoded at once: the same bytes (with_comments is tostring's default), 15 %
    # less time than tostring's writing of each piece through a codecs writer
    text = str(etree.canonicalize(etree.ElementTree(root_of(doc)), with_comments=True))
    return text.encode("utf-8")


@dataclass
class DocumentPart:
    """The pages of one TEI document inside a book, and its toc entry."""

    metadata: BookMetadata
    header: Any
    title_page: Page
    text: Page
    appendix: Page | None
    toc: TocEntry

    @property
    def pages(self) -> list[Page]:
        return [self.title_page, self.text]


# A book's rendering: no note previews (a reading system pops the note up itself);
# the page's shell (scripts, skip link, site and page navigation) is cut away by
# xhtml.cut_page, since a reading system has its own navigation.
BOOK_OPTIONS = PageOptions(note_previews=False)


def document_part(
    doc: etree._ElementTree | etree._Element,
    ctx: Context | None,
    prefix: str,
    fallback_title: str,
    page: Any = None,
    canonical: bytes | None = None,
) -> DocumentPart:
    """Cut one TEI document's HTML page into EPUB pages: `page` is the <html>
    tree the HTML writer made of it (shared with the site), rendered here with
    BOOK_OPTIONS when not given. `prefix` names its files: "" gives title.xhtml,
    text.xhtml, links.xhtml; "01-mao" gives 01-mao-title.xhtml, 01-mao.xhtml,
    01-mao-links.xhtml."""
    return document_parts(doc, ctx, (prefix,), fallback_title, page, canonical)[0]


def document_parts(
    doc: etree._ElementTree | etree._Element,
    ctx: Context | None,
    prefixes: tuple[str, ...],
    fallback_title: str,
    page: Any = None,
    canonical: bytes | None = None,
) -> list[DocumentPart]:
    """document_part for each of `prefixes` (a document's own book and its part of
    the anthology), the page cut and its title and text pages made once: they do
    not depend on the prefix but for their file names, so each further part gets
    a copy of the first one's elements, taken before the first is used."""
    meta = book_metadata(doc, canonical or canonical_bytes(doc), fallback_title)
    parts = cut_page(page if page is not None else build_page(doc, ctx, BOOK_OPTIONS).root)
    lang = parts.lang
    header = header_of(root_of(doc))
    title_page = _title_page(meta, parts.provenance, "", lang)
    text = _text_page(parts.title_block, parts.main, "", meta.title, lang)
    made = []
    for k, prefix in enumerate(prefixes):
        names = (
            (f"{prefix}-title.xhtml", f"{prefix}.xhtml", f"{prefix}-links.xhtml")
            if prefix
            else ("title.xhtml", "text.xhtml", "links.xhtml")
        )
        last = k == len(prefixes) - 1
        own_title = replace(title_page, href=names[0], body=_copied(title_page.body, last))
        own_text = replace(text, href=names[1], body=_copied(text.body, last))
        appendix = _appendix(parts.navs, names[2], meta.title, lang, bool(prefix))
        toc = _toc_entry(meta.title, own_title, own_text)
        made.append(DocumentPart(meta, header, own_title, own_text, appendix, toc))
    return made


def _copied(body: list[etree._Element], last: bool) -> list[etree._Element]:
    """The elements themselves for the last part, else copies (tails included)."""
    return list(body) if last else [copy.deepcopy(el) for el in body]


def _title_page(meta: BookMetadata, provenance: list[Any], href: str, lang: str) -> Page:
    """Generated title page: title, subtitle, authors, then the provenance panel."""
    head = x(
        "section", epub_type="titlepage", class_=f"titlepage {GEN}", aria_labelledby="title-heading"
    )
    xsub(head, "h1", meta.title, id="title-heading")
    if meta.subtitle:
        xsub(head, "p", meta.subtitle, class_="subtitle")
    if meta.creators:
        xsub(head, "p", ", ".join(c.name for c in meta.creators), class_="author")
    body = [head] + [to_xhtml(el) for el in provenance]
    fix_links(body)
    english_labels(body, lang)
    return Page(
        href, meta.title, lang, body, "titlepage", _page_headings(body), body_type="frontmatter"
    )


def _text_page(title_block: Any, main: Any, href: str, title: str, lang: str) -> Page:
    body = [to_xhtml(el) for el in (title_block, main) if el is not None]
    text_main = next((el for el in body if el.tag == f"{{{XHTML_NS}}}main"), None)
    headings: list[Heading] = []
    if text_main is not None:
        footnotes(text_main)
        headings = number_headings(text_main)
    fix_links(body)
    english_labels(body, lang)
    return Page(href, title, lang, body, "text", headings, body_type="bodymatter")


def _appendix(navs: list[Any], href: str, title: str, lang: str, named: bool) -> Page | None:
    """The scraped page's menus, kept whole after the text (ENCODING.md: kept,
    not dropped, and left out of reading views)."""
    if not navs:
        return None
    label = f"Links of the source page: {title}" if named else "Links of the source page"
    section = x(
        "section",
        epub_type="appendix",
        role="doc-appendix",
        aria_labelledby="appendix-heading",
        class_="source-links",
    )
    heading = xsub(section, "h1", id="appendix-heading", class_=GEN)
    english(xsub(heading, "span", "Links of the source page" + (":" if named else "")), lang)
    if named:
        heading[-1].tail = f" {title}"
    english(
        xsub(
            section,
            "p",
            "The menus and link lists of the web page this text was "
            "taken from, kept here out of the reading flow.",
            class_=GEN,
        ),
        lang,
    )
    for nav in navs:
        node = to_xhtml(nav)
        node.tail = None
        # In the book these menus lead nowhere: a labelled section, not a <nav>
        # landmark that a screen reader would offer as the book's navigation.
        node.tag = f"{{{XHTML_NS}}}section"
        section.append(node)
    fix_links([section])
    return Page(href, label, lang, [section], "appendix", body_type="backmatter")


def _page_headings(body: list[etree._Element]) -> list[Heading]:
    return [
        Heading(int(local[1]), h.get("id") or "", words(h))
        for el in body
        for h in el.iter()
        if isinstance(h.tag, str) and (local := etree.QName(h).localname) in ("h2",) and h.get("id")
    ]


def _toc_entry(title: str, title_page: Page, text: Page) -> TocEntry:
    """{title} -> title page; below it: About this edition, Text (with the text's
    headings nested by level), Notes."""
    children = [
        TocEntry(h.label, f"{title_page.href}#{h.id}", english=True) for h in title_page.headings
    ]  # the provenance panel's heading
    in_notes = _notes_ids(text)
    text_entry = TocEntry(
        "Text",
        text.href,
        nest(text.href, [h for h in text.headings if h.id not in in_notes]),
        english=True,
    )
    children.append(text_entry)
    notes = _notes_id(text)
    if notes:
        children.append(TocEntry("Notes", f"{text.href}#{notes}", english=True))
    return TocEntry(title, title_page.href, children)


def _notes_id(text: Page) -> str | None:
    for el in text.body:
        found = strings(el, f".//h:section[{has_class('notes')}]/@id")
        if found:
            return str(found[0])
    return None


def _notes_ids(text: Page) -> set[str]:
    """The ids inside the notes section: its headings stay out of the toc's text
    entry. Found once per page, not once per heading (that was quadratic)."""
    path = f".//h:section[{has_class('notes')}]//*/@id"
    return {i for el in text.body for i in strings(el, path)}


def nest(href: str, headings: list[Heading]) -> list[TocEntry]:
    """Flat headings (level, id, label) -> nested toc entries: an h3 goes under
    the h2 before it; a first heading deeper than the rest stays at the top."""
    top: list[TocEntry] = []
    stack: list[tuple[int, TocEntry]] = []
    for h in headings:
        entry = TocEntry(h.label, f"{href}#{h.id}")
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        (stack[-1][1].children if stack else top).append(entry)
        stack.append((h.level, entry))
    return top


def anthology_title_page(title: str, parts: list[tuple[str, str, list[str]]], lang: str) -> Page:
    """The anthology's own title page, listing its texts (an inline contents)."""
    head = x(
        "section", epub_type="titlepage", class_=f"titlepage {GEN}", aria_labelledby="title-heading"
    )
    xsub(head, "h1", title, id="title-heading")
    n = len(parts)
    english(
        xsub(
            head,
            "p",
            f"{n} text{'s' if n != 1 else ''}, each with its own title "
            "page saying where it comes from.",
            class_="subtitle",
        ),
        lang,
    )
    contents = x("section", class_=f"contents {GEN}", aria_labelledby="contents-heading")
    english(xsub(contents, "h2", "Texts", id="contents-heading"), lang)
    ol = xsub(contents, "ol")
    for part_title, href, creators in parts:  # (title, its title page, its authors)
        li = xsub(ol, "li")
        xsub(li, "a", part_title, href=href)
        authors = ", ".join(creators)
        if authors:
            li.append(x("span", class_="author"))
            li[-1].text = authors
            li[-2].tail = " — "
    return Page(
        "book-title.xhtml", title, lang, [head, contents], "titlepage", body_type="frontmatter"
    )


def document_title(doc: etree._ElementTree | etree._Element, fallback: str) -> str:
    return titles(header_of(root_of(doc)))[0] or fallback
