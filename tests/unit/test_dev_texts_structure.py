"""Structure and header of 18 real texts nobody tuned the reader on
(../shared/corpora/dev-texts, described line by line in its README).

Each expectation was written by reading the text: what its Gutenberg frame,
title page, headings, letters and closers are. Every text must also convert
valid and lossless. Only what the reader does now is asserted; what it still
misses is listed in docs/encoding-notes.md.
"""

from __future__ import annotations

from functools import cache

import pytest
from lxml import etree

from tei_pipeline.pipeline import Conversion, convert_file
from tests.conftest import REPO, xp

DEV = REPO.parent / "shared" / "corpora" / "dev-texts"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="the dev texts are not beside the repo")


@cache
def converted(code: str) -> Conversion:
    (path,) = DEV.glob(f"{code}_*.txt")
    return convert_file(path, path.name)


def doc(code: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(converted(code).tei))


def text_of(code: str, xpath: str) -> str:
    return " ".join(str(xp(doc(code), f"string({xpath})")).split())


def heads(code: str) -> list[str]:
    """Each head's words, a line break (lb) read as a space."""
    found = []
    for head in xp(doc(code), "//tei:body//tei:head"):
        words = " ".join(str(part) for part in xp(head, ".//text()"))
        found.append(" ".join(words.split()))
    return found


def codes(code: str) -> list[str]:
    return [d.code for d in converted(code).reporter.diagnostics]


@pytest.mark.parametrize("code", [f"D{n:02d}" for n in range(1, 19)])
def test_every_dev_text_converts_valid_and_lossless(code: str) -> None:
    conversion = converted(code)
    assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]


# -- 1. decoding -------------------------------------------------------------


def test_latin1_texts_are_read_by_their_declared_encoding() -> None:
    assert "r-007" in codes("D08") and "r-007" in codes("D13")
    assert "£" in text_of("D08", "//tei:body")
    assert "Träumen" in text_of("D13", "//tei:body")


def test_an_undeclared_latin1_text_is_read_as_windows_1252() -> None:
    assert "r-008" in codes("D09")
    assert "Baden" in text_of("D09", "//tei:body")


def test_bom_crlf_and_form_feeds_need_no_warning() -> None:
    assert not [c for c in codes("D14") if c.startswith("r-")]
    assert "r-003" not in codes("D17")  # form feeds are page breaks


# -- 2. the Gutenberg frame ---------------------------------------------------

CATALOGUE = [
    ("D01", "The Declaration of Independence", "", "1"),
    ("D02", "The United States' Constitution", "Founding Fathers", "5"),
    ("D03", "The Raven", "Edgar Allan Poe", "1065"),
    ("D04", "A Modest Proposal", "Jonathan Swift", "1080"),
    ("D05", "A Letter to a Hindu", "Leo Tolstoy", "7176"),
    ("D08", "On Liberty", "John Stuart Mill", "34901"),
    ("D10", "The Liberty Minstrel", "George W. Clark", "22089"),
    ("D12", "The Art of War", "Sun Tzu", "132"),
    ("D13", "Die Verwandlung", "Franz Kafka", "22367"),
    ("D14", "Discours de la méthode", "René Descartes", "13846"),
]


@pytest.mark.parametrize(("code", "title", "author", "number"), CATALOGUE)
def test_catalogue_fields_make_the_header(code: str, title: str, author: str, number: str) -> None:
    assert text_of(code, "//tei:titleStmt/tei:title[@type='main']") == title
    assert text_of(code, "//tei:titleStmt/tei:author") == author
    assert text_of(code, "//tei:listBibl/tei:bibl/tei:idno[@type='gutenberg']") == number
    assert "Project Gutenberg" not in text_of(code, "//tei:titleStmt/tei:title")
    assert "Project Gutenberg" in text_of(code, "//tei:front/tei:div[@type='boilerplate']")


def test_continuation_lines_of_a_title_field_are_its_subtitle() -> None:
    assert text_of("D04", "//tei:titleStmt/tei:title[@type='sub']").startswith(
        "For preventing the children of poor people in Ireland"
    )


def test_translator_and_commentator_are_named_with_their_role() -> None:
    stmt = "//tei:titleStmt/tei:respStmt[tei:resp='{}']/tei:persName"
    assert text_of("D12", stmt.format("Translator")) == "Lionel Giles"
    assert text_of("D05", stmt.format("Commentator")) == "M. K. Gandhi"


def test_release_dates_are_dated() -> None:
    assert text_of("D03", "//tei:listBibl//tei:date[@type='release']/@when") == "2010-06-06"


@pytest.mark.parametrize(
    ("code", "licence"),
    [("D01", "SMALL PRINT"), ("D02", "SMALL PRINT")]
    + [(code, "FULL LICENSE") for code in ("D03", "D04", "D05", "D06")],
)
def test_the_licence_is_back_matter(code: str, licence: str) -> None:
    assert licence in text_of(code, "//tei:back/tei:div[@type='boilerplate']")
    assert licence not in text_of(code, "//tei:body")


def test_older_frames_without_a_start_line() -> None:
    assert "Character set encoding" in text_of("D01", "//tei:front/tei:div[@type='boilerplate']")
    assert "When in the Course" in text_of("D01", "//tei:body")
    assert "SMALL PRINT" in text_of("D11", "//tei:front/tei:div[@type='boilerplate']")
    assert "SMALL PRINT" not in text_of("D11", "//tei:body")


def test_texts_without_a_frame_have_no_boilerplate() -> None:
    for code in ("D09", "D15", "D16", "D17", "D18"):
        assert xp(doc(code), "count(//tei:div[@type='boilerplate'])") == 0


# -- 3. title pages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "title", "author"),
    [
        ("D03", "The Raven", "Edgar Allan Poe"),
        ("D07", "A VINDICATION OF THE RIGHTS OF WOMAN,", "MARY WOLLSTONECRAFT."),
        ("D08", "On Liberty.", "John Stuart Mill."),
        ("D12", "SUN TZU ON THE ART OF WAR", "LIONEL GILES, M.A."),
        ("D13", "DIE VERWANDLUNG", "FRANZ KAFKA"),
    ],
)
def test_title_pages(code: str, title: str, author: str) -> None:
    page = "//tei:front/tei:titlePage"
    assert text_of(code, f"{page}/tei:docTitle/tei:titlePart[@type='main']") == title
    assert text_of(code, f"{page}/tei:byline/tei:docAuthor") == author


def test_an_imprint_and_its_year_stay_on_the_title_page() -> None:
    assert "1917" in text_of("D13", "//tei:titlePage/tei:docImprint[last()]")
    assert "1910" in text_of("D12", "//tei:titlePage/tei:docImprint[last()]")


# -- 4. headings ---------------------------------------------------------------


def test_roman_numerals_open_divisions() -> None:
    assert xp(doc("D05"), "//tei:body//tei:div/@n") == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert "I." in heads("D13")


def test_a_chapter_title_joins_its_head() -> None:
    assert "CHAPTER I. INTRODUCTORY." in heads("D08")


def test_setext_headings_nest() -> None:
    inner = "//tei:div[tei:head='Code Lay-out']/tei:div/tei:head"
    assert "Indentation" in [str(xp(h, "string(.)")) for h in xp(doc("D18"), inner)]
    assert xp(doc("D12"), "string(//tei:head[.='Sun Wu and his Book']/@rend)") == "underline-single"


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("D08", "W. L. COURTNEY."),  # a signature
        ("D04", "1729"),  # a date
        ("D09", "FATHER."),  # a signature under "Your attached"
        ("D07", "M. W."),  # initials
        ("D06", "Thomas Jefferson"),  # a name under a quotation
        ("D10", "BY ELIZA LEE FOLLEN."),  # a credit
    ],
)
def test_no_heading_from_a_signature_date_or_credit(code: str, line: str) -> None:
    assert line not in heads(code)


def test_contents_lines_are_not_divisions() -> None:
    assert not [h for h in heads("D07") if h.startswith("CHAPTER 1.")]
    assert not [h for h in heads("D08") if h.startswith("CHAPTER II.")]


# -- 7. letters ---------------------------------------------------------------


def test_a_collection_of_letters_is_one_division_each() -> None:
    numbers = [int(n) for n in xp(doc("D09"), "//tei:body/tei:div/@n")]
    assert numbers == [n for n in range(438, 477) if n not in (456, 472, 474)]
    assert xp(doc("D09"), "string(//tei:div[@n='438']/@type)") == "letter"
    assert xp(doc("D09"), "count(//tei:div[@type='letter']/tei:opener/tei:salute)") >= 10


def test_closers_with_formula_and_signature() -> None:
    closer = "//tei:div[@n='445']/tei:closer"
    assert text_of("D09", f"{closer}/tei:salute") == "Yours,"
    assert text_of("D09", f"{closer}/tei:signed") == "BEETHOVEN."
    assert text_of("D07", "//tei:closer/tei:salute[2]") == "Yours respectfully,"
    assert text_of("D07", "//tei:closer/tei:signed") == "M. W."


def test_a_place_and_a_date_close_the_letter() -> None:
    dateline = "//tei:body/tei:closer/tei:dateline"
    assert text_of("D05", dateline).startswith("YASNAYA POLYANA.")
    assert text_of("D05", f"{dateline}/tei:date/@when") == "1908-12-14"


# -- 8. a truthful header ---------------------------------------------------------


def test_no_footnote_sentence_without_notes() -> None:
    decl = "//tei:editorialDecl/tei:interpretation"
    assert "note/@n" not in text_of("D03", decl)
    assert "boilerplate" in text_of("D03", decl)


# -- 5. verse and emphasis -------------------------------------------------------------


def test_the_ravens_stanzas_are_verse_with_an_indented_refrain() -> None:
    assert xp(doc("D03"), "count(//tei:body//tei:l)") >= 80
    refrain = "//tei:l[@rend='indent']"
    assert text_of("D03", refrain) == 'Only this and nothing more."'


def test_underscores_are_italics() -> None:
    assert "Sphere and Duties of Government" in [
        " ".join(str(xp(h, "string(.)")).split())
        for h in xp(doc("D08"), "//tei:hi[@rend='italic']")
    ]


# -- a text's own field header -----------------------------------------------------------


def test_a_pep_field_header_names_title_and_authors() -> None:
    assert (
        text_of("D18", "//tei:titleStmt/tei:title[@type='main']") == "Style Guide for Python Code"
    )
    authors = [str(xp(a, "string(.)")) for a in xp(doc("D18"), "//tei:titleStmt/tei:author")]
    assert authors == ["Guido van Rossum", "Barry Warsaw", "Alyssa Coghlan"]
    assert "h-001" not in codes("D18")


def test_letters_open_with_datelines() -> None:
    # the dateline and the salutation under it are the letter's opener (ENCODING.md)
    opener = "//tei:div[@n='443']/tei:opener"
    assert text_of("D09", f"{opener}/tei:dateline/tei:date/@when") == "1825-09-06"
    assert text_of("D09", f"{opener}/tei:salute") == "MY DEAR SON,--"
    # "Baden, August" (a place, a month, no day) right above "MY DEAR SON,--"
    assert text_of("D09", "//tei:div[@n='440']/tei:opener/tei:dateline") == "Baden, August"
    assert xp(doc("D09"), "count(//tei:div[@n='440']/tei:div)") == 0


def test_a_dedication_addressed_in_capitals_is_a_letter() -> None:
    letter = "//tei:div[@type='letter'][tei:opener/tei:salute='Sir:--']"
    assert text_of("D07", f"{letter}/tei:head").startswith("TO")
    assert text_of("D07", f"{letter}/tei:closer/tei:signed") == "M. W."
