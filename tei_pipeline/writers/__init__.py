"""Writers, registered here by name: WRITERS make one file of one document
(the `render --to` value), CORPUS_WRITERS the files of all documents of a
build (the `build -f` value; TEI is written per document by the pipeline)."""

from __future__ import annotations

from .base import Corpus, CorpusWriter, Writer
from .epub import EpubWriter
from .epub.corpus import BooksWriter
from .html import HtmlWriter
from .html.site import SiteWriter
from .tei import TeiWriter

WRITERS: dict[str, type[Writer]] = {
    TeiWriter.name: TeiWriter,
    HtmlWriter.name: HtmlWriter,
    EpubWriter.name: EpubWriter,
}

CORPUS_WRITERS: dict[str, type[CorpusWriter]] = {
    SiteWriter.name: SiteWriter,  # html/: index, one page per document, names, timeline
    BooksWriter.name: BooksWriter,  # epub/: one book per document, and the anthology
}


def writer_for(name: str) -> Writer:
    """The writer registered as name; an unknown name lists the known ones."""
    try:
        return WRITERS[name]()
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise KeyError(f"unknown output format {name!r}; known: {known}") from None


__all__ = ["CORPUS_WRITERS", "WRITERS", "Corpus", "CorpusWriter", "Writer", "writer_for"]
