"""Names: each rule on small texts of our own (tests/fixtures/recognition/names.cases),
the header and the standOff, and the persons, places and organizations of the five
samples, written down by hand from reading the texts.

Input: TEI fragments run through tag_names alone (as STYLE.md asks of transform
tests), small texts through the whole pipeline, the samples in sources/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_pipeline.context import Services
from tei_pipeline.diagnostics import Reporter
from tei_pipeline.pipeline import convert_file, convert_text
from tei_pipeline.registers import load_registers
from tei_pipeline.tei.ns import TEI_NS, TP_NS, XML_ID
from tei_pipeline.transforms.base import Context
from tei_pipeline.transforms.names import (
    form_pattern,
    forms_pattern,
    matcher_for,
    tag_names,
    title_case,
)
from tei_pipeline.transforms.standoff import (
    add_standoff,
    report_register_problems,
)
from tests.conftest import REPO, convert_string, sample_services, tree_of, xp
from tests.support.cases import read_cases

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "recognition"
SOURCES = REPO / "sources"


# -- the .cases files ---------------------------------------------------------------


def cases_of(name: str) -> list:
    return [
        pytest.param(source, expected, id=f"{name}:{line}:{title}")
        for title, line, source, expected in read_cases(FIXTURES / f"{name}.cases")
    ]


def paragraph(content: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{content}</p>')


def canonical(element: etree._Element) -> str:
    """The fragment without internal positions, in canonical XML."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        for key in [k for k in node.attrib if k.startswith(f"{{{TP_NS}}}")]:
            del node.attrib[key]
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, method="c14n").decode()


@pytest.fixture(scope="module")
def matcher():
    return matcher_for(sample_services().registers)


@pytest.mark.parametrize(("source", "expected"), cases_of("names"))
def test_case(source: str, expected: str, matcher) -> None:
    element = paragraph(source)
    before = "".join(element.itertext())
    tag_names(element, matcher)
    assert canonical(element) == canonical(paragraph(expected))
    assert "".join(element.itertext()) == before  # nothing lost, nothing added


def test_positions_of_names_follow_the_source():
    text = "Title\n\nThe speech of V. I.\nLenin in Moscow.\n"
    ctx = Context(
        shown_as="case.txt",
        source_bytes=text.encode(),
        source_text=text,
        doc_id="case",
        services=sample_services(),
    )
    tree = tree_of(convert_text(text, ctx, keep_positions=True))
    src = f"{{{TP_NS}}}src"
    assert xp(tree, "//tei:body//tei:persName")[0].get(src) == "case.txt:3:15"
    assert xp(tree, "//tei:body//tei:placeName")[0].get(src) == "case.txt:4:10"


# -- the header -----------------------------------------------------------------------


def test_header_author_and_editions_point_at_the_registers():
    text = (
        "Revolutionary Forces Unite\n\n"
        "This edition has been prepared on the basis of the following editions:\n\n"
        "  • A Title, in the Selected Works of Mao Zedong, First English Edition, Vol. 4, "
        "Foreign Languages Press, Beijing, 1965.\n\n"
        "#Mao Zedong\n\nThe text of the essay.\n"
    )
    tree = tree_of(convert_string(text))
    author = xp(tree, "//tei:titleStmt/tei:author/tei:persName")
    assert [(a.get("ref"), a.text) for a in author] == [("#mao-zedong", "Mao Zedong")]
    bibl = xp(tree, "//tei:sourceDesc/tei:listBibl/tei:bibl")[0]
    assert xp(bibl, "string(tei:title/tei:persName/@ref)") == "#mao-zedong"
    assert xp(bibl, "string(tei:publisher/tei:orgName/@ref)") == "#foreign-languages-press"
    assert xp(bibl, "string(tei:pubPlace/tei:placeName/@ref)") == "#beijing"


def test_header_author_not_registered_gets_no_ref():
    tree = tree_of(convert_string("A Title\n\n#Jane Roe\n\nSome text.\n"))
    assert xp(tree, "//tei:titleStmt/tei:author/tei:persName/@ref") == []


# -- the standOff -----------------------------------------------------------------------


def test_standoff_holds_exactly_the_entries_referred_to_in_order_of_mention():
    tree = tree_of(convert_string("A Title\n\nStalin wrote to Lenin in Moscow; Lenin replied.\n"))
    standoff = xp(tree, "/tei:TEI/tei:standOff")
    assert len(standoff) == 1 and standoff[0].getprevious().tag == f"{{{TEI_NS}}}text"
    ids = [e.get(XML_ID) for e in xp(tree, "//tei:standOff/*/*")]
    assert ids == ["stalin", "lenin", "moscow"]
    assert [etree.QName(lst).localname for lst in standoff[0]] == ["listPerson", "listPlace"]
    person = xp(tree, "//tei:standOff//tei:person[@xml:id='lenin']")[0]
    assert xp(person, "string(tei:idno[@type='wikidata'])") == "Q1394"


def test_no_standoff_when_nothing_is_named():
    tree = tree_of(convert_string("A Title\n\nNobody is named here.\n"))
    assert xp(tree, "//tei:standOff") == []


def test_an_entry_id_that_collides_with_the_document_id_is_renamed(tmp_path):
    source = tmp_path / "lenin.txt"
    source.write_text("A Title\n\nLenin spoke.\n", encoding="utf-8")
    conversion = convert_file(source, "lenin.txt", services=sample_services())
    assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
    tree = tree_of(conversion)
    assert tree.getroot().get(XML_ID) == "lenin"
    assert xp(tree, "string(//tei:body//tei:persName/@ref)") == "#lenin-person"
    assert xp(tree, "//tei:standOff//tei:person/@xml:id") == ["lenin-person"]
    ids = xp(tree, "//@xml:id")
    assert len(ids) == len(set(ids))


def test_the_application_id_is_never_taken_by_an_entry():
    doc = etree.ElementTree(
        etree.fromstring(
            f'<TEI xmlns="{TEI_NS}"><teiHeader><encodingDesc><appInfo>'
            f'<application ident="x" version="1" xml:id="stalin"/></appInfo></encodingDesc>'
            f'</teiHeader><text><body><p><persName ref="#stalin">Stalin</persName></p></body>'
            f"</text></TEI>"
        )
    )
    add_standoff(doc, sample_services().registers)
    assert doc.xpath("//@xml:id") == ["stalin", "stalin-person"]
    assert doc.xpath("string(//*[local-name()='p']/*/@ref)") == "#stalin-person"


def test_register_problems_are_reported_once_per_run(tmp_path):
    broken = tmp_path / "persons.xml"
    broken.write_text(
        f'<TEI xmlns="{TEI_NS}"><standOff><listPerson><person>'
        f'<persName type="main">Nobody</persName></person></listPerson>'
        f"</standOff></TEI>",
        encoding="utf-8",
    )
    registers = load_registers([broken])
    assert registers.problems
    run, next_run = Services(registers=registers), Services(registers=registers)
    first, second, third = Reporter(), Reporter(), Reporter()
    report_register_problems(run, first)
    report_register_problems(run, second)
    report_register_problems(next_run, third)
    assert [d.code for d in first.diagnostics] == ["p-003"]
    assert second.diagnostics == []  # the same run: already reported
    assert [d.code for d in third.diagnostics] == ["p-003"]  # a new run reports again


# -- the five samples ---------------------------------------------------------------------

P, L, G = "persName", "placeName", "orgName"  # G: organization

# Every name in the text element, outer before inner, in document order, as read by hand.
EXPECTED = {
    "workers-vanguard-2018-october-revolution": [
        (G, "Workers Vanguard"),
        (G, "All-Russia Congress of Soviets"),
        (L, "Russia"),
        (P, "V.I. Lenin"),
        (P, "J.V. Stalin"),
        (L, "Russia"),
        (L, "Europe"),
        (L, "Turkey"),
        (L, "Bulgaria"),
        (L, "Austria-Hungary"),
        (G, "Red Army"),
        (P, "V. I. Lenin"),
    ],
    "chinese-socialists-2022-no-to-imperialist-invasion": [
        (L, "Ukraine"),
        (L, "Ukraine"),
        (L, "Ukraine"),
        (L, "Donbas"),
        (P, "Putin"),
        (L, "Europe"),
        (L, "US"),
        (G, "NATO"),
        (L, "Russia"),
        (L, "Ukraine"),
        (P, "Putin"),
        (L, "Russia"),
        (L, "Russia"),
        (L, "US"),
        (G, "NATO"),
        (L, "Ukraine"),
        (L, "Donetsk"),
        (L, "Luhansk"),
        (L, "United States"),
        (G, "NATO"),
        (G, "Chinese Ministry of foreign affairs"),
        (L, "Ukraine"),
        (G, "UN Security Council"),
        (G, "UN"),
        (L, "Russia"),
        (L, "Russia"),
        (L, "United States"),
        (L, "United States"),
        (G, "NATO"),
        (L, "Russia"),
        (L, "Russia"),
        (L, "Russia"),
        (L, "Ukraine"),
        (L, "Russia"),
        (L, "Russia"),
        (L, "Eastern Europe"),
        (L, "Ukraine"),
        (L, "Donbas"),
        (L, "Russia"),
        (L, "Donbas"),
        (L, "Donbas"),
        (L, "Donbas"),
        (L, "New York City"),
        (P, "Kena Betancur"),
        (G, "AFP"),
        (G, "Getty"),
    ],
    "stalin-1924-october-revolution-world-revolution": [
        (P, "Stalin"),
        (L, "Europe"),
        (L, "Russia"),
        (P, "Lenin"),
        (P, "Kautsky"),
        (P, "Lenin"),
        (P, "J. V. Stalin"),
        (L, "Russia"),
        (P, "Lenin"),
        (L, "Europe"),
        (L, "Germany"),
        (L, "India"),
        (L, "China"),
        (L, "America"),
        (L, "Britain"),
        (G, "Republic of Soviets"),
        (P, "Kautsky"),
        (P, "Lenin"),
        (P, "J. V. Stalin"),
    ],
}
MAO_PERSONS = [
    "Mao Zedong",
    "Mao",
    "Mao Zedong",
    "Mao Zedong",
    "Stalin",
    "Stalin",
    "I.B. Stalin",
    "Stalin",
    "Lenin",
    "Lenin",
    "Stalin",
    "Lenin",
    "Stalin",
    "Sun Yixian",
    "Jiang Jieshi",
    "Sun Yixian",
]
MAO_NOT_NAMES = [
    "Marxist-Leninist",
    "Marxism",
    "Nationalist troops",
    "Chinese",
    "West",
    "East",
    "Testament",
    "our Party",
    "Russian revolution",
]
WEBPAGE_PERSONS = [
    "Marx",
    "Engels",
    "Marx",
    "Engels",
    "Marx",
    "Engels",
    "Lenin",
    "Lenin",
    "Mao",
    "Fidel",
    "Hall",
    "Winston",
    "Cabral",
    "Nkrumah",
    "Marx",
    "Engels",
    "Marx",
    "Engels",
    "Lenin",
    "Trotsky",
    "Lenin",
    "Stalin",
    "Stalin",
    "Lenin",
    "Mao Tse-Tung",
    "Stalin",
    "Trotsky",
]
WEBPAGE_PLACES = [
    "France",
    "Cuba",
    "Europe",
    "Moscow",
    "China",
    "China",
    "Vietnam",
    "Moscow",
    "Eastern Europe",
    "Cuba",
    "Vietnam",
    "Afghanistan",
    "Eastern Europe",
    "Moscow",
    "Athens",
    "Greece",
    "Cuba",
    "South Africa",
    "Cuba",
    "Philippines",
]


def names(stem: str) -> list[tuple[str, str]]:
    conversion = convert_file(SOURCES / f"{stem}.txt", f"sources/{stem}.txt")
    assert conversion.ok
    tree = tree_of(conversion)
    found = xp(
        tree, "//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
    )
    return [(etree.QName(n).localname, " ".join("".join(n.itertext()).split())) for n in found]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_sample_names(stem):
    assert names(stem) == EXPECTED[stem]


def test_mao_names():
    found = names("mao-1948-revolutionary-forces-unite")
    assert [text for kind, text in found if kind == P] == MAO_PERSONS
    places = [text for kind, text in found if kind == L]
    assert places.count("China") == 15  # 5 alone, 10 inside party names
    assert places.count("Germany") == places.count("Italy") == places.count("Japan") == 3
    orgs = [text for kind, text in found if kind == G]
    assert orgs.count("Council Union") == 10
    assert orgs.count("Communist Party of China") == 7
    assert "Majoritarians" in orgs and "People's Liberation Army" in orgs
    assert not {text for _, text in found} & set(MAO_NOT_NAMES)


def test_webpage_names():
    found = names("anonymous-undated-proletarian-internationalism")
    assert [text for kind, text in found if kind == P] == WEBPAGE_PERSONS
    assert [text for kind, text in found if kind == L] == WEBPAGE_PLACES
    orgs = [text for kind, text in found if kind == G]
    assert orgs.count("Third International") == 5 and orgs.count("Soviet Union") == 6
    assert "Science" not in orgs and "Wikipedia" not in orgs


def test_sample_standoffs_are_exactly_the_names_referred_to():
    for path in sorted(SOURCES.glob("*.txt")):
        tree = tree_of(convert_file(path, f"sources/{path.name}"))
        refs = {
            r[1:]
            for r in xp(
                tree,
                "//*[self::tei:persName or self::tei:placeName"
                " or self::tei:orgName][not(ancestor::tei:standOff)]/@ref",
            )
        }
        listed = set(xp(tree, "//tei:standOff/*/*/@xml:id"))
        assert refs == listed, path.name


# -- the combined pattern finds what the forms one after another find ------------------

_FORM_WORDS = [
    "Marx",
    "Mao",
    "Mao Zedong",
    "V. I. Lenin",
    "Lenin",
    "Leninism",
    "China",
    "M.",
    "'t Hooft",
    "-ism",
    "Marx-Engels",
    "Ma",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_FORM_WORDS), min_size=1, max_size=6, unique=True),
    st.lists(
        st.sampled_from(
            _FORM_WORDS
            + ["x", " ", "'", "’", "-", ".", "Xi", "and", "\n", "Mao's", "aMarx", "V.I.", "Lenin-"]
        ),
        max_size=12,
    ),
)
def test_forms_pattern_matches_as_the_plain_alternation(forms, words):
    # forms_pattern groups the forms by first character for speed; the first form
    # that matches at each place, and the places, must be those of the plain
    # alternation of the forms in their order
    text = "".join(words)
    plain = re.compile("|".join(f"(?:{form_pattern(f)})" for f in forms))
    grouped = re.compile(forms_pattern(forms))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for start in range(len(text)):
        a, b = plain.match(text, start), grouped.match(text, start)
        assert (a and a.span()) == (b and b.span()), (text, start)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aBcÉéß ’'-_1.Ǆǅ", max_size=40), st.integers(0, 3))
def test_title_case_counts_as_word_by_word(text, minimum):
    # title_case counts first letters with map(str.isupper) (speed); the rule is
    # "at least `minimum` words of four letters or more, 80% of them capitalised"
    words = re.findall(r"\b[^\W\d_][\w'’-]{3,}", text)
    expected = len(words) >= minimum and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    assert title_case(text, minimum) == expected
