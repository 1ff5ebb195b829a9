"""The five sample texts, with expectations written by hand from reading them.

Each test states what a reader of the plain text sees (which editions the
preface names, where each note belongs, what the closer holds, which lines are
quoted) and checks that the TEI says the same.
"""

from __future__ import annotations

import pytest
from lxml import etree

from tei_pipeline.pipeline import Conversion, convert_file
from tests.conftest import REPO, xp

SOURCES = REPO / "sources"


def convert(stem: str) -> tuple[Conversion, etree._ElementTree]:
    path = SOURCES / f"{stem}.txt"
    conversion = convert_file(path, f"sources/{path.name}")
    return conversion, etree.ElementTree(etree.fromstring(conversion.tei))


def texts(tree: etree._ElementTree, path: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in xp(tree, path)]


@pytest.fixture(scope="module")
def mao() -> tuple[Conversion, etree._ElementTree]:
    return convert("mao-1948-revolutionary-forces-unite")


@pytest.fixture(scope="module")
def stalin() -> tuple[Conversion, etree._ElementTree]:
    return convert("stalin-1924-october-revolution-world-revolution")


@pytest.fixture(scope="module")
def vanguard() -> tuple[Conversion, etree._ElementTree]:
    return convert("workers-vanguard-2018-october-revolution")


@pytest.fixture(scope="module")
def ukraine() -> tuple[Conversion, etree._ElementTree]:
    return convert("chinese-socialists-2022-no-to-imperialist-invasion")


@pytest.fixture(scope="module")
def webpage() -> tuple[Conversion, etree._ElementTree]:
    return convert("anonymous-undated-proletarian-internationalism")


# -- Mao 1948: preface with two editions and a first publication, # lines, one note


def test_mao_editions(mao):
    _, tree = mao
    bibls = xp(tree, "//tei:sourceDesc/tei:listBibl/tei:bibl")
    assert len(bibls) == 3
    first, second, journal = bibls
    assert texts(first, "tei:title") == [
        "Revolutionary Forces of the World Unite, Fight Against Imperialist Aggression!",
        "Selected Works of Mao Zedong",
    ]
    assert texts(first, "tei:biblScope[@unit='volume']") == ["4"]
    assert texts(first, "tei:publisher") == ["Foreign Languages Press"]
    assert texts(first, "tei:pubPlace") == ["Beijing"]
    assert xp(first, "string(tei:date/@when)") == "1965"
    assert texts(second, "tei:publisher") == ["Routledge"]
    assert texts(second, "tei:pubPlace") == ["New York and London"]
    assert xp(second, "string(tei:date/@when)") == "2023"
    assert texts(journal, "tei:title[@level='j']") == [
        "For a Lasting Peace, for a People's Democracy!"
    ]
    assert texts(journal, "tei:biblScope[@unit='issue']") == ["21"]
    assert xp(journal, "string(tei:date/@when)") == "1948-11-01"


def test_mao_display_lines_and_creation(mao):
    _, tree = mao
    assert texts(tree, "//tei:body/tei:epigraph[@rend='centred']") == [
        "Workers and oppressed people of the world, unite!"
    ]
    assert texts(tree, "//tei:body/tei:byline/tei:docAuthor") == ["Mao Zedong"]
    assert xp(tree, "string(//tei:body/tei:docDate/@when)") == "1948-10-17"
    assert xp(tree, "string(//tei:creation/tei:date/@when)") == "1948-10-17"
    assert texts(tree, "//tei:creation/tei:placeName") == ["Xibaipo, Pingshan, Hebei, China"]
    assert texts(tree, "//tei:titleStmt/tei:author") == ["Mao Zedong"]


def test_mao_quotation_and_its_note(mao):
    _, tree = mao
    # "In that article, Stalin said:" -> the next paragraph and its three bullets are quoted
    cit = xp(tree, "//tei:body/tei:cit")
    assert len(cit) == 1
    assert texts(cit[0], "tei:quote/tei:p")[0].startswith("The great worldwide significance")
    assert len(xp(cit[0], "tei:quote/tei:list[@rend='bulleted']/tei:item")) == 3
    # the one note ("East.1") sits at the end of the third quoted item
    notes = xp(tree, "//tei:text//tei:note[@place='foot']")
    assert [n.get("n") for n in notes] == ["1"]
    assert notes[0].getparent() is xp(cit[0], "tei:quote/tei:list/tei:item[3]")[0]
    assert texts(tree, "//tei:note[@n='1']")[0].startswith("Source: I.B. Stalin")
    assert not xp(tree, "//tei:back")  # the notes block is used up


def test_mao_inline_quotations(mao):
    _, tree = mao
    assert texts(tree, "//tei:body//tei:q") == ["middle road", "third way"]


# -- Stalin 1924: a citation line, section IV, an editorial insertion, a closer


def test_stalin_citation_line(stalin):
    _, tree = stalin
    assert texts(tree, "//tei:titleStmt/tei:title[@type='main']") == [
        "The October Revolution and the Tactics of the Russian Communists"
    ]
    bibl = xp(tree, "//tei:sourceDesc/tei:listBibl/tei:bibl")
    assert len(bibl) == 1
    assert texts(bibl[0], "tei:author") == ["Stalin"]
    assert xp(bibl[0], "string(tei:date/@when)") == "1924"


def test_stalin_division_and_closer(stalin):
    _, tree = stalin
    assert [d.get("n") for d in xp(tree, "//tei:body/tei:div")] == ["IV"]
    assert texts(tree, "//tei:body/tei:div/tei:head")[0].startswith("IV. The October Revolution")
    assert texts(tree, "//tei:body/tei:closer/tei:signed") == ["J. V. Stalin"]
    assert xp(tree, "string(//tei:closer/tei:dateline/tei:date/@when)") == "1924-12-17"
    assert texts(tree, "//tei:titleStmt/tei:author") == ["J. V. Stalin"]
    assert xp(tree, "string(//tei:creation/tei:date/@when)") == "1924-12-17"


def test_stalin_inline_conventions(stalin):
    _, tree = stalin
    editorial = xp(tree, "//tei:note[@type='editorial']")
    assert len(editorial) == 1
    assert texts(editorial[0], "tei:bibl/tei:title") == ["The Foundations of Leninism"]
    assert texts(editorial[0], "tei:bibl/tei:author") == ["J. V. Stalin"]
    assert texts(tree, "//tei:hi[@rend='letterspaced']") == ["for"]
    assert texts(tree, "//tei:p/tei:bibl/tei:title") == [
        "The Proletarian Revolution and the Renegade Kautsky",
        "Better Fewer, But Better",
        "The Proletarian Revolution and the Renegade Kautsky",
        "On the Slogan for a United States of Europe",
        "On the Slogan for a United States of Europe",
    ]
    assert not xp(tree, "//tei:note[@place='foot']")


# -- Workers Vanguard 2018: masthead, headnote, a quotation closed by its attribution


def test_vanguard_masthead_and_edition(vanguard):
    _, tree = vanguard
    assert texts(tree, "//tei:titlePage/tei:docImprint/tei:title[@level='j']") == [
        "Workers Vanguard"
    ]
    bibl = xp(tree, "//tei:sourceDesc/tei:listBibl/tei:bibl")[0]
    assert texts(bibl, "tei:title[@level='a']") == ["Marking the 1917 October Revolution"]
    assert texts(bibl, "tei:biblScope[@unit='issue']") == ["1144"]
    assert xp(bibl, "string(tei:date/@when)") == "2018-11-16"
    assert texts(tree, "//tei:titleStmt/tei:title[@type='sub']") == ["Quote of the Week"]


def test_vanguard_headnote_and_quotation(vanguard):
    _, tree = vanguard
    assert texts(tree, "//tei:front/tei:div[@type='preface']/tei:p")[0].startswith(
        "Addressing the Sixth"
    )
    quoted = xp(tree, "//tei:body/tei:cit/tei:quote/tei:p")
    assert len(quoted) == 3
    assert texts(tree, "//tei:body/tei:cit/tei:bibl/tei:author") == [
        "V. I. Lenin"
    ]  # a hair space in the source
    assert xp(tree, "string(//tei:cit/tei:bibl/tei:date/@when)") == "1918-11-08"
    assert texts(tree, "//tei:cit/tei:bibl/tei:title") == ["Speech on the International Situation"]


# -- Chinese socialists 2022: preface, dateline, photo with credit


def test_ukraine_preface_closer_figure(ukraine):
    _, tree = ukraine
    preface = texts(tree, "//tei:front/tei:div[@type='preface']/tei:p")
    assert len(preface) == 1 and "We are reprinting it" in preface[0]
    assert xp(tree, "string(//tei:body/tei:closer/tei:dateline/tei:date/@when)") == "2022-02-26"
    assert texts(tree, "//tei:body/tei:figure/tei:figDesc") == [
        "Rally in New York City following the Russian invasion."
    ]
    assert texts(tree, "//tei:figure/tei:note[@type='credit']") == ["Kena Betancur / AFP / Getty"]
    # the two closing slogans end with "!" and stay paragraphs, not a signature or a menu
    assert (
        texts(tree, "//tei:body/tei:p")[-1] == "Long live the international communist revolution!"
    )
    assert not xp(tree, "//tei:sourceDesc/tei:listBibl")  # it names no earlier edition


# -- the scraped web page: menus before and after the article


def test_webpage_menus(webpage):
    _, tree = webpage
    front_items = xp(tree, "//tei:front/tei:div[@type='navigation']//tei:item")
    assert len(front_items) == 31
    assert "".join(front_items[0].itertext()) == "Marx and Engels:Communist Manifesto"
    assert xp(front_items[0], "count(tei:lb)") == 1
    back = xp(tree, "//tei:back/tei:div[@type='navigation']")
    assert len(back) == 1
    assert xp(back[0], "count(tei:milestone)") == 1  # the "- - -" between two link lists
    body = texts(tree, "//tei:body/tei:p")
    assert body[0].startswith("From the beginning communists")
    assert body[-1].startswith("To take part in a discussion")
    assert len(body) == 12


@pytest.mark.parametrize("stem", [p.stem for p in sorted(SOURCES.glob("*.txt"))])
def test_every_sample_is_lossless_and_clean(stem):
    conversion, _ = convert(stem)
    assert conversion.lossless.ok, conversion.lossless.detail
    assert not conversion.reporter.has_errors
    again, _ = convert(stem)
    assert again.tei == conversion.tei  # deterministic
