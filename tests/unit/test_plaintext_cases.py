"""Each reader rule on small texts of our own: `.cases` files in
tests/fixtures/plaintext/, each case `title / . / input / . / expected text / .`.

The expected value is the whole TEI `text` element's content (front, body,
back), written by hand from the rule in ENCODING.md. Run with --update-golden
is NOT offered here: these expectations are meant to be read and written by
a person.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RECOGNITION, convert_string, fragment, normalise, tree_of, xp
from tests.support.cases import read_cases

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plaintext"


def all_cases() -> list:
    params = []
    for path in sorted(FIXTURES.glob("*.cases")):
        for title, line, source, expected in read_cases(path):
            params.append(pytest.param(source + "\n", expected, id=f"{path.stem}:{line}:{title}"))
    return params


@pytest.mark.parametrize(("source", "expected"), all_cases())
def test_case(source: str, expected: str) -> None:
    conversion = convert_string(source, skip=RECOGNITION)
    text = xp(tree_of(conversion), "/tei:TEI/tei:text")[0]
    assert normalise(text) == normalise(fragment(expected))
    assert conversion.lossless.ok, conversion.lossless.detail
