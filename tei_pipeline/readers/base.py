"""The reader contract: turn one source into a TEI tree.

A Reader has a `name` (the registry key and the `--from` value), the file
`suffixes` it reads by default, `default_transforms` (whether the pipeline runs
transforms.DEFAULT_TRANSFORMS on what it reads) and `read(text, ctx) ->
TeiDocument`. It gets the decoded text (and `ctx.source_bytes`) and the context
(sidecar, reporter), never a path: the pipeline opens files, so readers stay
easy to test on strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from ..context import Context

if TYPE_CHECKING:  # the type only: readers do not import transforms
    from ..transforms.base import Transform


@dataclass
class TeiDocument:
    """The one intermediate representation: a TEI tree, the transforms the
    reader adds to the defaults (STYLE.md: a reader may add transforms it needs),
    and whether the lossless check (source words in the TEI) applies."""

    tree: etree._ElementTree
    transforms: tuple[type[Transform], ...] = ()
    lossless_check: bool = True


class Reader:
    name: str = "reader"
    suffixes: tuple[str, ...] = ()
    default_transforms: bool = True
    sidecar: bool = True  # whether a TOML sidecar beside the source is read

    def read(self, text: str, ctx: Context) -> TeiDocument:
        raise NotImplementedError
