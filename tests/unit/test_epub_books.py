"""The EPUB writer on whole books: the five sample texts, one EPUB each, and the
anthology of all five. Checked by the real checkers (EPUBCheck once over these six
and five books of another project's TEI; Ace on the anthology), by their text
(nothing lost, nothing added, in reading order), and by building twice
(byte-identical)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from tei_pipeline.pipeline import convert_file, find_texts
from tei_pipeline.tei.builder import drop
from tei_pipeline.tei.ns import TEI_NS, local_name
from tei_pipeline.writers.epub import EpubWriter, anthology
from tei_pipeline.writers.html.notes import is_footnote
from tests.support import checkers

REPO = Path(__file__).resolve().parents[2]
SCHNITZLER = REPO.parent / "shared" / "corpora" / "schnitzler-letters"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
XHTML = "http://www.w3.org/1999/xhtml"


@pytest.fixture(scope="module")
def sample_tei() -> list[tuple[str, etree._ElementTree]]:
    """The five sources converted to TEI, as the pipeline gives them to writers."""
    docs = []
    for path in find_texts(REPO / "sources"):
        conversion = convert_file(path, f"sources/{path.name}")
        assert conversion.ok, conversion.reporter.diagnostics
        docs.append((path.stem, etree.ElementTree(etree.fromstring(conversion.tei))))
    assert len(docs) == 5
    return docs


@pytest.fixture(scope="module")
def books(sample_tei: list[tuple[str, etree._ElementTree]]) -> dict[str, bytes]:
    out = {name: EpubWriter().write(doc) for name, doc in sample_tei}
    out["anthology"] = anthology(sample_tei, "tei-pipeline sample corpus")
    return out


def foreign_sample(count: int) -> list[Path]:
    """Letters of another TEI project, spread over the corpus (none if it is absent)."""
    found = sorted(SCHNITZLER.glob("*.xml")) if SCHNITZLER.is_dir() else []
    return found[:: max(1, len(found) // count)][:count]


@pytest.fixture(scope="module")
def book_files(books: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The six books, and five books of another project's TEI, as files."""
    folder = tmp_path_factory.mktemp("epub")
    paths = []
    foreign = {
        f"schnitzler-{p.stem}": EpubWriter().write(etree.parse(str(p))) for p in foreign_sample(5)
    }
    for name, data in {**books, **foreign}.items():
        (folder / f"{name}.epub").write_bytes(data)
        paths.append(folder / f"{name}.epub")
    return paths


# --- reading the text back ---------------------------------------------------------------


def alnum(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def is_navigation(el: etree._Element) -> bool:
    return local_name(el.tag) == "div" and el.get("type") == "navigation"


def tei_reading(doc: etree._ElementTree) -> tuple[str, str]:
    """(text, menus) of a TEI document in the EPUB's reading order: the text with
    its foot notes read after it (in marker order, notes in notes after them),
    and apart from it the navigation divs of the scraped page (the appendix)."""
    text_el = doc.getroot().find(f"{{{TEI_NS}}}text")
    assert text_el is not None
    queue: list[etree._Element] = []
    navs: list[etree._Element] = []

    def flow(el: etree._Element, top: bool) -> str:
        out = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str):
                if local_name(child.tag) == "note" and is_footnote(child):
                    queue.append(child)
                elif is_navigation(child) and not top:
                    navs.append(child)
                else:
                    out.append(flow(child, False))
            out.append(child.tail or "")
        return "".join(out)

    parts = [flow(text_el, False)]
    done = 0
    while done < len(queue):
        parts.append(flow(queue[done], True))
        done += 1
    menus = "".join(flow(nav, True) for nav in navs)
    return alnum("".join(parts)), alnum(menus)


def spine(data: bytes) -> list[tuple[str, bytes]]:
    """(href, bytes) of the content documents in spine order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        opf = etree.fromstring(zf.read("EPUB/package.opf"))
        items = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:item", OPF)}
        hrefs = [items[ref.get("idref")] for ref in opf.iterfind(".//opf:itemref", OPF)]
        return [(href, zf.read(f"EPUB/{href}")) for href in hrefs]


def epub_reading(data: bytes) -> list[tuple[str, str]]:
    """Letters and digits of each content document in spine order, without
    generated words (class gen); each document's footnotes read at its end."""
    out = []
    for href, raw in spine(data):
        body = etree.fromstring(raw).find(f"{{{XHTML}}}body")
        assert body is not None
        for node in body.xpath(".//*[contains(concat(' ', @class, ' '), ' gen ')]"):
            if node.getparent() is not None:
                drop(node)
        asides = body.xpath(
            ".//h:aside[@epub:type='footnote']",
            namespaces={"h": XHTML, "epub": "http://www.idpf.org/2007/ops"},
        )
        notes = "".join(alnum("".join(a.itertext())) for a in asides)
        for aside in asides:
            drop(aside)
        out.append((href, alnum("".join(body.itertext())) + notes))
    return out


def first_difference(expected: str, got: str) -> str:
    k = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(expected), len(got)),
    )
    return (
        f"at {k}: TEI …{expected[max(0, k - 40) : k + 40]}… EPUB …{got[max(0, k - 40) : k + 40]}…"
    )


def test_text_of_each_book_is_the_text_of_its_tei(
    sample_tei: list[tuple[str, etree._ElementTree]], books: dict[str, bytes]
) -> None:
    for name, doc in sample_tei:
        text, menus = tei_reading(doc)
        pages = epub_reading(books[name])
        got = "".join(t for _, t in pages)
        assert got == text + menus, f"{name}: {first_difference(text + menus, got)}"
        # the menus are in the appendix after the text, never inside it
        appendix = "".join(t for href, t in pages if href == "links.xhtml")
        assert appendix == menus, name


def test_text_of_the_anthology_is_the_text_of_all_tei(
    sample_tei: list[tuple[str, etree._ElementTree]], books: dict[str, bytes]
) -> None:
    readings = [tei_reading(doc) for _, doc in sample_tei]
    expected = "".join(t for t, _ in readings) + "".join(m for _, m in readings)
    got = "".join(t for _, t in epub_reading(books["anthology"]))
    assert got == expected, first_difference(expected, got)


@pytest.mark.skipif(not foreign_sample(1), reason=f"{SCHNITZLER} is missing")
def test_text_of_books_of_another_projects_tei() -> None:
    """Letters richly encoded by another project (commentary notes, rs, anchors)."""
    for path in foreign_sample(20):
        doc = etree.parse(str(path))
        text, menus = tei_reading(doc)
        got = "".join(t for _, t in epub_reading(EpubWriter().write(doc)))
        assert got == text + menus, f"{path.name}: {first_difference(text + menus, got)}"


def test_some_book_has_menus_notes_and_headings(books: dict[str, bytes]) -> None:
    """The samples exercise every part: else the tests above prove less."""
    hrefs = {href for data in books.values() for href, _ in spine(data)}
    assert "links.xhtml" in hrefs
    every = b"".join(raw for data in books.values() for _, raw in spine(data))
    assert b'epub:type="noteref"' in every and b'epub:type="footnote"' in every
    assert b"<h2" in every


# --- reproducible -------------------------------------------------------------------------


def test_two_builds_are_byte_identical(
    sample_tei: list[tuple[str, etree._ElementTree]], books: dict[str, bytes]
) -> None:
    for name, doc in sample_tei:
        again = EpubWriter().write(etree.ElementTree(etree.fromstring(etree.tostring(doc))))
        assert again == books[name], name
    assert anthology(sample_tei, "tei-pipeline sample corpus") == books["anthology"]


def test_another_process_builds_the_same_bytes(
    sample_tei: list[tuple[str, etree._ElementTree]], books: dict[str, bytes], tmp_path: Path
) -> None:
    """No hash order, clock or environment leaks in: a fresh interpreter with
    another hash seed, time zone and locale writes the same anthology."""
    folder = tmp_path / "tei"
    folder.mkdir()
    for name, doc in sample_tei:
        doc.write(str(folder / f"{name}.xml"))
    script = (
        "import sys, pathlib\n"
        "from lxml import etree\n"
        "from tei_pipeline.writers.epub import anthology\n"
        "paths = sorted(pathlib.Path(sys.argv[1]).glob('*.xml'))\n"
        "docs = [(p.stem, etree.parse(str(p))) for p in paths]\n"
        "sys.stdout.buffer.write(anthology(docs, 'tei-pipeline sample corpus'))\n"
    )
    env = {
        **os.environ,
        "PYTHONHASHSEED": "4242",
        "TZ": "Asia/Kathmandu",
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(REPO),
    }
    out = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        env=env,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout == books["anthology"]


def test_zip_layout(books: dict[str, bytes]) -> None:
    for name, data in books.items():
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
        assert infos[0].filename == "mimetype", name
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"
        names = [i.filename for i in infos[1:]]
        assert names == sorted(names), name
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.extra == b"" and info.comment == b""


# --- the real checkers --------------------------------------------------------------------


@pytest.mark.checker
def test_epubcheck_no_errors_no_warnings(book_files: list[Path]) -> None:
    """EPUBCheck 5 (EPUB 3.3 rules), once over all the books in one JVM."""
    results = checkers.epubcheck(book_files)
    problems = [
        f"{Path(book).name}: {m['severity']} {m['id']} {m['path']}:{m['line']}: {m['message']}"
        for book, r in results.items()
        for m in r["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert problems == [], "\n".join(problems)
    for book, result in results.items():
        assert (result["fatals"], result["errors"], result["warnings"]) == (0, 0, 0), book


@pytest.mark.checker
@pytest.mark.parametrize("name", ["anthology"])  # all five texts, every kind of page
def test_ace_finds_no_serious_violation(name: str, book_files: list[Path], tmp_path: Path) -> None:
    """Ace by DAISY: the books claim EPUB Accessibility 1.1 / WCAG 2.1 AA
    (dcterms:conformsTo), which holds only while Ace finds nothing serious."""
    book = next(p for p in book_files if p.stem == name)
    report = checkers.ace(book, tmp_path / "ace")  # skips (fails in CI) without Ace
    serious = [i for i in report["items"] if i["impact"] in ("critical", "serious")]
    assert serious == [], "\n".join(
        f"{i['file']}: {i['rule']}: {i['description']}" for i in serious
    )
    assert report["by_impact"]["critical"] == report["by_impact"]["serious"] == 0


def test_books_claim_conformance(books: dict[str, bytes]) -> None:
    """What the Ace test above holds true: every book carries the claim."""
    for name, data in books.items():
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            opf = etree.fromstring(zf.read("EPUB/package.opf"))
        claims = opf.xpath("//opf:meta[@property='dcterms:conformsTo']/text()", namespaces=OPF)
        assert claims == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"], name


def test_content_documents_parse_as_html_too(books: dict[str, bytes]) -> None:
    """Every content document is well-formed XHTML with one h1 and a title."""
    for name, data in books.items():
        for href, raw in spine(data):
            root = etree.fromstring(raw)
            assert root.get("lang") == root.get("{http://www.w3.org/XML/1998/namespace}lang")
            assert root.findtext(f".//{{{XHTML}}}title"), (name, href)
            assert len(root.findall(f".//{{{XHTML}}}h1")) == 1, (name, href)
            html.fromstring(raw)
