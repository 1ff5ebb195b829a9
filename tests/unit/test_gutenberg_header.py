"""A Project Gutenberg header's catalogue fields become the teiHeader's title,
author, contributors (respStmt) and the digital edition (listBibl/bibl)."""

from __future__ import annotations

from tests.conftest import RECOGNITION, convert_string, tree_of, xp

HEADER = """The Project Gutenberg EBook of A Small Book, by Ann Writer

Title: A Small Book
       Being a Subtitle

Author: Ann Writer

Translator: Bo Turner

Release Date: May 1, 2001 [EBook #42]

*** START OF THIS PROJECT GUTENBERG EBOOK A SMALL BOOK ***

{work}

*** END OF THIS PROJECT GUTENBERG EBOOK A SMALL BOOK ***
"""


def header_of(source: str):  # type: ignore[no-untyped-def]
    conversion = convert_string(source, skip=RECOGNITION)
    assert conversion.lossless.ok
    return tree_of(conversion)


def test_fields_fill_the_title_statement_and_the_edition() -> None:
    doc = header_of(HEADER.format(work="THE WORK ITSELF\n\nIts first sentence is here."))
    stmt = "//tei:titleStmt"
    assert xp(doc, f"string({stmt}/tei:title[@type='main'])") == "A Small Book"
    assert xp(doc, f"string({stmt}/tei:title[@type='sub'])") == "Being a Subtitle"
    assert xp(doc, f"string({stmt}/tei:author)") == "Ann Writer"
    translator = f"{stmt}/tei:respStmt[tei:resp='Translator']/tei:persName"
    assert xp(doc, f"string({translator})") == "Bo Turner"
    bibl = "//tei:sourceDesc/tei:listBibl/tei:bibl[@type='digitalSource']"
    assert xp(doc, f"string({bibl}/tei:idno[@type='gutenberg'])") == "42"
    assert xp(doc, f"string({bibl}/tei:date[@type='release']/@when)") == "2001-05-01"
    assert xp(doc, f"string({bibl}/tei:publisher)") == "Project Gutenberg"


def test_without_a_title_field_the_opening_line_is_not_the_title() -> None:
    source = HEADER.replace("Title: A Small Book\n       Being a Subtitle\n\n", "")
    doc = header_of(source.format(work="The Work Itself\n\nIts first sentence is here."))
    assert xp(doc, "string(//tei:titleStmt/tei:title[@type='main'])") == "The Work Itself"


def test_near_miss_a_text_without_the_frame_has_no_digital_edition() -> None:
    doc = header_of("Title: A Small Book\n\nIts first sentence is here.\n")
    assert xp(doc, "count(//tei:bibl[tei:idno[@type='gutenberg']])") == 0


def test_a_field_header_names_title_and_authors_but_no_digital_edition() -> None:
    source = (
        "PEP: 8\nTitle: A Style Guide\nAuthor: Ann Writer <ann@example.org>,\n"
        "        Bo Turner <bo@example.org>\n\nThe guide begins with a sentence.\n"
    )
    doc = header_of(source)
    assert xp(doc, "string(//tei:titleStmt/tei:title[@type='main'])") == "A Style Guide"
    authors = [str(xp(a, "string(.)")) for a in xp(doc, "//tei:titleStmt/tei:author")]
    assert authors == ["Ann Writer", "Bo Turner"]
    assert xp(doc, "count(//tei:idno[@type='gutenberg'])") == 0
