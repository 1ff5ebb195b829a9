"""Remove the pipeline's internal attributes (tp:*) and namespace before
validation and output; --keep-positions skips this step for debugging."""

from __future__ import annotations

from lxml import etree

from ..tei.ns import TP_NS


def strip_internal(doc: etree._ElementTree) -> None:
    prefix = f"{{{TP_NS}}}"
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name in [n for n in element.attrib if isinstance(n, str) and n.startswith(prefix)]:
            del element.attrib[name]
    etree.cleanup_namespaces(doc)
