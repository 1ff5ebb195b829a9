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


# The check reads the source a chunk at a time (bounded memory); a chunk of a
# few letters puts every boundary inside a word, where a difference may fall.
TEXT = "A Title\n\nAlpha beta gamma.\n\nDelta epsilon zeta eta.\n"


def _cut(monkeypatch, size):
    monkeypatch.setattr(lossless, "CHUNK", size)


def test_chunked_passes_as_whole(monkeypatch):
    doc = tree(convert_string(TEXT))
    for size in (1, 2, 3, 7, 1 << 20):
        _cut(monkeypatch, size)
        result = lossless.check(TEXT, doc, "x.txt")
        assert result.ok and result.source_chars == len(lossless.keep(TEXT))


def test_chunked_finds_the_first_difference_and_its_place(monkeypatch):
    doc = tree(convert_string(TEXT))
    p = xp(doc, "//tei:body/tei:p")[1]
    p.text = p.text.replace("zeta", "theta")
    for size in (1, 3, 5, 1 << 20):
        _cut(monkeypatch, size)
        result = lossless.check(TEXT, doc, "x.txt")
        assert not result.ok
        where = result.first_difference
        assert (where.line, where.column) == (5, 15), size  # the "z" of "zeta"
        assert "...etagammaDeltaepsilonzetaeta..." in result.detail
        assert "...etagammaDeltaepsilonthetaeta..." in result.detail


def test_a_source_longer_than_its_tei_fails_at_the_first_missing_letter(monkeypatch):
    doc = tree(convert_string(TEXT))
    _cut(monkeypatch, 4)
    result = lossless.check(TEXT + "\nOmega.\n", doc, "x.txt")
    assert not result.ok and result.first_difference.line == 7
    assert result.source_chars == result.tei_chars + len("Omega")


def test_a_tei_longer_than_its_source_fails_where_the_source_ends(monkeypatch):
    doc = tree(convert_string(TEXT + "\nOmega.\n"))
    _cut(monkeypatch, 4)
    result = lossless.check(TEXT, doc, "x.txt")
    assert not result.ok and result.tei_chars == result.source_chars + len("Omega")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aZ9_ \n.-’é²³⁴ß\u00a0ﬁ٣", max_size=6), max_size=8))
def test_keep_of_the_joined_strings_is_the_join_of_their_keeps(parts):
    # tei_reading keeps letters and digits once, over the joined strings (speed):
    # right only if keep() judges each character alone
    assert lossless.keep("".join(parts)) == "".join(lossless.keep(p) for p in parts)


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=()), max_size=40)
    | st.text(alphabet="ab Z_9.,’—é²⁹\u00a0ﬁ٣\n\ud800", max_size=40)
)
def test_keep_is_the_letters_and_digits(text):
    # keep() drops ASCII by bytes.translate (speed); it must equal the plain rule
    expected = lossless.NOT_ALNUM.sub("", text.translate(lossless.SUPERSCRIPT_DIGITS))
    assert lossless.keep(text) == expected
