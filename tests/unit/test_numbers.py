"""Numbers and measures: each rule with its near misses (tests/fixtures/recognition/
numbers.cases) and the numbers of the five samples as read by hand."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tei_pipeline.pipeline import convert_file
from tei_pipeline.transforms import numbers
from tei_pipeline.transforms.dates import tag_dates
from tei_pipeline.transforms.numbers import number_value, plain, tag_numbers
from tests.conftest import REPO, tree_of, xp
from tests.unit.test_names import canonical, cases_of, paragraph

SOURCES = REPO / "sources"


@pytest.mark.parametrize(("source", "expected"), cases_of("numbers"))
def test_case(source: str, expected: str) -> None:
    element = paragraph(source)
    before = "".join(element.itertext())
    tag_dates(element)
    tag_numbers(element)
    assert canonical(element) == canonical(paragraph(expected))
    assert "".join(element.itertext()) == before


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("4'300'000", "4300000"),
        ("2,009", "2009"),
        ("24,5", "24.5"),
        ("9,600,000", "9600000"),
        ("12.40", "12.4"),
        ("7", "7"),
        ("0.5", "0.5"),
    ],
)
def test_values_are_plain_decimals(written, value):
    number = number_value(written)
    assert number is not None and plain(number) == value


def test_plain_never_writes_an_exponent():
    assert plain(Decimal("6E+8")) == "600000000"


# -- the five samples, read by hand -----------------------------------------------------

# (element, words, value attributes) of every number and measure in the text, in order.
EXPECTED = {
    "workers-vanguard-2018-october-revolution": [("num", "1144", {"value": "1144"})],
    "chinese-socialists-2022-no-to-imperialist-invasion": [],
    "stalin-1924-october-revolution-world-revolution": [],
    "mao-1948-revolutionary-forces-unite": [
        ("num", "4", {"value": "4"}),
        ("num", "10", {"value": "10"}),
        ("num", "1", {"value": "1"}),
        ("num", "21", {"value": "21"}),
        ("num", "31", {"value": "31"}),
        ("num", "100", {"value": "100"}),
        ("num", "4'300'000", {"value": "4300000"}),
        ("num", "2'640'000", {"value": "2640000"}),
        ("measure", "2'350'000 square kilometres", {"quantity": "2350000", "unit": "km2"}),
        ("num", "24,5%", {"type": "percentage", "value": "24.5"}),
        ("measure", "9'597'000 square kilometres", {"quantity": "9597000", "unit": "km2"}),
        ("num", "168'000'000", {"value": "168000000"}),
        ("num", "35,3%", {"type": "percentage", "value": "35.3"}),
        ("num", "475'000'000", {"value": "475000000"}),
        ("num", "586", {"value": "586"}),
        ("num", "29%", {"type": "percentage", "value": "29"}),
        ("num", "2'009", {"value": "2009"}),
        ("num", "100'000'000", {"value": "100000000"}),
        ("num", "1'210'000", {"value": "1210000"}),
        ("num", "3'000'000", {"value": "3000000"}),
    ],
    "anonymous-undated-proletarian-internationalism": [
        ("measure", "9,600,000 square kilometers", {"quantity": "9600000", "unit": "km2"}),
        ("num", "600 million", {"value": "600000000"}),
        ("num", "70", {"value": "70"}),
        ("num", "7%", {"type": "percentage", "value": "7"}),
    ],
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_sample_numbers(stem: str) -> None:
    tree = tree_of(convert_file(SOURCES / f"{stem}.txt", f"sources/{stem}.txt"))
    found = [
        (n.tag.rsplit("}", 1)[1], " ".join("".join(n.itertext()).split()), dict(n.attrib))
        for n in xp(tree, "//tei:text//*[self::tei:num or self::tei:measure]")
    ]
    assert found == EXPECTED[stem]


def test_outside_english_a_comma_before_three_digits_is_left_alone():
    element = paragraph("2,009 Städte und 24,5% und 4'300'000")
    tag_numbers(element, "de")
    assert [n.get("value") for n in element] == ["24.5", "4300000"]


class CountingPattern:
    """A compiled pattern that adds up how many characters its searches may scan."""

    def __init__(self, pattern: re.Pattern[str], seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        self.seen.append(end - pos)
        return self.pattern.search(text, pos, end)


@pytest.mark.parametrize("count", [200, 800])
def test_the_checks_before_a_number_look_back_a_bounded_way(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paragraph of many numbers ("and (3) a point ...") once searched the whole
    text before every number: quadratic. The characters scanned per number are
    now bounded, whatever the paragraph's length."""
    seen: list[int] = []
    for name in ("MONTH_BEFORE", "LINE_START", "OPENING", "NUMBER_LABEL"):
        monkeypatch.setattr(numbers, name, CountingPattern(getattr(numbers, name), seen))
    text = "".join(f"and ({i % 9 + 1}) a point of {20000 + i} men " for i in range(count))
    root = paragraph(text)
    tag_numbers(root)
    assert len(root.findall(".//{http://www.tei-c.org/ns/1.0}num")) == count  # "20000 men"
    assert seen and max(seen) <= numbers.LOOKBACK


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="12,.$%£ \u00a0'’-kmAthousandpercent\nSt", max_size=30))
def test_number_matches_only_where_there_is_a_digit(text):
    # tag_numbers skips a run with no digit (the speed-up): NUMBER must need one
    if numbers.NUMBER.search(text):
        assert numbers.DIGIT.search(text)
