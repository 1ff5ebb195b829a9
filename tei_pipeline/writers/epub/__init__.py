"""The EPUB writer: one EPUB 3 book per TEI document, or one for many (anthology).

Stage: writer. Input: valid TEI trees. Output: the bytes of a .epub file that
EPUBCheck accepts without errors or warnings, and the same bytes for the same TEI.

EPUB = the HTML writer + packaging (STYLE.md 2; TEI Stylesheets `epub3/` imports
`html/`; pandoc's EPUB writer calls its HTML writer): each document's HTML page
tree (`writers.html.build_page`; in a build the very tree the site page is made
from, corpus.py) is cut into XHTML content documents (xhtml.py, book.py); the
package metadata comes from the TEI header (metadata.py); package.py writes the
OPF, the navigation document and the zip.

    mimetype                  application/epub+zip, first and stored
    META-INF/container.xml
    EPUB/package.opf          metadata, manifest, spine
    EPUB/nav.xhtml            toc (doc-toc) and landmarks
    EPUB/style.css
    EPUB/title.xhtml          title page with the provenance
    EPUB/text.xhtml           the text; notes as pop-up footnotes
    EPUB/links.xhtml          appendix: menus of a scraped page (if any)

An anthology has `book-title.xhtml` with the list of texts, then for each text
`NN-<name>-title.xhtml`, `NN-<name>.xhtml`, and its appendix after all texts.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...diagnostics import Reporter
from ...transforms.base import Context
from ..base import Writer
from .book import (
    DocumentPart,
    anthology_title_page,
    canonical_bytes,
    document_part,
    slugify,
    stylesheet,
)
from .metadata import anthology_metadata
from .package import Book, TocEntry, write_book

__all__ = [
    "EpubWriter",
    "anthology",
    "anthology_book",
    "canonical_bytes",
    "epub_book",
    "single_book",
]

Doc = etree._ElementTree | etree._Element


class EpubWriter(Writer):
    """TEI -> one EPUB 3 (see the module docstring)."""

    name = "epub"
    media_type = "application/epub+zip"

    def __init__(self, claim_conformance: bool = True) -> None:
        # The conformance claim (dcterms:conformsTo) is only true while Ace finds
        # no serious violation: tests/unit/test_epub_checkers.py holds it to that.
        self.claim_conformance = claim_conformance

    def write(self, doc: Doc, ctx: Context | None = None) -> bytes:
        return write_book(epub_book(doc, ctx, self.claim_conformance))


def epub_book(doc: Doc, ctx: Context | None = None, claim_conformance: bool = True) -> Book:
    """The Book (pages, metadata, navigation) of one TEI document, before zipping."""
    return single_book(doc, ctx, claim_conformance)


def single_book(
    doc: Doc,
    ctx: Context | None,
    claim_conformance: bool = True,
    page: Any = None,
    canonical: bytes | None = None,
    part: DocumentPart | None = None,
) -> Book:
    """The Book of one document, cut from its HTML page tree `page` when the
    caller rendered it already (corpus.py), else rendered here for a book;
    `canonical` is its canonical_bytes, and `part` its document_part with the
    prefix "", if the caller has them."""
    fallback = ctx.doc_id if ctx is not None else "Untitled"
    if part is None:
        part = document_part(doc, ctx, "", fallback, page, canonical)
    pages = part.pages + ([part.appendix] if part.appendix else [])
    toc = [part.toc] + appendix_entries(_appendices([part]), single=True)
    # No "toc" landmark: nav.xhtml is not in the spine, and a link to it from the
    # navigation document is an error (EPUBCheck RSC-011).
    landmarks = [
        ("titlepage", part.title_page.href, "Title page"),
        ("bodymatter", part.text.href, "Text"),
    ]
    return Book(part.metadata, pages, toc, landmarks, stylesheet(), claim_conformance)


def anthology(
    documents: list[tuple[str, etree._ElementTree]],
    title: str,
    *,
    reporter: Reporter | None = None,
    claim_conformance: bool = True,
) -> bytes:
    """All `documents` ((name, TEI tree) pairs, in the order given) as one EPUB
    titled `title`: a title page listing the texts, then each text with its own
    title page and notes, then the appendices of menus, if any. What the HTML
    writer reports (elements without a rule) goes to `reporter`, under each name."""
    return write_book(
        anthology_book(documents, title, reporter=reporter, claim_conformance=claim_conformance)
    )


def anthology_book(
    documents: list[tuple[str, etree._ElementTree]],
    title: str,
    *,
    reporter: Reporter | None = None,
    claim_conformance: bool = True,
    pages: list[Any] | None = None,
    canonical: list[bytes] | None = None,
) -> Book:
    """The anthology's Book; `pages` are the documents' HTML page trees and
    `canonical` their canonical_bytes when the caller made them already
    (corpus.py), else they are made here."""
    if not documents:
        raise ValueError("an anthology needs at least one document")
    parts: list[DocumentPart] = []
    canonical = canonical or [canonical_bytes(doc) for _, doc in documents]
    for k, (name, doc) in enumerate(documents, start=1):
        prefix = f"{k:02d}-{slugify(name)}"
        ctx = Context(shown_as=name, doc_id=name, reporter=reporter or Reporter())
        page = pages[k - 1] if pages is not None else None
        parts.append(document_part(doc, ctx, prefix, name, page, canonical[k - 1]))
    meta = anthology_metadata(
        [p.metadata for p in parts], [p.header for p in parts], title, canonical
    )
    listed = [
        (p.metadata.title, p.title_page.href, [c.name for c in p.metadata.creators]) for p in parts
    ]
    cover = anthology_title_page(title, listed, meta.language)
    spine = [cover] + [page for p in parts for page in p.pages]
    spine += [p.appendix for p in parts if p.appendix is not None]
    toc = [TocEntry(title, cover.href)] + [p.toc for p in parts]
    toc += appendix_entries(_appendices(parts))
    landmarks = [
        ("titlepage", cover.href, "Title page"),
        ("bodymatter", parts[0].title_page.href, "Texts"),
    ]
    return Book(meta, spine, toc, landmarks, stylesheet(), claim_conformance)


def _appendices(parts: list[DocumentPart]) -> list[tuple[str, str]]:
    return [(p.appendix.href, p.appendix.title) for p in parts if p.appendix is not None]


def appendix_entries(found: list[tuple[str, str]], single: bool = False) -> list[TocEntry]:
    """The toc entries of the appendices, (href, title) of each."""
    if not found:
        return []
    if single:
        return [TocEntry("Appendix: links of the source page", found[0][0], english=True)]
    return [
        TocEntry(
            "Appendix: links of the source pages",
            found[0][0],
            [
                TocEntry(page_title.removeprefix("Links of the source page: "), href)
                for href, page_title in found
            ],
            english=True,
        )
    ]
