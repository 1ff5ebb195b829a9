"""The model's lexicon read from its package (recognition/lexicon.py): the table
keys are spaCy's string hashes, and the plural and adjective tests on words of
our own choosing."""

from __future__ import annotations

import pytest

from tei_pipeline.recognition.lexicon import ADJ, EMPTY, NOUN, load_lexicon
from tei_pipeline.recognition.model import MODELS


def test_table_keys_are_spacys_hashes() -> None:
    from spacy.strings import hash_string

    assert (NOUN, ADJ) == (hash_string("noun"), hash_string("adj"))


@pytest.fixture(scope="module")
def lexicon():  # type: ignore[no-untyped-def]
    found = load_lexicon(MODELS["en"])
    assert found is not EMPTY and len(found.nouns) > 10_000
    return found


@pytest.mark.parametrize(
    ("word", "plural"),
    [("Hells", True), ("Congresses", True), ("Hell", False), ("Wales", False), ("Athens", False)],
)
def test_plural_of_a_listed_noun_not_itself_listed(lexicon, word: str, plural: bool) -> None:  # type: ignore[no-untyped-def]
    assert lexicon.is_plural(word) is plural


@pytest.mark.parametrize(("word", "only"), [("Eastern", True), ("Negro", False), ("Swift", False)])
def test_adjective_only(lexicon, word: str, only: bool) -> None:  # type: ignore[no-untyped-def]
    assert lexicon.is_adjective_only(word) is only


def test_a_package_without_tables_gives_the_empty_lexicon() -> None:
    assert load_lexicon("json") is EMPTY and not EMPTY.is_plural("Hells")
