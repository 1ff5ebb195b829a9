"""Candidates for the registers: the names the recogniser found that no register knows.

Input: plain texts. Each is read by the plain-text reader and enriched by the
transforms that come before the header, the recogniser included
(transforms/recognised_names.py), so registered names are tagged already and
every guessed name keeps its source position (tp:src). Output: one Candidate per
name and kind over all the texts: its type (person, place, org), how often it
occurs, how sure the recogniser was, every position (file:line:column, 1-based,
as an editor's editor shows it), a line of context, and for a place its gazetteer
readings (one clear GeoNames id, or the candidates when the name is ambiguous).
Most frequent first. Nothing is added to any register here (ENCODING.md: a
machine's proposal is accepted by an editor; accept.py does that).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .context import Services
from .diagnostics import Location
from .pipeline import enrich_file
from .recognition import Recogniser
from .recognition.gazetteer import Reading
from .tei.ns import SRC, local_name
from .tei.positions import parse_src
from .transforms.header import HeaderTransform
from .transforms.names import elements, text_of
from .transforms.recognised_names import RESP_ID

Element = etree._Element
KINDS = {"persName": "person", "placeName": "place", "orgName": "org"}
CERTS = ("low", "medium", "high")


@dataclass(frozen=True)
class Mention:
    """One guessed name in a text: its words, kind, @cert, where, and its line."""

    text: str
    kind: str
    cert: str
    where: Location
    context: str


@dataclass
class Candidate:
    """A name no register knows, over all its mentions (see the module docstring)."""

    text: str
    kind: str
    cert: str
    positions: list[Location] = field(default_factory=list)
    context: str = ""
    readings: list[Reading] = field(default_factory=list)
    geonames: Reading | None = None

    @property
    def count(self) -> int:
        return len(self.positions)

    def as_json(self) -> dict[str, object]:
        """The JSON object `suggest --format json` prints for this candidate."""
        return {
            "text": self.text,
            "type": self.kind,
            "count": self.count,
            "cert": self.cert,
            "positions": [str(p) for p in self.positions],
            "context": self.context,
            "geonames": self.geonames.geonames_id if self.geonames else None,
            "readings": [_reading_json(r) for r in self.readings],
        }


def _reading_json(reading: Reading) -> dict[str, object]:
    return {
        "name": reading.name,
        "kind": reading.kind,
        "country": reading.country,
        "geonames": reading.geonames_id,
    }


def read_tree(path: Path, shown_as: str, services: Services) -> tuple[etree._ElementTree, str]:
    """The text read and enriched up to the names (the recogniser's included), as
    the pipeline does it, with the run's services; and the source text."""
    return enrich_file(path, shown_as, HeaderTransform.priority, services)


def mentions(tree: etree._ElementTree, source: str, shown_as: str) -> list[Mention]:
    """The guessed names of one document, in document order."""
    lines = source.split("\n")
    found = []
    for element in elements(tree, f"//tei:text//*[@resp='#{RESP_ID}']"):
        kind = KINDS.get(local_name(element.tag))
        src = element.get(SRC)
        if kind is None or src is None:
            continue
        where = parse_src(src)
        line = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
        found.append(
            Mention(
                " ".join(text_of(element).split()),
                kind,
                element.get("cert") or "low",
                where,
                _context(line, where.column),
            )
        )
    return found


def _context(line: str, column: int, width: int = 40) -> str:
    """The words around a column of a source line, cut at word boundaries."""
    start, end = max(0, column - 1 - width), min(len(line), column - 1 + width)
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    while end < len(line) and not line[end].isspace():
        end += 1
    return ("…" if start else "") + line[start:end].strip() + ("…" if end < len(line) else "")


def suggest(paths: Iterable[tuple[Path, str]], services: Services) -> list[Candidate]:
    """The names no register knows over all the texts (path, name shown), most
    frequent first, then by where they first occur. Known are the names of the
    services' registers; the services' recogniser finds the others (one is made
    if there is none)."""
    if services.recogniser is None:
        services.recogniser = Recogniser()
    recogniser = services.recogniser
    by_name: dict[tuple[str, str], Candidate] = {}
    for path, shown in paths:
        tree, source = read_tree(path, shown, services)
        for mention in mentions(tree, source, shown):
            key = (mention.kind, mention.text)
            candidate = by_name.setdefault(
                key, Candidate(mention.text, mention.kind, mention.cert, context=mention.context)
            )
            candidate.positions.append(mention.where)
            if CERTS.index(mention.cert) > CERTS.index(candidate.cert):
                candidate.cert = mention.cert
    for candidate in by_name.values():
        if candidate.kind == "place":
            candidate.readings = recogniser.gazetteer.readings(candidate.text)
            candidate.geonames = recogniser.gazetteer.clear(candidate.text)
    return sorted(by_name.values(), key=_order)


def _order(candidate: Candidate) -> tuple[int, str, int, int, str]:
    first = candidate.positions[0]
    return (-candidate.count, first.path, first.line, first.column, candidate.text)


def authority(candidate: Candidate) -> str:
    """What the gazetteers say: one GeoNames id, the readings of an ambiguous name, or ""."""
    if candidate.geonames is not None:
        return f"geonames:{candidate.geonames.geonames_id}"
    if len(candidate.readings) > 1:
        shown = "; ".join(r.describe() for r in candidate.readings[:4])
        more = f"; {len(candidate.readings) - 4} more" if len(candidate.readings) > 4 else ""
        return f"ambiguous: {shown}{more}"
    return ""


def table(candidates: list[Candidate], limit: int | None = 40) -> str:
    """The candidates as a plain table, each with every position and its context."""
    shown = candidates if limit is None else candidates[:limit]
    width = max([len(c.text) for c in shown] + [9])
    lines = [f"{'count':>5}  {'type':<6}  {'cert':<6}  {'candidate':<{width}}  positions"]
    for c in shown:
        lines.append(
            f"{c.count:>5}  {c.kind:<6}  {c.cert:<6}  {c.text:<{width}}  "
            + " ".join(str(p) for p in c.positions)
        )
        lines.append(f"{'':>5}  {'':<6}  {'':<6}  {'':<{width}}  {c.context}")
        if note := authority(c):
            lines.append(f"{'':>5}  {'':<6}  {'':<6}  {'':<{width}}  {note}")
    if limit is not None and len(candidates) > limit:
        lines.append(f"... {len(candidates) - limit} more (--all shows them all)")
    return "\n".join(lines)


def as_json(candidates: list[Candidate]) -> str:
    """The candidates as a JSON list (`suggest --format json`)."""
    return json.dumps([c.as_json() for c in candidates], ensure_ascii=False, indent=2)
