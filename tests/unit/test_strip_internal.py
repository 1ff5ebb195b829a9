"""strip_internal removes every tp: attribute and the tp namespace, and nothing else."""

from __future__ import annotations

from lxml import etree

from tei_pipeline.tei.ns import TEI_NS, TP_NS
from tei_pipeline.transforms.strip_internal import strip_internal


def test_every_internal_attribute_goes_and_the_others_stay_in_order() -> None:
    doc = etree.ElementTree(
        etree.fromstring(
            f'<TEI xmlns="{TEI_NS}" xmlns:tp="{TP_NS}" tp:src="a:1:1"><text><p n="1" tp:src="a:2:1"'
            f' rend="x" tp:len="3">one <hi tp:len="2" rend="i">tw</hi><!-- c --> <lb/>three</p>'
            f'<p xml:id="p2" tp:other="y">four</p></text></TEI>'
        )
    )
    strip_internal(doc)
    assert etree.tostring(doc, encoding=str) == (
        f'<TEI xmlns="{TEI_NS}"><text><p n="1" rend="x">one <hi rend="i">tw</hi><!-- c --> '
        '<lb/>three</p><p xml:id="p2">four</p></text></TEI>'
    )


def test_a_tree_without_internal_attributes_is_unchanged() -> None:
    source = f'<TEI xmlns="{TEI_NS}"><text><p n="1">one</p></text></TEI>'
    doc = etree.ElementTree(etree.fromstring(source))
    strip_internal(doc)
    assert etree.tostring(doc, encoding=str) == source
