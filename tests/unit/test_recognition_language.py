"""The language of a text nobody stated is detected before the recogniser runs
(recognition/language.py, transforms/recognised_names.py): a text in another
language than the default is not run through the English model (p-102); a stated
language is trusted; English, or too little text to tell, keeps the default."""

from __future__ import annotations

import pytest

from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.pipeline import convert_text
from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tei_pipeline.recognition.language import LanguageDetector
from tei_pipeline.transforms.base import Context
from tests.conftest import tree_of, xp
from tests.unit.test_diagnostic_codes import RUSSIAN

ENGLISH = (
    "A Visit\n\nThe delegation of Margaret Oyelaran reached Nairobi in the spring and stayed"
    " for a week. Oyelaran wrote to Senator Hartwell from Springfield about the roads, the"
    " schools and the hospitals they had seen, and about the people who had welcomed them.\n"
)


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser(cache=FindingsCache(None))


def codes_and_guesses(text: str, recogniser: Recogniser, sidecar: Sidecar) -> tuple[list[str], int]:
    ctx = Context(shown_as="case.txt", sidecar=sidecar, source_bytes=text.encode(),
                  source_text=text, doc_id="case",
                  skip_transforms=frozenset({"names", "header-names"}),
                  services=Services(recogniser=recogniser))
    conversion = convert_text(text, ctx)
    guessed = xp(tree_of(conversion), "//*[@resp='#recogniser']")
    return [d.code for d in conversion.reporter.diagnostics], len(guessed)


def test_a_russian_text_with_no_language_stated_gets_no_english_guesses(
    recogniser: Recogniser,
) -> None:
    codes, guessed = codes_and_guesses(RUSSIAN, recogniser, Sidecar())
    assert codes.count("p-102") == 1 and "p-101" not in codes and guessed == 0


def test_a_stated_language_is_trusted(recogniser: Recogniser) -> None:
    codes, guessed = codes_and_guesses(RUSSIAN, recogniser, Sidecar(language="ru"))
    assert codes.count("p-101") == 1 and "p-102" not in codes and guessed == 0
    # near miss: stated as English, the English model runs, whatever the words
    codes, _ = codes_and_guesses(RUSSIAN, recogniser, Sidecar(language="en"))
    assert "p-101" not in codes and "p-102" not in codes


def test_near_miss_an_english_text_with_no_language_stated_is_recognised(
    recogniser: Recogniser,
) -> None:
    codes, guessed = codes_and_guesses(ENGLISH, recogniser, Sidecar())
    assert "p-102" not in codes and guessed >= 3


def test_too_little_text_to_tell_keeps_the_default() -> None:
    detector = LanguageDetector()
    assert detector.detect(["Письмо другу"]) is None
    assert detector.detect([RUSSIAN]) == "ru"
