"""Transforms: enrich the TEI tree in place, in priority order.

DEFAULT_TRANSFORMS is the one table of the transforms a reader gets unless it
says otherwise (readers.base.Reader.default_transforms); a reader may add its
own (TeiDocument.transforms). The pipeline runs them sorted by priority
(`ordered`); ties keep the order given.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Transform
from .dates import DatesTransform
from .header import HeaderTransform
from .inline import (
    EditorialInsertionsTransform,
    EmphasisTransform,
    LetterSpacingTransform,
    QuotationsTransform,
    TexQuotesTransform,
    WorkReferencesTransform,
)
from .language import LanguageHeaderTransform, LanguageTransform
from .names import NamesTransform
from .notes import NotesTransform
from .numbers import NumbersTransform
from .recognised_names import RecognisedNamesTransform, RecognitionHeaderTransform
from .standoff import HeaderNamesTransform, StandOffTransform

# In priority order (the pipeline sorts them anyway; ties would keep this order).
DEFAULT_TRANSFORMS: tuple[type[Transform], ...] = (
    # 50: the text's language (stated, else detected) before anything that
    # depends on it: numbers, dates, the recogniser's model
    LanguageTransform,
    # 100: attach the notes block first, before any inline markup could split
    # the text around a marker
    NotesTransform,
    # 150, 160: bracketed and "(See ...)" spans, before quotation marks inside them
    EditorialInsertionsTransform,
    WorkReferencesTransform,
    # 200, 210: inline typography (quotation marks, letter-spacing)
    QuotationsTransform,
    TexQuotesTransform,  # 201: ``TeX quotes''
    EmphasisTransform,  # 205: _italic_ and *bold*
    LetterSpacingTransform,
    # 250: registered names after the inline spans (names inside quotations and
    # titles are found there) and before dates and numbers ("Stalin" is never a date)
    NamesTransform,
    # 260: names no register knows, by the run's recogniser, around what the
    # registers left (so registered names keep priority and their @ref)
    RecognisedNamesTransform,
    # 300: ISO values for dates; a year inside a name stays in the name
    DatesTransform,
    # 320: after dates, so a year that is a date is not also a number
    NumbersTransform,
    # 400: reads the finished text (title page, preface, closer) to build the teiHeader
    HeaderTransform,
    # 404: a detected language is marked as a machine's reading in the header
    LanguageHeaderTransform,
    # 405: the respStmt the guessed names point at, once the header exists
    RecognitionHeaderTransform,
    # 410: @ref on the header's authors and edition names, which exist only now
    HeaderNamesTransform,
    # 450: last, copies of every register entry the text and header refer to
    StandOffTransform,
)


def ordered(transforms: Iterable[type[Transform]]) -> list[type[Transform]]:
    """By priority; ties keep the order given (sorted() is stable)."""
    return sorted(transforms, key=lambda t: t.priority)


__all__ = ["DEFAULT_TRANSFORMS", "Context", "Transform", "ordered"]
