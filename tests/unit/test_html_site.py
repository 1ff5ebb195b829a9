"""The static site of the HTML writer (tei_pipeline/writers/html/site.py and the
register and timeline pages): small TEI corpora with names, dates and standOff
entries in the shape ENCODING.md gives, the site of the five sources, a site of
letters from another TEI project, and the Nu Html Checker run once over all of it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree, html

from tei_pipeline.diagnostics import Reporter
from tei_pipeline.pipeline import convert_file, find_texts
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.writers.html import HtmlWriter
from tei_pipeline.writers.html.corpus import kwic
from tei_pipeline.writers.html.names import date_phrase, human_date
from tei_pipeline.writers.html.site import build_site, dangling_links, page_file

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
WORKED_EXAMPLE = SHARED / "examples" / "workers-vanguard-2018.xml"
SCHNITZLER = SHARED / "corpora" / "schnitzler-letters"

PERSONS = """<listPerson>
  <person xml:id="lenin"><persName type="main">Vladimir Ilyich Lenin</persName>
    <persName type="variant">V. I. Lenin</persName><birth when="1870-04-22"/>
    <death when="1924-01-21"/><idno type="wikidata">Q1394</idno><idno type="viaf">123</idno>
  </person>
  <person xml:id="stalin"><persName type="main">Joseph Stalin</persName>
    <persName type="variant">Stalin</persName><birth when="1878-12-18"/></person>
</listPerson>"""
PLACES = """<listPlace><place xml:id="russia"><placeName>Russia</placeName></place>
  <place xml:id="europe"><placeName>Europe</placeName></place></listPlace>"""
ORGS = """<listOrg><org xml:id="wv"><orgName>Workers Vanguard</orgName></org></listOrg>"""


def doc(
    title: str,
    body: str,
    when: str | None = None,
    author: str = "",
    standoff: str = "",
    lang: str = "en",
    bibl: str = "",
) -> etree._ElementTree:
    creation = f'<creation><date when="{when}">{when}</date></creation>' if when else ""
    author_el = f"<author>{author}</author>" if author else ""
    source = f"<listBibl>{bibl}</listBibl>" if bibl else "<p>none</p>"
    xml = (
        f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt>'
        f'<title type="main">{title}</title>{author_el}</titleStmt>'
        f"<publicationStmt><publisher>Test corpus</publisher></publicationStmt>"
        f"<sourceDesc>{source}</sourceDesc></fileDesc>"
        f"<profileDesc>{creation}</profileDesc></teiHeader>"
        f"<text><body>{body}</body></text><standOff>{standoff}</standOff></TEI>"
    )
    return etree.ElementTree(etree.fromstring(xml))


def corpus() -> list[tuple[str, etree._ElementTree]]:
    late = doc(
        "Later Text",
        '<p>In <date when="1918-11-08">8 November 1918</date> '
        '<persName ref="#lenin">Lenin</persName> spoke of <placeName ref="#russia">Russia'
        '</placeName><note place="foot" n="1">Said by <persName ref="#lenin">V. I. Lenin'
        "</persName>.</note>.</p>",
        when="2018-11-16",
        author='<orgName ref="#wv">Workers Vanguard</orgName>',
        standoff=PERSONS.replace(
            '<persName type="variant">V. I. Lenin</persName>',
            '<persName type="variant">Lenin</persName>',
        )
        + PLACES
        + ORGS,
        bibl='<bibl><title level="j">Workers Vanguard</title><biblScope unit="issue">1144'
        '</biblScope><date when="2018-11-16">16 November 2018</date></bibl>',
    )
    early = doc(
        "Earlier Text",
        '<p><persName ref="#stalin">Stalin</persName> wrote in '
        '<date from="1917" to="1918">1917-18</date> of <placeName ref="#europe">Europe'
        '</placeName> and <persName ref="#lenin">V. I. Lenin</persName>, '
        '<date when="1917-11" cert="medium">in November</date>.</p>',
        when="1924-12-17",
        author="J. V. Stalin",
        standoff=PERSONS + PLACES,
    )
    undated = doc("Undated Text", "<p>No names, <date>no value</date>.</p>")
    return [("later", late), ("earlier", early), ("index", undated)]


@pytest.fixture(scope="module")
def site() -> dict[str, bytes]:
    return build_site(corpus(), Reporter())


def parse(site: dict[str, bytes], path: str) -> html.HtmlElement:
    return html.document_fromstring(site[path])


def text_of(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


# --- the files ----------------------------------------------------------------------


def test_site_files(site: dict[str, bytes]) -> None:
    # a document named "index" does not take the index page's file
    assert sorted(p for p in site if not p.startswith("pagefind/")) == [
        "earlier.html",
        "index.html",
        "later.html",
        "names.html",
        "search.html",
        "search.js",
        "site.js",
        "style.css",
        "text-index.html",
        "timeline.html",
    ]
    # the search index (search.py): Pagefind's code and index, and its file:// copy
    assert {
        "pagefind/shards.js",
        "pagefind/s0/pagefind.js",
        "pagefind/s0/pagefind-entry.json",
        "pagefind/s0/offline.js",
        "pagefind/names/offline.js",
    } < set(site)
    assert all(isinstance(v, bytes) for v in site.values())
    assert site == build_site(corpus(), Reporter())  # deterministic


def test_page_file_names() -> None:
    taken: set[str] = set()
    assert [page_file(n, taken) for n in ("a b/c", "names", "a-b-c", "A-B-C", "")] == [
        "a-b-c.html",
        "text-names.html",
        "a-b-c-2.html",
        "A-B-C-3.html",
        "text.html",
    ]


def test_no_dangling_links(site: dict[str, bytes]) -> None:
    assert dangling_links(site) == []


def test_dangling_links_are_found() -> None:
    page = (
        b'<!DOCTYPE html><html><body><a id="x" href="#x">ok</a><a href="#y">no</a>'
        b'<a href="b.html#x">ok</a><a href="b.html#z">no</a><a href="c.html">no</a>'
        b'<a href="https://example.org/">ext</a></body></html>'
    )
    assert dangling_links({"a.html": page, "b.html": page}) == [
        "a.html: #y (no such id)",
        "a.html: b.html#z (no such id)",
        "a.html: c.html (no such page)",
        "b.html: #y (no such id)",
        "b.html: b.html#z (no such id)",
        "b.html: c.html (no such page)",
    ]


def test_pages_share_css_and_site_nav(site: dict[str, bytes]) -> None:
    for path in ("index.html", "names.html", "timeline.html", "later.html"):
        page = parse(site, path)
        assert page.xpath("//head/link[@rel='stylesheet']/@href") == ["style.css"]
        assert not page.xpath("//head/style")
        nav = page.xpath("//body/nav[@aria-label='Site']")[0]
        assert nav.xpath(".//a/@href") == ["index.html", "names.html", "timeline.html"]
        current = nav.xpath(".//a[@aria-current='page']/@href")
        assert current == ([path] if path != "later.html" else [])
        assert page.xpath("//body/*[1]")[0].get("class") == "skip-link gen"
        assert len(page.xpath("//h1")) == 1 and page.get("lang")


# --- the index ------------------------------------------------------------------------


def test_index_sorted_by_date_with_author_date_editions(site: dict[str, bytes]) -> None:
    items = parse(site, "index.html").xpath("//ol[@class='doc-list']/li/article")
    assert [a.xpath("h2/a/@href")[0] for a in items] == [
        "earlier.html",
        "later.html",
        "text-index.html",
    ]
    assert [text_of(a.xpath("p[@class='meta']")[0]) for a in items] == [
        "J. V. Stalin · Written 17 December 1924",
        "Workers Vanguard · Written 16 November 2018",
        "Undated",
    ]
    assert [text_of(li) for li in items[1].xpath("ul[@class='sources']/li")] == [
        "Workers Vanguard, No. 1144, 16 November 2018."
    ]


# --- document pages ---------------------------------------------------------------------


def test_document_names_link_to_names_page(site: dict[str, bytes]) -> None:
    page = parse(site, "later.html")
    links = page.xpath(
        "//main//a[contains(@class,'tei-persName') or contains(@class,'tei-placeName')]"
    )
    assert [(a.get("href"), a.get("id")) for a in links] == [
        ("names.html#lenin", "m-lenin"),
        ("names.html#russia", "m-russia"),
        ("names.html#lenin", "m-lenin-2"),
    ]
    assert page.xpath("//head/script/@src") == ["site.js"]


# --- the names page ---------------------------------------------------------------------


def test_names_page_entries_merged_with_forms_dates_authorities(site: dict[str, bytes]) -> None:
    page = parse(site, "names.html")
    assert [s.xpath("h2")[0].text for s in page.xpath("//main/section")] == [
        "Persons",
        "Places",
        "Organizations",
    ]
    assert page.xpath("//section[@id='persons']/article/@id") == ["stalin", "lenin"]  # by name
    lenin = page.xpath("//article[@id='lenin']")[0]
    assert lenin.xpath("h3")[0].text == "Vladimir Ilyich Lenin"
    # variants of both documents' copies of the entry, merged by xml:id
    assert text_of(lenin.xpath("p[@class='facts']")[0]) == (
        "22 April 1870 – 21 January 1924 · also written Lenin, V. I. Lenin · Wikidata Q1394 · "
        "VIAF 123"
    )
    assert lenin.xpath("p[@class='facts']/a[@class='authority']/@href") == [
        "https://www.wikidata.org/wiki/Q1394",
        "https://viaf.org/viaf/123",
    ]
    stalin = page.xpath("//article[@id='stalin']")[0]
    assert stalin.xpath("p[@class='facts']/span[@class='life']")[0].text == "18 December 1878 –"


def test_names_page_lists_every_mention_with_context(site: dict[str, bytes]) -> None:
    lenin = parse(site, "names.html").xpath("//article[@id='lenin']")[0]
    docs = lenin.xpath("ul[@class='mentions']/li")
    assert [d.xpath("a[@class='doc']/@href")[0] for d in docs] == ["later.html", "earlier.html"]
    assert [text_of(c) for d in docs for c in d.xpath("span[@class='count']")] == ["(2 times)"]
    lines = lenin.xpath(".//li[@class='kwic']")
    assert [a for line in lines for a in line.xpath("a/@href")] == [
        "later.html#m-lenin",
        "later.html#m-lenin-2",
        "earlier.html#m-lenin",
    ]
    assert text_of(lines[0]) == "In 8 November 1918 Lenin spoke of Russia."  # no note marker
    assert text_of(lines[1]) == "Said by V. I. Lenin."


def test_names_page_header_mentions_and_unmentioned(site: dict[str, bytes]) -> None:
    page = parse(site, "names.html")
    wv = page.xpath("//article[@id='wv']")[0]
    assert text_of(wv.xpath("p[@class='named-in-header']")[0]) == "Author of Later Text"
    assert not wv.xpath("ul[@class='mentions']") and not wv.xpath("p[@class='none']")


# --- the timeline ---------------------------------------------------------------------


def test_timeline_sorted_with_words_and_links(site: dict[str, bytes]) -> None:
    page = parse(site, "timeline.html")
    assert [h.text for h in page.xpath("//main/section/h2")] == ["1910s"]
    items = page.xpath("//ol[@class='timeline']/li")
    assert [text_of(li.xpath("p[@class='when']")[0]) for li in items] == [
        "1917 – 1918",
        "November 1917 (uncertain)",
        "8 November 1918",
    ]
    assert [li.xpath(".//p[@class='kwic']/a/@href")[0] for li in items] == [
        "earlier.html#date-1",
        "earlier.html#date-2",
        "later.html#date-1",
    ]
    assert [li.xpath(".//p[@class='kwic']/a")[0].text for li in items] == [
        "1917-18",
        "in November",
        "8 November 1918",
    ]
    assert items[2].xpath("p/time/@datetime") == ["1918-11-08"]
    assert text_of(items[0].xpath(".//p[@class='source']")[0]) == "in Earlier Text"


def test_dates_of_register_entries_are_not_on_the_timeline() -> None:
    site = build_site(
        [("a", doc("A", '<p><date when="1900">1900</date></p>', standoff=PERSONS))], Reporter()
    )
    items = html.document_fromstring(site["timeline.html"]).xpath("//ol[@class='timeline']/li")
    assert len(items) == 1


def test_human_dates() -> None:
    assert [human_date(v) for v in ("1948-10-17", "1948-10", "1948", "-0044", "about 1900")] == [
        "17 October 1948",
        "October 1948",
        "1948",
        "44 BCE",
        "about 1900",
    ]
    el = etree.fromstring(f'<date xmlns="{TEI_NS}" notBefore="1980" notAfter="1989">x</date>')
    assert date_phrase(el) == "between 1980 and 1989"


def test_kwic_cuts_at_words_and_skips_generated() -> None:
    p = html.fragment_fromstring(
        '<p>one two three <sup class="gen">1</sup>four <a id="x">five</a> six seven eight nine</p>'
    )
    assert kwic(p.get_element_by_id("x"), width=12) == ("…three four ", "five", " six seven…")


def test_empty_site() -> None:
    site = build_site([], Reporter())
    assert dangling_links(site) == [] and b"no person" in site["names.html"]


# --- whole corpora: ours and another project's --------------------------------------------


def five_sources() -> list[tuple[str, etree._ElementTree]]:
    """The five sources converted in-process, plus the worked example of ENCODING.md
    (hand-encoded, with names and a standOff in the shape the pipeline aims at)."""
    docs = []
    for path in find_texts(REPO / "sources"):
        conversion = convert_file(path, f"sources/{path.name}")
        docs.append((path.stem, etree.ElementTree(etree.fromstring(conversion.tei))))
    if WORKED_EXAMPLE.is_file():
        docs.append(("worked-example", etree.parse(str(WORKED_EXAMPLE))))
    return docs


def schnitzler_letters(count: int = 20) -> list[tuple[str, etree._ElementTree]]:
    files = sorted(SCHNITZLER.glob("*.xml")) if SCHNITZLER.is_dir() else []
    step = max(1, len(files) // count)
    return [(f.stem, etree.parse(str(f))) for f in files[::step][:count]]


@pytest.fixture(scope="module")
def our_site() -> dict[str, bytes]:
    return build_site(five_sources(), Reporter())


@pytest.fixture(scope="module")
def letters_site() -> dict[str, bytes]:
    letters = schnitzler_letters()
    if not letters:
        pytest.skip(f"{SCHNITZLER} is missing")
    return build_site(letters, Reporter())


def test_our_site_links_resolve(our_site: dict[str, bytes]) -> None:
    # the documents, index, names, timeline and search
    assert len([p for p in our_site if p.endswith(".html")]) == len(five_sources()) + 4
    assert dangling_links(our_site) == []


def test_letters_site_links_resolve_and_names_are_found(letters_site: dict[str, bytes]) -> None:
    assert dangling_links(letters_site) == []
    names = html.document_fromstring(letters_site["names.html"])
    assert len(names.xpath("//article[contains(@class,'entry-person')]")) > 10
    assert names.xpath("//li[@class='kwic']/a[contains(@href,'#m-pmb')]")
    assert names.xpath("//a[@class='authority'][starts-with(@href,'https://d-nb.info/gnd/')]")
    assert html.document_fromstring(letters_site["timeline.html"]).xpath("//ol/li")


def heading_levels_ok(page: html.HtmlElement) -> bool:
    levels = [int(h.tag[1]) for h in page.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    return levels[:1] == [1] and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_accessibility_basics(our_site: dict[str, bytes], letters_site: dict[str, bytes]) -> None:
    """Static checks of what the Nu checker does not ask: one h1 first and no
    skipped heading level, every landmark nav named and named differently, every
    link with words, the skip link first and pointing at main."""
    for site in (our_site, letters_site):
        for path in (p for p in site if p.endswith(".html")):
            page = html.document_fromstring(site[path])
            assert heading_levels_ok(page), path
            labels = [n.get("aria-label") for n in page.xpath("//nav")]
            assert all(labels) and len(labels) == len(set(labels)), path
            assert all(text_of(a) or a.get("aria-label") for a in page.xpath("//a")), path
            skip = page.xpath("//body/*[1]")[0]
            assert skip.get("href") == "#" + page.xpath("//main/@id")[0], path


def test_build_time(our_site: dict[str, bytes]) -> None:
    docs = five_sources()
    start = time.perf_counter()
    build_site(docs, Reporter())
    assert time.perf_counter() - start < 5.0


@pytest.mark.checker
def test_nu_html_checker_over_every_page(
    our_site: dict[str, bytes], letters_site: dict[str, bytes], tmp_path: Path
) -> None:
    """One Nu checker run over every page of both sites, and over one standalone
    page, whose inline <style> makes the checker read the stylesheet too."""
    from tests.support import checkers

    pages = []
    for name, site in (("ours", our_site), ("letters", letters_site)):
        for path, data in site.items():
            if path.endswith(".html"):
                target = tmp_path / name / path
                target.parent.mkdir(exist_ok=True)
                target.write_bytes(data)
                pages.append(target)
    standalone = tmp_path / "standalone.html"
    standalone.write_bytes(HtmlWriter().write(corpus()[0][1], None))
    pages.append(standalone)
    errors = checkers.vnu(pages)  # skips itself (fails under CI) when the jar is missing
    assert errors == [], "\n".join(f"{e['file']}:{e['line']}: {e['message']}" for e in errors[:20])


def test_author_with_its_own_ref_and_letter_dates() -> None:
    """As other projects write it: <author ref="#id"> itself, and a letter dated by
    its correspDesc."""
    letter = doc(
        "A Letter",
        '<p>Dear <persName ref="#lenin">Lenin</persName></p>',
        author="J. V. Stalin",
        standoff=PERSONS,
    )
    letter.find(f".//{{{TEI_NS}}}author").set("ref", "#stalin")
    letter.find(f".//{{{TEI_NS}}}profileDesc").append(
        etree.fromstring(
            f'<correspDesc xmlns="{TEI_NS}"><correspAction type="sent"><date when="1922-12-24">'
            "24. 12. 1922</date></correspAction></correspDesc>"
        )
    )
    site = build_site([("letter", letter)], Reporter())
    names = html.document_fromstring(site["names.html"])
    assert text_of(names.xpath("//article[@id='stalin']/p[@class='named-in-header']")[0]) == (
        "Author of A Letter"
    )
    index = html.document_fromstring(site["index.html"])
    assert text_of(index.xpath("//p[@class='meta']")[0]) == "J. V. Stalin · Sent 24 December 1922"
