"""Date normalisation: the forms real texts use, and strings that are not dates."""

import pytest

from tei_pipeline.transforms.dates import parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("17th of October, 1948", "1948-10-17"),
        ("the 1st of November, 1948", "1948-11-01"),
        ("December 17, 1924", "1924-12-17"),
        ("Feb. 26, 2022", "2022-02-26"),
        ("Sept 3 1939", "1939-09-03"),
        ("16 November 2018", "2018-11-16"),
        ("8 November 1918", "1918-11-08"),
        ("July 1946", "1946-07"),
        ("1924", "1924"),
        ("2018-11-16", "2018-11-16"),
        ("29 February 2000", "2000-02-29"),
    ],
)
def test_dates(text, iso):
    value = parse_date(text)
    assert value is not None and value.when == iso


@pytest.mark.parametrize(
    "text",
    [
        "30 February 2022",  # no such day
        "29 February 1900",  # not a leap year
        "Smarch 3, 1999",  # no such month
        "page 12",
        "4'300'000",
        "12",  # a number, not a year
        "9999",  # out of range
        "17th of October",  # no year: never guessed here
    ],
)
def test_not_dates(text):
    assert parse_date(text) is None
