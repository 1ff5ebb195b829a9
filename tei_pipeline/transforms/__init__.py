"""Transforms: enrich the TEI tree in place, in priority order.

The plain-text reader asks for these, in this order (lower priority first):

- 100 notes: attach the notes block first, before any inline markup could
  split the text around a marker;
- 150 editorial-insertions, 160 work-references: bracketed and "(See ...)" spans,
  before quotation marks inside them are looked at;
- 200 quotations, 210 letterspacing: inline typography;
- 250 names: registered persons, places and organizations, after the inline
  spans (so names inside quotations and titles of works are found there) and
  before dates and numbers (so "Stalin" is never read as part of a date);
- 300 dates: ISO values for the date elements made so far, then the dates of
  running text (a year inside a name stays in the name);
- 320 numbers: after dates, so a year that is a date is not also a number;
- 400 header: it reads the finished text (title page, preface, closer) to
  build the teiHeader;
- 410 header-names: @ref on the header's authors and names in its editions,
  which exist only once the header is built;
- 450 standoff: last, copies of every entry the text and header refer to.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Transform


def ordered(transforms: Iterable[type[Transform]]) -> list[type[Transform]]:
    """By priority; ties keep the order given (sorted() is stable)."""
    return sorted(transforms, key=lambda t: t.priority)


__all__ = ["Context", "Transform", "ordered"]
