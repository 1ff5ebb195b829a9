"""Validation, schema references: the schemas a TEI file names for itself.

Input: a parsed TEI tree and the path of its file. Output: SchemaRefs, one per
`<?xml-model href="..." schematypens="..."?>` processing instruction before the
root (ISO/IEC 19757-11; several PIs all apply, e.g. RELAX NG + Schematron) and
one per `xsi:schemaLocation` / `xsi:noNamespaceSchemaLocation` XSD.

A relative href is resolved against the file's folder. A URL is never fetched:
the reference is kept with `url` set, so the caller can say plainly that it was
not fetched and which schema was used instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..tei.positions import source_line
from .kinds import COMPACT_TYPES, SCHEMATYPENS, SchemaKind

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_PSEUDO_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class SchemaRef:
    """One schema a document names.

    href: as written; path: the local file it names (None for a URL);
    kind: the kind the reference asks for (None: decide from the file);
    line: where the reference stands in the document (0 when unknown).
    """

    href: str
    path: Path | None
    kind: SchemaKind | None
    line: int

    @property
    def url(self) -> bool:
        return self.path is None


def references(tree: etree._ElementTree, document: Path) -> list[SchemaRef]:
    """xml-model PIs first (in document order), then xsi schema locations."""
    return _xml_models(tree, document) + _xsi_locations(tree, document)


def _xml_models(tree: etree._ElementTree, document: Path) -> list[SchemaRef]:
    refs = []
    node = tree.getroot().getprevious()
    found: list[etree._Element] = []
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            found.append(node)
        node = node.getprevious()
    for pi in reversed(found):
        attrs = {
            m[1]: m[2] if m[2] is not None else m[3] for m in _PSEUDO_ATTR.finditer(pi.text or "")
        }
        href = attrs.get("href", "").strip()
        if href:
            kind = _kind_asked(attrs.get("schematypens", ""), attrs.get("type", ""))
            refs.append(SchemaRef(href, _local(href, document), kind, source_line(pi) or 0))
    return refs


def _kind_asked(schematypens: str, mime: str) -> SchemaKind | None:
    if mime.strip() in COMPACT_TYPES:
        return SchemaKind.RELAXNG_COMPACT
    return SCHEMATYPENS.get(schematypens.strip())


def _xsi_locations(tree: etree._ElementTree, document: Path) -> list[SchemaRef]:
    root = tree.getroot()
    line = source_line(root) or 0
    pairs = (root.get(f"{{{XSI_NS}}}schemaLocation") or "").split()
    hrefs = pairs[1::2]  # namespace, location, namespace, location ...
    lone = root.get(f"{{{XSI_NS}}}noNamespaceSchemaLocation")
    if lone:
        hrefs.append(lone.strip())
    return [SchemaRef(h, _local(h, document), SchemaKind.XSD, line) for h in hrefs]


def _local(href: str, document: Path) -> Path | None:
    """The file `href` names, relative to the document's folder; None for a URL."""
    parsed = urlparse(href)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # http:, https:, urn: ... (not C:)
        return None
    return (document.parent / unquote(href)).resolve()
