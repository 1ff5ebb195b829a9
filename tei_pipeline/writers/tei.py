"""The TEI writer: the tree as UTF-8 XML, deterministically indented.

Only element-only containers are indented (their whitespace carries no
meaning); mixed content (p, head, item, bibl, ...) is written exactly as it
is, so indentation never adds or removes a space inside the text.
"""

from __future__ import annotations

from lxml import etree

from ..tei.ns import TEI_NS, local_name
from ..transforms.base import Context
from .base import Writer

# TEI elements whose content model has no text: safe to indent.
ELEMENT_ONLY = frozenset(
    """
TEI teiHeader fileDesc titleStmt respStmt editionStmt publicationStmt availability sourceDesc
listBibl encodingDesc editorialDecl normalization quotation hyphenation segmentation interpretation
appInfo application profileDesc creation langUsage revisionDesc text front back body div titlePage
docTitle list cit quote opener closer postscript figure standOff listPerson listPlace listOrg
person place org epigraph
""".split()
)


class TeiWriter(Writer):
    name = "tei"
    media_type = "application/tei+xml"

    def write(self, doc: etree._ElementTree, ctx: Context | None = None) -> bytes:
        return serialize(doc)


def serialize(doc: etree._ElementTree) -> bytes:
    """The XML declaration, the processing instructions and comments before the
    root (an xml-model naming the file's schema), the root, and any after it."""
    root = doc.getroot()
    _indent(root, 0)
    before = [_line(node) for node in reversed(list(root.itersiblings(preceding=True)))]
    after = [_line(node) for node in root.itersiblings()]
    # straight to UTF-8 bytes, joined once: a decoded string and its encoding
    # would hold a big document three times over
    body = etree.tostring(root, encoding="UTF-8")
    return b"\n".join([b'<?xml version="1.0" encoding="UTF-8"?>', *before, body, *after, b""])


def _line(node: etree._Element) -> bytes:
    return etree.tostring(node, encoding="UTF-8", with_tail=False)


def _indent(element: etree._Element, level: int) -> None:
    name = local_name(element.tag)
    if element.tag.startswith(f"{{{TEI_NS}}}") is False or name not in ELEMENT_ONLY:
        return
    children = [c for c in element if isinstance(c.tag, str)]
    if not children or (element.text or "").strip() or any((c.tail or "").strip() for c in element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level
