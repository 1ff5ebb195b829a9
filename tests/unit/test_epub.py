"""The EPUB writer (tei_pipeline/writers/epub), one rule per test on small TEI
documents: package metadata from the header, footnotes, links, navigation,
menus, the anthology, the zip. Whole books and the real checkers are in
test_epub_books.py."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.diagnostics import Reporter
from tei_pipeline.readers.tei import read_tei
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.transforms.base import Context
from tei_pipeline.writers.epub import EpubWriter, anthology
from tei_pipeline.writers.epub.metadata import languages, plain
from tei_pipeline.writers.epub.package import zip_epub
from tests.support.steps import demanding_tei, growth

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

HEADER = """<teiHeader><fileDesc>
  <titleStmt><title type="main">The <hi rend="italic">Main</hi> Title</title>
    <title type="sub">A Subtitle</title>
    <author><persName ref="#a1">Anna <surname>Author</surname></persName></author>
    <author>Bert Second</author>
    <respStmt><resp>Encoded by rule</resp><name>tei-pipeline</name></respStmt></titleStmt>
  <publicationStmt><publisher>Sample Press</publisher>
    <availability><licence>Free <hi>to</hi> read.</licence></availability></publicationStmt>
  <sourceDesc>
    <bibl type="digitalSource"><title>src.txt</title><idno type="sha256">ab12cd</idno></bibl>
    <listBibl>
      <bibl><title level="m">Selected <hi>Works</hi></title><biblScope unit="volume">4</biblScope>
        <publisher>FLP</publisher><date when="1965">1965</date></bibl>
      <bibl><title level="j">A Journal</title><date when="1948-11-01">1 November 1948</date></bibl>
    </listBibl>
  </sourceDesc></fileDesc>
  <profileDesc>CREATION<langUsage><language ident="en">English</language></langUsage></profileDesc>
</teiHeader>"""
CREATION = '<creation><date when="1948-10-17">17 October 1948</date></creation>'


def tei_doc(
    body: str = "<p>x</p>",
    front: str = "",
    back: str = "",
    lang: str | None = "en",
    creation: str = CREATION,
    header: str = HEADER,
) -> etree._ElementTree:
    front = f"<front>{front}</front>" if front else ""
    back = f"<back>{back}</back>" if back else ""
    lang_attr = f' xml:lang="{lang}"' if lang is not None else ""
    return etree.ElementTree(
        etree.fromstring(
            f'<TEI xmlns="{TEI_NS}"{lang_attr}>{header.replace("CREATION", creation)}'
            f"<text>{front}<body>{body}</body>{back}</text></TEI>"
        )
    )


def files_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def opf_of(data: bytes) -> etree._Element:
    return etree.fromstring(files_of(data)["EPUB/package.opf"])


def page(data: bytes, href: str) -> etree._Element:
    return etree.fromstring(files_of(data)[f"EPUB/{href}"])


def write(doc: etree._ElementTree | None = None, **kw: str) -> bytes:
    return EpubWriter().write(doc if doc is not None else tei_doc(**kw), Context(shown_as="t.xml"))


def dc(opf: etree._Element, name: str) -> list[str]:
    return [str(v) for v in opf.xpath(f"//dc:{name}/text()", namespaces=NS)]


def meta(opf: etree._Element, prop: str) -> list[str]:
    return [str(v) for v in opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)]


# --- contract -------------------------------------------------------------------------------


def test_writer_contract() -> None:
    assert EpubWriter.name == "epub" and EpubWriter.media_type == "application/epub+zip"
    data = write()
    assert isinstance(data, bytes) and data.startswith(b"PK")
    assert set(files_of(data)) == {
        "mimetype",
        "META-INF/container.xml",
        "EPUB/package.opf",
        "EPUB/nav.xhtml",
        "EPUB/style.css",
        "EPUB/title.xhtml",
        "EPUB/text.xhtml",
    }


def test_writes_tei_read_by_the_tei_reader(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(etree.tostring(tei_doc()))
    assert write(read_tei(path, "doc.xml")) == write()


# --- metadata rules -------------------------------------------------------------------------


def test_title_subtitle_creators_with_roles() -> None:
    opf = opf_of(write())
    assert dc(opf, "title") == ["The Main Title", "A Subtitle"]
    assert meta(opf, "title-type") == ["main", "subtitle"]
    assert dc(opf, "creator") == ["Anna Author", "Bert Second"]
    roles = opf.xpath(
        "//opf:meta[@property='role'][starts-with(@refines, '#creator')]", namespaces=NS
    )
    assert [(r.get("refines"), r.get("scheme"), r.text) for r in roles] == [
        ("#creator-1", "marc:relators", "aut"),
        ("#creator-2", "marc:relators", "aut"),
    ]
    ids = opf.xpath("//dc:creator/@id", namespaces=NS)
    assert ids == ["creator-1", "creator-2"]
    assert dc(opf, "contributor") == ["tei-pipeline"]


def test_one_date_the_creation_date_even_with_several_dated_editions() -> None:
    opf = opf_of(write())
    assert dc(opf, "date") == ["1948-10-17"]
    # the editions' dates are in their dc:source lines, not in more dc:date
    assert any("1965" in s for s in dc(opf, "source"))


def test_without_creation_date_the_earliest_edition_date() -> None:
    assert dc(opf_of(write(creation="")), "date") == ["1948-11-01"]


def test_undated_text_gets_no_invented_date() -> None:
    header = re.sub(r"<date [^>]*>[^<]*</date>", "", HEADER)
    assert dc(opf_of(write(creation="", header=header)), "date") == []


def test_creation_range_gives_its_start() -> None:
    creation = '<creation><date from="1917-03" to="1917-11">1917</date></creation>'
    assert dc(opf_of(write(creation=creation)), "date") == ["1917-03"]


def test_no_markup_in_dublin_core() -> None:
    opf = opf_of(write())
    for el in opf.xpath("//dc:*", namespaces=NS):
        assert len(el) == 0 and (el.text or "").strip(), etree.tostring(el)
        assert "<" not in el.text
    assert dc(opf, "rights") == ["Free to read."]
    # one line per edition; the digital source file is not an edition
    assert dc(opf, "source") == [
        "Selected Works, Vol. 4, FLP, 1965.",
        "A Journal, 1 November 1948.",
    ]
    assert dc(opf, "publisher") == ["Sample Press"]


@pytest.mark.parametrize(("lang", "expected"), [("de", "de"), ("fra", "fr"), ("en-GB", "en-GB")])
def test_language_from_xml_lang(lang: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    data = write(lang=lang)
    opf = opf_of(data)
    assert dc(opf, "language")[0] == expected
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == expected
    for href in ("title.xhtml", "text.xhtml", "nav.xhtml"):
        assert page(data, href).get("lang") == expected


def test_language_without_xml_lang() -> None:
    assert dc(opf_of(write(lang=None)), "language") == ["en"]  # from langUsage
    bare = tei_doc(
        lang=None,
        header=HEADER.replace('<langUsage><language ident="en">English</language></langUsage>', ""),
    )
    assert languages(bare.getroot()) == ["und"]


def test_identifier_from_the_content() -> None:
    opf = opf_of(write())
    (ident,) = dc(opf, "identifier")
    assert re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
        r"[0-9a-f]{12}",
        ident,
    )
    assert opf.get("unique-identifier") == opf.xpath("//dc:identifier/@id", namespaces=NS)[0]
    assert dc(opf_of(write()), "identifier") == [ident]
    assert dc(opf_of(write(body="<p>y</p>")), "identifier") != [ident]


def test_modified_is_the_latest_header_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert meta(opf_of(write()), "dcterms:modified") == ["1965-01-01T00:00:00Z"]
    header = re.sub(r"<date [^>]*>[^<]*</date>", "", HEADER)
    assert meta(opf_of(write(creation="", header=header)), "dcterms:modified") == [
        "1980-01-01T00:00:00Z"
    ]


def test_modified_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert meta(opf_of(write()), "dcterms:modified") == ["2023-11-14T22:13:20Z"]


def test_accessibility_metadata() -> None:
    opf = opf_of(write())
    assert meta(opf, "schema:accessMode") == ["textual"]
    assert meta(opf, "schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(
        meta(opf, "schema:accessibilityFeature")
    )
    assert meta(opf, "schema:accessibilityHazard") == ["none"]
    assert meta(opf, "schema:accessibilitySummary")[0].startswith("A reflowable EPUB 3")
    assert meta(opf, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    unclaimed = opf_of(EpubWriter(claim_conformance=False).write(tei_doc()))
    assert meta(unclaimed, "dcterms:conformsTo") == []
    assert "automated checks" not in meta(unclaimed, "schema:accessibilitySummary")[0]


LETTER_HEADER = """<teiHeader><fileDesc>
  <titleStmt><title level="s">Collected Letters</title>
    <title type="iso-date" when-iso="1889-08-02">1889-08-02</title>
    <title level="a">F. M. to A. S., 2. 8. 1889</title>
    <author>M., F.</author>
    <editor><name>Editor, One</name><name>Editor, Two</name></editor></titleStmt>
  <publicationStmt><publisher>A Centre</publisher><date when="2023">2023</date>
    <availability><licence target="https://creativecommons.org/licenses/by/4.0/">
      <p>Share.</p><p>Adapt.</p></licence></availability></publicationStmt>
  <sourceDesc><listWit><witness><msDesc><msIdentifier><country>GB</country>
    <settlement>Cambridge</settlement><repository>University Library</repository>
    <idno>B 68</idno></msIdentifier></msDesc></witness></listWit></sourceDesc></fileDesc>
  <profileDesc><langUsage><language ident="de-AT">German</language></langUsage>
    <correspDesc><correspAction type="sent"><date when="1889-08-02">2. 8. 1889</date>
    </correspAction><correspAction type="received"><date notBefore="1889-08-03"
    notAfter="1889-08-07">?</date></correspAction></correspDesc></profileDesc>
</teiHeader>"""


def test_metadata_of_another_projects_letter() -> None:
    """TEI nobody here wrote (the shape of the Schnitzler letters)."""
    opf = opf_of(write(header=LETTER_HEADER, lang=None))
    assert dc(opf, "title") == ["F. M. to A. S., 2. 8. 1889"]  # the item, not its series
    assert dc(opf, "contributor") == ["Editor, One", "Editor, Two"]
    assert dc(opf, "date") == ["1889-08-02"]  # the letter was sent then
    assert dc(opf, "language") == ["de-AT"]
    assert dc(opf, "source") == ["GB, Cambridge, University Library, B 68"]
    assert dc(opf, "rights") == ["Share. Adapt. (https://creativecommons.org/licenses/by/4.0/)"]
    assert meta(opf, "dcterms:modified") == ["2023-01-01T00:00:00Z"]


def test_accessibility_summary_says_only_what_is_true() -> None:
    plain_book = meta(opf_of(write()), "schema:accessibilitySummary")[0]
    assert "Footnotes" not in plain_book and "menus" not in plain_book
    nav = '<div type="navigation"><list><item>Home</item></list></div>'
    rich = meta(
        opf_of(write(front=nav, body='<p>a<note place="foot" n="1">b</note></p>')),
        "schema:accessibilitySummary",
    )[0]
    assert "Footnotes are linked" in rich and "appendix" in rich


# --- content documents ----------------------------------------------------------------------


def test_title_page_has_title_and_provenance() -> None:
    title = page(write(), "title.xhtml")
    text = " ".join("".join(title.itertext()).split())
    assert title.xpath("//h:section[@epub:type='titlepage']/h:h1/text()", namespaces=NS) == [
        "The Main Title"
    ]
    for words in (
        "Anna Author",
        "Source editions",
        "ab12cd",
        "Encoded by rule: tei-pipeline",
        "Free to read.",
    ):
        assert words in text


def test_footnotes_pop_up_and_link_both_ways() -> None:
    body = '<p>Word<note place="foot" n="1">The <hi>note</hi>.</note> and more.</p>'
    text = page(write(body=body), "text.xhtml")
    (ref,) = text.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    assert ref.get("role") == "doc-noteref" and ref.text == "1"
    (aside,) = text.xpath("//h:aside", namespaces=NS)
    assert aside.get(EPUB_TYPE) == "footnote" and aside.get("role") == "doc-footnote"
    assert ref.get("href") == f"#{aside.get('id')}"
    (back,) = aside.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
    assert text.xpath(
        f"//*[@id='{back.get('href')[1:]}']//h:a[@epub:type='noteref']", namespaces=NS
    ) == [ref]
    assert "".join(aside.itertext()).split() == ["1", "The", "note."]
    # no copy of the note beside its marker: the reading system pops the aside up
    assert "note." not in "".join(ref.getparent().itertext())


def test_links_resolve_inside_the_book() -> None:
    body = (
        '<p><persName ref="#a1">Anna</persName> and <ref target="https://example.org/">'
        "a site</ref>.</p>"
    )
    text = page(write(body=body), "text.xhtml")
    ids = set(text.xpath("//@id"))
    for href in text.xpath("//h:a/@href", namespaces=NS):
        assert href.startswith("https://") or href[1:] in ids, href
    assert "Anna" in "".join(text.itertext())


def test_menus_go_to_an_appendix_after_the_text() -> None:
    nav = '<div type="navigation"><list><item>Home</item><item>Archive</item></list></div>'
    data = write(front=nav, body="<p>The text.</p>", back=nav.replace("Home", "Contact"))
    text = "".join(page(data, "text.xhtml").itertext())
    assert "Home" not in text and "Contact" not in text
    links = page(data, "links.xhtml")
    (section,) = links.xpath("//h:section[@epub:type='appendix']", namespaces=NS)
    assert section.get("role") == "doc-appendix"
    words = "".join(section.itertext())
    assert words.index("Home") < words.index("Archive") < words.index("Contact")
    spine = opf_of(data).xpath("//opf:itemref/@idref", namespaces=NS)
    hrefs = {i.get("id"): i.get("href") for i in opf_of(data).iterfind(".//opf:item", NS)}
    assert [hrefs[i] for i in spine] == ["title.xhtml", "text.xhtml", "links.xhtml"]


def test_toc_has_the_heads_nested_and_landmarks() -> None:
    body = (
        "<div><head>One</head><p>a</p><div><head>One.A</head><p>b</p></div></div>"
        '<div><head>Two</head><p>c<note place="foot" n="1">n</note></p></div>'
    )
    data = write(body=body)
    nav = page(data, "nav.xhtml")
    (toc,) = nav.xpath("//h:nav[@epub:type='toc']", namespaces=NS)
    assert toc.get("role") == "doc-toc"

    def entries(ol: etree._Element) -> list[object]:
        out: list[object] = []
        for li in ol.iterfind("h:li", NS):
            label = li.find("h:a", NS).text
            sub = li.find("h:ol", NS)
            out.append((label, entries(sub)) if sub is not None else label)
        return out

    assert entries(toc.find("h:ol", NS)) == [
        ("The Main Title", ["About this edition", ("Text", [("One", ["One.A"]), "Two"]), "Notes"])
    ]
    text = page(data, "text.xhtml")
    for href in toc.xpath(".//h:a/@href", namespaces=NS):
        target, _, frag = href.partition("#")
        if frag:
            assert page(data, target).xpath(f"//*[@id='{frag}']"), href
    marks = nav.xpath("//h:nav[@epub:type='landmarks']//h:a", namespaces=NS)
    assert [(a.get(EPUB_TYPE), a.get("href")) for a in marks] == [
        ("titlepage", "title.xhtml"),
        ("bodymatter", "text.xhtml"),
    ]
    assert text.xpath("//h:h2/@id", namespaces=NS)


# --- anthology ------------------------------------------------------------------------------


def test_anthology_is_one_book_of_all_documents() -> None:
    one = tei_doc(body="<p>First text.</p>")
    two = tei_doc(
        body="<p>Second text.</p>",
        creation='<creation><date when="1950">1950</date></creation>',
        lang="de",
    )
    data = anthology([("one", one), ("two/odd name", two)], "Collected")
    opf = opf_of(data)
    assert dc(opf, "title") == ["Collected"]
    assert dc(opf, "date") == ["1950"]  # one date: the newest text's
    assert dc(opf, "language") == ["en", "de"]
    assert dc(opf, "creator") == ["Anna Author", "Bert Second"]  # no repeats
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:item", NS)}
    spine = [hrefs[i] for i in opf.xpath("//opf:itemref/@idref", namespaces=NS)]
    assert spine == [
        "book-title.xhtml",
        "01-one-title.xhtml",
        "01-one.xhtml",
        "02-two-odd-name-title.xhtml",
        "02-two-odd-name.xhtml",
    ]
    assert page(data, "02-two-odd-name.xhtml").get("lang") == "de"
    assert dc(opf, "identifier") != dc(opf_of(anthology([("one", one)], "Collected")), "identifier")
    with pytest.raises(ValueError):
        anthology([], "Empty")


def test_anthology_reports_under_each_documents_name() -> None:
    reporter = Reporter()
    odd = tei_doc(body="<p>a <oddThing>kept words</oddThing></p>")
    data = anthology([("first", tei_doc()), ("odd.xml", odd)], "C", reporter=reporter)
    assert [(d.code, d.location.path) for d in reporter.diagnostics] == [("w-001", "odd.xml")]
    assert b"kept words" in files_of(data)["EPUB/02-odd-xml.xhtml"]


# --- zip --------------------------------------------------------------------------------------


def test_zip_mimetype_first_stored_then_sorted_with_fixed_dates() -> None:
    data = zip_epub({"b.txt": b"b", "META-INF/container.xml": b"c", "a/z.txt": b"z"})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == ["mimetype", "META-INF/container.xml", "a/z.txt", "b.txt"]
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert data[30:58] == b"mimetypeapplication/epub+zip"  # no extra field before the data
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert zip_epub({"b.txt": b"b", "a/z.txt": b"z", "META-INF/container.xml": b"c"}) == data


def test_plain_collapses_markup_and_space() -> None:
    el = etree.fromstring(f'<title xmlns="{TEI_NS}">A <hi>b</hi>\n  c</title>')
    assert plain(el) == "A b c"


def test_english_labels_are_marked_in_a_book_in_another_language() -> None:
    """WCAG 3.1.2 Language of Parts: the writer's English words say so; the
    text's words keep the book's language."""
    nav = '<div type="navigation"><list><item>Start</item></list></div>'
    data = write(lang="de", front=nav, body='<p>Wort<note place="foot" n="1">Anm.</note></p>')
    toc = page(data, "nav.xhtml")
    labels = {a.text: a.get("lang") for a in toc.iterfind(".//h:a", NS)}
    assert labels["Text"] == labels["Notes"] == labels["About this edition"] == "en"
    assert labels["The Main Title"] is None  # the text's own title: the book's language
    assert toc.get("lang") == "de"
    text = page(data, "text.xhtml")
    assert text.xpath("//h:section[contains(@class, 'notes')]/h:h2/@lang", namespaces=NS) == ["en"]
    assert "Anm." in "".join(text.xpath("//h:aside", namespaces=NS)[0].itertext())
    heading = page(data, "links.xhtml").find(".//h:h1/h:span", NS)
    assert heading is not None and heading.get("lang") == "en"
    english_book = page(write(), "nav.xhtml")
    assert english_book.xpath("//h:a/@lang", namespaces=NS) == []  # nothing to mark


# --- linear time: counted steps, never timings (tests/support/steps.py) -----------------


def test_a_book_of_20000_paragraphs_with_notes_and_headings() -> None:
    body = "".join(
        f'<div><head>Part {i}</head><p>Paragraph {i}.<note place="foot">Note {i}.'
        "</note></p></div>\n"
        if i % 10 == 0
        else f"<p>Paragraph {i}.</p>\n"
        for i in range(20000)
    )
    data = write(tei_doc(body))
    text = page(data, "text.xhtml")
    paragraphs = text.xpath("//h:main//h:p[not(ancestor::h:aside)]", namespaces=NS)
    asides = text.xpath("//h:aside[@epub:type='footnote']", namespaces=NS)
    assert len(paragraphs) == 20000 and len(asides) == 2000
    toc = files_of(data)["EPUB/nav.xhtml"].decode()
    assert toc.count("text.xhtml#") == 2000 + 1  # the 2000 headings and the notes


def book_of_size(n: int) -> Callable[[], object]:
    data = demanding_tei(n)
    return lambda: EpubWriter().write(etree.ElementTree(etree.fromstring(data)))


def anthology_of_size(n: int) -> Callable[[], object]:
    texts = [demanding_tei(3) for _ in range(n)]
    return lambda: anthology(
        [(f"t{k}", etree.ElementTree(etree.fromstring(t))) for k, t in enumerate(texts)], "All"
    )


@pytest.mark.parametrize("make", [book_of_size, anthology_of_size], ids=["book", "anthology"])
def test_books_take_linear_steps(make: Callable[[int], Callable[[], object]]) -> None:
    # Four times the input: about four times the steps when linear, sixteen when quadratic.
    ratio = growth(make, 60 if make is book_of_size else 6)
    assert ratio < 4.6, f"4x the input took {ratio:.1f}x the steps"


def test_canonical_bytes_are_those_of_tostring_c14n2() -> None:
    from tei_pipeline.writers.epub import canonical_bytes

    data = (
        b'<?xml version="1.0"?>\n<!-- before --><?pi x?><TEI xmlns="http://www.tei-c.org/ns/1.0"'
        b' b="2" a="&#9;&#10;&#13;&quot;"><!-- c --><p xml:lang="fr">a &amp; b\r\n&lt;&gt;'
        b' \xc3\xa9<?pi y?></p><x:y xmlns:x="urn:x"/></TEI><!-- after -->'
    )
    tree = etree.fromstring(data).getroottree()
    assert canonical_bytes(tree) == etree.tostring(tree, method="c14n2")
    assert b"<!-- c -->" in canonical_bytes(tree)  # comments kept, as tostring keeps them
