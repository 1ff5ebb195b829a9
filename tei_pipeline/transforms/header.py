"""The teiHeader, made from what the text says and what its sidecar adds.

Input: the tree the plain-text reader made (title page, preface, byline,
closer) and the sidecar. Output: a full teiHeader (ENCODING.md "The header"):
titleStmt, editionStmt, publicationStmt, sourceDesc with the source's sha256
and a listBibl of every earlier edition the text names, encodingDesc,
profileDesc with creation date and place, revisionDesc. Where the sidecar
contradicts the text, the text wins and the difference is reported (c-003).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from lxml import etree

from .. import __version__
from ..tei.builder import make, sub
from ..tei.ns import XML_ID, XML_LANG, xpath_elements
from ..tei.positions import location_of
from ..tei.textspan import collapsed
from .base import Context, Transform
from .catalogue import catalogue_of, edition_bibl
from .citations import Citation, citation_bibl, parse_citation
from .dates import parse_date
from .decl import editorial_decl

Element = etree._Element
APP_ID = "tei-pipeline"
LANGUAGES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "ru": "Russian",
    "zh": "Chinese",
    "pt": "Portuguese",
    "nl": "Dutch",
    "la": "Latin",
}
PUBLISHED_IN = re.compile(
    r"\b(?:first|originally|was|were)\s+(?:published|printed|appeared)\s+in\s+(?P<cite>.+?)(?=\.\s+[A-Z][a-z]|\.$|$)"
)
WRITTEN_AT = re.compile(
    r"\b(?:written|delivered|given|composed|signed|dated)\b[^.]*?\bin\s+(?P<place>[A-Z][^.;]*?)\s+on\s+(?:the\s+)?(?P<date>[^.;]+)"
)
EDITIONS_INTRO = re.compile(r"\beditions?\b[^.]*:$", re.IGNORECASE)


def first(doc: etree._ElementTree, xpath: str) -> Element | None:
    found = xpath_elements(doc, xpath)
    return found[0] if found else None


text_of = collapsed  # tei/textspan.py: the text, whitespace runs collapsed


@dataclass
class TextFacts:
    """What the text itself says about its title, authors, editions and origin."""

    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    authors: list[tuple[str, str]] = field(default_factory=list)  # (kind, name)
    editions: list[Element] = field(default_factory=list)
    date: str = ""
    date_text: str = ""
    place: str = ""
    contributors: list[tuple[str, str]] = field(default_factory=list)  # (role, name)


class HeaderTransform(Transform):
    """Build the teiHeader from the text and the sidecar."""

    name = "header"
    priority = 400

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        facts = read_facts(doc, ctx)
        self._compare_with_sidecar(facts, doc, ctx)
        old = first(doc, "/tei:TEI/tei:teiHeader")
        header = make("teiHeader")
        header.append(file_desc(facts, ctx))
        header.append(encoding_desc(doc, ctx))
        header.append(profile_desc(facts, ctx, doc.getroot()))
        header.append(revision_desc(ctx))
        root = doc.getroot()
        if old is not None:
            root.replace(old, header)
        else:
            root.insert(0, header)

    def _compare_with_sidecar(
        self, facts: TextFacts, doc: etree._ElementTree, ctx: Context
    ) -> None:
        side = ctx.sidecar
        where = location_of(doc.getroot(), ctx.shown_as)
        if side.title and facts.title and side.title != facts.title:
            ctx.reporter.report(
                "c-003",
                where,
                f'the sidecar title "{side.title}" differs from the text\'s "{facts.title}"',
            )
        value = parse_date(side.date) if side.date else None
        if value and facts.date and value.when != facts.date:
            ctx.reporter.report(
                "c-003",
                where,
                f"the sidecar date {value.when} differs from the text's {facts.date}",
            )


# -- what the text says -------------------------------------------------------


def read_facts(doc: etree._ElementTree, ctx: Context) -> TextFacts:
    facts = TextFacts()
    _read_title(doc, facts)
    _read_authors(doc, facts)
    _read_catalogue(doc, facts)
    _read_editions(doc, facts, ctx)
    _read_origin(doc, facts)
    side = ctx.sidecar
    if not facts.title:
        # a title from the file name: its name as it is, nothing invented (h-001 says so)
        facts.title = side.title or os.path.splitext(os.path.basename(ctx.shown_as))[0]
        if not side.title:
            ctx.reporter.report("h-001", location_of(doc.getroot(), ctx.shown_as))
    if not facts.subtitles and side.subtitle:
        facts.subtitles.append(side.subtitle)
    if not facts.authors:
        facts.authors = [("person", name) for name in side.authors]
    facts.editions.extend(_sidecar_editions(ctx))
    if not facts.date and side.date and (value := parse_date(side.date)):
        facts.date, facts.date_text = value.when, side.date
    facts.place = facts.place or (side.place or "")
    return facts


def _read_catalogue(doc: etree._ElementTree, facts: TextFacts) -> None:
    """A distributor's catalogue fields name the work better than its title
    page does (and never its "The Project Gutenberg EBook of X" line)."""
    found = catalogue_of(doc)
    if not found.found:
        return
    if found.title:
        facts.title = found.title
        facts.subtitles = [found.subtitle] if found.subtitle else []
    if found.authors:
        facts.authors = [("person", name) for name in found.authors]
    facts.contributors.extend(found.contributors)
    if found.distributed:
        facts.editions.insert(0, edition_bibl(found))


def _read_title(doc: etree._ElementTree, facts: TextFacts) -> None:
    cited = first(doc, "//tei:titlePage//tei:titlePart[@type='main']/tei:bibl/tei:title")
    main = first(doc, "//tei:titlePage//tei:titlePart[@type='main']")
    facts.title = text_of(cited) if cited is not None else text_of(main)
    for part in xpath_elements(doc, "//tei:titlePage//tei:titlePart[@type='sub']"):
        facts.subtitles.append(text_of(part).removeprefix("(").removesuffix(")"))


def _read_authors(doc: etree._ElementTree, facts: TextFacts) -> None:
    names = [
        text_of(e)
        for e in xpath_elements(
            doc,
            "//tei:text//tei:docAuthor | //tei:text/tei:body/tei:closer/tei:signed"
            " | //tei:titlePart/tei:bibl/tei:author",
        )
    ]
    # one author per surname, in its fullest form ("J. V. Stalin" over "Stalin")
    by_surname: dict[str, str] = {}
    for name in filter(None, names):
        surname = name.split()[-1]
        if len(name) > len(by_surname.get(surname, "")):
            by_surname[surname] = name
    facts.authors.extend(("person", name) for name in by_surname.values())
    if not facts.authors:
        periodical = first(doc, "//tei:titlePage/tei:docImprint/tei:title")
        if periodical is not None:
            facts.authors.append(("org", text_of(periodical)))


def _read_editions(doc: etree._ElementTree, facts: TextFacts, ctx: Context) -> None:
    cited = first(doc, "//tei:titlePage//tei:titlePart/tei:bibl")
    if cited is not None:
        facts.editions.append(_copy_bibl(cited))
    imprint = _imprint_bibl(doc)
    if imprint is not None:
        facts.editions.append(imprint)
    for para in xpath_elements(doc, "//tei:front/tei:div[@type='preface']/*"):
        name = etree.QName(para).localname
        if name == "list" and EDITIONS_INTRO.search(text_of(para.getprevious())):
            for item in xpath_elements(para, "tei:item"):
                facts.editions.append(_parsed(text_of(item), item, ctx))
        elif name == "p":
            for found in PUBLISHED_IN.finditer(text_of(para)):
                facts.editions.append(_parsed(found.group("cite"), para, ctx))


def _parsed(text: str, where: Element, ctx: Context) -> Element:
    citation = parse_citation(text)
    if not citation.complete:
        ctx.reporter.report(
            "h-003",
            location_of(where, ctx.shown_as),
            f'could not tell what "{", ".join(citation.leftovers)}" is in an edition citation',
        )
    return citation_bibl(citation)


def _copy_bibl(bibl: Element) -> Element:
    """A citation from the text, as a header bibl (positions dropped)."""
    copy = make("bibl", type_="printSource")
    for child in bibl:
        name = etree.QName(child).localname
        value = text_of(child)
        if name == "date" and (parsed := parse_date(value)):
            sub(copy, name, value, when=parsed.when)
        elif name == "title":
            sub(copy, name, value, level=child.get("level") or "m")
        else:
            sub(copy, name, value)
    return copy


def _imprint_bibl(doc: etree._ElementTree) -> Element | None:
    """A periodical masthead (Title No. N, date) with the article title under it."""
    imprint = first(doc, "//tei:titlePage/tei:docImprint")
    if imprint is None:
        return None
    periodical = first(doc, "//tei:titlePage/tei:docImprint/tei:title")
    issue = re.search(r"(?:No\.|Nr\.|Issue|#)\s*(\d+)", text_of(imprint))
    volume = re.search(r"(?:Vol\.|Volume)\s*(\d+)", text_of(imprint))
    main = first(doc, "//tei:titlePage//tei:titlePart[@type='main']")
    date = first(doc, "//tei:titlePage/tei:docDate")
    citation = Citation(
        title=text_of(main) or text_of(periodical),
        container=None,
        periodical=main is None,
        volume=volume.group(1) if volume else None,
        issue=issue.group(1) if issue else None,
        date=text_of(date) or None,
    )
    bibl = citation_bibl(citation)
    if main is not None:
        bibl[0].set("level", "a")
        bibl[0].addnext(make("title", text_of(periodical), level="j"))
    return bibl


def _sidecar_editions(ctx: Context) -> list[Element]:
    result = []
    for edition in ctx.sidecar.editions:
        citation = Citation(
            title=edition.title,
            author=edition.author,
            publisher=edition.publisher,
            places=edition.place,
            date=edition.date,
        )
        bibl = citation_bibl(citation, kind="digitalSource" if edition.url else "printSource")
        if edition.url:  # idno type="URI": the address the edition is known by (TEI 3.12.2.4)
            sub(bibl, "idno", edition.url, type="URI")
        result.append(bibl)
    return result


def _read_origin(doc: etree._ElementTree, facts: TextFacts) -> None:
    for xpath in (
        "//tei:body/tei:docDate",
        "//tei:front/tei:docDate",
        "//tei:body/tei:closer/tei:dateline/tei:date",
        "//tei:body/tei:opener/tei:dateline/tei:date",
        "//tei:titlePage/tei:docDate",
    ):
        element = first(doc, xpath)
        if element is not None and (value := parse_date(text_of(element))):
            facts.date, facts.date_text = value.when, text_of(element)
            break
    for para in xpath_elements(doc, "//tei:front/tei:div[@type='preface']/tei:p"):
        found = WRITTEN_AT.search(text_of(para))
        if found is None:
            continue
        facts.place = found.group("place").strip()
        if not facts.date:
            words = found.group("date").split()
            for size in range(min(len(words), 6), 0, -1):
                if value := parse_date(" ".join(words[:size])):
                    facts.date, facts.date_text = value.when, " ".join(words[:size])
                    break
        break


# -- the header's parts -------------------------------------------------------


def file_desc(facts: TextFacts, ctx: Context) -> Element:
    desc = make("fileDesc")
    title_stmt = sub(desc, "titleStmt")
    sub(title_stmt, "title", facts.title, type_="main")
    for subtitle in facts.subtitles:
        sub(title_stmt, "title", subtitle, type_="sub")
    for kind, name in facts.authors:
        author = sub(title_stmt, "author")
        sub(author, "orgName" if kind == "org" else "persName", name)
    for role, name in facts.contributors:
        contributor = sub(title_stmt, "respStmt")
        sub(contributor, "resp", role)
        sub(contributor, "persName", name)
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Encoded in TEI from the plain text, by rule")
    sub(resp, "name", APP_ID, ref=f"#{APP_ID}")
    edition = sub(desc, "editionStmt")
    sub(
        edition,
        "edition",
        ctx.sidecar.edition_statement
        or f"TEI edition, made by tei-pipeline {__version__}"
        " from the plain text named in the source description",
    )
    desc.append(publication_stmt(ctx))
    desc.append(source_desc(facts, ctx))
    return desc


UNPUBLISHED = "Unpublished: no publisher is named for this edition"
WHY_UNPUBLISHED = {
    True: " (neither the project file nor the text's sidecar names one).",
    False: " (it was made outside any tei-pipeline project, and no sidecar names one).",
}


def publication_stmt(ctx: Context) -> Element:
    stmt = make("publicationStmt")
    if ctx.sidecar.publisher is None:
        # TEI P5 2.2.4: a publicationStmt may be prose alone when there is no publisher
        sub(stmt, "p", UNPUBLISHED + WHY_UNPUBLISHED[ctx.services.project is not None])
        if "licence" in ctx.sidecar.model_fields_set:
            sub(stmt, "p", f"Licence stated: {ctx.sidecar.licence}")
        return stmt
    sub(stmt, "publisher", ctx.sidecar.publisher)
    availability = sub(stmt, "availability")
    sub(availability, "licence", ctx.sidecar.licence, target=ctx.sidecar.licence_url)
    sub(stmt, "idno", ctx.doc_id, type_="local")
    return stmt


def source_desc(facts: TextFacts, ctx: Context) -> Element:
    desc = make("sourceDesc")
    bibl = sub(desc, "bibl", type_="digitalSource")
    sub(bibl, "title", os.path.basename(ctx.shown_as))
    sub(bibl, "note", "The plain text this edition was made from.")
    sub(bibl, "idno", ctx.source_digest(), type_="sha256")
    if facts.editions:
        listbibl = sub(desc, "listBibl")
        for edition in facts.editions:
            listbibl.append(edition)
    return desc


def encoding_desc(doc: etree._ElementTree, ctx: Context) -> Element:
    desc = make("encodingDesc")
    desc.append(editorial_decl(doc, ctx))
    info = sub(desc, "appInfo")
    app = sub(info, "application", ident=APP_ID, version=__version__)
    app.set(XML_ID, APP_ID)
    sub(app, "label", "tei-pipeline")
    return desc


def profile_desc(facts: TextFacts, ctx: Context, root: Element) -> Element:
    desc = make("profileDesc")
    if facts.date or facts.place:
        creation = sub(desc, "creation")
        if facts.date:
            sub(creation, "date", facts.date_text, when=facts.date)
        if facts.place:
            if facts.date:
                creation[-1].tail = ", "
            sub(creation, "placeName", facts.place)
    usage = sub(desc, "langUsage")
    language = root.get(XML_LANG) or ctx.sidecar.language  # a detected language set it
    sub(usage, "language", LANGUAGES.get(language.split("-")[0], language), ident=language)
    return desc


def revision_desc(ctx: Context) -> Element:
    desc = make("revisionDesc")
    change = sub(
        desc,
        "change",
        "Encoded from the plain text by rule; not yet reviewed by an editor.",
        who=f"#{APP_ID}",
    )
    if ctx.services.build_date:  # reproducible builds: SOURCE_DATE_EPOCH, never the clock
        change.set("when", ctx.services.build_date)
    return desc
