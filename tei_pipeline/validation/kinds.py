"""Validation, schema kinds: which language a schema file is written in.

The kind comes from the file's content: the namespace of its root element
(RELAX NG, XSD, ISO Schematron), or, for a file that is not XML at all, the
.rnc extension of RELAX NG compact syntax. A file name alone never decides it:
an .xml file may hold any of them, and an .rng file may hold no schema.
"""

from __future__ import annotations

import enum
from pathlib import Path

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
# Schematron 1.5, the pre-ISO namespace, still found in older projects.
SCH15_NS = "http://www.ascc.net/xml/schematron"


class SchemaKind(enum.Enum):
    """A schema language; the value is how messages name it."""

    RELAXNG = "RELAX NG"
    RELAXNG_COMPACT = "RELAX NG compact"
    XSD = "XML Schema"
    SCHEMATRON = "ISO Schematron"


ROOT_KINDS = {
    f"{{{RNG_NS}}}grammar": SchemaKind.RELAXNG,
    f"{{{RNG_NS}}}element": SchemaKind.RELAXNG,
    f"{{{XSD_NS}}}schema": SchemaKind.XSD,
    f"{{{SCH_NS}}}schema": SchemaKind.SCHEMATRON,
    f"{{{SCH15_NS}}}schema": SchemaKind.SCHEMATRON,
}
# xml-model @schematypens values (ISO/IEC 19757-11 and the W3C note on xml-model).
SCHEMATYPENS = {
    RNG_NS: SchemaKind.RELAXNG,
    XSD_NS: SchemaKind.XSD,
    SCH_NS: SchemaKind.SCHEMATRON,
    SCH15_NS: SchemaKind.SCHEMATRON,
}
# xml-model @type values that name compact syntax without a schematypens.
COMPACT_TYPES = {"application/relax-ng-compact-syntax", "application/x-rnc"}


class NotASchema(ValueError):
    """The file is no schema this tool can run; the message says why, in plain words."""


def kind_of(path: Path, wanted: SchemaKind | None = None) -> SchemaKind:
    """The kind of the schema in `path`.

    wanted: the kind an xml-model PI asks for. A RELAX NG file asked for as
    Schematron means its embedded Schematron rules (as TEI ODDs make them).
    """
    try:
        head = path.read_bytes()
    except OSError as error:
        raise NotASchema(f"cannot read the schema {path} ({error.strerror})") from error
    if not head.lstrip().startswith(b"<"):
        if path.suffix == ".rnc":
            return SchemaKind.RELAXNG_COMPACT
        raise NotASchema(f"{path} is neither XML nor RELAX NG compact syntax (.rnc)")
    root = _root_tag(path)
    kind = ROOT_KINDS.get(root)
    if kind is None:
        raise NotASchema(
            f"{path} is not a schema: its root element is {root}, not a RELAX NG "
            "grammar, an XML Schema or an ISO Schematron schema"
        )
    if wanted is SchemaKind.SCHEMATRON and kind is SchemaKind.RELAXNG:
        return SchemaKind.SCHEMATRON  # the rules embedded in an ODD-made RELAX NG schema
    return kind


def _root_tag(path: Path) -> str:
    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        ):
            return str(element.tag)
    except etree.XMLSyntaxError as error:
        raise NotASchema(f"{path} is not well-formed XML: {error}") from error
    raise NotASchema(f"{path} holds no XML")
