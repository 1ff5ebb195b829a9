"""Make the land outline the places map draws (tei_pipeline/writers/html/data/land-110m.txt).

    cd tei_pipeline/writers/html/data
    python ../../../../tools/land_outline.py package/land-110m.json > land-110m.txt

Input: Natural Earth's 1:110m land (public domain), as TopoJSON in the npm package
world-atlas 2.0.2 (`npm pack world-atlas@2.0.2`; ISC licence, kept beside the
output as land-110m-LICENSE.txt). Output: one SVG path, equirectangular: x is the
longitude, y minus the latitude, in degrees rounded to 0.1, so the map's drawing
is 360 units wide. Run once by a developer; the build only reads the result.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs in degrees: TopoJSON stores each as quantized deltas."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring from its arcs; ~i is arc i reversed; each arc's first point repeats the last's."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with no jump across the antimeridian (Fiji, Chukotka): a step of
    more than 180 degrees of longitude is taken the short way, past +-180."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            step = lon + shift - out[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def copies(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring, and the same ring a world over where it passes +-180: the map's
    frame cuts each copy at the edge, so both halves show."""
    lons = [lon for lon, _ in points]
    rings = [points]
    if max(lons) > 180:
        rings.append([(lon - 360, lat) for lon, lat in points])
    if min(lons) < -180:
        rings.append([(lon + 360, lat) for lon, lat in points])
    return rings


def path_of(points: list[tuple[float, float]]) -> str:
    kept: list[tuple[float, float]] = []
    for lon, lat in points:
        point = (round(lon, 1), round(-lat, 1))
        if not kept or kept[-1] != point:
            kept.append(point)
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in kept) + "Z"


def main(source: str) -> None:
    with open(source, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                points = ring(indexes, arcs)
                # Antarctica runs round the pole from -180 to 180: already whole
                if min(lat for _, lat in points) > -89:
                    points = unwrapped(points)
                parts.extend(path_of(copy) for copy in copies(points))
    sys.stdout.write("".join(p for p in parts if p) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
