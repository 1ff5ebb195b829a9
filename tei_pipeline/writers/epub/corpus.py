"""EPUB writer, the books of a build: one EPUB per document and the anthology
of all, from the corpus's shared rendering (each document's HTML tree, the one
the site pages are serialized from), so no document is rendered twice.

Stage: writer. Input: a writers.base.Corpus. Output: '<name>.epub' and
'anthology.epub' -> bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from lxml import etree

from ...diagnostics import Reporter
from ...tei.xpath import strings
from ...transforms.base import Context
from ..base import Corpus, CorpusWriter, as_dict
from ..html.site import shared_rendering
from . import anthology_book, appendix_entries, canonical_bytes, single_book
from .book import DocumentPart, anthology_title_page, document_part, slugify, stylesheet
from .metadata import BookMetadata, Creator, collected_metadata, latest_day
from .package import (
    NAV_HREF,
    OPF_PATH,
    ROOT,
    Book,
    TocEntry,
    container,
    has_footnotes,
    navigation_document,
    package_of,
    summary_of,
    write_book,
    zip_members,
)
from .zipcopy import KeptMembers

ANTHOLOGY = "anthology.epub"
ANTHOLOGY_TITLE = "The collected texts"
PUBLISHER = "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher/text()"


class BooksWriter(CorpusWriter):
    """The corpus writer of epub/ (see the module docstring)."""

    name = "epub"

    def __init__(self, claim_conformance: bool = True) -> None:
        self.claim_conformance = claim_conformance

    def write_corpus(self, corpus: Corpus, ctx: Context) -> dict[str, bytes]:
        rendering = shared_rendering(corpus, ctx.reporter)
        pages: list[Any] = [page.page.root for page in rendering.pages]
        # the TEI's canonical bytes (its checksum in the book's metadata), once per document
        canonical = [canonical_bytes(tree) for _, tree in corpus.documents]
        files: dict[str, bytes] = {}
        for k, (name, tree) in enumerate(corpus.documents):
            doc_ctx = Context(shown_as=name, doc_id=name, reporter=ctx.reporter)
            book = single_book(tree, doc_ctx, self.claim_conformance, pages[k], canonical[k])
            files[f"{name}.epub"] = write_book(book)
        title = anthology_title(corpus.documents)
        files[ANTHOLOGY] = write_book(
            anthology_book(
                corpus.documents,
                title,
                reporter=ctx.reporter,
                claim_conformance=self.claim_conformance,
                pages=pages,
                canonical=canonical,
            )
        )
        return files


def anthology_title(documents: list[tuple[str, etree._ElementTree]]) -> str:
    """The publisher all documents share, else ANTHOLOGY_TITLE."""
    publishers = {p.strip() for _, tree in documents for p in strings(tree, PUBLISHER)}
    return publishers.pop() if len(publishers) == 1 else ANTHOLOGY_TITLE


# --- the anthology, member by member --------------------------------------------------
# A build keeps each document's part of the anthology (anthology_part) and writes
# the book from the parts, one document's pages in memory at a time. A part's file
# names hold PREFIX, replaced by the document's place in the book ("07-<name>")
# when written, so a part stays good when a text before it comes or goes.

PREFIX = "tp-anthology-part-prefix"


@dataclass
class AnthologyPart:
    """What the anthology needs of one document, but its pages' bytes."""

    metadata: BookMetadata
    latest: str | None  # the latest day of its header (dcterms:modified)
    digest: str  # sha256 of its canonical TEI (the book's identifier)
    spine: list[str]  # its title page's and text's hrefs
    appendix: tuple[str, str] | None  # (href, title)
    toc: TocEntry
    footnotes: bool

    def to_json(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnthologyPart:
        meta = dict(data["metadata"])
        for key in ("creators", "contributors"):
            meta[key] = [Creator(c["name"], c["role"]) for c in meta[key]]
        appendix = data["appendix"]
        return cls(
            BookMetadata(**meta),
            data["latest"],
            data["digest"],
            list(data["spine"]),
            (appendix[0], appendix[1]) if appendix else None,
            _toc(data["toc"]),
            bool(data["footnotes"]),
        )


def _toc(data: dict[str, Any]) -> TocEntry:
    children = [_toc(c) for c in data["children"]]
    return TocEntry(data["label"], data["href"], children, bool(data["english"]))


def anthology_part(
    tree: Any,
    name: str,
    page: Any,
    canonical: bytes,
    reporter: Reporter,
    part: DocumentPart | None = None,
) -> tuple[AnthologyPart, dict[str, bytes]]:
    """One document's part of the anthology, and its pages (href -> bytes), from its
    HTML page tree, with PREFIX where its place in the book goes (`part`: its
    document_part with PREFIX, if the caller made it)."""
    if part is None:
        ctx = Context(shown_as=name, doc_id=name, reporter=reporter)
        part = document_part(tree, ctx, PREFIX, name, page, canonical)
    pages = part.pages + ([part.appendix] if part.appendix else [])
    files = {p.href: p.to_bytes() for p in pages}
    kept = AnthologyPart(
        part.metadata,
        latest_day(part.header),
        hashlib.sha256(canonical).hexdigest(),
        [p.href for p in part.pages],
        (part.appendix.href, part.appendix.title) if part.appendix else None,
        part.toc,
        has_footnotes(files[part.text.href]),
    )
    return kept, files


def _placed(entry: TocEntry, prefix: str) -> TocEntry:
    return TocEntry(
        entry.label.replace(PREFIX, prefix),
        entry.href.replace(PREFIX, prefix),
        [_placed(c, prefix) for c in entry.children],
        entry.english,
    )


def write_anthology(
    out: BinaryIO,
    title: str,
    names: list[str],
    parts: list[AnthologyPart],
    pages_of: Callable[[int], dict[str, bytes]],
    claim_conformance: bool = True,
    kept: KeptMembers | None = None,
) -> None:
    """The anthology of the documents `names` (their parts, in book order) written
    to `out`: the same bytes as anthology_book gives, one document's pages
    (`pages_of(k)`) in memory at a time; members `kept` (the last anthology)
    holds alike are copied, not compressed again."""
    if not parts:
        raise ValueError("an anthology needs at least one document")
    prefixes = [f"{k:02d}-{slugify(name)}" for k, name in enumerate(names, start=1)]

    def place(text: str, k: int) -> str:
        return text.replace(PREFIX, prefixes[k])

    meta = collected_metadata(
        [p.metadata for p in parts],
        [p.latest for p in parts],
        title,
        [bytes.fromhex(p.digest) for p in parts],
    )
    listed = [
        (p.metadata.title, place(p.spine[0], k), [c.name for c in p.metadata.creators])
        for k, p in enumerate(parts)
    ]
    cover = anthology_title_page(title, listed, meta.language)
    appendices = [
        (place(p.appendix[0], k), p.appendix[1]) for k, p in enumerate(parts) if p.appendix
    ]
    spine = [cover.href] + [place(h, k) for k, p in enumerate(parts) for h in p.spine]
    spine += [href for href, _ in appendices]
    kinds = {"titlepage", "text"} | ({"appendix"} if appendices else set())
    summary = summary_of(kinds, any(p.footnotes for p in parts), claim_conformance)
    toc = [TocEntry(title, cover.href)] + [_placed(p.toc, prefixes[k]) for k, p in enumerate(parts)]
    toc += appendix_entries(appendices)
    landmarks = [("titlepage", cover.href, "Title page"), ("bodymatter", listed[0][1], "Texts")]
    nav = Book(meta, [], toc, landmarks, stylesheet(), claim_conformance)
    fixed = {
        "META-INF/container.xml": container(),
        OPF_PATH: package_of(meta, spine, summary, claim_conformance),
        f"{ROOT}/{NAV_HREF}": navigation_document(nav),
        f"{ROOT}/style.css": stylesheet(),
        f"{ROOT}/{cover.href}": cover.to_bytes(),
    }
    owner = {
        f"{ROOT}/{place(href, k)}": (k, href)
        for k, p in enumerate(parts)
        for href in p.spine + ([p.appendix[0]] if p.appendix else [])
    }
    loaded: tuple[int, dict[str, bytes]] = (-1, {})

    def member(path: str) -> bytes:
        nonlocal loaded
        if path in fixed:
            return fixed[path]
        k, href = owner[path]
        if loaded[0] != k:  # one document's pages at a time
            loaded = (k, pages_of(k))
        return loaded[1][href].replace(PREFIX.encode(), prefixes[k].encode())

    zip_members(out, ((path, member(path)) for path in sorted([*fixed, *owner])), kept)
