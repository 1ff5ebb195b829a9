"""The reader contract: turn one source into a TEI tree.

A Reader has a `name` (the registry key) and `read(text, ctx) -> TeiDocument`.
It gets decoded text and the context (sidecar, reporter), never a path: the
pipeline opens files, so readers stay easy to test on strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..transforms.base import Context, Transform


@dataclass
class TeiDocument:
    """The one intermediate representation: a TEI tree, and the transforms the
    reader asks for (STYLE.md: a reader may add transforms it needs)."""

    tree: etree._ElementTree
    transforms: tuple[type[Transform], ...] = ()


class Reader:
    name: str = "reader"

    def read(self, text: str, ctx: Context) -> TeiDocument:
        raise NotImplementedError
