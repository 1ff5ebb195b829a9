"""Remove the pipeline's internal attributes (tp:*) and namespace before
validation and output; --keep-positions skips this step for debugging."""

from __future__ import annotations

from lxml import etree

from ..tei.ns import TP_NS


def strip_internal(doc: etree._ElementTree) -> None:
    # lxml's own walk, in C, with a namespace wildcard: every tp: attribute goes
    etree.strip_attributes(doc, f"{{{TP_NS}}}*")
    etree.cleanup_namespaces(doc)
