"""Edition citations parsed into their parts by form."""

from tei_pipeline.transforms.citations import parse_citation


def test_book_in_collection():
    c = parse_citation(
        "A Piece, in the Collected Works of Someone, Second Edition, Vol. 7, "
        "Example Press, London, 1970."
    )
    assert (c.title, c.container, c.edition, c.volume) == (
        "A Piece",
        "Collected Works of Someone",
        "Second Edition",
        "7",
    )
    assert (c.publisher, c.places, c.date) == ("Example Press", "London", "1970")
    assert c.complete


def test_periodical_with_comma_in_title_and_date_in_parentheses():
    c = parse_citation("News, Views, and More!, Vol. 3, No. 9 (2nd of May, 1931)")
    assert c.title == "News, Views, and More!"
    assert (c.volume, c.issue, c.date, c.periodical) == ("3", "9", "2nd of May, 1931", True)


def test_several_places():
    c = parse_citation("Title, in Book, Press, New York and London, 2023.")
    assert (c.publisher, c.places, c.date) == ("Press", "New York and London", "2023")


def test_title_only():
    c = parse_citation("Just a Title")
    assert c.title == "Just a Title" and c.publisher is None and c.date is None
