"""HTML writer, the picture at the top of the places on names.html: where the
places with known coordinates lie, as SVG.

Stage: writer. Input: the place entries whose location/geo gives "latitude
longitude" in decimal degrees (TEI's reading of geo without a geoDecl; the
recogniser writes it from GeoNames, an editor may write it in a register).
Output: an inline <svg>, made at build time (no script, nothing fetched): the
land of Natural Earth's 1:110m outline (data/land-110m.txt, made by
tools/land_outline.py; public domain), drawn equirectangular (x the longitude,
y minus the latitude, 360 units wide), and one dot per place linking to its
entry below. Antarctica and the far north are cropped unless a place lies there.

As on the timeline, screen readers get the picture as one image (role="img",
<title>, <desc>) and the same places as the list below; the dots are for the
mouse only (tabindex="-1"), the keyboard reaches the entries' own links.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

from .core import sub

NORTH, SOUTH = 84.0, -60.0  # the default crop: where people live
RADIUS = 2.5


@dataclass(frozen=True)
class MapPlace:
    """One place to draw: its entry's id (the dot's link) and main name."""

    entry_id: str
    name: str
    latitude: float
    longitude: float


def coordinates(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a geo in TEI's default notation, or None for any
    other notation or a point off the globe."""
    try:
        latitude, longitude = (float(part) for part in text.split())
    except ValueError:
        return None
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return latitude, longitude
    return None


@cache
def land_outline() -> str:
    return resources.files(__package__).joinpath("data", "land-110m.txt").read_text("utf-8").strip()


def places_map(places: list[MapPlace]) -> Any:
    """The <svg> of the places, or None when there is none to draw."""
    if not places:
        return None
    north = max(NORTH, *(p.latitude + RADIUS for p in places))
    south = min(SOUTH, *(p.latitude - RADIUS for p in places))
    svg = etree.Element(
        "svg",
        viewBox=f"-180 {-north:g} 360 {north - south:g}",
        role="img",
        width="360",
        height=f"{north - south:g}",
    )
    svg.set("class", "places-map")
    svg.set("aria-labelledby", "map-title map-desc")
    count = f"{len(places)} place{'' if len(places) == 1 else 's'}"
    sub(svg, "title", "Where the places the texts name lie", id="map-title")
    sub(
        svg,
        "desc",
        f"A map of the world with {count} marked, each by its coordinates. "
        "The list below gives every place with the texts that name it.",
        id="map-desc",
    )
    sub(svg, "path", d=land_outline(), class_="land")
    for place in sorted(places, key=lambda p: (-p.latitude, p.longitude, p.entry_id)):
        link = sub(svg, "a", href=f"#{place.entry_id}", tabindex="-1")
        sub(link, "title", place.name)
        sub(
            link,
            "circle",
            cx=f"{place.longitude:.2f}",
            cy=f"{-place.latitude:.2f}",
            r=f"{RADIUS:g}",
            class_="place",
        )
    return svg
