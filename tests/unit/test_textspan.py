"""Wrapping spans of running text across lxml's text and tail."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_pipeline.tei.builder import make
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.tei.textspan import wrap_matches
from tei_pipeline.transforms.inline import (
    CLUES,
    LETTERSPACED,
    LETTERSPACED_CLUE,
    UNDERSCORED,
    _italic,
)


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
    assert (
        re.sub(r' \S+:len="\d+"| \S+:src="[^"]*"', "", strip(element))
        == "<p>one <hi>two</hi> <lb/><hi>two</hi> three <hi>two</hi></p>"
    )


def test_group_keeps_the_rest_of_the_match_as_text():
    element = p("say “a” and “b”")
    wrap(element, "“([^”]+)”", group=1)
    assert "".join(element.itertext()) == "say “a” and “b”"
    assert [child.text for child in element] == ["a", "b"]


def test_skipped_elements_are_not_searched():
    element = p("x <note>x</note> x")
    wrap(element, "x")
    assert element.find(f"{{{TEI_NS}}}note").text == "x"


# -- the inline transforms' clues: an element without its clue is not searched --------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab Z_*`'\"“”«»[]()See.\n-1", max_size=30))
def test_every_inline_match_holds_its_clue(text):
    # wrap_matches skips a root whose text lacks the clue (speed): no pattern may
    # match (look-behind included) in a text without it
    for pattern, clue in CLUES.items():
        if pattern.search(text):
            assert clue in text, (pattern.pattern, text)


def test_a_clue_absent_from_the_root_skips_it_and_a_present_one_does_not():
    root = etree.fromstring('<p xmlns="http://www.tei-c.org/ns/1.0">an _italic_ word</p>')
    assert wrap_matches(root, UNDERSCORED, _italic, clue="*") == 0  # a wrong clue: skipped
    assert wrap_matches(root, UNDERSCORED, _italic, clue="_") == 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abZé .,_1\n-(", max_size=24))
def test_every_letterspaced_match_holds_its_clue(text):
    # the clue is searched for in each text node: wherever LETTERSPACED matches it must
    assert not LETTERSPACED.search(text) or LETTERSPACED_CLUE.search(text), text


def test_letterspacing_at_the_end_of_a_text_node_before_a_child_is_found():
    # "s p a" ends its text node (the child's text follows): the clue sees that node alone
    root = etree.fromstring(f'<p xmlns="{TEI_NS}">the s p a<lb/>ced word</p>')
    made = wrap_matches(root, LETTERSPACED, lambda m, at: make("hi", "x"), clue=LETTERSPACED_CLUE)
    assert made == 1
