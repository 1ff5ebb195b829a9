"""The language in force at a place of the tree: the xml:lang of the element or
of its nearest ancestor (TEI P5 vi.1: xml:lang is inherited). Transforms whose
rules depend on the language (numbers, dates) read it run by run, so a frame in
another language than the work (transforms/language.py) gets its own rules.
"""

from __future__ import annotations

from itertools import chain

from lxml import etree

from .ns import XML_LANG
from .textspan import Run

Element = etree._Element


def language_at(element: Element, default: str) -> str:
    """The xml:lang in force at element, else `default`."""
    for at in chain((element,), element.iterancestors()):
        if (language := at.get(XML_LANG)) is not None:
            return language
    return default


def run_language(run: Run, default: str) -> str:
    """The xml:lang in force where a run's text stands (a tail's is its parent's)."""
    first = run.slots[0]
    owner = first.owner.getparent() if first.is_tail else first.owner
    return language_at(owner if owner is not None else first.owner, default)


def is_english(language: str) -> bool:
    """Is the BCP 47 tag English (en, en-GB, ...)?"""
    return language.split("-")[0].lower() == "en"
