"""Property tests: any text put together from plain-text conventions (and
noise) converts without an exception, loses no word, gives well-formed TEI,
and gives the same bytes twice."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import convert_string

WORD = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
    min_size=1,
    max_size=9,
)
SENTENCE = st.lists(WORD, min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
PUNCT = st.sampled_from(["", ".", ":", "!", "?", ",", "—", "”", '"'])
LINE = st.one_of(
    SENTENCE,
    st.lists(WORD, min_size=1, max_size=5).map(" ".join),
    st.tuples(st.sampled_from(["• ", "- ", "* ", "1. ", "2) ", "#", "  ", "— "]), SENTENCE).map(
        "".join
    ),
    st.tuples(SENTENCE, st.sampled_from(["1", "[1]", "²", ""]), PUNCT).map("".join),
    st.sampled_from(
        [
            "- - -",
            "Photo: A thing. (Credit)",
            "December 17, 1924",
            "J. V. Roe",
            "IV. A Heading",
            "He said:",
            "“quoted” words",
            "f o r",
            "[See A Book -J. Roe]",
            "(See A Book.)",
            "\u00a0",
            "Vol. 2, No. 3",
            "1. The note.",
            "«x»",
            "\t#",
        ]
    ),
)
BLOCK = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
TEXT = st.lists(BLOCK, min_size=1, max_size=12).map(lambda bs: "\n\n".join(bs) + "\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_converts_losslessly(text):
    if not text.strip():
        return
    conversion = convert_string(text)
    assert conversion.lossless.ok, conversion.lossless.detail
    etree.fromstring(conversion.tei)  # well-formed
    assert convert_string(text).tei == conversion.tei
