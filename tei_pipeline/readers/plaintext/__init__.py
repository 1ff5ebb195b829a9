"""The plain-text reader: a text with the conventions of ENCODING.md -> a TEI tree.

Lines are grouped into blocks (lines.py), the blocks sorted into the parts of a
document (layout.py) and built into TEI (build.py). The header is made later
by transforms/header.py from this tree and the sidecar.
"""

from __future__ import annotations

from lxml import etree

from ...tei.builder import make
from ...tei.ns import NSMAP, XML_ID, XML_LANG, tei
from ...transforms import header, inline, names, notes, numbers, standoff
from ...transforms.base import Context
from ...transforms.dates import DatesTransform
from ..base import Reader, TeiDocument
from .build import TextBuilder
from .layout import lay_out
from .lines import group_blocks, split_lines


class PlainTextReader(Reader):
    name = "plaintext"

    def read(self, text: str, ctx: Context) -> TeiDocument:
        blocks = group_blocks(split_lines(text))
        layout = lay_out(blocks, notes.has_markers)
        root = etree.Element(tei("TEI"), nsmap=NSMAP)  # type: ignore[arg-type]
        root.set(XML_LANG, ctx.sidecar.language)
        root.set(XML_ID, ctx.doc_id)
        root.append(make("teiHeader"))
        root.append(TextBuilder(ctx.shown_as).text(layout))
        return TeiDocument(
            etree.ElementTree(root),
            transforms=(
                notes.NotesTransform,
                inline.QuotationsTransform,
                inline.TexQuotesTransform,
                inline.EmphasisTransform,
                inline.LetterSpacingTransform,
                inline.EditorialInsertionsTransform,
                inline.WorkReferencesTransform,
                names.NamesTransform,
                DatesTransform,
                numbers.NumbersTransform,
                header.HeaderTransform,
                standoff.HeaderNamesTransform,
                standoff.StandOffTransform,
            ),
        )
