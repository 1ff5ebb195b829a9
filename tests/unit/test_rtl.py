"""Texts written right to left (he, ar, fa, ur, yi ...): the HTML page and the EPUB's
pages carry dir="rtl", links to them from English pages are isolated with their own
dir, and the EPUB's spine turns pages to the left. The Nu checker and EPUBCheck
must still find nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from tei_pipeline.cli import main
from tei_pipeline.writers.html.lang import direction

OPF = "{http://www.idpf.org/2007/opf}"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("he", "rtl"),
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("yi", "rtl"),
        ("he-IL", "rtl"),
        ("heb", "rtl"),  # ISO 639-2, as TEI projects write it
        ("az-Arab", "rtl"),  # the script subtag decides
        ("ar-Latn", "ltr"),  # near miss: Arabic in Latin letters
        ("ku", "ltr"),  # near miss: Kurdish is usually in Latin letters
        ("ku-Arab", "rtl"),
        ("en", "ltr"),
        ("de", "ltr"),
        ("und", "ltr"),
        ("", "ltr"),
    ],
)
def test_direction(tag: str, expected: str) -> None:
    assert direction(tag) == expected


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rtl")
    src = root / "src"
    src.mkdir()
    (src / "he.txt").write_text("שיר השירים\n\nהפסקה הראשונה של טקסט קצר.\n", encoding="utf-8")
    (src / "he.toml").write_text('language = "he"\npublisher = "P"\n', encoding="utf-8")
    (src / "en.txt").write_text("An English Title\n\nThe first paragraph.\n", encoding="utf-8")
    (src / "en.toml").write_text('publisher = "P"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(root / "out"), "-q"])
    assert result.exit_code == 0, result.output
    return root / "out"


def _html_root(path: Path) -> etree._Element:
    return html.fromstring(path.read_bytes()).getroottree().getroot()


def test_html_pages(built: Path) -> None:
    assert _html_root(built / "html" / "he.html").get("dir") == "rtl"
    assert _html_root(built / "html" / "en.html").get("dir") is None  # near miss
    index = _html_root(built / "html" / "index.html")
    assert index.get("dir") is None
    links = {a.get("href"): a.get("dir") for a in index.iter("a")}
    assert links["he.html"] == "rtl" and links["en.html"] is None


def _opf(book: Path) -> etree._Element:
    with zipfile.ZipFile(book) as z:
        return etree.fromstring(z.read("EPUB/package.opf"))


def test_epub_spine_and_pages(built: Path) -> None:
    spine = _opf(built / "epub" / "he.epub").find(f"{OPF}spine")
    assert spine is not None and spine.get("page-progression-direction") == "rtl"
    for name in ("en.epub", "anthology.epub"):  # near misses: English first
        spine = _opf(built / "epub" / name).find(f"{OPF}spine")
        assert spine is not None and spine.get("page-progression-direction") is None
    with zipfile.ZipFile(built / "epub" / "he.epub") as z:
        text = etree.fromstring(z.read("EPUB/text.xhtml"))
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
    assert text.get("dir") == "rtl"
    # the English labels of the contents page read left to right inside it
    assert nav.get("dir") == "rtl" and nav.xpath("//*[@lang='en'][@dir='ltr']")


@pytest.mark.checker
def test_nu_html_checker(built: Path) -> None:
    from tests.support import checkers

    errors = checkers.vnu(sorted((built / "html").glob("*.html")))
    assert errors == [], errors[:5]


@pytest.mark.checker
def test_epubcheck(built: Path) -> None:
    from tests.support import checkers

    results = checkers.epubcheck(sorted((built / "epub").glob("*.epub")))
    for book, r in results.items():
        assert (r["fatals"], r["errors"], r["warnings"]) == (0, 0, 0), (book, r["messages"])
