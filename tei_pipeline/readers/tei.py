"""The TEI reader: a TEI P5 file (ours or another project's) -> the tree.

lxml's parser records `sourceline` on every element, which is the position
diagnostics use for TEI input. The parser never reads the network or expands
external entities (files from elsewhere are untrusted)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, Location
from ..errors import PipelineError
from ..tei.ns import TEI_NS
from ..tei.positions import source_line

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def read_tei(path: Path, shown_as: str) -> etree._ElementTree:
    """Parse a TEI file; one-line error (file:line:column) if it is not well-formed TEI."""
    try:
        tree = etree.parse(str(path), PARSER)
    except OSError as exc:
        raise PipelineError(
            Diagnostic("r-004", Location(shown_as), f"cannot read the file ({exc})")
        ) from None
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        message = str(exc.msg).split(", line ")[0]
        raise PipelineError(
            Diagnostic(
                "r-005", Location(shown_as, line, column + 1), f"not well-formed XML: {message}"
            )
        ) from None
    root = tree.getroot()
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise PipelineError(
            Diagnostic(
                "r-006",
                Location(shown_as, source_line(root) or 1, 1),
                f"the root element is <{etree.QName(root).localname}>, not TEI",
            )
        )
    return tree
