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
    ctx = Context(shown_as="case.txt", sidecar=sidecar, source_bytes=text.encode(),
                  source_text=text, doc_id="case",
                  services=Services(recogniser=None, detector=detector))
    tree = etree.fromstring(convert_text(text, ctx).tei)
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
    ctx = Context(shown_as="case.txt", source_text=text, source_bytes=text.encode(),
                  services=Services())
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
