"""Writers: one per output format, registered here by name (the CLI's --to value)."""

from __future__ import annotations

from .base import Writer
from .epub import EpubWriter
from .html import HtmlWriter
from .tei import TeiWriter

WRITERS: dict[str, type[Writer]] = {
    TeiWriter.name: TeiWriter,
    HtmlWriter.name: HtmlWriter,
    EpubWriter.name: EpubWriter,
}


def writer_for(name: str) -> Writer:
    """The writer registered as name; an unknown name lists the known ones."""
    try:
        return WRITERS[name]()
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise KeyError(f"unknown output format {name!r}; known: {known}") from None


__all__ = ["WRITERS", "Writer", "writer_for"]
