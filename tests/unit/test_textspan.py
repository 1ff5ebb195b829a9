"""Wrapping spans of running text across lxml's text and tail."""

import re

from lxml import etree

from tei_pipeline.tei.builder import make
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.tei.textspan import wrap_matches


def p(xml):
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def strip(element):
    namespaces = r' xmlns(:\w+)?="[^"]+"| \{[^}]+\}\w+="[^"]*"'
    return re.sub(namespaces, "", etree.tostring(element).decode())


def wrap(element, pattern, group=0):
    return wrap_matches(
        element, re.compile(pattern), lambda m, at: make("hi", m.group(group)), group=group
    )


def test_matches_in_text_and_tails():
    element = p("one two <lb/>two three two")
    assert wrap(element, "two") == 3
    assert re.sub(r' \S+:len="\d+"| \S+:src="[^"]*"', "", strip(element)) == \
        "<p>one <hi>two</hi> <lb/><hi>two</hi> three <hi>two</hi></p>"


def test_group_keeps_the_rest_of_the_match_as_text():
    element = p("say “a” and “b”")
    wrap(element, "“([^”]+)”", group=1)
    assert "".join(element.itertext()) == "say “a” and “b”"
    assert [child.text for child in element] == ["a", "b"]


def test_skipped_elements_are_not_searched():
    element = p('x <note>x</note> x')
    wrap(element, "x")
    assert element.find(f"{{{TEI_NS}}}note").text == "x"
