"""EPUB writer, the books of a build: one EPUB per document and the anthology
of all, from the corpus's shared rendering (each document's HTML tree, the one
the site pages are serialized from), so no document is rendered twice.

Stage: writer. Input: a writers.base.Corpus. Output: '<name>.epub' and
'anthology.epub' -> bytes.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...tei.xpath import strings
from ...transforms.base import Context
from ..base import Corpus, CorpusWriter
from ..html.site import shared_rendering
from . import anthology_book, canonical_bytes, single_book
from .package import write_book

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
