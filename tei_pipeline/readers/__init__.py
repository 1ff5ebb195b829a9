"""Readers: one per input format, registered here by name (the `--from` value)."""

from __future__ import annotations

from .base import Reader, TeiDocument
from .plaintext import PlainTextReader
from .tei import TeiReader

READERS: dict[str, type[Reader]] = {
    PlainTextReader.name: PlainTextReader,
    TeiReader.name: TeiReader,
}


def reader_for_suffix(suffix: str) -> type[Reader] | None:
    """The reader whose suffixes include this one (".txt", ".xml"), if any."""
    return next((r for r in READERS.values() if suffix.lower() in r.suffixes), None)


__all__ = ["READERS", "Reader", "TeiDocument", "reader_for_suffix"]
