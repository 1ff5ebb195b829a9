"""The site's search (writers/html/search.py): what is indexed, the filters, paragraph
ids, Pagefind's bundle made byte-identical, and a site that stands without it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import cbor2
import pytest
from lxml import etree, html

from tei_pipeline.diagnostics import Reporter
from tei_pipeline.readers.tei import PARSER
from tei_pipeline.writers.html import render_page
from tei_pipeline.writers.html.search import SIGNATURE, canonical_filters, offline_script
from tei_pipeline.writers.html.site import build_site

TEI = "http://www.tei-c.org/ns/1.0"


def doc(title: str, body: str, standoff: str = "") -> etree._ElementTree:
    xml = f"""<TEI xmlns="{TEI}" xml:lang="en"><teiHeader><fileDesc><titleStmt>
    <title>{title}</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
    </fileDesc></teiHeader><text><body>{body}</body></text>{standoff}</TEI>"""
    return etree.ElementTree(etree.fromstring(xml, PARSER))


MORE_PERSONS = """<standOff><listPerson><person xml:id="marx"><persName type="main">Karl Marx
</persName></person><person xml:id="engels"><persName type="main">Friedrich Engels</persName>
</person></listPerson></standOff>"""
PERSONS = """<standOff><listPerson><person xml:id="lenin"><persName type="main">Vladimir Lenin
</persName></person></listPerson><listPlace><place xml:id="moscow"><placeName type="main">Moscow
</placeName></place></listPlace></standOff>"""


def two_texts() -> list[tuple[str, etree._ElementTree]]:
    first = doc(
        "First",
        '<p>Words of <persName ref="#lenin">Lenin</persName> in '
        '<placeName ref="#moscow">Moscow</placeName>, <date when="1917-11-07">7 November'
        " 1917</date>.</p><p>A second paragraph with zebras.</p>",
        PERSONS,
    )
    second = doc(
        "Second",
        '<p>Nothing dated, nobody named but <persName ref="#marx">Marx</persName>'
        ' and <persName ref="#engels">Engels</persName>.</p>',
        MORE_PERSONS,
    )
    return [("first", first), ("second", second)]


@pytest.fixture(scope="module")
def site() -> dict[str, bytes]:
    return build_site(two_texts(), Reporter())


def test_paragraphs_get_ids_on_the_site_only(site: dict[str, bytes]) -> None:
    page = html.document_fromstring(site["first.html"])
    assert page.xpath("//main//p[starts-with(@class,'tei-p')]/@id") == ["p1", "p2"]
    alone = html.document_fromstring(render_page(doc("Alone", "<p>One.</p>")))
    assert alone.xpath("//main//p[starts-with(@class,'tei-p')]/@id") == []  # near miss


def test_filters_of_a_page(site: dict[str, bytes]) -> None:
    page = html.document_fromstring(site["first.html"])
    block = page.xpath("//main/div[@hidden][@data-pagefind-ignore]")[0]
    found = [(s.get("data-pagefind-filter"), s.text) for s in block]
    # a place is named too, but only persons are a filter
    assert found == [("text", "First"), ("person", "Vladimir Lenin"), ("decade", "1910s")]
    other = html.document_fromstring(site["second.html"])
    assert [s.text for s in other.xpath("//main/div[@hidden]/span")] == [
        "Second",
        "Friedrich Engels",
        "Karl Marx",
    ]  # no dates: no decade


def test_what_is_indexed(site: dict[str, bytes]) -> None:
    for name in ("first.html", "second.html", "names.html"):
        assert html.document_fromstring(site[name]).xpath("//main[@data-pagefind-body]")
    for name in ("index.html", "timeline.html", "search.html"):  # near misses: lists, not texts
        assert not html.document_fromstring(site[name]).xpath("//*[@data-pagefind-body]")
    names = html.document_fromstring(site["names.html"])
    assert all(
        ul.get("data-pagefind-ignore") == "" for ul in names.xpath("//ul[@class='mentions']")
    )


def test_every_page_has_a_search_box_but_the_search_page(site: dict[str, bytes]) -> None:
    for name in ("first.html", "index.html", "names.html", "timeline.html"):
        form = html.document_fromstring(site[name]).xpath("//nav//form[@role='search']")
        assert form and form[0].get("action") == "search.html"
    search = html.document_fromstring(site["search.html"])
    assert not search.xpath("//nav//form")
    assert search.xpath("//main//form[@id='search-form']//select/@name") == [
        "text",
        "person",
        "decade",
    ]


def test_the_index_finds_the_words(site: dict[str, bytes]) -> None:
    # the texts in one shard (two pages, K = 1), the names page in a shard of its own
    assert site["pagefind/shards.js"] == b'window.PAGEFIND_SHARDS = ["s0", "names"];\n'
    for shard, count in (("s0", 2), ("names", 1)):
        entry = json.loads(site[f"pagefind/{shard}/pagefind-entry.json"])
        assert entry["languages"]["en"]["page_count"] == count
        offline = site[f"pagefind/{shard}/offline.js"].decode()
        head = (
            "window.PAGEFIND_FILES = window.PAGEFIND_FILES || {};\n"
            f'window.PAGEFIND_FILES["{shard}"] = '
        )
        assert offline.startswith(head)
        table = json.loads(offline.removeprefix(head).rstrip(";\n"))
        assert set(table) == {
            p.removeprefix(f"pagefind/{shard}/")
            for p in site
            if p.startswith(f"pagefind/{shard}/") and p != f"pagefind/{shard}/offline.js"
        }
    assert not [p for p in site if p.startswith("pagefind/") and p.count("/") == 1][1:]


def test_builds_give_the_same_bundle(site: dict[str, bytes]) -> None:
    # three persons and two texts: Pagefind alone would write them in changing orders
    assert all(build_site(two_texts(), Reporter()) == site for _ in range(3))


def pf(value: object) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def test_filter_values_are_sorted_and_files_renamed_by_content() -> None:
    def bundle(values: list[list[object]]) -> dict[str, bytes]:
        meta = ["1.5.2", [], [], [["person", "en_aaaaaaa"]], [], ["title"]]
        return {
            "pagefind/filter/en_aaaaaaa.pf_filter": pf(["person", values]),
            "pagefind/pagefind.en_bbbbbbbbbb.pf_meta": pf(meta),
            "pagefind/pagefind-entry.json": json.dumps(
                {"languages": {"en": {"hash": "en_bbbbbbbbbb"}}}
            ).encode(),
        }

    one = canonical_filters(bundle([["Marx", [1]], ["Engels", [0, 1]]]))
    other = canonical_filters(bundle([["Engels", [0, 1]], ["Marx", [1]]]))
    assert one == other
    name = next(p for p in one if p.endswith(".pf_filter"))
    assert name != "pagefind/filter/en_aaaaaaa.pf_filter"
    assert cbor2.loads(gzip.decompress(one[name])[len(SIGNATURE) :]) == [
        "person",
        [["Engels", [0, 1]], ["Marx", [1]]],
    ]
    meta_hash = json.loads(one["pagefind/pagefind-entry.json"])["languages"]["en"]["hash"]
    meta = cbor2.loads(gzip.decompress(one[f"pagefind/pagefind.{meta_hash}.pf_meta"])[12:])
    assert meta[3] == [["person", name.rsplit("/", 1)[1].removesuffix(".pf_filter")]]
    # near miss: different values are a different file
    third = canonical_filters(bundle([["Marx", [0]], ["Engels", [0, 1]]]))
    assert next(p for p in third if p.endswith(".pf_filter")) != name


def test_a_bundle_without_filters_is_left_alone() -> None:
    files = {"pagefind/pagefind.js": b"js", "pagefind/pagefind-entry.json": b"{}"}
    assert canonical_filters(files) == files
    assert offline_script(files, "s0").endswith(
        b'window.PAGEFIND_FILES["s0"] = {\n"pagefind-entry.json": "e30=",\n'
        b'"pagefind.js": "anM="\n};\n'
    )


def test_without_pagefind_the_site_stands_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind_bin

    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: Path("/nonexistent/pagefind"))
    reporter = Reporter()
    site = build_site([("first", doc("First", "<p>x</p>"))], reporter)
    assert "search.html" in site and not any(p.startswith("pagefind/") for p in site)
    assert [d.code for d in reporter.diagnostics] == ["w-002"]
    assert (
        reporter.diagnostics[0]
        .astext()
        .startswith("search.html: error w-002: Pagefind could not be started")
    )
