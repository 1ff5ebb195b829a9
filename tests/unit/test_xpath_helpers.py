"""The typed XPath helpers compile each path once and select what node.xpath() does."""

from __future__ import annotations

from lxml import etree

from tei_pipeline.tei.ns import TEI_NS, XPATH_NS, compiled, xpath_elements
from tei_pipeline.tei.xpath import elements, nodes, number, strings

DOC = etree.ElementTree(
    etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><text><p n="1">one</p><p n="2">two <hi>x</hi></p></text></TEI>'
    )
)


def test_the_helpers_select_what_xpath_selects() -> None:
    for path in ("//tei:p", "//tei:p[@n=$n]", "/tei:TEI/tei:text/*", "//tei:hi/.."):
        expected = DOC.xpath(path, namespaces=XPATH_NS, n="2")
        assert nodes(DOC, path, n="2") == expected
        assert elements(DOC.getroot(), path, n="2") == expected
    assert xpath_elements(DOC, "//tei:p") == DOC.xpath("//tei:p", namespaces=XPATH_NS)
    assert strings(DOC, "//tei:p/@n") == ["1", "2"]
    assert number(DOC, "count(//tei:p)") == 2.0
    assert elements(DOC, "//t:hi", {"t": TEI_NS})[0].text == "x"  # prefixes of its own
    assert nodes(None, "//tei:p") == []


def test_a_path_is_compiled_once_and_its_prefixes_are_part_of_its_key() -> None:
    assert compiled("//tei:p") is compiled("//tei:p")
    assert compiled("//t:p", (("t", TEI_NS),)) is not compiled("//t:p", (("t", "urn:other"),))
    assert compiled("//t:p", (("t", "urn:other"),))(DOC) == []
