"""Dates in running text: each rule with its near misses (tests/fixtures/recognition/
dates.cases), the dates of the five samples as read by hand, and a check that every
value the pipeline writes is a valid ISO date saying what the words say, on the samples
and on a spread of the presidential speeches.
"""

from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_pipeline.pipeline import convert_file
from tei_pipeline.transforms import dates, dates_words
from tei_pipeline.transforms.dates import parse_date, tag_dates
from tests.conftest import CORPORA, REPO, tree_of, xp
from tests.unit.test_names import canonical, cases_of, paragraph

SOURCES = REPO / "sources"
WRITTEN = re.compile(r"\(written (\d{4}-\d\d-\d\d)\)")


@pytest.mark.parametrize(("source", "expected"), cases_of("dates"))
def test_case(source: str, expected: str, request) -> None:
    found = WRITTEN.search(request.node.callspec.id)
    element = paragraph(source)
    before = "".join(element.itertext())
    tag_dates(element, found.group(1) if found else None)
    assert canonical(element) == canonical(paragraph(expected))
    assert "".join(element.itertext()) == before


def test_parse_date_keeps_its_behaviour():
    assert parse_date("the 1st of November, 1948").when == "1948-11-01"  # type: ignore[union-attr]
    assert parse_date("17th of October") is None


# -- every value is a valid ISO date that says what the words say -----------------------

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9


def valid_iso(value: str) -> bool:
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    if len(value) not in formats:
        return False
    try:
        datetime.datetime.strptime(value, formats[len(value)])
    except ValueError:
        return False
    return True


def says_what_the_words_say(date: etree._Element) -> bool:
    """The year, month and day of @when (or @from and @to) are in the words, unless
    the year came from the document (cert="medium") or the span is a decade/century."""
    words = " ".join("".join(date.itertext()).split())
    values = [date.get(a) for a in ("when", "from", "to") if date.get(a)]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", words):
        return values == [words]
    for value in values:
        if date.get("cert") != "medium" and value[:4] not in words:
            return False
        if len(value) >= 7:
            named = [
                MONTHS[m.lower().rstrip(".")]
                for m in re.findall(r"[A-Z][a-z]+\.?", words)
                if m.lower().rstrip(".") in MONTHS
            ]
            if int(value[5:7]) not in named and date.get("cert") != "medium":
                return False
        if len(value) == 10 and not re.search(rf"(?<!\d)0?{int(value[8:10])}(?!\d)", words):
            return False
    if date.get("notBefore"):
        start, end = int(date.get("notBefore")), int(date.get("notAfter"))
        decade = re.search(r"(\d{4})['’]?s", words)
        century = re.search(r"(\d{2})(?:st|nd|rd|th)", words)
        if decade and (start, end) != (int(decade.group(1)), int(decade.group(1)) + 9):
            return False
        if century and (start, end) != (
            (int(century.group(1)) - 1) * 100 + 1,
            int(century.group(1)) * 100,
        ):
            return False
    return True


def check_dates(tree: etree._ElementTree) -> list[str]:
    problems = []
    for date in xp(tree, "//tei:text//tei:date | //tei:text//tei:docDate"):
        values = [
            date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter") if date.get(a)
        ]
        if not values or not all(valid_iso(v) for v in values):
            problems.append(f"invalid: {etree.tostring(date, encoding=str)}")
        elif date.get("from") and not date.get("from") < date.get("to"):
            problems.append(f"backwards: {etree.tostring(date, encoding=str)}")
        elif not says_what_the_words_say(date):
            problems.append(f"not what it says: {etree.tostring(date, encoding=str)}")
    return problems


def test_every_date_of_the_samples_and_speeches_is_valid_and_faithful():
    texts = sorted(SOURCES.glob("*.txt"))
    speeches = sorted(p for p in (CORPORA / "presidential-speeches").glob("*.txt"))
    texts += speeches[::50]
    problems: list[str] = []
    for path in texts:
        tree = tree_of(convert_file(path, path.name))
        problems += [f"{path.name}: {p}" for p in check_dates(tree)]
    assert problems == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 2999).map(str),
            st.sampled_from(
                [
                    "in",
                    "the",
                    "of",
                    "from",
                    "to",
                    "since",
                    "on",
                    "(",
                    ")",
                    ",",
                    "'s",
                    "th",
                    "st",
                    "century",
                    "May",
                    "Feb.",
                    "October",
                    "June",
                    "1980's",
                    "21st",
                    "No.",
                    "Vol.",
                    "'",
                    "years",
                    "-",
                    "–",
                    "between",
                    "and",
                ]
            ),
        ),
        max_size=12,
    )
)
def test_any_words_give_only_valid_dates(words):
    element = paragraph(" ".join(words))
    tag_dates(element, "2022-02-26")
    inner = etree.tostring(element, encoding=str)
    tree = etree.ElementTree(
        etree.fromstring(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>{inner}</text></TEI>')
    )
    assert check_dates(tree) == []


# -- the five samples, read by hand ------------------------------------------------------

# (words, attributes) of every date in the text element, in document order.
EXPECTED = {
    "workers-vanguard-2018-october-revolution": [
        ("16 November 2018", {"when": "2018-11-16"}),
        ("1917", {"when": "1917"}),
        ("1917", {"when": "1917"}),
        ("8 November 1918", {"when": "1918-11-08"}),
    ],
    "chinese-socialists-2022-no-to-imperialist-invasion": [
        ("Feb. 24", {"when": "2022-02-24", "cert": "medium"}),
        ("24th", {"when": "2022-02-24", "cert": "medium"}),
        ("22nd", {"when": "2022-02-22", "cert": "medium"}),
        ("Feb. 26, 2022", {"when": "2022-02-26"}),
    ],
    "mao-1948-revolutionary-forces-unite": [
        ("1965", {"when": "1965"}),
        ("2023", {"when": "2023"}),
        ("17th of October, 1948", {"when": "1948-10-17"}),
        ("1st of November, 1948", {"when": "1948-11-01"}),
        ("17th of October, 1948", {"when": "1948-10-17"}),
        ("1918", {"when": "1918"}),
        ("Before the 6th of November, 1918", {"notAfter": "1918-11-05"}),  # latest day
        ("from July 1946 to June 1948", {"from": "1946-07", "to": "1948-06"}),
        ("July 1948", {"when": "1948-07"}),
        ("1945", {"when": "1945"}),
    ],
    "stalin-1924-october-revolution-world-revolution": [
        ("1924", {"when": "1924"}),
        ("December 17, 1924", {"when": "1924-12-17"}),
    ],
    "anonymous-undated-proletarian-internationalism": [
        ("21st Century", {"notBefore": "2001", "notAfter": "2100"}),
        ("21st Century", {"notBefore": "2001", "notAfter": "2100"}),
        ("from 1864 to 1876", {"from": "1864", "to": "1876"}),
        ("1889", {"when": "1889"}),
        ("1919", {"when": "1919"}),
        ("1943", {"when": "1943"}),
        ("1956", {"when": "1956"}),
        ("21st century", {"notBefore": "2001", "notAfter": "2100"}),
        ("20th Century", {"notBefore": "1901", "notAfter": "2000"}),
        ("1969", {"when": "1969"}),
        ("1985", {"when": "1985"}),
        ("1980's", {"notBefore": "1980", "notAfter": "1989"}),
        ("1930's", {"notBefore": "1930", "notAfter": "1939"}),
        ("1969", {"when": "1969"}),
        ("June 2003", {"when": "2003-06"}),
    ],
}
# Read in the texts and rightly not dates.
NOT_DATES = {
    "workers-vanguard-2018-october-revolution": ["1144"],
    "mao-1948-revolutionary-forces-unite": ["31", "100", "586", "2'009", "4", "10", "21"],
    "anonymous-undated-proletarian-internationalism": ["230:997", "230", "997", "70", "7%"],
}


def dates_of(stem: str) -> list[tuple[str, dict[str, str]]]:
    tree = tree_of(convert_file(SOURCES / f"{stem}.txt", f"sources/{stem}.txt"))
    datable = ("when", "from", "to", "notBefore", "notAfter", "cert")
    return [
        (
            " ".join("".join(d.itertext()).split()),
            {k: v for k, v in d.attrib.items() if k in datable},
        )
        for d in xp(tree, "//tei:text//*[self::tei:date or self::tei:docDate]")
    ]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_sample_dates(stem: str) -> None:
    found = dates_of(stem)
    assert found == EXPECTED[stem]
    assert not {words for words, _ in found} & set(NOT_DATES.get(stem, []))


def test_reader_dates_still_normalised():
    """The dates the reader made (docDate, dateline, bibl/date) keep their @when."""
    path = Path(SOURCES / "stalin-1924-october-revolution-world-revolution.txt")
    tree = tree_of(convert_file(path, path.name))
    assert xp(tree, "string(//tei:closer/tei:dateline/tei:date/@when)") == "1924-12-17"


# -- the clues: a form is tried only on a text holding its clue ---------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 2999).map(str),
            st.sampled_from(
                [
                    "in",
                    "the",
                    "of",
                    "from",
                    "to",
                    "on",
                    "(",
                    ")",
                    ",",
                    "'s",
                    "th",
                    "d",
                    "century",
                    "Century",
                    "twentieth",
                    "Twenty-first",
                    "May",
                    "OCT.",
                    "l862",
                    "ninth",
                    "day",
                    "year",
                    "our",
                    "Lord",
                    "one",
                    "thousand",
                    "seven",
                    "hundred",
                    "and",
                    "ninety-one",
                    "1980's",
                    "21st",
                    "before",
                    "-",
                    "between",
                    "Feb.",
                    "October",
                    "JUNE",
                    "Sept.",
                    "Sep",
                    "march",
                    "DEC.",
                ]
            ),
        ),
        max_size=14,
    )
)
def test_no_form_matches_a_text_without_its_clue(words):
    # the speed-up skips a form when its clue is absent: that must never lose a date
    text = " ".join(words)
    for form in dates.FORMS_INLINE:
        if form.pattern.search(text):
            assert all(clue.search(text) for clue in form.clues), (form.name, text)
    if any(pattern.search(text) for pattern in dates_words.FORMS):
        assert all(clue.search(text) for clue in dates_words.CLUES), text
    # and a run is skipped whole only where no form of either kind can match
    if any(f.pattern.search(text) for f in dates.FORMS_INLINE) or any(
        pattern.search(text) for pattern in dates_words.FORMS
    ):
        assert dates._ANY_CLUE is None or dates._ANY_CLUE.search(text), text
