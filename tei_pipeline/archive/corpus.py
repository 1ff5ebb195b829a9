"""The teiCorpus file of an archive: every TEI document of a build under one corpus header.

Input: the TEI files' bytes (name -> bytes) and what the corpus header may say.
Output: one TEI P5 ``teiCorpus`` document (Guidelines 15.1 "Varieties of Composite
Text": a corpus is a ``teiCorpus`` with its own ``teiHeader`` followed by the ``TEI``
documents, each keeping its own header).

Each document's xml:ids were unique only inside that document (every text has its
own ``#mao-zedong`` in its standOff), and an xml:id must be unique in the whole file.
So inside the corpus each id takes its document's id as a prefix
(``mao-1948-revolutionary-forces-unite.mao-zedong``) and every local pointer
(``ref="#mao-zedong"``) follows; the corpus header says so. The single files keep
their ids as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..files import document_id
from ..readers.tei import PARSER
from ..tei.ns import NSMAP, XML_ID, XML_LANG, tei


@dataclass(frozen=True)
class CorpusHeader:
    """What the corpus header says: all of it is known from the build, never invented."""

    title: str
    publisher: str | None
    date: str  # ISO 8601 date of the archive (SOURCE_DATE_EPOCH or the latest TEI date)
    tool: str  # "tei-pipeline 0.1.0"


def corpus_bytes(documents: dict[str, bytes], header: CorpusHeader) -> bytes:
    """The teiCorpus file gathering `documents` (file name -> TEI bytes), in name order."""
    root = etree.Element(tei("teiCorpus"), nsmap=NSMAP)  # type: ignore[arg-type]
    root.set(XML_LANG, "en")  # the language of the corpus header; each TEI keeps its own
    root.text = "\n"
    root.append(_header(header, sorted(documents)))
    for name in sorted(documents):
        document = etree.fromstring(documents[name], PARSER)
        prefix_ids(document, document.get(XML_ID) or document_id(name.rsplit(".", 1)[0]))
        document.tail = "\n"
        root.append(document)
    root[0].tail = "\n"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def prefix_ids(document: etree._Element, doc_id: str) -> None:
    """Make `document`'s xml:ids unique in a corpus: id -> doc_id.id, and every
    '#id' token of an attribute pointing at one of them follows. The root keeps
    its own id (it is already the document's name)."""
    renamed: dict[str, str] = {}
    if document.get(XML_ID) not in (None, doc_id):
        renamed[str(document.get(XML_ID))] = doc_id
    document.set(XML_ID, doc_id)
    for element in document.iter():
        old = element.get(XML_ID)
        if old is not None and element is not document:
            renamed[old] = f"{doc_id}.{old}"
            element.set(XML_ID, renamed[old])
    for element in document.iter():
        for attribute, value in element.attrib.items():
            if "#" in value:
                element.set(attribute, _repoint(str(value), renamed))


def _repoint(value: str, renamed: dict[str, str]) -> str:
    # pointers are whitespace-separated teidata.pointer values (Guidelines 1.4.2)
    tokens = []
    for token in value.split(" "):
        if token.startswith("#") and token[1:] in renamed:
            token = "#" + renamed[token[1:]]
        tokens.append(token)
    return " ".join(tokens)


def _header(header: CorpusHeader, names: list[str]) -> etree._Element:
    def el(local: str, text: str | None = None, **attributes: str) -> etree._Element:
        element = etree.Element(tei(local), attributes)
        element.text = text
        return element

    def nest(parent: etree._Element, *children: etree._Element) -> etree._Element:
        parent.extend(children)
        return parent

    resp = nest(
        el("respStmt"),
        el("resp", "Gathered into one corpus file, by rule"),
        el("name", header.tool),
    )
    title_stmt = nest(el("titleStmt"), el("title", header.title), resp)
    publication = el("publicationStmt")
    if header.publisher:
        publication.extend(
            [el("publisher", header.publisher), el("date", header.date, when=header.date)]
        )
    else:  # nothing says who publishes it: say what is known, in a paragraph
        publication.append(el("p", f"Gathered on {header.date}; no publisher is named."))
    listing = ", ".join(names)
    source = nest(
        el("sourceDesc"),
        el(
            "p",
            f"The {len(names)} TEI documents of one build ({listing}), each with its own header.",
        ),
    )
    encoding = nest(
        el("encodingDesc"),
        el(
            "p",
            "Each document is as in its own file, except that its xml:ids are prefixed "
            "with the document's id and a dot, and its local pointers follow, so that "
            "ids stay unique in the corpus.",
        ),
    )
    file_desc = nest(el("fileDesc"), title_stmt, publication, source)
    teiheader = nest(el("teiHeader"), file_desc, encoding)
    for element in teiheader.iter():
        if len(element):
            element.text = "\n"
        element.tail = "\n"
    return teiheader
