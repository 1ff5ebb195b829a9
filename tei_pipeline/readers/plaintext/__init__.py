"""The plain-text reader: a text with the conventions of ENCODING.md -> a TEI tree.

Lines are grouped into blocks (lines.py), the blocks sorted into the parts of a
document (layout.py) and built into TEI (build.py). The header is made later
by transforms/header.py from this tree and the sidecar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ...tei.builder import make
from ...tei.ns import NSMAP, XML_ID, XML_LANG, tei
from ..base import Reader, TeiDocument
from .build import TextBuilder
from .layout import lay_out
from .lines import group_blocks, split_lines
from .markers import has_markers

if TYPE_CHECKING:
    from ...context import Context


class PlainTextReader(Reader):
    name = "plaintext"
    suffixes = (".txt",)

    def read(self, text: str, ctx: Context) -> TeiDocument:
        blocks = group_blocks(split_lines(text))
        layout = lay_out(blocks, has_markers)
        root = etree.Element(tei("TEI"), nsmap=NSMAP)  # type: ignore[arg-type]
        root.set(XML_LANG, ctx.sidecar.language)
        root.set(XML_ID, ctx.doc_id)
        root.append(make("teiHeader"))
        root.append(TextBuilder(ctx.shown_as).text(layout))
        # the transforms are the defaults (transforms.DEFAULT_TRANSFORMS), all
        # written for the conventions of plain text
        return TeiDocument(etree.ElementTree(root))
