"""The text's language, stated or detected, in one place (transforms/language.py)
and followed by every language-dependent transform: numbers (a comma before
three digits), dates (English words), the recogniser's model. Detection runs
without the recogniser too (--no-recognition). Cases with near misses:
tests/fixtures/recognition/language.cases."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.pipeline import convert_text
from tei_pipeline.recognition.language import LanguageDetector, sample_parts
from tei_pipeline.tei.ns import XML_LANG
from tei_pipeline.transforms.base import Context
from tests.conftest import xp
from tests.unit.test_names import cases_of

TAGGED = "//tei:text//*[self::tei:num or self::tei:measure or self::tei:date]"


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()  # no cache: every case is read


def outcome(source: str, detector: LanguageDetector) -> str:
    """The case's result as the .cases file writes it (see its header)."""
    first, _, rest = source.partition("\n")
    stated = first.removeprefix("stated: ") if first.startswith("stated: ") else None
    text = (rest if stated else source) + "\n"
    sidecar = Sidecar(language=stated) if stated else Sidecar()
    tree = built(text, sidecar, detector)
    language = xp(tree, "//tei:langUsage/tei:language")[0]
    assert language.get("ident") == tree.get(XML_LANG)
    lines = [f"{tree.get(XML_LANG)} {language.get('cert') or 'unmarked'}"]
    for element in xp(tree, TAGGED):
        lines.append(f"{etree.QName(element).localname}: {''.join(element.itertext())}")
    return "\n".join(lines)


@pytest.mark.parametrize(("source", "expected"), cases_of("language"))
def test_case(source: str, expected: str, detector: LanguageDetector) -> None:
    assert outcome(source, detector) == expected


def test_detection_runs_without_the_recogniser_and_only_with_a_detector() -> None:
    french = cases_of("language")[0].values[0]
    # near miss: no detector in the run (a test's bare Services): the default stands
    text = french + "\n"
    ctx = Context(
        shown_as="case.txt", source_text=text, source_bytes=text.encode(), services=Services()
    )
    assert b'xml:lang="en"' in convert_text(text, ctx).tei
    assert outcome(french, LanguageDetector()).startswith("fr high")


def test_the_sample_is_cut_into_parts_of_whole_runs() -> None:
    runs = ["a" * 100, "b" * 200, "c" * 300, "d" * 50]
    parts = sample_parts(runs)
    # 100 + 200 letters make the first part (250 or more); 300 the second; the
    # short last one joins it
    assert [len(p.replace(" ", "")) for p in parts] == [300, 350]
    assert sample_parts(["  ", "x\n y"]) == ["x y"]
    assert len(" ".join(sample_parts(["word " * 10_000]))) <= 20_000


GERMAN_WORK = (
    "Der Stadtrat trifft sich jede Woche und spricht über die Straßen, die Schulen und die"
    " Krankenhäuser der Stadt. Im letzten Jahr hat er in 1500 Fällen geholfen, wie schon die"
    " Chronik berichtet. Danach schreibt er einen kurzen Bericht für alle, die wissen wollen,"
    " was beschlossen wurde, und liest ihn am Abend im Saal vor.\n\n"
    "Im Frühling gingen die Mitglieder auf der neuen Straße zum Dorf auf dem Hügel, wo die"
    " Lehrer ihnen die Räume der Schule und den Garten dahinter zeigten. Sie blieben bis zum"
    " Abend und hörten den Kindern zu, die für sie sangen.\n"
)


def distributed(work: str, title: str) -> str:
    """A work in a Project Gutenberg frame (English, as the distributor writes it)."""
    return (
        f"The Project Gutenberg EBook of {title}, by Anna Beispiel\n\n"
        "This eBook is for the use of anyone anywhere at no cost and with\n"
        "almost no restrictions whatsoever.  You may copy it, give it away or\n"
        "re-use it under the terms of the Project Gutenberg License included\n"
        "with this eBook or online at www.gutenberg.org\n\n\n"
        f"Title: {title}\n\nAuthor: Anna Beispiel\n\n"
        "Release Date: August 21, 2007 [EBook #99999]\n\n"
        f"*** START OF THIS PROJECT GUTENBERG EBOOK {title.upper()} ***\n\n\n\n"
        f"{title}\n\n{work}\n\n"
        f"*** END OF THIS PROJECT GUTENBERG EBOOK {title.upper()} ***\n"
    )


def built(text: str, sidecar: Sidecar, detector: LanguageDetector | None = None) -> etree._Element:
    """The TEI of `text`, its language stated by `sidecar` or detected."""
    ctx = Context(
        shown_as="case.txt",
        sidecar=sidecar,
        source_bytes=text.encode(),
        source_text=text,
        doc_id="case",
        services=Services(recogniser=None, detector=detector or LanguageDetector()),
    )
    return etree.fromstring(convert_text(text, ctx).tei)


def test_the_frame_around_a_german_work_is_read_apart_and_keeps_its_english_dates() -> None:
    tree = built(distributed(GERMAN_WORK, "Ein Bericht"), Sidecar())
    assert tree.get(XML_LANG) == "de"
    frames = xp(tree, "//tei:div[@type='boilerplate']")
    assert frames and {div.get(XML_LANG) for div in frames} == {"en"}
    # the distributor's English date is read by the English rules; the German
    # count "in 1500 Fällen" is no year
    assert xp(tree, "//tei:div[@type='boilerplate']//tei:date/@when") == ["2007-08-21"]
    assert not xp(tree, "//tei:date[@when='1500']")
    usage = [
        (e.get("ident"), e.get("cert"), e.get("resp"))
        for e in xp(tree, "//tei:langUsage/tei:language")
    ]
    assert usage == [("de", "high", "#language-detection"), ("en", "high", "#language-detection")]
    assert "frame" in xp(tree, "string(//tei:respStmt[@xml:id='language-detection']/tei:resp)")


def test_near_miss_a_stated_language_is_the_works_and_the_frame_is_still_read() -> None:
    tree = built(distributed(GERMAN_WORK, "Ein Bericht"), Sidecar(language="de"))
    usage = [(e.get("ident"), e.get("cert")) for e in xp(tree, "//tei:langUsage/tei:language")]
    assert tree.get(XML_LANG) == "de" and usage == [("de", None), ("en", "high")]
    assert xp(tree, "//tei:div[@type='boilerplate']//tei:date/@when") == ["2007-08-21"]


def test_near_miss_a_frame_in_the_works_language_gets_no_xml_lang_of_its_own() -> None:
    english = (
        "The council of the town met every week in the old hall by the river. It spoke about"
        " the roads, the schools and the hospitals, and afterwards it wrote a short report for"
        " all who wished to know what had been decided and why. Nobody was turned away.\n"
    )
    tree = built(distributed(english, "A Report"), Sidecar())
    assert not xp(tree, "//tei:div[@xml:lang]")
    assert [e.get("ident") for e in xp(tree, "//tei:langUsage/tei:language")] == ["en"]
