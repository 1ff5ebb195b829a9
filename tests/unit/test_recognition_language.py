"""The language of a text nobody stated is detected before the recogniser runs
(recognition/language.py, transforms/language.py): a text in another
language than the default is not run through the English model (p-102); a stated
language is trusted; English, or too little text to tell, keeps the default.
A detected language is the document's xml:lang and the header says it is a
machine's reading (langUsage/language @cert @resp, a respStmt naming py3langid);
the HTML lang and the EPUB dc:language follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.pipeline import Conversion, convert_text
from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tei_pipeline.recognition.language import LanguageDetector, version
from tei_pipeline.tei.ns import XML_LANG
from tei_pipeline.transforms.base import Context
from tei_pipeline.writers.epub.metadata import languages
from tei_pipeline.writers.html import page_lang
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


def converted(text: str, recogniser: Recogniser | None, sidecar: Sidecar) -> Conversion:
    ctx = Context(
        shown_as="case.txt",
        sidecar=sidecar,
        source_bytes=text.encode(),
        source_text=text,
        doc_id="case",
        skip_transforms=frozenset({"names", "header-names"}),
        services=Services(recogniser=recogniser, detector=LanguageDetector()),
    )
    return convert_text(text, ctx)


def codes_and_guesses(text: str, recogniser: Recogniser, sidecar: Sidecar) -> tuple[list[str], int]:
    conversion = converted(text, recogniser, sidecar)
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


FRENCH = (
    "Une lettre\n\nChaque habitant de notre ville a le droit de choisir librement où il"
    " veut vivre et travailler. Le conseil municipal se réunit chaque semaine, discute des"
    " routes, des écoles et des hôpitaux, puis écrit un court rapport pour tous ceux qui"
    " veulent savoir ce qui a été décidé. Nous lisons ce rapport le soir.\n"
)
GERMAN = (
    "Ein Brief\n\nJeder Einwohner unserer Stadt hat das Recht, frei zu wählen, wo er"
    " wohnen und arbeiten will. Der Stadtrat trifft sich jede Woche, spricht über die"
    " Straßen, die Schulen und die Krankenhäuser und schreibt danach einen kurzen Bericht"
    " für alle, die wissen wollen, was beschlossen wurde. Wir lesen ihn am Abend.\n"
)
# Mostly English, with a French quotation: still an English text.
QUOTING = ENGLISH.replace(
    "welcomed them.", "welcomed them. Her host said: « Nous sommes heureux de vous voir. »"
)


def language_of(tree: etree._ElementTree) -> tuple[str | None, list, list]:
    """The root's xml:lang, langUsage/language as (ident, cert, resp), the respStmt ids."""
    usage = [
        (e.get("ident"), e.get("cert"), e.get("resp"))
        for e in xp(tree, "//tei:langUsage/tei:language")
    ]
    return tree.getroot().get(XML_LANG), usage, xp(tree, "//tei:titleStmt/tei:respStmt/@xml:id")


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [(RUSSIAN, "ru", "Russian"), (FRENCH, "fr", "French"), (GERMAN, "de", "German")],
)
def test_a_detected_language_is_the_documents_and_the_header_says_a_machine_read_it(
    text: str,
    code: str,
    name: str,
    recogniser: Recogniser,
) -> None:
    tree = tree_of(converted(text, recogniser, Sidecar()))
    lang, usage, resp_ids = language_of(tree)
    assert lang == code and usage == [(code, "high", "#language-detection")]
    assert xp(tree, "string(//tei:langUsage/tei:language)") == name
    assert "language-detection" in resp_ids and "recogniser" not in resp_ids
    named = xp(tree, "string(//tei:respStmt[@xml:id='language-detection']/tei:name)")
    assert named == f"py3langid {version()}"
    # the editions follow the TEI: the HTML page's lang, the EPUB's dc:language
    assert page_lang(tree.getroot()) == code and languages(tree.getroot()) == [code]


def test_near_miss_english_with_a_foreign_quotation_stays_english(
    recogniser: Recogniser,
) -> None:
    lang, usage, resp_ids = language_of(tree_of(converted(QUOTING, recogniser, Sidecar())))
    # nobody stated it: English is the detector's reading too, and says so
    assert lang == "en" and usage == [("en", "high", "#language-detection")]
    assert "language-detection" in resp_ids


def test_near_miss_a_stated_language_is_no_machines_reading(recogniser: Recogniser) -> None:
    for text, stated in ((FRENCH, "fr"), (RUSSIAN, "en")):
        lang, usage, resp_ids = language_of(
            tree_of(converted(text, recogniser, Sidecar(language=stated)))
        )
        assert lang == stated and usage == [(stated, None, None)]
        assert "language-detection" not in resp_ids


def test_near_miss_too_little_text_keeps_the_default_unmarked(recogniser: Recogniser) -> None:
    lang, usage, resp_ids = language_of(
        tree_of(converted("Письмо другу\n\nКороткий текст.\n", recogniser, Sidecar()))
    )
    assert lang == "en" and usage == [("en", None, None)] and "language-detection" not in resp_ids


def test_the_reading_is_cached_by_content(tmp_path: Path) -> None:
    """A cached build does not load py3langid (~0.7 s a process)."""
    first = LanguageDetector(FindingsCache(tmp_path))
    assert first.detect([FRENCH]) == "fr" and first._identifier is not None
    again = LanguageDetector(FindingsCache(tmp_path))
    assert again.detect([FRENCH]) == "fr" and again._identifier is None
    assert len(list((tmp_path / "lang").glob("*.json"))) == 1
    # near miss: other words are read again
    assert again.detect([GERMAN]) == "de" and again._identifier is not None
