"""Readers: one per input format, registered here by name (the CLI value)."""

from __future__ import annotations

from .base import Reader, TeiDocument
from .plaintext import PlainTextReader

READERS: dict[str, type[Reader]] = {
    PlainTextReader.name: PlainTextReader,
}

__all__ = ["READERS", "Reader", "TeiDocument"]
