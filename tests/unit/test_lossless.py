"""The lossless check fails when a word is lost, invented or moved."""

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_pipeline.checks import lossless
from tests.conftest import convert_string, xp

SOURCE = "A Title\n\nFirst words here.1 More words.\n\n1. The note.\n"


def tree(conversion):
    return etree.ElementTree(etree.fromstring(conversion.tei))


def test_passes_with_note_moved_to_its_marker():
    conversion = convert_string(SOURCE)
    assert conversion.lossless.ok
    assert xp(tree(conversion), "count(//tei:note[@place='foot'])") == 1


def test_fails_on_a_lost_word():
    doc = tree(convert_string(SOURCE))
    p = xp(doc, "//tei:body/tei:p")[0]
    p.text = p.text.replace("words", "")
    result = lossless.check(SOURCE, doc, "case.txt")
    assert not result.ok
    assert result.first_difference.line == 3  # "First words here." is on line 3


def test_fails_on_reordered_words():
    doc = tree(convert_string("Alpha beta.\n\nGamma delta.\n"))
    body = xp(doc, "//tei:body")[0]
    body.insert(0, body[-1])
    assert not lossless.check("Alpha beta.\n\nGamma delta.\n", doc, "x.txt").ok


def test_fails_on_an_invented_word():
    doc = tree(convert_string("Alpha beta.\n"))
    xp(doc, "//tei:body/tei:p")[0].text += " gamma"
    assert not lossless.check("Alpha beta.\n", doc, "x.txt").ok


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aZ9_ \n.-’é²³⁴ß\u00a0ﬁ٣", max_size=6), max_size=8))
def test_keep_of_the_joined_strings_is_the_join_of_their_keeps(parts):
    # tei_reading keeps letters and digits once, over the joined strings (speed):
    # right only if keep() judges each character alone
    assert lossless.keep("".join(parts)) == "".join(lossless.keep(p) for p in parts)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=40)
       | st.text(alphabet="ab Z_9.,’—é²⁹\u00a0ﬁ٣\n\ud800", max_size=40))
def test_keep_is_the_letters_and_digits(text):
    # keep() drops ASCII by bytes.translate (speed); it must equal the plain rule
    expected = lossless.NOT_ALNUM.sub("", text.translate(lossless.SUPERSCRIPT_DIGITS))
    assert lossless.keep(text) == expected
