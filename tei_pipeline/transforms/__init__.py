"""Transforms: enrich the TEI tree in place, in priority order.

The plain-text reader asks for these, in this order (lower priority first):

- 100 notes: attach the notes block first, before any inline markup could
  split the text around a marker;
- 150 editorial-insertions, 160 work-references: bracketed and "(See ...)" spans,
  before quotation marks inside them are looked at;
- 200 quotations, 210 letterspacing: inline typography;
- 300 dates: ISO values for the date elements made so far;
- 400 header: last, because it reads the finished text (title page, preface,
  closer) to build the teiHeader.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Transform


def ordered(transforms: Iterable[type[Transform]]) -> list[type[Transform]]:
    """By priority; ties keep the order given (sorted() is stable)."""
    return sorted(transforms, key=lambda t: t.priority)


__all__ = ["Context", "Transform", "ordered"]
