"""EPUB writer, packaging: package document (OPF), navigation document, container
and the zip (EPUB 3.3 ch. 4 OCF, 5 package document, 7 navigation document).

Stage: writer. Input: a `Book` (metadata, content documents, table of contents).
Output: the bytes of one .epub file, identical for identical input:

- `mimetype` first, stored (not compressed), no extra field (EPUB 3.3 4.2.6.4.2);
- the other entries sorted by path, deflated;
- every entry dated 1980-01-01 00:00:00, the earliest date a zip can hold, with
  fixed permissions (Standard Ebooks `se/epub.py`; EbookLib `writer.py`).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from ..html.lang import direction
from .metadata import BookMetadata
from .xhtml import EPUB_TYPE, XHTML_NS, XML_LANG, Page, english, x, xhtml_document, xsub
from .zipcopy import KeptMembers, append_deflated

OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
MEDIA_TYPE = "application/epub+zip"
ROOT = "EPUB"
OPF_PATH = f"{ROOT}/package.opf"
NAV_HREF = "nav.xhtml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# What is true of every book this writer makes (schema.org accessibility
# properties, EPUB Accessibility 1.1 5.1): text only, no images or media,
# structured by headings, with a table of contents and a reading order.
ACCESS_MODES = ("textual",)
ACCESS_MODES_SUFFICIENT = ("textual",)
ACCESSIBILITY_FEATURES = (
    "structuralNavigation",  # h1-h6 from the TEI heads, sections, landmarks
    "tableOfContents",  # the navigation document
    "readingOrder",  # spine and markup order are the text's order
    "displayTransformability",  # reflowable; the stylesheet sets no fixed sizes or colours
    "ARIA",  # DPUB-ARIA roles on notes, note references, the toc and appendices
)
ACCESSIBILITY_HAZARDS = ("none",)  # no sound, flashing or motion
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
CONFORMANCE_SUMMARY = (
    "It meets EPUB Accessibility 1.1 at WCAG 2.1 Level AA as far as automated "
    "checks tell (EPUBCheck, Ace by DAISY); no person has reviewed it."
)


@dataclass
class TocEntry:
    """One entry of the table of contents (nav epub:type="toc")."""

    label: str
    href: str
    children: list[TocEntry] = field(default_factory=list)
    english: bool = False
    """The label is this writer's English word(s), not the text's."""


@dataclass
class Book:
    """Everything the package needs: metadata, the spine's pages, navigation."""

    metadata: BookMetadata
    pages: list[Page]
    toc: list[TocEntry]
    landmarks: list[tuple[str, str, str]]  # (epub:type, href, label)
    stylesheet: bytes
    claim_conformance: bool = True


def accessibility_summary(book: Book) -> str:
    """schema:accessibilitySummary: only sentences true of this book."""
    kinds = {page.kind for page in book.pages}
    notes = any(has_footnotes(page.to_bytes()) for page in book.pages if page.kind == "text")
    return summary_of(kinds, notes, book.claim_conformance)


def has_footnotes(text_page: bytes) -> bool:
    return b"doc-footnote" in text_page


def summary_of(kinds: set[str], notes: bool, claim_conformance: bool) -> str:
    """accessibility_summary of a book known by its pages' kinds and whether a
    text page has footnotes."""
    parts = [
        "A reflowable EPUB 3 made from a TEI edition. All content is text: there are "
        "no images, audio or video. Headings, a table of contents and landmarks give "
        "the structure.",
    ]
    if notes:
        parts.append("Footnotes are linked to and from their place in the text.")
    if "appendix" in kinds:
        parts.append(
            "The menus of the web page the text came from are kept in an "
            "appendix after the text, out of the reading flow."
        )
    if claim_conformance:
        parts.append(CONFORMANCE_SUMMARY)
    return " ".join(parts)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        node.set(key, value)
    if text is not None:
        node.text = text
    return node


def _meta(parent: etree._Element, prop: str, value: str, **attrs: str) -> etree._Element:
    return _el(parent, _q(OPF_NS, "meta"), value, property=prop, **attrs)


def package_document(book: Book) -> bytes:
    """The OPF: metadata, manifest (every file), spine (the pages in reading order)."""
    hrefs = [page.href for page in book.pages]
    return package_of(book.metadata, hrefs, accessibility_summary(book), book.claim_conformance)


def package_of(meta: BookMetadata, hrefs: list[str], summary: str, claim: bool) -> bytes:
    """package_document of a book known by its metadata, its spine's hrefs and
    its accessibility summary."""
    root = etree.Element(_q(OPF_NS, "package"), nsmap={None: OPF_NS})  # type: ignore[dict-item]
    root.set("version", "3.0")
    root.set("unique-identifier", "pub-id")
    root.set(XML_LANG, meta.language)
    md = etree.SubElement(root, _q(OPF_NS, "metadata"), nsmap={"dc": DC_NS})
    _dublin_core(md, meta)
    _accessibility(md, summary, claim)
    manifest = _el(root, _q(OPF_NS, "manifest"))
    _el(
        manifest,
        _q(OPF_NS, "item"),
        id="nav",
        href=NAV_HREF,
        **{"media-type": "application/xhtml+xml", "properties": "nav"},
    )
    _el(manifest, _q(OPF_NS, "item"), id="css", href="style.css", **{"media-type": "text/css"})
    spine = _el(root, _q(OPF_NS, "spine"))
    if direction(meta.language) == "rtl":  # EPUB 3.3 3.4.12: pages turn to the left
        spine.set("page-progression-direction", "rtl")
    for k, href in enumerate(hrefs, start=1):
        item_id = f"p{k:03d}"
        _el(
            manifest,
            _q(OPF_NS, "item"),
            id=item_id,
            href=href,
            **{"media-type": "application/xhtml+xml"},
        )
        _el(spine, _q(OPF_NS, "itemref"), idref=item_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def dc(name: str) -> str:
    return _q(DC_NS, name)


def _dublin_core(md: etree._Element, meta: BookMetadata) -> None:
    _el(md, dc("identifier"), meta.identifier, id="pub-id")
    _el(md, dc("title"), meta.title, id="title")
    _meta(md, "title-type", "main", refines="#title")
    if meta.subtitle:
        _el(md, dc("title"), meta.subtitle, id="subtitle")
        _meta(md, "title-type", "subtitle", refines="#subtitle")
    for k, person in enumerate(meta.creators, start=1):
        _el(md, dc("creator"), person.name, id=f"creator-{k}")
        _meta(md, "role", person.role, refines=f"#creator-{k}", scheme="marc:relators")
    for k, person in enumerate(meta.contributors, start=1):
        _el(md, dc("contributor"), person.name, id=f"contributor-{k}")
        _meta(md, "role", person.role, refines=f"#contributor-{k}", scheme="marc:relators")
    if meta.date:
        _el(md, dc("date"), meta.date)
    for lang in meta.languages:
        _el(md, dc("language"), lang)
    for publisher in meta.publishers:
        _el(md, dc("publisher"), publisher)
    for source in meta.sources:
        _el(md, dc("source"), source)
    for text in meta.rights:
        _el(md, dc("rights"), text)
    _meta(md, "dcterms:modified", meta.modified)


def _accessibility(md: etree._Element, summary: str, claim: bool) -> None:
    for mode in ACCESS_MODES:
        _meta(md, "schema:accessMode", mode)
    for mode in ACCESS_MODES_SUFFICIENT:
        _meta(md, "schema:accessModeSufficient", mode)
    for feature in ACCESSIBILITY_FEATURES:
        _meta(md, "schema:accessibilityFeature", feature)
    for hazard in ACCESSIBILITY_HAZARDS:
        _meta(md, "schema:accessibilityHazard", hazard)
    _meta(md, "schema:accessibilitySummary", summary)
    if claim:
        _meta(md, "dcterms:conformsTo", CONFORMANCE)
        _meta(md, "a11y:certifiedBy", "tei-pipeline")


def navigation_document(book: Book) -> bytes:
    """nav.xhtml: the table of contents and the landmarks (EPUB 3.3 7.4)."""
    lang = book.metadata.language
    toc = x("nav", epub_type="toc", role="doc-toc", id="toc", aria_labelledby="toc-heading")
    english(xsub(toc, "h1", "Contents", id="toc-heading", class_="gen"), lang)
    toc.append(_toc_list(book.toc, lang))
    landmarks = x(
        "nav",
        epub_type="landmarks",
        id="landmarks",
        hidden="hidden",
        aria_labelledby="landmarks-heading",
    )
    english(xsub(landmarks, "h2", "Landmarks", id="landmarks-heading", class_="gen"), lang)
    ol = xsub(landmarks, "ol")
    for kind, href, label in book.landmarks:
        english(xsub(xsub(ol, "li"), "a", label, href=href), lang).set(EPUB_TYPE, kind)
    return xhtml_document("Contents", lang, [toc, landmarks])


def _toc_list(entries: list[TocEntry], lang: str) -> etree._Element:
    ol = x("ol")
    for entry in entries:
        li = xsub(ol, "li")
        link = xsub(li, "a", entry.label, href=entry.href)
        if entry.english:
            english(link, lang)
        if entry.children:
            li.append(_toc_list(entry.children, lang))
    return ol


def container() -> bytes:
    root = etree.Element(_q(CONTAINER_NS, "container"), nsmap={None: CONTAINER_NS})  # type: ignore[dict-item]
    root.set("version", "1.0")
    rootfiles = _el(root, _q(CONTAINER_NS, "rootfiles"))
    _el(
        rootfiles,
        _q(CONTAINER_NS, "rootfile"),
        **{"full-path": OPF_PATH, "media-type": "application/oebps-package+xml"},
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def book_files(book: Book) -> dict[str, bytes]:
    """Every file of the EPUB, by its path in the container (mimetype excluded)."""
    files = {
        "META-INF/container.xml": container(),
        OPF_PATH: package_document(book),
        f"{ROOT}/{NAV_HREF}": navigation_document(book),
        f"{ROOT}/style.css": book.stylesheet,
    }
    for page in book.pages:
        files[f"{ROOT}/{page.href}"] = page.to_bytes()
    return files


def zip_epub(files: dict[str, bytes]) -> bytes:
    """The OCF zip: mimetype first and stored, then the files sorted by path,
    all with the same date and permissions, so equal files give equal bytes."""
    buf = io.BytesIO()
    zip_members(buf, ((name, files[name]) for name in sorted(files)))
    return buf.getvalue()


def zip_members(
    out: BinaryIO, members: Iterable[tuple[str, bytes]], kept: KeptMembers | None = None
) -> None:
    """zip_epub written to `out` member by member (given sorted by path, mimetype
    left out), so a large book is never held whole in memory. A member `kept`
    holds with the same bytes is copied from it, not compressed again."""
    with zipfile.ZipFile(out, "w") as zf:
        entries = itertools.chain([("mimetype", MEDIA_TYPE.encode("ascii"))], members)
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o100644 << 16
            copied = kept.deflated(name, data) if kept and name != "mimetype" else None
            info.file_size = len(data)
            if copied and append_deflated(zf, info, *copied):
                continue
            zf.writestr(info, data, compresslevel=9 if name != "mimetype" else None)


def write_book(book: Book) -> bytes:
    return zip_epub(book_files(book))


__all__ = ["Book", "TocEntry", "XHTML_NS", "book_files", "write_book", "zip_epub", "zip_members"]
